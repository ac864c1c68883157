//! Validation: each kind of bad input is reported with its file, JSON path, what is wrong and
//! how to fix it; all problems come in one run; the binary exits non-zero.

use serde_json::{json, Value};

use crate::util::{check_fails, compile, fixture, nquads, Scratch};

const ARTICLE: &str = "articles/sample.json";

fn relation(v: &mut Value, i: usize) -> &mut serde_json::Map<String, Value> {
    v["relations"][i].as_object_mut().unwrap()
}

/// Breaks the fixture with `f`, runs `newskg check`, and asserts every `needles` is reported.
fn assert_reported(rel: &str, f: impl FnOnce(&mut Value), needles: &[&str]) -> String {
    let scratch = Scratch::of("basic/data");
    scratch.edit(rel, f);
    let stderr = check_fails(&scratch.data());
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
    stderr
}

#[test]
fn the_fixture_itself_is_valid() {
    crate::util::newskg()
        .args(["check", "--data"])
        .arg(fixture("basic/data"))
        .assert()
        .success();
}

#[test]
fn unknown_fields_are_reported_with_their_path() {
    assert_reported(
        ARTICLE,
        |v| {
            relation(v, 1).insert("colour".into(), json!("red"));
            v["document"]["publshed"] = json!("2024");
        },
        &[
            "articles/sample.json: $.relations[1].colour: unknown field \"colour\"",
            "$.document.publshed: unknown field \"publshed\"",
        ],
    );
}

#[test]
fn an_unknown_relation_type_is_reported_with_a_suggestion() {
    assert_reported(
        ARTICLE,
        |v| {
            relation(v, 1).insert("type".into(), json!("donated_to"));
        },
        &[
            "$.relations[1].type: unknown relation type \"donated_to\" (did you mean \"donated-to\"?)",
            "use one that ontology/newskg.ttl declares",
        ],
    );
}

#[test]
fn a_subject_or_object_that_is_no_entity_is_reported() {
    assert_reported(
        ARTICLE,
        |v| {
            relation(v, 0).insert("subject".into(), json!("elon-musc"));
            relation(v, 2).insert("object".into(), json!("nobody"));
        },
        &[
            "$.relations[0].subject: unknown entity \"elon-musc\" (did you mean \"elon-musk\"?)",
            "$.relations[2].object: unknown entity \"nobody\"",
            "add the entity there",
        ],
    );
}

#[test]
fn a_qualifier_that_the_type_does_not_allow_is_reported() {
    assert_reported(
        ARTICLE,
        |v| {
            relation(v, 0).insert("amount".into(), json!("5"));
            relation(v, 0).insert("currency".into(), json!("USD"));
        },
        &[
            "$.relations[0].amount: a \"met-at\" relation cannot have `amount`",
            "$.relations[0].currency: a \"met-at\" relation cannot have `currency`",
        ],
    );
}

