//! What an evaluation gives for one decision: each condition as evaluated (a [`Node`], with the
//! dates on which it would change), each rule's truth, the outcome, and what would change it.

use super::date::Date;
use super::model::{Cited, Condition, Decision, OutcomeKind, Rule, Ruleset, Test};
use super::text::Text;
use super::truth::Truth;

/// A condition as evaluated, with the dates on which it would change if nothing else does.
#[derive(Clone, Debug)]
pub struct Node<'a> {
    /// The condition from the rule set that was evaluated.
    pub condition: &'a Condition,
    /// The name, when this node is a named condition reached through `ref`.
    pub name: Option<&'a str>,
    /// Whether it holds: met, not met, unknown or ambiguous.
    pub truth: Truth,
    /// Why it is ambiguous: the disputed note, the unclear note or the vague clause.
    pub note: Option<&'a Text>,
    /// Not met now: the first day it would hold (a birthday, a year of insurance).
    pub from: Option<Date>,
    /// Met now: the first day it would stop holding (the 16th birthday).
    pub until: Option<Date>,
    /// For points conditions: the points counted so far.
    pub points: Option<i64>,
    /// The evaluated conditions inside a group (empty for a leaf).
    pub children: Vec<Node<'a>>,
}

impl<'a> Node<'a> {
    /// Leaves below (or at) this node, in order.
    pub fn leaves(&self) -> Vec<&Node<'a>> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'s>(&'s self, out: &mut Vec<&'s Node<'a>>) {
        if self.children.is_empty() {
            out.push(self);
        }
        for c in &self.children {
            c.collect_leaves(out);
        }
    }

    /// What keeps this node from holding: the leaves (or negations) under every branch that
    /// does not hold. Empty when it holds.
    pub fn missing(&self) -> Vec<&Node<'a>> {
        let mut out = Vec::new();
        self.collect_missing(&mut out);
        out
    }

    fn collect_missing<'s>(&'s self, out: &mut Vec<&'s Node<'a>>) {
        if self.truth == Truth::Met {
            return;
        }
        if self.children.is_empty() || matches!(self.condition.test, Test::Not(_)) {
            out.push(self);
            return;
        }
        for c in &self.children {
            c.collect_missing(out);
        }
    }

    /// What keeps this node from holding, as a person reads it: each condition still to be
    /// met, and where any one of several would do, those together. Groups that carry their own
    /// label ("a residence permit, or a temporary one of a year") are one condition. Empty when
    /// it holds.
    pub fn needed(&self) -> Vec<Needed<'_, 'a>> {
        let mut out = Vec::new();
        self.collect_needed(&mut out);
        out
    }

    fn collect_needed<'s>(&'s self, out: &mut Vec<Needed<'s, 'a>>) {
        if self.truth == Truth::Met {
            return;
        }
        let labelled = self.condition.label.is_some();
        match &self.condition.test {
            Test::All(_) | Test::Unclear(..)
                if !labelled || self.children.iter().all(|c| c.condition.label.is_some()) =>
            {
                for c in &self.children {
                    c.collect_needed(out);
                }
            }
            Test::Any(_) if !labelled => {
                let options: Vec<&'s Node<'a>> = self
                    .children
                    .iter()
                    .filter(|c| c.truth != Truth::Met)
                    .collect();
                match options.as_slice() {
                    [one] => one.collect_needed(out),
                    _ => out.push(Needed::OneOf(options)),
                }
            }
            _ if labelled || self.children.is_empty() => out.push(Needed::One(self)),
            _ => {
                for c in &self.children {
                    c.collect_needed(out);
                }
            }
        }
    }

    /// Whether any part of this node is ambiguous (a vague clause, an unclear list, a dispute),
    /// whether or not it can change the outcome: see [`Node::truth_on`] for what can.
    pub fn has_ambiguity(&self) -> bool {
        self.truth == Truth::Ambiguous || self.children.iter().any(Node::has_ambiguity)
    }

    /// What this node would be on `day` if nothing but time changes: a leaf not met now holds
    /// from its `from` (a birthday, a year of insurance), one met now stops on its `until`, and
    /// groups combine their children as evaluation does. So an ambiguous branch counts only
    /// where it can still decide: not in an `any` that another branch meets on that day, nor
    /// in an `all` that another item keeps from holding.
    pub fn truth_on(&self, day: Date) -> Truth {
        let kids = || self.children.iter().map(|k| k.truth_on(day));
        let truth = match &self.condition.test {
            _ if self.children.is_empty() => match self.truth {
                Truth::NotMet if self.from.is_some_and(|f| f <= day) => Truth::Met,
                Truth::Met if self.until.is_some_and(|u| u <= day) => Truth::NotMet,
                t => t,
            },
            Test::All(_) => Truth::all(kids()),
            Test::Any(_) => Truth::any(kids()),
            Test::Unclear(..) => Truth::unclear(kids()),
            Test::Not(_) => !self.children[0].truth_on(day),
            _ => self.truth,
        };
        // A disputed condition that holds is shown as ambiguous (as in evaluation).
        if truth == Truth::Met && self.condition.disputed.is_some() {
            Truth::Ambiguous
        } else {
            truth
        }
    }

    /// Leaves whose answers would settle an unknown node: below an `all`, only if nothing is
    /// already unmet; below an `any`, only if nothing already holds.
    pub(crate) fn collect_deciding_unknowns<'s>(&'s self, out: &mut Vec<&'s Node<'a>>) {
        if self.truth != Truth::Unknown {
            return;
        }
        if self.children.is_empty() {
            out.push(self);
        }
        for c in &self.children {
            c.collect_deciding_unknowns(out);
        }
    }
}

