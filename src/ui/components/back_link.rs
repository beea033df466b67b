//! The back link at the top of a question page (GOV.UK question pattern): a real link, so it
//! works like any other.

use crate::ui::language::{Msg, t};
use leptos::prelude::*;

/// The back link at the top of a question page: a real link to the page before.
#[component]
pub fn BackLink(
    /// The address of the page before (a `?p=` link).
    href: String,
) -> impl IntoView {
    view! { <a class="back-link" href=href>{t(Msg::Back)}</a> }
}
