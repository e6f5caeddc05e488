//! Errors of the importer and the loader: one line each, naming the file and
//! the place or item at fault.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read report {path}: {source}")]
    Read {
        path: String,
        source: crate::files::ReadError,
    },
    #[error(
        "{path} is a plan file (JSON), not a report's text: open it with `--plan {path}` instead"
    )]
    PlanGiven { path: String },
    #[error(
        "stdin holds a plan file (JSON), not a report's text: save it to a file and open it with `--plan FILE`"
    )]
    PlanOnStdin,
    #[error("{path}:{line}:{column}: the report is not valid UTF-8")]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}:{line}:{column}: the report is not valid {encoding}")]
    NotEncoded {
        path: String,
        line: usize,
        column: usize,
        encoding: &'static str,
    },
    #[error(
        "{path}:{line}:{column}: the report holds a NUL byte: it is binary, or UTF-16 without a byte order mark"
    )]
    Nul {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}: the report is empty")]
    Empty { path: String },
}

impl ImportError {
    /// Replaces the file name the error names with a fuller path.
    pub fn with_path(self, full: &str) -> Self {
        let path = full.to_string();
        match self {
            ImportError::Read { source, .. } => ImportError::Read { path, source },
            ImportError::PlanGiven { .. } => ImportError::PlanGiven { path },
            ImportError::PlanOnStdin => ImportError::PlanOnStdin,
            ImportError::NotUtf8 { line, column, .. } => {
                ImportError::NotUtf8 { path, line, column }
            }
            ImportError::NotEncoded {
                line,
                column,
                encoding,
                ..
            } => ImportError::NotEncoded {
                path,
                line,
                column,
                encoding,
            },
            ImportError::Nul { line, column, .. } => ImportError::Nul { path, line, column },
            ImportError::Empty { .. } => ImportError::Empty { path },
        }
    }
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read plan file {path}: {source}")]
    Read {
        path: String,
        source: crate::files::ReadError,
    },
    #[error(
        "{path} is not a plan file (JSON); if it is a report's text, run `plan-explorer import {path} -o plan.json` and open plan.json"
    )]
    NotJson { path: String },
    #[error("{path}:{line}:{column}: the plan file is not valid UTF-8")]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}:{line}:{column}: JSON syntax error: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: wrong shape at field `{field}`: {message}")]
    Shape {
        path: String,
        field: String,
        message: String,
    },
    #[error("{path}: duplicate id {id}")]
    DuplicateId { path: String, id: String },
    #[error("{path}: item {id}: {problem}")]
    Inconsistent {
        path: String,
        id: String,
        problem: String,
    },
}
