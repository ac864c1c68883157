//! Reading extraction files: JSON and JSON Lines into records, with every syntax error, unknown
//! field and type error reported where it stands; nothing is checked against anything else here.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Collector, Loc};
use crate::error::Diagnostic;
use crate::model::{DocumentRecord, EntityRecord, RelationRecord};
use crate::Error;

/// One record of an extraction file, where it stands.
// Each record is handed on once, by value, as it is read: no collection holds many of them
// (the whole-input check moves them into vectors of their own kind), so the size of the
// largest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Record {
    Entity(Loc, EntityRecord),
    Document(Loc, DocumentRecord),
    /// A relation, with the id of its document.
    Relation(Loc, String, RelationRecord),
    /// A relation line of JSON Lines read only as far as the first pass needs it.
    Head(Loc, Head),
}

/// What the first pass needs of a relation line: its ids, its ends and its links, and the line
/// itself in canonical form (its fingerprint). The second pass reads the whole record.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Head {
    /// `relation`: any other kind of line is read in full.
    record: String,
    pub document: String,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub object: String,
    #[serde(default)]
    pub same_as: Vec<String>,
    #[serde(default)]
    pub contradicts: Vec<String>,
    #[serde(skip)]
    pub line: Vec<u8>,
}

/// How much of a JSON Lines file to read.
#[derive(Debug, Clone, Copy)]
enum Lines<'a> {
    /// Every record in full.
    All,
    /// Relation lines as [`Head`]s, other records in full.
    Heads,
    /// Only these lines (numbered from 1, ascending), in full.
    Only(&'a [u32]),
}

/// The records of a data directory before they are checked, in input order.
#[derive(Debug, Default)]
pub struct Raw {
    pub entities: Vec<(Loc, EntityRecord)>,
    pub documents: Vec<(Loc, DocumentRecord)>,
    /// Relations with the id of their document.
    pub relations: Vec<(Loc, String, RelationRecord)>,
}

impl Raw {
    pub fn push(&mut self, record: Record) {
        match record {
            Record::Entity(loc, e) => self.entities.push((loc, e)),
            Record::Document(loc, d) => self.documents.push((loc, d)),
            Record::Relation(loc, doc, r) => self.relations.push((loc, doc, r)),
            Record::Head(..) => unreachable!("the whole-input check reads records in full"),
        }
    }
}

/// Reads one extraction file, handing each record to `sink` as it is read: a JSON Lines file
/// line by line, so that a large one is never held whole.
pub(crate) fn read_file(
    file: &Path,
    sink: &mut dyn FnMut(Record, &mut Collector),
    c: &mut Collector,
) -> Result<(), Error> {
    read_some(file, Lines::All, sink, c)
}

/// [`read_file`], but a relation line of JSON Lines comes as a [`Record::Head`] (when it is
/// well-formed enough: else in full, with its problems).
pub(crate) fn read_heads(
    file: &Path,
    sink: &mut dyn FnMut(Record, &mut Collector),
    c: &mut Collector,
) -> Result<(), Error> {
    read_some(file, Lines::Heads, sink, c)
}

/// [`read_file`] of only the lines `lines` (ascending) of a JSON Lines file; other files whole.
pub(crate) fn read_lines_only(
    file: &Path,
    lines: &[u32],
    sink: &mut dyn FnMut(Record, &mut Collector),
    c: &mut Collector,
) -> Result<(), Error> {
    read_some(file, Lines::Only(lines), sink, c)
}

