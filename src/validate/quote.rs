//! Placing a quote in its article's text: people and language models copy sentences well and
//! count characters badly, so offsets may be left out and found here.
//!
//! A quote with offsets must stand verbatim there. A quote without them is searched for: found
//! once, it takes those offsets; found several times, `occurrence` (1 for the first) picks one;
//! not found verbatim, it is searched for again with the differences that copying brings folded
//! away (hamza and alef forms, typographic quotes, runs of spaces, tatweel, diacritics), so the
//! error can show the passage meant and say what differs. Offsets count Unicode characters, and
//! may not cut a letter from its marks (a grapheme cluster, such as سُ with its damma): the
//! quote would carry a mark without its letter, or drop one.

use unicode_segmentation::GraphemeCursor;

use crate::model::Evidence;

/// A quote placed in its text: the checked evidence that the mapper writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub quote: String,
    pub start: usize,
    pub end: usize,
}

/// Why a quote could not be placed, with what the text holds instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misplaced {
    Empty,
    /// Only one of `start` and `end` is given.
    HalfOffsets,
    /// The offsets are reversed or past the end of the text.
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    /// Offsets given, but the text there differs; `found` lists where the quote does stand.
    NotAt {
        start: usize,
        end: usize,
        holds: String,
        found: Vec<(usize, usize)>,
    },
    /// No offsets, several places, no `occurrence` (or one past the count).
    Ambiguous {
        found: Vec<(usize, usize)>,
        occurrence: Option<usize>,
    },
    /// Not verbatim anywhere; `near` is the closest passage and what differs from it.
    NotFound {
        near: Option<Near>,
    },
    /// The quote stands there, but the offset `at` falls inside the letter-and-marks cluster
    /// at characters `cluster.0..cluster.1`.
    Splits {
        at: usize,
        cluster: (usize, usize),
        text: String,
    },
}

/// The passage of the text closest to a quote that is not in it verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Near {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// What copying changed: "hamza or alef forms", "spaces"…; empty when the passage only
    /// resembles the quote.
    pub differences: Vec<&'static str>,
}

/// Places `e` in `text`.
pub fn place(e: &Evidence, text: &str) -> Result<Placed, Misplaced> {
    let placed = place_verbatim(e, text)?;
    for at in [placed.start, placed.end] {
        if let Some(cluster) = cluster_around(text, at) {
            return Err(Misplaced::Splits {
                at,
                text: text
                    .chars()
                    .skip(cluster.0)
                    .take(cluster.1 - cluster.0)
                    .collect(),
                cluster,
            });
        }
    }
    Ok(placed)
}

/// The grapheme cluster (as character offsets) that character offset `at` of `text` falls
/// inside, if it falls inside one rather than between two.
fn cluster_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    if cursor.is_boundary(text, 0).unwrap_or(true) {
        return None;
    }
    let before = cursor.prev_boundary(text, 0).ok().flatten()?;
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    let after = cursor.next_boundary(text, 0).ok().flatten()?;
    let start = text[..before].chars().count();
    Some((start, start + text[before..after].chars().count()))
}

/// Places `e` in `text`, where its characters stand verbatim.
fn place_verbatim(e: &Evidence, text: &str) -> Result<Placed, Misplaced> {
    if e.quote.is_empty() {
        return Err(Misplaced::Empty);
    }
    let found = occurrences(text, &e.quote);
    let placed = |(start, end)| Placed {
        quote: e.quote.clone(),
        start,
        end,
    };
    match (e.start, e.end) {
        (Some(start), Some(end)) => {
            let len = text.chars().count();
            if end <= start || end > len {
                return Err(Misplaced::OutOfRange { start, end, len });
            }
            if found.contains(&(start, end)) {
                return Ok(placed((start, end)));
            }
            let holds = text.chars().skip(start).take(end - start).collect();
            Err(Misplaced::NotAt {
                start,
                end,
                holds,
                found,
            })
        }
        (None, None) => match (found.as_slice(), e.occurrence) {
            ([one], None | Some(1)) => Ok(placed(*one)),
            ([], _) => Err(Misplaced::NotFound {
                near: near(text, &e.quote),
            }),
            (_, Some(n)) if n >= 1 && n <= found.len() => Ok(placed(found[n - 1])),
            (_, occurrence) => Err(Misplaced::Ambiguous { found, occurrence }),
        },
        _ => Err(Misplaced::HalfOffsets),
    }
}

