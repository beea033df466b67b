//! Results, the answer first (`crate::portal::results_html`): per service the answer in a
//! sentence, what decides it and when it changes, what to do next, the clause it rests on, and
//! behind disclosures why and every other rule that applies. When no rule is on file for the
//! date, the nearest rules before and after.

use crate::portal::ics;
use crate::portal::messages::Msg;
use crate::portal::results_html::{Options, date_line, deadlines_html, render};
use crate::portal::route::Route;
use crate::ui::household::{answers, forget_all, today};
use crate::ui::language::{lang, text};
use crate::ui::site::site;
use leptos::prelude::*;

/// The results page (`?p=results`): every chosen service, the answer first.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let shown = site().shown;
    move || {
        let l = lang.get();
        // Followed, so that the clauses' words show once they have arrived.
        let data = shown.get().data;
        crate::ui::frame::set_title(text(l, Msg::ResultsTitle), l);
        let a = ctx.answers.get();
        let Ok(eval) = data.evaluate(&a, today()) else {
            return view! {
                <h1 tabindex="-1">{text(l, Msg::ResultsTitle)}</h1>
                <p>{text(l, Msg::ResultsNoPlace)}</p>
                <a class="button" href=Route::Start.href()>{text(l, Msg::GoToStart)}</a>
            }
            .into_any();
        };
        let options = Options {
            id_prefix: "",
            heading: 2,
            glance: true,
        };
        let body = render(&eval, l, &options);
        // My deadlines, after the services' answers; the calendar file is made here, on the
        // device, and downloaded from a Blob: no request, nothing of the person in it.
        let deadlines = deadlines_html(&eval, l, &options);
        let events = ics::deadline_events(&eval, l);
        let calendar = (!events.is_empty()).then(|| ics::calendar(&events, today()));
        let has_deadlines = !deadlines.is_empty();
        view! {
            <h1 tabindex="-1">{text(l, Msg::ResultsTitle)}</h1>
            <p class="lead results-date">{date_line(l, &a, &eval)}</p>
            <div class="results-body" inner_html=body></div>
            {has_deadlines.then(|| view! {
                <div class="deadlines-wrap">
                    <div inner_html=deadlines></div>
                    <div class="button-row deadlines-actions screen-only">
                        {calendar.map(|c| view! {
                            <button type="button" class="button secondary deadlines-download" on:click=move |_| download_ics(&c)>
                                {text(l, Msg::DeadlinesDownload)}
                            </button>
                        })}
                        <button type="button" class="button secondary deadlines-print" on:click=move |_| print_deadlines()>
                            {text(l, Msg::DeadlinesPrint)}
                        </button>
                    </div>
                </div>
            })}
            <p class="disclaimer">{text(l, Msg::ResultsDisclaimer)}</p>
            <div class="button-row results-actions">
                <a class="button" href=Route::Share.href()>{text(l, Msg::ShareButton)}</a>
                <a class="button secondary" href=Route::Forms.href()>{text(l, Msg::FormsFromResults)}</a>
                <a class="button secondary" href=Route::Check.href()>{text(l, Msg::ChangeAnswers)}</a>
                <button type="button" class="button warning" on:click=move |_| forget_all()>{text(l, Msg::ForgetAnswers)}</button>
            </div>
        }
        .into_any()
    }
}

/// Offers the calendar file for download from a Blob URL (same origin; the CSP allows it).
fn download_ics(calendar: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(calendar));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/calendar;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = document();
    if let (Ok(el), Some(body)) = (doc.create_element("a"), doc.body()) {
        let a: web_sys::HtmlAnchorElement = el.unchecked_into();
        a.set_href(&url);
        a.set_download(ics::FILE_NAME);
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
    // Revoked once the download has had time to start.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}

/// Prints the deadlines alone: the print stylesheet shows only them while the page's root
/// has the class `print-deadlines`.
fn print_deadlines() {
    let Some(root) = document().document_element() else {
        return;
    };
    let _ = root.class_list().add_1("print-deadlines");
    let _ = window().print();
    let _ = root.class_list().remove_1("print-deadlines");
}
