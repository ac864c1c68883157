//! Property-graph exports for tools that do not read RDF: GraphML (NetworkX, Gephi, Cytoscape,
//! yEd), the node and relationship CSV files of `neo4j-admin database import`, the same data as
//! Cypher statements, and DOT for Graphviz.
//!
//! All four write the [`PropertyGraph`] with the fixed property lists of [`NODE_PROPERTIES`] and
//! [`EDGE_PROPERTIES`], so every qualifier reaches every tool and the columns never depend on
//! the data. Lists are joined with [`LIST_SEPARATOR`] where a format has no list type (GraphML,
//! DOT) and use `|` as Neo4j's array delimiter, since quotes and notes may hold `;`, Neo4j's
//! default.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::pgraph::{Edge, Kind, Node, Property, PropertyGraph, Props, Value};
use crate::pgraph::{EDGE_PROPERTIES, NODE_PROPERTIES};
use crate::wording::{amount_text, relation_colour, status_label, when_text, Lang};
use crate::Error;

/// How list values are joined in GraphML and DOT.
pub const LIST_SEPARATOR: &str = " | ";

/// Neo4j's array delimiter in the CSV files; the import needs `--array-delimiter='|'`.
pub const NEO4J_ARRAY_DELIMITER: char = '|';

/// The names of the Neo4j CSV files, in the directory given to `export -o`.
pub const NEO4J_NODES_FILE: &str = "nodes.csv";
pub const NEO4J_RELATIONSHIPS_FILE: &str = "relationships.csv";

/// The `neo4j-admin` command that imports the two CSV files of `dir`.
pub fn neo4j_import_command(dir: &Path) -> String {
    format!(
        "neo4j-admin database import full --array-delimiter='{NEO4J_ARRAY_DELIMITER}' \
         --nodes={} --relationships={} neo4j",
        dir.join(NEO4J_NODES_FILE).display(),
        dir.join(NEO4J_RELATIONSHIPS_FILE).display()
    )
}

/// `person` → `Person`, `political-committee` → `PoliticalCommittee`: a Neo4j label.
pub fn label_name(kind: &str) -> String {
    kind.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// `donated-to` → `DONATED_TO`: a Neo4j relationship type.
pub fn relationship_type(relation: &str) -> String {
    relation.replace('-', "_").to_uppercase()
}

fn value<'a>(props: &'a Props, p: &Property) -> Option<&'a Value> {
    props.get(p.name)
}

// ---------------------------------------------------------------------------------------------
// GraphML

/// GraphML: one `<key>` per property with its type, a directed graph whose edges carry the
/// statement ids, so that NetworkX reads a MultiDiGraph keyed by statement.
pub fn write_graphml(graph: &PropertyGraph, writer: impl Write) -> Result<(), Error> {
    let mut w = Writer::new_with_indent(writer, b' ', 2);
    let xml = |e: std::io::Error| Error::Write(e);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(xml)?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    ));
    w.write_event(Event::Start(root)).map_err(xml)?;

    let node_keys = graphml_keys(
        &[
            Property {
                name: "label",
                kind: Kind::Text,
                doc: "name, English then Arabic (what Gephi and yEd show)",
            },
            Property {
                name: "kind",
                kind: Kind::Text,
                doc: "entity type: person, company, political-committee...",
            },
        ],
        NODE_PROPERTIES,
    );
    let edge_keys = graphml_keys(
        &[
            Property {
                name: "label",
                kind: Kind::Text,
                doc: "relation type, date and amount (what Gephi and yEd show)",
            },
            Property {
                name: "relation",
                kind: Kind::Text,
                doc: "relation type: advises, donated-to, met-at, feuded-with...",
            },
        ],
        EDGE_PROPERTIES,
    );
    for (domain, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        for (id, p) in keys {
            let mut key = BytesStart::new("key");
            key.push_attribute(("id", id.as_str()));
            key.push_attribute(("for", domain));
            key.push_attribute(("attr.name", p.name));
            key.push_attribute(("attr.type", graphml_type(p.kind)));
            w.write_event(Event::Start(key)).map_err(xml)?;
            let mut desc = p.doc.to_owned();
            if matches!(p.kind, Kind::Texts | Kind::Integers) {
                desc.push_str(&format!(" (a list, items separated by {LIST_SEPARATOR:?})"));
            }
            w.create_element("desc")
                .write_text_content(BytesText::new(&desc))
                .map_err(xml)?;
            w.write_event(Event::End(BytesEnd::new("key")))
                .map_err(xml)?;
        }
    }
    let mut g = BytesStart::new("graph");
    g.push_attribute(("id", "newskg"));
    g.push_attribute(("edgedefault", "directed"));
    w.write_event(Event::Start(g)).map_err(xml)?;
    for node in &graph.nodes {
        let mut e = BytesStart::new("node");
        e.push_attribute(("id", node.id.as_str()));
        w.write_event(Event::Start(e)).map_err(xml)?;
        let fixed = [
            Value::Text(node_label(node)),
            Value::Text(node.kind.clone()),
        ];
        write_data(&mut w, &node_keys, &fixed, &node.props)?;
        w.write_event(Event::End(BytesEnd::new("node")))
            .map_err(xml)?;
    }
    for edge in &graph.edges {
        let mut e = BytesStart::new("edge");
        e.push_attribute(("id", edge.id.as_str()));
        e.push_attribute(("source", edge.source.as_str()));
        e.push_attribute(("target", edge.target.as_str()));
        w.write_event(Event::Start(e)).map_err(xml)?;
        let fixed = [
            Value::Text(edge_label(graph, edge, Lang::En)),
            Value::Text(edge.relation.clone()),
        ];
        write_data(&mut w, &edge_keys, &fixed, &edge.props)?;
        w.write_event(Event::End(BytesEnd::new("edge")))
            .map_err(xml)?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))
        .map_err(xml)?;
    w.write_event(Event::End(BytesEnd::new("graphml")))
        .map_err(xml)?;
    w.into_inner().write_all(b"\n")?;
    Ok(())
}

