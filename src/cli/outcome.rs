//! What a command found, which sets its exit status.

/// What a command found, for the exit status: 0 found, 1 nothing found,
/// with a line for stderr that says why when there is more to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound(Option<String>),
}

impl Outcome {
    pub(super) fn found_if(found: bool) -> Outcome {
        if found {
            Outcome::Found
        } else {
            Outcome::NothingFound(None)
        }
    }
}
