//! Interoperability with real tools. The exported graph is checked by pyshacl against
//! `ontology/shapes.ttl`; and every RDF export is read by other parsers (rapper, rdflib,
//! pyoxigraph, Apache Jena's riot), which must find what the store holds: as many triples or
//! quads, in the same graphs, and a statement rich in qualifiers with every one of its terms
//! (IRIs, language tags, datatypes), its evidence and the evidence's quote and offsets.
//!
//! Expected numbers and terms come from the store itself (`newskg query`), never from constants,
//! and everything is compared as graph content (terms in N-Triples form), never as text, so the
//! checks hold whatever the serializers' layout. Outside CI a missing tool skips its check with a
//! note; with CI=true it fails the run.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode};
use serde_json::{json, Value};

use crate::util::{fixture, iris, newskg, repo_path};

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Reports a missing tool: panics in CI, else notes that the check is skipped.
fn missing(what: &str, install: &str) {
    if in_ci() {
        panic!("CI=true but {what} is missing (.ci/run installs it: {install})");
    }
    eprintln!("note: {what} is missing: check skipped ({install})");
}

/// Whether the Python module is importable; panics in CI when it is not.
pub fn python_module(module: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        missing(
            &format!("the Python module {module}"),
            &format!("pip install {module}"),
        );
    }
    ok
}

/// Whether the executable `cmd` is on the PATH (or, given as a path, exists); panics in CI when
/// it is not. `install` says how to get it.
pub fn tool(cmd: &str, install: &str) -> bool {
    let found = if cmd.contains('/') {
        Path::new(cmd).is_file()
    } else {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(cmd).is_file()))
    };
    if !found {
        missing(cmd, install);
    }
    found
}

fn pyshacl(data: &Path) -> Output {
    Command::new("python3")
        .args(["-m", "pyshacl", "-s"])
        .arg(repo_path("ontology/shapes.ttl"))
        .arg(data)
        .output()
        .unwrap()
}

fn export_union(data: &Path, to: &Path) {
    newskg()
        .args(["export", "--memory", "--data"])
        .arg(data)
        .arg("-o")
        .arg(to)
        .assert()
        .success();
}

