//! `newskg site`: the graph as a static, self-contained web site in Arabic and English, for
//! people who will never write SPARQL. An entity's page has everything the articles say about
//! it; an article's page its full text with every quote marked where it stands, each linked to
//! its statement and back; a statement's page all its qualifiers, the quote in context, the same
//! fact in other articles and its RDF; the canned questions answered; the pictures.
//!
//! The parts: `articles` reads the texts and checks that they still hold their quotes,
//! `highlight` cuts a text at its quotes, `views` words what a page shows, `pages` lists the
//! pages, `render` fills the templates (`templates/`, escaping on), `search` writes the search
//! index. [`gather`] reads everything from the store; [`write`] writes the site whole or not
//! at all. The same store gives the same bytes, and every link is relative, so the site works
//! opened from disk and on any static host.

mod articles;
pub mod highlight;
mod pages;
mod render;
mod search;
mod ui;
mod views;

use std::collections::BTreeMap;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedOrBlankNode, Quad, Triple};
use oxigraph::sparql::QueryResults;

pub use articles::Article;
pub use views::Link;

use crate::pgraph::{Edge, PropertyGraph};
use crate::queries::{self, CannedQuery, ParamKind};
use crate::wording::Lang;
use crate::{draw, Error, GraphStore, Ontology};

/// A canned query's answer, as a table of text.
pub struct Answer {
    pub query: &'static CannedQuery,
    pub lang: Lang,
    /// The parameters given, as `name = value`; empty for the defaults.
    pub params: Vec<String>,
    pub columns: Vec<String>,
    /// Each cell as text, an entity's IRI as its name linked to its page.
    pub rows: Vec<Vec<Link>>,
}

/// A picture of `newskg draw`, as SVG.
pub struct Picture {
    pub lang: Lang,
    /// Its file name, without `.svg`.
    pub slug: &'static str,
    pub title: String,
    pub svg: String,
}

/// Everything the site shows, read from the store (and the texts from the data directory).
pub struct SiteInput {
    pub graph: PropertyGraph,
    pub articles: Vec<Article>,
    pub answers: Vec<Answer>,
    pub pictures: Vec<Picture>,
    /// Each statement's triples as Turtle, by statement id.
    pub turtle: BTreeMap<String, String>,
    /// Where a `newskg serve` answers (`/` when it serves the site itself): the site then has a
    /// query page, whose forms ask its `queries/NAME` and `query`. None for a static site.
    pub served_at: Option<String>,
}

impl SiteInput {
    fn article(&self, edge: &Edge) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| Some(a.id.as_str()) == edge.article())
    }
}

/// The two parties the questions and pictures are asked about: those of the most statements.
fn main_parties(graph: &PropertyGraph) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &graph.edges {
        *counts.entry(&e.source).or_default() += 1;
        *counts.entry(&e.target).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(2)
        .map(|(id, _)| id.to_owned())
        .collect()
}

/// Reads what the site shows from `store`, and the texts from `data`.
pub fn gather(store: &GraphStore, data: &Path, ontology: &Ontology) -> Result<SiteInput, Error> {
    let quads = store.quads(None)?;
    let graph = PropertyGraph::from_quads(&quads, ontology);
    let articles = articles::read(store, &graph, data)?;
    let parties = main_parties(&graph);
    let mut answers = Vec::new();
    let mut pictures = Vec::new();
    for lang in pages::LANGS {
        for q in queries::all() {
            answers.extend(answers_of(store, &graph, q, lang, &parties, ontology)?);
        }
        if let [a, b] = &parties[..] {
            let words = ui::words(lang);
            pictures.push(Picture {
                lang,
                slug: "timeline",
                title: words["timeline"].to_owned(),
                svg: inline_svg(&draw::timeline(&graph, a, b, lang)?),
            });
            pictures.push(Picture {
                lang,
                slug: "network",
                title: words["network"].to_owned(),
                svg: inline_svg(&draw::network(&graph, &[a, b], lang)?),
            });
        }
    }
    let turtle = statements_turtle(&quads)?;
    Ok(SiteInput {
        graph,
        articles,
        answers,
        pictures,
        turtle,
        served_at: None,
    })
}

/// An SVG document as an element of a page: without its XML declaration.
fn inline_svg(svg: &str) -> String {
    match svg.find("<svg") {
        Some(at) => svg[at..].to_owned(),
        None => svg.to_owned(),
    }
}

