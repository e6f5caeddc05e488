//! plan-explorer: explore a city government's annual work plan.
//!
//! `plan` holds the model, importer and loader; `cli` the one-shot commands;
//! `tui` the terminal app. Only `tui` touches the terminal.

pub mod cli;
pub mod plan;
pub mod tui;
pub mod width;
