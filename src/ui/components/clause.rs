//! A citation — document number and clause — whose exact words open with one tap.

use crate::ui::household::data;
use leptos::prelude::*;

/// Cites `clause` (an id within `document`, or `doc#clause`).
#[component]
pub fn ClauseCite(document: String, clause: String) -> impl IntoView {
    match data().clause(&document, &clause) {
        Some((doc, c)) => view! {
            <details class="clause">
                <summary>{format!("{} {}", doc.number, c.label)}</summary>
                <blockquote lang="zh-Hans">{c.text.clone()}</blockquote>
            </details>
        }
        .into_any(),
        // Validation makes this unreachable; show the reference rather than nothing.
        None => view! { <span class="clause">{clause}</span> }.into_any(),
    }
}
