//! GraphML for NetworkX, Gephi, Cytoscape and yEd: one typed `<key>` per property, a directed
//! graph whose edges carry the statement ids, so that NetworkX reads a MultiDiGraph keyed by
//! statement.

use std::io::Write;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{edge_label, node_label, value, LIST_SEPARATOR};
use crate::pgraph::{Kind, Property, PropertyGraph, Props, Value};
use crate::pgraph::{EDGE_PROPERTIES, NODE_PROPERTIES};
use crate::wording::Lang;
use crate::Error;

/// The properties every node has besides its own: what Gephi and yEd show, and its type.
const NODE_FIXED: &[Property] = &[
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
];

/// The properties every edge has besides its own.
const EDGE_FIXED: &[Property] = &[
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
];

/// GraphML: one `<key>` per property with its type, a directed graph whose edges carry the
/// statement ids, so that NetworkX reads a MultiDiGraph keyed by statement.
pub fn write_graphml(graph: &PropertyGraph, writer: impl Write) -> Result<(), Error> {
    let mut w = Writer::new_with_indent(writer, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    ));
    w.write_event(Event::Start(root))?;
    let node_keys = graphml_keys("n", NODE_FIXED, NODE_PROPERTIES);
    let edge_keys = graphml_keys("e", EDGE_FIXED, EDGE_PROPERTIES);
    write_keys(&mut w, "node", &node_keys)?;
    write_keys(&mut w, "edge", &edge_keys)?;
    let mut g = BytesStart::new("graph");
    g.push_attribute(("id", "newskg"));
    g.push_attribute(("edgedefault", "directed"));
    w.write_event(Event::Start(g))?;
    for node in &graph.nodes {
        let mut e = BytesStart::new("node");
        e.push_attribute(("id", node.id.as_str()));
        let fixed = [
            Value::Text(node_label(node)),
            Value::Text(node.kind.clone()),
        ];
        write_element(&mut w, e, &node_keys, &fixed, &node.props)?;
    }
    for edge in &graph.edges {
        let mut e = BytesStart::new("edge");
        e.push_attribute(("id", edge.id.as_str()));
        e.push_attribute(("source", edge.source.as_str()));
        e.push_attribute(("target", edge.target.as_str()));
        let fixed = [
            Value::Text(edge_label(graph, edge, Lang::En)),
            Value::Text(edge.relation.clone()),
        ];
        write_element(&mut w, e, &edge_keys, &fixed, &edge.props)?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.into_inner().write_all(b"\n")?;
    Ok(())
}

/// The `<key>` ids (`n_label`, `e_amount`…) and properties of one domain.
fn graphml_keys(prefix: &str, fixed: &[Property], props: &[Property]) -> Vec<(String, Property)> {
    fixed
        .iter()
        .chain(props)
        .map(|p| (format!("{prefix}_{}", p.name), *p))
        .collect()
}

fn write_keys<W: Write>(
    w: &mut Writer<W>,
    domain: &str,
    keys: &[(String, Property)],
) -> Result<(), Error> {
    for (id, p) in keys {
        let mut key = BytesStart::new("key");
        key.push_attribute(("id", id.as_str()));
        key.push_attribute(("for", domain));
        key.push_attribute(("attr.name", p.name));
        key.push_attribute(("attr.type", graphml_type(p.kind)));
        w.write_event(Event::Start(key))?;
        let mut desc = p.doc.to_owned();
        if matches!(p.kind, Kind::Texts | Kind::Integers) {
            desc.push_str(&format!(" (a list, items separated by {LIST_SEPARATOR:?})"));
        }
        w.create_element("desc")
            .write_text_content(BytesText::new(&desc))?;
        w.write_event(Event::End(BytesEnd::new("key")))?;
    }
    Ok(())
}

/// A `<node>` or `<edge>` with its `<data>`.
fn write_element<W: Write>(
    w: &mut Writer<W>,
    start: BytesStart<'_>,
    keys: &[(String, Property)],
    fixed: &[Value],
    props: &Props,
) -> Result<(), Error> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    w.write_event(Event::Start(start))?;
    write_data(w, keys, fixed, props)?;
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_an_id_of_its_own() {
        // Node and edge keys once shared ids (`e_label` for both), which GraphML forbids.
        let mut out = Vec::new();
        write_graphml(&PropertyGraph::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let ids: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("key"))
            .filter_map(|n| n.attribute("id"))
            .collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(
            ids.len(),
            NODE_FIXED.len() + NODE_PROPERTIES.len() + EDGE_FIXED.len() + EDGE_PROPERTIES.len()
        );
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
    }
}
