//! The command line as clap reads it: the commands, their flags and their help texts (the doc
//! comments). Nothing here does work; `Config` turns these into what the commands use.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use newskg::export::ExportFormat;
use newskg::vocab::DEFAULT_BASE;
use newskg::wording::Lang;

use super::canned::CannedName;
use super::output::QueryFormat;

/// Entities and relations extracted from news articles, as an RDF knowledge graph.
///
/// newskg validates extraction files (JSON), maps them to RDF in an embedded Oxigraph store,
/// answers canned SPARQL questions and exports the graph for other tools.
#[derive(Parser, Debug)]
#[command(name = "newskg", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate the extraction files, map them to RDF and load them into the store, replacing
    /// what an earlier build loaded: only the articles (and entities) that changed since it,
    /// unless --full.
    Build {
        /// Load everything again, rather than only what changed since the last build.
        #[arg(long)]
        full: bool,
        /// No progress bar (none is drawn when standard error is not a terminal anyway).
        #[arg(long, short = 'q')]
        quiet: bool,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Validate the extraction files and report every problem; writes nothing, unless --fix.
    Check {
        /// Write the offsets of quotes given without them into the files (once each quote is
        /// found in its text), changing nothing else in them.
        #[arg(long)]
        fix: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Run a canned query by name, or SPARQL from a file (--file) or a string (--sparql).
    Query(QueryArgs),
    /// List the canned queries and the questions they answer; with a NAME, that query's
    /// parameters and result columns.
    Queries {
        /// A canned query to describe.
        name: Option<String>,
    },
    /// Export the dataset, or one graph, as RDF or as a property graph (GraphML, Neo4j CSV,
    /// Cypher, DOT) whose edges are the statements, with all their qualifiers.
    Export(ExportArgs),
    /// Count triples by graph, instances by class and statements by relation type.
    Stats {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print the JSON Schema of the extraction files (as committed in data/schema.json).
    Schema,
    /// Write a synthetic corpus, shaped like the bundled one, that `newskg build` accepts as it
    /// is: JSON Lines records and one source text per document. Seeded: the same arguments give
    /// the same bytes.
    Synth {
        /// How many relations.
        #[arg(long, value_name = "N")]
        relations: usize,
        /// The data directory to write (records.jsonl and corpus/).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// About how many relations each document holds.
        #[arg(long, default_value_t = 10, value_name = "N")]
        per_document: usize,
        /// The seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Serve the store over HTTP, read-only: SPARQL 1.1 Protocol at /query (and /sparql), the
    /// Graph Store Protocol's read side at /store, the canned queries at /queries/NAME. Each
    /// query runs in a process of its own, killed at the time limit.
    Serve(ServeArgs),
    /// Push the store's graphs to a remote Graph Store Protocol endpoint (the Oxigraph server,
    /// Virtuoso, Fuseki, GraphDB), each replaced whole by PUT; with --changed, only those that
    /// changed since the last push there. Graphs that an earlier push put there and that the
    /// store no longer has are deleted.
    Push(PushArgs),
    /// Write the graph as a static web site in Arabic and English: a page per entity, article
    /// (its text with every quote marked) and statement, the canned questions answered, the
    /// pictures, and a search over the names. Plain files with relative links: open
    /// DIR/index.html from disk or put DIR on any static host.
    Site {
        /// The folder to write: new, empty, or a site written before (which is replaced whole).
        #[arg(long, short = 'o', value_name = "DIR")]
        output: PathBuf,
        /// The address of a `newskg serve` of this store (`/` when it serves the site itself):
        /// the site then has a query page whose forms ask it.
        #[arg(long, value_name = "URL")]
        served_at: Option<String>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Draw a picture of the graph: the network around one or two parties, or the timeline of
    /// two parties' relationship, as SVG or PNG.
    Draw {
        #[command(subcommand)]
        picture: Picture,
    },
}

#[derive(Args, Debug)]
#[command(
    args_conflicts_with_subcommands = false,
    subcommand_value_name = "NAME"
)]
pub struct QueryArgs {
    /// A canned query (see `newskg queries`); `newskg query NAME --help` tells its parameters
    /// and columns.
    #[command(subcommand)]
    pub canned: Option<CannedName>,
    /// Name of a canned query that newskg does not have (reported with the known ones).
    #[arg(hide = true, conflicts_with_all = ["file", "sparql"])]
    pub name: Option<String>,
    /// Read the SPARQL query from this file (`-`: standard input).
    #[arg(long, short = 'f', conflicts_with = "sparql")]
    pub file: Option<PathBuf>,
    /// The SPARQL query itself.
    #[arg(long, short = 'e')]
    pub sparql: Option<String>,
    /// A graph of the default graph of a --file or --sparql query (repeatable), as the
    /// protocol's default-graph-uri; without it, the default graph is the union of all graphs.
    #[arg(long, value_name = "IRI")]
    pub default_graph: Vec<String>,
    /// A graph that GRAPH may read in a --file or --sparql query (repeatable), as the
    /// protocol's named-graph-uri; without it, all of them.
    #[arg(long, value_name = "IRI")]
    pub named_graph: Vec<String>,
    /// Output format: table, csv, tsv, json or xml for SELECT and ASK; turtle, trig,
    /// ntriples, nquads, rdfxml or jsonld for CONSTRUCT and DESCRIBE. Default: from the
    /// extension of --output, else a table (or Turtle).
    #[arg(long, value_enum, global = true)]
    pub format: Option<QueryFormat>,
    /// Write the results to this file instead of standard output.
    #[arg(long, short = 'o', global = true)]
    pub output: Option<PathBuf>,
    /// A parameter of the query, KEY=VALUE (repeatable). An entity is named by its id or by
    /// its name in Arabic or English; `newskg queries NAME` lists a query's parameters.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param, global = true)]
    pub params: Vec<(String, String)>,
    /// Language of the labels in the output.
    #[arg(long, value_enum, default_value = "en", global = true)]
    pub lang: Lang,
    /// Stop the query after this many seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 300, global = true)]
    pub timeout: u64,
    /// Refuse an answer of more than this many rows, writing nothing (0: no limit).
    #[arg(long, value_name = "ROWS", default_value_t = 1_000_000, global = true)]
    pub max_rows: u64,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The address and port to listen on. The default serves this machine only; another
    /// address serves whoever can reach it (put a reverse proxy with TLS in front).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// Stop a query after this many seconds, killing its process (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Refuse an answer of more than this many rows or triples (0: no limit).
    #[arg(long, value_name = "ROWS", default_value_t = 100_000)]
    pub max_rows: u64,
    /// Refuse an answer of more than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 256 << 20)]
    pub max_bytes: u64,
    /// How many queries run at once. Default: the number of cores.
    #[arg(long, value_name = "N")]
    pub max_queries: Option<usize>,
    /// How many queries may wait for one of those to end; beyond them, 503.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub queue: usize,
    /// Let web pages from this origin query the server (CORS), e.g. https://yasgui.org, or *
    /// for any. Default: none.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// The Graph Store endpoint: e.g. the Oxigraph server's http://HOST:7878/store, Virtuoso's
    /// http://HOST:8890/sparql-graph-crud-auth, Fuseki's http://HOST:3030/DATASET/data.
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Only this graph: `ontology`, `entities`, an article id or a graph IRI.
    #[arg(long)]
    pub graph: Option<String>,
    /// Send only the graphs whose content changed since the last push to this endpoint.
    #[arg(long)]
    pub changed: bool,
    /// The endpoint's name for the graph parameter. Default: graph-uri for Virtuoso's
    /// sparql-graph-crud, else graph.
    #[arg(long, value_name = "NAME")]
    pub graph_param: Option<String>,
    /// The user to authenticate as (HTTP Basic).
    #[arg(long)]
    pub user: Option<String>,
    /// The environment variable that holds the password.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// A file whose first line is the password.
    #[arg(long, value_name = "FILE", conflicts_with = "password_env")]
    pub password_file: Option<PathBuf>,
    /// How many times a graph is sent again after a transient failure (no connection, a
    /// timeout, a 5xx answer), waiting 0.5 s, then twice as long each time.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub retries: u32,
    /// No progress bar (none is drawn when standard error is not a terminal anyway).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The format. Default: from the extension of --output; required when writing to
    /// standard output.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Only this graph: `ontology`, `entities`, an article id (e.g. `a000`) or a graph IRI.
    /// Property graphs take an article id: its statements and the entities they link.
    #[arg(long)]
    pub graph: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Subcommand, Debug)]
pub enum Picture {
    /// Who did what to whom around one party, or two (drawn left and right, shared neighbours
    /// between them): one line per relation type, direction and status, labelled with the
    /// dates and amounts of its statements.
    Network {
        /// A party: an entity id or its name in Arabic or English.
        party: String,
        /// A second party, drawn opposite the first.
        party2: Option<String>,
        #[command(flatten)]
        out: DrawArgs,
    },
    /// The relationship of two parties over time: a lane per relation type, every statement
    /// between them (and meetings where both are present) at its date or over its period.
    Timeline {
        /// The first party: an entity id or its name in Arabic or English.
        party: String,
        /// The second party.
        party2: String,
        #[command(flatten)]
        out: DrawArgs,
    },
}

#[derive(Args, Debug)]
pub struct DrawArgs {
    /// Write the picture to this file (repeatable); the extension picks the format: .svg or .png.
    #[arg(long, short = 'o', required = true, value_name = "FILE")]
    pub output: Vec<PathBuf>,
    /// Language of the labels; Arabic pictures are laid out right to left.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: Lang,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

#[derive(Args, Debug)]
pub struct DataArgs {
    /// Data directory: entities.json, articles/*.json, *.jsonl and the source texts. Default:
    /// ./data when it holds entities.json, else the data bundled with newskg.
    #[arg(long, env = "NEWSKG_DATA", value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct StoreArgs {
    /// Store directory. Default: $XDG_DATA_HOME/newskg/store (~/.local/share/newskg/store).
    #[arg(long, env = "NEWSKG_STORE", value_name = "DIR", global = true)]
    pub store: Option<PathBuf>,
    /// Use a throw-away store in memory, built from the data for this run.
    #[arg(long, conflicts_with = "store", global = true)]
    pub memory: bool,
    /// Base IRI of entities, articles, statements and graphs.
    #[arg(long, env = "NEWSKG_BASE", default_value = DEFAULT_BASE, value_name = "IRI", global = true)]
    pub base: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_param_is_key_equals_value_and_the_value_may_hold_equals_signs() {
        assert_eq!(parse_param("a=musk"), Ok(("a".into(), "musk".into())));
        assert_eq!(parse_param(" id =a=b"), Ok(("id".into(), "a=b".into())));
        assert!(parse_param("=x").is_err());
        assert!(parse_param("novalue").is_err());
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
