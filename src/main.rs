//! The `newskg` binary: parse the arguments, run the command, print errors with their causes.
//!
//! A closed standard output (`newskg export ... | head`) is not an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // `newskg query NAME --help` documents the canned query NAME: its parameters and columns.
    if let Some(name) = cli::canned_query_help(std::env::args().skip(1)) {
        return match cli::describe(&name) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("newskg: error: {err:#}");
                ExitCode::FAILURE
            }
        };
    }
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let broken_pipe = err.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("newskg: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
