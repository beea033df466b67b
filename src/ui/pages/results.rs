//! Results, the answer first (`crate::portal::results_html`): per service the answer in a
//! sentence, what decides it and when it changes, what to do next, the clause it rests on, and
//! behind disclosures why and every other rule that applies. When no rule is on file for the
//! date, the nearest rules before and after.

use crate::portal::messages::Msg;
use crate::portal::results_html::{Options, date_line, render};
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
        let body = render(
            &eval,
            l,
            &Options {
                id_prefix: "",
                heading: 2,
                glance: true,
            },
        );
        view! {
            <h1 tabindex="-1">{text(l, Msg::ResultsTitle)}</h1>
            <p class="lead results-date">{date_line(l, &a, &eval)}</p>
            <div class="results-body" inner_html=body></div>
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
