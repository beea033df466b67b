//! 'Check a draft' (`?p=draft`, linked from the rules explorer): a bureau maintainer chooses the
//! data files they changed or added; the page puts them into this build's own data files,
//! reads, validates and runs every policy case on the result (`crate::portal::draft`, the same
//! code as `anju-policy check`), lists each problem with its file and line, and previews the
//! answers for one case's household on the draft. The files are read on the device; nothing is
//! sent anywhere.

use crate::engine::source::Files;
use crate::engine::text::Lang;
use crate::portal::draft::{DraftCheck, Placement, Unplaced, check};
use crate::portal::results_html::{Options, render};
use crate::ui::language::{Msg, fill, lang, t, text};
use crate::ui::site::load_data_files;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::sync::Arc;

/// The build's data files: not yet here, here, or not downloaded.
#[derive(Clone)]
enum Base {
    Loading,
    Ready(Arc<Files>),
    Failed,
}

/// The files chosen in the file input, as (name, text).
async fn chosen_files() -> Vec<(String, String)> {
    let Some(list) = document()
        .get_element_by_id("draft-files")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
    else {
        return Vec::new();
    };
    let mut chosen = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        // A file that cannot be read as text is checked as empty, and so reported.
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        chosen.push((file.name(), text));
    }
    chosen
}

/// Where each chosen file went, one line a file.
fn placements(l: Lang, c: &DraftCheck) -> impl IntoView + use<> {
    let items = c
        .placed
        .iter()
        .map(|(name, p)| {
            let (line, detail) = match p {
                Placement::Replaces(path) => (
                    fill(l, Msg::DraftReplaces, &[("name", name), ("path", path)]),
                    None,
                ),
                Placement::Adds(path) => (
                    fill(l, Msg::DraftAdds, &[("name", name), ("path", path)]),
                    None,
                ),
                Placement::Unplaced(Unplaced::NotToml(e)) => (
                    fill(l, Msg::DraftNotToml, &[("name", name)]),
                    Some(e.to_string()),
                ),
                Placement::Unplaced(Unplaced::UnknownKind) => {
                    (fill(l, Msg::DraftUnknownKind, &[("name", name)]), None)
                }
            };
            view! {
                <li>{line}{detail.map(|d| view! { <br/><code lang="en">{d}</code> })}</li>
            }
        })
        .collect_view();
    view! { <ul class="draft-files">{items}</ul> }
}

