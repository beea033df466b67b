//! The policy data validated by the build script and embedded in the binary as JSON.

use crate::engine::cases::CaseSummary;
use crate::engine::model::PolicyData;

/// The JSON written by `build.rs` from `policy-data/`.
pub const POLICY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/policy.json"));

/// Reads the embedded data. The build validated it, so an error here means the build script and
/// this binary disagree on the format: reported, never a panic.
pub fn policy_data() -> Result<PolicyData, String> {
    serde_json::from_str(POLICY_JSON).map_err(|e| format!("embedded policy data: {e}"))
}

/// Which policy cases test which rules (written by `build.rs` from `policy-data/*/cases.toml`).
pub const CASES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));

/// The case index for the rules explorer.
pub fn case_index() -> Result<Vec<CaseSummary>, String> {
    serde_json::from_str(CASES_JSON).map_err(|e| format!("embedded case index: {e}"))
}
