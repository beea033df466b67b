//! What a page shows while the data it needs downloads (a language or a place just chosen), and
//! if the download fails: a sentence and a button to try again. Nothing of the household is
//! lost either way: the answers are saved on the device.

use crate::ui::language::{Msg, t};
use crate::ui::site::site;
use leptos::prelude::*;

/// The loading line, or the failure and a retry.
#[component]
pub fn Loading() -> impl IntoView {
    let failed = site().failed;
    let retry = move |_| {
        // Fresh copies on the next load, past the caches that gave the damaged one.
        if let Ok(Some(s)) = window().session_storage() {
            let _ = s.set_item("anju.reload", "1");
        }
        let _ = window().location().reload();
    };
    move || {
        if failed.get() {
            view! {
                <div class="notice" role="alert">
                    <p>{t(Msg::ShellFailed)}</p>
                    <button type="button" class="button" on:click=retry>{t(Msg::ShellRetry)}</button>
                </div>
            }
            .into_any()
        } else {
            view! { <h1 tabindex="-1" role="status">{t(Msg::ShellLoading)}</h1> }.into_any()
        }
    }
}