fn graphml_keys(fixed: &[Property], props: &[Property]) -> Vec<(String, Property)> {
    let prefix = if props.as_ptr() == NODE_PROPERTIES.as_ptr() {
        "n"
    } else {
        "e"
    };
    fixed
        .iter()
        .chain(props)
        .map(|p| (format!("{prefix}_{}", p.name), *p))
        .collect()
}

fn graphml_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Number => "double",
        Kind::Boolean => "boolean",
        Kind::Text | Kind::Texts | Kind::Integers => "string",
    }
}

fn write_data<W: Write>(
    w: &mut Writer<W>,
    keys: &[(String, Property)],
    fixed: &[Value],
    props: &Props,
) -> Result<(), Error> {
    for (i, (id, p)) in keys.iter().enumerate() {
        let v = fixed.get(i).or_else(|| value(props, p));
        if let Some(v) = v {
            let text = v.joined(LIST_SEPARATOR);
            let mut data = BytesStart::new("data");
            data.push_attribute(("key", id.as_str()));
            w.write_event(Event::Start(data))?;
            w.write_event(Event::Text(BytesText::new(&text)))?;
            w.write_event(Event::End(BytesEnd::new("data")))?;
        }
    }
    Ok(())
}

/// A node's label for tools that show one: English name, then Arabic.
pub fn node_label(node: &Node) -> String {
    let names: Vec<&str> = [node.label(Lang::En), node.label(Lang::Ar)]
        .into_iter()
        .flatten()
        .collect();
    if names.is_empty() {
        node.id.clone()
    } else {
        names.join(" / ")
    }
}

/// An edge's label: relation type, status when it is not asserted, date or period, amount;
/// dates and amounts written as in the pictures.
pub fn edge_label(graph: &PropertyGraph, edge: &Edge, lang: Lang) -> String {
    let mut parts = vec![graph.label_of(&edge.relation, lang.tag()).to_owned()];
    if let Some(status) = status_label(edge, graph, lang) {
        parts.push(format!("({status})"));
    }
    parts.extend(when_text(edge));
    parts.extend(amount_text(edge, graph, lang));
    parts.join(" · ")
}

// ---------------------------------------------------------------------------------------------
// Neo4j

