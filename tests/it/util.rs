//! Shared helpers: fixtures, temporary copies to break, and running the binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use assert_cmd::Command;
use newskg::vocab::{Iris, DEFAULT_BASE};
use newskg::Ontology;
use oxigraph::model::Quad;
use serde_json::Value;
use tempfile::TempDir;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The binary, with no environment that could point it at a user's store or data.
pub fn newskg() -> Command {
    let mut cmd = Command::cargo_bin("newskg").expect("the newskg binary is built");
    cmd.env_remove("NEWSKG_STORE")
        .env_remove("NEWSKG_DATA")
        .env_remove("NEWSKG_BASE");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A writable copy of a fixture, in `<tmp>/data`.
pub struct Scratch {
    pub dir: TempDir,
}

impl Scratch {
    pub fn of(name: &str) -> Self {
        let dir = TempDir::new().unwrap();
        copy_dir(&fixture(name), &dir.path().join("data"));
        Self { dir }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// Edits a JSON file of the data in place.
    pub fn edit(&self, rel: &str, f: impl FnOnce(&mut Value)) {
        let path = self.data().join(rel);
        let mut value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        f(&mut value);
        fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    }

    /// Runs `newskg build` of this data into this store.
    pub fn build(&self) -> assert_cmd::assert::Assert {
        newskg()
            .arg("build")
            .arg("--data")
            .arg(self.data())
            .arg("--store")
            .arg(self.store())
            .assert()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.data().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// The bundled data built into a store on disk, once per test run: every test that reads it
/// shares it. It lives in Cargo's scratch directory for tests, rebuilt at each run.
pub fn bundled_store() -> (&'static Path, &'static newskg::GraphStore) {
    static STORE: LazyLock<(PathBuf, newskg::GraphStore)> = LazyLock::new(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-store");
        let _ = fs::remove_dir_all(&dir);
        let store = newskg::GraphStore::open(&dir).unwrap();
        newskg::build(
            &repo_path("data"),
            &store,
            &Ontology::bundled().unwrap(),
            &iris(),
        )
        .unwrap();
        (dir, store)
    });
    (&STORE.0, &STORE.1)
}

/// The committed content of the expected file `path`, after writing `actual` there when
/// `NEWSKG_BLESS` is set. Bless only after reading the new content against the articles: an
/// expected file is a claim about them.
pub fn expected_file(path: &Path, actual: &str) -> String {
    if std::env::var_os("NEWSKG_BLESS").is_some() {
        fs::write(path, actual).unwrap();
    }
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (NEWSKG_BLESS=1 writes it)", path.display()))
}

pub fn iris() -> Iris {
    Iris::new(DEFAULT_BASE).unwrap()
}

/// Validates and maps a data directory with the library.
pub fn compile(data: &Path) -> Result<Vec<Quad>, newskg::Error> {
    let ontology = Ontology::bundled().unwrap();
    newskg::compile(data, &ontology, &iris()).map(|(_, quads)| quads)
}

/// Runs `newskg check` on `data` and returns its standard error, asserting that it failed.
pub fn check_fails(data: &Path) -> String {
    let out = newskg()
        .arg("check")
        .arg("--data")
        .arg(data)
        .output()
        .unwrap();
    assert!(!out.status.success(), "check should fail on bad data");
    String::from_utf8(out.stderr).unwrap()
}

/// The N-Quads export of the store directory `store`, asserting that it succeeded.
pub fn export_nquads(store: &Path) -> Vec<u8> {
    let mut cmd = newskg();
    cmd.args(["export", "--format", "nquads", "--store"])
        .arg(store);
    stdout_of(&mut cmd)
}

/// What a `newskg` command that must succeed writes on standard output.
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// What a program that must have succeeded wrote on standard output; its output and errors
/// are the failure's message otherwise.
pub fn succeeded(out: &std::process::Output) -> String {
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

/// Runs a program with `input` on its standard input, and gives what it did.
pub fn with_input(cmd: &mut std::process::Command, input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// A CSV answer of `newskg query`: its header and its rows.
pub fn csv_table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// The N-Quads of a set of quads, one per line, sorted.
pub fn nquads(quads: &[Quad]) -> String {
    let mut lines: Vec<String> = quads.iter().map(|q| format!("{q} .")).collect();
    lines.sort();
    lines.dedup();
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A child process (a server of a test) that is killed and reaped when dropped.
pub struct Stopped(pub std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
