//! Share: a link that carries the eligibility answers in its fragment (never names, ID numbers
//! or phone numbers), to copy or to scan. Opening such a link restores the answers and shows the
//! results; a link that cannot be read says so and starts afresh.

use crate::app::i18n::{Msg, lang, text};
use crate::app::router::replace;
use crate::app::state::{Notice, answers, dropped_notice};
use crate::engine::answers::Answers;
use crate::engine::model::PolicyData;
use crate::route::Route;
use crate::share::{LinkError, decode, encode, is_share_fragment};
use leptos::prelude::*;

/// Reads a share link in the address, if any: its answers replace the saved ones and the results
/// show; a bad link leaves a notice and a fresh start. Either way the fragment is removed, so a
/// reload does not read it again.
pub fn open_link_in_fragment(data: &PolicyData, answers: RwSignal<Answers>) -> Option<Notice> {
    let hash = window().location().hash().unwrap_or_default();
    if !is_share_fragment(&hash) {
        return None;
    }
    match decode(&hash, data) {
        Ok((a, problems)) => {
            answers.set(a);
            replace(&Route::Results);
            dropped_notice(&problems).or(Some(Notice::LinkOpened))
        }
        Err(e) => {
            answers.set(Answers::new());
            replace(&Route::Start);
            Some(Notice::BadLink(link_error_key(&e).to_string()))
        }
    }
}

/// A short code for the kind of problem, shown under the notice (for staff who help).
fn link_error_key(e: &LinkError) -> &'static str {
    match e {
        LinkError::TooLong(_) => "too-long",
        LinkError::FutureVersion(_) => "newer-version",
        LinkError::BadVersion => "unknown-version",
        LinkError::Damaged => "incomplete",
        LinkError::Garbled(_) => "unreadable",
    }
}

/// The full share link for these answers: this page's address with `?p=results` and the
/// answers in the fragment.
pub fn share_url(answers: &Answers) -> String {
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    format!("{base}?p=results#{}", encode(answers))
}

#[component]
pub fn SharePage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let copied = RwSignal::new(false);
    move || {
        let l = lang.get();
        super::set_title(text(l, Msg::ShareTitle), l);
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
            {crate::pages::form::qr_svg(&url).map(|svg| view! {
                <div class="share-qr" role="img" aria-label=text(l, Msg::ShareQrTitle) inner_html=svg></div>
            })}
            {move || copied.get().then(|| view! { <p role="status">{text(l, Msg::ShareCopied)}</p> })}
            <p class="hint">{text(l, Msg::SharePrivacy)}</p>
        }
    }
}
