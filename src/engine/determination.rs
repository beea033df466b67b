//! What an evaluation gives for one decision: each condition as evaluated (a [`Node`], with the
//! dates on which it would change), each rule's truth, the outcome, and what would change it.

use super::date::Date;
use super::model::{Cited, Condition, Decision, Rule, Ruleset, Test};
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

    /// Whether any part of this node is ambiguous (a vague clause, an unclear list, a dispute).
    pub fn has_ambiguity(&self) -> bool {
        self.truth == Truth::Ambiguous || self.children.iter().any(Node::has_ambiguity)
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
    /// False when, even then, part of the rule would stay ambiguous (a vague clause): the day
    /// is when the rest is met, and the counter decides.
    pub certain: bool,
}

impl<'a> Determination<'a> {
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
            out.push(Change {
                rule: r.rule,
                missing: node.missing(),
                from: self.reachable_on(k),
                certain: !node.has_ambiguity(),
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
