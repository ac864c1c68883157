//! The RDF model: expected quads kept beside the fixture, the direct-edge rule, graphs, IRIs.

use oxigraph::model::{GraphName, NamedOrBlankNode, Term};

use crate::util::{compile, expected_file, fixture, iris, nquads};

const BASE_STATEMENT: &str = "https://newskg.example/statement/sample/";

/// The quads about one statement: its node, its evidence and selectors, and its direct edge.
fn statement_quads(quads: &[oxigraph::model::Quad], rel: &str) -> String {
    let node = format!("{BASE_STATEMENT}{rel}");
    let about = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) => {
            n.as_str() == node || n.as_str().starts_with(&format!("{node}/"))
        }
        _ => false,
    };
    let mine: Vec<_> = quads
        .iter()
        .filter(|q| about(&q.subject))
        .cloned()
        .collect();
    let get = |p: &str| {
        mine.iter()
            .find(|q| q.subject.to_string() == format!("<{node}>") && q.predicate.as_str() == p)
            .map(|q| q.object.clone())
    };
    let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    let (s, p, o) = (
        get(&format!("{rdf}subject")).unwrap(),
        get(&format!("{rdf}predicate")).unwrap(),
        get(&format!("{rdf}object")).unwrap(),
    );
    let edges: Vec<_> = quads
        .iter()
        .filter(|q| {
            Term::from(q.subject.clone()) == s
                && Term::from(q.predicate.clone()) == p
                && q.object == o
        })
        .cloned()
        .collect();
    nquads(&[mine, edges].concat())
}

#[test]
fn one_relation_of_each_core_type_maps_to_the_expected_quads() {
    let quads = compile(&fixture("basic/data")).unwrap();
    for (rel, kind) in [
        ("r1", "met-at"),
        ("r2", "donated-to"),
        ("r3", "advises"),
        ("r4", "feuded-with"),
    ] {
        let actual = statement_quads(&quads, rel);
        let path = fixture("basic/expected").join(format!("{rel}-{kind}.nq"));
        let expected = expected_file(&path, &actual);
        assert_eq!(
            actual,
            expected,
            "quads of {rel} ({kind}) differ from {}",
            path.display()
        );
    }
}

#[test]
fn a_considered_role_has_a_statement_but_no_direct_edge() {
    let quads = compile(&fixture("basic/data")).unwrap();
    let text = nquads(&quads);
    assert!(text.contains(&format!("<{BASE_STATEMENT}r5> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://newskg.example/ontology#advises>")));
    assert!(!text.contains("<https://newskg.example/entity/elon-musk> <https://newskg.example/ontology#advises> <https://newskg.example/entity/donald-trump>"));
    // The stated role of r3 does draw its edge.
    assert!(text.contains("<https://newskg.example/entity/chris-young> <https://newskg.example/ontology#advises> <https://newskg.example/entity/elon-musk>"));
}

#[test]
fn statements_entities_and_ontology_live_in_their_own_graphs() {
    let quads = compile(&fixture("basic/data")).unwrap();
    let iris = iris();
    let in_graph = |g: GraphName| quads.iter().filter(move |q| q.graph_name == g);
    let ontology: GraphName = newskg::vocab::nkg::ONTOLOGY.into_owned().into();
    assert!(in_graph(ontology)
        .any(|q| q.subject.to_string() == "<https://newskg.example/ontology#donatedTo>"));
    let entities: GraphName = iris.entities_graph().into();
    assert!(in_graph(entities.clone()).any(|q| q.object.to_string() == "\"إيلون ماسك\"@ar"));
    assert!(in_graph(entities)
        .any(|q| q.object.to_string() == "<http://www.wikidata.org/entity/Q317521>"));
    let article: GraphName = iris.article_graph("sample").into();
    assert!(
        in_graph(article.clone()).any(|q| q.subject.to_string() == format!("<{BASE_STATEMENT}r1>"))
    );
    // Every quad is in a named graph: nothing is left in the default graph.
    assert!(quads
        .iter()
        .all(|q| q.graph_name != GraphName::DefaultGraph));
}

#[test]
fn iris_are_ascii_and_arabic_is_only_in_literals_tagged_ar() {
    let quads = compile(&fixture("basic/data")).unwrap();
    let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    for q in &quads {
        for iri in [
            q.subject.to_string(),
            q.predicate.to_string(),
            q.graph_name.to_string(),
        ] {
            assert!(iri.is_ascii(), "non-ASCII IRI {iri}");
        }
        match &q.object {
            Term::NamedNode(n) => assert!(n.as_str().is_ascii(), "non-ASCII IRI {n}"),
            Term::Literal(l) if arabic(l.value()) => {
                assert_eq!(
                    l.language(),
                    Some("ar"),
                    "Arabic literal not tagged @ar: {l}"
                )
            }
            _ => {}
        }
    }
}

#[test]
fn dates_and_amounts_are_typed_literals() {
    let text = nquads(&compile(&fixture("basic/data")).unwrap());
    assert!(text.contains("\"2024-03-03\"^^<http://www.w3.org/2001/XMLSchema#date>"));
    assert!(text.contains("\"2025-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"));
    assert!(text.contains("\"10000000\"^^<http://www.w3.org/2001/XMLSchema#decimal>"));
}

#[test]
fn the_same_input_gives_the_same_quads_and_another_base_moves_every_data_iri() {
    let data = fixture("basic/data");
    assert_eq!(compile(&data).unwrap(), compile(&data).unwrap());
    let ontology = newskg::Ontology::bundled().unwrap();
    let other = newskg::Iris::new("http://example.org/kg").unwrap();
    let (_, quads) = newskg::compile(&data, &ontology, &other).unwrap();
    let text = nquads(&quads);
    assert!(text.contains("<http://example.org/kg/entity/elon-musk>"));
    assert!(!text.contains("https://newskg.example/entity/"));
}
