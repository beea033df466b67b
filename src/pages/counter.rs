//! (being written)

use leptos::prelude::*;

#[component]
pub fn CounterPage() -> impl IntoView {
    super::not_found::NotFoundPage()
}
