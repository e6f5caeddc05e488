//! plan-explorer: explore a city government's annual work plan.
//!
//! `plan` holds the model, importer and loader; `cli` the one-shot commands.

pub mod cli;
pub mod plan;
