//! Identity details typed for printed forms (names, ID numbers, addresses, phone numbers). They
//! never enter a URL or a share link, and they live only as long as the tab — a counter PC or a
//! family phone is shared — unless the person chooses to keep them on this phone (never on a
//! counter tab), with "forget" beside that choice.

use super::device_storage::{self as storage, Area, is_counter_tab};
use crate::portal::identity::Identity;
use leptos::prelude::*;

/// The key of the identity details, in the tab or on the device.
pub const IDENTITY_KEY: &str = "anju.identity";

/// The identity details, shared by the details page and the forms: empty until a page first
/// asks for them, then read once.
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

/// Whether the details are kept on this device (the person chose to), not just in the tab.
pub fn kept_on_device() -> bool {
    !is_counter_tab() && storage::get_in(Area::Device, IDENTITY_KEY).is_some()
}

/// Reads the saved details; anything unreadable gives an empty record. Details an earlier
/// version kept on a counter tab's device are moved into the tab.
pub fn load() -> Identity {
    let text = if is_counter_tab() {
        // A counter PC keeps nothing of anyone beyond a tab.
        if let Some(old) = storage::get_in(Area::Device, IDENTITY_KEY) {
            storage::remove_in(Area::Device, IDENTITY_KEY);
            storage::set_in(Area::Tab, IDENTITY_KEY, &old);
        }
        storage::get_in(Area::Tab, IDENTITY_KEY)
    } else {
        storage::get_in(Area::Tab, IDENTITY_KEY)
            .or_else(|| storage::get_in(Area::Device, IDENTITY_KEY))
    };
    text.and_then(|t| Identity::from_saved(&t))
        .unwrap_or_default()
}

/// The identity details, read the first time a page asks. Only the forms' pages ask, so a
/// resident's journey never reads them (nor carries the code that does).
pub fn identity() -> RwSignal<Identity> {
    let c = expect_context::<IdentityContext>();
    if !c.read.get_value() {
        c.read.set_value(true);
        c.details.set(load());
    }
    c.details
}

/// Saves the details: in the tab, and on the device too when the person chose to keep them
/// there.
pub fn save(identity: &Identity, keep_on_device: bool) {
    let Ok(json) = serde_json::to_string(identity) else {
        return;
    };
    storage::set_in(Area::Tab, IDENTITY_KEY, &json);
    if keep_on_device && !is_counter_tab() {
        storage::set_in(Area::Device, IDENTITY_KEY, &json);
    } else {
        storage::remove_in(Area::Device, IDENTITY_KEY);
    }
}

/// Forgets the saved details in `area`.
pub fn forget_in(area: Area) {
    storage::remove_in(area, IDENTITY_KEY);
}

/// Empties the details held (their saved copies are removed apart).
pub fn clear_shown() {
    if let Some(c) = use_context::<IdentityContext>() {
        c.details.set(Identity::new());
    }
}
