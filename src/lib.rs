//! plan-explorer: explore a city government's annual work plan.
//!
//! `plan` holds the model, importer and loader; `search` the index shared by
//! the command line and the app; `cli` the one-shot commands; `tui` the
//! terminal app. Only `tui` touches the terminal. `synth` builds large
//! plans for benchmarks and scale tests; `files` reads with a size limit and
//! writes atomically.

pub mod cli;
pub mod files;
pub mod plan;
pub mod search;
pub mod synth;
pub mod tui;
pub mod width;
