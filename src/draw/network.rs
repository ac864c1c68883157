//! The network around one or two parties: each party in the middle, its neighbours in columns
//! beside it (or, for two parties, those both deal with between them), one labelled line per
//! group of statements. [`layout`] decides where everything goes; [`paint`] writes the SVG.
//!
//! A group's label sits in a row of the band between a neighbour and the party, wrapped to the
//! band's width; rows are stacked, never shared, so two labels cannot meet.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::svg::{arrow_markers, n, BoxedSwatch, Canvas, Label, Legend, Swatch, TitleBlock};
use super::text::{escape, wrap};
use super::{counts, network_statements, tooltip, MARGIN, SYMMETRIC};
use crate::pgraph::{natural_key, Edge, PropertyGraph};
use crate::wording::{
    amount_text, entity_name, relation_colour, relation_rank, status_label, when_text, Lang,
};

const LINE: f64 = 16.0;
const LABEL_SIZE: f64 = 12.5;
const NAME_SIZE: f64 = 14.0;
const NODE_W: f64 = 190.0;
const BAND_W: f64 = 260.0;
const CURVE: f64 = 110.0;
const PARTY_W: f64 = 180.0;
const PARTY_H: f64 = 120.0;
/// Where the content starts, under the title block.
const TOP: f64 = 100.0;
/// Between two neighbour boxes of a column.
const GAP: f64 = 14.0;

/// A path in logical coordinates: commands and their points.
type PathData = Vec<(char, Vec<(f64, f64)>)>;

/// Statements between the same two entities, of one relation type, one direction and one kind
/// of status (asserted or not): drawn as one line with all their dates.
#[derive(Clone)]
pub(super) struct Group<'a> {
    source: String,
    target: String,
    relation: String,
    asserted: bool,
    edges: Vec<&'a Edge>,
}

/// Source, target, relation rank and whether not asserted.
type GroupKey = (String, String, (usize, String), bool);

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
        let comma = if lang == Lang::Ar { "، " } else { ", " };
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
            let statuses: Vec<String> = statuses.into_iter().collect();
            let _ = write!(head, " ({})", statuses.join(comma));
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

/// One labelled line between a party and a neighbour (or the other party), in a row.
struct Row<'g, 'a> {
    group: &'g Group<'a>,
    lines: Vec<String>,
    /// The y of the line, set by the layout.
    y: f64,
}

impl Row<'_, '_> {
    fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE + 14.0
    }
}

/// A neighbour and its rows, to the left of or right of a party, or (shared) between both.
struct Block<'g, 'a> {
    node: String,
    name_lines: Vec<String>,
    kind: String,
    left: Vec<Row<'g, 'a>>,
    right: Vec<Row<'g, 'a>>,
    top: f64,
}

impl Block<'_, '_> {
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

/// The x of each column, left to right: neighbours, band, left party, the centre (for two
/// parties: the lines between them and the neighbours they share), right party, band,
/// neighbours.
struct Columns {
    x_left_node: f64,
    band_l: f64,
    x_a: f64,
    c0: f64,
    c1: f64,
    x_b: f64,
    band_r: f64,
    x_right_node: f64,
    x_shared: f64,
    center_w: f64,
    width: f64,
}

impl Columns {
    fn new(two: bool) -> Self {
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
        Self {
            x_left_node,
            band_l,
            x_a,
            c0,
            c1,
            x_b,
            band_r,
            x_right_node,
            x_shared: c0 + BAND_W + 10.0,
            center_w,
            width: x_right_node + NODE_W + MARGIN,
        }
    }
}

/// The rows of the picture before they are placed: neighbours of the left party, of the right
/// one, of both, and the ladder of lines between the two parties.
struct Rows<'g, 'a> {
    left: Vec<Block<'g, 'a>>,
    right: Vec<Block<'g, 'a>>,
    shared: Vec<Block<'g, 'a>>,
    ladder: Vec<Row<'g, 'a>>,
}

/// The parties of the picture and how it words things.
struct Ctx<'g> {
    graph: &'g PropertyGraph,
    lang: Lang,
    left: &'g str,
    right: &'g str,
}

