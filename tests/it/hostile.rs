//! Hostile and broken input: each is refused with the file, the place, what is wrong and how to
//! fix it; the build exits non-zero and the store it would have replaced answers as before.

use std::fs;

use newskg::{Error, Iris, Ontology};

use crate::util::{export_nquads, Scratch};

const ENTITIES: &str = "entities.json";
const ARTICLE: &str = "articles/sample.json";

/// The fixture built into a store; then file `rel` rewritten by `f` and built again: the build
/// fails, its errors hold every one of `needles`, and the store exports what it did before.
fn refused(rel: &str, f: impl FnOnce(Vec<u8>) -> Vec<u8>, needles: &[&str]) -> String {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let before = export_nquads(&scratch.store());
    let path = scratch.data().join(rel);
    fs::write(&path, f(fs::read(&path).unwrap())).unwrap();
    let out = scratch.build().failure();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(export_nquads(&scratch.store()), before, "the store changed");
    stderr
}

fn replace(bytes: Vec<u8>, from: &str, to: &[u8]) -> Vec<u8> {
    let text = bytes;
    let at = text
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from:?} is not in the fixture"));
    [&text[..at], to, &text[at + from.len()..]].concat()
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset_line_and_column() {
    let stderr = refused(
        ENTITIES,
        |b| replace(b, "Elon Musk", b"El\xffn Musk"),
        &[
            "entities.json:",
            "the text is not UTF-8: byte 0xFF at offset",
            "save the file as UTF-8",
        ],
    );
    let text = fs::read_to_string(crate::util::fixture("basic/data/entities.json")).unwrap();
    let offset = text.find("Elon Musk").unwrap() + 2;
    let line = text[..offset].matches('\n').count() + 1;
    assert!(
        stderr.contains(&format!("entities.json:{line}:")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("offset {offset} ")), "{stderr}");
}

#[test]
fn a_byte_order_mark_is_reported() {
    refused(
        ENTITIES,
        |b| [b"\xef\xbb\xbf".as_slice(), &b].concat(),
        &[
            "entities.json:1:1: $: the file starts with a byte order mark (U+FEFF)",
            "without a byte order mark",
        ],
    );
}

#[test]
fn a_key_given_twice_in_one_object_is_reported_where_it_stands() {
    refused(
        ARTICLE,
        |b| {
            replace(
                b,
                "\"type\": \"advises\"",
                b"\"type\": \"advises\", \"type\": \"feuded-with\"",
            )
        },
        &[
            "articles/sample.json:",
            "the key \"type\" is given twice in one object",
        ],
    );
}

#[test]
fn truncated_and_too_deeply_nested_json_are_syntax_errors_with_line_and_column() {
    let stderr = refused(
        ENTITIES,
        |b| b[..b.len() / 2].to_vec(),
        &["entities.json:", "invalid JSON: EOF while parsing"],
    );
    // What stops the registry from being read comes first: it explains the unknown entities.
    let first = stderr.lines().nth(1).unwrap_or_default();
    assert!(
        first.contains("entities.json:") && first.contains("invalid JSON"),
        "{stderr}"
    );
    refused(
        ENTITIES,
        |_| {
            format!(
                "{{\"entities\": {}{}}}",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes()
        },
        &["entities.json:1:", "invalid JSON: recursion limit exceeded"],
    );
}

#[test]
fn control_characters_in_names_are_refused() {
    refused(
        ENTITIES,
        |b| replace(b, "Elon Musk", b"Elon\\u0007 Musk"),
        &[
            "$.entities[0].labels.en: \"Elon\\u{7} Musk\" holds the control character U+0007 at character 4",
            "plain text",
        ],
    );
}

#[test]
fn right_to_left_and_zero_width_marks_in_names_are_kept() {
    let scratch = Scratch::of("basic/data");
    let path = scratch.data().join(ENTITIES);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("Elon Musk", "Elon\u{200f} Mu\u{200b}sk"),
    )
    .unwrap();
    scratch.build().success();
    let nquads = String::from_utf8(export_nquads(&scratch.store())).unwrap();
    assert!(
        nquads.contains("\"Elon\u{200f} Mu\u{200b}sk\"@en"),
        "{nquads}"
    );
}

