//! (being written)

use leptos::prelude::*;

#[component]
pub fn FormPage(id: String) -> impl IntoView {
    let _ = id;
    super::not_found::NotFoundPage()
}
