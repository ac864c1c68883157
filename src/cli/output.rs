//! Writing answers: to a file or standard output, as a table for people or in the W3C result
//! formats and RDF formats for programs; and the `stats` tables.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{bail, Context, Result};
use comfy_table::{presets, Table};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolutionIter};

use newskg::export::{self, ExportFormat};
use newskg::vocab::{Iris, PREFIXES};
use newskg::GraphStore;

/// A format for the solutions of SELECT and the boolean of ASK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultsFormat {
    /// A table for reading (Markdown when not on a terminal).
    Table,
    Csv,
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    #[value(alias = "srj")]
    Json,
    /// SPARQL Query Results XML (RDF/XML for CONSTRUCT and DESCRIBE).
    #[value(alias = "srx")]
    Xml,
}

/// What `newskg query --format` takes: a results format for SELECT and ASK, or an RDF format
/// of `newskg export` for CONSTRUCT and DESCRIBE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFormat {
    Results(ResultsFormat),
    Rdf(ExportFormat),
}

impl clap::ValueEnum for QueryFormat {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: LazyLock<Vec<QueryFormat>> = LazyLock::new(|| {
            let results = ResultsFormat::value_variants()
                .iter()
                .map(|f| QueryFormat::Results(*f));
            let rdf = ExportFormat::value_variants()
                .iter()
                .filter(|f| f.rdf().is_some())
                .map(|f| QueryFormat::Rdf(*f));
            results.chain(rdf).collect()
        });
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            Self::Results(f) => f.to_possible_value(),
            // `xml` stays the results format's name; for a graph it means RDF/XML anyway.
            Self::Rdf(ExportFormat::Rdfxml) => {
                Some(clap::builder::PossibleValue::new("rdfxml").aliases(["rdf", "rdf-xml"]))
            }
            Self::Rdf(f) => f.to_possible_value(),
        }
    }
}

impl QueryFormat {
    /// The format a file's extension names.
    fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?;
        <Self as clap::ValueEnum>::from_str(ext, true).ok()
    }

    fn results(self) -> Option<QueryResultsFormat> {
        Some(match self {
            Self::Results(ResultsFormat::Csv) => QueryResultsFormat::Csv,
            Self::Results(ResultsFormat::Tsv) => QueryResultsFormat::Tsv,
            Self::Results(ResultsFormat::Json) => QueryResultsFormat::Json,
            Self::Results(ResultsFormat::Xml) => QueryResultsFormat::Xml,
            _ => return None,
        })
    }

    fn rdf(self) -> Option<RdfFormat> {
        match self {
            Self::Results(ResultsFormat::Xml) => ExportFormat::Rdfxml.rdf(),
            Self::Rdf(f) => f.rdf(),
            Self::Results(_) => None,
        }
    }
}

/// Where an answer goes and in what format the user asked for.
pub struct Output<'a> {
    format: Option<QueryFormat>,
    path: Option<&'a Path>,
}

impl<'a> Output<'a> {
    pub fn new(format: Option<QueryFormat>, path: Option<&'a Path>) -> Self {
        Self { format, path }
    }

    /// `--format`, else the extension of `-o`.
    fn format(&self) -> Result<Option<QueryFormat>> {
        match (self.format, self.path) {
            (Some(f), _) => Ok(Some(f)),
            (None, Some(path)) => QueryFormat::from_path(path).map(Some).with_context(|| {
                format!(
                    "cannot tell the results format from the name {}; give --format ({})",
                    path.display(),
                    choices::<QueryFormat>()
                )
            }),
            (None, None) => Ok(None),
        }
    }
}

/// The names a value enum takes, each with its aliases: `turtle (ttl), trig, …`.
pub fn choices<T: clap::ValueEnum>() -> String {
    let names: Vec<String> = T::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|p| {
            let mut all = p.get_name_and_aliases();
            let name = all.next().unwrap_or_default().to_owned();
            let aliases: Vec<&str> = all.collect();
            match aliases.is_empty() {
                true => name,
                false => format!("{name} ({})", aliases.join(", ")),
            }
        })
        .collect();
    names.join(", ")
}

