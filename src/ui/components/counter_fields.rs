//! Counter mode's boxes for one fact of the catalogue: radios for yes/no and short choices, a
//! drop-down list for long ones, one box for a date or month, years and months for a duration,
//! each labelled by its question, with its hint, its error and the note when the rules do not
//! need it for the chosen place and date. What the boxes hold is read by `crate::portal::counter`.

use crate::engine::model::{Fact, FactKind};
use crate::engine::text::Lang;
use crate::portal::counter::{NO, Typed, UNSURE, YES};
use crate::ui::components::FieldError;
use crate::ui::language::{Msg, fill, text};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// A choice fact with more options than this is a drop-down list; fewer are radios.
const MAX_RADIOS: usize = 4;

/// The boxes of one fact, as typed (kept while other boxes have errors).
#[derive(Clone, Copy)]
pub struct Boxes {
    choice: RwSignal<String>,
    text: RwSignal<String>,
    months: RwSignal<String>,
}

impl Boxes {
    /// Boxes holding what `t` says.
    pub fn new(t: Typed) -> Boxes {
        Boxes {
            choice: RwSignal::new(t.choice),
            text: RwSignal::new(t.text),
            months: RwSignal::new(t.months),
        }
    }

    /// What the boxes hold now.
    pub fn typed(self) -> Typed {
        Typed {
            choice: self.choice.get_untracked(),
            text: self.text.get_untracked(),
            months: self.months.get_untracked(),
        }
    }

    /// What the boxes hold now, followed (a view or memo that reads this is redrawn when a box
    /// changes).
    pub fn typed_tracked(self) -> Typed {
        Typed {
            choice: self.choice.get(),
            text: self.text.get(),
            months: self.months.get(),
        }
    }

    /// Puts `t` in the boxes.
    pub fn set(self, t: Typed) {
        self.choice.set(t.choice);
        self.text.set(t.text);
        self.months.set(t.months);
    }
}

/// The groups of the form, each fact with its boxes.
pub type Groups = Vec<(&'static str, Vec<(&'static Fact, Boxes)>)>;

/// The legend of a group of facts on the counter form, in `l` ("Other (…)" for a new group).
pub fn group_name(l: Lang, group: &str) -> String {
    let msg = match group {
        "child" => Msg::CounterGroupChild,
        "household" => Msg::CounterGroupHousehold,
        "permit" => Msg::CounterGroupPermit,
        "work" => Msg::CounterGroupWork,
        "insurance" => Msg::CounterGroupInsurance,
        "family_planning" => Msg::CounterGroupFamilyPlanning,
        "move" => Msg::CounterGroupMove,
        other => return fill(l, Msg::CounterGroupOther, &[("group", other)]),
    };
    text(l, msg).to_string()
}

/// Whether a choice fact is shown as a drop-down list.
fn is_select(f: &Fact) -> bool {
    f.kind == FactKind::Choice && f.choices.len() > MAX_RADIOS
}

/// What kind of boxes a fact has, for tests and styles (`data-kind`).
pub fn kind_id(f: &Fact) -> &'static str {
    match f.kind {
        FactKind::YesNo => "yes_no",
        FactKind::Choice if is_select(f) => "select",
        FactKind::Choice => "choice",
        FactKind::Date => "date",
        FactKind::Month => "month",
        FactKind::Duration => "duration",
        FactKind::Count => "count",
    }
}

/// The id of a fact's first box: where the error summary links to.
pub fn first_id(f: &Fact) -> String {
    match f.kind {
        FactKind::YesNo => format!("f-{}-{YES}", f.id),
        FactKind::Choice if !is_select(f) => f
            .choices
            .first()
            .map_or_else(|| format!("f-{}", f.id), |c| format!("f-{}-{}", f.id, c.id)),
        FactKind::Duration => format!("f-{}-y", f.id),
        _ => format!("f-{}", f.id),
    }
}

