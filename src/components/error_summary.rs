//! Errors in words: a summary at the top of the form that links to each field, and the same
//! sentence beside the field. Focus moves to the summary when it appears.

use crate::app::i18n::{Msg, t};
use leptos::prelude::*;

/// One field's problem: the id of the input to link to, and the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[component]
pub fn ErrorSummary(errors: ReadSignal<Vec<FieldError>>) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.get().is_empty()
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{t(Msg::ErrorSummaryTitle)}</h2>
                    <ul>
                        {list
                            .into_iter()
                            .map(|e| view! { <li><a href=format!("#{}", e.field)>{e.message}</a></li> })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
