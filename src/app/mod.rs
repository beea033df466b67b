//! The portal in the browser: the top-level contexts (language, policy data, answers, route),
//! the page frame, and which page a route shows.

pub mod i18n;
pub mod identity;
pub mod router;
pub mod state;
pub mod storage;

use crate::engine::text::Lang;
use crate::pages;
use crate::route::StartChoices;
use i18n::{LangContext, Msg, t};
use leptos::prelude::*;
use router::Route;
use state::{AnswersContext, DataContext, Notice};

const LANG_KEY: &str = "anju.lang";

thread_local! {
    /// Choices typed into the pre-rendered start page before the app took over.
    pub static STATIC_CHOICES: std::cell::RefCell<Option<StartChoices>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the portal on the page, in place of the pre-rendered start page (whose typed choices
/// carry over).
pub fn mount() {
    console_error_panic_hook::set_once();
    take_over_static_page();
    leptos::mount::mount_to_body(App);
}

/// Reads what was typed into the pre-rendered start page (`#static-start`, see
/// .ci/post-build.mjs) and removes it.
fn take_over_static_page() {
    use leptos::wasm_bindgen::JsCast;
    let Some(root) = document().get_element_by_id("static-start") else {
        return;
    };
    let value = |selector: &str| -> Option<String> {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .filter(|v| !v.is_empty())
    };
    let place = value("input[name=place]:checked");
    if place.is_some() {
        let choices = StartChoices {
            place,
            what: value("input[name=what]:checked"),
            other_date: value("input[name=when]:checked").as_deref() == Some("other"),
            year: value("input[name=y]").unwrap_or_default(),
            month: value("input[name=m]").unwrap_or_default(),
            day: value("input[name=d]").unwrap_or_default(),
        };
        STATIC_CHOICES.with(|c| *c.borrow_mut() = Some(choices));
    }
    root.remove();
}

fn saved_lang() -> Lang {
    storage::get(LANG_KEY)
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

#[component]
fn App() -> impl IntoView {
    let lang = RwSignal::new(saved_lang());
    provide_context(LangContext(lang));
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", l.tag());
        }
        storage::set(LANG_KEY, l.tag());
    });

    // The build validated the data; should reading it still fail, say so instead of a blank page.
    let data = match crate::embedded::policy_data() {
        Ok(d) => &*Box::leak(Box::new(d)),
        Err(e) => {
            return view! {
                <main id="main" class="page">
                    <h1>{t(Msg::ErrorDataTitle)}</h1>
                    <p>{t(Msg::ErrorDataBody)}</p>
                    <pre>{e}</pre>
                </main>
            }
            .into_any();
        }
    };
    provide_context(DataContext(data));
    let route = router::start();
    let (saved, mut notice) = state::load(data);
    let answers = RwSignal::new(saved);
    if let Some(n) = pages::share::open_link_in_fragment(data, answers) {
        notice = Some(n);
    }
    provide_context(identity::IdentityContext(RwSignal::new(identity::load())));
    provide_context(AnswersContext {
        answers,
        notice: RwSignal::new(notice),
    });
    state::persist(answers);

    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToMain)}</a>
        <Header/>
        <main id="main" class="page" tabindex="-1">
            <NoticeBanner/>
            {move || page(route.get())}
        </main>
        <Footer/>
    }
    .into_any()
}

/// The page a route shows.
fn page(route: Route) -> AnyView {
    match route {
        Route::Start => view! { <pages::start::StartPage/> }.into_any(),
        Route::Begin(choices) => {
            view! { <pages::start::StartPage prefill=choices submit_now=true/> }.into_any()
        }
        Route::Service(s) => view! { <pages::service::ServicePage service=s/> }.into_any(),
        Route::Question {
            fact,
            back_to_check,
        } => view! { <pages::question::QuestionPage fact=fact back_to_check=back_to_check/> }
            .into_any(),
        Route::Check => pages::check::CheckPage().into_any(),
        Route::Results => pages::results::ResultsPage().into_any(),
        Route::Share => pages::share::SharePage().into_any(),
        Route::About => pages::about::AboutPage().into_any(),
        Route::Forms => pages::forms::FormsPage().into_any(),
        Route::Form(id) => view! { <pages::form::FormPage id=id/> }.into_any(),
        Route::Details => pages::details::DetailsPage().into_any(),
        Route::Counter => pages::counter::CounterPage().into_any(),
        Route::Rules => pages::rules::RulesPage().into_any(),
        Route::Document(id) => view! { <pages::document::DocumentPage id=id/> }.into_any(),
        Route::NotFound(_) => pages::not_found::NotFoundPage().into_any(),
    }
}

