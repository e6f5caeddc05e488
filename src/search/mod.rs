//! Search over a plan: one index of areas and tasks (by title), commitments
//! (by text) and named projects (each project of each commitment, pointing
//! at its commitment), shared by the command line and the terminal app.
//! Nothing here touches the terminal.
//!
//! # Matching
//!
//! A query is whitespace-separated terms, all of which must match (AND), in
//! fzf's extended syntax: `term` fuzzy, `'term` exact substring, `^term` at
//! the start, `term$` at the end (anchors skip leading and trailing
//! punctuation such as quotes and full stops), `!term` must not occur
//! (exactly, or by whole pinyin syllables), and terms joined by a lone `|`
//! match when any of them does (`仙鹤纸业 | 泸古高速`). An empty query (or
//! one of bare operators) matches nothing. A term matches by the best of:
//!
//! - its characters; 泸古速 finds 泸古高速. Matched characters must lie at
//!   most [`MAX_GAP`] apart;
//! - full pinyin, syllable by syllable, one character per syllable, on
//!   contiguous characters, any reading of a character with several (长征 is
//!   changzheng); ü is typed v. Each token is read as whole syllables
//!   (`lu gu` is lu and gu, never luo), except a lone token being typed,
//!   whose last syllable may be unfinished (xianh finds 仙鹤);
//! - pinyin initials of contiguous characters (xhzy finds 仙鹤纸业), used for
//!   a latin run that does not split into syllables.
//!
//! Latin letters and digits in the text match themselves, case-insensitively
//! (a term mixing latin text with pinyin, such as 3C产品, is typed as two
//! terms: `3c chanpin`).
//!
//! # Ranking
//!
//! fuzzy-matcher's `SkimMatcherV2` scores every match: its own figures,
//! except that a gap costs [`GAP_PENALTY`] more, for the matched characters
//! in their place in the text (a pinyin match is scored as if its characters
//! had been typed). A character query's score is exactly what SkimMatcherV2
//! gives it on the whole text (a test holds it to that). A character matched
//! through a later reading than its first (行 read heng) costs half a
//! character. A document sums its groups' best scores; equal scores go by
//! the match's place (a point per character before it, at most 30, and a
//! point per 12 characters of text, at most 20; fewer first), then document
//! order: each area, then each of its tasks followed by its commitments,
//! each commitment followed by its projects.
//!
//! # Use
//!
//! [`SearchIndex::new`] builds the character side only (fast);
//! [`from_plan_json`] builds it straight from a plan file, indexing each area
//! on a second thread while the next is parsed (the one-shot `search`);
//! [`SearchIndex::pinyin_builder`] hands the rest to another thread and
//! [`SearchIndex::attach_pinyin`] adds it; a query run before that matches
//! characters only, so run it again once pinyin is attached. [`Searcher`]
//! narrows the previous results as a query grows; [`SearchIndex::hit`]
//! computes match indices for the rows actually shown.

mod align;
mod build;
mod corpus;
mod halves;
mod index;
mod matcher;
mod pinyin;
mod query;
mod rank;
mod scorer;
mod searcher;
mod stored;
mod syllable;
mod syntax;
mod texts;

#[cfg(test)]
mod tests;

pub use build::Sizes;
pub(crate) use halves::PARALLEL_MIN;
pub use index::{SearchHit, SearchIndex, WrongIndex, from_plan_json};
pub use matcher::GAP_PENALTY;
pub use pinyin::{PinyinBuilder, PinyinIndex};
pub use query::{MAX_GAP, Query};
pub use rank::Ranked;
pub use searcher::Searcher;
pub use stored::{PlansBuilder, PlansBuilt, StoredPlan, entry_sizes, read_entry};
