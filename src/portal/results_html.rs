//! The results of a household as HTML, the answer first (see [`super::results`] for which
//! answer leads): per service, the answer in a sentence; for a "not yet", the conditions still
//! needed in plain words and the day it changes; for an open answer, the questions that settle
//! it; what to do next for this household; the document, clause and standing it rests on; and
//! behind disclosures why (every condition with its clause), the papers to bring, and every
//! other rule that applies. Shared by the results page and counter mode, which draw it as it
//! is (`inner_html`), and tested natively.

use super::citation::{Part, cite};
use super::html::Html;
use super::messages::{Msg, date_text, fill, service_name, text};
use super::results::{Lead, ServiceAnswer, lists_items, service_answers};
use super::route::Route;
use crate::engine::answers::Answers;
use crate::engine::eval::{
    DeadlineState, Determination, Evaluation, Needed, Node, RulesetResult, ServiceResult, Standing,
    Status, Truth,
};
use crate::engine::model::{Cited, OutcomeKind, PolicyData, Test};
use crate::engine::text::Lang;

/// How the results sit in their page.
#[derive(Clone, Copy, Debug)]
pub struct Options<'o> {
    /// Put before every id, so that two copies on one page do not clash (`counter-`).
    pub id_prefix: &'o str,
    /// The level of each service's heading (2 on the results page, 3 under counter mode's own).
    pub heading: u8,
    /// Whether a glance (one line a service) comes first when there are several services
    /// (counter mode shows its glance apart, as its summary: see [`glance_html`]).
    pub glance: bool,
}

/// "温州市鹿城区,按 2014-06-01 的规定".
pub fn date_line(l: Lang, answers: &Answers, eval: &Evaluation) -> String {
    let msg = if answers.date.is_some() {
        Msg::ResultsForDate
    } else {
        Msg::ResultsForToday
    };
    fill(
        l,
        msg,
        &[
            ("place", eval.place.name.get(l)),
            ("date", &eval.date.to_string()),
        ],
    )
}

/// The glance and every service's results.
pub fn render(eval: &Evaluation, l: Lang, o: &Options) -> String {
    let answers = service_answers(eval);
    let mut h = Html::new();
    if o.glance && answers.len() > 1 {
        glance(&mut h, &answers, l, o);
    }
    for a in &answers {
        service(&mut h, eval, a, l, o);
    }
    h.finish()
}

/// "My deadlines": one line a deadline, the date first, then what to do, the clause it rests on
/// and what happens if it is missed; a passed one says so and what to do now, one whose date is
/// not known names the question that gives it, one the text sets no limit for says so. Empty
/// when the household has none. Drawn after the services' answers on the results page.
pub fn deadlines_html(eval: &Evaluation, l: Lang, o: &Options) -> String {
    let deadlines = eval.deadlines();
    if deadlines.is_empty() {
        return String::new();
    }
    let data = eval.data;
    let mut h = Html::new();
    let title = format!("{}deadlines-title", o.id_prefix);
    h.open(
        "section",
        &[
            ("class", "deadlines"),
            ("id", &format!("{}deadlines", o.id_prefix)),
            ("aria-labelledby", &title),
        ],
    );
    h.el(
        heading(o.heading),
        &[("id", &title)],
        text(l, Msg::DeadlinesTitle),
    );
    h.el(
        "p",
        &[("class", "deadlines-intro")],
        &fill(
            l,
            Msg::DeadlinesIntro,
            &[("date", &date_text(l, eval.date))],
        ),
    );
    h.open("ol", &[("class", "deadline-list")]);
    for d in deadlines {
        let dl = d.deadline;
        let document = d.ruleset.document.as_str();
        let passed = d.passed();
        let class = match (passed, d.state) {
            (Some(Truth::Met), _) => "deadline deadline-passed",
            (Some(Truth::Ambiguous), _) => "deadline deadline-maybe-passed",
            (_, DeadlineState::Unknown { .. }) => "deadline deadline-unknown",
            (_, DeadlineState::NoLimit) => "deadline deadline-no-limit",
            _ => "deadline",
        };
        h.open("li", &[("class", class)]);
        // The date first (or why there is none), then the duty.
        h.open("p", &[("class", "deadline-line")]);
        match d.state {
            DeadlineState::Due { due, opens, .. } => {
                let when = match opens {
                    Some(opens) => fill(
                        l,
                        Msg::DeadlineWindow,
                        &[("opens", &date_text(l, opens)), ("due", &date_text(l, due))],
                    ),
                    None => fill(l, Msg::DeadlineBy, &[("date", &date_text(l, due))]),
                };
                h.open("strong", &[("class", "deadline-date")]);
                h.el("time", &[("datetime", &due.to_string())], &when);
                h.close("strong");
                h.text(" ");
                match passed {
                    Some(Truth::Met) => {
                        h.el(
                            "span",
                            &[("class", "deadline-flag")],
                            text(l, Msg::DeadlinePassed),
                        );
                        h.text(" ");
                    }
                    Some(Truth::Ambiguous) => {
                        h.el(
                            "span",
                            &[("class", "deadline-flag")],
                            text(l, Msg::DeadlineMayHavePassed),
                        );
                        h.text(" ");
                    }
                    _ => {}
                }
            }
            DeadlineState::NoLimit => {
                h.el(
                    "strong",
                    &[("class", "deadline-date")],
                    text(l, Msg::DeadlineNoLimit),
                );
                h.text(" ");
            }
            DeadlineState::Unknown { .. } => {}
        }
        if d.applies != Truth::Met {
            h.el(
                "span",
                &[("class", "deadline-flag")],
                text(l, Msg::DeadlineMayApply),
            );
            h.text(" ");
        }
        h.el("span", &[("class", "deadline-title")], dl.title.get(l));
        h.close("p");
        if let DeadlineState::Unknown { fact } = d.state
            && let Some(f) = data.fact(fact)
        {
            h.open("p", &[("class", "deadline-ask")]);
            h.text(text(l, Msg::DeadlineUnknown));
            h.text(" ");
            let href = Route::Question {
                fact: f.id.clone(),
                back_to_check: false,
            }
            .href();
            h.el("a", &[("href", &href)], f.question.get(l));
            h.close("p");
        }
        h.el("p", &[("class", "deadline-what")], dl.what.get(l));
        if passed.is_some_and(|p| p != Truth::NotMet) {
            h.open("p", &[("class", "deadline-now")]);
            h.el("strong", &[], text(l, Msg::DeadlineIfPassed));
            h.text(" ");
            h.text(dl.if_passed.get(l));
            h.close("p");
        }
        if dl.working_days {
            h.el(
                "p",
                &[("class", "deadline-note")],
                text(l, Msg::DeadlineWorkingDays),
            );
        }
        if matches!(
            d.state,
            DeadlineState::Due {
                approximate: true,
                ..
            }
        ) {
            h.el(
                "p",
                &[("class", "deadline-note")],
                text(l, Msg::DeadlineFromMonth),
            );
        }
        if let (DeadlineState::NoLimit, Some(v)) = (d.state, &dl.vague) {
            h.el("p", &[("class", "deadline-note")], v.get(l));
        }
        clause(&mut h, data, document, &dl.clause, l);
        if let Some(m) = &dl.if_missed {
            h.open("p", &[("class", "deadline-missed")]);
            h.el("strong", &[], text(l, Msg::DeadlineIfMissed));
            h.text(" ");
            h.text(m.text.get(l));
            h.close("p");
            clause(&mut h, data, document, &m.clause, l);
        }
        if !dl.also.is_empty() {
            h.el(
                "p",
                &[("class", "deadline-also")],
                text(l, Msg::DeadlineAlso),
            );
            let items: Vec<&Cited> = dl.also.iter().collect();
            cited_list(&mut h, data, document, &items, l);
        }
        h.close("li");
    }
    h.close("ol");
    h.close("section");
    h.finish()
}

