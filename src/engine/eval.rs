//! Evaluation: a household's answers, a place and a date in; for each service the rule sets that
//! apply, and for each of their decisions a determination with a trace of every condition.
//!
//! Four truth values, never two: a missing answer is `Unknown`, a text that does not settle the
//! question is `Ambiguous`, and neither is ever turned into "no".

use super::answers::{Answers, FactValue, Value, read_value};
use super::date::Date;
use super::model::{
    Amount, Condition, Decision, Document, DocumentStatus, Fact, OutcomeKind, Place, PointsScheme,
    PolicyData, Rule, Ruleset, Service, Test,
};
use super::text::Text;
use std::collections::BTreeSet;

/// The state of one condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    Met,
    NotMet,
    /// An answer it needs is missing (or the person said they do not know).
    Unknown,
    /// The source does not settle it.
    Ambiguous,
}

impl Truth {
    fn all(items: impl IntoIterator<Item = Truth>) -> Truth {
        let (mut unknown, mut ambiguous) = (false, false);
        for t in items {
            match t {
                Truth::NotMet => return Truth::NotMet,
                Truth::Unknown => unknown = true,
                Truth::Ambiguous => ambiguous = true,
                Truth::Met => {}
            }
        }
        if unknown {
            Truth::Unknown
        } else if ambiguous {
            Truth::Ambiguous
        } else {
            Truth::Met
        }
    }

    fn any(items: impl IntoIterator<Item = Truth>) -> Truth {
        let (mut unknown, mut ambiguous) = (false, false);
        for t in items {
            match t {
                Truth::Met => return Truth::Met,
                Truth::Unknown => unknown = true,
                Truth::Ambiguous => ambiguous = true,
                Truth::NotMet => {}
            }
        }
        if unknown {
            Truth::Unknown
        } else if ambiguous {
            Truth::Ambiguous
        } else {
            Truth::NotMet
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::Met => Truth::NotMet,
            Truth::NotMet => Truth::Met,
            other => other,
        }
    }
}

/// A condition as evaluated, with the dates on which it would change if nothing else does.
#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub condition: &'a Condition,
    /// The name, when this node is a named condition reached through `ref`.
    pub name: Option<&'a str>,
    pub truth: Truth,
    /// Why it is ambiguous: the disputed note, the unclear note or the vague clause.
    pub note: Option<&'a Text>,
    /// Not met now: the first day it would hold (a birthday, a year of insurance).
    pub from: Option<Date>,
    /// Met now: the first day it would stop holding (the 16th birthday).
    pub until: Option<Date>,
    /// For points conditions: the points counted so far.
    pub points: Option<i64>,
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

    /// Whether any part of this node is ambiguous (a vague clause, an unclear list, a dispute).
    pub fn has_ambiguity(&self) -> bool {
        self.truth == Truth::Ambiguous || self.children.iter().any(Node::has_ambiguity)
    }

    /// Leaves whose answers would settle an unknown node: below an `all`, only if nothing is
    /// already unmet; below an `any`, only if nothing already holds.
    fn collect_deciding_unknowns<'s>(&'s self, out: &mut Vec<&'s Node<'a>>) {
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
    pub rule: &'a Rule,
    pub truth: Truth,
    /// None for a rule without a condition.
    pub node: Option<Node<'a>>,
}

/// The answer to one decision.
#[derive(Clone, Debug)]
pub struct Determination<'a> {
    pub ruleset: &'a Ruleset,
    pub decision: &'a Decision,
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

/// How a rule set stands for the person asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Its document is in force and the rules have not ended.
    InForce,
    /// The rules applied on the question date but have ended since.
    Historical,
    /// Its document has been repealed: shown as it stood.
    Repealed,
    /// The source does not say whether the document is in force.
    StatusUnknown,
}

#[derive(Clone, Debug)]
pub struct RulesetResult<'a> {
    pub ruleset: &'a Ruleset,
    pub document: &'a Document,
    pub standing: Standing,
    pub determinations: Vec<Determination<'a>>,
}

#[derive(Clone, Debug)]
pub struct ServiceResult<'a> {
    pub service: Service,
    /// Rule sets covering the question date, those in force first.
    pub applicable: Vec<RulesetResult<'a>>,
    /// When none applies: the nearest rule sets that ended before the date …
    pub ended_before: Option<&'a Ruleset>,
    /// … and that begin after it.
    pub begins_after: Option<&'a Ruleset>,
    /// Rule sets that ended before the question date (shown as earlier rules).
    pub earlier: Vec<&'a Ruleset>,
}

