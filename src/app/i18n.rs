//! Interface text in three languages. The words live in `src/app/locales/*.toml`; the build
//! turns them into the `Msg` table below, so views name a message, never a string.

use crate::engine::text::{Lang, Text};
use leptos::prelude::*;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The language in use, shared by every page.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

pub fn lang() -> RwSignal<Lang> {
    expect_context::<LangContext>().0
}

/// The text of a message in a language.
pub fn text(lang: Lang, msg: Msg) -> &'static str {
    let i = msg as usize;
    match lang {
        Lang::Zh => ZH_HANS[i],
        Lang::ZhHant => ZH_HANT[i],
        Lang::En => EN[i],
    }
}

/// A message in the current language, reactive.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = lang();
    move || text(lang.get(), msg)
}

/// A message with `{name}` placeholders filled in.
pub fn fill(lang: Lang, msg: Msg, values: &[(&str, &str)]) -> String {
    let mut s = text(lang, msg).to_string();
    for (name, value) in values {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// A policy-data text in the current language (reactive).
pub fn tx(t: &Text) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = lang();
    let t = t.clone();
    move || t.get(lang.get()).to_string()
}
