//! Checking one relation record: its type and ends, each qualifier by its shape (see
//! [`crate::qualifiers`]), the rules between qualifiers, and its quotes against the text.

use super::quote::{self, Misplaced, Placed};
use super::records::{Ends, Registry};
use super::rules::{check_date, check_id, check_key, check_labels, check_text, Needs};
use super::{Collector, Loc};
use crate::dataset::{Checked, PartialDate, Relation};
use crate::model::{Evidence, RelationRecord};
use crate::ontology::RelationType;
use crate::qualifiers::{self, Field, Qualifier, Shape};

/// Checks relation `record` of document `doc_id`, whose text is `text` (empty when it could
/// not be read); the checked relation, unless its type or status is unknown.
pub fn check_relation(
    registry: &Registry<'_>,
    c: &mut Collector,
    loc: &Loc,
    doc_id: &str,
    record: RelationRecord,
    text: &str,
) -> Option<Relation> {
    let ontology = registry.ontology;
    check_id(c, &loc.at(".id"), &record.id);
    let types = &ontology.relation_types;
    let kind = check_key(c, &loc.at(".type"), "relation type", &record.kind, types);
    registry.entity(c, &loc.at(".subject"), &record.subject);
    registry.entity(c, &loc.at(".object"), &record.object);
    if let Some(note) = &record.note {
        check_text(c, &loc.at(".note"), note);
    }
    let check = QualifierCheck {
        registry,
        loc,
        doc_id,
        record: &record,
        text,
    };
    let mut values = Vec::new();
    for q in qualifiers::ALL {
        if let Some(kind) = kind {
            allowed(c, loc, kind, q, &record, registry);
        }
        values.extend(check.value(c, q).map(|v| (q, v)));
    }
    between_qualifiers(c, loc, &record, &values);
    let kind = kind?;
    let status = ontology.statuses.get(&record.status)?;
    Some(Relation {
        property: kind.property.clone(),
        statement_class: kind.statement_class.clone(),
        asserts_edge: status.asserts_edge,
        qualifiers: values,
        record,
    })
}

/// Reports a qualifier that the relation's type does not allow.
fn allowed(
    c: &mut Collector,
    loc: &Loc,
    kind: &RelationType,
    q: &Qualifier,
    record: &RelationRecord,
    registry: &Registry<'_>,
) {
    if !(q.read)(record).is_present() || registry.ontology.allows(kind, q.key) {
        return;
    }
    let allowed: Vec<&str> = kind.qualifiers.iter().map(String::as_str).collect();
    c.push(
        &loc.at(&format!(".{}", q.key)),
        format!("a {:?} relation cannot have `{}`", kind.key, q.key),
        format!(
            "remove it, or use another relation type; besides the common qualifiers, {:?} allows: {}",
            kind.key,
            allowed.join(", ")
        ),
    );
}

/// Whether a link may join two statements: `same_as` only statements of one type between the
/// same parties (either way round for a symmetric type); `contradicts` statements that share a
/// party. The reason when it may not.
fn link_mismatch(q: &Qualifier, this: &Ends, other: &Ends, symmetric: bool) -> Option<String> {
    let same_ends = (this.subject == other.subject && this.object == other.object)
        || (symmetric && this.subject == other.object && this.object == other.subject);
    if q.key == qualifiers::SAME_AS.key {
        if this.kind != other.kind {
            return Some(format!(
                "it is a {:?} relation and this one a {:?}: the same fact has the same type",
                other.kind, this.kind
            ));
        }
        if !same_ends {
            return Some(format!(
                "it links {} to {}, this one {} to {}: the same fact has the same parties",
                other.subject, other.object, this.subject, this.object
            ));
        }
        return None;
    }
    let shared = [&other.subject, &other.object]
        .iter()
        .any(|e| **e == this.subject || **e == this.object);
    (!shared).then(|| {
        format!(
            "it is about {} and {}, this one about {} and {}: a contradiction is about a common party",
            other.subject, other.object, this.subject, this.object
        )
    })
}

/// The checks of one qualifier's value, by its shape.
struct QualifierCheck<'a> {
    registry: &'a Registry<'a>,
    loc: &'a Loc,
    doc_id: &'a str,
    record: &'a RelationRecord,
    text: &'a str,
}