#[test]
fn the_bundled_graph_conforms_to_the_shapes() {
    if !python_module("pyshacl") {
        return;
    }
    let dir = tempfile::TempDir::new().unwrap();
    for (name, data) in [
        ("bundled.ttl", repo_path("data")),
        ("fixture.ttl", fixture("basic/data")),
    ] {
        let file = dir.path().join(name);
        export_union(&data, &file);
        let out = pyshacl(&file);
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("Conforms: True"),
            "{name} does not conform:\n{report}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_graph_that_breaks_the_shapes_is_reported() {
    if !python_module("pyshacl") {
        return;
    }
    let out = pyshacl(&fixture("shapes/broken.nt"));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{report}");
    assert!(report.contains("Conforms: False"), "{report}");
    for needle in [
        "Node <https://newskg.example/statement/sample/r1> is closed",
        "Less than 1 values on <https://newskg.example/statement/sample/r2>->nkg:evidence",
        "the status says the relation held, but the direct edge between subject and object is missing",
    ] {
        assert!(report.contains(needle), "{needle:?} not in:\n{report}");
    }
}

// ---------------------------------------------------------------------------------------------
// Each export read by other tools.

/// The article whose graph alone is exported with `--graph`.
const ARTICLE: &str = "a000";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tool {
    Rapper,
    Rdflib,
    Pyoxigraph,
    Riot,
}
use Tool::*;

/// What each tool reads: newskg's format name, the exported graph (None: the whole dataset, or
/// for a format without named graphs the union of all graphs), and the tools.
const CHECKS: &[(&str, Option<&str>, &[Tool])] = &[
    ("turtle", None, &[Rapper, Rdflib, Riot]),
    ("trig", None, &[Rdflib, Riot]),
    ("ntriples", None, &[Rapper, Rdflib]),
    ("nquads", None, &[Rapper, Rdflib]),
    ("rdfxml", None, &[Rapper, Rdflib]),
    ("jsonld", None, &[Rdflib, Pyoxigraph]),
    ("turtle", Some(ARTICLE), &[Rapper, Rdflib, Riot]),
    ("trig", Some(ARTICLE), &[Riot]),
    ("nquads", Some(ARTICLE), &[Rapper]),
    ("jsonld", Some(ARTICLE), &[Rdflib, Pyoxigraph]),
];

/// One term in N-Triples form, as oxigraph writes it, so that terms from any source compare.
type Nt = String;
/// Subject, predicate, object and graph (None: the default graph).
type Q = (Nt, Nt, Nt, Option<Nt>);

/// An exported file.
#[derive(Clone, Debug)]
struct Export {
    format: &'static str,
    graph: Option<&'static str>,
    path: PathBuf,
}

impl Export {
    fn has_graphs(&self) -> bool {
        matches!(self.format, "trig" | "nquads" | "jsonld")
    }

    fn name(&self) -> String {
        self.path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }
}

/// The exports that `tool` reads, written into `dir`.
fn exports_for(tool: Tool, dir: &Path) -> Vec<Export> {
    CHECKS
        .iter()
        .filter(|(_, _, tools)| tools.contains(&tool))
        .map(|&(format, graph, _)| {
            let ext = match format {
                "turtle" => "ttl",
                "ntriples" => "nt",
                "nquads" => "nq",
                "rdfxml" => "rdf",
                other => other,
            };
            let path = dir.join(format!("{}.{ext}", graph.unwrap_or("all")));
            let mut cmd = newskg();
            cmd.args(["export", "--memory", "--format", format, "--data"])
                .arg(repo_path("data"))
                .arg("-o")
                .arg(&path);
            if let Some(g) = graph {
                cmd.args(["--graph", g]);
            }
            cmd.assert().success();
            Export {
                format,
                graph,
                path,
            }
        })
        .collect()
}

/// What a tool read from a file: every quad it gives (duplicates included) and, when the tool
/// reports one, its own count.
#[derive(Debug)]
struct Reading {
    quads: Vec<Q>,
    reported: Option<usize>,
}

// ---- What the store holds.

/// The store's content for one export: quads per graph, distinct triples, and the chosen
/// statements, each with its evidence and selectors (quads whose subject is one of them).
#[derive(Debug)]
struct Expected {
    per_graph: BTreeMap<Nt, usize>,
    distinct_triples: usize,
    statements: Vec<(Nt, Vec<Q>)>,
}

/// A term of SPARQL's JSON results (or of `parse_rdf.py`'s output) in N-Triples form.
fn nt(term: &Value) -> Nt {
    let value = term["value"].as_str().expect("a term has a value");
    match term["type"].as_str() {
        Some("uri") => NamedNode::new(value)
            .unwrap_or_else(|e| panic!("invalid IRI <{value}>: {e}"))
            .to_string(),
        Some("bnode") => format!("_:{value}"),
        Some("literal" | "typed-literal") => {
            let lang = term.get("xml:lang").or_else(|| term.get("lang"));
            if let Some(lang) = lang.and_then(Value::as_str) {
                Literal::new_language_tagged_literal(value, lang)
                    .unwrap_or_else(|e| panic!("invalid language tag {lang:?}: {e}"))
                    .to_string()
            } else if let Some(dt) = term.get("datatype").and_then(Value::as_str) {
                Literal::new_typed_literal(value, NamedNode::new(dt).unwrap()).to_string()
            } else {
                Literal::new_simple_literal(value).to_string()
            }
        }
        other => panic!("unknown term type {other:?} in {term}"),
    }
}

/// Runs SPARQL on the bundled data with `newskg query` and returns its rows.
fn select(sparql: &str) -> Vec<BTreeMap<String, Value>> {
    let out = newskg()
        .args(["query", "--memory", "--format", "json", "--data"])
        .arg(repo_path("data"))
        .args(["-e", sparql])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "newskg query failed on {sparql}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    serde_json::from_value(results["results"]["bindings"].clone()).unwrap()
}

fn count(row: &BTreeMap<String, Value>, var: &str) -> usize {
    row[var]["value"].as_str().unwrap().parse().unwrap()
}

const PREFIXES: &str = "PREFIX nkg: <https://newskg.example/ontology#>\n\
                        PREFIX oa: <http://www.w3.org/ns/oa#>\n";

fn compute_expected(graph: Option<&str>) -> Expected {
    // Only the exported graph's quads: ?g is the graph of every pattern below.
    let scope = match graph {
        Some(id) => format!("FILTER(?g = {})", iris().article_graph(id)),
        None => String::new(),
    };
    let per_graph = select(&format!(
        "SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {scope} }} GROUP BY ?g"
    ))
    .iter()
    .map(|r| (nt(&r["g"]), count(r, "n")))
    .collect();
    let distinct_triples = count(
        &select(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o \
             WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {scope} }} }}"
        ))[0],
        "n",
    );
    // The statement with the most properties, and the donation with the most (amount,
    // currency, amount bound, status...), with each what makes it worth checking: evidence with
    // its Arabic quote and offsets, provenance, language-tagged and typed literals.
    const DONATION: &str = "FILTER EXISTS { GRAPH ?g { ?st nkg:amount ?amount ; \
                            nkg:amountBound ?bound ; nkg:currency ?currency ; nkg:status ?status } }";
    let choices: [(&str, &[&str]); 2] = [
        ("", &[]),
        (
            DONATION,
            &[
                "<https://newskg.example/ontology#amount>",
                "<https://newskg.example/ontology#amountBound>",
                "<https://newskg.example/ontology#currency>",
                "<https://newskg.example/ontology#status>",
                "^^<http://www.w3.org/2001/XMLSchema#decimal>",
            ],
        ),
    ];
    let mut statements: Vec<(Nt, Vec<Q>)> = Vec::new();
    for (only, needs) in choices {
        let rows = select(&format!(
            "{PREFIXES}SELECT ?st (COUNT(*) AS ?n) WHERE {{ \
             GRAPH ?g {{ ?st a nkg:Statement ; ?p ?o }} {scope} {only} }} \
             GROUP BY ?st ORDER BY DESC(?n) STR(?st) LIMIT 1"
        ));
        assert_eq!(rows.len(), 1, "no statement in {graph:?} with {only:?}");
        let st = nt(&rows[0]["st"]);
        if statements.iter().any(|(s, _)| *s == st) {
            continue;
        }
        let quads: Vec<Q> = select(&format!(
            "{PREFIXES}SELECT DISTINCT ?s ?p ?o ?g WHERE {{ \
             {{ BIND({st} AS ?s) }} UNION {{ {st} nkg:evidence ?s }} \
             UNION {{ {st} nkg:evidence/oa:hasSelector ?s }} \
             GRAPH ?g {{ ?s ?p ?o }} {scope} }}"
        ))
        .iter()
        .map(|r| (nt(&r["s"]), nt(&r["p"]), nt(&r["o"]), Some(nt(&r["g"]))))
        .collect();
        let always = [
            "<https://newskg.example/ontology#evidence>",
            "<http://www.w3.org/ns/oa#exact>",
            "<http://www.w3.org/ns/oa#start>",
            "<http://www.w3.org/ns/oa#end>",
            "<http://www.w3.org/ns/prov#wasDerivedFrom>",
            "@ar",
            "^^<http://www.w3.org/2001/XMLSchema#",
        ];
        for needle in always.iter().chain(needs) {
            assert!(
                quads
                    .iter()
                    .any(|(_, p, o, _)| p == needle || o.contains(needle)),
                "the chosen statement {st} has no {needle}: {quads:#?}"
            );
        }
        statements.push((st, quads));
    }
    Expected {
        per_graph,
        distinct_triples,
        statements,
    }
}

