//! A query runs in a worker process: `newskg query` (or `newskg export`) on the store, its
//! answer read whole before anything is sent. Oxigraph's cancellation is not a deadline (a
//! sort or a group drains its input first), so at the deadline the worker is killed: the time
//! limit holds for every query, and the server never holds a store open itself, so each query
//! reads the generation that is current when it starts.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// What a worker gave.
#[derive(Debug)]
pub enum Outcome {
    /// It wrote this answer and exited with success.
    Answer(Vec<u8>),
    /// It failed: its exit code (see `cli::exit`) and what it wrote on standard error.
    Failed { code: Option<i32>, message: String },
    /// It was still running at the deadline and was killed.
    Killed,
    /// Its answer grew past the byte limit, and it was killed.
    TooLarge(u64),
}

/// How workers are started and bounded.
#[derive(Debug, Clone)]
pub struct Workers {
    /// The `newskg` binary.
    pub program: PathBuf,
    /// Arguments that every worker gets first (the store and the base IRI).
    pub common: Vec<String>,
    /// When a worker is killed; `None`: never.
    pub deadline: Option<Duration>,
    /// The largest answer read, in bytes.
    pub max_bytes: u64,
}

impl Workers {
    /// Runs `newskg ARGS... COMMON...` with `input` on its standard input.
    pub fn run(&self, args: &[String], input: &str) -> std::io::Result<Outcome> {
        let started = Instant::now();
        let mut child = Command::new(&self.program)
            .args(args)
            .args(&self.common)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut stdin = child.stdin.take().expect("piped");
        let input = input.to_owned();
        // Threads, so that a worker that writes much before it reads cannot deadlock us.
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let max = self.max_bytes;
        let mut stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || {
            let mut answer = Vec::new();
            let read = (&mut stdout).take(max + 1).read_to_end(&mut answer);
            read.map(|_| answer)
        });
        let mut stderr = child.stderr.take().expect("piped");
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = (&mut stderr).take(64 * 1024).read_to_string(&mut text);
            text
        });
        let status = match self.deadline {
            Some(deadline) => child.wait_timeout(deadline.saturating_sub(started.elapsed()))?,
            None => Some(child.wait()?),
        };
        let Some(status) = status else {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Outcome::Killed);
        };
        let _ = feeder.join();
        let answer = reader.join().expect("the reader does not panic")?;
        let message = errors.join().expect("the reader does not panic");
        if answer.len() as u64 > max {
            return Ok(Outcome::TooLarge(max));
        }
        Ok(if status.success() {
            Outcome::Answer(answer)
        } else {
            let message = message
                .trim()
                .trim_start_matches("newskg: error: ")
                .to_owned();
            Outcome::Failed {
                code: status.code(),
                message,
            }
        })
    }
}
