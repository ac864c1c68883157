//! The canned queries: `queries/*.rq`, one query a file, embedded at build time.
//!
//! Each file opens with a comment header that newskg reads to list and document the query:
//! a title line, `en:` and `ar:` lines with the question it answers, `param NAME: KIND = DEFAULT
//! | description` lines and `column NAME: description` lines; `NAME[]` marks a column that lists
//! several values joined by "; ", which newskg sorts so that the output does not depend on the
//! order in which the engine aggregated them. Parameters are bound into the
//! query as RDF terms with Oxigraph's variable substitution, never pasted into its text, so no
//! value can change what the query does.

use std::collections::BTreeMap;

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution, QuerySolutionIter, Variable};

use crate::pgraph::{Node, PropertyGraph};
use crate::store::GraphStore;
pub use crate::wording::Lang;
use crate::Error;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/canned_queries.rs"));
}

/// A canned query and what its header says.
#[derive(Debug, Clone)]
pub struct CannedQuery {
    pub name: &'static str,
    pub sparql: &'static str,
    pub title: String,
    pub question_en: String,
    pub question_ar: String,
    pub params: Vec<Param>,
    pub columns: Vec<Column>,
    /// Whether the query takes the label language as `?lang` (its header's `lang:` line).
    pub uses_lang: bool,
}

/// A result column and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// The column's name in Arabic answers: a SPARQL variable name, `_` for spaces.
    pub name_ar: Option<String>,
    pub description: String,
    /// Whether the column lists values joined by "; ".
    pub list: bool,
    /// Whether its values are keys of the ontology (relation types, statuses, bounds,
    /// precisions, entity types), shown by their labels in Arabic answers.
    pub keys: bool,
}

/// A parameter of a canned query: the variable it binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// For an entity: the part it plays in the statements the query keeps (`subject`,
    /// `object`, `beneficiary`…), from the header's `entity as ROLE`.
    pub role: Option<String>,
    pub default: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// An entity, given by id or by name in Arabic or English; bound to its IRI.
    Entity,
    /// Free text; bound to a plain string literal.
    Text,
}

/// Every canned query, sorted by name; the headers are read once.
pub fn all() -> &'static [CannedQuery] {
    static ALL: LazyLock<Vec<CannedQuery>> = LazyLock::new(|| {
        embedded::CANNED
            .iter()
            .map(|(name, sparql)| parse(name, sparql))
            .collect()
    });
    &ALL
}

/// The canned query called `name`.
pub fn get(name: &str) -> Option<&'static CannedQuery> {
    all().iter().find(|q| q.name == name)
}

/// The canned query called `name`, or an error that lists the known ones.
pub fn named(name: &str) -> Result<&'static CannedQuery, Error> {
    get(name).ok_or_else(|| Error::UnknownQuery {
        name: name.to_owned(),
        known: all().iter().map(|q| q.name).collect::<Vec<_>>().join(", "),
    })
}

fn parse(name: &'static str, sparql: &'static str) -> CannedQuery {
    let mut q = CannedQuery {
        name,
        sparql,
        title: String::new(),
        question_en: String::new(),
        question_ar: String::new(),
        params: Vec::new(),
        columns: Vec::new(),
        uses_lang: false,
    };
    for line in sparql.lines() {
        let Some(text) = line.strip_prefix('#') else {
            break;
        };
        let text = text.strip_prefix(' ').unwrap_or(text);
        if q.title.is_empty() {
            q.title = text.trim().to_owned();
        } else if let Some(en) = text.strip_prefix("en:") {
            q.question_en = en.trim().to_owned();
        } else if let Some(ar) = text.strip_prefix("ar:") {
            q.question_ar = ar.trim().to_owned();
        } else if text.starts_with("lang:") {
            q.uses_lang = true;
        } else if let Some(param) = text.strip_prefix("param ") {
            q.params.push(parse_param(name, param));
        } else if let Some(column) = text.strip_prefix("column ") {
            q.columns.push(parse_column(name, column));
        } else if let (Some(last), true) = (q.columns.last_mut(), text.starts_with("  ")) {
            last.description.push(' ');
            last.description.push_str(text.trim());
        }
    }
    q
}