/// One line a service, linking to its section: the summary at the top of counter mode.
pub fn glance_html(eval: &Evaluation, l: Lang, o: &Options) -> String {
    let mut h = Html::new();
    glance(&mut h, &service_answers(eval), l, o);
    h.finish()
}

fn heading(level: u8) -> &'static str {
    match level {
        2 => "h2",
        3 => "h3",
        4 => "h4",
        _ => "h5",
    }
}

fn service_id(o: &Options, a: &ServiceAnswer) -> String {
    format!("{}service-{}", o.id_prefix, a.result.service.id())
}

/// One line a service, linking to its section: what the household asked about.
fn glance(h: &mut Html, answers: &[ServiceAnswer], l: Lang, o: &Options) {
    let title = format!("{}glance-title", o.id_prefix);
    h.open("nav", &[("class", "glance"), ("aria-labelledby", &title)]);
    h.el(
        heading(o.heading),
        &[("id", &title)],
        text(l, Msg::ResultsGlance),
    );
    h.open("ul", &[]);
    for a in answers {
        h.open("li", &[]);
        h.el(
            "a",
            &[("href", &format!("#{}", service_id(o, a)))],
            service_name(l, a.result.service),
        );
        let summary = a.lead.as_ref().and_then(Lead::rule);
        if lists_items(a.result.service) {
            // Many small answers: how many may be for the household.
            let (relevant, _) = a.by_relevance();
            let line = if relevant.is_empty() {
                text(l, Msg::BenefitsNone).to_string()
            } else {
                fill(
                    l,
                    Msg::BenefitsCount,
                    &[("count", &relevant.len().to_string())],
                )
            };
            if !a.result.applicable.is_empty() {
                h.el("span", &[("class", "glance-summary")], &line);
            }
        } else if let (Some(lead), Some(rule)) = (&a.lead, summary) {
            if lead.determination.status != Status::Decided {
                h.el(
                    "span",
                    &[("class", "glance-status")],
                    text(l, status_msg(lead.determination.status)),
                );
            }
            h.el("span", &[("class", "glance-summary")], rule.answer.get(l));
        }
        h.close("li");
    }
    h.close("ul");
    h.close("nav");
}

fn status_msg(s: Status) -> Msg {
    match s {
        Status::Decided => Msg::StatusDecided,
        Status::Unknown => Msg::StatusUnknown,
        Status::Ambiguous => Msg::StatusAmbiguous,
    }
}

fn standing_msg(s: Standing) -> (Msg, &'static str) {
    match s {
        Standing::InForce => (Msg::StandingInForce, "in-force"),
        Standing::Historical => (Msg::StandingHistorical, "historical"),
        Standing::Repealed => (Msg::StandingRepealed, "repealed"),
        Standing::StatusUnknown => (Msg::StandingUnknown, "unknown"),
    }
}

fn truth_msg(t: Truth) -> (Msg, &'static str) {
    match t {
        Truth::Met => (Msg::TruthMet, "met"),
        Truth::NotMet => (Msg::TruthNotMet, "not-met"),
        Truth::Unknown => (Msg::TruthUnknown, "unknown"),
        Truth::Ambiguous => (Msg::TruthAmbiguous, "ambiguous"),
    }
}

fn outcome_class(d: &Determination) -> &'static str {
    match (d.status, d.shown_rule().map(|r| r.outcome.kind)) {
        (Status::Unknown, _) => "unknown",
        (Status::Ambiguous, _) => "ambiguous",
        (_, Some(k)) if k.is_favourable() => "good",
        (_, Some(OutcomeKind::NotEligible | OutcomeKind::NotCovered | OutcomeKind::NoPermit)) => {
            "bad"
        }
        _ => "neutral",
    }
}

/// A citation whose exact words open with one tap: document number and clause (the label in the
/// reader's language, the published one beside it), then the words as published.
fn clause(h: &mut Html, data: &PolicyData, document: &str, reference: &str, l: Lang) {
    match cite(data, document, reference, l) {
        Some(c) => {
            h.open("details", &[("class", "clause")]);
            h.open("summary", &[]);
            for s in c.segments() {
                let class = match s.part {
                    Part::Words => {
                        h.text(s.text);
                        continue;
                    }
                    Part::Number => "clause-number",
                    Part::Label => "clause-label",
                    Part::OriginalLabel => "clause-original",
                };
                let lang = s.lang(l);
                if lang == l {
                    h.el("span", &[("class", class)], s.text);
                } else {
                    h.el("span", &[("class", class), ("lang", lang.tag())], s.text);
                }
            }
            h.close("summary");
            h.el("blockquote", &[("lang", "zh-Hans")], c.text);
            h.close("details");
        }
        // Validation makes this unreachable; show the reference rather than nothing.
        None => {
            h.el("span", &[("class", "clause")], reference);
        }
    }
}

