//! Writing the graph as RDF: Turtle, TriG, N-Triples, N-Quads, RDF/XML and JSON-LD.
//!
//! Output is deterministic: quads are sorted before they are written, and only the prefixes
//! that the output uses are declared. A format without named graphs (Turtle, N-Triples,
//! RDF/XML), asked for several graphs, gets their union: each distinct triple once.
//!
//! The whole dataset as N-Quads or TriG is written as the store is read, in bounded memory:
//! N-Quads in the store's order, TriG one graph at a time in the same layout as the rest (it
//! declares every prefix of the vocabulary, since what the graphs use is known only at the end).

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
    writer: impl Write,
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
    let mut spaced = Spaced::new(writer, iris.base(), &prefixes, format);
    let mut out = serializer(format, &prefixes, iris).for_writer(&mut spaced);
    for q in &quads {
        if format.supports_datasets() {
            out.serialize_quad(q)?;
        } else {
            out.serialize_triple(q.as_ref())?;
        }
    }
    out.finish()?;
    spaced.finish()?.flush()?;
    Ok(())
}

/// Writes the whole dataset as TriG, one graph at a time: the graphs named by `graphs`, each
/// with the quads `quads_of` reads from the store, laid out as [`write_quads`] lays them out.
/// The store is read on a thread of its own while this one lays out and writes.
pub fn write_trig_stream(
    mut graphs: Vec<GraphName>,
    quads_of: impl Fn(&GraphName) -> Result<Vec<Quad>, Error> + Send,
    iris: &Iris,
    writer: impl Write,
) -> Result<(), Error> {
    let layout = Layout::new(iris);
    graphs.sort_by_cached_key(|g| layout.graph_key(g));
    let format = RdfFormat::TriG;
    let prefixes: Vec<(String, String)> = candidate_prefixes(iris, format).collect();
    let mut spaced = Spaced::new(writer, iris.base(), &prefixes, format);
    let mut out = serializer(format, &prefixes, iris).for_writer(&mut spaced);
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(16);
        scope.spawn(move || {
            for graph in &graphs {
                let quads = quads_of(graph);
                let failed = quads.is_err();
                // The writer stops receiving only when it fails, and reports why.
                if sender.send(quads).is_err() || failed {
                    break;
                }
            }
        });
        for quads in receiver {
            let mut quads = quads?;
            quads.sort_by_cached_key(|q| layout.in_graph_key(q));
            for q in &quads {
                out.serialize_quad(q)?;
            }
        }
        Ok::<(), Error>(())
    })?;
    out.finish()?;
    spaced.finish()?.flush()?;
    Ok(())
}

/// A serializer for `format` that declares `prefixes`, with the base in Turtle and TriG.
fn serializer(format: RdfFormat, prefixes: &[(String, String)], iris: &Iris) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        for (name, ns) in prefixes {
            serializer = serializer
                .with_prefix(name.as_str(), ns.as_str())
                .expect("prefix IRIs are valid");
        }
    }
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        // Statements and graphs are named relative to the base (`<statement/a000/r01>`): their
        // ids hold slashes, which a prefixed name could only give with escapes.
        serializer = serializer
            .with_base_iri(iris.base())
            .expect("the base IRI was validated");
    }
    serializer
}

/// The serializer's output on its way to `inner`. Turtle and TriG get their header rewritten
/// with absolute prefix IRIs sorted by name (the serializer writes them relative to the base,
/// in its own order) and a blank line before each subject and graph block, so that a reader
/// sees where one description ends; other formats pass through. Safe line by line: the
/// serializer escapes line breaks inside literals, so a line that starts in column 0 always
/// starts a block.
struct Spaced<W: Write> {
    inner: W,
    spacer: Option<Spacer>,
    /// What came after the last complete line.
    pending: Vec<u8>,
}

impl<W: Write> Spaced<W> {
    fn new(inner: W, base: &str, prefixes: &[(String, String)], format: RdfFormat) -> Self {
        let terse = matches!(format, RdfFormat::Turtle | RdfFormat::TriG);
        Self {
            inner,
            spacer: terse.then(|| Spacer::new(base, prefixes, format == RdfFormat::TriG)),
            pending: Vec::new(),
        }
    }

    fn lines(&mut self, upto: usize) -> std::io::Result<()> {
        let Some(spacer) = &mut self.spacer else {
            return Ok(());
        };
        let mut out = std::mem::take(&mut spacer.header);
        for line in self.pending[..upto].split(|b| *b == b'\n') {
            spacer.line(&String::from_utf8_lossy(line), &mut out);
        }
        self.pending.drain(..(upto + 1).min(self.pending.len()));
        self.inner.write_all(out.as_bytes())
    }

