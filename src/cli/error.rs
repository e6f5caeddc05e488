//! What can go wrong in a command: each a line for stderr, naming the file,
//! the place or the id at fault.

use std::io;

use crate::library::LibraryError;
use crate::plan::{ImportError, LoadError};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("unknown id {0}: ids look like 3, 3.2 or 3.2.1; `plan-explorer tree` lists them")]
    UnknownId(String),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error("-o names the report itself ({path}); write the plan to another file")]
    OutputIsInput { path: String },
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error("{0}")]
    Usage(&'static str),
    #[error(transparent)]
    Tui(#[from] crate::tui::TuiError),
    #[error(transparent)]
    Io(#[from] io::Error),
}
