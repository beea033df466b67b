//! Policy cases: households with the outcome the rules must give them, written as data beside
//! the rules (`policy-data/<service>/cases.toml`) and named as sentences. A file may name base
//! households (`[household.<name>]`); a case that starts from one gives only what differs, and
//! is resolved into a whole household when the file is read.

use super::answers::{ANSWERS_VERSION, Answers, FactValue};
use super::date::Date;
use super::eval::{Status, Truth};
use super::model::{OutcomeKind, PolicyData, Service};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The date a case is evaluated against for the standing of rules, unless it says otherwise:
/// fixed, so that cases do not change meaning as the years pass.
pub const DEFAULT_TODAY: &str = "2026-11-22";

/// A `cases.toml` as written: named base households, and the cases, each of which may start
/// from one of them and say only what differs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The file's base households by name (`[household.<name>]`).
    #[serde(rename = "household", default)]
    pub households: BTreeMap<String, Household>,
    /// The file's cases in file order (`[[case]]`).
    #[serde(rename = "case", default)]
    pub cases: Vec<CaseEntry>,
}

/// A base household (`[household.<name>]`): what many cases of a file share.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// The place id the household lives in (`lucheng`).
    #[serde(default)]
    pub place: Option<String>,
    /// The question date the household asks about.
    #[serde(default)]
    pub date: Option<Date>,
    /// The "today" for the standing of documents, when not [`DEFAULT_TODAY`].
    #[serde(default)]
    pub today: Option<Date>,
    /// The services to evaluate; all when left out.
    #[serde(default)]
    pub services: Option<Vec<Service>>,
    /// The household's answers, by fact id (`[household.<name>.facts]`).
    #[serde(default)]
    pub facts: BTreeMap<String, FactValue>,
    /// Facts the household answers "I don't know".
    #[serde(default)]
    pub unsure: BTreeSet<String>,
}

/// A `[[case]]` as written. With `household`, its own `place`, `date`, `today` and `services`
/// replace the household's, `[case.facts]` replace or add answers, `unsure` turns answers into
/// "I don't know" or adds such, and `unset` removes answers; [`CaseFile::resolve`] applies it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEntry {
    /// The case's sentence, which names its test; unique across the data.
    pub name: String,
    /// The base household it starts from, in the same file.
    #[serde(default)]
    pub household: Option<String>,
    /// The place id, replacing the household's.
    #[serde(default)]
    pub place: Option<String>,
    /// The question date, replacing the household's.
    #[serde(default)]
    pub date: Option<Date>,
    /// The "today" for the standing of documents, replacing the household's.
    #[serde(default)]
    pub today: Option<Date>,
    /// The services to evaluate, replacing the household's.
    #[serde(default)]
    pub services: Option<Vec<Service>>,
    /// Answers that replace or add to the household's (`[case.facts]`).
    #[serde(default)]
    pub facts: BTreeMap<String, FactValue>,
    /// Facts answered "I don't know", replacing or adding to the household's answers.
    #[serde(default)]
    pub unsure: BTreeSet<String>,
    /// Facts of the household this case leaves unanswered.
    #[serde(default)]
    pub unset: BTreeSet<String>,
    /// What the rules must say about it (`[[case.expect]]`).
    #[serde(rename = "expect", default)]
    pub expectations: Vec<Expectation>,
}

/// One household and what the rules must say about it, with its base household applied.
#[derive(Clone, Debug)]
pub struct Case {
    /// A sentence: "A child of 5 is too young for Lucheng public school enrolment".
    pub name: String,
    /// The base household it starts from, if any.
    pub household: Option<String>,
    /// The place id the household lives in.
    pub place: String,
    /// The question date.
    pub date: Date,
    /// The real "today" for standings; defaults to [`DEFAULT_TODAY`].
    pub today: Option<Date>,
    /// Services to evaluate; all when empty.
    pub services: Vec<Service>,
    /// The answers, by fact id, with the household's applied.
    pub facts: BTreeMap<String, FactValue>,
    /// Facts answered "I don't know", with the household's applied.
    pub unsure: BTreeSet<String>,
    /// What the rules must say about it, in file order.
    pub expectations: Vec<Expectation>,
    /// Facts taken unchanged from the household, so that a bad one is blamed on it.
    inherited: BTreeSet<String>,
}

