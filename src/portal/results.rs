//! The results page as plain code: for each service the household asked about, the answer that
//! leads and what decides it, and everything else behind it (the GOV.UK pattern: the answer
//! first, then why, then what to do).
//!
//! The answer that leads comes from the rule set [`Evaluation::lead`] chooses: rules in force on
//! the question date before a repealed document's that may no longer apply, then the most
//! specific (the place's own before the city's, the province's and the nation's), then by
//! standing. Its first decision leads. Every other decision of every rule set that applies
//! follows, folded, in the evaluation's order.

use crate::engine::date::Date;
use crate::engine::eval::{
    Change, Determination, Evaluation, Needed, RulesetResult, ServiceResult, Status,
};
use crate::engine::model::{Cited, OutcomeKind, Rule, Service};
use crate::engine::truth::Truth;

/// One service's results, the answer first.
#[derive(Debug)]
pub struct ServiceAnswer<'e, 'a> {
    /// The service's evaluation (rule sets, and what is on file when none applies).
    pub result: &'e ServiceResult<'a>,
    /// The answer that leads; none when no rule set applies on the date.
    pub lead: Option<Lead<'e, 'a>>,
    /// Every other decision that applies, each with its rule set, in order.
    pub others: Vec<(&'e RulesetResult<'a>, &'e Determination<'a>)>,
}

/// The answer that leads a service's results.
#[derive(Debug)]
pub struct Lead<'e, 'a> {
    /// Its rule set, with the document and standing.
    pub ruleset: &'e RulesetResult<'a>,
    /// Its decision.
    pub determination: &'e Determination<'a>,
    /// For an outcome the household would want otherwise: the nearest outcome it would want,
    /// with what that still needs and the day it would come if nothing else changes.
    pub change: Option<Change<'e, 'a>>,
    /// What the household should do next: the steps of the outcome shown that are for it.
    pub steps: Vec<&'a Cited>,
    /// Facts whose answers would settle it, the first to ask first.
    pub open: Vec<&'a str>,
}

impl<'e, 'a> Lead<'e, 'a> {
    /// The rule whose outcome is shown.
    pub fn rule(&self) -> Option<&'a Rule> {
        self.determination.shown_rule()
    }

    /// What the nearest wanted outcome still needs, as a person reads it (each condition, or
    /// any one of a group).
    pub fn needed(&self) -> Vec<Needed<'e, 'a>> {
        let Some(change) = &self.change else {
            return Vec::new();
        };
        let rule = change.rule;
        self.determination
            .rules
            .iter()
            .find(|r| std::ptr::eq(r.rule, rule))
            .and_then(|r| r.node.as_ref())
            .map(|n| n.needed())
            .unwrap_or_default()
    }

    /// The day the nearest wanted outcome would come if nothing else changes, and whether the
    /// text then settles it (false: the rest is met, and a vague condition leaves it to the
    /// counter).
    pub fn from(&self) -> Option<(Date, bool)> {
        self.change
            .as_ref()
            .and_then(|c| c.from.map(|d| (d, c.certain)))
    }
}

impl<'e, 'a> ServiceAnswer<'e, 'a> {
    /// Every decision that applies, the leading one first, then the others in order.
    pub fn all(&self) -> Vec<(&'e RulesetResult<'a>, &'e Determination<'a>)> {
        self.lead
            .as_ref()
            .map(|l| (l.ruleset, l.determination))
            .into_iter()
            .chain(self.others.iter().copied())
            .collect()
    }

    /// For a group of entitlements, each shown for itself ([`Service::Benefits`]): the
    /// decisions the household's answers make relevant (all but those decided as not for it),
    /// then those that are not.
    #[allow(clippy::type_complexity)]
    pub fn by_relevance(
        &self,
    ) -> (
        Vec<(&'e RulesetResult<'a>, &'e Determination<'a>)>,
        Vec<(&'e RulesetResult<'a>, &'e Determination<'a>)>,
    ) {
        self.all().into_iter().partition(|(_, d)| relevant(d))
    }
}

