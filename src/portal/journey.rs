//! The order of a resident's journey: which question comes next, which came before, and which
//! answers belong on the check-your-answers page. Plain functions over the engine, so that the
//! journey is tested natively.

use crate::engine::answers::Answers;
use crate::engine::date::Date;
use crate::engine::eval::Evaluation;
use crate::engine::model::{Condition, PolicyData};
use crate::portal::route::Route;
use std::collections::BTreeSet;

/// Where to go once an answer is saved: the next question the rules still need, or, when none
/// is left, the check-your-answers page. Without a place, the start page.
pub fn next_route(data: &PolicyData, answers: &Answers, today: Date) -> Route {
    match data.evaluate(answers, today) {
        Ok(eval) => next_question(&eval).unwrap_or(Route::Check),
        Err(_) => Route::Start,
    }
}

/// The next question an evaluation still needs answered, if any (for pages that have already
/// evaluated).
pub fn next_question(eval: &Evaluation) -> Option<Route> {
    eval.open_facts()
        .into_iter()
        .find(|f| !eval.answers.is_answered(f))
        .map(|fact| Route::Question {
            fact: fact.to_string(),
            back_to_check: false,
        })
}

/// Facts that the applicable rules of the chosen services test, in the catalogue's order.
pub fn relevant_facts<'a>(eval: &Evaluation<'a>) -> Vec<&'a str> {
    let mut used = BTreeSet::new();
    for s in &eval.services {
        for r in &s.applicable {
            for c in r.ruleset.conditions.values() {
                collect(eval.data, c, &mut used);
            }
            for d in &r.ruleset.decisions {
                for rule in &d.rules {
                    if let Some(c) = &rule.when {
                        collect(eval.data, c, &mut used);
                    }
                }
            }
        }
    }
    // Conditions reached through `ref = "other#name"` live in other rule sets.
    let mut more = BTreeSet::new();
    for s in &eval.services {
        for r in &s.applicable {
            for d in &r.ruleset.decisions {
                for rule in &d.rules {
                    if let Some(c) = &rule.when {
                        collect_refs(eval.data, r.ruleset, c, &mut more, 0);
                    }
                }
            }
        }
    }
    used.extend(more);
    eval.data
        .facts
        .iter()
        .map(|f| f.id.as_str())
        .filter(|f| used.contains(f))
        .collect()
}

fn collect<'a>(data: &'a PolicyData, c: &'a Condition, out: &mut BTreeSet<&'a str>) {
    if let Some(f) = c.fact() {
        out.insert(f);
    }
    if let crate::engine::model::Test::PointsAtLeast { scheme, .. } = &c.test
        && let Some(s) = data.points_scheme(scheme)
    {
        out.extend(s.factors.iter().map(|f| f.fact.as_str()));
    }
    for k in c.children() {
        collect(data, k, out);
    }
}

fn collect_refs<'a>(
    data: &'a PolicyData,
    owner: &'a crate::engine::model::Ruleset,
    c: &'a Condition,
    out: &mut BTreeSet<&'a str>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    if let crate::engine::model::Test::Ref(name) = &c.test
        && let Some((rs, _, named)) = data.named_condition(owner, name)
    {
        collect(data, named, out);
        collect_refs(data, rs, named, out, depth + 1);
    }
    for k in c.children() {
        collect_refs(data, owner, k, out, depth + 1);
    }
}

/// The page before question `fact`: the closest earlier answered question that still matters,
/// or the start page.
pub fn previous_route(data: &PolicyData, answers: &Answers, today: Date, fact: &str) -> Route {
    let Ok(eval) = data.evaluate(answers, today) else {
        return Route::Start;
    };
    let relevant = relevant_facts(&eval);
    let order: Vec<&str> = data.facts.iter().map(|f| f.id.as_str()).collect();
    let here = order.iter().position(|f| *f == fact).unwrap_or(order.len());
    order[..here]
        .iter()
        .rev()
        .find(|f| answers.is_answered(f) && relevant.contains(f))
        .map_or(Route::Start, |f| Route::Question {
            fact: f.to_string(),
            back_to_check: false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::answers::FactValue;
    use crate::engine::model::Service;

    fn lucheng() -> (PolicyData, Answers, Date) {
        let data = crate::portal::embedded::policy_data().expect("embedded data");
        let mut a = Answers::new();
        a.place = Some("lucheng".into());
        a.date = Some(Date::parse("2014-06-01").unwrap());
        a.services = vec![Service::School];
        (data, a, Date::parse("2026-11-22").unwrap())
    }

    #[test]
    fn asks_the_first_open_question_then_checks() {
        let (data, mut a, today) = lucheng();
        let first = next_route(&data, &a, today);
        let Route::Question { fact, .. } = first else {
            panic!("expected a question, got {first:?}")
        };
        assert_eq!(fact, "child_birth_date");
        // A child of 5 is out of scope: no more questions are needed.
        a.facts
            .insert("child_hukou_here".into(), FactValue::Bool(false));
        a.facts.insert(
            "child_birth_date".into(),
            FactValue::Text("2010-01-01".into()),
        );
        assert_eq!(next_route(&data, &a, today), Route::Check);
        assert_eq!(
            previous_route(&data, &a, today, "child_hukou_here"),
            Route::Question {
                fact: "child_birth_date".into(),
                back_to_check: false
            }
        );
        assert_eq!(
            previous_route(&data, &a, today, "child_birth_date"),
            Route::Start
        );
    }

    #[test]
    fn without_a_place_the_journey_starts_over() {
        let (data, mut a, today) = lucheng();
        a.place = None;
        assert_eq!(next_route(&data, &a, today), Route::Start);
    }
}
