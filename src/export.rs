//! Writing the graph as RDF: Turtle, TriG, N-Triples, N-Quads, RDF/XML and JSON-LD.
//!
//! Output is deterministic: quads are sorted before they are written, and only the prefixes
//! that the output uses are declared. A format without named graphs (Turtle, N-Triples,
//! RDF/XML), asked for several graphs, gets their union: each distinct triple once.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};

use crate::pgraph::natural_key;
use crate::vocab::{dcterms, nkg, skos, Iris, PREFIXES};
use crate::Error;

mod jsonld;
pub mod pg;

/// What `newskg export` can write: RDF, or the graph as a property graph. The names and
/// aliases are what `--format` takes; a file's extension picks the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Turtle: the union of all graphs.
    #[value(alias = "ttl")]
    Turtle,
    /// TriG: every named graph.
    Trig,
    /// N-Triples: the union of all graphs.
    #[value(alias = "nt", alias = "n-triples")]
    Ntriples,
    /// N-Quads: every named graph.
    #[value(alias = "nq", alias = "n-quads")]
    Nquads,
    /// RDF/XML: the union of all graphs.
    #[value(alias = "rdf", alias = "rdf-xml", alias = "xml", alias = "owl")]
    Rdfxml,
    /// JSON-LD with a short-key context: every named graph.
    #[value(alias = "json-ld")]
    Jsonld,
    /// GraphML: the property graph (NetworkX, Gephi, yEd).
    Graphml,
    /// nodes.csv and relationships.csv for `neo4j-admin database import`, in the directory
    /// given by -o.
    #[value(alias = "neo4j-csv", alias = "csv")]
    Neo4j,
    /// Cypher CREATE statements of the property graph.
    #[value(alias = "cql")]
    Cypher,
    /// DOT for Graphviz, labelled and coloured.
    #[value(alias = "gv", alias = "graphviz")]
    Dot,
}

impl ExportFormat {
    /// The RDF format it is, if it is one.
    pub fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::Trig => RdfFormat::TriG,
            Self::Ntriples => RdfFormat::NTriples,
            Self::Nquads => RdfFormat::NQuads,
            Self::Rdfxml => RdfFormat::RdfXml,
            Self::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            Self::Graphml | Self::Neo4j | Self::Cypher | Self::Dot => return None,
        })
    }

    /// The format that a file's extension stands for (`graph.nq.gz` is N-Quads, compressed);
    /// `.csv` is none, since the Neo4j export is a directory of two files that only `--format
    /// neo4j` asks for.
    pub fn from_path(path: &Path) -> Option<Self> {
        let path = match path.extension() {
            Some(gz) if gz.eq_ignore_ascii_case("gz") => Path::new(path.file_stem()?),
            _ => path,
        };
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        if ext == "csv" {
            return None;
        }
        let by_name = <Self as clap::ValueEnum>::from_str(&ext, true).ok();
        by_name.or_else(|| match RdfFormat::from_extension(&ext)? {
            RdfFormat::Turtle => Some(Self::Turtle),
            RdfFormat::TriG => Some(Self::Trig),
            RdfFormat::NTriples => Some(Self::Ntriples),
            RdfFormat::NQuads => Some(Self::Nquads),
            RdfFormat::RdfXml => Some(Self::Rdfxml),
            RdfFormat::JsonLd { .. } => Some(Self::Jsonld),
            _ => None,
        })
    }
}

/// Writes N-Quads as the quads come, one line each, in bounded memory: the format that cluster
/// bulk loaders take, as cheap to make as the store is to read.
pub fn write_nquads_stream(
    quads: impl Iterator<Item = Result<Quad, Error>>,
    writer: impl Write,
) -> Result<(), Error> {
    let mut out = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(writer);
    for quad in quads {
        out.serialize_quad(&quad?)?;
    }
    out.finish()?.flush()?;
    Ok(())
}

/// Writes `quads` in `format`; see the module comment for formats without named graphs.
pub fn write_quads(
    quads: &[Quad],
    format: RdfFormat,
    iris: &Iris,
    mut writer: impl Write,
) -> Result<(), Error> {
    let mut quads = quads.to_vec();
    if !format.supports_datasets() {
        // The union: each distinct triple once, in the default graph.
        let mut seen = BTreeSet::new();
        quads = quads
            .into_iter()
            .map(|q| Triple::from(q).in_graph(GraphName::DefaultGraph))
            .filter(|q| seen.insert(q.to_string()))
            .collect();
    }
    let layout = Layout::new(iris);
    quads.sort_by_cached_key(|q| layout.key(q));
    if let RdfFormat::JsonLd { .. } = format {
        return jsonld::write(&quads, iris, writer);
    }
    let prefixes = used_prefixes(&quads, iris, format);
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        for (name, ns) in &prefixes {
            serializer = serializer
                .with_prefix(name.as_str(), ns.as_str())
                .expect("prefix IRIs are valid");
        }
    }
    let terse = matches!(format, RdfFormat::Turtle | RdfFormat::TriG);
    if terse {
        // Statements and graphs are named relative to the base (`<statement/a000/r01>`): their
        // ids hold slashes, which a prefixed name could only give with escapes.
        serializer = serializer
            .with_base_iri(iris.base())
            .expect("the base IRI was validated");
    }
    let mut buffer = Vec::new();
    let mut out = serializer.for_writer(&mut buffer);
    for q in &quads {
        if format.supports_datasets() {
            out.serialize_quad(q)?;
        } else {
            out.serialize_triple(q.as_ref())?;
        }
    }
    out.finish()?;
    if terse {
        let trig = format == RdfFormat::TriG;
        buffer = space_blocks(&buffer, iris.base(), &prefixes, trig);
    }
    writer.write_all(&buffer)?;
    writer.flush()?;
    Ok(())
}

