//! Anju (安居): a self-service portal for new residents, built from rules-as-data.
//!
//! Three layers, one folder each:
//! - [`engine`]: rules, dates, answers and evaluation, with the data model and its validation;
//!   plain Rust with no browser imports.
//! - [`portal`]: the portal as plain code — routes, question order, typed input, share links,
//!   forms, counter and explorer models, identity details, interface text — tested natively.
//! - `ui` (feature `ui`): the Leptos portal in the browser — contexts, components, pages.

#![warn(missing_docs)]

pub mod engine;
pub mod portal;

#[cfg(feature = "ui")]
pub mod ui;
