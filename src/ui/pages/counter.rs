//! Counter mode (`?p=counter`, a link staff bookmark): one screen where staff type every fact of
//! a household with the resident, grouped as on the office's paper, keyboard only (Tab through
//! the boxes, Space or arrows for choices, Enter in any box calculates), then see all three
//! services at once, print the materials checklist, open the forms, and show the share QR code.
//! The answers are the portal's one `Answers`, so the share link, results and forms use them.
//! Reading the boxes, the groups and the checklist are plain code in `crate::portal::counter`.

use crate::engine::answers::Answers;
use crate::engine::model::Fact;
use crate::engine::model::PolicyData;
use crate::engine::text::Lang;
use crate::portal::counter::{
    self, ChecklistItem, Field, FieldProblem, Problem, Typed, paper_groups,
};
use crate::portal::forms::{FormId, date_zh};
use crate::portal::input::InputError;
use crate::portal::messages::input_error_msg;
use crate::portal::messages::service_name;
use crate::portal::results_html::{Options, date_line, deadlines_html, glance_html, render};
use crate::portal::route::Route;
use crate::ui::components::counter_fields::{
    Boxes, Groups, fact_field, first_id, group_name, radio,
};
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::components::{qr_figure, qr_svg, share_url};
use crate::ui::device_storage::Area;
use crate::ui::household::{answers, forget_all_in, today};
use crate::ui::language::{Msg, fill, lang, text};
use crate::ui::site::index;
use leptos::prelude::TimeoutHandle;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

const DATE_ID: &str = "counter-date";
const RESULTS_ID: &str = "counter-results-title";

fn place_id(place: &str) -> String {
    format!("counter-place-{place}")
}

fn first_place_id() -> String {
    index()
        .places
        .iter()
        .find(|p| p.selectable)
        .map(|p| place_id(&p.id))
        .unwrap_or_default()
}

/// The sentence for a problem in a box.
fn problem_msg(field: &Field, problem: Problem) -> Msg {
    match (field, problem) {
        (Field::Place, _) => Msg::CounterErrPlace,
        (_, Problem::DateForm) => Msg::CounterErrDateForm,
        (_, Problem::MonthForm) => Msg::CounterErrMonthForm,
        (Field::Fact(_), Problem::Input(InputError::Future)) => Msg::ErrNotAfterToday,
        (_, Problem::Input(e)) => input_error_msg(e),
    }
}

fn field_errors(l: Lang, problems: Vec<FieldProblem>) -> Vec<FieldError> {
    let data = index();
    problems
        .into_iter()
        .map(|p| {
            let field = match &p.field {
                Field::Place => first_place_id(),
                Field::Date => DATE_ID.to_string(),
                Field::Fact(id) => data.fact(id).map(first_id).unwrap_or_default(),
            };
            FieldError {
                field,
                message: text(l, problem_msg(&p.field, p.problem)).to_string(),
            }
        })
        .collect()
}

fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The answers with every service chosen: the counter always shows them all.
fn all_services(mut a: Answers) -> Answers {
    a.services.clear();
    a
}

/// Results of every service, as the results page shows them.
fn results_view(l: Lang, a: &Answers, data: &'static PolicyData) -> AnyView {
    let a = all_services(a.clone());
    let Ok(eval) = data.evaluate(&a, today()) else {
        return view! { <p class="counter-empty">{text(l, Msg::CounterResultsNone)}</p> }
            .into_any();
    };
    let options = Options {
        id_prefix: "counter-",
        heading: 3,
        glance: false,
    };
    let body = render(&eval, l, &options);
    // The household's deadlines, as the results page gives them, for the clerk to go through.
    let deadlines = deadlines_html(&eval, l, &options);
    view! {
        <p class="lead">{date_line(l, &a, &eval)}</p>
        <p class="disclaimer">{text(l, Msg::ResultsDisclaimer)}</p>
        <div class="results-body" inner_html=body></div>
        <div class="counter-deadlines" inner_html=deadlines></div>
    }
    .into_any()
}

fn cited_line(t: &counter::CitedText, l: Lang) -> AnyView {
    view! {
        <li>
            <span class="box" aria-hidden="true">"☐"</span>" "
            {t.text.get(l).to_string()}
            " "<span class="cite" lang="zh-Hans">{counter::bracketed(&t.cite)}</span>
        </li>
    }
    .into_any()
}

