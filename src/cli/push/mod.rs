//! `newskg push --endpoint URL`: the store's graphs into a remote Graph Store Protocol endpoint,
//! graph by graph, each replaced whole by `PUT ?graph=IRI`. With `--changed`, only the graphs
//! whose content changed since the last push there (`state`). Graphs that an earlier push put
//! there and that the store no longer has are deleted. A graph counts as sent only once the
//! server confirmed it; a push that fails names what it did not send, and the next one sends it.

mod remote;
mod state;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedOrBlankNode};

use super::args::PushArgs;
use super::config::Config;
use remote::{Failure, Remote};

/// How often what was confirmed is written down during a long push.
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// What a push did.
#[derive(Debug, Default)]
struct Summary {
    new: usize,
    replaced: usize,
    deleted: usize,
    unchanged: usize,
}

pub fn run(args: PushArgs) -> Result<()> {
    let config = Config::new(&args.data, Some(&args.store))?;
    let Some(store_dir) = config.store.clone() else {
        bail!("newskg push reads a store on disk (--store DIR), not --memory");
    };
    check_endpoint(&args.endpoint)?;
    let store = config.store_for_reading()?;
    let remote = Remote::new(
        args.endpoint.clone(),
        args.graph_param
            .clone()
            .unwrap_or_else(|| default_graph_param(&args.endpoint)),
        credentials(&args)?,
    );
    let graphs = graphs_to_push(&store, args.graph.as_deref(), &config)?;
    let file = state::path(&store_dir, &args.endpoint);
    let mut pushed = state::read(&file, &args.endpoint)?;
    let bar = bar(args.quiet, graphs.len() as u64);
    let mut summary = Summary::default();
    let mut saved = Instant::now();
    for (i, graph) in graphs.iter().enumerate() {
        let GraphName::NamedNode(iri) = graph else {
            continue;
        };
        let iri = iri.as_str();
        let mut turtle = Vec::new();
        newskg::export::write_quads(
            &store.quads(Some(graph.as_ref()))?,
            RdfFormat::Turtle,
            &config.iris,
            &mut turtle,
        )?;
        let fingerprint = state::fingerprint(&turtle);
        let before = pushed.graphs.get(iri).cloned();
        if args.changed && before.as_deref() == Some(fingerprint.as_str()) {
            summary.unchanged += 1;
        } else {
            if let Err(failure) = remote.put(iri, &turtle) {
                state::write(&file, &pushed)?;
                bar.finish_and_clear();
                return Err(not_sent(&failure, iri, &graphs[i..], &args.endpoint));
            }
            pushed.graphs.insert(iri.to_owned(), fingerprint);
            // Where the tests stop the server half-way (NEWSKG_PAUSE_AT=pushed).
            newskg::store::test_point("pushed");
            if before.is_some() {
                summary.replaced += 1
            } else {
                summary.new += 1
            }
        }
        bar.inc(1);
        if saved.elapsed() > SAVE_EVERY {
            state::write(&file, &pushed)?;
            saved = Instant::now();
        }
    }
    if args.graph.is_none() {
        delete_gone(&remote, &graphs, &mut pushed, &mut summary, &file)?;
    }
    state::write(&file, &pushed)?;
    bar.finish_and_clear();
    eprintln!(
        "newskg: pushed to {}: {} sent ({} new, {} replaced), {} deleted, {} unchanged",
        args.endpoint,
        summary.new + summary.replaced,
        summary.new,
        summary.replaced,
        summary.deleted,
        summary.unchanged
    );
    Ok(())
}

/// The graph asked for, or every named graph of the store.
fn graphs_to_push(
    store: &newskg::GraphStore,
    asked: Option<&str>,
    config: &Config,
) -> Result<Vec<GraphName>> {
    Ok(match asked {
        Some(name) => vec![store.graph_named(name, &config.iris)?],
        None => store
            .named_graphs()?
            .into_iter()
            .filter_map(|g| match g {
                NamedOrBlankNode::NamedNode(n) => Some(GraphName::NamedNode(n)),
                NamedOrBlankNode::BlankNode(_) => None,
            })
            .collect(),
    })
}

