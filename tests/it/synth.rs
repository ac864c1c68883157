//! `newskg synth`: a synthetic corpus that `newskg build` accepts as it is, the same bytes for
//! the same arguments, with every relation type of the ontology's core in it.

use std::collections::BTreeSet;

use tempfile::TempDir;

use crate::util::newskg;

fn synth(dir: &std::path::Path, relations: &str, seed: &str) {
    newskg()
        .args(["synth", "--relations", relations, "--seed", seed, "--out"])
        .arg(dir)
        .assert()
        .success();
}

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_ones() {
    let dir = TempDir::new().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    synth(&a, "300", "7");
    synth(&b, "300", "7");
    synth(&c, "300", "8");
    assert_eq!(files(&a), files(&b));
    assert_ne!(files(&a), files(&c));
}

#[test]
fn a_synthetic_corpus_validates_builds_and_holds_every_relation_type() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth(&data, "2000", "1");
    newskg()
        .args(["check", "--data"])
        .arg(&data)
        .assert()
        .success()
        .stdout(predicates::str::contains("2000 relations: no problems"));
    let records = std::fs::read_to_string(data.join("records.jsonl")).unwrap();
    let types: BTreeSet<String> = records
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["record"] == "relation")
        .map(|v| v["type"].as_str().unwrap().to_owned())
        .collect();
    for core in ["advises", "donated-to", "met-at", "feuded-with"] {
        assert!(types.contains(core), "{core} missing: {types:?}");
    }
    let out = newskg()
        .args([
            "query",
            "donation-totals",
            "--memory",
            "--format",
            "csv",
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().lines().count() > 1);
}
