//! Anju (安居): a self-service portal for new residents, built from rules-as-data.
//!
//! - [`engine`]: the browser-free rules engine, its data model and validation.
//! - [`embedded`]: the validated policy data, built in.
//! - [`route`], [`journey`], [`input`], [`share`]: the portal's pages, question order, typed
//!   input and share links, as plain code tested natively.
//! - `app`, `pages`, `components` (feature `ui`): the Leptos portal that runs in the browser.

pub mod counter;
pub mod embedded;
pub mod engine;
pub mod explorer;
pub mod forms;
#[doc(hidden)]
pub mod fuzz;
pub mod idcard;
pub mod identity;
pub mod input;
pub mod journey;
pub mod messages;
pub mod qr;
pub mod route;
pub mod share;

#[cfg(feature = "ui")]
pub mod app;
#[cfg(feature = "ui")]
mod components;
#[cfg(feature = "ui")]
mod pages;