/// One thing still needed for a condition to hold (see [`Node::needed`]).
#[derive(Clone, Debug)]
pub enum Needed<'s, 'a> {
    /// This condition.
    One(&'s Node<'a>),
    /// Any one of these.
    OneOf(Vec<&'s Node<'a>>),
}

/// How a decision came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// One outcome, settled by the answers and the text.
    Decided,
    /// More answers are needed to choose between outcomes.
    Unknown,
    /// The text does not settle it: ask at the counter.
    Ambiguous,
}

/// One rule as evaluated.
#[derive(Clone, Debug)]
pub struct RuleResult<'a> {
    /// The rule, as written in the data.
    pub rule: &'a Rule,
    /// Whether its `when` holds for the household (met for a rule without one).
    pub truth: Truth,
    /// None for a rule without a condition.
    pub node: Option<Node<'a>>,
    /// Whether each of its papers, its place to go and its next steps is for this household
    /// (the truth of their `when`; met for those without one), in their order.
    pub cited: CitedTruths,
}

/// The truth, for one household, of the `when` of a rule's papers, place to go and steps.
#[derive(Clone, Debug, Default)]
pub struct CitedTruths {
    /// One a paper to bring.
    pub materials: Vec<Truth>,
    /// The place to go's.
    pub where_to_go: Option<Truth>,
    /// One a next step.
    pub next_steps: Vec<Truth>,
}

/// Those of `items` whose truth is not "not met": what is for this household, or might be.
fn for_household<'a>(items: &'a [Cited], truths: &[Truth]) -> Vec<&'a Cited> {
    items
        .iter()
        .zip(truths.iter().copied().chain(std::iter::repeat(Truth::Met)))
        .filter(|(_, t)| *t != Truth::NotMet)
        .map(|(c, _)| c)
        .collect()
}

impl<'a> RuleResult<'a> {
    /// The papers to bring that are for this household.
    pub fn materials(&self) -> Vec<&'a Cited> {
        for_household(&self.rule.materials, &self.cited.materials)
    }

    /// The next steps that are for this household.
    pub fn next_steps(&self) -> Vec<&'a Cited> {
        for_household(&self.rule.next_steps, &self.cited.next_steps)
    }

    /// Where to go, unless it is not for this household.
    pub fn where_to_go(&self) -> Option<&'a Cited> {
        self.rule
            .where_to_go
            .as_ref()
            .filter(|_| self.cited.where_to_go != Some(Truth::NotMet))
    }
}

