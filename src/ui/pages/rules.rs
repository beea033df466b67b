//! The rules explorer (`?p=rules`, reached from every page's footer): every document by place
//! with its status and dates, the rule sets of each service, and a search over documents,
//! clauses and rules (every word of the query, in any order, each word found marked in the
//! snippet) whose results lead to the rule or clause on its document's page. The search
//! is kept in the address (`?p=rules&q=…`), so Back from a result returns to the same results.
//! The model is `crate::portal::explorer`, built once and tested natively.

use crate::engine::model::Service;
use crate::engine::text::Lang;
use crate::portal::explorer::{Field, Hit, query_from_search, search_href};
use crate::portal::messages::service_name;
use crate::portal::route::Route;
use crate::ui::components::{document_dates, quoted_title, ruleset_span, status_badge};
use crate::ui::explorer_model::model;
use crate::ui::language::{Msg, fill, lang, t, text};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Search results listed at most; a longer list asks for more words.
const MAX_HITS: usize = 50;

fn field_msg(f: Field) -> Msg {
    match f {
        Field::Number => Msg::ExplorerFieldNumber,
        Field::Title => Msg::ExplorerFieldTitle,
        Field::Summary => Msg::ExplorerFieldSummary,
        Field::Condition => Msg::ExplorerFieldCondition,
        Field::Material => Msg::ExplorerFieldMaterial,
        Field::RulesetTitle => Msg::ExplorerFieldRuleset,
        Field::ClauseLabel => Msg::ExplorerFieldClauseLabel,
        Field::ClauseText => Msg::ExplorerFieldClauseText,
    }
}

fn hit_view(l: Lang, h: Hit<'static>) -> impl IntoView {
    view! {
        <li class="ex-hit">
            <a class="ex-hit-link" href=h.href>{h.heading}</a>
            <p class="meta">{format!("{} · {}", text(l, field_msg(h.field)), h.context)}</p>
            <p class="ex-snippet">
                {h.snippet.pieces.into_iter().map(|p| if p.matched {
                    view! { <mark>{p.text}</mark> }.into_any()
                } else {
                    p.text.into_any()
                }).collect_view()}
            </p>
        </li>
    }
}

/// Keeps the search in the address without adding a history entry per keystroke.
fn put_in_address(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &leptos::wasm_bindgen::JsValue::NULL,
            "",
            Some(&search_href(query)),
        );
    }
}

/// The rules explorer (`?p=rules`): every document by place, and a search over documents and rules.
#[component]
pub fn RulesPage() -> impl IntoView {
    let lang = lang();
    let model = model();
    let query = RwSignal::new(query_from_search(
        &window().location().search().unwrap_or_default(),
    ));
    Effect::new(move |_| {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::ExplorerTitle), l);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        put_in_address(&query.get_untracked());
        // Like a form that loads a results page: move to the results, announced by their heading.
        if let Some(el) = document()
            .get_element_by_id("explorer-results-title")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        put_in_address(&value);
        query.set(value);
    };

    let results = move || {
        let l = lang.get();
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let hits = model.search(&q, l);
        let total = hits.len();
        let count = if total == 0 {
            fill(l, Msg::ExplorerResultsNone, &[("query", q.trim())])
        } else {
            fill(
                l,
                Msg::ExplorerResultsCount,
                &[("count", &total.to_string()), ("query", q.trim())],
            )
        };
        let list = hits
            .into_iter()
            .take(MAX_HITS)
            .map(|h| hit_view(l, h))
            .collect_view();
        Some(view! {
            <section class="ex-results" aria-labelledby="explorer-results-title">
                <h2 id="explorer-results-title" tabindex="-1">{text(l, Msg::ExplorerResultsTitle)}</h2>
                <p role="status">{count}</p>
                <ol class="ex-hits">{list}</ol>
                {(total > MAX_HITS).then(|| view! {
                    <p class="hint">{fill(l, Msg::ExplorerResultsMore, &[("shown", &MAX_HITS.to_string())])}</p>
                })}
            </section>
        })
    };

    let index = move || {
        let l = lang.get();
        let places = model
            .places
            .iter()
            .map(|p| {
                let name = p.name.map_or(p.id.to_string(), |n| n.get(l).to_string());
                let docs = p
                    .documents
                    .iter()
                    .filter_map(|&i| model.documents.get(i))
                    .map(|d| {
                        let counts = fill(
                            l,
                            Msg::ExplorerDocCounts,
                            &[
                                ("clauses", &d.clauses.len().to_string()),
                                ("rulesets", &d.rulesets.len().to_string()),
                            ],
                        );
                        view! {
                            <li class="ex-doc">
                                <a class="ex-doc-link" href=d.href.clone() lang="zh-Hans">{d.document.number.clone()}</a>
                                " "
                                {status_badge(l, d.document.status)}
                                <p class="ex-doc-title" lang="zh-Hans">{quoted_title(l, &d.document.title)}</p>
                                <p class="meta">{format!("{} · {counts}", document_dates(l, d.document))}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="ex-place">
                        <h3>{name}</h3>
                        <ul class="ex-docs">{docs}</ul>
                    </section>
                }
            })
            .collect_view();
        let services = Service::ALL
            .into_iter()
            .map(|s| {
                let list = model
                    .rulesets_of(s)
                    .into_iter()
                    .map(|(d, r)| {
                        let place = r.place_name.map_or(r.ruleset.place.clone(), |n| n.get(l).to_string());
                        let span = ruleset_span(l, r.ruleset.from, r.ruleset.to);
                        view! {
                            <li>
                                <a href=r.href.clone()>{r.ruleset.title.get(l).to_string()}</a>
                                <p class="meta">{format!("{place} · {} · {span}", d.document.number)}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="ex-service">
                        <h3>{service_name(l, s)}</h3>
                        <ul class="ruleset-list">{list}</ul>
                    </section>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="explorer-by-place">
                <h2 id="explorer-by-place">{text(l, Msg::ExplorerByPlace)}</h2>
                {places}
            </section>
            <section aria-labelledby="explorer-by-service">
                <h2 id="explorer-by-service">{text(l, Msg::ExplorerByService)}</h2>
                <p class="hint">{text(l, Msg::ExplorerByServiceHint)}</p>
                {services}
            </section>
        }
    };

    view! {
        <h1 tabindex="-1">{t(Msg::ExplorerTitle)}</h1>
        <p class="lead">{t(Msg::ExplorerLead)}</p>
        <form class="ex-search" role="search" action="" on:submit=on_submit>
            <label class="label" for="explorer-q">{t(Msg::ExplorerSearchLabel)}</label>
            <p class="hint" id="explorer-q-hint">{t(Msg::ExplorerSearchHint)}</p>
            <div class="ex-search-row">
                <input
                    type="search"
                    id="explorer-q"
                    name="q"
                    autocomplete="off"
                    aria-describedby="explorer-q-hint"
                    prop:value=query.get_untracked()
                    on:input=on_input
                />
                <button type="submit" class="button">{t(Msg::ExplorerSearchButton)}</button>
            </div>
        </form>
        {results}
        {index}
        // Moving to the draft check is a page load: it is a program of its own.
        <p class="draft-link"><a href=Route::Draft.href()>{t(Msg::DraftLink)}</a></p>
    }
}