/// Whether a decision is for this household: anything but an outcome out of its scope (no
/// child here, no wages owed …), decided, or met but in doubt only because its rules are past
/// the last day they are known to stand. Unknown and ambiguous ones are shown: they may be.
pub fn relevant(d: &Determination) -> bool {
    let Some(shown) = d.shown() else {
        return true;
    };
    let out_of_scope = shown.rule.outcome.kind == OutcomeKind::OutOfScope;
    let settled = d.status == Status::Decided || (d.lapsed.is_some() && shown.truth == Truth::Met);
    !(out_of_scope && settled)
}

/// Whether a service's results list each decision for itself, the relevant ones only, rather
/// than one answer that leads: the other entitlements, which are many small answers of which
/// none decides the others.
pub fn lists_items(service: Service) -> bool {
    service == Service::Benefits
}

/// The nearest outcome the household would want instead of a decided one it would not: the
/// first that time alone would bring, else the one that needs the fewest conditions.
fn nearest_change<'e, 'a>(d: &'e Determination<'a>) -> Option<Change<'e, 'a>> {
    let shown = d.shown_rule()?;
    if d.status != Status::Decided || shown.outcome.kind.is_favourable() {
        return None;
    }
    let mut changes = d.changes();
    if let Some(i) = changes.iter().position(|c| c.from.is_some()) {
        return Some(changes.swap_remove(i));
    }
    changes.into_iter().min_by_key(|c| c.missing.len())
}

