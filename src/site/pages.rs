//! Every page of the site: its path, its template and what it shows, in each language. A
//! page's context is `page` (the language, the way back to the site's root, the same page in
//! the other language, the site's own words) and one value of its kind.

use std::collections::BTreeMap;

use minijinja::{context, Value};
use serde::Serialize;

use super::views::{self, article_href, entity_href, question_href, Link, StatementView};
use super::{Answer, Picture, SiteInput};
use crate::pgraph::{natural_key, Edge};
use crate::wording::{self, Lang};

/// One page to write: a path from the site's root, a template and its context.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub context: Value,
}

pub const LANGS: [Lang; 2] = [Lang::Ar, Lang::En];

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Ar => Lang::En,
        Lang::En => Lang::Ar,
    }
}

/// The `page` value of the context of the page at `path` (which starts with the language);
/// `served` when the site has a query page.
fn page_info(lang: Lang, path: &str, title: &str, served: bool) -> Value {
    let depth = path.matches('/').count();
    let other_path = format!("{}{}", other(lang).tag(), &path[lang.tag().len()..]);
    context! {
        lang => lang.tag(),
        dir => if lang == Lang::Ar { "rtl" } else { "ltr" },
        root => "../".repeat(depth),
        other_lang => other(lang).tag(),
        other_href => other_path,
        title => title,
        words => super::ui::words(lang),
        served => served,
    }
}

/// Every page, in a fixed order.
pub fn all(input: &SiteInput) -> Vec<Page> {
    let mut pages = Vec::new();
    for lang in LANGS {
        pages.push(index(input, lang));
        pages.extend(input.graph.nodes.iter().map(|n| entity(input, &n.id, lang)));
        pages.extend(input.articles.iter().map(|a| article(input, a, lang)));
        pages.extend(input.graph.edges.iter().map(|e| statement(input, e, lang)));
        let mut names: Vec<&str> = input.answers.iter().map(|a| a.query.name).collect();
        names.dedup();
        pages.extend(names.into_iter().map(|name| question(input, name, lang)));
        pages.push(pictures(input, lang));
        if let Some(base) = &input.served_at {
            pages.push(query_page(input, base, lang));
        }
    }
    pages
}

#[derive(Serialize)]
struct Group {
    label: String,
    links: Vec<Link>,
}

fn index(input: &SiteInput, lang: Lang) -> Page {
    let graph = &input.graph;
    let mut by_type: BTreeMap<String, Vec<Link>> = BTreeMap::new();
    for n in &graph.nodes {
        by_type
            .entry(graph.label_of(&n.kind, lang.tag()).to_owned())
            .or_default()
            .push(Link::to(
                wording::entity_name(graph, &n.id, lang),
                entity_href(lang, &n.id),
            ));
    }
    let entities: Vec<Group> = by_type
        .into_iter()
        .map(|(label, mut links)| {
            links.sort_by(|a, b| a.text.cmp(&b.text));
            Group { label, links }
        })
        .collect();
    let articles: Vec<Link> = input
        .articles
        .iter()
        .map(|a| Link::to(article_title(a), article_href(lang, &a.id)))
        .collect();
    let mut questions: Vec<Link> = Vec::new();
    for a in &input.answers {
        if !questions
            .iter()
            .any(|q| q.href == question_href(lang, a.query.name))
        {
            questions.push(Link::to(
                question_text(a, lang),
                question_href(lang, a.query.name),
            ));
        }
    }
    let path = format!("{}/index.html", lang.tag());
    let words = super::ui::words(lang);
    Page {
        context: context! {
            page => page_info(lang, &path, words["site"], input.served_at.is_some()),
            entities => entities,
            articles => articles,
            questions => questions,
        },
        path,
        template: "index.html",
    }
}

fn question_text(a: &Answer, lang: Lang) -> &str {
    match lang {
        Lang::Ar => &a.query.question_ar,
        Lang::En => &a.query.question_en,
    }
}

fn article_title(a: &super::Article) -> String {
    a.name()
}

/// Whether `id` plays a part in the statement: an end, or a participant, host, place,
/// intermediary, beneficiary or whom it is attributed to.
pub fn touches(e: &Edge, id: &str) -> bool {
    e.source == id
        || e.target == id
        || e.participants().iter().any(|p| p == id)
        || e.asserted_by().iter().any(|p| p == id)
        || [e.host(), e.place(), e.intermediary(), e.beneficiary()].contains(&Some(id))
}

#[derive(Serialize)]
struct RelationGroup {
    label: String,
    statements: Vec<StatementView>,
}

