//! The embedded Oxigraph store: the only module that touches `oxigraph::store`.
//!
//! A build replaces the whole content of the store in one transaction, so building twice gives
//! the same graph and a build that fails leaves the store as it was: RocksDB commits the
//! transaction atomically, and validation and mapping finish before the transaction starts.
//! The store is derived from the data directory; it holds nothing else.

use std::path::Path;

use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;

use crate::vocab::{nkg, Iris};
use crate::Error;

const STATS_GRAPHS: &str = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY ?graph";
const STATS_CLASSES: &str = "PREFIX nkg: <https://newskg.example/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?instances) WHERE {
  GRAPH ?g { ?s a ?class } FILTER(?g != <https://newskg.example/ontology>)
} GROUP BY ?class ORDER BY DESC(?instances) ?class";
const STATS_RELATIONS: &str = "PREFIX nkg: <https://newskg.example/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?relation (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?edge) AS ?edges) WHERE {
  ?st a nkg:Statement ; rdf:predicate ?relation ; rdf:subject ?s ; rdf:object ?o .
  OPTIONAL { ?s ?relation ?o BIND(CONCAT(STR(?s), ' ', STR(?o)) AS ?edge) }
} GROUP BY ?relation ORDER BY ?relation";

/// The tables of `newskg stats`: a title and a SELECT query each.
pub const STATS_QUERIES: &[(&str, &str)] = &[
    ("Triples by graph", STATS_GRAPHS),
    ("Instances by class", STATS_CLASSES),
    (
        "Statements and direct edges by relation type",
        STATS_RELATIONS,
    ),
];

mod generations;

pub use generations::{test_point, StoreDir, LOAD_MEMORY_MB};

/// The graphs a query reads, when it names them: the SPARQL Protocol's `default-graph-uri`
/// and `named-graph-uri`. Empty: the union of all graphs is the default graph, and GRAPH
/// reads any of them.
#[derive(Debug, Clone, Default)]
pub struct QueryDataset {
    /// The graphs whose union is the default graph.
    pub default_graphs: Vec<NamedNode>,
    /// The graphs that GRAPH may read.
    pub named_graphs: Vec<NamedNode>,
}

/// The store, on disk or in memory.
pub struct GraphStore {
    store: Store,
    /// A shared lock on the generation it reads, so that no build removes it while it is open.
    _reading: Option<std::fs::File>,
}

impl GraphStore {
    /// Opens (or creates) the Oxigraph store in directory `path`, for reading and writing.
    pub fn open(path: &Path) -> Result<Self, Error> {
        Ok(Self {
            store: Store::open(path)?,
            _reading: None,
        })
    }

    /// A throw-away store in memory.
    pub fn memory() -> Result<Self, Error> {
        Ok(Self {
            store: Store::new()?,
            _reading: None,
        })
    }

    /// Loads `quads` into this (new, empty) store with Oxigraph's bulk loader, in memory
    /// bounded by `max_memory_mb`: sorted runs written as SST files and ingested in one step at
    /// the end, so that nothing is visible unless everything loaded. `confirm` runs once every
    /// quad is loaded and before anything is committed: an error there commits nothing.
    pub fn bulk_load<T>(
        &self,
        quads: impl IntoIterator<Item = Quad>,
        max_memory_mb: usize,
        confirm: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.bulk_load_watched(quads, max_memory_mb, |_| {}, confirm)
    }

    /// [`bulk_load`](Self::bulk_load), telling `loaded` from time to time how many quads it has
    /// taken.
    pub fn bulk_load_watched<T>(
        &self,
        quads: impl IntoIterator<Item = Quad>,
        max_memory_mb: usize,
        loaded: impl Fn(u64) + Send + Sync + 'static,
        confirm: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut loader = self
            .store
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(max_memory_mb)
            .on_progress(loaded);
        loader.load_quads(quads)?;
        let confirmed = confirm()?;
        loader.commit()?;
        self.store.flush()?;
        Ok(confirmed)
    }

    /// Whether a store directory already exists at `path` (a build has run there).
    pub fn exists(path: &Path) -> bool {
        path.join("CURRENT").is_file()
    }

    /// Compacts the store: the bulk loader's many sorted runs merged, so that reads scan few
    /// files (a full N-Quads read of 2.1M quads: 25 s before, 10 s after; see
    /// docs/benchmarks.md).
    pub fn optimize(&self) -> Result<(), Error> {
        Ok(self.store.optimize()?)
    }

