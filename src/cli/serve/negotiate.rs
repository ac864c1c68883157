//! Content negotiation: the format of an answer, from the client's `Accept` header and what
//! the query gives (results for SELECT and ASK, a graph for CONSTRUCT and DESCRIBE, a graph or
//! a dataset for the Graph Store Protocol).

/// One format the server can write: its media type and `newskg`'s name for it (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub media_type: &'static str,
    pub name: &'static str,
}

const fn format(media_type: &'static str, name: &'static str) -> Format {
    Format { media_type, name }
}

/// The SPARQL results formats, the default first.
pub const RESULTS: &[Format] = &[
    format("application/sparql-results+json", "json"),
    format("application/sparql-results+xml", "xml"),
    format("text/csv", "csv"),
    format("text/tab-separated-values", "tsv"),
];

/// The formats of one graph (CONSTRUCT, DESCRIBE, a graph of the store), the default first.
pub const GRAPH: &[Format] = &[
    format("text/turtle", "turtle"),
    format("application/n-triples", "ntriples"),
    format("application/rdf+xml", "rdfxml"),
    format("application/ld+json", "jsonld"),
];

/// The formats of the whole dataset, the default first.
pub const DATASET: &[Format] = &[
    format("application/trig", "trig"),
    format("application/n-quads", "nquads"),
];

/// Other names clients send for the same formats.
const ALIASES: &[(&str, &str)] = &[
    ("application/json", "application/sparql-results+json"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/xml", "application/sparql-results+xml"),
    ("application/x-turtle", "text/turtle"),
    ("text/plain", "application/n-triples"),
    ("application/json", "application/ld+json"),
    ("application/xml", "application/rdf+xml"),
    ("text/xml", "application/rdf+xml"),
    ("application/x-trig", "application/trig"),
    ("text/x-nquads", "application/n-quads"),
];

/// The format of `offered` that `accept` (an `Accept` header, `None` when absent) prefers:
/// the highest quality, then the most specific range, then the server's order. `None` when
/// the client accepts none of them (answer 406).
pub fn choose(accept: Option<&str>, offered: &[Format]) -> Option<Format> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offered.first().copied();
    };
    let ranges: Vec<(String, f32)> = accept.split(',').filter_map(media_range).collect();
    let mut best: Option<(f32, u8, usize, Format)> = None;
    for (position, f) in offered.iter().enumerate() {
        for (range, quality) in &ranges {
            let Some(specificity) = matches(range, f) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((q, s, p, _)) => {
                    (*quality, specificity, std::cmp::Reverse(position))
                        > (q, s, std::cmp::Reverse(p))
                }
            };
            if *quality > 0.0 && better {
                best = Some((*quality, specificity, position, *f));
            }
        }
    }
    best.map(|(_, _, _, f)| f)
}

/// `type/subtype` in lower case and its quality, from one element of an `Accept` header.
fn media_range(element: &str) -> Option<(String, f32)> {
    let mut parts = element.split(';');
    let range = parts.next()?.trim().to_ascii_lowercase();
    if !range.contains('/') {
        return None;
    }
    let mut quality = 1.0;
    for parameter in parts {
        if let Some((key, value)) = parameter.split_once('=') {
            if key.trim().eq_ignore_ascii_case("q") {
                quality = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|q: &f32| (0.0..=1.0).contains(q))?;
            }
        }
    }
    Some((range, quality))
}

/// How specifically `range` names `f` (3: its media type or an alias, 2: `type/*`, 1: `*/*`).
fn matches(range: &str, f: &Format) -> Option<u8> {
    let named = range == f.media_type
        || ALIASES
            .iter()
            .any(|(alias, target)| *alias == range && *target == f.media_type);
    if named {
        return Some(3);
    }
    if range == "*/*" {
        return Some(1);
    }
    let (kind, _) = f.media_type.split_once('/')?;
    (range.strip_suffix("/*") == Some(kind)).then_some(2)
}

/// The media types of `offered`, for a 406 answer.
pub fn listed(offered: &[Format]) -> String {
    offered
        .iter()
        .map(|f| f.media_type)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(accept: Option<&str>, offered: &[Format]) -> Option<&'static str> {
        choose(accept, offered).map(|f| f.name)
    }

    #[test]
    fn no_accept_header_gives_the_default() {
        assert_eq!(name(None, RESULTS), Some("json"));
        assert_eq!(name(Some(""), GRAPH), Some("turtle"));
        assert_eq!(name(Some("*/*"), GRAPH), Some("turtle"));
    }

    #[test]
    fn quality_then_specificity_decide() {
        assert_eq!(
            name(
                Some("text/csv;q=0.5, application/sparql-results+xml"),
                RESULTS
            ),
            Some("xml")
        );
        assert_eq!(name(Some("text/*;q=0.9, */*;q=0.1"), RESULTS), Some("csv"));
        assert_eq!(
            name(Some("*/*;q=0.1, text/tab-separated-values"), RESULTS),
            Some("tsv")
        );
        assert_eq!(
            name(
                Some("application/n-triples;q=0.2, text/turtle;q=0.8"),
                GRAPH
            ),
            Some("turtle")
        );
    }

    #[test]
    fn aliases_and_case_are_understood() {
        assert_eq!(name(Some("Application/JSON"), RESULTS), Some("json"));
        assert_eq!(name(Some("application/json"), GRAPH), Some("jsonld"));
        assert_eq!(name(Some("application/xml"), GRAPH), Some("rdfxml"));
        assert_eq!(name(Some("text/x-nquads"), DATASET), Some("nquads"));
    }

    #[test]
    fn nothing_acceptable_gives_none() {
        assert_eq!(name(Some("image/png"), RESULTS), None);
        assert_eq!(name(Some("text/turtle;q=0"), GRAPH), None);
        assert_eq!(name(Some("text/turtle;q=bad"), GRAPH), None);
    }
}
