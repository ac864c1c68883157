//! The rows of six canned queries (donations, meetings, feuds, advisory-roles, evidence and
//! sources), checked against an oracle that owes nothing to any query's output: the extraction
//! files themselves. The test reads `data/entities.json`, `data/articles/*.json` and the
//! article texts of `data/corpus/` with serde_json, computes from them the rows that each
//! query's header promises (which relations or documents, and what every column holds, with
//! names from `labels.en` or `labels.ar` for `--lang`), and compares them with the rows newskg
//! answers on a store built from the same directory: the same set of statements (or
//! documents), one row each, and the same value in every column. Evidence rows are also cut
//! out of the article texts by their character offsets. The golden CSVs of
//! `tests/fixtures/queries/` are never read, and nothing is counted or named in advance: the
//! data is being corrected, and every expectation is computed from it at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use newskg::queries::{self, Lang};
use newskg::{GraphStore, Ontology};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde_json::Value;

use crate::util::{iris, repo_path};

const LANGS: [Lang; 2] = [Lang::En, Lang::Ar];

/// A row of an answer or of the oracle: column → value as plain text, "" when unbound.
type Row = BTreeMap<String, String>;

// The oracle: the extraction files, as JSON.

struct Data {
    entities: BTreeMap<String, Value>,
    docs: Vec<Doc>,
}

/// An article: its `document` record, its relations and its text, as characters.
struct Doc {
    record: Value,
    relations: Vec<Value>,
    text: Vec<char>,
}

/// A relation of the JSON, with the article it is in.
#[derive(Clone, Copy)]
struct Rel {
    doc: &'static Doc,
    r: &'static Value,
}

static DATA: LazyLock<Data> = LazyLock::new(|| read_data(&repo_path("data")));

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

fn read_data(dir: &Path) -> Data {
    for d in [dir.to_owned(), dir.join("articles")] {
        assert!(
            files_in(&d, "jsonl").is_empty(),
            "{}: this oracle reads only the JSON files; teach it JSON Lines",
            d.display()
        );
    }
    let registry = read_json(&dir.join("entities.json"));
    let entities = registry["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_owned(), e.clone()))
        .collect();
    let docs = files_in(&dir.join("articles"), "json")
        .iter()
        .map(|path| {
            let file = read_json(path);
            let source = file["document"]["source"].as_str().unwrap();
            let text = fs::read_to_string(dir.join(source)).unwrap();
            Doc {
                record: file["document"].clone(),
                relations: file["relations"].as_array().cloned().unwrap_or_default(),
                text: text.chars().collect(),
            }
        })
        .collect();
    Data { entities, docs }
}

impl Doc {
    fn id(&self) -> &str {
        self.record["id"].as_str().unwrap()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.record.get(name).and_then(Value::as_str)
    }

    /// Characters `start..end` of the text (code points, not bytes).
    fn span(&self, start: usize, end: usize) -> Option<String> {
        self.text.get(start..end).map(|s| s.iter().collect())
    }
}

impl Rel {
    /// The statement's id, `article/relation`.
    fn id(&self) -> String {
        format!("{}/{}", self.doc.id(), self.field("id").unwrap())
    }

    fn field(&self, name: &str) -> Option<&'static str> {
        self.r.get(name).and_then(Value::as_str)
    }

    fn kind(&self) -> &'static str {
        self.field("type").unwrap()
    }

    fn subject(&self) -> &'static str {
        self.field("subject").unwrap()
    }

    fn object(&self) -> &'static str {
        self.field("object").unwrap()
    }

    /// A string field, or "" without it.
    fn or_empty(&self, name: &str) -> String {
        self.field(name).unwrap_or_default().to_owned()
    }

    /// The entity ids of a field: one (`host`) or a list (`participants`).
    fn ids(&self, name: &str) -> Vec<&'static str> {
        match self.r.get(name) {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The `{"ar", "en"}` texts of a list field (`topics`, `areas`) that exist in `lang`.
    fn texts_in(&self, name: &str, lang: Lang) -> Vec<String> {
        let items = self.r.get(name).and_then(Value::as_array);
        items
            .into_iter()
            .flatten()
            .filter_map(|t| text_in(t, lang))
            .collect()
    }

    /// The relations of this one's article of type `kind` that name it in `part_of`.
    fn parts(&self, kind: &str) -> Vec<Rel> {
        let own = self.field("id");
        relations_in(self.doc)
            .filter(|p| p.kind() == kind && p.field("part_of") == own)
            .collect()
    }
}

