//! (being written)

use leptos::prelude::*;

#[component]
pub fn RulesPage() -> impl IntoView {
    super::not_found::NotFoundPage()
}
