//! The articles as the site shows them: their metadata read from the store, and their full text
//! read from the data directory, since the store keeps where a text is, not the text. A text
//! that no longer holds its quotes at their offsets was changed after the build: the site
//! refuses it rather than mark the wrong words.

use std::path::Path;

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

use crate::pgraph::PropertyGraph;
use crate::{Error, GraphStore};

/// An article, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub iri: String,
    pub title: Option<String>,
    /// Entity ids.
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub reports_from: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub date_inferred: bool,
    pub inference_reason: Option<String>,
    /// The text's path, relative to the data directory.
    pub source: String,
    pub text: String,
}

impl Article {
    /// What a link to it says: its headline, else its id and date.
    pub fn name(&self) -> String {
        match (&self.title, &self.published) {
            (Some(title), _) => title.clone(),
            (None, Some(date)) => format!("{} ({date})", self.id),
            (None, None) => self.id.clone(),
        }
    }
}

const ARTICLES: &str = "PREFIX nkg: <https://newskg.example/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
SELECT ?doc ?id ?source ?title ?published ?inferred ?reason WHERE {
  ?doc a nkg:Article ; dcterms:identifier ?id ; nkg:sourceFile ?source .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc nkg:dateInferred ?inferred }
  OPTIONAL { ?doc nkg:dateInferenceReason ?reason }
} ORDER BY ?id";

const PEOPLE: &str = "PREFIX nkg: <https://newskg.example/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
SELECT ?doc ?part ?who WHERE {
  VALUES ?part { schema:publisher schema:author nkg:reportsFrom }
  ?doc a nkg:Article ; ?part ?entity .
  ?entity dcterms:identifier ?who .
} ORDER BY ?doc ?part ?who";

/// Every article of the store, by id, with its text from `data`. Every article whose text is
/// missing or no longer holds its quotes is named in one error.
pub fn read(store: &GraphStore, graph: &PropertyGraph, data: &Path) -> Result<Vec<Article>, Error> {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for row in rows(store, ARTICLES)? {
        let [doc, id, source, title, published, inferred, reason] = &row[..] else {
            unreachable!("seven columns")
        };
        let (Some(id), Some(source)) = (id.clone(), source.clone()) else {
            continue;
        };
        let path = data.join(&source);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!(
                    "{}: {e} (the text of article {id})",
                    path.display()
                ));
                continue;
            }
        };
        articles.push(Article {
            id,
            iri: doc.clone().unwrap_or_default(),
            title: title.clone(),
            publisher: None,
            authors: Vec::new(),
            reports_from: Vec::new(),
            published: published.clone(),
            date_inferred: inferred.as_deref() == Some("true"),
            inference_reason: reason.clone(),
            source,
            text,
        });
    }
    for row in rows(store, PEOPLE)? {
        let (Some(doc), Some(part), Some(who)) = (&row[0], &row[1], &row[2]) else {
            continue;
        };
        let Some(a) = articles.iter_mut().find(|a| &a.iri == doc) else {
            continue;
        };
        match part.rsplit(['/', '#']).next() {
            Some("publisher") => a.publisher = Some(who.clone()),
            Some("author") => a.authors.push(who.clone()),
            _ => a.reports_from.push(who.clone()),
        }
    }
    for a in &articles {
        problems.extend(misplaced_quotes(a, graph));
    }
    if problems.is_empty() {
        Ok(articles)
    } else {
        Err(Error::Site(problems.join("\n")))
    }
}

/// The quotes of `article` that its text no longer holds at their offsets.
fn misplaced_quotes(article: &Article, graph: &PropertyGraph) -> Vec<String> {
    let chars: Vec<char> = article.text.chars().collect();
    let mut out = Vec::new();
    for edge in graph
        .edges
        .iter()
        .filter(|e| e.article() == Some(&article.id))
    {
        for (quote, (start, end)) in edge.quotes().iter().zip(edge.quote_spans()) {
            let (start, end) = (start as usize, end as usize);
            let holds: Option<String> = chars.get(start..end).map(|c| c.iter().collect());
            if holds.as_deref() != Some(quote.as_str()) {
                out.push(format!(
                    "{}: statement {} quotes {quote:?} at characters {start}..{end}, which the text \
                     no longer holds; the text changed since the store was built: run newskg build",
                    article.source, edge.id
                ));
            }
        }
    }
    out
}

/// The rows of a SELECT, each value as its lexical form or IRI.
fn rows(store: &GraphStore, sparql: &str) -> Result<Vec<Vec<Option<String>>>, Error> {
    let QueryResults::Solutions(solutions) = store.query(sparql)? else {
        unreachable!("a SELECT query")
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    let mut out = Vec::new();
    for s in solutions {
        let s = s?;
        out.push(
            vars.iter()
                .map(|v| {
                    s.get(v).map(|t| match t {
                        Term::Literal(l) => l.value().to_owned(),
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        other => other.to_string(),
                    })
                })
                .collect(),
        );
    }
    Ok(out)
}