#[test]
fn malformed_dates_amounts_currencies_wikidata_ids_and_iris_are_reported() {
    let scratch = Scratch::of("basic/data");
    scratch.edit(ARTICLE, |v| {
        relation(v, 0).insert("date".into(), json!("2024-02-30"));
        relation(v, 3).insert("date".into(), json!("June 2025"));
        relation(v, 1).insert("amount".into(), json!("10,000,000"));
        relation(v, 1).insert("currency".into(), json!("usd"));
        v["document"]["url"] = json!("not an iri");
        v["document"]["language"] = json!("arabic language");
    });
    scratch.edit("entities.json", |v| {
        v["entities"][0]["wikidata"] = json!("https://www.wikidata.org/wiki/Q317521");
    });
    let stderr = check_fails(&scratch.data());
    for needle in [
        "$.relations[0].date: \"2024-02-30\" is not a valid date",
        "$.relations[3].date: \"June 2025\" is not a valid date",
        "$.relations[1].amount: \"10,000,000\" is not a decimal amount",
        "$.relations[1].currency: \"usd\" is not an ISO 4217 currency code",
        "$.document.url: \"not an iri\" is not an absolute IRI",
        "$.document.language: \"arabic language\" is not a BCP 47 language tag",
        "entities.json: $.entities[0].wikidata: \"https://www.wikidata.org/wiki/Q317521\" is not a Wikidata item id",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
    // All of them in one run.
    assert!(stderr.contains("the data has 7 problems"), "{stderr}");
}

#[test]
fn duplicate_ids_are_reported_with_the_first_use() {
    let scratch = Scratch::of("basic/data");
    scratch.edit(ARTICLE, |v| {
        relation(v, 2).insert("id".into(), json!("r1"));
    });
    scratch.edit("entities.json", |v| {
        let first = v["entities"][0].clone();
        v["entities"].as_array_mut().unwrap().push(first);
    });
    let stderr = check_fails(&scratch.data());
    assert!(
        stderr.contains("$.relations[2].id: duplicate relation id \"r1\" in document \"sample\""),
        "{stderr}"
    );
    assert!(stderr.contains("already used at"), "{stderr}");
    assert!(
        stderr.contains("$.entities[6].id: duplicate entity id \"elon-musk\""),
        "{stderr}"
    );
}

#[test]
fn a_quote_not_at_its_offsets_is_reported_with_the_right_offsets() {
    let stderr = assert_reported(
        ARTICLE,
        |v| {
            let e = &mut v["relations"][1]["evidence"][0];
            let start = e["start"].as_u64().unwrap();
            e["start"] = json!(start + 2);
            e["end"] = json!(e["end"].as_u64().unwrap() + 2);
        },
        &["$.relations[1].evidence[0]: the quote is not at characters"],
    );
    let scratch_text = std::fs::read_to_string(fixture("basic/data/corpus/sample.txt")).unwrap();
    let quote = "وتبرع ماسك بمبلغ 10 ملايين دولار للجنة \"أميركا باك\"";
    let byte = scratch_text.find(quote).unwrap();
    let start = scratch_text[..byte].chars().count();
    assert!(
        stderr.contains(&format!(
            "set \"start\": {start}, \"end\": {}",
            start + quote.chars().count()
        )),
        "{stderr}"
    );
}

#[test]
fn a_quote_that_is_nowhere_in_the_text_is_reported() {
    assert_reported(
        ARTICLE,
        |v| {
            v["relations"][2]["evidence"][0]["quote"] = json!("قال ماسك شيئًا آخر");
        },
        &[
            "$.relations[2].evidence[0]: the quote is not at characters",
            "the quote is nowhere in the text",
        ],
    );
}

#[test]
fn a_json_syntax_error_gives_line_and_column() {
    let scratch = Scratch::of("basic/data");
    scratch.write(
        ARTICLE,
        "{\n  \"document\": {\n    \"id\": \"sample\",,\n  }\n}\n",
    );
    let stderr = check_fails(&scratch.data());
    assert!(stderr.contains("articles/sample.json:3:"), "{stderr}");
    assert!(stderr.contains("invalid JSON"), "{stderr}");
}

#[test]
fn a_wrong_type_is_reported_at_its_path() {
    assert_reported(
        ARTICLE,
        |v| {
            relation(v, 3).insert("asserted_by".into(), json!("sample-news"));
        },
        &["$.relations[3].asserted_by: invalid type: string \"sample-news\", expected a sequence"],
    );
}

#[test]
fn problems_in_several_files_come_in_one_run() {
    let scratch = Scratch::of("basic/data");
    scratch.edit(ARTICLE, |v| {
        relation(v, 0).insert("status".into(), json!("rumoured"));
    });
    scratch.edit("entities.json", |v| {
        v["entities"][1]["type"] = json!("human");
        v["entities"][2]["labels"] = json!({"ar": "كريس يونغ"});
    });
    let stderr = check_fails(&scratch.data());
    for needle in [
        "$.relations[0].status: unknown status \"rumoured\"",
        "entities.json: $.entities[1].type: unknown entity type \"human\"",
        "entities.json: $.entities[2].labels.en: missing or empty en label",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
}

/// The fixture as JSON Lines: one record per line, relations naming their document.
fn as_json_lines() -> String {
    let read = |rel: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(fixture("basic/data").join(rel)).unwrap())
            .unwrap()
    };
    let mut lines = Vec::new();
    for mut e in read("entities.json")["entities"]
        .as_array()
        .unwrap()
        .clone()
    {
        e["record"] = json!("entity");
        lines.push(e.to_string());
    }
    let article = read(ARTICLE);
    let mut d = article["document"].clone();
    d["record"] = json!("document");
    lines.push(d.to_string());
    for mut r in article["relations"].as_array().unwrap().clone() {
        r["record"] = json!("relation");
        r["document"] = json!("sample");
        lines.push(r.to_string());
    }
    lines.join("\n") + "\n"
}

