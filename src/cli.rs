//! The `newskg` command line: clap definitions, then one function per command.
//!
//! Arguments are turned into a [`Config`] (data directory, store location, base IRI) before any
//! work starts. Commands that read the store build it from the data first when it does not exist
//! yet, so that a new user's first `newskg query` just works.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use comfy_table::{presets, Table};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use newskg::export::{pg, ExportFormat};
use newskg::pgraph::PropertyGraph;
use newskg::vocab::{Iris, DEFAULT_BASE, PREFIXES};
use newskg::{export, queries, schema, GraphStore, Ontology};

/// Entities and relations extracted from news articles, as an RDF knowledge graph.
///
/// newskg validates extraction files (JSON), maps them to RDF in an embedded Oxigraph store,
/// answers canned SPARQL questions and exports the graph for other tools.
#[derive(Parser, Debug)]
#[command(name = "newskg", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate the extraction files, map them to RDF and load them into the store, replacing
    /// what an earlier build loaded.
    Build {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Validate the extraction files and report every problem; writes nothing.
    Check {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Run a canned query by name, or SPARQL from a file (--file) or a string (--sparql).
    Query {
        /// Name of a canned query (see `newskg queries`).
        #[arg(required_unless_present_any = ["file", "sparql"], conflicts_with_all = ["file", "sparql"])]
        name: Option<String>,
        /// Read the SPARQL query from this file.
        #[arg(long, short = 'f', conflicts_with = "sparql")]
        file: Option<PathBuf>,
        /// The SPARQL query itself.
        #[arg(long, short = 'e')]
        sparql: Option<String>,
        /// Output format: table, csv, tsv, json or xml for SELECT and ASK; turtle, trig,
        /// ntriples, nquads, rdfxml or jsonld for CONSTRUCT and DESCRIBE. Default: from the
        /// extension of --output, else a table (or Turtle).
        #[arg(long)]
        format: Option<String>,
        /// Write the results to this file instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// A parameter of the query, KEY=VALUE (repeatable). An entity is named by its id or by
        /// its name in Arabic or English; `newskg queries NAME` lists a query's parameters.
        #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param)]
        params: Vec<(String, String)>,
        /// Language of the labels in the output.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List the canned queries and the questions they answer; with a NAME, that query's
    /// parameters and result columns.
    Queries {
        /// A canned query to describe.
        name: Option<String>,
    },
    /// Export the dataset, or one graph, as RDF or as a property graph (GraphML, Neo4j CSV,
    /// Cypher, DOT) whose edges are the statements, with all their qualifiers.
    Export {
        /// RDF: turtle (ttl), trig, ntriples (nt), nquads (nq), rdfxml (rdf) or jsonld.
        /// Property graph: graphml, neo4j (nodes.csv and relationships.csv in the directory
        /// given by -o), cypher or dot. Default: from the extension of --output; required when
        /// writing to standard output.
        #[arg(long)]
        format: Option<String>,
        /// Only this graph: `ontology`, `entities`, an article id (e.g. `a000`) or a graph IRI.
        /// Property graphs take an article id: its statements and the entities they link.
        #[arg(long)]
        graph: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Count triples by graph, instances by class and statements by relation type.
    Stats {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print the JSON Schema of the extraction files (as committed in data/schema.json).
    Schema,
    /// Draw a picture of the graph: the network around one or two parties, or the timeline of
    /// two parties' relationship, as SVG or PNG.
    Draw {
        #[command(subcommand)]
        picture: Picture,
    },
}

#[derive(Subcommand, Debug)]
enum Picture {
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
struct DrawArgs {
    /// Write the picture to this file (repeatable); the extension picks the format: .svg or .png.
    #[arg(long, short = 'o', required = true, value_name = "FILE")]
    output: Vec<PathBuf>,
    /// Language of the labels; Arabic pictures are laid out right to left.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum LangArg {
    En,
    Ar,
}

fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

#[derive(Args, Debug)]
struct DataArgs {
    /// Data directory: entities.json, articles/*.json, *.jsonl and the source texts. Default:
    /// ./data when it holds entities.json, else the data bundled with newskg.
    #[arg(long, env = "NEWSKG_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct StoreArgs {
    /// Store directory. Default: $XDG_DATA_HOME/newskg/store (~/.local/share/newskg/store).
    #[arg(long, env = "NEWSKG_STORE", value_name = "DIR")]
    store: Option<PathBuf>,
    /// Use a throw-away store in memory, built from the data for this run.
    #[arg(long, conflicts_with = "store")]
    memory: bool,
    /// Base IRI of entities, articles, statements and graphs.
    #[arg(long, env = "NEWSKG_BASE", default_value = DEFAULT_BASE, value_name = "IRI")]
    base: String,
}

/// Where the data and the store are, and the IRIs to mint: validated once, before any work.
struct Config {
    data: PathBuf,
    store: Option<PathBuf>,
    iris: Iris,
    ontology: Ontology,
}

impl Config {
    fn new(data: &DataArgs, store: Option<&StoreArgs>) -> Result<Self> {
        let data = match &data.data {
            Some(d) => d.clone(),
            None => default_data_dir(),
        };
        let (store, base) = match store {
            Some(s) if s.memory => (None, s.base.as_str()),
            Some(s) => (
                Some(match &s.store {
                    Some(p) => p.clone(),
                    None => default_store_dir()?,
                }),
                s.base.as_str(),
            ),
            None => (None, DEFAULT_BASE),
        };
        Ok(Self {
            data,
            store,
            iris: Iris::new(base)?,
            ontology: Ontology::bundled()?,
        })
    }

    /// Opens the store, building it from the data first when it does not exist yet.
    fn store_for_reading(&self) -> Result<GraphStore> {
        match &self.store {
            Some(path) if GraphStore::exists(path) => GraphStore::open(path)
                .with_context(|| format!("cannot open the store at {}", path.display())),
            Some(path) => {
                eprintln!(
                    "newskg: no store at {} yet; building it from {}",
                    path.display(),
                    self.data.display()
                );
                self.build()
            }
            None => self.build(),
        }
    }

    fn build(&self) -> Result<GraphStore> {
        let started = Instant::now();
        // Validate and map before the store is opened or created: bad data writes nothing.
        let (dataset, quads) = newskg::compile(&self.data, &self.ontology, &self.iris)?;
        let store = match &self.store {
            Some(path) => {
                std::fs::create_dir_all(path).with_context(|| {
                    format!("cannot create the store directory {}", path.display())
                })?;
                GraphStore::open(path)
                    .with_context(|| format!("cannot open the store at {}", path.display()))?
            }
            None => GraphStore::memory()?,
        };
        store.replace_all(&quads)?;
        eprintln!(
            "newskg: loaded {} documents, {} entities, {} relations, {} triples into {} in {:.2} s",
            dataset.documents.len(),
            dataset.entities.len(),
            dataset.relation_count(),
            quads.len(),
            match &self.store {
                Some(p) => p.display().to_string(),
                None => "a store in memory".to_owned(),
            },
            started.elapsed().as_secs_f64()
        );
        Ok(store)
    }
}

/// `./data` when it looks like a data directory, else the directory newskg was built from.
fn default_data_dir() -> PathBuf {
    let local = PathBuf::from("data");
    if local.join("entities.json").is_file() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }
}

fn default_store_dir() -> Result<PathBuf> {
    match dirs::data_dir() {
        Some(d) => Ok(d.join("newskg").join("store")),
        None => bail!("no home directory to put the store in: give --store DIR or --memory"),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build { data, store } => {
            Config::new(&data, Some(&store))?.build()?;
        }
        Command::Check { data } => {
            let config = Config::new(&data, None)?;
            let dataset = newskg::validate::load_dir(&config.data, &config.ontology)?;
            println!(
                "{}: {} documents, {} entities, {} relations: no problems",
                config.data.display(),
                dataset.documents.len(),
                dataset.entities.len(),
                dataset.relation_count()
            );
        }
        Command::Queries { name: None } => list_queries()?,
        Command::Queries { name: Some(name) } => describe_query(&canned(&name)?)?,
        Command::Query {
            name,
            file,
            sparql,
            format,
            output,
            params,
            lang,
            data,
            store,
        } => {
            let lang = match lang {
                LangArg::En => queries::Lang::En,
                LangArg::Ar => queries::Lang::Ar,
            };
            let config = Config::new(&data, Some(&store))?;
            let (text, query) = match (name, file, sparql) {
                (Some(name), _, _) => {
                    let q = canned(&name)?;
                    (q.sparql.to_owned(), Some(q))
                }
                (_, Some(file), _) => (
                    std::fs::read_to_string(&file).with_context(|| {
                        format!("cannot read the query file {}", file.display())
                    })?,
                    None,
                ),
                (_, _, Some(s)) => (s, None),
                _ => unreachable!("clap requires one of them"),
            };
            let store = config.store_for_reading()?;
            let bindings = match &query {
                Some(q) => queries::bindings(q, &params, lang, &store)?,
                None => params
                    .iter()
                    .map(|(k, v)| adhoc_binding(k, v))
                    .collect::<Result<_>>()?,
            };
            let results = match (store.query_with(&text, bindings)?, &query) {
                (QueryResults::Solutions(s), Some(q)) => {
                    QueryResults::Solutions(queries::present(q, s))
                }
                (results, _) => results,
            };
            write_results(results, format.as_deref(), output.as_deref(), &config.iris)?;
        }
        Command::Export {
            format,
            graph,
            output,
            data,
            store,
        } => {
            let format = export_format(format.as_deref(), output.as_deref())?;
            let config = Config::new(&data, Some(&store))?;
            let store = config.store_for_reading()?;
            let name = graph
                .as_deref()
                .map(|g| graph_name(g, &config.iris))
                .transpose()?;
            if let (Some(g), Some(name)) = (&graph, &name) {
                if !store.has_graph(name)? {
                    let known: Vec<String> = store
                        .named_graphs()?
                        .iter()
                        .map(|g| g.to_string())
                        .collect();
                    return Err(newskg::Error::UnknownGraph {
                        name: g.clone(),
                        known: known.join(", "),
                    }
                    .into());
                }
            }
            match format {
                ExportFormat::Rdf(format) => {
                    let quads = store.quads(name.as_ref().map(GraphName::as_ref))?;
                    with_output(output.as_deref(), |w| {
                        Ok(export::write_quads(&quads, format, &config.iris, w)?)
                    })?;
                }
                format => {
                    let mut pg = PropertyGraph::from_quads(&store.quads(None)?, &config.ontology);
                    if let Some(g) = &graph {
                        let article = matches!(&name, Some(GraphName::NamedNode(n))
                            if *n == config.iris.article_graph(g));
                        if !article {
                            bail!(
                                "--graph {g:?}: a property graph is made of statements, so it \
                                 takes an article id (e.g. a000) or no --graph for all of them"
                            );
                        }
                        pg = pg.only_article(g);
                    }
                    export_property_graph(&pg, format, output.as_deref())?;
                }
            }
        }
        Command::Stats { data, store } => {
            let config = Config::new(&data, Some(&store))?;
            let store = config.store_for_reading()?;
            with_output(None, |w| stats(&store, &config.iris, w))?;
        }
        Command::Draw { picture } => draw(picture)?,
        Command::Schema => {
            let ontology = Ontology::bundled()?;
            print!("{}", schema::json_schema_text(&ontology));
        }
    }
    Ok(())
}

enum DrawFormat {
    Svg,
    Png,
}

fn draw(picture: Picture) -> Result<()> {
    let (parties, out, timeline) = match picture {
        Picture::Network { party, party2, out } => (
            std::iter::once(party).chain(party2).collect::<Vec<_>>(),
            out,
            false,
        ),
        Picture::Timeline { party, party2, out } => (vec![party, party2], out, true),
    };
    // Every output name is checked before any work, so a typo writes nothing.
    let formats = out
        .output
        .iter()
        .map(|path| {
            match path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("svg") => Ok(DrawFormat::Svg),
                Some("png") => Ok(DrawFormat::Png),
                _ => bail!(
                    "cannot tell the picture format from the name {}: end it in .svg or .png",
                    path.display()
                ),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let lang = match out.lang {
        LangArg::En => queries::Lang::En,
        LangArg::Ar => queries::Lang::Ar,
    };
    let config = Config::new(&out.data, Some(&out.store))?;
    let store = config.store_for_reading()?;
    let graph = newskg::pgraph::PropertyGraph::from_quads(&store.quads(None)?, &config.ontology);
    let ids = parties
        .iter()
        .map(|given| {
            let iri = queries::resolve_entity(&store, given)?;
            graph
                .nodes
                .iter()
                .find(|n| n.text("iri") == Some(iri.as_str()))
                .map(|n| n.id.clone())
                .with_context(|| format!("{given:?} is not an entity that can be drawn"))
        })
        .collect::<Result<Vec<_>>>()?;
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let svg = if timeline {
        newskg::draw::timeline(&graph, ids[0], ids[1], lang)?
    } else {
        newskg::draw::network(&graph, &ids, lang)?
    };
    // Render every PNG before writing anything, so a missing font writes no file.
    let mut files = Vec::new();
    let mut png = None;
    for (path, format) in out.output.iter().zip(formats) {
        let bytes = match format {
            DrawFormat::Svg => svg.as_bytes().to_vec(),
            DrawFormat::Png => match &png {
                Some(p) => Vec::clone(p),
                None => {
                    let p = newskg::draw::render_png(&svg)?;
                    png = Some(p.clone());
                    p
                }
            },
        };
        files.push((path, bytes));
    }
    for (path, bytes) in files {
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("newskg: wrote {}", path.display());
    }
    Ok(())
}

/// The canned query that `query NAME --help` asks about, if the arguments are that.
pub fn canned_query_help(args: impl Iterator<Item = String>) -> Option<String> {
    let args: Vec<String> = args.collect();
    let help = args.iter().any(|a| a == "--help" || a == "-h");
    match args.as_slice() {
        [command, name, ..] if help && command == "query" => {
            queries::get(name).map(|q| q.name.to_owned())
        }
        _ => None,
    }
}

/// Prints what the canned query `name` asks, its parameters and its columns, then the options.
pub fn describe(name: &str) -> Result<()> {
    describe_query(&canned(name)?)?;
    println!(
        "\nOptions: see `newskg query --help` (--format, -o, --lang, --store, --data, --memory)."
    );
    Ok(())
}

fn canned(name: &str) -> Result<queries::CannedQuery> {
    queries::get(name).ok_or_else(|| {
        let known: Vec<_> = queries::all().iter().map(|q| q.name).collect();
        newskg::Error::UnknownQuery {
            name: name.to_owned(),
            known: known.join(", "),
        }
        .into()
    })
}

/// A `--param` of a query given as SPARQL: `<IRI>` binds an IRI, anything else a string.
fn adhoc_binding(name: &str, value: &str) -> Result<(oxigraph::sparql::Variable, Term)> {
    let variable = oxigraph::sparql::Variable::new(name.trim_start_matches(['?', '$']))
        .with_context(|| format!("--param {name:?}: not a SPARQL variable name"))?;
    let term: Term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri)
            .with_context(|| format!("--param {name}: {value:?} is not a valid IRI"))?
            .into(),
        None => oxigraph::model::Literal::from(value).into(),
    };
    Ok((variable, term))
}

fn describe_query(q: &queries::CannedQuery) -> Result<()> {
    with_output(None, |w| {
        writeln!(w, "{}: {}\n", q.name, q.title)?;
        writeln!(w, "  {}\n  {}\n", q.question_en, q.question_ar)?;
        writeln!(
            w,
            "Usage: newskg query {} [--param KEY=VALUE]... [--lang en|ar]\n",
            q.name
        )?;
        writeln!(w, "Parameters:")?;
        if q.params.is_empty() {
            writeln!(w, "  (none)")?;
        }
        for p in &q.params {
            let kind = match p.kind {
                queries::ParamKind::Entity => "entity: id, or name in Arabic or English",
                queries::ParamKind::Text => "text",
            };
            let default = p
                .default
                .as_deref()
                .map(|d| format!(" [default: {d}]"))
                .unwrap_or_default();
            writeln!(w, "  {:<12} {} ({kind}){default}", p.name, p.description)?;
        }
        writeln!(w, "\nColumns:")?;
        for c in &q.columns {
            let list = if c.list {
                " (a list, joined by \"; \")"
            } else {
                ""
            };
            writeln!(w, "  {:<12} {}{list}", c.name, c.description)?;
        }
        Ok(())
    })
}

fn list_queries() -> Result<()> {
    with_output(None, |w| {
        for q in queries::all() {
            writeln!(w, "{:<16} {}", q.name, q.title)?;
            if !q.question_en.is_empty() {
                writeln!(w, "{:<16} {}", "", q.question_en)?;
            }
            if !q.question_ar.is_empty() {
                writeln!(w, "{:<16} {}", "", q.question_ar)?;
            }
        }
        Ok(())
    })
}

/// `ontology`, `entities`, an article id or an IRI, as a graph name.
fn graph_name(name: &str, iris: &Iris) -> Result<GraphName> {
    Ok(match name {
        "ontology" => newskg::vocab::nkg::ONTOLOGY.into_owned().into(),
        "entities" => iris.entities_graph().into(),
        n if n.contains(':') => {
            let n = n.trim_start_matches('<').trim_end_matches('>');
            NamedNode::new(n)
                .with_context(|| format!("--graph {name:?} is not a valid IRI"))?
                .into()
        }
        id => iris.article_graph(id).into(),
    })
}

fn export_format(name: Option<&str>, output: Option<&Path>) -> Result<ExportFormat> {
    pick_format(
        FormatChoice {
            name,
            output,
            kind: "export",
            known: export::EXPORT_FORMAT_NAMES,
            what: "export",
        },
        ExportFormat::from_name,
        ExportFormat::from_path,
    )
}

fn export_property_graph(
    pg: &PropertyGraph,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<()> {
    match format {
        ExportFormat::GraphMl => with_output(output, |w| Ok(pg::write_graphml(pg, w)?)),
        ExportFormat::Cypher => with_output(output, |w| Ok(pg::write_cypher(pg, w)?)),
        ExportFormat::Dot => with_output(output, |w| Ok(pg::write_dot(pg, w)?)),
        ExportFormat::Neo4j => {
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
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
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
        ExportFormat::Rdf(_) => unreachable!("RDF is written from quads"),
    }
}

fn rdf_format(name: Option<&str>, output: Option<&Path>, what: &str) -> Result<RdfFormat> {
    pick_format(
        FormatChoice {
            name,
            output,
            kind: "RDF",
            known: export::FORMAT_NAMES,
            what,
        },
        export::format_from_name,
        export::format_from_path,
    )
}

/// What the user said about an output format: `--format`, `-o`, and words for the errors.
struct FormatChoice<'a> {
    name: Option<&'a str>,
    output: Option<&'a Path>,
    /// "RDF", "export": the kind of format, for error messages.
    kind: &'a str,
    /// The names `--format` accepts.
    known: &'a str,
    /// What is being written, for the error when neither --format nor -o is given.
    what: &'a str,
}

/// The format from `--format`, else from the extension of `-o`; standard output needs
/// `--format`, since nothing there tells the format.
fn pick_format<F>(
    choice: FormatChoice<'_>,
    from_name: impl Fn(&str) -> Option<F>,
    from_path: impl Fn(&Path) -> Option<F>,
) -> Result<F> {
    let FormatChoice {
        name,
        output,
        kind,
        known,
        what,
    } = choice;
    if let Some(name) = name {
        return from_name(name)
            .with_context(|| format!("unknown {kind} format {name:?}; use one of: {known}"));
    }
    match output {
        Some(path) => from_path(path).with_context(|| {
            format!(
                "cannot tell the {kind} format from the name {}; give --format ({known})",
                path.display()
            )
        }),
        None => bail!(
            "{what} to standard output needs --format ({known}), or give -o FILE with an extension"
        ),
    }
}

/// Runs `f` on the output file or on standard output, buffered.
fn with_output(path: Option<&Path>, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match path {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = BufWriter::new(file);
            f(&mut w)?;
            w.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let stdout = io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            f(&mut w)?;
            w.flush()?;
        }
    }
    Ok(())
}

enum ResultsOutput {
    Table,
    Sparql(QueryResultsFormat),
}

fn results_format(name: &str) -> Option<ResultsOutput> {
    Some(match name.to_ascii_lowercase().as_str() {
        "table" => ResultsOutput::Table,
        "csv" => ResultsOutput::Sparql(QueryResultsFormat::Csv),
        "tsv" => ResultsOutput::Sparql(QueryResultsFormat::Tsv),
        "json" | "srj" => ResultsOutput::Sparql(QueryResultsFormat::Json),
        "xml" | "srx" => ResultsOutput::Sparql(QueryResultsFormat::Xml),
        _ => return None,
    })
}

fn write_results(
    results: QueryResults<'static>,
    format: Option<&str>,
    output: Option<&Path>,
    iris: &Iris,
) -> Result<()> {
    let ext = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_owned);
    match results {
        QueryResults::Graph(triples) => {
            let format = match (format, output) {
                (None, None) => RdfFormat::Turtle,
                (f, o) => rdf_format(f, o, "a CONSTRUCT or DESCRIBE query")?,
            };
            let quads = triples
                .map(|t| t.map(|t| t.in_graph(GraphName::DefaultGraph)))
                .collect::<Result<Vec<_>, _>>()?;
            with_output(output, |w| {
                Ok(export::write_quads(&quads, format, iris, w)?)
            })
        }
        results => {
            let kind = match format.or(ext.as_deref()) {
                Some(name) => results_format(name).with_context(|| {
                    format!("unknown results format {name:?}; use table, csv, tsv, json or xml")
                })?,
                None => ResultsOutput::Table,
            };
            with_output(output, |w| match (kind, results) {
                (ResultsOutput::Table, QueryResults::Boolean(b)) => Ok(writeln!(w, "{b}")?),
                (ResultsOutput::Sparql(f), QueryResults::Boolean(b)) => {
                    QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(w, b)?;
                    Ok(())
                }
                (ResultsOutput::Table, QueryResults::Solutions(solutions)) => {
                    let mut table = Table::new();
                    table.load_preset(presets::UTF8_FULL_CONDENSED);
                    if !io::stdout().is_terminal() || output.is_some() {
                        table.load_preset(presets::ASCII_MARKDOWN);
                    }
                    let vars: Vec<_> = solutions.variables().to_vec();
                    table.set_header(vars.iter().map(|v| v.as_str().to_owned()));
                    let mut rows = 0;
                    for solution in solutions {
                        let solution = solution?;
                        table.add_row(vars.iter().map(|v| {
                            solution
                                .get(v)
                                .map(|t| compact(t, iris))
                                .unwrap_or_default()
                        }));
                        rows += 1;
                    }
                    writeln!(w, "{table}")?;
                    writeln!(w, "{rows} row{}", if rows == 1 { "" } else { "s" })?;
                    Ok(())
                }
                (ResultsOutput::Sparql(f), QueryResults::Solutions(solutions)) => {
                    let mut s = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(w, solutions.variables().to_vec())?;
                    for solution in solutions {
                        s.serialize(&solution?)?;
                    }
                    s.finish()?;
                    Ok(())
                }
                (_, QueryResults::Graph(_)) => unreachable!("handled above"),
            })
        }
    }
}

/// A term as a person reads it in a table: prefixed names, literal values.
fn compact(term: &Term, iris: &Iris) -> String {
    match term {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            let data = iris.data_prefixes();
            let best = PREFIXES
                .iter()
                .map(|(p, ns)| (*p, (*ns).to_owned()))
                .chain(data)
                .filter(|(_, ns)| iri.starts_with(ns.as_str()))
                .max_by_key(|(_, ns)| ns.len());
            match best {
                Some((p, ns)) => format!("{p}:{}", &iri[ns.len()..]),
                None => format!("<{iri}>"),
            }
        }
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

const STATS_GRAPHS: &str = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY ?graph";
const STATS_CLASSES: &str = "PREFIX nkg: <https://newskg.example/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?instances) WHERE {
  GRAPH ?g { ?s a ?class } FILTER(?g != <https://newskg.example/ontology>)
} GROUP BY ?class ORDER BY DESC(?instances) ?class";
const STATS_RELATIONS: &str = "PREFIX nkg: <https://newskg.example/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?relation (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?edge) AS ?edges) WHERE {
  ?st a nkg:Statement ; rdf:predicate ?relation ; rdf:subject ?s ; rdf:object ?o .
  OPTIONAL { ?s ?relation ?o BIND(CONCAT(STR(?s), ' ', STR(?o)) AS ?edge) }
} GROUP BY ?relation ORDER BY ?relation";

fn stats(store: &GraphStore, iris: &Iris, w: &mut dyn Write) -> Result<()> {
    for (title, sparql) in [
        ("Triples by graph", STATS_GRAPHS),
        ("Instances by class", STATS_CLASSES),
        (
            "Statements and direct edges by relation type",
            STATS_RELATIONS,
        ),
    ] {
        writeln!(w, "{title}")?;
        let results = store.query(sparql)?;
        let QueryResults::Solutions(solutions) = results else {
            unreachable!("SELECT queries")
        };
        let mut table = Table::new();
        table.load_preset(presets::ASCII_MARKDOWN);
        let vars = solutions.variables().to_vec();
        table.set_header(vars.iter().map(|v| v.as_str().to_owned()));
        for s in solutions {
            let s = s?;
            table.add_row(
                vars.iter()
                    .map(|v| s.get(v).map(|t| compact(t, iris)).unwrap_or_default()),
            );
        }
        writeln!(w, "{table}\n")?;
    }
    writeln!(w, "{} triples in all", store.len()?)?;
    Ok(())
}
