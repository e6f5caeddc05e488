//! The plan: its model, the importer that builds it from a report, and the
//! loader that reads it back. None of this touches the terminal.

pub(crate) mod chunks;
pub mod error;
mod exact;
pub mod extract;
pub mod import;
pub mod item;
mod lexicon;
pub mod load;
pub mod model;
pub mod outline;
pub mod projects;
mod quantity;
pub mod stats;
pub mod stream;
pub mod targets;
pub mod text;

pub use error::{ImportError, LoadError};
pub use item::{Item, ItemKind, ItemRef};
pub use model::{Area, AreaKind, Commitment, Passage, Plan, Target, Task};
