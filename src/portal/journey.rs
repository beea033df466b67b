//! The order of a resident's journey: which question comes next, which came before, and which
//! answers belong on the check-your-answers page. Plain functions over the engine, so that the
//! journey is tested natively.

use crate::engine::answers::Answers;
use crate::engine::date::Date;
use crate::engine::eval::Evaluation;
use crate::engine::model::{Condition, PolicyData, Ruleset, Test};
use crate::portal::route::Route;

/// Where to go once an answer is saved: the next question the rules still need, or, when none
/// is left, the check-your-answers page. Without a place, the start page.
pub fn next_route(data: &PolicyData, answers: &Answers, today: Date) -> Route {
    match data.evaluate(answers, today) {
        Ok(eval) => next_question(&eval).unwrap_or(Route::Check),
        Err(_) => Route::Start,
    }
}

/// Every fact the applicable rules of the chosen services read, in the order a journey asks
/// them: first those of each service's leading answer (the place's own rules: see
/// `crate::portal::results`), in the order its rules read them — the text's own order, which
/// checks who the rules are for before what they ask of them — then those of every other rule
/// that applies. Asked in this order, a question that settles an answer comes before the
/// questions it makes unnecessary.
pub fn journey_order<'a>(eval: &Evaluation<'a>) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    let answers = crate::portal::results::service_answers(eval);
    let leads = answers
        .iter()
        .filter_map(|a| a.lead.as_ref().map(|l| l.determination));
    let others = answers
        .iter()
        .flat_map(|a| a.others.iter().map(|(_, d)| *d));
    for d in leads.chain(others) {
        for rule in &d.decision.rules {
            if let Some(c) = &rule.when {
                in_order(eval.data, d.ruleset, c, &mut out, 0);
            }
        }
    }
    out
}

/// The facts a condition reads, in the order it reads them, named conditions followed.
fn in_order<'a>(
    data: &'a PolicyData,
    owner: &'a Ruleset,
    c: &'a Condition,
    out: &mut Vec<&'a str>,
    depth: usize,
) {
    if depth > 16 {
        return; // a cycle of refs; validation refuses these
    }
    let mut push = |f: &'a str| {
        if !out.contains(&f) {
            out.push(f);
        }
    };
    if let Some(f) = c.fact() {
        push(f);
    }
    match &c.test {
        Test::PointsAtLeast { scheme, .. } => {
            if let Some(s) = data.points_scheme(scheme) {
                s.factors.iter().for_each(|f| push(&f.fact));
            }
        }
        Test::Ref(name) => {
            if let Some((rs, _, named)) = data.named_condition(owner, name) {
                in_order(data, rs, named, out, depth + 1);
            }
        }
        _ => {}
    }
    // Within "all of these", what time alone brings (a year of insurance, of residence) is
    // asked last: should it be what fails, every other condition is then known, and the day
    // from which the household would qualify can be told.
    let children = c.children();
    let later = |k: &&Condition| matches!(c.test, Test::All(_)) && brought_by_time(data, k);
    for k in children.iter().filter(|k| !later(k)) {
        in_order(data, owner, k, out, depth + 1);
    }
    for k in children.iter().filter(|k| later(k)) {
        in_order(data, owner, k, out, depth + 1);
    }
}

/// Whether a condition is one that holds in time if nothing else changes: so long since a
/// date, or so much of a duration that keeps growing.
fn brought_by_time(data: &PolicyData, c: &Condition) -> bool {
    match &c.test {
        Test::SinceAtLeast { .. } => true,
        Test::AtLeast { fact, .. } => data.fact(fact).is_some_and(|f| f.accrues),
        _ => false,
    }
}

/// The next question an evaluation still needs answered, if any (for pages that have already
/// evaluated): the first in [`journey_order`] that could still change an answer.
pub fn next_question(eval: &Evaluation) -> Option<Route> {
    let open = eval.open_facts();
    journey_order(eval)
        .into_iter()
        .find(|f| open.contains(f) && !eval.answers.is_answered(f))
        .map(|fact| Route::Question {
            fact: fact.to_string(),
            back_to_check: false,
        })
}

/// Where a question stands in the journey: its number among the questions that matter, and
/// about how many there will be in all (those answered that still matter, and those the rules
/// may still ask; answers can make more or fewer).
pub fn progress(eval: &Evaluation, fact: &str) -> (usize, usize) {
    let open = eval.open_facts();
    let relevant = relevant_facts(eval);
    let counts = |f: &&str| {
        (eval.answers.is_answered(f) && relevant.contains(f))
            || (open.contains(f) && !eval.answers.is_answered(f))
    };
    let order: Vec<&str> = journey_order(eval).into_iter().filter(counts).collect();
    let answered_before = match order.iter().position(|f| *f == fact) {
        Some(i) => order[..i]
            .iter()
            .filter(|f| eval.answers.is_answered(f))
            .count(),
        None => order.iter().filter(|f| eval.answers.is_answered(f)).count(),
    };
    let total = order.len().max(answered_before + 1);
    (answered_before + 1, total)
}

