//! The graph as a property graph: entities are nodes, every statement is one edge that carries
//! all its qualifiers as properties. This is what the non-RDF exports (GraphML, Neo4j CSV and
//! Cypher, DOT) and the pictures are made from.
//!
//! It is read back from the store's quads rather than from the extraction files, so that what a
//! property-graph tool sees is exactly what SPARQL sees. Every statement becomes an edge, whatever
//! its status: an alleged or denied relation is kept, with `asserted` false, because dropping it
//! would lose what the article says. Property names are the keys of the extraction files, so a
//! Cypher query reads like the JSON it came from. The set of properties is fixed by [`NODE_PROPERTIES`]
//! and [`EDGE_PROPERTIES`], not by the data, so every export of any subset has the same columns.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};

use crate::vocab::{dcterms, nkg, oa, owl, prov, schema, skos, WIKIDATA_ENTITY};
use crate::wording::Lang;
use crate::Ontology;

/// The kind of a property's values, which decides its column type in each format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A decimal number, kept as its exact lexical form.
    Number,
    Boolean,
    Texts,
    Integers,
}

/// One property that nodes or edges may carry.
#[derive(Debug, Clone, Copy)]
pub struct Property {
    pub name: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
}

const fn prop(name: &'static str, kind: Kind, doc: &'static str) -> Property {
    Property { name, kind, doc }
}

/// Node properties, in column order. `id` and `kind` are not listed: every node has them.
pub const NODE_PROPERTIES: &[Property] = &[
    prop("label_en", Kind::Text, "name in English"),
    prop("label_ar", Kind::Text, "name in Arabic"),
    prop("aliases", Kind::Texts, "other spellings, Arabic or English"),
    prop("wikidata", Kind::Text, "Wikidata item id, e.g. Q317521"),
    prop("iri", Kind::Text, "the entity's IRI in the RDF graph"),
];

/// Edge properties, in column order. `id`, `source`, `target` and `relation` are not listed:
/// every edge has them.
pub const EDGE_PROPERTIES: &[Property] = &[
    prop(
        "status",
        Kind::Text,
        "stated, reported, ended, alleged, considered, offered, planned, denied or abandoned",
    ),
    prop(
        "asserted",
        Kind::Boolean,
        "whether the status says the relation held (the RDF graph then has the direct edge)",
    ),
    prop("date", Kind::Text, "when: YYYY, YYYY-MM or YYYY-MM-DD"),
    prop("start_date", Kind::Text, "start of a period"),
    prop("end_date", Kind::Text, "end of a period"),
    prop(
        "date_expression",
        Kind::Text,
        "the words of the text that a date was resolved from",
    ),
    prop("date_rule", Kind::Text, "how that date was resolved"),
    prop("amount", Kind::Number, "amount of money"),
    prop(
        "amount_bound",
        Kind::Text,
        "exact, approximate, at-least or at-most",
    ),
    prop("currency", Kind::Text, "ISO 4217 code of the amount"),
    prop(
        "intermediary",
        Kind::Text,
        "entity id the money went through",
    ),
    prop(
        "beneficiary",
        Kind::Text,
        "entity id the money was meant for",
    ),
    prop(
        "purpose_en",
        Kind::Text,
        "what the money was for, in English",
    ),
    prop(
        "purpose_ar",
        Kind::Text,
        "what the money was for, in Arabic",
    ),
    prop(
        "part_of",
        Kind::Text,
        "id of the statement (a total) that this one is part of",
    ),
    prop("role_en", Kind::Text, "role or title, in English"),
    prop("role_ar", Kind::Text, "role or title, in Arabic"),
    prop("areas_en", Kind::Texts, "policy areas, in English"),
    prop("areas_ar", Kind::Texts, "policy areas, in Arabic"),
    prop("reason_en", Kind::Text, "why, in English"),
    prop("reason_ar", Kind::Text, "why, in Arabic"),
    prop("place", Kind::Text, "entity id of the place"),
    prop("host", Kind::Text, "entity id of the host"),
    prop(
        "participants",
        Kind::Texts,
        "entity ids of everyone present",
    ),
    prop("topics_en", Kind::Texts, "topics discussed, in English"),
    prop("topics_ar", Kind::Texts, "topics discussed, in Arabic"),
    prop(
        "asserted_by",
        Kind::Texts,
        "entity ids of whoever the article attributes the claim to",
    ),
    prop("note", Kind::Text, "the extractor's note"),
    prop(
        "article",
        Kind::Text,
        "id of the article the statement comes from",
    ),
    prop(
        "article_date",
        Kind::Text,
        "publication date of that article",
    ),
    prop("article_title", Kind::Text, "headline of that article"),
    prop(
        "reported_by",
        Kind::Texts,
        "entity ids of the outlets that the article reports from",
    ),
    prop(
        "quote",
        Kind::Texts,
        "the verbatim Arabic sentences that support the statement",
    ),
    prop(
        "quote_start",
        Kind::Integers,
        "character offset where each quote starts in the article text",
    ),
    prop(
        "quote_end",
        Kind::Integers,
        "character offset where each quote ends",
    ),
];

