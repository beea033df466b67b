//! One page a file.

pub mod about;
pub mod check;
pub mod counter;
pub mod details;
pub mod document;
pub mod form;
pub mod forms;
pub mod not_found;
pub mod question;
pub mod results;
pub mod rules;
pub mod service;
pub mod share;
pub mod start;

use crate::app::i18n::{Msg, text};
use crate::engine::model::Service;
use crate::engine::text::Lang;

/// A service's name.
pub fn service_name(lang: Lang, s: Service) -> &'static str {
    text(
        lang,
        match s {
            Service::School => Msg::ServiceSchool,
            Service::Insurance => Msg::ServiceInsurance,
            Service::Permit => Msg::ServicePermit,
        },
    )
}

/// Sets the window title: the page's heading, then the site's name.
pub fn set_title(page: &str, lang: Lang) {
    leptos::prelude::document().set_title(&format!("{page} · {}", text(lang, Msg::SiteName)));
}
