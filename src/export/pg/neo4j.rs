//! The node and relationship CSV files of `neo4j-admin database import`, with typed columns
//! (`amount:float`, `quote:string[]`) and `|` as the array delimiter, since quotes and notes may
//! hold `;`, Neo4j's default. People open these files in spreadsheets too, so a text cell that a
//! spreadsheet would run as a formula is written with a leading apostrophe (OWASP's advice on
//! CSV injection).

use std::io::Write;
use std::path::Path;

use super::{label_name, relationship_type, value};
use crate::pgraph::{Kind, Property, PropertyGraph, Value};
use crate::pgraph::{EDGE_PROPERTIES, NODE_PROPERTIES};
use crate::Error;

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
    let cell = v.joined(&NEO4J_ARRAY_DELIMITER.to_string());
    Ok(match p.kind {
        Kind::Text | Kind::Texts => inert(cell),
        Kind::Number | Kind::Boolean | Kind::Integers => cell,
    })
}

/// The characters that make a spreadsheet read a cell as a formula when it starts with one.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text`, with an apostrophe before it when a spreadsheet would take it for a formula.
fn inert(text: String) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn a_cell_a_spreadsheet_would_run_gets_an_apostrophe_and_others_stay() {
        for formula in [
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(inert(formula.into()), format!("'{formula}"));
        }
        for text in ["Elon Musk", "إيلون ماسك", "a=b", "", "'quoted"] {
            assert_eq!(inert(text.into()), text);
        }
    }
}