/// The answers of `q` in `lang`: on its defaults, and for each main party when it takes one
/// entity.
fn answers_of(
    store: &GraphStore,
    graph: &PropertyGraph,
    q: &'static CannedQuery,
    lang: Lang,
    parties: &[String],
    ontology: &Ontology,
) -> Result<Vec<Answer>, Error> {
    let entity_params: Vec<&str> = q
        .params
        .iter()
        .filter(|p| p.kind == ParamKind::Entity)
        .map(|p| p.name.as_str())
        .collect();
    let mut given: Vec<Vec<(String, String)>> = vec![Vec::new()];
    if let [param] = &entity_params[..] {
        given = parties
            .iter()
            .map(|p| vec![(param.to_string(), p.clone())])
            .collect();
    }
    given
        .into_iter()
        .map(|params| answer(store, graph, q, lang, params, ontology))
        .collect()
}

fn answer(
    store: &GraphStore,
    graph: &PropertyGraph,
    q: &'static CannedQuery,
    lang: Lang,
    params: Vec<(String, String)>,
    ontology: &Ontology,
) -> Result<Answer, Error> {
    let bindings = queries::bindings(q, &params, lang, store)?;
    let QueryResults::Solutions(solutions) = store.query_with(q.sparql, bindings)? else {
        return Err(Error::Site(format!("{} is not a SELECT query", q.name)));
    };
    let solutions = queries::present_in(q, solutions, lang, &ontology.key_labels);
    let columns = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().replace('_', " "))
        .collect();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s?;
        rows.push(
            s.values()
                .iter()
                .map(|t| match t {
                    Some(oxigraph::model::Term::Literal(l)) => id_link(graph, l.value(), lang),
                    Some(oxigraph::model::Term::NamedNode(n)) => {
                        entity_link(graph, n.as_str(), lang)
                    }
                    Some(other) => Link::text(other.to_string()),
                    None => Link::text(""),
                })
                .collect(),
        );
    }
    Ok(Answer {
        query: q,
        lang,
        params: params.iter().map(|(k, v)| format!("{k} = {v}")).collect(),
        columns,
        rows,
    })
}

/// A text in an answer: a statement's or an article's id links to its page; any other is text.
fn id_link(graph: &PropertyGraph, text: &str, lang: Lang) -> Link {
    if graph.edges.iter().any(|e| e.id == text) {
        Link::to(text, views::statement_href(lang, text))
    } else if graph.edges.iter().any(|e| e.article() == Some(text)) {
        Link::to(text, views::article_href(lang, text))
    } else {
        Link::text(text)
    }
}

/// An IRI in an answer: an entity's, as its name linked to its page; any other as it is.
fn entity_link(graph: &PropertyGraph, iri: &str, lang: Lang) -> Link {
    match graph.nodes.iter().find(|n| n.iri() == Some(iri)) {
        Some(n) => Link::to(
            crate::wording::entity_name(graph, &n.id, lang),
            views::entity_href(lang, &n.id),
        ),
        None => Link::text(iri),
    }
}

/// Each statement's triples, and those of the nodes minted under its IRI (its evidence and
/// their selectors), as Turtle, by statement id: `…/statement/a000/r12` and
/// `…/statement/a000/r12/evidence/1` are both of `a000/r12`.
fn statements_turtle(quads: &[Quad]) -> Result<BTreeMap<String, String>, Error> {
    let mut by_statement: BTreeMap<String, Vec<Triple>> = BTreeMap::new();
    for q in quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let Some((_, rest)) = s.as_str().split_once("/statement/") else {
            continue;
        };
        let id: Vec<&str> = rest.splitn(3, '/').take(2).collect();
        by_statement
            .entry(id.join("/"))
            .or_default()
            .push(Triple::from(q.clone()));
    }
    by_statement
        .into_iter()
        .map(|(id, mut triples)| {
            triples.sort_by_cached_key(|t| t.to_string());
            triples.dedup();
            Ok((id, turtle(&triples)?))
        })
        .collect()
}

fn turtle(triples: &[Triple]) -> Result<String, Error> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
    for (p, ns) in crate::vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*p, *ns)
            .map_err(|e| Error::Site(e.to_string()))?;
    }
    let mut w = serializer.for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t)?;
    }
    Ok(String::from_utf8(w.finish()?).expect("Turtle is UTF-8"))
}

/// Writes the site into `out`, whole: into a folder beside it first, which then takes its
/// place, so that an error leaves `out` as it was. A folder that is neither empty nor an
/// earlier site is refused, so that a wrong `-o` cannot replace someone's files. Returns the
/// number of files written.
pub fn write(input: &SiteInput, out: &Path) -> Result<usize, Error> {
    render::check_target(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let staging = tempfile::Builder::new()
        .prefix(".newskg-site-")
        .tempdir_in(&parent)?;
    let files = render::write_all(input, staging.path())?;
    let old = parent.join(format!(".newskg-site-old-{}", std::process::id()));
    if out.exists() {
        std::fs::rename(out, &old)?;
    }
    std::fs::rename(staging.keep(), out)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(files)
}
