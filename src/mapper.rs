//! Records to quads: the RDF model of newskg. Pure: no I/O, the same dataset gives the same quads.
//!
//! The model has two layers, as in Wikidata. The direct edge (`ent:elon-musk nkg:donatedTo
//! ent:america-pac`) serves simple queries and graph tools; it is drawn only for statuses that
//! say the relation held (`nkg:assertsEdge`). The statement node, an `rdf:Statement` naming that
//! edge with `rdf:subject`/`rdf:predicate`/`rdf:object`, carries the qualifiers, the status and
//! the provenance: `prov:wasDerivedFrom` the article and Web Annotation selectors for each quote.
//!
//! Graphs: the ontology in its own graph, entity descriptions in another, and one graph per
//! article for the article's description, its direct edges and its statements.

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::dataset::Placed;
use crate::dataset::{Checked, Dataset, Document, Entity, Relation};
use crate::model::Labels;
use crate::ontology::Ontology;
use crate::qualifiers::Qualifier;
use crate::vocab::{dcterms, nkg, oa, owl, prov, schema, skos, Iris};

/// Every quad of the graph: ontology, entities and articles, sorted.
pub fn map_dataset(dataset: &Dataset, ontology: &Ontology, iris: &Iris) -> Vec<Quad> {
    let mut out = ontology_quads(ontology);
    for entity in &dataset.entities {
        map_entity(entity, iris, &mut out);
    }
    for document in &dataset.documents {
        map_document(document, iris, &mut out);
        for relation in &document.relations {
            map_relation(document, relation, iris, &mut out);
        }
    }
    out.sort_by_cached_key(|q| q.to_string());
    out.dedup();
    out
}

/// The ontology, in its own graph.
pub fn ontology_quads(ontology: &Ontology) -> Vec<Quad> {
    let graph = GraphName::from(nkg::ONTOLOGY.into_owned());
    ontology
        .triples
        .iter()
        .map(|t| t.clone().in_graph(graph.clone()))
        .collect()
}

struct Sink<'a> {
    graph: GraphName,
    out: &'a mut Vec<Quad>,
}

impl Sink<'_> {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.out.push(Quad::new(
            NamedOrBlankNode::from(s.clone()),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn labels(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, labels: &Labels) {
        for (lang, value) in [("ar", &labels.ar), ("en", &labels.en)] {
            if let Some(v) = value {
                self.add(s, p, lang_literal(v, lang));
            }
        }
    }
}

fn lang_literal(value: &str, lang: &str) -> Literal {
    // Validation checked every tag; the checked constructor also normalizes its case.
    Literal::new_language_tagged_literal(value, lang).unwrap_or_else(|_| Literal::from(value))
}

/// One entity's description, in the entities' graph.
pub fn map_entity(entity: &Entity, iris: &Iris, out: &mut Vec<Quad>) {
    let mut sink = Sink {
        graph: iris.entities_graph().into(),
        out,
    };
    {
        let e = &entity.record;
        let node = iris.entity(&e.id);
        sink.add(&node, rdf::TYPE, entity.class.clone());
        // The id as a literal lets queries name an entity whatever the base IRI.
        sink.add(&node, dcterms::IDENTIFIER, Literal::from(e.id.as_str()));
        sink.labels(&node, rdfs::LABEL, &e.labels);
        for alias in &e.aliases {
            // Arabic texts sometimes spell a name in Latin letters ("Space X"): tag by script.
            let arabic = crate::wording::has_arabic(alias);
            sink.add(
                &node,
                skos::ALT_LABEL,
                lang_literal(alias, if arabic { "ar" } else { "en" }),
            );
        }
        if let Some(item) = &entity.wikidata {
            sink.add(&node, owl::SAME_AS, item.clone());
        }
    }
}

/// One article's description (not its relations), in the article's graph.
pub fn map_document(document: &Document, iris: &Iris, out: &mut Vec<Quad>) {
    let d = &document.record;
    let mut sink = Sink {
        graph: iris.article_graph(&d.id).into(),
        out,
    };
    let doc = iris.article(&d.id);
    sink.add(&doc, rdf::TYPE, nkg::ARTICLE.into_owned());
    sink.add(&doc, dcterms::IDENTIFIER, Literal::from(d.id.as_str()));
    if let Some(title) = &d.title {
        sink.labels(&doc, schema::HEADLINE, title);
    }
    if let Some(p) = &d.publisher {
        sink.add(&doc, schema::PUBLISHER, iris.entity(p));
    }
    for a in &d.authors {
        sink.add(&doc, schema::AUTHOR, iris.entity(a));
    }
    if let Some(url) = &document.url {
        sink.add(&doc, schema::URL, url.clone());
    }
    if let (Some(date), Some(p)) = (&document.published, &d.published) {
        sink.add(&doc, schema::DATE_PUBLISHED, date.literal());
        sink.add(&doc, nkg::DATE_INFERRED, Literal::from(p.inferred));
        if let Some(reason) = &p.reason {
            sink.add(&doc, nkg::DATE_INFERENCE_REASON, lang_literal(reason, "en"));
        }
    }
    sink.add(
        &doc,
        schema::IN_LANGUAGE,
        Literal::from(d.language.as_str()),
    );
    for r in &d.reports_from {
        sink.add(&doc, nkg::REPORTS_FROM, iris.entity(r));
    }
    sink.add(&doc, nkg::SOURCE_FILE, Literal::from(d.source.as_str()));
}