/// Runs `f` on the output file (gzip-compressed when its name ends in `.gz`) or on standard
/// output, buffered.
/// A temporary file in `dir` with the permissions of an ordinary new file (not the private ones
/// of a temporary file), since it becomes the output.
fn output_temp_file(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newskg-").suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

pub fn with_output(
    path: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match path {
        Some(path) => {
            // Written beside the target and renamed over it once complete: a failure half-way
            // (an error, a time limit, a full disk) leaves no half-written file, nor an old one
            // half-replaced.
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let temp = output_temp_file(dir)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let write = |e| format!("cannot write {}: {e}", path.display());
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
            {
                // No name or time in the header, so that the same graph gives the same bytes.
                let mut w = flate2::GzBuilder::new().mtime(0).write(
                    BufWriter::new(temp.as_file()),
                    flate2::Compression::default(),
                );
                f(&mut w)?;
                w.finish().map_err(|e| anyhow::anyhow!(write(e)))?.flush()?;
            } else {
                let mut w = BufWriter::new(temp.as_file());
                f(&mut w)?;
                w.flush().map_err(|e| anyhow::anyhow!(write(e)))?;
            }
            temp.persist(path)
                .map_err(|e| anyhow::anyhow!(write(e.error)))?;
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

/// Writes a query's answer: solutions, a boolean or a graph.
pub fn write_results(
    results: QueryResults<'static>,
    output: &Output<'_>,
    iris: &Iris,
) -> Result<()> {
    let format = output.format()?;
    match results {
        QueryResults::Graph(triples) => {
            let rdf = match format {
                None => RdfFormat::Turtle,
                Some(f) => f.rdf().with_context(|| {
                    format!("a CONSTRUCT or DESCRIBE query gives RDF; {f:?} is a results format: use turtle, trig, ntriples, nquads, rdfxml or jsonld")
                })?,
            };
            let quads = triples
                .map(|t| t.map(|t| t.in_graph(GraphName::DefaultGraph)))
                .collect::<Result<Vec<_>, _>>()?;
            with_output(output.path, |w| {
                Ok(export::write_quads(&quads, rdf, iris, w)?)
            })
        }
        results => {
            let sparql = match format {
                None | Some(QueryFormat::Results(ResultsFormat::Table)) => None,
                Some(f) => Some(f.results().with_context(|| {
                    format!("a SELECT or ASK query gives results; {f:?} is an RDF format: use table, csv, tsv, json or xml")
                })?),
            };
            with_output(output.path, |w| match (sparql, results) {
                (None, QueryResults::Boolean(b)) => Ok(writeln!(w, "{b}")?),
                (Some(f), QueryResults::Boolean(b)) => {
                    QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(w, b)?;
                    Ok(())
                }
                (None, QueryResults::Solutions(s)) => {
                    write_table(s, output.path.is_some(), iris, w)
                }
                (Some(f), QueryResults::Solutions(s)) => write_solutions(s, f, w),
                (_, QueryResults::Graph(_)) => unreachable!("handled above"),
            })
        }
    }
}

fn write_solutions(
    solutions: QuerySolutionIter<'static>,
    format: QueryResultsFormat,
    w: &mut dyn Write,
) -> Result<()> {
    let mut s = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(w, solutions.variables().to_vec())?;
    for solution in solutions {
        s.serialize(&solution?)?;
    }
    s.finish()?;
    Ok(())
}

/// A table for people: box drawing on a terminal, Markdown in a file or a pipe.
fn write_table(
    solutions: QuerySolutionIter<'static>,
    to_file: bool,
    iris: &Iris,
    w: &mut dyn Write,
) -> Result<()> {
    let markdown = to_file || !io::stdout().is_terminal();
    let (table, rows) = table(solutions, markdown, iris)?;
    writeln!(w, "{table}")?;
    writeln!(w, "{rows} row{}", if rows == 1 { "" } else { "s" })?;
    Ok(())
}

fn table(
    solutions: QuerySolutionIter<'static>,
    markdown: bool,
    iris: &Iris,
) -> Result<(Table, usize)> {
    let mut table = Table::new();
    table.load_preset(if markdown {
        presets::ASCII_MARKDOWN
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    let vars = solutions.variables().to_vec();
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
    Ok((table, rows))
}

/// A term as a person reads it in a table: prefixed names, literal values.
fn compact(term: &Term, iris: &Iris) -> String {
    match term {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            let best = PREFIXES
                .iter()
                .map(|(p, ns)| (*p, (*ns).to_owned()))
                .chain(iris.data_prefixes())
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

/// `newskg stats`: triples by graph, instances by class, statements by relation type.
pub fn stats(store: &GraphStore, iris: &Iris) -> Result<()> {
    with_output(None, |w| {
        for (title, sparql) in newskg::store::STATS_QUERIES {
            writeln!(w, "{title}")?;
            let QueryResults::Solutions(solutions) = store.query(sparql)? else {
                bail!("the {title:?} query is not a SELECT query");
            };
            writeln!(w, "{}\n", table(solutions, true, iris)?.0)?;
        }
        writeln!(w, "{} triples in all", store.len()?)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_picks_the_results_or_rdf_format() {
        let of = |name: &str| QueryFormat::from_path(Path::new(name));
        assert_eq!(of("a.csv"), Some(QueryFormat::Results(ResultsFormat::Csv)));
        assert_eq!(of("a.srj"), Some(QueryFormat::Results(ResultsFormat::Json)));
        assert_eq!(of("a.ttl"), Some(QueryFormat::Rdf(ExportFormat::Turtle)));
        assert_eq!(of("a.nq"), Some(QueryFormat::Rdf(ExportFormat::Nquads)));
        assert_eq!(of("a.docx"), None);
        assert_eq!(of("no-extension"), None);
    }

    #[test]
    fn xml_is_results_xml_for_solutions_and_rdf_xml_for_a_graph() {
        let xml = QueryFormat::Results(ResultsFormat::Xml);
        assert_eq!(xml.results(), Some(QueryResultsFormat::Xml));
        assert_eq!(xml.rdf(), Some(RdfFormat::RdfXml));
        let turtle = QueryFormat::Rdf(ExportFormat::Turtle);
        assert_eq!(
            (turtle.results(), turtle.rdf()),
            (None, Some(RdfFormat::Turtle))
        );
    }

    #[test]
    fn the_choices_list_every_name_with_its_aliases() {
        let export = choices::<ExportFormat>();
        assert!(export.starts_with("turtle (ttl), trig, "), "{export}");
        assert!(export.contains("dot (gv, graphviz)"), "{export}");
        let query = choices::<QueryFormat>();
        assert!(
            query.contains("json (srj)") && query.contains("rdfxml (rdf, rdf-xml)"),
            "{query}"
        );
    }
}
