//! What the portal keeps in this browser: text under a key, on the device (localStorage, kept
//! until it is forgotten) or in the tab (sessionStorage, gone when the tab closes). Storage can
//! be missing or refuse a write (private browsing, a full or disabled store); then the portal
//! simply remembers nothing, and never fails.
//!
//! A tab that has opened counter mode is a counter tab for its life: there every household's
//! answers and identity details stay in the tab only, so a counter PC keeps nothing of the
//! last person once the tab is closed.

use leptos::prelude::window;

/// Where a piece of text is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// On this device, until forgotten.
    Device,
    /// In this tab, until it closes.
    Tab,
}

fn store(area: Area) -> Option<web_sys::Storage> {
    match area {
        Area::Device => window().local_storage().ok().flatten(),
        Area::Tab => window().session_storage().ok().flatten(),
    }
}

/// The text kept under `key`, if any.
pub fn get_in(area: Area, key: &str) -> Option<String> {
    store(area).and_then(|s| s.get_item(key).ok().flatten())
}

/// Keeps `value` under `key`, if the browser lets us.
pub fn set_in(area: Area, key: &str, value: &str) {
    if let Some(s) = store(area) {
        let _ = s.set_item(key, value);
    }
}

/// Forgets `key`.
pub fn remove_in(area: Area, key: &str) {
    if let Some(s) = store(area) {
        let _ = s.remove_item(key);
    }
}

/// Every key kept in `area` (for forgetting everything of the portal's).
pub fn keys_in(area: Area) -> Vec<String> {
    let Some(s) = store(area) else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// The text kept on this device under `key` (settings such as the language).
pub fn get(key: &str) -> Option<String> {
    get_in(Area::Device, key)
}

/// Keeps a setting on this device.
pub fn set(key: &str, value: &str) {
    set_in(Area::Device, key, value);
}

/// Forgets a setting of this device.
pub fn remove(key: &str) {
    remove_in(Area::Device, key);
}

const COUNTER_TAB_KEY: &str = "anju.tab";

/// Makes this tab a counter tab (counter mode was opened in it).
pub fn mark_counter_tab() {
    set_in(Area::Tab, COUNTER_TAB_KEY, "counter");
}

/// Whether this tab is a counter tab.
pub fn is_counter_tab() -> bool {
    get_in(Area::Tab, COUNTER_TAB_KEY).as_deref() == Some("counter")
}

/// Where a household's answers are kept: in the tab on a counter tab, else on the device.
pub fn answers_area() -> Area {
    if is_counter_tab() {
        Area::Tab
    } else {
        Area::Device
    }
}