/// Every place where `quote` stands in `text`, as character offsets, overlapping ones too.
pub fn occurrences(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let len = quote.chars().count();
    text.char_indices()
        .enumerate()
        .filter(|(_, (byte, _))| text[*byte..].starts_with(quote))
        .map(|(i, _)| (i, i + len))
        .collect()
}

/// How copying changes a character, if it does: the folded form and the kind of change.
fn fold(c: char) -> (Option<char>, Option<&'static str>) {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => (Some('ا'), Some("hamza or alef forms")),
        'ى' => (Some('ي'), Some("hamza or alef forms")),
        'ة' => (Some('ه'), Some("ta marbuta written as ha")),
        '\u{0640}' => (None, Some("tatweel")),
        '\u{064B}'..='\u{065F}' | '\u{0670}' => (None, Some("diacritics")),
        '“' | '”' | '«' | '»' | '„' | '″' => (Some('"'), Some("typographic quotes")),
        '‘' | '’' | '‚' | '′' => (Some('\''), Some("typographic quotes")),
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => (None, Some("invisible marks")),
        c if c.is_whitespace() => (Some(' '), None),
        c => (Some(c), None),
    }
}

/// `s` folded, with the index in `s` (in characters) of each folded character; runs of spaces
/// become one.
fn folded(s: &str) -> (Vec<char>, Vec<usize>) {
    let (mut out, mut index) = (Vec::new(), Vec::new());
    for (i, c) in s.chars().enumerate() {
        if let (Some(f), _) = fold(c) {
            if f == ' ' && out.last() == Some(&' ') {
                continue;
            }
            out.push(f);
            index.push(i);
        }
    }
    (out, index)
}