#[derive(Clone, Debug)]
pub struct Evaluation<'a> {
    pub data: &'a PolicyData,
    pub answers: &'a Answers,
    pub place: &'a Place,
    /// The date the question is asked for.
    pub date: Date,
    /// The real date today, for the standing of rules.
    pub today: Date,
    pub services: Vec<ServiceResult<'a>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// No place chosen yet.
    NoPlace,
    /// The place is not in the data.
    UnknownPlace(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::NoPlace => f.write_str("no place chosen"),
            EvalError::UnknownPlace(p) => write!(f, "unknown place '{p}'"),
        }
    }
}

impl PolicyData {
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }
    pub fn points_scheme(&self, id: &str) -> Option<&PointsScheme> {
        self.points_schemes.iter().find(|s| s.id == id)
    }
    pub fn ruleset(&self, id: &str) -> Option<&Ruleset> {
        self.rulesets.iter().find(|r| r.id == id)
    }

    /// A named condition for `{ ref = … }` in `ruleset`: `name` in its own `[conditions]`, or
    /// `other-ruleset#name`. Returns the rule set that owns it (its clauses resolve there).
    pub fn named_condition<'s>(
        &'s self,
        ruleset: &'s Ruleset,
        reference: &str,
    ) -> Option<(&'s Ruleset, &'s str, &'s Condition)> {
        let (owner, name) = match reference.split_once('#') {
            Some((other, name)) => (self.ruleset(other)?, name),
            None => (ruleset, reference),
        };
        let (key, cond) = owner.conditions.get_key_value(name)?;
        Some((owner, key.as_str(), cond))
    }

    /// The place and every place it lies in, nearest first.
    pub fn place_chain<'s>(&'s self, id: &str) -> Vec<&'s Place> {
        let mut chain = Vec::new();
        let mut next = self.place(id);
        while let Some(p) = next {
            if chain.iter().any(|q: &&Place| q.id == p.id) {
                break; // a loop in the data; validation reports it
            }
            chain.push(p);
            next = p.parent.as_deref().and_then(|parent| self.place(parent));
        }
        chain
    }

    /// Resolves a clause reference (`annex6.art2` within `document`, or `doc#clause`).
    pub fn clause<'s>(
        &'s self,
        document: &str,
        reference: &str,
    ) -> Option<(&'s Document, &'s super::model::Clause)> {
        let (doc_id, clause_id) = reference.split_once('#').unwrap_or((document, reference));
        let doc = self.document(doc_id)?;
        let clause = doc.clauses.iter().find(|c| c.id == clause_id)?;
        Some((doc, clause))
    }

    /// Evaluates every chosen service for `answers` on the question date (`answers.date`, or
    /// `today`).
    pub fn evaluate<'a>(
        &'a self,
        answers: &'a Answers,
        today: Date,
    ) -> Result<Evaluation<'a>, EvalError> {
        let place_id = answers.place.as_deref().ok_or(EvalError::NoPlace)?;
        let place = self
            .place(place_id)
            .ok_or_else(|| EvalError::UnknownPlace(place_id.to_string()))?;
        let date = answers.date.unwrap_or(today);
        let chain: Vec<&str> = self
            .place_chain(place_id)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let ctx = Context {
            data: self,
            answers,
            date,
        };
        let services = answers
            .services()
            .into_iter()
            .map(|service| {
                let here: Vec<&Ruleset> = self
                    .rulesets
                    .iter()
                    .filter(|r| r.service == service && chain.contains(&r.place.as_str()))
                    .collect();
                let covers = |r: &&&Ruleset| {
                    r.from.is_none_or(|from| from <= date) && r.to.is_none_or(|to| date < to)
                };
                let mut applicable: Vec<RulesetResult> = here
                    .iter()
                    .filter(covers)
                    .filter_map(|r| {
                        let document = self.document(&r.document)?;
                        let standing = standing(r, document, today);
                        let determinations = r.decisions.iter().map(|d| ctx.decide(r, d)).collect();
                        Some(RulesetResult {
                            ruleset: r,
                            document,
                            standing,
                            determinations,
                        })
                    })
                    .collect();
                // In force first, then by how local the rules are, then newest first.
                applicable.sort_by_key(|r| {
                    let local = chain
                        .iter()
                        .position(|p| *p == r.ruleset.place)
                        .unwrap_or(usize::MAX);
                    (
                        r.standing != Standing::InForce,
                        local,
                        std::cmp::Reverse(r.ruleset.from),
                    )
                });
                let earlier: Vec<&Ruleset> = here
                    .iter()
                    .copied()
                    .filter(|r| r.to.is_some_and(|to| to <= date))
                    .collect();
                let ended_before = earlier.iter().copied().max_by_key(|r| r.to);
                let begins_after = here
                    .iter()
                    .copied()
                    .filter(|r| r.from.is_some_and(|from| from > date))
                    .min_by_key(|r| r.from);
                ServiceResult {
                    service,
                    applicable,
                    ended_before,
                    begins_after,
                    earlier,
                }
            })
            .collect();
        Ok(Evaluation {
            data: self,
            answers,
            place,
            date,
            today,
            services,
        })
    }
}

