//! The portal in the browser: a page family's program starts here ([`run`]), downloads what
//! its page needs, then draws the page inside the frame ([`frame`]) with the top-level
//! contexts: the language, the downloaded data ([`site`]), the household's answers
//! ([`household`]) and the route ([`navigation`]).

pub mod components;
pub mod device_storage;
pub mod explorer_model;
pub mod families;
pub mod frame;
pub mod household;
pub mod identity_details;
pub mod language;
pub mod navigation;
pub mod pages;
pub mod site;
pub mod static_start;

use crate::engine::text::Lang;
use crate::portal::route::Family;
use device_storage as storage;
use families::{Needs, Program};
use frame::{Footer, Header, NoticeBanner};
use language::{LangContext, Msg, t};
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};

const LANG_KEY: &str = "anju.lang";

/// Starts a family's program: downloads the interface text and the data its first page needs
/// (the page's loader began those downloads beside the program's own), then draws the page in
/// place of the loading shell or the pre-rendered start page (whose typed choices carry over).
/// Should a download fail, the shell says so and offers to try again; the household's saved
/// answers are not touched.
pub fn run(program: Program) {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async move {
        let lang = saved_lang();
        let route = navigation::current_route();
        let needs = (program.needs)(&route);
        let place = needs.place.then(household::saved_place).flatten();
        let first = site::Shown::empty(lang);
        match site::download(program.family, first, lang, needs, place.as_deref()).await {
            Ok(shown) => {
                static_start::take_over_static_page();
                remove_shell();
                leptos::mount::mount_to_body(move || view! { <App program=program shown=shown/> });
            }
            Err(e) => {
                leptos::logging::error!("{e}");
                loading_failed();
            }
        }
    });
}

/// Tells the page's loader that the program cannot start, so that its shell says so and offers
/// to try again.
fn loading_failed() {
    let failed = js_sys::Reflect::get(&window(), &JsValue::from_str("anjuFailed"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(f) = failed {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// Removes the loading shell the page showed until the program had what it needed.
fn remove_shell() {
    if let Some(shell) = document().get_element_by_id("shell") {
        shell.remove();
    }
}

fn saved_lang() -> Lang {
    storage::get(LANG_KEY)
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// The page frame and the page, with every top-level context.
#[component]
fn App(
    /// The family's program: its pages and what each needs.
    program: Program,
    /// What was downloaded for the first page.
    shown: site::Shown,
) -> impl IntoView {
    let ctx = site::provide(program.family, shown);
    site::add_clause_words(ctx);
    let lang = RwSignal::new(shown.lang);
    provide_context(LangContext(lang));
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", l.tag());
        }
        storage::set(LANG_KEY, l.tag());
    });
    identity_details::provide();
    let route = navigation::start(program.family);
    if program.family == Family::Counter {
        storage::mark_counter_tab();
    }
    let answers = household::provide(site::data()).answers;

    // A page whose data is not here yet (a link to another page of the family was followed,
    // the start page's place was chosen) waits for it, with a line saying so. A page is drawn
    // anew when the route or the language changes, or once its data has arrived; other
    // changes of data (counter mode's place) are followed by the views that read them.
    // The household's place, followed on its own: other answers change without a redraw.
    let place = Memo::new(move |_| answers.with(|a| a.place.clone()));
    let key = Memo::new(move |_| {
        let r = route.get();
        let place = place.get();
        let (lang, ready) = ctx.shown.with(|shown| {
            (
                shown.lang,
                satisfied((program.needs)(&r), shown, place.as_deref()),
            )
        });
        (r, lang, ready)
    });
    let pending = RwSignal::new(false);
    let page = move || {
        let (r, _, ready) = key.get();
        if !ready {
            if !pending.get_untracked() {
                pending.set(true);
                let needs = (program.needs)(&r);
                let place = answers.with_untracked(|a| a.place.clone());
                leptos::task::spawn_local(async move {
                    let now = ctx.shown.get_untracked();
                    let loaded =
                        site::download(program.family, now, now.lang, needs, place.as_deref())
                            .await;
                    pending.set(false);
                    match loaded {
                        Ok(shown) => ctx.shown.set(shown),
                        Err(e) => {
                            leptos::logging::error!("{e}");
                            ctx.failed.set(true);
                        }
                    }
                });
            }
            return view! { <components::Loading/> }.into_any();
        }
        untrack(|| (program.page)(r))
    };

    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToMain)}</a>
        <Header/>
        <main id="main" class="page" tabindex="-1">
            <NoticeBanner/>
            {page}
        </main>
        <Footer/>
    }
}

/// Whether what is shown is enough for a page with these needs: the index when it asks for
/// one, and the rules of the household's place (or, without a place, at least the catalogue of
/// facts, which the index carries).
fn satisfied(needs: Needs, shown: &site::Shown, place: Option<&str>) -> bool {
    let index = !needs.index || !shown.index.places.is_empty();
    let data = !needs.place
        || match place {
            Some(p) => shown.has_rules_of(p) || shown.unknown_place,
            None => !shown.data.facts.is_empty(),
        };
    index && data
}
