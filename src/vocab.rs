//! IRIs of the vocabularies that newskg writes, as `NamedNodeRef` constants.
//!
//! Our own terms live in `ontology/newskg.ttl`; a test checks that every `nkg` constant here is
//! declared there with English and Arabic labels, so the two cannot drift apart. The data IRIs
//! (entities, articles, statements, graphs) are built under a configurable base by [`Iris`].

use oxigraph::model::{NamedNode, NamedNodeRef};

/// Prefixes offered to Turtle, TriG and JSON-LD output and used by the canned queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("nkg", nkg::NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("schema", "http://schema.org/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("time", "http://www.w3.org/2006/time#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("wd", WIKIDATA_ENTITY),
];

/// Namespace of Wikidata items, for `owl:sameAs` links.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

/// The newskg ontology.
pub mod nkg {
    use super::NamedNodeRef;

    pub const NS: &str = "https://newskg.example/ontology#";
    /// The ontology's IRI, also the name of the graph that holds it.
    pub const ONTOLOGY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://newskg.example/ontology");

    macro_rules! terms {
        ($($name:ident = $local:literal;)*) => {
            $(pub const $name: NamedNodeRef<'_> =
                NamedNodeRef::new_unchecked(concat!("https://newskg.example/ontology#", $local));)*
            /// Every term above, for the test that checks the ontology declares them.
            pub const ALL: &[NamedNodeRef<'_>] = &[$($name),*];
        };
    }

    terms! {
        KEY = "key";
        ALLOWS_QUALIFIER = "allowsQualifier";
        STATEMENT_CLASS = "statementClass";
        ASSERTS_EDGE = "assertsEdge";
        ARTICLE = "Article";
        STATEMENT = "Statement";
        STATUS_CLASS = "Status";
        AMOUNT_BOUND_CLASS = "AmountBound";
        DATE_PRECISION_CLASS = "DatePrecision";
        REPORTS_FROM = "reportsFrom";
        SOURCE_FILE = "sourceFile";
        DATE_INFERRED = "dateInferred";
        DATE_INFERENCE_REASON = "dateInferenceReason";
        DATE = "date";
        START_DATE = "startDate";
        END_DATE = "endDate";
        DATE_EXPRESSION = "dateExpression";
        DATE_RULE = "dateRule";
        STATUS = "status";
        ASSERTED_BY = "assertedBy";
        EVIDENCE = "evidence";
        ROLE = "role";
        POLICY_AREA = "policyArea";
        REASON = "reason";
        AMOUNT = "amount";
        AMOUNT_BOUND = "amountBound";
        CURRENCY = "currency";
        INTERMEDIARY = "intermediary";
        BENEFICIARY = "beneficiary";
        PURPOSE = "purpose";
        PART_OF = "partOf";
        PLACE = "place";
        HOST = "host";
        PARTICIPANT = "participant";
        TOPIC = "topic";
        SAME_FACT_AS = "sameFactAs";
        CONTRADICTS = "contradicts";
    }
}

/// schema.org terms.
pub mod schema {
    use super::NamedNodeRef;
    pub const HEADLINE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://schema.org/headline");
    pub const PUBLISHER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://schema.org/publisher");
    pub const AUTHOR: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://schema.org/author");
    pub const URL: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://schema.org/url");
    pub const DATE_PUBLISHED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://schema.org/datePublished");
    pub const IN_LANGUAGE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://schema.org/inLanguage");
}

/// PROV-O terms.
pub mod prov {
    use super::NamedNodeRef;
    pub const WAS_DERIVED_FROM: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasDerivedFrom");
}

/// OWL terms.
pub mod owl {
    use super::NamedNodeRef;
    pub const SAME_AS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");
}

/// Dublin Core terms.
pub mod dcterms {
    use super::NamedNodeRef;
    pub const IDENTIFIER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://purl.org/dc/terms/identifier");
}

/// SKOS terms.
pub mod skos {
    use super::NamedNodeRef;
    pub const ALT_LABEL: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
}

/// Web Annotation terms, for evidence quotes.
pub mod oa {
    use super::NamedNodeRef;
    pub const SPECIFIC_RESOURCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#SpecificResource");
    pub const TEXT_QUOTE_SELECTOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#TextQuoteSelector");
    pub const TEXT_POSITION_SELECTOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#TextPositionSelector");
    pub const HAS_SOURCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#hasSource");
    pub const HAS_SELECTOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#hasSelector");
    pub const EXACT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#exact");
    pub const START: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#start");
    pub const END: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#end");
}

/// The data IRIs of one graph, all under one base IRI.
///
/// Every IRI is made of the base and ASCII ids that validation has checked, so the same input
/// always gives the same IRIs.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

/// The base IRI used when none is given.
pub const DEFAULT_BASE: &str = "https://newskg.example/";

impl Iris {
    /// `base` must be an absolute IRI; a `/` is added when it ends with neither `/` nor `#`.
    pub fn new(base: &str) -> Result<Self, crate::Error> {
        let invalid = |reason: String| crate::Error::BaseIri {
            iri: base.to_owned(),
            reason,
        };
        iri_string::types::IriStr::new(base).map_err(|e| invalid(e.to_string()))?;
        // Oxigraph's own grammar too, so that the two can never disagree silently.
        NamedNode::new(base).map_err(|e| invalid(e.to_string()))?;
        let mut base = base.to_owned();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        Ok(Self { base })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The IRI of `path` under the base. Data ids are validated ASCII words, so the IRI is
    /// valid as it is; any other character of a name a user typed is percent-encoded, so that
    /// no IRI is ever made broken.
    fn make(&self, path: &str) -> NamedNode {
        NamedNode::new(format!("{}{path}", self.base)).unwrap_or_else(|_| {
            NamedNode::new(format!("{}{}", self.base, percent_encode(path)))
                .expect("a percent-encoded path under a valid base is a valid IRI")
        })
    }

    pub fn entity_ns(&self) -> String {
        format!("{}entity/", self.base)
    }
    pub fn entity(&self, id: &str) -> NamedNode {
        self.make(&format!("entity/{id}"))
    }
    pub fn article_ns(&self) -> String {
        format!("{}article/", self.base)
    }
    pub fn article(&self, id: &str) -> NamedNode {
        self.make(&format!("article/{id}"))
    }
    pub fn statement_ns(&self) -> String {
        format!("{}statement/", self.base)
    }
    pub fn statement(&self, doc: &str, rel: &str) -> NamedNode {
        self.make(&format!("statement/{doc}/{rel}"))
    }
    pub fn evidence(&self, doc: &str, rel: &str, n: usize) -> NamedNode {
        self.make(&format!("statement/{doc}/{rel}/evidence/{n}"))
    }
    pub fn selector(&self, doc: &str, rel: &str, n: usize) -> NamedNode {
        self.make(&format!("statement/{doc}/{rel}/evidence/{n}/selector"))
    }
    pub fn graph_ns(&self) -> String {
        format!("{}graph/", self.base)
    }
    /// The graph of entity descriptions.
    pub fn entities_graph(&self) -> NamedNode {
        self.make("graph/entities")
    }
    /// The graph of one article's statements.
    pub fn article_graph(&self, doc: &str) -> NamedNode {
        self.make(&format!("graph/article/{doc}"))
    }

    /// Prefixes for the data IRIs, to go with [`PREFIXES`].
    pub fn data_prefixes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ent", self.entity_ns()),
            ("art", self.article_ns()),
            ("st", self.statement_ns()),
            ("graph", self.graph_ns()),
        ]
    }
}

/// Every byte of `path` that is not an unreserved ASCII character or `/` as `%XX`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_iris_are_valid_whatever_the_id() {
        let iris = Iris::new(DEFAULT_BASE).unwrap();
        assert_eq!(
            iris.entity("elon-musk").as_str(),
            "https://newskg.example/entity/elon-musk"
        );
        for id in ["a b", "<x>", "\"{}|^`", "line\nbreak", "إيلون"] {
            let iri = iris.article_graph(id);
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            assert!(iri
                .as_str()
                .starts_with("https://newskg.example/graph/article/"));
        }
        assert_eq!(
            iris.article_graph("a b").as_str(),
            "https://newskg.example/graph/article/a%20b"
        );
    }

    #[test]
    fn a_base_is_an_absolute_iri() {
        assert!(Iris::new("not a base").is_err());
        assert!(Iris::new("relative/path").is_err());
        assert_eq!(
            Iris::new("http://x.example/kg").unwrap().base(),
            "http://x.example/kg/"
        );
    }
}