/// What a condition says, for a person: its label, or for an unlabelled negation, the negated
/// label of what it negates.
fn label(n: &Node, l: Lang) -> String {
    if let Some(t) = &n.condition.label {
        return t.get(l).to_string();
    }
    match (&n.condition.test, n.children.first()) {
        (Test::Not(_), Some(inner)) => fill(l, Msg::NotLabel, &[("condition", &label(inner, l))]),
        _ => n.name.unwrap_or_default().to_string(),
    }
}

fn cited_list(h: &mut Html, data: &PolicyData, document: &str, items: &[&Cited], l: Lang) {
    h.open("ul", &[("class", "cited-list")]);
    for c in items {
        h.open("li", &[]);
        h.text(c.text.get(l));
        clause(h, data, document, &c.clause, l);
        h.close("li");
    }
    h.close("ul");
}

fn service(h: &mut Html, eval: &Evaluation, a: &ServiceAnswer, l: Lang, o: &Options) {
    let id = service_id(o, a);
    let class = if o.heading > 2 {
        "service-results counter-service"
    } else {
        "service-results"
    };
    h.open("section", &[("class", class), ("aria-labelledby", &id)]);
    h.el(
        heading(o.heading),
        &[("id", &id)],
        service_name(l, a.result.service),
    );
    let s = a.result;
    if s.applicable.is_empty() {
        h.open("div", &[("class", "panel no-rule")]);
        h.el(
            "p",
            &[],
            &fill(l, Msg::NoRuleOnFile, &[("date", &eval.date.to_string())]),
        );
        h.open("ul", &[]);
        for (msg, r, date) in [
            (
                Msg::NearestBefore,
                s.ended_before,
                s.ended_before.and_then(|r| r.to),
            ),
            (
                Msg::NearestAfter,
                s.begins_after,
                s.begins_after.and_then(|r| r.from),
            ),
        ] {
            if let Some(r) = r {
                let date = date.map(|d| d.to_string()).unwrap_or_default();
                h.el(
                    "li",
                    &[],
                    &fill(l, msg, &[("title", r.title.get(l)), ("date", &date)]),
                );
            }
        }
        h.close("ul");
        h.close("div");
    }
    if lists_items(s.service) {
        items(h, eval, a, l, o);
    } else if let Some(lead) = &a.lead {
        lead_answer(h, eval, lead, l, o);
    }
    if !lists_items(s.service) && (!a.others.is_empty() || !s.earlier.is_empty()) {
        h.open("details", &[("class", "answer-others")]);
        h.el(
            "summary",
            &[],
            &fill(
                l,
                Msg::AnswerOthers,
                &[("count", &a.others.len().to_string())],
            ),
        );
        for (r, d) in &a.others {
            other(h, eval.data, r, d, l, o);
        }
        earlier_rules(h, s, l);
        h.close("details");
    }
    h.close("section");
}

/// The questions that would settle an open answer (at most three), each a link to its page.
fn open_questions(h: &mut Html, data: &PolicyData, open: &[&str], l: Lang) {
    if open.is_empty() {
        return;
    }
    h.el(
        "p",
        &[("class", "answer-needs")],
        text(l, Msg::AnswerQuestions),
    );
    h.open("ul", &[("class", "answer-questions")]);
    for f in open.iter().take(3) {
        if let Some(fact) = data.fact(f) {
            let href = Route::Question {
                fact: fact.id.clone(),
                back_to_check: false,
            }
            .href();
            h.open("li", &[]);
            h.el("a", &[("href", &href)], fact.question.get(l));
            h.close("li");
        }
    }
    h.close("ul");
}

/// The rule sets of the service that ended before the question date, one line each.
fn earlier_rules(h: &mut Html, s: &ServiceResult, l: Lang) {
    if s.earlier.is_empty() {
        return;
    }
    h.el("p", &[], text(l, Msg::EarlierRulesTitle));
    h.open("ul", &[("class", "earlier-rules")]);
    for r in &s.earlier {
        let date = r.to.map(|d| d.to_string()).unwrap_or_default();
        h.el(
            "li",
            &[],
            &fill(
                l,
                Msg::EarlierRule,
                &[("title", r.title.get(l)), ("date", &date)],
            ),
        );
    }
    h.close("ul");
}

/// A group of entitlements: each that the household's answers make relevant, answer first, with
/// what it is, who gives it, what to bring and the clause; the rest (decided as not for the
/// household) folded, one line each; then earlier rules.
fn items(h: &mut Html, eval: &Evaluation, a: &ServiceAnswer, l: Lang, o: &Options) {
    let (relevant, not_relevant) = a.by_relevance();
    if relevant.is_empty() && !a.result.applicable.is_empty() {
        h.el(
            "p",
            &[("class", "answer-sentence")],
            text(l, Msg::BenefitsNone),
        );
    }
    if !relevant.is_empty() {
        h.open("ul", &[("class", "entitlements")]);
        for (r, d) in &relevant {
            h.open("li", &[]);
            item(h, eval, r, d, l, o);
            h.close("li");
        }
        h.close("ul");
    }
    // Rules past the last day they are known to stand: said once for each rule set, after its
    // items (each is marked as not settled), not again in every item.
    let mut said: Vec<&str> = Vec::new();
    for (_, d) in &relevant {
        if d.lapsed.is_some() && !said.contains(&d.ruleset.id.as_str()) {
            said.push(&d.ruleset.id);
            lapsed(h, eval.data, d, l);
        }
    }
    // The text leaves some open: said once for the group, after them; each such item is marked
    // and names whom to ask.
    if relevant.iter().any(|(_, d)| d.status == Status::Ambiguous) {
        h.el(
            "p",
            &[("class", "answer-advice")],
            text(l, Msg::BenefitsAmbiguous),
        );
    }
    let s = a.result;
    if !not_relevant.is_empty() || !s.earlier.is_empty() {
        h.open("details", &[("class", "answer-others")]);
        h.el(
            "summary",
            &[],
            &fill(
                l,
                Msg::BenefitsNotRelevant,
                &[("count", &not_relevant.len().to_string())],
            ),
        );
        h.open("ul", &[("class", "not-relevant")]);
        for (_, d) in &not_relevant {
            h.open("li", &[]);
            h.el(
                "p",
                &[("class", "answer-question")],
                d.decision.title.get(l),
            );
            if let Some(rule) = d.shown_rule() {
                h.el("p", &[], rule.answer.get(l));
            }
            h.close("li");
        }
        h.close("ul");
        earlier_rules(h, s, l);
        h.close("details");
    }
}

