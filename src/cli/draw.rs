//! `newskg draw`: the network and timeline pictures, as SVG and PNG files.

use std::path::Path;

use anyhow::{bail, Context, Result};

use newskg::pgraph::PropertyGraph;
use newskg::{draw, queries};

use super::args::{DrawArgs, Picture};
use super::config::Config;

enum DrawFormat {
    Svg,
    Png,
}

/// Draws the picture asked for and writes every `-o` file, or none.
pub fn run(picture: Picture) -> Result<()> {
    let (parties, out, timeline) = match picture {
        Picture::Network { party, party2, out } => {
            (std::iter::once(party).chain(party2).collect(), out, false)
        }
        Picture::Timeline { party, party2, out } => (vec![party, party2], out, true),
    };
    // Every output name is checked before any work, so a typo writes nothing.
    let formats = out
        .output
        .iter()
        .map(|path| picture_format(path))
        .collect::<Result<Vec<_>>>()?;
    let svg = svg(&parties, &out, timeline)?;
    // Render every PNG before writing anything, so a missing font writes no file.
    let mut png = None;
    let mut files = Vec::new();
    for (path, format) in out.output.iter().zip(formats) {
        let bytes = match format {
            DrawFormat::Svg => svg.as_bytes().to_vec(),
            DrawFormat::Png => match &png {
                Some(p) => Vec::clone(p),
                None => png.insert(draw::render_png(&svg)?).clone(),
            },
        };
        files.push((path, bytes));
    }
    for (path, bytes) in files {
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("newskg: wrote {}", path.display());
    }
    Ok(())
}

fn picture_format(path: &Path) -> Result<DrawFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Ok(DrawFormat::Svg),
        Some("png") => Ok(DrawFormat::Png),
        _ => bail!(
            "cannot tell the picture format from the name {}: end it in .svg or .png",
            path.display()
        ),
    }
}

/// The picture as SVG text.
fn svg(parties: &[String], out: &DrawArgs, timeline: bool) -> Result<String> {
    let config = Config::new(&out.data, Some(&out.store))?;
    let store = config.store_for_reading()?;
    let graph = PropertyGraph::from_quads(&store.quads(None)?, &config.ontology);
    let ids = parties
        .iter()
        .map(|given| Ok(queries::resolve_node(&store, &graph, given)?.id.clone()))
        .collect::<Result<Vec<_>>>()?;
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    Ok(if timeline {
        draw::timeline(&graph, ids[0], ids[1], out.lang)?
    } else {
        draw::network(&graph, &ids, out.lang)?
    })
}