#[test]
fn json_lines_give_the_same_graph_as_json_files() {
    let scratch = Scratch::of("basic/data");
    std::fs::remove_file(scratch.data().join("entities.json")).unwrap();
    std::fs::remove_file(scratch.data().join(ARTICLE)).unwrap();
    scratch.write("records.jsonl", &as_json_lines());
    let from_lines = compile(&scratch.data()).unwrap();
    let from_json = compile(&fixture("basic/data")).unwrap();
    assert_eq!(nquads(&from_lines), nquads(&from_json));
}

#[test]
fn json_lines_problems_give_the_line() {
    let scratch = Scratch::of("basic/data");
    std::fs::remove_file(scratch.data().join("entities.json")).unwrap();
    std::fs::remove_file(scratch.data().join(ARTICLE)).unwrap();
    let text = as_json_lines().replace(
        "\"record\":\"entity\"",
        "\"record\":\"entity\",\"nickname\":\"x\"",
    );
    let text = text.replace("\"id\":\"r2\"", "\"id\":\"r2\",\"type2\":1");
    scratch.write("records.jsonl", &text);
    let stderr = check_fails(&scratch.data());
    // The first entity is on line 1; r2 is the 8th record.
    assert!(
        stderr.contains("records.jsonl:1: $.nickname: unknown field \"nickname\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("records.jsonl:9: $.type2: unknown field \"type2\""),
        "{stderr}"
    );
}

#[test]
fn links_between_statements_must_name_another_statement_of_a_fitting_kind() {
    assert_reported(
        ARTICLE,
        |v| {
            relation(v, 0).insert("same_as".into(), json!(["sample/r9", "sample/r1", "r2"]));
            relation(v, 1).insert("same_as".into(), json!(["sample/r3"]));
            relation(v, 2).insert("object".into(), json!("america-pac"));
            relation(v, 2).insert("contradicts".into(), json!(["sample/r4"]));
        },
        &[
            "$.relations[0].same_as[0]: unknown statement \"sample/r9\"",
            "$.relations[0].same_as[1]: a statement cannot be linked to itself",
            "$.relations[0].same_as[2]: \"r2\" is not a statement id",
            "$.relations[1].same_as[0]: `same_as` cannot link \"sample/r3\": it is a \"advises\" relation and this one a \"donated-to\"",
            "$.relations[2].contradicts[0]: `contradicts` cannot link \"sample/r4\": it is about elon-musk and donald-trump, this one about chris-young and america-pac",
        ],
    );
}

#[test]
fn a_same_fact_link_takes_a_symmetric_relation_either_way_round() {
    let scratch = Scratch::of("basic/data");
    scratch.edit(ARTICLE, |v| {
        // r1 (met-at) Musk–Trump, and a second meeting stated the other way round.
        let mut twin = v["relations"][0].clone();
        twin["id"] = json!("r6");
        twin["subject"] = json!("donald-trump");
        twin["object"] = json!("elon-musk");
        twin["same_as"] = json!(["sample/r1"]);
        // r5 (considered advice) contradicts the feud r4: they share both parties.
        v["relations"][4]["contradicts"] = json!(["sample/r4"]);
        v["relations"].as_array_mut().unwrap().push(twin);
    });
    let quads = nquads(&compile(&scratch.data()).unwrap());
    let st = |r: &str| format!("<https://newskg.example/statement/sample/{r}>");
    let link = |a: &str, p: &str, b: &str| {
        format!("{} <https://newskg.example/ontology#{p}> {}", st(a), st(b))
    };
    // Written both ways, so that a query needs no inference to follow a link.
    for (a, p, b) in [
        ("r6", "sameFactAs", "r1"),
        ("r1", "sameFactAs", "r6"),
        ("r5", "contradicts", "r4"),
        ("r4", "contradicts", "r5"),
    ] {
        assert!(quads.contains(&link(a, p, b)), "{a} {p} {b} missing");
    }
}

