//! The `newskg` command line: the clap types (`args`), one validated [`Config`] made from them,
//! and one function per command; `run` only dispatches.
//!
//! Commands that read the store build it from the data first when it does not exist yet, so
//! that a new user's first `newskg query` just works. Command code sees the config and its
//! collaborators, never a raw flag. `exit` gives each kind of failure its exit status.

mod args;
mod canned;
mod config;
mod draw;
mod exit;
mod export;
mod limits;
mod output;
mod progress;
mod push;
mod query;
mod serve;

use anyhow::Result;

pub use args::Cli;
use args::Command;
use config::Config;
pub use exit::code as exit_code;

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build {
            full,
            quiet,
            data,
            store,
        } => {
            let mut config = Config::new(&data, Some(&store))?;
            config.quiet = quiet;
            if full {
                config.mode = newskg::BuildMode::Full;
            }
            config.build()?;
            Ok(())
        }
        Command::Check { fix, data } => {
            let config = Config::new(&data, None)?;
            if fix {
                fix_offsets(&config)?;
            }
            check(&config)
        }
        Command::Queries { name } => query::list_or_describe(name.as_deref()),
        Command::Query(args) => query::run(args),
        Command::Export(args) => export::run(args),
        Command::Stats { data, store } => {
            let config = Config::new(&data, Some(&store))?;
            output::stats(&config.store_for_reading()?, &config.iris)
        }
        Command::Draw { picture } => draw::run(picture),
        Command::Serve(args) => serve::run(args),
        Command::Push(args) => push::run(args),
        Command::Site {
            output,
            served_at,
            data,
            store,
        } => site(&Config::new(&data, Some(&store))?, &output, served_at),
        Command::Synth {
            relations,
            out,
            per_document,
            seed,
        } => {
            let config = newskg::synth::SynthConfig {
                relations,
                per_document,
                seed,
            };
            let report = newskg::synth::write_corpus(&config, &out)?;
            eprintln!(
                "newskg: wrote {} entities, {} documents and {} relations into {}",
                report.entities,
                report.documents,
                report.relations,
                out.display()
            );
            Ok(())
        }
        Command::Schema => {
            let ontology = newskg::Ontology::bundled()?;
            print!("{}", newskg::schema::json_schema_text(&ontology));
            Ok(())
        }
    }
}

/// `newskg site`: the graph as web pages.
fn site(config: &Config, output: &std::path::Path, served_at: Option<String>) -> Result<()> {
    let store = config.store_for_reading()?;
    let mut input = newskg::site::gather(&store, &config.data, &config.ontology)?;
    input.served_at = served_at;
    let files = newskg::site::write(&input, output)?;
    eprintln!(
        "newskg: wrote {files} files into {}; open {}",
        output.display(),
        output.join("index.html").display()
    );
    Ok(())
}

/// `newskg check --fix`: writes the offsets found for quotes given without them.
fn fix_offsets(config: &Config) -> Result<()> {
    let n = newskg::validate::fix_dir(&config.data, &config.ontology)?;
    eprintln!(
        "newskg: wrote the offsets of {n} quote{} into {}",
        if n == 1 { "" } else { "s" },
        config.data.display()
    );
    Ok(())
}

/// `newskg check`: validates the data and says what it holds.
fn check(config: &Config) -> Result<()> {
    let dataset = newskg::validate::load_dir(&config.data, &config.ontology)?;
    println!(
        "{}: {} documents, {} entities, {} relations: no problems",
        config.data.display(),
        dataset.documents.len(),
        dataset.entities.len(),
        dataset.relation_count()
    );
    Ok(())
}
