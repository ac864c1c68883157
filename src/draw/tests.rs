//! The promise of the module doc, checked on the layouts: no two labels of a picture overlap,
//! on the bundled data and on a generated worst case of many long labels between two parties.

use std::path::Path;

use super::svg::{Label, Rect};
use super::{network, timeline};
use crate::pgraph::{Edge, Node, PropertyGraph, Props, Value};
use crate::vocab::{Iris, DEFAULT_BASE};
use crate::wording::Lang;
use crate::{GraphStore, Ontology};

const LANGS: [Lang; 2] = [Lang::En, Lang::Ar];

fn bundled() -> PropertyGraph {
    let ontology = Ontology::bundled().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let iris = Iris::new(DEFAULT_BASE).unwrap();
    let (_, quads) = crate::compile(&data, &ontology, &iris).unwrap();
    let store = GraphStore::memory().unwrap();
    store.replace_all(&quads).unwrap();
    PropertyGraph::from_quads(&store.quads(None).unwrap(), &ontology)
}

/// Every pair of labels whose rectangles share an area, described for the failure message.
fn overlaps(labels: &[&Label]) -> Vec<String> {
    let rects: Vec<(Rect, String)> = labels
        .iter()
        .filter(|l| l.lines.iter().any(|s| !s.trim().is_empty()))
        .map(|l| (l.rect(), l.lines.join(" / ")))
        .collect();
    let mut found = Vec::new();
    for (i, (a, ta)) in rects.iter().enumerate() {
        for (b, tb) in &rects[i + 1..] {
            if a.overlaps(b) {
                found.push(format!("{ta:?} {a:?}\n  overlaps {tb:?} {b:?}"));
            }
        }
    }
    found
}

fn assert_apart(labels: Vec<&Label>, what: &str) {
    assert!(labels.len() > 10, "{what}: only {} labels", labels.len());
    let found = overlaps(&labels);
    assert!(found.is_empty(), "{what}:\n{}", found.join("\n"));
}

fn check_network(graph: &PropertyGraph, parties: (&str, &str), what: &str) {
    for lang in LANGS {
        let layout = network::layout(graph, parties, lang);
        assert_apart(layout.labels(), &format!("{what} network {lang:?}"));
    }
}

fn check_timeline(graph: &PropertyGraph, a: &str, b: &str, what: &str) {
    for lang in LANGS {
        let layout = timeline::layout(graph, a, b, lang);
        assert!(!layout.lanes.is_empty(), "{what}: an empty timeline");
        assert_apart(layout.labels(), &format!("{what} timeline {lang:?}"));
    }
}

#[test]
fn the_overlap_check_sees_labels_that_meet_and_not_those_that_only_touch() {
    let a = Label::new(100.0, 50.0, vec!["donated to".into()], 12.0, 15.0);
    let mut b = a.clone();
    b.x += 10.0;
    assert_eq!(overlaps(&[&a, &b]).len(), 1);
    // Side by side: b starts where a ends.
    b.x = a.x + a.rect().w;
    assert!(overlaps(&[&a, &b]).is_empty());
    // One line lower by less than a line's height.
    let mut c = a.clone();
    c.y += 8.0;
    assert_eq!(overlaps(&[&a, &c]).len(), 1);
    c.y += 100.0;
    assert!(overlaps(&[&a, &c]).is_empty());
    // A start-anchored label spans from its x; a centred one, both ways.
    let start = Label::one(100.0, 50.0, "donated to", 12.0).start();
    assert_eq!(start.rect().x, 100.0);
    assert_eq!(a.rect().x, 100.0 - a.rect().w / 2.0);
    let two = Label::new(0.0, 50.0, vec!["a".into(), "b".into()], 12.0, 15.0);
    assert_eq!(two.rect().h, a.rect().h + 15.0);
}

