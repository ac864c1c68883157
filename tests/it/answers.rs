//! What the rows of the rewritten canned queries must be, checked against the extraction files
//! themselves (read here with serde_json) and the ontology's Turtle, never against the queries'
//! own output: profile, timeline, donation-totals, disputed, corroboration, connections, the
//! several ids of evidence, the hints of an empty or ambiguous answer, and Arabic answers.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::util::{newskg, repo_path};

/// Every relation of the bundled data, by `article/relation` id.
fn relations() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(repo_path("data/articles")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let file: Value = serde_json::from_str(&text).unwrap();
        let doc = file["document"]["id"].as_str().unwrap().to_owned();
        for r in file["relations"].as_array().unwrap() {
            out.insert(format!("{doc}/{}", r["id"].as_str().unwrap()), r.clone());
        }
    }
    out
}

/// The entity ids a relation names in any part: subject, object, and every entity qualifier.
fn parties(r: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for field in [
        "subject",
        "object",
        "beneficiary",
        "intermediary",
        "host",
        "place",
    ] {
        out.extend(r[field].as_str().map(str::to_owned));
    }
    for field in ["participants", "asserted_by"] {
        for id in r[field].as_array().into_iter().flatten() {
            out.extend(id.as_str().map(str::to_owned));
        }
    }
    out
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// The CSV answer of `newskg query NAME ARGS…` on the bundled data: header, rows, stderr.
fn answer(name: &str, args: &[&str]) -> (Vec<String>, Vec<BTreeMap<String, String>>, String) {
    let out = newskg()
        .args(["query", name, "--memory", "--format", "csv", "--data"])
        .arg(repo_path("data"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{name}: {stderr}");
    let (header, cells) = crate::util::csv_table(&out.stdout);
    let rows = cells
        .into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect();
    (header, rows, stderr)
}

#[test]
fn every_profile_row_concerns_the_entity_and_every_relation_of_it_is_there() {
    let relations = relations();
    let (_, rows, _) = answer("profile", &["-p", "entity=elon-musk"]);
    let mut listed = BTreeSet::new();
    for row in &rows {
        let id = &row["statement"];
        match row["aspect"].as_str() {
            "out" => assert_eq!(relations[id]["subject"], "elon-musk", "{id}"),
            "in" => assert_eq!(relations[id]["object"], "elon-musk", "{id}"),
            _ => assert!(
                id.is_empty(),
                "a {} row names statement {id}",
                row["aspect"]
            ),
        }
        if !id.is_empty() {
            listed.insert(id.clone());
        }
    }
    let expected: BTreeSet<String> = relations
        .iter()
        .filter(|(_, r)| r["subject"] == "elon-musk" || r["object"] == "elon-musk")
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(listed, expected);
}

/// `2024` after every month and day of 2024, `2024-03` after its days.
fn sort_key(when: &str) -> String {
    match when.len() {
        0 => "~".to_owned(),
        4 => format!("{when}-13"),
        7 => format!("{when}-32"),
        _ => when.to_owned(),
    }
}

#[test]
fn the_timeline_is_in_date_order_with_a_year_after_its_months_and_the_march_2024_events_first() {
    let (_, rows, _) = answer("timeline", &[]);
    let keys: Vec<String> = rows.iter().map(|r| sort_key(&r["when"])).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    let at = |id: &str| {
        rows.iter()
            .position(|r| r["statement"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // The meeting of 3 March 2024 before the spending of the 2024 cycle (a year only).
    assert!(at("a002/r01") < at("a000/r07"));
    // The pledges of March 2024 before anything from June 2025 on.
    let june_2025 = rows
        .iter()
        .position(|r| sort_key(&r["when"]).as_str() >= "2025-06")
        .unwrap();
    for pledge in ["a002/r17", "a002/r20", "a001/r08"] {
        assert!(at(pledge) < june_2025, "{pledge}");
    }
}

/// Bounds from strongest to weakest, as the donation-totals header defines the bound of a sum.
fn bound_of_sum(bounds: &BTreeSet<&str>) -> &'static str {
    match (bounds.contains("at-least"), bounds.contains("at-most")) {
        (true, true) => "unbounded",
        (true, false) => "at-least",
        (false, true) => "at-most",
        _ if bounds.contains("approximate") => "approximate",
        _ => "exact",
    }
}

fn period(r: &Value) -> String {
    if let Some(d) = r["date"].as_str() {
        return d.to_owned();
    }
    match (r["start"].as_str(), r["end"].as_str()) {
        (None, None) => "undated".to_owned(),
        (s, e) => format!("{}–{}", s.unwrap_or(""), e.unwrap_or("")),
    }
}

#[test]
fn a_donation_total_adds_one_period_and_keeps_the_weakest_bound_of_its_parts() {
    let relations = relations();
    let held = ["stated", "reported", "ended"];
    let mut expected: BTreeMap<(String, String), (f64, BTreeSet<&str>)> = BTreeMap::new();
    for (id, r) in &relations {
        let doc = id.split('/').next().unwrap();
        let in_total = r["part_of"]
            .as_str()
            .is_some_and(|t| relations[&format!("{doc}/{t}")]["amount"].is_string());
        let counted = r["type"] == "donated-to"
            && r["subject"] == "elon-musk"
            && r["amount"].is_string()
            && held.contains(&r["status"].as_str().unwrap())
            && !in_total;
        if counted {
            let entry = expected.entry((r["currency"].as_str().unwrap().to_owned(), period(r)));
            let (sum, bounds) = entry.or_default();
            *sum += r["amount"].as_str().unwrap().parse::<f64>().unwrap();
            bounds.insert(r["amount_bound"].as_str().unwrap_or("exact"));
        }
    }
    let (_, rows, _) = answer("donation-totals", &["-p", "donor=elon-musk"]);
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for row in rows {
        let (sum, bounds) = &expected[&(row["currency"].clone(), row["period"].clone())];
        assert_eq!(row["total"].parse::<f64>().unwrap(), *sum, "{row:?}");
        assert_eq!(row["bound"], bound_of_sum(bounds), "{row:?}");
    }
}

fn linked(relations: &BTreeMap<String, Value>, field: &str, a: &str, b: &str) -> bool {
    let links = |x: &str, y: &str| strs(&relations[x][field]).iter().any(|l| l == y);
    links(a, b) || links(b, a)
}

fn quotes(r: &Value) -> Vec<String> {
    let mut q: Vec<String> = r["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["quote"].as_str().unwrap().to_owned())
        .collect();
    q.sort();
    q
}

#[test]
fn disputed_pairs_are_linked_in_the_data_and_the_pledge_meets_the_spending_with_both_quotes() {
    let relations = relations();
    let (_, rows, _) = answer("disputed", &[]);
    assert!(!rows.is_empty());
    for row in &rows {
        let (a, b) = (&row["statement_1"], &row["statement_2"]);
        let field = match row["kind"].as_str() {
            "contradicts" => "contradicts",
            "differs" => "same_as",
            other => panic!("kind {other}"),
        };
        assert!(
            linked(&relations, field, a, b),
            "{a} and {b} are not linked by {field}"
        );
        assert_eq!(row["quote_1"], quotes(&relations[a]).join("; "));
        assert_eq!(row["quote_2"], quotes(&relations[b]).join("; "));
    }
    // Every contradiction of the data is listed.
    for (id, r) in &relations {
        for other in strs(&r["contradicts"]) {
            let pair = if *id < other {
                (id.clone(), other)
            } else {
                (other, id.clone())
            };
            assert!(
                rows.iter().any(|row| row["kind"] == "contradicts"
                    && (row["statement_1"].clone(), row["statement_2"].clone()) == pair),
                "{pair:?} is not listed"
            );
        }
    }
    // What Musk said in March 2024 about giving money, against what he spent.
    assert!(rows
        .iter()
        .any(|r| r["statement_1"] == "a000/r07" && r["statement_2"] == "a002/r17"));
}

#[test]
fn corroboration_groups_the_statements_linked_as_one_fact() {
    let relations = relations();
    // The groups: statements joined by same_as links, either way.
    let mut group: BTreeMap<String, String> = relations
        .keys()
        .map(|id| (id.clone(), id.clone()))
        .collect();
    fn root(group: &BTreeMap<String, String>, id: &str) -> String {
        let up = &group[id];
        if up == id {
            up.clone()
        } else {
            root(group, up)
        }
    }
    for (id, r) in &relations {
        for other in strs(&r["same_as"]) {
            let (x, y) = (root(&group, id), root(&group, &other));
            let (low, high) = if x < y { (x, y) } else { (y, x) };
            group.insert(high, low);
        }
    }
    let (_, rows, _) = answer("corroboration", &[]);
    let linked: BTreeSet<&String> = relations
        .iter()
        .filter(|(id, r)| {
            !strs(&r["same_as"]).is_empty()
                || relations.values().any(|o| strs(&o["same_as"]).contains(id))
        })
        .map(|(id, _)| id)
        .collect();
    let listed: BTreeSet<&String> = rows.iter().map(|r| &r["statement"]).collect();
    assert_eq!(listed, linked);
    for row in &rows {
        let id = &row["statement"];
        // The least id of the group names the fact: roots are the least, by construction.
        assert_eq!(row["fact"], root(&group, id), "{id}");
        assert_eq!(
            row["status"],
            relations[id]["status"].as_str().unwrap(),
            "{id}"
        );
    }
}

#[test]
fn a_connection_names_statements_that_link_both_ends_or_go_through_an_organization() {
    let relations = relations();
    let (_, rows, _) = answer("connections", &[]);
    assert!(!rows.is_empty());
    for row in &rows {
        for (party, column) in [("elon-musk", "with_a"), ("donald-trump", "with_b")] {
            for link in row[column].split("; ").filter(|l| !l.is_empty()) {
                // `relation (id)`, or `relation (id) → organization → relation (id)`.
                let ids: Vec<&str> = link.split(['(', ')']).skip(1).step_by(2).collect();
                let last = relations[*ids.last().unwrap()].clone();
                assert!(
                    parties(&last).contains(party),
                    "{link}: {party} not in {}",
                    ids.last().unwrap()
                );
                if let [first, _] = ids.as_slice() {
                    let org = link.split(" → ").nth(1).unwrap();
                    assert!(parties(&relations[*first]).contains(org), "{link}");
                    assert!(parties(&last).contains(org), "{link}");
                }
            }
        }
    }
}

#[test]
fn evidence_takes_several_ids_and_gives_the_quotes_of_exactly_those() {
    let relations = relations();
    let (_, rows, _) = answer("evidence", &["-p", "id=a000/r07", "-p", "id=a002/r17"]);
    let listed: BTreeSet<&str> = rows.iter().map(|r| r["statement"].as_str()).collect();
    assert_eq!(listed, BTreeSet::from(["a000/r07", "a002/r17"]));
    for id in ["a000/r07", "a002/r17"] {
        let mut got: Vec<String> = rows
            .iter()
            .filter(|r| r["statement"] == id)
            .map(|r| r["quote"].clone())
            .collect();
        got.sort();
        assert_eq!(got, quotes(&relations[id]), "{id}");
    }
}

#[test]
fn an_empty_answer_says_which_part_the_entity_plays_and_which_parameter_asks_for_it() {
    let relations = relations();
    let helped = relations
        .values()
        .filter(|r| r["type"] == "donated-to" && r["beneficiary"] == "nate-morris")
        .count();
    assert!(helped > 0 && !relations.values().any(|r| r["object"] == "nate-morris"));
    let (_, rows, stderr) = answer("donations", &["-p", "recipient=Nate Morris"]);
    assert!(rows.is_empty());
    let plural = if helped == 1 { "" } else { "s" };
    assert!(
        stderr.contains(&format!(
            "Nate Morris is the beneficiary of {helped} donated-to statement{plural}"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("use -p beneficiary=nate-morris"),
        "{stderr}"
    );
    let (_, rows, _) = answer("donations", &["-p", "beneficiary=Nate Morris"]);
    assert_eq!(rows.len(), helped);
}

#[test]
fn an_ambiguous_name_lists_its_candidates_most_connected_first() {
    let relations = relations();
    let count = |id: &str| {
        relations
            .values()
            .filter(|r| parties(r).contains(id))
            .count()
    };
    let out = newskg()
        .args([
            "query",
            "profile",
            "-p",
            "entity=trump",
            "--memory",
            "--data",
        ])
        .arg(repo_path("data"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let mut candidates = [
        ("donald-trump", "person"),
        ("melania-trump", "person"),
        ("trump-2024-presidential-campaign", "campaign"),
    ];
    candidates.sort_by_key(|(id, _)| std::cmp::Reverse(count(id)));
    let listed: Vec<String> = candidates
        .iter()
        .map(|(id, kind)| {
            let n = count(id);
            format!(
                "{id} ({kind}, {n} statement{})",
                if n == 1 { "" } else { "s" }
            )
        })
        .collect();
    assert!(
        stderr.contains(&listed.join(", ")),
        "{stderr}\nwanted: {listed:?}"
    );
}

/// The Arabic label of the ontology term with `nkg:key` `key`, read from the Turtle itself.
fn arabic_label(key: &str, class: &str) -> String {
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    let store = oxigraph::store::Store::new().unwrap();
    let ttl = std::fs::read_to_string(repo_path("ontology/newskg.ttl")).unwrap();
    store.load_from_slice(RdfFormat::Turtle, &ttl).unwrap();
    let q = format!(
        "PREFIX nkg: <https://newskg.example/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?l WHERE {{ ?t a nkg:{class} ; nkg:key \"{key}\" ; rdfs:label ?l FILTER(LANG(?l) = \"ar\") }}"
    );
    let QueryResults::Solutions(mut rows) = SparqlEvaluator::new()
        .parse_query(&q)
        .unwrap()
        .on_store(&store)
        .execute()
        .unwrap()
    else {
        unreachable!()
    };
    match rows.next().unwrap().unwrap().get("l") {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn arabic_answers_have_arabic_headers_statuses_and_precisions() {
    let header_of = |name: &str| -> Vec<String> {
        let text = std::fs::read_to_string(repo_path(&format!("queries/{name}.rq"))).unwrap();
        text.lines()
            .filter_map(|l| l.strip_prefix("# column "))
            .map(|l| {
                l.split_once('(')
                    .unwrap()
                    .1
                    .split_once(')')
                    .unwrap()
                    .0
                    .to_owned()
            })
            .collect()
    };
    let (header, rows, _) = answer("timeline", &["--lang", "ar"]);
    assert_eq!(header, header_of("timeline"));
    let (_, english, _) = answer("timeline", &[]);
    let (status, precision) = (header[6].clone(), header[2].clone());
    for (ar, en) in rows.iter().zip(&english) {
        assert_eq!(ar[&status], arabic_label(&en["status"], "Status"), "{en:?}");
        if !en["precision"].is_empty() {
            assert_eq!(
                ar[&precision],
                arabic_label(&en["precision"], "DatePrecision")
            );
        }
    }
}

#[test]
fn a_folded_timeline_has_one_row_per_fact_listing_every_statement_that_reports_it() {
    let relations = relations();
    let (_, unfolded, _) = answer("timeline", &[]);
    let (_, folded, _) = answer("timeline", &["-p", "fold=yes"]);
    let shown: Vec<BTreeSet<String>> = folded
        .iter()
        .map(|r| r["statement"].split("; ").map(str::to_owned).collect())
        .collect();
    // Every statement of the unfolded timeline is in exactly one folded row...
    for row in &unfolded {
        let id = &row["statement"];
        assert_eq!(shown.iter().filter(|s| s.contains(id)).count(), 1, "{id}");
    }
    // ...together with the statements it is linked to as the same fact, and only those.
    for group in &shown {
        for id in group {
            for other in strs(&relations[id]["same_as"]) {
                if unfolded.iter().any(|r| r["statement"] == other) {
                    assert!(group.contains(&other), "{id} and {other} are apart");
                }
            }
        }
        if group.len() > 1 {
            let first = group.iter().next().unwrap();
            let linked = |id: &String| {
                group
                    .iter()
                    .any(|o| o != id && (linked(&relations, "same_as", id, o)))
            };
            assert!(
                group.iter().all(linked),
                "{group:?} holds an unlinked statement ({first})"
            );
        }
    }
}
