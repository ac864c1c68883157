//! Property-graph exports for tools that do not read RDF: GraphML (NetworkX, Gephi, Cytoscape,
//! yEd), the node and relationship CSV files of `neo4j-admin database import`, the same data as
//! Cypher statements, and DOT for Graphviz.
//!
//! All four write the [`PropertyGraph`] with the fixed property lists of [`NODE_PROPERTIES`] and
//! [`EDGE_PROPERTIES`], so every qualifier reaches every tool and the columns never depend on
//! the data. Lists are joined with [`LIST_SEPARATOR`] where a format has no list type (GraphML,
//! DOT) and use `|` as Neo4j's array delimiter, since quotes and notes may hold `;`, Neo4j's
//! default.

mod cypher;
mod dot;
mod graphml;
mod neo4j;

use crate::pgraph::{Edge, Node, Property, PropertyGraph, Props, Value};
use crate::wording::{amount_text, status_label, when_text, Lang};

pub use cypher::{cypher_string, write_cypher};
pub use dot::{dot_id, write_dot};
pub use graphml::write_graphml;
pub use neo4j::{
    neo4j_import_command, write_neo4j_csv, NEO4J_ARRAY_DELIMITER, NEO4J_NODES_FILE,
    NEO4J_RELATIONSHIPS_FILE,
};

/// How list values are joined in GraphML and DOT.
pub const LIST_SEPARATOR: &str = " | ";

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
