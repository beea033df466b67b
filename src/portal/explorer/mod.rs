//! The rules explorer as plain data: every document with its status and dates, every clause with
//! its words, every rule set with its decisions, every rule laid out as rows a person can read
//! (conditions, outcome, papers, each with its clause), the policy cases that test each rule, and
//! a search over all of it. The pages (`?p=rules`, `?p=rules/<document>`) only render this model,
//! so everything here is built and tested natively.

mod search;

pub use search::{Field, Hit, Snippet, query_from_search, search_href};

use crate::engine::cases::CaseSummary;
use crate::engine::model::{
    Cited, Clause, Condition, Decision, Document, Fact, PointsFactor, PointsScheme, PolicyData,
    Rule, Ruleset, Service, Test,
};
use crate::engine::text::Text;
use crate::portal::route::Route;
use std::collections::BTreeMap;

/// Everything the explorer shows, borrowed from the policy data.
#[derive(Debug)]
pub struct Explorer<'a> {
    /// Places that have documents, parents before the places inside them.
    pub places: Vec<PlaceGroup<'a>>,
    /// Every document, in the order of `places` (newest first within a place).
    pub documents: Vec<DocumentEntry<'a>>,
}

/// The documents of one place.
#[derive(Debug)]
pub struct PlaceGroup<'a> {
    /// The place's id (`lucheng`), also the anchor of its group on the explorer page.
    pub id: &'a str,
    /// The place's name; none only if the data names a place it does not define.
    pub name: Option<&'a Text>,
    /// How many places it lies in (0 for the nation).
    pub depth: usize,
    /// Indexes into [`Explorer::documents`].
    pub documents: Vec<usize>,
}

/// A document: its metadata, its clauses, and the rule sets and points schemes resting on it.
#[derive(Debug)]
pub struct DocumentEntry<'a> {
    /// The document, as written in the data.
    pub document: &'a Document,
    /// The name of the place it applies to.
    pub place_name: Option<&'a Text>,
    /// `?p=rules/<id>`.
    pub href: String,
    /// The document's quoted clauses, in the data's order, each with the rules citing it.
    pub clauses: Vec<ClauseEntry<'a>>,
    /// The rule sets whose rules rest on this document.
    pub rulesets: Vec<RulesetEntry<'a>>,
    /// The points schemes set by this document.
    pub points: Vec<PointsEntry<'a>>,
}

/// A clause with the rules that cite it.
#[derive(Debug)]
pub struct ClauseEntry<'a> {
    /// The clause with its exact words.
    pub clause: &'a Clause,
    /// `clause-<id>`.
    pub anchor: String,
    /// The clause's first words, without the number it begins with when that repeats its label
    /// (第二条, (二)): what a folded clause shows beside its label.
    pub opening: String,
    /// Every rule whose outcome, conditions or papers cite this clause.
    pub cited_by: Vec<RuleLink<'a>>,
}

/// A link to a rule from elsewhere (a clause, a search hit).
#[derive(Clone, Debug)]
pub struct RuleLink<'a> {
    /// The rule set the rule belongs to.
    pub ruleset: &'a Ruleset,
    /// The rule linked to.
    pub rule: &'a Rule,
    /// `?p=rules/<document>#rule-<ruleset>-<decision>-<rule>`.
    pub href: String,
}

/// One rule set of a document.
#[derive(Debug)]
pub struct RulesetEntry<'a> {
    /// The rule set, as written in the data.
    pub ruleset: &'a Ruleset,
    /// `ruleset-<id>`.
    pub anchor: String,
    /// `?p=rules/<document>#ruleset-<id>`.
    pub href: String,
    /// The name of the place the rule set applies to.
    pub place_name: Option<&'a Text>,
    /// Its decisions, each with its rules as tables.
    pub decisions: Vec<DecisionEntry<'a>>,
    /// The duties with a time limit it sets (a household's deadlines), each with its clause.
    pub deadlines: Vec<DeadlineEntry<'a>>,
}

/// A duty with a time limit, with its clause and what follows if it is missed.
#[derive(Debug)]
pub struct DeadlineEntry<'a> {
    /// The deadline, as written in the data.
    pub deadline: &'a crate::engine::model::Deadline,
    /// The clause that sets the duty and its limit.
    pub clause: ClauseLink<'a>,
    /// What happens if it is missed, with its clause.
    pub if_missed: Option<CitedEntry<'a>>,
    /// Other clauses that set the same duty.
    pub also: Vec<CitedEntry<'a>>,
}

