//! A citation — document number and clause — whose exact words open with one tap. The label is in
//! the reader's language with the published one beside it; the number and the words stay as
//! published (`crate::portal::citation`).

use crate::portal::citation::{Part, cite};
use crate::ui::site::{data, site};
use leptos::prelude::*;

/// Cites `clause` (an id within `document`, or `doc#clause`).
#[component]
pub fn ClauseCite(
    /// The document a bare clause id is read in (`lucheng-2013-164`).
    document: String,
    /// The clause id within `document` (`annex6.art2`), or `doc#clause` for another document.
    clause: String,
) -> impl IntoView {
    // Read without tracking, as `data()` is: the page is redrawn when the language changes.
    let lang = site().shown.get_untracked().lang;
    match cite(data(), &document, &clause, lang) {
        Some(c) => {
            let summary = c
                .segments()
                .into_iter()
                .map(|s| {
                    let class = match s.part {
                        Part::Words => None,
                        Part::Number => Some("clause-number"),
                        Part::Label => Some("clause-label"),
                        Part::OriginalLabel => Some("clause-original"),
                    };
                    let tag = (s.lang(lang) != lang).then(|| s.lang(lang).tag());
                    match class {
                        None => s.text.to_string().into_any(),
                        Some(class) => {
                            view! { <span class=class lang=tag>{s.text.to_string()}</span> }
                                .into_any()
                        }
                    }
                })
                .collect_view();
            view! {
                <details class="clause">
                    <summary>{summary}</summary>
                    <blockquote lang="zh-Hans">{c.text.to_string()}</blockquote>
                </details>
            }
            .into_any()
        }
        // Validation makes this unreachable; show the reference rather than nothing.
        None => view! { <span class="clause">{clause}</span> }.into_any(),
    }
}
