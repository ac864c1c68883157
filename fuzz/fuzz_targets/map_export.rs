//! Fuzz target: a data set that validates, mapped to quads, loaded, exported and read back.
//!
//! The input is a list of edits to the fixture `tests/fixtures/basic/data` (labels, aliases,
//! ids renamed everywhere they are used, new entities, the article's id, URL, language and
//! title, notes, role and topic texts, amounts, dates, links between statements, new sentences
//! of the source text quoted as evidence) and a base IRI. The edited data set goes through
//! `newskg::compile` (validate, then map); what validation refuses is done with. What it takes
//! must give only valid IRIs (the data IRIs ASCII under the base) and language tags; come back
//! from an Oxigraph store as it went in; and, written from the store's quads as `newskg export`
//! writes them in Turtle, TriG, N-Triples, N-Quads, RDF/XML and JSON-LD (and streamed as
//! N-Quads and TriG), parse back with Oxigraph's parsers into the same quads (the union of the
//! graphs for the formats without graphs). RDF/XML and GraphML must be well-formed XML 1.0; the
//! other property-graph exports must not panic.

#![no_main]

use std::collections::BTreeSet;
use std::fs;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newskg::export::{self, pg};
use newskg::pgraph::PropertyGraph;
use newskg::{Error, GraphStore, Iris, Ontology};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Triple};
use serde_json::{json, Value};

const ENTITIES: &str = include_str!("../../tests/fixtures/basic/data/entities.json");
const ARTICLE: &str = include_str!("../../tests/fixtures/basic/data/articles/sample.json");
const TEXT: &str = include_str!("../../tests/fixtures/basic/data/corpus/sample.txt");

const BASES: &[&str] = &[
    newskg::vocab::DEFAULT_BASE,
    "http://x.example/kg",
    "https://example.org/a#",
    "urn:x:",
    "http://example.org/p?q=1",
    "http://[::1]:8080/",
    "https://例え.jp/グラフ/",
    "file:///tmp/kg/",
];

#[derive(Arbitrary, Debug)]
struct Input {
    base: Base,
    /// Whether the ontology's graph goes along (it always does in `newskg export`; without it
    /// a run is several times faster).
    with_ontology: bool,
    edits: Vec<Edit>,
}

#[derive(Arbitrary, Debug)]
enum Base {
    Preset(u8),
    Own(String),
}

/// An id: letters from the id alphabet (valid most of the time) or any string.
#[derive(Arbitrary, Debug)]
enum Id {
    Word(Vec<u8>),
    Raw(String),
}

impl Id {
    fn text(&self) -> String {
        const ALPHABET: &[u8] =
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
        match self {
            Id::Word(bytes) => bytes
                .iter()
                .map(|b| char::from(ALPHABET[*b as usize % ALPHABET.len()]))
                .collect(),
            Id::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Edit {
    Label {
        entity: u8,
        english: bool,
        value: String,
    },
    Alias {
        entity: u8,
        value: String,
    },
    RenameEntity {
        entity: u8,
        id: Id,
    },
    AddEntity {
        id: Id,
        kind: u8,
        ar: String,
        en: String,
        wikidata: Option<String>,
    },
    DocumentId(Id),
    Url(String),
    Language(String),
    Title {
        english: bool,
        value: String,
    },
    Published {
        date: String,
        reason: Option<String>,
    },
    RelationId {
        relation: u8,
        id: Id,
    },
    Note {
        relation: u8,
        value: String,
    },
    /// `role`, `reason`, `purpose`, then `topics` and `areas` (a one-item list).
    Texts {
        relation: u8,
        field: u8,
        english: bool,
        value: String,
    },
    /// A sentence added to the source text and quoted (without offsets) as the relation's
    /// evidence, or as a second quote.
    Quote {
        relation: u8,
        sentence: String,
        second: bool,
    },
    Resolved {
        relation: u8,
        expression: String,
        rule: String,
    },
    Amount {
        relation: u8,
        amount: String,
        currency: String,
    },
    Date {
        relation: u8,
        field: u8,
        date: String,
    },
    SameAs {
        relation: u8,
        other: u8,
        contradicts: bool,
    },
    Entity {
        relation: u8,
        field: u8,
        entity: u8,
    },
}

struct Setup {
    ontology: Ontology,
    dir: tempfile::TempDir,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("newskg-fuzz-map-")
            .tempdir()
            .expect("a scratch directory");
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        fs::create_dir_all(dir.path().join("corpus")).unwrap();
        Setup {
            ontology: Ontology::bundled().unwrap(),
            dir,
        }
    })
}

/// Every string of `v` equal to `from` (an id where it is used), and every `from/...` link,
/// renamed.
fn rename(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::String(s) if s == from => *s = to.to_owned(),
        Value::Array(items) => items.iter_mut().for_each(|i| rename(i, from, to)),
        Value::Object(map) => map.values_mut().for_each(|i| rename(i, from, to)),
        _ => {}
    }
}

