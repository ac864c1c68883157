//! The timeline of the relationship between two parties: a lane per relation type, time
//! running across (wide years with months, squeezed runs of empty years, a column for undated
//! statements), one mark per statement with its label under it. [`layout`] decides where
//! everything goes; [`paint`] writes the SVG.
//!
//! A mark's extent includes its label's estimated width, and marks are packed into sub-rows of
//! their lane so that no two extents come within 12 units of each other; sub-rows are as tall as
//! the lane's longest label, so labels cannot meet.

use std::collections::{BTreeMap, BTreeSet};

use super::svg::{Canvas, Label, Legend, Swatch, TitleBlock};
use super::text::{escape, text_width, truncate, wrap};
use super::{counts, timeline_statements, tooltip, MARGIN, SYMMETRIC};
use crate::pgraph::{natural_key, Edge, PropertyGraph};
use crate::wording::{
    amount_text, entity_name, relation_colour, relation_rank, short_name, status_label, when_text,
    Lang,
};

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
    if let Some((t0, t1)) = edge.date().and_then(span_of) {
        return Some(Span {
            t0,
            t1,
            period: false,
            open_left: false,
            open_right: false,
        });
    }
    let start = edge.start_date().and_then(span_of);
    let end = edge.end_date().and_then(span_of);
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

/// One statement on the timeline, before it is given a sub-row.
struct Mark<'a> {
    edge: &'a Edge,
    span: Option<Span>,
    lines: Vec<String>,
    /// Mark extent (with its label) and label centre, logical x.
    x0: f64,
    x1: f64,
    cx: f64,
    sub_row: usize,
}

const TL_LABEL: f64 = 12.0;
const TL_LINE: f64 = 15.0;
const OPEN_W: f64 = 44.0;
/// The width of the lane headers.
const HEADER_W: f64 = 200.0;
const UNDATED_W: f64 = 440.0;
/// The baseline of the years; lanes start under the months.
const AXIS_Y: f64 = 124.0;

/// What a timeline label says besides the date: the amount, role, place or topic, the status
/// when the article does not assert it, and who did it to whom for one-way relations.
fn detail(edge: &Edge, graph: &PropertyGraph, lang: Lang) -> Vec<String> {
    let first_topic = || edge.topics(lang).first().cloned();
    let what = match edge.relation.as_str() {
        "donated-to" => {
            amount_text(edge, graph, lang).or_else(|| edge.purpose(lang).map(str::to_owned))
        }
        "advises" | "holds-position" | "leads" => edge.role(lang).map(str::to_owned),
        "met-at" => edge
            .place()
            .map(|p| entity_name(graph, p, lang).to_owned())
            .or_else(first_topic),
        _ => first_topic().or_else(|| edge.reason(lang).map(str::to_owned)),
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

/// The columns across: the axis after the lane headers, the undated column after the axis.
struct Frame {
    axis: Axis,
    x_axis: f64,
    undated_x0: f64,
    has_undated: bool,
    width: f64,
}

impl Frame {
    fn new(edges: &[&Edge]) -> Self {
        let x_axis = MARGIN + HEADER_W + 20.0;
        let mut years = BTreeSet::new();
        for e in edges {
            for d in [e.date(), e.start_date(), e.end_date()] {
                if let Some(y) = d.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()) {
                    years.insert(y);
                }
            }
        }
        let axis = Axis::new(&years, x_axis);
        let undated_x0 = axis.end() + if years.is_empty() { 0.0 } else { 50.0 };
        let has_undated = edges.iter().any(|e| span(e).is_none());
        let width = undated_x0 + if has_undated { UNDATED_W } else { 0.0 } + MARGIN;
        Self {
            axis,
            x_axis,
            undated_x0,
            has_undated,
            width,
        }
    }
}

/// A statement's mark and label, placed across; `slot` is its turn among the undated
/// statements of its lane, which alternate between the two halves of their column.
fn mark<'a>(
    e: &'a Edge,
    slot: usize,
    frame: &Frame,
    graph: &PropertyGraph,
    lang: Lang,
) -> Mark<'a> {
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
    let (axis, x_axis, undated_x0) = (&frame.axis, frame.x_axis, frame.undated_x0);
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
            let m = undated_x0 + UNDATED_W * if slot.is_multiple_of(2) { 0.25 } else { 0.75 };
            (m - 6.0, m + 6.0)
        }
    };
    let (lo, hi) = match sp {
        Some(_) => (x_axis, axis.end() + 40.0),
        None => (undated_x0, undated_x0 + UNDATED_W),
    };
    let cx = ((x0 + x1) / 2.0)
        .max(lo + label_w / 2.0)
        .min(hi - label_w / 2.0);
    Mark {
        edge: e,
        span: sp,
        lines,
        x0: x0.min(cx - label_w / 2.0),
        x1: x1.max(cx + label_w / 2.0),
        cx,
        sub_row: 0,
    }
}

