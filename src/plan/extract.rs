//! The extract step: the targets and projects of a commitment's sentence,
//! read by their own rules over one shared reading of its chars.

use super::lexicon::Sentence;
use super::model::Target;
use super::{projects, targets};

/// The targets and the named projects of a sentence. The sentence's chars
/// and quotes are read once, and the projects rule skips the quantities the
/// targets rule found rather than finding them again.
pub fn extract(sentence: &str) -> (Vec<Target>, Vec<String>) {
    let sentence = Sentence::new(sentence);
    let targets = targets::targets_in(&sentence);
    let projects = projects::projects_in(&sentence, &targets);
    (targets, projects)
}

/// True when the text states a quantity: a number with a unit.
pub fn states_quantity(text: &str) -> bool {
    !targets::targets_in(&Sentence::new(text)).is_empty()
}
