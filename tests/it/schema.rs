//! The published JSON Schema stays what the Rust types generate.

use crate::util::{expected_file, newskg, repo_path};

#[test]
fn data_schema_json_is_what_the_types_generate() {
    let generated = newskg::schema::json_schema_text(&newskg::Ontology::bundled().unwrap());
    let path = repo_path("data/schema.json");
    let committed = expected_file(&path, &generated);
    assert!(
        committed == generated,
        "data/schema.json is out of date: run `newskg schema > data/schema.json`"
    );
    newskg().arg("schema").assert().success().stdout(generated);
}

#[test]
fn the_schema_lists_the_keys_that_the_ontology_declares() {
    let schema = newskg::schema::json_schema(&newskg::Ontology::bundled().unwrap());
    let kinds = &schema["$defs"]["RelationRecord"]["properties"]["type"]["enum"];
    for key in ["advises", "donated-to", "met-at", "feuded-with"] {
        assert!(
            kinds.as_array().unwrap().iter().any(|k| k == key),
            "{kinds}"
        );
    }
    let statuses = &schema["$defs"]["RelationRecord"]["properties"]["status"]["enum"];
    assert!(statuses
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "considered"));
    assert_eq!(
        schema["$defs"]["RelationRecord"]["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}