fn standing(ruleset: &Ruleset, document: &Document, today: Date) -> Standing {
    if document.status == DocumentStatus::Repealed || document.repealed.is_some_and(|r| r <= today)
    {
        Standing::Repealed
    } else if ruleset.to.is_some_and(|to| to <= today)
        || document.status == DocumentStatus::Superseded
    {
        Standing::Historical
    } else if document.status == DocumentStatus::Unknown {
        Standing::StatusUnknown
    } else {
        Standing::InForce
    }
}

impl<'a> Evaluation<'a> {
    /// Facts whose answers would settle an undecided determination, in the catalogue's order,
    /// leaving out those the person said they do not know.
    pub fn open_facts(&self) -> Vec<&'a str> {
        let mut wanted: BTreeSet<&str> = BTreeSet::new();
        for s in &self.services {
            for r in &s.applicable {
                for d in &r.determinations {
                    if d.status == Status::Decided {
                        continue;
                    }
                    let mut leaves = Vec::new();
                    for rule in d.counted() {
                        if let Some(n) = &rule.node {
                            n.collect_deciding_unknowns(&mut leaves);
                        }
                    }
                    for leaf in leaves {
                        if let Some(f) = leaf.condition.fact() {
                            wanted.insert(f);
                        }
                        if let Test::PointsAtLeast { scheme, .. } = &leaf.condition.test
                            && let Some(s) = self.data.points_scheme(scheme)
                        {
                            wanted.extend(s.factors.iter().map(|f| f.fact.as_str()));
                        }
                    }
                }
            }
        }
        self.data
            .facts
            .iter()
            .map(|f| f.id.as_str())
            .filter(|f| wanted.contains(f) && !self.answers.unsure.contains(*f))
            .collect()
    }

    /// Every determination, service by service.
    pub fn determinations(&self) -> impl Iterator<Item = &Determination<'a>> {
        self.services
            .iter()
            .flat_map(|s| s.applicable.iter().flat_map(|r| r.determinations.iter()))
    }
}

struct Context<'a> {
    data: &'a PolicyData,
    answers: &'a Answers,
    date: Date,
}

