//! Integration tests, in one binary: the library and the `newskg` binary on real stores on disk.

mod answers;
mod cli;
mod concurrency;
mod corpus;
mod draw;
mod export;
mod hostile;
pub mod interop;
mod mapping;
mod ontology;
pub mod pg;
mod props;
mod push;
mod queries;
mod query_limits;
mod query_rows;
mod schema;
mod serve;
pub mod site;
mod store;
mod synth;
mod util;
mod validation;
