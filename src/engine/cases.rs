//! Policy cases: households with the outcome the rules must give them, written as data beside
//! the rules (`policy-data/<service>/cases.toml`) and named as sentences.

use super::answers::{ANSWERS_VERSION, Answers, FactValue};
use super::date::Date;
use super::eval::{Status, Truth};
use super::model::{OutcomeKind, PolicyData, Service};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The date a case is evaluated against for the standing of rules, unless it says otherwise:
/// fixed, so that cases do not change meaning as the years pass.
pub const DEFAULT_TODAY: &str = "2026-11-22";

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    #[serde(rename = "case", default)]
    pub cases: Vec<Case>,
}

/// One household and what the rules must say about it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// A sentence: "A child of 5 is too young for Lucheng public school enrolment".
    pub name: String,
    pub place: String,
    /// The question date.
    pub date: Date,
    /// The real "today" for standings; defaults to [`DEFAULT_TODAY`].
    #[serde(default)]
    pub today: Option<Date>,
    /// Services to evaluate; all when empty.
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub facts: BTreeMap<String, FactValue>,
    #[serde(default)]
    pub unsure: BTreeSet<String>,
    #[serde(rename = "expect", default)]
    pub expectations: Vec<Expectation>,
}

/// What must hold. Name a decision as `ruleset-id/decision-id`, or a service with `no_rule`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    #[serde(default)]
    pub decision: Option<String>,
    /// decided / unknown / ambiguous; `decided` when an outcome is given and this is not.
    #[serde(default)]
    pub status: Option<Status>,
    /// The outcome shown (the deciding one, or the first possible one when undecided).
    #[serde(default)]
    pub outcome: Option<OutcomeKind>,
    /// The id of the rule that gives it.
    #[serde(default)]
    pub rule: Option<String>,
    /// Some favourable outcome not yet reached would apply from this day.
    #[serde(default)]
    pub qualifies_from: Option<Date>,
    /// The favourable outcome reached stops applying on this day.
    #[serde(default)]
    pub stops_on: Option<Date>,
    /// Facts the portal must still ask for.
    #[serde(default)]
    pub asks: Vec<String>,
    /// Facts the portal must not ask for (they cannot change any outcome).
    #[serde(default)]
    pub does_not_ask: Vec<String>,
    /// A condition (by its label's Simplified Chinese text, or its named condition) and its truth.
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub truth: Option<Truth>,
    /// Rule sets that must not apply on the date (e.g. before they began).
    #[serde(default)]
    pub absent: Vec<String>,
    /// This service has no rule on file for the date.
    #[serde(default)]
    pub no_rule: Option<Service>,
    /// The standing of the decision's rule set (in_force, historical, repealed, status_unknown).
    #[serde(default)]
    pub standing: Option<super::eval::Standing>,
}

