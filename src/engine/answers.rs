//! What a household has told the portal: one versioned type shared by the pages, the saved
//! state, share links and the command line. It holds eligibility facts only; names, ID numbers,
//! addresses and phone numbers live in the forms' own store and never enter a link.

use super::date::Date;
use super::json::{self, Json};
use super::model::{Fact, FactKind, PolicyData, Service};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version of [`Answers`] this build writes. A link or saved state of another version is
/// refused with a message, never guessed at.
pub const ANSWERS_VERSION: u32 = 1;

/// A household's answers.
///
/// ```json
/// { "v": 1, "place": "lucheng", "date": "2014-06-01", "services": ["school"],
///   "facts": { "child_birth_date": "2008-09-01", "parent_holds_residence_permit": true },
///   "unsure": ["insurance_months_here"] }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Always [`ANSWERS_VERSION`].
    pub v: u32,
    /// The place chosen (a selectable place id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The date the question is asked for; none means today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// What to check; empty means every service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// Fact id → answer: `true`/`false` for yes/no, `"YYYY-MM-DD"` for dates, `"YYYY-MM"` for
    /// months, whole months for durations, a number for counts, a choice id for choices.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, FactValue>,
    /// Facts the person was asked and said they do not know: they stay unknown, and are not
    /// asked again.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub unsure: BTreeSet<String>,
}

/// One answer as written in JSON or TOML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactValue {
    /// A yes/no answer (`true`).
    Bool(bool),
    /// A number: whole months for a duration, or a count.
    Number(i64),
    /// Text: a date (`YYYY-MM-DD`), a month (`YYYY-MM`) or a choice id.
    Text(String),
}

/// An answer read against its fact's kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// A yes/no answer.
    Bool(bool),
    /// A day, or the first of the month for a month fact.
    Date(Date),
    /// A duration in whole months.
    Months(i64),
    /// A count, in the fact's unit.
    Count(i64),
    /// The id of the chosen choice.
    Choice(&'a str),
}

/// Why an answer cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerProblem {
    /// The fact whose answer it is (or `v` / `place` for the record itself).
    pub fact: String,
    /// What is wrong with it, in a sentence (`'2008-06' is not a full date (YYYY-MM-DD)`).
    pub problem: String,
}

impl Answers {
    /// Empty answers of the current version, as a new journey starts.
    pub fn new() -> Answers {
        Answers {
            v: ANSWERS_VERSION,
            ..Answers::default()
        }
    }

    /// The services to check: those chosen, or all.
    pub fn services(&self) -> Vec<Service> {
        if self.services.is_empty() {
            Service::ALL.to_vec()
        } else {
            self.services.clone()
        }
    }

    /// Whether the fact has been answered (with a value, or with "I don't know").
    pub fn is_answered(&self, fact: &str) -> bool {
        self.facts.contains_key(fact) || self.unsure.contains(fact)
    }

    /// Checks every answer against the catalogue: unknown facts, wrong kinds, impossible dates,
    /// choices that do not exist, negative durations.
    pub fn problems(&self, data: &PolicyData) -> Vec<AnswerProblem> {
        let mut problems = Vec::new();
        if self.v != ANSWERS_VERSION {
            problems.push(AnswerProblem {
                fact: "v".into(),
                problem: format!("version {} is not {}", self.v, ANSWERS_VERSION),
            });
        }
        if let Some(place) = &self.place
            && !data.places.iter().any(|p| &p.id == place && p.selectable)
        {
            problems.push(AnswerProblem {
                fact: "place".into(),
                problem: format!("unknown place '{place}'"),
            });
        }
        for (id, value) in &self.facts {
            match data.facts.iter().find(|f| &f.id == id) {
                None => problems.push(AnswerProblem {
                    fact: id.clone(),
                    problem: format!(
                        "no such question{}",
                        super::suggest::did_you_mean(id, data.facts.iter().map(|f| f.id.as_str()))
                    ),
                }),
                Some(fact) => {
                    if let Err(problem) = read_value(fact, value) {
                        problems.push(AnswerProblem {
                            fact: id.clone(),
                            problem,
                        });
                    }
                }
            }
        }
        for id in &self.unsure {
            if !data.facts.iter().any(|f| &f.id == id) {
                problems.push(AnswerProblem {
                    fact: id.clone(),
                    problem: format!(
                        "no such question{}",
                        super::suggest::did_you_mean(id, data.facts.iter().map(|f| f.id.as_str()))
                    ),
                });
            }
        }
        problems
    }

    /// Drops every answer that [`Answers::problems`] would report, keeping the rest.
    pub fn without_problems(mut self, data: &PolicyData) -> (Answers, Vec<AnswerProblem>) {
        let problems = self.problems(data);
        for p in &problems {
            match p.fact.as_str() {
                "v" => self.v = ANSWERS_VERSION,
                "place" => self.place = None,
                fact => {
                    self.facts.remove(fact);
                    self.unsure.remove(fact);
                }
            }
        }
        (self, problems)
    }

    /// Drops every answer the catalogue of facts refuses, keeping the place whatever it is: the
    /// browser reads saved answers and links against one place's rules, which cannot vouch for
    /// another place (a place the data no longer has is met, gently, when the answers are
    /// evaluated).
    pub fn without_fact_problems(self, data: &PolicyData) -> (Answers, Vec<AnswerProblem>) {
        let place = self.place.clone();
        let (mut answers, mut problems) = self.without_problems(data);
        answers.place = place;
        problems.retain(|p| p.fact != "place");
        (answers, problems)
    }
}

