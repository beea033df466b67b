//! The portal as plain code, tested natively: its pages and their addresses, the order of
//! questions, typed input, citations in the reader's language, share links and their QR codes, the printed forms, counter mode and
//! the rules explorer as models, identity details and the ID-card check, and the interface text.
//! No browser imports: `crate::ui` only binds these to the page.

pub mod citation;
pub mod counter;
#[cfg(any(not(target_arch = "wasm32"), feature = "draft"))]
pub mod draft;
pub mod embedded;
pub mod explorer;
pub mod forms;
pub mod html;
pub mod ics;
pub mod idcard;
pub mod identity;
pub mod input;
pub mod journey;
pub mod messages;
pub mod qr_svg;
pub mod results;
pub mod results_html;
pub mod route;
pub mod share_link;

/// The household of `tests/fixtures/answers-lucheng-2014.json` (Lucheng, June 2014, a child who
/// cannot yet be placed: 10 months of local insurance), for the portal's tests.
#[cfg(test)]
pub(crate) fn lucheng_2014() -> crate::engine::Answers {
    serde_json::from_str(include_str!(
        "../../tests/fixtures/answers-lucheng-2014.json"
    ))
    .expect("tests/fixtures/answers-lucheng-2014.json")
}
