//! The canned queries: full expected result tables on the bundled corpus kept beside the test,
//! parameters that cannot change a query, and the same answers from a second SPARQL engine
//! (rdflib) on the exported TriG.

use std::collections::BTreeMap;
use std::fs;
use std::process::{Command, Stdio};

use newskg::queries::{self, Lang};
use newskg::GraphStore;
use oxigraph::sparql::QueryResults;
use predicates::prelude::*;
use serde_json::{json, Value};

use crate::interop::python_module;
use crate::util::{bundled_store, expected_file, fixture, iris, newskg, repo_path, with_input};

/// The rows of a canned query on `store` as newskg presents them, values as plain strings.
fn rows(store: &GraphStore, name: &str, lang: Lang) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let q = queries::get(name).unwrap();
    let bindings = queries::bindings(q, &[], lang, store).unwrap();
    let QueryResults::Solutions(solutions) = store.query_with(q.sparql, bindings).unwrap() else {
        panic!("{name} is not a SELECT query");
    };
    let solutions = queries::present(q, solutions);
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let rows = solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| {
                    s.get(v.as_str()).map(|t| match t {
                        oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                        oxigraph::model::Term::NamedNode(n) => n.as_str().to_owned(),
                        other => other.to_string(),
                    })
                })
                .collect()
        })
        .collect();
    (vars, rows)
}

#[test]
fn each_canned_query_gives_its_expected_table_on_the_bundled_corpus() {
    for q in queries::all() {
        for lang in ["en", "ar"] {
            let out = newskg()
                .args([
                    "query", q.name, "--memory", "--format", "csv", "--lang", lang, "--data",
                ])
                .arg(repo_path("data"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                q.name,
                String::from_utf8_lossy(&out.stderr)
            );
            let actual = String::from_utf8(out.stdout).unwrap();
            let path = fixture("queries").join(format!("{}.{lang}.csv", q.name));
            let expected = expected_file(&path, &actual);
            assert!(
                actual == expected,
                "{} differs from {}:\n{actual}",
                q.name,
                path.display()
            );
            assert!(
                actual.lines().count() > 1,
                "{} ({lang}) gives no rows on the corpus",
                q.name
            );
        }
    }
}

#[test]
fn every_canned_query_documents_its_questions_parameters_and_columns() {
    for q in queries::all() {
        assert!(
            !q.title.is_empty() && !q.question_en.is_empty() && !q.question_ar.is_empty(),
            "{}",
            q.name
        );
        let store = GraphStore::memory().unwrap();
        let QueryResults::Solutions(s) = store
            .query_with(
                q.sparql,
                queries::bindings(q, &[], Lang::En, &store).unwrap_or_default(),
            )
            .unwrap()
        else {
            panic!("{}", q.name)
        };
        let shown: Vec<String> = s
            .variables()
            .iter()
            .map(|v| v.as_str().to_owned())
            .filter(|v| v != "lang" && !q.params.iter().any(|p| &p.name == v))
            .collect();
        let documented: Vec<String> = q.columns.iter().map(|c| c.name.clone()).collect();
        assert_eq!(shown, documented, "{}: columns and header differ", q.name);
    }
    let expected = [
        "advisory-roles",
        "connections",
        "disputed",
        "donations",
        "evidence",
        "feuds",
        "meetings",
        "profile",
        "sources",
        "timeline",
    ];
    let names: Vec<&str> = queries::all().iter().map(|q| q.name).collect();
    for name in expected {
        assert!(names.contains(&name), "missing canned query {name}");
    }
}

#[test]
fn a_query_declares_the_label_language_exactly_when_it_takes_it() {
    let store = GraphStore::memory().unwrap();
    for q in queries::all() {
        let bindings = queries::bindings(q, &[], Lang::En, &store).unwrap_or_default();
        let QueryResults::Solutions(s) = store.query_with(q.sparql, bindings).unwrap() else {
            panic!("{}", q.name)
        };
        let projects_lang = s.variables().iter().any(|v| v.as_str() == "lang");
        assert_eq!(q.uses_lang, projects_lang, "{}: `# lang:` header", q.name);
    }
}

#[test]
fn query_name_help_shows_the_parameters_and_columns() {
    newskg()
        .args(["query", "donations", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "donor        only donations by this donor (entity: id, or name in Arabic or English)",
        ))
        .stdout(predicate::str::contains("bound        exact, approximate"));
}

#[test]
fn queries_name_shows_the_parameters() {
    newskg()
        .args(["queries", "timeline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("a            the first party (entity: id, or name in Arabic or English) [default: elon-musk]"))
        .stdout(predicate::str::contains("when "));
}

#[test]
fn entities_are_named_by_id_or_by_name_with_spelling_variants() {
    let (_dir, store) = bundled_store();
    let musk = "https://newskg.example/entity/elon-musk";
    for name in [
        "elon-musk",
        "Elon Musk",
        "ELON MUSK",
        "إيلون ماسك",
        "ايلون ماسك",
        "إيـلـون مَاسك",
        "ماسك",
    ] {
        assert_eq!(
            queries::resolve_entity(store, name).unwrap().as_str(),
            musk,
            "{name}"
        );
    }
    // Part of a name, when only one entity has it.
    for part in ["peltz", "بيلتز"] {
        assert_eq!(
            queries::resolve_entity(store, part).unwrap().as_str(),
            "https://newskg.example/entity/nelson-peltz"
        );
    }
    let err = queries::resolve_entity(store, "Trump")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("names several entities") && err.contains("melania-trump"),
        "{err}"
    );
    let err = queries::resolve_entity(store, "Elon Musc")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no entity is called \"Elon Musc\"") && err.contains("elon-musk"),
        "{err}"
    );
}

