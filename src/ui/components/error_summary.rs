//! Errors in words: a summary at the top of the form that links to each field, and the same
//! sentence beside the field. Focus moves to the summary when it appears.

use crate::ui::language::{Msg, t};
use leptos::prelude::*;

/// One field's problem: the id of the input to link to, and the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The id of the input the problem is in, which the summary links to.
    pub field: String,
    /// The problem in a sentence, shown in the summary and beside the field.
    pub message: String,
}

/// Following a summary link puts focus in the field itself, not only its place on the page.
fn focus_field(ev: leptos::ev::MouseEvent, id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        ev.prevent_default();
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// The summary atop a form: each problem links to its field; focus moves here when it appears.
#[component]
pub fn ErrorSummary(
    /// The form's current problems, in the form's order; nothing is shown while there are none.
    errors: ReadSignal<Vec<FieldError>>,
) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    // Once the summary is drawn, focus moves to it, so that a screen reader reads the errors.
    Effect::new(move |_| {
        if !errors.get().is_empty() {
            request_animation_frame(move || {
                if let Some(el) = summary.get_untracked() {
                    let _ = el.focus();
                }
            });
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
                            .map(|e| {
                                let field = e.field.clone();
                                view! { <li><a href=format!("#{}", e.field) on:click=move |ev| focus_field(ev, &field)>{e.message}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