impl<'a> Context<'a> {
    fn decide(&self, ruleset: &'a Ruleset, decision: &'a Decision) -> Determination<'a> {
        let mut rules = Vec::new();
        let mut decisive = None;
        let mut open = None;
        for rule in &decision.rules {
            let node = rule.when.as_ref().map(|c| self.node(ruleset, c, None, 0));
            let truth = node.as_ref().map_or(Truth::Met, |n| n.truth);
            rules.push(RuleResult { rule, truth, node });
            if decisive.is_some() {
                continue; // evaluated only to tell what would change the outcome
            }
            match truth {
                Truth::Met => decisive = Some(rules.len() - 1),
                Truth::NotMet => {}
                other => {
                    // Unknown outranks ambiguous: an answer may still settle it.
                    if open != Some(Truth::Unknown) {
                        open = Some(other);
                    }
                }
            }
        }
        let status = match open {
            None => Status::Decided,
            Some(Truth::Unknown) => Status::Unknown,
            Some(_) => Status::Ambiguous,
        };
        Determination {
            ruleset,
            decision,
            status,
            rules,
            decisive,
            date: self.date,
        }
    }

    fn value(&self, fact: &str) -> Option<Value<'a>> {
        if self.answers.unsure.contains(fact) {
            return None;
        }
        let f = self.data.fact(fact)?;
        let v: &'a FactValue = self.answers.facts.get(fact)?;
        read_value(f, v).ok()
    }

    fn node(
        &self,
        ruleset: &'a Ruleset,
        c: &'a Condition,
        name: Option<&'a str>,
        depth: usize,
    ) -> Node<'a> {
        let mut node = Node {
            condition: c,
            name,
            truth: Truth::Unknown,
            note: None,
            from: None,
            until: None,
            points: None,
            children: Vec::new(),
        };
        if depth > 32 {
            return node; // a cycle of refs; validation refuses these
        }
        match &c.test {
            Test::Ref(target) => {
                return match self.data.named_condition(ruleset, target) {
                    Some((owner, key, named)) => self.node(owner, named, Some(key), depth + 1),
                    None => node,
                };
            }
            Test::All(items) | Test::Any(items) | Test::Unclear(items, _) => {
                node.children = items
                    .iter()
                    .map(|i| self.node(ruleset, i, None, depth + 1))
                    .collect();
            }
            Test::Not(item) => node.children = vec![self.node(ruleset, item, None, depth + 1)],
            _ => {}
        }
        let kids = &node.children;
        match &c.test {
            Test::All(_) => {
                node.truth = Truth::all(kids.iter().map(|k| k.truth));
                node.from = all_from(kids);
                node.until = if node.truth == Truth::Met {
                    kids.iter().filter_map(|k| k.until).min()
                } else {
                    None
                };
            }
            Test::Any(_) => {
                node.truth = Truth::any(kids.iter().map(|k| k.truth));
                node.from = if node.truth == Truth::NotMet {
                    kids.iter().filter_map(|k| k.from).min()
                } else {
                    None
                };
                node.until = if node.truth == Truth::Met {
                    any_until(kids)
                } else {
                    None
                };
            }
            Test::Unclear(_, note) => {
                let all = Truth::all(kids.iter().map(|k| k.truth));
                let any = Truth::any(kids.iter().map(|k| k.truth));
                node.truth = match (all, any) {
                    (Truth::Met, _) => Truth::Met,
                    (_, Truth::NotMet) => Truth::NotMet,
                    (Truth::NotMet, Truth::Met) => Truth::Ambiguous,
                    (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                    _ => Truth::Ambiguous,
                };
                if node.truth == Truth::Ambiguous {
                    node.note = Some(note);
                }
            }
            Test::Not(_) => {
                node.truth = kids[0].truth.not();
                node.from = kids[0].until;
                node.until = kids[0].from;
            }
            Test::Vague(note) => {
                node.truth = Truth::Ambiguous;
                node.note = Some(note);
            }
            Test::PointsAtLeast { scheme, points } => {
                let (truth, total) = self.points(scheme, *points);
                node.truth = truth;
                node.points = Some(total);
            }
            test => self.leaf(test, &mut node),
        }
        if node.truth == Truth::Met
            && let Some(note) = &c.disputed
        {
            node.truth = Truth::Ambiguous;
            node.note = Some(note);
        }
        // Dates only describe a change still to come.
        node.from = node
            .from
            .filter(|d| *d > self.date && node.truth == Truth::NotMet);
        node.until = node
            .until
            .filter(|d| *d > self.date && node.truth == Truth::Met);
        node
    }

    fn leaf(&self, test: &'a Test, node: &mut Node<'a>) {
        let Some(fact) = node.condition.fact() else {
            return;
        };
        let Some(value) = self.value(fact) else {
            return;
        };
        let accrues = self.data.fact(fact).is_some_and(|f| f.accrues);
        let met = |b: bool| if b { Truth::Met } else { Truth::NotMet };
        match (test, value) {
            (Test::Is { value: want, .. }, Value::Bool(b)) => node.truth = met(*want == b),
            (Test::OneOf { choices, .. }, Value::Choice(c)) => {
                node.truth = met(choices.iter().any(|x| x == c))
            }
            (Test::AgeAtLeast { years, .. }, Value::Date(birth)) => {
                node.truth = met(birth.age_on(self.date) >= *years);
                node.from = birth.add_months(i64::from(*years) * 12);
            }
            (Test::AgeAtMost { years, .. }, Value::Date(birth)) => {
                node.truth = met(birth.age_on(self.date) <= *years);
                node.until = birth.add_months((i64::from(*years) + 1) * 12);
            }
            (Test::SinceAtLeast { period, .. }, Value::Date(start)) => {
                node.truth = met(start.period_reached(*period, self.date));
                node.from = start.add_period(*period);
            }
            (Test::AtLeast { amount, .. }, v) => {
                if let Some((have, want)) = amounts(v, *amount) {
                    node.truth = met(have >= want);
                    if accrues {
                        node.from = self.date.add_months(want - have);
                    }
                }
            }
            (Test::AtMost { amount, .. }, v) => {
                if let Some((have, want)) = amounts(v, *amount) {
                    node.truth = met(have <= want);
                    if accrues {
                        node.until = self.date.add_months(want - have + 1);
                    }
                }
            }
            _ => {} // a mismatched kind stays unknown; validation refuses it in data
        }
    }

    /// Total points of a scheme, and whether they reach `min`. Points are never negative, so a
    /// partial total that already reaches `min` settles the condition.
    fn points(&self, scheme: &str, min: i64) -> (Truth, i64) {
        let Some(s) = self.data.points_scheme(scheme) else {
            return (Truth::Unknown, 0);
        };
        let mut total = 0;
        let mut missing = false;
        for f in &s.factors {
            let gained = match self.value(&f.fact) {
                Some(Value::Bool(b)) => i64::from(b) * f.points,
                Some(Value::Months(m)) => {
                    m / i64::from(f.per_months.unwrap_or(12).max(1)) * f.points
                }
                Some(Value::Count(n)) => n * f.points,
                Some(_) => 0,
                None => {
                    missing = true;
                    0
                }
            };
            total += f.max.map_or(gained, |max| gained.min(max));
        }
        let truth = if total >= min {
            Truth::Met
        } else if missing {
            Truth::Unknown
        } else {
            Truth::NotMet
        };
        (truth, total)
    }
}

