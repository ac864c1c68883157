//! `newskg export`: the dataset or one graph, as RDF or as a property graph.

use std::path::Path;

use anyhow::{bail, Context, Result};
use oxigraph::model::GraphName;

use newskg::export::{self, pg, ExportFormat};
use newskg::pgraph::PropertyGraph;

use super::args::ExportArgs;
use super::config::Config;
use super::output::{choices, with_output};

/// Writes the store's graph, or one graph of it, in the format asked for.
pub fn run(args: ExportArgs) -> Result<()> {
    let formats = choices::<ExportFormat>();
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => ExportFormat::from_path(path).with_context(|| {
            format!(
                "cannot tell the export format from the name {}; give --format ({formats})",
                path.display()
            )
        })?,
        (None, None) => bail!(
            "export to standard output needs --format ({formats}), or give -o FILE with an extension"
        ),
    };
    let config = Config::new(&args.data, Some(&args.store))?;
    let store = config.store_for_reading()?;
    let graph = match &args.graph {
        Some(name) => Some(store.graph_named(name, &config.iris)?),
        None => None,
    };
    let output = args.output.as_deref();
    if format == ExportFormat::Nquads {
        let quads = store.stream_quads(graph.as_ref().map(GraphName::as_ref));
        return with_output(output, |w| Ok(export::write_nquads_stream(quads, w)?));
    }
    if format == ExportFormat::Trig && graph.is_none() {
        let mut graphs = vec![GraphName::DefaultGraph];
        graphs.extend(store.named_graphs()?.into_iter().map(GraphName::from));
        let quads_of = |g: &GraphName| store.stream_quads(Some(g.as_ref())).collect();
        return with_output(output, |w| {
            Ok(export::write_trig_stream(
                graphs,
                quads_of,
                &config.iris,
                w,
            )?)
        });
    }
    if let Some(rdf) = format.rdf() {
        let quads = store.quads(graph.as_ref().map(GraphName::as_ref))?;
        return with_output(output, |w| {
            Ok(export::write_quads(&quads, rdf, &config.iris, w)?)
        });
    }
    let mut pg = PropertyGraph::from_quads(&store.quads(None)?, &config.ontology);
    if let (Some(name), Some(graph)) = (&args.graph, &graph) {
        if *graph != GraphName::from(config.iris.article_graph(name)) {
            bail!(
                "--graph {name:?}: a property graph is made of statements, so it takes an \
                 article id (e.g. a000) or no --graph for all of them"
            );
        }
        pg = pg.only_article(name);
    }
    property_graph(&pg, format, output)
}

fn property_graph(pg: &PropertyGraph, format: ExportFormat, output: Option<&Path>) -> Result<()> {
    match format {
        ExportFormat::Graphml => with_output(output, |w| Ok(pg::write_graphml(pg, w)?)),
        ExportFormat::Cypher => with_output(output, |w| Ok(pg::write_cypher(pg, w)?)),
        ExportFormat::Dot => with_output(output, |w| Ok(pg::write_dot(pg, w)?)),
        ExportFormat::Neo4j => neo4j(pg, output),
        rdf => unreachable!("{rdf:?} is written from quads"),
    }
}

/// The two CSV files of `neo4j-admin database import`, in the directory `-o` names.
fn neo4j(pg: &PropertyGraph, output: Option<&Path>) -> Result<()> {
    let dir = output.context(
        "--format neo4j writes two files (nodes.csv, relationships.csv): give the \
         directory to write them to with -o DIR",
    )?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    // Written in memory first, so that a failure leaves no half-written pair of files.
    let (mut nodes, mut relationships) = (Vec::new(), Vec::new());
    pg::write_neo4j_csv(pg, &mut nodes, &mut relationships)?;
    for (name, bytes) in [
        (pg::NEO4J_NODES_FILE, nodes),
        (pg::NEO4J_RELATIONSHIPS_FILE, relationships),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "newskg: wrote {} nodes and {} relationships; import them into an empty Neo4j \
         database with:\n  {}",
        pg.nodes.len(),
        pg.edges.len(),
        pg::neo4j_import_command(dir)
    );
    Ok(())
}
