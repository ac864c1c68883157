//! `newskg serve`: the store over HTTP, read-only. The SPARQL 1.1 Protocol at `/query` (and
//! `/sparql`), the read side of the Graph Store Protocol at `/store`, the canned queries at
//! `/queries/NAME`. Each query runs in a worker process (see `worker`), within a fixed number
//! of slots and a bounded queue (see `slots`); the answer is read whole, up to the limits,
//! before the status line is sent, so that a failure gets a real error status.

mod negotiate;
mod pages;
mod request;
mod routes;
mod slots;
mod worker;

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};

use super::args::ServeArgs;
use super::config::Config;

pub use routes::Server;

/// What a running server needs; made once from the flags.
#[derive(Debug)]
pub struct ServeConfig {
    /// Where it listens.
    pub bind: SocketAddr,
    /// How queries are run and bounded.
    pub workers: worker::Workers,
    /// The row limit given to each worker; `None`: none.
    pub max_rows: Option<u64>,
    /// The time limit of one query; `None`: none.
    pub timeout: Option<Duration>,
    /// The origin that browsers may query from (CORS), if any.
    pub cors: Option<String>,
    /// The site's pages, at `/`.
    pub pages: pages::Pages,
}

/// Runs the server until it is killed.
pub fn run(args: ServeArgs) -> Result<()> {
    let config = Config::new(&args.data, Some(&args.store))?;
    let Some(store) = config.store.clone() else {
        anyhow::bail!("newskg serve needs a store on disk (--store DIR), not --memory");
    };
    // Build it now when there is none yet, so that the first query does not.
    drop(config.store_for_reading()?);
    let timeout = (args.timeout > 0).then(|| Duration::from_secs(args.timeout));
    let running = args
        .max_queries
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let serve = ServeConfig {
        bind: args.bind,
        workers: worker::Workers {
            program: std::env::current_exe().context("cannot find the newskg binary")?,
            common: vec![
                "--store".into(),
                store.display().to_string(),
                "--base".into(),
                args.store.base.clone(),
            ],
            // The worker stops itself at the limit; this is for the queries that cannot.
            deadline: timeout.map(|t| t + Duration::from_millis(500)),
            max_bytes: args.max_bytes,
        },
        max_rows: (args.max_rows > 0).then_some(args.max_rows),
        timeout,
        cors: args.cors,
        pages: pages::Pages::new(store.clone(), config.data.clone()),
    };
    let server = Server::new(serve, slots::Slots::new(running, args.queue));
    let bind = server.config.bind;
    let listening = server.listen()?;
    eprintln!(
        "newskg: serving {} at http://{bind}/ (pages), /query (SPARQL), /store (graphs), \
         /queries (canned); {running} queries at once",
        store.display()
    );
    listening.join().context("the server stopped")?;
    Ok(())
}