/// The services' results, the answer first, in the order the household chose them.
pub fn service_answers<'e, 'a>(eval: &'e Evaluation<'a>) -> Vec<ServiceAnswer<'e, 'a>> {
    eval.services
        .iter()
        .map(|s| {
            let lead = eval.lead(s).map(|r| {
                let d = &r.determinations[0];
                let steps = d.shown().map(|x| x.next_steps()).unwrap_or_default();
                Lead {
                    ruleset: r,
                    determination: d,
                    change: nearest_change(d),
                    steps,
                    open: d.open_facts(),
                }
            });
            let others = s
                .applicable
                .iter()
                .flat_map(|r| r.determinations.iter().map(move |d| (r, d)))
                .filter(|(_, d)| {
                    lead.as_ref()
                        .is_none_or(|l| !std::ptr::eq(*d, l.determination))
                })
                .collect();
            ServiceAnswer {
                result: s,
                lead,
                others,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::answers::{Answers, FactValue};
    use crate::engine::model::{OutcomeKind, PolicyData, Service};
    use crate::portal::lucheng_2014;

    /// The results as the page draws them, in English.
    fn render_en(eval: &crate::engine::Evaluation, glance: bool) -> String {
        crate::portal::results_html::render(
            eval,
            crate::engine::text::Lang::En,
            &crate::portal::results_html::Options {
                id_prefix: "",
                heading: 2,
                glance,
            },
        )
    }

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    #[test]
    fn the_places_own_rules_lead_and_say_what_is_missing_and_when() {
        let data = data();
        let a = lucheng_2014();
        let today = Date::parse("2026-11-22").expect("date");
        let eval = data.evaluate(&a, today).expect("evaluates");
        let answers = service_answers(&eval);
        assert_eq!(answers.len(), 1);
        let lead = answers[0].lead.as_ref().expect("a lead");
        // Lucheng's own rules lead, ahead of the province's vague answer.
        assert_eq!(lead.ruleset.ruleset.id, "lucheng-school-2013");
        assert_eq!(
            lead.rule().map(|r| r.outcome.kind),
            Some(OutcomeKind::NotEligible)
        );
        // What decides it: a year of local insurance, reached on 2014-08-01.
        let needed: Vec<String> = lead
            .needed()
            .iter()
            .map(|n| match n {
                Needed::One(n) => n
                    .condition
                    .label
                    .as_ref()
                    .map(|l| l.zh.clone())
                    .unwrap_or_default(),
                Needed::OneOf(_) => "one of".into(),
            })
            .collect();
        assert_eq!(needed, ["在鹿城区缴纳社会保险费1年(含)以上"]);
        assert_eq!(
            lead.from(),
            Some((Date::parse("2014-08-01").expect("date"), true))
        );
        // The province's answer follows, folded.
        assert!(
            answers[0]
                .others
                .iter()
                .any(|(r, _)| r.ruleset.id == "zhejiang-compulsory-education")
        );
    }

    #[test]
    fn after_the_last_day_they_are_known_to_stand_repealed_rules_do_not_lead_and_say_so() {
        let data = data();
        let mut a = lucheng_2014();
        a.date = Some(Date::parse("2024-06-01").expect("date"));
        a.facts.insert(
            "child_birth_date".into(),
            FactValue::Text("2016-03-15".into()),
        );
        a.facts
            .insert("insurance_months_here".into(), FactValue::Number(24));
        let eval = data
            .evaluate(&a, Date::parse("2026-11-22").expect("date"))
            .expect("evaluates");
        let answers = service_answers(&eval);
        let lead = answers[0].lead.as_ref().expect("a lead");
        assert_eq!(lead.ruleset.ruleset.id, "zhejiang-compulsory-education");
        let (r, d) = answers[0]
            .others
            .iter()
            .find(|(r, _)| r.ruleset.id == "lucheng-school-2013")
            .expect("the Lucheng rules follow");
        assert_eq!(d.status, Status::Ambiguous);
        assert_eq!(r.lapsed, Some(Date::parse("2016-06-30").expect("date")));
        let html = render_en(&eval, true);
        assert!(html.contains("it may no longer apply"), "{html}");
        assert!(html.contains("No rules that replace it are on file"));
    }

    #[test]
    fn two_rules_in_force_that_disagree_are_flagged_on_both_results_citing_both_clauses() {
        let data = data();
        let mut a = Answers::new();
        a.place = Some("yuhang".into());
        a.date = Some(Date::parse("2024-06-01").expect("date"));
        a.services = vec![Service::Permit];
        a.facts
            .insert("applicant_hukou_here".into(), FactValue::Bool(false));
        a.facts
            .insert("lodging_kind".into(), FactValue::Text("home".into()));
        a.facts
            .insert("planned_stay_days".into(), FactValue::Number(2));
        let eval = data
            .evaluate(&a, Date::parse("2026-11-22").expect("date"))
            .expect("evaluates");
        let html = render_en(&eval, false);
        let flags = html
            .matches("Another rule in force on this date answers differently")
            .count();
        assert_eq!(flags, 2, "{html}");
        // Each flag cites both clauses: Hangzhou's Article 9 and the Zhejiang regulation's.
        let hangzhou = &data.document("hangzhou-2018").expect("document").number;
        let zhejiang = &data
            .document("zhejiang-residence-registration-2016")
            .expect("document")
            .number;
        for part in html.split("answer-conflict").skip(1) {
            // The flag ends with its list of the two clauses.
            let part = part.split("</ul>").next().unwrap_or_default();
            assert!(part.contains(hangzhou.as_str()), "{part}");
            assert!(part.contains(zhejiang.as_str()), "{part}");
            assert!(part.contains("Article 9"), "{part}");
        }
    }

    #[test]
    fn an_open_answer_names_the_questions_that_settle_it() {
        let data = data();
        let mut a = lucheng_2014();
        a.facts.remove("insurance_months_here");
        let eval = data
            .evaluate(&a, Date::parse("2026-11-22").expect("date"))
            .expect("evaluates");
        let answers = service_answers(&eval);
        let lead = answers[0].lead.as_ref().expect("a lead");
        assert_eq!(lead.determination.status, Status::Unknown);
        assert!(
            lead.open.contains(&"insurance_months_here"),
            "{:?}",
            lead.open
        );
    }
}