/// `NAME[] key (ARABIC_NAME): description`, where `[]` (a list), `key` (values are ontology
/// keys) and the Arabic name may be left out.
fn parse_column(query: &str, text: &str) -> Column {
    let (head, description) = text.split_once(':').unwrap_or((text, ""));
    let (head, name_ar) = match head.split_once('(') {
        Some((head, ar)) => {
            let ar = ar.trim().strip_suffix(')').unwrap_or_else(|| {
                panic!("queries/{query}.rq: `column {text}`: the Arabic name needs its ')'")
            });
            Variable::new(ar.trim()).unwrap_or_else(|e| {
                panic!("queries/{query}.rq: `column {text}`: {ar:?} is no variable name: {e}")
            });
            (head, Some(ar.trim().to_owned()))
        }
        None => (head, None),
    };
    let mut words = head.split_whitespace();
    let first = words.next().unwrap_or_default();
    let keys = match words.next() {
        None => false,
        Some("key") => true,
        Some(other) => panic!("queries/{query}.rq: `column {text}`: unknown flag {other:?}"),
    };
    let (name, list) = match first.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (first, false),
    };
    Column {
        name: name.to_owned(),
        name_ar,
        description: description.trim().to_owned(),
        list,
        keys,
    }
}

/// `NAME: KIND = DEFAULT | description`, where `= DEFAULT` may be left out.
fn parse_param(query: &str, text: &str) -> Param {
    let (head, description) = text.split_once('|').unwrap_or((text, ""));
    let (name, rest) = head
        .split_once(':')
        .unwrap_or_else(|| panic!("queries/{query}.rq: `param {text}` needs NAME: KIND"));
    let (kind, default) = match rest.split_once('=') {
        Some((k, d)) => (k.trim(), Some(d.trim().to_owned())),
        None => (rest.trim(), None),
    };
    let (kind, role) = match kind.split_once(" as ") {
        Some((kind, role)) => (kind.trim(), Some(role.trim().to_owned())),
        None => (kind, None),
    };
    let kind = match kind {
        "entity" => ParamKind::Entity,
        "text" => ParamKind::Text,
        other => panic!("queries/{query}.rq: unknown parameter kind {other:?}"),
    };
    assert!(
        role.as_deref()
            .is_none_or(|r| ROLES.iter().any(|(name, _)| *name == r)),
        "queries/{query}.rq: unknown role in `param {text}`"
    );
    Param {
        name: name.trim().to_owned(),
        kind,
        role,
        default,
        description: description.trim().to_owned(),
    }
}

/// The characters that [`normalize_name`] drops: harakat, dagger alef and tatweel, as
/// inclusive ranges. The site's search folds by the same table.
pub const NAME_DROPS: &[(char, char)] = &[
    ('\u{064B}', '\u{065F}'),
    ('\u{0670}', '\u{0670}'),
    ('\u{0640}', '\u{0640}'),
];

/// The letters that [`normalize_name`] writes as another: hamza forms of alef, ta marbuta,
/// alef maqsura, hamza on waw and on ya.
pub const NAME_FOLDS: &[(char, char)] = &[
    ('أ', 'ا'),
    ('إ', 'ا'),
    ('آ', 'ا'),
    ('ٱ', 'ا'),
    ('ة', 'ه'),
    ('ى', 'ي'),
    ('ؤ', 'و'),
    ('ئ', 'ي'),
];

/// Folds the spelling variants of a name: Arabic hamza forms of alef, ta marbuta, alef maqsura,
/// diacritics and tatweel ([`NAME_FOLDS`], [`NAME_DROPS`]); English case; runs of spaces.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if NAME_DROPS.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) {
            continue;
        }
        match NAME_FOLDS.iter().find(|&&(from, _)| from == c) {
            Some(&(_, to)) => out.push(to),
            None => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

const ENTITY_NAMES: &str = "PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?id ?name WHERE {
  ?entity dcterms:identifier ?id .
  { ?entity rdfs:label ?name } UNION { ?entity skos:altLabel ?name }
}";

