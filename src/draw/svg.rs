//! Writing SVG: a canvas in logical (left-to-right) coordinates that mirrors every x of a
//! right-to-left picture as it writes it, text styles, placed labels and the rectangles they
//! take, arrowhead markers, and the title block and legends that both pictures share.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::text::{arabic_runs, escape, isolate_numbers, text_width, FONTS_ARABIC, FONTS_LATIN};
use super::text::{PDI, RLI};
use crate::wording::{has_arabic, relation_colour, Lang};

/// How much of a line of text is above its baseline and below it, in ems: generous, like the
/// width estimate, so that a label's rectangle holds what any font draws.
#[cfg(test)]
const ASCENT: f64 = 0.9;
#[cfg(test)]
const DESCENT: f64 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
}

/// An axis-aligned rectangle in logical coordinates.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[cfg(test)]
impl Rect {
    /// Whether the two rectangles share an area, not only an edge.
    pub fn overlaps(&self, other: &Rect) -> bool {
        let w = (self.x + self.w).min(other.x + other.w) - self.x.max(other.x);
        let h = (self.y + self.h).min(other.y + other.h) - self.y.max(other.y);
        w > 1e-9 && h > 1e-9
    }
}

/// Lines of text placed on the picture: the first baseline at `y`, the next ones `line_h` below,
/// each centred on `x` or starting at it.
#[derive(Debug, Clone)]
pub(super) struct Label {
    pub x: f64,
    pub y: f64,
    pub lines: Vec<String>,
    pub size: f64,
    pub line_h: f64,
    pub anchor: Anchor,
}

impl Label {
    pub fn new(x: f64, y: f64, lines: Vec<String>, size: f64, line_h: f64) -> Self {
        Self {
            x,
            y,
            lines,
            size,
            line_h,
            anchor: Anchor::Middle,
        }
    }

    /// One line of text.
    pub fn one(x: f64, y: f64, text: &str, size: f64) -> Self {
        Self::new(x, y, vec![text.to_owned()], size, size)
    }

    /// Starting at `x` in the reading direction rather than centred on it.
    pub fn start(mut self) -> Self {
        self.anchor = Anchor::Start;
        self
    }

    /// The style of this label's size and anchor, in `fill`.
    pub fn style(&self, fill: &'static str) -> TextStyle {
        TextStyle::new(self.size, fill).anchor(self.anchor)
    }

    /// Where the label is drawn, by the estimated width of its widest line. An Arabic line with
    /// a start anchor is drawn centred on the middle of that span (see [`Canvas::text`]), so
    /// the same rectangle holds it.
    #[cfg(test)]
    pub fn rect(&self) -> Rect {
        let w = self
            .lines
            .iter()
            .map(|l| text_width(l, self.size))
            .fold(0.0, f64::max);
        let x = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
        };
        let last = self.lines.len().saturating_sub(1) as f64 * self.line_h;
        Rect {
            x,
            y: self.y - ASCENT * self.size,
            w,
            h: last + (ASCENT + DESCENT) * self.size,
        }
    }
}

/// A number as SVG wants it: one decimal at most, none when it is whole, never `-0`.
pub(super) fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    match s.strip_suffix(".0") {
        Some(i) if i != "-0" => i.to_owned(),
        Some(_) => "0".to_owned(),
        None => s,
    }
}

pub(super) struct TextStyle {
    size: f64,
    bold: bool,
    fill: &'static str,
    anchor: Anchor,
    halo: bool,
}

impl TextStyle {
    pub fn new(size: f64, fill: &'static str) -> Self {
        Self {
            size,
            bold: false,
            fill,
            anchor: Anchor::Middle,
            halo: false,
        }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn anchor(mut self, a: Anchor) -> Self {
        self.anchor = a;
        self
    }
    /// A white outline under the letters, so that a label stays readable over the lines.
    pub fn halo(mut self) -> Self {
        self.halo = true;
        self
    }
}

/// An SVG document being written, in logical coordinates: in a right-to-left picture every x
/// is mirrored when written, so layouts are computed once, left to right.
pub(super) struct Canvas {
    out: String,
    width: f64,
    rtl: bool,
}

impl Canvas {
    pub fn new(rtl: bool, width: f64) -> Self {
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

    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// A path given in logical coordinates: `d` is a list of commands and points.
    pub fn path(&mut self, d: &[(char, Vec<(f64, f64)>)], attrs: &str) {
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

    pub fn rect(&mut self, x0: f64, y: f64, w: f64, h: f64, attrs: &str) {
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

    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attrs}/>",
            n(self.x(x0)),
            n(y0),
            n(self.x(x1)),
            n(y1)
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>",
            n(self.x(cx)),
            n(cy),
            n(r)
        );
    }

