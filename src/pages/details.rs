//! (being written)

use leptos::prelude::*;

#[component]
pub fn DetailsPage() -> impl IntoView {
    super::not_found::NotFoundPage()
}