/// Deletes the graphs that an earlier push put at the endpoint and that the store no longer has.
fn delete_gone(
    remote: &Remote,
    graphs: &[GraphName],
    pushed: &mut state::Pushed,
    summary: &mut Summary,
    file: &Path,
) -> Result<()> {
    let present: std::collections::HashSet<String> = graphs
        .iter()
        .filter_map(|g| match g {
            GraphName::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    let gone: Vec<String> = pushed
        .graphs
        .keys()
        .filter(|g| !present.contains(*g))
        .cloned()
        .collect();
    for graph in gone {
        if let Err(failure) = remote.delete(&graph) {
            state::write(file, pushed)?;
            bail!(
                "cannot delete the graph <{graph}> at {}: {failure}; run the same push again",
                remote.endpoint
            );
        }
        pushed.graphs.remove(&graph);
        summary.deleted += 1;
    }
    Ok(())
}

/// The error of a push that stopped at `graph`, naming what was not sent.
fn not_sent(failure: &Failure, graph: &str, rest: &[GraphName], endpoint: &str) -> anyhow::Error {
    let names: Vec<String> = rest.iter().take(5).map(|g| g.to_string()).collect();
    let more = rest.len().saturating_sub(names.len());
    anyhow::anyhow!(
        "cannot send the graph <{graph}> to {endpoint}: {failure}. Not sent: {}{}; what was \
         sent before it is confirmed, and the same push again sends the rest",
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

/// An endpoint is an absolute http or https URL.
fn check_endpoint(endpoint: &str) -> Result<()> {
    let url = iri_string::types::UriStr::new(endpoint).ok();
    let scheme = url.map(|u| u.scheme_str().to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https"))
        || url.and_then(|u| u.authority_str()).is_none()
    {
        bail!(
            "--endpoint {endpoint:?} is not an http or https URL; give the store's Graph Store \
             endpoint, e.g. http://localhost:7878/store"
        );
    }
    Ok(())
}

/// Virtuoso names the graph `graph-uri`; the protocol and the other stores, `graph`.
fn default_graph_param(endpoint: &str) -> String {
    if endpoint.contains("sparql-graph-crud") {
        "graph-uri"
    } else {
        "graph"
    }
    .to_owned()
}

/// The user and password, the password from an environment variable or a file, never from the
/// command line.
fn credentials(args: &PushArgs) -> Result<Option<(String, String)>> {
    let password = match (&args.password_env, &args.password_file) {
        (Some(var), _) => Some(std::env::var(var).with_context(|| {
            format!("--password-env {var}: the environment variable {var} is not set")
        })?),
        (None, Some(file)) => Some(
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the password file {}", file.display()))?
                .lines()
                .next()
                .unwrap_or("")
                .to_owned(),
        ),
        (None, None) => None,
    };
    match (&args.user, password) {
        (Some(user), Some(password)) => Ok(Some((user.clone(), password))),
        (None, None) => Ok(None),
        (Some(_), None) => {
            bail!("--user needs the password: --password-env VAR or --password-file FILE")
        }
        (None, Some(_)) => bail!("a password was given without --user"),
    }
}

fn bar(quiet: bool, graphs: u64) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(graphs), target);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} push {bar:30} {pos}/{len} graphs ({per_sec}, {eta} left)",
        )
        .expect("the template parses"),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_is_an_http_or_https_url() {
        assert!(check_endpoint("http://localhost:7878/store").is_ok());
        assert!(check_endpoint("https://h/sparql-graph-crud-auth").is_ok());
        for bad in [
            "notaurl",
            "ftp://h/store",
            "http:/store",
            "localhost:7878/store",
        ] {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn virtuoso_names_the_graph_graph_uri() {
        assert_eq!(
            default_graph_param("http://h:8890/sparql-graph-crud-auth"),
            "graph-uri"
        );
        assert_eq!(default_graph_param("http://h:7878/store"), "graph");
    }
}
