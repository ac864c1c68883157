//! One mistake put into a valid generated data set: a required field left out, a value of the
//! wrong type or form (a day that does not exist, an amount with a sign, an exponent or a
//! separator, an unknown key or entity), a quote that does not stand at its offsets, an id
//! given twice, a control character in a name, a file cut short. Every one of them makes the
//! set invalid, whatever record it lands on; each knows the file and the record that the
//! diagnostic must name.

use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};

use super::arb::{Files, Layout, Rendered, ONTOLOGY};

/// Fields that an entity record cannot do without.
const ENTITY_REQUIRED: &[&str] = &["id", "type", "labels"];
const DOCUMENT_REQUIRED: &[&str] = &["id", "source", "language"];
const RELATION_REQUIRED: &[&str] = &["id", "type", "subject", "object", "status", "evidence"];

/// Wrong values of an entity's fields, as (JSON pointer, JSON text) pairs set together.
const ENTITY_WRONG: &[&[(&str, &str)]] = &[
    &[("/id", "5")],
    &[("/labels", "\"Elon\"")],
    &[("/labels/ar", "5")],
    &[("/aliases", "\"x\"")],
    &[("/aliases", "[\"\"]")],
    &[("/type", "\"persn\"")],
    &[("/type", "\"Person\"")],
    &[("/labels/ar", "\"\"")],
    &[("/labels/en", "\" \\u00a0\\u2003\"")],
    &[("/labels/fr", "\"x\"")],
    &[("/wikidata", "\"Q0123\"")],
    &[("/wikidata", "\"q1\"")],
    &[("/wikidata", "\"https://www.wikidata.org/wiki/Q1\"")],
    &[("/id", "\"a b\"")],
    &[("/id", "\"-x\"")],
    &[("/id", "\"إيلون\"")],
    &[("/id", "\"x/y\"")],
    &[("/colour", "\"red\"")],
];

const DOCUMENT_WRONG: &[&[(&str, &str)]] = &[
    &[("/source", "\"../outside.txt\"")],
    &[("/source", "\"/etc/hostname\"")],
    &[("/source", "\"corpus/missing.txt\"")],
    &[("/source", "7")],
    &[("/language", "\"x y\"")],
    &[("/language", "\"\"")],
    &[("/url", "\"not a url\"")],
    &[("/url", "\"https://exa mple.com/\"")],
    &[("/published", "{\"date\": \"2025-02-30\"}")],
    &[("/published", "{\"date\": \"2024\", \"inferred\": true}")],
    &[("/published", "\"2024\"")],
    &[("/publisher", "\"nobody\"")],
    &[("/authors", "[\"nobody\"]")],
    &[("/reports_from", "\"nobody\"")],
    &[("/title", "{}")],
    &[("/title", "{\"ar\": \"  \"}")],
    &[("/id", "\"a/b\"")],
    &[("/colour", "\"red\"")],
];

/// Dates that are no dates: a day or month that does not exist, other forms.
const BAD_DATES: &[&str] = &[
    "2025-02-30",
    "2023-02-29",
    "1900-02-29",
    "2024-04-31",
    "2024-13",
    "2024-00",
    "24",
    "2024-1-05",
    "2024/03/01",
    "0000",
    "+10000",
    "",
];

/// Amounts that are no decimal amounts as the format writes them.
const BAD_AMOUNTS: &[&str] = &[
    "1e400", "-5", "NaN", "1,000", "", ".5", "5.", "$5", "٥", " 5", "inf", "0x10",
];