/// The entity that `given` names: its id, or a label or alias in Arabic or English, spelling
/// variants folded; failing that, the one entity with a name that contains the given words.
/// An ambiguous or unknown name is an error that lists the candidates.
pub fn resolve_entity(store: &GraphStore, given: &str) -> Result<NamedNode, Error> {
    // An id is exact: no need to read every name.
    if let Some(entity) = store.entity_with_id(given.trim())? {
        return Ok(entity);
    }
    let wanted = normalize_name(given);
    let QueryResults::Solutions(rows) = store.query(ENTITY_NAMES)? else {
        unreachable!("a SELECT query");
    };
    let mut matches = BTreeMap::<String, NamedNode>::new();
    // Entities that have a name containing the given words ("Peltz" in "Nelson Peltz"), used
    // when no name matches whole.
    let mut partial = BTreeMap::<String, NamedNode>::new();
    let padded = format!(" {wanted} ");
    let mut all = BTreeMap::<String, String>::new();
    for row in rows {
        let row = row?;
        let (Some(Term::NamedNode(entity)), Some(Term::Literal(id)), Some(Term::Literal(name))) =
            (row.get("entity"), row.get("id"), row.get("name"))
        else {
            continue;
        };
        // An id matches exactly; a name matches once spelling variants are folded.
        let folded = normalize_name(name.value());
        if folded == wanted || id.value() == given.trim() {
            matches.insert(id.value().to_owned(), entity.clone());
        } else if !wanted.is_empty() && format!(" {folded} ").contains(&padded) {
            partial.insert(id.value().to_owned(), entity.clone());
        }
        all.insert(folded, id.value().to_owned());
        all.insert(id.value().to_owned(), id.value().to_owned());
    }
    if matches.is_empty() {
        matches = partial;
    }
    match matches.len() {
        1 => Ok(matches.into_values().next().expect("one match")),
        0 => {
            let mut near: Vec<(usize, &String)> = all
                .iter()
                .map(|(name, id)| (strsim::levenshtein(&wanted, name), id))
                .filter(|(d, _)| *d <= 3)
                .collect();
            near.sort();
            near.dedup_by(|a, b| a.1 == b.1);
            Err(Error::UnknownEntity {
                name: given.to_owned(),
                suggestions: near
                    .iter()
                    .take(5)
                    .map(|(_, id)| id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
        _ => Err(Error::AmbiguousEntity {
            name: given.to_owned(),
            candidates: describe_candidates(store, &matches)?,
        }),
    }
}

/// Each candidate with its type and its number of statements, most connected first:
/// `donald-trump (person, 81 statements), melania-trump (person, 1 statement)`.
fn describe_candidates(
    store: &GraphStore,
    candidates: &BTreeMap<String, NamedNode>,
) -> Result<String, Error> {
    let mut described = Vec::new();
    for (id, iri) in candidates {
        let query = format!(
            "PREFIX nkg: <https://newskg.example/ontology#>
             SELECT (SAMPLE(?key) AS ?kind) (COUNT(DISTINCT ?st) AS ?n) WHERE {{
               {iri} a/nkg:key ?key .
               OPTIONAL {{ ?st a nkg:Statement ; ?role {iri} }}
             }}"
        );
        let QueryResults::Solutions(mut rows) = store.query(&query)? else {
            unreachable!("a SELECT query");
        };
        let row = rows.next().transpose()?;
        let value = |name: &str| match row.as_ref().and_then(|r| r.get(name)) {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let n: usize = value("n").parse().unwrap_or(0);
        described.push((n, id.clone(), value("kind")));
    }
    described.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let text: Vec<String> = described
        .into_iter()
        .map(|(n, id, kind)| {
            let plural = if n == 1 { "" } else { "s" };
            format!("{id} ({kind}, {n} statement{plural})")
        })
        .collect();
    Ok(text.join(", "))
}

/// The parts an entity plays in a statement, by the name a query header gives them, and the
/// property that links the statement to it.
const ROLES: &[(&str, &str)] = &[
    (
        "subject",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
    ),
    (
        "object",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
    ),
    ("beneficiary", "https://newskg.example/ontology#beneficiary"),
    (
        "intermediary",
        "https://newskg.example/ontology#intermediary",
    ),
    ("participant", "https://newskg.example/ontology#participant"),
    ("host", "https://newskg.example/ontology#host"),
    ("place", "https://newskg.example/ontology#place"),
    ("asserted_by", "https://newskg.example/ontology#assertedBy"),
];

/// Why a canned query with entity parameters may have found nothing: the parts that each
/// given entity plays in the graph's statements, and the parameter of this query that asks for
/// that part (`Nate Morris is the beneficiary of 1 donated-to statement: use -p
/// beneficiary=nate-morris`). `None` when no given entity plays any part.
pub fn no_rows_hint(
    store: &GraphStore,
    query: &CannedQuery,
    given: &[(String, String)],
) -> Result<Option<String>, Error> {
    let mut hints = Vec::new();
    for (name, value) in given {
        let Some(param) = query.params.iter().find(|p| &p.name == name) else {
            continue;
        };
        if param.kind != ParamKind::Entity {
            continue;
        }
        let entity = resolve_entity(store, value)?;
        hints.extend(roles_hint(store, query, param, &entity)?);
    }
    Ok((!hints.is_empty()).then(|| hints.join("; ")))
}

fn roles_hint(
    store: &GraphStore,
    query: &CannedQuery,
    param: &Param,
    entity: &NamedNode,
) -> Result<Option<String>, Error> {
    let values: Vec<String> = ROLES
        .iter()
        .map(|(r, p)| format!("(\"{r}\" <{p}>)"))
        .collect();
    let sparql = format!(
        "PREFIX nkg: <https://newskg.example/ontology#>
         PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?role ?relation (COUNT(DISTINCT ?st) AS ?n) (SAMPLE(?label) AS ?name) WHERE {{
           VALUES (?role ?p) {{ {} }}
           ?st a nkg:Statement ; ?p {entity} ; rdf:predicate/nkg:key ?relation .
           OPTIONAL {{ {entity} rdfs:label ?label FILTER(LANG(?label) = \"en\") }}
         }} GROUP BY ?role ?relation ORDER BY DESC(?n) ?role ?relation",
        values.join(" ")
    );
    let QueryResults::Solutions(rows) = store.query(&sparql)? else {
        unreachable!("a SELECT query");
    };
    let id = entity.as_str().rsplit('/').next().unwrap_or_default();
    let mut parts = Vec::new();
    let mut name = id.to_owned();
    let mut suggestion = None;
    for row in rows {
        let row = row?;
        let text = |v: &str| match row.get(v) {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let (role, relation, n) = (text("role"), text("relation"), text("n"));
        if !text("name").is_empty() {
            name = text("name");
        }
        if param.role.as_deref() != Some(role.as_str()) && suggestion.is_none() {
            suggestion = query
                .params
                .iter()
                .find(|p| p.role.as_deref() == Some(role.as_str()));
        }
        let plural = if n == "1" { "" } else { "s" };
        parts.push(format!("the {role} of {n} {relation} statement{plural}"));
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let mut hint = format!("{name} is {}", parts.join(", "));
    if let Some(p) = suggestion {
        hint.push_str(&format!(": use -p {}={id}", p.name));
    }
    Ok(Some(hint))
}

/// The node of `graph` for the entity that `given` names (see [`resolve_entity`]).
pub fn resolve_node<'g>(
    store: &GraphStore,
    graph: &'g PropertyGraph,
    given: &str,
) -> Result<&'g Node, Error> {
    let iri = resolve_entity(store, given)?;
    graph
        .nodes
        .iter()
        .find(|n| n.iri() == Some(iri.as_str()))
        .ok_or_else(|| Error::Draw(format!("{given:?} is not an entity that can be drawn")))
}

/// The variable bindings for running `query` with the parameters `given` (name, value) and
/// label language `lang`: given values, else defaults; a parameter given several times takes
/// its last value (see [`binding_sets`]). Values become RDF terms, never text.
pub fn bindings(
    query: &CannedQuery,
    given: &[(String, String)],
    lang: Lang,
    store: &GraphStore,
) -> Result<Vec<(Variable, Term)>, Error> {
    let last: Vec<(String, String)> = query
        .params
        .iter()
        .filter_map(|p| given.iter().rev().find(|(n, _)| *n == p.name).cloned())
        .collect();
    check_params(query, given)?;
    Ok(binding_sets(query, &last, lang, store)?
        .pop()
        .unwrap_or_default())
}

/// One set of bindings per combination of the values given: `-p id=a000/r01 -p id=a002/r03`
/// asks the query once for each id, and the answers are read one after the other.
pub fn binding_sets(
    query: &CannedQuery,
    given: &[(String, String)],
    lang: Lang,
    store: &GraphStore,
) -> Result<Vec<Vec<(Variable, Term)>>, Error> {
    check_params(query, given)?;
    let mut sets: Vec<Vec<(Variable, Term)>> = vec![Vec::new()];
    for param in &query.params {
        let mut values: Vec<&str> = given
            .iter()
            .filter(|(n, _)| n == &param.name)
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty() {
            values.extend(param.default.as_deref());
        }
        if values.is_empty() {
            continue;
        }
        let variable = Variable::new(param.name.clone()).map_err(|e| {
            Error::Ontology(format!(
                "queries/{}.rq: parameter {}: {e}",
                query.name, param.name
            ))
        })?;
        let mut terms = Vec::new();
        for value in values {
            terms.push(match param.kind {
                ParamKind::Entity => Term::from(resolve_entity(store, value)?),
                ParamKind::Text => Literal::from(value).into(),
            });
        }
        let mut next = Vec::new();
        for set in sets {
            for term in &terms {
                let mut set = set.clone();
                set.push((variable.clone(), term.clone()));
                next.push(set);
            }
        }
        sets = next;
    }
    if query.uses_lang {
        for set in &mut sets {
            set.push((
                Variable::new_unchecked("lang"),
                Literal::from(lang.tag()).into(),
            ));
        }
    }
    Ok(sets)
}

fn check_params(query: &CannedQuery, given: &[(String, String)]) -> Result<(), Error> {
    for (name, _) in given {
        if !query.params.iter().any(|p| &p.name == name) {
            return Err(Error::UnknownParam {
                query: query.name.to_owned(),
                name: name.clone(),
                known: query
                    .params
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(())
}

/// The answers of `query` as people read them: the parameter columns (and `lang`) left out,
/// since they are inputs; list cells sorted; and rows that became equal without the parameter
/// columns (they differed only in an unbound parameter, a free variable) kept once.
pub fn present(
    query: &CannedQuery,
    solutions: QuerySolutionIter<'static>,
) -> QuerySolutionIter<'static> {
    present_in(query, solutions, Lang::En, &BTreeMap::new())
}

/// [`present`], in `lang`: in Arabic, the columns take their Arabic names and the values of key
/// columns the labels of `key_labels` (see `Ontology::key_labels`).
pub fn present_in(
    query: &CannedQuery,
    solutions: QuerySolutionIter<'static>,
    lang: Lang,
    key_labels: &BTreeMap<String, [Option<String>; 2]>,
) -> QuerySolutionIter<'static> {
    let hidden = |v: &Variable| {
        (query.uses_lang && v.as_str() == "lang")
            || query.params.iter().any(|p| p.name == v.as_str())
    };
    let shown: Vec<(Variable, Option<Column>)> = solutions
        .variables()
        .iter()
        .filter(|v| !hidden(v))
        .map(|v| {
            (
                v.clone(),
                query.columns.iter().find(|c| c.name == v.as_str()).cloned(),
            )
        })
        .collect();
    let variables: Arc<[Variable]> = shown
        .iter()
        .map(
            |(v, column)| match (lang, column.as_ref().and_then(|c| c.name_ar.as_deref())) {
                (Lang::Ar, Some(ar)) => Variable::new_unchecked(ar),
                _ => v.clone(),
            },
        )
        .collect();
    let translate: BTreeMap<String, String> = match lang {
        Lang::Ar => key_labels
            .iter()
            .filter_map(|(k, [_, ar])| Some((k.clone(), ar.clone()?)))
            .collect(),
        Lang::En => BTreeMap::new(),
    };
    let vars = Arc::clone(&variables);
    let mut seen = HashSet::new();
    let rows = solutions.filter_map(move |s| match s {
        Ok(s) => {
            let values: Vec<Option<Term>> = shown
                .iter()
                .map(|(v, column)| cell(s.get(v), column.as_ref(), &translate))
                .collect();
            seen.insert(values.clone())
                .then(|| Ok(QuerySolution::from((Arc::clone(&vars), values))))
        }
        Err(e) => Some(Err(e)),
    });
    QuerySolutionIter::new(variables, rows)
}

/// A cell as shown: list items sorted, keys translated.
fn cell(
    value: Option<&Term>,
    column: Option<&Column>,
    translate: &BTreeMap<String, String>,
) -> Option<Term> {
    let (list, keys) = column.map_or((false, false), |c| (c.list, c.keys));
    match value {
        Some(Term::Literal(l)) if list || keys => {
            let items: Vec<&str> = if list {
                l.value().split("; ").collect()
            } else {
                vec![l.value()]
            };
            let mut items: Vec<&str> = items
                .into_iter()
                .map(|i| match keys {
                    true => translate.get(i).map_or(i, String::as_str),
                    false => i,
                })
                .collect();
            if list {
                items.sort_unstable();
            }
            Some(Literal::from(items.join("; ")).into())
        }
        value => value.cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_spelling_variants_fold_to_one_form() {
        let musk = normalize_name("إيلون ماسك");
        for variant in ["ايلون ماسك", "أيلون ماسك", "إيـلـون  مَاسك", " إيلون ماسك "]
        {
            assert_eq!(normalize_name(variant), musk, "{variant:?}");
        }
        assert_eq!(normalize_name("مؤسسة"), normalize_name("موسسه"));
        assert_eq!(normalize_name("مصطفى"), normalize_name("مصطفي"));
        assert_eq!(normalize_name("Elon  MUSK"), "elon musk");
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(normalize_name("ماسك"), normalize_name("مسك"));
        assert_ne!(normalize_name("Trump"), normalize_name("Trumps"));
    }

    #[test]
    fn list_cells_are_sorted_item_by_item_and_key_cells_translated() {
        let column = |list, keys| Column {
            name: "c".into(),
            name_ar: None,
            description: String::new(),
            list,
            keys,
        };
        let text = |v: &str| Term::from(Literal::from(v));
        let translate = BTreeMap::from([("stated".to_owned(), "مذكور".to_owned())]);
        let sorted = cell(
            Some(&text("b; a; c")),
            Some(&column(true, false)),
            &translate,
        );
        assert_eq!(sorted, Some(text("a; b; c")));
        let keys = cell(
            Some(&text("stated; reported")),
            Some(&column(true, true)),
            &translate,
        );
        assert_eq!(keys, Some(text("reported; مذكور")));
        let plain = cell(
            Some(&text("stated")),
            Some(&column(false, false)),
            &translate,
        );
        assert_eq!(plain, Some(text("stated")));
    }
}
