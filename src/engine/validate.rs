//! Checks that policy data hangs together: every reference resolves, every leaf cites a clause
//! that exists, every fact is tested in a way its kind allows, dates run forwards. The build
//! script runs this, so a broken file fails the build with a message naming the file, the rule
//! and the field; it never reaches a resident's phone.

use super::date::Period;
use super::model::{
    Amount, Condition, DocumentStatus, FactKind, PolicyData, Ruleset, Service, Test,
};
use super::suggest::did_you_mean;
use super::text::{Text, Translation};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One problem in the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The file, relative to the data folder (`school/lucheng-2013.toml`).
    pub file: String,
    /// The line in the file (from 1), where it is known.
    pub line: Option<usize>,
    /// Where in it: `ruleset lucheng-school-2013 › decision enrolment › rule eligible › when.all[2]`.
    pub path: String,
    /// What is wrong, in a sentence (`no fact 'x' in facts.toml`).
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if self.path.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.path, self.message)
        }
    }
}

/// Where each item of the data was read from, for messages.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    /// The places file (`places.toml`).
    pub places: String,
    /// Fact id → the file under `facts/` that defines it.
    pub facts: BTreeMap<String, String>,
    /// Document id → the file under `documents/` that defines it.
    pub documents: BTreeMap<String, String>,
    /// Rule set id → the file that defines it (`school/lucheng-2013.toml`).
    pub rulesets: BTreeMap<String, String>,
    /// Points scheme id → the file under `points/` that defines it.
    pub points_schemes: BTreeMap<String, String>,
    /// The forms file, when there is one.
    pub forms: String,
}

impl Origins {
    fn document(&self, id: &str) -> String {
        self.documents
            .get(id)
            .cloned()
            .unwrap_or_else(|| "documents".into())
    }
    fn fact(&self, id: &str) -> String {
        self.facts
            .get(id)
            .cloned()
            .unwrap_or_else(|| "facts".into())
    }
    fn ruleset(&self, id: &str) -> String {
        self.rulesets
            .get(id)
            .cloned()
            .unwrap_or_else(|| "rules".into())
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

struct Checker<'a> {
    data: &'a PolicyData,
    origins: &'a Origins,
    errors: Vec<DataError>,
}

impl Checker<'_> {
    /// `" (did you mean 'x'?)"` for a place id that does not exist.
    fn near_place(&self, id: &str) -> String {
        did_you_mean(id, self.data.places.iter().map(|p| p.id.as_str()))
    }
    fn near_document(&self, id: &str) -> String {
        did_you_mean(id, self.data.documents.iter().map(|d| d.id.as_str()))
    }
    fn near_ruleset(&self, id: &str) -> String {
        did_you_mean(id, self.data.rulesets.iter().map(|r| r.id.as_str()))
    }