impl CaseFile {
    /// The cases in file order with their households applied, or every problem found, each a
    /// sentence naming the case or household.
    pub fn resolve(self) -> Result<Vec<Case>, Vec<String>> {
        let mut problems = Vec::new();
        for (id, h) in &self.households {
            for f in h.facts.keys().filter(|f| h.unsure.contains(*f)) {
                problems.push(format!(
                    "household '{id}' both answers '{f}' and lists it as unsure"
                ));
            }
            // An unused household is left over from an edit, and its facts would go unchecked.
            if !self
                .cases
                .iter()
                .any(|c| c.household.as_deref() == Some(id.as_str()))
            {
                problems.push(format!(
                    "household '{id}' is named by no case; remove it or name it in a case"
                ));
            }
        }
        let mut cases = Vec::new();
        for entry in self.cases {
            match entry.resolve(&self.households) {
                Ok(case) => cases.push(case),
                Err(mut p) => problems.append(&mut p),
            }
        }
        if problems.is_empty() {
            Ok(cases)
        } else {
            Err(problems)
        }
    }
}

impl CaseEntry {
    fn resolve(self, households: &BTreeMap<String, Household>) -> Result<Case, Vec<String>> {
        let name = &self.name;
        let mut wrong = Vec::new();
        for f in self.facts.keys().filter(|f| self.unsure.contains(*f)) {
            wrong.push(format!(
                "case '{name}' both answers '{f}' and lists it as unsure"
            ));
        }
        let empty = Household::default();
        let base = match &self.household {
            None => {
                if !self.unset.is_empty() {
                    wrong.push(format!(
                        "case '{name}' has 'unset' but names no household to take facts from"
                    ));
                }
                &empty
            }
            Some(id) => match households.get(id) {
                Some(h) => h,
                None => {
                    let names: Vec<String> = households.keys().map(|k| format!("'{k}'")).collect();
                    let names = if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    };
                    wrong.push(format!(
                        "case '{name}' names household '{id}'; this file has {names}"
                    ));
                    return Err(wrong);
                }
            },
        };
        if let Some(id) = &self.household {
            let from = format!("household '{id}'");
            for f in &self.unset {
                if !base.facts.contains_key(f) && !base.unsure.contains(f) {
                    wrong.push(format!(
                        "case '{name}' unsets '{f}', which {from} does not have"
                    ));
                }
                if self.facts.contains_key(f) || self.unsure.contains(f) {
                    wrong.push(format!(
                        "case '{name}' unsets '{f}' and also gives it; [case.facts] or 'unsure' \
                         alone replaces the household's answer"
                    ));
                }
            }
            // A case that repeats its household hides what makes it different.
            let mut same = Vec::new();
            for (f, v) in &self.facts {
                if base.facts.get(f) == Some(v) {
                    same.push(format!("{f} = {}", toml_value(v)));
                }
            }
            same.extend(
                self.unsure
                    .iter()
                    .filter(|f| base.unsure.contains(*f))
                    .map(|f| format!("unsure '{f}'")),
            );
            if self.place.is_some() && self.place == base.place {
                same.push("place".into());
            }
            if self.date.is_some() && self.date == base.date {
                same.push("date".into());
            }
            if self.today.is_some() && self.today == base.today {
                same.push("today".into());
            }
            if self.services.is_some() && self.services == base.services {
                same.push("services".into());
            }
            if !same.is_empty() {
                wrong.push(format!(
                    "case '{name}' repeats what {from} already says ({}); leave it out",
                    same.join(", ")
                ));
            }
        }
        let place = self.place.or_else(|| base.place.clone());
        let date = self.date.or(base.date);
        for (field, missing) in [("place", place.is_none()), ("date", date.is_none())] {
            if missing {
                wrong.push(match &self.household {
                    Some(id) => format!(
                        "case '{name}' has no '{field}': give it in the case or in household '{id}'"
                    ),
                    None => format!("case '{name}' has no '{field}'"),
                });
            }
        }
        let (Some(place), Some(date)) = (place, date) else {
            return Err(wrong);
        };
        if !wrong.is_empty() {
            return Err(wrong);
        }
        // The case's word on a fact wins over the household's: an answer replaces "I don't
        // know", "I don't know" replaces an answer, and `unset` leaves neither.
        let keep = |f: &String| {
            !self.unset.contains(f) && !self.facts.contains_key(f) && !self.unsure.contains(f)
        };
        let mut facts: BTreeMap<String, FactValue> = base
            .facts
            .iter()
            .filter(|(f, _)| keep(f))
            .map(|(f, v)| (f.clone(), v.clone()))
            .collect();
        let mut unsure: BTreeSet<String> =
            base.unsure.iter().filter(|f| keep(f)).cloned().collect();
        let inherited = facts.keys().chain(unsure.iter()).cloned().collect();
        facts.extend(self.facts);
        unsure.extend(self.unsure);
        Ok(Case {
            name: self.name,
            household: self.household,
            place,
            date,
            today: self.today.or(base.today),
            services: self
                .services
                .or_else(|| base.services.clone())
                .unwrap_or_default(),
            facts,
            unsure,
            expectations: self.expectations,
            inherited,
        })
    }
}

