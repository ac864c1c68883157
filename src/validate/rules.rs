//! The small checks that every kind of record shares: ids, keys of the ontology, dates, texts,
//! and the first use of an id.

use std::collections::BTreeMap;

use super::{Collector, Loc};
use crate::dataset::PartialDate;
use crate::model::Labels;

/// An id that can name an IRI: ASCII letters, digits, `-`, `_` and `.`, starting with a letter
/// or digit.
pub fn is_id(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

pub fn check_id(c: &mut Collector, loc: &Loc, id: &str) {
    if !is_id(id) {
        c.push(
            loc,
            format!("{id:?} is not a valid id"),
            "ids are ASCII: letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. \"elon-musk\"",
        );
    }
}

/// "did you mean" for a misspelt key or id.
pub fn suggest<'a>(word: &str, known: impl IntoIterator<Item = &'a String>) -> String {
    let best = known
        .into_iter()
        .map(|k| (strsim::levenshtein(word, k), k))
        .filter(|(d, _)| *d <= 3)
        .min();
    match best {
        Some((_, k)) => format!(" (did you mean {k:?}?)"),
        None => String::new(),
    }
}

/// Looks `key` up in a table of the ontology (relation types, statuses…), reporting an
/// unknown one with the keys it could have been.
pub fn check_key<'a, T>(
    c: &mut Collector,
    loc: &Loc,
    what: &str,
    key: &str,
    table: &'a BTreeMap<String, T>,
) -> Option<&'a T> {
    let found = table.get(key);
    if found.is_none() {
        let known: Vec<&str> = table.keys().map(String::as_str).collect();
        c.push(
            loc,
            format!("unknown {what} {key:?}{}", suggest(key, table.keys())),
            format!(
                "use one that ontology/newskg.ttl declares: {}",
                known.join(", ")
            ),
        );
    }
    found
}

pub fn check_date(c: &mut Collector, loc: &Loc, text: &str) -> Option<PartialDate> {
    let date = PartialDate::parse(text);
    if date.is_none() {
        c.push(
            loc,
            format!("{text:?} is not a valid date"),
            "write an existing ISO 8601 date at the precision the text gives: YYYY-MM-DD, YYYY-MM or YYYY",
        );
    }
    date
}

/// Which languages a text must have.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Arabic and English: an entity's name.
    Both,
    /// Arabic, English or both.
    Either,
}

pub fn check_labels(c: &mut Collector, loc: &Loc, labels: &Labels, needs: Needs) {
    for (lang, value) in [("ar", &labels.ar), ("en", &labels.en)] {
        if let Some(value) = value {
            check_plain(c, &loc.at(&format!(".{lang}")), value);
        }
    }
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    match needs {
        Needs::Both => {
            for (lang, value) in [("ar", &labels.ar), ("en", &labels.en)] {
                if blank(value) {
                    c.push(
                        &loc.at(&format!(".{lang}")),
                        format!("missing or empty {lang} label"),
                        "entities need a label in Arabic (ar) and in English (en)",
                    );
                }
            }
        }
        Needs::Either if blank(&labels.ar) && blank(&labels.en) => c.push(
            loc,
            "empty text",
            "give the text in Arabic (ar), English (en) or both",
        ),
        Needs::Either => {}
    }
}

/// Reports a control character (a line break, a tab, a bell, ...) or U+FFFE or U+FFFF in a name
/// or a short text: it would reach every export, and XML cannot hold most of them even escaped. Right-to-left
/// and zero-width marks are format characters, not controls, and Arabic text needs them.
pub fn check_plain(c: &mut Collector, loc: &Loc, value: &str) {
    let bad = |ch: &char| ch.is_control() || matches!(ch, '\u{FFFE}' | '\u{FFFF}');
    if let Some((at, ch)) = value.chars().enumerate().find(|(_, ch)| bad(ch)) {
        let what = if ch.is_control() {
            "the control character"
        } else {
            "the character"
        };
        c.push(
            loc,
            format!(
                "{value:?} holds {what} U+{:04X} at character {at}",
                u32::from(ch)
            ),
            "remove it: names and texts here are one line of plain text",
        );
    }
}

