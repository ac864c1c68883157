//! DOT for Graphviz: nodes labelled in English and Arabic, edges coloured by relation type and
//! labelled with type, date and amount, dashed when the status does not assert the relation.

use std::collections::BTreeSet;
use std::io::Write;

use super::{edge_label, LIST_SEPARATOR};
use crate::pgraph::{Property, PropertyGraph, Props};
use crate::pgraph::{EDGE_PROPERTIES, NODE_PROPERTIES};
use crate::wording::{relation_colour, Lang};
use crate::Error;

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
/// cannot be triggered by the data, `&` is written `&amp;` since Graphviz reads HTML entities in
/// every string (`&lt;` would show as `<`), and line breaks become `\n`, which labels show as
/// breaks.
pub fn dot_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
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
    fn dot_ids_escape_quotes_and_backslashes_and_keep_line_breaks() {
        assert_eq!(dot_id("Musk"), "\"Musk\"");
        assert_eq!(dot_id("say \"hi\""), r#""say \"hi\"""#);
        // Doubled, so that the data cannot write Graphviz escapes such as \N or \l.
        assert_eq!(dot_id("a\\N"), r#""a\\N""#);
        assert_eq!(dot_id("first\r\nsecond"), r#""first\nsecond""#);
        assert_eq!(dot_id("'single'"), "\"'single'\"");
        // Graphviz would show "&lt;" as "<".
        assert_eq!(dot_id("&lt;"), "\"&amp;lt;\"");
    }
}
