//! The ontology as newskg reads it: `ontology/newskg.ttl`, compiled into the binary.
//!
//! The extraction files name relation types, entity types, statuses and amount bounds by short
//! keys (`donated-to`, `person`, `reported`); the ontology declares what each key means
//! (`nkg:key`), which qualifiers a relation type allows (`nkg:allowsQualifier`) and which
//! statuses draw the direct edge (`nkg:assertsEdge`). Reading those facts from the ontology
//! rather than from a table in the code keeps one place to extend the vocabulary.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};

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
    /// Whether the relation holds both ways (`owl:SymmetricProperty`): met-at, feuded-with…
    pub symmetric: bool,
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
    /// The property that carries each qualifier key.
    pub qualifier_properties: BTreeMap<String, NamedNode>,
    /// The English and Arabic labels of the keys that answers show: relation types, statuses,
    /// amount bounds, date precisions and entity types.
    pub key_labels: BTreeMap<String, [Option<String>; 2]>,
}

const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
const OWL_SYMMETRIC: &str = "http://www.w3.org/2002/07/owl#SymmetricProperty";

/// The triples of the ontology that newskg reads, by subject.
#[derive(Default)]
struct Facts {
    keys: BTreeMap<NamedNode, String>,
    types: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    statement_class: BTreeMap<NamedNode, NamedNode>,
    allows: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    asserts: BTreeMap<NamedNode, bool>,
    /// Properties whose `rdfs:domain` is `nkg:Statement`: the qualifiers.
    domain_statement: BTreeSet<NamedNode>,
    /// `rdfs:label`s in English and Arabic.
    labels: BTreeMap<NamedNode, [Option<String>; 2]>,
}