fn checklist_item(item: ChecklistItem, l: Lang) -> AnyView {
    view! {
        <section class="counter-checklist-item">
            <h3>{service_name(l, item.service)}" · "{item.title.get(l).to_string()}</h3>
            <p class="counter-checklist-outcome">
                {item.outcome.get(l).to_string()}
                " "<span class="cite" lang="zh-Hans">{counter::bracketed(&item.cite)}</span>
            </p>
            {(!item.materials.is_empty()).then(|| view! {
                <h4>{text(l, Msg::MaterialsTitle)}</h4>
                <ul class="checklist">{item.materials.iter().map(|m| cited_line(m, l)).collect_view()}</ul>
            })}
            {item.where_to_go.map(|w| view! {
                <h4>{text(l, Msg::WhereTitle)}</h4>
                <p>
                    {w.text.get(l).to_string()}
                    " "<span class="cite" lang="zh-Hans">{counter::bracketed(&w.cite)}</span>
                </p>
            })}
        </section>
    }
    .into_any()
}

/// The materials checklist, for paper only: what to bring for every favourable outcome, with
/// its clause, where to go, the date printed and the share QR code.
fn checklist_view(l: Lang, a: &Answers, data: &'static PolicyData) -> AnyView {
    let a = all_services(a.clone());
    let (heading, items) = match data.evaluate(&a, today()) {
        Ok(eval) => (
            Some(fill(
                l,
                Msg::CounterChecklistFor,
                &[
                    ("place", eval.place.name.get(l)),
                    ("date", &eval.date.to_string()),
                ],
            )),
            counter::checklist(&eval),
        ),
        Err(_) => (None, Vec::new()),
    };
    let empty = items.is_empty();
    let url = share_url(&a);
    let qr = qr_svg(&url);
    view! {
        <h2>{text(l, Msg::CounterChecklistTitle)}</h2>
        {heading.map(|h| view! { <p class="lead">{h}</p> })}
        {empty.then(|| view! { <p>{text(l, Msg::CounterChecklistEmpty)}</p> })}
        {items.into_iter().map(|i| checklist_item(i, l)).collect_view()}
        <footer class="form-footer">
            <div class="form-footer-text">
                <p>{fill(l, Msg::CounterChecklistPrinted, &[("date", &date_zh(today()))])}</p>
                <p class="not-official">{text(l, Msg::CounterChecklistNotOfficial)}</p>
                {qr.is_some().then(|| view! { <p>{text(l, Msg::CounterChecklistScan)}</p> })}
                <p class="qr-link" translate="no">{url}</p>
            </div>
            {qr.map(|svg| view! { <div class="form-qr" inner_html=svg></div> })}
        </footer>
    }
    .into_any()
}

/// The summary at the top, once the answers have been calculated: one line a service, and
/// whether the boxes have changed since.
fn summary_view(l: Lang, a: &Answers, data: &'static PolicyData, stale: bool) -> AnyView {
    let a = all_services(a.clone());
    let Ok(eval) = data.evaluate(&a, today()) else {
        return ().into_any();
    };
    let glance = glance_html(
        &eval,
        l,
        &Options {
            id_prefix: "counter-",
            heading: 3,
            glance: true,
        },
    );
    view! {
        <p class="lead">{date_line(l, &a, &eval)}</p>
        {stale.then(|| view! { <p class="notice counter-stale" role="status">{text(l, Msg::CounterStale)}</p> })}
        <div inner_html=glance></div>
        {(!stale).then(|| view! { <p><a href="#counter-resident">{text(l, Msg::CounterToResident)}</a></p> })}
    }
    .into_any()
}

