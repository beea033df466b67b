//! A page name the portal does not know (a mistyped or old link).

use crate::app::i18n::{Msg, lang, text};
use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = lang();
    move || {
        let l = lang.get();
        super::set_title(text(l, Msg::NotFoundTitle), l);
        view! {
            <h1 tabindex="-1">{text(l, Msg::NotFoundTitle)}</h1>
            <p>{text(l, Msg::NotFoundBody)}</p>
            <p><a href=Route::Start.href()>{text(l, Msg::GoToStart)}</a></p>
        }
    }
}
