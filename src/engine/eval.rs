//! Evaluation: a household's answers, a place and a date in; for each service the rule sets that
//! apply, and for each of their decisions a determination with a trace of every condition.
//!
//! The truth values are in [`super::truth`], a decision's result in [`super::determination`]
//! (re-exported here, where the rest of the code has always read them), look-ups by id in
//! [`super::lookup`].

pub use super::determination::{
    Change, CitedTruths, Conflict, Determination, Needed, Node, RuleResult, Status,
};
pub use super::truth::Truth;

use super::answers::{Answers, FactValue, Value, read_value};
use super::date::Date;
pub use super::deadline::{DeadlineResult, DeadlineState};
use super::model::{
    Amount, Cited, Condition, Decision, Document, DocumentStatus, Place, PolicyData, Ruleset,
    Service, Test,
};
use std::collections::BTreeSet;

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

/// One rule set that applies on the question date, with how it stands and its decisions' results.
#[derive(Clone, Debug)]
pub struct RulesetResult<'a> {
    /// The rule set, as written in the data.
    pub ruleset: &'a Ruleset,
    /// The document its rules come from.
    pub document: &'a Document,
    /// How it stands for the person asking: in force, historical, repealed or of unknown status.
    pub standing: Standing,
    /// One determination per decision of the rule set, in order.
    pub determinations: Vec<Determination<'a>>,
    /// Its document was repealed on a day no source gives and the question date is after the
    /// last day the rules are known to have stood (this day): they may no longer apply, so no
    /// decision of theirs is settled.
    pub lapsed: Option<Date>,
    /// Its deadlines that are (or may be) for this household, in file order; none while its
    /// rules may no longer apply.
    pub deadlines: Vec<DeadlineResult<'a>>,
}

impl RulesetResult<'_> {
    /// Whether its rules are in force on the question date: they cover it and are not past the
    /// last day they are known to have stood (they may be repealed since).
    pub fn in_force_on_date(&self) -> bool {
        self.lapsed.is_none()
    }
}

/// What one service (schooling, insurance, permits) gives for the household on the question date.
#[derive(Clone, Debug)]
pub struct ServiceResult<'a> {
    /// The service evaluated.
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

/// The whole result of a household's answers at a place on a date, service by service.
#[derive(Clone, Debug)]
pub struct Evaluation<'a> {
    /// The policy data evaluated against.
    pub data: &'a PolicyData,
    /// The household's answers.
    pub answers: &'a Answers,
    /// The chosen place, whose rules and those of the places it lies in apply.
    pub place: &'a Place,
    /// The date the question is asked for.
    pub date: Date,
    /// The real date today, for the standing of rules.
    pub today: Date,
    /// One result per chosen service, in the order asked.
    pub services: Vec<ServiceResult<'a>>,
}

/// Why answers cannot be evaluated yet.
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
                        let lapsed = r
                            .last_known_in_force
                            .filter(|last| r.to.is_none() && *last < date);
                        let determinations: Vec<Determination> = r
                            .decisions
                            .iter()
                            .map(|d| ctx.decide(r, d, lapsed))
                            .collect();
                        let deadlines = if lapsed.is_some() {
                            Vec::new()
                        } else {
                            ctx.deadlines(r, &determinations)
                        };
                        Some(RulesetResult {
                            ruleset: r,
                            document,
                            standing,
                            determinations,
                            lapsed,
                            deadlines,
                        })
                    })
                    .collect();
                // In force first, then by how local the rules are, then newest first; rules
                // that may no longer apply on the date last.
                let key = |r: &RulesetResult| {
                    let local = chain
                        .iter()
                        .position(|p| *p == r.ruleset.place)
                        .unwrap_or(usize::MAX);
                    (
                        r.lapsed.is_some(),
                        r.standing != Standing::InForce,
                        local,
                        std::cmp::Reverse(r.ruleset.from),
                    )
                };
                // A handful of rule sets: an insertion sort (stable) is all it takes, and far
                // less code in the browser than the library's general sort.
                for i in 1..applicable.len() {
                    let mut j = i;
                    while j > 0 && key(&applicable[j - 1]) > key(&applicable[j]) {
                        applicable.swap(j - 1, j);
                        j -= 1;
                    }
                }
                flag_disagreements(&mut applicable);
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