/// For the resident: the checklist to print, the forms, the share QR code and link — only for
/// answers that have been calculated and not changed since.
fn resident_view(l: Lang, a: &Answers, ready: bool) -> AnyView {
    if !ready {
        return view! {
            <h2 id="counter-resident">{text(l, Msg::CounterResidentTitle)}</h2>
            <p class="hint">{text(l, Msg::CounterResidentWaits)}</p>
        }
        .into_any();
    }
    let url = share_url(&all_services(a.clone()));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <h2 id="counter-resident">{text(l, Msg::CounterResidentTitle)}</h2>
        <p class="button-row">
            <button type="button" class="button" on:click=print>{text(l, Msg::CounterPrint)}</button>
        </p>
        <p class="hint">{text(l, Msg::CounterPrintHint)}</p>
        <h3>{text(l, Msg::CounterFormsTitle)}</h3>
        <ul class="form-list counter-forms">
            {FormId::ALL.into_iter().map(|f| view! {
                <li><a href=Route::Form(f.id().to_string()).href() lang="zh-Hans">{f.title()}</a></li>
            }).collect_view()}
        </ul>
        <h3>{text(l, Msg::CounterQrTitle)}</h3>
        <p class="hint">{text(l, Msg::CounterQrHint)}</p>
        {match qr_figure(&url, "counter-qr", text(l, Msg::CounterQrTitle)) {
            Some(figure) => figure,
            None => view! { <p>{text(l, Msg::CounterQrTooLong)}</p> }.into_any(),
        }}
        <label for="counter-share-url" class="label">{text(l, Msg::ShareLinkLabel)}</label>
        <textarea id="counter-share-url" class="share-url" readonly rows="3">{url}</textarea>
        <p class="hint">{text(l, Msg::SharePrivacy)}</p>
    }
    .into_any()
}

/// How long counter mode waits without input before it offers to clear, and then before it
/// clears: an office may set other delays in the tab (`anju.counter-idle-seconds`; the tests
/// use a few seconds).
fn idle_delays() -> (u64, u64) {
    let idle = crate::ui::device_storage::get_in(Area::Tab, "anju.counter-idle-seconds")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0);
    match idle {
        Some(s) => (s, s),
        None => (10 * 60, 60),
    }
}

