//! The portal in the browser: the top-level contexts (language, policy data, answers, route),
//! and which page a route shows. The page frame is in [`frame`].

pub mod components;
pub mod device_storage;
pub mod explorer_model;
pub mod frame;
pub mod household;
pub mod identity_details;
pub mod language;
pub mod navigation;
pub mod pages;
pub mod static_start;

use crate::engine::text::Lang;
use device_storage as storage;
use frame::{Footer, Header, NoticeBanner};
use household::{AnswersContext, DataContext};
use language::{LangContext, Msg, t};
use leptos::prelude::*;
use navigation::Route;

const LANG_KEY: &str = "anju.lang";

/// Mounts the portal on the page, in place of the pre-rendered start page (whose typed choices
/// carry over).
pub fn mount() {
    console_error_panic_hook::set_once();
    static_start::take_over_static_page();
    leptos::mount::mount_to_body(App);
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
    let data = match crate::portal::embedded::policy_data() {
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
    let route = navigation::start();
    let (saved, mut notice) = household::load(data);
    let answers = RwSignal::new(saved);
    if let Some(n) = household::open_link_in_fragment(data, answers) {
        notice = Some(n);
    }
    provide_context(identity_details::IdentityContext(RwSignal::new(
        identity_details::load(),
    )));
    provide_context(AnswersContext {
        answers,
        notice: RwSignal::new(notice),
    });
    household::persist(answers);

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
        Route::NotFound(_) => view! { <components::NotFound/> }.into_any(),
    }
}
