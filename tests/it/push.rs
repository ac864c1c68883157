//! `newskg push` into a real Oxigraph server (PyPI `oxigraph serve`, on a free loopback port):
//! the remote answers the canned queries as the local store does, a second push changes
//! nothing, `--changed` sends what changed and deletes what is gone, and a push that cannot
//! reach the server names what it did not send, which the next push sends.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::interop::tool;
use crate::util::{export_nquads, newskg, Scratch};

/// An Oxigraph server with an empty store, its default graph the union of its graphs.
struct OxigraphServer {
    child: Child,
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
        Self { child, port }
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

impl Drop for OxigraphServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
    let scratch = tempfile::TempDir::new().unwrap();
    let store = scratch.path().join("store");
    newskg()
        .args(["build", "--quiet", "--store"])
        .arg(&store)
        .assert()
        .success();
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
fn a_push_that_cannot_reach_the_server_names_what_it_did_not_send_and_the_next_completes() {
    if !have_tools() {
        return;
    }
    let scratch = tempfile::TempDir::new().unwrap();
    let store = scratch.path().join("store");
    newskg()
        .args(["build", "--quiet", "--store"])
        .arg(&store)
        .assert()
        .success();
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