/// The article file with every `"start"` and `"end"` of its evidence removed.
fn without_offsets(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let is_offset = |l: &str| {
            let t = l.trim_start();
            t.starts_with("\"start\": ") || t.starts_with("\"end\": ")
        };
        if line.trim_start().starts_with("\"quote\": ")
            && lines.peek().is_some_and(|l| is_offset(l))
        {
            out.push_str(&line.replacen("\",\n", "\"\n", 1));
            while lines.peek().is_some_and(|l| is_offset(l)) {
                lines.next();
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

#[test]
fn quotes_without_offsets_give_the_same_graph_and_check_fix_writes_them_back_byte_for_byte() {
    let scratch = Scratch::of("basic/data");
    let path = scratch.data().join(ARTICLE);
    let original = std::fs::read_to_string(&path).unwrap();
    let stripped = without_offsets(&original);
    assert!(!stripped.contains("\"start\"") && stripped != original);
    let with_offsets = nquads(&compile(&scratch.data()).unwrap());
    std::fs::write(&path, &stripped).unwrap();
    assert_eq!(nquads(&compile(&scratch.data()).unwrap()), with_offsets);
    crate::util::newskg()
        .args(["check", "--fix", "--data"])
        .arg(scratch.data())
        .assert()
        .success()
        .stderr(predicates::str::contains("wrote the offsets of"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn a_quote_without_offsets_that_stands_twice_needs_its_occurrence() {
    let scratch = Scratch::of("basic/data");
    let text_path = scratch.data().join("corpus/sample.txt");
    let mut text = std::fs::read_to_string(&text_path).unwrap();
    text.push_str("\nماسك وترامب.\nماسك وترامب.\n");
    std::fs::write(&text_path, &text).unwrap();
    scratch.edit(ARTICLE, |v| {
        v["relations"][0]["evidence"] = json!([{"quote": "ماسك وترامب."}]);
    });
    let stderr = check_fails(&scratch.data());
    assert!(
        stderr.contains(
            "$.relations[0].evidence[0]: the quote occurs 2 times in the source text: at "
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("give \"occurrence\": N (1 for the first)"),
        "{stderr}"
    );
    scratch.edit(ARTICLE, |v| {
        v["relations"][0]["evidence"] = json!([{"quote": "ماسك وترامب.", "occurrence": 2}]);
    });
    crate::util::newskg()
        .args(["check", "--fix", "--data"])
        .arg(scratch.data())
        .assert()
        .success();
    let fixed: Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.data().join(ARTICLE)).unwrap())
            .unwrap();
    let e = &fixed["relations"][0]["evidence"][0];
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (
        e["start"].as_u64().unwrap() as usize,
        e["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[start..end].iter().collect::<String>(), "ماسك وترامب.");
    assert!(
        chars[..start]
            .iter()
            .collect::<String>()
            .contains("ماسك وترامب."),
        "the second one"
    );
}

#[test]
fn a_quote_copied_with_other_hamzas_and_quotation_marks_is_shown_where_it_stands() {
    let scratch = Scratch::of("basic/data");
    let text = std::fs::read_to_string(scratch.data().join("corpus/sample.txt")).unwrap();
    let quote = "وتبرع ماسك بمبلغ 10 ملايين دولار للجنة \"أميركا باك\"";
    assert!(text.contains(quote));
    let copied = "وتبرع ماسك  بمبلغ 10 ملايين دولار للجنة «اميركا باك»";
    scratch.edit(ARTICLE, |v| {
        v["relations"][1]["evidence"] = json!([{"quote": copied}]);
    });
    let stderr = check_fails(&scratch.data());
    for needle in [
        "$.relations[1].evidence[0]: the quote is not in the source text verbatim",
        &format!("as {quote:?}, which differs in"),
        "hamza or alef forms",
        "typographic quotes",
        "spaces",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
}
