//! The checked dataset: what validation hands to the mapper.
//!
//! Each checked type keeps the record it came from (so that the mapper sees the same field
//! names as the format documents) and adds what validation resolved: dates with their
//! precision, and the ontology IRIs that the keys stand for. A `Dataset` is only made by
//! [`crate::validate`], so the mapper can trust every id, date and key in it.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode};

use crate::model::{DateResolution, DocumentRecord, EntityRecord, Labels, RelationRecord};
use crate::qualifiers::Qualifier;
pub use crate::validate::Placed;

/// A validated set of articles and the entities they refer to, sorted by id.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub entities: Vec<Entity>,
    pub documents: Vec<Document>,
}

impl Dataset {
    pub fn relation_count(&self) -> usize {
        self.documents.iter().map(|d| d.relations.len()).sum()
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub record: EntityRecord,
    pub class: NamedNode,
    /// The Wikidata item's IRI.
    pub wikidata: Option<NamedNode>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub record: DocumentRecord,
    /// Where the article was published, as an IRI.
    pub url: Option<NamedNode>,
    pub published: Option<PartialDate>,
    pub relations: Vec<Relation>,
}

#[derive(Debug, Clone)]
pub struct Relation {
    /// The record, for its id, type, ends and note; its qualifiers are in `qualifiers`.
    pub record: RelationRecord,
    pub property: NamedNode,
    pub statement_class: NamedNode,
    /// Whether the status says the relation held, so that the direct edge is drawn.
    pub asserts_edge: bool,
    /// Every qualifier the record gives (its status and evidence among them), checked, in the
    /// order of [`crate::qualifiers::ALL`].
    pub qualifiers: Vec<(&'static Qualifier, Checked)>,
}

/// A qualifier's value once validation has checked it: what the mapper writes with the
/// qualifier's predicates.
#[derive(Debug, Clone)]
pub enum Checked {
    /// A term of the ontology: a status, an amount bound.
    Term(NamedNode),
    Date(PartialDate),
    Resolution(DateResolution),
    /// A decimal number's lexical form.
    Decimal(String),
    /// A currency code.
    Code(String),
    /// One entity id or several.
    Entities(Vec<String>),
    /// One bilingual text or several.
    Texts(Vec<Labels>),
    /// The id of another relation of the same article.
    Statement(String),
    /// Other statements, as (article, relation) ids.
    Statements(Vec<(String, String)>),
    /// The quotes, placed in the article's text.
    Evidence(Vec<Placed>),
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// An ISO 8601 calendar date known to the day, the month or the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialDate {
    pub text: String,
    pub precision: Precision,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the date exists.
    pub fn parse(text: &str) -> Option<Self> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = text.split('-').collect();
        let (precision, ok) = match parts.as_slice() {
            [y] => (Precision::Year, y.len() == 4 && digits(y)),
            [y, m] => (
                Precision::Month,
                y.len() == 4 && digits(y) && m.len() == 2 && digits(m),
            ),
            [y, m, d] => (
                Precision::Day,
                y.len() == 4 && digits(y) && m.len() == 2 && digits(m) && d.len() == 2 && digits(d),
            ),
            _ => return None,
        };
        // Year 0000 is 1 BC in XSD 1.1 but no year at all in XSD 1.0 and to most tools: in a
        // news extraction it is a mistake.
        if !ok || parts[0] == "0000" {
            return None;
        }
        // The calendar check (month 13, 30 February) is oxsdatatypes' own.
        let valid = match precision {
            Precision::Year => text.parse::<oxsdatatypes::GYear>().is_ok(),
            Precision::Month => text.parse::<oxsdatatypes::GYearMonth>().is_ok(),
            Precision::Day => text.parse::<oxsdatatypes::Date>().is_ok(),
        };
        valid.then(|| Self {
            text: text.to_owned(),
            precision,
        })
    }

    /// The literal, typed by precision: xsd:date, xsd:gYearMonth or xsd:gYear.
    pub fn literal(&self) -> Literal {
        let datatype = match self.precision {
            Precision::Day => xsd::DATE,
            Precision::Month => xsd::G_YEAR_MONTH,
            Precision::Year => xsd::G_YEAR,
        };
        Literal::new_typed_literal(&self.text, datatype)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_has_the_precision_of_its_form() {
        let precision = |s: &str| PartialDate::parse(s).map(|d| d.precision);
        assert_eq!(precision("2024"), Some(Precision::Year));
        assert_eq!(precision("2024-03"), Some(Precision::Month));
        assert_eq!(precision("2024-03-03"), Some(Precision::Day));
    }

    #[test]
    fn only_dates_of_the_calendar_parse() {
        assert!(PartialDate::parse("2024-02-29").is_some(), "a leap day");
        for bad in [
            "2025-02-29",
            "2024-02-30",
            "2024-13",
            "2024-00",
            "2024-04-31",
            "24",
            "2024-3",
            "2024-03-3",
            "+2024",
            "-2024",
            "20240",
            "+10000",
            "0000",
            "0000-01-01",
            "2024-",
            "2024/03",
            "March 2024",
            "",
            "٢٠٢٤",
        ] {
            assert!(PartialDate::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn the_literal_is_typed_by_precision() {
        let typed = |s: &str| {
            PartialDate::parse(s)
                .unwrap()
                .literal()
                .datatype()
                .as_str()
                .to_owned()
        };
        assert_eq!(typed("2024"), xsd::G_YEAR.as_str());
        assert_eq!(typed("2024-03"), xsd::G_YEAR_MONTH.as_str());
        assert_eq!(typed("2024-03-03"), xsd::DATE.as_str());
    }
}
