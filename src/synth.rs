//! `newskg synth`: a synthetic corpus of any size, shaped like the real one, for benchmarks and
//! scale tests.
//!
//! The corpus is JSON Lines (`records.jsonl`: entities, then each document followed by its
//! relations) and one source text per document, holding every quote at its offsets, so that
//! `newskg build` accepts it as it is. Entities have Arabic and English names and aliases and are
//! used with a Zipf law (a few hubs, a long tail); relation types come in the proportions of the
//! bundled corpus, each with the qualifiers its type allows; dates have all three precisions.
//! A seeded ChaCha generator makes the output the same bytes for the same size and seed.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

use crate::Error;

/// What to make.
#[derive(Debug, Clone)]
pub struct SynthConfig {
    /// The number of relations.
    pub relations: usize,
    /// About how many relations each document (and its text) holds.
    pub per_document: usize,
    pub seed: u64,
}

/// What was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthReport {
    pub entities: usize,
    pub documents: usize,
    pub relations: usize,
}

/// Relation types and their weights: the statements per type of the bundled corpus.
const TYPES: &[(&str, u32)] = &[
    ("donated-to", 20),
    ("holds-position", 17),
    ("met-at", 13),
    ("supports", 11),
    ("criticized", 11),
    ("advises", 6),
    ("reconciled-with", 5),
    ("owns", 5),
    ("feuded-with", 4),
    ("leads", 4),
    ("threatened", 3),
    ("campaigned-against", 3),
    ("invests-in", 3),
    ("voted-for", 2),
    ("founded", 1),
];

/// Statuses and their weights.
const STATUSES: &[(&str, u32)] = &[
    ("stated", 50),
    ("reported", 30),
    ("considered", 5),
    ("planned", 4),
    ("denied", 4),
    ("ended", 4),
    ("alleged", 1),
    ("offered", 1),
    ("abandoned", 1),
];

/// Entity types and their weights.
const KINDS: &[(&str, u32)] = &[
    ("person", 50),
    ("political-committee", 10),
    ("company", 10),
    ("campaign", 6),
    ("party", 3),
    ("news-outlet", 5),
    ("government-body", 4),
    ("place", 10),
    ("organization", 2),
];

const FIRST: &[(&str, &str)] = &[
    ("محمد", "Mohamed"),
    ("أحمد", "Ahmed"),
    ("سارة", "Sara"),
    ("ليلى", "Layla"),
    ("يوسف", "Youssef"),
    ("عمر", "Omar"),
    ("مريم", "Maryam"),
    ("خالد", "Khaled"),
    ("نور", "Nour"),
    ("إيلون", "Elon"),
    ("دونالد", "Donald"),
    ("جيمس", "James"),
];

const LAST: &[(&str, &str)] = &[
    ("الحسيني", "Al-Husseini"),
    ("منصور", "Mansour"),
    ("إبراهيم", "Ibrahim"),
    ("حداد", "Haddad"),
    ("سميث", "Smith"),
    ("جونسون", "Johnson"),
    ("بيلتز", "Peltz"),
    ("موريس", "Morris"),
    ("الشامي", "Al-Shami"),
    ("يونغ", "Young"),
];

/// Writes a synthetic corpus of `config.relations` relations into `out`.
pub fn write_corpus(config: &SynthConfig, out: &Path) -> Result<SynthReport, Error> {
    let io = |e| Error::Read {
        path: out.to_path_buf(),
        source: e,
    };
    fs::create_dir_all(out.join("corpus")).map_err(io)?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let entities = entities(&mut rng, (config.relations / 20).max(40));
    let file = fs::File::create(out.join("records.jsonl")).map_err(io)?;
    let mut w = BufWriter::new(file);
    for e in &entities {
        writeln!(w, "{}", e.record).map_err(io)?;
    }
    let per_document = config.per_document.max(1);
    let documents = config.relations.div_ceil(per_document);
    let zipf = Zipf::new(entities.len());
    for d in 0..documents {
        let n = per_document.min(config.relations - d * per_document);
        let doc = Document::new(&mut rng, d, n, &entities, &zipf);
        fs::write(out.join(&doc.source), &doc.text).map_err(io)?;
        writeln!(w, "{}", doc.record).map_err(io)?;
        for r in &doc.relations {
            writeln!(w, "{r}").map_err(io)?;
        }
    }
    w.flush().map_err(io)?;
    Ok(SynthReport {
        entities: entities.len(),
        documents,
        relations: config.relations,
    })
}

