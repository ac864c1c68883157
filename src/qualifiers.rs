//! The qualifiers of a statement, one row each: the one place that says what a qualifier is.
//!
//! A row names the qualifier's key (the field of a relation record and the ontology's
//! `nkg:key`), the shape of its value, the RDF predicates it is written with and the
//! property-graph columns it is read back into. Validation checks a present field by its
//! shape and the ontology's `nkg:allowsQualifier`; the mapper writes it by its shape; the
//! property graph reads it back into its columns; docs/exports.md lists those columns. Adding
//! a qualifier is a field in `model::RelationRecord`, a row here and its property in the
//! ontology (a test checks that every qualifier key of the ontology is a row, and every row a
//! key).

use oxigraph::model::NamedNodeRef;

use crate::model::{DateResolution, Evidence, Labels, RelationRecord};
use crate::pgraph::{Kind, Property};
use crate::vocab::nkg;

/// What a qualifier's value is, which decides how it is checked, written and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A status key of the ontology (`stated`, `reported`…): an `nkg:Status`.
    Status,
    /// An ISO 8601 date at day, month or year precision: `xsd:date`, `xsd:gYearMonth` or
    /// `xsd:gYear`.
    Date,
    /// A relative date's wording and the rule that resolved it: two literals.
    Resolution,
    /// A decimal number in a string: `xsd:decimal`.
    Decimal,
    /// An amount-bound key of the ontology (`exact`, `at-least`…): an `nkg:AmountBound`.
    Bound,
    /// An ISO 4217 currency code: a plain literal.
    CurrencyCode,
    /// One entity id.
    Entity,
    /// A list of entity ids.
    Entities,
    /// One text in Arabic and/or English: a literal per language.
    Text,
    /// A list of such texts.
    Texts,
    /// The id of another relation of the same article.
    StatementRef,
    /// Ids of other statements, of any article: `article/relation`.
    Statements,
    /// Verbatim quotes of the article's text with their offsets: Web Annotation selectors.
    Evidence,
}

/// A qualifier's field as the record holds it, before any check.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    Str(Option<&'a str>),
    Strs(&'a [String]),
    Text(Option<&'a Labels>),
    Texts(&'a [Labels]),
    Resolution(Option<&'a DateResolution>),
    Evidence(&'a [Evidence]),
}

impl Field<'_> {
    /// Whether the record gives the qualifier at all (an empty list counts as absent).
    pub fn is_present(&self) -> bool {
        match self {
            Field::Str(v) => v.is_some(),
            Field::Text(v) => v.is_some(),
            Field::Resolution(v) => v.is_some(),
            Field::Strs(v) => !v.is_empty(),
            Field::Texts(v) => !v.is_empty(),
            Field::Evidence(v) => !v.is_empty(),
        }
    }
}

/// One qualifier.
#[derive(Debug, Clone, Copy)]
pub struct Qualifier {
    /// The record's field and the ontology's `nkg:key`.
    pub key: &'static str,
    pub shape: Shape,
    /// The predicates of the statement node it is written with: one, or for a
    /// [`Shape::Resolution`] the wording's and the rule's.
    pub predicates: &'static [NamedNodeRef<'static>],
    /// Its property-graph columns, in order: one, or `_en` and `_ar` for texts.
    pub columns: &'static [Property],
    /// Reads the field from a record.
    pub read: fn(&RelationRecord) -> Field<'_>,
}

impl Qualifier {
    /// The predicate of its value (for a resolution, the wording's).
    pub fn predicate(&self) -> NamedNodeRef<'static> {
        self.predicates[0]
    }

    /// The column of a one-column qualifier, or the first (English) of a bilingual one.
    pub fn column(&self) -> &'static str {
        self.columns[0].name
    }
}

const fn col(name: &'static str, kind: Kind, doc: &'static str) -> Property {
    Property { name, kind, doc }
}

macro_rules! qualifiers {
    ($($name:ident = $key:literal, $shape:ident, [$($p:expr),+], [$($c:expr),+ $(,)?], |$r:ident| $read:expr;)*) => {
        $(pub const $name: Qualifier = Qualifier {
            key: $key,
            shape: Shape::$shape,
            predicates: &[$($p),+],
            columns: &[$($c),+],
            read: |$r| $read,
        };)*
        /// Every qualifier, in the order of the record's fields (status first, evidence
        /// last): the order of the property-graph columns.
        pub const ALL: &[Qualifier] = &[$($name),*];
    };
}