impl<'de> Deserialize<'de> for Truth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Truth, D::Error> {
        match String::deserialize(d)?.as_str() {
            "met" => Ok(Truth::Met),
            "not_met" => Ok(Truth::NotMet),
            "unknown" => Ok(Truth::Unknown),
            "ambiguous" => Ok(Truth::Ambiguous),
            other => Err(serde::de::Error::custom(format!(
                "'{other}' is not met, not_met, unknown or ambiguous"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        match String::deserialize(d)?.as_str() {
            "decided" => Ok(Status::Decided),
            "unknown" => Ok(Status::Unknown),
            "ambiguous" => Ok(Status::Ambiguous),
            other => Err(serde::de::Error::custom(format!(
                "'{other}' is not decided, unknown or ambiguous"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for super::eval::Standing {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<super::eval::Standing, D::Error> {
        use super::eval::Standing;
        match String::deserialize(d)?.as_str() {
            "in_force" => Ok(Standing::InForce),
            "historical" => Ok(Standing::Historical),
            "repealed" => Ok(Standing::Repealed),
            "status_unknown" => Ok(Standing::StatusUnknown),
            other => Err(serde::de::Error::custom(format!(
                "'{other}' is not in_force, historical, repealed or status_unknown"
            ))),
        }
    }
}

impl Case {
    pub fn answers(&self) -> Answers {
        Answers {
            v: ANSWERS_VERSION,
            place: Some(self.place.clone()),
            date: Some(self.date),
            services: self.services.clone(),
            facts: self.facts.clone(),
            unsure: self.unsure.clone(),
        }
    }

    /// Runs the case; the error lists every expectation that failed.
    pub fn check(&self, data: &PolicyData) -> Result<(), String> {
        let answers = self.answers();
        let problems = answers.problems(data);
        if !problems.is_empty() {
            let list: Vec<String> = problems
                .iter()
                .map(|p| format!("{}: {}", p.fact, p.problem))
                .collect();
            return Err(format!(
                "the case's answers are invalid: {}",
                list.join("; ")
            ));
        }
        if self.expectations.is_empty() {
            return Err("a case needs at least one [[case.expect]]".into());
        }
        let today = self.today.unwrap_or_else(default_today);
        let eval = data.evaluate(&answers, today).map_err(|e| e.to_string())?;
        let open = eval.open_facts();
        let mut failures = Vec::new();
        for (i, e) in self.expectations.iter().enumerate() {
            if let Err(msg) = check_expectation(&eval, &open, e) {
                failures.push(format!("expect[{i}]: {msg}"));
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("\n"))
        }
    }
}

/// A case as the rules explorer lists it: its sentence, its file, and the rules that gave the
/// outcomes it checks (`ruleset/decision/rule`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CaseSummary {
    pub name: String,
    pub file: String,
    pub rules: Vec<String>,
}

impl Case {
    /// The rules whose outcomes this case checks, as `ruleset/decision/rule`.
    pub fn tested_rules(&self, data: &PolicyData) -> Vec<String> {
        let answers = self.answers();
        let today = self.today.unwrap_or_else(default_today);
        let Ok(eval) = data.evaluate(&answers, today) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in &self.expectations {
            let Some((ruleset, decision)) = e.decision.as_deref().and_then(|d| d.split_once('/'))
            else {
                continue;
            };
            let found = eval
                .determinations()
                .find(|d| d.ruleset.id == ruleset && d.decision.id == decision);
            if let Some(rule) = found.and_then(|d| d.shown_rule()) {
                let id = format!("{ruleset}/{decision}/{}", rule.id);
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }
}

fn default_today() -> Date {
    Date::parse(DEFAULT_TODAY).unwrap_or(Date::UNIX_EPOCH)
}

fn check_expectation(
    eval: &super::eval::Evaluation,
    open: &[&str],
    e: &Expectation,
) -> Result<(), String> {
    let mut wrong = Vec::new();
    for f in &e.asks {
        if !open.contains(&f.as_str()) {
            wrong.push(format!(
                "should ask '{f}', but the open questions are {open:?}"
            ));
        }
    }
    for f in &e.does_not_ask {
        if open.contains(&f.as_str()) {
            wrong.push(format!("should not ask '{f}'"));
        }
    }
    for id in &e.absent {
        let applying = eval
            .services
            .iter()
            .flat_map(|s| s.applicable.iter())
            .any(|r| &r.ruleset.id == id);
        if applying {
            wrong.push(format!("rule set '{id}' should not apply on {}", eval.date));
        }
    }
    if let Some(service) = e.no_rule {
        let s = eval
            .services
            .iter()
            .find(|s| s.service == service)
            .ok_or("that service was not evaluated")?;
        if !s.applicable.is_empty() {
            let ids: Vec<&str> = s.applicable.iter().map(|r| r.ruleset.id.as_str()).collect();
            wrong.push(format!("expected no rule on file, but {ids:?} apply"));
        }
    }
    if let Some(id) = &e.decision {
        let (ruleset, decision) = id
            .split_once('/')
            .ok_or("decision must be written 'ruleset-id/decision-id'")?;
        let found = eval
            .services
            .iter()
            .flat_map(|s| s.applicable.iter())
            .find(|r| r.ruleset.id == ruleset);
        let Some(rs) = found else {
            let ids: Vec<&str> = eval
                .services
                .iter()
                .flat_map(|s| s.applicable.iter())
                .map(|r| r.ruleset.id.as_str())
                .collect();
            return Err(format!(
                "rule set '{ruleset}' does not apply on {} (applying: {ids:?})",
                eval.date
            ));
        };
        let d = rs
            .determinations
            .iter()
            .find(|d| d.decision.id == decision)
            .ok_or(format!("no decision '{decision}' in '{ruleset}'"))?;
        let status = e.status.or(e.outcome.map(|_| Status::Decided));
        if let Some(want) = status
            && d.status != want
        {
            wrong.push(format!("status is {:?}, expected {want:?}", d.status));
        }
        let shown = d.shown_rule();
        if let Some(want) = e.outcome
            && shown.map(|r| r.outcome.kind) != Some(want)
        {
            wrong.push(format!(
                "outcome is {:?} (rule {:?}), expected {want:?}",
                shown.map(|r| r.outcome.kind),
                shown.map(|r| &r.id)
            ));
        }
        if let Some(want) = &e.rule
            && shown.map(|r| &r.id) != Some(want)
        {
            wrong.push(format!(
                "rule is {:?}, expected '{want}'",
                shown.map(|r| &r.id)
            ));
        }
        if let Some(want) = e.qualifies_from {
            let days: Vec<String> = d
                .changes()
                .iter()
                .filter_map(|c| c.from)
                .map(|d| d.to_string())
                .collect();
            if !days.contains(&want.to_string()) {
                wrong.push(format!(
                    "expected to qualify from {want}, but the dates shown are {days:?}"
                ));
            }
        }
        if let Some(want) = e.stops_on
            && d.stops_on() != Some(want)
        {
            wrong.push(format!(
                "stops on {:?}, expected {want}",
                d.stops_on().map(|d| d.to_string())
            ));
        }
        if let Some(want) = e.standing
            && rs.standing != want
        {
            wrong.push(format!("standing is {:?}, expected {want:?}", rs.standing));
        }
        if let Some(label) = &e.condition {
            let want = e.truth.ok_or("'condition' needs 'truth'")?;
            let mut found = Vec::new();
            for r in &d.rules {
                if let Some(n) = &r.node {
                    find_nodes(n, label, &mut found);
                }
            }
            if found.is_empty() {
                wrong.push(format!(
                    "no condition labelled or named '{label}' was evaluated"
                ));
            } else if !found.contains(&want) {
                wrong.push(format!(
                    "condition '{label}' is {found:?}, expected {want:?}"
                ));
            }
        }
    } else if e.no_rule.is_none()
        && e.asks.is_empty()
        && e.does_not_ask.is_empty()
        && e.absent.is_empty()
    {
        return Err(
            "an expectation needs 'decision', 'no_rule', 'absent', 'asks' or 'does_not_ask'".into(),
        );
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("; "))
    }
}

fn find_nodes(n: &super::eval::Node, label: &str, out: &mut Vec<Truth>) {
    if n.name == Some(label) || n.condition.label.as_ref().is_some_and(|l| l.zh == label) {
        out.push(n.truth);
    }
    for c in &n.children {
        find_nodes(c, label, out);
    }
}