    /// One line of text at logical `x`; `anchor` is relative to the picture's reading direction.
    pub fn text(&mut self, x: f64, y: f64, s: &str, style: &TextStyle) {
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
                " stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" style=\"paint-order:stroke\"",
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

    /// A placed label, every line in `style`.
    pub fn label(&mut self, label: &Label, style: &TextStyle) {
        for (i, l) in label.lines.iter().enumerate() {
            self.text(label.x, label.y + i as f64 * label.line_h, l, style);
        }
    }

    pub fn finish(self, height: f64, lang: Lang, title: &str) -> String {
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

/// Arrowheads in the colour of each relation type, for `marker-end`.
pub(super) fn arrow_markers(relations: &BTreeSet<String>) -> String {
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

/// The title and, under it, the subtitle, centred at the top of the picture.
pub(super) struct TitleBlock {
    pub title: Label,
    pub subtitle: Label,
}

impl TitleBlock {
    pub fn new(width: f64, title: &str, subtitle: &str) -> Self {
        let mid = width / 2.0;
        Self {
            title: Label::one(mid, 38.0, title, 24.0),
            subtitle: Label::one(mid, 64.0, subtitle, 14.0),
        }
    }

    /// The title as one string, for the document's `<title>`.
    pub fn text(&self) -> &str {
        &self.title.lines[0]
    }

    pub fn paint(&self, c: &mut Canvas) {
        c.label(&self.title, &self.title.style("#1a1a1a").bold());
        c.label(&self.subtitle, &self.subtitle.style("#555555"));
    }
}

/// Draws a legend item's sample at (x, y), 28 units wide.
pub(super) type Swatch<'a> = &'a dyn Fn(&mut Canvas, f64, f64);
pub(super) type BoxedSwatch = Box<dyn Fn(&mut Canvas, f64, f64)>;

const LEGEND_SIZE: f64 = 13.0;
const LEGEND_MARGIN: f64 = 30.0;

/// A legend: a heading, then items (a sample and its label) flowing in rows.
pub(super) struct Legend {
    /// The top of the legend.
    pub y: f64,
    pub heading: Label,
    /// Where each item's sample goes, and its label.
    pub items: Vec<((f64, f64), Label)>,
    pub height: f64,
}

impl Legend {
    /// The legend at `y` in a picture `width` wide: an item that does not fit on the row goes
    /// to the next one, indented under the heading.
    pub fn new(width: f64, y: f64, heading: &str, labels: &[String]) -> Self {
        let (size, margin) = (LEGEND_SIZE, LEGEND_MARGIN);
        let heading_label = Label::one(margin, y + 14.0, heading, size).start();
        let mut x = margin + text_width(heading, size) + 20.0;
        let mut row_y = y;
        let mut items = Vec::new();
        for label in labels {
            let w = 36.0 + text_width(label, size) + 26.0;
            if x + w > width - margin {
                x = margin + 20.0;
                row_y += 24.0;
            }
            items.push((
                (x, row_y + 9.0),
                Label::one(x + 36.0, row_y + 14.0, label, size).start(),
            ));
            x += w;
        }
        Self {
            y,
            heading: heading_label,
            items,
            height: row_y + 24.0 - y,
        }
    }

    /// Paints the legend with one sample drawer per item.
    pub fn paint(&self, c: &mut Canvas, swatches: &[Swatch]) {
        c.label(&self.heading, &self.heading.style("#333333").bold());
        for ((at, label), swatch) in self.items.iter().zip(swatches) {
            swatch(c, at.0, at.1);
            c.label(label, &label.style("#333333"));
        }
    }

    #[cfg(test)]
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.heading).chain(self.items.iter().map(|(_, l)| l))
    }
}