fn entity(input: &SiteInput, id: &str, lang: Lang) -> Page {
    let graph = &input.graph;
    let node = graph.node(id).expect("a node of the graph");
    let mut groups: BTreeMap<(usize, String), Vec<StatementView>> = BTreeMap::new();
    for e in graph.edges.iter().filter(|e| touches(e, id)) {
        groups
            .entry(wording::relation_rank(&e.relation))
            .or_default()
            .push(views::statement(graph, e, input.article(e), lang));
    }
    let groups: Vec<RelationGroup> = groups
        .into_iter()
        .map(|((_, relation), statements)| RelationGroup {
            label: graph.label_of(&relation, lang.tag()).to_owned(),
            statements,
        })
        .collect();
    let name = wording::entity_name(graph, id, lang);
    let path = entity_href(lang, id);
    Page {
        context: context! {
            page => page_info(lang, &path, name, input.served_at.is_some()),
            entity => context! {
                id => id,
                name => Link::text(name),
                other_name => Link::text(wording::entity_name(graph, id, other(lang))),
                aliases => node.aliases().iter().map(Link::text).collect::<Vec<_>>(),
                type_label => graph.label_of(&node.kind, lang.tag()),
                wikidata => node.wikidata(),
                groups => groups,
            },
        },
        path,
        template: "entity.html",
    }
}

fn article(input: &SiteInput, a: &super::Article, lang: Lang) -> Page {
    let graph = &input.graph;
    let name = |id: &String| Link::to(wording::entity_name(graph, id, lang), entity_href(lang, id));
    let mut statements: Vec<&Edge> = graph
        .edges
        .iter()
        .filter(|e| e.article() == Some(&a.id))
        .collect();
    statements.sort_by_cached_key(|e| natural_key(&e.id));
    let title = article_title(a);
    let path = article_href(lang, &a.id);
    Page {
        context: context! {
            page => page_info(lang, &path, &title, input.served_at.is_some()),
            article => context! {
                id => &a.id,
                title => a.title.as_deref().map(Link::text),
                publisher => a.publisher.as_ref().map(name),
                authors => a.authors.iter().map(name).collect::<Vec<_>>(),
                reports_from => a.reports_from.iter().map(name).collect::<Vec<_>>(),
                published => &a.published,
                inferred => a.date_inferred,
                reason => &a.inference_reason,
                source => &a.source,
                pieces => views::text_pieces(graph, a, lang),
                statements => statements.iter().map(|e| views::statement(graph, e, Some(a), lang)).collect::<Vec<_>>(),
            },
        },
        path,
        template: "article.html",
    }
}

fn statement(input: &SiteInput, e: &Edge, lang: Lang) -> Page {
    let view = views::statement(&input.graph, e, input.article(e), lang);
    let title = format!(
        "{} {} {}",
        view.subject.text, view.relation, view.object.text
    );
    let path = views::statement_href(lang, &e.id);
    Page {
        context: context! {
            page => page_info(lang, &path, &title, input.served_at.is_some()),
            statement => view,
            turtle => input.turtle.get(&e.id),
        },
        path,
        template: "statement.html",
    }
}

fn question(input: &SiteInput, name: &str, lang: Lang) -> Page {
    let answers: Vec<&Answer> = input
        .answers
        .iter()
        .filter(|a| a.query.name == name && a.lang == lang)
        .collect();
    let q = answers
        .first()
        .map(|a| a.query)
        .expect("an answer of each question");
    let path = question_href(lang, name);
    let text = question_text(answers[0], lang);
    Page {
        context: context! {
            page => page_info(lang, &path, text, input.served_at.is_some()),
            question => context! {
                name => name,
                text => text,
                sparql => q.sparql,
                answers => answers.iter().map(|a| context! {
                    params => &a.params,
                    columns => &a.columns,
                    rows => &a.rows,
                }).collect::<Vec<_>>(),
            },
        },
        path,
        template: "question.html",
    }
}

fn pictures(input: &SiteInput, lang: Lang) -> Page {
    let pictures: Vec<&Picture> = input.pictures.iter().filter(|p| p.lang == lang).collect();
    let path = format!("{}/pictures.html", lang.tag());
    Page {
        context: context! {
            page => page_info(lang, &path, super::ui::words(lang)["pictures"], input.served_at.is_some()),
            pictures => pictures.iter().map(|p| context! { title => &p.title, svg => &p.svg, slug => p.slug }).collect::<Vec<_>>(),
        },
        path,
        template: "pictures.html",
    }
}

#[derive(Serialize)]
struct Form {
    name: &'static str,
    question: String,
    params: Vec<(String, String)>,
}

/// The page that asks a `newskg serve` at `base`: a form per canned question, with its
/// parameters' defaults, and a box for any SPARQL query.
fn query_page(input: &SiteInput, base: &str, lang: Lang) -> Page {
    let mut forms: Vec<Form> = Vec::new();
    for a in input.answers.iter().filter(|a| a.lang == lang) {
        if forms.iter().any(|f| f.name == a.query.name) {
            continue;
        }
        forms.push(Form {
            name: a.query.name,
            question: question_text(a, lang).to_owned(),
            params: a
                .query
                .params
                .iter()
                .map(|p| (p.name.clone(), p.default.clone().unwrap_or_default()))
                .collect(),
        });
    }
    let path = format!("{}/query.html", lang.tag());
    let words = super::ui::words(lang);
    Page {
        context: context! {
            page => page_info(lang, &path, words["ask"], true),
            base => base,
            forms => forms,
        },
        path,
        template: "query.html",
    }
}
