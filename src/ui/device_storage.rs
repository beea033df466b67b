//! This device's localStorage, as the portal uses it: text under a key. Storage can be missing
//! or refuse a write (private browsing, a full or disabled store); then the portal simply
//! remembers nothing, and never fails.

use leptos::prelude::window;

fn store() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The text saved under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    store().and_then(|s| s.get_item(key).ok().flatten())
}

/// Saves `value` under `key`, if the device lets us.
pub fn set(key: &str, value: &str) {
    if let Some(s) = store() {
        let _ = s.set_item(key, value);
    }
}

/// Forgets `key`.
pub fn remove(key: &str) {
    if let Some(s) = store() {
        let _ = s.remove_item(key);
    }
}