struct Data {
    entities: Vec<Value>,
    article: Value,
    text: String,
}

impl Data {
    fn entity(&mut self, n: u8) -> &mut Value {
        let len = self.entities.len();
        &mut self.entities[n as usize % len]
    }

    fn relation(&mut self, n: u8) -> &mut Value {
        let relations = self.article["relations"].as_array_mut().unwrap();
        let len = relations.len();
        &mut relations[n as usize % len]
    }

    fn relation_id(&self, n: u8) -> String {
        let relations = self.article["relations"].as_array().unwrap();
        relations[n as usize % relations.len()]["id"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn entity_id(&self, n: u8) -> String {
        self.entities[n as usize % self.entities.len()]["id"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn apply(&mut self, edit: &Edit, ontology: &Ontology) {
        let lang = |english: bool| if english { "en" } else { "ar" };
        match edit {
            Edit::Label {
                entity,
                english,
                value,
            } => self.entity(*entity)["labels"][lang(*english)] = json!(value),
            Edit::Alias { entity, value } => {
                let e = self.entity(*entity);
                if !e["aliases"].is_array() {
                    e["aliases"] = json!([]);
                }
                e["aliases"].as_array_mut().unwrap().push(json!(value));
            }
            Edit::RenameEntity { entity, id } => {
                let from = self.entity_id(*entity);
                let to = id.text();
                for e in &mut self.entities {
                    rename(&mut e["id"], &from, &to);
                }
                rename(&mut self.article, &from, &to);
            }
            Edit::AddEntity {
                id,
                kind,
                ar,
                en,
                wikidata,
            } => {
                let kinds: Vec<&String> = ontology.entity_types.keys().collect();
                let mut e = json!({
                    "id": id.text(),
                    "type": kinds[*kind as usize % kinds.len()],
                    "labels": {"ar": ar, "en": en},
                });
                if let Some(q) = wikidata {
                    e["wikidata"] = json!(q);
                }
                self.entities.push(e);
            }
            Edit::DocumentId(id) => self.article["document"]["id"] = json!(id.text()),
            Edit::Url(url) => self.article["document"]["url"] = json!(url),
            Edit::Language(tag) => self.article["document"]["language"] = json!(tag),
            Edit::Title { english, value } => {
                self.article["document"]["title"][lang(*english)] = json!(value)
            }
            Edit::Published { date, reason } => {
                let mut p = json!({ "date": date });
                if let Some(reason) = reason {
                    p["inferred"] = json!(true);
                    p["reason"] = json!(reason);
                }
                self.article["document"]["published"] = p;
            }
            Edit::RelationId { relation, id } => {
                self.relation(*relation)["id"] = json!(id.text());
            }
            Edit::Note { relation, value } => self.relation(*relation)["note"] = json!(value),
            Edit::Texts {
                relation,
                field,
                english,
                value,
            } => {
                let mut labels = json!({});
                labels[lang(*english)] = json!(value);
                let r = self.relation(*relation);
                match field % 5 {
                    0 => r["role"] = labels,
                    1 => r["reason"] = labels,
                    2 => r["purpose"] = labels,
                    3 => r["topics"] = json!([labels]),
                    _ => r["areas"] = json!([labels]),
                }
            }
            Edit::Quote {
                relation,
                sentence,
                second,
            } => {
                self.text.push('\n');
                self.text.push_str(sentence);
                let quote = json!({ "quote": sentence });
                let r = self.relation(*relation);
                if let (true, Some(list)) = (*second, r["evidence"].as_array_mut()) {
                    list.push(quote);
                    return;
                }
                r["evidence"] = json!([quote]);
            }
            Edit::Resolved {
                relation,
                expression,
                rule,
            } => {
                self.relation(*relation)["resolved"] =
                    json!({ "expression": expression, "rule": rule })
            }
            Edit::Amount {
                relation,
                amount,
                currency,
            } => {
                let r = self.relation(*relation);
                r["amount"] = json!(amount);
                r["currency"] = json!(currency);
            }
            Edit::Date {
                relation,
                field,
                date,
            } => {
                let key = ["date", "start", "end"][*field as usize % 3];
                self.relation(*relation)[key] = json!(date);
            }
            Edit::SameAs {
                relation,
                other,
                contradicts,
            } => {
                let doc = self.article["document"]["id"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned();
                let target = format!("{doc}/{}", self.relation_id(*other));
                let key = if *contradicts {
                    "contradicts"
                } else {
                    "same_as"
                };
                self.relation(*relation)[key] = json!([target]);
            }
            Edit::Entity {
                relation,
                field,
                entity,
            } => {
                let id = self.entity_id(*entity);
                let fields = [
                    "subject",
                    "object",
                    "place",
                    "host",
                    "intermediary",
                    "beneficiary",
                ];
                let key = fields[*field as usize % fields.len()];
                self.relation(*relation)[key] = json!(id);
            }
        }
    }
}

fn format_name(format: RdfFormat) -> &'static str {
    format.name()
}

/// Parses `bytes` in `format`, or panics with them.
fn parse(bytes: &[u8], format: RdfFormat) -> BTreeSet<String> {
    let mut quads = BTreeSet::new();
    for q in RdfParser::from_format(format).for_slice(bytes) {
        match q {
            Ok(q) => quads.insert(q.to_string()),
            Err(e) => panic!(
                "the {} export does not parse: {e}\n{}",
                format_name(format),
                String::from_utf8_lossy(bytes)
            ),
        };
    }
    quads
}

fn well_formed_xml(bytes: &[u8], what: &str) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"));
    if let Err(e) = roxmltree::Document::parse(text) {
        panic!("{what} is not well-formed XML: {e}\n{text}");
    }
}

/// Every IRI is valid, the data IRIs are ASCII under the base, every language tag is valid.
fn check_terms(quads: &[Quad], iris: &Iris) {
    let check_iri = |n: &NamedNode| {
        assert!(NamedNode::new(n.as_str()).is_ok(), "invalid IRI <{n}>");
        if let Some(rest) = n.as_str().strip_prefix(iris.base()) {
            assert!(rest.is_ascii(), "a data IRI that is not ASCII: <{n}>");
        }
    };
    for q in quads {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = &q.subject {
            check_iri(n);
        }
        check_iri(&q.predicate);
        match &q.object {
            Term::NamedNode(n) => check_iri(n),
            Term::Literal(l) => {
                check_iri(&l.datatype().into_owned());
                if let Some(lang) = l.language() {
                    assert!(
                        Literal::new_language_tagged_literal(l.value(), lang).is_ok(),
                        "invalid language tag {lang:?}"
                    );
                }
            }
            _ => {}
        }
        if let GraphName::NamedNode(n) = &q.graph_name {
            check_iri(n);
        }
    }
}

fuzz_target!(|input: Input| {
    let s = setup();
    let base = match &input.base {
        Base::Preset(n) => BASES[*n as usize % BASES.len()].to_owned(),
        Base::Own(b) => b.clone(),
    };
    let Ok(iris) = Iris::new(&base) else {
        return; // refused, as `--base` would be
    };
    let mut data = Data {
        entities: serde_json::from_str::<Value>(ENTITIES).unwrap()["entities"]
            .as_array()
            .unwrap()
            .clone(),
        article: serde_json::from_str(ARTICLE).unwrap(),
        text: TEXT.to_owned(),
    };
    for edit in input.edits.iter().take(16) {
        data.apply(edit, &s.ontology);
    }
    let dir = s.dir.path();
    let write = |path: &str, text: &str| fs::write(dir.join(path), text).unwrap();
    write(
        "entities.json",
        &serde_json::to_string_pretty(&json!({ "entities": data.entities })).unwrap(),
    );
    write(
        "articles/sample.json",
        &serde_json::to_string_pretty(&data.article).unwrap(),
    );
    write("corpus/sample.txt", &data.text);

    let mut quads = match newskg::compile(dir, &s.ontology, &iris) {
        Ok((_, quads)) => quads,
        Err(Error::Invalid(_)) => return,
        Err(e) => panic!("not a problem of the data: {e}"),
    };
    if !input.with_ontology {
        let ontology = GraphName::from(newskg::vocab::nkg::ONTOLOGY.into_owned());
        quads.retain(|q| q.graph_name != ontology);
    }
    check_terms(&quads, &iris);
    let mapped: BTreeSet<String> = quads.iter().map(Quad::to_string).collect();

    // The store gives back what went in.
    let store = GraphStore::memory().unwrap();
    store.replace_all(&quads).unwrap();
    let stored = store.quads(None).unwrap();
    let back: BTreeSet<String> = stored.iter().map(Quad::to_string).collect();
    assert!(back == mapped, "the store changed the quads");

    let union: BTreeSet<String> = stored
        .iter()
        .map(|q| {
            Triple::from(q.clone())
                .in_graph(GraphName::DefaultGraph)
                .to_string()
        })
        .collect();
    let formats = [
        RdfFormat::Turtle,
        RdfFormat::TriG,
        RdfFormat::NTriples,
        RdfFormat::NQuads,
        RdfFormat::RdfXml,
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    ];
    for format in formats {
        let mut out = Vec::new();
        export::write_quads(&stored, format, &iris, &mut out).unwrap();
        if format == RdfFormat::RdfXml {
            well_formed_xml(&out, "the RDF/XML export");
        }
        let expected = if format.supports_datasets() {
            &mapped
        } else {
            &union
        };
        let parsed = parse(&out, format);
        assert!(
            &parsed == expected,
            "the {} export reads back as other quads:\nmissing {:?}\nextra {:?}",
            format_name(format),
            expected.difference(&parsed).collect::<Vec<_>>(),
            parsed.difference(expected).collect::<Vec<_>>(),
        );
    }

    // The whole dataset streamed, as `newskg export` writes N-Quads and TriG.
    let mut out = Vec::new();
    export::write_nquads_stream(store.stream_quads(None), &mut out).unwrap();
    assert!(parse(&out, RdfFormat::NQuads) == mapped, "streamed N-Quads");
    let mut graphs = vec![GraphName::DefaultGraph];
    graphs.extend(
        store
            .named_graphs()
            .unwrap()
            .into_iter()
            .map(GraphName::from),
    );
    let mut out = Vec::new();
    let quads_of = |g: &GraphName| store.stream_quads(Some(g.as_ref())).collect();
    export::write_trig_stream(graphs, quads_of, &iris, &mut out).unwrap();
    assert!(parse(&out, RdfFormat::TriG) == mapped, "streamed TriG");

    // The property graph, from the same quads.
    let graph = PropertyGraph::from_quads(&stored, &s.ontology);
    let mut out = Vec::new();
    pg::write_graphml(&graph, &mut out).unwrap();
    well_formed_xml(&out, "the GraphML export");
    pg::write_cypher(&graph, Vec::new()).unwrap();
    pg::write_dot(&graph, Vec::new()).unwrap();
    pg::write_neo4j_csv(&graph, Vec::new(), Vec::new()).unwrap();
});
