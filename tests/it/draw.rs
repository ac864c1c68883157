//! `newskg draw`: the pictures hold every statement they are about, with its label, date and
//! amount, in English and Arabic; PNGs decode at the SVG's size; the same store gives the same
//! bytes; a party that is not in the graph is an error that writes nothing.

use std::fs;

use newskg::draw::{network_statements, timeline_statements};
use newskg::pgraph::PropertyGraph;
use newskg::queries::Lang;
use newskg::wording::{amount_text, when_text};
use newskg::Ontology;
use predicates::prelude::*;
use tempfile::TempDir;

use crate::util::{bundled_store, newskg, repo_path};

const MUSK: &str = "elon-musk";
const TRUMP: &str = "donald-trump";

fn graph() -> PropertyGraph {
    let (_dir, store) = bundled_store();
    PropertyGraph::from_quads(&store.quads(None).unwrap(), &Ontology::bundled().unwrap())
}

/// Runs `newskg draw ARGS -o FILE...` on the bundled data and returns the files' bytes.
fn draw(args: &[&str], outputs: &[&str]) -> (TempDir, Vec<Vec<u8>>) {
    let dir = TempDir::new().unwrap();
    let mut cmd = newskg();
    cmd.arg("draw")
        .args(args)
        .arg("--memory")
        .arg("--data")
        .arg(repo_path("data"));
    for o in outputs {
        cmd.arg("-o").arg(dir.path().join(o));
    }
    cmd.assert().success();
    let bytes = outputs
        .iter()
        .map(|o| fs::read(dir.path().join(o)).unwrap())
        .collect();
    (dir, bytes)
}

/// Text as a reader sees it: without the invisible bidi controls the SVG wraps Arabic in.
fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
        .collect()
}

/// Each element carrying `attr`, as (its value, the visible text of its `<text>` elements).
fn texts_by(svg: &str, attr: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter_map(|n| {
            let value = n.attribute(attr)?;
            let text: Vec<String> = n
                .descendants()
                .filter(|d| d.has_tag_name("text"))
                .map(|t| {
                    t.descendants()
                        .filter(|d| {
                            d.is_text() && d.parent().is_some_and(|p| !p.has_tag_name("title"))
                        })
                        .filter_map(|d| d.text())
                        .collect::<String>()
                })
                .collect();
            Some((value.to_owned(), visible(&text.join(" "))))
        })
        .collect()
}

