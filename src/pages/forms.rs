//! (being written)

use leptos::prelude::*;

#[component]
pub fn FormsPage() -> impl IntoView {
    super::not_found::NotFoundPage()
}