impl Ctx<'_> {
    fn two(&self) -> bool {
        self.left != self.right
    }
}

/// The groups between `node` and `party`, as rows wrapped to a band.
fn rows_between<'g, 'a>(
    groups: &'g [Group<'a>],
    node: &str,
    party: &str,
    ctx: &Ctx,
) -> Vec<Row<'g, 'a>> {
    groups
        .iter()
        .filter(|g| {
            (g.source == node && g.target == party) || (g.target == node && g.source == party)
        })
        .map(|g| Row {
            group: g,
            lines: wrap(&g.label(ctx.graph, ctx.lang), LABEL_SIZE, BAND_W - 16.0),
            y: 0.0,
        })
        .collect()
}

fn block<'g, 'a>(node: &str, ctx: &Ctx) -> Block<'g, 'a> {
    let (graph, lang) = (ctx.graph, ctx.lang);
    Block {
        node: node.to_owned(),
        name_lines: wrap(entity_name(graph, node, lang), NAME_SIZE, NODE_W - 18.0),
        kind: graph
            .node(node)
            .map(|n| graph.label_of(&n.kind, lang.tag()).to_owned())
            .unwrap_or_default(),
        left: Vec::new(),
        right: Vec::new(),
        top: 0.0,
    }
}

/// The neighbours in the order the picture lists them (by their first relation type, then by
/// name), which parties each touches, and the groups between the two parties.
type Neighbours<'g, 'a> = (
    Vec<&'g str>,
    BTreeMap<&'g str, BTreeSet<&'g str>>,
    Vec<&'g Group<'a>>,
);

fn neighbours<'g, 'a>(groups: &'g [Group<'a>], ctx: &Ctx<'g>) -> Neighbours<'g, 'a> {
    let (left, right) = (ctx.left, ctx.right);
    let mut touches: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut between: Vec<&Group> = Vec::new();
    for g in groups {
        let ends = [g.source.as_str(), g.target.as_str()];
        if ctx.two() && ends.contains(&left) && ends.contains(&right) {
            between.push(g);
            continue;
        }
        for p in [left, right] {
            if ends.contains(&p) {
                touches.entry(g.other(p)).or_default().insert(p);
            }
        }
    }
    let first_rank = |node: &str| {
        groups
            .iter()
            .filter(|g| g.source == node || g.target == node)
            .map(|g| relation_rank(&g.relation))
            .min()
            .unwrap_or_default()
    };
    let mut order: Vec<&str> = touches.keys().copied().collect();
    order.sort_by_cached_key(|n| {
        (
            first_rank(n),
            entity_name(ctx.graph, n, ctx.lang).to_owned(),
        )
    });
    (order, touches, between)
}

/// The neighbours' blocks and the ladder, in their columns.
fn rows<'g, 'a>(groups: &'g [Group<'a>], ctx: &Ctx<'g>, columns: &Columns) -> Rows<'g, 'a> {
    let (order, touches, between) = neighbours(groups, ctx);
    let (left, right) = (ctx.left, ctx.right);
    let mut rows = Rows {
        left: Vec::new(),
        right: Vec::new(),
        shared: Vec::new(),
        ladder: between
            .iter()
            .map(|g| Row {
                group: g,
                lines: wrap(
                    &g.label(ctx.graph, ctx.lang),
                    LABEL_SIZE,
                    columns.center_w - 40.0,
                ),
                y: 0.0,
            })
            .collect(),
    };
    if ctx.two() {
        for node in &order {
            let t = &touches[node];
            let mut b = block(node, ctx);
            if t.len() == 2 {
                b.left = rows_between(groups, node, left, ctx);
                b.right = rows_between(groups, node, right, ctx);
                rows.shared.push(b);
            } else if t.contains(left) {
                b.right = rows_between(groups, node, left, ctx);
                rows.left.push(b);
            } else {
                b.left = rows_between(groups, node, right, ctx);
                rows.right.push(b);
            }
        }
    } else {
        split_in_two(&mut rows, &order, groups, ctx);
    }
    rows
}