#[test]
fn normalization_folds_arabic_spelling_variants() {
    use newskg::queries::normalize_name;
    assert_eq!(normalize_name("أميركا"), normalize_name("اميركا"));
    assert_eq!(normalize_name("إدارة"), normalize_name("اداره"));
    assert_eq!(normalize_name("مستشفى"), normalize_name("مستشفي"));
    assert_eq!(normalize_name("مُسْتَشَار"), normalize_name("مستشار"));
    assert_eq!(normalize_name("مـــاسك"), normalize_name("ماسك"));
    assert_eq!(normalize_name("  Donald   TRUMP "), "donald trump");
    assert_ne!(normalize_name("ماسك"), normalize_name("ترامب"));
}

#[test]
fn a_parameter_value_cannot_change_the_query() {
    let data = repo_path("data");
    let run = |param: &str| {
        newskg()
            .args([
                "query", "evidence", "--memory", "--format", "csv", "-p", param, "--data",
            ])
            .arg(&data)
            .output()
            .unwrap()
    };
    // A real id selects its rows: the parameter works.
    let good = run("id=a000/r01");
    assert!(good.status.success());
    let good = String::from_utf8(good.stdout).unwrap();
    assert!(
        good.lines().count() > 1 && good.lines().skip(1).all(|l| l.starts_with("a000/r01,")),
        "{good}"
    );
    // Quotes, braces, '>' and SPARQL fragments are just a string that no statement id equals.
    for evil in [
        "a000/r01\" || true || \"",
        "a000/r01\") } UNION { ?st ?p ?o } #",
        "> } SELECT * WHERE { ?s ?p ?o }",
        "'; DROP ALL; '",
    ] {
        let out = run(&format!("id={evil}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let csv = String::from_utf8(out.stdout).unwrap();
        assert_eq!(csv.lines().count(), 1, "{evil:?} changed the query:\n{csv}");
    }
    // An entity name with SPARQL in it names no entity.
    newskg()
        .args([
            "query",
            "profile",
            "--memory",
            "-p",
            "entity=elon-musk> } ?s ?p ?o {",
            "--data",
        ])
        .arg(&data)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entity is called"));
    newskg()
        .args(["query", "profile", "--memory", "-p", "nosuch=1", "--data"])
        .arg(&data)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "has no parameter \"nosuch\"; its parameters: entity",
        ));
}

