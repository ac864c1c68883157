//! The library's errors: what went wrong, quoting the bad value, with the cause kept as `source()`.
//!
//! Validation problems are [`Diagnostic`]s, collected over the whole input so that one run
//! reports all of them; the binary prints them and exits non-zero.

use std::fmt;
use std::path::PathBuf;

/// One problem in the input data, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as found under the data directory.
    pub file: PathBuf,
    /// 1-based line and column, where the problem has one (syntax errors, JSON Lines records).
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// JSON path of the offending value, e.g. `$.relations[3].amount`.
    pub path: String,
    /// What is wrong, quoting the bad value.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}: {}", self.path, self.message)?;
        if !self.help.is_empty() {
            write!(f, "\n    help: {}", self.help)?;
        }
        Ok(())
    }
}

/// Every problem found in one validation run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// How many problems are shown in full; the rest are counted, so that a badly broken input
    /// (a language model's batch gone wrong) gives one screen, not thousands.
    pub const SHOWN: usize = 100;
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "the data has {n} problem{}; nothing was written",
            if n == 1 { "" } else { "s" }
        )?;
        // Problems at a line and column (syntax, encoding) come first: a file that cannot be
        // read explains the problems of everything that refers to it.
        let placed = self.0.iter().filter(|d| d.column.is_some());
        let rest = self.0.iter().filter(|d| d.column.is_none());
        for d in placed.chain(rest).take(Self::SHOWN) {
            write!(f, "\n  {d}")?;
        }
        if n > Self::SHOWN {
            let files: std::collections::BTreeSet<_> = self.0.iter().map(|d| &d.file).collect();
            write!(
                f,
                "\n  ... and {} more problem{} (the first {} are listed: what stops a file from being \
                 read, then in order of place; the problems are in {} file{}): fix these and run \
                 again",
                n - Self::SHOWN,
                if n - Self::SHOWN == 1 { "" } else { "s" },
                Self::SHOWN,
                files.len(),
                if files.len() == 1 { "" } else { "s" },
            )?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid base IRI {iri:?}: {reason}")]
    BaseIri { iri: String, reason: String },
    #[error("the ontology is broken: {0}")]
    Ontology(String),
    #[error("store error")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("invalid SPARQL query")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query evaluation failed")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("writing the output failed")]
    Write(#[from] std::io::Error),
    #[error("no canned query named {name:?}; known queries: {known}")]
    UnknownQuery { name: String, known: String },
    #[error("no entity is called {name:?}{}", if suggestions.is_empty() { String::new() } else { format!("; did you mean one of: {suggestions}?") })]
    UnknownEntity { name: String, suggestions: String },
    #[error("{name:?} names several entities: {candidates}; give the id of the one you mean")]
    AmbiguousEntity { name: String, candidates: String },
    #[error("the query {query:?} has no parameter {name:?}; its parameters: {known}")]
    UnknownParam {
        query: String,
        name: String,
        known: String,
    },
    #[error("no graph {name:?} in the store; known graphs: ontology, entities, or an article id ({known})")]
    UnknownGraph { name: String, known: String },
    #[error("the store at {} is being built by process {pid}; wait for it to finish", path.display())]
    StoreBusy { path: PathBuf, pid: String },
    #[error("the store at {} was made by an earlier newskg; remove that directory and run newskg build", path.display())]
    LegacyStore { path: PathBuf },
    #[error(
        "the store at {} has format {found:?}, made by {} newskg (this one reads format {expected}); \
         use that newskg, or remove the directory and run newskg build",
        path.display(),
        if found.parse::<u32>().is_ok_and(|f| f > *expected) { "a newer" } else { "another" }
    )]
    StoreFormat {
        path: PathBuf,
        found: String,
        expected: u32,
    },
    #[error("cannot draw the picture: {0}")]
    Draw(String),
    #[error("{format} cannot hold {what}")]
    Unsupported { format: String, what: String },
    #[error("cannot make the site: {0}")]
    Site(String),
    #[error("a page template failed")]
    Template(#[from] minijinja::Error),
}
