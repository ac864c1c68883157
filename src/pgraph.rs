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

use crate::qualifiers::{self, Qualifier, Shape};
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

pub(crate) const fn prop(name: &'static str, kind: Kind, doc: &'static str) -> Property {
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

const NOTE: Property = prop("note", Kind::Text, "the extractor's note");
const ARTICLE: Property = prop(
    "article",
    Kind::Text,
    "id of the article the statement comes from",
);
const ARTICLE_DATE: Property = prop(
    "article_date",
    Kind::Text,
    "publication date of that article",
);
const ARTICLE_TITLE: Property = prop("article_title", Kind::Text, "headline of that article");
const REPORTED_BY: Property = prop(
    "reported_by",
    Kind::Texts,
    "entity ids of the outlets that the article reports from",
);

/// Columns of every edge that describe the statement and its article rather than a qualifier.
const CONTEXT_PROPERTIES: &[Property] = &[NOTE, ARTICLE, ARTICLE_DATE, ARTICLE_TITLE, REPORTED_BY];

/// Edge properties, in column order: the qualifiers' columns in the order of
/// [`qualifiers::ALL`], the article's before the evidence's. `id`, `source`, `target` and
/// `relation` are not listed: every edge has them.
pub const EDGE_PROPERTIES: &[Property] = &EDGE_COLUMNS;

const EDGE_COLUMNS: [Property; edge_column_count()] = edge_columns();

const fn edge_column_count() -> usize {
    let mut n = CONTEXT_PROPERTIES.len();
    let mut i = 0;
    while i < qualifiers::ALL.len() {
        n += qualifiers::ALL[i].columns.len();
        i += 1;
    }
    n
}

/// Built at compile time, so that the column list is a plain constant derived from the table.
const fn edge_columns() -> [Property; edge_column_count()] {
    let mut out = [CONTEXT_PROPERTIES[0]; edge_column_count()];
    let mut n = 0;
    // Two passes over the table: every qualifier but the evidence, the article's columns,
    // then the evidence's, so that the quotes close each row.
    let mut pass = 0;
    while pass < 3 {
        if pass == 1 {
            let mut j = 0;
            while j < CONTEXT_PROPERTIES.len() {
                out[n] = CONTEXT_PROPERTIES[j];
                n += 1;
                j += 1;
            }
        } else {
            let mut i = 0;
            while i < qualifiers::ALL.len() {
                let q = &qualifiers::ALL[i];
                if matches!(q.shape, Shape::Evidence) == (pass == 2) {
                    let mut j = 0;
                    while j < q.columns.len() {
                        out[n] = q.columns[j];
                        n += 1;
                        j += 1;
                    }
                }
                i += 1;
            }
        }
        pass += 1;
    }
    out
}

/// The Markdown table of `props` that docs/exports.md shows: name, type and meaning.
pub fn markdown_table(props: &[Property]) -> String {
    let mut out = String::from("| property | type | meaning |\n|---|---|---|\n");
    for p in props {
        let kind = match p.kind {
            Kind::Text => "string",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Texts => "list of strings",
            Kind::Integers => "list of integers",
        };
        out.push_str(&format!("| `{}` | {kind} | {} |\n", p.name, p.doc));
    }
    out
}

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
        self.text(qualifiers::STATUS.column())
    }

    /// Whether the status says that the relation held (the RDF graph then has the direct
    /// edge). The one definition: a statement without a known status is not asserted.
    pub fn asserted(&self) -> bool {
        matches!(
            self.props.get(qualifiers::STATUS.columns[1].name),
            Some(Value::Boolean(true))
        )
    }

    pub fn date(&self) -> Option<&str> {
        self.text(qualifiers::DATE.column())
    }

    pub fn start_date(&self) -> Option<&str> {
        self.text(qualifiers::START.column())
    }

    pub fn end_date(&self) -> Option<&str> {
        self.text(qualifiers::END.column())
    }

    /// The words of the text that a date was resolved from.
    pub fn date_expression(&self) -> Option<&str> {
        self.text(qualifiers::RESOLVED.columns[0].name)
    }

    pub fn date_rule(&self) -> Option<&str> {
        self.text(qualifiers::RESOLVED.columns[1].name)
    }

    /// The amount's exact decimal lexical form, e.g. `"300000000"`.
    pub fn amount(&self) -> Option<&str> {
        self.text(qualifiers::AMOUNT.column())
    }

    /// `exact`, `approximate`, `at-least` or `at-most`.
    pub fn amount_bound(&self) -> Option<&str> {
        self.text(qualifiers::AMOUNT_BOUND.column())
    }

    pub fn currency(&self) -> Option<&str> {
        self.text(qualifiers::CURRENCY.column())
    }

    pub fn intermediary(&self) -> Option<&str> {
        self.text(qualifiers::INTERMEDIARY.column())
    }

    pub fn beneficiary(&self) -> Option<&str> {
        self.text(qualifiers::BENEFICIARY.column())
    }

    /// The id of the statement (a total) that this one is part of.
    pub fn part_of(&self) -> Option<&str> {
        self.text(qualifiers::PART_OF.column())
    }

    pub fn place(&self) -> Option<&str> {
        self.text(qualifiers::PLACE.column())
    }

    pub fn host(&self) -> Option<&str> {
        self.text(qualifiers::HOST.column())
    }

    /// Entity ids of the participants besides the subject and the object.
    pub fn participants(&self) -> &[String] {
        texts(&self.props, qualifiers::PARTICIPANTS.column())
    }

    /// Entity ids of whom the article attributes the claim to.
    pub fn asserted_by(&self) -> &[String] {
        texts(&self.props, qualifiers::ASSERTED_BY.column())
    }

    pub fn purpose(&self, lang: Lang) -> Option<&str> {
        self.text(in_lang(&qualifiers::PURPOSE, lang))
    }

    pub fn role(&self, lang: Lang) -> Option<&str> {
        self.text(in_lang(&qualifiers::ROLE, lang))
    }

    pub fn reason(&self, lang: Lang) -> Option<&str> {
        self.text(in_lang(&qualifiers::REASON, lang))
    }

    pub fn areas(&self, lang: Lang) -> &[String] {
        texts(&self.props, in_lang(&qualifiers::AREAS, lang))
    }

    pub fn topics(&self, lang: Lang) -> &[String] {
        texts(&self.props, in_lang(&qualifiers::TOPICS, lang))
    }

    /// The annotator's note.
    pub fn note(&self) -> Option<&str> {
        self.text(NOTE.name)
    }

    /// The id of the article the statement comes from.
    pub fn article(&self) -> Option<&str> {
        self.text(ARTICLE.name)
    }

    pub fn article_date(&self) -> Option<&str> {
        self.text(ARTICLE_DATE.name)
    }

    pub fn article_title(&self) -> Option<&str> {
        self.text(ARTICLE_TITLE.name)
    }

    /// Entity ids of the outlets that the article reports from.
    pub fn reported_by(&self) -> &[String] {
        texts(&self.props, REPORTED_BY.name)
    }

    /// The verbatim quotes that support the statement, in the order of the extraction file.
    pub fn quotes(&self) -> &[String] {
        texts(&self.props, qualifiers::EVIDENCE.column())
    }

    /// Character offsets where each quote starts and ends in the article's text.
    pub fn quote_spans(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        let ints = |name| match self.props.get(name) {
            Some(Value::Integers(v)) => v.as_slice(),
            _ => &[],
        };
        ints(qualifiers::EVIDENCE.columns[1].name)
            .iter()
            .copied()
            .zip(ints(qualifiers::EVIDENCE.columns[2].name).iter().copied())
    }
}

