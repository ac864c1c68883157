//! A store directory as generations, so that a build replaces the graph in one step and a
//! reader keeps the graph it opened.
//!
//! Layout of a store directory `S`: `S/gen-000007/` is one complete Oxigraph store (a
//! generation); `S/GENERATION` names the current one; `S/build.lock` is held by the process
//! that builds; `S/gen-000007.lock` is held shared by every reader of that generation. A build
//! loads a new generation into `S/building-000008/`, renames it `S/gen-000008/` once complete,
//! then switches `GENERATION` to it by renaming a complete new file over the old one: at every
//! moment `GENERATION` names a complete store. Generations that no longer are current are
//! removed once no reader holds them; what a killed build left (`building-*`, a generation that
//! never became current) is removed by the next build.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use oxigraph::model::Quad;
use oxigraph::store::Store;

use super::GraphStore;
use crate::Error;

const POINTER: &str = "GENERATION";
const BUILD_LOCK: &str = "build.lock";
/// The file that records the layout of the store directory and of what its generations hold;
/// a store without it but with a `GENERATION` is of format 1, the first one with generations.
const FORMAT_FILE: &str = "FORMAT";
/// The format this newskg reads and writes.
pub const FORMAT: u32 = 1;

/// The memory the bulk loader may use for its sorted runs.
pub const LOAD_MEMORY_MB: usize = 256;

/// A store directory, made of generations.
#[derive(Debug)]
pub struct StoreDir {
    path: PathBuf,
    /// The note to write beside the generation being built.
    pending_note: std::cell::RefCell<Option<String>>,
    /// The build lock, once this build has taken it: held until this value goes, so that what
    /// a build reads of the store (the last build's note) cannot change before it switches.
    build_lock: std::cell::RefCell<Option<File>>,
}

/// What a new generation starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Empty,
    Current,
}

