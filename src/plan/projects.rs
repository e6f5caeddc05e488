//! Named projects, found by rule in a commitment's sentence.

/// The proper names of projects, facilities and sites the sentence lists.
pub fn extract_projects(_sentence: &str) -> Vec<String> {
    Vec::new()
}