fn read_some(
    file: &Path,
    lines: Lines<'_>,
    sink: &mut dyn FnMut(Record, &mut Collector),
    c: &mut Collector,
) -> Result<(), Error> {
    let unreadable = |source| Error::Read {
        path: file.to_path_buf(),
        source,
    };
    let root = Loc::file(file);
    if file.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        let reader = BufReader::new(fs::File::open(file).map_err(unreadable)?);
        return read_lines(reader, &root, lines, sink, c).map_err(unreadable);
    }
    let bytes = fs::read(file).map_err(unreadable)?;
    let Some(text) = utf8_text(&bytes, &root, 0, c) else {
        return Ok(());
    };
    let value = match strict_value(text) {
        Ok(v) => v,
        Err(e) => {
            syntax_error(c, &root, &e, None);
            return Ok(());
        }
    };
    let Value::Object(mut map) = value else {
        c.push(
            &root,
            "the file is not a JSON object",
            "an article file is {\"document\": {...}, \"relations\": [...]}; the registry is {\"entities\": [...]}",
        );
        return Ok(());
    };
    if file.file_name().and_then(|n| n.to_str()) == Some("entities.json") {
        take_known_keys(&mut map, &root, c, &["entities"]);
        let entities = map.remove("entities").unwrap_or(Value::Null);
        for (loc, value) in array_items(entities, &root.at(".entities"), c) {
            if let Some(e) = decode(value, &loc, c) {
                sink(Record::Entity(loc, e), c);
            }
        }
    } else {
        take_known_keys(&mut map, &root, c, &["document", "relations"]);
        let loc = root.at(".document");
        let Some(document) = map.remove("document") else {
            c.push(
                &root,
                "missing field `document`",
                "an article file starts with the article: {\"document\": {\"id\": ..., \"source\": ...}, \"relations\": [...]}",
            );
            return Ok(());
        };
        let Some(document) = decode::<DocumentRecord>(document, &loc, c) else {
            return Ok(());
        };
        let doc_id = document.id.clone();
        sink(Record::Document(loc, document), c);
        let relations = map.remove("relations").unwrap_or(Value::Array(vec![]));
        for (loc, value) in array_items(relations, &root.at(".relations"), c) {
            if let Some(r) = decode(value, &loc, c) {
                sink(Record::Relation(loc, doc_id.clone(), r), c);
            }
        }
    }
    Ok(())
}

/// The longest line of a JSON Lines file that newskg reads. A record takes a few kilobytes; a
/// longer line is not one record, and reading it whole would hold it all in memory.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// The next line into `buffer` when it is at most [`MAX_LINE_BYTES`] long; a longer one is
/// read past, not kept. Gives the line's length in bytes and whether it was kept.
fn next_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    let cap = MAX_LINE_BYTES as u64 + 1;
    let kept = std::io::Read::take(&mut *reader, cap).read_until(b'\n', buffer)?;
    if kept < cap as usize || buffer.last() == Some(&b'\n') {
        return Ok((kept, true));
    }
    buffer.clear();
    let mut skipped = kept;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let (used, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        reader.consume(used);
        skipped += used;
        if end {
            break;
        }
    }
    Ok((skipped, false))
}

/// The records of a JSON Lines file, one a line.
fn read_lines(
    mut reader: impl BufRead,
    root: &Loc,
    lines: Lines<'_>,
    sink: &mut dyn FnMut(Record, &mut Collector),
    c: &mut Collector,
) -> std::io::Result<()> {
    let mut wanted = match lines {
        Lines::Only(numbers) => numbers,
        _ => &[],
    };
    let mut buffer = Vec::new();
    let mut offset = 0;
    for number in 1usize.. {
        buffer.clear();
        let start = offset;
        let (length, kept) = next_line(&mut reader, &mut buffer)?;
        offset += length;
        if length == 0 {
            break;
        }
        if let Lines::Only(_) = lines {
            // Lines not asked for are skipped unread: the second pass of an update wants few.
            match wanted.first() {
                Some(&n) if n as usize == number => wanted = &wanted[1..],
                Some(_) => continue,
                None => break,
            }
        }
        let loc = Loc {
            line: Some(number),
            ..root.clone()
        };
        if !kept {
            c.push(
                &loc,
                format!(
                    "the line is {length} bytes long, more than the {} MiB a record may take",
                    MAX_LINE_BYTES >> 20
                ),
                "each line of a JSON Lines file is one record (an entity, an article or a relation): \
                 is this file JSON Lines, with a line break after each record?",
            );
            continue;
        }
        let Some(line) = utf8_text(&buffer, &loc, start, c) else {
            continue;
        };
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if let Lines::Heads = lines {
            if let Some(head) = relation_head(line) {
                sink(Record::Head(loc, head), c);
                continue;
            }
        }
        match strict_value(line) {
            Ok(value) => read_line_record(value, &loc, sink, c),
            Err(e) => syntax_error(c, &loc, &e, Some(number)),
        }
    }
    Ok(())
}