/// One decision and its rules, in the order they are tried.
#[derive(Debug)]
pub struct DecisionEntry<'a> {
    /// The decision, as written in the data.
    pub decision: &'a Decision,
    /// Its rules as tables, in the order they are tried.
    pub rules: Vec<RuleEntry<'a>>,
}

/// One rule as a table: its conditions as rows, its outcome, what to bring and where to go,
/// every item with its clause, and the cases that test it.
#[derive(Debug)]
pub struct RuleEntry<'a> {
    /// The rule, as written in the data.
    pub rule: &'a Rule,
    /// `ruleset/decision/rule`, as the case index names it.
    pub key: String,
    /// `rule-<ruleset>-<decision>-<rule>`.
    pub anchor: String,
    /// 1 for the first rule tried.
    pub position: usize,
    /// The last rule, without `when`: what holds when no rule before it does.
    pub otherwise: bool,
    /// The clause the outcome rests on.
    pub clause: ClauseLink<'a>,
    /// The condition, flattened; empty for the `otherwise` rule.
    pub conditions: Vec<Row<'a>>,
    /// The papers to bring, each with its clause.
    pub materials: Vec<CitedEntry<'a>>,
    /// Where to go, with its clause, when the rule names a place.
    pub where_to_go: Option<CitedEntry<'a>>,
    /// What to do next, each step with its clause.
    pub next_steps: Vec<CitedEntry<'a>>,
    /// Policy cases whose expectations this rule gives.
    pub cases: Vec<&'a CaseSummary>,
}

/// A text of a rule (a paper to bring, a place to go) with its clause.
#[derive(Debug)]
pub struct CitedEntry<'a> {
    /// The text, in three languages.
    pub text: &'a Text,
    /// The clause it comes from, resolved to a link.
    pub clause: ClauseLink<'a>,
}

/// A clause reference, resolved.
#[derive(Clone, Debug)]
pub struct ClauseLink<'a> {
    /// As written in the data: `annex6.art2` or `document#clause`.
    pub reference: &'a str,
    /// The document and clause; none only if the data does not hold them (validation prevents
    /// it, but the explorer shows the reference rather than fail).
    pub found: Option<(&'a Document, &'a Clause)>,
    /// `?p=rules/<document>#clause-<id>`, or empty when not found.
    pub href: String,
}

/// One line of a rule's condition table.
#[derive(Debug)]
pub struct Row<'a> {
    /// Nesting: 0 for the rule's own condition.
    pub depth: usize,
    /// Whether the row is a group (all, any, not, unclear), a test, or a missing `ref`.
    pub kind: RowKind<'a>,
    /// What it says in plain words.
    pub label: Option<&'a Text>,
    /// The clause it comes from, resolved to a link; none for a group without one.
    pub clause: Option<ClauseLink<'a>>,
    /// Where the sources disagree whether it suffices.
    pub disputed: Option<&'a Text>,
    /// Set when the row is a named condition (`{ ref = "…" }`); the rule set that defines it
    /// when it is another one.
    pub named: Option<(&'a str, Option<&'a Ruleset>)>,
}