/// All visible text of the picture, lines joined by spaces.
fn all_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let lines: Vec<String> = doc
        .descendants()
        .filter(|d| d.has_tag_name("text"))
        .map(|t| {
            t.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
        .collect();
    visible(&lines.join(" "))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

fn svg_size(svg: &str) -> (u32, u32) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let get = |a: &str| root.attribute(a).unwrap().parse::<f64>().unwrap().ceil() as u32;
    (get("width"), get("height"))
}

/// Every statement of `expected` is drawn in an element naming its id, whose text holds the
/// relation's label, its date and its amount in `lang`.
fn assert_statements_drawn(
    svg: &str,
    graph: &PropertyGraph,
    expected: &[&newskg::pgraph::Edge],
    attr: &str,
    lang: Lang,
) {
    let drawn = texts_by(svg, attr);
    assert!(!expected.is_empty());
    for e in expected {
        let text: Vec<&str> = drawn
            .iter()
            .filter(|(ids, _)| ids.split(' ').any(|id| id == e.id))
            .map(|(_, t)| t.as_str())
            .collect();
        assert!(!text.is_empty(), "statement {} is not drawn", e.id);
        let text = text.join(" ");
        let mut wanted = vec![];
        if attr == "data-statements" {
            wanted.push(graph.label_of(&e.relation, lang.tag()).to_owned());
        }
        wanted.extend(when_text(e));
        // The dates as the property graph has them, not through the drawing code's own
        // reading, so that a date the picture fails to find is caught.
        for key in ["date", "start_date", "end_date"] {
            wanted.extend(e.text(key).map(str::to_owned));
        }
        wanted.extend(amount_text(e, graph, lang));
        for w in wanted {
            assert!(
                text.contains(&w),
                "the label of {} lacks {w:?}: {text:?}",
                e.id
            );
        }
    }
}

#[test]
fn the_network_of_two_parties_draws_each_of_their_statements_with_its_label_date_and_amount() {
    let graph = graph();
    let (_dir, files) = draw(&["network", "Elon Musk", TRUMP], &["n.svg", "n.png"]);
    let svg = String::from_utf8(files[0].clone()).unwrap();
    let expected = network_statements(&graph, &[MUSK, TRUMP]);
    assert!(expected.iter().any(|e| e.text("amount").is_some()));
    assert_statements_drawn(&svg, &graph, &expected, "data-statements", Lang::En);
    // Nothing else: the groups hold exactly the parties' statements.
    let drawn: std::collections::BTreeSet<String> = texts_by(&svg, "data-statements")
        .iter()
        .flat_map(|(ids, _)| ids.split(' ').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert_eq!(drawn.len(), expected.len());
    let text = all_text(&svg);
    assert!(text.contains("Elon Musk") && text.contains("Donald Trump"));
    assert_eq!(png_size(&files[1]), svg_size(&svg));
}

#[test]
fn the_arabic_network_has_arabic_labels_set_right_to_left() {
    let graph = graph();
    let (_dir, files) = draw(&["network", "ماسك", "--lang", "ar"], &["n.svg", "n.png"]);
    let svg = String::from_utf8(files[0].clone()).unwrap();
    let expected = network_statements(&graph, &[MUSK]);
    assert_statements_drawn(&svg, &graph, &expected, "data-statements", Lang::Ar);
    let text = all_text(&svg);
    assert!(text.contains("إيلون ماسك"), "{text}");
    for e in &expected {
        assert!(text.contains(graph.label_of(&e.relation, "ar")));
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let arabic: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter(|n| {
            n.text()
                .unwrap_or("")
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
                || n.descendants().any(|d| {
                    d.text()
                        .is_some_and(|t| t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
                })
        })
        .collect();
    assert!(!arabic.is_empty());
    for t in arabic {
        assert_eq!(t.attribute("direction"), Some("rtl"));
        assert_eq!(
            t.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("ar")
        );
        assert!(t
            .attribute("font-family")
            .unwrap()
            .contains("Noto Sans Arabic"));
    }
    assert_eq!(png_size(&files[1]), svg_size(&svg));
}

#[test]
fn the_timeline_draws_every_statement_between_the_parties_and_their_meetings() {
    let graph = graph();
    for (lang, tag) in [(Lang::En, "en"), (Lang::Ar, "ar")] {
        let (_dir, files) = draw(
            &["timeline", MUSK, "دونالد ترامب", "--lang", tag],
            &["t.svg", "t.png"],
        );
        let svg = String::from_utf8(files[0].clone()).unwrap();
        let expected = timeline_statements(&graph, MUSK, TRUMP);
        // Both directions, and a meeting is one of them.
        assert!(expected.iter().any(|e| e.source == TRUMP));
        assert!(expected.iter().any(|e| e.relation == "met-at"));
        assert_statements_drawn(&svg, &graph, &expected, "data-statement", lang);
        assert_eq!(texts_by(&svg, "data-statement").len(), expected.len());
        for e in &expected {
            assert!(all_text(&svg).contains(graph.label_of(&e.relation, tag)));
        }
        assert_eq!(png_size(&files[1]), svg_size(&svg));
    }
}

#[test]
fn a_meeting_counts_for_a_party_who_is_only_a_participant() {
    let graph = graph();
    let with_peltz = timeline_statements(&graph, MUSK, "nelson-peltz");
    assert!(with_peltz
        .iter()
        .any(|e| e.relation == "met-at" && e.source == MUSK && e.target == TRUMP));
}

#[test]
fn the_same_store_gives_byte_identical_pictures() {
    let (_a, first) = draw(
        &["network", MUSK, TRUMP, "--lang", "ar"],
        &["n.svg", "n.png"],
    );
    let (_b, second) = draw(
        &["network", MUSK, TRUMP, "--lang", "ar"],
        &["n.svg", "n.png"],
    );
    assert!(first[0] == second[0], "the SVGs differ");
    assert!(first[1] == second[1], "the PNGs differ");
    let (_c, first) = draw(&["timeline", MUSK, TRUMP], &["t.svg"]);
    let (_d, second) = draw(&["timeline", MUSK, TRUMP], &["t.svg"]);
    assert!(first[0] == second[0], "the timelines differ");
}

#[test]
fn an_unknown_party_is_an_error_that_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let svg = dir.path().join("n.svg");
    let png = dir.path().join("n.png");
    newskg()
        .args([
            "draw",
            "network",
            MUSK,
            "Nobody Atall",
            "--memory",
            "--data",
        ])
        .arg(repo_path("data"))
        .arg("-o")
        .arg(&svg)
        .arg("-o")
        .arg(&png)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no entity is called \"Nobody Atall\"",
        ));
    assert!(!svg.exists() && !png.exists());
}

#[test]
fn an_output_name_without_a_picture_format_is_an_error_that_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let svg = dir.path().join("n.svg");
    newskg()
        .args(["draw", "timeline", MUSK, TRUMP, "--memory", "--data"])
        .arg(repo_path("data"))
        .arg("-o")
        .arg(&svg)
        .arg("-o")
        .arg(dir.path().join("n.jpg"))
        .assert()
        .failure()
        .stderr(predicate::str::contains(".svg or .png"));
    assert!(!svg.exists());
}

#[test]
fn the_library_refuses_a_party_that_is_not_in_the_graph() {
    let graph = graph();
    let err = newskg::draw::network(&graph, &[MUSK, "no-such-entity"], Lang::En).unwrap_err();
    assert!(err.to_string().contains("no-such-entity"), "{err}");
    assert!(newskg::draw::timeline(&graph, MUSK, MUSK, Lang::En).is_err());
}
