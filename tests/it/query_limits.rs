//! What `newskg query` refuses to do: run forever, write an answer without end, reach another
//! host, or leave a syntax error unplaced.

use predicates::prelude::*;

use crate::util::{newskg, Scratch};

/// The fixture built into a store, and `newskg query --store STORE ARGS…`.
fn query(args: &[&str]) -> (Scratch, assert_cmd::assert::Assert) {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let assert = newskg()
        .arg("query")
        .arg("--store")
        .arg(scratch.store())
        .args(args)
        .current_dir(scratch.dir.path())
        .assert();
    (scratch, assert)
}

#[test]
fn a_query_past_its_time_limit_is_stopped_with_what_to_do() {
    let cube = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let (_, out) = query(&["--timeout", "1", "--sparql", cube]);
    out.failure().stderr(predicate::str::contains(
        "the query ran longer than 1 s and was stopped; give --timeout SECONDS",
    ));
}

#[test]
fn an_answer_past_its_row_limit_writes_no_file() {
    let all = "SELECT * WHERE { ?s ?p ?o }";
    let (scratch, out) = query(&["--max-rows", "10", "--sparql", all, "-o", "rows.csv"]);
    out.failure()
        .stderr(predicate::str::contains("the answer has more than 10 rows"));
    let left: Vec<_> = std::fs::read_dir(scratch.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !left
            .iter()
            .any(|n| n.contains("rows") || n.contains("partial")),
        "{left:?}"
    );
}

#[test]
fn a_syntax_error_shows_its_line_and_column_under_the_query_text() {
    let sparql = "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s <bad iri> ?o .\n}";
    let (_, out) = query(&["--sparql", sparql]);
    out.failure()
        .stderr(predicate::str::contains(
            "the SPARQL query does not parse at line 3, column 15",
        ))
        .stderr(predicate::str::contains(
            "  3 |   ?s <bad iri> ?o .\n    |               ^",
        ));
}

#[test]
fn a_service_call_reaches_no_other_host() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let sparql =
        format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}");
    let (_, out) = query(&["--sparql", &sparql]);
    out.failure()
        .stderr(predicate::str::contains("is not supported"));
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "newskg connected to the SERVICE's host"
    );
}
