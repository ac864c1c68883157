//! The JSON Schema of the extraction files, generated from the types of `model.rs`.
//!
//! The keys that the ontology declares (relation and entity types, statuses, amount bounds) are
//! written into the schema as enums, so that a producer with structured output (an annotator's
//! tool, a language model) can only pick words that validation accepts. `data/schema.json` is this
//! output, committed, and a test keeps the two equal.

use serde_json::Value;

use crate::model::InputFile;
use crate::ontology::Ontology;

/// The schema, pretty-printed as `data/schema.json` holds it.
pub fn json_schema_text(ontology: &Ontology) -> String {
    let mut text =
        serde_json::to_string_pretty(&json_schema(ontology)).expect("a schema serializes");
    text.push('\n');
    text
}

/// The schema as a JSON value.
pub fn json_schema(ontology: &Ontology) -> Value {
    let mut schema = schemars::schema_for!(InputFile).to_value();
    schema["$id"] = Value::from("https://newskg.example/schema.json");
    schema["title"] = Value::from("newskg extraction files");
    let patches = [
        ("RelationRecord", "type", keys(&ontology.relation_types)),
        ("RelationRecord", "status", keys(&ontology.statuses)),
        (
            "RelationRecord",
            "amount_bound",
            keys(&ontology.amount_bounds),
        ),
        ("EntityRecord", "type", keys(&ontology.entity_types)),
    ];
    for (def, prop, values) in patches {
        if let Some(p) = schema
            .pointer_mut(&format!("/$defs/{def}/properties/{prop}"))
            .and_then(Value::as_object_mut)
        {
            // Optional fields are ["string", "null"]; keep null allowed there.
            if p.get("type").is_some_and(Value::is_array) {
                let mut v = values.as_array().cloned().unwrap_or_default();
                v.push(Value::Null);
                p.insert("enum".into(), v.into());
            } else {
                p.insert("enum".into(), values);
            }
        }
    }
    schema
}

fn keys<T>(m: &std::collections::BTreeMap<String, T>) -> Value {
    m.keys()
        .cloned()
        .map(Value::from)
        .collect::<Vec<_>>()
        .into()
}