/// The properties of a node or an edge, by name.
pub type Props = BTreeMap<&'static str, Value>;

/// A property value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(String),
    Boolean(bool),
    Texts(Vec<String>),
    Integers(Vec<i64>),
}

impl Value {
    /// The value as one string: list items joined by `sep`.
    pub fn joined(&self, sep: &str) -> String {
        match self {
            Value::Text(s) | Value::Number(s) => s.clone(),
            Value::Boolean(b) => b.to_string(),
            Value::Texts(v) => v.join(sep),
            Value::Integers(v) => v.iter().map(i64::to_string).collect::<Vec<_>>().join(sep),
        }
    }
}

/// An entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    /// The entity type's key: person, company, place…
    pub kind: String,
    pub props: Props,
}

/// A statement: `source` did `relation` to `target`, with its qualifiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// `article/relation`, e.g. `a000/r08`.
    pub id: String,
    pub source: String,
    pub target: String,
    /// The relation type's key: advises, donated-to, met-at…
    pub relation: String,
    pub props: Props,
}

impl Node {
    pub fn text(&self, name: &str) -> Option<&str> {
        text(&self.props, name)
    }

    /// The entity's name in `lang`, if it has one in that language.
    pub fn label(&self, lang: Lang) -> Option<&str> {
        self.text(match lang {
            Lang::En => "label_en",
            Lang::Ar => "label_ar",
        })
    }

    /// Other spellings, Arabic or English.
    pub fn aliases(&self) -> &[String] {
        texts(&self.props, "aliases")
    }

    pub fn wikidata(&self) -> Option<&str> {
        self.text("wikidata")
    }

    /// The entity's IRI in the RDF graph.
    pub fn iri(&self) -> Option<&str> {
        self.text("iri")
    }
}

/// Typed reads of the edge's columns, so that code reading a qualifier names it in Rust and a
/// renamed column is a compile error rather than a silently empty value.
impl Edge {
    pub fn text(&self, name: &str) -> Option<&str> {
        text(&self.props, name)
    }

    /// The status key: `stated`, `reported`, `alleged`…
    pub fn status(&self) -> Option<&str> {
        self.text("status")
    }

    /// Whether the status says that the relation held (the RDF graph then has the direct
    /// edge). The one definition: a statement without a known status is not asserted.
    pub fn asserted(&self) -> bool {
        matches!(self.props.get("asserted"), Some(Value::Boolean(true)))
    }

    pub fn date(&self) -> Option<&str> {
        self.text("date")
    }

    pub fn start_date(&self) -> Option<&str> {
        self.text("start_date")
    }

    pub fn end_date(&self) -> Option<&str> {
        self.text("end_date")
    }