impl QualifierCheck<'_> {
    /// The checked value of `q`, if the record gives one and it is valid.
    fn value(&self, c: &mut Collector, q: &Qualifier) -> Option<Checked> {
        let field = (q.read)(self.record);
        let at = self.loc.at(&format!(".{}", q.key));
        if !field.is_present() {
            if q.shape == Shape::Evidence {
                c.push(
                    &at,
                    "no evidence",
                    "quote the sentence of the text that states the relation",
                );
            }
            return None;
        }
        match (q.shape, field) {
            (Shape::Statements, Field::Strs(ids)) => {
                let linked = ids
                    .iter()
                    .enumerate()
                    .filter_map(|(i, id)| self.link(c, &at.at(&format!("[{i}]")), q, id))
                    .collect();
                Some(Checked::Statements(linked))
            }
            (Shape::Entities, Field::Strs(ids)) => {
                for (i, id) in ids.iter().enumerate() {
                    self.registry.entity(c, &at.at(&format!("[{i}]")), id);
                }
                Some(Checked::Entities(ids.to_vec()))
            }
            (Shape::Text, Field::Text(Some(labels))) => {
                check_labels(c, &at, labels, Needs::Either);
                Some(Checked::Texts(vec![labels.clone()]))
            }
            (Shape::Texts, Field::Texts(list)) => {
                for (i, labels) in list.iter().enumerate() {
                    check_labels(c, &at.at(&format!("[{i}]")), labels, Needs::Either);
                }
                Some(Checked::Texts(list.to_vec()))
            }
            (Shape::Resolution, Field::Resolution(Some(r))) => {
                if r.expression.trim().is_empty() || r.rule.trim().is_empty() {
                    c.push(
                        &at,
                        "a resolved date needs both the `expression` of the text and the `rule` used",
                        "quote the relative wording and say how it was resolved",
                    );
                }
                check_text(c, &at.at(".expression"), &r.expression);
                check_text(c, &at.at(".rule"), &r.rule);
                Some(Checked::Resolution(r.clone()))
            }
            (Shape::Evidence, Field::Evidence(quotes)) => {
                for (i, e) in quotes.iter().enumerate() {
                    check_text(c, &at.at(&format!("[{i}].quote")), &e.quote);
                }
                let placed: Vec<Placed> = quotes
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| check_quote(c, &at.at(&format!("[{i}]")), e, self.text))
                    .collect();
                Some(Checked::Evidence(placed))
            }
            (shape, Field::Str(Some(value))) => self.scalar(c, &at, shape, value),
            (shape, _) => unreachable!("{}: a {shape:?} qualifier read as {field:?}", q.key),
        }
    }

    /// A link to statement `id` (`article/relation`), checked against what it links.
    fn link(
        &self,
        c: &mut Collector,
        at: &Loc,
        q: &Qualifier,
        id: &str,
    ) -> Option<(String, String)> {
        let help = "name a relation of the data as article/relation, e.g. \"a002/r01\"";
        let Some((doc, rel)) = id.split_once('/') else {
            c.push(at, format!("{id:?} is not a statement id"), help);
            return None;
        };
        let Some(other) = self.registry.relation(doc, rel) else {
            c.push(at, format!("unknown statement {id:?}"), help);
            return None;
        };
        if doc == self.doc_id && rel == self.record.id {
            c.push(
                at,
                "a statement cannot be linked to itself",
                "remove the link",
            );
            return None;
        }
        let this = Ends {
            kind: self.record.kind.clone(),
            subject: self.record.subject.clone(),
            object: self.record.object.clone(),
        };
        let ontology = self.registry.ontology;
        let symmetric = ontology
            .relation_types
            .get(&this.kind)
            .is_some_and(|t| t.symmetric);
        if let Some(why) = link_mismatch(q, &this, &other, symmetric) {
            let help = match q.key {
                "same_as" => "link with `contradicts` if they disagree, or remove the link",
                _ => "remove the link, or link the statement that is about the same party",
            };
            c.push(at, format!("`{}` cannot link {id:?}: {why}", q.key), help);
            return None;
        }
        Some((doc.to_owned(), rel.to_owned()))
    }

    /// The checked value of a qualifier given as one string.
    fn scalar(&self, c: &mut Collector, at: &Loc, shape: Shape, value: &str) -> Option<Checked> {
        let ontology = self.registry.ontology;
        match shape {
            Shape::Status => check_key(c, at, "status", value, &ontology.statuses)
                .map(|s| Checked::Term(s.iri.clone())),
            Shape::Bound => check_key(c, at, "amount bound", value, &ontology.amount_bounds)
                .map(|b| Checked::Term(b.clone())),
            Shape::Date => check_date(c, at, value).map(Checked::Date),
            Shape::Decimal => check_amount(c, at, value).then(|| Checked::Decimal(value.into())),
            Shape::CurrencyCode => {
                check_currency(c, at, value).then(|| Checked::Code(value.into()))
            }
            Shape::Entity => {
                self.registry.entity(c, at, value);
                Some(Checked::Entities(vec![value.to_owned()]))
            }
            Shape::StatementRef => {
                let doc = self.doc_id;
                if self.registry.relation(doc, value).is_none() || value == self.record.id {
                    c.push(
                        at,
                        format!("{value:?} is no other relation of document {doc:?}"),
                        "name the id of the relation that states the total, in the same article",
                    );
                    return None;
                }
                Some(Checked::Statement(value.to_owned()))
            }
            _ => unreachable!("a {shape:?} qualifier is not one string"),
        }
    }
}

