//! Fuzz target: placing a quote in its text by character offsets, as validation does.
//!
//! The input is a text (one of the bundled source texts, the fixture's, one of the fuzzer's
//! own, or a bundled one with the fuzzer's characters spliced in), a quote (the fuzzer's own,
//! or a slice of the text, perhaps edited the way copying edits it) and its offsets (none,
//! given, near the right ones, half given) with an `occurrence`. It goes through
//! `newskg::validate::place_quote` (the check every evidence quote goes through, with its
//! messages) and `occurrences`. Nothing may panic (slicing inside a UTF-8 character is the
//! classic bug), and what is placed must be right: the characters at `start..end` are the
//! quote, given offsets are kept, a quote found once without offsets is placed.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newskg::model::Evidence;
use newskg::validate::{occurrences, place_quote};

/// The source texts of `data/` and of the fixture, for real Arabic to quote.
const BUNDLED: &[&str] = &[
    include_str!("../../data/corpus/000_51ce69ff9a8cd53d.txt"),
    include_str!("../../data/corpus/001_0d1342c88ff5f8bf.txt"),
    include_str!("../../data/corpus/002_a850b5203cdcfe54.txt"),
    include_str!("../../data/corpus/003_41a1593a8b27c1a9.txt"),
    include_str!("../../data/corpus/004_34e5860d7a5410df.txt"),
    include_str!("../../tests/fixtures/basic/data/corpus/sample.txt"),
];

#[derive(Arbitrary, Debug)]
struct Input {
    text: Text,
    quote: Quote,
    offsets: Offsets,
    occurrence: Option<usize>,
}

#[derive(Arbitrary, Debug)]
enum Text {
    Bundled(u8),
    Own(String),
    /// A bundled text with `insert` put in at character `at`.
    Spliced {
        bundled: u8,
        insert: String,
        at: u16,
    },
}

#[derive(Arbitrary, Debug)]
enum Quote {
    Own(String),
    /// Characters `from..from + len` of the text, then `edits`.
    Slice {
        from: u16,
        len: u16,
        edits: Vec<Edit>,
    },
}

/// What copying does to a quote.
#[derive(Arbitrary, Debug)]
enum Edit {
    Replace {
        at: u16,
        with: char,
    },
    Insert {
        at: u16,
        with: char,
    },
    Delete {
        at: u16,
    },
    /// Every space doubled.
    Spaces,
    /// Alef with hamza above as bare alef, as a hasty copy writes it.
    Hamza,
    Trim,
}

#[derive(Arbitrary, Debug)]
enum Offsets {
    None,
    Given {
        start: usize,
        end: usize,
    },
    /// The slice's own offsets, moved by these many characters.
    Near {
        start: i8,
        end: i8,
    },
    OnlyStart(usize),
    OnlyEnd(usize),
}

fn bundled(n: u8) -> &'static str {
    BUNDLED[n as usize % BUNDLED.len()]
}

fn text(t: &Text) -> String {
    match t {
        Text::Bundled(n) => bundled(*n).to_owned(),
        Text::Own(s) => s.clone(),
        Text::Spliced {
            bundled: n,
            insert,
            at,
        } => {
            let mut chars: Vec<char> = bundled(*n).chars().collect();
            let at = *at as usize % (chars.len() + 1);
            chars.splice(at..at, insert.chars());
            chars.into_iter().collect()
        }
    }
}