    /// The words of the text that a date was resolved from.
    pub fn date_expression(&self) -> Option<&str> {
        self.text("date_expression")
    }

    pub fn date_rule(&self) -> Option<&str> {
        self.text("date_rule")
    }

    /// The amount's exact decimal lexical form, e.g. `"300000000"`.
    pub fn amount(&self) -> Option<&str> {
        self.text("amount")
    }

    /// `exact`, `approximate`, `at-least` or `at-most`.
    pub fn amount_bound(&self) -> Option<&str> {
        self.text("amount_bound")
    }

    pub fn currency(&self) -> Option<&str> {
        self.text("currency")
    }

    pub fn intermediary(&self) -> Option<&str> {
        self.text("intermediary")
    }

    pub fn beneficiary(&self) -> Option<&str> {
        self.text("beneficiary")
    }

    /// The id of the statement (a total) that this one is part of.
    pub fn part_of(&self) -> Option<&str> {
        self.text("part_of")
    }

    pub fn place(&self) -> Option<&str> {
        self.text("place")
    }

    pub fn host(&self) -> Option<&str> {
        self.text("host")
    }

    /// Entity ids of the participants besides the subject and the object.
    pub fn participants(&self) -> &[String] {
        texts(&self.props, "participants")
    }

    /// Entity ids of whom the article attributes the claim to.
    pub fn asserted_by(&self) -> &[String] {
        texts(&self.props, "asserted_by")
    }

    pub fn purpose(&self, lang: Lang) -> Option<&str> {
        self.text(by_lang(lang, "purpose_en", "purpose_ar"))
    }

    pub fn role(&self, lang: Lang) -> Option<&str> {
        self.text(by_lang(lang, "role_en", "role_ar"))
    }

    pub fn reason(&self, lang: Lang) -> Option<&str> {
        self.text(by_lang(lang, "reason_en", "reason_ar"))
    }

    pub fn areas(&self, lang: Lang) -> &[String] {
        texts(&self.props, by_lang(lang, "areas_en", "areas_ar"))
    }

    pub fn topics(&self, lang: Lang) -> &[String] {
        texts(&self.props, by_lang(lang, "topics_en", "topics_ar"))
    }

    /// The annotator's note.
    pub fn note(&self) -> Option<&str> {
        self.text("note")
    }

    /// The id of the article the statement comes from.
    pub fn article(&self) -> Option<&str> {
        self.text("article")
    }

    pub fn article_date(&self) -> Option<&str> {
        self.text("article_date")
    }

    pub fn article_title(&self) -> Option<&str> {
        self.text("article_title")
    }

    /// Entity ids of the outlets that the article reports from.
    pub fn reported_by(&self) -> &[String] {
        texts(&self.props, "reported_by")
    }

    /// The verbatim quotes that support the statement, in the order of the extraction file.
    pub fn quotes(&self) -> &[String] {
        texts(&self.props, "quote")
    }

    /// Character offsets where each quote starts and ends in the article's text.
    pub fn quote_spans(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        let ints = |name| match self.props.get(name) {
            Some(Value::Integers(v)) => v.as_slice(),
            _ => &[],
        };
        ints("quote_start")
            .iter()
            .copied()
            .zip(ints("quote_end").iter().copied())
    }
}

fn by_lang(lang: Lang, en: &'static str, ar: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ar => ar,
    }
}

fn text<'a>(props: &'a Props, name: &str) -> Option<&'a str> {
    match props.get(name)? {
        Value::Text(s) | Value::Number(s) => Some(s),
        _ => None,
    }
}

fn texts<'a>(props: &'a Props, name: &str) -> &'a [String] {
    match props.get(name) {
        Some(Value::Texts(v)) => v,
        _ => &[],
    }
}

/// English and Arabic labels of a relation type, an entity type or a status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    pub en: String,
    pub ar: String,
}

