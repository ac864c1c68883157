//! JSON-LD that reads as JSON: a `@context` gives every property a short key (`label`,
//! `donatedTo`, `amount`) with its value type, so that values are plain strings, and IRIs are
//! compacted with the same prefixes as Turtle (`ent:elon-musk`).
//!
//! Only JSON-LD 1.0 features are used (no `@version`, no nested contexts), because readers such
//! as Jena's handle 1.0 only. Typed values stay strings with a `@type`, never JSON numbers or
//! booleans: a JSON number would turn `45000000` (xsd:decimal) into an xsd:integer on reading.
//! Quads arrive sorted by the caller; nodes keep that order and keys are sorted by serde_json.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use serde_json::{json, Map, Value};

use super::used_prefixes;
use crate::vocab::Iris;
use crate::Error;

/// How the context types a property's values.
#[derive(Clone, PartialEq, Eq)]
enum Coercion {
    /// Every value is an IRI: `"@type": "@id"`.
    Id,
    /// Every value is a literal of this datatype (not a plain or language-tagged string).
    Datatype(String),
    /// Every value is a plain string.
    Plain,
    /// Mixed values: each says what it is.
    None,
}

/// The node objects of one graph, with their compact ids, in output order.
type Nodes = Vec<(String, Map<String, Value>)>;

struct TermDef {
    key: String,
    coercion: Coercion,
}

pub(super) fn write(quads: &[Quad], iris: &Iris, mut writer: impl Write) -> Result<(), Error> {
    let prefixes = used_prefixes(
        quads,
        iris,
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    );
    // An IRI whose scheme is a name of the context (`ent:x` is an absolute IRI) would be read
    // as a compact IRI, so no prefix or key takes the name of a scheme of the data.
    let schemes = schemes(quads);
    let prefixes: Vec<(String, String)> = (prefixes.into_iter())
        .filter(|(p, _)| !schemes.contains(p.as_str()))
        .collect();
    let terms = terms(quads, &prefixes, &schemes, &|iri| compact(&prefixes, iri));
    let doc = Document {
        prefixes: &prefixes,
        terms,
    };
    let mut top = Map::new();
    top.insert("@context".into(), Value::Object(doc.context()));
    top.insert("@graph".into(), doc.graph(doc.nodes(quads)));
    serde_json::to_writer_pretty(&mut writer, &Value::Object(top)).map_err(std::io::Error::from)?;
    writer.write_all(b"\n")?;
    writer.flush()?;
    Ok(())
}

/// The scheme of every IRI of `quads`.
fn schemes(quads: &[Quad]) -> BTreeSet<&str> {
    let mut iris = Vec::new();
    for q in quads {
        if let NamedOrBlankNode::NamedNode(n) = &q.subject {
            iris.push(n.as_str());
        }
        iris.push(q.predicate.as_str());
        match &q.object {
            Term::NamedNode(n) => iris.push(n.as_str()),
            Term::Literal(l) => iris.push(l.datatype().as_str()),
            Term::BlankNode(_) => {}
        }
        if let GraphName::NamedNode(n) = &q.graph_name {
            iris.push(n.as_str());
        }
    }
    iris.into_iter()
        .filter_map(|iri| iri.split_once(':').map(|(scheme, _)| scheme))
        .collect()
}

/// An IRI with the first prefix that fits, else whole.
fn compact(prefixes: &[(String, String)], iri: &str) -> String {
    for (p, ns) in prefixes {
        if let Some(local) = iri.strip_prefix(ns.as_str()) {
            // A suffix starting with "//" would be read as an absolute IRI.
            if !local.is_empty() && !local.starts_with("//") {
                return format!("{p}:{local}");
            }
        }
    }
    iri.to_owned()
}

/// What the JSON-LD document is written with: the prefixes and each property's term.
struct Document<'a> {
    prefixes: &'a [(String, String)],
    terms: BTreeMap<String, TermDef>,
}