    /// Writes what is left and hands back the writer.
    fn finish(mut self) -> std::io::Result<W> {
        if let Some(spacer) = &mut self.spacer {
            if self.pending.is_empty() {
                let header = std::mem::take(&mut spacer.header);
                self.inner.write_all(header.as_bytes())?;
            } else {
                self.lines(self.pending.len())?;
            }
        }
        Ok(self.inner)
    }
}

impl<W: Write> Write for Spaced<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.spacer.is_none() {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|b| *b == b'\n') {
            self.lines(last)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The line-by-line state of [`Spaced`].
struct Spacer {
    trig: bool,
    /// The header still to write.
    header: String,
    /// Whether the serializer's own header lines are still coming.
    in_header: bool,
    previous: String,
}

impl Spacer {
    fn new(base: &str, prefixes: &[(String, String)], trig: bool) -> Self {
        let mut header = format!("@base <{base}> .\n");
        let mut sorted = prefixes.to_vec();
        sorted.sort();
        for (p, ns) in sorted {
            header.push_str(&format!("@prefix {p}: <{ns}> .\n"));
        }
        Self {
            trig,
            header,
            in_header: true,
            previous: "@base".to_owned(),
        }
    }

    fn line(&mut self, line: &str, out: &mut String) {
        if self.in_header && line.starts_with('@') {
            return;
        }
        self.in_header = false;
        let p = &self.previous;
        let starts_block = !line.starts_with(['\t', ' ', '}']);
        let after_block_start =
            p.is_empty() || (p.starts_with('@') && line.starts_with('@')) || p.ends_with('{');
        if starts_block && !after_block_start {
            out.push('\n');
        } else if self.trig && line.starts_with('\t') && !line.starts_with("\t\t") {
            // A subject inside a TriG graph block: separate it from the one before.
            if p.starts_with('\t') && !p.ends_with('{') {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        self.previous.clear();
        self.previous.push_str(line);
    }
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

    /// Graphs in order: the default graph, the ontology, the entities, then articles.
    fn graph_key(&self, graph: &GraphName) -> Vec<(String, u64)> {
        match graph {
            GraphName::DefaultGraph => vec![],
            GraphName::NamedNode(n) if n.as_ref() == nkg::ONTOLOGY => vec![(String::new(), 0)],
            GraphName::NamedNode(n) if *n == self.entities_graph => vec![(String::new(), 1)],
            g => {
                let mut k = vec![(String::new(), 2)];
                k.extend(natural_key(&g.to_string()));
                k
            }
        }
    }

    fn key(&self, q: &Quad) -> (Vec<(String, u64)>, InGraphKey) {
        (self.graph_key(&q.graph_name), self.in_graph_key(q))
    }

    /// The order within a graph.
    fn in_graph_key(&self, q: &Quad) -> InGraphKey {
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
        let (kind, doc, part, id) = self.subject_key(&q.subject);
        let mut key = Vec::with_capacity(128);
        key.push(kind);
        push_natural(&mut key, &doc);
        key.push(part);
        push_natural(&mut key, &id);
        key.push(predicate_rank);
        key.extend_from_slice(q.predicate.as_str().as_bytes());
        key.push(0);
        key.extend_from_slice(q.object.to_string().as_bytes());
        key
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

/// The subject's key, the predicate's rank, the predicate and the object, as bytes that sort
/// as that tuple does: one comparison of bytes instead of a walk through strings and numbers,
/// which a large export makes millions of times.
type InGraphKey = Vec<u8>;

/// Appends a natural key so that the bytes sort as the parts do: a number (which sorts before
/// any text, its text being empty) as 1 and eight big-endian bytes, a text as 2, its bytes and
/// 0; then 0 for the end, before any further part.
fn push_natural(key: &mut Vec<u8>, parts: &[(String, u64)]) {
    for (text, number) in parts {
        if text.is_empty() {
            key.push(1);
            key.extend_from_slice(&number.to_be_bytes());
        } else {
            key.push(2);
            key.extend_from_slice(text.as_bytes());
            key.push(0);
        }
    }
    key.push(0);
}

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
    candidate_prefixes(iris, format)
        .filter(|(_, ns)| {
            used.range(ns.clone()..)
                .next()
                .is_some_and(|iri| iri.starts_with(ns.as_str()))
        })
        .collect()
}

/// Every prefix that output in `format` may declare.
fn candidate_prefixes(iris: &Iris, format: RdfFormat) -> impl Iterator<Item = (String, String)> {
    PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .chain(
            iris.data_prefixes()
                .into_iter()
                // Turtle and TriG name statements and graphs relative to the base instead.
                .filter(move |(p, _)| {
                    !(matches!(format, RdfFormat::Turtle | RdfFormat::TriG)
                        && matches!(*p, "st" | "graph"))
                })
                .map(|(p, ns)| (p.to_owned(), ns)),
        )
}