/// Facts that the applicable rules of the chosen services test, in the catalogue's order.
pub fn relevant_facts<'a>(eval: &Evaluation<'a>) -> Vec<&'a str> {
    let used = journey_order(eval);
    eval.data
        .facts
        .iter()
        .map(|f| f.id.as_str())
        .filter(|f| used.contains(f))
        .collect()
}

/// The page before question `fact`: the closest earlier answered question, in the journey's
/// order, that still matters; or the start page.
pub fn previous_route(data: &PolicyData, answers: &Answers, today: Date, fact: &str) -> Route {
    let Ok(eval) = data.evaluate(answers, today) else {
        return Route::Start;
    };
    let order = journey_order(&eval);
    let here = order.iter().position(|f| *f == fact).unwrap_or(order.len());
    order[..here]
        .iter()
        .rev()
        .find(|f| answers.is_answered(f))
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
    fn asks_in_the_texts_order_and_stops_once_the_answer_is_settled() {
        let (data, mut a, today) = lucheng();
        // Lucheng's rules first ask who they are for: a child of the place's own hukou is not.
        let first = next_route(&data, &a, today);
        assert_eq!(
            first,
            Route::Question {
                fact: "child_hukou_here".into(),
                back_to_check: false
            }
        );
        a.facts
            .insert("child_hukou_here".into(), FactValue::Bool(false));
        assert_eq!(
            next_route(&data, &a, today),
            Route::Question {
                fact: "child_birth_date".into(),
                back_to_check: false
            }
        );
        // A child of 4 is too young for both the district's rules and the province's: nothing
        // more is asked.
        a.facts.insert(
            "child_birth_date".into(),
            FactValue::Text("2010-01-01".into()),
        );
        assert_eq!(next_route(&data, &a, today), Route::Check);
        assert_eq!(
            previous_route(&data, &a, today, "child_birth_date"),
            Route::Question {
                fact: "child_hukou_here".into(),
                back_to_check: false
            }
        );
        assert_eq!(
            previous_route(&data, &a, today, "child_hukou_here"),
            Route::Start
        );
    }

    #[test]
    fn progress_counts_the_questions_that_matter() {
        let (data, mut a, today) = lucheng();
        let eval = data.evaluate(&a, today).expect("evaluates");
        let (n, total) = progress(&eval, "child_hukou_here");
        assert_eq!(n, 1);
        assert!(total > 5, "{total}");
        a.facts
            .insert("child_hukou_here".into(), FactValue::Bool(false));
        let eval = data.evaluate(&a, today).expect("evaluates");
        assert_eq!(progress(&eval, "child_birth_date").0, 2);
    }

    #[test]
    fn the_entitlements_questions_are_asked_only_when_the_household_chose_them() {
        let (data, mut a, today) = lucheng();
        let asked = |a: &Answers| -> Vec<String> {
            let eval = data.evaluate(a, today).expect("evaluates");
            journey_order(&eval)
                .into_iter()
                .map(str::to_string)
                .collect()
        };
        let new_facts = [
            "child_here",
            "pregnant",
            "first_child_here",
            "wages_unpaid",
            "legal_dispute",
            "training_certificate",
        ];
        // Schooling alone asks none of them.
        let school = asked(&a);
        assert!(
            new_facts.iter().all(|f| !school.iter().any(|s| s == f)),
            "{school:?}"
        );
        // The other entitlements ask them, a child here first, and no schooling question.
        a.services = vec![Service::Benefits];
        let benefits = asked(&a);
        for f in new_facts {
            assert!(benefits.iter().any(|b| b == f), "{f}: {benefits:?}");
        }
        assert_eq!(benefits.first().map(String::as_str), Some("child_here"));
        assert!(
            !benefits.iter().any(|b| b == "child_birth_date"),
            "{benefits:?}"
        );
        // A question of another place is not asked here (sanitation workers are Haishu's).
        assert!(!benefits.iter().any(|b| b == "sanitation_worker"));
        // With unpaid wages, legal aid needs no second question about a dispute.
        a.facts.insert("wages_unpaid".into(), FactValue::Bool(true));
        a.facts.insert("child_here".into(), FactValue::Bool(false));
        a.facts.insert("pregnant".into(), FactValue::Bool(false));
        a.facts
            .insert("first_child_here".into(), FactValue::Bool(false));
        a.facts.insert(
            "parent_permit".into(),
            FactValue::Text("residence_permit".into()),
        );
        let eval = data.evaluate(&a, today).expect("evaluates");
        assert!(!eval.open_facts().contains(&"legal_dispute"));
    }

    #[test]
    fn without_a_place_the_journey_starts_over() {
        let (data, mut a, today) = lucheng();
        a.place = None;
        assert_eq!(next_route(&data, &a, today), Route::Start);
    }
}
