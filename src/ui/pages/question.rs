//! One question a page (GOV.UK question pattern): the question is the heading, a hint says why it
//! is asked, a back link, a Continue button. Answers are checked here and explained in words
//! beside the field and in a summary at the top; every other answer is kept.

use crate::engine::answers::FactValue;
use crate::engine::model::{Fact, FactKind};
use crate::engine::text::Lang;
use crate::portal::input::{self, InputError};
use crate::portal::journey::{next_route, previous_route, progress};
use crate::portal::messages::input_error_msg;
use crate::portal::route::Route;
use crate::ui::components::{BackLink, ErrorSummary, FieldError};
use crate::ui::household::{answers, today};
use crate::ui::language::{Msg, fill, lang, text};
use crate::ui::navigation::navigate;
use crate::ui::site::data;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The value that stands for "I don't know" among radio choices.
const UNSURE: &str = "__unsure";

/// What the boxes of the page hold, as typed.
#[derive(Clone, Copy)]
struct Boxes {
    choice: RwSignal<String>,
    a: RwSignal<String>,
    b: RwSignal<String>,
    c: RwSignal<String>,
}

fn initial(
    fact: &Fact,
    value: Option<&FactValue>,
    unsure: bool,
) -> (String, String, String, String) {
    let empty = || String::new();
    if unsure {
        return (UNSURE.into(), empty(), empty(), empty());
    }
    match (fact.kind, value) {
        (FactKind::YesNo, Some(FactValue::Bool(b))) => (
            (if *b { "yes" } else { "no" }).into(),
            empty(),
            empty(),
            empty(),
        ),
        (FactKind::Choice, Some(FactValue::Text(t))) => (t.clone(), empty(), empty(), empty()),
        (FactKind::Date | FactKind::Month, Some(FactValue::Text(t))) => {
            match crate::engine::date::Date::parse(t) {
                Ok(d) => (
                    empty(),
                    d.year().to_string(),
                    d.month().to_string(),
                    d.day().to_string(),
                ),
                Err(_) => (empty(), empty(), empty(), empty()),
            }
        }
        (FactKind::Duration, Some(FactValue::Number(n))) => {
            (empty(), (n / 12).to_string(), (n % 12).to_string(), empty())
        }
        (FactKind::Count, Some(FactValue::Number(n))) => (empty(), n.to_string(), empty(), empty()),
        _ => (empty(), empty(), empty(), empty()),
    }
}

/// Reads the boxes as this fact's answer: a value, "I don't know" (`None`), or a problem.
fn read(
    fact: &Fact,
    boxes: Boxes,
    question_date: Option<crate::engine::date::Date>,
) -> Result<Option<FactValue>, InputError> {
    let choice = boxes.choice.get_untracked();
    let (a, b, c) = (
        boxes.a.get_untracked(),
        boxes.b.get_untracked(),
        boxes.c.get_untracked(),
    );
    if choice == UNSURE {
        return Ok(None);
    }
    // No date of the household may come after the day asked about (a child born later).
    let today = today();
    let latest = question_date.map_or(today, |d| d.min(today));
    let after = |e: InputError| match e {
        InputError::Future if latest < today => InputError::AfterQuestionDate,
        e => e,
    };
    match fact.kind {
        FactKind::YesNo => match choice.as_str() {
            "yes" => Ok(Some(FactValue::Bool(true))),
            "no" => Ok(Some(FactValue::Bool(false))),
            _ => Err(InputError::Choose),
        },
        FactKind::Choice => {
            if fact.choices.iter().any(|ch| ch.id == choice) {
                Ok(Some(FactValue::Text(choice)))
            } else {
                Err(InputError::Choose)
            }
        }
        FactKind::Date => input::day(&a, &b, &c, latest)
            .map(|d| Some(FactValue::Text(d.to_string())))
            .map_err(after),
        FactKind::Month => input::month(&a, &b, latest)
            .map(|d| Some(FactValue::Text(format!("{:04}-{:02}", d.year(), d.month()))))
            .map_err(after),
        FactKind::Duration => input::duration(&a, &b).map(|m| Some(FactValue::Number(m))),
        FactKind::Count => input::count(&a).map(|n| Some(FactValue::Number(n))),
    }
}