/// An answered duration or count against a threshold, both in the fact's unit (months for
/// durations).
fn amounts(v: Value, amount: Amount) -> Option<(i64, i64)> {
    match (v, amount) {
        (Value::Months(m), Amount::Period(p)) => Some((m, i64::from(p.total_months()))),
        (Value::Count(n), Amount::Number(want)) => Some((n, want)),
        _ => None,
    }
}

/// The day every unmet child would hold, if that comes before any met child stops holding.
fn all_from(kids: &[Node]) -> Option<Date> {
    let mut day: Option<Date> = None;
    for k in kids {
        match k.truth {
            Truth::Met => {}
            Truth::NotMet => {
                let from = k.from?;
                day = Some(day.map_or(from, |d| d.max(from)));
            }
            // Stays ambiguous whatever the date: it does not hold the rest back.
            Truth::Ambiguous => {}
            Truth::Unknown => return None,
        }
    }
    let day = day?;
    let first_stop = kids
        .iter()
        .filter(|k| k.truth == Truth::Met)
        .filter_map(|k| k.until)
        .min();
    if first_stop.is_some_and(|stop| stop <= day) {
        None
    } else {
        Some(day)
    }
}

/// The day the last met child stops holding, when every met child stops at some point.
fn any_until(kids: &[Node]) -> Option<Date> {
    let mut day: Option<Date> = None;
    for k in kids.iter().filter(|k| k.truth == Truth::Met) {
        let until = k.until?;
        day = Some(day.map_or(until, |d| d.max(until)));
    }
    day
}

impl OutcomeKind {
    pub fn id(self) -> &'static str {
        match self {
            OutcomeKind::Eligible => "eligible",
            OutcomeKind::Priority => "priority",
            OutcomeKind::NotEligible => "not_eligible",
            OutcomeKind::OutOfScope => "out_of_scope",
            OutcomeKind::StudyAtHukou => "study_at_hukou",
            OutcomeKind::Permit => "permit",
            OutcomeKind::NoPermit => "no_permit",
            OutcomeKind::Required => "required",
            OutcomeKind::NotRequired => "not_required",
            OutcomeKind::Entitled => "entitled",
            OutcomeKind::MayJoin => "may_join",
            OutcomeKind::NotCovered => "not_covered",
            OutcomeKind::AskCounter => "ask_counter",
        }
    }
}
