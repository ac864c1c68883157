//! The `newskg` binary: parse the arguments, run the command, print errors with their causes.
//!
//! A closed standard output (`newskg export ... | head`) is not an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::run(cli::Cli::parse()) {
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
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