    fn err(&mut self, file: &str, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(DataError {
            file: file.to_string(),
            line: None,
            path: path.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, file: &str, path: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.err(file, path, "text is empty");
        }
    }

    /// An answer leads the results on a phone: a few words, not the explanation.
    fn answer_length(&mut self, file: &str, path: &str, text: &Text) {
        use super::model::{ANSWER_MAX_CHARS, ANSWER_MAX_CHARS_EN};
        for (lang, words, max) in [
            ("zh", Some(&text.zh), ANSWER_MAX_CHARS),
            ("zh_hant", text.zh_hant.as_ref(), ANSWER_MAX_CHARS),
            ("en", text.en.as_ref(), ANSWER_MAX_CHARS_EN),
        ] {
            let Some(words) = words else { continue };
            let n = words.chars().count();
            if n > max {
                self.err(
                    file,
                    path,
                    format!("the {lang} answer has {n} characters, more than {max}: keep the answer to a few words and leave the explanation to the summary"),
                );
            }
        }
    }

    /// A published title or label (`field` of the item at `path`) must come with its
    /// Traditional Chinese and English.
    fn translation(&mut self, file: &str, path: &str, field: &str, t: Option<&Translation>) {
        let missing = t.map_or_else(|| Translation::default().missing(), Translation::missing);
        if !missing.is_empty() {
            let langs: Vec<&str> = missing.iter().map(|l| l.tag()).collect();
            self.err(
                file,
                format!("{path} › {field}"),
                format!(
                    "missing {}: the published words need their Traditional Chinese and English ({field} = {{ zh_hant = \"…\", en = \"…\" }})",
                    langs.join(", ")
                ),
            );
        }
    }

    fn clause(&mut self, file: &str, path: &str, document: &str, reference: &str) {
        if self.data.clause(document, reference).is_none() {
            let (doc, clause) = reference.split_once('#').unwrap_or((document, reference));
            if self.data.document(doc).is_none() {
                let near = self.near_document(doc);
                self.err(
                    file,
                    path,
                    format!("clause '{reference}': no document '{doc}'{near}"),
                );
            } else {
                let near = self.data.document(doc).map_or_else(String::new, |d| {
                    did_you_mean(clause, d.clauses.iter().map(|c| c.id.as_str()))
                });
                self.err(file, path, format!("clause '{clause}' is not in document '{doc}'{near} (add it under [[clause]] in {})", self.origins.document(doc)));
            }
        }
    }
}

/// Every problem in `data`; empty when it is sound.
pub fn validate(data: &PolicyData, origins: &Origins) -> Vec<DataError> {
    let mut c = Checker {
        data,
        origins,
        errors: Vec::new(),
    };
    check_places(&mut c);
    check_documents(&mut c);
    check_facts(&mut c);
    let mut ids = BTreeSet::new();
    for r in &data.rulesets {
        let file = origins.ruleset(&r.id);
        if !ids.insert(r.id.as_str()) {
            c.err(
                &file,
                format!("ruleset {}", r.id),
                "another rule set has the same id",
            );
        }
        check_ruleset(&mut c, r, &file);
    }
    check_points(&mut c);
    check_forms(&mut c);
    c.errors
}

/// Every rule set, rule and clause the printed forms name exists.
fn check_forms(c: &mut Checker) {
    let Some(forms) = &c.data.forms else {
        return;
    };
    let file = c.origins.forms.clone();
    let ruleset = |c: &mut Checker, path: &str, id: &str| -> Option<String> {
        match c.data.ruleset(id) {
            Some(r) => Some(r.document.clone()),
            None => {
                let near = c.near_ruleset(id);
                c.err(&file, path, format!("no rule set '{id}'{near}"));
                None
            }
        }
    };
    let e = &forms.enrolment;
    if let Some(doc) = ruleset(c, "enrolment.ruleset", &e.ruleset) {
        for (field, rule) in [
            ("checklist_rule", &e.checklist_rule),
            ("priority_rule", &e.priority_rule),
        ] {
            let found = c.data.ruleset(&e.ruleset).is_some_and(|r| {
                r.decisions
                    .iter()
                    .any(|d| d.rules.iter().any(|x| &x.id == rule))
            });
            if !found {
                c.err(
                    &file,
                    format!("enrolment.{field}"),
                    format!("rule set '{}' has no rule '{rule}'", e.ruleset),
                );
            }
        }
        for (field, clause) in [
            ("checklist_clause", &e.checklist_clause),
            ("conditions_clause", &e.conditions_clause),
            ("priority_clause", &e.priority_clause),
        ] {
            c.clause(&file, &format!("enrolment.{field}"), &doc, clause);
        }
    }
    let r = &forms.residence;
    for (i, clause) in r.field_clauses.iter().enumerate() {
        c.clause(
            &file,
            &format!("residence.field_clauses, item {}", i + 1),
            "",
            clause,
        );
    }
    c.clause(
        &file,
        "residence.default_checklist_clause",
        "",
        &r.default_checklist_clause,
    );
    for (i, id) in forms.marriage.rulesets.iter().enumerate() {
        ruleset(c, &format!("marriage.rulesets, item {}", i + 1), id);
    }
    let g = &forms.guardianship;
    if let Some(doc) = ruleset(c, "guardianship.ruleset", &g.ruleset) {
        c.clause(&file, "guardianship.clause", &doc, &g.clause);
    }
}

fn check_places(c: &mut Checker) {
    let file = c.origins.places.clone();
    let mut seen = BTreeSet::new();
    for p in &c.data.places {
        let path = format!("place {}", p.id);
        if !valid_id(&p.id) {
            c.err(
                &file,
                &path,
                "id must be lower-case letters, digits, '-', '_' or '.'",
            );
        }
        if !seen.insert(p.id.clone()) {
            c.err(&file, &path, "another place has the same id");
        }
        c.text(&file, &format!("{path} › name"), &p.name);
        if let Some(parent) = &p.parent
            && c.data.place(parent).is_none()
        {
            c.err(
                &file,
                format!("{path} › parent"),
                format!("no place '{parent}'{}", c.near_place(parent)),
            );
        }
        let chain = c.data.place_chain(&p.id);
        let top_parent = chain.last().and_then(|top| top.parent.as_deref());
        if top_parent.is_some_and(|tp| chain.iter().any(|q| q.id == tp)) {
            c.err(&file, format!("{path} › parent"), "the parents form a loop");
        }
    }
}

fn check_documents(c: &mut Checker) {
    let mut seen = BTreeSet::new();
    for d in &c.data.documents {
        let file = c.origins.document(&d.id);
        let path = format!("document {}", d.id);
        if !valid_id(&d.id) {
            c.err(
                &file,
                &path,
                "id must be lower-case letters, digits, '-', '_' or '.'",
            );
        }
        if !seen.insert(d.id.clone()) {
            c.err(&file, &path, "another document has the same id");
        }
        if c.data.place(&d.place).is_none() {
            c.err(
                &file,
                format!("{path} › place"),
                format!("no place '{}'{}", d.place, c.near_place(&d.place)),
            );
        }
        for (field, value) in [
            ("number", &d.number),
            ("title", &d.title),
            ("issuer", &d.issuer),
            ("source", &d.source),
        ] {
            if value.trim().is_empty() {
                c.err(&file, format!("{path} › {field}"), "must not be empty");
            }
        }
        c.translation(
            &file,
            &path,
            "translated_title",
            d.translated_title.as_ref(),
        );
        let dates = [d.issued, d.in_force, d.repealed];
        let known: Vec<_> = dates.iter().flatten().collect();
        if known.windows(2).any(|w| w[0] > w[1]) {
            c.err(&file, &path, "dates must run issued ≤ in_force ≤ repealed");
        }
        if d.status == super::model::DocumentStatus::Repealed
            && d.repealed.is_none()
            && d.status_note.is_none()
        {
            c.err(&file, format!("{path} › status"), "a repealed document needs 'repealed' (the date) or 'status_note' saying why it is not known");
        }
        let mut clause_ids = BTreeSet::new();
        for cl in &d.clauses {
            let cpath = format!("{path} › clause {}", cl.id);
            if !valid_id(&cl.id) {
                c.err(
                    &file,
                    &cpath,
                    "id must be lower-case letters, digits, '-', '_' or '.'",
                );
            }
            if !clause_ids.insert(cl.id.clone()) {
                c.err(
                    &file,
                    &cpath,
                    "another clause of this document has the same id",
                );
            }
            if cl.label.trim().is_empty() || cl.text.trim().is_empty() {
                c.err(
                    &file,
                    &cpath,
                    "a clause needs its label and its exact words",
                );
            }
            c.translation(
                &file,
                &cpath,
                "translated_label",
                cl.translated_label.as_ref(),
            );
        }
    }
}

fn check_facts(c: &mut Checker) {
    let mut seen = BTreeSet::new();
    for f in &c.data.facts {
        let file = c.origins.fact(&f.id);
        let path = format!("fact {}", f.id);
        if !valid_id(&f.id) {
            c.err(
                &file,
                &path,
                "id must be lower-case letters, digits, '-', '_' or '.'",
            );
        }
        if !seen.insert(f.id.clone()) {
            c.err(&file, &path, "another fact has the same id");
        }
        c.text(&file, &format!("{path} › question"), &f.question);
        c.text(&file, &format!("{path} › hint"), &f.hint);
        match f.kind {
            FactKind::Choice => {
                if f.choices.len() < 2 {
                    c.err(
                        &file,
                        format!("{path} › choices"),
                        "a choice needs at least two choices",
                    );
                }
                let mut ids = BTreeSet::new();
                for ch in &f.choices {
                    if !ids.insert(ch.id.as_str()) || !valid_id(&ch.id) {
                        c.err(
                            &file,
                            format!("{path} › choices › {}", ch.id),
                            "choice ids must be unique lower-case ids",
                        );
                    }
                }
            }
            _ if !f.choices.is_empty() => c.err(
                &file,
                format!("{path} › choices"),
                "only a fact of kind 'choice' has choices",
            ),
            _ => {}
        }
        if f.accrues && f.kind != FactKind::Duration {
            c.err(
                &file,
                format!("{path} › accrues"),
                "only a 'duration' accrues",
            );
        }
        if f.unit.is_some() && f.kind != FactKind::Count {
            c.err(&file, format!("{path} › unit"), "only a 'count' has a unit");
        }
    }
}

fn check_ruleset(c: &mut Checker, r: &Ruleset, file: &str) {
    let path = format!("ruleset {}", r.id);
    if !valid_id(&r.id) {
        c.err(
            file,
            &path,
            "id must be lower-case letters, digits, '-', '_' or '.'",
        );
    }
    let folder = file.split('/').next().unwrap_or_default();
    if Service::from_id(folder).is_some_and(|s| s != r.service) {
        c.err(
            file,
            format!("{path} › service"),
            format!("a rule set in {folder}/ must have service = \"{folder}\""),
        );
    }
    if c.data.place(&r.place).is_none() {
        c.err(
            file,
            format!("{path} › place"),
            format!("no place '{}'{}", r.place, c.near_place(&r.place)),
        );
    }
    if c.data.document(&r.document).is_none() {
        c.err(
            file,
            format!("{path} › document"),
            format!(
                "no document '{}'{}",
                r.document,
                c.near_document(&r.document)
            ),
        );
    }
    if let (Some(from), Some(to)) = (r.from, r.to)
        && to <= from
    {
        c.err(file, format!("{path} › to"), "'to' must come after 'from'");
    }
    if r.from.is_none() && r.from_note.is_none() {
        c.err(
            file,
            format!("{path} › from"),
            "give 'from' (the first day the rules apply), or 'from_note' saying why the source has no date",
        );
    }
    // A document repealed on a day no source gives: the rules must say the last day they are
    // known to have stood, or they would answer as settled for ever.
    if let Some(doc) = c.data.document(&r.document)
        && doc.status == DocumentStatus::Repealed
        && doc.repealed.is_none()
        && r.to.is_none()
        && (r.last_known_in_force.is_none() || r.last_known_note.is_none())
    {
        c.err(
            file,
            format!("{path} › last_known_in_force"),
            "the document is repealed on a day the sources do not give: set 'to', or 'last_known_in_force' (the last day the sources show the rules standing) with 'last_known_note' (where that day comes from and what to do after it)",
        );
    }
    if let (Some(from), Some(last)) = (r.from, r.last_known_in_force)
        && last < from
    {
        c.err(
            file,
            format!("{path} › last_known_in_force"),
            "'last_known_in_force' must not come before 'from'",
        );
    }
    if let Some(note) = &r.last_known_note {
        c.text(file, &format!("{path} › last_known_note"), note);
    }
    for s in &r.successors {
        if c.data.ruleset(s).is_none() {
            c.err(
                file,
                format!("{path} › successors"),
                format!("no rule set '{s}'"),
            );
        }
    }
    c.text(file, &format!("{path} › title"), &r.title);
    for (name, cond) in &r.conditions {
        check_condition(c, r, file, &format!("{path} › conditions.{name}"), cond);
    }
    for name in r.conditions.keys() {
        if refers_to_itself(c.data, r, &format!("{}#{name}", r.id), name, 0) {
            c.err(
                file,
                format!("{path} › conditions.{name}"),
                "the named condition refers to itself",
            );
        }
    }
    if r.decisions.is_empty() {
        c.err(file, &path, "a rule set needs at least one [[decision]]");
    }
    check_deadlines(c, r, file, &path);
    let mut decision_ids = BTreeSet::new();
    for d in &r.decisions {
        let dpath = format!("{path} › decision {}", d.id);
        if !valid_id(&d.id) || !decision_ids.insert(d.id.as_str()) {
            c.err(file, &dpath, "decision ids must be unique lower-case ids");
        }
        c.text(file, &format!("{dpath} › title"), &d.title);
        if d.rules.is_empty() {
            c.err(
                file,
                &dpath,
                "a decision needs at least one [[decision.rule]]",
            );
        }
        let mut rule_ids = BTreeSet::new();
        for (i, rule) in d.rules.iter().enumerate() {
            let rpath = format!("{dpath} › rule {}", rule.id);
            if !valid_id(&rule.id) || !rule_ids.insert(rule.id.as_str()) {
                c.err(
                    file,
                    &rpath,
                    "rule ids must be unique lower-case ids within a decision",
                );
            }
            let last = i + 1 == d.rules.len();
            match (&rule.when, last) {
                (None, false) => c.err(file, &rpath, "only the last rule of a decision may have no 'when'"),
                (Some(_), true) => c.err(file, &rpath, "the last rule of a decision must have no 'when', so that every case gets an outcome"),
                (Some(w), false) => check_condition(c, r, file, &format!("{rpath} › when"), w),
                (None, true) => {}
            }
            c.clause(
                file,
                &format!("{rpath} › clause"),
                &r.document,
                &rule.clause,
            );
            c.text(file, &format!("{rpath} › summary"), &rule.summary);
            if rule.answer.zh.trim().is_empty() {
                c.err(
                    file,
                    format!("{rpath} › answer"),
                    "no answer: every rule needs `answer = { zh = \"…\", zh_hant = \"…\", en = \"…\" }` after its summary, the result in a few words",
                );
            }
            c.answer_length(file, &format!("{rpath} › answer"), &rule.answer);
            if rule.outcome.kind == super::model::OutcomeKind::Permit && rule.outcome.tier.is_none()
            {
                c.err(
                    file,
                    format!("{rpath} › outcome"),
                    "a 'permit' outcome needs 'tier'",
                );
            }
            for (j, m) in rule.materials.iter().enumerate() {
                let item = j + 1;
                c.clause(
                    file,
                    &format!("{rpath} › materials, item {item} › clause"),
                    &r.document,
                    &m.clause,
                );
                c.text(
                    file,
                    &format!("{rpath} › materials, item {item} › text"),
                    &m.text,
                );
                if let Some(when) = &m.when {
                    check_condition(
                        c,
                        r,
                        file,
                        &format!("{rpath} › materials, item {item} › when"),
                        when,
                    );
                }
            }
            if let Some(w) = &rule.where_to_go {
                c.clause(
                    file,
                    &format!("{rpath} › where › clause"),
                    &r.document,
                    &w.clause,
                );
                if let Some(when) = &w.when {
                    check_condition(c, r, file, &format!("{rpath} › where › when"), when);
                }
            }
            for (j, s) in rule.next_steps.iter().enumerate() {
                let item = j + 1;
                c.clause(
                    file,
                    &format!("{rpath} › next_steps, item {item} › clause"),
                    &r.document,
                    &s.clause,
                );
                if let Some(when) = &s.when {
                    check_condition(
                        c,
                        r,
                        file,
                        &format!("{rpath} › next_steps, item {item} › when"),
                        when,
                    );
                }
            }
        }
    }
}

fn check_deadlines(c: &mut Checker, r: &Ruleset, file: &str, path: &str) {
    let mut ids = BTreeSet::new();
    for d in &r.deadlines {
        let dpath = format!("{path} › deadline {}", d.id);
        if !valid_id(&d.id) || !ids.insert(d.id.as_str()) {
            c.err(file, &dpath, "deadline ids must be unique lower-case ids");
        }
        c.text(file, &format!("{dpath} › title"), &d.title);
        c.text(file, &format!("{dpath} › what"), &d.what);
        c.text(file, &format!("{dpath} › if_passed"), &d.if_passed);
        let kind = c.data.fact(&d.counts_from).map(|f| f.kind);
        if let Some(problem) = expect_kind(
            c.data,
            &d.counts_from,
            kind,
            &[FactKind::Date, FactKind::Month],
            "counts_from",
        ) {
            c.err(file, format!("{dpath} › counts_from"), problem);
        }
        match (&d.period, &d.vague) {
            (None, None) => c.err(
                file,
                format!("{dpath} › period"),
                "give 'period' (the time limit the clause states), or 'vague' saying that the clause sets none and whom to ask",
            ),
            (Some(_), Some(_)) => c.err(
                file,
                format!("{dpath} › vague"),
                "a deadline with a 'period' is not vague: leave out one of them",
            ),
            (Some(p), None) if p.is_empty() => {
                c.err(file, format!("{dpath} › period"), "the period is zero")
            }
            _ => {}
        }
        if d.period.is_none() && (d.repeats || d.window.is_some() || d.working_days) {
            c.err(
                file,
                format!("{dpath} › period"),
                "'repeats', 'window' and 'working_days' need a 'period'",
            );
        }
        c.clause(file, &format!("{dpath} › clause"), &r.document, &d.clause);
        if let Some(when) = &d.when {
            check_condition(c, r, file, &format!("{dpath} › when"), when);
        }
        if let Some(after) = &d.after {
            let found = after.split_once('/').is_some_and(|(decision, rule)| {
                r.decisions
                    .iter()
                    .any(|x| x.id == decision && x.rules.iter().any(|y| y.id == rule))
            });
            if !found {
                c.err(
                    file,
                    format!("{dpath} › after"),
                    format!(
                        "no rule '{after}' in this rule set: write after = \"decision-id/rule-id\""
                    ),
                );
            }
        }
        for (field, cited) in d
            .if_missed
            .iter()
            .map(|m| ("if_missed".to_string(), m))
            .chain(
                d.also
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("also, item {}", i + 1), a)),
            )
        {
            c.clause(
                file,
                &format!("{dpath} › {field} › clause"),
                &r.document,
                &cited.clause,
            );
            c.text(file, &format!("{dpath} › {field} › text"), &cited.text);
        }
    }
}

