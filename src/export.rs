//! Writing the graph as RDF: Turtle, TriG, N-Triples, N-Quads, RDF/XML and JSON-LD.
//!
//! Output is deterministic: quads are sorted before they are written, and only the prefixes
//! that the output uses are declared. A format without named graphs (Turtle, N-Triples,
//! RDF/XML), asked for several graphs, gets their union: each distinct triple once.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Term, Triple};

use crate::vocab::{Iris, PREFIXES};
use crate::Error;

/// The format that a name given to `--format` stands for.
pub fn format_from_name(name: &str) -> Option<RdfFormat> {
    Some(match name.to_ascii_lowercase().as_str() {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "ntriples" | "n-triples" | "nt" => RdfFormat::NTriples,
        "nquads" | "n-quads" | "nq" => RdfFormat::NQuads,
        "rdfxml" | "rdf-xml" | "rdf/xml" | "rdf" | "xml" | "owl" => RdfFormat::RdfXml,
        "jsonld" | "json-ld" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        _ => return None,
    })
}

/// The format that a file's extension stands for.
pub fn format_from_path(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?;
    format_from_name(ext).or_else(|| RdfFormat::from_extension(ext))
}

/// Names accepted by `--format`, for help and error messages.
pub const FORMAT_NAMES: &str =
    "turtle (ttl), trig, ntriples (nt), nquads (nq), rdfxml (rdf), jsonld";

/// Writes `quads` in `format`; see the module comment for formats without named graphs.
pub fn write_quads(
    quads: &[Quad],
    format: RdfFormat,
    iris: &Iris,
    writer: impl Write,
) -> Result<(), Error> {
    let prefixes = used_prefixes(quads, iris);
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::JsonLd { .. } | RdfFormat::RdfXml
    ) {
        for (name, ns) in &prefixes {
            serializer = serializer
                .with_prefix(name.as_str(), ns.as_str())
                .expect("prefix IRIs are valid");
        }
    }
    let mut out = serializer.for_writer(writer);
    if format.supports_datasets() {
        for q in quads {
            out.serialize_quad(q)?;
        }
    } else {
        let triples: BTreeMap<String, Triple> = quads
            .iter()
            .map(|q| {
                let t = Triple::from(q.clone());
                (t.to_string(), t)
            })
            .collect();
        for t in triples.values() {
            out.serialize_triple(t)?;
        }
    }
    out.finish()?.flush()?;
    Ok(())
}

/// The prefixes whose namespace some IRI of `quads` starts with, in a fixed order.
fn used_prefixes(quads: &[Quad], iris: &Iris) -> Vec<(String, String)> {
    let mut used = BTreeSet::new();
    let mut note = |iri: &str| {
        used.insert(iri.to_owned());
    };
    for q in quads {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = &q.subject {
            note(n.as_str());
        }
        note(q.predicate.as_str());
        match &q.object {
            Term::NamedNode(n) => note(n.as_str()),
            Term::Literal(l) => note(l.datatype().as_str()),
            _ => {}
        }
        if let oxigraph::model::GraphName::NamedNode(n) = &q.graph_name {
            note(n.as_str());
        }
    }
    let all = PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .chain(
            iris.data_prefixes()
                .into_iter()
                .map(|(p, ns)| (p.to_owned(), ns)),
        );
    all.filter(|(_, ns)| {
        used.range(ns.clone()..)
            .next()
            .is_some_and(|iri| iri.starts_with(ns.as_str()))
    })
    .collect()
}