/// An answer as it is written in a cases file, for messages.
fn toml_value(v: &FactValue) -> String {
    match v {
        FactValue::Bool(b) => b.to_string(),
        FactValue::Number(n) => n.to_string(),
        FactValue::Text(t) => format!("{t:?}"),
    }
}

/// What a deadline must say for the household (`deadline = { id = "ruleset-id/deadline-id", … }`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineExpectation {
    /// The deadline, as `ruleset-id/deadline-id`.
    pub id: String,
    /// The last day to act.
    #[serde(default)]
    pub due: Option<Date>,
    /// For a duty that can only be done shortly before: its first day.
    #[serde(default)]
    pub opens: Option<Date>,
    /// Whether the question date is past the last day: `true`, `false`, or for a limit in
    /// working days past its earliest date, "ambiguous" is written `passed = "maybe"`.
    #[serde(default)]
    pub passed: Option<PassedExpectation>,
    /// The date it counts from is not known: the fact whose question gives it.
    #[serde(default)]
    pub unknown: Option<String>,
    /// The clause sets no time limit (its note sends the person to the counter).
    #[serde(default)]
    pub no_limit: Option<bool>,
    /// Whether it is for this household: met, unknown or ambiguous.
    #[serde(default)]
    pub applies: Option<Truth>,
}

/// `passed = true`, `false` or `"maybe"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum PassedExpectation {
    /// Passed, or not.
    Known(bool),
    /// "maybe": past the earliest day of a limit in working days.
    Maybe(MaybeWord),
}

/// The word `"maybe"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaybeWord {
    /// Maybe.
    Maybe,
}

