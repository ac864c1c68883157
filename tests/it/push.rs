//! `newskg push` into a real Oxigraph server (PyPI `oxigraph serve`, on a free loopback port):
//! the remote answers the canned queries as the local store does, a second push changes
//! nothing, `--changed` sends what changed and deletes what is gone, and a push that cannot
//! reach the server names what it did not send, which the next push sends. Then the same into
//! a private Virtuoso (Debian's `virtuoso-opensource`), through its Digest-authenticated
//! Graph Store endpoint, where the canned queries, asked at its SPARQL endpoint, give the rows
//! of `newskg query` too.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Triple};

use crate::interop::tool;
use crate::util::{export_nquads, newskg, Scratch, Stopped};

/// An Oxigraph server with an empty store, its default graph the union of its graphs.
struct OxigraphServer {
    _child: Stopped,
    port: u16,
}

impl OxigraphServer {
    fn start(dir: &Path, port: u16) -> Self {
        let child = Command::new("oxigraph")
            .args(["serve", "--union-default-graph", "--location"])
            .arg(dir)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the Oxigraph server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            _child: Stopped(child),
            port,
        }
    }

    fn store(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    /// Everything it holds, as sorted N-Quads lines.
    fn quads(&self) -> Vec<String> {
        let out = Command::new("curl")
            .args(["-s", "-H", "Accept: application/n-quads", &self.store()])
            .output()
            .unwrap();
        sorted_lines(&out.stdout)
    }
}

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

/// The bundled data built into a store of its own, in a scratch folder.
fn bundled_store_in_scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let scratch = tempfile::TempDir::new().unwrap();
    let store = scratch.path().join("store");
    newskg()
        .args(["build", "--quiet", "--store"])
        .arg(&store)
        .assert()
        .success();
    (scratch, store)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn have_tools() -> bool {
    tool("oxigraph", "pip install oxigraph") && tool("curl", "apt-get install curl")
}

/// `newskg push` of the store at `store`, with `flags`: its success and what it said.
fn push(store: &Path, endpoint: &str, flags: &[&str]) -> (bool, String) {
    let out = newskg()
        .args(["push", "--quiet", "--endpoint", endpoint, "--store"])
        .arg(store)
        .args(flags)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_remote_answers_as_the_local_store_and_a_second_push_changes_nothing() {
    if !(have_tools() && crate::interop::python_module("SPARQLWrapper")) {
        return;
    }
    let (scratch, store) = bundled_store_in_scratch();
    let server = OxigraphServer::start(&scratch.path().join("remote"), free_port());
    let (ok, said) = push(&store, &server.store(), &[]);
    assert!(ok, "{said}");
    assert!(
        said.contains("7 sent (7 new, 0 replaced), 0 deleted"),
        "{said}"
    );
    assert_eq!(server.quads(), sorted_lines(&export_nquads(&store)));
    let endpoint = format!("http://127.0.0.1:{}/query", server.port);
    assert!(crate::serve::same_rows_over_http(&endpoint, &store) > 500);

    let before = server.quads();
    let (ok, said) = push(&store, &server.store(), &[]);
    assert!(ok && said.contains("7 sent (0 new, 7 replaced)"), "{said}");
    assert_eq!(server.quads(), before);
    let (ok, said) = push(&store, &server.store(), &["--changed"]);
    assert!(
        ok && said.contains("0 sent (0 new, 0 replaced), 0 deleted, 7 unchanged"),
        "{said}"
    );
    assert_eq!(server.quads(), before);
}

/// A second article, with one statement, to be removed.
const SECOND_ARTICLE: &str = r#"{
  "document": {
    "id": "second", "source": "corpus/second.txt", "title": {"ar": "ثانية"},
    "publisher": "sample-news", "published": {"date": "2024-03-21"}, "language": "ar"
  },
  "relations": [
    {
      "id": "r1", "type": "met-at", "subject": "elon-musk", "object": "donald-trump",
      "status": "stated", "evidence": [{"quote": "التقى ماسك ترامب"}]
    }
  ]
}"#;

#[test]
fn push_changed_sends_the_changed_article_and_deletes_the_removed_one() {
    if !have_tools() {
        return;
    }
    let scratch = Scratch::of("basic/data");
    scratch.write("corpus/second.txt", "التقى ماسك ترامب.");
    scratch.write("articles/second.json", SECOND_ARTICLE);
    scratch.build().success();
    let server = OxigraphServer::start(&scratch.dir.path().join("remote"), free_port());
    let (ok, said) = push(&scratch.store(), &server.store(), &[]);
    assert!(ok && said.contains("4 sent (4 new, 0 replaced)"), "{said}");
    scratch.edit("articles/sample.json", |v| {
        v["relations"].as_array_mut().unwrap().pop();
    });
    std::fs::remove_file(scratch.data().join("articles/second.json")).unwrap();
    scratch.build().success();
    let (ok, said) = push(&scratch.store(), &server.store(), &["--changed"]);
    assert!(ok, "{said}");
    let expected = "1 sent (0 new, 1 replaced), 1 deleted, 2 unchanged";
    assert!(said.contains(expected), "{said}");
    let local = sorted_lines(&export_nquads(&scratch.store()));
    assert!(!local.iter().any(|q| q.contains("article/second")));
    assert_eq!(server.quads(), local);
}

