//! Anju (安居): a self-service portal for new residents, built from rules-as-data.
//!
//! - [`engine`]: the browser-free rules engine, its data model and validation.
//! - [`embedded`]: the validated policy data, built in.
//! - `app` (feature `ui`): the Leptos portal that runs in the browser.

pub mod embedded;
pub mod engine;

#[cfg(feature = "ui")]
pub mod app;
