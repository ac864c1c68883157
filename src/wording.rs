//! How newskg words the graph for people, the same in every output: the label language, dates,
//! amounts, statuses, relation colours and order, entity names, and which text is Arabic.
//!
//! Pictures, property-graph exports and query answers all say "≥ $300M" or "2022–2024" the same
//! way because they all call this module; nothing outside the CLI needs `draw` for it.

use crate::pgraph::{Edge, PropertyGraph};

/// The language of labels in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    /// The BCP 47 tag of the language's literals: `en` or `ar`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }
}

/// Whether `c` is an Arabic letter, mark or digit: the Arabic block, its supplement, Extended-A
/// and both blocks of presentation forms, so that text typed with any Arabic keyboard or copied
/// from a PDF (which often holds presentation forms) counts as Arabic.
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether any character of `s` is Arabic.
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(is_arabic)
}

/// Order of relation types in legends and lanes; the story of a relationship reads top-down.
pub const RELATION_ORDER: &[&str] = &[
    "met-at",
    "advises",
    "holds-position",
    "donated-to",
    "supports",
    "feuded-with",
    "reconciled-with",
    "threatened",
    "criticized",
    "campaigned-against",
    "voted-for",
    "invests-in",
    "owns",
    "leads",
    "founded",
];

/// A sort key that puts relation types in [`RELATION_ORDER`], unknown ones after, by name.
pub fn relation_rank(relation: &str) -> (usize, String) {
    let i = RELATION_ORDER
        .iter()
        .position(|r| *r == relation)
        .unwrap_or(RELATION_ORDER.len());
    (i, relation.to_owned())
}

/// Colours that stay apart for the common colour-vision deficiencies as far as ten colours can;
/// the DOT export uses them too, so a relation looks the same everywhere.
pub fn relation_colour(relation: &str) -> &'static str {
    match relation {
        "met-at" => "#7b3fb0",
        "advises" => "#1f6fb4",
        "holds-position" => "#6b6b6b",
        "donated-to" => "#1e8a3a",
        "supports" => "#d35fa8",
        "feuded-with" => "#d0261f",
        "reconciled-with" => "#10a3b8",
        "threatened" => "#8a4b1c",
        "criticized" => "#e8820c",
        "campaigned-against" => "#a8323b",
        "voted-for" => "#2b3a8c",
        "invests-in" => "#8c7a1c",
        "owns" => "#5e8c1c",
        "leads" => "#3c7f7f",
        "founded" => "#9c5fd0",
        _ => "#444444",
    }
}

/// The name of an entity in `lang`, falling back to the other language, then to its id.
pub fn entity_name<'a>(graph: &'a PropertyGraph, id: &'a str, lang: Lang) -> &'a str {
    let Some(node) = graph.node(id) else {
        return id;
    };
    let other = match lang {
        Lang::Ar => Lang::En,
        Lang::En => Lang::Ar,
    };
    node.label(lang).or(node.label(other)).unwrap_or(&node.id)
}

/// A short name for labels that repeat it: a person's family name, else the whole name.
pub fn short_name<'a>(graph: &'a PropertyGraph, id: &'a str, lang: Lang) -> &'a str {
    let name = entity_name(graph, id, lang);
    match graph.node(id) {
        Some(node) if node.kind == "person" => name.rsplit(' ').next().unwrap_or(name),
        _ => name,
    }
}

/// When a statement held: `2024-03`, `2022–2024`, `2025–`, `–2017`; a one-day period is its day.
pub fn when_text(edge: &Edge) -> Option<String> {
    if let Some(d) = edge.date() {
        return Some(d.to_owned());
    }
    match (edge.start_date(), edge.end_date()) {
        (Some(s), Some(e)) if s == e => Some(s.to_owned()),
        (Some(s), Some(e)) => Some(format!("{s}–{e}")),
        (Some(s), None) => Some(format!("{s}–")),
        (None, Some(e)) => Some(format!("–{e}")),
        (None, None) => None,
    }
}

/// The amount of a statement: `≥ $300M` in English, `300 مليون دولار على الأقل` in Arabic.
pub fn amount_text(edge: &Edge, graph: &PropertyGraph, lang: Lang) -> Option<String> {
    let amount: f64 = edge.amount()?.parse().ok()?;
    let currency = edge.currency().unwrap_or("");
    let bound = edge.amount_bound().unwrap_or("exact");
    let (number, unit_en, unit_ar) = scaled_number(amount);
    Some(match lang {
        Lang::En => {
            let money = match currency {
                "USD" => format!("${number}{unit_en}"),
                c => format!("{number}{unit_en} {c}"),
            };
            match bound {
                "approximate" => format!("≈ {money}"),
                "at-least" => format!("≥ {money}"),
                "at-most" => format!("≤ {money}"),
                _ => money,
            }
        }
        Lang::Ar => {
            let money = match currency {
                "USD" => format!("{number}{unit_ar} دولار"),
                c => format!("{number}{unit_ar} {c}"),
            };
            match bound {
                "approximate" => format!("نحو {money}"),
                "at-least" | "at-most" => format!("{money} {}", graph.label_of(bound, "ar")),
                _ => money,
            }
        }
    })
}

