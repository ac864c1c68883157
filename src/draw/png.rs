//! PNG from the SVG with resvg and the system's fonts. The SVG names its font families; for a
//! character a label's font lacks, the fallback is chosen among those families by weight and
//! name, so the PNG does not depend on the order in which the system lists its fonts.

use std::sync::Arc;

use super::ARABIC_FONT_PACKAGE;
use crate::wording::has_arabic;
use crate::Error;

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
pub(super) fn render_png(svg: &str) -> Result<Vec<u8>, Error> {
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
