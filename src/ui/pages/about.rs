//! What the portal is, who made its answers, and what it keeps (nothing leaves the device).

use crate::ui::household::forget_all;
use crate::ui::language::{Msg, lang, text};
use leptos::prelude::*;

/// The about page (`?p=about`): what the portal is, where its answers come from, what it keeps.
#[component]
pub fn AboutPage() -> impl IntoView {
    let lang = lang();
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::AboutTitle), l);
        view! {
            <h1 tabindex="-1">{text(l, Msg::AboutTitle)}</h1>
            <p>{text(l, Msg::AboutWhat)}</p>
            <h2>{text(l, Msg::AboutPrivacyTitle)}</h2>
            <p>{text(l, Msg::AboutPrivacyBody)}</p>
            <p>{text(l, Msg::AboutLinks)}</p>
            <h2>{text(l, Msg::AboutNotDecisionTitle)}</h2>
            <p>{text(l, Msg::AboutNotDecision)}</p>
            <button type="button" class="button warning" on:click=move |_| forget_all()>
                {text(l, Msg::ForgetAnswers)}
            </button>
        }
    }
}
