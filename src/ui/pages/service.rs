//! What one service covers, where the data has rules for it, and the way in.

use crate::engine::model::Service;
use crate::portal::messages::service_name;
use crate::portal::route::Route;
use crate::ui::household::answers;
use crate::ui::language::{Msg, lang, text};
use crate::ui::navigation::navigate;
use crate::ui::site::index;
use leptos::prelude::*;

/// What one service covers (`?p=service/<id>`), where the data has rules for it, and the way in.
#[component]
pub fn ServicePage(
    /// The service the page is about.
    service: Service,
) -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let data = index();
    let about = match service {
        Service::School => Msg::ServiceSchoolAbout,
        Service::Insurance => Msg::ServiceInsuranceAbout,
        Service::Permit => Msg::ServicePermitAbout,
        Service::Benefits => Msg::ServiceBenefitsAbout,
    };
    let begin = move |_| {
        ctx.answers.update(|a| a.services = vec![service]);
        navigate(&Route::Start);
    };
    move || {
        let l = lang.get();
        crate::ui::frame::set_title(service_name(l, service), l);
        let rulesets: Vec<_> = data
            .rulesets
            .iter()
            .filter(|r| r.service == service)
            .collect();
        view! {
            <a class="back-link" href=Route::Start.href()>{text(l, Msg::Back)}</a>
            <h1 tabindex="-1">{service_name(l, service)}</h1>
            <p class="lead">{text(l, about)}</p>
            <button type="button" class="button start" on:click=begin>{text(l, Msg::ServiceBegin)}</button>
            <h2>{text(l, Msg::ServiceRulesTitle)}</h2>
            <ul class="ruleset-list">
                {rulesets.into_iter().map(|r| {
                    let place = data.place(&r.place).map(|p| p.name.get(l).to_string()).unwrap_or_default();
                    let doc = data.document(&r.document).map(|d| d.number.clone()).unwrap_or_default();
                    view! {
                        <li>
                            <a href=Route::Document(r.document.clone()).href()>{r.title.get(l).to_string()}</a>
                            <span class="meta">{format!(" · {place} · {doc}")}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    }
}