/// One party: its neighbours split in two columns of about the same height.
fn split_in_two<'g, 'a>(
    rows: &mut Rows<'g, 'a>,
    order: &[&str],
    groups: &'g [Group<'a>],
    ctx: &Ctx,
) {
    let mut all: Vec<Block> = order
        .iter()
        .map(|node| {
            let mut b = block(node, ctx);
            b.right = rows_between(groups, node, ctx.left, ctx);
            b
        })
        .collect();
    let total: f64 = all.iter().map(|b| b.height() + 12.0).sum();
    let mut acc = 0.0;
    for mut b in all.drain(..) {
        acc += b.height() + 12.0;
        if acc <= total / 2.0 + 1.0 {
            rows.left.push(b);
        } else {
            b.left = std::mem::take(&mut b.right);
            rows.right.push(b);
        }
    }
}

fn column_h(blocks: &[Block]) -> f64 {
    blocks.iter().map(|b| b.height() + GAP).sum::<f64>() - GAP
}

/// Places every block and row vertically, each column centred on the parties; returns the
/// height of the content.
fn place(rows: &mut Rows) -> f64 {
    let ladder_h: f64 = rows.ladder.iter().map(Row::height).sum();
    let center_h = ladder_h
        + if rows.shared.is_empty() {
            0.0
        } else {
            40.0 + column_h(&rows.shared)
        };
    let content_h = column_h(&rows.left)
        .max(column_h(&rows.right))
        .max(center_h)
        .max(PARTY_H);
    for blocks in [&mut rows.left, &mut rows.right] {
        let mut y = TOP + (content_h - column_h(blocks)) / 2.0;
        for b in blocks.iter_mut() {
            b.place(y);
            y += b.height() + GAP;
        }
    }
    let mut y = TOP + (content_h - center_h) / 2.0;
    for r in rows.ladder.iter_mut() {
        y += r.height();
        r.y = y - 6.0;
    }
    y += 40.0;
    for b in rows.shared.iter_mut() {
        b.place(y);
        y += b.height() + GAP;
    }
    content_h
}

/// A line from a party to a neighbour or to the other party, with its label.
pub(super) struct Link<'a> {
    pub group: Group<'a>,
    pub path: PathData,
    pub label: Label,
}

/// A neighbour's box: it spans all its rows, so that every line ends on it.
pub(super) struct EntityBox {
    pub node: String,
    /// The entity type's key, for the fill.
    pub kind: String,
    pub x: f64,
    pub y: f64,
    pub h: f64,
    pub name: Label,
    pub kind_label: Label,
}

pub(super) struct PartyBox {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub name: Label,
}

/// The network, placed: every line with its label, every box, the title and the legends.
pub(super) struct NetworkLayout<'a> {
    pub width: f64,
    pub height: f64,
    pub title: TitleBlock,
    /// The relation types drawn, for their arrowheads.
    pub relations: BTreeSet<String>,
    pub links: Vec<Link<'a>>,
    pub boxes: Vec<EntityBox>,
    pub parties: Vec<PartyBox>,
    /// The relation types in legend order, one per item of `relation_legend`.
    pub legend_relations: Vec<String>,
    pub relation_legend: Legend,
    pub line_legend: Legend,
}

impl NetworkLayout<'_> {
    /// Every label of the picture.
    #[cfg(test)]
    pub fn labels(&self) -> Vec<&Label> {
        let mut v = vec![&self.title.title, &self.title.subtitle];
        v.extend(self.links.iter().map(|l| &l.label));
        v.extend(self.boxes.iter().flat_map(|b| [&b.name, &b.kind_label]));
        v.extend(self.parties.iter().map(|p| &p.name));
        v.extend(self.relation_legend.labels());
        v.extend(self.line_legend.labels());
        v
    }
}