qualifiers! {
    STATUS = "status", Status, [nkg::STATUS], [
        col("status", Kind::Text, "stated, reported, ended, alleged, considered, offered, planned, denied or abandoned"),
        col("asserted", Kind::Boolean, "whether the status says the relation held (the RDF graph then has the direct edge)"),
    ], |r| Field::Str(Some(r.status.as_str()));
    DATE = "date", Date, [nkg::DATE], [col("date", Kind::Text, "when: YYYY, YYYY-MM or YYYY-MM-DD")],
        |r| Field::Str(r.date.as_deref());
    START = "start", Date, [nkg::START_DATE], [col("start_date", Kind::Text, "start of a period")],
        |r| Field::Str(r.start.as_deref());
    END = "end", Date, [nkg::END_DATE], [col("end_date", Kind::Text, "end of a period")],
        |r| Field::Str(r.end.as_deref());
    RESOLVED = "resolved", Resolution, [nkg::DATE_EXPRESSION, nkg::DATE_RULE], [
        col("date_expression", Kind::Text, "the words of the text that a date was resolved from"),
        col("date_rule", Kind::Text, "how that date was resolved"),
    ], |r| Field::Resolution(r.resolved.as_ref());
    AMOUNT = "amount", Decimal, [nkg::AMOUNT], [col("amount", Kind::Number, "amount of money")],
        |r| Field::Str(r.amount.as_deref());
    AMOUNT_BOUND = "amount_bound", Bound, [nkg::AMOUNT_BOUND],
        [col("amount_bound", Kind::Text, "exact, approximate, at-least or at-most")],
        |r| Field::Str(r.amount_bound.as_deref());
    CURRENCY = "currency", CurrencyCode, [nkg::CURRENCY],
        [col("currency", Kind::Text, "ISO 4217 code of the amount")],
        |r| Field::Str(r.currency.as_deref());
    INTERMEDIARY = "intermediary", Entity, [nkg::INTERMEDIARY],
        [col("intermediary", Kind::Text, "entity id the money went through")],
        |r| Field::Str(r.intermediary.as_deref());
    BENEFICIARY = "beneficiary", Entity, [nkg::BENEFICIARY],
        [col("beneficiary", Kind::Text, "entity id the money was meant for")],
        |r| Field::Str(r.beneficiary.as_deref());
    PURPOSE = "purpose", Text, [nkg::PURPOSE], [
        col("purpose_en", Kind::Text, "what the money was for, in English"),
        col("purpose_ar", Kind::Text, "what the money was for, in Arabic"),
    ], |r| Field::Text(r.purpose.as_ref());
    PART_OF = "part_of", StatementRef, [nkg::PART_OF],
        [col("part_of", Kind::Text, "id of the statement (a total) that this one is part of")],
        |r| Field::Str(r.part_of.as_deref());
    ROLE = "role", Text, [nkg::ROLE], [
        col("role_en", Kind::Text, "role or title, in English"),
        col("role_ar", Kind::Text, "role or title, in Arabic"),
    ], |r| Field::Text(r.role.as_ref());
    AREAS = "areas", Texts, [nkg::POLICY_AREA], [
        col("areas_en", Kind::Texts, "policy areas, in English"),
        col("areas_ar", Kind::Texts, "policy areas, in Arabic"),
    ], |r| Field::Texts(&r.areas);
    REASON = "reason", Text, [nkg::REASON], [
        col("reason_en", Kind::Text, "why, in English"),
        col("reason_ar", Kind::Text, "why, in Arabic"),
    ], |r| Field::Text(r.reason.as_ref());
    PLACE = "place", Entity, [nkg::PLACE], [col("place", Kind::Text, "entity id of the place")],
        |r| Field::Str(r.place.as_deref());
    HOST = "host", Entity, [nkg::HOST], [col("host", Kind::Text, "entity id of the host")],
        |r| Field::Str(r.host.as_deref());
    PARTICIPANTS = "participants", Entities, [nkg::PARTICIPANT],
        [col("participants", Kind::Texts, "entity ids of everyone present")],
        |r| Field::Strs(&r.participants);
    TOPICS = "topics", Texts, [nkg::TOPIC], [
        col("topics_en", Kind::Texts, "topics discussed, in English"),
        col("topics_ar", Kind::Texts, "topics discussed, in Arabic"),
    ], |r| Field::Texts(&r.topics);
    ASSERTED_BY = "asserted_by", Entities, [nkg::ASSERTED_BY],
        [col("asserted_by", Kind::Texts, "entity ids of whoever the article attributes the claim to")],
        |r| Field::Strs(&r.asserted_by);
    SAME_AS = "same_as", Statements, [nkg::SAME_FACT_AS], [
        col("same_as", Kind::Texts, "ids of statements (of any article) that report the same fact"),
    ], |r| Field::Strs(&r.same_as);
    CONTRADICTS = "contradicts", Statements, [nkg::CONTRADICTS], [
        col("contradicts", Kind::Texts, "ids of statements that cannot be true together with this one"),
    ], |r| Field::Strs(&r.contradicts);
    EVIDENCE = "evidence", Evidence, [nkg::EVIDENCE], [
        col("quote", Kind::Texts, "the verbatim Arabic sentences that support the statement"),
        col("quote_start", Kind::Integers, "character offset where each quote starts in the article text"),
        col("quote_end", Kind::Integers, "character offset where each quote ends"),
    ], |r| Field::Evidence(&r.evidence);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record with every qualifier given, each with a value of its own made from its key,
    /// so that a row reading another row's field is caught.
    fn full_record() -> serde_json::Value {
        let mut record = serde_json::json!({
            "id": "r1", "type": "donated-to", "subject": "s", "object": "o",
        });
        for q in ALL {
            let text =
                serde_json::json!({"ar": format!("{}-ar", q.key), "en": format!("{}-en", q.key)});
            record[q.key] = match q.shape {
                Shape::Entities | Shape::Statements => {
                    serde_json::json!([format!("{}-value", q.key)])
                }
                Shape::Text => text,
                Shape::Texts => serde_json::json!([text]),
                Shape::Resolution => serde_json::json!({"expression": q.key, "rule": q.key}),
                Shape::Evidence => serde_json::json!([{"quote": q.key, "start": 0, "end": 1}]),
                _ => serde_json::json!(format!("{}-value", q.key)),
            };
        }
        record
    }

    fn full() -> RelationRecord {
        serde_json::from_value(full_record()).expect("every row's key is a field of the record")
    }

    #[test]
    fn every_row_reads_a_field_of_its_shape_that_a_full_record_has() {
        let record = full();
        for q in ALL {
            let field = (q.read)(&record);
            assert!(field.is_present(), "{} reads nothing", q.key);
            let fits = match (q.shape, field) {
                (Shape::Entities | Shape::Statements, Field::Strs(_))
                | (Shape::Text, Field::Text(_))
                | (Shape::Texts, Field::Texts(_))
                | (Shape::Resolution, Field::Resolution(_))
                | (Shape::Evidence, Field::Evidence(_)) => true,
                (
                    Shape::Entities
                    | Shape::Statements
                    | Shape::Text
                    | Shape::Texts
                    | Shape::Resolution
                    | Shape::Evidence,
                    _,
                ) => false,
                (_, field) => matches!(field, Field::Str(_)),
            };
            assert!(fits, "{} reads a field of another shape", q.key);
        }
    }

    #[test]
    fn every_row_reads_the_field_named_by_its_key() {
        let record = full();
        for q in ALL {
            let read = match (q.read)(&record) {
                Field::Str(v) => v.map(str::to_owned),
                Field::Strs(v) => v.first().cloned(),
                Field::Text(v) => v.and_then(|l| l.en.clone()),
                Field::Texts(v) => v.first().and_then(|l| l.en.clone()),
                Field::Resolution(v) => v.map(|r| r.rule.clone()),
                Field::Evidence(v) => v.first().map(|e| e.quote.clone()),
            };
            let read = read.unwrap_or_default();
            assert!(read.starts_with(q.key), "{} reads {read:?}", q.key);
        }
    }

    #[test]
    fn bilingual_rows_have_an_english_and_an_arabic_column_and_others_one_per_value() {
        for q in ALL {
            let names: Vec<&str> = q.columns.iter().map(|c| c.name).collect();
            match q.shape {
                Shape::Text | Shape::Texts => {
                    assert_eq!(names.len(), 2, "{}", q.key);
                    assert!(names[0].ends_with("_en") && names[1].ends_with("_ar"));
                    assert_eq!(
                        names[0].trim_end_matches("_en"),
                        names[1].trim_end_matches("_ar")
                    );
                }
                Shape::Status | Shape::Resolution => assert_eq!(names.len(), 2, "{}", q.key),
                Shape::Evidence => assert_eq!(names.len(), 3),
                _ => assert_eq!(names.len(), 1, "{}", q.key),
            }
            let list = matches!(
                q.shape,
                Shape::Entities | Shape::Statements | Shape::Texts | Shape::Evidence
            );
            let kind = q.columns[0].kind;
            assert_eq!(kind == Kind::Texts, list, "{}: column kind {kind:?}", q.key);
        }
    }

    #[test]
    fn every_qualifier_key_of_the_ontology_is_a_row_and_every_row_a_key() {
        let ontology = crate::Ontology::bundled().unwrap();
        let declared: Vec<(&str, &str)> = ontology
            .qualifier_properties
            .iter()
            .map(|(key, p)| (key.as_str(), p.as_str()))
            .collect();
        let mut rows: Vec<(&str, &str)> = ALL
            .iter()
            .map(|q| (q.key, q.predicate().as_str()))
            .collect();
        rows.sort_unstable();
        assert_eq!(rows, declared);
    }

    #[test]
    fn keys_and_columns_are_unique() {
        let mut keys: Vec<&str> = ALL.iter().map(|q| q.key).collect();
        let mut columns: Vec<&str> = ALL.iter().flat_map(|q| q.columns).map(|c| c.name).collect();
        let (k, c) = (keys.len(), columns.len());
        keys.sort_unstable();
        keys.dedup();
        columns.sort_unstable();
        columns.dedup();
        assert_eq!((keys.len(), columns.len()), (k, c));
    }
}
