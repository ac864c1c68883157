//! Pictures of the graph: a network of who did what to whom around one or two parties, and a
//! timeline of the relationship between two parties, as SVG made from the [`PropertyGraph`];
//! and PNG rendered from that SVG with resvg.
//!
//! The SVG is computed with no access to fonts, so that the same store gives byte-identical
//! pictures on every machine: text widths are estimated, and every label is placed in a slot
//! (a row of a band, a sub-row of a lane) wide enough for that estimate, so labels cannot
//! overlap whatever font draws them. Arabic pictures are the English ones mirrored: parties,
//! time and legends run right to left. Arabic text is centred (`text-anchor="middle"`) because
//! browsers read `start` and `end` against `direction="rtl"` while resvg ignores `direction`;
//! the middle is the one anchor both agree on. For the same reason each Arabic string is wrapped
//! in a right-to-left isolate (U+2067 … U+2069), so a renderer that lays out every paragraph
//! left to right still orders "donated to · 2024 · $10M" the Arabic way.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use crate::pgraph::{natural_key, Edge, PropertyGraph, Value};
use crate::wording::{
    amount_text, entity_name, has_arabic, is_arabic, relation_colour, relation_rank, short_name,
    status_label, when_text, Lang,
};
use crate::Error;

/// Font families for Latin text; resvg falls back per character past them.
const FONTS_LATIN: &str = "'Noto Sans', 'DejaVu Sans', sans-serif";
/// Font families for Arabic text: Noto Sans Arabic first, DejaVu Sans also has Arabic letters.
const FONTS_ARABIC: &str = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif";
/// The Debian package that has an Arabic font, for the error when none is installed.
pub const ARABIC_FONT_PACKAGE: &str = "fonts-noto-core";

const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// Relations that read the same both ways: drawn without arrowheads.
const SYMMETRIC: &[&str] = &["met-at", "feuded-with", "reconciled-with"];

/// Estimated width of `s` at font size `size`, generous so that real fonts fit in it.
pub fn text_width(s: &str, size: f64) -> f64 {
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
fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
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
fn truncate(s: &str, max: usize) -> String {
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
fn isolate_numbers(s: &str) -> String {
    let mut out = String::new();
    let mut token = String::new();
    let numeric = |c: char| c.is_ascii_digit() || c == '-' || c == '–';
    let flush = |out: &mut String, token: &mut String| {
        if token.chars().any(|c| c.is_ascii_digit()) {
            out.push('\u{2066}');
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
fn arabic_runs(s: &str) -> String {
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

fn escape(s: &str) -> String {
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

fn texts<'a>(edge: &'a Edge, name: &str) -> &'a [String] {
    match edge.props.get(name) {
        Some(Value::Texts(v)) => v,
        _ => &[],
    }
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
            let mut involved: BTreeSet<&str> = texts(e, "participants")
                .iter()
                .map(String::as_str)
                .collect();
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
    if let Some(s) = edge.text("status") {
        parts.push(graph.label_of(s, lang.tag()).to_owned());
    }
    parts.extend(when_text(edge));
    parts.extend(amount_text(edge, graph, lang));
    if let Some(q) = texts(edge, "quote").first() {
        parts.push(format!("“{}”", truncate(q, 240)));
    }
    parts.join(" · ")
}

// ---------------------------------------------------------------------------------------------
// SVG writing

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
}

/// An SVG document being written, in logical coordinates: in a right-to-left picture every x
/// is mirrored when written, so layouts are computed once, left to right.
struct Canvas {
    out: String,
    width: f64,
    rtl: bool,
}

fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    match s.strip_suffix(".0") {
        Some(i) if i != "-0" => i.to_owned(),
        Some(_) => "0".to_owned(),
        None => s,
    }
}

struct TextStyle<'a> {
    size: f64,
    bold: bool,
    fill: &'a str,
    anchor: Anchor,
    halo: bool,
}

impl<'a> TextStyle<'a> {
    fn new(size: f64, fill: &'a str) -> Self {
        Self {
            size,
            bold: false,
            fill,
            anchor: Anchor::Middle,
            halo: false,
        }
    }
    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    fn anchor(mut self, a: Anchor) -> Self {
        self.anchor = a;
        self
    }
    fn halo(mut self) -> Self {
        self.halo = true;
        self
    }
}

impl Canvas {
    fn new(rtl: bool, width: f64) -> Self {
        Self {
            out: String::new(),
            width,
            rtl,
        }
    }

    fn x(&self, x: f64) -> f64 {
        if self.rtl {
            self.width - x
        } else {
            x
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// A path given in logical coordinates: `d` is a list of commands and points.
    fn path(&mut self, d: &[(char, &[(f64, f64)])], attrs: &str) {
        let mut text = String::new();
        for (cmd, points) in d {
            text.push(*cmd);
            for (i, (x, y)) in points.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                let _ = write!(text, "{},{}", n(self.x(*x)), n(*y));
            }
            text.push(' ');
        }
        let _ = writeln!(self.out, "<path d=\"{}\" {attrs}/>", text.trim_end());
    }

    fn rect(&mut self, x0: f64, y: f64, w: f64, h: f64, attrs: &str) {
        let (a, b) = (self.x(x0), self.x(x0 + w));
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attrs}/>",
            n(a.min(b)),
            n(y),
            n(w.abs()),
            n(h)
        );
    }

    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attrs}/>",
            n(self.x(x0)),
            n(y0),
            n(self.x(x1)),
            n(y1)
        );
    }

    fn circle(&mut self, cx: f64, cy: f64, r: f64, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>",
            n(self.x(cx)),
            n(cy),
            n(r)
        );
    }

    /// One line of text at logical `x`; `anchor` is relative to the picture's reading direction.
    fn text(&mut self, x: f64, y: f64, s: &str, style: &TextStyle) {
        let arabic = has_arabic(s);
        // Which side of the text is at `x`, in logical (left-to-right) terms.
        let (mut x, mut anchor) = (x, style.anchor);
        if arabic && anchor != Anchor::Middle {
            // In logical coordinates a text that starts at x spans [x, x + w] in both directions.
            let w = text_width(s, style.size);
            x += w / 2.0;
            anchor = Anchor::Middle;
        }
        let svg_anchor = match (anchor, self.rtl) {
            (Anchor::Middle, _) => "middle",
            (Anchor::Start, false) => "start",
            (Anchor::Start, true) => "end",
        };
        let mut attrs = format!(
            "x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"{svg_anchor}\"",
            n(self.x(x)),
            n(y),
            n(style.size),
            style.fill
        );
        if style.bold {
            attrs.push_str(" font-weight=\"bold\"");
        }
        if style.halo {
            attrs.push_str(
                " stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            );
        }
        let body = if arabic {
            let _ = write!(
                attrs,
                " font-family=\"{FONTS_ARABIC}\" direction=\"rtl\" xml:lang=\"ar\""
            );
            format!("{RLI}{}{PDI}", arabic_runs(&isolate_numbers(s)))
        } else {
            escape(s)
        };
        let _ = writeln!(self.out, "<text {attrs}>{body}</text>");
    }

    /// Lines of text, the first baseline at `y`.
    fn lines(&mut self, x: f64, y: f64, lines: &[String], line_h: f64, style: &TextStyle) {
        for (i, l) in lines.iter().enumerate() {
            self.text(x, y + i as f64 * line_h, l, style);
        }
    }

    fn finish(self, height: f64, lang: Lang, title: &str) -> String {
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONTS_LATIN}\" xml:lang=\"{lang}\">",
            w = n(self.width),
            h = n(height.ceil()),
            lang = lang.tag(),
        );
        let _ = writeln!(svg, "<title>{}</title>", escape(title));
        let _ = writeln!(
            svg,
            "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
            n(self.width),
            n(height.ceil())
        );
        svg.push_str(&self.out);
        svg.push_str("</svg>\n");
        svg
    }
}