/// Entities and statements, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct PropertyGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Labels of the ontology's keys (relation types, entity types, statuses), by key.
    pub labels: BTreeMap<String, Labels>,
}

/// The quads of the store, as subject → predicate → objects.
struct Index {
    by_subject: BTreeMap<String, BTreeMap<String, Vec<Term>>>,
}

impl Index {
    fn new(quads: &[Quad]) -> Self {
        let mut by_subject: BTreeMap<String, BTreeMap<String, Vec<Term>>> = BTreeMap::new();
        for q in quads {
            let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            let objects = by_subject
                .entry(s.as_str().to_owned())
                .or_default()
                .entry(q.predicate.as_str().to_owned())
                .or_default();
            if !objects.contains(&q.object) {
                objects.push(q.object.clone());
            }
        }
        for predicates in by_subject.values_mut() {
            for objects in predicates.values_mut() {
                objects.sort_by_cached_key(|t| t.to_string());
            }
        }
        Self { by_subject }
    }

    fn objects(&self, s: &str, p: &str) -> &[Term] {
        self.by_subject
            .get(s)
            .and_then(|ps| ps.get(p))
            .map_or(&[], Vec::as_slice)
    }

    fn iris(&self, s: &str, p: &str) -> impl Iterator<Item = &str> {
        self.objects(s, p).iter().filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.as_str()),
            _ => None,
        })
    }

    fn iri(&self, s: &str, p: &str) -> Option<&str> {
        self.iris(s, p).next()
    }

    fn literal<'a>(&'a self, s: &str, p: &str, lang: Option<&'a str>) -> Option<&'a str> {
        self.literals(s, p, lang).next()
    }

    fn literals<'a>(
        &'a self,
        s: &str,
        p: &str,
        lang: Option<&'a str>,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.objects(s, p).iter().filter_map(move |t| match t {
            Term::Literal(l) if lang.is_none() || l.language() == lang => Some(l.value()),
            _ => None,
        })
    }

    fn has_type(&self, s: &str, class: &str) -> bool {
        self.iris(s, rdf::TYPE.as_str()).any(|t| t == class)
    }
}

impl PropertyGraph {
    /// The property graph of `quads` (normally every quad of the store).
    pub fn from_quads(quads: &[Quad], ontology: &Ontology) -> Self {
        let index = Index::new(quads);
        let key_of: BTreeMap<&str, &str> = index
            .by_subject
            .iter()
            .filter_map(|(s, ps)| match ps.get(nkg::KEY.as_str())?.first()? {
                Term::Literal(l) => Some((s.as_str(), l.value())),
                _ => None,
            })
            .collect();
        let id_of = |iri: &str| {
            index
                .literal(iri, dcterms::IDENTIFIER.as_str(), None)
                .map(str::to_owned)
        };
        let entity_classes: BTreeSet<&str> =
            ontology.entity_types.values().map(|n| n.as_str()).collect();

        let mut labels = BTreeMap::new();
        for (iri, key) in &key_of {
            labels.insert(
                (*key).to_owned(),
                Labels {
                    en: label(&index, iri, "en").unwrap_or(key).to_owned(),
                    ar: label(&index, iri, "ar").unwrap_or(key).to_owned(),
                },
            );
        }

        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        for s in index.by_subject.keys() {
            if let Some(class) = index
                .iris(s, rdf::TYPE.as_str())
                .find(|c| entity_classes.contains(c))
            {
                let Some(id) = id_of(s) else { continue };
                let mut props = BTreeMap::new();
                put_text(&mut props, "label_en", label(&index, s, "en"));
                put_text(&mut props, "label_ar", label(&index, s, "ar"));
                let aliases: Vec<String> = index
                    .literals(s, skos::ALT_LABEL.as_str(), None)
                    .map(str::to_owned)
                    .collect();
                put_list(&mut props, "aliases", aliases);
                put_text(
                    &mut props,
                    "wikidata",
                    index
                        .iris(s, owl::SAME_AS.as_str())
                        .find_map(|o| o.strip_prefix(WIKIDATA_ENTITY)),
                );
                props.insert("iri", Value::Text(s.clone()));
                nodes.push(Node {
                    id,
                    kind: key_of.get(class).copied().unwrap_or(class).to_owned(),
                    props,
                });
            } else if index.has_type(s, nkg::STATEMENT.as_str()) {
                if let Some(edge) = statement_edge(&index, s, &key_of, &id_of, ontology) {
                    edges.push(edge);
                }
            }
        }
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        edges.sort_by_cached_key(|e| natural_key(&e.id));
        Self {
            nodes,
            edges,
            labels,
        }
    }

