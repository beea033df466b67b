//! One determination on screen: the outcome in a sentence, the reasons with their clauses, what
//! would change it and from when, what to bring and where to go. And the header of a rule set:
//! the document's number, date and standing, always visible.

use crate::engine::eval::{Determination, Node, RulesetResult, Standing, Status, Truth};
use crate::engine::model::{Cited, OutcomeKind};
use crate::engine::text::Lang;
use crate::portal::route::Route;
use crate::ui::components::ClauseCite;
use crate::ui::language::{Msg, date_text, fill, text};
use leptos::prelude::*;

fn truth_msg(t: Truth) -> Msg {
    match t {
        Truth::Met => Msg::TruthMet,
        Truth::NotMet => Msg::TruthNotMet,
        Truth::Unknown => Msg::TruthUnknown,
        Truth::Ambiguous => Msg::TruthAmbiguous,
    }
}

fn truth_class(t: Truth) -> &'static str {
    match t {
        Truth::Met => "met",
        Truth::NotMet => "not-met",
        Truth::Unknown => "unknown",
        Truth::Ambiguous => "ambiguous",
    }
}

fn standing_msg(s: Standing) -> Msg {
    match s {
        Standing::InForce => Msg::StandingInForce,
        Standing::Historical => Msg::StandingHistorical,
        Standing::Repealed => Msg::StandingRepealed,
        Standing::StatusUnknown => Msg::StandingUnknown,
    }
}

/// The document behind a rule set: number, title, dates and standing.
pub fn ruleset_header(result: &RulesetResult, lang: Lang) -> AnyView {
    let doc = result.document;
    let rs = result.ruleset;
    let dates = [
        doc.issued
            .map(|d| fill(lang, Msg::DocIssued, &[("date", &date_text(lang, d))])),
        doc.in_force
            .map(|d| fill(lang, Msg::DocInForce, &[("date", &date_text(lang, d))])),
        doc.repealed
            .map(|d| fill(lang, Msg::DocRepealed, &[("date", &date_text(lang, d))])),
        rs.to
            .map(|d| fill(lang, Msg::RulesEnded, &[("date", &date_text(lang, d))])),
    ];
    let dates: Vec<String> = dates.into_iter().flatten().collect();
    let standing = result.standing;
    view! {
        <header class="ruleset-header">
            <h3>{rs.title.get(lang).to_string()}</h3>
            <p class="document">
                <span class=format!("standing standing-{}", match standing {
                    Standing::InForce => "in-force",
                    Standing::Historical => "historical",
                    Standing::Repealed => "repealed",
                    Standing::StatusUnknown => "unknown",
                })>{text(lang, standing_msg(standing))}</span>
                " "
                <span class="doc-number" lang="zh-Hans">{doc.number.clone()}</span>
                " "
                <span class="doc-title" lang="zh-Hans">{format!("《{}》", doc.title)}</span> // i18n-exempt: title marks
            </p>
            <p class="doc-dates">{dates.join(" · ")}</p>
            {doc.status_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(lang).to_string()}</p> })}
            {rs.from_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(lang).to_string()}</p> })}
            {rs.to_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(lang).to_string()}</p> })}
            {(!rs.gaps.is_empty()).then(|| view! {
                <div class="gaps">
                    <p class="gaps-title">{text(lang, Msg::GapsTitle)}</p>
                    <ul>{rs.gaps.iter().map(|g| view! { <li>{g.get(lang).to_string()}</li> }).collect_view()}</ul>
                </div>
            })}
        </header>
    }
    .into_any()
}