fn arrow_markers(relations: &BTreeSet<String>) -> String {
    let mut s = String::from("<defs>\n");
    for r in relations {
        let _ = writeln!(
            s,
            "<marker id=\"arrow-{r}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"11\" markerHeight=\"11\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
            relation_colour(r)
        );
    }
    s.push_str("</defs>");
    s
}

fn title_block(c: &mut Canvas, title: &str, subtitle: &str) {
    let mid = c.width / 2.0;
    c.text(mid, 38.0, title, &TextStyle::new(24.0, "#1a1a1a").bold());
    c.text(mid, 64.0, subtitle, &TextStyle::new(14.0, "#555555"));
}

fn counts(edges: &[&Edge], lang: Lang) -> String {
    let articles: BTreeSet<&str> = edges.iter().filter_map(|e| e.text("article")).collect();
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

/// Draws a legend item's sample at (x, y), 28 units wide.
type Swatch<'a> = &'a dyn Fn(&mut Canvas, f64, f64);
type BoxedSwatch = Box<dyn Fn(&mut Canvas, f64, f64)>;
/// Source, target, relation rank and whether not asserted.
type GroupKey = (String, String, (usize, String), bool);

/// Legend items flowing in rows; returns the height used.
fn legend(c: &mut Canvas, y: f64, heading: &str, items: &[(String, Swatch)]) -> f64 {
    let size = 13.0;
    let margin = 30.0;
    c.text(
        margin,
        y + 14.0,
        heading,
        &TextStyle::new(size, "#333333").bold().anchor(Anchor::Start),
    );
    let mut x = margin + text_width(heading, size) + 20.0;
    let mut row_y = y;
    for (label, swatch) in items {
        let w = 36.0 + text_width(label, size) + 26.0;
        if x + w > c.width - margin {
            x = margin + 20.0;
            row_y += 24.0;
        }
        swatch(c, x, row_y + 9.0);
        c.text(
            x + 36.0,
            row_y + 14.0,
            label,
            &TextStyle::new(size, "#333333").anchor(Anchor::Start),
        );
        x += w;
    }
    row_y + 24.0 - y
}

// ---------------------------------------------------------------------------------------------
// The network

/// Statements between the same two entities, of one relation type, one direction and one kind
/// of status (asserted or not): drawn as one line with all their dates.
struct Group<'a> {
    source: String,
    target: String,
    relation: String,
    asserted: bool,
    edges: Vec<&'a Edge>,
}

impl Group<'_> {
    fn other(&self, party: &str) -> &str {
        if self.source == party {
            &self.target
        } else {
            &self.source
        }
    }

    fn ids(&self) -> String {
        self.edges
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// "donated to · 2024 · ≥ $300M", with the statuses of non-asserted statements and a count.
    fn label(&self, graph: &PropertyGraph, lang: Lang) -> String {
        let mut head = graph.label_of(&self.relation, lang.tag()).to_owned();
        if self.edges.len() > 1 {
            let _ = write!(head, " ×{}", self.edges.len());
        }
        if !self.asserted {
            let statuses: BTreeSet<String> = self
                .edges
                .iter()
                .filter_map(|e| status_label(e, graph, lang))
                .collect();
            let _ = write!(
                head,
                " ({})",
                statuses
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(if lang == Lang::Ar { "، " } else { ", " })
            );
        }
        let mut dates: Vec<String> = self.edges.iter().filter_map(|e| when_text(e)).collect();
        dates.sort_by_key(|d| natural_key(d));
        dates.dedup();
        let amounts: Vec<String> = self
            .edges
            .iter()
            .filter_map(|e| amount_text(e, graph, lang))
            .collect();
        let mut parts = vec![head];
        let comma = if lang == Lang::Ar { "، " } else { ", " };
        if !dates.is_empty() {
            parts.push(dates.join(comma));
        }
        if !amounts.is_empty() {
            parts.push(amounts.join(comma));
        }
        parts.join(" · ")
    }

    fn tooltip(&self, graph: &PropertyGraph, lang: Lang) -> String {
        self.edges
            .iter()
            .map(|e| tooltip(e, graph, lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn groups<'a>(edges: &[&'a Edge]) -> Vec<Group<'a>> {
    let mut by_key: BTreeMap<GroupKey, Vec<&'a Edge>> = BTreeMap::new();
    for e in edges {
        by_key
            .entry((
                e.source.clone(),
                e.target.clone(),
                relation_rank(&e.relation),
                // Asserted first.
                !e.asserted(),
            ))
            .or_default()
            .push(e);
    }
    by_key
        .into_iter()
        .map(
            |((source, target, (_, relation), not_asserted), edges)| Group {
                source,
                target,
                relation,
                asserted: !not_asserted,
                edges,
            },
        )
        .collect()
}

const LINE: f64 = 16.0;
const LABEL_SIZE: f64 = 12.5;
const NODE_W: f64 = 190.0;
const BAND_W: f64 = 260.0;
const CURVE: f64 = 110.0;
const PARTY_W: f64 = 180.0;
const MARGIN: f64 = 30.0;

/// One labelled line between a party and a neighbour (or the other party), in a row.
struct Row<'a> {
    group: &'a Group<'a>,
    lines: Vec<String>,
    /// The y of the line, set by the layout.
    y: f64,
}

impl Row<'_> {
    fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE + 14.0
    }
}

/// A neighbour and its rows, to the left of or right of a party, or (shared) between both.
struct Block<'a> {
    node: String,
    name_lines: Vec<String>,
    kind: String,
    left: Vec<Row<'a>>,
    right: Vec<Row<'a>>,
    top: f64,
}

impl Block<'_> {
    fn box_height(&self) -> f64 {
        self.name_lines.len() as f64 * 18.0 + 30.0
    }

    fn height(&self) -> f64 {
        let side = |rows: &[Row]| rows.iter().map(Row::height).sum::<f64>();
        side(&self.left)
            .max(side(&self.right))
            .max(self.box_height())
    }

    /// Places the rows of each side centred in the block.
    fn place(&mut self, top: f64) {
        self.top = top;
        let h = self.height();
        for rows in [&mut self.left, &mut self.right] {
            let total: f64 = rows.iter().map(Row::height).sum();
            let mut y = top + (h - total) / 2.0;
            for r in rows.iter_mut() {
                y += r.height();
                r.y = y - 6.0;
            }
        }
    }
}