/// Where everything of the network around `parties` (the same id twice for one party) goes.
pub(super) fn layout<'a>(
    graph: &'a PropertyGraph,
    parties: (&str, &str),
    lang: Lang,
) -> NetworkLayout<'a> {
    let ctx = Ctx {
        graph,
        lang,
        left: parties.0,
        right: parties.1,
    };
    let ids = if ctx.two() {
        vec![ctx.left, ctx.right]
    } else {
        vec![ctx.left]
    };
    let edges = network_statements(graph, &ids);
    let all_groups = groups(&edges);
    let columns = Columns::new(ctx.two());
    let mut rows = rows(&all_groups, &ctx, &columns);
    let content_h = place(&mut rows);
    let party_y = TOP + content_h / 2.0;
    let links = links(&rows, &columns, party_y, &ctx);
    let legend_relations = relations_sorted(&all_groups);
    let (relation_legend, line_legend) = legends(
        &legend_relations,
        &edges,
        columns.width,
        TOP + content_h + 30.0,
        &ctx,
    );
    NetworkLayout {
        width: columns.width,
        height: line_legend.y + line_legend.height + 20.0,
        title: TitleBlock::new(columns.width, &title(&ctx), &counts(&edges, lang)),
        relations: all_groups.iter().map(|g| g.relation.clone()).collect(),
        links,
        boxes: entity_boxes(&rows, &columns, graph),
        parties: party_boxes(&ctx, &columns, party_y),
        legend_relations,
        relation_legend,
        line_legend,
    }
}

fn title(ctx: &Ctx) -> String {
    let name = |id| entity_name(ctx.graph, id, ctx.lang);
    match (ctx.two(), ctx.lang) {
        (true, Lang::En) => format!(
            "{} and {}: who did what to whom",
            name(ctx.left),
            name(ctx.right)
        ),
        (true, Lang::Ar) => format!("{} و{}: من فعل ماذا ولمن", name(ctx.left), name(ctx.right)),
        (false, Lang::En) => format!("{}: who did what to whom", name(ctx.left)),
        (false, Lang::Ar) => format!("{}: من فعل ماذا ولمن", name(ctx.left)),
    }
}

/// Where `k` lines meet a party's side: spread along it in the order of their rows, so that
/// they do not cross at the box.
fn attach_ys(k: usize, party_y: f64) -> Vec<f64> {
    let n = k.max(1) as f64;
    let h = (PARTY_H - 24.0).max(n * 4.0);
    (0..k)
        .map(|i| party_y - h / 2.0 + (i as f64 + 0.5) * h / n)
        .collect()
}

/// The label of a row, above its line and centred between `x0` and `x1`.
fn row_label(row: &Row, x0: f64, x1: f64) -> Label {
    Label::new(
        (x0 + x1) / 2.0,
        row.y - 5.0 - (row.lines.len() - 1) as f64 * LINE,
        row.lines.clone(),
        LABEL_SIZE,
        LINE,
    )
}

/// A line from a neighbour's end `near`, straight to `far_x`, then curving to the party at
/// `party_end`; drawn from subject to object.
fn side_link<'a>(
    row: &Row<'_, 'a>,
    near: (f64, f64),
    far_x: f64,
    party_end: (f64, f64),
    party_is_source: bool,
) -> Link<'a> {
    let dir = if party_end.0 > far_x { 1.0 } else { -1.0 };
    let k1 = (far_x + dir * CURVE * 0.55, row.y);
    let k2 = (party_end.0 - dir * CURVE * 0.55, party_end.1);
    let path = if party_is_source {
        vec![
            ('M', vec![party_end]),
            ('C', vec![k2, k1, (far_x, row.y)]),
            ('L', vec![near]),
        ]
    } else {
        vec![
            ('M', vec![near]),
            ('L', vec![(far_x, row.y)]),
            ('C', vec![k1, k2, party_end]),
        ]
    };
    Link {
        group: row.group.clone(),
        path,
        label: row_label(row, near.0, far_x),
    }
}

