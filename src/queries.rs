//! The canned queries: `queries/*.rq`, one query a file, embedded at build time.
//!
//! Each file opens with a comment header that newskg reads to list and document the query:
//! a title line, then `en:` and `ar:` lines with the question it answers, then free lines
//! (parameters, columns) shown by `newskg queries`.

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/canned_queries.rs"));
}

/// A canned query and what its header says.
#[derive(Debug, Clone)]
pub struct CannedQuery {
    pub name: &'static str,
    pub sparql: &'static str,
    pub title: String,
    pub question_en: String,
    pub question_ar: String,
    /// The rest of the header: parameters and columns.
    pub details: Vec<String>,
}

/// Every canned query, sorted by name.
pub fn all() -> Vec<CannedQuery> {
    embedded::CANNED
        .iter()
        .map(|(name, sparql)| parse(name, sparql))
        .collect()
}

/// The canned query called `name`.
pub fn get(name: &str) -> Option<CannedQuery> {
    all().into_iter().find(|q| q.name == name)
}

fn parse(name: &'static str, sparql: &'static str) -> CannedQuery {
    let mut q = CannedQuery {
        name,
        sparql,
        title: String::new(),
        question_en: String::new(),
        question_ar: String::new(),
        details: Vec::new(),
    };
    for line in sparql.lines() {
        let Some(text) = line.strip_prefix('#') else {
            break;
        };
        let text = text.strip_prefix(' ').unwrap_or(text);
        if q.title.is_empty() {
            q.title = text.trim().to_owned();
        } else if let Some(en) = text.strip_prefix("en:") {
            q.question_en = en.trim().to_owned();
        } else if let Some(ar) = text.strip_prefix("ar:") {
            q.question_ar = ar.trim().to_owned();
        } else {
            q.details.push(text.trim_end().to_owned());
        }
    }
    q
}