const LARGE_KEY: &str = "anju.large";

/// The larger-text, higher-contrast mode (适老化), remembered on this device.
fn large_text() -> RwSignal<bool> {
    let saved = storage::get(LARGE_KEY).is_some_and(|v| v == "1");
    let large = RwSignal::new(saved);
    Effect::new(move |_| {
        let on = large.get();
        if let Some(html) = document().document_element() {
            let _ = if on {
                html.class_list().add_1("large")
            } else {
                html.class_list().remove_1("large")
            };
        }
        storage::set(LARGE_KEY, if on { "1" } else { "0" });
    });
    large
}

#[component]
fn Header() -> impl IntoView {
    let lang = i18n::lang();
    let large = large_text();
    let choice = move |l: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-choice"
                lang=l.tag()
                aria-pressed=move || (lang.get() == l).to_string()
                on:click=move |_| lang.set(l)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href="./">
                <span class="brand-mark" aria-hidden="true">"安"</span> // i18n-exempt: the logo's character
                <span>{t(Msg::SiteName)}</span>
            </a>
            <div class="header-tools">
                <nav class="lang-switch" aria-label=t(Msg::LangSwitchLabel)>
                    // Each language is named in itself, whatever the page's language.
                    {choice(Lang::Zh, "简体")} // i18n-exempt: own-language name
                    {choice(Lang::ZhHant, "繁體")} // i18n-exempt: own-language name
                    {choice(Lang::En, "English")} // i18n-exempt: own-language name
                </nav>
                <button
                    type="button"
                    class="mode-choice"
                    aria-pressed=move || large.get().to_string()
                    on:click=move |_| large.update(|l| *l = !*l)
                >
                    {t(Msg::LargeText)}
                </button>
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <ul class="footer-links">
                <li><a href={Route::Rules.href()}>{t(Msg::FooterSources)}</a></li>
                <li><a href={Route::About.href()}>{t(Msg::FooterAbout)}</a></li>
                <li><a href={Route::Counter.href()}>{t(Msg::FooterCounter)}</a></li>
            </ul>
            <p>{t(Msg::FooterPrivacy)}</p>
        </footer>
    }
}

/// A message about saved or shared answers, shown once at the top of the page.
#[component]
fn NoticeBanner() -> impl IntoView {
    let ctx = state::answers();
    let lang = i18n::lang();
    move || {
        ctx.notice.get().map(|n| {
            let l = lang.get();
            let (msg, extra) = match &n {
                Notice::SavedCorrupt => (Msg::NoticeSavedCorrupt, String::new()),
                Notice::SavedOtherVersion => (Msg::NoticeSavedOldVersion, String::new()),
                Notice::Dropped(facts) => (Msg::NoticeDropped, facts.join(", ")),
                Notice::BadLink(why) => (Msg::NoticeBadLink, why.clone()),
                Notice::LinkOpened => (Msg::NoticeLinkOpened, String::new()),
                Notice::Forgotten => (Msg::NoticeForgotten, String::new()),
            };
            let role = if matches!(n, Notice::LinkOpened | Notice::Forgotten) { "status" } else { "alert" };
            view! {
                <div class="notice" role=role>
                    <p>{i18n::text(l, msg)}</p>
                    {(!extra.is_empty()).then(|| view! { <p class="notice-detail">{extra}</p> })}
                    <button type="button" class="link-button" on:click=move |_| ctx.notice.set(None)>
                        {i18n::text(l, Msg::NoticeDismiss)}
                    </button>
                </div>
            }
        })
    }
}
