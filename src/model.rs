//! The extraction-file format: the serde types that are newskg's only input boundary.
//!
//! These types are the published format (the JSON Schema in `data/schema.json` is generated from
//! them), so they stay close to what an annotator writes: ids, ISO strings and label maps. Scalars
//! that need checking (dates, amounts, currencies, ids) are kept as strings here so that the
//! validator in `validate.rs` can report every problem of a file at once instead of stopping at
//! the first one, as serde would; it then turns them into the checked types of `dataset.rs`.
//! Unknown fields are not rejected by serde but collected (see `validate.rs`), for the same reason;
//! the schema still forbids them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One article's extraction: the document and the relations it states.
///
/// Stored as `articles/<anything>.json` in the data directory.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ArticleFile {
    /// The source article.
    pub document: DocumentRecord,
    /// The relations that the article states, in the order of the text.
    #[serde(default)]
    pub relations: Vec<RelationRecord>,
}

/// The entity registry shared by all articles, so that a person is one node everywhere.
///
/// Stored as `entities.json` in the data directory.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EntityFile {
    /// Every entity that any article refers to.
    pub entities: Vec<EntityRecord>,
}

/// One line of a JSON Lines file (`*.jsonl` in the data directory or under `articles/`): the
/// same records as the JSON files, one per line, told apart by `record`.
// Only its schema is used: lines are dispatched on `record` by hand in `validate.rs`, so that
// every unknown field is reported, and no value of this type is ever built.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "record", rename_all = "kebab-case")]
pub enum LineRecord {
    /// An entity of the registry.
    Entity(EntityRecord),
    /// An article.
    Document(DocumentRecord),
    /// A relation, with the id of the article that states it.
    Relation(LineRelation),
}

/// A relation on its own line: the article's id, then the relation's own fields.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LineRelation {
    /// Id of the document (article) that states the relation.
    pub document: String,
    /// The relation.
    #[serde(flatten)]
    pub relation: RelationRecord,
}

/// Text in Arabic and/or English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Labels {
    /// Arabic text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// A source article.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentRecord {
    /// Stable ASCII id (letters, digits, `-`, `_`, `.`), unique across the data; it names the
    /// article's IRI and named graph.
    pub id: String,
    /// Path of the article's plain UTF-8 text, relative to the data directory. Evidence offsets
    /// count the Unicode characters (code points) of this file.
    pub source: String,
    /// The article's headline, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Labels>,
    /// Entity id of the publisher (a `news-outlet`); leave it out when the text names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Entity ids of the people who wrote it, as the byline gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Where the article was published online (an absolute IRI), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publication date; leave it out when it is unknown and cannot be inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublicationDate>,
    /// BCP 47 language tag of the text, e.g. `ar`.
    pub language: String,
    /// Entity ids of the outlets whose reporting the article relays, where it says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports_from: Vec<String>,
}

/// When an article was published.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PublicationDate {
    /// ISO 8601 date; its form gives the precision: `2026-01-23` (day), `2024-03` (month) or
    /// `2024` (year). Never more precise than the evidence.
    pub date: String,
    /// True when the text does not give the date and it was inferred from the text.
    #[serde(default)]
    pub inferred: bool,
    /// Why the inferred date was chosen; required when `inferred` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An entity: a node of the graph, the same in every article.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EntityRecord {
    /// Stable ASCII id (letters, digits, `-`, `_`, `.`), e.g. `elon-musk`; it names the entity's IRI.
    pub id: String,
    /// The entity's type: a key that the ontology declares (`person`, `organization`, `company`,
    /// `political-committee`, `campaign`, `party`, `government-body`, `news-outlet`, `platform`,
    /// `place`, `event`, `law`, `project`, `concept`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Names in Arabic and in English; both are required.
    pub labels: Labels,
    /// Other spellings that the texts use for this entity: Arabic ones, and Latin-script ones that
    /// an Arabic text uses (tagged `@en` in the graph).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Wikidata item id, e.g. `Q317521`; only where it is certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// A relation stated by an article, with the qualifiers that its type allows and its evidence.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RelationRecord {
    /// Stable ASCII id, unique within the article (e.g. `r01`); it names the statement's IRI.
    pub id: String,
    /// The relation type: a key that the ontology declares (`advises`, `donated-to`, `met-at`,
    /// `feuded-with`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Entity id of the subject (the adviser, the donor, a participant, a party to the feud).
    pub subject: String,
    /// Entity id of the object (the advised, the recipient, the other participant or party).
    pub object: String,
    /// When it happened: ISO 8601 `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, at the precision the text gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Start of the period, in the same forms as `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// End of the period, in the same forms as `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Present when a date above was resolved from relative wording ("last March") rather than
    /// stated: the wording and the rule used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<DateResolution>,
    /// Amount of money, as a decimal number in a string: `"10000000"`, `"30.4"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// How the text bounds the amount: `exact` (default), `approximate`, `at-least`, `at-most`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_bound: Option<String>,
    /// ISO 4217 currency code of the amount, e.g. `USD`; required with `amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Entity id of the committee or fund that the money went through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary: Option<String>,
    /// Entity id of whom the money was meant to support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<String>,
    /// What the money was for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Labels>,
    /// Id of another relation of the same article: a stated total that this amount is a named part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// The role held, offered or considered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Labels>,
    /// Policy areas that the role covers or was to cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Labels>,
    /// Why: the trigger of a feud, the reason a role was left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Labels>,
    /// Entity id of where it happened, as precisely as the text names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Entity id of the host of a meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Entity ids of participants besides the subject and the object.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// Topics discussed or fought over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Labels>,
    /// Statements of other articles (or of this one) that report the same fact, as
    /// `article/relation` ids, e.g. `["a002/r01"]`; the link is symmetric.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
    /// Statements that cannot be true together with this one, as `article/relation` ids; the
    /// `note` says how they disagree. The link is symmetric.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicts: Vec<String>,
    /// How far it is asserted and whether it still holds: a status key that the ontology declares
    /// (`stated`, `reported`, `alleged`, `considered`, `offered`, `planned`, `denied`, `ended`,
    /// `abandoned`).
    pub status: String,
    /// Entity ids of who asserts it, as the article says (a newspaper it cites, a spokesperson,
    /// the person himself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asserted_by: Vec<String>,
    /// The verbatim quotes of the article's text that support the relation; at least one.
    pub evidence: Vec<Evidence>,
    /// A remark for readers of the data, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a relative date was resolved.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DateResolution {
    /// The relative wording, verbatim from the text, e.g. `مارس الماضي`.
    pub expression: String,
    /// The rule used, in English, e.g. "'last March' in an article of 2024-04: March 2024".
    pub rule: String,
}

/// A verbatim quote of the source text and where it stands.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Evidence {
    /// The quote, exactly as in the text.
    pub quote: String,
    /// Offset of the quote's first character, counting Unicode characters (code points) from 0.
    /// Leave `start` and `end` out to have newskg find the quote in the text (`newskg check
    /// --fix` writes the offsets it finds into the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// Offset just past the quote's last character (`start` + the quote's length in characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Which occurrence of the quote is meant (1 for the first) when it stands in the text more
    /// than once and no offsets are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
}

/// Any file or line of the format: what `data/schema.json` describes.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code, clippy::large_enum_variant)] // only its schema is used
pub enum InputFile {
    /// `articles/*.json`
    Article(ArticleFile),
    /// `entities.json`
    Entities(EntityFile),
    /// One line of a `*.jsonl` file.
    Line(LineRecord),
}
