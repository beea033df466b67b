//! A household's deadlines: for each `[[deadline]]` of a rule set that applies on the question
//! date, whether it is for this household, and the day by which to act, counted from the date
//! the household gave (or which question to answer for it).

use super::answers::{Answers, Value, read_value};
use super::date::Date;
use super::determination::Determination;
use super::model::{Deadline, FactKind, PolicyData, Ruleset};
use super::truth::Truth;

/// One deadline of a rule set in force on the question date, as it stands for the household.
#[derive(Clone, Debug)]
pub struct DeadlineResult<'a> {
    /// The deadline, as written in the data.
    pub deadline: &'a Deadline,
    /// The rule set it belongs to (its document is the deadline's).
    pub ruleset: &'a Ruleset,
    /// Whether it is for this household: met, or unknown / ambiguous while the answers or the
    /// text leave it open (deadlines that are not for it are left out).
    pub applies: Truth,
    /// The date, or why there is none.
    pub state: DeadlineState<'a>,
    /// Its `when`, as evaluated (to tell which answers would settle whether it applies).
    pub when_node: Option<super::determination::Node<'a>>,
}

/// The date of a deadline, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineState<'a> {
    /// The date it counts from is not answered (or the person does not know it): this fact's
    /// question gives it.
    Unknown {
        /// The fact to answer.
        fact: &'a str,
    },
    /// The clause sets the duty but no time limit: its `vague` note says whom to ask.
    NoLimit,
    /// The day by which to act.
    Due {
        /// The date the period counts from, as answered.
        from: Date,
        /// The last day to act (for a period of working days, the earliest it can fall).
        due: Date,
        /// For a duty that can be done only shortly before (an endorsement): the first day.
        opens: Option<Date>,
        /// The question date is after `due`.
        passed: bool,
        /// `from` is a month, not a day: the date is counted from its first day.
        approximate: bool,
    },
}

impl DeadlineResult<'_> {
    /// The last day to act, when known.
    pub fn due(&self) -> Option<Date> {
        match self.state {
            DeadlineState::Due { due, .. } => Some(due),
            _ => None,
        }
    }

    /// Whether the question date is after the last day. For working days the date shown is the
    /// earliest the limit can fall, so a date past it is "may have passed": [`Truth::Ambiguous`].
    pub fn passed(&self) -> Option<Truth> {
        match self.state {
            DeadlineState::Due { passed: false, .. } => Some(Truth::NotMet),
            DeadlineState::Due { passed: true, .. } if self.deadline.working_days => {
                Some(Truth::Ambiguous)
            }
            DeadlineState::Due { passed: true, .. } => Some(Truth::Met),
            _ => None,
        }
    }
}

/// Whether the deadline's `after` rule holds: met when that rule decides, not met when another
/// does or it is no longer possible, unknown while it still might.
pub(crate) fn after_truth(deadline: &Deadline, determinations: &[Determination]) -> Truth {
    let Some((decision, rule)) = deadline.after.as_deref().and_then(|a| a.split_once('/')) else {
        return Truth::Met;
    };
    let Some(d) = determinations.iter().find(|d| d.decision.id == decision) else {
        return Truth::NotMet;
    };
    match d.status {
        super::eval::Status::Decided => match d.shown_rule() {
            Some(r) if r.id == rule => Truth::Met,
            _ => Truth::NotMet,
        },
        status => {
            if d.possible_rules().iter().any(|r| r.id == rule) {
                if status == super::eval::Status::Unknown {
                    Truth::Unknown
                } else {
                    Truth::Ambiguous
                }
            } else {
                Truth::NotMet
            }
        }
    }
}

/// The date of `deadline` for these answers on the question date `on`.
pub(crate) fn state<'a>(
    data: &PolicyData,
    answers: &Answers,
    deadline: &'a Deadline,
    on: Date,
) -> DeadlineState<'a> {
    let fact = deadline.counts_from.as_str();
    let Some(period) = deadline.period else {
        return DeadlineState::NoLimit;
    };
    let unknown = DeadlineState::Unknown { fact };
    if answers.unsure.contains(fact) {
        return unknown;
    }
    let (Some(f), Some(v)) = (data.fact(fact), answers.facts.get(fact)) else {
        return unknown;
    };
    let from = match read_value(f, v) {
        Ok(Value::Date(d)) => d,
        _ => return unknown,
    };
    let approximate = f.kind == FactKind::Month;
    let (due, opens) = if deadline.repeats {
        // The day before each full period since `from`, the next one on or after `on`.
        let mut n = 1;
        loop {
            let Some(full) = repeat(from, period, n) else {
                return unknown;
            };
            let due = full.add_days(-1).unwrap_or(full);
            if due >= on || n > 200 {
                let opens = deadline.window.and_then(|w| subtract(full, w));
                break (due, opens);
            }
            n += 1;
        }
    } else {
        let Some(due) = from.add_period(period) else {
            return unknown;
        };
        (due, deadline.window.and_then(|w| subtract(due, w)))
    };
    DeadlineState::Due {
        from,
        due,
        opens,
        passed: due < on,
        approximate,
    }
}

