//! One document in the rules explorer (`?p=rules/<document-id>`): its number, title, issuer,
//! place, status and dates; every clause the data quotes, in its exact words; then each rule set
//! resting on it, with its decisions and every rule as a table of conditions, outcome and papers,
//! each with its clause, and the policy cases that test the rule. Every rule has an anchor
//! (`#rule-<ruleset>-<decision>-<rule>`) that search results and clause citations link to.
//!
//! On a phone the whole of it is dozens of screens, so the page opens folded: each clause shows
//! its label and first words, each decision its title and how many rules it has, each rule its
//! number, outcome and summary, each rule set how many things its source leaves open, and opens
//! to the rest. The clause or rule the address names (`#clause-…`, `#rule-…`) opens, with the
//! decision around it, and comes into view.

use crate::engine::date::Period;
use crate::engine::model::{Amount, FactKind, OutcomeKind, Test};
use crate::engine::text::Lang;
use crate::portal::explorer::{
    CitedEntry, ClauseLink, DocumentEntry, PointsEntry, RowKind, RuleEntry, RulesetEntry,
};
use crate::portal::messages::{date_text, service_name};
use crate::portal::route::Route;
use crate::ui::components::{document_dates, quoted_title, ruleset_span, status_badge};
use crate::ui::explorer_model::model;
use crate::ui::language::{Msg, fill, lang, text};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Anchors of this page that a link may point to.
const ANCHORS: [&str; 4] = ["rule-", "clause-", "ruleset-", "points-"];

/// The anchor the address names (`clause-annex6.art2`), or empty.
fn target() -> String {
    let hash = window().location().hash().unwrap_or_default();
    let id = hash.trim_start_matches('#');
    if ANCHORS.iter().any(|a| id.starts_with(a)) {
        id.to_string()
    } else {
        String::new()
    }
}

/// Opens the rule or clause named in the address, and every folded part around it, brings it
/// into view and gives it focus, once the page is drawn (after the router has put focus on the
/// heading).
fn go_to_fragment() {
    let id = target();
    if id.is_empty() {
        return;
    }
    request_animation_frame(move || {
        request_animation_frame(move || {
            let Some(el) = document().get_element_by_id(&id) else {
                return;
            };
            let mut folded = el.closest("details").ok().flatten();
            while let Some(details) = folded {
                let _ = details.set_attribute("open", "");
                folded = details
                    .parent_element()
                    .and_then(|p| p.closest("details").ok().flatten());
            }
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                el.scroll_into_view();
            }
        })
    });
}

/// Opens every folded clause, decision, rule and list of gaps of the page (one at a time, the
/// first still closed: a few dozen on the longest page).
fn unfold_all() {
    const FOLDED: &str = "main details.ex-clause:not([open]), main details.ex-decision:not([open]), \
         main details.ex-rule:not([open]), main details.ex-gaps:not([open])";
    while let Some(el) = document().query_selector(FOLDED).ok().flatten() {
        if el.set_attribute("open", "").is_err() {
            break;
        }
    }
}

fn outcome_msg(k: OutcomeKind) -> Msg {
    match k {
        OutcomeKind::Eligible => Msg::ExplorerOutcomeEligible,
        OutcomeKind::Priority => Msg::ExplorerOutcomePriority,
        OutcomeKind::NotEligible => Msg::ExplorerOutcomeNotEligible,
        OutcomeKind::OutOfScope => Msg::ExplorerOutcomeOutOfScope,
        OutcomeKind::StudyAtHukou => Msg::ExplorerOutcomeStudyAtHukou,
        OutcomeKind::Permit => Msg::ExplorerOutcomePermit,
        OutcomeKind::NoPermit => Msg::ExplorerOutcomeNoPermit,
        OutcomeKind::Required => Msg::ExplorerOutcomeRequired,
        OutcomeKind::NotRequired => Msg::ExplorerOutcomeNotRequired,
        OutcomeKind::Entitled => Msg::ExplorerOutcomeEntitled,
        OutcomeKind::MayJoin => Msg::ExplorerOutcomeMayJoin,
        OutcomeKind::NotCovered => Msg::ExplorerOutcomeNotCovered,
        OutcomeKind::AskCounter => Msg::ExplorerOutcomeAskCounter,
    }
}

fn outcome_class(k: OutcomeKind) -> &'static str {
    match k {
        k if k.is_favourable() => "good",
        OutcomeKind::NotEligible | OutcomeKind::NotCovered | OutcomeKind::NoPermit => "bad",
        _ => "neutral",
    }
}