/// `bytes` (a file, or the line at `loc` that starts at byte `offset` of its file) as text,
/// without a byte order mark; `None`, reported with the byte, line and column, when they are
/// not UTF-8. A byte order mark is reported too, but the text is still read, for its other
/// problems.
fn utf8_text<'b>(bytes: &'b [u8], loc: &Loc, offset: usize, c: &mut Collector) -> Option<&'b str> {
    let first_line = loc.line.unwrap_or(1);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let newlines = good.iter().filter(|b| **b == b'\n').count();
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            c.push_diagnostic(Diagnostic {
                file: loc.file.clone(),
                line: Some(first_line + newlines),
                column: Some(column),
                path: loc.path.clone(),
                message: format!(
                    "the text is not UTF-8: byte 0x{:02X} at offset {} of the file",
                    bytes[e.valid_up_to()],
                    e.valid_up_to() + offset
                ),
                help: "save the file as UTF-8 (extraction files and source texts are UTF-8)".into(),
            });
            return None;
        }
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) if offset == 0 => {
            c.push_diagnostic(Diagnostic {
                file: loc.file.clone(),
                line: Some(first_line),
                column: Some(1),
                path: loc.path.clone(),
                message: "the file starts with a byte order mark (U+FEFF)".into(),
                help:
                    "save it as UTF-8 without a byte order mark (\"UTF-8\", not \"UTF-8 with BOM\")"
                        .into(),
            });
            Some(rest)
        }
        _ => Some(text),
    }
}

/// Parses JSON text into a value, refusing an object that gives a key twice (which a plain
/// parse would settle silently, keeping the last).
fn strict_value(text: &str) -> Result<Value, serde_json::Error> {
    Ok(serde_json::from_str::<Strict>(text)?.0)
}

/// A JSON value whose objects have distinct keys.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key {key:?} is given twice in one object (keep one)"
                )));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// The head of a relation line; `None` for any other line, or one with a problem in what the
/// head holds (read in full, it reports the problem).
fn relation_head(line: &str) -> Option<Head> {
    // The line rewritten without what JSON leaves free (spaces, escapes): a record reformatted,
    // but the same, keeps its fingerprint.
    let mut canonical = Vec::with_capacity(line.len());
    let mut reader = serde_json::Deserializer::from_str(line);
    serde_transcode::transcode(
        &mut reader,
        &mut serde_json::Serializer::new(&mut canonical),
    )
    .ok()?;
    reader.end().ok()?;
    let mut head: Head = serde_json::from_slice(&canonical).ok()?;
    if head.record != "relation" {
        return None;
    }
    head.line = canonical;
    Some(head)
}

fn read_line_record(
    value: Value,
    loc: &Loc,
    sink: &mut dyn FnMut(Record, &mut Collector),
    c: &mut Collector,
) {
    let Value::Object(mut map) = value else {
        c.push(loc, "the line is not a JSON object", LINE_HELP);
        return;
    };
    let kind = map.remove("record");
    match kind.as_ref().and_then(Value::as_str) {
        Some("entity") => {
            if let Some(e) = decode(Value::Object(map), loc, c) {
                sink(Record::Entity(loc.clone(), e), c);
            }
        }
        Some("document") => {
            if let Some(d) = decode(Value::Object(map), loc, c) {
                sink(Record::Document(loc.clone(), d), c);
            }
        }
        Some("relation") => {
            let Some(Value::String(doc)) = map.remove("document") else {
                c.push(
                    &loc.at(".document"),
                    "a relation line needs the id of its article as a string in `document`",
                    "add \"document\": \"<article id>\"",
                );
                return;
            };
            if let Some(r) = decode(Value::Object(map), loc, c) {
                sink(Record::Relation(loc.clone(), doc, r), c);
            }
        }
        other => c.push(
            &loc.at(".record"),
            match other {
                Some(k) => format!("unknown record kind {k:?}"),
                None => "missing string field `record`".to_owned(),
            },
            LINE_HELP,
        ),
    }
}