fn node_fill(kind: &str) -> &'static str {
    match kind {
        "person" => "#fdf3e1",
        "company" | "platform" => "#e6f0fb",
        "party" | "political-committee" | "campaign" => "#fbe9ec",
        "place" => "#e9f6ec",
        "government-body" => "#eeeaf7",
        _ => "#f2f2f2",
    }
}

/// The network around one or two parties (entity ids) as an SVG document.
pub fn network(graph: &PropertyGraph, parties: &[&str], lang: Lang) -> Result<String, Error> {
    for p in parties {
        if graph.node(p).is_none() {
            return Err(Error::Draw(format!("{p:?} is not an entity of the graph")));
        }
    }
    let (left_party, right_party) = match parties {
        [a] => (*a, *a),
        [a, b] if a != b => (*a, *b),
        _ => {
            return Err(Error::Draw(
                "the network is drawn around one or two different parties".to_owned(),
            ))
        }
    };
    let two = left_party != right_party;
    let edges = network_statements(graph, parties);
    let all_groups = groups(&edges);
    let rtl = lang == Lang::Ar;
    let name_size = 14.0;

    // Neighbours and which parties they touch.
    let mut touches: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut between: Vec<&Group> = Vec::new();
    for g in &all_groups {
        let ends = [g.source.as_str(), g.target.as_str()];
        if two && ends.contains(&left_party) && ends.contains(&right_party) {
            between.push(g);
            continue;
        }
        for p in [left_party, right_party] {
            if ends.contains(&p) {
                touches.entry(g.other(p)).or_default().insert(p);
            }
        }
    }
    let first_rank = |node: &str| {
        all_groups
            .iter()
            .filter(|g| g.source == node || g.target == node)
            .map(|g| relation_rank(&g.relation))
            .min()
            .unwrap_or_default()
    };
    let mut neighbours: Vec<&str> = touches.keys().copied().collect();
    neighbours.sort_by_cached_key(|n| (first_rank(n), entity_name(graph, n, lang).to_owned()));

    let make_rows = |node: &str, party: &str, width: f64| -> Vec<Row> {
        all_groups
            .iter()
            .filter(|g| {
                (g.source == node && g.target == party) || (g.target == node && g.source == party)
            })
            .map(|g| Row {
                group: g,
                lines: wrap(&g.label(graph, lang), LABEL_SIZE, width - 16.0),
                y: 0.0,
            })
            .collect()
    };
    let make_block = |node: &str| Block {
        node: node.to_owned(),
        name_lines: wrap(entity_name(graph, node, lang), name_size, NODE_W - 18.0),
        kind: graph
            .node(node)
            .map(|n| graph.label_of(&n.kind, lang.tag()).to_owned())
            .unwrap_or_default(),
        left: Vec::new(),
        right: Vec::new(),
        top: 0.0,
    };

    let (mut left_blocks, mut right_blocks, mut shared_blocks) =
        (Vec::new(), Vec::new(), Vec::new());
    if two {
        for node in &neighbours {
            let t = &touches[node];
            let mut b = make_block(node);
            if t.len() == 2 {
                b.left = make_rows(node, left_party, BAND_W);
                b.right = make_rows(node, right_party, BAND_W);
                shared_blocks.push(b);
            } else if t.contains(left_party) {
                b.right = make_rows(node, left_party, BAND_W);
                left_blocks.push(b);
            } else {
                b.left = make_rows(node, right_party, BAND_W);
                right_blocks.push(b);
            }
        }
    } else {
        // One party: its neighbours split in two columns of about the same height.
        let mut all: Vec<Block> = neighbours
            .iter()
            .map(|node| {
                let mut b = make_block(node);
                b.right = make_rows(node, left_party, BAND_W);
                b
            })
            .collect();
        let total: f64 = all.iter().map(|b| b.height() + 12.0).sum();
        let mut acc = 0.0;
        for mut b in all.drain(..) {
            acc += b.height() + 12.0;
            if acc <= total / 2.0 + 1.0 {
                left_blocks.push(b);
            } else {
                b.left = std::mem::take(&mut b.right);
                right_blocks.push(b);
            }
        }
    }

    // Columns, left to right.
    let x_left_node = MARGIN;
    let band_l = x_left_node + NODE_W;
    let x_a = band_l + BAND_W + CURVE;
    let center_w = if two {
        2.0 * BAND_W + NODE_W + 20.0
    } else {
        0.0
    };
    let c0 = x_a + PARTY_W + if two { CURVE } else { 0.0 };
    let c1 = c0 + center_w;
    let x_b = if two { c1 + CURVE } else { x_a };
    let band_r = x_b + PARTY_W + CURVE;
    let x_right_node = band_r + BAND_W;
    let width = x_right_node + NODE_W + MARGIN;
    let x_shared = c0 + BAND_W + 10.0;

    let ladder_w = center_w - 40.0;
    let mut ladder: Vec<Row> = between
        .iter()
        .map(|g| Row {
            group: g,
            lines: wrap(&g.label(graph, lang), LABEL_SIZE, ladder_w),
            y: 0.0,
        })
        .collect();

    let gap = 14.0;
    let column_h =
        |blocks: &[Block]| -> f64 { blocks.iter().map(|b| b.height() + gap).sum::<f64>() - gap };
    let ladder_h: f64 = ladder.iter().map(Row::height).sum();
    let center_h = ladder_h
        + if shared_blocks.is_empty() {
            0.0
        } else {
            40.0 + column_h(&shared_blocks)
        };
    let party_h = 120.0;
    let content_h = column_h(&left_blocks)
        .max(column_h(&right_blocks))
        .max(center_h)
        .max(party_h);
    let top = 100.0;

    let place_column = |blocks: &mut [Block], h: f64| {
        let mut y = top + (content_h - h) / 2.0;
        for b in blocks.iter_mut() {
            b.place(y);
            y += b.height() + gap;
        }
    };
    let (h_left, h_right) = (column_h(&left_blocks), column_h(&right_blocks));
    place_column(&mut left_blocks, h_left);
    place_column(&mut right_blocks, h_right);
    let mut y = top + (content_h - center_h) / 2.0;
    for r in ladder.iter_mut() {
        y += r.height();
        r.y = y - 6.0;
    }
    y += 40.0;
    for b in shared_blocks.iter_mut() {
        b.place(y);
        y += b.height() + gap;
    }
    let party_y = top + content_h / 2.0;

    // Where lines meet the party boxes: spread along each side in the order of their rows, so
    // that they do not cross at the box.
    let attach_ys = |ys: Vec<f64>| -> Vec<f64> {
        let k = ys.len().max(1) as f64;
        let h = (party_h - 24.0).max(k * 4.0);
        (0..ys.len())
            .map(|i| party_y - h / 2.0 + (i as f64 + 0.5) * h / k)
            .collect()
    };

    let mut c = Canvas::new(rtl, width);
    let relations: BTreeSet<String> = all_groups.iter().map(|g| g.relation.clone()).collect();
    c.raw(&arrow_markers(&relations));

    let title = if two {
        match lang {
            Lang::En => format!(
                "{} and {}: who did what to whom",
                entity_name(graph, left_party, lang),
                entity_name(graph, right_party, lang)
            ),
            Lang::Ar => format!(
                "{} و{}: من فعل ماذا ولمن",
                entity_name(graph, left_party, lang),
                entity_name(graph, right_party, lang)
            ),
        }
    } else {
        match lang {
            Lang::En => format!(
                "{}: who did what to whom",
                entity_name(graph, left_party, lang)
            ),
            Lang::Ar => format!("{}: من فعل ماذا ولمن", entity_name(graph, left_party, lang)),
        }
    };
    title_block(&mut c, &title, &counts(&edges, lang));

    // Lines first, boxes and labels over them.
    // Labels are drawn after all lines, so that no line crosses a label; each names its statements.
    let mut labels: Vec<(f64, f64, Vec<String>, String)> = Vec::new();
    let draw_row = |c: &mut Canvas,
                    labels: &mut Vec<(f64, f64, Vec<String>, String)>,
                    row: &Row,
                    // The neighbour's end: (x, y) and the x where the straight part ends.
                    near: (f64, f64),
                    far_x: f64,
                    party_end: (f64, f64),
                    party_is_source: bool| {
        let g = row.group;
        let dir = if party_end.0 > far_x { 1.0 } else { -1.0 };
        let k1 = (far_x + dir * CURVE * 0.55, row.y);
        let k2 = (party_end.0 - dir * CURVE * 0.55, party_end.1);
        let forward: Vec<(char, Vec<(f64, f64)>)> = vec![
            ('M', vec![near]),
            ('L', vec![(far_x, row.y)]),
            ('C', vec![k1, k2, party_end]),
        ];
        let backward: Vec<(char, Vec<(f64, f64)>)> = vec![
            ('M', vec![party_end]),
            ('C', vec![k2, k1, (far_x, row.y)]),
            ('L', vec![near]),
        ];
        let d = if party_is_source { backward } else { forward };
        let d: Vec<(char, &[(f64, f64)])> = d.iter().map(|(k, p)| (*k, p.as_slice())).collect();
        emit_group_path(c, g, &d, graph, lang);
        labels.push((
            (near.0 + far_x) / 2.0,
            row.y - 5.0 - (row.lines.len() - 1) as f64 * LINE,
            row.lines.clone(),
            g.ids(),
        ));
    };

    // Left column: neighbour box on the left, its rows to its right, lines to the left party.
    for (blocks, party, side) in [
        (&left_blocks, left_party, 1.0),
        (&right_blocks, right_party, -1.0),
    ] {
        let rows: Vec<&Row> = blocks
            .iter()
            .flat_map(|b| if side > 0.0 { &b.right } else { &b.left })
            .collect();
        let ys = attach_ys(rows.iter().map(|r| r.y).collect());
        for (row, ay) in rows.iter().zip(ys) {
            let (near_x, far_x, party_x) = if side > 0.0 {
                (band_l, band_l + BAND_W, x_a)
            } else {
                (band_r + BAND_W, band_r, x_b + PARTY_W)
            };
            draw_row(
                &mut c,
                &mut labels,
                row,
                (near_x, row.y),
                far_x,
                (party_x, ay),
                row.group.source == party,
            );
        }
    }
    if two {
        // Between the parties, and to the shared neighbours.
        let mut rows_a: Vec<(&Row, f64, f64)> = ladder.iter().map(|r| (r, c0, c1)).collect();
        let mut rows_b: Vec<(&Row, f64, f64)> = ladder.iter().map(|r| (r, c1, c0)).collect();
        for b in &shared_blocks {
            rows_a.extend(b.left.iter().map(|r| (r, x_shared, c0)));
            rows_b.extend(b.right.iter().map(|r| (r, x_shared + NODE_W, c1)));
        }
        let ys_a = attach_ys(rows_a.iter().map(|r| r.0.y).collect());
        let ys_b = attach_ys(rows_b.iter().map(|r| r.0.y).collect());
        let ladder_n = ladder.len();
        for (i, row) in ladder.iter().enumerate() {
            let g = row.group;
            let (a_end, b_end) = ((x_a + PARTY_W, ys_a[i]), (x_b, ys_b[i]));
            let ka = (c0 - CURVE * 0.55, row.y);
            let kb = (c1 + CURVE * 0.55, row.y);
            let ka2 = (a_end.0 + CURVE * 0.55, a_end.1);
            let kb2 = (b_end.0 - CURVE * 0.55, b_end.1);
            let forward = [
                ('M', vec![a_end]),
                ('C', vec![ka2, ka, (c0, row.y)]),
                ('L', vec![(c1, row.y)]),
                ('C', vec![kb, kb2, b_end]),
            ];
            let backward = [
                ('M', vec![b_end]),
                ('C', vec![kb2, kb, (c1, row.y)]),
                ('L', vec![(c0, row.y)]),
                ('C', vec![ka, ka2, a_end]),
            ];
            let d = if g.source == left_party {
                forward
            } else {
                backward
            };
            let d: Vec<(char, &[(f64, f64)])> = d.iter().map(|(k, p)| (*k, p.as_slice())).collect();
            emit_group_path(&mut c, g, &d, graph, lang);
            labels.push((
                (c0 + c1) / 2.0,
                row.y - 5.0 - (row.lines.len() - 1) as f64 * LINE,
                row.lines.clone(),
                g.ids(),
            ));
        }
        for ((row, near_x, far_x), ay) in rows_a.iter().zip(&ys_a).skip(ladder_n) {
            draw_row(
                &mut c,
                &mut labels,
                row,
                (*near_x, row.y),
                *far_x,
                (x_a + PARTY_W, *ay),
                row.group.source == left_party,
            );
        }
        for ((row, near_x, far_x), ay) in rows_b.iter().zip(&ys_b).skip(ladder_n) {
            draw_row(
                &mut c,
                &mut labels,
                row,
                (*near_x, row.y),
                *far_x,
                (x_b, *ay),
                row.group.source == right_party,
            );
        }
    }

    for (x, y, lines, ids) in &labels {
        let _ = writeln!(
            c.out,
            "<g class=\"label\" data-statements=\"{}\">",
            escape(ids)
        );
        c.lines(
            *x,
            *y,
            lines,
            LINE,
            &TextStyle::new(LABEL_SIZE, "#222222").halo(),
        );
        c.raw("</g>");
    }

    // Neighbour boxes.
    let all_blocks = left_blocks
        .iter()
        .map(|b| (b, x_left_node))
        .chain(right_blocks.iter().map(|b| (b, x_right_node)))
        .chain(shared_blocks.iter().map(|b| (b, x_shared)));
    for (b, x) in all_blocks {
        // The box spans all its rows, so that every line ends on it.
        let (h, y0) = (b.height(), b.top);
        let name_top = y0 + (h - b.box_height()) / 2.0;
        let kind = graph.node(&b.node).map(|n| n.kind.as_str()).unwrap_or("");
        let _ = writeln!(
            c.out,
            "<g class=\"entity\" data-entity=\"{}\">",
            escape(&b.node)
        );
        c.rect(
            x,
            y0,
            NODE_W,
            h,
            &format!(
                "rx=\"8\" fill=\"{}\" stroke=\"#8a8a8a\" stroke-width=\"1\"",
                node_fill(kind)
            ),
        );
        c.lines(
            x + NODE_W / 2.0,
            name_top + 20.0,
            &b.name_lines,
            18.0,
            &TextStyle::new(name_size, "#1a1a1a"),
        );
        c.text(
            x + NODE_W / 2.0,
            name_top + b.box_height() - 9.0,
            &b.kind,
            &TextStyle::new(10.5, "#6a6a6a"),
        );
        c.raw("</g>");
    }
    // Party boxes.
    let parties_x: Vec<(&str, f64)> = if two {
        vec![(left_party, x_a), (right_party, x_b)]
    } else {
        vec![(left_party, x_a)]
    };
    for (p, x) in parties_x {
        let lines = wrap(entity_name(graph, p, lang), 20.0, PARTY_W - 20.0);
        let _ = writeln!(c.out, "<g class=\"party\" data-entity=\"{}\">", escape(p));
        c.rect(
            x,
            party_y - party_h / 2.0,
            PARTY_W,
            party_h,
            "rx=\"14\" fill=\"#fff4d6\" stroke=\"#b07d00\" stroke-width=\"2.5\"",
        );
        let y0 = party_y - (lines.len() as f64 - 1.0) * 24.0 / 2.0 + 7.0;
        c.lines(
            x + PARTY_W / 2.0,
            y0,
            &lines,
            24.0,
            &TextStyle::new(20.0, "#1a1a1a").bold(),
        );
        c.raw("</g>");
    }

    // Legend.
    let mut y = top + content_h + 30.0;
    let rel_items: Vec<(String, BoxedSwatch)> = relations_sorted(&relations)
        .into_iter()
        .map(|r| {
            let colour = relation_colour(&r);
            let f: BoxedSwatch = Box::new(move |c, x, y| {
                c.line(
                    x,
                    y,
                    x + 28.0,
                    y,
                    &format!("stroke=\"{colour}\" stroke-width=\"3\""),
                )
            });
            (graph.label_of(&r, lang.tag()).to_owned(), f)
        })
        .collect();
    let items: Vec<(String, Swatch)> = rel_items
        .iter()
        .map(|(l, f)| (l.clone(), f.as_ref()))
        .collect();
    let heading = match lang {
        Lang::En => "Relation types:",
        Lang::Ar => "أنواع العلاقات:",
    };
    y += legend(&mut c, y, heading, &items) + 6.0;
    let not_asserted: BTreeSet<String> = edges
        .iter()
        .filter_map(|e| status_label(e, graph, lang))
        .collect();
    let solid = |c: &mut Canvas, x: f64, y: f64| {
        c.line(x, y, x + 28.0, y, "stroke=\"#444444\" stroke-width=\"2\"")
    };
    let dashed = |c: &mut Canvas, x: f64, y: f64| {
        c.line(
            x,
            y,
            x + 28.0,
            y,
            "stroke=\"#444444\" stroke-width=\"2\" stroke-dasharray=\"7 5\"",
        )
    };
    let arrow = |c: &mut Canvas, x: f64, y: f64| {
        c.path(
            &[('M', &[(x, y)]), ('L', &[(x + 28.0, y)])],
            "stroke=\"#444444\" stroke-width=\"2\" marker-end=\"url(#arrow-other)\"",
        )
    };
    let (l_solid, l_dashed, l_arrow, heading) = match lang {
        Lang::En => (
            "the article states or reports it".to_owned(),
            format!(
                "not asserted: {}",
                not_asserted.into_iter().collect::<Vec<_>>().join(", ")
            ),
            "from subject to object; ×N: N statements".to_owned(),
            "Lines:",
        ),
        Lang::Ar => (
            "يذكره المقال أو ينقله".to_owned(),
            format!(
                "غير مؤكد: {}",
                not_asserted.into_iter().collect::<Vec<_>>().join("، ")
            ),
            "من الفاعل إلى المفعول به؛ ×N: عدد الإفادات".to_owned(),
            "الخطوط:",
        ),
    };
    c.raw(&arrow_markers(&BTreeSet::from(["other".to_owned()])));
    y += legend(
        &mut c,
        y,
        heading,
        &[(l_solid, &solid), (l_dashed, &dashed), (l_arrow, &arrow)],
    );
    Ok(c.finish(y + 20.0, lang, &title))
}