fn relations_in(doc: &'static Doc) -> impl Iterator<Item = Rel> {
    doc.relations.iter().map(move |r| Rel { doc, r })
}

fn all_relations() -> Vec<Rel> {
    DATA.docs.iter().flat_map(relations_in).collect()
}

/// The relations of the JSON files of type `kind`.
fn relations(kind: &str) -> Vec<Rel> {
    let found: Vec<Rel> = all_relations()
        .into_iter()
        .filter(|r| r.kind() == kind)
        .collect();
    assert!(
        !found.is_empty(),
        "the data has no {kind} relation to check"
    );
    found
}

/// The label of the entity `id` in `lang`, from entities.json.
fn label(id: &str, lang: Lang) -> String {
    let entity = DATA
        .entities
        .get(id)
        .unwrap_or_else(|| panic!("{id} is not in entities.json"));
    entity["labels"][lang.tag()].as_str().unwrap().to_owned()
}

fn label_of(id: Option<&str>, lang: Lang) -> String {
    id.map(|id| label(id, lang)).unwrap_or_default()
}

/// A `{"ar", "en"}` text in `lang`, if it has one.
fn text_in(texts: &Value, lang: Lang) -> Option<String> {
    texts
        .get(lang.tag())
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// A `{"ar", "en"}` text in `lang`, else in the other language, else "".
fn text_or_other(texts: Option<&Value>, lang: Lang) -> String {
    let Some(texts) = texts else {
        return String::new();
    };
    let other = LANGS.into_iter().find(|l| *l != lang).unwrap();
    text_in(texts, lang)
        .or_else(|| text_in(texts, other))
        .unwrap_or_default()
}

/// A list cell as newskg shows one: the distinct values, sorted, joined by "; ".
fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: BTreeSet<String> = items.into_iter().collect();
    items.into_iter().collect::<Vec<_>>().join("; ")
}

/// A decimal written the one way, so that "10000000" and "10000000.0" compare equal.
fn number(text: &str) -> String {
    text.parse::<f64>()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| text.to_owned())
}

fn row<'a>(cells: impl IntoIterator<Item = (&'a str, String)>) -> Row {
    cells.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The columns that every statement row of these queries shares.
fn statement_cells(rel: Rel) -> Vec<(&'static str, String)> {
    vec![
        ("statement", rel.id()),
        ("article", rel.doc.id().to_owned()),
        ("date", rel.or_empty("date")),
        ("start", rel.or_empty("start")),
        ("end", rel.or_empty("end")),
        ("status", rel.or_empty("status")),
    ]
}

// The answers: the library on a store of its own, built from the same data directory.

/// A store in memory, so that no other test run (they share the target directory) can
/// remove it under this one.
static STORE: LazyLock<GraphStore> = LazyLock::new(|| {
    let store = GraphStore::memory().unwrap();
    let ontology = Ontology::bundled().unwrap();
    newskg::build(&repo_path("data"), &store, &ontology, &iris()).unwrap();
    store
});

/// The rows of the canned query `name` with `params`, as newskg presents them.
fn run(name: &str, params: &[(&str, &str)], lang: Lang) -> Vec<Row> {
    let q = queries::get(name).unwrap_or_else(|| panic!("no canned query {name}"));
    let file = repo_path(&format!("queries/{name}.rq"));
    assert!(
        fs::read_to_string(&file).is_ok_and(|text| text == q.sparql),
        "the library does not embed {} as it is here: another checkout that shares the target \
         directory built it last; rebuild",
        file.display()
    );
    let given: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let bindings = queries::bindings(q, &given, lang, &STORE).unwrap();
    let QueryResults::Solutions(solutions) = STORE.query_with(q.sparql, bindings).unwrap() else {
        panic!("{name} is not a SELECT query");
    };
    let solutions = queries::present(q, solutions);
    let vars = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            let cell = |t: Option<&Term>| match t {
                None => String::new(),
                Some(Term::Literal(l)) => l.value().to_owned(),
                Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                Some(other) => other.to_string(),
            };
            vars.iter()
                .map(|v| (v.as_str().to_owned(), cell(s.get(v))))
                .collect()
        })
        .collect()
}