    /// Only the statements of one article, and the entities at their ends.
    pub fn only_article(mut self, article: &str) -> Self {
        self.edges
            .retain(|e| e.text("article").is_some_and(|a| a == article));
        let ends: BTreeSet<&str> = self
            .edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        let ends: BTreeSet<String> = ends.into_iter().map(str::to_owned).collect();
        self.nodes.retain(|n| ends.contains(&n.id));
        self
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.nodes[i])
    }

    /// The label of an ontology key (relation type, status…) in `lang` ("en" or "ar").
    pub fn label_of<'a>(&'a self, key: &'a str, lang: &str) -> &'a str {
        match self.labels.get(key) {
            Some(l) if lang == "ar" => &l.ar,
            Some(l) => &l.en,
            None => key,
        }
    }
}

/// Sorts `a000/r2` before `a000/r10`: ids are compared as runs of digits and non-digits.
pub fn natural_key(id: &str) -> Vec<(String, u64)> {
    let mut parts = Vec::new();
    let mut rest = id;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits > 0 {
            let n = rest[..digits].parse().unwrap_or(u64::MAX);
            parts.push((String::new(), n));
            rest = &rest[digits..];
        } else {
            let text = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            parts.push((rest[..text].to_owned(), 0));
            rest = &rest[text..];
        }
    }
    parts
}

fn label<'a>(index: &'a Index, s: &str, lang: &'a str) -> Option<&'a str> {
    index.literal(s, rdfs::LABEL.as_str(), Some(lang))
}

fn put_text(props: &mut Props, name: &'static str, v: Option<&str>) {
    if let Some(v) = v {
        props.insert(name, Value::Text(v.to_owned()));
    }
}

fn put_list(props: &mut Props, name: &'static str, v: Vec<String>) {
    if !v.is_empty() {
        props.insert(name, Value::Texts(v));
    }
}