/// Packs a lane's marks into sub-rows, first fit from the left; returns how many it took.
fn pack(marks: &mut [Mark]) -> usize {
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
    ends.len()
}

/// A span of the axis: a wide year with its months, or a squeezed run of empty years.
pub(super) struct Segment {
    pub x0: f64,
    pub x1: f64,
    pub marks: SegmentMarks,
}

pub(super) enum SegmentMarks {
    /// The year, and the x of each month with the names of every third.
    Year {
        year: Label,
        months: Vec<(f64, Option<Label>)>,
    },
    /// An ellipsis over the axis, the years it stands for under it.
    Gap { dots: Label, years: Label },
}

/// How a mark shows when a statement held.
pub(super) enum Shape {
    /// One day: a dot.
    Dot(f64),
    /// A period, or a year or month of which the day is not known.
    Bar { x0: f64, x1: f64, period: bool },
    /// No date: a hollow dot in the undated column.
    Undated(f64),
}

pub(super) struct PlacedMark<'a> {
    pub edge: &'a Edge,
    /// The y of the mark's middle.
    pub y: f64,
    pub shape: Shape,
    /// Dotted lines (x0, x1) off the open ends of a period.
    pub dots: Vec<(f64, f64)>,
    pub label: Label,
}

pub(super) struct Lane<'a> {
    pub relation: String,
    pub y: f64,
    pub sub_rows: usize,
    /// The height of a sub-row: room for the lane's longest label.
    pub row_h: f64,
    pub h: f64,
    /// Every other lane is shaded.
    pub stripe: bool,
    pub head: Label,
    pub count: Label,
    pub marks: Vec<PlacedMark<'a>>,
}

/// The timeline, placed: the axis, the undated column, the lanes and their marks, the title
/// and the legend.
pub(super) struct TimelineLayout<'a> {
    pub width: f64,
    pub height: f64,
    pub title: TitleBlock,
    pub lanes_top: f64,
    pub lanes_h: f64,
    pub segments: Vec<Segment>,
    /// Where the axis starts and ends, when there is one.
    pub axis_ends: Option<(f64, f64)>,
    /// The x of the undated column and its heading, when there is one.
    pub undated: Option<(f64, Label)>,
    pub lanes: Vec<Lane<'a>>,
    pub legend: Legend,
}

impl TimelineLayout<'_> {
    fn lanes_bottom(&self) -> f64 {
        self.lanes_top + self.lanes_h
    }

    /// Every label of the picture.
    #[cfg(test)]
    pub fn labels(&self) -> Vec<&Label> {
        let mut v = vec![&self.title.title, &self.title.subtitle];
        for s in &self.segments {
            match &s.marks {
                SegmentMarks::Year { year, months } => {
                    v.push(year);
                    v.extend(months.iter().filter_map(|(_, l)| l.as_ref()));
                }
                SegmentMarks::Gap { dots, years } => v.extend([dots, years]),
            }
        }
        v.extend(self.undated.iter().map(|(_, l)| l));
        for lane in &self.lanes {
            v.extend([&lane.head, &lane.count]);
            v.extend(lane.marks.iter().map(|m| &m.label));
        }
        v.extend(self.legend.labels());
        v
    }
}