/// Whether following `ref`s from the named condition `at` comes back to `start` (names are
/// compared as `ruleset#name`).
fn refers_to_itself(data: &PolicyData, r: &Ruleset, start: &str, at: &str, depth: usize) -> bool {
    if depth > 16 {
        return true;
    }
    let Some((owner, key, cond)) = data.named_condition(r, at) else {
        return false;
    };
    if depth > 0 && format!("{}#{key}", owner.id) == start {
        return true;
    }
    let mut refs = Vec::new();
    collect_refs(cond, &mut refs);
    refs.iter()
        .any(|name| refers_to_itself(data, owner, start, name, depth + 1))
}

fn collect_refs(c: &Condition, out: &mut Vec<String>) {
    if let Test::Ref(name) = &c.test {
        out.push(name.clone());
    }
    for child in c.children() {
        collect_refs(child, out);
    }
}

fn check_condition(c: &mut Checker, r: &Ruleset, file: &str, path: &str, cond: &Condition) {
    if let Some(label) = &cond.label {
        c.text(file, &format!("{path} › label"), label);
    }
    if let Some(clause) = &cond.clause {
        c.clause(file, &format!("{path} › clause"), &r.document, clause);
    }
    if cond.is_leaf() {
        if cond.label.is_none() {
            c.err(
                file,
                path,
                "a condition that tests a fact needs 'label' (what it says, in plain words)",
            );
        }
        if cond.clause.is_none() {
            c.err(
                file,
                path,
                "a condition that tests a fact needs 'clause' (where the source says it)",
            );
        }
    }
    let kind_of = |fact: &str| c.data.fact(fact).map(|f| f.kind);
    let expect_kind = |fact: &str, allowed: &[FactKind], op: &str| {
        expect_kind(c.data, fact, kind_of(fact), allowed, op)
    };
    let mut problem: Option<String> = None;
    match &cond.test {
        Test::All(items) | Test::Any(items) if items.is_empty() => {
            problem = Some("a group needs at least one condition".into())
        }
        Test::Unclear(items, _) if items.len() < 2 => {
            problem = Some("'unclear' needs at least two conditions".into())
        }
        Test::Ref(name) if c.data.named_condition(r, name).is_none() => {
            problem = Some(match name.split_once('#') {
                Some((other, n)) => match c.data.ruleset(other) {
                    Some(o) => format!(
                        "no named condition '{n}' in rule set '{other}'{}",
                        did_you_mean(n, o.conditions.keys().map(String::as_str))
                    ),
                    None => format!("no rule set '{other}'{}", c.near_ruleset(other)),
                },
                None => format!(
                    "no named condition '{name}' in [conditions] of this rule set{}",
                    did_you_mean(name, r.conditions.keys().map(String::as_str))
                ),
            })
        }
        Test::Is { fact, .. } => problem = expect_kind(fact, &[FactKind::YesNo], "is"),
        Test::OneOf { fact, choices } => {
            problem = expect_kind(fact, &[FactKind::Choice], "in");
            if problem.is_none()
                && let Some(f) = c.data.fact(fact)
            {
                if choices.is_empty() {
                    problem = Some("'in' needs at least one choice".into());
                }
                for ch in choices {
                    if !f.choices.iter().any(|x| &x.id == ch) {
                        problem = Some(format!(
                            "fact '{fact}' has no choice '{ch}'{}",
                            did_you_mean(ch, f.choices.iter().map(|x| x.id.as_str()))
                        ));
                    }
                }
            }
        }
        Test::AgeAtLeast { fact, .. } | Test::AgeAtMost { fact, .. } => {
            problem = expect_kind(fact, &[FactKind::Date], "age_at_least / age_at_most")
        }
        Test::SinceAtLeast { fact, period } => {
            problem = expect_kind(fact, &[FactKind::Date, FactKind::Month], "since_at_least");
            if period.is_empty() {
                problem = Some("'since_at_least' needs a period such as { years = 1 }".into());
            }
        }
        Test::AtLeast { fact, amount } | Test::AtMost { fact, amount } => {
            problem = match (kind_of(fact), amount) {
                (None, _) => Some(no_fact(c.data, fact)),
                (Some(FactKind::Duration), Amount::Period(Period { days: 0, .. })) => None,
                (Some(FactKind::Duration), _) => Some(format!(
                    "fact '{fact}' is a duration in months: compare it with a period such as {{ years = 1 }} or {{ months = 6 }}"
                )),
                (Some(FactKind::Count), Amount::Number(_)) => None,
                (Some(FactKind::Count), _) => Some(format!(
                    "fact '{fact}' is a count: compare it with a number"
                )),
                (Some(k), _) => Some(format!(
                    "fact '{fact}' is of kind {k:?}; at_least / at_most take a duration or a count"
                )),
            }
        }
        Test::PointsAtLeast { scheme, .. } if c.data.points_scheme(scheme).is_none() => {
            problem = Some(format!(
                "no points scheme '{scheme}'{}",
                did_you_mean(scheme, c.data.points_schemes.iter().map(|s| s.id.as_str()))
            ))
        }
        Test::Vague(note) => c.text(file, &format!("{path} › vague"), note),
        _ => {}
    }
    if let Some(p) = problem {
        c.err(file, path, p);
    }
    match &cond.test {
        Test::All(items) | Test::Any(items) | Test::Unclear(items, _) => {
            let key = match &cond.test {
                Test::All(_) => "all",
                Test::Any(_) => "any",
                _ => "unclear",
            };
            for (i, item) in items.iter().enumerate() {
                check_condition(c, r, file, &format!("{path} › {key}, item {}", i + 1), item);
            }
        }
        Test::Not(item) => check_condition(c, r, file, &format!("{path} › not"), item),
        _ => {}
    }
}

