//! Generated data directories for the property tests: an entity registry, a few articles with
//! their texts and relations of every type the ontology declares, each with the qualifiers its
//! type allows, and names, labels and quotes full of text that breaks careless writers (quotes,
//! `<>&"'{}|\^`, backslashes, right-to-left marks, emoji, combining marks, a leading `=`, `+` or
//! `@`, line breaks in quotes). Every set generated here is meant to validate: a set that the
//! validator refuses is a bug of this generator or of the validator.
//!
//! A set is generated as a plan (indices, texts, choices) and rendered to files by [`render`],
//! so that shrinking a failure shrinks the plan. Each source text is built by concatenating
//! filler and the quotes, so every quote's offsets are known; a quote given without offsets
//! gets the `occurrence` that picks it out when the text holds it more than once.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use newskg::qualifiers::{self, Shape};
use newskg::Ontology;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Map, Value};

pub static ONTOLOGY: LazyLock<Ontology> = LazyLock::new(|| Ontology::bundled().unwrap());

/// Pieces that a label, alias or quote may hold anywhere: what breaks an escaper, a
/// bidirectional renderer, a spreadsheet or a JSON-LD reader.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "<>&\"'{}|\\^",
    "\\",
    "\\n",
    "\\u0041",
    "\u{200F}",
    "\u{200E}",
    "\u{202B}نص\u{202C}",
    "\u{2067}x\u{2069}",
    "\u{200B}",
    "\u{00A0}",
    "\u{2028}",
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "e\u{0301}",
    "\u{0651}\u{064E}",
    "ـ",
    "ﷺ",
    "{{x}}",
    "]]>",
    "<!--",
    "<script>",
    "&amp;",
    "\"\"\"",
    "'''",
    "#",
    "_:b0",
    "ent:x",
    "@id",
    "{\"@id\": 1}",
    "%20",
    " . ",
    " ;",
];

/// What a text may start with: spreadsheet formula characters among them.
const LEADS: &[&str] = &["", "", "=", "+", "@", "-", "\u{0301}", " "];

/// What only a quote or the text around it may hold: line breaks and tabs (a name may not).
const QUOTE_ONLY: &[&str] = &["\n", "\t", "\r\n", "\u{FEFF}"];

const ARABIC: &[&str] = &[
    "إيلون ماسك",
    "دونالد ترامب",
    "أميركا باك",
    "مستشار",
    "الاقتصاد",
    "مارالاجو",
    "قال ترامب",
    "١٠ ملايين دولار",
];

const ENGLISH: &[&str] = &[
    "Elon Musk",
    "Donald Trump",
    "America PAC",
    "adviser",
    "the economy",
    "Mar-a-Lago",
    "Trump said",
    "$10 million",
];

/// Id parts with no digit, around a number: every id is unique by its number, and each part
/// is a character that an IRI, a Turtle local name or a JSON-LD key treats specially.
const ID_HEADS: &[&str] = &["", "e", "E.", "x_y-", "a.b.", "Z"];
const ID_TAILS: &[&str] = &["", ".", "-", "_", ".x", "-_."];

const CURRENCIES: &[&str] = &["USD", "EUR", "SAR", "AED", "JPY", "GBP"];
const LANGUAGES: &[&str] = &["ar", "ar-EG", "AR"];
/// Schemes of absolute IRIs, some of them also prefixes that the exports declare.
const SCHEMES: &[&str] = &[
    "https", "http", "urn", "mailto", "tag", "ent", "st", "schema", "url",
];
const IRI_RESTS: &[&str] = &[
    "//example.com/news/1",
    "//مثال.com/مقال/١?q=1&r=2#x",
    "//h.example/a%20b/(1)",
    "isbn:9780000000000",
    "x",
];

/// A number between an id head and tail.
#[derive(Debug, Clone)]
pub struct IdShape(Index, Index);

impl IdShape {
    fn id(&self, n: usize) -> String {
        format!(
            "{}{n}{}",
            ID_HEADS[self.0.index(ID_HEADS.len())],
            ID_TAILS[self.1.index(ID_TAILS.len())]
        )
    }
}

fn id_shape() -> impl Strategy<Value = IdShape> {
    (any::<Index>(), any::<Index>()).prop_map(|(a, b)| IdShape(a, b))
}