impl StoreDir {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            pending_note: Default::default(),
            build_lock: Default::default(),
        }
    }

    /// A copy of the current generation in `target`: its immutable table files hard-linked,
    /// the small files that RocksDB rewrites copied.
    fn copy_current(&self, target: &Path) -> Result<(), Error> {
        let source = self.path.join(self.current()?);
        fs::create_dir_all(target).map_err(|e| self.io(e))?;
        for entry in fs::read_dir(&source).map_err(|e| self.io(e))? {
            let path = entry.map_err(|e| self.io(e))?.path();
            let name = path.file_name().unwrap_or_default();
            if name == "LOCK" {
                continue;
            }
            let to = target.join(name);
            let linked =
                path.extension().is_some_and(|e| e == "sst") && fs::hard_link(&path, &to).is_ok();
            if !linked {
                fs::copy(&path, &to).map_err(|e| self.io(e))?;
            }
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a build has completed here.
    pub fn exists(&self) -> bool {
        self.path.join(POINTER).is_file()
    }

    /// An error when the directory holds a store that this newskg cannot read: one of an
    /// earlier newskg without generations, or one whose recorded format is not [`FORMAT`].
    pub fn check(&self) -> Result<(), Error> {
        self.refuse_legacy()?;
        let found = match fs::read_to_string(self.path.join(FORMAT_FILE)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(self.io(e)),
        };
        let found = found.trim().trim_start_matches("newskg store format ");
        if found == FORMAT.to_string() {
            return Ok(());
        }
        Err(Error::StoreFormat {
            path: self.path.clone(),
            found: found.chars().take(40).collect(),
            expected: FORMAT,
        })
    }

    /// Opens the current generation for reading (any number of readers, also while a build
    /// runs), holding a shared lock on it so that no build removes it while it is open.
    pub fn open(&self) -> Result<GraphStore, Error> {
        self.check()?;
        loop {
            let name = self.current()?;
            let lock = self.lock_file(&format!("{name}.lock"))?;
            lock.lock_shared().map_err(|e| self.io(e))?;
            // The generation may have been replaced between reading its name and locking it.
            if self.current()? == name {
                let store = Store::open_read_only(self.path.join(&name))?;
                return Ok(GraphStore {
                    store,
                    _reading: Some(lock),
                });
            }
        }
    }

    /// Replaces the graph by `quads`: a new generation, bulk-loaded and then made current in
    /// one step; the old one is removed once no reader holds it.
    pub fn replace(&self, quads: impl IntoIterator<Item = Quad>) -> Result<(), Error> {
        self.replace_with(|store| store.bulk_load(quads, LOAD_MEMORY_MB, || Ok(())))
    }

    /// Replaces the graph by what `load` loads into a new, empty store: made current in one
    /// step when `load` succeeds; when it fails, nothing changes (and a store directory that
    /// did not exist is not left behind).
    pub fn replace_with<T>(
        &self,
        load: impl FnOnce(&GraphStore) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let existed = self.path.exists();
        let result = self.build_generation(Start::Empty, load);
        if result.is_err() && !existed {
            self.build_lock.take();
            let _ = fs::remove_dir_all(&self.path);
        }
        result
    }

    /// Changes the graph by what `change` does to a copy of the current generation (hard links
    /// to its immutable files, so the copy is quick and the current one is never written): made
    /// current in one step when `change` succeeds.
    pub fn update_with<T>(
        &self,
        change: impl FnOnce(&GraphStore) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.build_generation(Start::Current, change)
    }

    /// Removes what earlier builds left: generations no reader holds any more, half-built ones.
    pub fn tidy(&self) -> Result<(), Error> {
        self.lock_build()?;
        self.remove_leftovers()?;
        self.remove_old(&self.current()?)
    }

    /// What the builder of a generation wrote next to it: `newskg build` keeps the fingerprints
    /// of its input there. `None` before the first build.
    pub fn note(&self) -> Result<Option<String>, Error> {
        if !self.exists() {
            return Ok(None);
        }
        let path = self.path.join(format!("{}.json", self.current()?));
        match fs::read_to_string(path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.io(e)),
        }
    }

    /// Writes the note of the generation being built, with `load`'s result, before it becomes
    /// current.
    pub fn set_note(&self, note: &str) {
        *self.pending_note.borrow_mut() = Some(note.to_owned());
    }

    fn build_generation<T>(
        &self,
        start: Start,
        load: impl FnOnce(&GraphStore) -> Result<T, Error>,
    ) -> Result<T, Error> {
        fs::create_dir_all(&self.path).map_err(|e| self.io(e))?;
        self.lock_build()?;
        self.check()?;
        self.write_format()?;
        self.remove_leftovers()?;
        let number = self.generations()?.last().map_or(1, |(n, _)| n + 1);
        let next = format!("gen-{number:06}");
        let building = self.path.join(format!("building-{number:06}"));
        if start == Start::Current {
            self.copy_current(&building)?;
        }
        let loaded = GraphStore::open(&building).and_then(|store| {
            test_point("load");
            load(&store)
        });
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                let _ = fs::remove_dir_all(&building);
                return Err(e);
            }
        };
        test_point("loaded");
        if let Some(note) = self.pending_note.borrow_mut().take() {
            fs::write(self.path.join(format!("{next}.json")), note).map_err(|e| self.io(e))?;
        }
        fs::rename(&building, self.path.join(&next)).map_err(|e| self.io(e))?;
        test_point("swap");
        self.point_to(&next)?;
        test_point("cleanup");
        self.remove_old(&next)?;
        Ok(loaded)
    }

    /// The name of the current generation: what changes when a build completes.
    pub fn current(&self) -> Result<String, Error> {
        let mut name = String::new();
        File::open(self.path.join(POINTER))
            .and_then(|mut f| f.read_to_string(&mut name))
            .map_err(|e| self.io(e))?;
        Ok(name.trim().to_owned())
    }

    /// Makes `name` current: a complete new pointer file renamed over the old one.
    fn point_to(&self, name: &str) -> Result<(), Error> {
        let tmp = self.path.join(format!("{POINTER}.tmp"));
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            writeln!(f, "{name}")?;
            f.sync_all()?;
            fs::rename(&tmp, self.path.join(POINTER))?;
            File::open(&self.path)?.sync_all()
        };
        write().map_err(|e| self.io(e))
    }

    /// The generations present, by number.
    fn generations(&self) -> Result<Vec<(u64, String)>, Error> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.path).map_err(|e| self.io(e))? {
            let name = entry.map_err(|e| self.io(e))?.file_name();
            let name = name.to_string_lossy();
            if let Some(n) = name.strip_prefix("gen-").and_then(|n| n.parse().ok()) {
                out.push((n, name.into_owned()));
            }
        }
        out.sort();
        Ok(out)
    }

    /// What a killed build left: half-loaded `building-*` directories.
    fn remove_leftovers(&self) -> Result<(), Error> {
        for entry in fs::read_dir(&self.path).map_err(|e| self.io(e))? {
            let path = entry.map_err(|e| self.io(e))?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with("building-") {
                fs::remove_dir_all(&path).map_err(|e| self.io(e))?;
            }
        }
        Ok(())
    }

    /// Removes every generation but `keep` that no reader holds.
    fn remove_old(&self, keep: &str) -> Result<(), Error> {
        for (_, name) in self.generations()? {
            if name == keep {
                continue;
            }
            let lock_path = self.path.join(format!("{name}.lock"));
            let lock = self.lock_file(&format!("{name}.lock"))?;
            match lock.try_lock() {
                Ok(()) => {
                    fs::remove_dir_all(self.path.join(&name)).map_err(|e| self.io(e))?;
                    let _ = fs::remove_file(self.path.join(format!("{name}.json")));
                    fs::remove_file(&lock_path).map_err(|e| self.io(e))?;
                }
                Err(TryLockError::WouldBlock) => {} // a reader has it: the next build removes it
                Err(TryLockError::Error(e)) => return Err(self.io(e)),
            }
        }
        Ok(())
    }

    /// Takes the build lock now if the store exists (a new store is locked when its first
    /// generation is made): a second build fails at once, naming this one, rather than after
    /// reading its input.
    pub fn lock_for_build(&self) -> Result<(), Error> {
        if self.path.exists() {
            self.check()?;
            self.lock_build()?;
        }
        Ok(())
    }

    /// The build lock, with this process's id in it, held until this value goes; an error
    /// naming the builder if another process holds it.
    fn lock_build(&self) -> Result<(), Error> {
        if self.build_lock.borrow().is_some() {
            return Ok(());
        }
        let path = self.path.join(BUILD_LOCK);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| self.io(e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                return Err(Error::StoreBusy {
                    path: self.path.clone(),
                    pid: pid.trim().to_owned(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(self.io(e)),
        }
        file.set_len(0).map_err(|e| self.io(e))?;
        write!(file, "{}", std::process::id()).map_err(|e| self.io(e))?;
        *self.build_lock.borrow_mut() = Some(file);
        Ok(())
    }

    fn lock_file(&self, name: &str) -> Result<File, Error> {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.path.join(name))
            .map_err(|e| self.io(e))
    }

    /// A store directory of an earlier newskg: one Oxigraph store, not generations.
    fn refuse_legacy(&self) -> Result<(), Error> {
        if self.path.join("CURRENT").is_file() && !self.exists() {
            return Err(Error::LegacyStore {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Records the format, once, by a rename: a reader never sees half the file.
    fn write_format(&self) -> Result<(), Error> {
        let path = self.path.join(FORMAT_FILE);
        if path.is_file() {
            return Ok(());
        }
        let partial = self.path.join(format!("{FORMAT_FILE}.partial"));
        fs::write(&partial, format!("newskg store format {FORMAT}\n")).map_err(|e| self.io(e))?;
        fs::rename(&partial, &path).map_err(|e| self.io(e))
    }

    fn io(&self, source: std::io::Error) -> Error {
        Error::Read {
            path: self.path.clone(),
            source,
        }
    }
}

/// For the crash and concurrency tests, at a named point of a build: `NEWSKG_CRASH_AT=<point>`
/// aborts there, as a kill would (no destructor runs, nothing is cleaned up);
/// `NEWSKG_PAUSE_AT=<point>` with `NEWSKG_PAUSE_FILE=<path>` writes this process's id to that
/// file and waits while the file exists, so that a test can run other commands against the store
/// at that very point, or SIGKILL the build there.
#[doc(hidden)]
pub fn test_point(point: &str) {
    if std::env::var_os("NEWSKG_CRASH_AT").is_some_and(|p| p == point) {
        std::process::abort();
    }
    if std::env::var_os("NEWSKG_PAUSE_AT").is_some_and(|p| p == point) {
        if let Some(file) = std::env::var_os("NEWSKG_PAUSE_FILE").map(PathBuf::from) {
            pause(&file);
        }
    }
}

fn pause(file: &Path) {
    // Written whole, then renamed: the test never reads a half-written id.
    let partial = file.with_extension("partial");
    if fs::write(&partial, std::process::id().to_string()).is_err()
        || fs::rename(&partial, file).is_err()
    {
        return;
    }
    while file.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
