//! The store directory as generations: a build switches to a complete new store in one step, a
//! build killed at any point leaves the old graph answering, a reader keeps the generation it
//! opened, and one build runs at a time.

use std::fs;
use std::io::Write;

use predicates::prelude::*;

use crate::util::{export_nquads, newskg, Scratch};

pub(crate) fn nquads(scratch: &Scratch) -> String {
    String::from_utf8(export_nquads(&scratch.store())).unwrap()
}

fn entries(scratch: &Scratch) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(scratch.store())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `newskg build` of the scratch data, aborting itself at `point` as a kill there would.
fn build_killed_at(scratch: &Scratch, point: &str) {
    newskg()
        .args(["build", "--data"])
        .arg(scratch.data())
        .arg("--store")
        .arg(scratch.store())
        .env("NEWSKG_CRASH_AT", point)
        .assert()
        .failure();
}

/// The fixture built, then changed so that a rebuild drops statement r5.
pub(crate) fn built_then_changed() -> (Scratch, String) {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let before = nquads(&scratch);
    assert!(before.contains("statement/sample/r5>"));
    scratch.edit("articles/sample.json", |v| {
        v["relations"].as_array_mut().unwrap().pop();
    });
    (scratch, before)
}

#[test]
fn a_build_killed_before_the_switch_leaves_the_old_graph_and_the_next_build_cleans_up() {
    for point in ["load", "streaming", "loaded", "swap"] {
        let (scratch, before) = built_then_changed();
        build_killed_at(&scratch, point);
        assert_eq!(nquads(&scratch), before, "killed at {point}");
        scratch.build().success();
        assert!(
            !nquads(&scratch).contains("statement/sample/r5>"),
            "{point}"
        );
        let left: Vec<String> = entries(&scratch)
            .into_iter()
            .filter(|n| n.starts_with("gen-") && !n.contains('.') || n.starts_with("building-"))
            .collect();
        assert_eq!(left.len(), 1, "after a kill at {point}: {left:?}");
    }
}

#[test]
fn a_build_killed_after_the_switch_leaves_the_new_graph() {
    let (scratch, _) = built_then_changed();
    build_killed_at(&scratch, "cleanup");
    assert!(!nquads(&scratch).contains("statement/sample/r5>"));
}

#[test]
fn a_reader_keeps_the_generation_it_opened_while_a_build_replaces_it() {
    let (scratch, before) = built_then_changed();
    let reader = newskg::store::StoreDir::new(&scratch.store())
        .open()
        .unwrap();
    let count = |s: &newskg::GraphStore| s.len().unwrap();
    let old = count(&reader);
    scratch.build().success();
    // The reader still sees the old graph, whole; new readers see the new one.
    assert_eq!(count(&reader), old);
    assert_eq!(before.lines().count(), old);
    assert!(!nquads(&scratch).contains("statement/sample/r5>"));
    let generations = |s: &Scratch| {
        entries(s)
            .iter()
            .filter(|n| n.starts_with("gen-") && !n.contains('.'))
            .count()
    };
    assert_eq!(generations(&scratch), 2, "the reader's generation is kept");
    drop(reader);
    scratch.build().success();
    assert_eq!(
        generations(&scratch),
        1,
        "and removed once no reader has it"
    );
}

#[test]
fn a_second_build_while_one_runs_fails_naming_the_first() {
    let (scratch, before) = built_then_changed();
    let mut lock = fs::OpenOptions::new()
        .write(true)
        .open(scratch.store().join("build.lock"))
        .unwrap();
    lock.lock().unwrap();
    lock.set_len(0).unwrap();
    write!(lock, "4242").unwrap();
    scratch
        .build()
        .failure()
        .stderr(predicate::str::contains("is being built by process 4242"));
    assert_eq!(nquads(&scratch), before);
    drop(lock);
    scratch.build().success();
}

#[test]
fn a_store_of_an_earlier_newskg_is_refused_with_what_to_do() {
    let scratch = Scratch::of("basic/data");
    fs::create_dir_all(scratch.store()).unwrap();
    fs::write(scratch.store().join("CURRENT"), "MANIFEST-000001\n").unwrap();
    let refusal = "made by an earlier newskg; remove that directory";
    newskg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(scratch.store())
        .assert()
        .failure()
        .stderr(predicate::str::contains(refusal))
        .stderr(predicate::str::contains("building it").not());
    scratch
        .build()
        .failure()
        .stderr(predicate::str::contains(refusal));
}