#[test]
fn a_server_that_stops_half_way_leaves_an_error_naming_the_graphs_not_sent_and_the_next_push_sends_them(
) {
    if !have_tools() {
        return;
    }
    let (scratch, store) = bundled_store_in_scratch();
    let remote = scratch.path().join("remote");
    let port = free_port();
    let server = OxigraphServer::start(&remote, port);
    let endpoint = server.store();
    let paused = scratch.path().join("paused");
    let child = Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .args([
            "push",
            "--quiet",
            "--changed",
            "--retries",
            "1",
            "--endpoint",
            &endpoint,
            "--store",
        ])
        .arg(&store)
        .env("NEWSKG_PAUSE_AT", "pushed")
        .env("NEWSKG_PAUSE_FILE", &paused)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !paused.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the push never sent a graph"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(server);
    std::fs::remove_file(&paused).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("and 1 more; what was sent before it is confirmed"),
        "{said}"
    );
    let server = OxigraphServer::start(&remote, port);
    let (ok, said) = push(&store, &endpoint, &["--changed"]);
    assert!(
        ok && said.contains("6 sent (6 new, 0 replaced), 0 deleted, 1 unchanged"),
        "{said}"
    );
    assert_eq!(server.quads(), sorted_lines(&export_nquads(&store)));
}

#[test]
fn a_push_that_cannot_reach_the_server_names_what_it_did_not_send_and_the_next_completes() {
    if !have_tools() {
        return;
    }
    let (scratch, store) = bundled_store_in_scratch();
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}/store");
    let (ok, said) = push(&store, &endpoint, &["--changed", "--retries", "1"]);
    assert!(!ok);
    assert!(
        said.contains("cannot send the graph <https://newskg.example/"),
        "{said}"
    );
    assert!(
        said.contains("Not sent: <https://newskg.example/"),
        "{said}"
    );
    let server = OxigraphServer::start(&scratch.path().join("remote"), port);
    let (ok, said) = push(&store, &endpoint, &["--changed"]);
    assert!(ok && said.contains("7 sent (7 new, 0 replaced)"), "{said}");
    assert_eq!(server.quads(), sorted_lines(&export_nquads(&store)));
}

/// A private Virtuoso instance: a copy of Debian's `virtuoso.ini` with its database in a
/// scratch folder (also in `DirsAllowed`) and both ports on 127.0.0.1, stopped by its pid.
struct Virtuoso {
    _child: Stopped,
    http: u16,
}