impl Facts {
    fn of(triples: &[Triple]) -> Self {
        let mut facts = Self::default();
        for t in triples {
            if let NamedOrBlankNode::NamedNode(s) = &t.subject {
                facts.add(s, t.predicate.as_ref(), &t.object);
            }
        }
        facts
    }

    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &Term) {
        match o {
            Term::Literal(l) if p == nkg::KEY => {
                self.keys.insert(s.clone(), l.value().to_owned());
            }
            Term::Literal(l) if p == rdfs::LABEL => {
                let slot = match l.language() {
                    Some("en") => 0,
                    Some("ar") => 1,
                    _ => return,
                };
                self.labels.entry(s.clone()).or_default()[slot] = Some(l.value().to_owned());
            }
            Term::Literal(l) if p == nkg::ASSERTS_EDGE => {
                self.asserts.insert(s.clone(), l.value() == "true");
            }
            Term::NamedNode(o) if p == rdf::TYPE => {
                self.types.entry(s.clone()).or_default().insert(o.clone());
            }
            Term::NamedNode(o) if p == nkg::STATEMENT_CLASS => {
                self.statement_class.insert(s.clone(), o.clone());
            }
            Term::NamedNode(o) if p == nkg::ALLOWS_QUALIFIER => {
                self.allows.entry(s.clone()).or_default().insert(o.clone());
            }
            Term::NamedNode(o) if p == rdfs::DOMAIN && o.as_ref() == nkg::STATEMENT => {
                self.domain_statement.insert(s.clone());
            }
            _ => {}
        }
    }

    /// The labels of the keys that answers show; where two terms share a key, the relation
    /// type's, status's, bound's or precision's label wins over an entity type's.
    fn key_labels(
        &self,
        relation_types: &BTreeMap<String, RelationType>,
    ) -> BTreeMap<String, [Option<String>; 2]> {
        let shown = [
            nkg::STATUS_CLASS.as_str(),
            nkg::AMOUNT_BOUND_CLASS.as_str(),
            nkg::DATE_PRECISION_CLASS.as_str(),
        ];
        let mut out = BTreeMap::new();
        for (node, key) in &self.keys {
            let relation = relation_types.get(key).is_some_and(|t| &t.property == node);
            let first = relation || shown.iter().any(|c| self.has_type(node, c));
            let entity_type = self.has_type(node, OWL_CLASS);
            if first || (entity_type && !out.contains_key(key)) {
                out.insert(
                    key.clone(),
                    self.labels.get(node).cloned().unwrap_or_default(),
                );
            }
        }
        out
    }

    fn key_of(&self, n: &NamedNode) -> Result<String, Error> {
        self.keys
            .get(n)
            .cloned()
            .ok_or_else(|| Error::Ontology(format!("<{}> has no nkg:key", n.as_str())))
    }

    fn has_type(&self, n: &NamedNode, class: &str) -> bool {
        self.types
            .get(n)
            .is_some_and(|t| t.iter().any(|c| c.as_str() == class))
    }

    /// The relation types by key, and the keys of the qualifiers that some type allows
    /// (the type-specific ones).
    fn relation_types(&self) -> Result<(BTreeMap<String, RelationType>, BTreeSet<String>), Error> {
        let mut relation_types = BTreeMap::new();
        let mut specific = BTreeSet::new();
        for (property, class) in &self.statement_class {
            let key = self.key_of(property)?;
            let mut qualifiers = BTreeSet::new();
            for q in self.allows.get(property).into_iter().flatten() {
                qualifiers.insert(self.key_of(q)?);
            }
            specific.extend(qualifiers.iter().cloned());
            let relation_type = RelationType {
                key: key.clone(),
                property: property.clone(),
                statement_class: class.clone(),
                qualifiers,
                symmetric: self.has_type(property, OWL_SYMMETRIC),
            };
            relation_types.insert(key, relation_type);
        }
        Ok((relation_types, specific))
    }
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
        let facts = Facts::of(&triples);
        let (relation_types, specific) = facts.relation_types()?;
        let mut entity_types = BTreeMap::new();
        let mut statuses = BTreeMap::new();
        let mut amount_bounds = BTreeMap::new();
        let mut qualifier_properties = BTreeMap::new();
        for (node, key) in &facts.keys {
            if facts.has_type(node, OWL_CLASS) {
                entity_types.insert(key.clone(), node.clone());
            } else if facts.has_type(node, nkg::STATUS_CLASS.as_str()) {
                let asserts_edge = *facts.asserts.get(node).ok_or_else(|| {
                    Error::Ontology(format!("status <{}> has no nkg:assertsEdge", node.as_str()))
                })?;
                let iri = node.clone();
                statuses.insert(key.clone(), Status { iri, asserts_edge });
            } else if facts.has_type(node, nkg::AMOUNT_BOUND_CLASS.as_str()) {
                amount_bounds.insert(key.clone(), node.clone());
            } else if facts.domain_statement.contains(node) {
                qualifier_properties.insert(key.clone(), node.clone());
            }
        }
        let qualifier_keys: BTreeSet<String> = qualifier_properties.keys().cloned().collect();
        let key_labels = facts.key_labels(&relation_types);
        let common_qualifiers = qualifier_keys.difference(&specific).cloned().collect();
        Ok(Self {
            triples,
            relation_types,
            entity_types,
            statuses,
            amount_bounds,
            common_qualifiers,
            qualifier_keys,
            qualifier_properties,
            key_labels,
        })
    }

    /// The label of a key (relation type, status, bound, precision, entity type) in `lang`.
    pub fn key_label(&self, key: &str, lang: crate::wording::Lang) -> Option<&str> {
        let slot = match lang {
            crate::wording::Lang::En => 0,
            crate::wording::Lang::Ar => 1,
        };
        self.key_labels.get(key)?[slot].as_deref()
    }

    /// Whether a relation of type `kind` may carry the qualifier `key`.
    pub fn allows(&self, kind: &RelationType, key: &str) -> bool {
        self.common_qualifiers.contains(key) || kind.qualifiers.contains(key)
    }
}
