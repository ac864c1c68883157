//! Text for pictures drawn without fonts: an estimate of its width, word wrapping and
//! truncation that trust that estimate, and the markup that makes Arabic come out right in
//! browsers and in resvg alike (right-to-left isolates, digits kept left to right, Latin runs in
//! a Latin font), with XML escaping.

use std::fmt::Write as _;

use crate::wording::is_arabic;

/// Font families for Latin text; resvg falls back per character past them.
pub(super) const FONTS_LATIN: &str = "'Noto Sans', 'DejaVu Sans', sans-serif";
/// Font families for Arabic text: Noto Sans Arabic first, DejaVu Sans also has Arabic letters.
pub(super) const FONTS_ARABIC: &str = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif";

pub(super) const RLI: char = '\u{2067}';
pub(super) const PDI: char = '\u{2069}';
const LRI: char = '\u{2066}';

/// Estimated width of `s` at font size `size`, generous so that real fonts fit in it.
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2066}'..='\u{2069}' => 0.0,
            ' ' => 0.28,
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | ':' | ';' | '!' | 'I' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '·' | '“' | '”' => 0.38,
            'm' | 'w' | 'M' | 'W' => 0.9,
            'A'..='Z' => 0.7,
            '0'..='9' => 0.6,
            '–' | '—' | '…' => 0.7,
            '→' | '←' | '≥' | '≤' | '≈' | '×' => 0.85,
            c if is_arabic(c) => 0.52,
            _ => 0.6,
        })
        .sum();
    em * size
}

/// Greedy word wrap to lines no wider than `width`; a single word wider than that stays whole.
pub(super) fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Characters Noto Sans Arabic has, besides the Arabic letters: the rest of an Arabic label
/// (`·`, `×`, `$`, brackets, Latin words) goes in a `tspan` set in a Latin font, because resvg
/// shapes a whole label with one font and gives up on falling back inside Arabic words.
fn in_arabic_font(c: char) -> bool {
    is_arabic(c)
        || matches!(c, ' ' | '!' | ',' | '-' | '.' | '0'..='9' | ':' | '\u{a0}' | '«' | '»' | '\u{200b}'..='\u{2011}' | '\u{2066}'..='\u{2069}')
}

/// Dates and numbers in an Arabic label, each in a left-to-right isolate: after Arabic letters
/// the bidi algorithm reads digits as Arabic numbers, and `2024-03` would show as `03-2024`.
pub(super) fn isolate_numbers(s: &str) -> String {
    let mut out = String::new();
    let mut token = String::new();
    let numeric = |c: char| c.is_ascii_digit() || c == '-' || c == '–';
    let flush = |out: &mut String, token: &mut String| {
        if token.chars().any(|c| c.is_ascii_digit()) {
            out.push(LRI);
            out.push_str(token);
            out.push(PDI);
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in s.chars() {
        if numeric(c) {
            token.push(c);
        } else {
            flush(&mut out, &mut token);
            out.push(c);
        }
    }
    flush(&mut out, &mut token);
    out
}

/// An Arabic label, escaped, with its runs of non-Arabic characters in Latin-font `tspan`s.
pub(super) fn arabic_runs(s: &str) -> String {
    let mut out = String::new();
    let mut latin = String::new();
    let flush = |out: &mut String, latin: &mut String| {
        if !latin.is_empty() {
            let _ = write!(
                out,
                "<tspan font-family=\"{FONTS_LATIN}\">{}</tspan>",
                escape(latin)
            );
            latin.clear();
        }
    };
    for c in s.chars() {
        if in_arabic_font(c) {
            flush(&mut out, &mut latin);
            out.push_str(&escape(&c.to_string()));
        } else {
            latin.push(c);
        }
    }
    flush(&mut out, &mut latin);
    out
}

/// `s` as XML character data or attribute value.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_letters_are_wider_and_marks_take_no_room() {
        assert!(text_width("mmmm", 10.0) > text_width("iiii", 10.0));
        assert_eq!(text_width("ab", 20.0), 2.0 * text_width("ab", 10.0));
        // Harakat and bidi controls are drawn on or between letters.
        assert_eq!(text_width("بَ", 12.0), text_width("ب", 12.0));
        assert_eq!(text_width("\u{2067}ب\u{2069}", 12.0), text_width("ب", 12.0));
        assert_eq!(text_width("", 12.0), 0.0);
    }

    #[test]
    fn wrapped_lines_fit_the_width_and_keep_every_word_in_order() {
        let s = "donated to America PAC · 2024-07, 2024-10 · ≥ $75M, $30.4M, $1M";
        for width in [60.0, 120.0, 240.0] {
            let lines = wrap(s, 12.5, width);
            for l in &lines {
                assert!(
                    text_width(l, 12.5) <= width || !l.contains(' '),
                    "{l:?} is wider than {width}"
                );
            }
            assert_eq!(
                lines.join(" "),
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
        assert_eq!(wrap(s, 12.5, 10_000.0), vec![s.to_owned()]);
    }

    #[test]
    fn a_word_wider_than_the_line_stays_whole_on_a_line_of_its_own() {
        let lines = wrap("to Supercalifragilisticexpialidocious now", 12.0, 50.0);
        assert_eq!(lines, ["to", "Supercalifragilisticexpialidocious", "now"]);
        assert_eq!(wrap("", 12.0, 50.0), [""]);
        assert_eq!(wrap("   ", 12.0, 50.0), [""]);
    }

    #[test]
    fn arabic_text_wraps_at_spaces() {
        let s = "تبرع إلى لجنة العمل السياسي أمريكا بمبلغ كبير";
        let lines = wrap(s, 12.0, 80.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), s);
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 80.0));
    }

    #[test]
    fn truncation_cuts_at_a_character_and_adds_an_ellipsis() {
        assert_eq!(truncate("short", 5), "short");
        assert_eq!(truncate("shorter", 5), "shor…");
        // The space before the cut is dropped, so the ellipsis follows the word.
        assert_eq!(truncate("abc def", 5), "abc…");
        let arabic = "إيلون ماسك يدعم دونالد ترامب";
        let cut = truncate(arabic, 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
        assert!(arabic.starts_with(cut.trim_end_matches('…')));
        assert_eq!(truncate("abc", 0), "…");
    }

    #[test]
    fn numbers_in_arabic_are_isolated_left_to_right() {
        assert_eq!(
            isolate_numbers("تبرع 2024-03"),
            "تبرع \u{2066}2024-03\u{2069}"
        );
        assert_eq!(isolate_numbers("2022–2024"), "\u{2066}2022–2024\u{2069}");
        // A dash alone is not a number.
        assert_eq!(isolate_numbers("أ - ب"), "أ - ب");
    }

    #[test]
    fn latin_runs_of_an_arabic_label_get_a_latin_font_and_everything_is_escaped() {
        let runs = arabic_runs("ماسك × <X>");
        assert!(runs.starts_with("ماسك "));
        assert!(runs.contains(&format!("<tspan font-family=\"{FONTS_LATIN}\">×</tspan>")));
        assert!(runs.contains("&lt;X&gt;"));
        assert!(!runs.contains("<X>"));
        assert_eq!(
            escape("a & \"b\" <c> 'd'"),
            "a &amp; &quot;b&quot; &lt;c&gt; &apos;d&apos;"
        );
    }
}
