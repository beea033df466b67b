//! The portal in the browser.
pub fn mount() {}
