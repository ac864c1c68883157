//! Property-graph exports (GraphML, Neo4j CSV, Cypher, DOT) loaded by the real tools: NetworkX,
//! LadybugDB (Kùzu's continuation), Graphviz. What the tools see is compared with the property graph read from a store of
//! the bundled data, never with numbers written into the test.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use newskg::export::pg::{cypher_string, edge_label};
use newskg::pgraph::{Edge, Node, PropertyGraph, Value};
use newskg::queries::Lang;
use newskg::Ontology;
use serde_json::{json, Value as Json};
use tempfile::TempDir;

use crate::interop::{python_module, tool};
use crate::util::{bundled_store, compile, fixture, newskg, repo_path};

fn bundled_graph() -> PropertyGraph {
    let (_dir, store) = bundled_store();
    PropertyGraph::from_quads(&store.quads(None).unwrap(), &Ontology::bundled().unwrap())
}

/// Exports the bundled data with `newskg export` into `dir/name`.
fn export(dir: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    newskg()
        .args(["export", "--memory"])
        .args(extra)
        .arg("-o")
        .arg(&path)
        .assert()
        .success();
    path
}

fn python(args: &[&str]) -> Json {
    let out = Command::new("python3")
        .arg(repo_path("tests/interop/property_graph.py"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "property_graph.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A property as GraphML gives it back through NetworkX: numbers as floats, booleans as
/// booleans, lists joined.
fn graphml_value(v: &Value) -> Json {
    match v {
        Value::Number(n) => json!(n.parse::<f64>().unwrap()),
        Value::Boolean(b) => json!(b),
        v => json!(v.joined(" | ")),
    }
}

fn expected_node(node: &Node) -> Json {
    let mut m: BTreeMap<String, Json> = node
        .props
        .iter()
        .map(|(k, v)| ((*k).to_owned(), graphml_value(v)))
        .collect();
    m.insert("kind".into(), json!(node.kind));
    m.insert("label".into(), json!(newskg::export::pg::node_label(node)));
    json!(m)
}

fn expected_edge(graph: &PropertyGraph, edge: &Edge) -> Json {
    let mut m: BTreeMap<String, Json> = edge
        .props
        .iter()
        .map(|(k, v)| ((*k).to_owned(), graphml_value(v)))
        .collect();
    m.insert("source".into(), json!(edge.source));
    m.insert("target".into(), json!(edge.target));
    m.insert("relation".into(), json!(edge.relation));
    m.insert("label".into(), json!(edge_label(graph, edge, Lang::En)));
    json!(m)
}

#[test]
fn graphml_loads_in_networkx_with_every_node_edge_and_attribute() {
    if !python_module("networkx") {
        return;
    }
    let graph = bundled_graph();
    let dir = TempDir::new().unwrap();
    let file = export(dir.path(), "graph.graphml", &[]);
    let got = python(&["graphml", file.to_str().unwrap()]);
    assert_eq!(
        got["multigraph"],
        json!(true),
        "statements between one pair are parallel edges"
    );
    assert_eq!(got["directed"], json!(true));
    let nodes = got["nodes"].as_object().unwrap();
    let edges = got["edges"].as_object().unwrap();
    assert_eq!(nodes.len(), graph.nodes.len());
    assert_eq!(edges.len(), graph.edges.len());
    for node in &graph.nodes {
        assert_eq!(nodes[&node.id], expected_node(node), "node {}", node.id);
    }
    for edge in &graph.edges {
        assert_eq!(
            edges[&edge.id],
            expected_edge(&graph, edge),
            "edge {}",
            edge.id
        );
    }
    // The richest donation with an amount keeps amount, currency, date, status and quote.
    let donation = graph
        .edges
        .iter()
        .filter(|e| e.relation == "donated-to" && e.amount().is_some())
        .max_by_key(|e| e.props.len())
        .unwrap();
    for key in ["amount", "currency", "status", "quote", "article"] {
        assert!(
            donation.props.contains_key(key),
            "{} has no {key}",
            donation.id
        );
    }
}

/// The rows of `newskg query NAME --format csv`.
fn canned_rows(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let out = newskg()
        .args(["query", name, "--memory", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    crate::util::csv_table(&out.stdout)
}

/// A cell from LadybugDB as the SPARQL CSV writes it: null is empty, 42000000.0 is 42000000.
fn cell(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        v => v.to_string(),
    }
}

#[test]
fn neo4j_csv_loads_into_ladybug_and_answers_like_the_canned_sparql_query() {
    if !python_module("ladybug") {
        return;
    }
    let graph = bundled_graph();
    let dir = TempDir::new().unwrap();
    let csv_dir = dir.path().join("neo4j");
    newskg()
        .args(["export", "--memory", "--format", "neo4j", "-o"])
        .arg(&csv_dir)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "neo4j-admin database import full",
        ));
    let got = python(&[
        "ladybug",
        csv_dir.to_str().unwrap(),
        repo_path("tests/interop/donations.cypher")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(got["counts"]["nodes"], json!(graph.nodes.len()));
    assert_eq!(got["counts"]["edges"], json!(graph.edges.len()));

    let (header, mut expected) = canned_rows("donations");
    let columns: Vec<String> = got["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        columns, header,
        "the Cypher query returns the canned query's columns"
    );
    let mut rows: Vec<Vec<String>> = got["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(cell).collect())
        .collect();
    rows.sort();
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(rows, expected, "LadybugDB's answer differs from SPARQL's");
}

#[test]
fn dot_renders_in_graphviz_and_the_svg_holds_every_label() {
    if !tool("dot", "graphviz") {
        return;
    }
    let graph = bundled_graph();
    let dir = TempDir::new().unwrap();
    let dot = export(dir.path(), "graph.dot", &[]);
    let svg = dir.path().join("graph.svg");
    let out = Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot)
        .arg("-o")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = python(&["svg", svg.to_str().unwrap()]);
    let texts: std::collections::BTreeSet<&str> = got["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for node in &graph.nodes {
        for name in [node.text("label_en"), node.text("label_ar")]
            .into_iter()
            .flatten()
        {
            assert!(texts.contains(name), "node label {name:?} not in the SVG");
        }
    }
    for edge in &graph.edges {
        let label = edge_label(&graph, edge, Lang::En);
        assert!(
            texts.contains(label.as_str()),
            "edge label {label:?} not in the SVG"
        );
    }
}

#[test]
fn cypher_creates_every_entity_and_statement_with_escaped_strings() {
    let graph = bundled_graph();
    let dir = TempDir::new().unwrap();
    let file = export(dir.path(), "graph.cypher", &[]);
    let text = std::fs::read_to_string(file).unwrap();
    let creates = text
        .lines()
        .filter(|l| l.starts_with("CREATE (:Entity:"))
        .count();
    let matches = text.lines().filter(|l| l.starts_with("MATCH ")).count();
    assert_eq!(creates, graph.nodes.len());
    assert_eq!(matches, graph.edges.len());
    for edge in &graph.edges {
        let id = format!("{{id: {}, relation: ", cypher_string(&edge.id));
        let line = text
            .lines()
            .find(|l| l.contains(&id))
            .unwrap_or_else(|| panic!("no CREATE for {}", edge.id));
        if let Some(Value::Texts(quotes)) = edge.props.get("quote") {
            // The quotes, escaped, in order: the verbatim Arabic survives the trip.
            let list: Vec<String> = quotes.iter().map(|q| cypher_string(q)).collect();
            assert!(
                line.contains(&format!("quote: [{}]", list.join(", "))),
                "{line}"
            );
        }
    }
    assert_eq!(cypher_string(r"it's a \ test"), r"'it\'s a \\ test'");
}

#[test]
fn property_graph_exports_are_deterministic_and_one_article_keeps_its_statements() {
    let dir = TempDir::new().unwrap();
    for name in ["g.graphml", "g.cypher", "g.dot"] {
        let a = std::fs::read(export(dir.path(), &format!("a-{name}"), &[])).unwrap();
        let b = std::fs::read(export(dir.path(), &format!("b-{name}"), &[])).unwrap();
        assert!(a == b, "{name} differs between two exports");
    }
    let graph = bundled_graph().only_article("a002");
    assert!(!graph.edges.is_empty());
    let file = export(dir.path(), "a002.cypher", &["--graph", "a002"]);
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("MATCH ")).count(),
        graph.edges.len()
    );
    assert!(text
        .lines()
        .filter(|l| l.starts_with("MATCH "))
        .all(|l| l.contains("article: 'a002'")));
    newskg()
        .args([
            "export", "--memory", "--format", "graphml", "--graph", "entities",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("takes an article id"));
    newskg()
        .args(["export", "--memory", "--format", "neo4j"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("-o DIR"));
}

#[test]
fn the_fixture_maps_to_a_property_graph_with_all_qualifiers() {
    let quads = compile(&fixture("basic/data")).unwrap();
    let graph = PropertyGraph::from_quads(&quads, &Ontology::bundled().unwrap());
    let statements = quads
        .iter()
        .filter(|q| {
            q.predicate.as_ref() == oxigraph::model::vocab::rdf::TYPE
                && q.object == newskg::vocab::nkg::STATEMENT.into_owned().into()
        })
        .count();
    assert_eq!(graph.edges.len(), statements);
    for edge in &graph.edges {
        assert!(edge.props.contains_key("status"), "{}", edge.id);
        assert!(edge.props.contains_key("quote"), "{}", edge.id);
        assert!(graph.node(&edge.source).is_some() && graph.node(&edge.target).is_some());
    }
}

#[test]
fn docs_list_every_property_of_the_property_graph() {
    let docs = std::fs::read_to_string(repo_path("docs/exports.md")).unwrap();
    for p in newskg::pgraph::NODE_PROPERTIES
        .iter()
        .chain(newskg::pgraph::EDGE_PROPERTIES)
    {
        assert!(
            docs.contains(&format!("| `{}` | ", p.name)),
            "docs/exports.md does not describe the property {}",
            p.name
        );
    }
}

#[test]
fn the_docs_tables_of_properties_are_the_ones_the_code_derives() {
    let docs = std::fs::read_to_string(repo_path("docs/exports.md")).unwrap();
    for props in [
        newskg::pgraph::NODE_PROPERTIES,
        newskg::pgraph::EDGE_PROPERTIES,
    ] {
        let table = newskg::pgraph::markdown_table(props);
        assert!(
            docs.contains(&table),
            "docs/exports.md does not have this table of properties:\n{table}"
        );
    }
}

/// A name that is a spreadsheet formula, markup, a string terminator of Cypher, DOT and XML,
/// and a SPARQL fragment, all at once.
pub(crate) const HOSTILE: &str = "=1+2 <b>&amp;\"'\\]]>{} } ; DROP ALL #";

/// The fixture with Elon Musk's English name replaced by [`HOSTILE`], built into a store.
pub(crate) fn hostile_store() -> crate::util::Scratch {
    let scratch = crate::util::Scratch::of("basic/data");
    scratch.edit("entities.json", |v| {
        v["entities"][0]["labels"]["en"] = HOSTILE.into();
    });
    scratch.build().success();
    scratch
}

fn export_of(scratch: &crate::util::Scratch, format: &str, to: &Path) {
    newskg()
        .args(["export", "--format", format, "--store"])
        .arg(scratch.store())
        .arg("-o")
        .arg(to)
        .assert()
        .success();
}

#[test]
fn a_hostile_name_comes_out_of_every_property_graph_export_as_its_text() {
    let scratch = hostile_store();
    let dir = scratch.dir.path();
    export_of(&scratch, "graphml", &dir.join("g.graphml"));
    let graphml = std::fs::read_to_string(dir.join("g.graphml")).unwrap();
    let xml = roxmltree::Document::parse(&graphml).unwrap();
    assert!(xml.descendants().any(|n| n.text() == Some(HOSTILE)));
    export_of(&scratch, "cypher", &dir.join("g.cypher"));
    let cypher = std::fs::read_to_string(dir.join("g.cypher")).unwrap();
    assert!(cypher.contains(&format!("label_en: {}", cypher_string(HOSTILE))));
    export_of(&scratch, "neo4j", &dir.join("neo4j"));
    let mut nodes = csv::Reader::from_path(dir.join("neo4j/nodes.csv")).unwrap();
    let cells: Vec<String> = nodes
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    // A spreadsheet shows the apostrophe's cell as text; it never runs it.
    assert!(cells.contains(&format!("'{HOSTILE}")), "{cells:?}");
    assert!(!cells.iter().any(|c| c.starts_with('=')));
}

#[test]
fn a_hostile_name_is_one_text_in_graphviz_and_in_the_drawn_picture() {
    if !tool("dot", "graphviz") {
        return;
    }
    let scratch = hostile_store();
    let dir = scratch.dir.path();
    export_of(&scratch, "dot", &dir.join("g.dot"));
    let svg = dir.join("g.svg");
    let out = Command::new("dot")
        .arg("-Tsvg")
        .arg(dir.join("g.dot"))
        .arg("-o")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let picture = dir.join("network.svg");
    newskg()
        .args(["draw", "network", "donald-trump", "-o"])
        .arg(&picture)
        .arg("--store")
        .arg(scratch.store())
        .assert()
        .success();
    for file in [&svg, &picture] {
        let got = python(&["svg", file.to_str().unwrap()]);
        let texts: Vec<&str> = got["texts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        // The picture wraps a long name over lines: its lines, read in order, are the name.
        let text = texts.join(" ");
        assert!(text.contains(HOSTILE), "{}: {texts:?}", file.display());
    }
}
