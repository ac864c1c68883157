//! The ontology and the code agree: every term newskg writes is declared, labelled in English
//! and Arabic; every qualifier key is a field of the format.

use std::collections::BTreeSet;

use oxigraph::model::{Term, Triple};

use newskg::vocab::nkg;
use newskg::Ontology;

fn labels(ontology: &Ontology, term: &str) -> BTreeSet<String> {
    ontology
        .triples
        .iter()
        .filter(|t: &&Triple| {
            t.subject.to_string() == format!("<{term}>")
                && t.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label"
        })
        .filter_map(|t| match &t.object {
            Term::Literal(l) => l.language().map(str::to_owned),
            _ => None,
        })
        .collect()
}

#[test]
fn every_term_newskg_writes_is_declared_with_english_and_arabic_labels() {
    let ontology = Ontology::bundled().unwrap();
    for term in nkg::ALL {
        let langs = labels(&ontology, term.as_str());
        assert!(
            langs.contains("en") && langs.contains("ar"),
            "{term} lacks en/ar labels: {langs:?}"
        );
    }
    for rt in ontology.relation_types.values() {
        for iri in [&rt.property, &rt.statement_class] {
            let langs = labels(&ontology, iri.as_str());
            assert!(langs.contains("en") && langs.contains("ar"), "{iri}");
        }
    }
}

#[test]
fn the_core_relation_types_are_declared() {
    let ontology = Ontology::bundled().unwrap();
    let keys: Vec<&str> = ontology.relation_types.keys().map(String::as_str).collect();
    for key in ["advises", "donated-to", "met-at", "feuded-with"] {
        assert!(keys.contains(&key), "{keys:?}");
    }
    let donation = &ontology.relation_types["donated-to"];
    assert!(donation.qualifiers.contains("amount") && donation.qualifiers.contains("intermediary"));
    assert!(ontology.statuses["reported"].asserts_edge);
    assert!(!ontology.statuses["considered"].asserts_edge);
}

#[test]
fn every_qualifier_key_is_a_field_of_the_relation_record() {
    let ontology = Ontology::bundled().unwrap();
    let schema = newskg::schema::json_schema(&ontology);
    let fields = schema["$defs"]["RelationRecord"]["properties"]
        .as_object()
        .unwrap();
    for key in &ontology.qualifier_keys {
        assert!(
            fields.contains_key(key),
            "qualifier key {key:?} is no field of RelationRecord"
        );
    }
    assert!(
        ontology.qualifier_keys.len() >= 20,
        "{:?}",
        ontology.qualifier_keys
    );
}

#[test]
fn each_relation_type_has_a_closed_shape_with_exactly_its_qualifiers() {
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;

    let store = Store::new().unwrap();
    for file in ["ontology/newskg.ttl", "ontology/shapes.ttl"] {
        let text = std::fs::read_to_string(crate::util::repo_path(file)).unwrap();
        store.load_from_slice(RdfFormat::Turtle, &text).unwrap();
    }
    let ontology = Ontology::bundled().unwrap();
    for kind in ontology.relation_types.values() {
        let query = format!(
            "PREFIX sh: <http://www.w3.org/ns/shacl#>
             PREFIX nkg: <https://newskg.example/ontology#>
             SELECT ?key ?closed WHERE {{
               ?shape sh:targetClass <{}> ; sh:closed ?closed .
               OPTIONAL {{ ?shape sh:property/sh:path/nkg:key ?key }}
             }}",
            kind.statement_class.as_str()
        );
        let QueryResults::Solutions(rows) = SparqlEvaluator::new()
            .parse_query(&query)
            .unwrap()
            .on_store(&store)
            .execute()
            .unwrap()
        else {
            unreachable!()
        };
        let mut keys = BTreeSet::new();
        let mut found = false;
        for row in rows {
            let row = row.unwrap();
            found = true;
            assert!(matches!(row.get("closed"), Some(Term::Literal(l)) if l.value() == "true"));
            if let Some(Term::Literal(k)) = row.get("key") {
                keys.insert(k.value().to_owned());
            }
        }
        assert!(found, "no closed shape targets {}", kind.statement_class);
        assert_eq!(
            keys, kind.qualifiers,
            "shape of {:?} and nkg:allowsQualifier differ",
            kind.key
        );
    }
}