/// What must hold. Name a decision as `ruleset-id/decision-id`, or a service with `no_rule`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// A deadline of the household and what it must say.
    #[serde(default)]
    pub deadline: Option<DeadlineExpectation>,
    /// A deadline (`ruleset-id/deadline-id`) that must not be shown to this household.
    #[serde(default)]
    pub no_deadline: Option<String>,
    /// The decision the other keys are about, as `ruleset-id/decision-id`.
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
    /// With `qualifies_from`: whether the text settles it on that day (`false`: a vague,
    /// unclear or disputed condition that can still decide it leaves it to the counter).
    #[serde(default)]
    pub certain: Option<bool>,
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
    /// The truth `condition` must have: met, not met, unknown or ambiguous.
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
    /// A paper, place to go or next step of the shown rule that this household is shown, by the
    /// beginning of its Simplified Chinese text.
    #[serde(default)]
    pub shows_step: Option<String>,
    /// A paper, place to go or next step of the shown rule that this household is not shown (it
    /// is for other households), by the beginning of its Simplified Chinese text. The rule must
    /// have such an item.
    #[serde(default)]
    pub hides_step: Option<String>,
    /// Exactly the rules whose outcomes are still possible, by id, in rule order.
    #[serde(default)]
    pub possible: Option<Vec<String>>,
    /// The clause the shown rule rests on (`clause`, or `document#clause`); with `shows_step`,
    /// the clause that paper, place to go or step cites.
    #[serde(default)]
    pub cites: Option<String>,
    /// Words the clause of the shown rule (with `shows_step`, of that paper, place or step)
    /// must contain, as published (spaces do not count; parts may be joined by `…`): so that a
    /// citation cannot point at a clause that does not say what it is cited for.
    #[serde(default)]
    pub clause_says: Option<String>,
    /// Whether the decision's rules may no longer apply on the date (a repealed document's,
    /// past the last day they are known to have stood), so that nothing is settled.
    #[serde(default)]
    pub may_no_longer_apply: Option<bool>,
    /// Whether this decision is the answer that leads its service's results.
    #[serde(default)]
    pub leads: Option<bool>,
    /// Exactly the decisions of other rule sets in force (`ruleset-id/decision-id`) that answer
    /// the same question differently for this household; `[]` for none.
    #[serde(default)]
    pub disagrees_with: Option<Vec<String>>,
    /// Words one of the notes shown beside the decision must contain (in Simplified Chinese):
    /// its document's status note, its rule set's notes on dates, or a gap.
    #[serde(default)]
    pub notes_say: Option<String>,
    /// The title of the decision's document, as shown (the published title).
    #[serde(default)]
    pub document_title: Option<String>,
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
    /// The case's household as answers, the way the portal would hold them.
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
                .map(|p| match &self.household {
                    Some(h) if self.inherited.contains(&p.fact) => {
                        format!("{}: {} (from household '{h}')", p.fact, p.problem)
                    }
                    _ => format!("{}: {}", p.fact, p.problem),
                })
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
    /// The case's sentence.
    pub name: String,
    /// The cases file it comes from (`school/cases.toml`).
    pub file: String,
    /// The rules whose outcomes it checks, as `ruleset/decision/rule`.
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
    let deadlines = eval.deadlines();
    let find = |id: &str| {
        deadlines
            .iter()
            .find(|d| format!("{}/{}", d.ruleset.id, d.deadline.id) == id)
            .copied()
    };
    if let Some(id) = &e.no_deadline
        && find(id).is_some()
    {
        wrong.push(format!("deadline '{id}' should not be shown"));
    }
    if let Some(x) = &e.deadline {
        let Some(d) = find(&x.id) else {
            let shown: Vec<String> = deadlines
                .iter()
                .map(|d| format!("{}/{}", d.ruleset.id, d.deadline.id))
                .collect();
            return Err(format!(
                "deadline '{}' is not shown (shown: {shown:?})",
                x.id
            ));
        };
        use super::deadline::DeadlineState;
        if let Some(want) = x.applies
            && d.applies != want
        {
            wrong.push(format!("it applies {:?}, expected {want:?}", d.applies));
        }
        match (d.state, &x.unknown, x.no_limit) {
            (DeadlineState::Unknown { fact }, Some(want), _) if fact != want => {
                wrong.push(format!("its date waits for '{fact}', expected '{want}'"))
            }
            (DeadlineState::Unknown { .. }, None, _) => {
                wrong.push(format!("its date is not known ({:?})", d.state))
            }
            (_, Some(want), _) if !matches!(d.state, DeadlineState::Unknown { .. }) => wrong.push(
                format!("expected its date to wait for '{want}', got {:?}", d.state),
            ),
            (DeadlineState::NoLimit, _, Some(false)) => {
                wrong.push("the clause sets no limit, expected one".into())
            }
            (s, _, Some(true)) if s != DeadlineState::NoLimit => {
                wrong.push(format!("expected no limit, got {s:?}"))
            }
            _ => {}
        }
        if let Some(want) = x.due
            && d.due() != Some(want)
        {
            wrong.push(format!("due {:?}, expected {want}", d.due()));
        }
        if let Some(want) = x.opens {
            let got = match d.state {
                DeadlineState::Due { opens, .. } => opens,
                _ => None,
            };
            if got != Some(want) {
                wrong.push(format!("opens {got:?}, expected {want}"));
            }
        }
        if let Some(want) = x.passed {
            let want = match want {
                PassedExpectation::Known(true) => Truth::Met,
                PassedExpectation::Known(false) => Truth::NotMet,
                PassedExpectation::Maybe(_) => Truth::Ambiguous,
            };
            if d.passed() != Some(want) {
                wrong.push(format!("passed {:?}, expected {want:?}", d.passed()));
            }
        }
    }
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
        if let Some(want) = e.may_no_longer_apply
            && d.lapsed.is_some() != want
        {
            wrong.push(match d.lapsed {
                Some(last) => format!("the rules may no longer apply (known to stand until {last}), expected them in force"),
                None => "the rules are taken as in force, expected 'may no longer apply'".into(),
            });
        }
        if let Some(want) = e.leads {
            let lead = eval
                .services
                .iter()
                .find(|s| s.applicable.iter().any(|r| std::ptr::eq(r, rs)))
                .and_then(|s| eval.lead(s));
            let leads = lead.is_some_and(|l| {
                std::ptr::eq(l, rs) && l.determinations.first().is_some_and(|f| std::ptr::eq(f, d))
            });
            if leads != want {
                let by = lead.map_or("nothing".to_string(), |l| format!("'{}'", l.ruleset.id));
                wrong.push(if want {
                    format!("the service's results are led by {by}, expected this decision")
                } else {
                    "this decision leads its service's results, expected another".into()
                });
            }
        }
        if let Some(want) = &e.disagrees_with {
            let mut got: Vec<String> = d
                .conflicts
                .iter()
                .map(|c| format!("{}/{}", c.ruleset.id, c.decision.id))
                .collect();
            got.sort();
            let mut want = want.clone();
            want.sort();
            if got != want {
                wrong.push(format!("disagrees with {got:?}, expected {want:?}"));
            }
        }
        if let Some(words) = &e.notes_say {
            let r = rs.ruleset;
            let notes: Vec<&str> = [
                &rs.document.status_note,
                &r.from_note,
                &r.to_note,
                &r.last_known_note,
            ]
            .into_iter()
            .flatten()
            .chain(&r.gaps)
            .map(|t| t.zh.as_str())
            .collect();
            if !notes.iter().any(|n| n.contains(words.as_str())) {
                wrong.push(format!(
                    "no note beside the decision says '{words}': {notes:?}"
                ));
            }
        }
        if let Some(want) = &e.document_title
            && rs.document.title != *want
        {
            wrong.push(format!(
                "the document's title is '{}', expected '{want}'",
                rs.document.title
            ));
        }
        let status = e.status.or(e.outcome.map(|_| Status::Decided));
        if let Some(want) = status
            && d.status != want
        {
            let why = if d.conflicts.is_empty() {
                String::new()
            } else {
                let with: Vec<String> = d
                    .conflicts
                    .iter()
                    .map(|c| format!("{}/{} ({})", c.ruleset.id, c.decision.id, c.rule.id))
                    .collect();
                format!(" (it disagrees with {})", with.join(", "))
            };
            wrong.push(format!("status is {:?}, expected {want:?}{why}", d.status));
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
            } else if let Some(certain) = e.certain {
                let changes = d.changes();
                let on_day: Vec<bool> = changes
                    .iter()
                    .filter(|c| c.from == Some(want))
                    .map(|c| c.certain)
                    .collect();
                if !on_day.contains(&certain) {
                    wrong.push(format!(
                        "qualifying from {want} is {}, expected {}",
                        if certain { "uncertain" } else { "certain" },
                        if certain { "certain" } else { "uncertain" },
                    ));
                }
            }
        } else if e.certain.is_some() {
            wrong.push("'certain' goes with 'qualifies_from'".into());
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
        if let Some(want) = &e.possible {
            let got: Vec<&str> = d.possible_rules().iter().map(|r| r.id.as_str()).collect();
            if got != *want {
                wrong.push(format!("possible outcomes are {got:?}, expected {want:?}"));
            }
        }
        if e.shows_step.is_some() || e.hides_step.is_some() {
            check_steps(d, e, &mut wrong);
        }
        if e.cites.is_some() || e.clause_says.is_some() {
            check_cites(eval.data, d, e, &mut wrong);
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
        && e.deadline.is_none()
        && e.no_deadline.is_none()
    {
        return Err(
            "an expectation needs 'decision', 'no_rule', 'absent', 'asks', 'does_not_ask', 'deadline' or 'no_deadline'".into(),
        );
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("; "))
    }
}