/// A line of the ladder: from one party's side, straight across the centre, to the other's.
fn ladder_link<'a>(
    row: &Row<'_, 'a>,
    a_end: (f64, f64),
    b_end: (f64, f64),
    ctx: &Ctx,
    columns: &Columns,
) -> Link<'a> {
    let (c0, c1) = (columns.c0, columns.c1);
    let ka = (c0 - CURVE * 0.55, row.y);
    let kb = (c1 + CURVE * 0.55, row.y);
    let ka2 = (a_end.0 + CURVE * 0.55, a_end.1);
    let kb2 = (b_end.0 - CURVE * 0.55, b_end.1);
    let path = if row.group.source == ctx.left {
        vec![
            ('M', vec![a_end]),
            ('C', vec![ka2, ka, (c0, row.y)]),
            ('L', vec![(c1, row.y)]),
            ('C', vec![kb, kb2, b_end]),
        ]
    } else {
        vec![
            ('M', vec![b_end]),
            ('C', vec![kb2, kb, (c1, row.y)]),
            ('L', vec![(c0, row.y)]),
            ('C', vec![ka, ka2, a_end]),
        ]
    };
    Link {
        group: row.group.clone(),
        path,
        label: row_label(row, c0, c1),
    }
}

/// Every line, in the order they are drawn: the outer columns, then the ladder and the lines
/// to the shared neighbours.
fn links<'a>(rows: &Rows<'_, 'a>, columns: &Columns, party_y: f64, ctx: &Ctx) -> Vec<Link<'a>> {
    let cols = columns;
    let mut links = Vec::new();
    let outer = [
        (&rows.left, ctx.left, true),
        (&rows.right, ctx.right, false),
    ];
    for (blocks, party, on_left) in outer {
        let side: Vec<&Row> = blocks
            .iter()
            .flat_map(|b| if on_left { &b.right } else { &b.left })
            .collect();
        let (near_x, far_x, party_x) = if on_left {
            (cols.band_l, cols.band_l + BAND_W, cols.x_a)
        } else {
            (cols.band_r + BAND_W, cols.band_r, cols.x_b + PARTY_W)
        };
        for (row, ay) in side.iter().zip(attach_ys(side.len(), party_y)) {
            let from_party = row.group.source == party;
            links.push(side_link(
                row,
                (near_x, row.y),
                far_x,
                (party_x, ay),
                from_party,
            ));
        }
    }
    if ctx.two() {
        links.extend(centre_links(rows, cols, party_y, ctx));
    }
    links
}

/// The ladder between the parties, and the lines to the neighbours they share.
fn centre_links<'a>(rows: &Rows<'_, 'a>, cols: &Columns, party_y: f64, ctx: &Ctx) -> Vec<Link<'a>> {
    let mut rows_a: Vec<(&Row, f64, f64)> =
        rows.ladder.iter().map(|r| (r, cols.c0, cols.c1)).collect();
    let mut rows_b: Vec<(&Row, f64, f64)> =
        rows.ladder.iter().map(|r| (r, cols.c1, cols.c0)).collect();
    for b in &rows.shared {
        rows_a.extend(b.left.iter().map(|r| (r, cols.x_shared, cols.c0)));
        rows_b.extend(b.right.iter().map(|r| (r, cols.x_shared + NODE_W, cols.c1)));
    }
    let ys_a = attach_ys(rows_a.len(), party_y);
    let ys_b = attach_ys(rows_b.len(), party_y);
    let (a_x, b_x) = (cols.x_a + PARTY_W, cols.x_b);
    let n = rows.ladder.len();
    let mut links: Vec<Link> = rows
        .ladder
        .iter()
        .enumerate()
        .map(|(i, row)| ladder_link(row, (a_x, ys_a[i]), (b_x, ys_b[i]), ctx, cols))
        .collect();
    for (rows, ys, party_x, party) in [
        (&rows_a, &ys_a, a_x, ctx.left),
        (&rows_b, &ys_b, b_x, ctx.right),
    ] {
        for ((row, near_x, far_x), ay) in rows.iter().zip(ys).skip(n) {
            let from_party = row.group.source == party;
            links.push(side_link(
                row,
                (*near_x, row.y),
                *far_x,
                (party_x, *ay),
                from_party,
            ));
        }
    }
    links
}

