//! A citation — document number and clause — whose exact words open with one tap.

use crate::ui::site::data;
use leptos::prelude::*;

/// Cites `clause` (an id within `document`, or `doc#clause`).
#[component]
pub fn ClauseCite(
    /// The document a bare clause id is read in (`lucheng-2013-164`).
    document: String,
    /// The clause id within `document` (`annex6.art2`), or `doc#clause` for another document.
    clause: String,
) -> impl IntoView {
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
