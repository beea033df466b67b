//! The rules explorer's model of the built-in data (`crate::portal::explorer`), built once, on
//! the first explorer page opened.

use crate::engine::cases::CaseSummary;
use crate::portal::explorer::Explorer;
use crate::ui::household::data;
use std::sync::OnceLock;

/// The explorer's model of the built-in data, built on first use.
pub fn model() -> &'static Explorer<'static> {
    static MODEL: OnceLock<Explorer<'static>> = OnceLock::new();
    MODEL.get_or_init(|| {
        // The build wrote the case index; without it the explorer still shows every rule, only
        // not which cases test it.
        let cases: &'static [CaseSummary] = Box::leak(
            crate::portal::embedded::case_index()
                .unwrap_or_default()
                .into_boxed_slice(),
        );
        Explorer::new(data(), cases)
    })
}
