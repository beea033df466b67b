//! Identity details typed for printed forms (names, ID numbers, addresses, phone numbers). They
//! stay in this browser's storage under their own key and never enter a URL or a share link.

use super::device_storage as storage;
use crate::portal::identity::Identity;
use leptos::prelude::*;

/// The localStorage key of the identity details.
pub const IDENTITY_KEY: &str = "anju.identity";

/// The identity details, shared by the details page and the forms: empty until a page first
/// asks for them, then read from the device once.
#[derive(Clone, Copy)]
pub struct IdentityContext {
    details: RwSignal<Identity>,
    read: StoredValue<bool>,
}

/// Provides the identity details' context (at the top of the app, so that it outlives pages),
/// not yet read.
pub fn provide() {
    provide_context(IdentityContext {
        details: RwSignal::new(Identity::new()),
        read: StoredValue::new(false),
    });
}

/// Reads the saved details; anything unreadable gives an empty record.
pub fn load() -> Identity {
    storage::get(IDENTITY_KEY)
        .and_then(|text| Identity::from_saved(&text))
        .unwrap_or_default()
}

/// The identity details, read from the device the first time a page asks. Only the forms'
/// pages ask, so a resident's journey never reads them (nor carries the code that does).
pub fn identity() -> RwSignal<Identity> {
    let c = expect_context::<IdentityContext>();
    if !c.read.get_value() {
        c.read.set_value(true);
        c.details.set(load());
    }
    c.details
}

/// Empties the details held (their saved copy is removed apart).
pub fn clear_shown() {
    if let Some(c) = use_context::<IdentityContext>() {
        c.details.set(Identity::new());
    }
}

/// Saves the details on this device only.
pub fn save(identity: &Identity) {
    if let Ok(json) = serde_json::to_string(identity) {
        storage::set(IDENTITY_KEY, &json);
    }
}