/// The answer to one decision.
#[derive(Clone, Debug)]
pub struct Determination<'a> {
    /// The rule set the decision belongs to.
    pub ruleset: &'a Ruleset,
    /// The decision, as written in the data.
    pub decision: &'a Decision,
    /// Whether one outcome is settled, more answers are needed, or the counter decides.
    pub status: Status,
    /// Every rule of the decision, in order; those after `decisive` do not count towards the
    /// outcome but tell what would change it.
    pub rules: Vec<RuleResult<'a>>,
    /// Index in `rules` of the first rule that holds.
    pub decisive: Option<usize>,
    /// The question date.
    pub date: Date,
    /// The rule set's document was repealed on a day no source gives, and the question date is
    /// after the last day its rules are known to have stood (this day): the outcome is the
    /// rule of a repealed document that may no longer apply, never settled.
    pub lapsed: Option<Date>,
    /// Decisions of other rule sets in force on the date that answer the same question (the
    /// same `topic`) and give this household a different answer; the status is then not
    /// settled.
    pub conflicts: Vec<Conflict<'a>>,
}

/// A decision of another rule set in force that answers the same question differently.
#[derive(Clone, Debug)]
pub struct Conflict<'a> {
    /// The other rule set.
    pub ruleset: &'a Ruleset,
    /// Its decision.
    pub decision: &'a Decision,
    /// The rule whose outcome it shows, with its clause.
    pub rule: &'a Rule,
}

/// Which way an outcome answers its question: yes (eligible, a permit, required …), no, or
/// neither (outside the rules, ask at the counter).
fn verdict(kind: OutcomeKind) -> Option<bool> {
    match kind {
        OutcomeKind::Eligible
        | OutcomeKind::Priority
        | OutcomeKind::Permit
        | OutcomeKind::Entitled
        | OutcomeKind::MayJoin
        | OutcomeKind::Required => Some(true),
        OutcomeKind::NotEligible
        | OutcomeKind::NoPermit
        | OutcomeKind::NotCovered
        | OutcomeKind::NotRequired => Some(false),
        OutcomeKind::OutOfScope | OutcomeKind::StudyAtHukou | OutcomeKind::AskCounter => None,
    }
}

/// A way the outcome could become a different, favourable one.
#[derive(Clone, Debug)]
pub struct Change<'s, 'a> {
    /// The rule that would give the favourable outcome.
    pub rule: &'a Rule,
    /// Conditions of that rule not met or not known.
    pub missing: Vec<&'s Node<'a>>,
    /// The day from which that rule would give its outcome if nothing else changes.
    pub from: Option<Date>,
    /// Whether the text settles it on that day: false when a vague, unclear or disputed
    /// condition that can still decide the rule would stay ambiguous then (the day is when the
    /// rest is met, and the counter decides), and when there is no such day. An ambiguous
    /// branch that cannot change the outcome (another branch of its `any` holds, or its `all`
    /// fails for another reason) does not count.
    pub certain: bool,
}

impl<'a> Determination<'a> {
    /// Whether this decision and `other` (of the same question) give the household opposite
    /// answers: both settled by their own rules, one yes and one no, or two different permits.
    pub fn disagrees_with(&self, other: &Determination) -> bool {
        if self.status != Status::Decided || other.status != Status::Decided {
            return false;
        }
        let (Some(a), Some(b)) = (self.shown_rule(), other.shown_rule()) else {
            return false;
        };
        match (verdict(a.outcome.kind), verdict(b.outcome.kind)) {
            (Some(x), Some(y)) if x != y => true,
            (Some(true), Some(true)) => {
                a.outcome.kind == OutcomeKind::Permit
                    && b.outcome.kind == OutcomeKind::Permit
                    && a.outcome.tier != b.outcome.tier
            }
            _ => false,
        }
    }

