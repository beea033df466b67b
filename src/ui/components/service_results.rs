//! One service's results: every rule set that applies with its determinations, or, when none
//! does, that no rule is on file and the nearest ones; and the earlier rules that no longer
//! apply. Shared by the results page and counter mode.

use crate::engine::answers::Answers;
use crate::engine::eval::{Evaluation, ServiceResult};
use crate::engine::text::Lang;
use crate::portal::messages::service_name;
use crate::portal::route::Route;
use crate::ui::components::{determination_view, ruleset_header};
use crate::ui::language::{Msg, fill, text};
use leptos::prelude::*;

/// "温州市鹿城区,按 2014-06-01 的规定".
pub fn date_line(l: Lang, answers: &Answers, eval: &Evaluation) -> String {
    let msg = if answers.date.is_some() {
        Msg::ResultsForDate
    } else {
        Msg::ResultsForToday
    };
    fill(
        l,
        msg,
        &[
            ("place", eval.place.name.get(l)),
            ("date", &eval.date.to_string()),
        ],
    )
}

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

/// A service's section. `nested` puts it under a page's own second-level heading (counter
/// mode), with ids of its own.
pub fn service_results_view(
    s: &ServiceResult,
    eval: &Evaluation,
    l: Lang,
    next: Option<Route>,
    nested: bool,
) -> AnyView {
    let id = format!(
        "{}service-{}",
        if nested { "counter-" } else { "" },
        s.service.id()
    );
    let rulesets = s
        .applicable
        .iter()
        .map(|r| {
            let dets = r
                .determinations
                .iter()
                .map(|d| determination_view(d, l, next.clone()))
                .collect_view();
            view! { <article class="ruleset">{ruleset_header(r, l)}{dets}</article> }
        })
        .collect_view();
    let earlier: Vec<String> = s
        .earlier
        .iter()
        .map(|r| {
            fill(
                l,
                Msg::EarlierRule,
                &[
                    ("title", r.title.get(l)),
                    ("date", &r.to.map(|d| d.to_string()).unwrap_or_default()),
                ],
            )
        })
        .collect();
    let name = service_name(l, s.service);
    let heading = if nested {
        view! { <h3 id=id.clone()>{name}</h3> }.into_any()
    } else {
        view! { <h2 id=id.clone()>{name}</h2> }.into_any()
    };
    view! {
        <section class=if nested { "service-results counter-service" } else { "service-results" } aria-labelledby=id>
            {heading}
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
    .into_any()
}