/// A period as the sources state it: 1年6个月, or "1 year 6 months".
fn period_text(l: Lang, p: Period) -> String {
    let part = |n: u32, one: Msg, many: Msg| {
        (n > 0).then(|| fill(l, if n == 1 { one } else { many }, &[("n", &n.to_string())]))
    };
    let parts: Vec<String> = [
        part(p.years, Msg::ExplorerYearOne, Msg::ExplorerYears),
        part(p.months, Msg::ExplorerMonthOne, Msg::ExplorerMonths),
        part(p.days, Msg::ExplorerDayOne, Msg::ExplorerDays),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        fill(l, Msg::ExplorerDays, &[("n", "0")])
    } else {
        // 1年6个月, but "1 year 6 months".
        parts.join(if l == Lang::En { " " } else { "" })
    }
}

/// What a leaf tests, in words: the question it reads and the threshold.
fn test_text(l: Lang, row: &crate::portal::explorer::Row) -> String {
    let RowKind::Leaf { test, fact, scheme } = &row.kind else {
        return String::new();
    };
    // Validation makes sure every fact a leaf tests is in the catalogue.
    let question = fact
        .map(|f| f.question.get(l).to_string())
        .unwrap_or_default();
    let amount = |a: &Amount| match a {
        Amount::Period(p) => period_text(l, *p),
        Amount::Number(n) => match fact.and_then(|f| f.unit.as_ref()) {
            Some(u) => format!("{n} {}", u.get(l)),
            None => n.to_string(),
        },
    };
    let q = ("question", question.as_str());
    match test {
        Test::Is { value, .. } => fill(
            l,
            Msg::ExplorerTestIs,
            &[
                q,
                ("answer", text(l, if *value { Msg::Yes } else { Msg::No })),
            ],
        ),
        Test::OneOf { choices, .. } => {
            let labels: Vec<String> = choices
                .iter()
                .map(|c| {
                    fact.and_then(|f| f.choices.iter().find(|x| &x.id == c))
                        .map_or(c.clone(), |x| x.label.get(l).to_string())
                })
                .collect();
            fill(
                l,
                Msg::ExplorerTestIn,
                &[q, ("choices", &labels.join(text(l, Msg::ListSeparator)))],
            )
        }
        Test::AgeAtLeast { years, .. } => fill(
            l,
            Msg::ExplorerTestAgeAtLeast,
            &[q, ("years", &years.to_string())],
        ),
        Test::AgeAtMost { years, .. } => fill(
            l,
            Msg::ExplorerTestAgeAtMost,
            &[
                q,
                ("years", &years.to_string()),
                ("next", &(years + 1).to_string()),
            ],
        ),
        Test::SinceAtLeast { period, .. } => fill(
            l,
            Msg::ExplorerTestSince,
            &[q, ("period", &period_text(l, *period))],
        ),
        Test::AtLeast { amount: a, .. } => {
            fill(l, Msg::ExplorerTestAtLeast, &[q, ("amount", &amount(a))])
        }
        Test::AtMost { amount: a, .. } => {
            fill(l, Msg::ExplorerTestAtMost, &[q, ("amount", &amount(a))])
        }
        Test::PointsAtLeast { scheme: id, points } => fill(
            l,
            Msg::ExplorerTestPoints,
            &[
                (
                    "scheme",
                    &scheme.map_or(id.clone(), |s| s.title.get(l).to_string()),
                ),
                ("points", &points.to_string()),
            ],
        ),
        Test::Vague(note) => fill(l, Msg::ExplorerTestVague, &[("note", note.get(l))]),
        _ => String::new(),
    }
}

/// A clause citation: number and label, opening to the exact words, with a link to the clause in
/// its document.
fn clause_view(l: Lang, c: &ClauseLink<'static>) -> AnyView {
    match c.found {
        Some((doc, clause)) => view! {
            <details class="clause">
                <summary lang="zh-Hans">{format!("{} {}", doc.number, clause.label)}</summary>
                <blockquote lang="zh-Hans">{clause.text.clone()}</blockquote>
                <a class="ex-clause-link" href=c.href.clone()>{text(l, Msg::ExplorerClauseInDocument)}</a>
            </details>
        }
        .into_any(),
        // Validation makes this unreachable; show the reference rather than nothing.
        None => view! { <span class="clause">{c.reference.to_string()}</span> }.into_any(),
    }
}