#[test]
fn a_store_of_another_format_is_refused_and_left_as_it_is() {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let format = scratch.store().join("FORMAT");
    assert_eq!(
        fs::read_to_string(&format).unwrap(),
        "newskg store format 1\n"
    );
    fs::write(&format, "newskg store format 2\n").unwrap();
    let before = entries(&scratch);
    let refusal = "has format \"2\", made by a newer newskg (this one reads format 1)";
    newskg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(scratch.store())
        .assert()
        .failure()
        .stderr(predicate::str::contains(refusal));
    scratch
        .build()
        .failure()
        .stderr(predicate::str::contains(refusal));
    assert_eq!(entries(&scratch), before);
    assert_eq!(
        fs::read_to_string(&format).unwrap(),
        "newskg store format 2\n"
    );
}

/// `newskg build ARGS… --data DATA --store STORE`, asserted on.
fn build(
    data: &std::path::Path,
    store: &std::path::Path,
    args: &[&str],
) -> assert_cmd::assert::Assert {
    newskg()
        .arg("build")
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--store")
        .arg(store)
        .assert()
}

fn synth_into(dir: &std::path::Path, relations: &str) {
    newskg()
        .args(["synth", "--relations", relations, "--out"])
        .arg(dir)
        .assert()
        .success();
}

fn export_sorted(store: &std::path::Path) -> Vec<String> {
    let text = String::from_utf8(export_nquads(store)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

#[test]
fn the_streaming_build_gives_the_quads_of_the_whole_input_build() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth_into(&data, "1500");
    build(&data, &dir.path().join("store"), &[])
        .success()
        .stderr(predicate::str::contains("1500 relations"));
    let streamed = export_sorted(&dir.path().join("store"));
    let whole = crate::util::nquads(&crate::util::compile(&data).unwrap());
    assert_eq!(streamed.join("\n") + "\n", whole);
}

#[test]
fn an_error_in_the_first_middle_or_last_record_writes_nothing() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    let store = dir.path().join("store");
    synth_into(&data, "300");
    build(&data, &store, &[]).success();
    let before = export_sorted(&store);
    let records = fs::read_to_string(data.join("records.jsonl")).unwrap();
    let lines: Vec<&str> = records.lines().collect();
    let relation_lines: Vec<usize> = (0..lines.len())
        .filter(|i| lines[*i].contains("\"record\":\"relation\""))
        .collect();
    for at in [
        relation_lines[0],
        relation_lines[relation_lines.len() / 2],
        *relation_lines.last().unwrap(),
    ] {
        let mut broken: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        let mut record: serde_json::Value = serde_json::from_str(&broken[at]).unwrap();
        record["subject"] = serde_json::json!("nobody");
        broken[at] = record.to_string();
        fs::write(data.join("records.jsonl"), broken.join("\n") + "\n").unwrap();
        build(&data, &store, &[])
            .failure()
            .stderr(predicate::str::contains(format!(
                "records.jsonl:{}: $.subject: unknown entity \"nobody\"",
                at + 1
            )))
            .stderr(predicate::str::contains("nothing was written"));
        assert_eq!(
            export_sorted(&store),
            before,
            "after an error at line {}",
            at + 1
        );
    }
}

