//! Pictures of the graph: a network of who did what to whom around one or two parties, and a
//! timeline of the relationship between two parties, as SVG made from the [`PropertyGraph`];
//! and PNG rendered from that SVG with resvg.
//!
//! The SVG is computed with no access to fonts, so that the same store gives byte-identical
//! pictures on every machine: text widths are estimated, and every label is placed in a slot
//! (a row of a band, a sub-row of a lane) wide enough for that estimate, so labels cannot
//! overlap whatever font draws them. Each picture is a layout (where every box, line, mark and
//! label goes, computed once, left to right) and a paint pass that writes it; the tests check
//! on the layout that no two labels overlap. Arabic pictures are the English ones mirrored:
//! parties, time and legends run right to left. Arabic text is centred (`text-anchor="middle"`)
//! because browsers read `start` and `end` against `direction="rtl"` while resvg ignores
//! `direction`; the middle is the one anchor both agree on. For the same reason each Arabic
//! string is wrapped in a right-to-left isolate (U+2067 … U+2069), so a renderer that lays out
//! every paragraph left to right still orders "donated to · 2024 · $10M" the Arabic way.

mod network;
mod png;
mod svg;
mod text;
mod timeline;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use crate::pgraph::{Edge, PropertyGraph};
use crate::wording::{amount_text, entity_name, when_text, Lang};
use crate::Error;

/// The Debian package that has an Arabic font, for the error when none is installed.
pub const ARABIC_FONT_PACKAGE: &str = "fonts-noto-core";

/// Relations that read the same both ways: drawn without arrowheads.
const SYMMETRIC: &[&str] = &["met-at", "feuded-with", "reconciled-with"];

/// Room around the picture's content.
const MARGIN: f64 = 30.0;

/// The network around one or two parties (entity ids) as an SVG document.
pub fn network(graph: &PropertyGraph, parties: &[&str], lang: Lang) -> Result<String, Error> {
    for p in parties {
        if graph.node(p).is_none() {
            return Err(Error::Draw(format!("{p:?} is not an entity of the graph")));
        }
    }
    let pair = match parties {
        [a] => (*a, *a),
        [a, b] if a != b => (*a, *b),
        _ => {
            return Err(Error::Draw(
                "the network is drawn around one or two different parties".to_owned(),
            ))
        }
    };
    let layout = network::layout(graph, pair, lang);
    Ok(network::paint(&layout, graph, lang))
}

/// The timeline of the relationship between `a` and `b` (entity ids) as an SVG document.
pub fn timeline(graph: &PropertyGraph, a: &str, b: &str, lang: Lang) -> Result<String, Error> {
    for p in [a, b] {
        if graph.node(p).is_none() {
            return Err(Error::Draw(format!("{p:?} is not an entity of the graph")));
        }
    }
    if a == b {
        return Err(Error::Draw(
            "a timeline is drawn between two different parties".to_owned(),
        ));
    }
    let layout = timeline::layout(graph, a, b, lang);
    Ok(timeline::paint(&layout, graph, lang))
}

/// Renders an SVG document to PNG, at its own size, with the system's fonts.
pub fn render_png(svg: &str) -> Result<Vec<u8>, Error> {
    png::render_png(svg)
}

/// The statements about `parties` that the network draws: those with a party at one end.
pub fn network_statements<'a>(graph: &'a PropertyGraph, parties: &[&str]) -> Vec<&'a Edge> {
    graph
        .edges
        .iter()
        .filter(|e| parties.contains(&e.source.as_str()) || parties.contains(&e.target.as_str()))
        .collect()
}

/// The statements the timeline of `a` and `b` draws: one is the subject and the other the
/// object, or both take part (a meeting where one is among the participants).
pub fn timeline_statements<'a>(graph: &'a PropertyGraph, a: &str, b: &str) -> Vec<&'a Edge> {
    graph
        .edges
        .iter()
        .filter(|e| {
            let mut involved: BTreeSet<&str> =
                e.participants().iter().map(String::as_str).collect();
            involved.insert(&e.source);
            involved.insert(&e.target);
            a != b && involved.contains(a) && involved.contains(b)
        })
        .collect()
}

/// A tooltip for one statement: everything the picture has no room for.
fn tooltip(edge: &Edge, graph: &PropertyGraph, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{}: {} — {} — {}",
        edge.id,
        entity_name(graph, &edge.source, lang),
        graph.label_of(&edge.relation, lang.tag()),
        entity_name(graph, &edge.target, lang)
    )];
    if let Some(s) = edge.status() {
        parts.push(graph.label_of(s, lang.tag()).to_owned());
    }
    parts.extend(when_text(edge));
    parts.extend(amount_text(edge, graph, lang));
    if let Some(q) = edge.quotes().first() {
        parts.push(format!("“{}”", text::truncate(q, 240)));
    }
    parts.join(" · ")
}

/// The subtitle of both pictures: how many statements from how many articles.
fn counts(edges: &[&Edge], lang: Lang) -> String {
    let articles: BTreeSet<&str> = edges.iter().filter_map(|e| e.article()).collect();
    match lang {
        Lang::En => format!(
            "{} statements from {} articles · in the SVG, hover a line or mark for its source · made with newskg",
            edges.len(),
            articles.len()
        ),
        Lang::Ar => format!(
            "عدد الإفادات: {} · عدد المقالات: {} · في ملف SVG مرّر المؤشر فوق خط أو علامة لرؤية مصدرها · أُعدّت بأداة newskg",
            edges.len(),
            articles.len()
        ),
    }
}
