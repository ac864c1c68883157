//! Property tests over generated data sets (`props/arb.rs`): any valid set maps to a graph that
//! every RDF export gives back whole; the mapping depends on nothing but the records, not on
//! the files they are in nor on their order; any one mistake (`props/broken.rs`) is refused
//! with a diagnostic that names its file and record, never with a panic. The seed is fixed so
//! that every run checks the same cases; `PROPTEST_CASES` and `PROPTEST_RNG_SEED` ask for more
//! or other ones.

mod arb;
mod broken;

use std::collections::BTreeSet;

use newskg::export::{write_quads, ExportFormat};
use newskg::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term, Triple};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use tempfile::TempDir;

use arb::{Files, Layout};

/// Every RDF format that `newskg export` writes.
const RDF: [ExportFormat; 6] = [
    ExportFormat::Nquads,
    ExportFormat::Trig,
    ExportFormat::Jsonld,
    ExportFormat::Ntriples,
    ExportFormat::Turtle,
    ExportFormat::Rdfxml,
];

/// `cases` cases from a fixed seed, unless `PROPTEST_CASES` or `PROPTEST_RNG_SEED` say
/// otherwise.
fn config(cases: u32) -> ProptestConfig {
    let given = |name| std::env::var_os(name).is_some();
    let mut config = ProptestConfig {
        // A fixed seed finds a failure again without a file of past failures.
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if !given("PROPTEST_CASES") {
        config.cases = cases;
    }
    if !given("PROPTEST_RNG_SEED") {
        config.rng_seed = RngSeed::Fixed(0x6e6577736b67);
    }
    config
}

/// Validates and maps the data directory that `files` make.
fn compiled(files: &Files) -> Result<Vec<Quad>, Error> {
    let dir = TempDir::new().unwrap();
    files.write(dir.path());
    newskg::compile(dir.path(), &arb::ONTOLOGY, &crate::util::iris()).map(|(_, quads)| quads)
}

/// The data directory that `files` make, built into a store on disk as `newskg build` builds
/// it; the quads the store holds, sorted.
fn built(files: &Files) -> Result<Vec<Quad>, Error> {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    files.write(&data);
    let store = newskg::store::StoreDir::new(&dir.path().join("store"));
    let (iris, full) = (crate::util::iris(), newskg::BuildMode::Full);
    let silent = std::sync::Arc::new(newskg::Silent);
    newskg::build_store(&data, &store, &arb::ONTOLOGY, &iris, full, silent)?;
    store.open()?.quads(None)
}

/// The files of a valid set, validated and mapped; a refusal fails the case.
fn valid(files: &Files) -> Result<Vec<Quad>, TestCaseError> {
    compiled(files).map_err(|e| TestCaseError::fail(format!("a valid set was refused: {e}")))
}

fn exported(quads: &[Quad], format: ExportFormat) -> Vec<u8> {
    let rdf = format.rdf().expect("an RDF format");
    let mut out = Vec::new();
    write_quads(quads, rdf, &crate::util::iris(), &mut out).unwrap();
    out
}

/// What a format can hold of `quads`: the dataset, or for a format without named graphs the
/// union of its graphs.
fn held(quads: &[Quad], format: RdfFormat) -> BTreeSet<String> {
    let in_default = |q: &Quad| Triple::from(q.clone()).in_graph(GraphName::DefaultGraph);
    (quads.iter())
        .map(|q| match format.supports_datasets() {
            true => q.to_string(),
            false => in_default(q).to_string(),
        })
        .collect()
}

/// Quads as N-Quads lines, which compares them exactly as long as no blank node is in play.
fn parsed(bytes: &[u8], format: RdfFormat) -> Result<BTreeSet<String>, TestCaseError> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| q.map(|q| q.to_string()))
        .collect::<Result<_, _>>()
        .map_err(|e| {
            let text = String::from_utf8_lossy(bytes);
            TestCaseError::fail(format!("the {format} export does not parse: {e}\n{text}"))
        })
}