fn repeat(from: Date, p: super::date::Period, n: u32) -> Option<Date> {
    from.add_period(super::date::Period {
        years: p.years * n,
        months: p.months * n,
        days: p.days * n,
    })
}

fn subtract(d: Date, p: super::date::Period) -> Option<Date> {
    d.add_months(-(i64::from(p.years) * 12 + i64::from(p.months)))?
        .add_days(-i64::from(p.days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::answers::FactValue;
    use crate::engine::date::Period;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn deadline(toml_text: &str) -> Deadline {
        toml::from_str(toml_text).unwrap()
    }

    fn data() -> PolicyData {
        let facts = r#"
[[fact]]
id = "arrival_date"
kind = "date"
group = "household"
question = { zh = "到达日期", zh_hant = "到達日期", en = "Arrival date" }
hint = { zh = "h", zh_hant = "h", en = "h" }

[[fact]]
id = "here_since"
kind = "month"
group = "household"
question = { zh = "m", zh_hant = "m", en = "m" }
hint = { zh = "h", zh_hant = "h", en = "h" }
"#;
        #[derive(serde::Deserialize)]
        struct F {
            fact: Vec<super::super::model::Fact>,
        }
        let f: F = toml::from_str(facts).unwrap();
        PolicyData {
            facts: f.fact,
            ..PolicyData::default()
        }
    }

    const BASE: &str = r#"
id = "d"
title = { zh = "t", zh_hant = "t", en = "t" }
clause = "art1"
what = { zh = "w", zh_hant = "w", en = "w" }
if_passed = { zh = "p", zh_hant = "p", en = "p" }
"#;

    fn answers(fact: &str, value: &str) -> Answers {
        let mut a = Answers::new();
        a.facts
            .insert(fact.to_string(), FactValue::Text(value.to_string()));
        a
    }

    #[test]
    fn a_period_counts_from_the_day_after_and_is_passed_only_after_its_last_day() {
        let d = deadline(&format!(
            "{BASE}counts_from = \"arrival_date\"\nperiod = {{ days = 30 }}"
        ));
        let a = answers("arrival_date", "2026-11-01");
        let s = state(&data(), &a, &d, day("2026-12-01"));
        assert_eq!(
            s,
            DeadlineState::Due {
                from: day("2026-11-01"),
                due: day("2026-12-01"),
                opens: None,
                passed: false,
                approximate: false
            }
        );
        let s = state(&data(), &a, &d, day("2026-12-02"));
        assert!(matches!(s, DeadlineState::Due { passed: true, .. }));
    }

    #[test]
    fn an_unanswered_or_unsure_date_names_its_question_and_no_period_is_no_limit() {
        let d = deadline(&format!(
            "{BASE}counts_from = \"arrival_date\"\nperiod = {{ days = 10 }}"
        ));
        let on = day("2026-12-01");
        assert_eq!(
            state(&data(), &Answers::new(), &d, on),
            DeadlineState::Unknown {
                fact: "arrival_date"
            }
        );
        let mut a = answers("arrival_date", "2026-11-01");
        a.unsure.insert("arrival_date".into());
        assert_eq!(
            state(&data(), &a, &d, on),
            DeadlineState::Unknown {
                fact: "arrival_date"
            }
        );
        let none = deadline(&format!("{BASE}counts_from = \"arrival_date\""));
        assert_eq!(state(&data(), &a, &none, on), DeadlineState::NoLimit);
    }

    #[test]
    fn a_yearly_duty_falls_on_the_day_before_the_next_full_year_and_opens_a_month_before() {
        let d = deadline(&format!(
            "{BASE}counts_from = \"arrival_date\"\nperiod = {{ years = 1 }}\nrepeats = true\nwindow = {{ months = 1 }}"
        ));
        let a = answers("arrival_date", "2024-03-15");
        let s = state(&data(), &a, &d, day("2026-01-10"));
        assert_eq!(
            s,
            DeadlineState::Due {
                from: day("2024-03-15"),
                due: day("2026-03-14"),
                opens: Some(day("2026-02-15")),
                passed: false,
                approximate: false
            }
        );
        // On the day itself it is still the one due; the day after, the next year's.
        let s = state(&data(), &a, &d, day("2026-03-15"));
        assert_eq!(s.clone_due(), Some(day("2027-03-14")));
    }

    #[test]
    fn a_month_counts_from_its_first_day_and_says_so() {
        let d = deadline(&format!(
            "{BASE}counts_from = \"here_since\"\nperiod = {{ days = 15 }}"
        ));
        let a = answers("here_since", "2026-11");
        let s = state(&data(), &a, &d, day("2026-11-02"));
        assert!(matches!(
            s,
            DeadlineState::Due {
                approximate: true,
                ..
            }
        ));
        assert_eq!(s.clone_due(), Some(day("2026-11-16")));
        let _ = Period::default();
    }

    impl DeadlineState<'_> {
        fn clone_due(&self) -> Option<Date> {
            match self {
                DeadlineState::Due { due, .. } => Some(*due),
                _ => None,
            }
        }
    }
}