/// Counter mode (`?p=counter`): staff type a household's facts on one screen and see every service.
#[component]
pub fn CounterPage() -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let saved = ctx.answers.get_untracked();
    let place = RwSignal::new(saved.place.clone().unwrap_or_default());
    let date_text = RwSignal::new(saved.date.unwrap_or_else(today).to_string());
    // The rules of the place chosen in the form, downloaded when it is chosen and shown once
    // they are here (the boxes keep what was typed meanwhile; the views below follow).
    let site = crate::ui::site::site();
    let shown = site.shown;
    Effect::new(move |_| {
        let p = place.get();
        if p.is_empty() || shown.with_untracked(|s| s.has_rules_of(&p)) {
            return;
        }
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            match crate::ui::site::load_place(&p, l).await {
                // A later choice wins, whatever order the downloads end in.
                Ok(d) if place.get_untracked() == p => shown.update(|s| {
                    s.rules_of = d.place(&p).map(|p| p.id.as_str());
                    s.data = d;
                    s.worded = false;
                }),
                Ok(_) => {}
                Err(e) => {
                    leptos::logging::error!("{e}");
                    site.failed.set(true);
                }
            }
        });
    });
    let groups: Groups = paper_groups(index())
        .into_iter()
        .map(|(g, facts)| {
            let facts = facts
                .into_iter()
                .map(|f| (f, Boxes::new(counter::typed(f, &saved))))
                .collect();
            (g, facts)
        })
        .collect();
    let groups = StoredValue::new(groups);
    let (errors, set_errors) = signal(Vec::<FieldError>::new());
    let calculated = move || ctx.answers.with(|a| a.place.is_some());
    // "Next household" asks once; so does an idle counter before it clears.
    let confirming = RwSignal::new(false);
    let idle_prompt = RwSignal::new(false);

    // Which facts the rules use at the place and date typed (before Calculate is pressed).
    let needed = Memo::new(move |_| {
        let p = place.get();
        let date = match counter::parse_day(
            &date_text.get(),
            crate::portal::input::latest_question_date(today()),
        ) {
            Ok(d) => d,
            Err(_) => ctx.answers.with_untracked(|a| a.date),
        };
        counter::needed_facts(shown.get().data, &p, date, today())
    });

    // The answers shown are those last calculated; once the boxes say otherwise they are
    // stale, and the QR code and print wait for the next calculation.
    let stale = Memo::new(move |_| {
        if !calculated() {
            return false;
        }
        let facts: Vec<(&'static Fact, Typed)> = groups.with_value(|gs| {
            gs.iter()
                .flat_map(|(_, fs)| fs.iter().map(|(f, b)| (*f, b.typed_tracked())))
                .collect()
        });
        let typed = counter::answers_from(index(), &place.get(), &date_text.get(), &facts, today());
        typed.map_or(true, |t| ctx.answers.with(|a| t != *a))
    });

    let calculate = move || {
        let facts: Vec<(&'static Fact, Typed)> = groups.with_value(|gs| {
            gs.iter()
                .flat_map(|(_, fs)| fs.iter().map(|(f, b)| (*f, b.typed())))
                .collect()
        });
        let result = counter::answers_from(
            index(),
            &place.get_untracked(),
            &date_text.get_untracked(),
            &facts,
            today(),
        );
        match result {
            Ok(a) => {
                set_errors.set(Vec::new());
                ctx.answers.set(a);
                request_animation_frame(|| focus(RESULTS_ID));
            }
            Err(problems) => set_errors.set(field_errors(lang.get_untracked(), problems)),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        calculate();
    };
    // Enter in any box calculates: text boxes, radios and drop-down lists alike, but not while
    // a Chinese input method is composing (its Enter commits the characters).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" || ev.is_composing() || ev.key_code() == 229 {
            return;
        }
        let is_box = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                matches!(
                    el.tag_name().to_ascii_lowercase().as_str(),
                    "input" | "select"
                )
            });
        if is_box {
            ev.prevent_default();
            calculate();
        }
    };
    // Read here: clearing can run from a timer, outside the component, where contexts are gone.
    let first = StoredValue::new(first_place_id());
    let new_household = move || {
        confirming.set(false);
        idle_prompt.set(false);
        forget_all_in(ctx);
        place.set(String::new());
        date_text.set(today().to_string());
        groups.with_value(|gs| {
            for (_, fs) in gs {
                for (_, b) in fs {
                    b.set(Typed::default());
                }
            }
        });
        set_errors.set(Vec::new());
        let first = first.get_value();
        request_animation_frame(move || focus(&first));
    };

    // After a while without input, counter mode offers to clear; unanswered, it clears.
    let (idle_after, grace) = idle_delays();
    let timers = StoredValue::new(Vec::<TimeoutHandle>::new());
    let arm = move || {
        timers.update_value(|ts| ts.drain(..).for_each(|h| h.clear()));
        let offer = set_timeout_with_handle(
            move || {
                if !calculated() {
                    return; // nothing of anyone to clear
                }
                idle_prompt.set(true);
                let clear = set_timeout_with_handle(
                    move || {
                        if idle_prompt.get_untracked() {
                            new_household();
                        }
                    },
                    std::time::Duration::from_secs(grace),
                );
                if let Ok(h) = clear {
                    timers.update_value(|ts| ts.push(h));
                }
            },
            std::time::Duration::from_secs(idle_after),
        );
        if let Ok(h) = offer {
            timers.update_value(|ts| ts.push(h));
        }
    };
    arm();
    let activity = window_event_listener(leptos::ev::keydown, move |_| {
        if !idle_prompt.get_untracked() {
            arm();
        }
    });
    let pointer = window_event_listener(leptos::ev::pointerdown, move |_| {
        if !idle_prompt.get_untracked() {
            arm();
        }
    });
    on_cleanup(move || {
        activity.remove();
        pointer.remove();
        timers.update_value(|ts| ts.drain(..).for_each(|h| h.clear()));
    });
    let keep_going = move |_| {
        idle_prompt.set(false);
        arm();
    };

    let error_of = move |id: String| {
        let memo = Memo::new(move |_| {
            errors.with(|es| es.iter().find(|e| e.field == id).map(|e| e.message.clone()))
        });
        move || memo.get()
    };
    let place_error = error_of(first_place_id());
    let date_error = error_of(DATE_ID.to_string());

    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::CounterTitle), l);
        let place_radios = index()
            .places
            .iter()
            .filter(|p| p.selectable)
            .map(|p| {
                radio(
                    "counter-place",
                    place_id(&p.id),
                    p.id.clone(),
                    p.name.get(l).to_string(),
                    place,
                )
            })
            .collect_view();
        let fieldsets = groups.with_value(|gs| {
            gs.iter()
                .map(|(g, fs)| {
                    let legend = group_name(l, g);
                    let fields = fs
                        .iter()
                        .map(|(f, b)| fact_field(l, f, *b, needed, errors))
                        .collect_view();
                    view! {
                        <fieldset class="counter-group">
                            <legend>{legend}</legend>
                            {fields}
                        </fieldset>
                    }
                })
                .collect_view()
        });
        view! {
            <div class="counter-page">
                <div class="counter-screen">
                    <div class="counter-top">
                        <h1 tabindex="-1">{text(l, Msg::CounterTitle)}</h1>
                        <div class="counter-next">
                            {move || if confirming.get() {
                                view! {
                                    <div class="notice" role="alert">
                                        <p>{text(l, Msg::CounterNewConfirm)}</p>
                                        <p class="button-row">
                                            <button type="button" class="button warning counter-new-confirm" on:click=move |_| new_household()>{text(l, Msg::CounterNewYes)}</button>
                                            <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>{text(l, Msg::CounterNewNo)}</button>
                                        </p>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <button type="button" class="button warning counter-new" on:click=move |_| confirming.set(true)>{text(l, Msg::CounterNew)}</button>
                                }.into_any()
                            }}
                        </div>
                    </div>
                    {move || idle_prompt.get().then(|| view! {
                        <div class="notice counter-idle" role="alertdialog" aria-labelledby="counter-idle-text">
                            <p id="counter-idle-text">{fill(l, Msg::CounterIdle, &[("minutes", &(idle_after / 60).max(1).to_string()), ("seconds", &grace.to_string())])}</p>
                            <p class="button-row">
                                <button type="button" class="button" on:click=keep_going>{text(l, Msg::CounterIdleKeep)}</button>
                                <button type="button" class="button warning" on:click=move |_| new_household()>{text(l, Msg::CounterNewYes)}</button>
                            </p>
                        </div>
                    })}
                    <p class="lead">{text(l, Msg::CounterLead)}</p>
                    {move || calculated().then(|| view! {
                        <section class="counter-summary" aria-labelledby=RESULTS_ID>
                            <h2 id=RESULTS_ID tabindex="-1">{text(l, Msg::CounterResultsTitle)}</h2>
                            {move || ctx.answers.with(|a| summary_view(l, a, shown.get().data, stale.get()))}
                        </section>
                    })}
                    <ErrorSummary errors=errors/>
                    <div class="counter-layout">
                        <form class="counter-form" novalidate on:submit=on_submit on:keydown=on_keydown>
                            <fieldset class="counter-group">
                                <legend>{text(l, Msg::CounterVisit)}</legend>
                                <fieldset class=move || if place_error().is_some() { "counter-field error" } else { "counter-field" }
                                    aria-describedby=move || place_error().map(|_| "counter-place-error")>
                                    <legend>{text(l, Msg::CounterPlace)}</legend>
                                    {move || place_error().map(|m| view! { <p class="field-error" id="counter-place-error">{m}</p> })}
                                    <div class="counter-options">{place_radios}</div>
                                </fieldset>
                                <div class=move || if date_error().is_some() { "counter-field error" } else { "counter-field" }>
                                    <label for=DATE_ID>{text(l, Msg::CounterDate)}</label>
                                    <p class="hint" id="counter-date-hint">{text(l, Msg::CounterDateHint)}</p>
                                    {move || date_error().map(|m| view! { <p class="field-error" id="counter-date-error">{m}</p> })}
                                    <input id=DATE_ID class="w10" inputmode="numeric" autocomplete="off" spellcheck="false"
                                        aria-describedby=move || if date_error().is_some() { "counter-date-hint counter-date-error" } else { "counter-date-hint" }
                                        aria-invalid=move || date_error().is_some().then_some("true")
                                        prop:value=move || date_text.get() on:input=move |ev| date_text.set(event_target_value(&ev))/>
                                </div>
                            </fieldset>
                            {fieldsets}
                            <div class="counter-submit">
                                <button type="submit" class="button">{text(l, Msg::CounterCalculate)}</button>
                                <p class="hint">{text(l, Msg::CounterKeysHint)}</p>
                            </div>
                        </form>
                        <div class="counter-side">
                            <section class="counter-results" aria-labelledby="counter-details-title">
                                <h2 id="counter-details-title">{text(l, Msg::CounterDetailsTitle)}</h2>
                                {move || stale.get().then(|| view! { <p class="notice counter-stale">{text(l, Msg::CounterStale)}</p> })}
                                {move || ctx.answers.with(|a| results_view(l, a, shown.get().data))}
                            </section>
                            <section class="counter-resident">
                                {move || ctx.answers.with(|a| resident_view(l, a, a.place.is_some() && !stale.get()))}
                            </section>
                        </div>
                    </div>
                </div>
                <section class="counter-checklist">
                    {move || ctx.answers.with(|a| checklist_view(l, a, shown.get().data))}
                </section>
            </div>
        }
    }
}
