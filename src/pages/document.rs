//! (being written)

use leptos::prelude::*;

#[component]
pub fn DocumentPage(id: String) -> impl IntoView {
    let _ = id;
    super::not_found::NotFoundPage()
}