fn check_amount(c: &mut Collector, loc: &Loc, amount: &str) -> bool {
    let mut parts = amount.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        c.push(
            loc,
            format!("{amount:?} is not a decimal amount"),
            "write the full number in digits with an optional '.' fraction, no separators or units: \"10000000\", \"30.4\"",
        );
    }
    ok
}

fn check_currency(c: &mut Collector, loc: &Loc, code: &str) -> bool {
    let ok = iso_currency::Currency::from_code(code).is_some();
    if !ok {
        c.push(
            loc,
            format!("{code:?} is not an ISO 4217 currency code"),
            "write the three-letter code in capitals, e.g. \"USD\", \"EUR\"",
        );
    }
    ok
}

/// The rules that tie qualifiers together: a date or a period, a period in order, a
/// resolution with a date to explain, an amount with its currency.
fn between_qualifiers(
    c: &mut Collector,
    loc: &Loc,
    record: &RelationRecord,
    values: &[(&Qualifier, Checked)],
) {
    let date = |key: &str| {
        values.iter().find_map(|(q, v)| match v {
            Checked::Date(d) if q.key == key => Some(d),
            _ => None,
        })
    };
    let (start, end) = (date(qualifiers::START.key), date(qualifiers::END.key));
    if record.date.is_some() && (record.start.is_some() || record.end.is_some()) {
        c.push(
            &loc.at(".date"),
            "a relation has either a `date` or a period (`start`, `end`), not both",
            "keep `date` for a point in time, `start`/`end` for a period",
        );
    }
    if let (Some(s), Some(e)) = (start, end) {
        if ends_before_it_starts(s, e) {
            c.push(
                &loc.at(".end"),
                format!("the period ends ({}) before it starts ({})", e.text, s.text),
                "swap `start` and `end` or correct one of them",
            );
        }
    }
    let dated = date(qualifiers::DATE.key).is_some() || start.is_some() || end.is_some();
    if record.resolved.is_some() && !dated {
        c.push(
            &loc.at(".resolved"),
            "`resolved` explains a date, but the relation has none",
            "add the resolved `date` (or `start`/`end`), or remove `resolved`",
        );
    }
    if record.amount.is_some() && record.currency.is_none() {
        c.push(
            &loc.at(".currency"),
            "an amount needs its currency",
            "add \"currency\": an ISO 4217 code such as \"USD\"",
        );
    }
}

/// Compared at the precision the two share: `2024` to `2024-03` is in order.
fn ends_before_it_starts(start: &PartialDate, end: &PartialDate) -> bool {
    let n = start.text.len().min(end.text.len());
    start.text[..n] > end.text[..n]
}

/// Places quote `e` in `text`, reporting why it cannot be.
pub(super) fn check_quote(
    c: &mut Collector,
    loc: &Loc,
    e: &Evidence,
    text: &str,
) -> Option<Placed> {
    if text.is_empty() {
        return None; // the unreadable source is reported on its own
    }
    let problem = match quote::place(e, text) {
        Ok(placed) => {
            if e.start.is_none() {
                c.found_offsets(loc, placed.start, placed.end);
            }
            return Some(placed);
        }
        Err(problem) => problem,
    };
    let (message, help) = quote_problem(problem, &e.quote, text);
    c.push(loc, message, help);
    None
}

