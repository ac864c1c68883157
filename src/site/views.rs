//! What a page shows of an entity, a statement or an article, in one language, as plain values
//! the templates lay out: names resolved, qualifiers worded as the other outputs word them
//! (`wording`), and every link a path from the site's root. The templates decide nothing.

use serde::Serialize;

use super::articles::Article;
use super::highlight::{self, Quote};
use crate::pgraph::{Edge, PropertyGraph};
use crate::qualifiers::{self, Shape};
use crate::wording::{self, has_arabic, Lang};

/// A text, with the page it links to (a path from the site's root; empty for none) and whether
/// it is Arabic, so that an English page sets `lang` and `dir` on it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
    pub arabic: bool,
}

impl Link {
    pub fn to(text: impl Into<String>, href: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            arabic: has_arabic(&text),
            text,
            href: href.into(),
        }
    }

    pub fn text(text: impl Into<String>) -> Self {
        Self::to(text, "")
    }
}

/// Where each page lives, from the site's root.
pub fn entity_href(lang: Lang, id: &str) -> String {
    format!("{}/entity/{id}.html", lang.tag())
}

pub fn article_href(lang: Lang, id: &str) -> String {
    format!("{}/article/{id}.html", lang.tag())
}

/// A statement id is `article/relation`, so its page is a file in its article's folder.
pub fn statement_href(lang: Lang, id: &str) -> String {
    format!("{}/statement/{id}.html", lang.tag())
}

pub fn question_href(lang: Lang, name: &str) -> String {
    format!("{}/question/{name}.html", lang.tag())
}

/// One qualifier of a statement: its label and its values.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub values: Vec<Link>,
}

/// One quote of a statement, with the words around it in its article.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub text: String,
    /// The highlight in the article's page.
    pub href: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub id: String,
    pub href: String,
    pub relation: String,
    pub subject: Link,
    pub object: Link,
    pub status: String,
    pub asserted: bool,
    pub fields: Vec<Field>,
    pub article: Link,
    pub quotes: Vec<QuoteView>,
    pub note: Option<String>,
}

/// How many characters of the text a statement page shows around each quote.
const CONTEXT: usize = 160;

pub fn statement(
    graph: &PropertyGraph,
    edge: &Edge,
    article: Option<&Article>,
    lang: Lang,
) -> StatementView {
    let name = |id: &str| Link::to(wording::entity_name(graph, id, lang), entity_href(lang, id));
    let article_id = edge.article().unwrap_or_default();
    let title = article.map_or_else(|| article_id.to_owned(), Article::name);
    StatementView {
        id: edge.id.clone(),
        href: statement_href(lang, &edge.id),
        relation: graph.label_of(&edge.relation, lang.tag()).to_owned(),
        subject: name(&edge.source),
        object: name(&edge.target),
        status: edge
            .status()
            .map(|s| graph.label_of(s, lang.tag()).to_owned())
            .unwrap_or_default(),
        asserted: edge.asserted(),
        fields: fields(graph, edge, lang),
        article: Link::to(title, article_href(lang, article_id)),
        quotes: quotes(edge, article, lang),
        note: edge.note().map(str::to_owned),
    }
}