fn error_msg(kind: FactKind, e: InputError) -> Msg {
    match (kind, e) {
        (FactKind::YesNo | FactKind::Choice, _) => Msg::ErrChoose,
        (FactKind::Duration, InputError::Required) => Msg::ErrDurationRequired,
        (FactKind::Count, InputError::Required) => Msg::ErrCountRequired,
        (FactKind::Date | FactKind::Month, InputError::Future) => Msg::ErrNotAfterToday,
        (_, e) => input_error_msg(e),
    }
}

fn first_field(kind: FactKind, fact: &Fact) -> String {
    match kind {
        FactKind::YesNo => "answer-yes".into(),
        FactKind::Choice => fact
            .choices
            .first()
            .map(|c| format!("answer-{}", c.id))
            .unwrap_or_default(),
        FactKind::Count => "answer".into(),
        _ => "answer-a".into(),
    }
}

fn radio(
    l: Lang,
    boxes: Boxes,
    value: String,
    label: String,
    hint: Option<String>,
) -> impl IntoView {
    let id = format!(
        "answer-{}",
        if value == UNSURE {
            "unsure"
        } else {
            value.as_str()
        }
    );
    let (v1, v2) = (value.clone(), value.clone());
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let _ = l;
    view! {
        <div class="radio">
            <input type="radio" name="answer" id=id.clone() value=value
                aria-describedby=has_hint.then(|| hint_id.clone())
                prop:checked=move || boxes.choice.get() == v1
                on:change=move |_| boxes.choice.set(v2.clone())/>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint radio-hint" id=hint_id>{h}</p> })}
        </div>
    }
}