fn spans(found: &[(usize, usize)]) -> String {
    let shown: Vec<String> = found
        .iter()
        .take(5)
        .map(|(s, e)| format!("{s}..{e}"))
        .collect();
    let more = found.len().saturating_sub(5);
    match more {
        0 => shown.join(", "),
        n => format!("{}, and {n} more", shown.join(", ")),
    }
}

/// What is wrong with a quote, and how to fix it.
fn quote_problem(problem: Misplaced, quote: &str, text: &str) -> (String, String) {
    match problem {
        Misplaced::Empty => ("empty quote".into(), "quote the supporting sentence verbatim".into()),
        Misplaced::HalfOffsets => (
            "a quote needs both `start` and `end`, or neither".into(),
            "leave both out and newskg finds the quote in the text (`newskg check --fix` writes them)".into(),
        ),
        Misplaced::OutOfRange { start, end, len } => (
            format!("the offsets {start}..{end} do not fit the source text of {len} characters"),
            "`start` comes before `end`, both within the text; or leave both out".into(),
        ),
        Misplaced::NotAt { start, end, holds, found } => {
            let message = format!(
                "the quote is not at characters {start}..{end} of the source text, which hold {holds:?}"
            );
            let help = match found.as_slice() {
                [(s, e)] => format!("the quote stands at {s}..{e}: set \"start\": {s}, \"end\": {e}"),
                [] => not_found_help(quote::near(text, quote)),
                many => format!(
                    "the quote stands at {}: set the offsets of the one meant",
                    spans(many)
                ),
            };
            (message, help)
        }
        Misplaced::Ambiguous { found, occurrence } => {
            let message = match occurrence {
                Some(n) => format!("\"occurrence\": {n}, but the quote occurs {} times in the source text", found.len()),
                None => format!("the quote occurs {} times in the source text: at {}", found.len(), spans(&found)),
            };
            let help = "give \"occurrence\": N (1 for the first) or the \"start\" and \"end\" of the one meant; or quote more of the sentence";
            (message, help.into())
        }
        Misplaced::NotFound { near } => (
            "the quote is not in the source text verbatim".into(),
            not_found_help(near),
        ),
        Misplaced::Splits { at, cluster: (from, to), text } => (
            format!(
                "the quote's offset {at} falls inside \"{text}\" (characters {from}..{to}), a letter \
                 with its marks that the quote would cut apart"
            ),
            format!("start or end the quote at {from} or {to}, before or after the whole letter"),
        ),
    }
}

fn not_found_help(near: Option<quote::Near>) -> String {
    match near {
        Some(near) if !near.differences.is_empty() => format!(
            "the text has it at {}..{} as {:?}, which differs in {}: copy it from there",
            near.start,
            near.end,
            near.text,
            near.differences.join(", ")
        ),
        Some(near) => format!(
            "the quote is nowhere in the text; the closest passage is at {}..{}: {:?}; copy the quote exactly from the source file",
            near.start, near.end, near.text
        ),
        None => "the quote is nowhere in the text: copy it exactly from the source file (same letters, hamzas, spaces and punctuation)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn a_period_is_out_of_order_only_at_the_precision_both_dates_share() {
        assert!(ends_before_it_starts(&date("2025"), &date("2024")));
        assert!(ends_before_it_starts(&date("2024-05"), &date("2024-03-31")));
        assert!(!ends_before_it_starts(&date("2024"), &date("2024-03")));
        assert!(!ends_before_it_starts(
            &date("2024-03-02"),
            &date("2024-03")
        ));
        assert!(!ends_before_it_starts(&date("2022"), &date("2024")));
    }

    #[test]
    fn amounts_are_plain_decimal_digits() {
        let loc = Loc::file(std::path::Path::new("x.json"));
        for good in ["10000000", "30.4", "0"] {
            assert!(
                check_amount(&mut Collector::default(), &loc, good),
                "{good}"
            );
        }
        for bad in ["1,000", "-5", "1e400", "NaN", "", ".5", "5.", "$5", "٥"] {
            assert!(!check_amount(&mut Collector::default(), &loc, bad), "{bad}");
        }
    }
}