/// What a row tests.
#[derive(Debug)]
pub enum RowKind<'a> {
    /// Every row below holds.
    All,
    /// At least one row below holds.
    Any,
    /// The row below does not hold.
    Not,
    /// The source lists the rows below without saying whether all or any are needed.
    Unclear(&'a Text),
    /// A test of an answer, a points total or a vague clause.
    Leaf {
        /// The test, as written in the data.
        test: &'a Test,
        /// The fact it reads.
        fact: Option<&'a Fact>,
        /// The points scheme it reads.
        scheme: Option<&'a PointsScheme>,
    },
    /// A `ref` the data does not define (validation prevents it).
    Missing(&'a str),
}

/// A points scheme of a document, with the clause of each factor.
#[derive(Debug)]
pub struct PointsEntry<'a> {
    /// The points scheme, as written in the data.
    pub scheme: &'a PointsScheme,
    /// `points-<id>`.
    pub anchor: String,
    /// Each factor with the fact it reads and its clause, in the data's order.
    pub factors: Vec<(&'a PointsFactor, Option<&'a Fact>, ClauseLink<'a>)>,
}

/// Characters of a clause's words shown while it is folded.
const OPENING: usize = 28;

/// The first words of a clause's `text`, on one line, at most [`OPENING`] characters (an
/// ellipsis where cut). A number the text starts with is left out when the label ends with it:
/// the label 附件6 第二条 and the text 第二条 凡在… give 凡在…; 三(十) and (十)改善… give 改善….
fn opening(label: &str, text: &str) -> String {
    let text = text.trim_start();
    let label: Vec<char> = label.chars().collect();
    // Where the label's last part may start: its beginning, after a space, at an opening
    // bracket, after a closing one.
    let starts = (0..label.len()).filter(|&i| {
        i == 0
            || label[i - 1].is_whitespace()
            || matches!(label[i], '(' | '（')
            || matches!(label[i - 1], ')' | '）')
    });
    let rest = starts
        .filter_map(|i| text.strip_prefix(&label[i..].iter().collect::<String>()))
        .min_by_key(|rest| rest.len())
        .map_or(text, |rest| {
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '、' | '.' | '．'))
        });
    let mut words = String::new();
    let mut count = 0;
    let mut space = false;
    for c in rest.chars() {
        if c.is_whitespace() {
            space = !words.is_empty();
            continue;
        }
        if count == OPENING {
            words.push('…');
            return words;
        }
        if space {
            words.push(' ');
            count += 1;
            space = false;
        }
        words.push(c);
        count += 1;
    }
    words
}

fn rule_anchor(ruleset: &str, decision: &str, rule: &str) -> String {
    format!("rule-{ruleset}-{decision}-{rule}")
}

pub(super) fn doc_href(document: &str, anchor: &str) -> String {
    format!("{}#{anchor}", Route::Document(document.to_string()).href())
}

fn link<'a>(data: &'a PolicyData, document: &str, reference: &'a str) -> ClauseLink<'a> {
    let found = data.clause(document, reference);
    let href = found
        .map(|(d, c)| doc_href(&d.id, &format!("clause-{}", c.id)))
        .unwrap_or_default();
    ClauseLink {
        reference,
        found,
        href,
    }
}

/// Deeper than any sensible rule: a guard against a loop of `ref`s in unvalidated data.
const MAX_DEPTH: usize = 24;

/// The row for one condition, with its label, clause and dispute.
fn row<'a>(
    data: &'a PolicyData,
    owner: &'a Ruleset,
    cond: &'a Condition,
    depth: usize,
    kind: RowKind<'a>,
) -> Row<'a> {
    Row {
        depth,
        kind,
        label: cond.label.as_ref(),
        clause: cond
            .clause
            .as_deref()
            .map(|c| link(data, &owner.document, c)),
        disputed: cond.disputed.as_ref(),
        named: None,
    }
}

/// Adds `cond` and everything inside it to `out`. Named conditions are shown in place, with
/// their clauses read in the rule set that defines them.
fn flatten<'a>(
    data: &'a PolicyData,
    owner: &'a Ruleset,
    cond: &'a Condition,
    depth: usize,
    out: &mut Vec<Row<'a>>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Test::Ref(name) = &cond.test {
        match data.named_condition(owner, name) {
            Some((defined_in, key, named)) => {
                let at = out.len();
                flatten(data, defined_in, named, depth, out);
                if let Some(row) = out.get_mut(at) {
                    row.named = Some((key, (defined_in.id != owner.id).then_some(defined_in)));
                    if cond.label.is_some() {
                        row.label = cond.label.as_ref();
                    }
                    if let Some(c) = &cond.clause {
                        row.clause = Some(link(data, &owner.document, c));
                    }
                }
            }
            None => out.push(row(data, owner, cond, depth, RowKind::Missing(name))),
        }
        return;
    }
    let kind = match &cond.test {
        Test::All(_) => RowKind::All,
        Test::Any(_) => RowKind::Any,
        Test::Not(_) => RowKind::Not,
        Test::Unclear(_, note) => RowKind::Unclear(note),
        test => RowKind::Leaf {
            test,
            fact: cond.fact().and_then(|f| data.fact(f)),
            scheme: match test {
                Test::PointsAtLeast { scheme, .. } => data.points_scheme(scheme),
                _ => None,
            },
        },
    };
    out.push(row(data, owner, cond, depth, kind));
    for child in cond.children() {
        flatten(data, owner, child, depth + 1, out);
    }
}

