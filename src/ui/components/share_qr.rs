//! The share link of a household's answers (answers only, in the fragment) and its QR code as
//! inline SVG, drawn on the device: no image service.

use crate::engine::answers::Answers;
use crate::portal::share_link::encode;
use leptos::prelude::*;

/// The full share link for these answers: this page's address with `?p=results` and the
/// answers in the fragment, written against the facts of the data in use (every bundle holds the
/// whole catalogue of facts).
pub fn share_url(answers: &Answers) -> String {
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    format!(
        "{base}?p=results#{}",
        encode(answers, crate::ui::site::data())
    )
}

/// The share link's QR code as inline SVG ([`crate::portal::qr_svg`]), or `None` when the link
/// is too long for any QR code, so the page shows the link alone.
pub fn qr_svg(url: &str) -> Option<String> {
    crate::portal::qr_svg::encode(url).ok()
}
