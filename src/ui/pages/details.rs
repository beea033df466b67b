//! Identity details for the printed forms: typed here, checked (the identity number's check
//! character, and its birth date and sex against the answers), and kept on this device only.

use crate::engine::text::Lang;
use crate::portal::idcard::IdError;
use crate::portal::idcard::IdNumber;
use crate::portal::identity::{Field, Identity, Problem};
use crate::portal::route::Route;
use crate::ui::components::{BackLink, ErrorSummary, FieldError};
use crate::ui::device_storage::{Area, is_counter_tab};
use crate::ui::household::answers;
use crate::ui::identity_details::{forget_in, identity, kept_on_device, save};
use crate::ui::language::{Msg, lang, text};
use crate::ui::navigation::navigate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// A text box bound to one field of the draft.
struct Input {
    id: &'static str,
    label: Msg,
    hint: Option<Msg>,
    mode: &'static str,
    get: fn(&Identity) -> &String,
    set: fn(&mut Identity, String),
}

fn field_id(f: Field) -> &'static str {
    match f {
        Field::ApplicantId => "applicant-id",
        Field::OtherParentId => "other-id",
        Field::ChildId => "child-id",
        Field::ApplicantPhone => "applicant-phone",
        Field::OtherParentPhone => "other-phone",
    }
}

fn problem_text(l: Lang, p: Problem) -> String {
    match p {
        Problem::Id(IdError::Length(n)) => {
            crate::ui::language::fill(l, Msg::DetailsErrIdLength, &[("n", &n.to_string())])
        }
        Problem::Id(IdError::Characters) => text(l, Msg::DetailsErrIdCharacters).into(),
        Problem::Id(IdError::Region) => text(l, Msg::DetailsErrIdRegion).into(),
        Problem::Id(IdError::BirthDate) => text(l, Msg::DetailsErrIdBirth).into(),
        Problem::Id(IdError::CheckDigit { .. }) => text(l, Msg::DetailsErrIdCheck).into(),
        Problem::BirthDateDiffers => text(l, Msg::DetailsErrBirthDiffers).into(),
        Problem::SexDiffers => text(l, Msg::DetailsErrSexDiffers).into(),
        Problem::Phone => text(l, Msg::DetailsErrPhone).into(),
    }
}

/// The boxes for one person of the household; the child needs only a few.
fn person_inputs(who: &str) -> Vec<Input> {
    macro_rules! person {
        ($field:ident, $prefix:literal) => {
            vec![
                Input {
                    id: concat!($prefix, "-name"),
                    label: Msg::DetailsName,
                    hint: None,
                    mode: "text",
                    get: |i| &i.$field.name,
                    set: |i, v| i.$field.name = v,
                },
                Input {
                    id: concat!($prefix, "-id"),
                    label: Msg::DetailsIdNumber,
                    hint: Some(Msg::DetailsIdHint),
                    mode: "text",
                    get: |i| &i.$field.id_number,
                    set: |i, v| i.$field.id_number = v,
                },
                Input {
                    id: concat!($prefix, "-phone"),
                    label: Msg::DetailsPhone,
                    hint: None,
                    mode: "tel",
                    get: |i| &i.$field.phone,
                    set: |i, v| i.$field.phone = v,
                },
                Input {
                    id: concat!($prefix, "-ethnicity"),
                    label: Msg::DetailsEthnicity,
                    hint: None,
                    mode: "text",
                    get: |i| &i.$field.ethnicity,
                    set: |i, v| i.$field.ethnicity = v,
                },
                Input {
                    id: concat!($prefix, "-relation"),
                    label: Msg::DetailsRelation,
                    hint: None,
                    mode: "text",
                    get: |i| &i.$field.relation,
                    set: |i, v| i.$field.relation = v,
                },
                Input {
                    id: concat!($prefix, "-marital"),
                    label: Msg::DetailsMarital,
                    hint: None,
                    mode: "text",
                    get: |i| &i.$field.marital_status,
                    set: |i, v| i.$field.marital_status = v,
                },
                Input {
                    id: concat!($prefix, "-political"),
                    label: Msg::DetailsPolitical,
                    hint: None,
                    mode: "text",
                    get: |i| &i.$field.political_status,
                    set: |i, v| i.$field.political_status = v,
                },
                Input {
                    id: concat!($prefix, "-employer"),
                    label: Msg::DetailsEmployer,
                    hint: None,
                    mode: "text",
                    get: |i| &i.$field.employer,
                    set: |i, v| i.$field.employer = v,
                },
            ]
        };
    }
    match who {
        "applicant" => person!(applicant, "applicant"),
        "other" => person!(other_parent, "other"),
        _ => person!(child, "child")
            .into_iter()
            .filter(|i| {
                matches!(
                    i.label,
                    Msg::DetailsName | Msg::DetailsIdNumber | Msg::DetailsEthnicity
                )
            })
            .collect(),
    }
}