#[test]
fn amounts_and_dates_that_are_no_numbers_or_days_are_refused() {
    for amount in ["1e400", "-5", "NaN", "1,000"] {
        refused(
            ARTICLE,
            |b| {
                let text = String::from_utf8(b).unwrap();
                let at = text.find("\"amount\": \"").unwrap() + 11;
                let end = at + text[at..].find('"').unwrap();
                format!("{}{amount}{}", &text[..at], &text[end..]).into_bytes()
            },
            &[&format!("{amount:?} is not a decimal amount")],
        );
    }
    for date in ["2025-02-30", "0000", "+10000"] {
        refused(
            ARTICLE,
            |b| {
                let text = String::from_utf8(b).unwrap();
                let at = text.find("\"date\": \"").unwrap() + 9;
                let end = at + text[at..].find('"').unwrap();
                format!("{}{date}{}", &text[..at], &text[end..]).into_bytes()
            },
            &[&format!("{date:?} is not a valid date")],
        );
    }
}

#[test]
fn ten_thousand_problems_give_one_screen_and_a_count() {
    let scratch = Scratch::of("basic/data");
    let lines: String = (0..10_000)
        .map(|i| {
            format!("{{\"record\": \"relation\", \"document\": \"nowhere\", \"id\": \"r{i}\"}}\n")
        })
        .collect();
    scratch.write("more.jsonl", &lines);
    let stderr = crate::util::check_fails(&scratch.data());
    assert!(
        stderr.contains("the data has 10000 problems"),
        "{}",
        &stderr[..300]
    );
    assert!(
        stderr.contains("... and 9900 more problems (the first 100 are listed"),
        "{}",
        &stderr[stderr.len().saturating_sub(600)..]
    );
    assert!(
        stderr.lines().count() < 300,
        "{} lines",
        stderr.lines().count()
    );
}

