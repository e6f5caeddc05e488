//! plan-explorer: explore a city government's annual work plan.
//!
//! `plan` holds the model, importer and loader; `search` the index shared by
//! the command line and the app; `library` the folder of plans a user keeps;
//! `compare` what changed between two plans; `cli` the one-shot commands; `tui` the terminal app. Only `tui` touches
//! the terminal. `synth` builds large plans for benchmarks and scale tests;
//! `files` reads with a size limit and writes atomically.

pub mod cli;
pub mod compare;
pub mod files;
pub mod library;
pub mod plan;
pub mod search;
pub mod synth;
pub mod tui;
pub mod width;