/// The header and rows of `nodes.csv` and `relationships.csv` for `neo4j-admin database import`.
pub fn write_neo4j_csv(
    graph: &PropertyGraph,
    nodes: impl Write,
    relationships: impl Write,
) -> Result<(), Error> {
    let mut n = csv::Writer::from_writer(nodes);
    let mut header = vec!["id:ID".to_owned(), ":LABEL".to_owned(), "kind".to_owned()];
    header.extend(NODE_PROPERTIES.iter().map(neo4j_column));
    n.write_record(&header).map_err(csv_error)?;
    for node in &graph.nodes {
        let mut row = vec![
            node.id.clone(),
            format!("Entity;{}", label_name(&node.kind)),
            node.kind.clone(),
        ];
        for p in NODE_PROPERTIES {
            row.push(neo4j_cell(value(&node.props, p), &node.id, p)?);
        }
        n.write_record(&row).map_err(csv_error)?;
    }
    n.flush()?;

    let mut r = csv::Writer::from_writer(relationships);
    let mut header = vec![
        ":START_ID".to_owned(),
        ":END_ID".to_owned(),
        ":TYPE".to_owned(),
        "id".to_owned(),
        "relation".to_owned(),
    ];
    header.extend(EDGE_PROPERTIES.iter().map(neo4j_column));
    r.write_record(&header).map_err(csv_error)?;
    for edge in &graph.edges {
        let mut row = vec![
            edge.source.clone(),
            edge.target.clone(),
            relationship_type(&edge.relation),
            edge.id.clone(),
            edge.relation.clone(),
        ];
        for p in EDGE_PROPERTIES {
            row.push(neo4j_cell(value(&edge.props, p), &edge.id, p)?);
        }
        r.write_record(&row).map_err(csv_error)?;
    }
    r.flush()?;
    Ok(())
}

fn csv_error(e: csv::Error) -> Error {
    Error::Write(std::io::Error::other(e))
}

fn neo4j_column(p: &Property) -> String {
    let ty = match p.kind {
        Kind::Text => return p.name.to_owned(),
        Kind::Number => "float",
        Kind::Boolean => "boolean",
        Kind::Texts => "string[]",
        Kind::Integers => "int[]",
    };
    format!("{}:{ty}", p.name)
}

fn neo4j_cell(v: Option<&Value>, owner: &str, p: &Property) -> Result<String, Error> {
    let Some(v) = v else {
        return Ok(String::new());
    };
    if let Value::Texts(items) = v {
        if items.iter().any(|i| i.contains(NEO4J_ARRAY_DELIMITER)) {
            return Err(Error::Unsupported {
                format: "Neo4j CSV".into(),
                what: format!(
                    "the {} of {owner}, whose items contain {NEO4J_ARRAY_DELIMITER:?}, the array delimiter; \
                     use the Cypher or GraphML export instead",
                    p.name
                ),
            });
        }
    }
    Ok(v.joined(&NEO4J_ARRAY_DELIMITER.to_string()))
}

/// The same nodes and relationships as Cypher statements for `cypher-shell -f`: a uniqueness
/// constraint, one CREATE per entity, one MATCH…CREATE per statement.
pub fn write_cypher(graph: &PropertyGraph, mut w: impl Write) -> Result<(), Error> {
    writeln!(
        w,
        "// newskg: {} entities and {} statements. Load with: cypher-shell -f FILE",
        graph.nodes.len(),
        graph.edges.len()
    )?;
    writeln!(
        w,
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"
    )?;
    for node in &graph.nodes {
        let mut props = vec![
            format!("id: {}", cypher_string(&node.id)),
            format!("kind: {}", cypher_string(&node.kind)),
        ];
        props.extend(cypher_props(&node.props, NODE_PROPERTIES));
        writeln!(
            w,
            "CREATE (:Entity:{} {{{}}});",
            label_name(&node.kind),
            props.join(", ")
        )?;
    }
    for edge in &graph.edges {
        let mut props = vec![
            format!("id: {}", cypher_string(&edge.id)),
            format!("relation: {}", cypher_string(&edge.relation)),
        ];
        props.extend(cypher_props(&edge.props, EDGE_PROPERTIES));
        writeln!(
            w,
            "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) CREATE (a)-[:{} {{{}}}]->(b);",
            cypher_string(&edge.source),
            cypher_string(&edge.target),
            relationship_type(&edge.relation),
            props.join(", ")
        )?;
    }
    w.flush()?;
    Ok(())
}

