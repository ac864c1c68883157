//! The ontology as newskg reads it: `ontology/newskg.ttl`, compiled into the binary.
//!
//! The extraction files name relation types, entity types, statuses and amount bounds by short
//! keys (`donated-to`, `person`, `reported`); the ontology declares what each key means
//! (`nkg:key`), which qualifiers a relation type allows (`nkg:allowsQualifier`) and which
//! statuses draw the direct edge (`nkg:assertsEdge`). Reading those facts from the ontology
//! rather than from a table in the code keeps one place to extend the vocabulary.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, Term, Triple};

use crate::vocab::nkg;
use crate::Error;

/// The ontology's Turtle source.
pub const SOURCE: &str = include_str!("../ontology/newskg.ttl");

/// A relation type that the extraction files may use.
#[derive(Debug, Clone)]
pub struct RelationType {
    pub key: String,
    /// The direct edge's property, e.g. `nkg:donatedTo`.
    pub property: NamedNode,
    /// The class of its statement nodes, e.g. `nkg:Donation`.
    pub statement_class: NamedNode,
    /// Keys of the type-specific qualifiers it allows.
    pub qualifiers: BTreeSet<String>,
}

/// A status: its IRI and whether statements with it draw the direct edge.
#[derive(Debug, Clone)]
pub struct Status {
    pub iri: NamedNode,
    pub asserts_edge: bool,
}

/// What newskg needs to know of the ontology.
#[derive(Debug, Clone)]
pub struct Ontology {
    /// The ontology's triples, loaded into a graph of their own.
    pub triples: Vec<Triple>,
    pub relation_types: BTreeMap<String, RelationType>,
    pub entity_types: BTreeMap<String, NamedNode>,
    pub statuses: BTreeMap<String, Status>,
    pub amount_bounds: BTreeMap<String, NamedNode>,
    /// Qualifier keys that every relation type allows (declared on nkg:Statement and allowed by
    /// no type in particular).
    pub common_qualifiers: BTreeSet<String>,
    /// Every qualifier key, common or type-specific.
    pub qualifier_keys: BTreeSet<String>,
}

impl Ontology {
    /// The ontology compiled into newskg.
    pub fn bundled() -> Result<Self, Error> {
        Self::from_turtle(SOURCE)
    }

    pub fn from_turtle(source: &str) -> Result<Self, Error> {
        let triples = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(source.as_bytes())
            .map(|q| q.map(Triple::from))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Ontology(format!("ontology/newskg.ttl does not parse: {e}")))?;

        let named = |t: &Term| match t {
            Term::NamedNode(n) => Some(n.clone()),
            _ => None,
        };
        let mut keys = BTreeMap::<NamedNode, String>::new();
        let mut types = BTreeMap::<NamedNode, BTreeSet<NamedNode>>::new();
        let mut statement_class = BTreeMap::<NamedNode, NamedNode>::new();
        let mut allows = BTreeMap::<NamedNode, BTreeSet<NamedNode>>::new();
        let mut asserts = BTreeMap::<NamedNode, bool>::new();
        let mut domain_statement = BTreeSet::<NamedNode>::new();
        let domain = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#domain");
        for t in &triples {
            let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &t.subject else {
                continue;
            };
            let p = t.predicate.as_ref();
            if p == nkg::KEY {
                if let Term::Literal(l) = &t.object {
                    keys.insert(s.clone(), l.value().to_owned());
                }
            } else if p == rdf::TYPE {
                if let Some(o) = named(&t.object) {
                    types.entry(s.clone()).or_default().insert(o);
                }
            } else if p == nkg::STATEMENT_CLASS {
                if let Some(o) = named(&t.object) {
                    statement_class.insert(s.clone(), o);
                }
            } else if p == nkg::ALLOWS_QUALIFIER {
                if let Some(o) = named(&t.object) {
                    allows.entry(s.clone()).or_default().insert(o);
                }
            } else if p == nkg::ASSERTS_EDGE {
                if let Term::Literal(l) = &t.object {
                    asserts.insert(s.clone(), l.value() == "true");
                }
            } else if p == domain.as_ref() && t.object == Term::from(nkg::STATEMENT.into_owned()) {
                domain_statement.insert(s.clone());
            }
        }

        let key_of = |n: &NamedNode| {
            keys.get(n)
                .cloned()
                .ok_or_else(|| Error::Ontology(format!("<{}> has no nkg:key", n.as_str())))
        };
        let has_type = |n: &NamedNode, class: &str| {
            types
                .get(n)
                .is_some_and(|t| t.iter().any(|c| c.as_str() == class))
        };

        let mut relation_types = BTreeMap::new();
        let mut specific = BTreeSet::new();
        for (property, class) in &statement_class {
            let key = key_of(property)?;
            let mut qualifiers = BTreeSet::new();
            for q in allows.get(property).into_iter().flatten() {
                let k = key_of(q)?;
                specific.insert(k.clone());
                qualifiers.insert(k);
            }
            relation_types.insert(
                key.clone(),
                RelationType {
                    key,
                    property: property.clone(),
                    statement_class: class.clone(),
                    qualifiers,
                },
            );
        }

        let mut entity_types = BTreeMap::new();
        let mut statuses = BTreeMap::new();
        let mut amount_bounds = BTreeMap::new();
        let mut qualifier_keys = BTreeSet::new();
        for (node, key) in &keys {
            if has_type(node, "http://www.w3.org/2002/07/owl#Class") {
                entity_types.insert(key.clone(), node.clone());
            } else if has_type(node, nkg::STATUS_CLASS.as_str()) {
                let asserts_edge = *asserts.get(node).ok_or_else(|| {
                    Error::Ontology(format!("status <{}> has no nkg:assertsEdge", node.as_str()))
                })?;
                statuses.insert(
                    key.clone(),
                    Status {
                        iri: node.clone(),
                        asserts_edge,
                    },
                );
            } else if has_type(node, nkg::AMOUNT_BOUND_CLASS.as_str()) {
                amount_bounds.insert(key.clone(), node.clone());
            } else if domain_statement.contains(node) {
                qualifier_keys.insert(key.clone());
            }
        }
        let common_qualifiers = qualifier_keys.difference(&specific).cloned().collect();
        Ok(Self {
            triples,
            relation_types,
            entity_types,
            statuses,
            amount_bounds,
            common_qualifiers,
            qualifier_keys,
        })
    }

    /// Whether a relation of type `kind` may carry the qualifier `key`.
    pub fn allows(&self, kind: &RelationType, key: &str) -> bool {
        self.common_qualifiers.contains(key) || kind.qualifiers.contains(key)
    }
}