fn statement_edge(
    index: &Index,
    st: &str,
    key_of: &BTreeMap<&str, &str>,
    id_of: &dyn Fn(&str) -> Option<String>,
    ontology: &Ontology,
) -> Option<Edge> {
    let id = id_of(st)?;
    let source = id_of(index.iri(st, rdf::SUBJECT.as_str())?)?;
    let target = id_of(index.iri(st, rdf::OBJECT.as_str())?)?;
    let relation = key_of.get(index.iri(st, rdf::PREDICATE.as_str())?)?;
    let mut props = BTreeMap::new();
    let ids = |p: &str| -> Vec<String> { index.iris(st, p).filter_map(id_of).collect() };
    let one_id = |p: &str| ids(p).into_iter().next();

    if let Some(status) = index.iri(st, nkg::STATUS.as_str()) {
        let key = key_of.get(status).copied().unwrap_or(status);
        props.insert("status", Value::Text(key.to_owned()));
        let asserted = ontology.statuses.get(key).is_some_and(|s| s.asserts_edge);
        props.insert("asserted", Value::Boolean(asserted));
    }
    for (name, p) in [
        ("date", nkg::DATE),
        ("start_date", nkg::START_DATE),
        ("end_date", nkg::END_DATE),
        ("date_expression", nkg::DATE_EXPRESSION),
        ("date_rule", nkg::DATE_RULE),
        ("currency", nkg::CURRENCY),
        ("note", rdfs::COMMENT),
    ] {
        put_text(&mut props, name, index.literal(st, p.as_str(), None));
    }
    if let Some(amount) = index.literal(st, nkg::AMOUNT.as_str(), None) {
        props.insert("amount", Value::Number(amount.to_owned()));
    }
    if let Some(bound) = index.iri(st, nkg::AMOUNT_BOUND.as_str()) {
        let key = key_of.get(bound).copied().unwrap_or(bound);
        props.insert("amount_bound", Value::Text(key.to_owned()));
    }
    for (name, p) in [
        ("intermediary", nkg::INTERMEDIARY),
        ("beneficiary", nkg::BENEFICIARY),
        ("place", nkg::PLACE),
        ("host", nkg::HOST),
        ("part_of", nkg::PART_OF),
    ] {
        if let Some(v) = one_id(p.as_str()) {
            props.insert(name, Value::Text(v));
        }
    }
    for (name, p) in [
        ("participants", nkg::PARTICIPANT),
        ("asserted_by", nkg::ASSERTED_BY),
    ] {
        put_list(&mut props, name, ids(p.as_str()));
    }
    for (en, ar, p) in [
        ("purpose_en", "purpose_ar", nkg::PURPOSE),
        ("role_en", "role_ar", nkg::ROLE),
        ("reason_en", "reason_ar", nkg::REASON),
    ] {
        put_text(&mut props, en, index.literal(st, p.as_str(), Some("en")));
        put_text(&mut props, ar, index.literal(st, p.as_str(), Some("ar")));
    }
    for (en, ar, p) in [
        ("areas_en", "areas_ar", nkg::POLICY_AREA),
        ("topics_en", "topics_ar", nkg::TOPIC),
    ] {
        for (name, lang) in [(en, "en"), (ar, "ar")] {
            let mut values: Vec<String> = index
                .literals(st, p.as_str(), Some(lang))
                .map(str::to_owned)
                .collect();
            values.sort();
            put_list(&mut props, name, values);
        }
    }
    if let Some(article) = index.iri(st, prov::WAS_DERIVED_FROM.as_str()) {
        put_text(&mut props, "article", id_of(article).as_deref());
        put_text(
            &mut props,
            "article_date",
            index.literal(article, schema::DATE_PUBLISHED.as_str(), None),
        );
        put_text(
            &mut props,
            "article_title",
            index.literal(article, schema::HEADLINE.as_str(), None),
        );
        let outlets = index
            .iris(article, nkg::REPORTS_FROM.as_str())
            .filter_map(id_of)
            .collect();
        put_list(&mut props, "reported_by", outlets);
    }
    // Evidence nodes are numbered in the order of the extraction file; keep that order.
    let mut evidence: Vec<&str> = index.iris(st, nkg::EVIDENCE.as_str()).collect();
    evidence.sort_by_key(|e| natural_key(e));
    let (mut quotes, mut starts, mut ends) = (Vec::new(), Vec::new(), Vec::new());
    for ev in evidence {
        let Some(sel) = index.iri(ev, oa::HAS_SELECTOR.as_str()) else {
            continue;
        };
        let int = |p: &str| index.literal(sel, p, None).and_then(|v| v.parse().ok());
        if let (Some(q), Some(s), Some(e)) = (
            index.literal(sel, oa::EXACT.as_str(), None),
            int(oa::START.as_str()),
            int(oa::END.as_str()),
        ) {
            quotes.push(q.to_owned());
            starts.push(s);
            ends.push(e);
        }
    }
    if !quotes.is_empty() {
        props.insert("quote", Value::Texts(quotes));
        props.insert("quote_start", Value::Integers(starts));
        props.insert("quote_end", Value::Integers(ends));
    }
    Some(Edge {
        id,
        source,
        target,
        relation: (*relation).to_owned(),
        props,
    })
}