/// An amount in billions, millions or (from ten thousand) thousands, with one decimal unless it
/// is within 0.05 of a whole number; and the unit in English and Arabic.
fn scaled_number(amount: f64) -> (String, &'static str, &'static str) {
    let (scaled, unit_en, unit_ar) = if amount >= 1e9 {
        (amount / 1e9, "B", " مليار")
    } else if amount >= 1e6 {
        (amount / 1e6, "M", " مليون")
    } else if amount >= 1e4 {
        (amount / 1e3, "K", " ألف")
    } else {
        (amount, "", "")
    };
    let number = if (scaled - scaled.round()).abs() < 0.05 {
        format!("{scaled:.0}")
    } else {
        format!("{scaled:.1}")
    };
    (number, unit_en, unit_ar)
}

/// The status of a statement that the article does not assert ("alleged", "denied"…), in
/// `lang`; none for an asserted one, whose status goes without saying.
pub fn status_label(edge: &Edge, graph: &PropertyGraph, lang: Lang) -> Option<String> {
    let status = edge.status()?;
    (!edge.asserted()).then(|| graph.label_of(status, lang.tag()).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pgraph::{Labels, Node, Props, Value};

    fn edge(props: &[(&'static str, &str)]) -> Edge {
        let mut p = Props::new();
        for (k, v) in props {
            let v = if *k == "amount" {
                Value::Number((*v).to_owned())
            } else {
                Value::Text((*v).to_owned())
            };
            p.insert(k, v);
        }
        Edge {
            id: "a000/r1".into(),
            source: "a".into(),
            target: "b".into(),
            relation: "donated-to".into(),
            props: p,
        }
    }

    fn graph() -> PropertyGraph {
        let label = |en: &str, ar: &str| Labels {
            en: en.into(),
            ar: ar.into(),
        };
        PropertyGraph {
            labels: [
                ("at-least".to_owned(), label("at least", "على الأقل")),
                ("at-most".to_owned(), label("at most", "على الأكثر")),
                ("alleged".to_owned(), label("alleged", "مزعوم")),
            ]
            .into(),
            ..Default::default()
        }
    }

    fn usd(amount: &str, lang: Lang) -> String {
        let e = edge(&[("amount", amount), ("currency", "USD")]);
        amount_text(&e, &graph(), lang).unwrap()
    }

    #[test]
    fn amounts_scale_to_billions_millions_and_thousands() {
        assert_eq!(usd("1000000000", Lang::En), "$1B");
        assert_eq!(usd("2500000000", Lang::En), "$2.5B");
        assert_eq!(usd("2500000000", Lang::Ar), "2.5 مليار دولار");
        assert_eq!(usd("42000000", Lang::En), "$42M");
        assert_eq!(usd("42000000", Lang::Ar), "42 مليون دولار");
        assert_eq!(usd("10000", Lang::En), "$10K");
        assert_eq!(usd("10000", Lang::Ar), "10 ألف دولار");
        // Below ten thousand an amount is written out.
        assert_eq!(usd("9999", Lang::En), "$9999");
        assert_eq!(usd("2500.5", Lang::En), "$2500.5");
    }

    #[test]
    fn amounts_keep_one_decimal_unless_within_five_hundredths_of_a_whole() {
        assert_eq!(usd("30400000", Lang::En), "$30.4M");
        assert_eq!(usd("1040000", Lang::En), "$1M");
        assert_eq!(usd("2960000", Lang::En), "$3M");
        assert_eq!(usd("1060000", Lang::En), "$1.1M");
        assert_eq!(usd("1940000", Lang::En), "$1.9M");
    }

    #[test]
    fn amounts_in_other_currencies_name_the_currency_after_the_number() {
        let e = edge(&[("amount", "5000000"), ("currency", "EUR")]);
        assert_eq!(amount_text(&e, &graph(), Lang::En).unwrap(), "5M EUR");
        assert_eq!(amount_text(&e, &graph(), Lang::Ar).unwrap(), "5 مليون EUR");
    }

    #[test]
    fn amounts_say_their_bound() {
        let with = |bound: &str, lang| {
            let e = edge(&[
                ("amount", "300000000"),
                ("currency", "USD"),
                ("amount_bound", bound),
            ]);
            amount_text(&e, &graph(), lang).unwrap()
        };
        assert_eq!(with("exact", Lang::En), "$300M");
        assert_eq!(with("approximate", Lang::En), "≈ $300M");
        assert_eq!(with("at-least", Lang::En), "≥ $300M");
        assert_eq!(with("at-most", Lang::En), "≤ $300M");
        assert_eq!(with("exact", Lang::Ar), "300 مليون دولار");
        assert_eq!(with("approximate", Lang::Ar), "نحو 300 مليون دولار");
        assert_eq!(with("at-least", Lang::Ar), "300 مليون دولار على الأقل");
        assert_eq!(with("at-most", Lang::Ar), "300 مليون دولار على الأكثر");
    }

    #[test]
    fn no_amount_or_an_unreadable_one_says_nothing() {
        assert_eq!(amount_text(&edge(&[]), &graph(), Lang::En), None);
        let e = edge(&[("amount", "lots"), ("currency", "USD")]);
        assert_eq!(amount_text(&e, &graph(), Lang::En), None);
    }

    #[test]
    fn when_text_writes_dates_and_periods() {
        assert_eq!(when_text(&edge(&[("date", "2024-03")])).unwrap(), "2024-03");
        let period = edge(&[("start_date", "2022"), ("end_date", "2024")]);
        assert_eq!(when_text(&period).unwrap(), "2022–2024");
        assert_eq!(
            when_text(&edge(&[("start_date", "2025-01-20")])).unwrap(),
            "2025-01-20–"
        );
        assert_eq!(when_text(&edge(&[("end_date", "2017")])).unwrap(), "–2017");
        let day = edge(&[("start_date", "2020-05-01"), ("end_date", "2020-05-01")]);
        assert_eq!(when_text(&day).unwrap(), "2020-05-01");
        assert_eq!(when_text(&edge(&[])), None);
    }

    #[test]
    fn a_date_wins_over_a_period() {
        let e = edge(&[
            ("date", "2023"),
            ("start_date", "2020"),
            ("end_date", "2021"),
        ]);
        assert_eq!(when_text(&e).unwrap(), "2023");
    }

    #[test]
    fn arabic_is_recognised_in_every_arabic_block() {
        for c in ['ب', '٣', 'ݐ', 'ࢠ', 'ﭐ', 'ﷲ', 'ﻻ'] {
            assert!(is_arabic(c), "{c:?} ({:04X}) is Arabic", c as u32);
        }
        for c in ['a', 'Z', '3', 'é', 'א', 'Ж', '·', '–', ' '] {
            assert!(!is_arabic(c), "{c:?} is not Arabic");
        }
        assert!(has_arabic("SpaceX سبيس إكس"));
        assert!(!has_arabic("Space X"));
        assert!(!has_arabic(""));
    }

    #[test]
    fn only_statements_that_are_not_asserted_name_their_status() {
        let mut e = edge(&[("status", "alleged")]);
        e.props.insert("asserted", Value::Boolean(false));
        assert_eq!(status_label(&e, &graph(), Lang::En).unwrap(), "alleged");
        assert_eq!(status_label(&e, &graph(), Lang::Ar).unwrap(), "مزعوم");
        e.props.insert("asserted", Value::Boolean(true));
        assert_eq!(status_label(&e, &graph(), Lang::En), None);
    }

    #[test]
    fn names_fall_back_to_the_other_language_then_the_id() {
        let node = |id: &str, kind: &str, labels: &[(&'static str, &str)]| Node {
            id: id.into(),
            kind: kind.into(),
            props: labels
                .iter()
                .map(|(k, v)| (*k, Value::Text((*v).to_owned())))
                .collect(),
        };
        let g = PropertyGraph {
            nodes: vec![
                node(
                    "elon-musk",
                    "person",
                    &[("label_en", "Elon Musk"), ("label_ar", "إيلون ماسك")],
                ),
                node("x-corp", "company", &[("label_en", "X Corp")]),
            ],
            ..Default::default()
        };
        assert_eq!(entity_name(&g, "elon-musk", Lang::Ar), "إيلون ماسك");
        assert_eq!(entity_name(&g, "x-corp", Lang::Ar), "X Corp");
        assert_eq!(entity_name(&g, "nobody", Lang::En), "nobody");
        assert_eq!(short_name(&g, "elon-musk", Lang::En), "Musk");
        assert_eq!(short_name(&g, "elon-musk", Lang::Ar), "ماسك");
        assert_eq!(short_name(&g, "x-corp", Lang::En), "X Corp");
    }
}