/// The synthetic corpus's records, one JSON value a line.
fn records(data: &std::path::Path) -> Vec<serde_json::Value> {
    fs::read_to_string(data.join("records.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn write_records(data: &std::path::Path, records: &[serde_json::Value]) {
    let text: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    fs::write(data.join("records.jsonl"), text.join("\n") + "\n").unwrap();
}

/// Builds `data` incrementally into `store`, and in full into a fresh store beside it; both
/// must hold the same quads. The incremental build's summary.
fn incremental_equals_full(dir: &std::path::Path, data: &std::path::Path) -> String {
    let store = dir.join("store");
    let out = build(data, &store, &[]).success();
    let fresh = dir.join(format!("full-{}", fs::read_dir(dir).unwrap().count()));
    build(data, &fresh, &["--full"]).success();
    assert_eq!(export_sorted(&store), export_sorted(&fresh));
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn an_incremental_build_equals_a_full_one_for_added_changed_and_removed_articles_and_entities() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth_into(&data, "200");
    incremental_equals_full(dir.path(), &data);
    let summary = incremental_equals_full(dir.path(), &data);
    assert!(
        summary.contains("0 documents added, 0 changed, 0 removed, 20 left alone"),
        "{summary}"
    );

    // A relation of one article changes, another article goes, a third one arrives.
    let mut all = records(&data);
    let first = all.iter().position(|r| r["record"] == "relation").unwrap();
    all[first]["status"] = serde_json::json!("alleged");
    let gone = all.iter().rposition(|r| r["record"] == "document").unwrap();
    let removed_doc = all[gone]["id"].clone();
    all.retain(|r| r["id"] != removed_doc && r["document"] != removed_doc);
    let mut new_doc = all
        .iter()
        .find(|r| r["record"] == "document")
        .unwrap()
        .clone();
    new_doc["id"] = serde_json::json!("d9999999");
    let mut new_rel = all[first].clone();
    new_rel["document"] = serde_json::json!("d9999999");
    all.push(new_doc);
    all.push(new_rel);
    write_records(&data, &all);
    let summary = incremental_equals_full(dir.path(), &data);
    assert!(
        summary
            .contains("1 document added, 1 changed, 1 removed, 18 left alone; entities unchanged"),
        "{summary}"
    );

    // An entity's name changes: the entities' graph alone is replaced.
    let mut all = records(&data);
    let entity = all.iter().position(|r| r["record"] == "entity").unwrap();
    all[entity]["labels"]["en"] = serde_json::json!("Someone Else");
    write_records(&data, &all);
    let summary = incremental_equals_full(dir.path(), &data);
    assert!(
        summary.contains("0 changed, 0 removed, 20 left alone; entities changed"),
        "{summary}"
    );
}

#[test]
fn an_incremental_build_of_bad_data_changes_nothing() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth_into(&data, "100");
    incremental_equals_full(dir.path(), &data);
    let before = export_sorted(&dir.path().join("store"));
    let mut all = records(&data);
    let first = all.iter().position(|r| r["record"] == "relation").unwrap();
    all[first]["object"] = serde_json::json!("nobody");
    write_records(&data, &all);
    build(&data, &dir.path().join("store"), &[])
        .failure()
        .stderr(predicate::str::contains("unknown entity \"nobody\""));
    assert_eq!(export_sorted(&dir.path().join("store")), before);
}

#[test]
fn an_update_checks_again_an_unchanged_article_that_links_to_a_changed_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth_into(&data, "100");
    // A second article with the first one's text restates its first relation, linked to it.
    let mut all = records(&data);
    let first = all.iter().position(|r| r["record"] == "relation").unwrap();
    let mut copy = all
        .iter()
        .find(|r| r["record"] == "document")
        .unwrap()
        .clone();
    copy["id"] = serde_json::json!("d9999999");
    let mut restated = all[first].clone();
    restated["document"] = serde_json::json!("d9999999");
    let target = format!("d9999999/{}", restated["id"].as_str().unwrap());
    all[first]["same_as"] = serde_json::json!([target]);
    all.push(copy);
    all.push(restated);
    write_records(&data, &all);
    incremental_equals_full(dir.path(), &data);
    let before = export_sorted(&dir.path().join("store"));

    // The restatement goes: the first article, unchanged, now links to nothing.
    all.pop();
    write_records(&data, &all);
    build(&data, &dir.path().join("store"), &[])
        .failure()
        .stderr(predicate::str::contains(format!(
            "unknown statement {target:?}"
        )));
    assert_eq!(export_sorted(&dir.path().join("store")), before);
}

#[test]
fn an_update_checks_everything_again_when_the_entities_change() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth_into(&data, "100");
    incremental_equals_full(dir.path(), &data);
    let mut all = records(&data);
    let last = all.iter().rposition(|r| r["record"] == "relation").unwrap();
    let used = all[last]["subject"].clone();
    all.retain(|r| !(r["record"] == "entity" && r["id"] == used));
    write_records(&data, &all);
    build(&data, &dir.path().join("store"), &[])
        .failure()
        .stderr(predicate::str::contains(format!("unknown entity {used}")));
}

#[test]
fn a_reformatted_line_is_the_same_record_and_a_large_change_builds_in_full() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    synth_into(&data, "2000");
    incremental_equals_full(dir.path(), &data);
    let text = fs::read_to_string(data.join("records.jsonl")).unwrap();
    let spaced = text.replace("\",\"", "\", \"").replace("\":\"", "\": \"");
    assert_ne!(spaced, text);
    fs::write(data.join("records.jsonl"), spaced).unwrap();
    let summary = incremental_equals_full(dir.path(), &data);
    assert!(
        summary.contains("0 changed, 0 removed, 200 left alone"),
        "{summary}"
    );

    // Every article changes: no update's summary, a full build.
    let mut all = records(&data);
    for r in all.iter_mut().filter(|r| r["record"] == "relation") {
        r["status"] = serde_json::json!("alleged");
    }
    write_records(&data, &all);
    let summary = incremental_equals_full(dir.path(), &data);
    assert!(!summary.contains("left alone"), "{summary}");
}

#[test]
fn an_update_reads_again_a_source_text_changed_right_after_a_build_even_at_the_same_size() {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let before = nquads(&scratch);
    // One letter of r5's quote for another of the same size, with no time to tell them apart.
    let path = scratch.data().join("corpus/sample.txt");
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replacen("ويدرس", "ويدرك", 1);
    assert_eq!(changed.len(), text.len());
    fs::write(&path, changed).unwrap();
    scratch
        .build()
        .failure()
        .stderr(predicate::str::contains(".relations[4].evidence[0]"));
    assert_eq!(nquads(&scratch), before);
}