fn relations_sorted(relations: &BTreeSet<String>) -> Vec<String> {
    let mut v: Vec<String> = relations.iter().cloned().collect();
    v.sort_by_key(|r| relation_rank(r));
    v
}

fn emit_group_path(
    c: &mut Canvas,
    g: &Group,
    d: &[(char, &[(f64, f64)])],
    graph: &PropertyGraph,
    lang: Lang,
) {
    let mut attrs = format!(
        "fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
        relation_colour(&g.relation),
        n(2.0 + (g.edges.len() as f64).sqrt() * 0.6)
    );
    if !g.asserted {
        attrs.push_str(" stroke-dasharray=\"7 5\"");
    }
    if !SYMMETRIC.contains(&g.relation.as_str()) {
        let _ = write!(attrs, " marker-end=\"url(#arrow-{})\"", g.relation);
    }
    let _ = writeln!(
        c.out,
        "<g class=\"statements\" data-relation=\"{}\" data-statements=\"{}\">",
        escape(&g.relation),
        escape(&g.ids())
    );
    // The tooltip is for the SVG in a browser; it is the statement text with its evidence.
    let _ = writeln!(c.out, "<title>{}</title>", escape(&g.tooltip(graph, lang)));
    c.path(d, &attrs);
    c.raw("</g>");
}

