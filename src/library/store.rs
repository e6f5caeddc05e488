//! The library folder: where it is, saving a plan into it, finding a plan
//! by name, and its plan files; and where any plan is read from.

use std::path::{Path, PathBuf};

use super::name::{NameError, PlanName};
use super::summary::embedded;
use crate::files::DEFAULT_MAX_SIZE;
use crate::plan::load::{EMBEDDED_NAME, EMBEDDED_PLAN};
use crate::plan::{LoadError, Plan};

/// The environment variable that names the library folder.
pub const LIBRARY_ENV: &str = "PLAN_EXPLORER_LIBRARY";

/// A library folder (which need not exist until a plan is saved), and the
/// size limit for reading its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    dir: PathBuf,
    max_size: u64,
}

/// Where a plan is read from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Location {
    /// The plan built into the binary.
    #[default]
    Embedded,
    /// A plan file, in the library or anywhere else.
    File(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(
        "no data folder for the library on this system: pass --library DIR or set {LIBRARY_ENV}"
    )]
    NoDataDir,
    #[error(transparent)]
    Name(#[from] NameError),
    #[error("{0} is the embedded plan, which is read-only: save under another --name")]
    ReadOnly(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "no plan file or library plan named {spec} (`plan-explorer plans` lists the library in {dir})"
    )]
    NotFound { spec: String, dir: String },
}

impl Library {
    pub fn at(dir: impl Into<PathBuf>) -> Library {
        Library {
            dir: dir.into(),
            max_size: DEFAULT_MAX_SIZE,
        }
    }

    /// The same library, reading no plan file larger than `max_size` bytes.
    pub fn with_max_size(self, max_size: u64) -> Library {
        Library { max_size, ..self }
    }

    pub fn max_size(&self) -> u64 {
        self.max_size
    }

    /// The library folder: `flag` (from `--library`), else
    /// [`LIBRARY_ENV`], else `plans/` in the platform's data folder for
    /// plan-explorer.
    pub fn locate(flag: Option<&Path>) -> Result<Library, LibraryError> {
        if let Some(dir) = flag {
            return Ok(Library::at(dir));
        }
        if let Some(dir) = std::env::var_os(LIBRARY_ENV).filter(|d| !d.is_empty()) {
            return Ok(Library::at(dir));
        }
        directories::ProjectDirs::from("", "", "plan-explorer")
            .map(|dirs| Library::at(dirs.data_dir().join("plans")))
            .ok_or(LibraryError::NoDataDir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a plan of this name is kept in.
    pub fn path_of(&self, name: &PlanName) -> PathBuf {
        self.dir.join(name.file_name())
    }

    /// Saves `plan` as `name`, atomically: a reader sees the old plan or the
    /// new one, and a failed or killed save leaves the old one whole. Saving
    /// again under a name replaces the plan. Returns the file's path.
    pub fn save(&self, name: &PlanName, plan: &Plan) -> Result<PathBuf, LibraryError> {
        if embedded().is_some_and(|e| &e.name == name) {
            return Err(LibraryError::ReadOnly(name.to_string()));
        }
        let path = self.path_of(name);
        let write_error = |source| LibraryError::Write {
            path: path.display().to_string(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(write_error)?;
        // Compact: a library plan is read by the program, and half the bytes
        // of indented JSON are spaces, which every listing and search reads.
        let json = serde_json::to_vec(plan).map_err(std::io::Error::other);
        let json = json.map_err(write_error)?;
        crate::files::write_atomic(&path, |w| w.write_all(&json)).map_err(write_error)?;
        Ok(path)
    }

    /// Where the plan called `name` is: the embedded plan or a file in the
    /// folder; None when there is none.
    pub fn find(&self, name: &str) -> Option<Location> {
        if embedded().is_some_and(|e| e.name.as_str() == name) {
            return Some(Location::Embedded);
        }
        let name = PlanName::new(name).ok()?;
        let path = self.path_of(&name);
        path.is_file().then_some(Location::File(path))
    }
}

/// Where `--plan SPEC` points: a path (with a separator, or ending in
/// `.json`) is a file; otherwise a library name, else a file of that name
/// in the working folder. `library` is called only for a name.
pub fn resolve(
    spec: &str,
    library: impl FnOnce() -> Result<Library, LibraryError>,
) -> Result<Location, LibraryError> {
    let path = Path::new(spec);
    if spec.contains(['/', '\\']) || spec.ends_with(".json") {
        return Ok(Location::File(path.to_path_buf()));
    }
    if embedded().is_some_and(|e| e.name.as_str() == spec) {
        return Ok(Location::Embedded);
    }
    let library = library()?;
    if let Some(location) = library.find(spec) {
        return Ok(location);
    }
    if path.is_file() {
        return Ok(Location::File(path.to_path_buf()));
    }
    Err(LibraryError::NotFound {
        spec: spec.to_string(),
        dir: library.dir.display().to_string(),
    })
}

impl Location {
    /// The plan's bytes and its name for error messages; a file is read
    /// through the one reader of plan files, refused when larger than
    /// `max_size`.
    pub fn read(&self, max_size: u64) -> Result<(Vec<u8>, String), LoadError> {
        match self {
            Location::Embedded => Ok((EMBEDDED_PLAN.as_bytes().to_vec(), EMBEDDED_NAME.into())),
            Location::File(path) => crate::plan::load::read_file(path, max_size),
        }
    }

    /// Reads and checks the plan: a large file a chunk at a time (see
    /// [`load_file_limited`](crate::plan::load::load_file_limited)).
    pub fn load(&self, max_size: u64) -> Result<Plan, LoadError> {
        match self {
            Location::Embedded => crate::plan::load::load_embedded(),
            Location::File(path) => crate::plan::load::load_file_limited(path, max_size),
        }
    }
}

/// A plan file found in the folder, not yet read.
pub(crate) struct PlanFile {
    pub(crate) name: PlanName,
    pub(crate) file_name: String,
    pub(crate) path: PathBuf,
}

/// Makes the folder of the cache file `path` (`.cache/` in a library
/// folder) if need be, within a library folder that exists: a cache never
/// makes a library folder. True when the folder is there.
pub(crate) fn cache_folder(path: &Path) -> bool {
    let Some(folder) = path.parent() else {
        return false;
    };
    folder.parent().is_some_and(Path::is_dir) && std::fs::create_dir_all(folder).is_ok()
}

/// The folder's plan files (`NAME.json` with a valid name), in no order;
/// hidden entries are passed over, and every other entry gets a warning
/// line naming it. A missing folder holds nothing.
pub(crate) fn plan_files(dir: &Path, warnings: &mut Vec<String>) -> Vec<PlanFile> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            warnings.push(format!("cannot read the library {}: {e}", dir.display()));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let shown = path.display();
        let Some(file_name) = entry.file_name().to_str().map(str::to_string) else {
            warnings.push(format!("{shown}: the file name is not UTF-8 (skipped)"));
            continue;
        };
        if file_name.starts_with('.') {
            continue;
        }
        let Some(stem) = file_name.strip_suffix(".json") else {
            warnings.push(format!(
                "{shown}: not a plan file, which ends in .json (skipped)"
            ));
            continue;
        };
        let name = match PlanName::new(stem) {
            Ok(name) => name,
            Err(e) => {
                warnings.push(format!("{shown}: {e} (skipped)"));
                continue;
            }
        };
        if embedded().is_some_and(|e| e.name == name) {
            warnings.push(format!(
                "{shown}: {name} is the embedded plan's name (skipped)"
            ));
            continue;
        }
        found.push(PlanFile {
            name,
            file_name,
            path,
        });
    }
    found
}