/// Checks `shows_step` and `hides_step` against the papers, place to go and next steps of the
/// rule the decision shows: all of them as written, and those this household is shown.
fn check_steps(d: &super::eval::Determination, e: &Expectation, wrong: &mut Vec<String>) {
    let Some(shown) = d.shown() else {
        wrong.push("no rule is shown, so it has no steps".into());
        return;
    };
    let rule = shown.rule;
    let written: Vec<&str> = rule
        .materials
        .iter()
        .chain(rule.where_to_go.iter())
        .chain(&rule.next_steps)
        .map(|c| c.text.zh.as_str())
        .collect();
    let visible: Vec<&str> = shown
        .materials()
        .into_iter()
        .chain(shown.where_to_go())
        .chain(shown.next_steps())
        .map(|c| c.text.zh.as_str())
        .collect();
    let starting = |list: &[&str], prefix: &str| list.iter().any(|t| t.starts_with(prefix));
    if let Some(prefix) = &e.shows_step
        && !starting(&visible, prefix)
    {
        wrong.push(if starting(&written, prefix) {
            format!(
                "step '{prefix}…' of rule '{}' is hidden from this household, expected it shown",
                rule.id
            )
        } else {
            format!(
                "rule '{}' has no paper, place or step beginning '{prefix}'",
                rule.id
            )
        });
    }
    if let Some(prefix) = &e.hides_step {
        if !starting(&written, prefix) {
            wrong.push(format!(
                "rule '{}' has no paper, place or step beginning '{prefix}'",
                rule.id
            ));
        } else if starting(&visible, prefix) {
            wrong.push(format!(
                "step '{prefix}…' of rule '{}' is shown to this household, expected it hidden",
                rule.id
            ));
        }
    }
}

/// Checks `cites` and `clause_says`: the clause of the shown rule, or of the item `shows_step`
/// names, and its words.
fn check_cites(
    data: &PolicyData,
    d: &super::eval::Determination,
    e: &Expectation,
    wrong: &mut Vec<String>,
) {
    let Some(shown) = d.shown() else {
        wrong.push("no rule is shown, so it cites nothing".into());
        return;
    };
    let rule = shown.rule;
    let (what, got) = match &e.shows_step {
        None => (format!("rule '{}'", rule.id), Some(rule.clause.as_str())),
        Some(prefix) => (
            format!("step '{prefix}…' of rule '{}'", rule.id),
            rule.materials
                .iter()
                .chain(rule.where_to_go.iter())
                .chain(&rule.next_steps)
                .find(|c| c.text.zh.starts_with(prefix.as_str()))
                .map(|c| c.clause.as_str()),
        ),
    };
    let Some(got) = got else {
        return; // check_steps names the missing step
    };
    if let Some(want) = &e.cites
        && got != want
    {
        wrong.push(format!("{what} cites '{got}', expected '{want}'"));
    }
    if let Some(words) = &e.clause_says {
        match data.clause(&d.ruleset.document, got) {
            // A place bundle carries no clause texts (they come on demand): nothing to read.
            Some((_, clause)) if clause.text.is_empty() => {}
            Some((_, clause)) if quote_stands_in(&clause.text, words) => {}
            Some((_, clause)) => wrong.push(format!(
                "{what} cites {} ({got}), which does not say '{words}'",
                clause.label
            )),
            None => wrong.push(format!("{what} cites '{got}', which is not on file")),
        }
    }
}

