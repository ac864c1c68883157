//! Embeds the canned queries of `queries/*.rq` in the binary, so that `newskg query NAME` works
//! wherever the binary is run.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=queries");
    // Read at run time, not compiled in: one build script binary can serve several checkouts.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("queries");
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .expect("queries/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    entries.sort();
    let mut code = String::from("pub static CANNED: &[(&str, &str)] = &[\n");
    for path in entries {
        let name = path
            .file_stem()
            .unwrap()
            .to_str()
            .expect("UTF-8 query file name");
        // The path is resolved when the crate compiles, not here, so that generated code stays
        // right when one target directory serves several checkouts.
        code.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/queries/{name}.rq\"))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("canned_queries.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
