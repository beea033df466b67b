//! The rules explorer's model (`crate::portal::explorer`) of the data its program downloaded —
//! everything, in every language, with the policy cases' index — built once, on the first
//! explorer page drawn.

use crate::portal::explorer::Explorer;
use crate::ui::site::{cases, data};
use std::sync::OnceLock;

/// The explorer's model, built on first use (the data it rests on is downloaded before any
/// explorer page is drawn, and never changes after).
pub fn model() -> &'static Explorer<'static> {
    static MODEL: OnceLock<Explorer<'static>> = OnceLock::new();
    MODEL.get_or_init(|| Explorer::new(data(), cases()))
}