/// Splits multi-valued cells so that GROUP_CONCAT's order does not matter; numbers as numbers.
fn normalize_cell(cell: &Option<String>) -> String {
    match cell {
        None => String::new(),
        Some(v) => {
            if let Ok(n) = v.parse::<f64>() {
                return format!("{n}");
            }
            let mut parts: Vec<&str> = v.split("; ").collect();
            parts.sort();
            parts.join("; ")
        }
    }
}

fn normalize(rows: &[Vec<Option<String>>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(normalize_cell).collect())
        .collect();
    out.sort();
    out
}

#[test]
fn rdflib_gives_the_same_answers_on_the_exported_trig() {
    if !python_module("rdflib") {
        return;
    }
    let (_dir, store) = bundled_store();
    let dir = tempfile::TempDir::new().unwrap();
    let trig = dir.path().join("graph.trig");
    newskg::export::write_quads(
        &store.quads(None).unwrap(),
        oxigraph::io::RdfFormat::TriG,
        &iris(),
        fs::File::create(&trig).unwrap(),
    )
    .unwrap();
    let mut jobs = Vec::new();
    let mut expected = Vec::new();
    for q in queries::all() {
        for lang in [Lang::En, Lang::Ar] {
            let bindings = queries::bindings(q, &[], lang, store).unwrap();
            let hidden: Vec<&str> = q
                .params
                .iter()
                .map(|p| p.name.as_str())
                .chain(["lang"])
                .collect();
            let b: BTreeMap<String, String> = bindings
                .iter()
                .map(|(v, t)| (v.as_str().to_owned(), t.to_string()))
                .collect();
            jobs.push(json!({"query": q.sparql, "bindings": b, "hidden": hidden}));
            expected.push((q.name, lang, rows(store, q.name, lang)));
        }
    }
    let out = with_input(
        Command::new("python3")
            .arg(repo_path("tests/interop/rdflib_queries.py"))
            .arg(&trig)
            .stderr(Stdio::piped()),
        serde_json::to_string(&jobs).unwrap().as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for ((name, lang, (vars, ours)), theirs) in expected.iter().zip(&results) {
        let their_vars: Vec<String> = serde_json::from_value(theirs["vars"].clone()).unwrap();
        assert_eq!(vars, &their_vars, "{name} ({lang:?}): columns differ");
        let their_rows: Vec<Vec<Option<String>>> =
            serde_json::from_value(theirs["rows"].clone()).unwrap();
        assert_eq!(
            normalize(ours),
            normalize(&their_rows),
            "{name} ({lang:?}): rdflib disagrees"
        );
        assert!(!ours.is_empty(), "{name} ({lang:?}) gives no rows");
    }
}

/// A query that names the types of a class by their keys (connections does, since Virtuoso 7.2
/// loses rows when it reads the subclasses by a path) names exactly that class and its
/// subclasses in the ontology: the ontology stays the one place that says what is an agent.
#[test]
fn a_list_of_types_in_a_query_is_a_class_of_the_ontology_and_its_subclasses() {
    let (_dir, store) = bundled_store();
    const HEADING: &str = "The types of nkg:";
    let mut seen = 0;
    for q in queries::all() {
        for (at, _) in q.sparql.match_indices(HEADING) {
            let rest = &q.sparql[at + HEADING.len()..];
            let class = &rest[..rest.find(' ').unwrap()];
            let list = &rest[rest.find("_type IN (").unwrap() + "_type IN (".len()..];
            let named: std::collections::BTreeSet<String> = list[..list.find(')').unwrap()]
                .split(',')
                .map(|k| k.trim().trim_matches('"').to_owned())
                .collect();
            let sparql = format!(
                "PREFIX nkg: <https://newskg.example/ontology#>
                 PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                 SELECT ?key WHERE {{ ?c rdfs:subClassOf* nkg:{class} ; nkg:key ?key }}"
            );
            let QueryResults::Solutions(solutions) = store.query(&sparql).unwrap() else {
                panic!("not a SELECT")
            };
            let keys: std::collections::BTreeSet<String> = solutions
                .map(|s| match s.unwrap().get("key") {
                    Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(named, keys, "{}: the types of nkg:{class}", q.name);
            seen += 1;
        }
    }
    assert_eq!(
        seen, 3,
        "connections names the organizations twice and the agents once"
    );
}