const LINE_HELP: &str =
    "each line is one object with \"record\": \"entity\", \"document\" or \"relation\" and that record's fields";

fn syntax_error(c: &mut Collector, loc: &Loc, e: &serde_json::Error, line: Option<usize>) {
    c.push_diagnostic(Diagnostic {
        file: loc.file.clone(),
        line: Some(line.unwrap_or(e.line())),
        column: Some(e.column()),
        path: loc.path.clone(),
        message: format!("invalid JSON: {e}"),
        help: "fix the JSON syntax at this line and column".into(),
    });
}

/// Reports top-level keys other than `known`, with the schema's list.
fn take_known_keys(
    map: &mut serde_json::Map<String, Value>,
    root: &Loc,
    c: &mut Collector,
    known: &[&str],
) {
    let unknown: Vec<String> = map
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .cloned()
        .collect();
    for key in unknown {
        map.remove(&key);
        c.push(
            &root.at(&format!(".{key}")),
            format!("unknown field {key:?}"),
            format!("the fields here are: {}", known.join(", ")),
        );
    }
}

fn array_items(value: Value, loc: &Loc, c: &mut Collector) -> Vec<(Loc, Value)> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (loc.at(&format!("[{i}]")), v))
            .collect(),
        _ => {
            c.push(loc, "expected an array", "write a JSON array: [ ... ]");
            vec![]
        }
    }
}

/// Deserializes one record, reporting every unknown field and the first type error.
fn decode<T: DeserializeOwned>(value: Value, loc: &Loc, c: &mut Collector) -> Option<T> {
    let mut unknown = Vec::new();
    let mut callback = |path: serde_ignored::Path<'_>| unknown.push(ignored_path(&path));
    let result: Result<T, _> =
        serde_path_to_error::deserialize(serde_ignored::Deserializer::new(&value, &mut callback));
    for path in unknown {
        let key = path.rsplit('.').next().unwrap_or(&path).to_owned();
        c.push(
            &loc.at(&path),
            format!("unknown field {key:?}"),
            "remove it or correct its name; data/schema.json lists the fields of each record",
        );
    }
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let mut path = String::new();
            for segment in e.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        path.push_str(&format!("[{index}]"))
                    }
                    serde_path_to_error::Segment::Map { key } => path.push_str(&format!(".{key}")),
                    _ => {}
                }
            }
            c.push(
                &loc.at(&path),
                e.inner().to_string(),
                "give the field the type that data/schema.json and docs/data-format.md describe",
            );
            None
        }
    }
}

fn ignored_path(path: &serde_ignored::Path<'_>) -> String {
    match path {
        serde_ignored::Path::Root => String::new(),
        serde_ignored::Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        serde_ignored::Path::Map { parent, key } => format!("{}.{key}", ignored_path(parent)),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::{next_line, MAX_LINE_BYTES};

    #[test]
    fn a_line_past_the_limit_is_read_past_and_the_next_one_kept() {
        let mut input = vec![b'x'; MAX_LINE_BYTES];
        input.extend(b"\n");
        input.extend(vec![b'y'; MAX_LINE_BYTES + 10]);
        input.extend(b"\n{}\n");
        let mut reader = std::io::BufReader::new(&input[..]);
        let mut buffer = Vec::new();
        let longest = next_line(&mut reader, &mut buffer).unwrap();
        assert_eq!(longest, (MAX_LINE_BYTES + 1, true));
        buffer.clear();
        assert_eq!(
            next_line(&mut reader, &mut buffer).unwrap(),
            (MAX_LINE_BYTES + 11, false)
        );
        assert!(buffer.is_empty());
        assert_eq!(next_line(&mut reader, &mut buffer).unwrap(), (3, true));
        assert_eq!(buffer, b"{}\n");
    }
}