// ---------------------------------------------------------------------------------------------
// PNG

/// The fonts resvg uses: those of the system, loaded once.
fn font_database() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: std::sync::OnceLock<Arc<resvg::usvg::fontdb::Database>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_system_fonts();
        Arc::new(db)
    })
    .clone()
}

/// Whether any installed font has Arabic letters (checked on the letter beh).
fn has_arabic_font(db: &resvg::usvg::fontdb::Database) -> bool {
    use skrifa::MetadataProvider;
    db.faces().any(|face| {
        db.with_face_data(face.id, |data, index| {
            skrifa::FontRef::from_index(data, index)
                .map(|f| f.charmap().map('ب').is_some())
                .unwrap_or(false)
        })
        .unwrap_or(false)
    })
}

/// Whether a face has a glyph for `c`.
fn face_has_char(db: &resvg::usvg::fontdb::Database, id: resvg::usvg::fontdb::ID, c: char) -> bool {
    use skrifa::MetadataProvider;
    db.with_face_data(id, |data, index| {
        skrifa::FontRef::from_index(data, index)
            .map(|f| f.charmap().map(c).is_some())
            .unwrap_or(false)
    })
    .unwrap_or(false)
}

/// The font for a character that the label's font lacks: the first of the families the SVG
/// names that has it, in the weight of the label, so the choice does not depend on the order
/// in which the system lists its fonts; failing those, resvg's own choice.
fn select_fallback(
    c: char,
    used: &[resvg::usvg::fontdb::ID],
    db: &mut Arc<resvg::usvg::fontdb::Database>,
) -> Option<resvg::usvg::fontdb::ID> {
    let base_weight = used.first().and_then(|id| db.face(*id)).map(|f| f.weight.0);
    for family in ["Noto Sans Arabic", "Noto Sans", "DejaVu Sans"] {
        let mut faces: Vec<_> = db
            .faces()
            .filter(|f| !used.contains(&f.id))
            .filter(|f| f.style == resvg::usvg::fontdb::Style::Normal)
            .filter(|f| f.families.iter().any(|(name, _)| name == family))
            .map(|f| {
                let distance = base_weight.map_or(0, |w| w.abs_diff(f.weight.0));
                (distance, f.post_script_name.clone(), f.id)
            })
            .collect();
        faces.sort();
        if let Some((_, _, id)) = faces
            .into_iter()
            .find(|(_, _, id)| face_has_char(db, *id, c))
        {
            return Some(id);
        }
    }
    (resvg::usvg::FontResolver::default_fallback_selector())(c, used, db)
}