fn household_inputs() -> Vec<Input> {
    vec![
        Input {
            id: "hukou-address",
            label: Msg::DetailsHukouAddress,
            hint: None,
            mode: "text",
            get: |i| &i.hukou_address,
            set: |i, v| i.hukou_address = v,
        },
        Input {
            id: "hukou-township",
            label: Msg::DetailsHukouTownship,
            hint: Some(Msg::DetailsHukouTownshipHint),
            mode: "text",
            get: |i| &i.hukou_township,
            set: |i, v| i.hukou_township = v,
        },
        Input {
            id: "residence-address",
            label: Msg::DetailsResidenceAddress,
            hint: None,
            mode: "text",
            get: |i| &i.residence_address,
            set: |i, v| i.residence_address = v,
        },
    ]
}

/// The identity details page (`?p=details`): names and numbers for the forms, kept on this device.
#[component]
pub fn DetailsPage() -> impl IntoView {
    let lang = lang();
    let saved = identity();
    let ctx = answers();
    let draft = RwSignal::new(saved.get_untracked());
    let (errors, set_errors) = signal(Vec::<FieldError>::new());
    // Kept only in this tab unless the person chooses this phone (never on a counter tab).
    let counter_tab = is_counter_tab();
    let keep = RwSignal::new(kept_on_device());
    let forgotten = RwSignal::new(false);
    let forget = move |_| {
        forget_in(Area::Device);
        forget_in(Area::Tab);
        draft.set(Identity::new());
        saved.set(Identity::new());
        keep.set(false);
        forgotten.set(true);
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        // ID numbers are kept as the standard writes them: no spaces, half-width, capital X.
        let mut d = draft.get_untracked();
        for p in [&mut d.applicant, &mut d.other_parent, &mut d.child] {
            if let Ok(id) = IdNumber::parse(&p.id_number) {
                p.id_number = id.as_str().to_string();
            }
        }
        draft.set(d.clone());
        let problems = d.problems(&ctx.answers.get_untracked());
        if problems.is_empty() {
            save(&d, keep.get_untracked());
            saved.set(d);
            navigate(&Route::Forms);
        } else {
            set_errors.set(
                problems
                    .into_iter()
                    .map(|(f, p)| FieldError {
                        field: field_id(f).into(),
                        message: problem_text(l, p),
                    })
                    .collect(),
            );
        }
    };

    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::DetailsTitle), l);
        let render = |inputs: Vec<Input>| {
            inputs
                .into_iter()
                .map(|input| {
                    let id = input.id;
                    let error = move || errors.get().into_iter().find(|e| e.field == id).map(|e| e.message);
                    let hint_id = format!("{id}-hint");
                    view! {
                        <div class=move || if error().is_some() { "form-group error" } else { "form-group" }>
                            <label class="label" for=id>{text(l, input.label)}</label>
                            {input.hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{text(l, h)}</p> })}
                            {move || error().map(|m| view! { <p class="field-error">{m}</p> })}
                            <input id=id class="w20" autocomplete="off" inputmode=input.mode spellcheck="false"
                                aria-describedby=input.hint.map(|_| hint_id.clone())
                                prop:value=move || (input.get)(&draft.get()).clone()
                                on:input=move |ev| draft.update(|d| (input.set)(d, event_target_value(&ev)))/>
                        </div>
                    }
                })
                .collect_view()
        };
        view! {
            <div class="form-pages">
                <BackLink href=Route::Forms.href()/>
                <h1 tabindex="-1">{text(l, Msg::DetailsTitle)}</h1>
                <p class="lead">{text(l, Msg::DetailsLead)}</p>
                <p class="panel">{text(l, Msg::DetailsPrivacy)}</p>
                <ErrorSummary errors=errors/>
                <form novalidate on:submit=on_submit>
                    <fieldset><legend class="legend-m">{text(l, Msg::DetailsApplicant)}</legend>{render(person_inputs("applicant"))}</fieldset>
                    <fieldset><legend class="legend-m">{text(l, Msg::DetailsOtherParent)}</legend>{render(person_inputs("other"))}</fieldset>
                    <fieldset><legend class="legend-m">{text(l, Msg::DetailsChild)}</legend>{render(person_inputs("child"))}</fieldset>
                    <fieldset><legend class="legend-m">{text(l, Msg::DetailsHousehold)}</legend>{render(household_inputs())}</fieldset>
                    {if counter_tab {
                        view! { <p class="hint">{text(l, Msg::DetailsTabOnlyCounter)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id="details-keep" aria-describedby="details-keep-hint"
                                    prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev))/>
                                <label for="details-keep">{text(l, Msg::DetailsKeep)}</label>
                                <p class="hint" id="details-keep-hint">{text(l, Msg::DetailsKeepHint)}</p>
                            </div>
                        }.into_any()
                    }}
                    <p class="button-row">
                        <button type="submit" class="button">{text(l, Msg::DetailsSave)}</button>
                        <button type="button" class="button warning" on:click=forget>{text(l, Msg::DetailsForget)}</button>
                    </p>
                    {move || forgotten.get().then(|| view! { <p role="status">{text(l, Msg::DetailsForgotten)}</p> })}
                </form>
            </div>
        }
    }
}