/// Reports a character that XML 1.0 cannot hold, even escaped, in a free text (a note, a quote,
/// a reason): a control character other than tab, line feed and carriage return, or U+FFFE and
/// U+FFFF. A free text may run over several lines, but it reaches the RDF/XML and GraphML
/// exports as it is.
pub fn check_text(c: &mut Collector, loc: &Loc, value: &str) {
    let not_xml = |ch: &char| {
        matches!(ch, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')
            || matches!(ch, '\u{FFFE}' | '\u{FFFF}')
    };
    if let Some((at, ch)) = value.chars().enumerate().find(|(_, ch)| not_xml(ch)) {
        c.push(
            loc,
            format!(
                "{value:?} holds the character U+{:04X} at character {at}, which XML cannot hold",
                u32::from(ch)
            ),
            "remove it: the RDF/XML and GraphML exports could not be read, since XML cannot hold it even escaped",
        );
    }
}

/// Where each id was first used, so that a second use is reported with the first.
#[derive(Debug)]
pub struct FirstUse<K> {
    first: BTreeMap<K, Loc>,
}

impl<K> Default for FirstUse<K> {
    fn default() -> Self {
        Self {
            first: BTreeMap::new(),
        }
    }
}

impl<K: Ord> FirstUse<K> {
    /// Records the use of `key` by the record at `loc`; reports a second use at its `.id`, with
    /// `what` (the message and the advice) and the first place. True for a first use.
    pub fn first(
        &mut self,
        c: &mut Collector,
        loc: &Loc,
        key: K,
        what: impl FnOnce() -> (String, &'static str),
    ) -> bool {
        if let Some(first) = self.first.get(&key) {
            second_use(c, loc, first, what());
            return false;
        }
        self.first.insert(key, loc.clone());
        true
    }

    pub fn contains(&self, key: &K) -> bool {
        self.first.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.first.keys()
    }
}

/// Reports the second use, at `loc`, of an id first used at `first`.
pub fn second_use(c: &mut Collector, loc: &Loc, first: &Loc, (message, advice): (String, &str)) {
    let help = format!(
        "it is already used at {} {}; {advice}",
        first.file.display(),
        first.path
    );
    c.push(&loc.at(".id"), message, help);
}

pub fn duplicate_relation(id: &str, doc: &str) -> (String, &'static str) {
    (
        format!("duplicate relation id {id:?} in document {doc:?}"),
        "relation ids are unique within an article",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_text_keeps_its_line_breaks_and_tabs_but_no_other_control() {
        for (text, refused) in [("a\nb\tc\r\n", false), ("a\u{c}b", true), ("\u{1}", true)] {
            let mut c = Collector::default();
            check_text(&mut c, &Loc::file(std::path::Path::new("x.json")), text);
            assert_eq!(c.is_clean(), !refused, "{text:?}");
        }
    }

    #[test]
    fn ids_are_ascii_words_that_start_with_a_letter_or_digit() {
        for good in ["elon-musk", "a000", "r1", "x.y_z", "0"] {
            assert!(is_id(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            ".a",
            "a b",
            "إيلون",
            "a/b",
            "a#b",
            "a\nb",
            "a\u{200B}b",
        ] {
            assert!(!is_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_misspelt_word_gets_the_nearest_known_one_within_three_edits() {
        let known = ["donated-to".to_owned(), "met-at".to_owned()];
        assert_eq!(
            suggest("donated_to", &known),
            " (did you mean \"donated-to\"?)"
        );
        assert_eq!(suggest("advises", &known), "");
    }

    #[test]
    fn a_second_use_is_reported_with_the_first_place() {
        let mut c = Collector::default();
        let mut seen = FirstUse::default();
        let first = Loc::file(std::path::Path::new("a.json")).at(".entities[0]");
        let second = Loc::file(std::path::Path::new("b.json")).at(".entities[3]");
        let what = || ("duplicate".to_owned(), "rename one");
        assert!(seen.first(&mut c, &first, "x", what));
        assert!(!seen.first(&mut c, &second, "x", what));
        let d = &c.diagnostics[0];
        assert_eq!(d.path, "$.entities[3].id");
        assert_eq!(
            d.help,
            "it is already used at a.json $.entities[0]; rename one"
        );
    }
}
