//! An article's text cut at every quote's start and end, so that each quote's words are marked
//! in place even where quotes nest or overlap (one sentence often supports several statements,
//! and a clause of it another). HTML elements cannot overlap, so a piece of text is marked once,
//! with every quote that covers it; a quote's highlight is its pieces, in order.

use std::collections::BTreeSet;

/// One quote in its article's text: the statement it supports, its number among that
/// statement's quotes (from 1), and its span in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub statement: String,
    pub n: usize,
    pub start: usize,
    pub end: usize,
}

impl Quote {
    /// The HTML id of the place where the quote starts, e.g. `q-a001-r08-1`.
    pub fn anchor(&self) -> String {
        format!("q-{}-{}", self.statement.replace('/', "-"), self.n)
    }

    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A run of the text between two consecutive quote boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'q> {
    pub text: String,
    /// The quotes that cover it, innermost (shortest) first; empty for unquoted text.
    pub covered_by: Vec<&'q Quote>,
    /// The quotes that start here.
    pub starts: Vec<&'q Quote>,
    /// The quotes that end here.
    pub ends: Vec<&'q Quote>,
}

/// The pieces of `text` that `quotes` (character spans within it) divide it into, in order.
/// Spans past the end of the text are cut at its end.
pub fn pieces<'q>(text: &str, quotes: &'q [Quote]) -> Vec<Piece<'q>> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let mut cuts: BTreeSet<usize> = [0, len].into();
    for q in quotes {
        cuts.insert(q.start.min(len));
        cuts.insert(q.end.min(len));
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    cuts.windows(2)
        .map(|w| {
            let (from, to) = (w[0], w[1]);
            let mut covered_by: Vec<&Quote> = quotes
                .iter()
                .filter(|q| q.start <= from && q.end >= to)
                .collect();
            covered_by
                .sort_by(|a, b| (a.len(), &a.statement, a.n).cmp(&(b.len(), &b.statement, b.n)));
            Piece {
                text: chars[from..to].iter().collect(),
                covered_by,
                starts: quotes.iter().filter(|q| q.start == from).collect(),
                ends: quotes.iter().filter(|q| q.end.min(len) == to).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(statement: &str, start: usize, end: usize) -> Quote {
        Quote {
            statement: statement.to_owned(),
            n: 1,
            start,
            end,
        }
    }

    /// What each quote's pieces say, joined: it must be the quote's own text.
    fn highlighted(pieces: &[Piece], q: &Quote) -> String {
        pieces
            .iter()
            .filter(|p| p.covered_by.contains(&q))
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn nested_and_overlapping_quotes_each_keep_their_words() {
        let text = "قال ماسك إنه لن يتبرع لأي مرشح، ثم تبرع.";
        let quotes = [
            quote("a/r1", 0, 30),
            quote("a/r2", 9, 21),
            quote("a/r3", 25, 39),
            quote("a/r4", 0, 30),
        ];
        let pieces = pieces(text, &quotes);
        let chars: Vec<char> = text.chars().collect();
        for q in &quotes {
            let expected: String = chars[q.start..q.end].iter().collect();
            assert_eq!(highlighted(&pieces, q), expected, "{}", q.statement);
        }
        assert_eq!(
            pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
            text
        );
    }

    #[test]
    fn the_innermost_quote_comes_first_and_unquoted_text_has_none() {
        let quotes = [quote("a/r1", 2, 10), quote("a/r2", 4, 6)];
        let pieces = pieces("0123456789xyz", &quotes);
        let texts: Vec<&str> = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["01", "23", "45", "6789", "xyz"]);
        assert!(pieces[0].covered_by.is_empty() && pieces[4].covered_by.is_empty());
        assert_eq!(pieces[2].covered_by[0].statement, "a/r2");
        assert_eq!(pieces[2].covered_by[1].statement, "a/r1");
        assert_eq!(pieces[1].starts[0].statement, "a/r1");
        assert_eq!(pieces[3].ends[0].statement, "a/r1");
    }

    #[test]
    fn an_anchor_is_a_valid_html_id() {
        assert_eq!(quote("a001/r08", 0, 1).anchor(), "q-a001-r08-1");
    }
}
