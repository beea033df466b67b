//! The start page: the services, the places covered, and the first choices of a journey —
//! where the person lives, what to check, and for which date.

use crate::engine::model::Service;
use crate::portal::input::{self, latest_question_date};
use crate::portal::journey::next_route;
use crate::portal::messages::{input_error_msg, service_name};
use crate::portal::route::{Route, StartChoices};
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::household::{answers, forget_all, today};
use crate::ui::language::{Msg, lang, text};
use crate::ui::navigation::{navigate, replace};
use crate::ui::site::{index, prefetch_place, use_place};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The start page. `prefill` carries choices made before the app took over (typed into the
/// pre-rendered page, or submitted by it as `?p=begin&…`); with `submit_now` they are checked
/// and, if sound, the journey begins at once.
#[component]
pub fn StartPage(
    /// Choices made before the app took over, to fill the form with.
    #[prop(optional)]
    prefill: Option<StartChoices>,
    /// Whether to check those choices at once and, if sound, begin the journey.
    #[prop(optional)]
    submit_now: bool,
) -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let index = index();
    let saved = ctx.answers.get_untracked();
    let place = RwSignal::new(saved.place.clone().unwrap_or_default());
    let what = RwSignal::new(match saved.services.as_slice() {
        [one] => one.id().to_string(),
        _ => "all".to_string(),
    });
    let other_date = RwSignal::new(saved.date.is_some());
    let year = RwSignal::new(saved.date.map(|d| d.year().to_string()).unwrap_or_default());
    let month = RwSignal::new(
        saved
            .date
            .map(|d| d.month().to_string())
            .unwrap_or_default(),
    );
    let day = RwSignal::new(saved.date.map(|d| d.day().to_string()).unwrap_or_default());
    if let Some(c) = prefill.or_else(crate::ui::static_start::take_choices) {
        if let Some(p) = c.place {
            place.set(p);
        }
        if let Some(w) = c.what {
            what.set(w);
        }
        other_date.set(c.other_date);
        year.set(c.year);
        month.set(c.month);
        day.set(c.day);
    }
    // A place already chosen (saved, or typed before the app took over): its rules come ahead.
    if !place.get_untracked().is_empty() {
        prefetch_place(place.get_untracked(), lang.get_untracked());
    }
    let (errors, set_errors) = signal(Vec::<FieldError>::new());
    let places: Vec<_> = index.places.iter().filter(|p| p.selectable).collect();
    let first_place = places
        .first()
        .map(|p| format!("place-{}", p.id))
        .unwrap_or_default();

    let submit = move || {
        let l = lang.get_untracked();
        let mut errs = Vec::new();
        let chosen = place.get_untracked();
        if chosen.is_empty() {
            errs.push(FieldError {
                field: first_place.clone(),
                message: text(l, Msg::ErrPlace).into(),
            });
        }
        let date = if other_date.get_untracked() {
            match input::day(
                &year.get_untracked(),
                &month.get_untracked(),
                &day.get_untracked(),
                latest_question_date(today()),
            ) {
                Ok(d) => Some(d),
                Err(e) => {
                    errs.push(FieldError {
                        field: "date-year".into(),
                        message: text(l, input_error_msg(e)).into(),
                    });
                    None
                }
            }
        } else {
            None
        };
        if !errs.is_empty() {
            set_errors.set(errs);
            return;
        }
        let mut a = ctx.answers.get_untracked();
        let chosen_place = chosen.clone();
        a.place = Some(chosen);
        a.date = date;
        a.services = Service::from_id(&what.get_untracked())
            .into_iter()
            .collect();
        ctx.answers.set(a);
        // The first question comes from the place's rules, downloaded first (the loader has
        // usually begun it already).
        use_place(chosen_place, move |data| {
            let next = next_route(data, &ctx.answers.get_untracked(), today());
            // A form submitted before the app took over leaves no page to go back to.
            if submit_now {
                replace(&next)
            } else {
                navigate(&next)
            }
        });
    };
    let on_submit = {
        let submit = submit.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            submit();
        }
    };
    if submit_now {
        // Once, after the page is drawn, inside the component (whose contexts submit needs).
        let submit = submit.clone();
        Effect::new(move |done: Option<bool>| {
            if done.is_none() {
                submit();
            }
            true
        });
    }

    let has_answers = move || {
        !ctx.answers
            .with(|a| a.facts.is_empty() && a.unsure.is_empty())
    };
    let place_error = move || {
        errors
            .get()
            .iter()
            .find(|e| e.field.starts_with("place-"))
            .map(|e| e.message.clone())
    };
    let date_error = move || {
        errors
            .get()
            .iter()
            .find(|e| e.field == "date-year")
            .map(|e| e.message.clone())
    };

    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::StartTitle), l);
        let place_radios = places
            .iter()
            .map(|p| {
                let id = p.id.clone();
                let id2 = id.clone();
                let id3 = id.clone();
                view! {
                    <div class="radio">
                        <input
                            type="radio"
                            name="place"
                            id=format!("place-{id}")
                            value=id.clone()
                            prop:checked=move || place.get() == id2
                            on:change=move |_| {
                                place.set(id3.clone());
                                prefetch_place(id3.clone(), lang.get_untracked());
                            }
                        />
                        <label for=format!("place-{id}")>{p.name.get(l).to_string()}</label>
                    </div>
                }
            })
            .collect_view();
        let what_radio = |value: &'static str, label: String| {
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="what"
                        id=format!("what-{value}")
                        value=value
                        prop:checked=move || what.get() == value
                        on:change=move |_| what.set(value.to_string())
                    />
                    <label for=format!("what-{value}")>{label}</label>
                </div>
            }
        };
        view! {
            <h1 tabindex="-1">{text(l, Msg::StartTitle)}</h1>
            <p class="lead">{text(l, Msg::StartLead)}</p>
            {move || has_answers().then(|| view! {
                <div class="panel saved-answers">
                    <p>{text(l, Msg::StartSavedAnswers)}</p>
                    <p class="button-row">
                        <a class="button secondary" href=Route::Check.href()>{text(l, Msg::StartReview)}</a>
                        <a class="button secondary" href=Route::Results.href()>{text(l, Msg::StartSeeResults)}</a>
                        <button type="button" class="button warning" on:click=move |_| forget_all()>{text(l, Msg::ForgetAnswers)}</button>
                    </p>
                </div>
            })}
            <ErrorSummary errors=errors/>
            <form novalidate on:submit=on_submit.clone()>
                <div class=move || if place_error().is_some() { "form-group error" } else { "form-group" }>
                    <fieldset>
                        <legend class="legend-m">{text(l, Msg::StartPlaceQuestion)}</legend>
                        <p class="hint">{text(l, Msg::StartPlaceHint)}</p>
                        {move || place_error().map(|m| view! { <p class="field-error">{m}</p> })}
                        {place_radios}
                    </fieldset>
                </div>
                <div class="form-group">
                    <fieldset>
                        <legend class="legend-m">{text(l, Msg::StartWhatQuestion)}</legend>
                        {what_radio("all", text(l, Msg::StartWhatAll).to_string())}
                        {what_radio("school", service_name(l, Service::School).to_string())}
                        {what_radio("insurance", service_name(l, Service::Insurance).to_string())}
                        {what_radio("permit", service_name(l, Service::Permit).to_string())}
                        {what_radio("benefits", service_name(l, Service::Benefits).to_string())}
                    </fieldset>
                </div>
                <div class=move || if date_error().is_some() { "form-group error" } else { "form-group" }>
                    <fieldset>
                        <legend class="legend-m">{text(l, Msg::StartDateQuestion)}</legend>
                        <p class="hint">{text(l, Msg::StartDateHint)}</p>
                        <div class="radio">
                            <input type="radio" name="when" id="when-today"
                                prop:checked=move || !other_date.get()
                                on:change=move |_| other_date.set(false)/>
                            <label for="when-today">{text(l, Msg::StartDateToday)}</label>
                        </div>
                        <div class="radio">
                            <input type="radio" name="when" id="when-other"
                                prop:checked=move || other_date.get()
                                on:change=move |_| other_date.set(true)/>
                            <label for="when-other">{text(l, Msg::StartDateOther)}</label>
                        </div>
                        <Show when=move || other_date.get()>
                            {move || date_error().map(|m| view! { <p class="field-error">{m}</p> })}
                            <div class="date-input">
                                <div><label for="date-year">{text(l, Msg::Year)}</label>
                                    <input id="date-year" name="y" class="w4" inputmode="numeric" autocomplete="off"
                                        prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev))/></div>
                                <div><label for="date-month">{text(l, Msg::Month)}</label>
                                    <input id="date-month" name="m" class="w2" inputmode="numeric" autocomplete="off"
                                        prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/></div>
                                <div><label for="date-day">{text(l, Msg::Day)}</label>
                                    <input id="date-day" name="d" class="w2" inputmode="numeric" autocomplete="off"
                                        prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev))/></div>
                            </div>
                        </Show>
                    </fieldset>
                </div>
                <button type="submit" class="button start">{text(l, Msg::StartButton)}</button>
            </form>
            <h2>{text(l, Msg::StartServicesTitle)}</h2>
            <ul class="service-list">
                {Service::ALL.into_iter().map(|s| view! {
                    <li><a href=Route::Service(s).href()>{service_name(l, s)}</a></li>
                }).collect_view()}
            </ul>
            <h2>{text(l, Msg::StartPlacesTitle)}</h2>
            <ul class="place-list">
                {places.iter().map(|p| view! { <li>{p.name.get(l).to_string()}</li> }).collect_view()}
            </ul>
        }
    }
}
