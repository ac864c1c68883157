//! `newskg check --fix`: the offsets that validation found for quotes given without them,
//! written into the extraction files, every other byte of the files kept.
//!
//! The evidence objects are found in the file's own text (serde_json's `RawValue` keeps each
//! value's exact slice), and `"start"` and `"end"` are inserted right after the quote, laid out
//! like the lines around them. A file is replaced by renaming a complete new copy over it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::Loc;
use crate::Error;

/// Where a quote given without offsets was found.
#[derive(Debug, Clone)]
pub struct FoundOffsets {
    /// The evidence object: `$.relations[i].evidence[j]`, or `$.evidence[j]` of a line.
    pub loc: Loc,
    pub start: usize,
    pub end: usize,
}

/// Writes every found offset into its file; the number written.
pub fn write_offsets(found: &[FoundOffsets]) -> Result<usize, Error> {
    let mut by_file: BTreeMap<&PathBuf, Vec<&FoundOffsets>> = BTreeMap::new();
    for f in found {
        by_file.entry(&f.loc.file).or_default().push(f);
    }
    let mut written = 0;
    for (file, found) in by_file {
        let text = fs::read_to_string(file).map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })?;
        let mut edits = Vec::new();
        for f in found {
            if let Some(at) = quote_end(&text, &f.loc) {
                edits.push((at, offsets_text(&text, at, f.start, f.end)));
            }
        }
        written += edits.len();
        replace_file(file, &apply(&text, edits))?;
    }
    Ok(written)
}

/// `text` with each `(byte, insertion)` inserted.
fn apply(text: &str, mut edits: Vec<(usize, String)>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (at, insertion) in edits {
        out.insert_str(at, &insertion);
    }
    out
}

fn replace_file(path: &Path, text: &str) -> Result<(), Error> {
    let tmp = path.with_extension("fix-tmp");
    let write = |e| Error::Read {
        path: path.to_path_buf(),
        source: e,
    };
    fs::write(&tmp, text).map_err(write)?;
    fs::rename(&tmp, path).map_err(write)
}

#[derive(Deserialize)]
struct Article<'a> {
    #[serde(borrow, default)]
    relations: Vec<Relation<'a>>,
}

#[derive(Deserialize)]
struct Relation<'a> {
    #[serde(borrow, default)]
    evidence: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Quote<'a> {
    #[serde(borrow)]
    quote: &'a RawValue,
}

/// The byte just past the quote string of the evidence object at `loc` in `text`.
fn quote_end(text: &str, loc: &Loc) -> Option<usize> {
    let (relation, evidence) = indices(&loc.path)?;
    let (base, object) = match (loc.line, relation) {
        (Some(line), None) => {
            let start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let line_text = text[start..].lines().next()?;
            let r: Relation<'_> = serde_json::from_str(line_text).ok()?;
            (start, offset_in(line_text, r.evidence.get(evidence)?))
        }
        (None, Some(relation)) => {
            let a: Article<'_> = serde_json::from_str(text).ok()?;
            let object = *a.relations.get(relation)?.evidence.get(evidence)?;
            (0, offset_in(text, object))
        }
        _ => return None,
    };
    let (object_start, object_text) = object;
    let q: Quote<'_> = serde_json::from_str(object_text).ok()?;
    let (quote_start, quote) = offset_in(object_text, q.quote);
    Some(base + object_start + quote_start + quote.len())
}

/// Where a borrowed slice stands in the text it was borrowed from, and the slice.
fn offset_in<'a>(text: &'a str, raw: &'a RawValue) -> (usize, &'a str) {
    let slice = raw.get();
    (slice.as_ptr() as usize - text.as_ptr() as usize, slice)
}

/// `$.relations[3].evidence[0]` → (Some(3), 0); `$.evidence[1]` → (None, 1).
fn indices(path: &str) -> Option<(Option<usize>, usize)> {
    let number = |s: &str| s.strip_suffix(']')?.parse().ok();
    let rest = path.strip_prefix("$")?;
    let (relation, rest) = match rest.strip_prefix(".relations[") {
        Some(r) => {
            let (n, rest) = r.split_once("].")?;
            (Some(n.parse().ok()?), format!(".{rest}"))
        }
        None => (None, rest.to_owned()),
    };
    Some((relation, number(rest.strip_prefix(".evidence[")?)?))
}

/// `, "start": S, "end": E`, or the same one member per line when the object is laid out so.
fn offsets_text(text: &str, quote_end: usize, start: usize, end: usize) -> String {
    let line_start = text[..quote_end].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..quote_end];
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let own_line = line.trim_start().starts_with("\"quote\"");
    if own_line {
        format!(",\n{indent}\"start\": {start},\n{indent}\"end\": {end}")
    } else {
        format!(", \"start\": {start}, \"end\": {end}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(path: &str, line: Option<usize>) -> Loc {
        Loc {
            file: PathBuf::from("x.json"),
            path: path.to_owned(),
            line,
        }
    }

    #[test]
    fn paths_give_the_relation_and_the_evidence() {
        assert_eq!(indices("$.relations[3].evidence[0]"), Some((Some(3), 0)));
        assert_eq!(indices("$.evidence[12]"), Some((None, 12)));
        assert_eq!(indices("$.document"), None);
    }

    #[test]
    fn offsets_go_after_the_quote_laid_out_like_the_object() {
        let pretty = "{\n  \"relations\": [\n    {\n      \"evidence\": [\n        {\n          \"quote\": \"قال\"\n        }\n      ]\n    }\n  ]\n}\n";
        let at = quote_end(pretty, &loc("$.relations[0].evidence[0]", None)).unwrap();
        let fixed = apply(pretty, vec![(at, offsets_text(pretty, at, 4, 7))]);
        assert!(
            fixed.contains(
                "\"quote\": \"قال\",\n          \"start\": 4,\n          \"end\": 7\n        }"
            ),
            "{fixed}"
        );
        let compact =
            "{\"relations\": [{\"evidence\": [{\"quote\": \"a\\\"b\", \"occurrence\": 2}]}]}";
        let at = quote_end(compact, &loc("$.relations[0].evidence[0]", None)).unwrap();
        let fixed = apply(compact, vec![(at, offsets_text(compact, at, 0, 3))]);
        assert_eq!(fixed, "{\"relations\": [{\"evidence\": [{\"quote\": \"a\\\"b\", \"start\": 0, \"end\": 3, \"occurrence\": 2}]}]}");
        serde_json::from_str::<serde_json::Value>(&fixed).unwrap();
    }

    #[test]
    fn a_json_lines_record_is_found_by_its_line() {
        let lines = "{\"record\": \"entity\"}\n{\"record\": \"relation\", \"evidence\": [{\"quote\": \"x\"}, {\"quote\": \"y\"}]}\n";
        let at = quote_end(lines, &loc("$.evidence[1]", Some(2))).unwrap();
        assert_eq!(&lines[at - 3..at], "\"y\"");
    }
}