/// A text around a word of `words`, with hostile pieces before and after it (and, with
/// `breaks`, line breaks and tabs): never blank, since the word is not.
fn text(words: &'static [&'static str], breaks: bool) -> impl Strategy<Value = String> {
    let piece = if breaks {
        prop_oneof![4 => select(HOSTILE), 1 => select(QUOTE_ONLY)].boxed()
    } else {
        select(HOSTILE).boxed()
    };
    let pieces = prop::collection::vec(piece, 0..3);
    (select(LEADS), pieces.clone(), select(words), pieces).prop_map(
        |(lead, before, word, after)| format!("{lead}{}{word}{}", before.concat(), after.concat()),
    )
}

fn arabic() -> impl Strategy<Value = String> {
    text(ARABIC, false)
}

fn english() -> impl Strategy<Value = String> {
    text(ENGLISH, false)
}

/// `{"ar", "en"}` with either or both.
fn labels() -> impl Strategy<Value = Value> {
    prop_oneof![
        arabic().prop_map(|ar| json!({ "ar": ar })),
        english().prop_map(|en| json!({ "en": en })),
        (arabic(), english()).prop_map(|(ar, en)| json!({ "ar": ar, "en": en })),
    ]
}

/// An existing day, month or year, as ISO 8601 at one of the three precisions.
fn date() -> impl Strategy<Value = String> {
    let year = prop_oneof![4 => 1990u32..2030, 1 => 1u32..=9999];
    (year, 1u32..=12, 0u32..31, 0u8..3).prop_map(|(y, m, d, precision)| {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        match precision {
            0 => format!("{y:04}"),
            1 => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}-{m:02}-{:02}", d % days + 1),
        }
    })
}

/// A decimal amount as the format writes it, leading and trailing zeros included, and now and
/// then more digits than a 128-bit decimal holds.
fn amount() -> impl Strategy<Value = String> {
    let int = prop_oneof![8 => "[0-9]{1,12}", 1 => "[1-9][0-9]{20,40}"];
    let frac = prop_oneof![8 => "[0-9]{1,4}", 1 => "[0-9]{17,25}"];
    (int, prop::option::of(frac)).prop_map(|(int, frac)| match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    })
}

#[derive(Debug, Clone)]
pub struct EntityPlan {
    id: IdShape,
    kind: Index,
    ar: String,
    en: String,
    aliases: Vec<String>,
    wikidata: Option<u32>,
}

fn entity() -> impl Strategy<Value = EntityPlan> {
    let alias = prop_oneof![arabic(), english()];
    (
        id_shape(),
        any::<Index>(),
        arabic(),
        english(),
        prop::collection::vec(alias, 0..3),
        prop::option::of(1u32..1_000_000_000),
    )
        .prop_map(|(id, kind, ar, en, aliases, wikidata)| EntityPlan {
            id,
            kind,
            ar,
            en,
            aliases,
            wikidata,
        })
}

/// A date, a period (either end may be missing), or none.
#[derive(Debug, Clone)]
pub enum When {
    None,
    Date(String),
    Period(Option<String>, Option<String>),
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        Just(When::None),
        date().prop_map(When::Date),
        (prop::option::of(date()), prop::option::of(date())).prop_map(|(s, e)| When::Period(s, e)),
    ]
}

#[derive(Debug, Clone)]
pub struct QuotePlan {
    /// Whether the text holds the quote once more just before it, so that a quote without
    /// offsets needs its `occurrence`.
    echo: bool,
    /// What stands before the quote in the text.
    filler: String,
    quote: String,
    /// Whether `start` and `end` are given, or left for newskg to find.
    offsets: bool,
}

fn quote() -> impl Strategy<Value = QuotePlan> {
    let filler = prop_oneof![Just(String::new()), text(ARABIC, true)];
    let quote = prop_oneof![text(ARABIC, true), text(ENGLISH, true)];
    let echo = prop::bool::weighted(0.2);
    (echo, filler, quote, any::<bool>()).prop_map(|(echo, filler, quote, offsets)| QuotePlan {
        echo,
        filler,
        quote,
        offsets,
    })
}

#[derive(Debug, Clone)]
pub struct RelationPlan {
    id: IdShape,
    kind: Index,
    subject: Index,
    object: Index,
    status: Index,
    when: When,
    resolved: Option<(String, String)>,
    asserted_by: Vec<Index>,
    note: Option<String>,
    /// The texts of the type's text qualifiers: the first for `role`, `reason`, `purpose`; all
    /// for `areas` and `topics`.
    texts: Vec<Value>,
    /// The entities of its entity qualifiers, the same way: `place`, `host`… and `participants`.
    others: Vec<Index>,
    amount: String,
    bound: Option<Index>,
    currency: Index,
    /// Another relation of the same article that this one is part of.
    part_of: Option<Index>,
    /// A link to an earlier relation: `same_as` (this one then takes its type and parties) or
    /// `contradicts` (this one then shares its subject).
    link: Option<(bool, Index)>,
    quotes: Vec<QuotePlan>,
}

