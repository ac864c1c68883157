//! `newskg serve` against real clients over loopback: SPARQLWrapper and rdflib's SPARQLStore
//! give the rows that `newskg query` gives, `curl` gets each format it asks for, and the
//! limits hold (a slow query is stopped while another answers; 50 clients lose nothing).

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use newskg::queries::{self, Lang};
use oxigraph::io::{RdfFormat, RdfParser};
use serde_json::{json, Value};

use crate::interop::{python_module, tool};
use crate::util::{newskg, repo_path, stdout_of, with_input, Stopped};

/// The bundled data built into a store directory, once, for every server of these tests.
fn store() -> &'static Path {
    static STORE: LazyLock<PathBuf> = LazyLock::new(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("served-store");
        let _ = std::fs::remove_dir_all(&dir);
        newskg()
            .arg("build")
            .arg("--quiet")
            .arg("--store")
            .arg(&dir)
            .assert()
            .success();
        dir
    });
    &STORE
}

/// A `newskg serve` on a free loopback port, stopped when dropped.
pub(crate) struct Served {
    _child: Stopped,
    base: String,
}

/// An HTTP answer as curl got it.
pub(crate) struct Reply {
    pub(crate) status: u16,
    content_type: String,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Served {
    fn start(flags: &[&str]) -> Self {
        Self::on(store(), flags)
    }

    /// A server of the store at `store`.
    pub(crate) fn on(store: &Path, flags: &[&str]) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let bind = format!("127.0.0.1:{port}");
        let child = Command::new(assert_cmd::cargo::cargo_bin("newskg"))
            .args(["serve", "--store"])
            .arg(store)
            .args(["--bind", &bind])
            .args(flags)
            .env_remove("NEWSKG_STORE")
            .env_remove("NEWSKG_DATA")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let served = Self {
            _child: Stopped(child),
            base: format!("http://{bind}"),
        };
        let started = Instant::now();
        while served.get("/queries", "").status != 200 {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        served
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn get(&self, path: &str, accept: &str) -> Reply {
        self.curl(&["-H", &format!("Accept: {accept}"), &self.url(path)], None)
    }

    fn post(&self, path: &str, content_type: &str, body: &str) -> Reply {
        let header = format!("Content-Type: {content_type}");
        self.curl(
            &[
                "-X",
                "POST",
                "-H",
                &header,
                "--data-binary",
                "@-",
                &self.url(path),
            ],
            Some(body),
        )
    }

    /// SELECT or CONSTRUCT by GET, URL-encoded.
    pub(crate) fn query(&self, sparql: &str, accept: &str) -> Reply {
        let encoded: String = form_urlencoded::byte_serialize(sparql.as_bytes()).collect();
        self.get(&format!("/query?query={encoded}"), accept)
    }

    fn curl(&self, args: &[&str], body: Option<&str>) -> Reply {
        let out = with_input(
            Command::new("curl")
                .args([
                    "-s",
                    "-S",
                    "-o",
                    "-",
                    "-w",
                    "\n%{http_code} %{content_type}",
                ])
                .args(args)
                .stderr(Stdio::null()),
            body.unwrap_or("").as_bytes(),
        );
        let split = out.stdout.iter().rposition(|&b| b == b'\n').unwrap();
        let tail = String::from_utf8_lossy(&out.stdout[split + 1..]).into_owned();
        let (status, content_type) = tail.split_once(' ').unwrap_or((&tail, ""));
        Reply {
            status: status.parse().unwrap_or(0),
            content_type: content_type.to_owned(),
            body: out.stdout[..split].to_vec(),
        }
    }
}

fn have_curl() -> bool {
    tool("curl", "apt-get install curl")
}

/// The rows of a SPARQL JSON answer, values as their lexical forms.
pub(crate) fn json_rows(body: &[u8]) -> Vec<Vec<Option<String>>> {
    let answer: Value = serde_json::from_slice(body).unwrap();
    let names: Vec<&str> = answer["head"]["vars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    answer["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            names
                .iter()
                .map(|n| row.get(*n).map(|v| v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect()
}

/// Rows with the items of each list cell sorted, as newskg shows them, and the rows sorted:
/// neither GROUP_CONCAT's order nor that of rows that ORDER BY ties is part of an answer.
pub(crate) fn normalized(rows: Vec<Vec<Option<String>>>) -> Vec<Vec<Option<String>>> {
    let sorted = |cell: String| {
        let mut items: Vec<&str> = cell.split("; ").collect();
        items.sort_unstable();
        items.join("; ")
    };
    let mut rows: Vec<Vec<Option<String>>> = rows
        .into_iter()
        .map(|row| row.into_iter().map(|cell| cell.map(sorted)).collect())
        .collect();
    rows.sort();
    rows
}

/// `newskg query` of a query text on the store at `store`, as SPARQL JSON.
pub(crate) fn local_json_of(store: &Path, sparql: &str) -> Vec<u8> {
    let mut cmd = newskg();
    cmd.args(["query", "--file", "-", "--format", "json", "--store"])
        .arg(store)
        .write_stdin(sparql);
    stdout_of(&mut cmd)
}

#[test]
fn every_canned_query_over_http_gives_the_rows_of_newskg_query() {
    if !(python_module("SPARQLWrapper") && python_module("rdflib") && have_curl()) {
        return;
    }
    let served = Served::start(&[]);
    let rows_seen = same_rows_over_http(&served.url("/query"), store());
    assert!(
        rows_seen > 500,
        "the canned queries answer on the bundled data ({rows_seen} rows)"
    );
}

/// Asks every canned query (both languages, default parameters) at `endpoint` with
/// SPARQLWrapper and rdflib, and checks the rows against `newskg query` on `local`; gives the
/// number of rows seen.
pub(crate) fn same_rows_over_http(endpoint: &str, local: &Path) -> usize {
    let (_dir, graph) = crate::util::bundled_store();
    let mut jobs = Vec::new();
    for q in queries::all() {
        for lang in [Lang::En, Lang::Ar] {
            let bindings: BTreeMap<String, String> = queries::bindings(q, &[], lang, graph)
                .unwrap()
                .iter()
                .map(|(v, t)| (v.as_str().to_owned(), t.to_string()))
                .collect();
            jobs.push(json!({"query": q.sparql, "bindings": bindings}));
        }
    }
    let out = with_input(
        Command::new("python3")
            .arg(repo_path("tests/interop/sparql_clients.py"))
            .arg(endpoint),
        Value::from(jobs).to_string().as_bytes(),
    );
    assert!(out.status.success(), "the clients failed");
    let answers: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut rows_seen = 0;
    for answer in &answers {
        let bound = answer["bound"].as_str().unwrap();
        let local = normalized(json_rows(&local_json_of(local, bound)));
        for client in ["wrapper", "rdflib"] {
            let remote = normalized(serde_json::from_value(answer[client].clone()).unwrap());
            assert_eq!(
                remote, local,
                "{client} over HTTP differs from newskg query on:\n{bound}"
            );
        }
        rows_seen += local.len();
    }
    rows_seen
}

#[test]
fn a_canned_query_by_name_answers_as_newskg_query_does() {
    if !have_curl() {
        return;
    }
    let served = Served::start(&[]);
    for (path, args) in [
        (
            "/queries/donations?donor=musk",
            vec!["donations", "-p", "donor=musk"],
        ),
        (
            "/queries/timeline?lang=ar",
            vec!["timeline", "--lang", "ar"],
        ),
        ("/queries/sources", vec!["sources"]),
    ] {
        let reply = served.get(path, "application/sparql-results+json");
        assert_eq!(reply.status, 200, "{path}: {}", reply.text());
        let local = newskg()
            .arg("query")
            .args(&args)
            .args(["--format", "json", "--store"])
            .arg(store())
            .output()
            .unwrap();
        assert_eq!(reply.body, local.stdout, "{path}");
        assert!(!json_rows(&reply.body).is_empty(), "{path} has rows");
    }
    assert_eq!(
        served
            .get("/queries/donations?donor=nobody-at-all", "")
            .status,
        400
    );
    assert_eq!(served.get("/queries/donations?colour=red", "").status, 400);
    assert_eq!(served.get("/queries/no-such-query", "").status, 404);
    let list: Value = serde_json::from_slice(&served.get("/queries", "").body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), queries::all().len());
}

#[test]
fn each_accept_type_gets_its_format() {
    if !have_curl() {
        return;
    }
    let served = Served::start(&[]);
    let select = "SELECT ?s ?label { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label";
    let json = served.query(select, "application/sparql-results+json");
    assert_eq!(json.content_type, "application/sparql-results+json");
    let rows = json_rows(&json.body);
    assert!(rows.len() > 50);
    let xml = served.query(select, "application/sparql-results+xml");
    let doc = roxmltree::Document::parse(std::str::from_utf8(&xml.body).unwrap()).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("result"))
            .count(),
        rows.len()
    );
    let csv = served.query(select, "text/csv");
    assert_eq!(crate::util::csv_table(&csv.body).1.len(), rows.len());
    let tsv = served.query(select, "text/tab-separated-values");
    assert_eq!(tsv.text().lines().count(), rows.len() + 1);
    assert_eq!(tsv.text().lines().next(), Some("?s\t?label"));

    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://newskg.example/graph/entities> { ?s ?p ?o } }";
    let count =
        "SELECT (COUNT(*) AS ?n) { GRAPH <https://newskg.example/graph/entities> { ?s ?p ?o } }";
    let n: usize = json_rows(&served.query(count, "").body)[0][0]
        .as_ref()
        .unwrap()
        .parse()
        .unwrap();
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ] {
        let reply = served.query(construct, accept);
        assert_eq!((reply.status, reply.content_type.as_str()), (200, accept));
        let triples = RdfParser::from_format(format)
            .for_slice(&reply.body)
            .count();
        assert_eq!(triples, n, "{accept}");
        let graph = served.get(
            "/store?graph=https%3A%2F%2Fnewskg.example%2Fgraph%2Fentities",
            accept,
        );
        assert_eq!(
            RdfParser::from_format(format)
                .for_slice(&graph.body)
                .count(),
            n,
            "GSP {accept}"
        );
    }
    let dataset = served.get("/store", "application/n-quads");
    assert_eq!(dataset.content_type, "application/n-quads");
    assert_eq!(dataset.body, crate::util::export_nquads(store()));
    assert_eq!(served.query(select, "image/png").status, 406);
    assert_eq!(
        served
            .get(
                "/store?graph=https%3A%2F%2Fnewskg.example%2Fgraph%2Fnone",
                ""
            )
            .status,
        404
    );
}

#[test]
fn a_malformed_query_gets_400_with_the_parsers_message() {
    if !have_curl() {
        return;
    }
    let served = Served::start(&[]);
    let reply = served.query("SELECT ?s WHERE { ?s ?p }", "");
    assert_eq!(reply.status, 400);
    assert!(
        reply.text().contains("does not parse: error at 1:"),
        "{}",
        reply.text()
    );
    let reply = served.post(
        "/query",
        "application/x-www-form-urlencoded",
        "nothing=here",
    );
    assert_eq!(reply.status, 400);
    assert!(reply.text().contains("no query"), "{}", reply.text());
}

#[test]
fn updates_are_refused_and_change_nothing() {
    if !have_curl() {
        return;
    }
    let served = Served::start(&[]);
    let before = crate::util::export_nquads(store());
    let update = "DELETE WHERE { ?s ?p ?o }";
    let reply = served.post("/query", "application/sparql-update", update);
    assert_eq!(reply.status, 403);
    assert!(reply.text().contains("read-only"), "{}", reply.text());
    let form = format!(
        "update={}",
        form_urlencoded::byte_serialize(update.as_bytes()).collect::<String>()
    );
    assert_eq!(
        served
            .post("/query", "application/x-www-form-urlencoded", &form)
            .status,
        403
    );
    assert_eq!(served.query(update, "").status, 403);
    let put = served.curl(
        &[
            "-X",
            "PUT",
            "-H",
            "Content-Type: text/turtle",
            "--data-binary",
            "@-",
            &served.url("/store?default"),
        ],
        Some("<a:b> <a:c> <a:d> ."),
    );
    assert_eq!(put.status, 405);
    assert_eq!(crate::util::export_nquads(store()), before);
}

#[test]
fn a_query_past_the_time_limit_is_stopped_while_another_answers() {
    if !have_curl() {
        return;
    }
    let served = Served::start(&["--timeout", "2", "--max-queries", "2"]);
    // A sort over a cross product: Oxigraph drains it before the first row, past any token.
    let slow = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i";
    let started = Instant::now();
    let (slow_reply, slow_done, quick, quick_done) = std::thread::scope(|scope| {
        let slow = scope.spawn(|| (served.query(slow, ""), Instant::now()));
        std::thread::sleep(Duration::from_millis(300));
        let quick = served.query("ASK { ?s ?p ?o }", "");
        let quick_done = Instant::now();
        let (slow_reply, slow_done) = slow.join().unwrap();
        (slow_reply, slow_done, quick, quick_done)
    });
    assert_eq!(slow_reply.status, 503, "{}", slow_reply.text());
    assert!(
        slow_reply.text().contains("ran longer than 2 s"),
        "{}",
        slow_reply.text()
    );
    // Not a timing assertion: without the kill the sort would run for hours.
    let elapsed = slow_done - started;
    assert!(
        elapsed < Duration::from_secs(60),
        "stopped after {elapsed:?}"
    );
    assert_eq!(quick.status, 200);
    assert!(
        quick_done < slow_done,
        "the quick query waited for the slow one"
    );
}

#[test]
fn fifty_clients_for_ten_seconds_lose_no_request() {
    if !(have_curl() && tool("python3", "apt-get install python3")) {
        return;
    }
    let served = Served::start(&[]);
    let url = served.url("/queries/sources");
    let out = Command::new("python3")
        .arg(repo_path("tests/interop/many_clients.py"))
        .args([&url, "50", "10"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], json!([]), "lost requests");
    let statuses = report["statuses"].as_object().unwrap();
    assert_eq!(statuses.keys().collect::<Vec<_>>(), ["200"], "{statuses:?}");
    let per_client = report["per_client"].as_array().unwrap();
    assert!(
        per_client.iter().all(|n| n.as_u64().unwrap() > 0),
        "{per_client:?}"
    );
}

#[test]
fn the_site_is_served_at_the_root_and_its_query_page_asks_this_server() {
    if !(have_curl()
        && tool("chromium", "apt-get install chromium")
        && tool("chromedriver", "apt-get install chromium-driver")
        && crate::interop::python_module("selenium"))
    {
        return;
    }
    let Some(axe) = crate::site::axe_core() else {
        return;
    };
    let served = Served::start(&[]);
    let page = served.get("/en/entity/elon-musk.html", "text/html");
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    let dir = tempfile::TempDir::new().unwrap();
    newskg()
        .args(["site", "--served-at", "/", "--store"])
        .arg(store())
        .arg("-o")
        .arg(dir.path().join("site"))
        .assert()
        .success();
    let written = std::fs::read(dir.path().join("site/en/entity/elon-musk.html")).unwrap();
    assert!(page.body == written, "the served page is not newskg site's");
    assert_eq!(served.get("/../Cargo.toml", "").status, 404);

    let rows = |args: &[&str]| {
        let out = stdout_of(
            newskg()
                .arg("query")
                .args(args)
                .args(["--format", "json", "--store"])
                .arg(store()),
        );
        json_rows(&out).len()
    };
    let sparql = "SELECT ?relation (COUNT(*) AS ?statements) WHERE { \
        ?s a <https://newskg.example/ontology#Statement> ; \
        <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?relation } GROUP BY ?relation";
    let expected = json!({
        "timeline_rows": rows(&["timeline"]),
        "sparql": sparql,
        "sparql_rows": rows(&["--sparql", sparql]),
    });
    let out = with_input(
        Command::new("python3")
            .arg(repo_path("tests/interop/served_pages.py"))
            .arg(&served.base)
            .arg(axe),
        expected.to_string().as_bytes(),
    );
    crate::util::succeeded(&out);
}

#[test]
fn the_pages_served_follow_a_build_that_completes() {
    if !have_curl() {
        return;
    }
    let scratch = crate::util::Scratch::of("basic/data");
    scratch.build().success();
    let data = scratch.data().display().to_string();
    let served = Served::on(&scratch.store(), &["--data", &data]);
    let page = || served.get("/en/entity/elon-musk.html", "text/html").text();
    assert!(
        page().contains("<h1><span>Elon Musk</span></h1>"),
        "{}",
        page()
    );
    scratch.edit("entities.json", |v| {
        v["entities"][0]["labels"]["en"] = "Elon R. Musk".into();
    });
    scratch.build().success();
    assert!(
        page().contains("<h1><span>Elon R. Musk</span></h1>"),
        "{}",
        page()
    );
}