/// Reads an answer as its fact's kind says.
pub fn read_value<'a>(fact: &'a Fact, value: &'a FactValue) -> Result<Value<'a>, String> {
    match (fact.kind, value) {
        (FactKind::YesNo, FactValue::Bool(b)) => Ok(Value::Bool(*b)),
        // A day is given whole ("2008-06" is a month, not a birth date), a month as YYYY-MM.
        (FactKind::Date, FactValue::Text(t)) if t.matches('-').count() != 2 => {
            Err(format!("'{t}' is not a full date (YYYY-MM-DD)"))
        }
        (FactKind::Month, FactValue::Text(t)) if t.matches('-').count() != 1 => {
            Err(format!("'{t}' is not a month (YYYY-MM)"))
        }
        (FactKind::Date | FactKind::Month, FactValue::Text(t)) => Date::parse(t)
            .map(Value::Date)
            .map_err(|e| format!("'{t}': {e}")),
        (FactKind::Duration, FactValue::Number(n)) if (0..=1200).contains(n) => {
            Ok(Value::Months(*n))
        }
        (FactKind::Duration, FactValue::Number(n)) => {
            Err(format!("{n} months is not a possible duration"))
        }
        (FactKind::Count, FactValue::Number(n)) if *n >= 0 => Ok(Value::Count(*n)),
        (FactKind::Count, FactValue::Number(n)) => Err(format!("{n} is below zero")),
        (FactKind::Choice, FactValue::Text(t)) => match fact.choices.iter().find(|c| &c.id == t) {
            Some(c) => Ok(Value::Choice(&c.id)),
            None => Err(format!("'{t}' is not one of the choices")),
        },
        (kind, _) => Err(format!("not an answer of kind {kind:?}")),
    }
}

/// Why saved answers (on this device) cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedError {
    /// Not readable as answers at all.
    Corrupt(String),
    /// Saved by another version of the portal.
    OtherVersion(u64),
}

/// The place of answers saved on the device, read before its rules have been downloaded (they
/// are needed to read the rest); `None` when the record names none or cannot be read.
pub fn saved_place(text: &str) -> Option<String> {
    json::parse(text)
        .ok()?
        .get("place")?
        .as_str()
        .map(str::to_string)
}

/// Answers as the device keeps them: the JSON documented on [`Answers`].
pub fn to_saved(answers: &Answers) -> String {
    let mut map = BTreeMap::new();
    map.insert("v".to_string(), Json::Int(i64::from(answers.v)));
    if let Some(p) = &answers.place {
        map.insert("place".into(), Json::Str(p.clone()));
    }
    if let Some(d) = answers.date {
        map.insert("date".into(), Json::Str(d.to_string()));
    }
    if !answers.services.is_empty() {
        let ids = answers.services.iter().map(|s| Json::Str(s.id().into()));
        map.insert("services".into(), Json::List(ids.collect()));
    }
    if !answers.facts.is_empty() {
        let facts = answers.facts.iter().map(|(k, v)| {
            let v = match v {
                FactValue::Bool(b) => Json::Bool(*b),
                FactValue::Number(n) => Json::Int(*n),
                FactValue::Text(t) => Json::Str(t.clone()),
            };
            (k.clone(), v)
        });
        map.insert("facts".into(), Json::Object(facts.collect()));
    }
    if !answers.unsure.is_empty() {
        let ids = answers.unsure.iter().map(|f| Json::Str(f.clone()));
        map.insert("unsure".into(), Json::List(ids.collect()));
    }
    let mut out = String::new();
    Json::Object(map).write(&mut out);
    out
}

/// Reads answers saved on the device: a whole, current-version record, from which answers the
/// data no longer knows are dropped and reported. A record with a field this version does not
/// know is refused whole, never half read.
pub fn from_saved(
    text: &str,
    data: &PolicyData,
) -> Result<(Answers, Vec<AnswerProblem>), SavedError> {
    let corrupt = |why: &str| SavedError::Corrupt(why.to_string());
    let value = json::parse(text).map_err(|e| SavedError::Corrupt(e.to_string()))?;
    let Json::Object(map) = &value else {
        return Err(corrupt("not an object"));
    };
    match map.get("v") {
        Some(Json::Int(v)) if *v == i64::from(ANSWERS_VERSION) => {}
        Some(Json::Int(v)) => return Err(SavedError::OtherVersion(u64::try_from(*v).unwrap_or(0))),
        _ => return Err(corrupt("no version")),
    }
    let strings = |v: &Json| -> Result<Vec<String>, SavedError> {
        match v {
            Json::List(items) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_string)
                        .ok_or(corrupt("a list of texts"))
                })
                .collect(),
            _ => Err(corrupt("a list of texts")),
        }
    };
    let mut answers = Answers::new();
    for (key, v) in map {
        match (key.as_str(), v) {
            ("v", _) => {}
            ("place", Json::Str(p)) => answers.place = Some(p.clone()),
            ("date", Json::Str(d)) => {
                answers.date = Some(Date::parse(d).map_err(|e| SavedError::Corrupt(e.to_string()))?)
            }
            ("services", v) => {
                for id in strings(v)? {
                    answers
                        .services
                        .push(Service::from_id(&id).ok_or(corrupt("an unknown service"))?);
                }
            }
            ("facts", Json::Object(facts)) => {
                for (fact, v) in facts {
                    let value = match v {
                        Json::Bool(b) => FactValue::Bool(*b),
                        Json::Int(n) => FactValue::Number(*n),
                        Json::Str(t) => FactValue::Text(t.clone()),
                        _ => return Err(corrupt("an answer that is no value")),
                    };
                    answers.facts.insert(fact.clone(), value);
                }
            }
            ("unsure", v) => answers.unsure = strings(v)?.into_iter().collect(),
            _ => return Err(corrupt("a field this version does not know")),
        }
    }
    Ok(answers.without_fact_problems(data))
}
