//! Fuzz target: arbitrary bytes as an extraction file, read and validated.
//!
//! The bytes go into a scratch data directory three times: as an article file
//! (`articles/fuzz.json`), as a JSON Lines file (`fuzz.jsonl`) and as the registry
//! (`entities.json`, beside the fixture's article). The directory also holds the registry of
//! `data/` and of the fixture and every bundled source text, so that the articles of `data/`
//! validate there as they are. Each time, the directory goes through the whole-input check
//! (`validate::load_dir`), the streaming build's two passes (`validate::stream_dir`) and
//! `check --fix` (`validate::fix_dir`). None may panic or hang; the two checks must agree (both
//! valid with the same quads, or both invalid with the same syntax and encoding problems); and
//! `--fix` must leave the data as valid as it was, with the same problems and the same quads.

#![no_main]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newskg::dataset::Dataset;
use newskg::{mapper, validate, Diagnostic, Error, Iris, Ontology};
use oxigraph::model::{GraphName, Quad};

const FIXTURE_ENTITIES: &str = include_str!("../../tests/fixtures/basic/data/entities.json");
const DATA_ENTITIES: &str = include_str!("../../data/entities.json");
const FIXTURE_ARTICLE: &str = include_str!("../../tests/fixtures/basic/data/articles/sample.json");
const TEXTS: &[(&str, &str)] = &[
    (
        "corpus/sample.txt",
        include_str!("../../tests/fixtures/basic/data/corpus/sample.txt"),
    ),
    (
        "corpus/000_51ce69ff9a8cd53d.txt",
        include_str!("../../data/corpus/000_51ce69ff9a8cd53d.txt"),
    ),
    (
        "corpus/001_0d1342c88ff5f8bf.txt",
        include_str!("../../data/corpus/001_0d1342c88ff5f8bf.txt"),
    ),
    (
        "corpus/002_a850b5203cdcfe54.txt",
        include_str!("../../data/corpus/002_a850b5203cdcfe54.txt"),
    ),
    (
        "corpus/003_41a1593a8b27c1a9.txt",
        include_str!("../../data/corpus/003_41a1593a8b27c1a9.txt"),
    ),
    (
        "corpus/004_34e5860d7a5410df.txt",
        include_str!("../../data/corpus/004_34e5860d7a5410df.txt"),
    ),
];

struct Setup {
    ontology: Ontology,
    iris: Iris,
    dir: tempfile::TempDir,
    /// The entities of `data/` and of the fixture, each id once.
    entities: String,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("newskg-fuzz-read-")
            .tempdir()
            .expect("a scratch directory");
        fs::create_dir_all(dir.path().join("corpus")).unwrap();
        for (path, text) in TEXTS {
            fs::write(dir.path().join(path), text).unwrap();
        }
        let mut all: Vec<serde_json::Value> = Vec::new();
        let mut ids = BTreeSet::new();
        for registry in [DATA_ENTITIES, FIXTURE_ENTITIES] {
            let v: serde_json::Value = serde_json::from_str(registry).unwrap();
            for e in v["entities"].as_array().unwrap() {
                if ids.insert(e["id"].as_str().unwrap().to_owned()) {
                    all.push(e.clone());
                }
            }
        }
        let entities =
            serde_json::to_string_pretty(&serde_json::json!({ "entities": all })).unwrap();
        Setup {
            ontology: Ontology::bundled().unwrap(),
            iris: Iris::new(newskg::vocab::DEFAULT_BASE).unwrap(),
            dir,
            entities,
        }
    })
}

/// The data directory holding the texts and exactly `files`.
fn lay_out(dir: &Path, files: &[(&str, &[u8])]) {
    let _ = fs::remove_dir_all(dir.join("articles"));
    for name in ["entities.json", "fuzz.jsonl"] {
        let _ = fs::remove_file(dir.join(name));
    }
    fs::create_dir_all(dir.join("articles")).unwrap();
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).unwrap();
    }
}