/// Whether two sets of quads are the same, and if not, what differs.
fn same(what: &str, want: &BTreeSet<String>, got: &BTreeSet<String>) -> Result<(), TestCaseError> {
    let missing: Vec<_> = want.difference(got).collect();
    let extra: Vec<_> = got.difference(want).collect();
    prop_assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}:\nmissing {missing:#?}\nextra {extra:#?}"
    );
    Ok(())
}

fn has_blank_node(q: &Quad) -> bool {
    matches!(q.subject, NamedOrBlankNode::BlankNode(_))
        || matches!(q.object, Term::BlankNode(_))
        || matches!(q.graph_name, GraphName::BlankNode(_))
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn every_valid_set_exports_in_every_rdf_format_and_parses_back_to_the_same_dataset(
        corpus in arb::corpus(),
    ) {
        let rendered = arb::render(&corpus);
        let quads = valid(&rendered.files(&Layout::plain_of(&rendered)))?;
        // Without blank nodes, quads compare as their N-Quads text: no renaming to undo.
        prop_assert!(!quads.iter().any(has_blank_node));
        for format in RDF {
            let rdf = format.rdf().unwrap();
            let back = parsed(&exported(&quads, format), rdf)?;
            same(&format!("the {format:?} export"), &held(&quads, rdf), &back)?;
        }
    }

    #[test]
    fn mapping_is_the_same_every_time_whatever_the_order_of_files_and_records(
        (corpus, layout) in arb::corpus_and_layout(),
    ) {
        let rendered = arb::render(&corpus);
        let plain = rendered.files(&Layout::plain_of(&rendered));
        let first = valid(&plain)?;
        prop_assert_eq!(&valid(&plain)?, &first, "mapped twice");
        let shuffled = valid(&rendered.files(&layout))?;
        let nquads = |quads| held(quads, RdfFormat::NQuads);
        same("laid out otherwise", &nquads(&first), &nquads(&shuffled))?;
        for format in RDF {
            prop_assert!(exported(&shuffled, format) == exported(&first, format), "{:?}", format);
        }
    }
}

proptest! {
    // A build on disk costs a RocksDB store and its compaction: fewer cases.
    #![proptest_config(config(16))]

    #[test]
    fn the_streaming_build_stores_exactly_the_graph_that_the_mapping_makes(
        corpus in arb::corpus(),
    ) {
        let rendered = arb::render(&corpus);
        let files = rendered.files(&Layout::plain_of(&rendered));
        let mapped = valid(&files)?;
        let stored = built(&files).map_err(|e| TestCaseError::fail(format!("the build failed: {e}")))?;
        let nquads = |quads| held(quads, RdfFormat::NQuads);
        same("the store", &nquads(&mapped), &nquads(&stored))?;
    }
}

proptest! {
    // Mistakes are of dozens of kinds, and a refusal is cheap: more cases.
    #![proptest_config(config(128))]

    #[test]
    fn any_one_mistake_is_refused_with_a_diagnostic_naming_its_file_and_record(
        corpus in arb::corpus(),
        (target, edit) in broken::mistake(),
    ) {
        let (files, expected) = broken::apply(&arb::render(&corpus), &target, &edit);
        let diagnostics = match compiled(&files) {
            Err(Error::Invalid(d)) => d,
            Err(e) => return Err(TestCaseError::fail(format!("not a diagnostic: {e}"))),
            Ok(_) => return Err(TestCaseError::fail("the mistake was accepted")),
        };
        let named = |d: &newskg::Diagnostic| {
            d.file.ends_with(&expected.file) && expected.covers(&d.path)
        };
        prop_assert!(diagnostics.0.iter().any(named), "no diagnostic at {expected:?}:\n{diagnostics}");
        prop_assert!(diagnostics.to_string().contains(&expected.file), "{diagnostics}");
    }
}