fn weighted<'a, R: Rng>(rng: &mut R, table: &'a [(&'a str, u32)]) -> &'a str {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, w) in table {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    table[0].0
}

/// Ranks drawn with probability proportional to 1/rank: a few hubs and a long tail.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Self {
        let mut sum = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                sum += 1.0 / rank as f64;
                sum
            })
            .collect();
        Self { cumulative }
    }

    fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.random::<f64>() * total;
        self.cumulative
            .partition_point(|c| *c < x)
            .min(self.cumulative.len() - 1)
    }
}

/// An entity of the synthetic registry.
struct Entity {
    id: String,
    kind: &'static str,
    ar: String,
    record: Value,
}

fn entities<R: Rng>(rng: &mut R, n: usize) -> Vec<Entity> {
    (0..n)
        .map(|i| {
            let kind = weighted(rng, KINDS);
            let (first, last) = (
                FIRST[rng.random_range(0..FIRST.len())],
                LAST[rng.random_range(0..LAST.len())],
            );
            let (ar, en) = match kind {
                "person" => (
                    format!("{} {}", first.0, last.0),
                    format!("{} {}", first.1, last.1),
                ),
                "place" => (
                    format!("مدينة {} {i}", last.0),
                    format!("{} City {i}", last.1),
                ),
                _ => (
                    format!("مؤسسة {} {i}", last.0),
                    format!("{} {kind} {i}", last.1),
                ),
            };
            let id = format!("e{i:06}");
            let mut record =
                json!({"record": "entity", "id": id, "type": kind, "labels": {"ar": ar, "en": en}});
            if kind == "person" {
                record["aliases"] = json!([last.0]);
            }
            Entity {
                id,
                kind,
                ar,
                record,
            }
        })
        .collect()
}

/// One document: its text, its record, and its relations' records.
struct Document {
    source: String,
    text: String,
    record: Value,
    relations: Vec<Value>,
}

impl Document {
    fn new<R: Rng>(rng: &mut R, d: usize, n: usize, entities: &[Entity], zipf: &Zipf) -> Self {
        let id = format!("d{d:07}");
        let source = format!("corpus/{id}.txt");
        let year = 2020 + rng.random_range(0..7);
        let mut doc = Document {
            record: json!({"record": "document", "id": id, "source": source, "language": "ar",
                           "published": {"date": format!("{year}-{:02}-{:02}", rng.random_range(1..13), rng.random_range(1..29))}}),
            source,
            text: String::new(),
            relations: Vec::new(),
        };
        for r in 0..n {
            let relation = relation(rng, &id, r + 1, year, entities, zipf, &mut doc.text);
            doc.relations.push(relation);
        }
        doc
    }
}

/// An entity of the wanted kind, drawn by Zipf (or any entity when none is of that kind).
fn pick<'a, R: Rng>(
    rng: &mut R,
    entities: &'a [Entity],
    zipf: &Zipf,
    kind: Option<&str>,
) -> &'a Entity {
    for _ in 0..64 {
        let e = &entities[zipf.sample(rng)];
        if kind.is_none_or(|k| e.kind == k) {
            return e;
        }
    }
    entities
        .iter()
        .find(|e| kind.is_none_or(|k| e.kind == k))
        .unwrap_or(&entities[0])
}

fn date<R: Rng>(rng: &mut R, year: i32) -> String {
    match rng.random_range(0..3) {
        0 => format!("{year}"),
        1 => format!("{year}-{:02}", rng.random_range(1..13)),
        _ => format!(
            "{year}-{:02}-{:02}",
            rng.random_range(1..13),
            rng.random_range(1..29)
        ),
    }
}