fn relation() -> impl Strategy<Value = RelationPlan> {
    let ids = (
        id_shape(),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
    );
    let dated = (
        when(),
        prop::option::of((arabic(), english())),
        prop::collection::vec(any::<Index>(), 0..3),
        prop::option::of(english()),
    );
    let qualified = (
        prop::collection::vec(labels(), 1..3),
        prop::collection::vec(any::<Index>(), 1..3),
        (amount(), prop::option::of(any::<Index>()), any::<Index>()),
        prop::option::of(any::<Index>()),
        prop::option::of((any::<bool>(), any::<Index>())),
    );
    let quotes = prop::collection::vec(quote(), 1..3);
    (ids, dated, qualified, quotes).prop_map(|(ids, dated, qualified, quotes)| {
        let (id, kind, subject, object, status) = ids;
        let (when, resolved, asserted_by, note) = dated;
        let (texts, others, (amount, bound, currency), part_of, link) = qualified;
        RelationPlan {
            id,
            kind,
            subject,
            object,
            status,
            when,
            resolved,
            asserted_by,
            note,
            texts,
            others,
            amount,
            bound,
            currency,
            part_of,
            link,
            quotes,
        }
    })
}

#[derive(Debug, Clone)]
pub struct ArticlePlan {
    id: IdShape,
    title: Option<Value>,
    publisher: Option<Index>,
    authors: Vec<Index>,
    url: Option<(Index, Index)>,
    published: Option<(String, Option<String>)>,
    language: Index,
    reports_from: Vec<Index>,
    /// Text after the last quote.
    tail: String,
    relations: Vec<RelationPlan>,
}

fn article() -> impl Strategy<Value = ArticlePlan> {
    let head = (
        id_shape(),
        prop::option::of(labels()),
        prop::option::of(any::<Index>()),
        prop::collection::vec(any::<Index>(), 0..2),
        prop::option::of((any::<Index>(), any::<Index>())),
    );
    let rest = (
        prop::option::of((date(), prop::option::of(english()))),
        any::<Index>(),
        prop::collection::vec(any::<Index>(), 0..2),
        prop_oneof![Just(String::new()), text(ARABIC, true)],
        prop::collection::vec(relation(), 1..5),
    );
    (head, rest).prop_map(|(head, rest)| {
        let (id, title, publisher, authors, url) = head;
        let (published, language, reports_from, tail, relations) = rest;
        ArticlePlan {
            id,
            title,
            publisher,
            authors,
            url,
            published,
            language,
            reports_from,
            tail,
            relations,
        }
    })
}

/// A valid data set: its entities and articles.
#[derive(Debug, Clone)]
pub struct Corpus {
    entities: Vec<EntityPlan>,
    articles: Vec<ArticlePlan>,
}

pub fn corpus() -> impl Strategy<Value = Corpus> {
    (
        prop::collection::vec(entity(), 2..6),
        prop::collection::vec(article(), 1..4),
    )
        .prop_map(|(entities, articles)| Corpus { entities, articles })
}

impl Corpus {
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// How many relations each article has.
    pub fn relation_counts(&self) -> Vec<usize> {
        self.articles.iter().map(|a| a.relations.len()).collect()
    }
}

/// What links check a relation against: where it is, its type and its parties.
struct Earlier {
    statement: String,
    kind: String,
    subject: String,
    object: String,
}

/// A data set as records, before a [`Layout`] puts them into files.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub entities: Vec<Value>,
    pub articles: Vec<RenderedArticle>,
}

#[derive(Debug, Clone)]
pub struct RenderedArticle {
    pub document: Value,
    pub relations: Vec<Value>,
    /// The source path and its text.
    pub source: String,
    pub text: String,
    /// Where each relation's quotes stand in the text, in characters.
    pub spans: Vec<Vec<(usize, usize)>>,
}

pub fn render(corpus: &Corpus) -> Rendered {
    let ids: Vec<String> = (corpus.entities.iter().enumerate())
        .map(|(i, e)| e.id.id(i))
        .collect();
    let entities = (corpus.entities.iter().zip(&ids))
        .map(|(e, id)| e.record(id))
        .collect();
    let mut earlier = Vec::new();
    let articles = (corpus.articles.iter().enumerate())
        .map(|(a, plan)| plan.render(a, &ids, &mut earlier))
        .collect();
    Rendered { entities, articles }
}

