//! Share: a link that carries the eligibility answers in its fragment (never names, ID numbers
//! or phone numbers), to copy or to scan. Opening such a link restores the answers and shows the
//! results; a link that cannot be read says so and starts afresh.

use crate::portal::route::Route;
use crate::ui::components::{qr_figure, share_url};
use crate::ui::household::answers;
use crate::ui::language::{Msg, lang, text};
use leptos::prelude::*;

/// The share page (`?p=share`): a link carrying the answers in its fragment, to copy or to scan.
#[component]
pub fn SharePage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let copied = RwSignal::new(false);
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::ShareTitle), l);
        let url = share_url(&ctx.answers.get());
        let url_for_copy = url.clone();
        let copy = move |_| {
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&url_for_copy);
            copied.set(true);
        };
        view! {
            <a class="back-link" href=Route::Results.href()>{text(l, Msg::Back)}</a>
            <h1 tabindex="-1">{text(l, Msg::ShareTitle)}</h1>
            <p class="lead">{text(l, Msg::ShareLead)}</p>
            <label for="share-url" class="label">{text(l, Msg::ShareLinkLabel)}</label>
            <textarea id="share-url" class="share-url" readonly rows="4">{url.clone()}</textarea>
            <p class="button-row">
                <button type="button" class="button" on:click=copy>{text(l, Msg::ShareCopy)}</button>
            </p>
            <h2>{text(l, Msg::ShareQrTitle)}</h2>
            <p class="hint">{text(l, Msg::ShareQrHint)}</p>
            {qr_figure(&url, "share-qr", text(l, Msg::ShareQrTitle))}
            {move || copied.get().then(|| view! { <p role="status">{text(l, Msg::ShareCopied)}</p> })}
            <p class="hint">{text(l, Msg::SharePrivacy)}</p>
        }
    }
}