#[test]
fn ids_that_would_break_an_iri_are_refused() {
    for id in [
        "chris young",
        "a<b>",
        "x\\\"y",
        "{z}",
        "p|q",
        "r\\\\s",
        "t^u",
    ] {
        let stderr = refused(
            ENTITIES,
            |b| {
                replace(
                    b,
                    "\"id\": \"chris-young\"",
                    format!("\"id\": \"{id}\"").as_bytes(),
                )
            },
            &["entities.json: $.entities[2].id:", "is not a valid id"],
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_source_text_outside_the_data_directory_is_refused() {
    refused(
        ARTICLE,
        |b| {
            replace(
                b,
                "\"source\": \"corpus/sample.txt\"",
                b"\"source\": \"../../etc/hostname\"",
            )
        },
        &["$.document.source: source path \"../../etc/hostname\" leaves the data directory"],
    );
    let outside = tempfile::NamedTempFile::new().unwrap();
    let scratch = Scratch::of("basic/data");
    let text = scratch.data().join("corpus/sample.txt");
    fs::copy(&text, outside.path()).unwrap();
    fs::remove_file(&text).unwrap();
    std::os::unix::fs::symlink(outside.path(), &text).unwrap();
    let stderr = crate::util::check_fails(&scratch.data());
    assert!(
        stderr.contains("source path \"corpus/sample.txt\" is a link to")
            && stderr.contains("outside the data directory"),
        "{stderr}"
    );
}

#[test]
fn a_source_text_that_is_missing_or_not_utf8_is_reported() {
    let scratch = Scratch::of("basic/data");
    fs::write(scratch.data().join("corpus/sample.txt"), b"\xff\xfe").unwrap();
    let stderr = crate::util::check_fails(&scratch.data());
    assert!(
        stderr.contains("sample.txt is not UTF-8: byte 0xFF at offset 0"),
        "{stderr}"
    );
    fs::remove_file(scratch.data().join("corpus/sample.txt")).unwrap();
    let stderr = crate::util::check_fails(&scratch.data());
    assert!(stderr.contains("cannot read the source text"), "{stderr}");
}

/// Found by the fuzz target `map_export` (docs/reliability.md, "Fuzzing"): a note of NUL
/// characters validated, and the RDF/XML export of the graph was no XML, which no reader takes.
/// The same goes for every free text: a quote (its source text holding the character), the
/// reason of an inferred date, a resolved date's wording and rule. Tabs and line breaks stay.
#[test]
fn characters_that_xml_cannot_hold_are_refused_in_free_texts() {
    let ontology = Ontology::bundled().unwrap();
    let compile = |scratch: &Scratch, base: &str| {
        newskg::compile(&scratch.data(), &ontology, &Iris::new(base).unwrap())
    };
    // The input the fuzzer found, as its target builds it.
    let scratch = Scratch::of("basic/data");
    scratch.edit(ARTICLE, |a| {
        a["relations"][2]["note"] = "".into();
        a["relations"][0]["note"] = "\0\0\0\0\0\0\0".into();
    });
    let Err(Error::Invalid(problems)) = compile(&scratch, "urn:x:") else {
        panic!("a note of NUL characters validated");
    };
    assert!(
        problems.0.iter().any(|d| d.path == "$.relations[0].note"
            && d.message
                .contains("holds the character U+0000 at character 0")),
        "{problems}"
    );
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 4] = [
        ("$.relations[1].evidence[0].quote", |a| {
            a["relations"][1]["evidence"] = serde_json::json!([{"quote": "قال\u{1}"}]);
        }),
        ("$.document.published.reason", |a| {
            a["document"]["published"] =
                serde_json::json!({"date": "2024-03-20", "inferred": true, "reason": "a\u{b}b"});
        }),
        ("$.relations[0].resolved.expression", |a| {
            a["relations"][0]["resolved"] =
                serde_json::json!({"expression": "\u{1f}", "rule": "the day of the meeting"});
        }),
        ("$.relations[0].resolved.rule", |a| {
            a["relations"][0]["resolved"] =
                serde_json::json!({"expression": "3 مارس", "rule": "\u{ffff}"});
        }),
    ];
    for (path, edit) in edits {
        let scratch = Scratch::of("basic/data");
        scratch.edit(ARTICLE, edit);
        let text = scratch.data().join("corpus/sample.txt");
        let mut sample = fs::read_to_string(&text).unwrap();
        sample.push_str("\nقال\u{1}");
        fs::write(&text, sample).unwrap();
        let Err(Error::Invalid(problems)) = compile(&scratch, newskg::vocab::DEFAULT_BASE) else {
            panic!("{path}: validated");
        };
        assert!(
            problems
                .0
                .iter()
                .any(|d| d.path == path && d.message.contains("which XML cannot hold")),
            "{path}: {problems}"
        );
    }
    let scratch = Scratch::of("basic/data");
    scratch.edit(ARTICLE, |a| {
        a["relations"][0]["note"] = "two lines\nand a\ttab".into();
    });
    compile(&scratch, newskg::vocab::DEFAULT_BASE).unwrap();
}

#[test]
fn a_line_of_a_hundred_megabytes_is_refused_without_reading_it_whole() {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    let before = export_nquads(&scratch.store());
    let mut line = String::from("{\"kind\": \"relation\", \"note\": \"");
    line.push_str(&"ن".repeat(50 << 20));
    line.push_str("\"}\n");
    scratch.write("more.jsonl", &line);
    let out = scratch.build().failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("more.jsonl:1"), "{stderr}");
    assert!(
        stderr.contains("more than the 16 MiB a record may take"),
        "{stderr}"
    );
    assert_eq!(export_nquads(&scratch.store()), before);
}

#[test]
fn offsets_inside_a_letter_with_its_marks_are_refused_with_the_whole_letter() {
    // "مستشارًا": the quote would end between ر and its tanween.
    refused(
        ARTICLE,
        |b| {
            let b = replace(
                b,
                "\"ويدرس ترامب تعيين ماسك مستشارًا في إدارته\"",
                "\"ويدرس ترامب تعيين ماسك مستشار\"".as_bytes(),
            );
            replace(b, "\"end\": 280", b"\"end\": 268")
        },
        &[
            "sample.json",
            ".relations[4].evidence[0]",
            "falls inside \"رً\" (characters 267..269)",
            "at 267 or 269",
        ],
    );
}

#[test]
fn offsets_reversed_or_past_the_end_of_the_text_are_refused() {
    for (end, offsets) in [("200", "239..200"), ("99999", "239..99999")] {
        refused(
            ARTICLE,
            |b| replace(b, "\"end\": 280", format!("\"end\": {end}").as_bytes()),
            &[
                "sample.json",
                ".relations[4].evidence[0]",
                &format!("the offsets {offsets} do not fit the source text of"),
            ],
        );
    }
}