fn expected(graph: Option<&str>) -> &'static Expected {
    static ALL: OnceLock<Expected> = OnceLock::new();
    static ONE: OnceLock<Expected> = OnceLock::new();
    match graph {
        None => ALL.get_or_init(|| compute_expected(None)),
        Some(g) => {
            assert_eq!(g, ARTICLE);
            ONE.get_or_init(|| compute_expected(Some(ARTICLE)))
        }
    }
}

// ---- The comparison.

fn lines<'a>(quads: impl IntoIterator<Item = &'a Q>) -> String {
    quads
        .into_iter()
        .map(|(s, p, o, g)| match g {
            Some(g) => format!("\n    {s} {p} {o} {g} ."),
            None => format!("\n    {s} {p} {o} ."),
        })
        .collect()
}

/// What differs between what `tool` read from `export` and the store; empty when nothing does.
fn problems(tool: Tool, export: &Export, reading: &Reading, expected: &Expected) -> Vec<String> {
    let who = format!("{tool:?} reading {}", export.name());
    let mut out = Vec::new();
    // Quads per graph; a format without named graphs holds the distinct triples, in the
    // default graph.
    let want: BTreeMap<Option<Nt>, usize> = if export.has_graphs() {
        (expected.per_graph.iter())
            .map(|(g, n)| (Some(g.clone()), *n))
            .collect()
    } else {
        [(None, expected.distinct_triples)].into()
    };
    let total: usize = want.values().sum();
    let mut got: BTreeMap<Option<Nt>, usize> = BTreeMap::new();
    for q in &reading.quads {
        *got.entry(q.3.clone()).or_default() += 1;
    }
    if reading.quads.len() != total {
        out.push(format!(
            "{who}: {} quads or triples, the store has {total}",
            reading.quads.len()
        ));
    }
    if let Some(n) = reading.reported.filter(|&n| n != total) {
        out.push(format!(
            "{who}: the tool counts {n} triples, the store has {total}"
        ));
    }
    if got != want {
        out.push(format!(
            "{who}: quads per graph (None: the default graph) differ:\n  store {want:?}\n  \
             {tool:?} {got:?}"
        ));
    }
    for (st, quads) in &expected.statements {
        let want: BTreeSet<Q> = quads
            .iter()
            .map(|(s, p, o, g)| {
                let g = if export.has_graphs() { g.clone() } else { None };
                (s.clone(), p.clone(), o.clone(), g)
            })
            .collect();
        let subjects: BTreeSet<&Nt> = want.iter().map(|q| &q.0).collect();
        let got: BTreeSet<Q> = (reading.quads.iter())
            .filter(|q| subjects.contains(&q.0))
            .cloned()
            .collect();
        if got != want {
            out.push(format!(
                "{who}: statement {st}, its evidence and selectors differ from the store's:\n  \
                 missing:{}\n  extra:{}",
                lines(want.difference(&got)),
                lines(got.difference(&want))
            ));
        }
    }
    out
}