fn pick<'a, T>(items: &'a [T], i: &Index) -> &'a T {
    &items[i.index(items.len())]
}

fn keys<T>(table: &BTreeMap<String, T>) -> Vec<&str> {
    table.keys().map(String::as_str).collect()
}

impl EntityPlan {
    fn record(&self, id: &str) -> Value {
        let mut e = json!({
            "id": id,
            "type": pick(&keys(&ONTOLOGY.entity_types), &self.kind),
            "labels": {"ar": self.ar, "en": self.en},
        });
        if !self.aliases.is_empty() {
            e["aliases"] = json!(self.aliases);
        }
        if let Some(q) = self.wikidata {
            e["wikidata"] = json!(format!("Q{q}"));
        }
        e
    }
}

impl ArticlePlan {
    fn render(&self, a: usize, entities: &[String], earlier: &mut Vec<Earlier>) -> RenderedArticle {
        let id = self.id.id(a);
        let mut text = String::new();
        let rel_ids: Vec<String> = (self.relations.iter().enumerate())
            .map(|(r, plan)| plan.id.id(r))
            .collect();
        let mut relations = Vec::new();
        for (r, plan) in self.relations.iter().enumerate() {
            let (record, ends) = plan.record(&rel_ids, r, entities, earlier);
            let mut spans = Vec::new();
            for q in &plan.quotes {
                // A tab, a control character, around each quote: its ends are always between
                // two letters-with-marks (grapheme clusters), which is all newskg asks of
                // offsets, whatever marks the quote or its neighbours start with.
                if q.echo {
                    text.push_str(&q.quote);
                    text.push('\t');
                }
                text.push_str(&q.filler);
                text.push('\t');
                let start = text.chars().count();
                text.push_str(&q.quote);
                spans.push((q, start, text.chars().count()));
                text.push('\t');
            }
            relations.push((record, spans));
            earlier.push(Earlier {
                statement: format!("{id}/{}", rel_ids[r]),
                ..ends
            });
        }
        text.push_str(&self.tail);
        let mut all_spans = Vec::new();
        let relations = (relations.into_iter())
            .map(|(mut record, spans)| {
                let evidence = spans.iter().map(|(q, s, e)| evidence(q, *s, *e, &text));
                record["evidence"] = evidence.collect();
                all_spans.push(spans.iter().map(|(_, s, e)| (*s, *e)).collect());
                record
            })
            .collect();
        let source = format!("corpus/نص {id}.txt");
        RenderedArticle {
            document: self.document(&id, &source, entities),
            relations,
            source,
            text,
            spans: all_spans,
        }
    }

    fn document(&self, id: &str, source: &str, entities: &[String]) -> Value {
        let mut d =
            json!({"id": id, "source": source, "language": pick(LANGUAGES, &self.language)});
        let mut set = |key: &str, value: Value| d[key] = value;
        if let Some(title) = &self.title {
            set("title", title.clone());
        }
        if let Some(p) = &self.publisher {
            set("publisher", json!(pick(entities, p)));
        }
        let ids =
            |list: &[Index]| json!(list.iter().map(|i| pick(entities, i)).collect::<Vec<_>>());
        if !self.authors.is_empty() {
            set("authors", ids(&self.authors));
        }
        if !self.reports_from.is_empty() {
            set("reports_from", ids(&self.reports_from));
        }
        if let Some((scheme, rest)) = &self.url {
            set(
                "url",
                json!(format!(
                    "{}:{}",
                    pick(SCHEMES, scheme),
                    pick(IRI_RESTS, rest)
                )),
            );
        }
        match &self.published {
            Some((date, Some(reason))) => set(
                "published",
                json!({"date": date, "inferred": true, "reason": reason}),
            ),
            Some((date, None)) => set("published", json!({ "date": date })),
            None => {}
        }
        d
    }
}

