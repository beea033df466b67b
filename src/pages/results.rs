//! Results, service by service: for every rule set that applies on the question date, its
//! document and standing, and each determination with its reasons. When no rule is on file for
//! the date, the nearest rules before and after.

use crate::app::i18n::{Msg, fill, lang, text};
use crate::app::state::{answers, data, forget_all, today};
use crate::components::{anchor, determination_view, ruleset_header};
use crate::engine::eval::ServiceResult;
use crate::engine::eval::Status;
use crate::engine::text::Lang;
use crate::journey::next_route;
use crate::pages::service_name;
use crate::route::Route;
use leptos::prelude::*;

fn nearest(l: Lang, s: &ServiceResult) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = s.ended_before {
        let to = r.to.map(|d| d.to_string()).unwrap_or_default();
        out.push(fill(
            l,
            Msg::NearestBefore,
            &[("title", r.title.get(l)), ("date", &to)],
        ));
    }
    if let Some(r) = s.begins_after {
        let from = r.from.map(|d| d.to_string()).unwrap_or_default();
        out.push(fill(
            l,
            Msg::NearestAfter,
            &[("title", r.title.get(l)), ("date", &from)],
        ));
    }
    out
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let data = data();
    move || {
        let l = lang.get();
        super::set_title(text(l, Msg::ResultsTitle), l);
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
        let next = match next_route(data, &a, today()) {
            r @ Route::Question { .. } => Some(r),
            _ => None,
        };
        let date_line = fill(
            l,
            if a.date.is_some() {
                Msg::ResultsForDate
            } else {
                Msg::ResultsForToday
            },
            &[
                ("place", eval.place.name.get(l)),
                ("date", &eval.date.to_string()),
            ],
        );
        let services = eval
            .services
            .iter()
            .map(|s| {
                let rulesets = s
                    .applicable
                    .iter()
                    .map(|r| {
                        let dets = r.determinations.iter().map(|d| determination_view(d, l, next.clone())).collect_view();
                        view! { <article class="ruleset">{ruleset_header(r, l)}{dets}</article> }
                    })
                    .collect_view();
                let earlier: Vec<String> = s
                    .earlier
                    .iter()
                    .map(|r| fill(l, Msg::EarlierRule, &[("title", r.title.get(l)), ("date", &r.to.map(|d| d.to_string()).unwrap_or_default())]))
                    .collect();
                view! {
                    <section class="service-results" aria-labelledby=format!("service-{}", s.service.id())>
                        <h2 id=format!("service-{}", s.service.id())>{service_name(l, s.service)}</h2>
                        {s.applicable.is_empty().then(|| view! {
                            <div class="panel no-rule">
                                <p>{fill(l, Msg::NoRuleOnFile, &[("date", &eval.date.to_string())])}</p>
                                <ul>{nearest(l, s).into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                            </div>
                        })}
                        {rulesets}
                        {(!earlier.is_empty()).then(|| view! {
                            <div class="earlier-rules">
                                <p>{text(l, Msg::EarlierRulesTitle)}</p>
                                <ul>{earlier.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                            </div>
                        })}
                    </section>
                }
            })
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