impl Virtuoso {
    fn start(dir: &Path) -> Self {
        let ini = std::fs::read_to_string("/etc/virtuoso-opensource-7/virtuoso.ini").unwrap();
        let (sql, http) = (free_port(), free_port());
        let db = dir.display().to_string();
        let ini: String = ini
            .replace("/var/lib/virtuoso-opensource-7/db", &db)
            .lines()
            .map(|line| {
                let key = line.split('=').next().unwrap_or("").trim();
                match (key, line.split('=').nth(1).map(str::trim)) {
                    ("ServerPort", Some("1111")) => format!("ServerPort = 127.0.0.1:{sql}"),
                    ("ServerPort", Some("8890")) => format!("ServerPort = 127.0.0.1:{http}"),
                    ("DirsAllowed", Some(dirs)) => format!("DirsAllowed = {dirs}, {db}"),
                    _ => line.to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let file = dir.join("virtuoso.ini");
        std::fs::write(&file, ini).unwrap();
        let child = Command::new("virtuoso-t")
            .args(["+foreground", "+configfile"])
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self {
            _child: Stopped(child),
            http,
        };
        let started = Instant::now();
        while Command::new("curl")
            .args(["-s", "-f", "-o", "/dev/null", &server.url("/sparql")])
            .status()
            .map_or(true, |s| !s.success())
        {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "Virtuoso did not start"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.http)
    }

    /// One graph's triples, as Virtuoso's Graph Store read side gives them, canonical and sorted.
    fn graph(&self, iri: &str) -> Vec<String> {
        let encoded: String = form_urlencoded::byte_serialize(iri.as_bytes()).collect();
        let out = Command::new("curl")
            .args(["-s", "-H", "Accept: application/n-triples"])
            .arg(self.url(&format!("/sparql-graph-crud?graph-uri={encoded}")))
            .output()
            .unwrap();
        canonical(&out.stdout)
    }
}

/// N-Triples as sorted canonical lines (Virtuoso escapes non-ASCII characters as \u).
fn canonical(ntriples: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(ntriples)
        .map(|t| t.unwrap().to_string())
        .collect();
    lines.sort();
    lines
}

/// The graphs of the store at `store` and their triples, canonical and sorted.
fn local_graphs(store: &Path) -> Vec<(String, Vec<String>)> {
    let out = newskg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(store)
        .output()
        .unwrap();
    let mut graphs: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&out.stdout) {
        let quad = quad.unwrap();
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            panic!("a quad outside the named graphs")
        };
        graphs
            .entry(graph.as_str().to_owned())
            .or_default()
            .push(Triple::from(quad.clone()).to_string());
    }
    graphs
        .into_iter()
        .map(|(g, mut t)| {
            t.sort();
            (g, t)
        })
        .collect()
}

fn have_virtuoso() -> bool {
    tool("virtuoso-t", "apt-get install virtuoso-opensource")
        && tool("curl", "apt-get install curl")
}

/// `newskg push` of the store at `store` into Virtuoso's authenticated Graph Store endpoint,
/// as dba with `password`: its success and what it said.
fn push_to_virtuoso(
    virtuoso: &Virtuoso,
    store: &Path,
    password: &str,
    flags: &[&str],
) -> (bool, String) {
    let out = newskg()
        .args(["push", "--quiet", "--endpoint"])
        .arg(virtuoso.url("/sparql-graph-crud-auth"))
        .args([
            "--user",
            "dba",
            "--password-env",
            "VIRTUOSO_PASSWORD",
            "--store",
        ])
        .arg(store)
        .args(flags)
        .env("VIRTUOSO_PASSWORD", password)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !said.contains(password) || password == "dba",
        "the password is never shown"
    );
    (out.status.success(), said)
}

#[test]
fn the_canned_queries_asked_of_virtuoso_give_the_rows_of_newskg_query() {
    if !(have_virtuoso() && crate::interop::python_module("SPARQLWrapper")) {
        return;
    }
    let (scratch, store) = bundled_store_in_scratch();
    let db = scratch.path().join("virtuoso");
    std::fs::create_dir_all(&db).unwrap();
    let virtuoso = Virtuoso::start(&db);
    let (ok, said) = push_to_virtuoso(&virtuoso, &store, "dba", &[]);
    assert!(ok && said.contains("7 sent (7 new, 0 replaced)"), "{said}");
    assert!(crate::serve::same_rows_over_http(&virtuoso.url("/sparql"), &store) > 500);
}

#[test]
fn push_into_virtuoso_with_digest_auth_and_changed() {
    if !have_virtuoso() {
        return;
    }
    let scratch = Scratch::of("basic/data");
    scratch.write("corpus/second.txt", "التقى ماسك ترامب.");
    scratch.write("articles/second.json", SECOND_ARTICLE);
    scratch.build().success();
    let db = scratch.dir.path().join("virtuoso");
    std::fs::create_dir_all(&db).unwrap();
    let virtuoso = Virtuoso::start(&db);
    let push = |password: &str, flags: &[&str]| {
        push_to_virtuoso(&virtuoso, &scratch.store(), password, flags)
    };
    let same_as_local = || {
        for (graph, triples) in local_graphs(&scratch.store()) {
            assert_eq!(virtuoso.graph(&graph), triples, "{graph}");
        }
    };

    let (ok, said) = push("not-the-password", &[]);
    assert!(!ok && said.contains("refused the credentials"), "{said}");
    let article = "https://newskg.example/graph/article/sample";
    assert!(
        virtuoso.graph(article).is_empty(),
        "a refused push changes nothing"
    );

    let (ok, said) = push("dba", &[]);
    assert!(ok && said.contains("4 sent (4 new, 0 replaced)"), "{said}");
    same_as_local();
    let (ok, said) = push("dba", &["--changed"]);
    assert!(
        ok && said.contains("0 sent (0 new, 0 replaced), 0 deleted, 4 unchanged"),
        "{said}"
    );
    same_as_local();

    scratch.edit("articles/sample.json", |v| {
        v["relations"].as_array_mut().unwrap().pop();
    });
    std::fs::remove_file(scratch.data().join("articles/second.json")).unwrap();
    scratch.build().success();
    let (ok, said) = push("dba", &["--changed"]);
    assert!(
        ok && said.contains("1 sent (0 new, 1 replaced), 1 deleted, 2 unchanged"),
        "{said}"
    );
    same_as_local();
    assert!(virtuoso
        .graph("https://newskg.example/graph/article/second")
        .is_empty());
}
