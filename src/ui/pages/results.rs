//! Results, service by service: for every rule set that applies on the question date, its
//! document and standing, and each determination with its reasons. When no rule is on file for
//! the date, the nearest rules before and after.

use crate::engine::eval::Status;
use crate::portal::journey::next_question;
use crate::portal::route::Route;
use crate::ui::components::{anchor, date_line, service_results_view};
use crate::ui::household::{answers, forget_all, today};
use crate::ui::language::{Msg, lang, text};
use crate::ui::site::data;
use leptos::prelude::*;

/// The results page (`?p=results`): each chosen service's determinations, reasons and clauses.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let data = data();
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::ResultsTitle), l);
        let a = ctx.answers.get();
        let eval = match data.evaluate(&a, today()) {
            Ok(e) => e,
            Err(_) => {
                return view! {
                    <h1 tabindex="-1">{text(l, Msg::ResultsTitle)}</h1>
                    <p>{text(l, Msg::ResultsNoPlace)}</p>
                    <a class="button" href=Route::Start.href()>{text(l, Msg::GoToStart)}</a>
                }
                .into_any();
            }
        };
        let next = next_question(&eval);
        let date_line = date_line(l, &a, &eval);
        let services = eval
            .services
            .iter()
            .map(|s| service_results_view(s, &eval, l, next.clone(), false))
            .collect_view();
        // At a glance: one line a decision, linking to its section below.
        let glance = eval
            .determinations()
            .map(|d| {
                // A decided outcome speaks for itself; an open one says why it is open.
                let status = match d.status {
                    Status::Decided => None,
                    Status::Unknown => Some(Msg::StatusUnknown),
                    Status::Ambiguous => Some(Msg::StatusAmbiguous),
                };
                let summary = d
                    .shown_rule()
                    .map(|r| r.summary.get(l).to_string())
                    .unwrap_or_default();
                let summary = match status {
                    None => summary,
                    Some(_) => format!("{} {summary}", text(l, Msg::PossiblyPrefix)),
                };
                view! {
                    <li>
                        <a href=format!("#{}", anchor(d))>{d.decision.title.get(l).to_string()}</a>
                        {status.map(|m| view! { <span class="glance-status">{text(l, m)}</span> })}
                        <span class="glance-summary">{summary}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h1 tabindex="-1">{text(l, Msg::ResultsTitle)}</h1>
            <p class="lead">{date_line}</p>
            <p class="disclaimer">{text(l, Msg::ResultsDisclaimer)}</p>
            <nav class="glance" aria-labelledby="glance-title">
                <h2 id="glance-title">{text(l, Msg::ResultsGlance)}</h2>
                <ul>{glance}</ul>
            </nav>
            {services}
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