#[test]
fn labels_of_the_bundled_networks_do_not_overlap() {
    let graph = bundled();
    check_network(&graph, ("elon-musk", "elon-musk"), "elon-musk");
    check_network(&graph, ("donald-trump", "donald-trump"), "donald-trump");
    check_network(
        &graph,
        ("elon-musk", "donald-trump"),
        "elon-musk and donald-trump",
    );
}

#[test]
fn labels_of_the_bundled_timeline_do_not_overlap() {
    let graph = bundled();
    check_timeline(
        &graph,
        "elon-musk",
        "donald-trump",
        "elon-musk and donald-trump",
    );
}

// ---------------------------------------------------------------------------------------------
// A worst case: many statements with long labels between two parties and their neighbours.

const A: &str = "party-a";
const B: &str = "party-b";

fn node(id: &str, kind: &str, en: &str, ar: &str) -> Node {
    let mut props = Props::new();
    props.insert("label_en", Value::Text(en.to_owned()));
    props.insert("label_ar", Value::Text(ar.to_owned()));
    Node {
        id: id.to_owned(),
        kind: kind.to_owned(),
        props,
    }
}

/// The `i`th date of a cycle through every way a statement sits in time.
fn put_date(props: &mut Props, i: usize) {
    // Five years, so that marks crowd each other.
    let y = 2019 + (i * 3) % 5;
    let m = 1 + (i * 5) % 12;
    let d = 1 + (i * 7) % 28;
    let mut put = |k: &'static str, v: String| {
        props.insert(k, Value::Text(v));
    };
    match i % 7 {
        0 => put("date", format!("{y}")),
        1 => put("date", format!("{y}-{m:02}")),
        2 => put("date", format!("{y}-{m:02}-{d:02}")),
        3 => {
            put("start_date", format!("{y}-{m:02}"));
            put("end_date", format!("{}", y + 1 + i % 3));
        }
        4 => put("start_date", format!("{y}-{m:02}-{d:02}")),
        5 => put("end_date", format!("{y}")),
        _ => {}
    }
}

/// What a statement of `relation` says besides its date, long in both languages.
fn put_details(props: &mut Props, relation: &str, i: usize) {
    let mut text = |k: &'static str, v: &str| {
        props.insert(k, Value::Text(v.to_owned()));
    };
    match relation {
        "donated-to" => {
            let amounts = [
                "1250000000",
                "30400000",
                "42000000",
                "9999",
                "75000",
                "2960000",
            ];
            // Donations are every eighth statement.
            let k = i / 8;
            text("amount", amounts[k % amounts.len()]);
            text("currency", if k % 3 == 2 { "EUR" } else { "USD" });
            text(
                "amount_bound",
                ["exact", "approximate", "at-least", "at-most"][k % 4],
            );
            text(
                "purpose_en",
                "to fund a nationwide voter registration drive in every swing state",
            );
            text(
                "purpose_ar",
                "لتمويل حملة وطنية لتسجيل الناخبين في جميع الولايات المتأرجحة",
            );
        }
        "advises" | "holds-position" => {
            text(
                "role_en",
                "senior special adviser on government efficiency and deregulation",
            );
            text(
                "role_ar",
                "مستشار خاص أول لشؤون كفاءة الحكومة وإلغاء القيود التنظيمية",
            );
        }
        "criticized" => {
            text(
                "reason_en",
                "for his handling of the electric vehicle subsidies and tariffs",
            );
            text(
                "reason_ar",
                "بسبب تعامله مع دعم السيارات الكهربائية والرسوم الجمركية",
            );
        }
        _ => {}
    }
    let topics = |en: &str, ar: &str| {
        (
            Value::Texts(vec![en.to_owned(), "more".to_owned()]),
            Value::Texts(vec![ar.to_owned()]),
        )
    };
    let (en, ar) = topics(
        "the future of artificial intelligence regulation and free speech online",
        "مستقبل تنظيم الذكاء الاصطناعي وحرية التعبير على الإنترنت",
    );
    props.insert("topics_en", en);
    props.insert("topics_ar", ar);
    if relation == "met-at" && i.is_multiple_of(2) {
        props.insert("place", Value::Text("mar-a-lago".to_owned()));
    }
}