/// The quads of the entities, documents and relations (not the ontology's), as a set.
fn data_quads(dataset: &Dataset, iris: &Iris) -> BTreeSet<String> {
    let mut quads = Vec::new();
    for e in &dataset.entities {
        mapper::map_entity(e, iris, &mut quads);
    }
    for d in &dataset.documents {
        mapper::map_document(d, iris, &mut quads);
        for r in &d.relations {
            mapper::map_relation(d, r, iris, &mut quads);
        }
    }
    quads.iter().map(Quad::to_string).collect()
}

/// The outcome of a check: the data quads, or the problems (`None` for an error that is no
/// problem of the data, such as a file that cannot be read).
type Outcome = Result<BTreeSet<String>, Option<Vec<Diagnostic>>>;

fn problems(e: Error) -> Option<Vec<Diagnostic>> {
    match e {
        Error::Invalid(d) => {
            assert!(!d.0.is_empty(), "invalid, with no problem");
            let _ = d.to_string();
            Some(d.0)
        }
        _ => None,
    }
}

fn whole(s: &Setup) -> Outcome {
    match validate::load_dir(s.dir.path(), &s.ontology) {
        Ok(dataset) => Ok(data_quads(&dataset, &s.iris)),
        Err(e) => Err(problems(e)),
    }
}

fn streamed(s: &Setup) -> Outcome {
    let ontology = GraphName::from(newskg::vocab::nkg::ONTOLOGY.into_owned());
    let mut quads = BTreeSet::new();
    let result = validate::stream_dir(s.dir.path(), &s.ontology, &s.iris, &mut |chunk| {
        quads.extend(
            chunk
                .iter()
                .filter(|q| q.graph_name != ontology)
                .map(Quad::to_string),
        )
    });
    match result {
        Ok(_) => Ok(quads),
        Err(e) => Err(problems(e)),
    }
}

/// What the two checks must agree on when both refuse the data: the problems that stop a file
/// from being read (syntax, encoding: those with a column). Problems that follow from those may
/// differ: the streaming build's first pass registers a relation line from its ids and ends
/// alone, so a link to a relation whose record is broken is not reported again as a link to an
/// unknown statement, as the whole-input check reports it.
fn gist(problems: &[Diagnostic]) -> BTreeSet<&Diagnostic> {
    problems.iter().filter(|d| d.column.is_some()).collect()
}

fn check(s: &Setup, files: &[(&str, &[u8])]) {
    lay_out(s.dir.path(), files);
    let checked = whole(s);
    let stream = streamed(s);
    match (&checked, &stream) {
        (Ok(a), Ok(b)) => assert!(a == b, "the two checks map differently"),
        (Err(Some(a)), Err(Some(b))) => {
            assert_eq!(gist(a), gist(b), "the two checks find different problems")
        }
        (Err(None), Err(None)) => {}
        _ => panic!(
            "the whole-input check and the streaming build disagree:\n{checked:?}\n{stream:?}"
        ),
    }
    // `check --fix`: the offsets found written in, nothing else changed.
    if let Ok(n) = validate::fix_dir(s.dir.path(), &s.ontology) {
        if n > 0 {
            let fixed = whole(s);
            match (&checked, &fixed) {
                (Ok(a), Ok(b)) => assert!(a == b, "--fix changed the quads"),
                (Err(Some(a)), Err(Some(b))) => assert_eq!(a, b, "--fix changed the problems"),
                _ => panic!("--fix changed whether the data is valid:\n{checked:?}\n{fixed:?}"),
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let s = setup();
    let entities = s.entities.as_bytes();
    check(
        s,
        &[("entities.json", entities), ("articles/fuzz.json", data)],
    );
    check(s, &[("entities.json", entities), ("fuzz.jsonl", data)]);
    check(
        s,
        &[
            ("entities.json", data),
            ("articles/sample.json", FIXTURE_ARTICLE.as_bytes()),
        ],
    );
});