    /// Removes the named graphs `remove` and inserts `quads`, in one transaction.
    pub fn replace_graphs(&self, remove: &[NamedNode], quads: &[Quad]) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction()?;
        for graph in remove {
            transaction.remove_named_graph(graph)?;
        }
        transaction.extend(quads);
        transaction.commit()?;
        self.store.flush()?;
        Ok(())
    }

    /// Replaces everything in the store by `quads`, atomically.
    pub fn replace_all(&self, quads: &[Quad]) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction()?;
        transaction.clear()?;
        transaction.extend(quads);
        transaction.commit()?;
        self.store.flush()?;
        Ok(())
    }

    pub fn len(&self) -> Result<usize, Error> {
        Ok(self.store.len()?)
    }

    /// The entity whose id is `id`: a node with that `dcterms:identifier` and a name. Looked up
    /// in the store's index, so that naming an entity by its id costs nothing on a large store.
    pub fn entity_with_id(&self, id: &str) -> Result<Option<NamedNode>, Error> {
        let literal = oxigraph::model::Literal::new_simple_literal(id);
        let identifier = crate::vocab::dcterms::IDENTIFIER;
        let label = oxigraph::model::vocab::rdfs::LABEL;
        for quad in self.store.quads_for_pattern(
            None,
            Some(identifier),
            Some(literal.as_ref().into()),
            None,
        ) {
            let NamedOrBlankNode::NamedNode(node) = quad?.subject else {
                continue;
            };
            let named = self
                .store
                .quads_for_pattern(Some(node.as_ref().into()), Some(label), None, None)
                .next()
                .transpose()?
                .is_some();
            if named {
                return Ok(Some(node));
            }
        }
        Ok(None)
    }

    /// How many quads named graph `graph` holds.
    pub fn graph_len(&self, graph: &NamedNode) -> Result<usize, Error> {
        let mut n = 0;
        for quad in self
            .store
            .quads_for_pattern(None, None, None, Some(graph.into()))
        {
            quad?;
            n += 1;
        }
        Ok(n)
    }

    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.store.is_empty()?)
    }

    /// The named graphs, sorted.
    pub fn named_graphs(&self) -> Result<Vec<NamedOrBlankNode>, Error> {
        let mut graphs = self.store.named_graphs().collect::<Result<Vec<_>, _>>()?;
        graphs.sort_by_cached_key(|g| g.to_string());
        Ok(graphs)
    }

    /// The quads of one graph, or of every graph, sorted so that output is deterministic.
    pub fn quads(&self, graph: Option<GraphNameRef<'_>>) -> Result<Vec<Quad>, Error> {
        let mut quads = self
            .store
            .quads_for_pattern(None, None, None, graph)
            .collect::<Result<Vec<_>, _>>()?;
        quads.sort_by_cached_key(|q| q.to_string());
        Ok(quads)
    }

    /// The quads of one graph, or of every graph, in the store's own order: deterministic for
    /// the same content, read as they are needed, so that a large store is never held whole.
    pub fn stream_quads(
        &self,
        graph: Option<GraphNameRef<'_>>,
    ) -> impl Iterator<Item = Result<Quad, Error>> + '_ {
        self.store
            .quads_for_pattern(None, None, None, graph)
            .map(|q| q.map_err(Error::from))
    }

    /// Whether `graph` holds anything.
    pub fn has_graph(&self, graph: &GraphName) -> Result<bool, Error> {
        Ok(match graph {
            GraphName::NamedNode(n) => self.store.contains_named_graph(n)?,
            GraphName::BlankNode(b) => self.store.contains_named_graph(b)?,
            GraphName::DefaultGraph => true,
        })
    }

    /// The graph that a user names: `ontology`, `entities`, an article id or a graph IRI; an
    /// error listing the store's graphs when it holds no such graph.
    pub fn graph_named(&self, name: &str, iris: &Iris) -> Result<GraphName, Error> {
        let unknown = || -> Result<Error, Error> {
            let known: Vec<String> = self.named_graphs()?.iter().map(|g| g.to_string()).collect();
            Ok(Error::UnknownGraph {
                name: name.to_owned(),
                known: known.join(", "),
            })
        };
        let graph: GraphName = match name {
            "ontology" => nkg::ONTOLOGY.into_owned().into(),
            "entities" => iris.entities_graph().into(),
            n if n.contains(':') => {
                let n = n.trim_start_matches('<').trim_end_matches('>');
                match NamedNode::new(n) {
                    Ok(iri) => iri.into(),
                    Err(_) => return Err(unknown()?),
                }
            }
            id => iris.article_graph(id).into(),
        };
        if self.has_graph(&graph)? {
            Ok(graph)
        } else {
            Err(unknown()?)
        }
    }

    /// Runs a SPARQL query. Unless the query names its own dataset (FROM, FROM NAMED), the
    /// default graph is the union of all graphs, so that queries need no GRAPH clause.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, Error> {
        self.query_with(sparql, Vec::new())
    }

    /// Runs a SPARQL query with variables bound to terms (SPARQL SEP-0007 substitution): the
    /// values never become query text.
    pub fn query_with(
        &self,
        sparql: &str,
        bindings: Vec<(Variable, Term)>,
    ) -> Result<QueryResults<'static>, Error> {
        self.query_until(sparql, bindings, CancellationToken::new())
    }

    /// [`query_with`](Self::query_with), stopped (with `QueryEvaluationError::Cancelled`) once
    /// `cancel` is cancelled.
    pub fn query_until(
        &self,
        sparql: &str,
        bindings: Vec<(Variable, Term)>,
        cancel: CancellationToken,
    ) -> Result<QueryResults<'static>, Error> {
        self.query_in(sparql, bindings, &QueryDataset::default(), cancel)
    }

    /// As [`GraphStore::query_until`], over the graphs that `dataset` names (as the SPARQL
    /// Protocol's `default-graph-uri` and `named-graph-uri` do), when it names any.
    pub fn query_in(
        &self,
        sparql: &str,
        bindings: Vec<(Variable, Term)>,
        dataset: &QueryDataset,
        cancel: CancellationToken,
    ) -> Result<QueryResults<'static>, Error> {
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(cancel)
            .parse_query(sparql)?;
        if !dataset.default_graphs.is_empty() {
            let graphs = dataset
                .default_graphs
                .iter()
                .cloned()
                .map(GraphName::from)
                .collect();
            prepared.dataset_mut().set_default_graph(graphs);
        }
        if !dataset.named_graphs.is_empty() {
            let graphs = dataset
                .named_graphs
                .iter()
                .cloned()
                .map(Into::into)
                .collect();
            prepared.dataset_mut().set_available_named_graphs(graphs);
        }
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (variable, term) in bindings {
            prepared = prepared.substitute_variable(variable, term);
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }
}