/// The quote, and where in the text it was taken from (in characters) when it is a slice.
fn quote(q: &Quote, text: &[char]) -> (String, Option<(usize, usize)>) {
    match q {
        Quote::Own(s) => (s.clone(), None),
        Quote::Slice { from, len, edits } => {
            let from = *from as usize % (text.len() + 1);
            let to = (from + *len as usize % 200).min(text.len());
            let mut chars = text[from..to].to_vec();
            // A few edits, the quote kept short: doubling its spaces again and again would
            // only measure the allocator.
            for edit in edits.iter().take(8) {
                let at = |at: &u16, n: usize| *at as usize % (n + 1);
                match edit {
                    Edit::Replace { at: i, with } if !chars.is_empty() => {
                        let i = at(i, chars.len() - 1);
                        chars[i] = *with;
                    }
                    Edit::Replace { .. } => {}
                    Edit::Insert { at: i, with } => {
                        let i = at(i, chars.len());
                        chars.insert(i, *with);
                    }
                    Edit::Delete { at: i } if !chars.is_empty() => {
                        let i = at(i, chars.len() - 1);
                        chars.remove(i);
                    }
                    Edit::Delete { .. } => {}
                    Edit::Spaces if chars.len() < 1000 => {
                        chars = chars
                            .into_iter()
                            .flat_map(|c| if c == ' ' { vec![' ', ' '] } else { vec![c] })
                            .collect();
                    }
                    Edit::Spaces => {}
                    Edit::Hamza => {
                        for c in &mut chars {
                            if *c == 'أ' {
                                *c = 'ا';
                            }
                        }
                    }
                    Edit::Trim => {
                        let s: String = chars.iter().collect();
                        chars = s.trim().chars().collect();
                    }
                }
            }
            (chars.into_iter().collect(), Some((from, to)))
        }
    }
}

/// Whether character offset `at` of `text` is between two grapheme clusters: newskg refuses
/// offsets that cut a letter from its marks.
fn between_clusters(text: &str, at: usize) -> bool {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    unicode_segmentation::GraphemeCursor::new(byte, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

fn chars_at(text: &[char], start: usize, end: usize) -> String {
    text[start..end].iter().collect()
}

fuzz_target!(|input: Input| {
    let text = text(&input.text);
    let chars: Vec<char> = text.chars().collect();
    let (quote, slice) = quote(&input.quote, &chars);
    let (start, end) = match input.offsets {
        Offsets::None => (None, None),
        Offsets::Given { start, end } => (Some(start), Some(end)),
        Offsets::Near { start, end } => {
            let (s, e) = slice.unwrap_or((0, quote.chars().count()));
            let moved = |at: usize, by: i8| at.saturating_add_signed(by as isize);
            (Some(moved(s, start)), Some(moved(e, end)))
        }
        Offsets::OnlyStart(s) => (Some(s), None),
        Offsets::OnlyEnd(e) => (None, Some(e)),
    };
    let evidence = Evidence {
        quote: quote.clone(),
        start,
        end,
        occurrence: input.occurrence,
    };

    let found = occurrences(&text, &quote);
    for &(s, e) in &found {
        assert!(s < e || quote.is_empty(), "{s}..{e}");
        assert!(e <= chars.len(), "{s}..{e} past the end");
        assert_eq!(chars_at(&chars, s, e), quote, "occurrence at {s}..{e}");
    }

    match place_quote(&evidence, &text) {
        Ok(Some(placed)) => {
            assert_eq!(placed.quote, quote);
            assert!(placed.start < placed.end && placed.end <= chars.len());
            assert_eq!(chars_at(&chars, placed.start, placed.end), quote);
            assert!(found.contains(&(placed.start, placed.end)));
            assert!(between_clusters(&text, placed.start) && between_clusters(&text, placed.end));
            match (start, end) {
                (Some(s), Some(e)) => assert_eq!((placed.start, placed.end), (s, e)),
                _ => assert!(found.len() == 1 || input.occurrence.is_some()),
            }
        }
        Ok(None) => assert!(text.is_empty(), "no quote placed, and no problem"),
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(!p.message.is_empty() && !p.help.is_empty(), "{p:?}");
            }
            let whole =
                |(s, e): (usize, usize)| between_clusters(&text, s) && between_clusters(&text, e);
            let placeable = !quote.is_empty()
                && match (start, end) {
                    (Some(s), Some(e)) => found.contains(&(s, e)) && whole((s, e)),
                    (None, None) => {
                        found.len() == 1
                            && input.occurrence.is_none_or(|n| n == 1)
                            && whole(found[0])
                    }
                    _ => false,
                };
            assert!(
                !placeable,
                "a quote that stands there was refused: {problems:?}"
            );
        }
    }
});