/// `no fact 'x'`, with the nearest fact's name when there is one near enough.
fn no_fact(data: &PolicyData, fact: &str) -> String {
    format!(
        "no fact '{fact}' in facts/*.toml{}",
        did_you_mean(fact, data.facts.iter().map(|f| f.id.as_str()))
    )
}

fn expect_kind(
    data: &PolicyData,
    fact: &str,
    kind: Option<FactKind>,
    allowed: &[FactKind],
    op: &str,
) -> Option<String> {
    match kind {
        None => Some(no_fact(data, fact)),
        Some(k) if allowed.contains(&k) => None,
        Some(k) => Some(format!(
            "'{op}' cannot test fact '{fact}', which is of kind {k:?}"
        )),
    }
}

fn check_points(c: &mut Checker) {
    for s in &c.data.points_schemes {
        let file = c
            .origins
            .points_schemes
            .get(&s.id)
            .cloned()
            .unwrap_or_else(|| "points".into());
        let path = format!("points scheme {}", s.id);
        if c.data.place(&s.place).is_none() {
            c.err(
                &file,
                format!("{path} › place"),
                format!("no place '{}'{}", s.place, c.near_place(&s.place)),
            );
        }
        if c.data.document(&s.document).is_none() {
            c.err(
                &file,
                format!("{path} › document"),
                format!(
                    "no document '{}'{}",
                    s.document,
                    c.near_document(&s.document)
                ),
            );
        }
        for (i, f) in s.factors.iter().enumerate() {
            let fpath = format!("{path} › factor, item {}", i + 1);
            match c.data.fact(&f.fact).map(|x| x.kind) {
                None => c.err(&file, &fpath, no_fact(c.data, &f.fact)),
                Some(FactKind::YesNo | FactKind::Duration | FactKind::Count) => {}
                Some(k) => c.err(
                    &file,
                    &fpath,
                    format!(
                        "fact '{}' is of kind {k:?}; points count yes/no, durations and counts",
                        f.fact
                    ),
                ),
            }
            if f.points < 0 {
                c.err(&file, &fpath, "points must not be negative");
            }
            c.clause(&file, &format!("{fpath} › clause"), &s.document, &f.clause);
        }
        if s.tiers.windows(2).any(|w| w[0].min >= w[1].min) {
            c.err(
                &file,
                format!("{path} › tier"),
                "tiers must be listed from the lowest 'min' up",
            );
        }
    }
}