/// The passage of `text` that the quote was meant to copy, found with copying's changes
/// folded away; failing that, the most similar passage of the quote's length.
pub fn near(text: &str, quote: &str) -> Option<Near> {
    let (t, t_index) = folded(text);
    let (q, _) = folded(quote.trim());
    if q.is_empty() || t.len() < q.len() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let passage = |from: usize, to: usize| -> (usize, usize, String) {
        let (start, end) = (t_index[from], t_index[to - 1] + 1);
        (start, end, chars[start..end].iter().collect())
    };
    if let Some(at) = t.windows(q.len()).position(|w| w == q.as_slice()) {
        let (start, end, text) = passage(at, at + q.len());
        let differences = differences(quote, &text);
        return Some(Near {
            start,
            end,
            text,
            differences,
        });
    }
    let quote_folded: String = q.iter().collect();
    let (score, at) = t
        .windows(q.len())
        .enumerate()
        .step_by((q.len() / 8).max(1))
        .map(|(at, w)| {
            (
                strsim::normalized_levenshtein(&quote_folded, &w.iter().collect::<String>()),
                at,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    (score >= 0.5).then(|| {
        let (start, end, text) = passage(at, at + q.len());
        Near {
            start,
            end,
            text,
            differences: Vec::new(),
        }
    })
}

/// The kinds of change between a quote and the passage it copies.
fn differences(quote: &str, passage: &str) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = Vec::new();
    for s in [quote, passage] {
        for c in s.chars() {
            if let (_, Some(kind)) = fold(c) {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
        }
    }
    let spaces =
        |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ") != s.trim() || s.trim() != s;
    if spaces(quote) != spaces(passage)
        || quote.split_whitespace().count() != passage.split_whitespace().count()
    {
        kinds.push("spaces");
    }
    // A kind present alike in both is no difference.
    kinds.retain(|kind| {
        let has = |s: &str| {
            s.chars()
                .filter(|c| fold(*c).1 == Some(*kind))
                .collect::<String>()
        };
        *kind == "spaces" || has(quote) != has(passage)
    });
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "قال إيلون ماسك إنه لن يتبرع. ثم قال إيلون ماسك إنه سيتبرع.";

    fn evidence(quote: &str, start: Option<usize>, end: Option<usize>) -> Evidence {
        Evidence {
            quote: quote.to_owned(),
            start,
            end,
            occurrence: None,
        }
    }

    #[test]
    fn a_quote_found_once_takes_its_offsets() {
        let placed = place(&evidence("لن يتبرع", None, None), TEXT).unwrap();
        let at: String = TEXT
            .chars()
            .skip(placed.start)
            .take(placed.end - placed.start)
            .collect();
        assert_eq!(at, "لن يتبرع");
    }

    #[test]
    fn a_quote_found_twice_needs_its_occurrence() {
        let e = evidence("قال إيلون ماسك", None, None);
        let Err(Misplaced::Ambiguous {
            found,
            occurrence: None,
        }) = place(&e, TEXT)
        else {
            panic!("not ambiguous")
        };
        assert_eq!(found.len(), 2);
        let second = place(
            &Evidence {
                occurrence: Some(2),
                ..e.clone()
            },
            TEXT,
        )
        .unwrap();
        assert_eq!((second.start, second.end), found[1]);
        assert!(matches!(
            place(
                &Evidence {
                    occurrence: Some(3),
                    ..e
                },
                TEXT
            ),
            Err(Misplaced::Ambiguous {
                occurrence: Some(3),
                ..
            })
        ));
    }

    #[test]
    fn given_offsets_must_hold_the_quote() {
        let Ok(p) = place(&evidence("ماسك", None, None), "ماسك") else {
            panic!()
        };
        assert_eq!((p.start, p.end), (0, 4));
        let Err(Misplaced::NotAt { holds, found, .. }) =
            place(&evidence("لن يتبرع", Some(0), Some(8)), TEXT)
        else {
            panic!()
        };
        assert_eq!(holds, "قال إيلو");
        assert_eq!(found.len(), 1);
        assert!(matches!(
            place(&evidence("x", Some(5), Some(2)), TEXT),
            Err(Misplaced::OutOfRange { .. })
        ));
        assert!(matches!(
            place(&evidence("x", Some(0), Some(999)), TEXT),
            Err(Misplaced::OutOfRange { .. })
        ));
        assert!(matches!(
            place(&evidence("x", Some(0), None), TEXT),
            Err(Misplaced::HalfOffsets)
        ));
    }

    #[test]
    fn a_copy_with_other_hamzas_spaces_and_tatweel_is_shown_the_passage_it_meant() {
        let Err(Misplaced::NotFound { near: Some(near) }) =
            place(&evidence("ثم قال  ايلون مـاسك", None, None), TEXT)
        else {
            panic!("not found with a passage")
        };
        assert_eq!(near.text, "ثم قال إيلون ماسك");
        for kind in ["hamza or alef forms", "spaces", "tatweel"] {
            assert!(
                near.differences.contains(&kind),
                "{kind}: {:?}",
                near.differences
            );
        }
        assert!(!near.differences.contains(&"typographic quotes"));
    }

    #[test]
    fn typographic_quotes_are_named() {
        let text = "قال \"نعم\" ثم مضى";
        let Err(Misplaced::NotFound { near: Some(near) }) =
            place(&evidence("قال «نعم» ثم", None, None), text)
        else {
            panic!()
        };
        assert_eq!(near.differences, ["typographic quotes"]);
        assert_eq!((near.start, near.end), (0, 12));
    }

    #[test]
    fn a_sentence_that_is_not_there_gets_no_passage_or_only_a_similar_one() {
        let Err(Misplaced::NotFound { near }) =
            place(&evidence("كلام آخر تماما لا صلة له", None, None), TEXT)
        else {
            panic!()
        };
        assert!(near.is_none_or(|n| n.differences.is_empty()));
    }

    #[test]
    fn offsets_that_cut_a_letter_from_its_marks_are_refused_with_the_whole_letter() {
        // "سُئل": sin with a damma, then hamza on ya and lam.
        let text = "وقد سُئل عن ذلك";
        let cut = place(&evidence("وقد س", Some(0), Some(5)), text);
        assert_eq!(
            cut,
            Err(Misplaced::Splits {
                at: 5,
                cluster: (4, 6),
                text: "سُ".into()
            })
        );
        assert!(place(&evidence("وقد س", None, None), text).is_err());
        let whole = place(&evidence("وقد سُئل", None, None), text).unwrap();
        assert_eq!((whole.start, whole.end), (0, 8));
        // A mark alone at the start of a quote is cut from its letter too.
        assert!(matches!(
            place(&evidence("ُئل", Some(5), Some(8)), text),
            Err(Misplaced::Splits { at: 5, .. })
        ));
    }

    #[test]
    fn occurrences_count_characters_not_bytes_and_overlaps() {
        assert_eq!(occurrences("ااا", "اا"), [(0, 2), (1, 3)]);
        assert_eq!(occurrences("é ماسك ماسك", "ماسك"), [(2, 6), (7, 11)]);
        assert!(occurrences("abc", "d").is_empty());
    }
}
