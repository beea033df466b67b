//! Check your answers: every answer the rules use, each with a Change link that comes back here.

use crate::engine::answers::{FactValue, Value, read_value};
use crate::engine::model::Fact;
use crate::engine::text::Lang;
use crate::portal::journey::relevant_facts;
use crate::portal::messages::service_name;
use crate::portal::route::Route;
use crate::ui::household::{answers, today};
use crate::ui::language::{Msg, date_text, duration_text, lang, month_text, text};
use crate::ui::site::data;
use leptos::prelude::*;

/// An answer as a person would say it.
pub fn answer_text(l: Lang, fact: &Fact, value: &FactValue) -> String {
    match read_value(fact, value) {
        Ok(Value::Bool(true)) => text(l, Msg::Yes).into(),
        Ok(Value::Bool(false)) => text(l, Msg::No).into(),
        Ok(Value::Date(d)) if fact.kind == crate::engine::model::FactKind::Month => {
            month_text(l, d)
        }
        Ok(Value::Date(d)) => date_text(l, d),
        Ok(Value::Months(m)) => duration_text(l, m),
        Ok(Value::Count(n)) => match &fact.unit {
            Some(u) => format!("{n} {}", u.get(l)),
            None => n.to_string(),
        },
        Ok(Value::Choice(c)) => fact
            .choices
            .iter()
            .find(|x| x.id == c)
            .map(|x| x.label.get(l).to_string())
            .unwrap_or_default(),
        Err(e) => e,
    }
}

/// The check-your-answers page (`?p=check`): every answer the rules use, each with a Change link.
#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let data = data();
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::CheckTitle), l);
        let a = ctx.answers.get();
        let place = a
            .place
            .as_deref()
            .and_then(|p| data.place(p))
            .map(|p| p.name.get(l).to_string());
        let date = a
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| text(l, Msg::StartDateToday).to_string());
        let services: Vec<&str> = a
            .services()
            .into_iter()
            .map(|s| service_name(l, s))
            .collect();
        let rows: Vec<AnyView> = match data.evaluate(&a, today()) {
            Ok(eval) => relevant_facts(&eval)
                .into_iter()
                .filter(|f| a.is_answered(f))
                .filter_map(|id| data.fact(id))
                .map(|f| {
                    let value = match a.facts.get(&f.id) {
                        Some(v) => answer_text(l, f, v),
                        None => text(l, Msg::DontKnow).to_string(),
                    };
                    let href = Route::Question { fact: f.id.clone(), back_to_check: true }.href();
                    view! {
                        <div class="summary-row">
                            <dt>{f.question.get(l).to_string()}</dt>
                            <dd>{value}</dd>
                            <dd class="summary-action">
                                <a href=href>{text(l, Msg::Change)}<span class="visually-hidden">" " {f.question.get(l).to_string()}</span></a>
                            </dd>
                        </div>
                    }
                    .into_any()
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        let start_row = |label: Msg, value: String| {
            view! {
                <div class="summary-row">
                    <dt>{text(l, label)}</dt>
                    <dd>{value}</dd>
                    <dd class="summary-action">
                        <a href=Route::Start.href()>{text(l, Msg::Change)}<span class="visually-hidden">" " {text(l, label)}</span></a>
                    </dd>
                </div>
            }
        };
        view! {
            <h1 tabindex="-1">{text(l, Msg::CheckTitle)}</h1>
            <dl class="summary-list">
                {start_row(Msg::CheckPlace, place.unwrap_or_default())}
                {start_row(Msg::CheckDate, date)}
                {start_row(Msg::CheckServices, services.join(text(l, Msg::ListSeparator)))}
                {rows}
            </dl>
            <a class="button" href=Route::Results.href()>{text(l, Msg::SeeResults)}</a>
        }
    }
}
