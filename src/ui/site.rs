//! What this page has downloaded and shows: the interface language, the index of places and
//! rule sets, and the rules of the household's place, each fetched from the site's own origin
//! when first needed (by the loader in `index.html`, `window.anjuFetch`, which hands back a
//! download it has already started) and decoded once (`crate::engine::bundle`).
//!
//! A page family's program asks for what its pages need before they are drawn; switching the
//! language or the place downloads the new bundles first and only then changes what is shown,
//! so a page never shows words it does not have.

use crate::engine::bundle::{self, BundleError};
use crate::engine::cases::CaseSummary;
use crate::engine::model::PolicyData;
use crate::engine::text::Lang;
use crate::portal::messages::{self, KEYS_DIGEST};
use crate::portal::route::Family;
use crate::ui::families::Needs;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::RefCell;
use std::collections::HashMap;

/// Why something could not be downloaded or read.
#[derive(Clone, Debug)]
pub enum LoadError {
    /// The network failed, or the server has no such file.
    Network(String),
    /// The file arrived but cannot be read (cut short, changed, of another build).
    Bundle(BundleError),
    /// The build has no such file (a place no longer in the data).
    Missing(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Network(why) => write!(f, "download failed: {why}"),
            LoadError::Bundle(e) => e.fmt(f),
            LoadError::Missing(name) => write!(f, "no file {name} in this build"),
        }
    }
}

/// The bytes of a bundle, by its name in the build's manifest (`place/lucheng/en`).
async fn fetch(name: &str) -> Result<Vec<u8>, LoadError> {
    let network =
        |e: JsValue| LoadError::Network(e.as_string().unwrap_or_else(|| format!("{e:?}")));
    let window = window();
    let loader = js_sys::Reflect::get(&window, &JsValue::from_str("anjuFetch"))
        .map_err(network)?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| LoadError::Network("the page has no loader".into()))?;
    let promise = loader
        .call1(&JsValue::NULL, &JsValue::from_str(name))
        .map_err(network)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| LoadError::Network("the loader gave no promise".into()))?;
    let bytes = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(network)?;
    if bytes.is_null() {
        return Err(LoadError::Missing(name.to_string()));
    }
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// Bundles decoded so far, for the page's life: each is read once, then lent out.
#[derive(Default)]
struct Store {
    places: HashMap<(String, Lang), &'static PolicyData>,
    /// A place's rules with the words of their clauses put back.
    worded: HashMap<(String, Lang), &'static PolicyData>,
    index: HashMap<Lang, &'static PolicyData>,
    all: Option<(&'static PolicyData, &'static [CaseSummary])>,
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

/// The build's own data files (`policy-data/`), by path, for the draft check: a draft is
/// checked as these with the changed files in their place.
#[cfg(feature = "draft")]
pub async fn load_data_files() -> Result<crate::engine::source::Files, LoadError> {
    let bytes = fetch("policy-data").await?;
    serde_json::from_slice(&bytes)
        .map_err(|e| LoadError::Bundle(BundleError::Mismatch(format!("policy-data: {e}"))))
}

/// Makes the interface text of `lang` available (once per page).
pub async fn load_text(lang: Lang) -> Result<(), LoadError> {
    if messages::is_installed(lang) {
        return Ok(());
    }
    let bytes = fetch(&format!("text/{}", lang.tag())).await?;
    let (words, _) = bundle::read_interface(&bytes, KEYS_DIGEST).map_err(LoadError::Bundle)?;
    messages::install(lang, words).map_err(|e| LoadError::Bundle(BundleError::Mismatch(e)))
}

/// The rules of `place` in `lang`.
pub async fn load_place(place: &str, lang: Lang) -> Result<&'static PolicyData, LoadError> {
    let key = (place.to_string(), lang);
    if let Some(d) = STORE.with(|s| s.borrow().places.get(&key).copied()) {
        return Ok(d);
    }
    let bytes = fetch(&format!("place/{place}/{}", lang.tag())).await?;
    let (data, _) = bundle::read_place(&bytes, place).map_err(LoadError::Bundle)?;
    let data: &'static PolicyData = Box::leak(Box::new(data));
    STORE.with(|s| s.borrow_mut().places.insert(key, data));
    Ok(data)
}

/// The rules of `place` in `lang` with the words of their clauses (from the place's clause
/// bundle, which holds them for every language).
pub async fn load_worded_place(place: &str, lang: Lang) -> Result<&'static PolicyData, LoadError> {
    let key = (place.to_string(), lang);
    if let Some(d) = STORE.with(|s| s.borrow().worded.get(&key).copied()) {
        return Ok(d);
    }
    let bare = load_place(place, lang).await?;
    let bytes = fetch(&format!("clauses/{place}")).await?;
    let texts = bundle::read_clauses(&bytes, place).map_err(LoadError::Bundle)?;
    let data: &'static PolicyData = Box::leak(Box::new(bundle::with_clause_texts(bare, &texts)));
    STORE.with(|s| s.borrow_mut().worded.insert(key, data));
    Ok(data)
}