fn quotes(edge: &Edge, article: Option<&Article>, lang: Lang) -> Vec<QuoteView> {
    let chars: Vec<char> = article
        .map(|a| a.text.chars().collect())
        .unwrap_or_default();
    let around = |from: usize, to: usize| -> String {
        chars
            .get(from.min(chars.len())..to.min(chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    edge.quotes()
        .iter()
        .zip(edge.quote_spans())
        .enumerate()
        .map(|(i, (text, (start, end)))| {
            let (start, end) = (start as usize, end as usize);
            let anchor = Quote {
                statement: edge.id.clone(),
                n: i + 1,
                start,
                end,
            }
            .anchor();
            QuoteView {
                text: text.clone(),
                href: format!(
                    "{}#{anchor}",
                    article_href(lang, edge.article().unwrap_or_default())
                ),
                before: around(start.saturating_sub(CONTEXT), start),
                after: around(end, end + CONTEXT),
            }
        })
        .collect()
}

/// The qualifiers of `edge` that it has, in the order of [`qualifiers::ALL`], worded for `lang`.
/// The status and the quotes are shown apart; a date and its period are one "when", an amount
/// with its bound and currency one amount.
pub fn fields(graph: &PropertyGraph, edge: &Edge, lang: Lang) -> Vec<Field> {
    let label = |key: &str| graph.label_of(key, lang.tag()).to_owned();
    let entity = |id: &str| Link::to(wording::entity_name(graph, id, lang), entity_href(lang, id));
    let statement = |id: &str| Link::to(id, statement_href(lang, id));
    let mut out = Vec::new();
    for q in qualifiers::ALL {
        let values: Vec<Link> = match q.shape {
            Shape::Status | Shape::Evidence | Shape::Bound | Shape::CurrencyCode => continue,
            Shape::Date if q.key != qualifiers::DATE.key => continue,
            Shape::Date => wording::when_text(edge)
                .map(Link::text)
                .into_iter()
                .collect(),
            Shape::Resolution => edge
                .date_expression()
                .map(|words| Link::text(format!("{words} ({})", edge.date_rule().unwrap_or(""))))
                .into_iter()
                .collect(),
            Shape::Decimal => wording::amount_text(edge, graph, lang)
                .map(Link::text)
                .into_iter()
                .collect(),
            Shape::Entity => edge.text(q.column()).map(entity).into_iter().collect(),
            Shape::Entities => texts(edge, q.column())
                .iter()
                .map(|id| entity(id))
                .collect(),
            Shape::Text => edge
                .text(column_in(q, lang))
                .map(Link::text)
                .into_iter()
                .collect(),
            Shape::Texts => texts(edge, column_in(q, lang))
                .iter()
                .cloned()
                .map(Link::text)
                .collect(),
            Shape::StatementRef => edge.text(q.column()).map(statement).into_iter().collect(),
            Shape::Statements => texts(edge, q.column())
                .iter()
                .map(|id| statement(id))
                .collect(),
        };
        if !values.is_empty() {
            let key = if q.shape == Shape::Date {
                "date"
            } else {
                q.key
            };
            out.push(Field {
                label: label(key),
                values,
            });
        }
    }
    out
}

fn texts<'e>(edge: &'e Edge, column: &str) -> &'e [String] {
    match edge.props.get(column) {
        Some(crate::pgraph::Value::Texts(v)) => v,
        _ => &[],
    }
}

/// The column of a bilingual qualifier in `lang`.
fn column_in(q: &qualifiers::Qualifier, lang: Lang) -> &'static str {
    match (lang, q.columns) {
        (Lang::Ar, [_, ar, ..]) => ar.name,
        (_, [first, ..]) => first.name,
        (_, []) => "",
    }
}

/// One run of an article's text: unquoted, or marked with the quotes that cover it.
#[derive(Debug, Clone, Serialize)]
pub struct PieceView {
    pub text: String,
    /// The ids of the places where quotes start here.
    pub anchors: Vec<String>,
    /// `statement#n` of each quote that covers it, innermost first; empty when unquoted.
    pub quotes: Vec<String>,
    /// The statement of the innermost quote, which the marked words link to.
    pub href: String,
    /// How many quotes cover it.
    pub depth: usize,
    /// The statements whose quotes end here, as links after the words.
    pub refs: Vec<Link>,
}

/// The pieces of an article's text, each quote's words marked where they stand.
pub fn text_pieces(graph: &PropertyGraph, article: &Article, lang: Lang) -> Vec<PieceView> {
    let mut spans: Vec<Quote> = Vec::new();
    for edge in graph
        .edges
        .iter()
        .filter(|e| e.article() == Some(&article.id))
    {
        for (i, (start, end)) in edge.quote_spans().enumerate() {
            spans.push(Quote {
                statement: edge.id.clone(),
                n: i + 1,
                start: start as usize,
                end: end as usize,
            });
        }
    }
    highlight::pieces(&article.text, &spans)
        .into_iter()
        .map(|p| PieceView {
            anchors: p.starts.iter().map(|q| q.anchor()).collect(),
            quotes: p
                .covered_by
                .iter()
                .map(|q| format!("{}#{}", q.statement, q.n))
                .collect(),
            href: p
                .covered_by
                .first()
                .map(|q| statement_href(lang, &q.statement))
                .unwrap_or_default(),
            depth: p.covered_by.len(),
            refs: p
                .ends
                .iter()
                .map(|q| Link::to(short_id(&q.statement), statement_href(lang, &q.statement)))
                .collect(),
            text: p.text,
        })
        .collect()
}

/// `r08` of `a001/r08`: within its article's page, the relation id names the statement.
fn short_id(statement: &str) -> &str {
    statement.rsplit('/').next().unwrap_or(statement)
}