/// Every text that lacks a translation, as `file: path: languages`, for the translation check.
pub fn missing_translations(data: &PolicyData, origins: &Origins) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |file: &str, path: String, t: &Text| {
        let missing = t.missing();
        if !missing.is_empty() {
            let langs: Vec<&str> = missing.iter().map(|l| l.tag()).collect();
            out.push(format!("{file}: {path}: missing {}", langs.join(", ")));
        }
    };
    for p in &data.places {
        check(&origins.places, format!("place {} › name", p.id), &p.name);
    }
    for f in &data.facts {
        check(
            &origins.fact(&f.id),
            format!("fact {} › question", f.id),
            &f.question,
        );
        check(
            &origins.fact(&f.id),
            format!("fact {} › hint", f.id),
            &f.hint,
        );
        for ch in &f.choices {
            check(
                &origins.fact(&f.id),
                format!("fact {} › choice {}", f.id, ch.id),
                &ch.label,
            );
        }
    }
    for r in &data.rulesets {
        let file = origins.ruleset(&r.id);
        check(&file, format!("ruleset {} › title", r.id), &r.title);
        for d in &r.decisions {
            check(
                &file,
                format!("ruleset {} › decision {} › title", r.id, d.id),
                &d.title,
            );
            for rule in &d.rules {
                check(&file, format!("rule {} › summary", rule.id), &rule.summary);
                check(&file, format!("rule {} › answer", rule.id), &rule.answer);
            }
        }
    }
    out
}