/// Renders an SVG document to PNG, at its own size, with the system's fonts.
pub fn render_png(svg: &str) -> Result<Vec<u8>, Error> {
    let db = font_database();
    if db.is_empty() {
        return Err(Error::Draw(format!(
            "no fonts are installed to draw the text with; install some (Debian/Ubuntu: apt-get install {ARABIC_FONT_PACKAGE})"
        )));
    }
    if has_arabic(svg) && !has_arabic_font(&db) {
        return Err(Error::Draw(format!(
            "no installed font has Arabic letters, so the Arabic labels cannot be drawn; install one (Debian/Ubuntu: apt-get install {ARABIC_FONT_PACKAGE}) or write SVG instead"
        )));
    }
    let mut options = resvg::usvg::Options {
        fontdb: db,
        ..Default::default()
    };
    options.font_resolver.select_fallback = Box::new(select_fallback);
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Draw(format!("the SVG cannot be read back: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Draw("the picture has no area".to_owned()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Draw(format!("cannot encode the PNG: {e}")))
}

// ---------------------------------------------------------------------------------------------
// The timeline

/// A calendar date as written in the data, as the span of time it names, in fractional years.
fn span_of(date: &str) -> Option<(f64, f64)> {
    let mut parts = date.split('-');
    let y: f64 = parts.next()?.parse().ok()?;
    let m: Option<f64> = parts.next().and_then(|m| m.parse().ok());
    let d: Option<f64> = parts.next().and_then(|d| d.parse().ok());
    Some(match (m, d) {
        (Some(m), Some(d)) => {
            let t = y + (m - 1.0) / 12.0 + (d - 1.0) / 365.0;
            (t, t)
        }
        (Some(m), None) => (y + (m - 1.0) / 12.0, y + m / 12.0),
        _ => (y, y + 1.0),
    })
}

/// How a statement sits in time.
#[derive(Debug, Clone, Copy)]
struct Span {
    t0: f64,
    t1: f64,
    /// A period (start and end given) rather than one date of some precision.
    period: bool,
    open_left: bool,
    open_right: bool,
}

fn span(edge: &Edge) -> Option<Span> {
    if let Some((t0, t1)) = edge.text("date").and_then(span_of) {
        return Some(Span {
            t0,
            t1,
            period: false,
            open_left: false,
            open_right: false,
        });
    }
    let start = edge.text("start_date").and_then(span_of);
    let end = edge.text("end_date").and_then(span_of);
    match (start, end) {
        (Some(s), Some(e)) => Some(Span {
            t0: s.0,
            t1: e.1.max(s.0),
            period: true,
            open_left: false,
            open_right: false,
        }),
        (Some(s), None) => Some(Span {
            t0: s.0,
            t1: s.1,
            period: true,
            open_left: false,
            open_right: true,
        }),
        (None, Some(e)) => Some(Span {
            t0: e.0,
            t1: e.1,
            period: true,
            open_left: true,
            open_right: false,
        }),
        (None, None) => None,
    }
}

/// The time axis: each year with something in it is wide, runs of empty years are squeezed.
struct Axis {
    /// (first year, last year + 1, x at its start, x at its end, whether it is squeezed).
    segments: Vec<(i32, i32, f64, f64, bool)>,
}

const YEAR_W: f64 = 250.0;
const GAP_W: f64 = 56.0;

impl Axis {
    fn new(years: &BTreeSet<i32>, x0: f64) -> Self {
        let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
            return Self {
                segments: Vec::new(),
            };
        };
        let mut segments = Vec::new();
        let mut x = x0;
        let mut y = first;
        while y <= last {
            if years.contains(&y) {
                segments.push((y, y + 1, x, x + YEAR_W, false));
                x += YEAR_W;
                y += 1;
            } else {
                let mut e = y;
                while !years.contains(&e) {
                    e += 1;
                }
                segments.push((y, e, x, x + GAP_W, true));
                x += GAP_W;
                y = e;
            }
        }
        Self { segments }
    }

    fn x(&self, t: f64) -> f64 {
        for &(a, b, x0, x1, _) in &self.segments {
            if t <= b as f64 {
                let t = t.max(a as f64);
                return x0 + (t - a as f64) / (b - a) as f64 * (x1 - x0);
            }
        }
        self.end()
    }

    fn start(&self) -> f64 {
        self.segments.first().map_or(0.0, |s| s.2)
    }

    fn end(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.3)
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// One statement on the timeline, placed.
struct Mark<'a> {
    edge: &'a Edge,
    span: Option<Span>,
    lines: Vec<String>,
    /// Mark extent and label centre, logical x.
    x0: f64,
    x1: f64,
    cx: f64,
    sub_row: usize,
}

const TL_LABEL: f64 = 12.0;
const TL_LINE: f64 = 15.0;
const OPEN_W: f64 = 44.0;

/// What a timeline label says besides the date: the amount, role, place or topic, the status
/// when the article does not assert it, and who did it to whom for one-way relations.
fn detail(edge: &Edge, graph: &PropertyGraph, lang: Lang) -> Vec<String> {
    let l = lang.tag();
    let pick = |base: &str| edge.text(&format!("{base}_{l}")).map(str::to_owned);
    let first = |base: &str| texts(edge, &format!("{base}_{l}")).first().cloned();
    let what = match edge.relation.as_str() {
        "donated-to" => amount_text(edge, graph, lang).or_else(|| pick("purpose")),
        "advises" | "holds-position" | "leads" => pick("role"),
        "met-at" => edge
            .text("place")
            .map(|p| entity_name(graph, p, lang).to_owned())
            .or_else(|| first("topics")),
        _ => first("topics").or_else(|| pick("reason")),
    };
    let mut lines = Vec::new();
    if !SYMMETRIC.contains(&edge.relation.as_str()) {
        let arrow = if lang == Lang::Ar { "←" } else { "→" };
        lines.push(format!(
            "{} {arrow} {}",
            short_name(graph, &edge.source, lang),
            short_name(graph, &edge.target, lang)
        ));
    }
    if let Some(w) = what {
        lines.push(truncate(&w, 34));
    }
    if let Some(s) = status_label(edge, graph, lang) {
        lines.push(format!("({s})"));
    }
    lines
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
    let edges = timeline_statements(graph, a, b);
    let rtl = lang == Lang::Ar;
    let header_w = 200.0;
    let x_axis = MARGIN + header_w + 20.0;

    let mut years = BTreeSet::new();
    for e in &edges {
        for k in ["date", "start_date", "end_date"] {
            if let Some(y) = e
                .text(k)
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok())
            {
                years.insert(y);
            }
        }
    }
    let axis = Axis::new(&years, x_axis);
    let undated_x0 = axis.end() + if years.is_empty() { 0.0 } else { 50.0 };
    let undated_w = 440.0;
    let has_undated = edges.iter().any(|e| span(e).is_none());
    let width = undated_x0 + if has_undated { undated_w } else { 0.0 } + MARGIN;

    // Lanes by relation type, marks packed into sub-rows so that no two overlap.
    let mut lanes: BTreeMap<(usize, String), Vec<Mark>> = BTreeMap::new();
    // Undated statements take turns in the two halves of their column.
    let mut undated_seen: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for e in &edges {
        let sp = span(e);
        let mut lines = vec![when_text(e).unwrap_or_else(|| match lang {
            Lang::En => "undated".to_owned(),
            Lang::Ar => "غير مؤرخ".to_owned(),
        })];
        lines.extend(detail(e, graph, lang));
        let label_w = lines
            .iter()
            .map(|l| text_width(l, TL_LABEL))
            .fold(0.0, f64::max);
        let (x0, x1) = match sp {
            Some(s) => {
                let (mut x0, mut x1) = (axis.x(s.t0), axis.x(s.t1));
                if x1 - x0 < 10.0 {
                    let m = (x0 + x1) / 2.0;
                    (x0, x1) = (m - 6.0, m + 6.0);
                }
                (
                    (x0 - if s.open_left { OPEN_W } else { 0.0 }).max(x_axis - 16.0),
                    x1 + if s.open_right { OPEN_W } else { 0.0 },
                )
            }
            None => {
                let k = undated_seen.entry(relation_rank(&e.relation)).or_default();
                let m = undated_x0 + undated_w * if k.is_multiple_of(2) { 0.25 } else { 0.75 };
                *k += 1;
                (m - 6.0, m + 6.0)
            }
        };
        let mut cx = (x0 + x1) / 2.0;
        let (lo, hi) = match sp {
            Some(_) => (x_axis, axis.end() + 40.0),
            None => (undated_x0, undated_x0 + undated_w),
        };
        cx = cx.max(lo + label_w / 2.0).min(hi - label_w / 2.0);
        lanes
            .entry(relation_rank(&e.relation))
            .or_default()
            .push(Mark {
                edge: e,
                span: sp,
                lines,
                x0: x0.min(cx - label_w / 2.0),
                x1: x1.max(cx + label_w / 2.0),
                cx,
                sub_row: 0,
            });
    }
    let mut lane_rows: Vec<((usize, String), usize, f64)> = Vec::new();
    for (key, marks) in lanes.iter_mut() {
        marks.sort_by(|p, q| {
            p.x0.total_cmp(&q.x0)
                .then_with(|| natural_key(&p.edge.id).cmp(&natural_key(&q.edge.id)))
        });
        let mut ends: Vec<f64> = Vec::new();
        for m in marks.iter_mut() {
            let row = match ends.iter().position(|&end| end + 12.0 <= m.x0) {
                Some(r) => r,
                None => {
                    ends.push(f64::MIN);
                    ends.len() - 1
                }
            };
            ends[row] = m.x1;
            m.sub_row = row;
        }
        let max_lines = marks.iter().map(|m| m.lines.len()).max().unwrap_or(1);
        let row_h = 22.0 + max_lines as f64 * TL_LINE + 8.0;
        lane_rows.push((key.clone(), ends.len(), row_h));
    }

    let mut c = Canvas::new(rtl, width);
    let (name_a, name_b) = (entity_name(graph, a, lang), entity_name(graph, b, lang));
    let title = match lang {
        Lang::En => format!("{name_a} and {name_b}: the relationship over time"),
        Lang::Ar => format!("{name_a} و{name_b}: العلاقة عبر الزمن"),
    };
    title_block(&mut c, &title, &counts(&edges, lang));

    let axis_y = 124.0;
    let lanes_top = axis_y + 22.0;
    let lanes_h: f64 = lane_rows.iter().map(|(_, k, h)| *k as f64 * h).sum::<f64>()
        + 10.0 * lane_rows.len() as f64;
    let lanes_bottom = lanes_top + lanes_h;

    // Axis: years, months of the wide years, squeezed gaps, the undated column.
    let grey = "#555555";
    for &(y0, y1, x0, x1, squeezed) in &axis.segments {
        c.line(
            x0,
            axis_y - 14.0,
            x0,
            lanes_bottom,
            "stroke=\"#d0d0d0\" stroke-width=\"1\"",
        );
        if !squeezed {
            c.text(
                (x0 + x1) / 2.0,
                axis_y - 22.0,
                &y0.to_string(),
                &TextStyle::new(15.0, "#1a1a1a").bold(),
            );
            let months = if lang == Lang::Ar {
                MONTHS_AR
            } else {
                MONTHS_EN
            };
            for (m, name) in months.iter().enumerate() {
                let mx = x0 + m as f64 * (x1 - x0) / 12.0;
                if m > 0 {
                    c.line(
                        mx,
                        axis_y - 6.0,
                        mx,
                        axis_y,
                        "stroke=\"#b0b0b0\" stroke-width=\"1\"",
                    );
                }
                if m % 3 == 0 {
                    c.text(
                        mx + (x1 - x0) / 24.0,
                        axis_y + 12.0,
                        name,
                        &TextStyle::new(9.5, "#888888"),
                    );
                }
            }
        } else {
            c.text(
                (x0 + x1) / 2.0,
                axis_y - 22.0,
                "⋯",
                &TextStyle::new(15.0, grey),
            );
            c.text(
                (x0 + x1) / 2.0,
                axis_y + 12.0,
                &if y1 - y0 == 1 {
                    y0.to_string()
                } else {
                    format!("{y0}–{}", y1 - 1)
                },
                &TextStyle::new(9.0, "#888888"),
            );
            c.rect(
                x0,
                lanes_top,
                x1 - x0,
                lanes_h,
                "fill=\"#f4f4f4\" stroke=\"none\"",
            );
        }
    }
    if !axis.segments.is_empty() {
        let end = axis.end();
        c.line(
            end,
            axis_y - 14.0,
            end,
            lanes_bottom,
            "stroke=\"#d0d0d0\" stroke-width=\"1\"",
        );
        c.line(
            axis.start(),
            axis_y,
            end,
            axis_y,
            "stroke=\"#555555\" stroke-width=\"1.5\"",
        );
    }
    if has_undated {
        c.rect(
            undated_x0,
            axis_y - 14.0,
            undated_w,
            lanes_bottom - axis_y + 14.0,
            "fill=\"#f7f7f7\" stroke=\"#d0d0d0\" stroke-width=\"1\"",
        );
        c.text(
            undated_x0 + undated_w / 2.0,
            axis_y - 22.0,
            match lang {
                Lang::En => "no date given",
                Lang::Ar => "بلا تاريخ",
            },
            &TextStyle::new(13.0, grey).bold(),
        );
    }

    let mut y = lanes_top;
    for (i, (key, k, row_h)) in lane_rows.iter().enumerate() {
        let relation = &key.1;
        let col = relation_colour(relation);
        let lane_h = *k as f64 * row_h + 10.0;
        if i % 2 == 0 {
            c.rect(
                MARGIN,
                y,
                width - 2.0 * MARGIN,
                lane_h,
                "fill=\"#000000\" fill-opacity=\"0.025\" stroke=\"none\"",
            );
        }
        c.rect(
            MARGIN,
            y + 8.0,
            5.0,
            lane_h - 16.0,
            &format!("fill=\"{col}\""),
        );
        let head = wrap(graph.label_of(relation, lang.tag()), 15.0, header_w - 20.0);
        c.lines(
            MARGIN + 14.0,
            y + 24.0,
            &head,
            19.0,
            &TextStyle::new(15.0, col).bold().anchor(Anchor::Start),
        );
        let marks = &lanes[key];
        let count = match lang {
            Lang::En => format!(
                "{} statement{}",
                marks.len(),
                if marks.len() == 1 { "" } else { "s" }
            ),
            Lang::Ar => format!("عدد الإفادات: {}", marks.len()),
        };
        c.text(
            MARGIN + 14.0,
            y + 24.0 + head.len() as f64 * 19.0,
            &count,
            &TextStyle::new(11.0, "#777777").anchor(Anchor::Start),
        );
        for m in marks {
            let top = y + 5.0 + m.sub_row as f64 * row_h;
            draw_mark(&mut c, m, top, &axis, undated_x0, undated_w, graph, lang);
        }
        y += lane_h;
    }

    // Legend of the marks.
    let col = "#444444";
    let period = |c: &mut Canvas, x: f64, y: f64| {
        c.rect(x, y - 5.0, 28.0, 10.0, &format!("rx=\"3\" fill=\"{col}\""))
    };
    let vague = |c: &mut Canvas, x: f64, y: f64| {
        c.rect(
            x,
            y - 5.0,
            28.0,
            10.0,
            &format!("rx=\"3\" fill=\"{col}\" fill-opacity=\"0.28\" stroke=\"{col}\""),
        )
    };
    let day =
        |c: &mut Canvas, x: f64, y: f64| c.circle(x + 14.0, y, 6.0, &format!("fill=\"{col}\""));
    let open = |c: &mut Canvas, x: f64, y: f64| {
        c.rect(x, y - 5.0, 12.0, 10.0, &format!("rx=\"3\" fill=\"{col}\""));
        c.line(
            x + 12.0,
            y,
            x + 28.0,
            y,
            &format!("stroke=\"{col}\" stroke-width=\"3\" stroke-dasharray=\"2 3\""),
        );
    };
    let dashed = |c: &mut Canvas, x: f64, y: f64| {
        c.rect(
            x,
            y - 5.0,
            28.0,
            10.0,
            &format!("rx=\"3\" fill=\"#ffffff\" stroke=\"{col}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\""),
        )
    };
    let labels: [&str; 6] = match lang {
        Lang::En => [
            "Marks:",
            "from start to end",
            "some time in that year or month",
            "on that day",
            "start or end only",
            "not asserted (considered, denied…)",
        ],
        Lang::Ar => [
            "العلامات:",
            "من البداية إلى النهاية",
            "في وقت ما من تلك السنة أو ذلك الشهر",
            "في ذلك اليوم",
            "البداية أو النهاية فقط",
            "غير مؤكد (قيد الدراسة، منفي…)",
        ],
    };
    let items: [(String, Swatch); 5] = [
        (labels[1].to_owned(), &period),
        (labels[2].to_owned(), &vague),
        (labels[3].to_owned(), &day),
        (labels[4].to_owned(), &open),
        (labels[5].to_owned(), &dashed),
    ];
    let h = legend(&mut c, lanes_bottom + 24.0, labels[0], &items);
    Ok(c.finish(lanes_bottom + 24.0 + h + 16.0, lang, &title))
}