/// Every place, and each rule set's and document's headline, in `lang`.
pub async fn load_index(lang: Lang) -> Result<&'static PolicyData, LoadError> {
    if let Some(d) = STORE.with(|s| s.borrow().index.get(&lang).copied()) {
        return Ok(d);
    }
    let bytes = fetch(&format!("index/{}", lang.tag())).await?;
    let (data, _) = bundle::read_index(&bytes).map_err(LoadError::Bundle)?;
    let data: &'static PolicyData = Box::leak(Box::new(data));
    STORE.with(|s| s.borrow_mut().index.insert(lang, data));
    Ok(data)
}

/// Everything, in every language, with the policy cases' index (the rules explorer's).
pub async fn load_all() -> Result<(&'static PolicyData, &'static [CaseSummary]), LoadError> {
    if let Some(all) = STORE.with(|s| s.borrow().all) {
        return Ok(all);
    }
    let bytes = fetch("all").await?;
    let (data, cases) = bundle::read_all(&bytes).map_err(LoadError::Bundle)?;
    let all: (&'static PolicyData, &'static [CaseSummary]) = (
        Box::leak(Box::new(data)),
        Box::leak(cases.into_boxed_slice()),
    );
    STORE.with(|s| s.borrow_mut().all = Some(all));
    Ok(all)
}

/// Data for when nothing has been downloaded (a page that needs none).
fn empty() -> &'static PolicyData {
    thread_local! {
        static EMPTY: &'static PolicyData = Box::leak(Box::default());
    }
    EMPTY.with(|e| *e)
}

/// What the pages show: the language of the interface and of the data, and the data.
#[derive(Clone, Copy)]
pub struct Shown {
    /// The interface's language (its words are installed).
    pub lang: Lang,
    /// The rules in use: the household's place (the explorer: everything); without a place, the
    /// index (its catalogue of facts, no rules).
    pub data: &'static PolicyData,
    /// The place whose rules `data` holds; none when `data` is the index or empty.
    pub rules_of: Option<&'static str>,
    /// Whether `data` holds the words of its clauses (they arrive after the answer).
    pub worded: bool,
    /// The household's place has no rules in this build (a place since removed): nothing more
    /// will come, and the pages say that no place is chosen.
    pub unknown_place: bool,
    /// Every place and each rule set's headline.
    pub index: &'static PolicyData,
    /// The policy cases' index (the explorer only).
    pub cases: &'static [CaseSummary],
}

impl Shown {
    /// Whether the rules of `place` are shown.
    pub fn has_rules_of(&self, place: &str) -> bool {
        self.rules_of == Some(place)
    }

    /// Nothing downloaded yet.
    pub fn empty(lang: Lang) -> Shown {
        Shown {
            lang,
            data: empty(),
            rules_of: None,
            worded: false,
            unknown_place: false,
            index: empty(),
            cases: &[],
        }
    }
}

/// The page's downloaded data, shared by every view.
#[derive(Clone, Copy)]
pub struct SiteContext {
    /// Which family's program this is.
    pub family: Family,
    /// What is shown; a change redraws the page.
    pub shown: RwSignal<Shown>,
    /// A download failed: the page says so and offers to try again.
    pub failed: RwSignal<bool>,
}

/// Provides the context, with what was downloaded for the first page.
pub fn provide(family: Family, shown: Shown) -> SiteContext {
    let ctx = SiteContext {
        family,
        shown: RwSignal::new(shown),
        failed: RwSignal::new(false),
    };
    provide_context(ctx);
    ctx
}

/// The page's data context.
pub fn site() -> SiteContext {
    expect_context::<SiteContext>()
}

/// The rules in use (read without tracking: the page is redrawn when they change).
pub fn data() -> &'static PolicyData {
    site().shown.get_untracked().data
}

/// Every place and each rule set's headline (read without tracking).
pub fn index() -> &'static PolicyData {
    site().shown.get_untracked().index
}

/// The policy cases' index (read without tracking).
pub fn cases() -> &'static [CaseSummary] {
    site().shown.get_untracked().cases
}

