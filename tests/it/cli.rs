//! The binary on a real store on disk: build, rebuild, failed builds, first-use builds, query
//! output formats, stats.

use std::fs;

use predicates::prelude::*;
use serde_json::json;

use crate::util::{export_nquads, fixture, newskg, Scratch};

#[test]
fn build_reports_counts_and_building_twice_gives_the_same_graph() {
    let scratch = Scratch::of("basic/data");
    let build = || {
        scratch.build().success().stderr(predicate::str::contains(
            "loaded 1 documents, 6 entities, 5 relations,",
        ))
    };
    build();
    let first = export_nquads(&scratch.store());
    build();
    let second = export_nquads(&scratch.store());
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn a_rebuild_drops_what_the_data_no_longer_says() {
    let scratch = Scratch::of("basic/data");
    let build = || {
        scratch.build().success();
    };
    build();
    assert!(String::from_utf8(export_nquads(&scratch.store()))
        .unwrap()
        .contains("statement/sample/r5>"));
    scratch.edit("articles/sample.json", |v| {
        v["relations"].as_array_mut().unwrap().pop();
    });
    build();
    assert!(!String::from_utf8(export_nquads(&scratch.store()))
        .unwrap()
        .contains("statement/sample/r5>"));
}

#[test]
fn a_build_of_bad_data_fails_and_leaves_the_store_as_it_was() {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let before = export_nquads(&scratch.store());
    scratch.edit("articles/sample.json", |v| {
        v["relations"][0]["subject"] = json!("nobody");
    });
    scratch
        .build()
        .failure()
        .stderr(predicate::str::contains("nothing was written"))
        .stderr(predicate::str::contains(
            "$.relations[0].subject: unknown entity \"nobody\"",
        ));
    assert_eq!(before, export_nquads(&scratch.store()));
}

#[test]
fn a_build_of_bad_data_creates_no_store() {
    let scratch = Scratch::of("basic/data");
    scratch.edit("articles/sample.json", |v| {
        v["relations"][0]["type"] = json!("likes");
    });
    scratch.build().failure();
    assert!(!scratch.store().exists());
}

#[test]
fn query_builds_the_store_on_first_use_then_reuses_it() {
    let scratch = Scratch::of("basic/data");
    newskg()
        .args(["query", "donations", "--data"])
        .arg(scratch.data())
        .arg("--store")
        .arg(scratch.store())
        .assert()
        .success()
        .stderr(predicate::str::contains("building it from"))
        .stdout(predicate::str::contains("America PAC"))
        .stdout(predicate::str::contains("10000000"))
        .stdout(predicate::str::contains("1 row"));
    newskg()
        .args(["query", "donations", "--store"])
        .arg(scratch.store())
        .assert()
        .success()
        .stderr(predicate::str::contains("building").not())
        .stdout(predicate::str::contains("America PAC"));
}

#[test]
fn query_results_come_as_csv_tsv_json_and_xml() {
    let data = fixture("basic/data");
    let run = |format: &str| {
        let out = newskg()
            .args([
                "query", "timeline", "--memory", "--format", format, "--data",
            ])
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // Three statements of the fixture are between Musk and Trump: r1, r4, r5.
    let csv = run("csv");
    assert!(
        csv.starts_with(
            "when,until,precision,relation,subject,object,status,resolved,article,statement\r\n"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(
        csv.contains(
            "\r\n2024-03-03,,day,met-at,Elon Musk,Donald Trump,stated,,sample,sample/r1\r\n"
        ),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 3);
    assert!(run("tsv").starts_with("?when\t?until"));
    assert!(run("xml").contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
}

#[test]
fn query_takes_sparql_from_a_string_or_a_file_and_constructs_rdf() {
    let scratch = Scratch::of("basic/data");
    newskg()
        .args([
            "query",
            "--memory",
            "--sparql",
            "ASK { ?s a <https://newskg.example/ontology#Donation> }",
            "--data",
        ])
        .arg(scratch.data())
        .assert()
        .success()
        .stdout("true\n");
    let file = scratch.dir.path().join("q.rq");
    fs::write(&file, "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?s <http://purl.org/dc/terms/identifier> \"elon-musk\" ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }").unwrap();
    newskg()
        .args(["query", "--memory", "--format", "ntriples", "--file"])
        .arg(&file)
        .arg("--data")
        .arg(scratch.data())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<https://newskg.example/entity/elon-musk> <http://www.w3.org/2000/01/rdf-schema#label> \"إيلون ماسك\"@ar .",
        ));
}

#[test]
fn bad_queries_and_unknown_names_fail_clearly() {
    let data = fixture("basic/data");
    newskg()
        .args(["query", "no-such-query", "--memory", "--data"])
        .arg(&data)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no canned query named \"no-such-query\"",
        ))
        .stderr(predicate::str::contains("donations"));
    newskg()
        .args(["query", "--memory", "--sparql", "SELECT WHERE {", "--data"])
        .arg(&data)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the SPARQL query does not parse at line 1, column",
        ));
}

#[test]
fn queries_lists_every_canned_query_with_its_questions() {
    let out = newskg().arg("queries").assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for q in newskg::queries::all() {
        assert!(stdout.contains(q.name), "{stdout}");
        assert!(
            !q.question_en.is_empty() && stdout.contains(&q.question_en),
            "{}",
            q.name
        );
        assert!(
            !q.question_ar.is_empty() && stdout.contains(&q.question_ar),
            "{}",
            q.name
        );
    }
}

#[test]
fn stats_counts_graphs_classes_and_relation_types() {
    let out = newskg()
        .args(["stats", "--memory", "--data"])
        .arg(fixture("basic/data"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("graph:article/sample"), "{stdout}");
    assert!(stdout.contains("graph:entities"), "{stdout}");
    // 4 people-and-organization entities of class Person: musk, trump, young.
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("nkg:Person") && l.contains(" 3 ")),
        "{stdout}"
    );
    // advises: two statements, one direct edge (the considered role draws none).
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("nkg:advises") && l.contains(" 2 ") && l.contains(" 1 ")),
        "{stdout}"
    );
}

#[test]
fn every_canned_query_runs_on_the_bundled_data() {
    for q in newskg::queries::all() {
        newskg()
            .args(["query", q.name, "--memory", "--format", "csv", "--data"])
            .arg(crate::util::repo_path("data"))
            .assert()
            .success();
    }
}
