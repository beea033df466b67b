//! Interface text in the browser: the language in use as a signal, and reactive helpers over
//! the message table of `crate::portal::messages`.

use crate::engine::text::{Lang, Text};
pub use crate::portal::messages::{Msg, date_text, duration_text, fill, month_text, text};
use leptos::prelude::*;

/// The language in use, shared by every page.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// The language in use, from the context set at start; setting it switches every page.
pub fn lang() -> RwSignal<Lang> {
    expect_context::<LangContext>().0
}

/// A message in the current language, reactive.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = lang();
    move || text(lang.get(), msg)
}

/// A policy-data text in the current language (reactive).
pub fn tx(t: &Text) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = lang();
    let t = t.clone();
    move || t.get(lang.get()).to_string()
}