/// Quote `q`, at `start..end` of `text`: with its offsets, or without them and with the
/// occurrence that picks it out when the text holds it more than once.
fn evidence(q: &QuotePlan, start: usize, end: usize, text: &str) -> Value {
    if q.offsets {
        return json!({"quote": q.quote, "start": start, "end": end});
    }
    let found: Vec<usize> = (text.char_indices().enumerate())
        .filter(|(_, (byte, _))| text[*byte..].starts_with(&q.quote))
        .map(|(i, _)| i)
        .collect();
    let n = found
        .iter()
        .position(|s| *s == start)
        .expect("the quote is where it was put")
        + 1;
    match found.len() {
        1 => json!({ "quote": q.quote }),
        _ => json!({"quote": q.quote, "occurrence": n}),
    }
}

/// Compared at the precision the two share, as validation compares a period's ends.
fn in_order(start: &str, end: &str) -> bool {
    let n = start.len().min(end.len());
    start[..n] <= end[..n]
}

impl RelationPlan {
    /// The record of relation `r` (without its evidence), and its type and parties.
    fn record(
        &self,
        rel_ids: &[String],
        r: usize,
        entities: &[String],
        earlier: &[Earlier],
    ) -> (Value, Earlier) {
        let types: Vec<&str> = keys(&ONTOLOGY.relation_types);
        let mut ends = Earlier {
            statement: String::new(),
            kind: pick(&types, &self.kind).to_string(),
            subject: pick(entities, &self.subject).clone(),
            object: pick(entities, &self.object).clone(),
        };
        let mut links = Map::new();
        if let (Some((same, i)), false) = (&self.link, earlier.is_empty()) {
            let target = pick(earlier, i);
            if *same {
                ends.kind.clone_from(&target.kind);
                ends.object.clone_from(&target.object);
            }
            ends.subject.clone_from(&target.subject);
            let key = if *same { "same_as" } else { "contradicts" };
            links.insert(key.into(), json!([target.statement]));
        }
        let mut record = json!({
            "id": rel_ids[r], "type": ends.kind, "subject": ends.subject, "object": ends.object,
            "status": pick(&keys(&ONTOLOGY.statuses), &self.status),
        });
        let fields = record.as_object_mut().expect("an object");
        fields.extend(links);
        self.common(fields, entities);
        self.specific(fields, &ends.kind, rel_ids, r, entities);
        (record, ends)
    }

    /// The qualifiers that every type allows.
    fn common(&self, fields: &mut Map<String, Value>, entities: &[String]) {
        let dated = match &self.when {
            When::None | When::Period(None, None) => false,
            When::Date(d) => {
                fields.insert("date".into(), json!(d));
                true
            }
            When::Period(s, e) => {
                let (s, e) = match (s, e) {
                    (Some(s), Some(e)) if !in_order(s, e) => (Some(e), Some(s)),
                    _ => (s.as_ref(), e.as_ref()),
                };
                for (key, value) in [("start", s), ("end", e)] {
                    if let Some(v) = value {
                        fields.insert(key.into(), json!(v));
                    }
                }
                true
            }
        };
        if let (Some((expression, rule)), true) = (&self.resolved, dated) {
            fields.insert(
                "resolved".into(),
                json!({"expression": expression, "rule": rule}),
            );
        }
        if !self.asserted_by.is_empty() {
            let ids: Vec<&String> = self.asserted_by.iter().map(|i| pick(entities, i)).collect();
            fields.insert("asserted_by".into(), json!(ids));
        }
        if let Some(note) = &self.note {
            fields.insert("note".into(), json!(note));
        }
    }

    /// The qualifiers of `kind`, each made by its shape.
    fn specific(
        &self,
        fields: &mut Map<String, Value>,
        kind: &str,
        rel_ids: &[String],
        r: usize,
        entities: &[String],
    ) {
        let allowed = &ONTOLOGY.relation_types[kind].qualifiers;
        let others: Vec<&String> = self.others.iter().map(|i| pick(entities, i)).collect();
        // An amount needs its currency: both or neither.
        let money = allowed.contains("amount") && allowed.contains("currency");
        for key in allowed {
            let q = (qualifiers::ALL.iter())
                .find(|q| q.key == key)
                .expect("every key of the ontology is a qualifier");
            let value = match q.shape {
                Shape::Text => self.texts[0].clone(),
                Shape::Texts => json!(self.texts),
                Shape::Entity => json!(others[0]),
                Shape::Entities => json!(others),
                Shape::Decimal if money => json!(self.amount),
                Shape::CurrencyCode if money => json!(pick(CURRENCIES, &self.currency)),
                Shape::Bound => match &self.bound {
                    Some(b) => json!(pick(&keys(&ONTOLOGY.amount_bounds), b)),
                    None => continue,
                },
                Shape::StatementRef => match &self.part_of {
                    Some(i) if rel_ids.len() > 1 => {
                        let other = (r + 1 + i.index(rel_ids.len() - 1)) % rel_ids.len();
                        json!(rel_ids[other])
                    }
                    _ => continue,
                },
                Shape::Decimal | Shape::CurrencyCode => continue,
                shape => panic!("the generator makes no {shape:?} qualifier ({key})"),
            };
            fields.insert(key.clone(), value);
        }
    }
}