/// One entitlement, answer first: what it is (the decision's question) and the answer; for an
/// open one, the questions that settle it; then who gives it and where, the next steps, the
/// standing and clause, the papers to bring, and why behind a disclosure.
fn item(
    h: &mut Html,
    eval: &Evaluation,
    r: &RulesetResult,
    d: &Determination,
    l: Lang,
    o: &Options,
) {
    let data = eval.data;
    let document = d.ruleset.document.as_str();
    let sub = heading(o.heading + 2);
    h.open(
        "div",
        &[
            (
                "class",
                &format!("answer entitlement answer-{}", outcome_class(d)),
            ),
            (
                "id",
                &format!("{}det-{}-{}", o.id_prefix, d.ruleset.id, d.decision.id),
            ),
        ],
    );
    h.el(
        heading(o.heading + 1),
        &[("class", "answer-question")],
        d.decision.title.get(l),
    );
    let open = d.open_facts();
    h.open("p", &[("class", "answer-sentence")]);
    if d.status != Status::Decided {
        h.el(
            "span",
            &[("class", "answer-status")],
            text(l, status_msg(d.status)),
        );
        h.text(" ");
    }
    match (d.status, d.shown_rule()) {
        (Status::Unknown, _) | (_, None) => {
            let msg = if open.is_empty() {
                Msg::AnswerUnknownUnsure
            } else {
                Msg::AnswerUnknownAsk
            };
            h.text(text(l, msg));
        }
        (_, Some(rule)) => {
            h.text(rule.answer.get(l));
        }
    }
    h.close("p");
    if d.status == Status::Unknown {
        open_questions(h, data, &open, l);
    }
    conflicts(h, data, d, l);
    // Who gives it and what to do: for an answer that is settled or that the text leaves open
    // (which names the office to ask); not while an answer is missing.
    // A clause the item rests on anyway is cited once, on the source line below, not again
    // beside each place and step that cites it too: an item stays a few lines on a phone.
    let shown = d.shown().filter(|_| d.status != Status::Unknown);
    let own = d.shown_rule().map(|r| r.clause.as_str());
    if let Some(w) = shown.and_then(|x| x.where_to_go()) {
        h.el(sub, &[], text(l, Msg::WhereTitle));
        h.el("p", &[], w.text.get(l));
        if Some(w.clause.as_str()) != own {
            clause(h, data, document, &w.clause, l);
        }
    }
    let steps = shown.map(|x| x.next_steps()).unwrap_or_default();
    if !steps.is_empty() {
        h.el(sub, &[], text(l, Msg::NextStepsTitle));
        h.open("ul", &[("class", "cited-list")]);
        for c in &steps {
            h.open("li", &[]);
            h.text(c.text.get(l));
            if Some(c.clause.as_str()) != own {
                clause(h, data, document, &c.clause, l);
            }
            h.close("li");
        }
        h.close("ul");
    }
    source(h, data, r, d, l);
    let materials = shown.map(|x| x.materials()).unwrap_or_default();
    if !materials.is_empty() {
        h.open("details", &[("class", "answer-materials")]);
        h.el(
            "summary",
            &[],
            &fill(
                l,
                Msg::AnswerMaterials,
                &[("count", &materials.len().to_string())],
            ),
        );
        cited_list(h, data, document, &materials, l);
        h.close("details");
    }
    // The explanation goes with the reasons, behind the disclosure: an item is a few lines.
    let summary = d
        .shown_rule()
        .filter(|_| d.status != Status::Unknown)
        .map(|rule| rule.summary.get(l));
    why(h, data, r, d, summary, l);
    h.close("div");
}

