//! Identity details typed for printed forms (names, ID numbers, addresses, phone numbers). They
//! stay in this browser's storage under their own key and never enter a URL or a share link.

use super::device_storage as storage;
use crate::portal::identity::Identity;
use leptos::prelude::*;

/// The localStorage key of the identity details.
pub const IDENTITY_KEY: &str = "anju.identity";

/// The identity details, shared by the details page and the forms.
#[derive(Clone, Copy)]
pub struct IdentityContext(pub RwSignal<Identity>);

/// Reads the saved details; anything unreadable gives an empty record.
pub fn load() -> Identity {
    storage::get(IDENTITY_KEY)
        .and_then(|text| Identity::from_saved(&text))
        .unwrap_or_default()
}

/// The identity details: those of the page's context, else read from the device for this
/// page. Only the forms' pages ask, so a resident's journey never reads them (nor carries the
/// code that does). A page drawn anew (the language switched) finds the context its previous
/// drawing left, whose signal went with that drawing: it reads the details again.
pub fn identity() -> RwSignal<Identity> {
    if let Some(c) = use_context::<IdentityContext>()
        && !c.0.is_disposed()
    {
        return c.0;
    }
    let c = IdentityContext(RwSignal::new(load()));
    provide_context(c);
    c.0
}

/// Empties the details shown, if a page shows them (their saved copy is removed apart).
pub fn clear_shown() {
    if let Some(c) = use_context::<IdentityContext>() {
        c.0.set(Identity::new());
    }
}

/// Saves the details on this device only.
pub fn save(identity: &Identity) {
    if let Ok(json) = serde_json::to_string(identity) {
        storage::set(IDENTITY_KEY, &json);
    }
}