fn cypher_props(props: &Props, schema: &[Property]) -> Vec<String> {
    schema
        .iter()
        .filter_map(|p| {
            let v = match props.get(p.name)? {
                Value::Text(s) => cypher_string(s),
                Value::Number(s) if s.contains(['.', 'e', 'E']) => s.clone(),
                // A float, as in the CSV files: Neo4j would keep `45000000` as an integer.
                Value::Number(s) => format!("{s}.0"),
                Value::Boolean(b) => b.to_string(),
                Value::Texts(items) => format!(
                    "[{}]",
                    items
                        .iter()
                        .map(|i| cypher_string(i))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Value::Integers(items) => format!(
                    "[{}]",
                    items
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Some(format!("{}: {v}", p.name))
        })
        .collect()
}

/// A Cypher string literal in single quotes.
pub fn cypher_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

// ---------------------------------------------------------------------------------------------
// DOT

/// DOT: nodes labelled in English and Arabic, edges coloured by relation type and labelled
/// with type, date and amount; dashed when the status does not assert the relation. Every
/// property is also an attribute, for tools that read DOT as data (NetworkX, Gephi).
pub fn write_dot(graph: &PropertyGraph, mut w: impl Write) -> Result<(), Error> {
    writeln!(w, "digraph newskg {{")?;
    writeln!(
        w,
        "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Noto Sans, Noto Sans Arabic, DejaVu Sans\"];"
    )?;
    writeln!(
        w,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f4f4\", fontname=\"Noto Sans, Noto Sans Arabic, DejaVu Sans\"];"
    )?;
    writeln!(
        w,
        "  edge [fontsize=10, fontname=\"Noto Sans, Noto Sans Arabic, DejaVu Sans\"];"
    )?;
    for node in &graph.nodes {
        let label = [node.label(Lang::En), node.label(Lang::Ar)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
        let mut attrs = vec![
            (
                "label".to_owned(),
                if label.is_empty() {
                    node.id.clone()
                } else {
                    label
                },
            ),
            ("kind".to_owned(), node.kind.clone()),
        ];
        attrs.extend(dot_props(&node.props, NODE_PROPERTIES));
        writeln!(w, "  {} [{}];", dot_id(&node.id), dot_attrs(&attrs))?;
    }
    let used: BTreeSet<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    for edge in &graph.edges {
        if !used.contains(edge.source.as_str()) || !used.contains(edge.target.as_str()) {
            continue;
        }
        let asserted = edge.asserted();
        let colour = relation_colour(&edge.relation);
        let mut attrs = vec![
            ("id".to_owned(), edge.id.clone()),
            ("label".to_owned(), edge_label(graph, edge, Lang::En)),
            ("relation".to_owned(), edge.relation.clone()),
            ("color".to_owned(), colour.to_owned()),
            ("fontcolor".to_owned(), colour.to_owned()),
            (
                "style".to_owned(),
                if asserted { "solid" } else { "dashed" }.to_owned(),
            ),
        ];
        attrs.extend(dot_props(&edge.props, EDGE_PROPERTIES));
        writeln!(
            w,
            "  {} -> {} [{}];",
            dot_id(&edge.source),
            dot_id(&edge.target),
            dot_attrs(&attrs)
        )?;
    }
    writeln!(w, "}}")?;
    w.flush()?;
    Ok(())
}

fn dot_props(props: &Props, schema: &[Property]) -> Vec<(String, String)> {
    schema
        .iter()
        .filter_map(|p| Some((p.name.to_owned(), props.get(p.name)?.joined(LIST_SEPARATOR))))
        .collect()
}

fn dot_attrs(attrs: &[(String, String)]) -> String {
    attrs
        .iter()
        .map(|(k, v)| format!("{k}={}", dot_id(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A DOT double-quoted string. Backslashes are doubled so that Graphviz's escapes (`\N`, `\l`)
/// cannot be triggered by the data, and line breaks become `\n`, which labels show as breaks.
pub fn dot_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cypher_strings_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(cypher_string("Musk"), "'Musk'");
        assert_eq!(cypher_string("O'Brien"), r"'O\'Brien'");
        assert_eq!(cypher_string("a\\b"), r"'a\\b'");
        assert_eq!(cypher_string("line\nnext\r\tend"), r"'line\nnext\r\tend'");
        // A double quote needs no escape inside single quotes.
        assert_eq!(cypher_string("say \"hi\""), "'say \"hi\"'");
        assert_eq!(cypher_string("ماسك"), "'ماسك'");
    }

    #[test]
    fn a_cypher_string_cannot_be_closed_by_its_content() {
        let s = cypher_string("x' }); MATCH (n) DETACH DELETE n; //\\");
        let inner = &s[1..s.len() - 1];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            assert_ne!(c, '\'', "an unescaped quote in {s}");
            if c == '\\' {
                assert!(chars.next().is_some(), "a dangling backslash in {s}");
            }
        }
    }

    #[test]
    fn dot_ids_escape_quotes_and_backslashes_and_keep_line_breaks() {
        assert_eq!(dot_id("Musk"), "\"Musk\"");
        assert_eq!(dot_id("say \"hi\""), r#""say \"hi\"""#);
        // Doubled, so that the data cannot write Graphviz escapes such as \N or \l.
        assert_eq!(dot_id("a\\N"), r#""a\\N""#);
        assert_eq!(dot_id("first\r\nsecond"), r#""first\nsecond""#);
        assert_eq!(dot_id("'single'"), "\"'single'\"");
    }
}
