//! The share link of a household's answers (answers only, in the fragment) and its QR code,
//! drawn here as inline SVG: no image service.

use crate::engine::answers::Answers;
use crate::portal::share_link::encode;
use leptos::prelude::*;

/// The full share link for these answers: this page's address with `?p=results` and the
/// answers in the fragment.
pub fn share_url(answers: &Answers) -> String {
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    format!("{base}?p=results#{}", encode(answers))
}

/// The share link's QR code as inline SVG.
pub fn qr_svg(url: &str) -> Option<String> {
    crate::portal::qr::encode(url.as_bytes(), crate::portal::qr::Ecc::Medium)
        .ok()
        .map(|code| code.svg(4))
}
