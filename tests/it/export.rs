//! Exports: each RDF format parses back (with Oxigraph's parsers) to the graph in the store;
//! output is byte-identical from run to run; --graph selects one graph.

use std::collections::BTreeSet;
use std::fs;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use predicates::prelude::*;

use crate::util::{compile, fixture, newskg, Scratch};

fn built() -> Scratch {
    let scratch = Scratch::of("basic/data");
    scratch.build().success();
    scratch
}

fn export(scratch: &Scratch, file: &str, extra: &[&str]) -> Vec<u8> {
    let path = scratch.dir.path().join(file);
    newskg()
        .arg("export")
        .args(extra)
        .arg("-o")
        .arg(&path)
        .arg("--store")
        .arg(scratch.store())
        .assert()
        .success();
    fs::read(path).unwrap()
}

fn parse(bytes: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| q.map(|q: Quad| format!("{q}")))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("the {format} export does not parse: {e}"))
}

#[test]
fn every_format_parses_back_to_the_same_graph() {
    let scratch = built();
    let quads = compile(&scratch.data()).unwrap();
    let dataset: BTreeSet<String> = quads.iter().map(|q| q.to_string()).collect();
    let union: BTreeSet<String> = quads
        .iter()
        .map(|q| oxigraph::model::Triple::from(q.clone()).to_string())
        .collect();
    for (file, format, has_graphs) in [
        ("all.trig", RdfFormat::TriG, true),
        ("all.nq", RdfFormat::NQuads, true),
        (
            "all.jsonld",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
            true,
        ),
        ("all.ttl", RdfFormat::Turtle, false),
        ("all.nt", RdfFormat::NTriples, false),
        ("all.rdf", RdfFormat::RdfXml, false),
    ] {
        let parsed = parse(&export(&scratch, file, &[]), format);
        let expected = if has_graphs { &dataset } else { &union };
        let missing: Vec<_> = expected.difference(&parsed).collect();
        let extra: Vec<_> = parsed.difference(expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{file} does not round-trip:\nmissing {missing:#?}\nextra {extra:#?}"
        );
    }
}

#[test]
fn exports_are_byte_identical_across_runs_and_rebuilds() {
    let a = built();
    let b = built();
    for file in ["x.trig", "x.ttl", "x.jsonld", "x.rdf", "x.nq", "x.nt"] {
        assert_eq!(export(&a, file, &[]), export(&b, file, &[]), "{file}");
        assert_eq!(export(&a, file, &[]), export(&a, file, &[]), "{file}");
    }
}

#[test]
fn turtle_and_trig_use_the_ontology_prefixes_that_they_need() {
    let scratch = built();
    let trig = String::from_utf8(export(&scratch, "all.trig", &[])).unwrap();
    assert!(
        trig.contains("@prefix nkg: <https://newskg.example/ontology#> ."),
        "{trig}"
    );
    assert!(trig.contains("@prefix ent: <https://newskg.example/entity/> ."));
    assert!(
        trig.contains("ent:elon-musk nkg:donatedTo ent:america-pac"),
        "{trig}"
    );
    let entities =
        String::from_utf8(export(&scratch, "entities.ttl", &["--graph", "entities"])).unwrap();
    assert!(
        !entities.contains("@prefix oa:"),
        "unused prefix declared:\n{entities}"
    );
}

#[test]
fn graph_selects_one_graph() {
    let scratch = built();
    let article = parse(
        &export(&scratch, "a.nt", &["--graph", "sample"]),
        RdfFormat::NTriples,
    );
    assert!(article.iter().any(|t| t.contains("statement/sample/r1>")));
    assert!(!article
        .iter()
        .any(|t| t.contains("ontology#donatedTo> <http://www.w3.org/2000/01/rdf-schema#label>")));
    let ontology = parse(
        &export(&scratch, "o.ttl", &["--graph", "ontology"]),
        RdfFormat::Turtle,
    );
    assert!(ontology
        .iter()
        .any(|t| t.contains("ontology#donatedTo> <http://www.w3.org/2000/01/rdf-schema#label>")));
    assert!(!ontology.iter().any(|t| t.contains("/entity/")));
    newskg()
        .args([
            "export",
            "--format",
            "nt",
            "--graph",
            "no-such-article",
            "--store",
        ])
        .arg(scratch.store())
        .assert()
        .failure()
        .stderr(predicate::str::contains("no graph \"no-such-article\""));
}

#[test]
fn stdout_needs_a_format_and_unknown_extensions_are_refused() {
    let scratch = built();
    newskg()
        .args(["export", "--store"])
        .arg(scratch.store())
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs --format"));
    newskg()
        .args(["export", "-o", "graph.docx", "--store"])
        .arg(scratch.store())
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot tell the export format"));
    let _ = fixture("basic/data");
}

#[test]
fn a_gz_file_name_gives_the_same_export_compressed() {
    use std::io::Read;
    let scratch = built();
    for (plain, compressed) in [("g.nq", "g.nq.gz"), ("g.ttl", "g.ttl.gz")] {
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(export(&scratch, compressed, &[]).as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, export(&scratch, plain, &[]), "{compressed}");
        // The same graph, the same bytes: no time or name in the gzip header.
        assert_eq!(
            export(&scratch, compressed, &[]),
            export(&scratch, compressed, &[])
        );
    }
}

/// The fixture with `edit` made to its article, built; its export as `file` parsed, and the
/// quads that compiling the same data makes.
fn exported_and_mapped(
    edit: impl FnOnce(&mut serde_json::Value),
    file: &str,
    format: RdfFormat,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let scratch = Scratch::of("basic/data");
    scratch.edit("articles/sample.json", edit);
    scratch.build().success();
    let mapped = compile(&scratch.data()).unwrap();
    let parsed = parse(&export(&scratch, file, &[]), format);
    (parsed, mapped.iter().map(|q| q.to_string()).collect())
}

// Found by the property tests (tests/it/props.rs): `ent:isbn:…` is an absolute IRI, which a
// JSON-LD context that declares the prefix `ent` turned into an entity's; and once `url` was
// kept from being a key, `schema:url` was the key, but without `"@type": "@id"`, so that `url:x`
// came back as a string.
#[test]
fn an_iri_whose_scheme_is_a_name_of_the_json_ld_context_keeps_its_meaning() {
    let jsonld = RdfFormat::JsonLd {
        profile: oxigraph::io::JsonLdProfileSet::empty(),
    };
    for url in ["ent:isbn:9780000000000", "url:x"] {
        let (parsed, mapped) = exported_and_mapped(
            |v| v["document"]["url"] = serde_json::json!(url),
            "x.jsonld",
            jsonld,
        );
        let edge = format!("<http://schema.org/url> <{url}> ");
        assert!(parsed.iter().any(|q| q.contains(&edge)), "{parsed:#?}");
        assert_eq!(parsed, mapped);
    }
}

// Found by the property tests: the store keeps a decimal by its value, so an amount written
// "010000000.50" was exported as 10000000.5 while the mapping said "010000000.50".
#[test]
fn an_amount_with_leading_or_trailing_zeros_exports_as_it_was_mapped() {
    let (parsed, mapped) = exported_and_mapped(
        |v| v["relations"][1]["amount"] = serde_json::json!("010000000.50"),
        "x.nq",
        RdfFormat::NQuads,
    );
    let amount = "\"10000000.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>";
    assert!(parsed.iter().any(|q| q.contains(amount)), "{parsed:#?}");
    assert_eq!(parsed, mapped);
}
