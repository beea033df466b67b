//! The pre-rendered start page (plain HTML written by `src/bin/anju-prerender.rs`, shown before
//! the app arrives): what was typed into it is read when the app takes its place, and handed to
//! the start page once.

use crate::portal::route::StartChoices;
use leptos::prelude::*;

thread_local! {
    /// Choices typed into the pre-rendered start page before the app took over.
    static STATIC_CHOICES: std::cell::RefCell<Option<StartChoices>> = const { std::cell::RefCell::new(None) };
}

/// Reads what was typed into the pre-rendered start page (`#static-start`, see
/// .ci/post-build.mjs) and removes it.
pub fn take_over_static_page() {
    use leptos::wasm_bindgen::JsCast;
    let Some(root) = document().get_element_by_id("static-start") else {
        return;
    };
    let value = |selector: &str| -> Option<String> {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .filter(|v| !v.is_empty())
    };
    let place = value("input[name=place]:checked");
    if place.is_some() {
        let choices = StartChoices {
            place,
            what: value("input[name=what]:checked"),
            other_date: value("input[name=when]:checked").as_deref() == Some("other"),
            year: value("input[name=y]").unwrap_or_default(),
            month: value("input[name=m]").unwrap_or_default(),
            day: value("input[name=d]").unwrap_or_default(),
        };
        STATIC_CHOICES.with(|c| *c.borrow_mut() = Some(choices));
    }
    root.remove();
}

/// Choices typed into the pre-rendered start page before the app took over, read once.
pub fn take_choices() -> Option<StartChoices> {
    STATIC_CHOICES.with(|c| c.borrow_mut().take())
}