fn text_box(
    id: &'static str,
    label: String,
    class: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div>
            <label for=id>{label}</label>
            <input id=id class=class inputmode="numeric" autocomplete="off" spellcheck="false"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// One question's page (`?p=q/<fact>`): the question as heading, its hint, the boxes, Continue.
#[component]
pub fn QuestionPage(
    /// The id of the fact asked (`child_birth_date`).
    fact: String,
    /// Whether Continue returns to the check-your-answers page (reached by a Change link).
    back_to_check: bool,
) -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let data = data();
    let Some(f) = data.fact(&fact) else {
        return view! { <crate::ui::components::NotFound/> }.into_any();
    };
    let saved = ctx.answers.get_untracked();
    let (choice, a, b, c) = initial(f, saved.facts.get(&fact), saved.unsure.contains(&fact));
    let boxes = Boxes {
        choice: RwSignal::new(choice),
        a: RwSignal::new(a),
        b: RwSignal::new(b),
        c: RwSignal::new(c),
    };
    let (errors, set_errors) = signal(Vec::<FieldError>::new());
    let back = if back_to_check {
        Route::Check
    } else {
        previous_route(data, &saved, today(), &fact)
    };
    // Where this question stands: "question 4 of about 9".
    let progress = data
        .evaluate(&saved, today())
        .ok()
        .map(|eval| progress(&eval, &fact));

    let save = move |value: Option<FactValue>| {
        let mut a = ctx.answers.get_untracked();
        match value {
            Some(v) => {
                a.facts.insert(f.id.clone(), v);
                a.unsure.remove(&f.id);
            }
            None => {
                a.facts.remove(&f.id);
                a.unsure.insert(f.id.clone());
            }
        }
        let next = match next_route(data, &a, today()) {
            Route::Question { fact, .. } => Route::Question {
                fact,
                back_to_check,
            },
            other => other,
        };
        ctx.answers.set(a);
        navigate(&next);
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match read(f, boxes, ctx.answers.with_untracked(|a| a.date)) {
            Ok(v) => save(v),
            Err(e) => {
                let l = lang.get_untracked();
                set_errors.set(vec![FieldError {
                    field: first_field(f.kind, f),
                    message: text(l, error_msg(f.kind, e)).into(),
                }]);
            }
        }
    };
    let field_error = move || errors.get().first().map(|e| e.message.clone());

    (move || {
        let l = lang.get();
        let question = f.question.get(l).to_string();
        crate::ui::frame::set_title(&question, l);
        let hint = view! { <p class="hint" id="answer-hint">{f.hint.get(l).to_string()}</p> };
        let error = move || field_error().map(|m| view! { <p class="field-error" id="answer-error">{m}</p> });
        let unsure_button = view! {
            <button type="button" class="link-button unsure" on:click=move |_| save(None)>{text(l, Msg::DontKnow)}</button>
        };
        let body = match f.kind {
            FactKind::YesNo | FactKind::Choice => {
                let options: Vec<(String, String, Option<String>)> = if f.kind == FactKind::YesNo {
                    vec![("yes".into(), text(l, Msg::Yes).into(), None), ("no".into(), text(l, Msg::No).into(), None)]
                } else {
                    f.choices.iter().map(|ch| (ch.id.clone(), ch.label.get(l).to_string(), ch.hint.as_ref().map(|h| h.get(l).to_string()))).collect()
                };
                view! {
                    <fieldset aria-describedby="answer-hint">
                        <legend><h1 tabindex="-1">{question}</h1></legend>
                        {hint}
                        {error}
                        {options.into_iter().map(|(v, label, h)| radio(l, boxes, v, label, h)).collect_view()}
                        <p class="or">{text(l, Msg::Or)}</p>
                        {radio(l, boxes, UNSURE.into(), text(l, Msg::DontKnow).into(), None)}
                    </fieldset>
                }
                .into_any()
            }
            FactKind::Count => view! {
                <h1 tabindex="-1"><label for="answer">{question}</label></h1>
                {hint}
                {error}
                <input id="answer" class="w4" inputmode="numeric" autocomplete="off" aria-describedby="answer-hint"
                    prop:value=move || boxes.a.get() on:input=move |ev| boxes.a.set(event_target_value(&ev))/>
                {f.unit.as_ref().map(|u| view! { <span class="unit">{u.get(l).to_string()}</span> })}
                <p>{unsure_button}</p>
            }
            .into_any(),
            kind => {
                let boxes_view = match kind {
                    FactKind::Date => view! {
                        {text_box("answer-a", text(l, Msg::Year).into(), "w4", boxes.a)}
                        {text_box("answer-b", text(l, Msg::Month).into(), "w2", boxes.b)}
                        {text_box("answer-c", text(l, Msg::Day).into(), "w2", boxes.c)}
                    }
                    .into_any(),
                    FactKind::Month => view! {
                        {text_box("answer-a", text(l, Msg::Year).into(), "w4", boxes.a)}
                        {text_box("answer-b", text(l, Msg::Month).into(), "w2", boxes.b)}
                    }
                    .into_any(),
                    _ => view! {
                        {text_box("answer-a", text(l, Msg::Years).into(), "w3", boxes.a)}
                        {text_box("answer-b", text(l, Msg::Months).into(), "w3", boxes.b)}
                    }
                    .into_any(),
                };
                view! {
                    <fieldset aria-describedby="answer-hint">
                        <legend><h1 tabindex="-1">{question}</h1></legend>
                        {hint}
                        {error}
                        <div class="date-input">{boxes_view}</div>
                    </fieldset>
                    <p>{unsure_button}</p>
                }
                .into_any()
            }
        };
        view! {
            <BackLink href=back.href()/>
            {progress.map(|(n, total)| view! {
                <p class="question-progress">{fill(l, Msg::QuestionProgress, &[("n", &n.to_string()), ("total", &total.to_string())])}</p>
            })}
            <ErrorSummary errors=errors/>
            <form novalidate on:submit=on_submit class=move || if field_error().is_some() { "form-group error" } else { "form-group" }>
                {body}
                <button type="submit" class="button">{text(l, Msg::Continue)}</button>
            </form>
        }
    })
    .into_any()
}
