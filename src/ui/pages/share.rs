//! Share: a link that carries the eligibility answers in its fragment (never names, ID numbers
//! or phone numbers), to copy or to scan. Opening such a link restores the answers and shows the
//! results; a link that cannot be read changes nothing saved and says why.
//!
//! Copying works on every host. Where the browser offers the asynchronous clipboard (https, or
//! the device itself) the link is written there and 'copied' is said once the browser confirms
//! it. On a plain http:// site `navigator.clipboard` does not exist, and a browser may also
//! refuse to write; then the link is selected in its box and copied as pages did before that
//! clipboard (`document.execCommand("copy")`), and 'copied' is said if the browser reports
//! success; if not, the link stays selected and a sentence says how to copy it.

use crate::portal::route::Route;
use crate::ui::components::{qr_figure, share_url};
use crate::ui::household::answers;
use crate::ui::language::{Msg, lang, text};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// What the copy button has done so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Copying {
    /// Nothing yet, or a copy is under way.
    Idle,
    /// The browser confirmed that the clipboard holds the link.
    Done,
    /// The browser could not copy; the link is selected for the person to copy.
    ByHand,
}

/// Selects the whole link in `el` and asks the browser to copy the selection; true when the
/// browser reports that it did (`execCommand` says false, or throws, when it will not).
fn copy_selected(el: &web_sys::HtmlTextAreaElement) -> bool {
    let _ = el.focus();
    el.select();
    let _ = el.set_selection_range(0, el.value().encode_utf16().count() as u32);
    // Looked up by name, like the clipboard: a browser may have dropped it.
    let document = document();
    js_sys::Reflect::get(&document, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&document, &JsValue::from_str("copy")).ok())
        .is_some_and(|done| done.is_truthy())
}

/// The page's clipboard, if the browser offers one here. Looked up by name: web-sys's getter
/// assumes it exists, and on a non-secure origin it does not.
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = window().navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<web_sys::Clipboard>().ok()
}

/// The share page (`?p=share`): a link carrying the answers in its fragment, to copy or to scan.
#[component]
pub fn SharePage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let copy_state = RwSignal::new(Copying::Idle);
    let link_box = NodeRef::<leptos::html::Textarea>::new();
    // Without the asynchronous clipboard: the link selected and copied the older way, or left
    // selected for the person's own copy command.
    let copy_by_selection = move || {
        let copied = link_box
            .get_untracked()
            .is_some_and(|el| copy_selected(&el));
        copy_state.set(if copied {
            Copying::Done
        } else {
            Copying::ByHand
        });
    };
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::ShareTitle), l);
        let url = share_url(&ctx.answers.get());
        let url_for_copy = url.clone();
        let copy = move |_| {
            copy_state.set(Copying::Idle);
            match clipboard() {
                Some(clipboard) => {
                    let written =
                        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url_for_copy));
                    leptos::task::spawn_local(async move {
                        match written.await {
                            Ok(_) => copy_state.set(Copying::Done),
                            Err(_) => copy_by_selection(),
                        }
                    });
                }
                None => copy_by_selection(),
            }
        };
        view! {
            <a class="back-link" href=Route::Results.href()>{text(l, Msg::Back)}</a>
            <h1 tabindex="-1">{text(l, Msg::ShareTitle)}</h1>
            <p class="lead">{text(l, Msg::ShareLead)}</p>
            <label for="share-url" class="label">{text(l, Msg::ShareLinkLabel)}</label>
            <textarea id="share-url" class="share-url" readonly rows="4" node_ref=link_box>{url.clone()}</textarea>
            <p class="button-row">
                <button type="button" class="button" on:click=copy>{text(l, Msg::ShareCopy)}</button>
            </p>
            // Always on the page, so that a screen reader announces what the button did.
            <p id="share-copy-status" role="status">{move || match copy_state.get() {
                Copying::Idle => "",
                Copying::Done => text(l, Msg::ShareCopied),
                Copying::ByHand => text(l, Msg::ShareCopyByHand),
            }}</p>
            <h2>{text(l, Msg::ShareQrTitle)}</h2>
            <p class="hint">{text(l, Msg::ShareQrHint)}</p>
            {qr_figure(&url, "share-qr", text(l, Msg::ShareQrTitle))}
            <p class="hint">{text(l, Msg::SharePrivacy)}</p>
        }
    }
}