fn cited<'a>(data: &'a PolicyData, document: &str, c: &'a Cited) -> CitedEntry<'a> {
    CitedEntry {
        text: &c.text,
        clause: link(data, document, &c.clause),
    }
}

impl<'a> Explorer<'a> {
    /// Builds the model of `data`, with `cases` (the case index) attached to the rules they test.
    pub fn new(data: &'a PolicyData, cases: &'a [CaseSummary]) -> Explorer<'a> {
        let mut by_rule: BTreeMap<&str, Vec<&'a CaseSummary>> = BTreeMap::new();
        for case in cases {
            for rule in &case.rules {
                by_rule.entry(rule.as_str()).or_default().push(case);
            }
        }
        let place_name = |id: &str| data.place(id).map(|p| &p.name);

        let mut documents: Vec<DocumentEntry<'a>> = data
            .documents
            .iter()
            .map(|document| DocumentEntry {
                document,
                place_name: place_name(&document.place),
                href: Route::Document(document.id.clone()).href(),
                clauses: document
                    .clauses
                    .iter()
                    .map(|clause| ClauseEntry {
                        clause,
                        anchor: format!("clause-{}", clause.id),
                        opening: opening(&clause.label, &clause.text),
                        cited_by: Vec::new(),
                    })
                    .collect(),
                rulesets: data
                    .rulesets
                    .iter()
                    .filter(|r| r.document == document.id)
                    .map(|r| ruleset_entry(data, r, &by_rule))
                    .collect(),
                points: data
                    .points_schemes
                    .iter()
                    .filter(|s| s.document == document.id)
                    .map(|scheme| PointsEntry {
                        scheme,
                        anchor: format!("points-{}", scheme.id),
                        factors: scheme
                            .factors
                            .iter()
                            .map(|f| {
                                (
                                    f,
                                    data.fact(&f.fact),
                                    link(data, &scheme.document, &f.clause),
                                )
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();

        // Which rules cite each clause, wherever the rule lives.
        let mut citations: BTreeMap<(&str, &str), Vec<RuleLink<'a>>> = BTreeMap::new();
        for d in &documents {
            for rs in &d.rulesets {
                for dec in &rs.decisions {
                    for r in &dec.rules {
                        let rule_link = RuleLink {
                            ruleset: rs.ruleset,
                            rule: r.rule,
                            href: doc_href(&d.document.id, &r.anchor),
                        };
                        for c in r.clause_links() {
                            if let Some((doc, clause)) = c.found {
                                let list = citations
                                    .entry((doc.id.as_str(), clause.id.as_str()))
                                    .or_default();
                                if !list.iter().any(|l| l.href == rule_link.href) {
                                    list.push(rule_link.clone());
                                }
                            }
                        }
                    }
                }
            }
        }
        for d in &mut documents {
            let doc_id = d.document.id.as_str();
            for c in &mut d.clauses {
                if let Some(list) = citations.remove(&(doc_id, c.clause.id.as_str())) {
                    c.cited_by = list;
                }
            }
        }

        // Places in tree order (a parent, then the places inside it), each with its documents,
        // newest first.
        let mut order: Vec<(&'a str, usize)> = Vec::new();
        fn visit<'a>(
            data: &'a PolicyData,
            id: &'a str,
            depth: usize,
            order: &mut Vec<(&'a str, usize)>,
        ) {
            if depth > MAX_DEPTH || order.iter().any(|(p, _)| *p == id) {
                return;
            }
            order.push((id, depth));
            for child in data
                .places
                .iter()
                .filter(|p| p.parent.as_deref() == Some(id))
            {
                visit(data, &child.id, depth + 1, order);
            }
        }
        for root in data
            .places
            .iter()
            .filter(|p| p.parent.as_deref().is_none_or(|q| data.place(q).is_none()))
        {
            visit(data, &root.id, 0, &mut order);
        }
        // Places of documents that the tree did not reach (an unknown place): at the end.
        for d in &data.documents {
            if !order.iter().any(|(p, _)| *p == d.place) {
                order.push((&d.place, 0));
            }
        }
        let mut places = Vec::new();
        let mut sorted = Vec::with_capacity(documents.len());
        for (id, depth) in order {
            let mut here: Vec<DocumentEntry<'a>> = Vec::new();
            let mut rest = Vec::with_capacity(documents.len());
            for d in documents {
                if d.document.place == id {
                    here.push(d);
                } else {
                    rest.push(d);
                }
            }
            documents = rest;
            if here.is_empty() {
                continue;
            }
            // Newest first; undated documents last, by number.
            here.sort_by(|a, b| {
                let date = |d: &DocumentEntry| d.document.issued.or(d.document.in_force);
                date(b)
                    .cmp(&date(a))
                    .then_with(|| a.document.number.cmp(&b.document.number))
            });
            let start = sorted.len();
            sorted.extend(here);
            places.push(PlaceGroup {
                id,
                name: place_name(id),
                depth,
                documents: (start..sorted.len()).collect(),
            });
        }
        Explorer {
            places,
            documents: sorted,
        }
    }

    /// A document by id.
    pub fn document(&self, id: &str) -> Option<&DocumentEntry<'a>> {
        self.documents.iter().find(|d| d.document.id == id)
    }

    /// Every rule set, with its document.
    pub fn rulesets(&self) -> impl Iterator<Item = (&DocumentEntry<'a>, &RulesetEntry<'a>)> {
        self.documents
            .iter()
            .flat_map(|d| d.rulesets.iter().map(move |r| (d, r)))
    }

    /// The rule sets of a service, in the order of their documents (by place, newest first).
    pub fn rulesets_of(&self, service: Service) -> Vec<(&DocumentEntry<'a>, &RulesetEntry<'a>)> {
        self.rulesets()
            .filter(|(_, r)| r.ruleset.service == service)
            .collect()
    }

    /// Every rule of every rule set.
    pub fn rules(&self) -> impl Iterator<Item = &RuleEntry<'a>> {
        self.rulesets()
            .flat_map(|(_, r)| r.decisions.iter())
            .flat_map(|d| d.rules.iter())
    }

    /// A rule by `ruleset/decision/rule`.
    pub fn rule(&self, key: &str) -> Option<&RuleEntry<'a>> {
        self.rules().find(|r| r.key == key)
    }
}

fn ruleset_entry<'a>(
    data: &'a PolicyData,
    r: &'a Ruleset,
    by_rule: &BTreeMap<&str, Vec<&'a CaseSummary>>,
) -> RulesetEntry<'a> {
    let anchor = format!("ruleset-{}", r.id);
    RulesetEntry {
        ruleset: r,
        href: doc_href(&r.document, &anchor),
        anchor,
        place_name: data.place(&r.place).map(|p| &p.name),
        decisions: r
            .decisions
            .iter()
            .map(|d| DecisionEntry {
                decision: d,
                rules: d
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(i, rule)| {
                        let key = format!("{}/{}/{}", r.id, d.id, rule.id);
                        let mut conditions = Vec::new();
                        if let Some(w) = &rule.when {
                            flatten(data, r, w, 0, &mut conditions);
                        }
                        RuleEntry {
                            rule,
                            anchor: rule_anchor(&r.id, &d.id, &rule.id),
                            position: i + 1,
                            otherwise: rule.when.is_none(),
                            clause: link(data, &r.document, &rule.clause),
                            conditions,
                            materials: rule
                                .materials
                                .iter()
                                .map(|m| cited(data, &r.document, m))
                                .collect(),
                            where_to_go: rule
                                .where_to_go
                                .as_ref()
                                .map(|w| cited(data, &r.document, w)),
                            next_steps: rule
                                .next_steps
                                .iter()
                                .map(|s| cited(data, &r.document, s))
                                .collect(),
                            cases: by_rule.get(key.as_str()).cloned().unwrap_or_default(),
                            key,
                        }
                    })
                    .collect(),
            })
            .collect(),
        deadlines: r
            .deadlines
            .iter()
            .map(|d| DeadlineEntry {
                deadline: d,
                clause: link(data, &r.document, &d.clause),
                if_missed: d.if_missed.as_ref().map(|m| cited(data, &r.document, m)),
                also: d.also.iter().map(|a| cited(data, &r.document, a)).collect(),
            })
            .collect(),
    }
}