/// The check's findings: no problem, or every problem with its file and line.
fn findings(l: Lang, c: &DraftCheck) -> impl IntoView + use<> {
    let mut problems: Vec<String> = match &c.read {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| format!("policy-data/{e}")).collect(),
    };
    problems.extend(c.failing.iter().map(|f| format!("policy-data/{f}")));
    if let (true, Ok(loaded)) = (c.passes(), &c.read) {
        let ok = fill(
            l,
            Msg::DraftOk,
            &[
                ("rulesets", &loaded.data.rulesets.len().to_string()),
                ("documents", &loaded.data.documents.len().to_string()),
                ("cases", &loaded.cases.len().to_string()),
            ],
        );
        return view! { <p class="draft-ok answer-good">{ok}</p> }.into_any();
    }
    if problems.is_empty() {
        // Nothing wrong in the data, but a chosen file was not used: said above, per file.
        return ().into_any();
    }
    let count = problems.len().to_string();
    view! {
        <p class="draft-problems answer-bad">{fill(l, Msg::DraftProblems, &[("count", &count)])}</p>
        <ul class="draft-problem-list" lang="en">
            {problems.into_iter().map(|p| view! { <li><pre>{p}</pre></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The answers for one case's household on the draft, as the results page gives them.
fn preview(l: Lang, c: Arc<DraftCheck>, chosen: RwSignal<usize>) -> impl IntoView {
    let Ok(loaded) = &c.read else {
        return ().into_any();
    };
    let options = loaded
        .cases
        .iter()
        .enumerate()
        .map(|(i, (file, case))| {
            view! { <option value=i.to_string()>{format!("{} ({file})", case.name)}</option> }
        })
        .collect_view();
    let c2 = c.clone();
    let body = move || {
        let Ok(loaded) = &c2.read else {
            return String::new();
        };
        let Some((_, case)) = loaded.cases.get(chosen.get()) else {
            return String::new();
        };
        let answers = case.answers();
        match loaded.data.evaluate(&answers, case.date) {
            Ok(eval) => render(
                &eval,
                l,
                &Options {
                    id_prefix: "draft-",
                    heading: 3,
                    glance: false,
                },
            ),
            Err(e) => format!("<p>{e}</p>"),
        }
    };
    view! {
        <section class="draft-preview" aria-labelledby="draft-preview-title">
            <h2 id="draft-preview-title">{text(l, Msg::DraftPreviewTitle)}</h2>
            <label class="label" for="draft-household">{text(l, Msg::DraftPreviewLabel)}</label>
            <select id="draft-household" on:change=move |ev| {
                chosen.set(event_target_value(&ev).parse().unwrap_or(0));
            }>{options}</select>
            <div class="results-body" inner_html=body></div>
        </section>
    }
    .into_any()
}

/// The draft check (`?p=draft`).
#[component]
pub fn DraftPage() -> impl IntoView {
    let lang = lang();
    let base = RwSignal::new(Base::Loading);
    let report = RwSignal::new(None::<Arc<DraftCheck>>);
    let nothing_chosen = RwSignal::new(false);
    let household = RwSignal::new(0usize);
    Effect::new(move |_| {
        let l = lang.get();
        crate::ui::frame::set_title(text(l, Msg::DraftTitle), l);
    });
    leptos::task::spawn_local(async move {
        base.set(match load_data_files().await {
            Ok(files) => Base::Ready(Arc::new(files)),
            Err(e) => {
                leptos::logging::error!("{e}");
                Base::Failed
            }
        });
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Base::Ready(files) = base.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let chosen = chosen_files().await;
            nothing_chosen.set(chosen.is_empty());
            if chosen.is_empty() {
                report.set(None);
                return;
            }
            household.set(0);
            report.set(Some(Arc::new(check(&files, &chosen))));
            // Like a form that loads a results page: move to the findings, once drawn.
            request_animation_frame(|| {
                if let Some(el) = document()
                    .get_element_by_id("draft-report-title")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            });
        });
    };
    let status = move || match base.get() {
        Base::Loading => {
            view! { <p class="notice" role="status">{t(Msg::DraftLoading)}</p> }.into_any()
        }
        Base::Failed => {
            view! { <p class="error" role="alert">{t(Msg::DraftLoadFailed)}</p> }.into_any()
        }
        Base::Ready(_) => ().into_any(),
    };
    let found = move || {
        let l = lang.get();
        report.get().map(|c| {
            view! {
                <section class="draft-report" aria-labelledby="draft-report-title">
                    <h2 id="draft-report-title" tabindex="-1">{text(l, Msg::DraftReportTitle)}</h2>
                    {placements(l, &c)}
                    {findings(l, &c)}
                    <p class="hint">{text(l, Msg::DraftQuotes)}</p>
                </section>
                {preview(l, c.clone(), household)}
            }
        })
    };
    view! {
        <h1 tabindex="-1">{t(Msg::DraftTitle)}</h1>
        <p class="lead">{t(Msg::DraftLead)}</p>
        <p>{t(Msg::DraftPrivate)}</p>
        {status}
        <form class="draft-form" action="" on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="draft-files">{t(Msg::DraftFilesLabel)}</label>
                <p class="hint" id="draft-files-hint">{t(Msg::DraftFilesHint)}</p>
                {move || nothing_chosen.get().then(|| view! {
                    <p class="field-error" role="alert">{t(Msg::DraftNoneChosen)}</p>
                })}
                <input type="file" id="draft-files" multiple accept=".toml" aria-describedby="draft-files-hint"/>
            </div>
            <button type="submit" class="button" prop:disabled=move || !matches!(base.get(), Base::Ready(_))>
                {t(Msg::DraftCheckButton)}
            </button>
        </form>
        {found}
    }
}
