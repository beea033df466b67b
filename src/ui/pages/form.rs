//! One printable form: on screen, what will print empty and a Print button; on paper (A4, black
//! on white), the form as the office lays it out, the materials checklist with its clauses, and a
//! footer with the document basis, the date printed, "prepared by the resident", and the share
//! QR code (answers only, never identity).

use crate::engine::text::Lang;
use crate::portal::forms::{
    BASIS_LABEL, FilledForm, FormId, NOT_OFFICIAL, PRINTED_LABEL, Row, date_zh, fill,
};
use crate::portal::messages::form_about;
use crate::portal::route::Route;
use crate::ui::components::{NotFound, qr_svg, share_url};
use crate::ui::household::{answers, today};
use crate::ui::identity_details::identity;
use crate::ui::language::{Msg, lang, text};
use crate::ui::site::data;
use leptos::prelude::*;

/// Two boxes a line, as paper forms are laid out (on a phone, by CSS, one box a line, its label
/// beside its value or, with large text, above it).
fn pairs(rows: Vec<Row>) -> Vec<Vec<Row>> {
    let mut out: Vec<Vec<Row>> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(last) if last.len() < 2 => last.push(r),
            _ => out.push(vec![r]),
        }
    }
    out
}

/// One box that will print empty, named in the reader's language with whose it is, and the
/// label as printed beside it (in Chinese, marked as such): "Child's name (学生姓名)".
fn empty_box(l: Lang, row: &Row) -> impl IntoView + use<> {
    let (name, printed) = row.screen_name(l);
    let item = match printed {
        Some(label) => {
            let pattern = text(l, Msg::FormMissingBox).replace("{box}", &name);
            let (before, after) = pattern.split_once("{label}").unwrap_or((&pattern, ""));
            let (before, after) = (before.to_string(), after.to_string());
            view! { {before}<span lang="zh-Hans">{label}</span>{after} }.into_any()
        }
        None => name.into_any(),
    };
    view! { <li>{item}</li> }
}

fn sheet(form: FilledForm, printed: String, url: String) -> impl IntoView {
    let qr = qr_svg(&url);
    // Sections fill the first page; the checklist and footer start the second where the paper
    // form has two.
    let second_page = form.id.pages() > 1;
    let title = form.title;
    let checklist_title = form.checklist_title;
    let has_notes = !form.notes.is_empty();
    let has_letter = !form.letter.is_empty();
    let basis = form.basis.join(";");
    view! {
        <article class="form-sheet" lang="zh-Hans" aria-label=title>
            <h2 class="form-title">{title}</h2>
            {form.sections.into_iter().map(|s| view! {
                <table class="form-table">
                    <caption>{s.heading}</caption>
                    <tbody>
                        {pairs(s.rows).into_iter().map(|pair| view! {
                            <tr>
                                {pair.into_iter().map(|r| {
                                    let class = if r.value.is_none() { "blank" } else { "filled" };
                                    view! {
                                        <th scope="row">{r.label}</th>
                                        <td class=class>{r.value.unwrap_or_default()}</td>
                                    }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
            {has_letter.then(|| view! {
                <div class="form-letter">{form.letter.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}</div>
            })}
            <section class=if second_page { "form-part page-break" } else { "form-part" }>
                <h3>{checklist_title}</h3>
                <ul class="checklist">
                    {form.checklist.into_iter().map(|c| view! {
                        <li><span class="box" aria-hidden="true">"☐"</span>" "{c.text.clone()}<span class="cite">{c.bracketed_cite()}</span></li>
                    }).collect_view()}
                </ul>
                {has_notes.then(|| view! {
                    <ul class="form-notes">
                        {form.notes.into_iter().map(|c| view! { <li>{c.text.clone()}<span class="cite">{c.bracketed_cite()}</span></li> }).collect_view()}
                    </ul>
                })}
                <footer class="form-footer">
                    <div class="form-footer-text">
                        <p>{BASIS_LABEL}{basis}</p>
                        <p>{PRINTED_LABEL}{printed}</p>
                        <p class="not-official">{NOT_OFFICIAL}</p>
                        <p class="qr-link" translate="no">{url}</p>
                    </div>
                    {qr.map(|svg| view! { <div class="form-qr" inner_html=svg></div> })}
                </footer>
            </section>
        </article>
    }
}

/// One printable form (`?p=form/<id>`), filled from the answers and the identity details.
#[component]
pub fn FormPage(
    /// The form's id from the link (`enrolment`); an unknown one shows the not-found page.
    id: String,
) -> impl IntoView {
    let lang = lang();
    let ctx = answers();
    let details = identity();
    let data = data();
    let Some(form_id) = FormId::from_id(&id) else {
        return view! { <NotFound/> }.into_any();
    };
    (move || {
        let l = lang.get();
        crate::ui::frame::set_title(form_id.title(), l);
        let a = ctx.answers.get();
        let form = fill(form_id, data, &a, &details.get(), today());
        let empty: Vec<_> = form.missing().into_iter().map(|r| empty_box(l, r)).collect();
        let url = share_url(&a);
        let print = move |_| {
            let _ = window().print();
        };
        view! {
            <div class="screen-only form-pages">
                <a class="back-link" href=Route::Forms.href()>{text(l, Msg::Back)}</a>
                <h1 tabindex="-1" lang="zh-Hans">{form_id.title()}</h1>
                <p>{text(l, form_about(form_id))}</p>
                {(!empty.is_empty()).then(|| view! {
                    <div class="notice" role="status">
                        <p>{text(l, Msg::FormMissing)}</p>
                        <ul class="empty-boxes">{empty}</ul>
                        <p class="button-row">
                            <a class="button secondary" href=Route::Details.href()>{text(l, Msg::FormsDetailsButton)}</a>
                            <a class="button secondary" href=Route::Check.href()>{text(l, Msg::ChangeAnswers)}</a>
                        </p>
                    </div>
                })}
                <p class="hint">{text(l, Msg::FormPrintHint)}</p>
                <button type="button" class="button print-button" on:click=print>{text(l, Msg::FormPrint)}</button>
            </div>
            {sheet(form, date_zh(today()), url)}
        }
    })
    .into_any()
}