impl<'a> RuleEntry<'a> {
    /// Every clause the rule cites: its own, its conditions', its papers', where to go and next
    /// steps'.
    pub fn clause_links(&self) -> Vec<&ClauseLink<'a>> {
        let mut out = vec![&self.clause];
        out.extend(self.conditions.iter().filter_map(|r| r.clause.as_ref()));
        out.extend(self.materials.iter().map(|m| &m.clause));
        out.extend(self.where_to_go.iter().map(|w| &w.clause));
        out.extend(self.next_steps.iter().map(|s| &s.clause));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Test;

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    fn cases() -> Vec<CaseSummary> {
        crate::portal::embedded::case_index().expect("case index")
    }

    #[test]
    fn every_rule_of_every_rule_set_is_in_the_model() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        let mut expected = Vec::new();
        for r in &data.rulesets {
            for d in &r.decisions {
                for rule in &d.rules {
                    expected.push(format!("{}/{}/{}", r.id, d.id, rule.id));
                }
            }
        }
        let mut shown: Vec<String> = ex.rules().map(|r| r.key.clone()).collect();
        assert_eq!(shown.len(), expected.len(), "rule count");
        expected.sort();
        shown.sort();
        assert_eq!(shown, expected);
        // Every rule set once, under its own document; every document once, in a place group.
        assert_eq!(ex.rulesets().count(), data.rulesets.len());
        for (doc, rs) in ex.rulesets() {
            assert_eq!(doc.document.id, rs.ruleset.document);
        }
        assert_eq!(ex.documents.len(), data.documents.len());
        let grouped: usize = ex.places.iter().map(|p| p.documents.len()).sum();
        assert_eq!(grouped, data.documents.len());
        for p in &ex.places {
            for &i in &p.documents {
                assert_eq!(ex.documents[i].document.place, p.id);
            }
        }
        // Anchors are unique on their page.
        for d in &ex.documents {
            let mut anchors: Vec<&str> = d.clauses.iter().map(|c| c.anchor.as_str()).collect();
            anchors.extend(d.rulesets.iter().map(|r| r.anchor.as_str()));
            for r in d
                .rulesets
                .iter()
                .flat_map(|r| &r.decisions)
                .flat_map(|d| &d.rules)
            {
                anchors.push(&r.anchor);
            }
            let n = anchors.len();
            anchors.sort();
            anchors.dedup();
            assert_eq!(anchors.len(), n, "duplicate anchor in {}", d.document.id);
        }
    }

    #[test]
    fn every_clause_a_rule_cites_is_shown_with_its_words() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        let mut count = 0;
        for (_, rs) in ex.rulesets() {
            let ruleset = data.ruleset(&rs.ruleset.id).expect("rule set");
            for dec in &rs.decisions {
                for r in &dec.rules {
                    // Every clause the data's rule names, on the rule itself …
                    let mut refs = vec![r.rule.clause.as_str()];
                    refs.extend(r.rule.materials.iter().map(|m| m.clause.as_str()));
                    refs.extend(r.rule.where_to_go.iter().map(|m| m.clause.as_str()));
                    refs.extend(r.rule.next_steps.iter().map(|m| m.clause.as_str()));
                    let shown = r.clause_links();
                    for reference in refs {
                        let (d, c) = data.clause(&ruleset.document, reference).expect("cited");
                        let link = shown
                            .iter()
                            .find(|l| l.reference == reference)
                            .unwrap_or_else(|| panic!("{} does not show {reference}", r.key));
                        let (sd, sc) = link.found.expect("resolved");
                        assert_eq!(
                            (sd.id.as_str(), sc.text.as_str()),
                            (d.id.as_str(), c.text.as_str())
                        );
                        assert!(link.href.ends_with(&format!("#clause-{}", c.id)));
                        count += 1;
                    }
                    // … and every clause its conditions name, with words.
                    for row in &r.conditions {
                        if let Some(l) = &row.clause {
                            let (_, c) = l.found.unwrap_or_else(|| {
                                panic!("{}: clause {} not resolved", r.key, l.reference)
                            });
                            assert!(!c.text.trim().is_empty());
                            count += 1;
                        }
                    }
                    // The clause can be found on its document's page, citing this rule back.
                    let (cd, cc) = r.clause.found.expect("rule clause");
                    let page = ex.document(&cd.id).expect("document page");
                    let entry = page
                        .clauses
                        .iter()
                        .find(|e| e.clause.id == cc.id)
                        .expect("clause on its page");
                    assert!(
                        entry.cited_by.iter().any(|l| l.href.ends_with(&r.anchor)),
                        "{} not listed under {} {}",
                        r.key,
                        cd.id,
                        cc.id
                    );
                }
            }
        }
        assert!(count > 500, "only {count} citations checked");
    }

    #[test]
    fn named_conditions_are_shown_in_place_with_their_rows() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        let eligible = ex
            .rule("lucheng-school-2013/enrolment/eligible")
            .expect("rule");
        assert_eq!(
            eligible.anchor,
            "rule-lucheng-school-2013-enrolment-eligible"
        );
        let first = &eligible.conditions[0];
        assert_eq!(first.depth, 0);
        assert!(matches!(first.kind, RowKind::All));
        assert_eq!(first.named.map(|(n, _)| n), Some("parent_conditions"));
        let fixed = eligible
            .conditions
            .iter()
            .find(|r| r.label.is_some_and(|l| l.zh == "有相对固定居所(含租赁)"))
            .expect("fixed residence row");
        assert_eq!(fixed.depth, 1);
        assert!(matches!(
            fixed.kind,
            RowKind::Leaf {
                test: Test::Is { value: true, .. },
                fact: Some(_),
                ..
            }
        ));
        let (_, clause) = fixed.clause.as_ref().and_then(|c| c.found).expect("clause");
        assert_eq!(clause.label, "附件6 第二条");
        assert!(clause.text.contains("有相对固定居所(含租赁)"));
        // The otherwise rule has no rows and is last.
        let dec = &ex
            .rulesets()
            .find(|(_, r)| r.ruleset.id == "lucheng-school-2013")
            .expect("rule set")
            .1
            .decisions[0];
        let last = dec.rules.last().expect("rules");
        assert!(last.otherwise && last.conditions.is_empty());
        assert_eq!(last.position, dec.rules.len());
        assert!(
            dec.rules[..dec.rules.len() - 1]
                .iter()
                .all(|r| !r.otherwise)
        );
        // Cases are attached to the rules they test.
        let too_young = ex
            .rule("lucheng-school-2013/enrolment/too-young")
            .expect("rule");
        assert!(
            too_young
                .cases
                .iter()
                .any(|c| c.name == "A child of 5 is too young for Lucheng public school enrolment")
        );
    }

    #[test]
    fn a_folded_clause_shows_its_first_words_without_repeating_its_number() {
        assert_eq!(
            opening(
                "附件6 第二条",
                "第二条\u{a0}凡在户籍所在地有监护条件的新居民子女"
            ),
            "凡在户籍所在地有监护条件的新居民子女"
        );
        assert_eq!(
            opening("三(十)", "(十)改善子女教育服务。"),
            "改善子女教育服务。"
        );
        assert_eq!(
            opening("附件3 三", "三、加强职业技能培训。"),
            "加强职业技能培训。"
        );
        assert_eq!(opening("四(二)2", "2.強化就業保障。"), "強化就業保障。");
        // Not the label's number: kept.
        assert_eq!(
            opening("附件6 序言", "为使我区新居民子女"),
            "为使我区新居民子女"
        );
        // Lines joined, long text cut.
        assert_eq!(opening("第三条", "第三条 一。\n二。"), "一。 二。");
        let long = opening("第一条", &"字".repeat(40));
        assert_eq!(long.chars().count(), OPENING + 1);
        assert!(long.ends_with('…'));
        // Every clause of the data has some words to show.
        let data = data();
        let ex = Explorer::new(&data, &[]);
        for d in &ex.documents {
            for c in &d.clauses {
                assert!(!c.opening.is_empty(), "{} {}", d.document.id, c.clause.id);
            }
        }
    }

    #[test]
    fn places_come_in_tree_order_with_newest_documents_first() {
        let data = data();
        let ex = Explorer::new(&data, &[]);
        let ids: Vec<&str> = ex.places.iter().map(|p| p.id).collect();
        let pos = |id: &str| ids.iter().position(|p| *p == id);
        assert_eq!(ids.first(), Some(&"china"));
        assert!(pos("zhejiang") < pos("lucheng"));
        assert_eq!(
            ex.places
                .iter()
                .find(|p| p.id == "lucheng")
                .map(|p| p.depth),
            Some(3)
        );
        for p in &ex.places {
            let dates: Vec<_> = p
                .documents
                .iter()
                .filter_map(|&i| {
                    let d = ex.documents[i].document;
                    d.issued.or(d.in_force)
                })
                .collect();
            assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{}", p.id);
        }
    }
}
