//! `newskg query` and `newskg queries`: canned or free SPARQL against the store, and what the
//! canned queries ask.

use anyhow::{Context, Result};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, Variable};

use newskg::{queries, GraphStore};

use super::args::QueryArgs;
use super::canned::describe;
use super::config::Config;
use super::limits::Limits;
use super::output::{with_output, write_results, Output};

/// Runs a canned query (with its parameters bound) or the user's SPARQL, and writes the answer.
pub fn run(args: QueryArgs) -> Result<()> {
    let config = Config::new(&args.data, Some(&args.store))?;
    let canned = match args.canned.as_ref().map(|c| &c.0).or(args.name.as_ref()) {
        Some(name) => Some(queries::named(name)?),
        None => None,
    };
    let text = match (canned, &args.file, args.sparql.clone()) {
        (Some(q), _, _) => q.sparql.to_owned(),
        (None, Some(file), _) if file.as_os_str() == "-" => {
            std::io::read_to_string(std::io::stdin())
                .context("cannot read the query from standard input")?
        }
        (None, Some(file), _) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the query file {}", file.display()))?,
        (None, None, Some(sparql)) => sparql,
        (None, None, None) => anyhow::bail!(
            "name a canned query (see `newskg queries`), or give SPARQL with --file or --sparql"
        ),
    };
    let store = config.store_for_reading()?;
    let limits = Limits {
        time: (args.timeout > 0).then(|| std::time::Duration::from_secs(args.timeout)),
        rows: (args.max_rows > 0).then_some(args.max_rows),
    };
    let results = match canned {
        Some(q) => QueryResults::Solutions(canned_rows(&store, q, &args, &config, limits)?),
        None => {
            let bindings = args
                .params
                .iter()
                .map(|(k, v)| adhoc_binding(k, v))
                .collect::<Result<_>>()?;
            let dataset = newskg::QueryDataset {
                default_graphs: graph_iris(&args.default_graph, "--default-graph")?,
                named_graphs: graph_iris(&args.named_graph, "--named-graph")?,
            };
            match store.query_in(&text, bindings, &dataset, limits.token()) {
                Ok(results) => limits.apply(results),
                Err(newskg::Error::Syntax(e)) => return Err(syntax_error(&text, &e)),
                Err(newskg::Error::Evaluation(e)) => return Err(limits.explain(e).into()),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let output = Output::new(args.format, args.output.as_deref());
    write_results(results, &output, &config.iris)
}

/// The parser's complaint about the user's query, with the line it stands on and a caret under
/// the column; the parser's list of what it expected there is cut short.
fn syntax_error(text: &str, e: &oxigraph::sparql::SparqlSyntaxError) -> anyhow::Error {
    let message = e.to_string();
    let place = message.strip_prefix("error at ").and_then(|rest| {
        let (at, what) = rest.split_once(": ")?;
        let (line, column) = at.split_once(':')?;
        Some((
            line.parse::<usize>().ok()?,
            column.parse::<usize>().ok()?,
            what,
        ))
    });
    let Some((line, column, what)) = place else {
        return anyhow::anyhow!("the SPARQL query does not parse: {message}");
    };
    let what: String = match what.char_indices().nth(160) {
        Some((cut, _)) => format!("{} …", &what[..cut]),
        None => what.to_owned(),
    };
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let gutter = " ".repeat(line.to_string().len());
    anyhow::anyhow!(
        "the SPARQL query does not parse at line {line}, column {column}: {what}\n  {line} | \
         {source}\n  {gutter} | {}^",
        " ".repeat(source.chars().take(column.saturating_sub(1)).count())
    )
}

/// The rows of a canned query, asked once per set of parameter values, each row once; a hint on
/// standard error when there are none.
fn canned_rows(
    store: &GraphStore,
    q: &queries::CannedQuery,
    args: &QueryArgs,
    config: &Config,
    limits: Limits,
) -> Result<QuerySolutionIter<'static>> {
    let mut variables = None;
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let token = limits.token();
    for bindings in queries::binding_sets(q, &args.params, args.lang, store)? {
        let results = match store.query_until(q.sparql, bindings, token.clone()) {
            Ok(results) => limits.apply(results),
            Err(newskg::Error::Evaluation(e)) => return Err(limits.explain(e).into()),
            Err(e) => return Err(e.into()),
        };
        let QueryResults::Solutions(solutions) = results else {
            anyhow::bail!("the canned query {} is not a SELECT query", q.name);
        };
        let solutions = queries::present_in(q, solutions, args.lang, &config.ontology.key_labels);
        variables.get_or_insert_with(|| solutions.variables().to_vec());
        for row in solutions {
            let row = row?;
            let values: Vec<Option<Term>> = row.values().to_vec();
            if seen.insert(values) {
                rows.push(Ok(row));
            }
        }
    }
    if rows.is_empty() {
        if let Some(hint) = queries::no_rows_hint(store, q, &args.params)? {
            eprintln!("newskg: no rows: {hint}");
        }
    }
    let variables = variables.unwrap_or_default();
    Ok(QuerySolutionIter::new(variables.into(), rows))
}

/// The IRIs of `--default-graph` or `--named-graph`.
fn graph_iris(given: &[String], flag: &str) -> Result<Vec<NamedNode>> {
    given
        .iter()
        .map(|iri| NamedNode::new(iri).with_context(|| format!("{flag} {iri:?} is not an IRI")))
        .collect()
}

/// A `--param` of a query given as SPARQL: `<IRI>` binds an IRI, anything else a string.
fn adhoc_binding(name: &str, value: &str) -> Result<(Variable, Term)> {
    let variable = Variable::new(name.trim_start_matches(['?', '$']))
        .with_context(|| format!("--param {name:?}: not a SPARQL variable name"))?;
    let term: Term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri)
            .with_context(|| format!("--param {name}: {value:?} is not a valid IRI"))?
            .into(),
        None => Literal::from(value).into(),
    };
    Ok((variable, term))
}

/// `newskg queries`: every canned query and its questions; with a name, that query in full.
pub fn list_or_describe(name: Option<&str>) -> Result<()> {
    with_output(None, |w| match name {
        Some(name) => {
            let q = queries::named(name)?;
            writeln!(w, "{}: {}\n", q.name, q.title)?;
            writeln!(
                w,
                "Usage: newskg query {} [--param KEY=VALUE]... [--lang en|ar]\n",
                q.name
            )?;
            write!(w, "{}", describe(q))?;
            Ok(())
        }
        None => {
            for q in queries::all() {
                writeln!(w, "{:<16} {}", q.name, q.title)?;
                for question in [&q.question_en, &q.question_ar] {
                    if !question.is_empty() {
                        writeln!(w, "{:<16} {question}", "")?;
                    }
                }
            }
            Ok(())
        }
    })
}