/// The answer that leads: about one phone screen before any detail.
fn lead_answer(h: &mut Html, eval: &Evaluation, lead: &Lead, l: Lang, o: &Options) {
    let d = lead.determination;
    let data = eval.data;
    let document = d.ruleset.document.as_str();
    let sub = heading(o.heading + 1);
    h.open(
        "div",
        &[
            ("class", &format!("answer answer-{}", outcome_class(d))),
            (
                "id",
                &format!("{}det-{}-{}", o.id_prefix, d.ruleset.id, d.decision.id),
            ),
        ],
    );
    h.el(
        "p",
        &[("class", "answer-question")],
        d.decision.title.get(l),
    );
    // An open answer says so and goes straight to the questions that settle it; no outcome's
    // words are shown as if they were the answer.
    if d.status == Status::Unknown {
        h.open("p", &[("class", "answer-sentence")]);
        h.el(
            "span",
            &[("class", "answer-status")],
            text(l, status_msg(d.status)),
        );
        h.text(" ");
        let msg = if lead.open.is_empty() {
            Msg::AnswerUnknownUnsure
        } else {
            Msg::AnswerUnknownAsk
        };
        h.text(text(l, msg));
        h.close("p");
    } else if let Some(rule) = lead.rule() {
        h.open("p", &[("class", "answer-sentence")]);
        if d.status != Status::Decided {
            h.el(
                "span",
                &[("class", "answer-status")],
                text(l, status_msg(d.status)),
            );
            h.text(" ");
        }
        h.text(rule.answer.get(l));
        h.close("p");
    }
    // An open answer: the questions that settle it, each a link.
    if d.status == Status::Unknown {
        open_questions(h, data, &lead.open, l);
    }
    doubts(h, data, d, l);
    // A "not yet": what is still needed, and when it would come.
    let needed = lead.needed();
    if !needed.is_empty() {
        h.el("p", &[("class", "answer-needs")], text(l, Msg::AnswerNeeds));
        h.open("ul", &[("class", "answer-needed")]);
        for n in &needed {
            h.open("li", &[]);
            match n {
                Needed::One(n) => {
                    h.text(&label(n, l));
                }
                Needed::OneOf(options) => {
                    h.text(text(l, Msg::AnswerOneOf));
                    h.open("ul", &[]);
                    for o in options {
                        h.el("li", &[], &label(o, l));
                    }
                    h.close("ul");
                }
            }
            h.close("li");
        }
        h.close("ul");
    }
    if let Some((day, certain)) = lead.from() {
        let msg = if certain {
            Msg::ChangeFrom
        } else {
            Msg::ChangeFromUncertain
        };
        h.el(
            "p",
            &[("class", "answer-when")],
            &fill(l, msg, &[("date", &date_text(l, day))]),
        );
    }
    if d.status == Status::Ambiguous {
        h.el(
            "p",
            &[("class", "answer-advice")],
            text(l, Msg::AmbiguousAdvice),
        );
    }
    // The explanation under a short answer (an open answer shows no outcome's words).
    if let Some(rule) = lead.rule()
        && d.status != Status::Unknown
    {
        h.el("p", &[("class", "answer-summary")], rule.summary.get(l));
    }
    // Undecided: every outcome still possible for this household.
    let possible = d.possible_rules();
    if d.status != Status::Decided && possible.len() > 1 {
        h.el(
            "p",
            &[("class", "answer-needs")],
            text(l, Msg::PossibleOutcomes),
        );
        h.open("ul", &[("class", "answer-possible")]);
        for r in possible {
            h.el("li", &[], r.answer.get(l));
        }
        h.close("ul");
    }
    if let Some(stop) = d.stops_on() {
        h.el(
            "p",
            &[("class", "stops-on")],
            &fill(l, Msg::StopsOn, &[("date", &date_text(l, stop))]),
        );
    }
    let decided = d.status == Status::Decided;
    let shown = d.shown();
    if !lead.steps.is_empty() {
        h.el(sub, &[], text(l, Msg::NextStepsTitle));
        cited_list(h, data, document, &lead.steps, l);
    }
    if let Some(w) = shown.filter(|_| decided).and_then(|r| r.where_to_go()) {
        h.el(sub, &[], text(l, Msg::WhereTitle));
        h.el("p", &[], w.text.get(l));
        clause(h, data, document, &w.clause, l);
    }
    // What it rests on, always in view: standing, document, clause.
    source(h, data, lead.ruleset, d, l);
    let materials = shown
        .filter(|_| decided)
        .map(|r| r.materials())
        .unwrap_or_default();
    if !materials.is_empty() {
        h.open("details", &[("class", "answer-materials")]);
        h.el(
            "summary",
            &[],
            &fill(
                l,
                Msg::AnswerMaterials,
                &[("count", &materials.len().to_string())],
            ),
        );
        cited_list(h, data, document, &materials, l);
        h.close("details");
    }
    why(h, data, lead.ruleset, d, None, l);
    h.close("div");
}

/// The standing, document number and the shown rule's clause, with the clause's words a tap
/// away.
fn source(h: &mut Html, data: &PolicyData, r: &RulesetResult, d: &Determination, l: Lang) {
    let (msg, class) = standing_msg(r.standing);
    h.open("div", &[("class", "answer-source")]);
    h.el(
        "span",
        &[("class", &format!("standing standing-{class}"))],
        text(l, msg),
    );
    h.text(" ");
    match d.shown_rule() {
        Some(rule) => clause(h, data, &d.ruleset.document, &rule.clause, l),
        None => {
            h.el(
                "span",
                &[("class", "doc-number"), ("lang", "zh-Hans")],
                &r.document.number,
            );
        }
    }
    h.close("div");
}