#[allow(clippy::too_many_arguments)]
fn draw_mark(
    c: &mut Canvas,
    m: &Mark,
    top: f64,
    axis: &Axis,
    undated_x0: f64,
    undated_w: f64,
    graph: &PropertyGraph,
    lang: Lang,
) {
    let e = m.edge;
    let col = relation_colour(&e.relation);
    let asserted = e.asserted();
    let (fill, extra) = if asserted {
        (col.to_owned(), String::new())
    } else {
        (
            "#ffffff".to_owned(),
            format!(" stroke=\"{col}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\""),
        )
    };
    let _ = writeln!(
        c.out,
        "<g class=\"statement\" data-relation=\"{}\" data-statement=\"{}\">",
        escape(&e.relation),
        escape(&e.id)
    );
    let _ = writeln!(c.out, "<title>{}</title>", escape(&tooltip(e, graph, lang)));
    let _ = (undated_x0, undated_w);
    let my = top + 12.0;
    match m.span {
        Some(s) => {
            let (x0, x1) = (axis.x(s.t0), axis.x(s.t1));
            if x1 - x0 < 4.0 {
                c.circle((x0 + x1) / 2.0, my, 6.5, &format!("fill=\"{fill}\"{extra}"));
            } else {
                let opacity = if s.period || !asserted { "1" } else { "0.3" };
                let stroke = if s.period || !asserted {
                    extra.clone()
                } else {
                    format!(" stroke=\"{col}\" stroke-width=\"1\"")
                };
                c.rect(
                    x0,
                    my - 6.0,
                    x1 - x0,
                    12.0,
                    &format!("rx=\"3\" fill=\"{fill}\" fill-opacity=\"{opacity}\"{stroke}"),
                );
            }
            let dots = format!("stroke=\"{col}\" stroke-width=\"3\" stroke-dasharray=\"2 3\"");
            if s.open_left {
                c.line((x0 - OPEN_W).max(axis.start() - 16.0), my, x0, my, &dots);
            }
            if s.open_right {
                c.line(x1, my, x1 + OPEN_W, my, &dots);
            }
        }
        None => {
            c.circle(
                m.cx,
                my,
                6.0,
                &format!("fill=\"#ffffff\" stroke=\"{col}\" stroke-width=\"2\""),
            );
        }
    }
    let mut first = true;
    for (i, l) in m.lines.iter().enumerate() {
        let mut style = TextStyle::new(TL_LABEL, "#222222").halo();
        if first {
            style = style.bold();
            first = false;
        }
        c.text(m.cx, my + 22.0 + i as f64 * TL_LINE, l, &style);
    }
    c.raw("</g>");
}
