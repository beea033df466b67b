//! The households the engine bench evaluates (see build.rs), read once.

use anju::engine::{Answers, PolicyData};

include!(concat!(env!("OUT_DIR"), "/households.rs"));

/// Every household, for all three services, with the data it is evaluated against.
pub fn households(data: &PolicyData) -> Result<Vec<(&'static str, Answers)>, String> {
    HOUSEHOLDS
        .iter()
        .map(|(name, json)| {
            let mut answers: Answers =
                serde_json::from_str(json).map_err(|e| format!("{name}: {e}"))?;
            answers.services.clear();
            match answers.problems(data).first() {
                Some(p) => Err(format!("{name}: {}: {}", p.fact, p.problem)),
                None => Ok((*name, answers)),
            }
        })
        .collect()
}
