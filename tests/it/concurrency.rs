//! Several `newskg` processes on one store on disk. A build is paused at a named point of its
//! work (`NEWSKG_PAUSE_AT`), and while it waits there other processes query, export, draw and
//! build (and `newskg serve` answers); then it is let go, or killed with SIGKILL. Whatever happens, every reader sees one
//! whole generation: the old graph until the switch, the new one after it.

use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::store::{built_then_changed, nquads};
use crate::util::{newskg, Scratch};

/// The points of a full build where a test can stop it, in the order it passes them, and
/// whether the new graph is the current one there.
const FULL: [Point; 7] = [
    ("read", false),
    ("load", false),
    ("streaming", false),
    ("compact", false),
    ("loaded", false),
    ("swap", false),
    ("cleanup", true),
];

/// The points of an update (the graphs of what changed, replaced in a copy of the store).
const UPDATE: [Point; 6] = [
    ("read", false),
    ("streaming", false),
    ("load", false),
    ("loaded", false),
    ("swap", false),
    ("cleanup", true),
];

/// A point of a build, and whether the new graph is current there.
type Point = (&'static str, bool);

/// Each kind of build (its flags), with the points it passes.
fn builds() -> [(&'static [&'static str], &'static [Point]); 2] {
    [(&["--full"], &FULL), (&[], &UPDATE)]
}

/// A `newskg build` child process, waiting at a point of its work.
struct PausedBuild {
    child: Child,
    file: PathBuf,
}

impl PausedBuild {
    /// Starts a build of the scratch data (with `flags`) and returns once it waits at `point`.
    fn at(scratch: &Scratch, flags: &[&str], point: &str) -> Self {
        let file = scratch.dir.path().join(format!("paused-at-{point}"));
        let child = Command::new(env!("CARGO_BIN_EXE_newskg"))
            .args(["build", "--quiet"])
            .args(flags)
            .arg("--data")
            .arg(scratch.data())
            .arg("--store")
            .arg(scratch.store())
            .env("NEWSKG_PAUSE_AT", point)
            .env("NEWSKG_PAUSE_FILE", &file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut build = Self { child, file };
        let start = Instant::now();
        while !build.file.exists() {
            if let Some(status) = build.child.try_wait().unwrap() {
                panic!("the build ended ({status}) before it reached {point}");
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "never reached {point}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        build
    }

    fn pid(&self) -> u32 {
        let written: u32 = fs::read_to_string(&self.file).unwrap().parse().unwrap();
        assert_eq!(written, self.child.id());
        written
    }

    /// Lets the build go on, and waits for its end.
    fn resume(mut self) -> bool {
        fs::remove_file(&self.file).unwrap();
        self.child.wait().unwrap().success()
    }

    /// SIGKILL, where it waits.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for PausedBuild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the readers of the store say: a canned query's answer, the picture, and the export.
fn readings(scratch: &Scratch) -> (String, Vec<u8>, String) {
    let query = newskg()
        .args(["query", "advisory-roles", "--format", "csv", "--store"])
        .arg(scratch.store())
        .output()
        .unwrap();
    assert!(query.status.success(), "{query:?}");
    let picture = scratch.dir.path().join("timeline.svg");
    newskg()
        .args(["draw", "timeline", "elon-musk", "donald-trump", "-o"])
        .arg(&picture)
        .arg("--store")
        .arg(scratch.store())
        .assert()
        .success();
    let answer = String::from_utf8(query.stdout).unwrap();
    (answer, fs::read(picture).unwrap(), nquads(scratch))
}

#[test]
fn a_build_killed_at_any_point_leaves_the_old_graph_or_the_new_one_never_a_mix() {
    for (flags, points) in builds() {
        for &(point, switched) in points {
            killed_at(flags, point, switched);
        }
    }
}

/// A build killed where it waits at `point`: the readers see the old graph or the new one.
fn killed_at(flags: &[&str], point: &str, switched: bool) {
    let (scratch, _) = built_then_changed();
    let old = readings(&scratch);
    PausedBuild::at(&scratch, flags, point).kill();
    let now = readings(&scratch);
    scratch.build().success();
    let new = readings(&scratch);
    assert_ne!(old, new);
    assert_eq!(
        &now,
        if switched { &new } else { &old },
        "{flags:?} {point}"
    );
}

#[test]
fn readers_answer_from_the_old_graph_while_a_build_runs_and_from_the_new_one_after() {
    for (flags, points) in builds() {
        for &(point, switched) in points {
            read_while_paused(flags, point, switched);
        }
    }
}

/// Readers while a build waits at `point`, and after it ends.
fn read_while_paused(flags: &[&str], point: &str, switched: bool) {
    let (scratch, _) = built_then_changed();
    let old = readings(&scratch);
    let build = PausedBuild::at(&scratch, flags, point);
    let during = readings(&scratch);
    assert!(build.resume(), "{point}");
    let new = readings(&scratch);
    assert_ne!(old, new);
    assert_eq!(
        &during,
        if switched { &new } else { &old },
        "{flags:?} {point}"
    );
}

#[test]
fn a_server_answers_from_the_old_graph_while_a_build_runs_and_from_the_new_one_after() {
    if !crate::interop::tool("curl", "apt-get install curl") {
        return;
    }
    let count = "SELECT (COUNT(*) AS ?n) { ?s a <https://newskg.example/ontology#Statement> }";
    for (point, switched) in [("streaming", false), ("swap", false), ("cleanup", true)] {
        let (scratch, _) = built_then_changed();
        let served = crate::serve::Served::on(&scratch.store(), &[]);
        let statements = || {
            let reply = served.query(count, "text/csv");
            assert_eq!(reply.status, 200);
            String::from_utf8(reply.body).unwrap()
        };
        let old = statements();
        let build = PausedBuild::at(&scratch, &[], point);
        let during = statements();
        assert!(build.resume(), "{point}");
        let new = statements();
        assert_ne!(old, new, "the build removed a statement");
        assert_eq!(&during, if switched { &new } else { &old }, "{point}");
    }
}

#[test]
fn a_second_build_while_one_runs_fails_naming_it_and_changes_nothing() {
    let (scratch, before) = built_then_changed();
    let first = PausedBuild::at(&scratch, &[], "streaming");
    scratch
        .build()
        .failure()
        .stderr(predicate::str::contains(format!(
            "is being built by process {}",
            first.pid()
        )));
    assert!(first.resume());
    assert_ne!(nquads(&scratch), before);
    scratch.build().success();
}