/// The column of a bilingual qualifier in `lang`.
fn in_lang(q: &Qualifier, lang: Lang) -> &'static str {
    match lang {
        Lang::En => q.columns[0].name,
        Lang::Ar => q.columns[1].name,
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
        let reader = Reader {
            index: &index,
            key_of: &key_of,
            ontology,
        };
        let entity_classes: BTreeSet<&str> =
            ontology.entity_types.values().map(|n| n.as_str()).collect();
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        for s in index.by_subject.keys() {
            if let Some(class) = index
                .iris(s, rdf::TYPE.as_str())
                .find(|c| entity_classes.contains(c))
            {
                nodes.extend(reader.node(s, class));
            } else if index.has_type(s, nkg::STATEMENT.as_str()) {
                edges.extend(reader.edge(s));
            }
        }
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        edges.sort_by_cached_key(|e| natural_key(&e.id));
        Self {
            nodes,
            edges,
            labels: key_labels(&index, &key_of),
        }
    }

    /// Only the statements of one article, and the entities at their ends.
    pub fn only_article(mut self, article: &str) -> Self {
        self.edges.retain(|e| e.article() == Some(article));
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
pub(crate) fn natural_key(id: &str) -> Vec<(String, u64)> {
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

/// The English and Arabic labels of every ontology key.
fn key_labels(index: &Index, key_of: &BTreeMap<&str, &str>) -> BTreeMap<String, Labels> {
    key_of
        .iter()
        .map(|(iri, key)| {
            let labels = Labels {
                en: label(index, iri, "en").unwrap_or(key).to_owned(),
                ar: label(index, iri, "ar").unwrap_or(key).to_owned(),
            };
            ((*key).to_owned(), labels)
        })
        .collect()
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

/// What reading a statement node needs: the quads, the ontology keys by IRI, the ontology.
struct Reader<'a> {
    index: &'a Index,
    key_of: &'a BTreeMap<&'a str, &'a str>,
    ontology: &'a Ontology,
}

impl Reader<'_> {
    fn id_of(&self, iri: &str) -> Option<String> {
        self.index
            .literal(iri, dcterms::IDENTIFIER.as_str(), None)
            .map(str::to_owned)
    }

    fn key(&self, iri: &str) -> String {
        self.key_of.get(iri).copied().unwrap_or(iri).to_owned()
    }

    fn ids(&self, st: &str, p: &str) -> Vec<String> {
        self.index
            .iris(st, p)
            .filter_map(|o| self.id_of(o))
            .collect()
    }

    fn node(&self, s: &str, class: &str) -> Option<Node> {
        let index = self.index;
        let id = self.id_of(s)?;
        let mut props = BTreeMap::new();
        put_text(&mut props, "label_en", label(index, s, "en"));
        put_text(&mut props, "label_ar", label(index, s, "ar"));
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
        props.insert("iri", Value::Text(s.to_owned()));
        Some(Node {
            id,
            kind: self.key(class),
            props,
        })
    }

    fn edge(&self, st: &str) -> Option<Edge> {
        let index = self.index;
        let id = self.id_of(st)?;
        let source = self.id_of(index.iri(st, rdf::SUBJECT.as_str())?)?;
        let target = self.id_of(index.iri(st, rdf::OBJECT.as_str())?)?;
        let relation = self.key_of.get(index.iri(st, rdf::PREDICATE.as_str())?)?;
        let mut props = BTreeMap::new();
        for q in qualifiers::ALL {
            self.qualifier(st, q, &mut props);
        }
        put_text(
            &mut props,
            NOTE.name,
            index.literal(st, rdfs::COMMENT.as_str(), None),
        );
        if let Some(article) = index.iri(st, prov::WAS_DERIVED_FROM.as_str()) {
            self.article(article, &mut props);
        }
        Some(Edge {
            id,
            source,
            target,
            relation: (*relation).to_owned(),
            props,
        })
    }

    /// Reads one qualifier of statement `st` into its columns, by its shape.
    fn qualifier(&self, st: &str, q: &Qualifier, props: &mut Props) {
        let index = self.index;
        let p = q.predicate().as_str();
        let [first, ..] = q.columns else { return };
        match q.shape {
            Shape::Status => {
                let Some(status) = index.iri(st, p) else {
                    return;
                };
                let key = self.key(status);
                let asserted = self
                    .ontology
                    .statuses
                    .get(&key)
                    .is_some_and(|s| s.asserts_edge);
                props.insert(first.name, Value::Text(key));
                props.insert(q.columns[1].name, Value::Boolean(asserted));
            }
            Shape::Date | Shape::CurrencyCode => {
                put_text(props, first.name, index.literal(st, p, None))
            }
            Shape::Decimal => {
                if let Some(v) = index.literal(st, p, None) {
                    props.insert(first.name, Value::Number(v.to_owned()));
                }
            }
            Shape::Bound => {
                if let Some(bound) = index.iri(st, p) {
                    props.insert(first.name, Value::Text(self.key(bound)));
                }
            }
            Shape::Resolution => {
                for (column, predicate) in q.columns.iter().zip(q.predicates) {
                    put_text(
                        props,
                        column.name,
                        index.literal(st, predicate.as_str(), None),
                    );
                }
            }
            Shape::Entity | Shape::StatementRef => {
                if let Some(v) = self.ids(st, p).into_iter().next() {
                    props.insert(first.name, Value::Text(v));
                }
            }
            Shape::Entities => put_list(props, first.name, self.ids(st, p)),
            Shape::Statements => {
                let mut ids = self.ids(st, p);
                ids.sort_by_cached_key(|id| natural_key(id));
                put_list(props, first.name, ids);
            }
            Shape::Text => {
                for (column, lang) in q.columns.iter().zip(["en", "ar"]) {
                    put_text(props, column.name, index.literal(st, p, Some(lang)));
                }
            }
            Shape::Texts => {
                for (column, lang) in q.columns.iter().zip(["en", "ar"]) {
                    let mut values: Vec<String> = index
                        .literals(st, p, Some(lang))
                        .map(str::to_owned)
                        .collect();
                    values.sort();
                    put_list(props, column.name, values);
                }
            }
            Shape::Evidence => self.evidence(st, q, props),
        }
    }

    fn article(&self, article: &str, props: &mut Props) {
        let index = self.index;
        put_text(props, ARTICLE.name, self.id_of(article).as_deref());
        put_text(
            props,
            ARTICLE_DATE.name,
            index.literal(article, schema::DATE_PUBLISHED.as_str(), None),
        );
        put_text(
            props,
            ARTICLE_TITLE.name,
            index.literal(article, schema::HEADLINE.as_str(), None),
        );
        put_list(
            props,
            REPORTED_BY.name,
            self.ids(article, nkg::REPORTS_FROM.as_str()),
        );
    }

    fn evidence(&self, st: &str, q: &Qualifier, props: &mut Props) {
        let index = self.index;
        // Evidence nodes are numbered in the order of the extraction file; keep that order.
        let mut evidence: Vec<&str> = index.iris(st, q.predicate().as_str()).collect();
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
        if let [quote, start, end] = q.columns {
            if !quotes.is_empty() {
                props.insert(quote.name, Value::Texts(quotes));
                props.insert(start.name, Value::Integers(starts));
                props.insert(end.name, Value::Integers(ends));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_their_numbers_not_their_digits() {
        let mut ids = vec!["a000/r10", "a000/r2", "a001/r1", "b", "a000/r1"];
        ids.sort_by_key(|id| natural_key(id));
        assert_eq!(ids, ["a000/r1", "a000/r2", "a000/r10", "a001/r1", "b"]);
    }

    #[test]
    fn a_number_too_long_for_u64_sorts_last_and_does_not_panic() {
        let huge = "r99999999999999999999999";
        assert!(natural_key("r5") < natural_key(huge));
    }
}