/// Why: the rule set and document, what the source leaves open, every condition with its
/// truth and clause, and the other outcomes and what would bring them.
fn why(
    h: &mut Html,
    data: &PolicyData,
    r: &RulesetResult,
    d: &Determination,
    summary: Option<&str>,
    l: Lang,
) {
    let doc = r.document;
    let rs = r.ruleset;
    h.open("details", &[("class", "reasons")]);
    h.el("summary", &[], text(l, Msg::ReasonsTitle));
    if let Some(summary) = summary {
        h.el("p", &[("class", "answer-summary")], summary);
    }
    h.el("p", &[("class", "ruleset-title")], rs.title.get(l));
    h.open("p", &[("class", "document")]);
    h.el(
        "span",
        &[("class", "doc-number"), ("lang", "zh-Hans")],
        &doc.number,
    );
    h.text(" ");
    // The title in the reader's language; the published one beside it when that is a translation.
    let title = fill(l, Msg::CitedTitle, &[("title", doc.title_in(l))]);
    match doc.original_title(l) {
        Some(original) => {
            h.el("span", &[("class", "doc-title")], &title);
            h.close("p");
            h.open("p", &[("class", "doc-original")]);
            h.text(text(l, Msg::OriginalTitle));
            h.text(" ");
            h.el(
                "span",
                &[("lang", "zh-Hans")],
                &format!("《{original}》"), // i18n-exempt: title marks of the published title
            );
        }
        None => {
            h.el(
                "span",
                &[("class", "doc-title"), ("lang", "zh-Hans")],
                &title,
            );
        }
    }
    h.close("p");
    let dates: Vec<String> = [
        doc.issued
            .map(|x| fill(l, Msg::DocIssued, &[("date", &date_text(l, x))])),
        doc.in_force
            .map(|x| fill(l, Msg::DocInForce, &[("date", &date_text(l, x))])),
        doc.repealed
            .map(|x| fill(l, Msg::DocRepealed, &[("date", &date_text(l, x))])),
        rs.to
            .map(|x| fill(l, Msg::RulesEnded, &[("date", &date_text(l, x))])),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !dates.is_empty() {
        h.el("p", &[("class", "doc-dates")], &dates.join(" · "));
    }
    for note in [&doc.status_note, &rs.from_note, &rs.to_note]
        .into_iter()
        .flatten()
    {
        h.el("p", &[("class", "doc-note")], note.get(l));
    }
    if !rs.gaps.is_empty() {
        h.open("div", &[("class", "gaps")]);
        h.el("p", &[("class", "gaps-title")], text(l, Msg::GapsTitle));
        h.open("ul", &[]);
        for g in &rs.gaps {
            h.el("li", &[], g.get(l));
        }
        h.close("ul");
        h.close("div");
    }
    h.open("ul", &[("class", "reason-list")]);
    for n in reasons(d) {
        reason(h, data, &rs.document, n, l);
    }
    h.close("ul");
    let changes = d.changes();
    if !changes.is_empty() {
        h.el(
            "p",
            &[("class", "changes-title")],
            text(l, Msg::ChangesTitle),
        );
        h.open("ul", &[("class", "changes")]);
        for c in &changes {
            h.open("li", &[]);
            h.el("p", &[("class", "change-outcome")], c.rule.answer.get(l));
            if let Some(from) = c.from {
                let msg = if c.certain {
                    Msg::ChangeFrom
                } else {
                    Msg::ChangeFromUncertain
                };
                h.el(
                    "p",
                    &[("class", "change-date")],
                    &fill(l, msg, &[("date", &date_text(l, from))]),
                );
            }
            h.close("li");
        }
        h.close("ul");
    }
    h.close("details");
}

/// The conditions worth listing: every leaf, and every group that carries a note (an unclear
/// list, a disputed condition), once each.
fn reasons<'s, 'a>(d: &'s Determination<'a>) -> Vec<&'s Node<'a>> {
    fn walk<'s, 'a>(n: &'s Node<'a>, out: &mut Vec<&'s Node<'a>>) {
        if n.children.is_empty() || n.note.is_some() {
            let same =
                |o: &&Node| o.condition.label.is_some() && o.condition.label == n.condition.label;
            if !out.iter().any(same) {
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

fn reason(h: &mut Html, data: &PolicyData, document: &str, n: &Node, l: Lang) {
    let (msg, class) = truth_msg(n.truth);
    h.open("li", &[("class", &format!("reason truth-{class}"))]);
    h.el("span", &[("class", "truth")], text(l, msg));
    h.text(" ");
    h.el("span", &[("class", "reason-label")], &label(n, l));
    let when = match (n.from, n.until) {
        (Some(d), _) => Some(fill(l, Msg::ReasonHoldsFrom, &[("date", &date_text(l, d))])),
        (_, Some(d)) => Some(fill(
            l,
            Msg::ReasonHoldsUntil,
            &[("date", &date_text(l, d))],
        )),
        _ => None,
    };
    if let Some(w) = when {
        h.el("span", &[("class", "reason-when")], &w);
    }
    if let Some(note) = n.note {
        h.el("p", &[("class", "reason-note")], note.get(l));
    }
    if n.truth == Truth::Unknown
        && let Some(f) = n.condition.fact()
    {
        let href = Route::Question {
            fact: f.to_string(),
            back_to_check: false,
        }
        .href();
        h.el(
            "a",
            &[("class", "answer-link"), ("href", &href)],
            text(l, Msg::ReasonAnswer),
        );
    }
    if let Some(c) = &n.condition.clause {
        clause(h, data, document, c, l);
    }
    h.close("li");
}

/// A decision that applies but does not lead: its question, answer, standing and clause, and
/// why.
fn other(
    h: &mut Html,
    data: &PolicyData,
    r: &RulesetResult,
    d: &Determination,
    l: Lang,
    o: &Options,
) {
    h.open(
        "div",
        &[
            ("class", &format!("other answer-{}", outcome_class(d))),
            (
                "id",
                &format!("{}det-{}-{}", o.id_prefix, d.ruleset.id, d.decision.id),
            ),
        ],
    );
    h.el(
        "p",
        &[("class", "answer-question")],
        d.decision.title.get(l),
    );
    if let Some(rule) = d.shown_rule() {
        h.open("p", &[]);
        if d.status != Status::Decided {
            h.el(
                "span",
                &[("class", "answer-status")],
                text(l, status_msg(d.status)),
            );
            h.text(" ");
        }
        h.text(rule.answer.get(l));
        h.close("p");
        h.el("p", &[("class", "answer-summary")], rule.summary.get(l));
    }
    doubts(h, data, d, l);
    source(h, data, r, d, l);
    why(h, data, r, d, None, l);
    h.close("div");
}

/// What keeps an answer from being settled beyond its own conditions: rules of a repealed
/// document past the last day they are known to stand (with the source of that day, what to do
/// and what replaces them), and other rules in force that answer differently (citing both).
fn doubts(h: &mut Html, data: &PolicyData, d: &Determination, l: Lang) {
    lapsed(h, data, d, l);
    conflicts(h, data, d, l);
}

/// Rules of a repealed document past the last day they are known to stand: the source of that
/// day, what to do and what replaces them.
fn lapsed(h: &mut Html, data: &PolicyData, d: &Determination, l: Lang) {
    let rs = d.ruleset;
    if let Some(last) = d.lapsed {
        h.open("div", &[("class", "answer-lapsed")]);
        h.el(
            "p",
            &[],
            &fill(l, Msg::MayNoLongerApply, &[("date", &date_text(l, last))]),
        );
        if let Some(note) = &rs.last_known_note {
            h.el("p", &[("class", "doc-note")], note.get(l));
        }
        let titles: Vec<&str> = rs
            .successors
            .iter()
            .filter_map(|id| data.ruleset(id))
            .map(|r| r.title.get(l))
            .collect();
        if titles.is_empty() {
            h.el("p", &[], text(l, Msg::ReplacedByNone));
        } else {
            h.el(
                "p",
                &[],
                &fill(l, Msg::ReplacedBy, &[("titles", &titles.join(" · "))]),
            );
        }
        h.close("div");
    }
}

/// Other rules in force that answer differently, citing both.
fn conflicts(h: &mut Html, data: &PolicyData, d: &Determination, l: Lang) {
    let rs = d.ruleset;
    for c in &d.conflicts {
        h.open("div", &[("class", "answer-conflict")]);
        h.el(
            "p",
            &[],
            &fill(l, Msg::Disagreement, &[("title", c.ruleset.title.get(l))]),
        );
        // The other rule's answer in its few words; its clause follows, with this one's.
        h.el("p", &[("class", "conflict-summary")], c.rule.answer.get(l));
        h.el(
            "p",
            &[("class", "answer-advice")],
            text(l, Msg::DisagreementAdvice),
        );
        h.open("ul", &[("class", "conflict-citations")]);
        if let Some(own) = d.shown_rule() {
            h.open("li", &[]);
            h.text(text(l, Msg::DisagreementThis));
            h.text(" ");
            clause(h, data, &rs.document, &own.clause, l);
            h.close("li");
        }
        h.open("li", &[]);
        h.text(text(l, Msg::DisagreementOther));
        h.text(" ");
        clause(h, data, &c.ruleset.document, &c.rule.clause, l);
        h.close("li");
        h.close("ul");
        h.close("div");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::answers::FactValue;
    use crate::engine::date::Date;
    use crate::engine::model::Service;
    use crate::portal::lucheng_2014;

    fn render_for(a: &Answers, l: Lang) -> String {
        let data = crate::portal::embedded::policy_data().expect("embedded data");
        let eval = data
            .evaluate(a, Date::parse("2026-11-22").expect("date"))
            .expect("evaluates");
        render(
            &eval,
            l,
            &Options {
                id_prefix: "",
                heading: 2,
                glance: true,
            },
        )
    }

    /// A Haishu migrant worker's household that chose the other entitlements: owed wages, a
    /// child here, no one pregnant, no dispute beyond the wages, not in sanitation.
    fn haishu_benefits() -> Answers {
        let mut a = Answers::new();
        a.place = Some("haishu".into());
        a.date = Some(Date::parse("2024-06-01").expect("date"));
        a.services = vec![Service::Benefits];
        for (f, v) in [
            ("child_here", true),
            ("pregnant", false),
            ("wages_unpaid", true),
            ("sanitation_worker", false),
        ] {
            a.facts.insert(f.into(), FactValue::Bool(v));
        }
        a.facts
            .insert("work_kind".into(), FactValue::Text("employee".into()));
        a
    }

    #[test]
    fn the_other_entitlements_list_what_is_relevant_answer_first_and_fold_the_rest() {
        let en = render_for(&haishu_benefits(), Lang::En);
        let section = en
            .split("<section")
            .find(|s| s.contains("id=\"service-benefits\""))
            .expect("a section for the entitlements");
        // The glance counts what may apply: vaccinations, unpaid wages, legal aid (the wages
        // are a dispute), public housing, the venues.
        let data = crate::portal::embedded::policy_data().expect("embedded data");
        let household = haishu_benefits();
        let eval = data
            .evaluate(&household, Date::parse("2026-11-22").expect("date"))
            .expect("evaluates");
        let glance = glance_html(
            &eval,
            Lang::En,
            &Options {
                id_prefix: "",
                heading: 2,
                glance: true,
            },
        );
        assert!(glance.contains("5 may apply to you"), "{glance}");
        let items: Vec<&str> = section
            .split("class=\"answer entitlement")
            .skip(1)
            .collect();
        assert_eq!(items.len(), 5, "{section}");
        // Each leads with its answer: the question, then the answer, before who gives it, the
        // clause and why.
        let wages = items
            .iter()
            .find(|i| i.contains("Unpaid wages: what help is there in Haishu?"))
            .expect("the unpaid wages");
        let answer = wages
            .find("Yes: report it to labour inspection")
            .expect("the answer");
        let office = wages.find("The labour inspection office").expect("who");
        let clause = wages.find("Section 3(8)").expect("the clause");
        let why = wages.find("class=\"reasons\"").expect("why");
        assert!(
            answer < office && office < clause && clause < why,
            "{wages}"
        );
        assert!(wages.contains("Papers to bring (1)"));
        // A vague one says the text does not settle it and names where to ask.
        let housing = items
            .iter()
            .find(|i| i.contains("public rental housing in Haishu"))
            .expect("the housing");
        assert!(housing.contains("answer-status"), "{housing}");
        assert!(housing.contains("Ask the Haishu housing department"));
        // What is not for the household (no one pregnant) is folded, one line each.
        let folded = section
            .split("class=\"answer-others\"")
            .nth(1)
            .expect("the rest, folded");
        assert!(
            folded.contains("1 that do not apply on your answers"),
            "{folded}"
        );
        assert!(folded.contains("Does not apply: no one is pregnant now"));
        let listed = section
            .split("class=\"answer-others\"")
            .next()
            .unwrap_or_default();
        assert!(!listed.contains("no one is pregnant"));
        // The same in Chinese, the answer first.
        let zh = render_for(&haishu_benefits(), Lang::Zh);
        assert!(zh.contains("可以向劳动保障监察反映,由其依法查处"));
        // Its clause is cited once, on the source line, not again beside where to go.
        assert_eq!(wages.matches("<blockquote").count(), 3, "{wages}");
    }

    #[test]
    fn entitlements_past_their_last_known_day_say_so_once_and_still_fold_what_is_not_relevant() {
        // The Lucheng 2013 entitlements asked about in 2024: nothing is settled, but what was
        // out of scope (no one pregnant, no wages owed …) is still folded.
        let mut a = Answers::new();
        a.place = Some("lucheng".into());
        a.date = Some(Date::parse("2024-06-01").expect("date"));
        a.services = vec![Service::Benefits];
        for (f, v) in [
            ("child_here", true),
            ("pregnant", false),
            ("first_child_here", false),
            ("wages_unpaid", false),
            ("legal_dispute", false),
            ("training_certificate", false),
        ] {
            a.facts.insert(f.into(), FactValue::Bool(v));
        }
        a.facts
            .insert("work_kind".into(), FactValue::Text("employee".into()));
        let en = render_for(&a, Lang::En);
        // Child health, the training subsidy and public housing; the rest folded.
        assert_eq!(en.matches("class=\"answer entitlement").count(), 3, "{en}");
        assert!(en.contains("4 that do not apply on your answers"), "{en}");
        assert_eq!(en.matches("class=\"answer-lapsed\"").count(), 1, "{en}");
    }

    #[test]
    fn a_household_with_nothing_relevant_is_told_so_in_a_sentence() {
        let mut a = haishu_benefits();
        a.place = Some("wuxi".into());
        a.facts
            .insert("wages_unpaid".into(), FactValue::Bool(false));
        a.facts
            .insert("legal_dispute".into(), FactValue::Bool(false));
        let en = render_for(&a, Lang::En);
        assert!(
            en.contains("the documents on file name no other service for you"),
            "{en}"
        );
        assert!(!en.contains("class=\"answer entitlement"));
    }

    #[test]
    fn citations_and_titles_are_in_the_readers_language_with_the_published_words_beside() {
        let en = render_for(&lucheng_2014(), Lang::En);
        assert!(en.contains(
            "<span class=\"clause-number\" lang=\"zh-Hans\">温鹿政办〔2013〕164号</span>, <span class=\"clause-label\">Annex 6, Article 2</span> (<span class=\"clause-original\" lang=\"zh-Hans\">附件6 第二条</span>)"
        ));
        assert!(en.contains("<span class=\"doc-title\">Notice of the General Office"));
        assert!(en.contains(
            "<p class=\"doc-original\">Original title: <span lang=\"zh-Hans\">《温州市鹿城区"
        ));
        let hant = render_for(&lucheng_2014(), Lang::ZhHant);
        assert!(hant.contains("<span class=\"clause-label\">附件6 第二條</span>(<span class=\"clause-original\" lang=\"zh-Hans\">附件6 第二条</span>)"));
        let zh = render_for(&lucheng_2014(), Lang::Zh);
        assert!(zh.contains("<span class=\"clause-number\">温鹿政办〔2013〕164号</span> <span class=\"clause-label\">附件6 第二条</span></summary>"));
        assert!(!zh.contains("doc-original"));
        // The clause's words stay as published in every language.
        for html in [&en, &hant, &zh] {
            assert!(html.contains("<blockquote lang=\"zh-Hans\">第二条"));
        }
    }

    #[test]
    fn the_answer_its_reason_and_its_date_come_before_any_detail() {
        let html = render_for(&lucheng_2014(), Lang::Zh);
        let first_details = html.find("<details").expect("details");
        for words in [
            "暂不能安排在公办学校免费就读",
            "在鹿城区缴纳社会保险费1年(含)以上",
            "2014年8月1日",
        ] {
            let at = html
                .find(words)
                .unwrap_or_else(|| panic!("{words} is missing"));
            assert!(at < first_details, "{words} is behind a disclosure");
        }
        // The province's vague answer is folded away, after Lucheng's.
        let province = html
            .find("浙江省义务教育条例")
            .expect("the province's rule");
        assert!(province > html.find("answer-others").expect("others"));
    }

    #[test]
    fn an_open_answer_links_to_its_questions() {
        let mut a = lucheng_2014();
        a.facts.remove("insurance_months_here");
        let html = render_for(&a, Lang::En);
        assert!(
            html.contains("href=\"?p=q/insurance_months_here\""),
            "{html}"
        );
    }

    fn yuhang_newcomer(date: &str) -> Answers {
        let mut a = Answers::new();
        a.place = Some("yuhang".into());
        a.date = Some(Date::parse(date).expect("date"));
        a.services = vec![Service::Permit, Service::Insurance];
        for (k, v) in [
            ("applicant_hukou_here", FactValue::Bool(false)),
            ("lodging_kind", FactValue::Text("home".into())),
            ("planned_stay_days", FactValue::Number(365)),
            ("arrival_date", FactValue::Text("2024-06-03".into())),
            ("residence_registered", FactValue::Bool(true)),
            ("address_changed", FactValue::Bool(true)),
            ("work_kind", FactValue::Text("employee".into())),
            ("employer_enrolled", FactValue::Bool(false)),
            ("job_start_date", FactValue::Text("2024-05-01".into())),
        ] {
            a.facts.insert(k.into(), v);
        }
        a
    }

    fn deadlines_for(a: &Answers, l: Lang) -> String {
        let data = crate::portal::embedded::policy_data().expect("embedded data");
        let eval = data
            .evaluate(a, Date::parse("2026-11-22").expect("date"))
            .expect("evaluates");
        deadlines_html(
            &eval,
            l,
            &Options {
                id_prefix: "",
                heading: 2,
                glance: true,
            },
        )
    }

    #[test]
    fn my_deadlines_lead_each_line_with_the_date_then_the_duty_clause_and_fine() {
        let html = deadlines_for(&yuhang_newcomer("2024-06-04"), Lang::Zh);
        assert!(html.starts_with("<section class=\"deadlines\" id=\"deadlines\""));
        assert!(html.contains("<h2 id=\"deadlines-title\">我的办理期限</h2>"));
        // Dated ones first, in date order: the employer's 31 May (passed), then Hangzhou's 6 June.
        let insurance = html
            .find("<time datetime=\"2024-05-31\">")
            .expect("insurance date");
        let hangzhou = html
            .find("<time datetime=\"2024-06-06\">")
            .expect("hangzhou date");
        assert!(insurance < hangzhou);
        // In a line: the date, then the duty; then the clause, then what happens if missed.
        let line = &html[hangzhou..];
        let title = line.find("申报居住登记(杭州市区)").expect("title");
        let clause = line.find("第九条").expect("clause");
        let missed = line.find("逾期:").expect("if missed");
        let fine = line.find("处50元以上200元以下罚款").expect("fine");
        assert!(title < clause && clause < missed && missed < fine);
        assert!(line.contains("第三十三条"));
        // Working days are said to be counted as calendar days, the safe side.
        assert!(html.contains("条文按工作日计算"));
        // The passed one says so and what to do now.
        let passed = html.find("已过期").expect("passed flag");
        assert!(passed > insurance && passed < hangzhou);
        assert!(html.contains("现在怎么办:</strong> 30日已过"));
        assert!(html.contains("一倍以上三倍以下的罚款"));
        // The text that sets no limit says so.
        assert!(html.contains("条文没有写明期限"));
        // A date not answered names its question, linked to its page; nothing of the person's.
        assert!(html.contains("日期未知:回答这个问题就能算出"));
        assert!(
            html.contains("<a href=\"?p=q/address_changed_date\">地址或服务处所是哪一天变的?</a>")
        );
        for private in ["2024-06-03", "2024-05-01"] {
            assert!(
                !html.contains(&format!("datetime=\"{private}\"")),
                "{private}"
            );
        }
        assert!(html.contains("地址或服务处所是哪一天变的?"));
    }

    #[test]
    fn my_deadlines_in_english_and_traditional_chinese_and_none_when_there_are_none() {
        let en = deadlines_for(&yuhang_newcomer("2024-06-20"), Lang::En);
        assert!(en.contains("<h2 id=\"deadlines-title\">My deadlines</h2>"));
        assert!(en.contains("By 2024-06-06"));
        assert!(en.contains("May have passed"));
        assert!(en.contains("Register your residence (Hangzhou urban area)"));
        assert!(en.contains("If missed:"));
        let hant = deadlines_for(&yuhang_newcomer("2024-06-20"), Lang::ZhHant);
        assert!(hant.contains("我的辦理期限"));
        assert!(hant.contains("可能已過期"));
        // Schooling alone has no deadlines: no section.
        assert_eq!(deadlines_for(&lucheng_2014(), Lang::Zh), "");
    }
}