    /// The rule whose outcome is shown: the deciding one, or when undecided the first rule that
    /// might hold.
    pub fn shown_rule(&self) -> Option<&'a Rule> {
        match self.status {
            Status::Decided => self.decisive.map(|i| self.rules[i].rule),
            _ => self
                .counted()
                .iter()
                .find(|r| r.truth != Truth::NotMet)
                .map(|r| r.rule),
        }
    }

    /// The evaluated rule whose outcome is shown (see [`Determination::shown_rule`]).
    pub fn shown(&self) -> Option<&RuleResult<'a>> {
        match self.status {
            Status::Decided => self.decisive.map(|i| &self.rules[i]),
            _ => self.counted().iter().find(|r| r.truth != Truth::NotMet),
        }
    }

    /// The facts whose answers would settle this decision, in the order the rules reach them
    /// (empty when it is settled).
    pub fn open_facts(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        if self.status == Status::Decided {
            return out;
        }
        let mut leaves = Vec::new();
        for r in self.counted() {
            if let Some(n) = &r.node {
                n.collect_deciding_unknowns(&mut leaves);
            }
        }
        for leaf in leaves {
            if let Some(f) = leaf.condition.fact()
                && !out.contains(&f)
            {
                out.push(f);
            }
        }
        out
    }

    /// The rules that count towards the outcome: up to and including the deciding one.
    pub fn counted(&self) -> &[RuleResult<'a>] {
        &self.rules[..self.decisive.map_or(self.rules.len(), |i| i + 1)]
    }

    /// All outcomes still possible, in rule order (one when decided).
    pub fn possible_rules(&self) -> Vec<&'a Rule> {
        self.counted()
            .iter()
            .filter(|r| r.truth != Truth::NotMet)
            .map(|r| r.rule)
            .collect()
    }

    /// For a favourable outcome: the day it would stop applying if nothing else changes (a child
    /// turning 16).
    pub fn stops_on(&self) -> Option<Date> {
        let i = self.decisive?;
        if self.status != Status::Decided || !self.rules[i].rule.outcome.kind.is_favourable() {
            return None;
        }
        let mut stop = self.rules[i].node.as_ref().and_then(|n| n.until);
        // An earlier rule that would start to hold takes the decision away.
        for earlier in &self.rules[..i] {
            if let Some(from) = earlier.node.as_ref().and_then(|n| n.from) {
                stop = Some(stop.map_or(from, |s| s.min(from)));
            }
        }
        stop
    }

    /// Favourable outcomes not reached, each with what is missing and, where time alone would
    /// bring it, the day from which it would apply.
    pub fn changes(&self) -> Vec<Change<'_, 'a>> {
        // Rules after a favourable decision would only give a lesser outcome.
        let end = match self.decisive {
            Some(i) if self.rules[i].rule.outcome.kind.is_favourable() => i,
            _ => self.rules.len(),
        };
        let mut out = Vec::new();
        for (k, r) in self.rules[..end].iter().enumerate() {
            if !r.rule.outcome.kind.is_favourable() || Some(k) == self.decisive {
                continue;
            }
            let Some(node) = &r.node else { continue };
            let from = self.reachable_on(k);
            out.push(Change {
                rule: r.rule,
                missing: node.missing(),
                from,
                certain: self.lapsed.is_none()
                    && self.conflicts.is_empty()
                    && from.is_some_and(|day| node.truth_on(day) == Truth::Met),
            });
        }
        out
    }

    /// The day rule `k` would become the deciding rule if nothing else changes, when the
    /// answers settle every earlier rule.
    fn reachable_on(&self, k: usize) -> Option<Date> {
        let node = self.rules[k].node.as_ref()?;
        let mut day = match self.rules[k].truth {
            Truth::NotMet => node.from?,
            // Holds already, but an earlier rule decides for now.
            Truth::Met => self.date,
            _ => return None,
        };
        for earlier in &self.rules[..k] {
            let n = earlier.node.as_ref()?;
            match earlier.truth {
                Truth::Met => day = day.max(n.until?),
                Truth::NotMet => {
                    if n.from.is_some_and(|f| f <= day) {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        Some(day)
    }
}

#[cfg(test)]
mod tests {
    use super::super::answers::{Answers, FactValue};
    use super::super::model::PolicyData;
    use super::*;

    /// One place and document, two yes/no facts `p` and `q`, months of insurance that accrue,
    /// and one decision whose first rule tests `when` (a TOML inline table) and whose last
    /// rule holds otherwise.
    fn data(when: &str) -> PolicyData {
        let text = format!(
            r#"
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
clause = [{{ id = "a1", label = "第一条", text = "…" }}]

[[facts]]
id = "p"
kind = "yes_no"
group = "g"
question = "p?"
hint = "…"

[[facts]]
id = "q"
kind = "yes_no"
group = "g"
question = "q?"
hint = "…"

[[facts]]
id = "months"
kind = "duration"
accrues = true
group = "g"
question = "months?"
hint = "…"

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
id = "yes"
outcome = {{ kind = "eligible" }}
clause = "a1"
summary = "yes"
when = {when}

[[rulesets.decision.rule]]
id = "no"
outcome = {{ kind = "not_eligible" }}
clause = "a1"
summary = "no"
"#
        );
        toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    const P: &str = r#"{ fact = "p", is = true, clause = "a1", label = "p" }"#;
    const Q: &str = r#"{ fact = "q", is = true, clause = "a1", label = "q" }"#;
    const VAGUE: &str = r#"{ vague = "the text sets no threshold", clause = "a1", label = "v" }"#;
    const YEAR: &str =
        r#"{ fact = "months", at_least = { years = 1 }, clause = "a1", label = "a year" }"#;

    fn day(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    /// The answers: `p` and `q` as given (none: not answered), `months` of insurance, asked
    /// on 2024-06-01.
    fn answers(p: Option<bool>, q: Option<bool>, months: Option<i64>) -> Answers {
        let mut a = Answers::new();
        a.place = Some("p".into());
        a.date = Some(day("2024-06-01"));
        for (k, v) in [("p", p.map(FactValue::Bool)), ("q", q.map(FactValue::Bool))] {
            if let Some(v) = v {
                a.facts.insert(k.into(), v);
            }
        }
        if let Some(m) = months {
            a.facts.insert("months".into(), FactValue::Number(m));
        }
        a
    }

    /// The truth of the first rule's `when` for these answers.
    fn truth(when: &str, p: Option<bool>) -> Truth {
        let data = data(when);
        let a = answers(p, None, None);
        let eval = data.evaluate(&a, day("2026-11-22")).expect("evaluates");
        let d = eval.determinations().next().expect("a determination");
        d.rules[0].truth
    }

    /// `p` answered yes, answered no, not answered: met, not met, unknown.
    const LEAF: [(Option<bool>, Truth); 3] = [
        (Some(true), Truth::Met),
        (Some(false), Truth::NotMet),
        (None, Truth::Unknown),
    ];

    #[test]
    fn all_any_and_not_with_a_vague_leaf_follow_their_truth_tables() {
        // all(x, vague): a vague item never turns a failure into ambiguity, nor an unknown.
        for ((p, leaf), want) in
            LEAF.into_iter()
                .zip([Truth::Ambiguous, Truth::NotMet, Truth::Unknown])
        {
            let when = format!("{{ all = [{P}, {VAGUE}] }}");
            assert_eq!(truth(&when, p), want, "all({leaf:?}, ambiguous)");
        }
        // any(x, vague): one branch that holds settles it; otherwise unknown before ambiguous.
        for ((p, leaf), want) in
            LEAF.into_iter()
                .zip([Truth::Met, Truth::Ambiguous, Truth::Unknown])
        {
            let when = format!("{{ any = [{P}, {VAGUE}] }}");
            assert_eq!(truth(&when, p), want, "any({leaf:?}, ambiguous)");
        }
        // not(vague) stays ambiguous; not of a leaf flips met and not met only.
        assert_eq!(
            truth(&format!("{{ not = {VAGUE} }}"), None),
            Truth::Ambiguous
        );
        for ((p, leaf), want) in LEAF
            .into_iter()
            .zip([Truth::NotMet, Truth::Met, Truth::Unknown])
        {
            assert_eq!(truth(&format!("{{ not = {P} }}"), p), want, "not({leaf:?})");
        }
        // Two vague items: ambiguous either way, and so is the negation of their group.
        assert_eq!(
            truth(&format!("{{ all = [{VAGUE}, {VAGUE}] }}"), None),
            Truth::Ambiguous
        );
        assert_eq!(
            truth(&format!("{{ any = [{VAGUE}, {VAGUE}] }}"), None),
            Truth::Ambiguous
        );
        assert_eq!(
            truth(
                &format!("{{ not = {{ any = [{P}, {VAGUE}] }} }}"),
                Some(true)
            ),
            Truth::NotMet
        );
    }

    #[test]
    fn truth_on_a_later_day_projects_leaves_and_keeps_vague_ones() {
        let when = format!("{{ all = [{YEAR}, {{ any = [{P}, {VAGUE}] }}] }}");
        let data = data(&when);
        for (p, want) in [(Some(true), Truth::Met), (Some(false), Truth::Ambiguous)] {
            let a = answers(p, None, Some(10));
            let eval = data.evaluate(&a, day("2026-11-22")).expect("evaluates");
            let d = eval.determinations().next().expect("a determination");
            let node = d.rules[0].node.as_ref().expect("a condition");
            assert_eq!(node.truth, Truth::NotMet);
            assert_eq!(node.truth_on(day("2024-07-31")), Truth::NotMet, "p = {p:?}");
            assert_eq!(node.truth_on(day("2024-08-01")), want, "p = {p:?}");
        }
    }

    /// The one change of the decision for these answers: its day and whether it is certain.
    fn change(when: &str, p: Option<bool>, q: Option<bool>) -> (Option<Date>, bool) {
        let data = data(when);
        let a = answers(p, q, Some(10));
        let eval = data.evaluate(&a, day("2026-11-22")).expect("evaluates");
        let d = eval.determinations().next().expect("a determination");
        assert_eq!(d.status, Status::Decided);
        let changes = d.changes();
        assert_eq!(changes.len(), 1);
        (changes[0].from, changes[0].certain)
    }

    #[test]
    fn qualifies_from_is_uncertain_only_where_a_vague_condition_can_still_decide() {
        let august = Some(day("2024-08-01"));
        // A year of insurance, and p or a vague condition: with p, the vague branch cannot
        // change the outcome, so two more months settle it.
        let when = format!("{{ all = [{YEAR}, {{ any = [{P}, {VAGUE}] }}] }}");
        assert_eq!(change(&when, Some(true), None), (august, true));
        // Without p, only the vague branch is left: the day comes, and the counter decides.
        assert_eq!(change(&when, Some(false), None), (august, false));
        // A vague condition in a branch that does not apply to this household (q is no).
        let when = format!("{{ all = [{YEAR}, {{ any = [{P}, {{ all = [{Q}, {VAGUE}] }}] }}] }}");
        assert_eq!(change(&when, Some(true), Some(false)), (august, true));
        // … and where it does (q is yes, p is no), it decides.
        assert_eq!(change(&when, Some(false), Some(true)), (august, false));
        // A vague item beside the year in the same `all` always decides.
        let when = format!("{{ all = [{YEAR}, {VAGUE}] }}");
        assert_eq!(change(&when, None, None), (august, false));
        // A disputed condition that holds, in a branch beside one that holds without doubt.
        let disputed = r#"{ fact = "q", is = true, clause = "a1", label = "q", disputed = "two clauses differ" }"#;
        let when = format!("{{ all = [{YEAR}, {{ any = [{P}, {disputed}] }}] }}");
        assert_eq!(change(&when, Some(true), Some(true)), (august, true));
        assert_eq!(change(&when, Some(false), Some(true)), (august, false));
    }
}
