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

/// The identity details.
pub fn identity() -> RwSignal<Identity> {
    expect_context::<IdentityContext>().0
}

/// Saves the details on this device only.
pub fn save(identity: &Identity) {
    if let Ok(json) = serde_json::to_string(identity) {
        storage::set(IDENTITY_KEY, &json);
    }
}