/// Where everything of the timeline of `a` and `b` goes.
pub(super) fn layout<'a>(
    graph: &'a PropertyGraph,
    a: &str,
    b: &str,
    lang: Lang,
) -> TimelineLayout<'a> {
    let edges = timeline_statements(graph, a, b);
    let frame = Frame::new(&edges);
    // Lanes by relation type, marks packed into sub-rows so that no two overlap.
    let mut by_relation: BTreeMap<(usize, String), Vec<Mark>> = BTreeMap::new();
    let mut undated_seen: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for e in &edges {
        let key = relation_rank(&e.relation);
        let slot = if span(e).is_none() {
            let k = undated_seen.entry(key.clone()).or_default();
            let slot = *k;
            *k += 1;
            slot
        } else {
            0
        };
        by_relation
            .entry(key)
            .or_default()
            .push(mark(e, slot, &frame, graph, lang));
    }
    let lanes_top = AXIS_Y + 22.0;
    let lanes = lanes(by_relation, lanes_top, &frame, graph, lang);
    let lanes_h: f64 = lanes
        .iter()
        .map(|l| l.sub_rows as f64 * l.row_h)
        .sum::<f64>()
        + 10.0 * lanes.len() as f64;
    let (name_a, name_b) = (entity_name(graph, a, lang), entity_name(graph, b, lang));
    let title = match lang {
        Lang::En => format!("{name_a} and {name_b}: the relationship over time"),
        Lang::Ar => format!("{name_a} و{name_b}: العلاقة عبر الزمن"),
    };
    let legend = legend(frame.width, lanes_top + lanes_h + 24.0, lang);
    let axis = &frame.axis;
    TimelineLayout {
        width: frame.width,
        height: legend.y + legend.height + 16.0,
        title: TitleBlock::new(frame.width, &title, &counts(&edges, lang)),
        lanes_top,
        lanes_h,
        segments: segments(axis, lang),
        axis_ends: (!axis.segments.is_empty()).then(|| (axis.start(), axis.end())),
        undated: frame.has_undated.then(|| {
            let heading = match lang {
                Lang::En => "no date given",
                Lang::Ar => "بلا تاريخ",
            };
            let x = frame.undated_x0 + UNDATED_W / 2.0;
            (
                frame.undated_x0,
                Label::one(x, AXIS_Y - 22.0, heading, 13.0),
            )
        }),
        lanes,
        legend,
    }
}

/// The lanes from the top down, in relation order, each with its marks packed into sub-rows.
fn lanes<'a>(
    by_relation: BTreeMap<(usize, String), Vec<Mark<'a>>>,
    top: f64,
    frame: &Frame,
    graph: &PropertyGraph,
    lang: Lang,
) -> Vec<Lane<'a>> {
    let mut y = top;
    let mut lanes = Vec::new();
    for (i, ((_, relation), mut marks)) in by_relation.into_iter().enumerate() {
        let sub_rows = pack(&mut marks);
        let max_lines = marks.iter().map(|m| m.lines.len()).max().unwrap_or(1);
        let row_h = 22.0 + max_lines as f64 * TL_LINE + 8.0;
        let h = sub_rows as f64 * row_h + 10.0;
        let head = wrap(graph.label_of(&relation, lang.tag()), 15.0, HEADER_W - 20.0);
        let count = match lang {
            Lang::En => format!(
                "{} statement{}",
                marks.len(),
                if marks.len() == 1 { "" } else { "s" }
            ),
            Lang::Ar => format!("عدد الإفادات: {}", marks.len()),
        };
        let count_y = y + 24.0 + head.len() as f64 * 19.0;
        lanes.push(Lane {
            y,
            sub_rows,
            row_h,
            h,
            stripe: i % 2 == 0,
            head: Label::new(MARGIN + 14.0, y + 24.0, head, 15.0, 19.0).start(),
            count: Label::one(MARGIN + 14.0, count_y, &count, 11.0).start(),
            marks: marks
                .into_iter()
                .map(|m| {
                    let top = y + 5.0 + m.sub_row as f64 * row_h;
                    place_mark(m, top, &frame.axis)
                })
                .collect(),
            relation,
        });
        y += h;
    }
    lanes
}