fn entity_boxes(rows: &Rows, cols: &Columns, graph: &PropertyGraph) -> Vec<EntityBox> {
    let columns = [
        (&rows.left, cols.x_left_node),
        (&rows.right, cols.x_right_node),
        (&rows.shared, cols.x_shared),
    ];
    columns
        .into_iter()
        .flat_map(|(blocks, x)| blocks.iter().map(move |b| (b, x)))
        .map(|(b, x)| {
            let (h, y0) = (b.height(), b.top);
            let name_top = y0 + (h - b.box_height()) / 2.0;
            let mid = x + NODE_W / 2.0;
            EntityBox {
                node: b.node.clone(),
                kind: graph
                    .node(&b.node)
                    .map(|n| n.kind.clone())
                    .unwrap_or_default(),
                x,
                y: y0,
                h,
                name: Label::new(mid, name_top + 20.0, b.name_lines.clone(), NAME_SIZE, 18.0),
                kind_label: Label::one(mid, name_top + b.box_height() - 9.0, &b.kind, 10.5),
            }
        })
        .collect()
}

fn party_boxes(ctx: &Ctx, cols: &Columns, party_y: f64) -> Vec<PartyBox> {
    let parties: Vec<(&str, f64)> = if ctx.two() {
        vec![(ctx.left, cols.x_a), (ctx.right, cols.x_b)]
    } else {
        vec![(ctx.left, cols.x_a)]
    };
    parties
        .into_iter()
        .map(|(p, x)| {
            let lines = wrap(entity_name(ctx.graph, p, ctx.lang), 20.0, PARTY_W - 20.0);
            let y0 = party_y - (lines.len() as f64 - 1.0) * 24.0 / 2.0 + 7.0;
            PartyBox {
                id: p.to_owned(),
                x,
                y: party_y - PARTY_H / 2.0,
                name: Label::new(x + PARTY_W / 2.0, y0, lines, 20.0, 24.0),
            }
        })
        .collect()
}

fn relations_sorted(groups: &[Group]) -> Vec<String> {
    let relations: BTreeSet<String> = groups.iter().map(|g| g.relation.clone()).collect();
    let mut v: Vec<String> = relations.into_iter().collect();
    v.sort_by_key(|r| relation_rank(r));
    v
}

/// The legend of relation types at `y`, and under it the legend of line styles.
fn legends(
    relations: &[String],
    edges: &[&Edge],
    width: f64,
    y: f64,
    ctx: &Ctx,
) -> (Legend, Legend) {
    let (graph, lang) = (ctx.graph, ctx.lang);
    let names: Vec<String> = relations
        .iter()
        .map(|r| graph.label_of(r, lang.tag()).to_owned())
        .collect();
    let heading = match lang {
        Lang::En => "Relation types:",
        Lang::Ar => "أنواع العلاقات:",
    };
    let relation_legend = Legend::new(width, y, heading, &names);
    let y = y + (relation_legend.height + 6.0);
    let not_asserted: BTreeSet<String> = edges
        .iter()
        .filter_map(|e| status_label(e, graph, lang))
        .collect();
    let not_asserted: Vec<String> = not_asserted.into_iter().collect();
    let (labels, heading) = match lang {
        Lang::En => (
            [
                "the article states or reports it".to_owned(),
                format!("not asserted: {}", not_asserted.join(", ")),
                "from subject to object; ×N: N statements".to_owned(),
            ],
            "Lines:",
        ),
        Lang::Ar => (
            [
                "يذكره المقال أو ينقله".to_owned(),
                format!("غير مؤكد: {}", not_asserted.join("، ")),
                "من الفاعل إلى المفعول به؛ ×N: عدد الإفادات".to_owned(),
            ],
            "الخطوط:",
        ),
    };
    (relation_legend, Legend::new(width, y, heading, &labels))
}