/// Where two rule sets in force on the date answer the same question (their decisions share a
/// `topic`) and disagree for this household, each determination names the other, and neither
/// is settled: the texts in force do not agree, so the counter decides.
fn flag_disagreements(applicable: &mut [RulesetResult<'_>]) {
    let mut pairs = Vec::new();
    for (i, a) in applicable.iter().enumerate() {
        for (j, b) in applicable.iter().enumerate().skip(i + 1) {
            if !a.in_force_on_date() || !b.in_force_on_date() {
                continue;
            }
            for (x, da) in a.determinations.iter().enumerate() {
                for (y, db) in b.determinations.iter().enumerate() {
                    if da.decision.topic.is_some()
                        && da.decision.topic == db.decision.topic
                        && da.disagrees_with(db)
                    {
                        pairs.push(((i, x), (j, y)));
                    }
                }
            }
        }
    }
    for ((i, x), (j, y)) in pairs {
        for ((from_set, from_d), (to_set, to_d)) in [((i, x), (j, y)), ((j, y), (i, x))] {
            let other = &applicable[from_set].determinations[from_d];
            let Some(rule) = other.shown_rule() else {
                continue;
            };
            let conflict = Conflict {
                ruleset: other.ruleset,
                decision: other.decision,
                rule,
            };
            let d = &mut applicable[to_set].determinations[to_d];
            d.conflicts.push(conflict);
            if d.status == Status::Decided {
                d.status = Status::Ambiguous;
            }
        }
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
                for dl in &r.deadlines {
                    if let DeadlineState::Unknown { fact } = dl.state
                        && dl.applies != Truth::Unknown
                    {
                        wanted.insert(fact);
                    }
                    if dl.applies == Truth::Unknown
                        && let Some(n) = &dl.when_node
                    {
                        let mut leaves = Vec::new();
                        n.collect_deciding_unknowns(&mut leaves);
                        wanted.extend(leaves.iter().filter_map(|l| l.condition.fact()));
                    }
                }
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

    /// The rule set whose first decision leads a service's results: one whose rules are in
    /// force on the question date before one whose rules may no longer apply (a repealed
    /// document's, past the last day they are known to have stood); then the most specific,
    /// the place's own before the city's, the province's and the nation's; among equally local
    /// ones, one in force today before one whose standing is unknown, then historical, then
    /// repealed.
    pub fn lead<'s>(&self, s: &'s ServiceResult<'a>) -> Option<&'s RulesetResult<'a>> {
        let chain = self.data.place_chain(&self.place.id);
        let locality = |r: &RulesetResult| {
            chain
                .iter()
                .position(|p| p.id == r.ruleset.place)
                .unwrap_or(usize::MAX)
        };
        let standing_rank = |s: Standing| match s {
            Standing::InForce => 0,
            Standing::StatusUnknown => 1,
            Standing::Historical => 2,
            Standing::Repealed => 3,
        };
        s.applicable
            .iter()
            .filter(|r| !r.determinations.is_empty())
            .min_by_key(|r| (r.lapsed.is_some(), locality(r), standing_rank(r.standing)))
    }

    /// Every determination, service by service.
    pub fn determinations(&self) -> impl Iterator<Item = &Determination<'a>> {
        self.services
            .iter()
            .flat_map(|s| s.applicable.iter().flat_map(|r| r.determinations.iter()))
    }

    /// The household's deadlines across every service evaluated: those with a date first, by
    /// date, then those without one (no limit in the text, or a date still to answer), in
    /// service and rule set order.
    pub fn deadlines(&self) -> Vec<&DeadlineResult<'a>> {
        let mut out: Vec<&DeadlineResult<'a>> = self
            .services
            .iter()
            .flat_map(|s| s.applicable.iter().flat_map(|r| r.deadlines.iter()))
            .collect();
        for i in 1..out.len() {
            let mut j = i;
            let key = |d: &DeadlineResult| (d.due().is_none(), d.due());
            while j > 0 && key(out[j - 1]) > key(out[j]) {
                out.swap(j - 1, j);
                j -= 1;
            }
        }
        out
    }
}

struct Context<'a> {
    data: &'a PolicyData,
    answers: &'a Answers,
    date: Date,
}

impl<'a> Context<'a> {
    fn decide(
        &self,
        ruleset: &'a Ruleset,
        decision: &'a Decision,
        lapsed: Option<Date>,
    ) -> Determination<'a> {
        let mut rules = Vec::new();
        let mut decisive = None;
        let mut open = None;
        for rule in &decision.rules {
            let node = rule.when.as_ref().map(|c| self.node(ruleset, c, None, 0));
            let truth = node.as_ref().map_or(Truth::Met, |n| n.truth);
            let applies = |c: &'a Cited| {
                c.when
                    .as_ref()
                    .map_or(Truth::Met, |w| self.node(ruleset, w, None, 0).truth)
            };
            let cited = CitedTruths {
                materials: rule.materials.iter().map(applies).collect(),
                where_to_go: rule.where_to_go.as_ref().map(applies),
                next_steps: rule.next_steps.iter().map(applies).collect(),
            };
            rules.push(RuleResult {
                rule,
                truth,
                node,
                cited,
            });
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
            // Rules that may no longer apply settle nothing.
            None if lapsed.is_some() => Status::Ambiguous,
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
            lapsed,
            conflicts: Vec::new(),
        }
    }

    fn deadlines(
        &self,
        ruleset: &'a Ruleset,
        determinations: &[Determination<'a>],
    ) -> Vec<DeadlineResult<'a>> {
        ruleset
            .deadlines
            .iter()
            .filter_map(|d| {
                let when_node = d.when.as_ref().map(|c| self.node(ruleset, c, None, 0));
                let when = when_node.as_ref().map_or(Truth::Met, |n| n.truth);
                let applies = Truth::all([when, super::deadline::after_truth(d, determinations)]);
                (applies != Truth::NotMet).then(|| DeadlineResult {
                    deadline: d,
                    ruleset,
                    applies,
                    state: super::deadline::state(self.data, self.answers, d, self.date),
                    when_node,
                })
            })
            .collect()
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
                node.truth = Truth::unclear(kids.iter().map(|k| k.truth));
                if node.truth == Truth::Ambiguous {
                    node.note = Some(note);
                }
            }
            Test::Not(_) => {
                node.truth = !kids[0].truth;
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
