//! The property graph as Cypher statements for `cypher-shell -f`, every value a Cypher literal
//! (strings escaped, so no label can end its string and run code of its own).

use std::io::Write;

use super::{label_name, relationship_type};
use crate::pgraph::{Property, PropertyGraph, Props, Value};
use crate::pgraph::{EDGE_PROPERTIES, NODE_PROPERTIES};
use crate::Error;

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
}
