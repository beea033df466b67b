//! Navigation in the browser: the current [`Route`] as a signal, history entries for links, the
//! back and forward buttons. (Why the query string: see `crate::portal::route`.)

use crate::portal::route::Family;
pub use crate::portal::route::Route;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;

thread_local! {
    /// The current page and the family whose program runs, set once by [`start`]. Kept here
    /// rather than in a context, so that a task finishing after its view (a download that
    /// ends in a navigation) can still navigate.
    static ROUTER: std::cell::Cell<Option<(RwSignal<Route>, Family)>> = const { std::cell::Cell::new(None) };
}

/// The current page, shared by every view.
pub fn route() -> RwSignal<Route> {
    match ROUTER.get() {
        Some((signal, _)) => signal,
        // Only before `start`, which every program calls before drawing a page.
        None => RwSignal::new(current_route()),
    }
}

/// The page the address names.
pub fn current_route() -> Route {
    let search = window().location().search().unwrap_or_default();
    Route::parse(&search)
}

/// Goes to a page inside the portal, adding a history entry; a page of another family is a
/// page load, since its program is another.
pub fn navigate(to: &Route) {
    let href = to.href();
    if ROUTER
        .get()
        .is_some_and(|(_, family)| family != to.family())
    {
        let _ = window().location().assign(&href);
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
    route().set(current_route());
    after_navigation();
}

/// Replaces the current history entry (used after reading a share link, so that a reload does
/// not read it again).
pub fn replace(to: &Route) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &leptos::wasm_bindgen::JsValue::NULL,
            "",
            Some(&to.href()),
        );
    }
    route().set(current_route());
}

/// A new page starts at the top, with focus on its heading so that a screen reader announces it.
fn after_navigation() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
    request_animation_frame(|| {
        if let Some(h1) = document().query_selector("main h1").ok().flatten()
            && let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = h1.focus();
        }
    });
}

/// Starts routing: reads the address, follows the back and forward buttons, and turns clicks on
/// links within the portal into history entries instead of page loads.
pub fn start(family: Family) -> RwSignal<Route> {
    let signal = RwSignal::new(current_route());
    ROUTER.set(Some((signal, family)));

    let on_pop = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        signal.set(current_route());
        after_navigation();
    });
    let _ = window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget(); // lives as long as the page

    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !anchor.target().is_empty() || anchor.has_attribute("download") {
            return;
        }
        let location = window().location();
        let same_page = anchor.origin() == location.origin().unwrap_or_default()
            && anchor.pathname() == location.pathname().unwrap_or_default();
        // Links to a fragment of this page (skip links) keep their browser behaviour.
        if !same_page
            || (anchor.search() == location.search().unwrap_or_default()
                && !anchor.hash().is_empty())
        {
            return;
        }
        // A page of another family loads its own program: the browser follows the link.
        if Route::parse(&anchor.search()).family() != family {
            return;
        }
        ev.prevent_default();
        let href = format!("{}{}", anchor.search(), anchor.hash());
        let href = if href.is_empty() {
            "./".to_string()
        } else {
            href
        };
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        signal.set(current_route());
        after_navigation();
    });
    let _ = document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    signal
}