const RELATION_WRONG: &[&[(&str, &str)]] = &[
    &[("/subject", "7")],
    &[("/evidence", "\"quote\"")],
    &[("/evidence", "[]")],
    &[("/status", "[\"stated\"]")],
    &[("/amount", "5")],
    &[("/date", "2024")],
    &[("/subject", "\"nobody\"")],
    &[("/object", "\"nobody\"")],
    &[("/asserted_by", "[\"nobody\"]")],
    &[("/type", "\"donated_to\"")],
    &[("/status", "\"state\"")],
    &[("/date", "\"2024\""), ("/start", "\"2023\"")],
    &[
        ("/date", "null"),
        ("/start", "\"2025\""),
        ("/end", "\"2024-12\""),
    ],
    &[
        ("/date", "null"),
        ("/start", "null"),
        ("/end", "null"),
        ("/resolved", "{\"expression\": \"x\", \"rule\": \"y\"}"),
    ],
    &[
        ("/date", "\"2024\""),
        ("/resolved", "{\"expression\": \" \", \"rule\": \"y\"}"),
    ],
    &[("/same_as", "[\"zz/zz\"]")],
    &[("/contradicts", "[\"no-slash\"]")],
    &[("/id", "\"r 1\"")],
    &[("/colour", "\"red\"")],
];