/// One relation, its quote appended to `text` (a sentence naming both parties).
fn relation<R: Rng>(
    rng: &mut R,
    doc: &str,
    n: usize,
    year: i32,
    entities: &[Entity],
    zipf: &Zipf,
    text: &mut String,
) -> Value {
    let kind = weighted(rng, TYPES);
    let subject = pick(rng, entities, zipf, Some("person"));
    let object_kind = match kind {
        "donated-to" => Some("political-committee"),
        "owns" | "leads" | "invests-in" | "founded" => Some("company"),
        "holds-position" => Some("government-body"),
        "voted-for" => Some("party"),
        _ => Some("person"),
    };
    let mut object = pick(rng, entities, zipf, object_kind);
    if object.id == subject.id {
        object = &entities
            [(entities.iter().position(|e| e.id == object.id).unwrap_or(0) + 1) % entities.len()];
    }
    let quote = format!(
        "وقال مصدر إن {} و{} في الخبر رقم {n} من الوثيقة {doc}.",
        subject.ar, object.ar
    );
    let start = text.chars().count();
    text.push_str(&quote);
    text.push('\n');
    let mut r = json!({
        "record": "relation", "document": doc, "id": format!("r{n:02}"), "type": kind,
        "subject": subject.id, "object": object.id, "status": weighted(rng, STATUSES),
        "evidence": [{"quote": quote, "start": start, "end": start + quote.chars().count()}],
    });
    if rng.random_range(0..10) < 7 {
        let when = year - rng.random_range(0..2);
        r["date"] = json!(date(rng, when));
    }
    qualifiers(rng, kind, &mut r, entities, zipf);
    r
}

/// The type-specific qualifiers, as often as the real corpus has them.
fn qualifiers<R: Rng>(rng: &mut R, kind: &str, r: &mut Value, entities: &[Entity], zipf: &Zipf) {
    let labels = |ar: &str, en: &str| json!({"ar": ar, "en": en});
    match kind {
        "donated-to" => {
            let amount = 10u64.pow(rng.random_range(4..9)) * rng.random_range(1..10);
            r["amount"] = json!(amount.to_string());
            r["currency"] = json!("USD");
            r["amount_bound"] = json!(["exact", "approximate", "at-least"][rng.random_range(0..3)]);
            if rng.random_range(0..2) == 0 {
                r["beneficiary"] = json!(pick(rng, entities, zipf, Some("person")).id);
            }
        }
        "met-at" => {
            r["place"] = json!(pick(rng, entities, zipf, Some("place")).id);
            r["topics"] = json!([labels("الانتخابات", "the elections")]);
            if rng.random_range(0..3) == 0 {
                r["participants"] = json!([pick(rng, entities, zipf, Some("person")).id]);
            }
        }
        "advises" | "holds-position" => {
            r["role"] = labels("مستشار", "adviser");
            if kind == "advises" {
                r["areas"] = json!([labels("الاقتصاد", "the economy")]);
            }
        }
        "feuded-with" | "criticized" => r["topics"] = json!([labels("الضرائب", "taxes")]),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_ranks_favour_the_first_and_stay_in_range() {
        let zipf = Zipf::new(100);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let draws: Vec<usize> = (0..10_000).map(|_| zipf.sample(&mut rng)).collect();
        assert!(draws.iter().all(|d| *d < 100));
        let first = draws.iter().filter(|d| **d == 0).count();
        let last = draws.iter().filter(|d| **d == 99).count();
        assert!(first > 10 * last.max(1), "{first} {last}");
    }

    #[test]
    fn weighted_picks_follow_the_weights() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let table = [("a", 9), ("b", 1)];
        let a = (0..10_000)
            .filter(|_| weighted(&mut rng, &table) == "a")
            .count();
        assert!((8_500..9_500).contains(&a), "{a}");
    }
}