fn statement(i: usize, source: &str, target: &str, relation: &str) -> Edge {
    let mut props = Props::new();
    put_date(&mut props, i);
    put_details(&mut props, relation, i);
    let (status, asserted) = match i % 5 {
        0 => ("denied", false),
        1 => ("considered", false),
        2 => ("reported", true),
        _ => ("stated", true),
    };
    props.insert("status", Value::Text(status.to_owned()));
    props.insert("asserted", Value::Boolean(asserted));
    props.insert("article", Value::Text(format!("a{:03}", i % 4)));
    props.insert(
        "quote",
        Value::Texts(vec![
            "A very long quote that nobody reads in the picture".repeat(8)
        ]),
    );
    Edge {
        id: format!("a{:03}/r{i}", i % 4),
        source: source.to_owned(),
        target: target.to_owned(),
        relation: relation.to_owned(),
        props,
    }
}

/// Two parties with long names, 40 statements between them of eight relation types, and
/// neighbours of one party or both; the ontology's labels come from the bundled graph.
fn worst_case(labels_from: &PropertyGraph) -> PropertyGraph {
    let relations = [
        "donated-to",
        "met-at",
        "advises",
        "criticized",
        "feuded-with",
        "supports",
        "holds-position",
        "reconciled-with",
    ];
    let mut nodes = vec![
        node(
            A,
            "person",
            "Alexandria Montgomery Worthington-Smythe",
            "ألكسندريا مونتغمري وورثينغتون سميث",
        ),
        node(
            B,
            "political-committee",
            "Committee for the Preservation of American Greatness",
            "لجنة الحفاظ على العظمة الأمريكية والازدهار الاقتصادي",
        ),
        node(
            "mar-a-lago",
            "place",
            "The Mar-a-Lago Club in Palm Beach, Florida",
            "نادي مارالاغو في بالم بيتش بولاية فلوريدا",
        ),
    ];
    for k in 0..6 {
        nodes.push(node(
            &format!("n{k}"),
            ["company", "person", "government-body"][k % 3],
            &format!("Neighbour Number {k} International Holdings Corporation"),
            &format!("الجار رقم {k} للشركات القابضة الدولية المحدودة"),
        ));
    }
    let mut edges: Vec<Edge> = (0..40)
        .map(|i| {
            let (s, t) = if i % 3 == 0 { (B, A) } else { (A, B) };
            statement(i, s, t, relations[i % relations.len()])
        })
        .collect();
    for (j, k) in (0..18).map(|j| (j, j % 6)) {
        let party = if k % 2 == 0 || j % 3 == 0 { A } else { B };
        let n = format!("n{k}");
        let (s, t) = if j % 2 == 0 {
            (party, n.as_str())
        } else {
            (n.as_str(), party)
        };
        edges.push(statement(40 + j, s, t, relations[j % relations.len()]));
    }
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    PropertyGraph {
        nodes,
        edges,
        labels: labels_from.labels.clone(),
    }
}

#[test]
fn labels_of_a_crowded_network_do_not_overlap() {
    let graph = worst_case(&bundled());
    check_network(&graph, (A, A), "worst case, one party");
    check_network(&graph, (A, B), "worst case, two parties");
}

#[test]
fn labels_of_a_crowded_timeline_do_not_overlap() {
    let graph = worst_case(&bundled());
    let layout = timeline::layout(&graph, A, B, Lang::En);
    let marks: usize = layout.lanes.iter().map(|l| l.marks.len()).sum();
    assert_eq!(marks, 40, "every statement between the parties is drawn");
    assert!(
        layout.lanes.iter().any(|l| l.sub_rows >= 3),
        "the worst case packs some lane into several sub-rows"
    );
    check_timeline(&graph, A, B, "worst case");
}
