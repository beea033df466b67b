//! The forms that can be printed, filled in from the answers, and where to type the names and
//! numbers they need.

use crate::portal::forms::FormId;
use crate::portal::route::Route;
use crate::ui::identity_details::identity;
use crate::ui::language::{Msg, lang, text};
use leptos::prelude::*;

fn form_about(id: FormId) -> Msg {
    match id {
        FormId::Enrolment => Msg::FormsEnrolmentAbout,
        FormId::Residence => Msg::FormsResidenceAbout,
        FormId::Marriage => Msg::FormsMarriageAbout,
        FormId::Guardianship => Msg::FormsGuardianshipAbout,
    }
}

/// The forms page (`?p=forms`): every printable form, what it is for, and where to type details.
#[component]
pub fn FormsPage() -> impl IntoView {
    let lang = lang();
    let id = identity();
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::FormsTitle), l);
        let has_details = !id.with(|i| i.typed_values().is_empty());
        view! {
            <div class="form-pages">
                <a class="back-link" href=Route::Results.href()>{text(l, Msg::Back)}</a>
                <h1 tabindex="-1">{text(l, Msg::FormsTitle)}</h1>
                <p class="lead">{text(l, Msg::FormsLead)}</p>
                <div class="panel">
                    <p>{text(l, if has_details { Msg::FormsDetailsGiven } else { Msg::FormsDetailsMissing })}</p>
                    <a class="button secondary" href=Route::Details.href()>{text(l, Msg::FormsDetailsButton)}</a>
                </div>
                <ul class="form-list">
                    {FormId::ALL.into_iter().map(|f| view! {
                        <li>
                            <a href=Route::Form(f.id().into()).href() lang="zh-Hans">{f.title()}</a>
                            <p class="hint">{text(l, form_about(f))}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        }
    }
}