impl Document<'_> {
    fn compact(&self, iri: &str) -> String {
        compact(self.prefixes, iri)
    }

    /// The prefixes, then a definition for each property whose key is not its compact IRI.
    fn context(&self) -> Map<String, Value> {
        let mut context = Map::new();
        for (p, ns) in self.prefixes {
            context.insert(p.clone(), Value::String(ns.clone()));
        }
        for (iri, term) in &self.terms {
            if iri == rdf::TYPE.as_str() && term.coercion == Coercion::Id {
                continue; // written as @type
            }
            let id = self.compact(iri);
            let definition = match &term.coercion {
                Coercion::Id => json!({"@id": id, "@type": "@id"}),
                Coercion::Datatype(dt) => json!({"@id": id, "@type": self.compact(dt)}),
                Coercion::Plain | Coercion::None => Value::String(id.clone()),
            };
            // A key that is its own compact IRI still needs the type of its values.
            if term.key != id || definition.is_object() {
                context.insert(term.key.clone(), definition);
            }
        }
        context
    }

    fn value_of(&self, term: &TermDef, object: &Term) -> Value {
        match (object, &term.coercion) {
            (Term::NamedNode(n), Coercion::Id) => Value::String(self.compact(n.as_str())),
            (Term::NamedNode(n), _) => json!({"@id": self.compact(n.as_str())}),
            (Term::BlankNode(b), _) => json!({"@id": format!("_:{}", b.as_str())}),
            (Term::Literal(l), c) => literal(l, c, &|iri| self.compact(iri)),
        }
    }

    /// The key and value that a quad adds to its subject's node.
    fn entry(&self, q: &Quad) -> (String, Value) {
        if q.predicate.as_ref() == rdf::TYPE {
            if let Term::NamedNode(n) = &q.object {
                return ("@type".to_owned(), Value::String(self.compact(n.as_str())));
            }
        }
        let term = &self.terms[q.predicate.as_str()];
        (term.key.clone(), self.value_of(term, &q.object))
    }

    /// graph → subject → (types, key → values), in the order of the sorted quads.
    fn nodes(&self, quads: &[Quad]) -> Vec<(GraphName, Nodes)> {
        let mut graphs: Vec<(GraphName, Nodes)> = Vec::new();
        for q in quads {
            if graphs.last().is_none_or(|(g, _)| *g != q.graph_name) {
                graphs.push((q.graph_name.clone(), Vec::new()));
            }
            let nodes = &mut graphs.last_mut().expect("pushed above").1;
            let subject = match &q.subject {
                NamedOrBlankNode::NamedNode(n) => self.compact(n.as_str()),
                NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
            };
            if nodes.last().is_none_or(|(s, _)| *s != subject) {
                let mut node = Map::new();
                node.insert("@id".into(), Value::String(subject.clone()));
                nodes.push((subject, node));
            }
            let node = &mut nodes.last_mut().expect("pushed above").1;
            let (key, value) = self.entry(q);
            match node.get_mut(&key) {
                None => {
                    node.insert(key, value);
                }
                Some(Value::Array(values)) => values.push(value),
                Some(first) => *first = Value::Array(vec![first.take(), value]),
            }
        }
        graphs
    }

    /// The top `@graph`: the nodes, with each named graph as a node of its own.
    fn graph(&self, graphs: Vec<(GraphName, Nodes)>) -> Value {
        let node_list = |nodes: Nodes| -> Vec<Value> {
            nodes.into_iter().map(|(_, n)| Value::Object(n)).collect()
        };
        if graphs.iter().all(|(g, _)| g.is_default_graph()) {
            return Value::Array(graphs.into_iter().flat_map(|(_, n)| node_list(n)).collect());
        }
        let mut list = Vec::new();
        for (g, nodes) in graphs {
            let id = match g {
                GraphName::DefaultGraph => {
                    list.extend(node_list(nodes));
                    continue;
                }
                GraphName::NamedNode(n) => self.compact(n.as_str()),
                GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
            };
            list.push(json!({"@id": id, "@graph": node_list(nodes)}));
        }
        Value::Array(list)
    }
}

/// One short key per property: its local name, unless two properties share it or it could be
/// mistaken for a prefix or a scheme, in which case the compact IRI (`schema:name`) is the key.
fn terms(
    quads: &[Quad],
    prefixes: &[(String, String)],
    schemes: &BTreeSet<&str>,
    compact: &dyn Fn(&str) -> String,
) -> BTreeMap<String, TermDef> {
    let mut coercions: BTreeMap<String, Coercion> = BTreeMap::new();
    for q in quads {
        let c = match &q.object {
            Term::NamedNode(_) => Coercion::Id,
            Term::Literal(l) if l.language().is_some() => Coercion::None,
            Term::Literal(l) if l.datatype() == xsd::STRING => Coercion::Plain,
            Term::Literal(l) => Coercion::Datatype(l.datatype().as_str().to_owned()),
            Term::BlankNode(_) => Coercion::None,
        };
        coercions
            .entry(q.predicate.as_str().to_owned())
            .and_modify(|seen| {
                if *seen != c {
                    *seen = Coercion::None;
                }
            })
            .or_insert(c);
    }
    let local = |iri: &str| -> String {
        iri.rsplit(['#', '/'])
            .next()
            .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or("")
            .to_owned()
    };
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for iri in coercions.keys() {
        *uses.entry(local(iri)).or_default() += 1;
    }
    let mut reserved: BTreeSet<&str> = prefixes.iter().map(|(p, _)| p.as_str()).collect();
    reserved.extend(schemes);
    coercions
        .into_iter()
        .map(|(iri, coercion)| {
            let l = local(&iri);
            let key = if l.is_empty() || uses[&l] > 1 || reserved.contains(l.as_str()) {
                compact(&iri)
            } else {
                l
            };
            (iri, TermDef { key, coercion })
        })
        .collect()
}

fn literal(l: &Literal, coercion: &Coercion, compact: &dyn Fn(&str) -> String) -> Value {
    let value = Value::String(l.value().to_owned());
    if let Some(lang) = l.language() {
        return json!({"@value": value, "@language": lang});
    }
    let datatype: NamedNodeRef<'_> = l.datatype();
    match coercion {
        Coercion::Datatype(dt) if dt == datatype.as_str() => value,
        _ if datatype == xsd::STRING => value,
        _ => json!({"@value": value, "@type": compact(datatype.as_str())}),
    }
}
