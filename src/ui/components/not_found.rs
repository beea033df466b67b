//! What a page shows for an address the portal does not know (a mistyped or old link, a
//! question or form that no longer exists).

use crate::portal::route::Route;
use crate::ui::language::{Msg, lang, text};
use leptos::prelude::*;

/// What a page shows for an address the portal does not know, with a link to the start page.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = lang();
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::NotFoundTitle), l);
        view! {
            <h1 tabindex="-1">{text(l, Msg::NotFoundTitle)}</h1>
            <p>{text(l, Msg::NotFoundBody)}</p>
            <p><a href=Route::Start.href()>{text(l, Msg::GoToStart)}</a></p>
        }
    }
}