/// One relation of `document`: its direct edge (when its status says it held) and its
/// statement, in the article's graph.
pub fn map_relation(document: &Document, relation: &Relation, iris: &Iris, out: &mut Vec<Quad>) {
    let d = &document.record;
    let mut sink = Sink {
        graph: iris.article_graph(&d.id).into(),
        out,
    };
    let article = Article {
        id: &d.id,
        node: iris.article(&d.id),
        language: &d.language,
        iris,
    };
    statement(relation, &article, &mut sink);
}

fn statement(relation: &Relation, at: &Article<'_>, sink: &mut Sink<'_>) {
    let r = &relation.record;
    let iris = at.iris;
    let subject = iris.entity(&r.subject);
    let object = iris.entity(&r.object);
    if relation.asserts_edge {
        sink.add(&subject, relation.property.as_ref(), object.clone());
    }
    let st = iris.statement(at.id, &r.id);
    sink.add(&st, rdf::TYPE, relation.statement_class.clone());
    // "article/relation", so that queries can name a statement whatever the base IRI.
    sink.add(
        &st,
        dcterms::IDENTIFIER,
        Literal::from(format!("{}/{}", at.id, r.id)),
    );
    sink.add(&st, rdf::TYPE, nkg::STATEMENT.into_owned());
    sink.add(&st, rdf::SUBJECT, subject);
    sink.add(&st, rdf::PREDICATE, relation.property.clone());
    sink.add(&st, rdf::OBJECT, object);
    sink.add(&st, prov::WAS_DERIVED_FROM, at.node.clone());
    for (q, value) in &relation.qualifiers {
        map_qualifier(&st, &r.id, q, value, at, sink);
    }
    if let Some(note) = &r.note {
        sink.add(&st, rdfs::COMMENT, lang_literal(note, "en"));
    }
}

/// The article that statements are mapped in: its id, node, language, and the IRIs.
struct Article<'a> {
    id: &'a str,
    node: NamedNode,
    language: &'a str,
    iris: &'a Iris,
}

/// Writes one checked qualifier of statement `st` with its predicates.
fn map_qualifier(
    st: &NamedNode,
    rel_id: &str,
    q: &Qualifier,
    value: &Checked,
    at: &Article<'_>,
    sink: &mut Sink<'_>,
) {
    let p = q.predicate();
    match value {
        Checked::Term(term) => sink.add(st, p, term.clone()),
        Checked::Date(date) => sink.add(st, p, date.literal()),
        Checked::Decimal(v) => sink.add(st, p, decimal(v)),
        Checked::Code(v) => sink.add(st, p, Literal::from(v.as_str())),
        Checked::Entities(ids) => {
            for id in ids {
                sink.add(st, p, at.iris.entity(id));
            }
        }
        Checked::Texts(texts) => {
            for labels in texts {
                sink.labels(st, p, labels);
            }
        }
        Checked::Statement(id) => sink.add(st, p, at.iris.statement(at.id, id)),
        Checked::Statements(ids) => {
            // Symmetric: both directions, in the graph of the article that makes the link.
            for (doc, rel) in ids {
                let other = at.iris.statement(doc, rel);
                sink.add(st, p, other.clone());
                sink.add(&other, p, st.clone());
            }
        }
        Checked::Resolution(res) => {
            // The wording is in the article's language; the rule is the annotator's English.
            sink.add(st, p, lang_literal(&res.expression, at.language));
            if let Some(rule) = q.predicates.get(1) {
                sink.add(st, *rule, lang_literal(&res.rule, "en"));
            }
        }
        Checked::Evidence(quotes) => map_evidence(st, rel_id, p, quotes, at, sink),
    }
}

/// A decimal in its canonical form (`"010.50"` is `10.5`): the store keeps a decimal by its
/// value and gives that form back, and an export must give back what the mapper made.
fn decimal(lexical: &str) -> Literal {
    let canonical = lexical
        .parse::<oxsdatatypes::Decimal>()
        .map(|d| d.to_string());
    Literal::new_typed_literal(canonical.as_deref().unwrap_or(lexical), xsd::DECIMAL)
}

/// Each quote as a Web Annotation: a specific resource of the article with a selector that
/// gives the quote and its character offsets.
fn map_evidence(
    st: &NamedNode,
    rel_id: &str,
    p: NamedNodeRef<'_>,
    quotes: &[Placed],
    at: &Article<'_>,
    sink: &mut Sink<'_>,
) {
    for (i, e) in quotes.iter().enumerate() {
        let n = i + 1;
        let ev = at.iris.evidence(at.id, rel_id, n);
        let sel = at.iris.selector(at.id, rel_id, n);
        sink.add(st, p, ev.clone());
        sink.add(&ev, rdf::TYPE, oa::SPECIFIC_RESOURCE.into_owned());
        sink.add(&ev, oa::HAS_SOURCE, at.node.clone());
        sink.add(&ev, oa::HAS_SELECTOR, sel.clone());
        sink.add(&sel, rdf::TYPE, oa::TEXT_QUOTE_SELECTOR.into_owned());
        sink.add(&sel, rdf::TYPE, oa::TEXT_POSITION_SELECTOR.into_owned());
        sink.add(&sel, oa::EXACT, lang_literal(&e.quote, at.language));
        // xsd:integer rather than the spec's xsd:nonNegativeInteger: Oxigraph stores integer
        // subtypes as xsd:integer, and an export must give back what the mapper made.
        for (p, v) in [(oa::START, e.start), (oa::END, e.end)] {
            sink.add(
                &sel,
                p,
                Literal::new_typed_literal(v.to_string(), xsd::INTEGER),
            );
        }
    }
}