/// Downloads what a page of `family` needs in `lang`, starting from what is shown: the
/// interface text; the index when `needs.index` asks for it (or one is shown already, in
/// another language); when `needs.place`, the rules of `place` (in Chinese for the printed
/// forms, whatever the interface language); everything for the explorer. Without a place's
/// rules, the index stands in as `data`, for its catalogue of facts.
pub async fn download(
    family: Family,
    from: Shown,
    lang: Lang,
    needs: Needs,
    place: Option<&str>,
) -> Result<Shown, LoadError> {
    load_text(lang).await?;
    let mut shown = Shown { lang, ..from };
    if family == Family::Explorer {
        let (data, cases) = load_all().await?;
        shown.data = data;
        shown.index = data;
        shown.cases = cases;
        shown.worded = true;
        return Ok(shown);
    }
    // A language switch keeps the place shown.
    let place = place.or(from.rules_of);
    let index_shown = !from.index.places.is_empty();
    if needs.index || index_shown {
        shown.index = load_index(lang).await?;
    }
    let data_lang = if family == Family::Forms {
        Lang::Zh
    } else {
        lang
    };
    match place {
        Some(p) if needs.place || from.rules_of.is_some() => {
            // The printed forms quote clauses: their words first. Elsewhere they follow the
            // answer (see `add_clause_words`).
            let worded = if family == Family::Forms {
                // Without them (offline, never fetched) the forms print all the same, with
                // the clauses' numbers; the words are asked for again later.
                load_worded_place(p, data_lang).await.ok()
            } else {
                None
            };
            shown.worded = worded.is_some();
            let data = match worded {
                Some(d) => Ok(d),
                None => load_place(p, data_lang).await,
            };
            match data {
                Ok(d) => {
                    shown.data = d;
                    shown.rules_of = d.place(p).map(|p| p.id.as_str());
                    shown.unknown_place = false;
                }
                // A place the data no longer has: the index stands in, and the pages say
                // that no place is chosen.
                Err(LoadError::Missing(_)) => {
                    shown.data = empty();
                    shown.rules_of = None;
                    shown.unknown_place = true;
                }
                Err(e) => return Err(e),
            }
        }
        _ => {}
    }
    // Saved answers and share links are read against the catalogue of facts: without a place's
    // rules the index gives it, so that no answer is ever dropped for want of one.
    if shown.data.facts.is_empty() {
        shown.index = load_index(lang).await?;
        shown.data = shown.index;
        shown.rules_of = None;
        shown.worded = false;
    }
    Ok(shown)
}

/// Once a place's rules are shown without the words of their clauses, downloads those and
/// shows them (the views that quote clauses follow `shown`). A failure is silent: the
/// clauses' numbers and labels are shown all the same, and the next page asks again.
pub fn add_clause_words(ctx: SiteContext) {
    Effect::new(move |_| {
        let now = ctx.shown.get();
        let Some(place) = now.rules_of.filter(|_| !now.worded) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(d) = load_worded_place(place, now.lang).await {
                ctx.shown.update(|s| {
                    // Only if nothing else was chosen meanwhile.
                    if s.rules_of == Some(place) && s.lang == now.lang {
                        s.data = d;
                        s.worded = true;
                    }
                });
            }
        });
    });
}

/// Shows `lang` once its words (and the data shown, in that language) have arrived; the page
/// stays as it is until then.
pub fn switch_lang(lang: Lang, lang_signal: RwSignal<Lang>) {
    let ctx = site();
    leptos::task::spawn_local(async move {
        let now = ctx.shown.get_untracked();
        let needs = Needs {
            index: false,
            place: false,
        };
        match download(ctx.family, now, lang, needs, None).await {
            Ok(shown) => {
                ctx.shown.set(shown);
                lang_signal.set(lang);
            }
            Err(e) => {
                leptos::logging::error!("{e}");
                ctx.failed.set(true);
            }
        }
    });
}

/// Starts downloading the rules of `place` in `lang`, and the words of their clauses, without
/// showing them (a place just chosen on the start page: its first question is then at hand,
/// and its rules kept offline). A
/// failure here is silent; the page that needs the rules asks again.
pub fn prefetch_place(place: String, lang: Lang) {
    leptos::task::spawn_local(async move {
        let _ = load_worded_place(&place, lang).await;
    });
}

/// Downloads the rules of `place` and shows them; `then` runs with them once they are shown
/// (the start page goes on to the first question). It runs outside any view, so it is given
/// what it needs rather than reading contexts.
pub fn use_place(place: String, then: impl FnOnce(&'static PolicyData) + 'static) {
    let ctx = site();
    leptos::task::spawn_local(async move {
        let now = ctx.shown.get_untracked();
        let needs = Needs {
            index: false,
            place: true,
        };
        match download(ctx.family, now, now.lang, needs, Some(&place)).await {
            Ok(shown) => {
                ctx.shown.set(shown);
                then(shown.data);
            }
            Err(e) => {
                leptos::logging::error!("{e}");
                ctx.failed.set(true);
            }
        }
    });
}