/// How a data set is put into files: the order of the entities and of each article's
/// relations, which file name each article gets (files are read in the order of their names),
/// and which records are JSON Lines instead of JSON.
#[derive(Debug, Clone)]
pub struct Layout {
    entities: Vec<usize>,
    relations: Vec<Vec<usize>>,
    names: Vec<usize>,
    lines: Vec<bool>,
    entity_lines: bool,
}

impl Layout {
    /// Everything in the order generated, in JSON files.
    pub fn plain_of(rendered: &Rendered) -> Self {
        let counts: Vec<usize> = rendered
            .articles
            .iter()
            .map(|a| a.relations.len())
            .collect();
        Layout {
            entities: (0..rendered.entities.len()).collect(),
            relations: counts.iter().map(|n| (0..*n).collect()).collect(),
            names: (0..counts.len()).collect(),
            lines: vec![false; counts.len()],
            entity_lines: false,
        }
    }
}

fn shuffled(n: usize) -> impl Strategy<Value = Vec<usize>> {
    Just((0..n).collect::<Vec<_>>()).prop_shuffle()
}

/// A valid data set and another layout of it.
pub fn corpus_and_layout() -> impl Strategy<Value = (Corpus, Layout)> {
    corpus().prop_flat_map(|corpus| {
        let counts = corpus.relation_counts();
        let relations: Vec<_> = counts.iter().map(|n| shuffled(*n)).collect();
        let layout = (
            shuffled(corpus.entity_count()),
            relations,
            shuffled(counts.len()),
            prop::collection::vec(any::<bool>(), counts.len()),
            any::<bool>(),
        )
            .prop_map(|(entities, relations, names, lines, entity_lines)| Layout {
                entities,
                relations,
                names,
                lines,
                entity_lines,
            });
        (Just(corpus), layout)
    })
}

/// A data directory's files before they are written: path → content.
#[derive(Debug, Clone, Default)]
pub struct Files(pub BTreeMap<String, Vec<u8>>);

impl Files {
    pub fn write(&self, dir: &Path) {
        for (rel, bytes) in &self.0 {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
}

fn pretty(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

fn lines(records: impl IntoIterator<Item = Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        out.extend(serde_json::to_vec(&r).unwrap());
        out.push(b'\n');
    }
    out
}

/// `record` of kind `kind` as a JSON Lines record: `{"record": kind, ...}`.
fn line(kind: &str, record: &Value, extra: Option<(&str, &Value)>) -> Value {
    let mut fields = Map::new();
    fields.insert("record".into(), json!(kind));
    if let Some((key, value)) = extra {
        fields.insert(key.into(), value.clone());
    }
    fields.extend(record.as_object().expect("an object").clone());
    Value::Object(fields)
}

impl Rendered {
    /// The files of this data set laid out by `layout`.
    pub fn files(&self, layout: &Layout) -> Files {
        let mut files = Files::default();
        let entities = layout.entities.iter().map(|i| self.entities[*i].clone());
        if layout.entity_lines {
            let records = entities.map(|e| line("entity", &e, None));
            files.0.insert("registry.jsonl".into(), lines(records));
        } else {
            let registry = json!({"entities": entities.collect::<Vec<_>>()});
            files.0.insert("entities.json".into(), pretty(&registry));
        }
        for (a, article) in self.articles.iter().enumerate() {
            let relations = layout.relations[a]
                .iter()
                .map(|r| article.relations[*r].clone());
            let name = format!("articles/f{}", layout.names[a]);
            if layout.lines[a] {
                let id = &article.document["id"];
                let records = std::iter::once(line("document", &article.document, None))
                    .chain(relations.map(|r| line("relation", &r, Some(("document", id)))));
                files.0.insert(format!("{name}.jsonl"), lines(records));
            } else {
                let file = json!({"document": article.document, "relations": relations.collect::<Vec<_>>()});
                files.0.insert(format!("{name}.json"), pretty(&file));
            }
            files
                .0
                .insert(article.source.clone(), article.text.clone().into_bytes());
        }
        files
    }
}
