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

/// Symbols up to this many modules a side, quiet zone included (version 7: every link the
/// portal writes for a policy case's household), are drawn 15rem wide, 240 px on a phone: at
/// least 4.5 px a module, with the link's text beside them. A larger symbol takes the width of
/// the page (328 px on a 360 px screen: 4 px a module up to 82), with the text below it.
const SMALL_SIDE: usize = 53;

/// The share link's QR code (in a box of class `class`, which the tests find it by) with the
/// link's text beside it, for typing when no camera reads the code; `None` when the link is too
/// long for any QR code. `label` names the image for screen readers.
pub fn qr_figure(url: &str, class: &'static str, label: &'static str) -> Option<AnyView> {
    let svg = qr_svg(url)?;
    let side = crate::portal::qr_svg::version_and_level(url)
        .map_or(usize::MAX, |(v, _)| usize::from(v) * 4 + 17 + 8);
    let size = if side <= SMALL_SIDE {
        "qr"
    } else {
        "qr qr-large"
    };
    Some(
        view! {
            <figure class="qr-figure">
                <div class=format!("{class} {size}") role="img" aria-label=label inner_html=svg></div>
                <figcaption class="qr-link" translate="no">{url.to_string()}</figcaption>
            </figure>
        }
        .into_any(),
    )
}