/// Rewrites the header of Turtle or TriG with absolute prefix IRIs sorted by name (the
/// serializer writes them relative to the base, in its own order), and puts a blank line before
/// each subject and graph block, so that a reader sees where one description ends. Safe line by
/// line: the serializer escapes line breaks inside literals, so a line that starts in column 0
/// always starts a block.
fn space_blocks(text: &[u8], base: &str, prefixes: &[(String, String)], trig: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    out.push_str(&format!("@base <{base}> .\n"));
    let mut sorted = prefixes.to_vec();
    sorted.sort();
    for (p, ns) in sorted {
        out.push_str(&format!("@prefix {p}: <{ns}> .\n"));
    }
    let mut previous: Option<&str> = Some("@base");
    for line in text.lines().skip_while(|l| l.starts_with('@')) {
        let starts_block = !line.starts_with(['\t', ' ', '}']);
        let after_block_start = previous.is_none_or(|p| {
            p.is_empty() || (p.starts_with('@') && line.starts_with('@')) || p.ends_with('{')
        });
        if starts_block && !after_block_start {
            out.push('\n');
        } else if trig && line.starts_with('\t') && !line.starts_with("\t\t") {
            // A subject inside a TriG graph block: separate it from the one before.
            if previous.is_some_and(|p| p.starts_with('\t') && !p.ends_with('{')) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out.into_bytes()
}

/// The order in which quads are written: graphs (ontology, entities, then articles), then
/// subjects grouped so that an article's node comes first and its statements follow it, each
/// statement with its evidence; within a subject `rdf:type` and names first.
struct Layout {
    entity: String,
    article: String,
    statement: String,
    entities_graph: NamedNode,
}

impl Layout {
    fn new(iris: &Iris) -> Self {
        Self {
            entity: iris.entity_ns(),
            article: iris.article_ns(),
            statement: iris.statement_ns(),
            entities_graph: iris.entities_graph(),
        }
    }

    fn key(&self, q: &Quad) -> (Vec<(String, u64)>, SubjectKey, u8, String, String) {
        let graph = match &q.graph_name {
            GraphName::DefaultGraph => vec![],
            GraphName::NamedNode(n) if n.as_ref() == nkg::ONTOLOGY => vec![(String::new(), 0)],
            GraphName::NamedNode(n) if *n == self.entities_graph => vec![(String::new(), 1)],
            g => {
                let mut k = vec![(String::new(), 2)];
                k.extend(natural_key(&g.to_string()));
                k
            }
        };
        let predicate_rank = match q.predicate.as_ref() {
            rdf::TYPE => 0,
            dcterms::IDENTIFIER => 1,
            rdfs::LABEL => 2,
            skos::ALT_LABEL => 3,
            rdf::SUBJECT => 4,
            rdf::PREDICATE => 5,
            rdf::OBJECT => 6,
            _ => 7,
        };
        (
            graph,
            self.subject_key(&q.subject),
            predicate_rank,
            q.predicate.as_str().to_owned(),
            q.object.to_string(),
        )
    }

    fn subject_key(&self, s: &NamedOrBlankNode) -> SubjectKey {
        let NamedOrBlankNode::NamedNode(n) = s else {
            return (9, vec![], 0, vec![]);
        };
        let iri = n.as_str();
        if let Some(id) = iri.strip_prefix(&self.entity) {
            (1, vec![], 0, natural_key(id))
        } else if let Some(doc) = iri.strip_prefix(&self.article) {
            (2, natural_key(doc), 0, vec![])
        } else if let Some(rest) = iri.strip_prefix(&self.statement) {
            let doc = rest.split('/').next().unwrap_or(rest);
            (2, natural_key(doc), 1, natural_key(rest))
        } else if iri.starts_with(nkg::ONTOLOGY.as_str()) {
            (0, vec![], 0, natural_key(iri))
        } else {
            (3, vec![], 0, natural_key(iri))
        }
    }
}

type SubjectKey = (u8, Vec<(String, u64)>, u8, Vec<(String, u64)>);

/// The prefixes whose namespace some IRI of `quads` starts with, in a fixed order.
fn used_prefixes(quads: &[Quad], iris: &Iris, format: RdfFormat) -> Vec<(String, String)> {
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
                // Turtle and TriG name statements and graphs relative to the base instead.
                .filter(|(p, _)| {
                    !(matches!(format, RdfFormat::Turtle | RdfFormat::TriG)
                        && matches!(*p, "st" | "graph"))
                })
                .map(|(p, ns)| (p.to_owned(), ns)),
        );
    all.filter(|(_, ns)| {
        used.range(ns.clone()..)
            .next()
            .is_some_and(|iri| iri.starts_with(ns.as_str()))
    })
    .collect()
}
