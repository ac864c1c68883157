//! Integration tests, in one binary: the library and the `newskg` binary on real stores on disk.

mod cli;
mod export;
mod interop;
mod mapping;
mod ontology;
mod schema;
mod util;
mod validation;