/// What goes wrong with one record, or with a file.
#[derive(Debug, Clone)]
pub enum Edit {
    /// A required field left out.
    Remove(&'static str),
    /// Fields set to what is wrong with them.
    Set(Vec<(&'static str, Value)>),
    /// The record given twice.
    Twice,
    /// A control character put into a name, at a character of it.
    Control(Index, char),
    /// A qualifier that the relation's type does not allow.
    NotAllowed(Index),
    /// `same_as`, `contradicts` or `part_of` naming the relation itself.
    SelfLink(Index),
    /// A quote that does not stand where its evidence says.
    Quote(QuoteEdit),
    /// A file that cannot be read as it should.
    File(FileEdit),
}

#[derive(Debug, Clone, Copy)]
pub enum QuoteEdit {
    /// A character that the text does not hold, added to the quote.
    Altered,
    /// Offsets one character off.
    Shifted,
    /// `end` before `start`.
    Reversed,
    /// `start` equal to `end`.
    Empty,
    /// Offsets past the end of the text.
    PastTheEnd,
    /// Only `start`.
    HalfOffsets,
    /// No offsets, and an occurrence that the text does not have.
    Occurrence(usize),
    /// An empty quote.
    NoQuote,
}

#[derive(Debug, Clone, Copy)]
pub enum FileEdit {
    Truncated,
    ByteOrderMark,
    TextMissing,
    TextNotUtf8,
    /// The article's file copied under another name: its document id given twice.
    Copied,
}

/// Which record an edit lands on.
#[derive(Debug, Clone)]
pub enum Target {
    Entity(Index),
    Document(Index),
    Relation(Index, Index),
    Evidence(Index, Index, Index),
    /// The registry (with `None`) or an article's file.
    File(Option<Index>),
}

fn set(pairs: &[(&'static str, &'static str)]) -> Edit {
    let parse = |(k, v): &(&'static str, &'static str)| (*k, serde_json::from_str(v).unwrap());
    Edit::Set(pairs.iter().map(parse).collect())
}

fn control() -> impl Strategy<Value = char> {
    select(
        &[
            '\u{0}', '\u{7}', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ][..],
    )
}

fn quote_edit() -> impl Strategy<Value = QuoteEdit> {
    prop_oneof![
        Just(QuoteEdit::Altered),
        Just(QuoteEdit::Shifted),
        Just(QuoteEdit::Reversed),
        Just(QuoteEdit::Empty),
        Just(QuoteEdit::PastTheEnd),
        Just(QuoteEdit::HalfOffsets),
        select(&[0usize, 1000][..]).prop_map(QuoteEdit::Occurrence),
        Just(QuoteEdit::NoQuote),
    ]
}

fn file_edit() -> impl Strategy<Value = (Target, Edit)> {
    let any_file = prop::option::of(any::<Index>()).prop_map(Target::File);
    let article = any::<Index>().prop_map(|a| Target::File(Some(a)));
    let on_article = select(
        &[
            FileEdit::TextMissing,
            FileEdit::TextNotUtf8,
            FileEdit::Copied,
        ][..],
    );
    prop_oneof![
        (
            any_file,
            select(&[FileEdit::Truncated, FileEdit::ByteOrderMark][..])
        ),
        (article, on_article),
    ]
    .prop_map(|(target, edit)| (target, Edit::File(edit)))
}

/// A target and the mistake put there.
pub fn mistake() -> impl Strategy<Value = (Target, Edit)> {
    let entity = any::<Index>().prop_map(Target::Entity);
    let document = any::<Index>().prop_map(Target::Document);
    let relation = (any::<Index>(), any::<Index>()).prop_map(|(a, r)| Target::Relation(a, r));
    let evidence = (any::<Index>(), any::<Index>(), any::<Index>())
        .prop_map(|(a, r, e)| Target::Evidence(a, r, e));
    let date_field = select(&["/date", "/start", "/end"][..]);
    let bad_date =
        (date_field, select(BAD_DATES)).prop_map(|(k, d)| Edit::Set(vec![(k, json!(d))]));
    let bad_amount = select(BAD_AMOUNTS)
        .prop_map(|a| Edit::Set(vec![("/amount", json!(a)), ("/currency", json!("USD"))]));
    let bad_currency = select(&["usd", "XYZ", "US$", ""][..])
        .prop_map(|c| Edit::Set(vec![("/amount", json!("5")), ("/currency", json!(c))]));
    let relation_edit = prop_oneof![
        select(RELATION_REQUIRED).prop_map(Edit::Remove),
        select(RELATION_WRONG).prop_map(set),
        bad_date,
        bad_amount,
        bad_currency,
        Just(Edit::Twice),
        any::<Index>().prop_map(Edit::NotAllowed),
        any::<Index>().prop_map(Edit::SelfLink),
    ];
    let entity_edit = prop_oneof![
        select(ENTITY_REQUIRED).prop_map(Edit::Remove),
        select(ENTITY_WRONG).prop_map(set),
        Just(Edit::Twice),
        (any::<Index>(), control()).prop_map(|(at, c)| Edit::Control(at, c)),
    ];
    let document_edit = prop_oneof![
        select(DOCUMENT_REQUIRED).prop_map(Edit::Remove),
        select(DOCUMENT_WRONG).prop_map(set),
    ];
    prop_oneof![
        (entity, entity_edit),
        (document, document_edit),
        (relation, relation_edit),
        (evidence, quote_edit().prop_map(Edit::Quote)),
        file_edit(),
    ]
}

/// Where the diagnostic of a mistake must point: a file of the data directory and the JSON
/// path of the record (`$` for the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub file: String,
    pub path: String,
}

impl Expected {
    fn article(a: usize, path: String) -> Self {
        Expected {
            file: format!("articles/f{a}.json"),
            path,
        }
    }

    /// Whether a diagnostic's path is this record's or lies within it.
    pub fn covers(&self, path: &str) -> bool {
        let inside = path.strip_prefix(self.path.as_str());
        inside.is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    }
}

/// The files of `rendered`, laid out plainly, with the mistake `edit` made at `target`; and
/// where its diagnostic must point.
pub fn apply(rendered: &Rendered, target: &Target, edit: &Edit) -> (Files, Expected) {
    let mut r = rendered.clone();
    let articles = r.articles.len();
    let expected = match target {
        Target::Entity(i) => {
            let i = i.index(r.entities.len());
            let path = entity_edit(&mut r.entities, i, edit);
            Expected {
                file: "entities.json".into(),
                path,
            }
        }
        Target::Document(a) => {
            let a = a.index(articles);
            record_edit(&mut r.articles[a].document, edit);
            Expected::article(a, "$.document".into())
        }
        Target::Relation(a, i) => {
            let a = a.index(articles);
            let i = i.index(r.articles[a].relations.len());
            Expected::article(a, relation_edit(&mut r, a, i, edit))
        }
        Target::Evidence(a, i, e) => {
            let a = a.index(articles);
            let article = &mut r.articles[a];
            let i = i.index(article.relations.len());
            let e = e.index(article.spans[i].len());
            let Edit::Quote(q) = edit else {
                unreachable!("evidence takes quote edits")
            };
            let len = article.text.chars().count();
            quote_edit_at(
                &mut article.relations[i]["evidence"][e],
                *q,
                article.spans[i][e],
                len,
            );
            Expected::article(a, format!("$.relations[{i}].evidence[{e}]"))
        }
        Target::File(_) => Expected {
            file: String::new(),
            path: "$".into(),
        },
    };
    let mut files = r.files(&Layout::plain_of(&r));
    match (target, edit) {
        (Target::File(which), Edit::File(f)) => {
            let a = which.as_ref().map(|i| i.index(articles));
            let expected = file_edit_at(&mut files, &r, a, *f);
            (files, expected)
        }
        _ => (files, expected),
    }
}

fn put(record: &mut Value, pointer: &str, value: Value) {
    let mut keys: Vec<&str> = pointer.split('/').skip(1).collect();
    let last = keys.pop().expect("a pointer names a field");
    let mut at = record;
    for k in keys {
        at = at
            .as_object_mut()
            .expect("an object")
            .entry(k)
            .or_insert(json!({}));
    }
    at.as_object_mut()
        .expect("an object")
        .insert(last.into(), value);
}

/// The edits that any record takes.
fn record_edit(record: &mut Value, edit: &Edit) {
    match edit {
        Edit::Remove(key) => {
            record.as_object_mut().expect("an object").remove(*key);
        }
        Edit::Set(pairs) => {
            for (pointer, value) in pairs {
                put(record, pointer, value.clone());
            }
        }
        _ => unreachable!("{edit:?} is not an edit of any record"),
    }
}

/// Edits entity `i`; the path of the record that is wrong.
fn entity_edit(entities: &mut Vec<Value>, i: usize, edit: &Edit) -> String {
    match edit {
        Edit::Twice => {
            entities.push(entities[i].clone());
            return format!("$.entities[{}]", entities.len() - 1);
        }
        Edit::Control(at, c) => {
            let lang = ["ar", "en"][at.index(2)];
            let label = entities[i]["labels"][lang]
                .as_str()
                .expect("a label")
                .to_owned();
            let mut chars: Vec<char> = label.chars().collect();
            chars.insert(at.index(chars.len() + 1), *c);
            entities[i]["labels"][lang] = json!(chars.into_iter().collect::<String>());
        }
        _ => record_edit(&mut entities[i], edit),
    }
    format!("$.entities[{i}]")
}

/// Edits relation `i` of article `a`; the path of the record that is wrong.
fn relation_edit(r: &mut Rendered, a: usize, i: usize, edit: &Edit) -> String {
    let doc = r.articles[a].document["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let relations = &mut r.articles[a].relations;
    let record = &mut relations[i];
    let id = record["id"].as_str().expect("an id").to_owned();
    match edit {
        Edit::Twice => {
            let copy = record.clone();
            relations.push(copy);
            return format!("$.relations[{}]", relations.len() - 1);
        }
        Edit::NotAllowed(k) => {
            let kind = record["type"].as_str().expect("a type");
            let allowed = &ONTOLOGY.relation_types[kind].qualifiers;
            let others: Vec<&String> = (ONTOLOGY.relation_types.values())
                .flat_map(|t| &t.qualifiers)
                .filter(|q| !allowed.contains(*q))
                .collect();
            let key = others[k.index(others.len())].clone();
            let value = qualifier_value(&key, record);
            record[key] = value;
        }
        Edit::SelfLink(k) => match k.index(3) {
            0 => record["same_as"] = json!([format!("{doc}/{id}")]),
            1 => record["contradicts"] = json!([format!("{doc}/{id}")]),
            _ => record["part_of"] = json!(id),
        },
        _ => record_edit(record, edit),
    }
    format!("$.relations[{i}]")
}

/// A value of the JSON type that qualifier `key` takes, right but for where it stands.
fn qualifier_value(key: &str, record: &Value) -> Value {
    use newskg::qualifiers::{Shape, ALL};
    let q = ALL.iter().find(|q| q.key == key).expect("a qualifier");
    match q.shape {
        Shape::Text => json!({"en": "x"}),
        Shape::Texts => json!([{"en": "x"}]),
        Shape::Entity => record["subject"].clone(),
        Shape::Entities => json!([record["subject"]]),
        Shape::Decimal => json!("5"),
        Shape::CurrencyCode => json!("USD"),
        Shape::Bound => json!("exact"),
        Shape::StatementRef => record["id"].clone(),
        shape => panic!("no type-specific qualifier has the shape {shape:?}"),
    }
}

/// Edits the evidence `ev`, whose quote stands at `span` of a text of `len` characters.
fn quote_edit_at(ev: &mut Value, edit: QuoteEdit, (start, end): (usize, usize), len: usize) {
    let fields = ev.as_object_mut().expect("an object");
    let mut offsets = |s: usize, e: usize| {
        fields.remove("occurrence");
        fields.insert("start".into(), json!(s));
        fields.insert("end".into(), json!(e));
    };
    match edit {
        QuoteEdit::Shifted => offsets(start + 1, end + 1),
        QuoteEdit::Reversed => offsets(end, start),
        QuoteEdit::Empty => offsets(start, start),
        QuoteEdit::PastTheEnd => offsets(start, len + 1),
        QuoteEdit::HalfOffsets => {
            offsets(start, end);
            fields.remove("end");
        }
        QuoteEdit::Occurrence(n) => {
            fields.remove("start");
            fields.remove("end");
            fields.insert("occurrence".into(), json!(n));
        }
        QuoteEdit::Altered => {
            let quote = format!("{}§", fields["quote"].as_str().expect("a quote"));
            fields.insert("quote".into(), json!(quote));
        }
        QuoteEdit::NoQuote => {
            fields.insert("quote".into(), json!(""));
        }
    }
}

/// Breaks a file: the registry (`None`) or article `a`'s.
fn file_edit_at(files: &mut Files, r: &Rendered, a: Option<usize>, edit: FileEdit) -> Expected {
    let file = match a {
        None => "entities.json".to_owned(),
        Some(a) => format!("articles/f{a}.json"),
    };
    let whole = Expected {
        file: file.clone(),
        path: "$".into(),
    };
    let source = a.map(|a| r.articles[a].source.clone());
    let bytes = |files: &mut Files, name: &str| files.0.get_mut(name).expect("a file").clone();
    match (edit, source) {
        (FileEdit::Truncated, _) => {
            let b = bytes(files, &file);
            files.0.insert(file, b[..b.len() / 2].to_vec());
        }
        (FileEdit::ByteOrderMark, _) => {
            let b = bytes(files, &file);
            files
                .0
                .insert(file, [b"\xef\xbb\xbf".as_slice(), &b].concat());
        }
        (FileEdit::TextMissing, Some(source)) => {
            files.0.remove(&source);
            return Expected {
                file,
                path: "$.document".into(),
            };
        }
        (FileEdit::TextNotUtf8, Some(source)) => {
            let b = bytes(files, &source);
            files.0.insert(source, [b"\xff".as_slice(), &b].concat());
            return Expected {
                file,
                path: "$.document".into(),
            };
        }
        (FileEdit::Copied, Some(_)) => {
            let b = bytes(files, &file);
            files.0.insert("articles/f9.json".into(), b);
            return Expected {
                file: "articles/f9.json".into(),
                path: "$.document".into(),
            };
        }
        (edit, None) => unreachable!("{edit:?} is an edit of an article"),
    }
    whole
}