// The comparison.

fn keyed(
    rows: Vec<Row>,
    key: &[&str],
    side: &str,
    problems: &mut Vec<String>,
) -> BTreeMap<String, Row> {
    let mut out = BTreeMap::new();
    for row in rows {
        let k: Vec<&str> = key
            .iter()
            .map(|c| row.get(*c).map(String::as_str).unwrap_or("?"))
            .collect();
        let k = k.join(" ");
        if let Some(first) = out.insert(k.clone(), row) {
            problems.push(format!(
                "{side} has more than one row for {k} (one is {first:?})"
            ));
        }
    }
    out
}

/// Asserts that the query's rows are the oracle's: the same keys, one row each, and in each
/// row the value the oracle gives for every column it computes.
fn assert_rows(what: &str, key: &[&str], expected: Vec<Row>, actual: Vec<Row>) {
    let mut problems = Vec::new();
    let expected = keyed(expected, key, "the data", &mut problems);
    let actual = keyed(actual, key, "the query", &mut problems);
    for (k, want) in &expected {
        let Some(got) = actual.get(k) else {
            problems.push(format!("no row for {k}, which the data gives: {want:?}"));
            continue;
        };
        for (column, value) in want {
            if got.get(column) != Some(value) {
                problems.push(format!(
                    "{k}: {column} is {:?}, the data says {value:?}",
                    got.get(column)
                ));
            }
        }
    }
    for (k, got) in &actual {
        if !expected.contains_key(k) {
            problems.push(format!(
                "a row for {k}, which the data does not give: {got:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

/// A statement query and its oracle.
struct Check {
    name: &'static str,
    /// The relations of the JSON whose statements the query answers.
    rels: Vec<Rel>,
    /// The row the query must give for a relation.
    row: fn(Rel, Lang) -> Row,
    /// Applied to the rows of both sides: values that may be written more than one way.
    normalize: fn(&mut Row),
    /// `(param, entity)` pairs to run the query with, in English.
    filters: Vec<(&'static str, &'static str)>,
    /// Whether the query with `param` = `entity` keeps the statement of a relation.
    keeps: fn(Rel, &str, &str) -> bool,
}

impl Check {
    fn expected(&self, lang: Lang, filter: Option<(&str, &str)>) -> Vec<Row> {
        self.rels
            .iter()
            .filter(|r| filter.is_none_or(|(p, e)| (self.keeps)(**r, p, e)))
            .map(|r| (self.row)(*r, lang))
            .collect()
    }

    fn compare(&self, what: &str, mut expected: Vec<Row>, mut actual: Vec<Row>) {
        expected
            .iter_mut()
            .chain(&mut actual)
            .for_each(self.normalize);
        assert_rows(what, &["statement"], expected, actual);
    }

    /// Checks the rows with no parameter in both languages, then with each filter.
    fn run(&self) {
        for lang in LANGS {
            let what = format!("{} --lang {}", self.name, lang.tag());
            self.compare(&what, self.expected(lang, None), run(self.name, &[], lang));
        }
        for &(param, who) in &self.filters {
            let what = format!("{} -p {param}={who}", self.name);
            let expected = self.expected(Lang::En, Some((param, who)));
            self.compare(&what, expected, run(self.name, &[(param, who)], Lang::En));
        }
    }
}

fn no_normalizing(_: &mut Row) {}

/// Every `(param, entity)` pair of `params` × the entities that `rels` name in `fields`.
fn filters(
    params: &[&'static str],
    rels: &[Rel],
    fields: &[&str],
) -> Vec<(&'static str, &'static str)> {
    let entities: BTreeSet<&'static str> = rels
        .iter()
        .flat_map(|r| fields.iter().flat_map(|f| r.ids(f)))
        .collect();
    params
        .iter()
        .flat_map(|p| entities.iter().map(move |e| (*p, *e)))
        .collect()
}

// donations

fn donation_row(rel: Rel, lang: Lang) -> Row {
    let doc = rel.doc.id();
    let mut cells = row(statement_cells(rel));
    cells.extend(row([
        ("donor_name", label(rel.subject(), lang)),
        ("recipient_name", label(rel.object(), lang)),
        ("intermediary", label_of(rel.field("intermediary"), lang)),
        ("beneficiary_name", label_of(rel.field("beneficiary"), lang)),
        ("amount", rel.or_empty("amount")),
        ("bound", rel.or_empty("amount_bound")),
        ("currency", rel.or_empty("currency")),
        ("purpose", text_or_other(rel.r.get("purpose"), lang)),
        (
            "part_of",
            rel.field("part_of")
                .map(|p| format!("{doc}/{p}"))
                .unwrap_or_default(),
        ),
    ]));
    cells
}

#[test]
fn donations_are_every_donated_to_relation_of_the_data() {
    // The query has no FILTER on the status: denied and considered gifts are rows too.
    let rels = relations("donated-to");
    let filters = filters(&["donor", "recipient"], &rels, &["subject", "object"]);
    assert!(filters.contains(&("donor", "elon-musk")));
    Check {
        name: "donations",
        rels,
        row: donation_row,
        normalize: |row| {
            if let Some(amount) = row.get_mut("amount") {
                *amount = number(amount);
            }
        },
        filters,
        keeps: |rel, param, who| match param {
            "donor" => rel.subject() == who,
            _ => rel.object() == who,
        },
    }
    .run();
}

// meetings

fn meeting_row(rel: Rel, lang: Lang) -> Row {
    let labels = |field| rel.ids(field).into_iter().map(|id| label(id, lang));
    let mut cells = row(statement_cells(rel));
    cells.extend(row([
        ("subject", label(rel.subject(), lang)),
        ("object", label(rel.object(), lang)),
        ("others", list(labels("participants"))),
        ("place", list(labels("place"))),
        ("host", list(labels("host"))),
        ("topics", list(rel.texts_in("topics", lang))),
    ]));
    cells
}

#[test]
fn meetings_are_every_met_at_relation_with_its_place_and_participants() {
    let rels = relations("met-at");
    let filters = filters(
        &["a"],
        &rels,
        &["subject", "object", "participants", "host"],
    );
    Check {
        name: "meetings",
        rels,
        row: meeting_row,
        normalize: no_normalizing,
        filters,
        keeps: |rel, _, who| {
            ["subject", "object", "participants", "host"]
                .iter()
                .any(|f| rel.ids(f).contains(&who))
        },
    }
    .run();
}

// feuds

/// A threat that escalated a feud, as the feuds query words it: who → whom: with what.
fn threat(rel: Rel, lang: Lang) -> String {
    let with = rel.texts_in("topics", lang).join(", ");
    let who = format!(
        "{} → {}",
        label(rel.subject(), lang),
        label(rel.object(), lang)
    );
    if with.is_empty() {
        who
    } else {
        format!("{who}: {with}")
    }
}

/// A reconciliation that ended a feud: when (its date, else its start), and why.
fn thaw(rel: Rel, lang: Lang) -> String {
    let when = rel
        .field("date")
        .or(rel.field("start"))
        .unwrap_or("undated");
    match rel.r.get("reason").and_then(|r| text_in(r, lang)) {
        Some(why) => format!("{when}: {why}"),
        None => when.to_owned(),
    }
}

fn feud_row(rel: Rel, lang: Lang) -> Row {
    let trigger = rel.r.get("reason").and_then(|r| text_in(r, lang));
    let mut cells = row(statement_cells(rel));
    cells.extend(row([
        ("party_a", label(rel.subject(), lang)),
        ("party_b", label(rel.object(), lang)),
        ("triggers", list(trigger)),
        ("topics", list(rel.texts_in("topics", lang))),
        (
            "escalations",
            list(rel.parts("threatened").into_iter().map(|t| threat(t, lang))),
        ),
        (
            "thaw",
            list(
                rel.parts("reconciled-with")
                    .into_iter()
                    .map(|r| thaw(r, lang)),
            ),
        ),
    ]));
    cells
}

/// The topics of a threat are joined in the engine's order: sorts them within each threat.
fn sort_threat_topics(row: &mut Row) {
    let Some(cell) = row.get_mut("escalations") else {
        return;
    };
    let threats = cell.split("; ").map(|t| match t.split_once(": ") {
        Some((who, with)) => {
            let mut with: Vec<&str> = with.split(", ").collect();
            with.sort_unstable();
            format!("{who}: {}", with.join(", "))
        }
        None => t.to_owned(),
    });
    *cell = list(threats);
}

#[test]
fn feuds_are_every_feuded_with_relation_with_its_threats_and_reconciliations() {
    // The rows are the feuds; the threats and reconciliations that name one in `part_of`
    // are its escalations and its thaw.
    let rels = relations("feuded-with");
    let filters = filters(&["a"], &rels, &["subject", "object"]);
    Check {
        name: "feuds",
        rels,
        row: feud_row,
        normalize: sort_threat_topics,
        filters,
        keeps: |rel, _, who| rel.subject() == who || rel.object() == who,
    }
    .run();
}

// advisory-roles

fn advisory_row(rel: Rel, lang: Lang) -> Row {
    let mut cells = row(statement_cells(rel));
    cells.extend(row([
        ("adviser_name", label(rel.subject(), lang)),
        ("advised_name", label(rel.object(), lang)),
        ("role", text_or_other(rel.r.get("role"), lang)),
        ("areas", list(rel.texts_in("areas", lang))),
        ("reason", text_or_other(rel.r.get("reason"), lang)),
    ]));
    cells
}

#[test]
fn advisory_roles_are_every_advises_relation_with_its_role() {
    let rels = relations("advises");
    let filters = filters(&["adviser", "advised"], &rels, &["subject", "object"]);
    Check {
        name: "advisory-roles",
        rels,
        row: advisory_row,
        normalize: no_normalizing,
        filters,
        keeps: |rel, param, who| match param {
            "adviser" => rel.subject() == who,
            _ => rel.object() == who,
        },
    }
    .run();
}

// evidence

/// The fields of a relation that name the entities it involves, as the evidence query's
/// header reads "what is said about an entity".
const INVOLVES: [&str; 8] = [
    "subject",
    "object",
    "participants",
    "host",
    "intermediary",
    "beneficiary",
    "place",
    "asserted_by",
];

fn involves(rel: Rel, entity: &str) -> bool {
    INVOLVES.iter().any(|f| rel.ids(f).contains(&entity))
}

/// Where a quote stands: its offsets, or where the text has it (its `occurrence`-th time).
fn located(doc: &Doc, evidence: &Value) -> (usize, usize) {
    let at = |k: &str| evidence.get(k).and_then(Value::as_u64).map(|n| n as usize);
    if let (Some(start), Some(end)) = (at("start"), at("end")) {
        return (start, end);
    }
    let quote: Vec<char> = evidence["quote"].as_str().unwrap().chars().collect();
    let nth = at("occurrence").unwrap_or(1);
    let start = (0..doc.text.len())
        .filter(|&i| doc.text[i..].starts_with(&quote))
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("{}: {quote:?} is not in the text", doc.id()));
    (start, start + quote.len())
}

/// The evidence rows of a relation: one per quote.
fn evidence_rows(rel: Rel, lang: Lang) -> Vec<Row> {
    let doc = rel.doc;
    let published = doc.record.get("published").and_then(|p| p.get("date"));
    let quotes = rel.r["evidence"].as_array().unwrap();
    quotes
        .iter()
        .map(|e| {
            let (start, end) = located(doc, e);
            row([
                ("statement", rel.id()),
                ("relation", rel.kind().to_owned()),
                ("subject", label(rel.subject(), lang)),
                ("object", label(rel.object(), lang)),
                ("article", doc.id().to_owned()),
                ("publisher", label_of(doc.field("publisher"), lang)),
                (
                    "published",
                    published
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                ),
                ("quote", e["quote"].as_str().unwrap().to_owned()),
                ("start", start.to_string()),
                ("end", end.to_string()),
            ])
        })
        .collect()
}

/// Asserts that every row's quote is the characters start..end of its article's text.
fn assert_quotes_are_in_the_texts(what: &str, rows: &[Row]) {
    for row in rows {
        let doc = DATA.docs.iter().find(|d| d.id() == row["article"]);
        let doc = doc.unwrap_or_else(|| panic!("{what}: no article {:?}", row["article"]));
        let (start, end) = (row["start"].parse().unwrap(), row["end"].parse().unwrap());
        assert_eq!(
            doc.span(start, end).as_deref(),
            Some(row["quote"].as_str()),
            "{what}: {} quotes characters {start}..{end} of {}",
            row["statement"],
            doc.field("source").unwrap()
        );
    }
}

fn check_evidence(what: &str, params: &[(&str, &str)], entity: &str, rels: &[Rel], lang: Lang) {
    let actual = run("evidence", params, lang);
    assert_quotes_are_in_the_texts(what, &actual);
    let expected: Vec<Row> = rels
        .iter()
        .filter(|r| involves(**r, entity))
        .flat_map(|r| evidence_rows(*r, lang))
        .collect();
    assert_rows(what, &["statement", "start", "end"], expected, actual);
}

#[test]
fn evidence_rows_are_the_quotes_of_the_statements_that_involve_the_entity() {
    let q = queries::get("evidence").unwrap();
    let param = q.params.iter().find(|p| p.name == "entity").unwrap();
    let entity = param
        .default
        .as_deref()
        .expect("evidence has a default entity");
    let rels = all_relations();
    assert!(rels.iter().any(|r| involves(*r, entity)));
    for lang in LANGS {
        let what = format!("evidence --lang {}", lang.tag());
        check_evidence(&what, &[], entity, &rels, lang);
    }
    // One statement: the first and the last of each article, about the default entity or
    // not, and about its subject.
    let picked = DATA.docs.iter().flat_map(|d| {
        let all: Vec<Rel> = relations_in(d).collect();
        [all.first().copied(), all.last().copied()]
    });
    for rel in picked.flatten() {
        let id = rel.id();
        for lang in LANGS {
            let what = format!("evidence -p id={id} --lang {}", lang.tag());
            check_evidence(&what, &[("id", &id)], entity, &[rel], lang);
            let who = rel.subject();
            let what = format!("evidence -p entity={who} -p id={id} --lang {}", lang.tag());
            check_evidence(&what, &[("entity", who), ("id", &id)], who, &[rel], lang);
        }
    }
}

// sources

fn source_row(doc: &'static Doc, lang: Lang) -> Row {
    let published = doc.record.get("published");
    let date = published
        .and_then(|p| p.get("date"))
        .and_then(Value::as_str);
    // The mapper writes the flag with the date: false unless the record says it is inferred.
    let inferred = published.map(|p| p.get("inferred").and_then(Value::as_bool) == Some(true));
    let outlets = doc.record.get("reports_from").and_then(Value::as_array);
    let outlets = outlets.into_iter().flatten().filter_map(Value::as_str);
    row([
        ("article", doc.id().to_owned()),
        ("title", text_or_other(doc.record.get("title"), lang)),
        ("publisher", label_of(doc.field("publisher"), lang)),
        ("published", date.unwrap_or_default().to_owned()),
        (
            "inferred",
            inferred.map(|b| b.to_string()).unwrap_or_default(),
        ),
        ("reports_from", list(outlets.map(|o| label(o, lang)))),
        ("statements", doc.relations.len().to_string()),
        ("source", doc.field("source").unwrap().to_owned()),
    ])
}

#[test]
fn sources_are_one_row_per_document_with_its_count_of_relations() {
    assert!(!DATA.docs.is_empty());
    for lang in LANGS {
        let expected = DATA.docs.iter().map(|d| source_row(d, lang)).collect();
        let what = format!("sources --lang {}", lang.tag());
        assert_rows(&what, &["article"], expected, run("sources", &[], lang));
    }
}