/// The reasons worth listing: every leaf, and every group that carries a note (an unclear list,
/// a disputed condition), once each.
fn reasons<'s, 'a>(d: &'s Determination<'a>) -> Vec<&'s Node<'a>> {
    fn walk<'s, 'a>(n: &'s Node<'a>, out: &mut Vec<&'s Node<'a>>) {
        if n.children.is_empty() || n.note.is_some() {
            let key = n.condition.label.as_ref().map(|l| &l.zh);
            if key.is_none()
                || !out
                    .iter()
                    .any(|o| o.condition.label.as_ref().map(|l| &l.zh) == key)
            {
                out.push(n);
            }
        }
        for c in &n.children {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    for r in d.counted() {
        if let Some(n) = &r.node {
            walk(n, &mut out);
        }
    }
    out
}

/// What a condition says, for a person: its label, or for an unlabelled negation, the negated
/// label of what it negates.
fn node_label(n: &Node, lang: Lang) -> Option<String> {
    if let Some(l) = &n.condition.label {
        return Some(l.get(lang).to_string());
    }
    match (&n.condition.test, n.children.first()) {
        (crate::engine::model::Test::Not(_), Some(inner)) => {
            node_label(inner, lang).map(|l| fill(lang, Msg::NotLabel, &[("condition", &l)]))
        }
        _ => n.name.map(str::to_string),
    }
}

fn reason_view(n: &Node, document: &str, lang: Lang) -> AnyView {
    let label = node_label(n, lang).unwrap_or_default();
    let when = match (n.from, n.until) {
        (Some(d), _) => Some(fill(
            lang,
            Msg::ReasonHoldsFrom,
            &[("date", &date_text(lang, d))],
        )),
        (_, Some(d)) => Some(fill(
            lang,
            Msg::ReasonHoldsUntil,
            &[("date", &date_text(lang, d))],
        )),
        _ => None,
    };
    let change = n
        .condition
        .fact()
        .filter(|_| n.truth == Truth::Unknown)
        .map(|f| {
            let href = Route::Question {
                fact: f.to_string(),
                back_to_check: false,
            }
            .href();
            view! { <a class="answer-link" href=href>{text(lang, Msg::ReasonAnswer)}</a> }
        });
    view! {
        <li class=format!("reason truth-{}", truth_class(n.truth))>
            <span class="truth">{text(lang, truth_msg(n.truth))}</span>
            " "
            <span class="reason-label">{label}</span>
            {when.map(|w| view! { <span class="reason-when">{w}</span> })}
            {n.note.map(|note| view! { <p class="reason-note">{note.get(lang).to_string()}</p> })}
            {change}
            {n.condition.clause.clone().map(|c| view! { <ClauseCite document=document.to_string() clause=c/> })}
        </li>
    }
    .into_any()
}

fn cited_list(items: &[Cited], document: &str, lang: Lang, heading: Msg) -> Option<AnyView> {
    (!items.is_empty()).then(|| {
        view! {
            <h4>{text(lang, heading)}</h4>
            <ul class="cited-list">
                {items
                    .iter()
                    .map(|m| view! {
                        <li>
                            {m.text.get(lang).to_string()}
                            <ClauseCite document=document.to_string() clause=m.clause.clone()/>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    })
}

fn outcome_class(kind: OutcomeKind) -> &'static str {
    match kind {
        k if k.is_favourable() => "good",
        OutcomeKind::NotEligible | OutcomeKind::NotCovered | OutcomeKind::NoPermit => "bad",
        _ => "neutral",
    }
}

/// The id of a determination's section, for links to it.
pub fn anchor(d: &Determination) -> String {
    format!("det-{}-{}", d.ruleset.id, d.decision.id)
}

/// A determination, rendered for `lang`.
pub fn determination_view(d: &Determination, lang: Lang, next_question: Option<Route>) -> AnyView {
    let document = d.ruleset.document.clone();
    let shown = d.shown_rule();
    let status_msg = match d.status {
        Status::Decided => Msg::StatusDecided,
        Status::Unknown => Msg::StatusUnknown,
        Status::Ambiguous => Msg::StatusAmbiguous,
    };
    let status_class = match d.status {
        Status::Decided => shown.map_or("neutral", |r| outcome_class(r.outcome.kind)),
        Status::Unknown => "unknown",
        Status::Ambiguous => "ambiguous",
    };
    let possible: Vec<String> = if d.status == Status::Decided {
        Vec::new()
    } else {
        d.possible_rules()
            .iter()
            .map(|r| r.summary.get(lang).to_string())
            .collect()
    };
    let changes: Vec<AnyView> = d
        .changes()
        .iter()
        .map(|c| {
            let missing: Vec<String> = c.missing.iter().filter_map(|n| node_label(n, lang)).collect();
            let msg = if c.certain { Msg::ChangeFrom } else { Msg::ChangeFromUncertain };
            let when = c.from.map(|f| fill(lang, msg, &[("date", &date_text(lang, f))]));
            view! {
                <li>
                    <p class="change-outcome">{c.rule.summary.get(lang).to_string()}</p>
                    {(!missing.is_empty()).then(|| view! {
                        <p>{text(lang, Msg::ChangeNeeds)} " " {missing.join(text(lang, Msg::ListSeparator))}</p>
                    })}
                    {when.map(|w| view! { <p class="change-date">{w}</p> })}
                </li>
            }
            .into_any()
        })
        .collect();
    let stops = d
        .stops_on()
        .map(|s| fill(lang, Msg::StopsOn, &[("date", &date_text(lang, s))]));
    let reason_views: Vec<AnyView> = reasons(d)
        .into_iter()
        .map(|n| reason_view(n, &document, lang))
        .collect();
    let decided = d.status == Status::Decided;
    view! {
        <section class=format!("determination outcome-{status_class}") id=anchor(d)>
            <h4 class="decision-title">{d.decision.title.get(lang).to_string()}</h4>
            <div class="outcome">
                <p class="outcome-status">{text(lang, status_msg)}</p>
                {shown.map(|r| view! {
                    <p class="outcome-sentence">
                        {(!decided).then(|| view! { <span>{text(lang, Msg::PossiblyPrefix)} " "</span> })}
                        {r.summary.get(lang).to_string()}
                    </p>
                    <ClauseCite document=document.clone() clause=r.clause.clone()/>
                })}
                {(d.status == Status::Ambiguous).then(|| view! { <p class="counter-advice">{text(lang, Msg::AmbiguousAdvice)}</p> })}
                {(d.status == Status::Unknown).then(|| view! {
                    <p class="counter-advice">{text(lang, Msg::UnknownAdvice)}</p>
                    {next_question.map(|r| view! { <a class="button secondary" href=r.href()>{text(lang, Msg::ContinueAnswering)}</a> })}
                })}
                {(possible.len() > 1).then(|| view! {
                    <p>{text(lang, Msg::PossibleOutcomes)}</p>
                    <ul>{possible.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                })}
                {stops.map(|s| view! { <p class="stops-on">{s}</p> })}
            </div>
            <details class="reasons">
                <summary>{text(lang, Msg::ReasonsTitle)}</summary>
                <ul>{reason_views}</ul>
            </details>
            {(!changes.is_empty()).then(|| view! {
                <h4>{text(lang, Msg::ChangesTitle)}</h4>
                <ul class="changes">{changes}</ul>
            })}
            {shown.filter(|_| decided).and_then(|r| cited_list(&r.materials, &document, lang, Msg::MaterialsTitle))}
            {shown.filter(|_| decided).and_then(|r| r.where_to_go.as_ref()).map(|w| view! {
                <h4>{text(lang, Msg::WhereTitle)}</h4>
                <p>{w.text.get(lang).to_string()}</p>
                <ClauseCite document=document.clone() clause=w.clause.clone()/>
            })}
            {shown.filter(|_| decided).and_then(|r| cited_list(&r.next_steps, &document, lang, Msg::NextStepsTitle))}
        </section>
    }
    .into_any()
}