/// Space-separated ids for `aria-describedby`, or none.
fn described_by(ids: &[Option<String>]) -> Option<String> {
    let ids: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A radio whose group's value is `value` when checked.
pub fn radio(
    name: &str,
    id: String,
    value: String,
    label: String,
    sig: RwSignal<String>,
) -> AnyView {
    let (v1, v2) = (value.clone(), value.clone());
    view! {
        <div class="radio">
            <input type="radio" name=name.to_string() id=id.clone() value=value
                prop:checked=move || sig.with(|s| *s == v1)
                on:change=move |_| sig.set(v2.clone())/>
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}

/// One fact's boxes, its question as label, the note when the rules do not need it for the
/// chosen place and date, and its error beside it.
pub fn fact_field(
    l: Lang,
    f: &'static Fact,
    b: Boxes,
    needed: Memo<Option<BTreeSet<String>>>,
    errors: ReadSignal<Vec<FieldError>>,
) -> AnyView {
    let anchor = first_id(f);
    let base = format!("f-{}", f.id);
    let (note_id, error_id, hint_id) = (
        format!("{base}-note"),
        format!("{base}-error"),
        format!("{base}-hint"),
    );
    let error_memo = Memo::new(move |_| {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == anchor)
                .map(|e| e.message.clone())
        })
    });
    let error = move || error_memo.get();
    let is_needed = move || needed.with(|n| n.as_ref().is_none_or(|s| s.contains(&f.id)));
    let class = move || {
        let mut c = String::from("counter-field");
        if !is_needed() {
            c.push_str(" counter-unneeded");
        }
        if error().is_some() {
            c.push_str(" error");
        }
        c
    };
    let hint = match f.kind {
        FactKind::Date => Some(Msg::CounterDateFormat),
        FactKind::Month => Some(Msg::CounterMonthFormat),
        _ => None,
    };
    let has_hint = hint.is_some();
    let described = {
        let (note_id, error_id, hint_id) = (note_id.clone(), error_id.clone(), hint_id.clone());
        move || {
            described_by(&[
                has_hint.then(|| hint_id.clone()),
                (!is_needed()).then(|| note_id.clone()),
                error().map(|_| error_id.clone()),
            ])
        }
    };
    let note = move || {
        (!is_needed())
            .then(|| view! { <p class="counter-note" id=note_id.clone()>{text(l, Msg::CounterNotNeeded)}</p> })
    };
    let error_view =
        move || error().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> });
    let question = f.question.get(l).to_string();
    let invalid = move || error().is_some().then_some("true");

    match f.kind {
        FactKind::YesNo | FactKind::Choice if !is_select(f) => {
            let mut options: Vec<(String, String)> = if f.kind == FactKind::YesNo {
                vec![
                    (YES.into(), text(l, Msg::Yes).into()),
                    (NO.into(), text(l, Msg::No).into()),
                ]
            } else {
                f.choices
                    .iter()
                    .map(|c| (c.id.clone(), c.label.get(l).to_string()))
                    .collect()
            };
            options.push((UNSURE.into(), text(l, Msg::CounterUnknown).into()));
            let radios = options
                .into_iter()
                .map(|(value, label)| {
                    let id = format!(
                        "{base}-{}",
                        if value == UNSURE {
                            "unsure"
                        } else {
                            value.as_str()
                        }
                    );
                    radio(&base, id, value, label, b.choice)
                })
                .collect_view();
            view! {
                <fieldset class=class data-fact=f.id.clone() data-kind=kind_id(f) aria-describedby=described>
                    <legend>{question}</legend>
                    {note}
                    {error_view}
                    <div class="counter-options">{radios}</div>
                </fieldset>
            }
            .into_any()
        }
        FactKind::Choice => {
            let sig = b.choice;
            let option = move |value: String, label: String| {
                let v = value.clone();
                view! { <option value=value prop:selected=move || sig.with(|s| *s == v)>{label}</option> }
            };
            let mut options = vec![option(String::new(), text(l, Msg::CounterChoose).into())];
            options.extend(
                f.choices
                    .iter()
                    .map(|c| option(c.id.clone(), c.label.get(l).to_string())),
            );
            options.push(option(UNSURE.into(), text(l, Msg::CounterUnknown).into()));
            view! {
                <div class=class data-fact=f.id.clone() data-kind=kind_id(f)>
                    <label for=base.clone()>{question}</label>
                    {note}
                    {error_view}
                    <select id=base.clone() aria-describedby=described aria-invalid=invalid
                        on:change=move |ev| sig.set(event_target_value(&ev))>
                        {options}
                    </select>
                </div>
            }
            .into_any()
        }
        FactKind::Duration => {
            let (y, m) = (format!("{base}-y"), format!("{base}-m"));
            view! {
                <fieldset class=class data-fact=f.id.clone() data-kind=kind_id(f) aria-describedby=described>
                    <legend>{question}</legend>
                    {note}
                    {error_view}
                    <div class="date-input">
                        <div>
                            <label for=y.clone()>{text(l, Msg::Years)}</label>
                            <input id=y class="w3" inputmode="numeric" autocomplete="off" spellcheck="false"
                                aria-invalid=invalid
                                prop:value=move || b.text.get() on:input=move |ev| b.text.set(event_target_value(&ev))/>
                        </div>
                        <div>
                            <label for=m.clone()>{text(l, Msg::Months)}</label>
                            <input id=m class="w3" inputmode="numeric" autocomplete="off" spellcheck="false"
                                aria-invalid=invalid
                                prop:value=move || b.months.get() on:input=move |ev| b.months.set(event_target_value(&ev))/>
                        </div>
                    </div>
                </fieldset>
            }
            .into_any()
        }
        kind => {
            let width = if kind == FactKind::Count { "w4" } else { "w10" };
            view! {
                <div class=class data-fact=f.id.clone() data-kind=kind_id(f)>
                    <label for=base.clone()>{question}</label>
                    {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{text(l, h)}</p> })}
                    {note}
                    {error_view}
                    <input id=base.clone() class=width inputmode="numeric" autocomplete="off" spellcheck="false"
                        aria-describedby=described aria-invalid=invalid
                        prop:value=move || b.text.get() on:input=move |ev| b.text.set(event_target_value(&ev))/>
                    {f.unit.as_ref().map(|u| view! { <span class="unit">{u.get(l).to_string()}</span> })}
                </div>
            }
            .into_any()
        }
    }
}