/// Reads each export with `tool` and asserts that it finds what the store holds.
fn check_tool(tool: Tool) {
    let dir = tempfile::TempDir::new().unwrap();
    let exports = exports_for(tool, dir.path());
    let readings = match tool {
        Rapper => exports.iter().map(rapper).collect(),
        Rdflib => python(tool, &exports),
        Pyoxigraph => python(tool, &exports),
        Riot => riot(&exports, dir.path()),
    };
    assert_eq!(readings.len(), exports.len());
    let mut all = Vec::new();
    for (export, reading) in exports.iter().zip(readings) {
        match reading {
            Ok(reading) => all.extend(problems(tool, export, &reading, expected(export.graph))),
            Err(e) => all.push(format!("{tool:?} cannot read {}: {e}", export.name())),
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n\n"));
}

// ---- The tools.

fn nquads(bytes: &[u8]) -> Result<Vec<Q>, String> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(bytes)
        .map(|q| {
            let q = q.map_err(|e| format!("its N-Quads output does not parse: {e}"))?;
            let g = match &q.graph_name {
                GraphName::DefaultGraph => None,
                g => Some(g.to_string()),
            };
            Ok((
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
                g,
            ))
        })
        .collect()
}

/// `rapper -i FORMAT -o nquads FILE`: its output, and its count from "Parsing returned N
/// triples". Any other message (a warning, an error) fails the reading.
fn rapper(export: &Export) -> Result<Reading, String> {
    let out = Command::new("rapper")
        .args(["-i", export.format, "-o", "nquads"])
        .arg(&export.path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut reported = None;
    let mut messages = Vec::new();
    for line in stderr.lines() {
        if let Some(n) = line
            .strip_prefix("rapper: Parsing returned ")
            .and_then(|rest| rest.split(' ').next())
        {
            reported = n.parse().ok();
        } else if !line.starts_with("rapper: Parsing URI ")
            && !line.starts_with("rapper: Serializing with ")
        {
            messages.push(line);
        }
    }
    if !out.status.success() || !messages.is_empty() || reported.is_none() {
        return Err(format!("{} (and a count expected)\n{stderr}", out.status));
    }
    Ok(Reading {
        quads: nquads(&out.stdout)?,
        reported,
    })
}

/// rdflib or pyoxigraph, through `tests/interop/parse_rdf.py`, all files in one process.
fn python(tool: Tool, exports: &[Export]) -> Vec<Result<Reading, String>> {
    let name = match tool {
        Rdflib => "rdflib",
        Pyoxigraph => "pyoxigraph",
        _ => unreachable!(),
    };
    let jobs: Vec<Value> = exports
        .iter()
        .map(|e| json!({"tool": name, "format": e.format, "file": e.path}))
        .collect();
    let mut child = Command::new("python3")
        .arg(repo_path("tests/interop/parse_rdf.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child.stdin.take().unwrap())
        .write_all(serde_json::to_string(&jobs).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "parse_rdf.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    results
        .iter()
        .map(|r| match r.get("error") {
            Some(e) => Err(e.as_str().unwrap_or_default().to_owned()),
            None => Ok(Reading {
                quads: (r["quads"].as_array().unwrap().iter())
                    .map(|q| {
                        let g = (!q[3].is_null()).then(|| nt(&q[3]));
                        (nt(&q[0]), nt(&q[1]), nt(&q[2]), g)
                    })
                    .collect(),
                reported: None,
            }),
        })
        .collect()
}

fn riot_sh(args: &[&std::ffi::OsStr]) -> Output {
    Command::new("bash")
        .arg(repo_path("tests/interop/riot.sh"))
        .args(args)
        .output()
        .unwrap()
}

/// Jena: `riot --validate` on all files at once (one JVM; file by file only to tell which
/// fails), then `riot --output=nq` on all files at once, each followed by a one-triple marker
/// file so that the output can be cut back into files. Any message on standard error (a warning
/// about a literal or an IRI included) fails the reading.
fn riot(exports: &[Export], dir: &Path) -> Vec<Result<Reading, String>> {
    // The JVM's own notices (about JAVA_TOOL_OPTIONS and the like) are not riot's messages.
    let failed = |out: &Output| {
        !out.status.success()
            || String::from_utf8_lossy(&out.stderr)
                .lines()
                .any(|l| !l.starts_with("Picked up "))
    };
    let report = |out: &Output| format!("{}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    let paths: Vec<&std::ffi::OsStr> = exports.iter().map(|e| e.path.as_os_str()).collect();
    let validate = |paths: &[&std::ffi::OsStr]| {
        let mut args = vec![std::ffi::OsStr::new("--validate")];
        args.extend(paths);
        riot_sh(&args)
    };
    let mut results: Vec<Option<Result<Reading, String>>> = exports.iter().map(|_| None).collect();
    if failed(&validate(&paths)) {
        for (i, path) in paths.iter().enumerate() {
            let out = validate(&[path]);
            if failed(&out) {
                results[i] = Some(Err(format!("riot --validate: {}", report(&out))));
            }
        }
    }
    const MARK: &str = "<urn:newskg:interop:end-of-file>";
    let mut args = vec![std::ffi::OsString::from("--output=nq")];
    let mut order = Vec::new();
    for (i, export) in exports.iter().enumerate() {
        if results[i].is_none() {
            let marker = dir.join(format!("end-{i}.nt"));
            fs::write(&marker, format!("{MARK} {MARK} \"{i}\" .\n")).unwrap();
            args.push(export.path.clone().into());
            args.push(marker.into());
            order.push(i);
        }
    }
    let arg_refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out = riot_sh(&arg_refs);
    let parsed = if failed(&out) {
        Err(format!("riot --output=nq: {}", report(&out)))
    } else {
        nquads(&out.stdout)
    };
    let mut files = order.iter();
    let mut current = Vec::new();
    match parsed {
        Ok(quads) => {
            for q in quads {
                if q.0 == MARK {
                    let i = *files.next().expect("one marker per file");
                    results[i] = Some(Ok(Reading {
                        quads: std::mem::take(&mut current),
                        reported: None,
                    }));
                } else {
                    current.push(q);
                }
            }
        }
        Err(e) => {
            for &i in &order {
                results[i] = Some(Err(e.clone()));
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("riot gave no output for it".into())))
        .collect()
}

#[test]
fn rapper_reads_turtle_ntriples_nquads_and_rdfxml_exports() {
    if tool("rapper", "apt-get install raptor2-utils") {
        check_tool(Rapper);
    }
}

#[test]
fn rdflib_reads_every_export() {
    if python_module("rdflib") {
        check_tool(Rdflib);
    }
}

#[test]
fn pyoxigraph_reads_the_json_ld_exports() {
    if python_module("pyoxigraph") {
        check_tool(Pyoxigraph);
    }
}

#[test]
fn jena_riot_validates_and_reads_the_turtle_and_trig_exports() {
    if tool("java", "apt-get install default-jre-headless")
        && tool(
            "/usr/share/java/jena-cmds.jar",
            "apt-get install libapache-jena-java",
        )
    {
        check_tool(Riot);
    }
}

/// The checks themselves catch a dropped qualifier, a triple in the wrong graph, a changed
/// datatype and a lost language tag.
#[test]
fn the_interop_checks_catch_a_lost_qualifier_graph_datatype_or_language() {
    let expected = expected(None);
    let export = Export {
        format: "nquads",
        graph: None,
        path: PathBuf::from("all.nq"),
    };
    // What the store holds, as a tool would read it: every graph's quads.
    let whole: Vec<Q> = select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        .iter()
        .map(|r| (nt(&r["s"]), nt(&r["p"]), nt(&r["o"]), Some(nt(&r["g"]))))
        .collect();
    let faithful = Reading {
        quads: whole.clone(),
        reported: None,
    };
    assert_eq!(
        problems(Rdflib, &export, &faithful, expected),
        Vec::<String>::new()
    );
    let statement = &expected.statements[0].1;
    let pick = |f: &dyn Fn(&Q) -> bool| statement.iter().find(|q| f(q)).unwrap().clone();
    let qualifier = pick(&|q| q.1.contains("ontology#") && q.2.starts_with('"'));
    let tagged = pick(&|q| q.2.ends_with("@ar"));
    let typed = pick(&|q| q.2.contains("\"^^<"));
    type Breaking<'a> = &'a dyn Fn(Q) -> Option<Q>;
    let breakages: [(&str, Breaking); 4] = [
        ("dropped", &|q| (q != qualifier).then_some(q)),
        ("moved to the default graph", &|mut q| {
            if q == qualifier {
                q.3 = None;
            }
            Some(q)
        }),
        ("language tag lost", &|mut q| {
            if q == tagged {
                q.2 = q.2.trim_end_matches("@ar").to_owned();
            }
            Some(q)
        }),
        ("datatype changed", &|mut q| {
            if q == typed {
                let lexical = q.2.split("^^").next().unwrap().to_owned();
                q.2 = format!("{lexical}^^<http://www.w3.org/2001/XMLSchema#string>");
            }
            Some(q)
        }),
    ];
    for (what, breaking) in breakages {
        let broken = Reading {
            quads: whole.iter().cloned().filter_map(breaking).collect(),
            reported: None,
        };
        assert!(
            !problems(Rdflib, &export, &broken, expected).is_empty(),
            "a {what} term goes unnoticed"
        );
    }
}
