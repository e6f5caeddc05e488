//! Quantitative targets, found by rule in a commitment's sentence.

use super::model::Target;

/// Every quantity the sentence states as something the plan will do.
pub fn extract_targets(_sentence: &str) -> Vec<Target> {
    Vec::new()
}
