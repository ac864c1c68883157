//! The templates filled and the files written. minijinja escapes every value for HTML (the
//! templates are `.html`), so a label or a quote cannot become markup; the one value let through
//! as markup is a picture, SVG that `draw` wrote and escaped itself.

use std::path::Path;

use minijinja::{context, Environment};

use super::pages;
use super::SiteInput;
use crate::Error;

/// The file that marks a folder as a site newskg wrote, so that writing a site again may
/// replace it.
pub const MARKER: &str = ".newskg-site";

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("index.html", include_str!("templates/index.html")),
    ("entity.html", include_str!("templates/entity.html")),
    ("article.html", include_str!("templates/article.html")),
    ("statement.html", include_str!("templates/statement.html")),
    ("question.html", include_str!("templates/question.html")),
    ("pictures.html", include_str!("templates/pictures.html")),
    ("landing.html", include_str!("templates/landing.html")),
    ("query.html", include_str!("templates/query.html")),
];

const ASSETS: &[(&str, &str)] = &[
    ("assets/site.css", include_str!("assets/site.css")),
    ("assets/search.js", include_str!("assets/search.js")),
    ("assets/query.js", include_str!("assets/query.js")),
    ("assets/icon.svg", include_str!("assets/icon.svg")),
];

/// The templates, ready to render.
pub fn environment() -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_formatter(html_formatter);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    Ok(env)
}

/// minijinja's HTML escaping, but for `/`, which it writes as `&#x2f;`: the five characters
/// that can end a text or an attribute value are escaped, and links stay readable.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(s) if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            let mut escaped = String::with_capacity(s.len());
            for c in s.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Refuses a folder that has files in it and is not a site newskg wrote.
pub fn check_target(out: &Path) -> Result<(), Error> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::Site(format!(
            "{} is a file, not a folder",
            out.display()
        )));
    }
    let empty = std::fs::read_dir(out)?.next().is_none();
    if empty || out.join(MARKER).exists() {
        Ok(())
    } else {
        Err(Error::Site(format!(
            "{} has files in it and is not a site that newskg wrote: give a new or empty folder",
            out.display()
        )))
    }
}

/// Writes every page and asset under `dir`; returns how many files.
pub fn write_all(input: &SiteInput, dir: &Path) -> Result<usize, Error> {
    let env = environment()?;
    let mut files = 0;
    let mut put = |path: &str, text: &str| -> Result<(), Error> {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(file, text)?;
        files += 1;
        Ok(())
    };
    for page in pages::all(input) {
        let html = env.get_template(page.template)?.render(&page.context)?;
        put(&page.path, &html)?;
    }
    let landing = env.get_template("landing.html")?.render(context! {
        ar => super::ui::words(crate::wording::Lang::Ar)["site"],
        en => super::ui::words(crate::wording::Lang::En)["site"],
    })?;
    put("index.html", &landing)?;
    for (path, text) in ASSETS {
        put(path, text)?;
    }
    put(
        "assets/search-index.js",
        &super::search::index_script(&input.graph),
    )?;
    for p in &input.pictures {
        put(&format!("{}/pictures/{}.svg", p.lang.tag(), p.slug), &p.svg)?;
    }
    put(
        MARKER,
        "A site written by newskg site; newskg site may replace this folder.\n",
    )?;
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        environment().unwrap();
    }

    #[test]
    fn a_label_cannot_become_markup() {
        // Named .html, as the pages are: that is what turns escaping on.
        let mut env = environment().unwrap();
        env.add_template(
            "probe.html",
            r#"{% import "macros.html" as m %}{{ m.link(l, page) }}"#,
        )
        .unwrap();
        let page = context! {
            lang => "en", dir => "ltr", root => "../../", other_lang => "ar",
            other_href => "ar/entity/x.html", title => "<script>alert(1)</script>",
            words => super::super::ui::words(crate::wording::Lang::En),
        };
        let link =
            super::super::views::Link::to("<img src=x onerror=alert(1)>", "en/entity/x.html");
        let html = env
            .get_template("probe.html")
            .unwrap()
            .render(context! { l => link, page => page })
            .unwrap();
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
    }
}