fn cited_list(l: Lang, heading: Msg, items: &[CitedEntry<'static>]) -> Option<AnyView> {
    (!items.is_empty()).then(|| {
        view! {
            <p class="ex-sub">{text(l, heading)}</p>
            <ul class="cited-list">
                {items
                    .iter()
                    .map(|m| view! { <li>{m.text.get(l).to_string()}{clause_view(l, &m.clause)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    })
}

fn conditions_table(l: Lang, r: &RuleEntry<'static>) -> AnyView {
    let col_condition = text(l, Msg::ExplorerColCondition);
    let col_test = text(l, Msg::ExplorerColTest);
    let col_clause = text(l, Msg::ExplorerColClause);
    let rows = r
        .conditions
        .iter()
        .map(|row| {
            let op = match &row.kind {
                RowKind::All => Some(text(l, Msg::ExplorerOpAll).to_string()),
                RowKind::Any => Some(text(l, Msg::ExplorerOpAny).to_string()),
                RowKind::Not => Some(text(l, Msg::ExplorerOpNot).to_string()),
                RowKind::Unclear(_) => Some(text(l, Msg::ExplorerOpUnclear).to_string()),
                RowKind::Missing(name) => Some(fill(l, Msg::ExplorerOpMissing, &[("name", name)])),
                RowKind::Leaf { .. } => None,
            };
            let is_group = op.is_some();
            // A group without a label of its own is named by its operator, once.
            let (label, test) = match (row.label, op) {
                (Some(t), Some(op)) => (t.get(l).to_string(), op),
                (None, Some(op)) => (op, String::new()),
                (Some(t), None) => (t.get(l).to_string(), test_text(l, row)),
                (None, None) => (String::new(), test_text(l, row)),
            };
            let named = row.named.map(|(name, other)| match other {
                Some(rs) => fill(
                    l,
                    Msg::ExplorerNamedFrom,
                    &[("name", name), ("ruleset", rs.title.get(l))],
                ),
                None => fill(l, Msg::ExplorerNamed, &[("name", name)]),
            });
            let note = match &row.kind {
                RowKind::Unclear(n) => Some(n.get(l).to_string()),
                _ => None,
            };
            view! {
                <tr class=format!("ex-row ex-depth-{}{}", row.depth.min(8), if is_group { " ex-group" } else { "" })>
                    <td data-label=col_condition>
                        <span class="ex-cond">{label}</span>
                        {named.map(|n| view! { <span class="ex-named">{n}</span> })}
                        {row.disputed.map(|d| view! {
                            <p class="reason-note">{text(l, Msg::ExplorerDisputed)} " " {d.get(l).to_string()}</p>
                        })}
                    </td>
                    <td data-label=col_test>
                        {test}
                        {note.map(|n| view! { <p class="reason-note">{n}</p> })}
                    </td>
                    <td data-label=col_clause>{row.clause.as_ref().map(|c| clause_view(l, c))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="ex-table">
            <caption class="visually-hidden">{fill(l, Msg::ExplorerConditionsCaption, &[("n", &r.position.to_string())])}</caption>
            <thead>
                <tr>
                    <th scope="col">{col_condition}</th>
                    <th scope="col">{col_test}</th>
                    <th scope="col">{col_clause}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn rule_view(l: Lang, r: &RuleEntry<'static>, target: &str) -> AnyView {
    let kind = r.rule.outcome.kind;
    let tier = r
        .rule
        .outcome
        .validity
        .as_ref()
        .map(|v| fill(l, Msg::ExplorerValidity, &[("validity", v.get(l))]));
    let cases = if r.cases.is_empty() {
        view! { <p class="meta ex-cases-none">{text(l, Msg::ExplorerCasesNone)}</p> }.into_any()
    } else {
        view! {
            <details class="ex-cases">
                <summary>{fill(l, Msg::ExplorerCasesTitle, &[("count", &r.cases.len().to_string())])}</summary>
                <ul>
                    {r.cases.iter().map(|c| view! {
                        <li><span lang="en">{c.name.clone()}</span> <span class="meta">{format!("policy-data/{}", c.file)}</span></li>
                    }).collect_view()}
                </ul>
            </details>
        }
        .into_any()
    };
    view! {
        <details
            class=format!("ex-rule outcome-{}", outcome_class(kind))
            id=r.anchor.clone()
            tabindex="-1"
            open=r.anchor == target
        >
            <summary>
                <h4>
                    {fill(l, Msg::ExplorerRuleN, &[("n", &r.position.to_string())])}
                    " "
                    <span class="ex-outcome">{text(l, outcome_msg(kind))}</span>
                </h4>
                <span class="ex-summary">{r.rule.summary.get(l).to_string()}</span>
            </summary>
            {tier.map(|t| view! { <p class="meta">{t}</p> })}
            <p class="ex-sub">{text(l, Msg::ExplorerWhen)}</p>
            {if r.otherwise {
                view! { <p class="ex-otherwise">{text(l, Msg::ExplorerOtherwise)}</p> }.into_any()
            } else {
                conditions_table(l, r)
            }}
            <p class="ex-sub">{text(l, Msg::ExplorerOutcomeClause)}</p>
            {clause_view(l, &r.clause)}
            {cited_list(l, Msg::MaterialsTitle, &r.materials)}
            {r.where_to_go.as_ref().map(|w| view! {
                <p class="ex-sub">{text(l, Msg::WhereTitle)}</p>
                <p>{w.text.get(l).to_string()}</p>
                {clause_view(l, &w.clause)}
            })}
            {cited_list(l, Msg::NextStepsTitle, &r.next_steps)}
            {cases}
        </details>
    }
    .into_any()
}

fn ruleset_view(l: Lang, rs: &RulesetEntry<'static>, target: &str) -> AnyView {
    let r = rs.ruleset;
    let place = rs
        .place_name
        .map_or(r.place.clone(), |n| n.get(l).to_string());
    let decisions = rs
        .decisions
        .iter()
        .map(|d| {
            let n = d.rules.len();
            let count = if n == 1 {
                text(l, Msg::ExplorerRuleCountOne).to_string()
            } else {
                fill(l, Msg::ExplorerRuleCount, &[("count", &n.to_string())])
            };
            view! {
                <details class="ex-decision" open=d.rules.iter().any(|r| r.anchor == target)>
                    <summary>
                        <h3>{d.decision.title.get(l).to_string()}</h3>
                        <span class="meta">{count}</span>
                    </summary>
                    <p class="hint">{text(l, Msg::ExplorerOrderHint)}</p>
                    {d.rules.iter().map(|rule| rule_view(l, rule, target)).collect_view()}
                </details>
            }
        })
        .collect_view();
    view! {
        <section class="ex-ruleset" id=rs.anchor.clone() tabindex="-1">
            <h2>{r.title.get(l).to_string()}</h2>
            <p class="meta">{format!("{} · {place}", service_name(l, r.service))}</p>
            <p class="ex-span">{ruleset_span(l, r.from, r.to)}</p>
            {r.from_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(l).to_string()}</p> })}
            {r.to_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(l).to_string()}</p> })}
            {r.last_known_in_force.map(|d| view! {
                <p class="doc-note">{fill(l, Msg::MayNoLongerApply, &[("date", &date_text(l, d))])}</p>
            })}
            {r.last_known_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(l).to_string()}</p> })}
            {(!r.gaps.is_empty()).then(|| view! {
                <details class="gaps ex-gaps">
                    <summary class="gaps-title">{fill(l, Msg::ExplorerGaps, &[("count", &r.gaps.len().to_string())])}</summary>
                    <ul>{r.gaps.iter().map(|g| view! { <li>{g.get(l).to_string()}</li> }).collect_view()}</ul>
                </details>
            })}
            {decisions}
            {deadlines_view(l, rs)}
        </section>
    }
    .into_any()
}

/// The duties with a time limit the rule set sets: what, the limit as the clause states it
/// (or that it states none), what to do, what follows if missed, each with its clause.
fn deadlines_view(l: Lang, rs: &RulesetEntry<'static>) -> Option<AnyView> {
    (!rs.deadlines.is_empty()).then(|| {
        let count = rs.deadlines.len().to_string();
        let items = rs
            .deadlines
            .iter()
            .map(|d| {
                let dl = d.deadline;
                let limit = match (dl.period, &dl.vague) {
                    (Some(p), _) => fill(
                        l,
                        Msg::ExplorerDeadlineLimit,
                        &[("period", &period_text(l, p))],
                    ),
                    (None, Some(v)) => v.get(l).to_string(),
                    (None, None) => String::new(),
                };
                view! {
                    <li class="ex-deadline">
                        <p><strong>{dl.title.get(l).to_string()}</strong></p>
                        <p class="meta">{limit}</p>
                        <p>{dl.what.get(l).to_string()}</p>
                        {clause_view(l, &d.clause)}
                        {d.if_missed.as_ref().map(|m| view! {
                            <p class="ex-sub">{text(l, Msg::ExplorerDeadlineMissed)}</p>
                            <p>{m.text.get(l).to_string()}</p>
                            {clause_view(l, &m.clause)}
                        })}
                        {d.also.iter().map(|a| view! {
                            <p>{a.text.get(l).to_string()}</p>
                            {clause_view(l, &a.clause)}
                        }).collect_view()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="ex-deadlines">
                <summary><h3>{fill(l, Msg::ExplorerDeadlines, &[("count", &count)])}</h3></summary>
                <ul class="cited-list">{items}</ul>
            </details>
        }
        .into_any()
    })
}

fn points_view(l: Lang, p: &PointsEntry<'static>) -> AnyView {
    let s = p.scheme;
    let factors = p
        .factors
        .iter()
        .map(|(f, fact, clause)| {
            let per = match fact.map(|x| x.kind) {
                Some(FactKind::Duration) => fill(
                    l,
                    Msg::ExplorerPointsPerPeriod,
                    &[
                        ("points", &f.points.to_string()),
                        (
                            "period",
                            &period_text(
                                l,
                                Period {
                                    months: f.per_months.unwrap_or(12),
                                    ..Period::default()
                                },
                            ),
                        ),
                    ],
                ),
                Some(FactKind::Count) => fill(
                    l,
                    Msg::ExplorerPointsPerUnit,
                    &[("points", &f.points.to_string())],
                ),
                _ => fill(
                    l,
                    Msg::ExplorerPointsPerYes,
                    &[("points", &f.points.to_string())],
                ),
            };
            let max = f
                .max
                .map(|m| fill(l, Msg::ExplorerPointsMax, &[("max", &m.to_string())]));
            view! {
                <tr class="ex-row ex-depth-0">
                    <td data-label=text(l, Msg::ExplorerColCondition)>{f.label.get(l).to_string()}</td>
                    <td data-label=text(l, Msg::ExplorerColPoints)>{per}{max.map(|m| format!(" · {m}"))}</td>
                    <td data-label=text(l, Msg::ExplorerColClause)>{clause_view(l, clause)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="ex-ruleset" id=p.anchor.clone() tabindex="-1">
            <h2>{s.title.get(l).to_string()}</h2>
            <p class="ex-span">{ruleset_span(l, Some(s.from), s.to)}</p>
            <table class="ex-table">
                <thead>
                    <tr>
                        <th scope="col">{text(l, Msg::ExplorerColCondition)}</th>
                        <th scope="col">{text(l, Msg::ExplorerColPoints)}</th>
                        <th scope="col">{text(l, Msg::ExplorerColClause)}</th>
                    </tr>
                </thead>
                <tbody>{factors}</tbody>
            </table>
            <p class="ex-sub">{text(l, Msg::ExplorerPointsTiers)}</p>
            <ul>
                {s.tiers.iter().map(|t| view! {
                    <li>{fill(l, Msg::ExplorerPointsTier, &[("min", &t.min.to_string()), ("label", t.label.get(l))])}</li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

fn document_view(l: Lang, d: &'static DocumentEntry<'static>, target: &str) -> AnyView {
    let doc = d.document;
    let place = d
        .place_name
        .map_or(doc.place.clone(), |n| n.get(l).to_string());
    let clauses = d
        .clauses
        .iter()
        .map(|c| {
            let cited = (!c.cited_by.is_empty()).then(|| {
                view! {
                    <details class="ex-cited-by">
                        <summary>{fill(l, Msg::ExplorerCitedBy, &[("count", &c.cited_by.len().to_string())])}</summary>
                        <ul>
                            {c.cited_by.iter().map(|r| view! {
                                <li><a href=r.href.clone()>{r.rule.summary.get(l).to_string()}</a>
                                <span class="meta">{format!(" · {}", r.ruleset.title.get(l))}</span></li>
                            }).collect_view()}
                        </ul>
                    </details>
                }
            });
            view! {
                <details class="ex-clause" id=c.anchor.clone() tabindex="-1" open=c.anchor == target>
                    <summary>
                        <h3 lang="zh-Hans">{c.clause.label.clone()}</h3>
                        " "
                        <span class="ex-opening" lang="zh-Hans">{c.opening.clone()}</span>
                    </summary>
                    <blockquote lang="zh-Hans">{c.clause.text.clone()}</blockquote>
                    {cited}
                </details>
            }
        })
        .collect_view();
    let toc = d
        .rulesets
        .iter()
        .map(|r| {
            view! { <li><a href=format!("#{}", r.anchor)>{r.ruleset.title.get(l).to_string()}</a></li> }
        })
        .collect_view();
    let dates = document_dates(l, doc);
    view! {
        <a class="back-link" href=Route::Rules.href()>{text(l, Msg::ExplorerBack)}</a>
        <p class="ex-kicker">{text(l, Msg::ExplorerDocumentKicker)}</p>
        <h1 tabindex="-1" lang="zh-Hans">{doc.number.clone()}</h1>
        <p class="lead" lang="zh-Hans">{quoted_title(l, &doc.title)}</p>
        <dl class="ex-meta">
            <div>
                <dt>{text(l, Msg::ExplorerStatus)}</dt>
                <dd>
                    {status_badge(l, doc.status)}
                    {doc.status_note.as_ref().map(|n| view! { <p class="doc-note">{n.get(l).to_string()}</p> })}
                </dd>
            </div>
            <div>
                <dt>{text(l, Msg::ExplorerDates)}</dt>
                <dd>{dates}</dd>
            </div>
            <div>
                <dt>{text(l, Msg::ExplorerIssuer)}</dt>
                <dd lang="zh-Hans">{doc.issuer.clone()}</dd>
            </div>
            <div>
                <dt>{text(l, Msg::ExplorerPlace)}</dt>
                <dd>{place}</dd>
            </div>
            <div>
                <dt>{text(l, Msg::ExplorerSource)}</dt>
                <dd class="ex-source">{doc.source.clone()}</dd>
            </div>
        </dl>
        <nav class="ex-toc" aria-labelledby="ex-toc-title">
            <p class="ex-sub" id="ex-toc-title">{text(l, Msg::ExplorerOnThisPage)}</p>
            <ul>
                <li><a href="#clauses">{fill(l, Msg::ExplorerClausesTitle, &[("count", &d.clauses.len().to_string())])}</a></li>
                {toc}
            </ul>
        </nav>
        <section id="clauses" class="ex-clauses" aria-labelledby="clauses-title">
            <h2 id="clauses-title">{fill(l, Msg::ExplorerClausesTitle, &[("count", &d.clauses.len().to_string())])}</h2>
            <p class="hint">{text(l, Msg::ExplorerClausesHint)}</p>
            {clauses}
        </section>
        {(d.rulesets.is_empty() && d.points.is_empty()).then(|| view! {
            <p class="panel">{text(l, Msg::ExplorerNoRules)}</p>
        })}
        {d.rulesets.iter().map(|r| ruleset_view(l, r, target)).collect_view()}
        {d.points.iter().map(|p| points_view(l, p)).collect_view()}
    }
    .into_any()
}

/// One document in the rules explorer (`?p=rules/<id>`): its clauses, rule sets and rules.
#[component]
pub fn DocumentPage(
    /// The document's id (`lucheng-2013-164`).
    id: String,
) -> impl IntoView {
    let lang = lang();
    let model = model();
    let entry = model.document(&id);
    // Once drawn, go to the rule or clause the link named (the router puts focus on the heading
    // first; this comes after it), and again whenever a link on the page names another.
    Effect::new(move |_| go_to_fragment());
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| go_to_fragment());
    // On paper nothing can be opened: print the page unfolded.
    let on_print = window_event_listener_untyped("beforeprint", move |_| unfold_all());
    on_cleanup(move || {
        on_hash.remove();
        on_print.remove();
    });
    move || {
        let l = lang.get();
        match entry {
            Some(d) => {
                crate::ui::frame::set_title(&d.document.number, l);
                document_view(l, d, &target())
            }
            None => {
                crate::ui::frame::set_title(text(l, Msg::ExplorerDocNotFound), l);
                view! {
                    <h1 tabindex="-1">{text(l, Msg::ExplorerDocNotFound)}</h1>
                    <p>{text(l, Msg::ExplorerDocNotFoundBody)}</p>
                    <p><a href=Route::Rules.href()>{text(l, Msg::ExplorerBack)}</a></p>
                }
                .into_any()
            }
        }
    }
}