/// Whether `quote` stands in a clause's `text`: spaces do not count, nor the pinyin some
/// sources print after a character (業(yè)), and parts joined by `…` must stand in that order.
pub fn quote_stands_in(text: &str, quote: &str) -> bool {
    fn plain(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            // A pinyin gloss: a bracket of Latin letters (with tone marks) after a character.
            if c == '('
                && let Some(end) = rest.find(')')
            {
                let inner = &rest[1..end];
                if !inner.is_empty() && inner.chars().all(|x| x.is_alphabetic() && !is_han(x)) {
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            if !c.is_whitespace() {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
        out
    }
    let text = plain(text);
    let mut from = 0;
    for part in quote.split('…').map(plain).filter(|p| !p.is_empty()) {
        match text[from..].find(&part) {
            Some(i) => from += i + part.len(),
            None => return false,
        }
    }
    true
}

/// A Chinese character (the CJK blocks the sources use).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn find_nodes(n: &super::eval::Node, label: &str, out: &mut Vec<Truth>) {
    if n.name == Some(label) || n.condition.label.as_ref().is_some_and(|l| l.zh == label) {
        out.push(n.truth);
    }
    for c in &n.children {
        find_nodes(c, label, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[household.lucheng-2014-family]
place = "lucheng"
date = "2014-06-01"
services = ["school"]
[household.lucheng-2014-family.facts]
child_birth_date = "2007-03-15"
parent_permit = "residence_permit"
insurance_months_here = 24
"#;

    /// Resolves a whole cases file.
    fn resolve(text: &str) -> Result<Vec<Case>, Vec<String>> {
        let file: CaseFile = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        file.resolve()
    }

    /// The one case of `BASE` followed by `case`.
    fn one(case: &str) -> Case {
        match resolve(&format!("{BASE}\n{case}")) {
            Ok(mut c) if c.len() == 1 => c.remove(0),
            other => panic!("expected one case, got {other:?}"),
        }
    }

    /// The problems of `BASE` followed by `cases`.
    fn problems(cases: &str) -> Vec<String> {
        match resolve(&format!("{BASE}\n{cases}")) {
            Ok(c) => panic!("expected problems, got {c:?}"),
            Err(p) => p,
        }
    }

    fn ids(set: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
        set.into_iter().map(|s| s.as_ref().to_string()).collect()
    }

    #[test]
    fn a_case_takes_its_household_and_overrides_and_adds() {
        let c = one(r#"
[[case]]
name = "Eleven months, asked in September"
household = "lucheng-2014-family"
date = "2014-09-01"
[case.facts]
insurance_months_here = 11
fixed_residence = true
"#);
        assert_eq!(c.household.as_deref(), Some("lucheng-2014-family"));
        assert_eq!(c.place, "lucheng");
        assert_eq!(c.date.to_string(), "2014-09-01");
        assert_eq!(c.services, [Service::School]);
        assert_eq!(
            c.facts["child_birth_date"],
            FactValue::Text("2007-03-15".into())
        );
        assert_eq!(c.facts["insurance_months_here"], FactValue::Number(11));
        assert_eq!(c.facts["fixed_residence"], FactValue::Bool(true));
        assert_eq!(c.facts.len(), 4);
        assert!(c.unsure.is_empty());
        // answers() is the household as resolved: the rest of the engine sees no difference.
        let a = c.answers();
        assert_eq!(a.place.as_deref(), Some("lucheng"));
        assert_eq!(a.services, [Service::School]);
        assert_eq!(a.facts, c.facts);
    }

    #[test]
    fn services_and_place_of_the_case_replace_the_households() {
        let c = one(r#"
[[case]]
name = "Every service, in Haishu"
household = "lucheng-2014-family"
place = "haishu"
services = []
"#);
        assert_eq!(c.place, "haishu");
        assert!(c.services.is_empty());
    }

    #[test]
    fn unset_removes_a_fact_and_unsure_replaces_an_answer_or_adds() {
        let c = one(r#"
[[case]]
name = "Does not know"
household = "lucheng-2014-family"
unset = ["parent_permit"]
unsure = ["insurance_months_here", "fixed_residence"]
"#);
        assert_eq!(ids(c.facts.keys()), ["child_birth_date"]);
        assert_eq!(ids(&c.unsure), ["fixed_residence", "insurance_months_here"]);
    }

    #[test]
    fn an_answer_in_the_case_replaces_the_households_unsure() {
        let c = resolve(
            r#"
[household.h]
place = "lucheng"
date = "2014-06-01"
unsure = ["insurance_months_here"]

[[case]]
name = "Knows now"
household = "h"
[case.facts]
insurance_months_here = 12
"#,
        )
        .expect("resolves")
        .remove(0);
        assert!(c.unsure.is_empty());
        assert_eq!(c.facts["insurance_months_here"], FactValue::Number(12));
    }

    #[test]
    fn a_case_without_household_is_taken_as_written() {
        let cases = resolve(
            r#"
[[case]]
name = "On its own"
place = "haishu"
date = "2024-06-01"
unsure = ["employer_enrolled"]
[case.facts]
work_kind = "employee"
"#,
        )
        .expect("resolves");
        let c = &cases[0];
        assert_eq!(c.household, None);
        assert_eq!(c.place, "haishu");
        assert!(c.services.is_empty());
        assert_eq!(ids(c.facts.keys()), ["work_kind"]);
        assert_eq!(ids(&c.unsure), ["employer_enrolled"]);
    }

    #[test]
    fn an_unknown_household_names_those_of_the_file() {
        let p = problems(
            r#"
[household.haishu-2020-worker]
place = "haishu"
date = "2020-06-01"

[[case]]
name = "Uses the first"
household = "lucheng-2014-family"

[[case]]
name = "Uses the second"
household = "haishu-2020-worker"

[[case]]
name = "Misspelt"
household = "lucheng-2014-famliy"
"#,
        );
        assert_eq!(
            p,
            [
                "case 'Misspelt' names household 'lucheng-2014-famliy'; this file has \
                 'haishu-2020-worker', 'lucheng-2014-family'"
            ]
        );
        let none = resolve("[[case]]\nname = \"Alone\"\nhousehold = \"x\"\n").unwrap_err();
        assert_eq!(
            none,
            ["case 'Alone' names household 'x'; this file has none"]
        );
    }

    #[test]
    fn unset_must_name_a_fact_of_the_household() {
        let p = problems(
            r#"
[[case]]
name = "Unsets too much"
household = "lucheng-2014-family"
unset = ["fixed_residence", "parent_permit"]
[case.facts]
parent_permit = "temporary_permit"
"#,
        );
        assert_eq!(
            p,
            [
                "case 'Unsets too much' unsets 'fixed_residence', which household \
                 'lucheng-2014-family' does not have",
                "case 'Unsets too much' unsets 'parent_permit' and also gives it; [case.facts] \
                 or 'unsure' alone replaces the household's answer",
            ]
        );
        let alone = resolve(
            "[[case]]\nname = \"Alone\"\nplace = \"lucheng\"\ndate = \"2014-06-01\"\n\
             unset = [\"x\"]\n",
        )
        .unwrap_err();
        assert_eq!(
            alone,
            ["case 'Alone' has 'unset' but names no household to take facts from"]
        );
    }

    #[test]
    fn a_case_that_repeats_its_household_is_told_to_leave_it_out() {
        let p = problems(
            r#"
[[case]]
name = "Repeats"
household = "lucheng-2014-family"
place = "lucheng"
[case.facts]
insurance_months_here = 24
"#,
        );
        assert_eq!(
            p,
            [
                "case 'Repeats' repeats what household 'lucheng-2014-family' already says \
                 (insurance_months_here = 24, place); leave it out"
            ]
        );
    }

    #[test]
    fn contradictions_and_gaps_are_named() {
        let p = resolve(
            r#"
[household.h]
place = "lucheng"
unsure = ["work_kind"]
[household.h.facts]
work_kind = "employee"

[household.unused]
place = "lucheng"

[[case]]
name = "No date"
household = "h"
unsure = ["parent_permit"]
[case.facts]
parent_permit = "none"

[[case]]
name = "Nothing"
"#,
        )
        .unwrap_err();
        assert_eq!(
            p,
            [
                "household 'h' both answers 'work_kind' and lists it as unsure",
                "household 'unused' is named by no case; remove it or name it in a case",
                "case 'No date' both answers 'parent_permit' and lists it as unsure",
                "case 'No date' has no 'date': give it in the case or in household 'h'",
                "case 'Nothing' has no 'place'",
                "case 'Nothing' has no 'date'",
            ]
        );
    }

    #[test]
    fn a_bad_fact_from_the_household_is_blamed_on_it() {
        let c = one(r#"
[[case]]
name = "Adds a misspelt fact"
household = "lucheng-2014-family"
[case.facts]
fixed_residense = true
[[case.expect]]
does_not_ask = ["parent_permit"]
"#);
        // No facts in this catalogue: every answer is a problem, and each says where it is from.
        let err = c.check(&PolicyData::default()).unwrap_err();
        assert!(
            err.contains(
                "child_birth_date: no such question (from household 'lucheng-2014-family')"
            ),
            "{err}"
        );
        assert!(err.contains("fixed_residense: no such question;"), "{err}");
    }

    /// A place, a document of one clause, two facts and one decision: a rule that holds or is
    /// ambiguous for a permit holder, with a step for everyone and one for those without work,
    /// then the rule that holds otherwise.
    const STEPS_DATA: &str = r#"
[[places]]
id = "p"
name = "P"
selectable = true

[[documents]]
id = "d"
number = "1"
title = "T"
issuer = "I"
place = "p"
status = "in_force"
source = "made up"
clause = [{ id = "a1", label = "第一条", text = "…" }]

[[facts]]
id = "has_permit"
kind = "yes_no"
group = "permit"
question = "有居住证吗?"
hint = "…"

[[facts]]
id = "work_kind"
kind = "choice"
group = "work"
question = "怎样工作?"
hint = "…"
choices = [{ id = "employee", label = "受雇" }, { id = "not_working", label = "没有工作" }]

[[rulesets]]
id = "r"
service = "school"
place = "p"
document = "d"
title = "R"

[[rulesets.decision]]
id = "dec"
title = "D"

[[rulesets.decision.rule]]
id = "holder"
outcome = { kind = "eligible" }
clause = "a1"
summary = "持证可以申请。"
answer = "可以申请"
when = { all = [
  { fact = "has_permit", is = true, clause = "a1", label = "有居住证" },
  { vague = "条件没有写明。", clause = "a1", label = "符合条件" },
] }
where = { clause = "a1", text = "到教育局申请。" }
next_steps = [
  { clause = "a1", text = "所有人都看得到的一步。" },
  { clause = "a1", text = "没有工作的:先去登记。", when = { fact = "work_kind", in = ["not_working"], clause = "a1", label = "没有工作" } },
]

[[rulesets.decision.rule]]
id = "otherwise"
outcome = { kind = "ask_counter" }
clause = "a1"
summary = "请咨询。"
answer = "请咨询"
"#;

    /// Checks one case of an employed permit holder with `expect` as its one expectation.
    fn check_steps_case(expect: &str) -> Result<(), String> {
        let data: PolicyData = toml::from_str(STEPS_DATA).unwrap_or_else(|e| panic!("{e}"));
        let cases = resolve(&format!(
            r#"
[[case]]
name = "An employed permit holder"
place = "p"
date = "2024-06-01"
[case.facts]
has_permit = true
work_kind = "employee"
[[case.expect]]
decision = "r/dec"
{expect}
"#
        ))
        .unwrap_or_else(|p| panic!("{p:?}"));
        cases[0].check(&data)
    }

    #[test]
    fn shows_step_and_hides_step_read_the_steps_of_the_shown_rule_for_this_household() {
        assert_eq!(check_steps_case("shows_step = \"所有人\""), Ok(()));
        assert_eq!(check_steps_case("shows_step = \"到教育局\""), Ok(()));
        assert_eq!(check_steps_case("hides_step = \"没有工作的\""), Ok(()));
        assert_eq!(
            check_steps_case("shows_step = \"没有工作的\""),
            Err(
                "expect[0]: step '没有工作的…' of rule 'holder' is hidden from this household, \
                 expected it shown"
                    .into()
            )
        );
        assert_eq!(
            check_steps_case("hides_step = \"所有人\""),
            Err(
                "expect[0]: step '所有人…' of rule 'holder' is shown to this household, \
                 expected it hidden"
                    .into()
            )
        );
        // A prefix that begins no item is named, so a misspelt one cannot pass unnoticed.
        for key in ["shows_step", "hides_step"] {
            assert_eq!(
                check_steps_case(&format!("{key} = \"灵活就业的\"")),
                Err(
                    "expect[0]: rule 'holder' has no paper, place or step beginning '灵活就业的'"
                        .into()
                )
            );
        }
    }

    #[test]
    fn possible_is_exactly_the_rules_still_possible_in_order() {
        assert_eq!(
            check_steps_case("possible = [\"holder\", \"otherwise\"]"),
            Ok(())
        );
        assert_eq!(
            check_steps_case("possible = [\"holder\"]"),
            Err(
                "expect[0]: possible outcomes are [\"holder\", \"otherwise\"], expected \
                 [\"holder\"]"
                    .into()
            )
        );
        assert_eq!(
            check_steps_case("possible = [\"otherwise\", \"holder\"]"),
            Err(
                "expect[0]: possible outcomes are [\"holder\", \"otherwise\"], expected \
                 [\"otherwise\", \"holder\"]"
                    .into()
            )
        );
    }
}