/// The SVG of a network layout.
pub(super) fn paint(layout: &NetworkLayout, graph: &PropertyGraph, lang: Lang) -> String {
    let mut c = Canvas::new(lang == Lang::Ar, layout.width);
    c.raw(&arrow_markers(&layout.relations));
    layout.title.paint(&mut c);
    // Lines first, then labels, so that no line crosses a label; boxes go over both.
    for link in &layout.links {
        paint_link(&mut c, link, graph, lang);
    }
    for link in &layout.links {
        c.raw(&format!(
            "<g class=\"label\" data-statements=\"{}\">",
            escape(&link.group.ids())
        ));
        c.label(&link.label, &link.label.style("#222222").halo());
        c.raw("</g>");
    }
    for b in &layout.boxes {
        paint_box(&mut c, b);
    }
    for p in &layout.parties {
        c.raw(&format!(
            "<g class=\"party\" data-entity=\"{}\">",
            escape(&p.id)
        ));
        c.rect(
            p.x,
            p.y,
            PARTY_W,
            PARTY_H,
            "rx=\"14\" fill=\"#fff4d6\" stroke=\"#b07d00\" stroke-width=\"2.5\"",
        );
        c.label(&p.name, &p.name.style("#1a1a1a").bold());
        c.raw("</g>");
    }
    paint_legends(&mut c, layout);
    c.finish(layout.height, lang, layout.title.text())
}

fn paint_link(c: &mut Canvas, link: &Link, graph: &PropertyGraph, lang: Lang) {
    let g = &link.group;
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
    c.raw(&format!(
        "<g class=\"statements\" data-relation=\"{}\" data-statements=\"{}\">",
        escape(&g.relation),
        escape(&g.ids())
    ));
    // The tooltip is for the SVG in a browser; it is the statement text with its evidence.
    c.raw(&format!(
        "<title>{}</title>",
        escape(&g.tooltip(graph, lang))
    ));
    c.path(&link.path, &attrs);
    c.raw("</g>");
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

fn paint_box(c: &mut Canvas, b: &EntityBox) {
    c.raw(&format!(
        "<g class=\"entity\" data-entity=\"{}\">",
        escape(&b.node)
    ));
    c.rect(
        b.x,
        b.y,
        NODE_W,
        b.h,
        &format!(
            "rx=\"8\" fill=\"{}\" stroke=\"#8a8a8a\" stroke-width=\"1\"",
            node_fill(&b.kind)
        ),
    );
    c.label(&b.name, &b.name.style("#1a1a1a"));
    c.label(&b.kind_label, &b.kind_label.style("#6a6a6a"));
    c.raw("</g>");
}

fn paint_legends(c: &mut Canvas, layout: &NetworkLayout) {
    let samples: Vec<BoxedSwatch> = layout
        .legend_relations
        .iter()
        .map(|r| {
            let colour = relation_colour(r);
            let attrs = format!("stroke=\"{colour}\" stroke-width=\"3\"");
            Box::new(move |c: &mut Canvas, x: f64, y: f64| c.line(x, y, x + 28.0, y, &attrs))
                as BoxedSwatch
        })
        .collect();
    let swatches: Vec<Swatch> = samples.iter().map(|f| f.as_ref()).collect();
    layout.relation_legend.paint(c, &swatches);
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
            &[('M', vec![(x, y)]), ('L', vec![(x + 28.0, y)])],
            "stroke=\"#444444\" stroke-width=\"2\" marker-end=\"url(#arrow-other)\"",
        )
    };
    c.raw(&arrow_markers(&BTreeSet::from(["other".to_owned()])));
    layout.line_legend.paint(c, &[&solid, &dashed, &arrow]);
}