/// A mark in its sub-row, whose top is at `top`.
fn place_mark<'a>(m: Mark<'a>, top: f64, axis: &Axis) -> PlacedMark<'a> {
    let my = top + 12.0;
    let mut dots = Vec::new();
    let shape = match m.span {
        Some(s) => {
            let (x0, x1) = (axis.x(s.t0), axis.x(s.t1));
            if s.open_left {
                dots.push(((x0 - OPEN_W).max(axis.start() - 16.0), x0));
            }
            if s.open_right {
                dots.push((x1, x1 + OPEN_W));
            }
            if x1 - x0 < 4.0 {
                Shape::Dot((x0 + x1) / 2.0)
            } else {
                Shape::Bar {
                    x0,
                    x1,
                    period: s.period,
                }
            }
        }
        None => Shape::Undated(m.cx),
    };
    PlacedMark {
        edge: m.edge,
        y: my,
        shape,
        dots,
        label: Label::new(m.cx, my + 22.0, m.lines, TL_LABEL, TL_LINE),
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

/// The labels of the axis: each wide year with its months, each squeezed run of years.
fn segments(axis: &Axis, lang: Lang) -> Vec<Segment> {
    let months = if lang == Lang::Ar {
        MONTHS_AR
    } else {
        MONTHS_EN
    };
    let mid_label = |x0: f64, x1: f64, dy: f64, text: &str, size: f64| {
        Label::one((x0 + x1) / 2.0, AXIS_Y + dy, text, size)
    };
    axis.segments
        .iter()
        .map(|&(y0, y1, x0, x1, squeezed)| {
            let marks = if squeezed {
                let years = if y1 - y0 == 1 {
                    y0.to_string()
                } else {
                    format!("{y0}–{}", y1 - 1)
                };
                SegmentMarks::Gap {
                    dots: mid_label(x0, x1, -22.0, "⋯", 15.0),
                    years: mid_label(x0, x1, 12.0, &years, 9.0),
                }
            } else {
                let month = |(m, name): (usize, &&str)| {
                    let mx = x0 + m as f64 * (x1 - x0) / 12.0;
                    let at = mx + (x1 - x0) / 24.0;
                    (
                        mx,
                        (m % 3 == 0).then(|| Label::one(at, AXIS_Y + 12.0, name, 9.5)),
                    )
                };
                SegmentMarks::Year {
                    year: mid_label(x0, x1, -22.0, &y0.to_string(), 15.0),
                    months: months.iter().enumerate().map(month).collect(),
                }
            };
            Segment { x0, x1, marks }
        })
        .collect()
}

/// The legend of the marks, at `y`.
fn legend(width: f64, y: f64, lang: Lang) -> Legend {
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
    let items: Vec<String> = labels[1..].iter().map(|l| (*l).to_owned()).collect();
    Legend::new(width, y, labels[0], &items)
}

/// The SVG of a timeline layout.
pub(super) fn paint(layout: &TimelineLayout, graph: &PropertyGraph, lang: Lang) -> String {
    let mut c = Canvas::new(lang == Lang::Ar, layout.width);
    layout.title.paint(&mut c);
    paint_axis(&mut c, layout);
    for lane in &layout.lanes {
        paint_lane(&mut c, lane, layout.width);
        for m in &lane.marks {
            paint_mark(&mut c, m, graph, lang);
        }
    }
    paint_legend(&mut c, &layout.legend);
    c.finish(layout.height, lang, layout.title.text())
}

/// Axis: years, months of the wide years, squeezed gaps, the undated column.
fn paint_axis(c: &mut Canvas, layout: &TimelineLayout) {
    let (top, bottom) = (layout.lanes_top, layout.lanes_bottom());
    let rule = "stroke=\"#d0d0d0\" stroke-width=\"1\"";
    for s in &layout.segments {
        c.line(s.x0, AXIS_Y - 14.0, s.x0, bottom, rule);
        match &s.marks {
            SegmentMarks::Year { year, months } => {
                c.label(year, &year.style("#1a1a1a").bold());
                for (m, (mx, name)) in months.iter().enumerate() {
                    if m > 0 {
                        let tick = "stroke=\"#b0b0b0\" stroke-width=\"1\"";
                        c.line(*mx, AXIS_Y - 6.0, *mx, AXIS_Y, tick);
                    }
                    if let Some(name) = name {
                        c.label(name, &name.style("#888888"));
                    }
                }
            }
            SegmentMarks::Gap { dots, years } => {
                c.label(dots, &dots.style("#555555"));
                c.label(years, &years.style("#888888"));
                let shade = "fill=\"#f4f4f4\" stroke=\"none\"";
                c.rect(s.x0, top, s.x1 - s.x0, layout.lanes_h, shade);
            }
        }
    }
    if let Some((start, end)) = layout.axis_ends {
        c.line(end, AXIS_Y - 14.0, end, bottom, rule);
        let axis = "stroke=\"#555555\" stroke-width=\"1.5\"";
        c.line(start, AXIS_Y, end, AXIS_Y, axis);
    }
    if let Some((x0, heading)) = &layout.undated {
        c.rect(
            *x0,
            AXIS_Y - 14.0,
            UNDATED_W,
            bottom - AXIS_Y + 14.0,
            "fill=\"#f7f7f7\" stroke=\"#d0d0d0\" stroke-width=\"1\"",
        );
        c.label(heading, &heading.style("#555555").bold());
    }
}

/// A lane's shading, colour bar, relation type and count.
fn paint_lane(c: &mut Canvas, lane: &Lane, width: f64) {
    let col = relation_colour(&lane.relation);
    if lane.stripe {
        c.rect(
            MARGIN,
            lane.y,
            width - 2.0 * MARGIN,
            lane.h,
            "fill=\"#000000\" fill-opacity=\"0.025\" stroke=\"none\"",
        );
    }
    c.rect(
        MARGIN,
        lane.y + 8.0,
        5.0,
        lane.h - 16.0,
        &format!("fill=\"{col}\""),
    );
    c.label(&lane.head, &lane.head.style(col).bold());
    c.label(&lane.count, &lane.count.style("#777777"));
}

fn paint_mark(c: &mut Canvas, m: &PlacedMark, graph: &PropertyGraph, lang: Lang) {
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
    c.raw(&format!(
        "<g class=\"statement\" data-relation=\"{}\" data-statement=\"{}\">",
        escape(&e.relation),
        escape(&e.id)
    ));
    c.raw(&format!(
        "<title>{}</title>",
        escape(&tooltip(e, graph, lang))
    ));
    let my = m.y;
    match m.shape {
        Shape::Dot(x) => c.circle(x, my, 6.5, &format!("fill=\"{fill}\"{extra}")),
        Shape::Bar { x0, x1, period } => {
            // A year or a month is a pale bar: the statement held some time in it.
            let (opacity, stroke) = if period || !asserted {
                ("1", extra.clone())
            } else {
                ("0.3", format!(" stroke=\"{col}\" stroke-width=\"1\""))
            };
            c.rect(
                x0,
                my - 6.0,
                x1 - x0,
                12.0,
                &format!("rx=\"3\" fill=\"{fill}\" fill-opacity=\"{opacity}\"{stroke}"),
            );
        }
        Shape::Undated(x) => c.circle(
            x,
            my,
            6.0,
            &format!("fill=\"#ffffff\" stroke=\"{col}\" stroke-width=\"2\""),
        ),
    }
    let dots = format!("stroke=\"{col}\" stroke-width=\"3\" stroke-dasharray=\"2 3\"");
    for (x0, x1) in &m.dots {
        c.line(*x0, my, *x1, my, &dots);
    }
    // The date first, in bold.
    let l = &m.label;
    for (i, line) in l.lines.iter().enumerate() {
        let style = l.style("#222222").halo();
        let style = if i == 0 { style.bold() } else { style };
        c.text(l.x, l.y + i as f64 * l.line_h, line, &style);
    }
    c.raw("</g>");
}

fn paint_legend(c: &mut Canvas, legend: &Legend) {
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
    let swatches: [Swatch; 5] = [&period, &vague, &day, &open, &dashed];
    legend.paint(c, &swatches);
}
