//! The shape of policy data: places, documents and their clauses, the facts a household can tell,
//! rule sets, points schemes and policy cases. The same types read the maintainers' TOML and the
//! compact JSON embedded in the portal; `policy-data/README.md` explains every field.

use super::date::{Date, Period};
use super::text::{Lang, Text, Translation};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Everything the engine knows, after validation.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyData {
    /// Every place: the nation, provinces, cities and districts (`places.toml`).
    pub places: Vec<Place>,
    /// Every published document the rules rest on, with the clauses they cite (`documents/*.toml`).
    pub documents: Vec<Document>,
    /// Every question a household can be asked, in asking order (`facts/*.toml`).
    pub facts: Vec<Fact>,
    /// Every rule set of every service and place (`school/`, `insurance/`, `permit/`).
    pub rulesets: Vec<Ruleset>,
    /// Points schemes (积分) that rules can test; none ships, the fixture has one (`points/`).
    #[serde(default)]
    pub points_schemes: Vec<PointsScheme>,
    /// What the printed forms rest on (`forms.toml`); none in a data folder without forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<FormsBasis>,
}

/// The rule sets, rules and clauses each printed form rests on, so that the code of the forms
/// names no clause. Clause references are `clause` (in the form's rule set's document) or
/// `document#clause`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormsBasis {
    /// 新居民子女入学登记表.
    pub enrolment: EnrolmentBasis,
    /// 居住登记 / 居住证申领表.
    pub residence: ResidenceBasis,
    /// 《流动人口婚育证明》申请表.
    pub marriage: MarriageBasis,
    /// The request for the 无监护条件证明.
    pub guardianship: GuardianshipBasis,
}

/// What the enrolment form rests on.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentBasis {
    /// The rule set whose document is the form's basis.
    pub ruleset: String,
    /// The rule whose papers are the checklist and whose `where` is the note.
    pub checklist_rule: String,
    /// The rule whose papers are added when it is the household's outcome.
    pub priority_rule: String,
    /// The clause of the papers to hand in (named in the checklist's heading).
    pub checklist_clause: String,
    /// The clause of the parents' conditions (named in that section's heading).
    pub conditions_clause: String,
    /// The clause of the grounds for priority (named in that section's heading).
    pub priority_clause: String,
}

/// What the residence registration and permit form rests on.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResidenceBasis {
    /// The clauses that list the form's items (`document#clause`).
    pub field_clauses: Vec<String>,
    /// The papers to list when no rule set on the question date names any (`document#clause`).
    pub default_checklist_clause: String,
}

/// What the marriage and childbearing certificate form rests on.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarriageBasis {
    /// Every rule set that requires the certificate.
    pub rulesets: Vec<String>,
}

/// What the request for the no-guardianship certificate rests on.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardianshipBasis {
    /// The rule set whose document is the request's basis.
    pub ruleset: String,
    /// The clause that asks for the certificate.
    pub clause: String,
}

/// The services of the portal: three that decide a household's case, and the other entitlements
/// the documents name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// 随迁子女入学: a child's compulsory schooling.
    School,
    /// 社会保险: which insurance a worker is owed, and contribution thresholds.
    Insurance,
    /// 居住登记 / 居住证 / 婚育证明 / 新市民 / 积分.
    Permit,
    /// 其他服务与权益: what else the documents say a household is owed (child health and
    /// maternal care, birth services, help with unpaid wages, training, legal aid, public rental
    /// housing, public venues). Added after the other three: links made before it keep its place.
    Benefits,
}

impl Service {
    /// The services, in the order the portal lists them (new ones go at the end: share links
    /// name a service by its place here).
    pub const ALL: [Service; 4] = [
        Service::School,
        Service::Insurance,
        Service::Permit,
        Service::Benefits,
    ];

    /// The services there were before [`Service::Benefits`]: what "all" meant in a share link
    /// made then.
    pub const BEFORE_BENEFITS: [Service; 3] =
        [Service::School, Service::Insurance, Service::Permit];

    /// Stable id used in data folders, links and the command line (`school`, `permit` …).
    pub fn id(self) -> &'static str {
        match self {
            Service::School => "school",
            Service::Insurance => "insurance",
            Service::Permit => "permit",
            Service::Benefits => "benefits",
        }
    }

    /// The service with this id, or `None` for an unknown one (from a link or a data file).
    pub fn from_id(id: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// A province, city or district. Rules of a place apply to the places below it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Short Latin id used in data, links and the command line (`lucheng`).
    pub id: String,
    /// Its name (温州市鹿城区).
    pub name: Text,
    /// The place it lies in; rules of the parent apply here too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Whether a resident can choose it on the start page (districts and cities with local
    /// documents), as opposed to a province or the nation, which only carry rules.
    #[serde(default)]
    pub selectable: bool,
}

/// How a document stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// 有效 / 继续有效.
    InForce,
    /// 废止 / 失效: its rules are shown as historical.
    Repealed,
    /// Replaced by a later text of the same instrument (a revised regulation).
    Superseded,
    /// The source does not say; shown as such.
    Unknown,
}

/// A published document: a regulation, a government notice, an annex.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Short id used in rules, links and the file name (`lucheng-2013-164`).
    pub id: String,
    /// Its number as printed (温鹿政办〔2013〕164号), or the regulation's name where it has none.
    pub number: String,
    /// Its title as published, in Simplified Chinese: what the printed forms and the Chinese
    /// pages show, and what every other language shows beside its translation.
    pub title: String,
    /// The title in Traditional Chinese and English (required: validation names a document
    /// without it). See [`Document::title_in`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_title: Option<Translation>,
    /// The body that issued it, as published (温州市鹿城区人民政府办公室).
    pub issuer: String,
    /// Where it applies.
    pub place: String,
    /// The day it was issued, where the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    /// The day it took effect, where the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<Date>,
    /// The day it was repealed, where the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repealed: Option<Date>,
    /// How it stands today (in force, repealed, superseded, unknown), shown on its results.
    pub status: DocumentStatus,
    /// What the source says about the status or dates (e.g. "有效性: 废止; date not stated").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_note: Option<Text>,
    /// The file of its published text, relative to the sources folder (`seeds/…`, `sources/…`).
    pub source: String,
    /// The clauses that rules cite, each with its exact words.
    #[serde(default, rename = "clause")]
    pub clauses: Vec<Clause>,
}

/// One clause of a document, quoted.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Stable id within the document: `annex6.art2`, `art9`, `s3.8`.
    pub id: String,
    /// As a reader cites it, as published: 附件6 第二条.
    pub label: String,
    /// The label in Traditional Chinese and English (附件6 第二條, Annex 6, Article 2);
    /// required: validation names a clause without it. See [`Clause::label_in`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_label: Option<Translation>,
    /// The clause's exact words from the source, never translated.
    pub text: String,
}

impl Document {
    /// The title in `lang`: its translation, or the published title (in Simplified Chinese, and
    /// where a translation is missing).
    pub fn title_in(&self, lang: Lang) -> &str {
        self.translated_title
            .as_ref()
            .and_then(|t| t.get(lang))
            .unwrap_or(&self.title)
    }

    /// The published title, to set beside [`Document::title_in`] when that is a translation;
    /// none when `lang` shows the published title itself.
    pub fn original_title(&self, lang: Lang) -> Option<&str> {
        (self.title_in(lang) != self.title).then_some(self.title.as_str())
    }
}

impl Clause {
    /// The label in `lang`: its translation, or the published label (in Simplified Chinese, and
    /// where a translation is missing).
    pub fn label_in(&self, lang: Lang) -> &str {
        self.translated_label
            .as_ref()
            .and_then(|t| t.get(lang))
            .unwrap_or(&self.label)
    }

    /// The published label, to set beside [`Clause::label_in`] when that is a translation; none
    /// when `lang` shows the published label itself.
    pub fn original_label(&self, lang: Lang) -> Option<&str> {
        (self.label_in(lang) != self.label).then_some(self.label.as_str())
    }
}

/// A fact a household can tell, and how to ask for it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The fact's name in rules, answers and links (`child_birth_date`).
    pub id: String,
    /// What kind of answer it takes: yes/no, a day, a month, a duration, a count or a choice.
    pub kind: FactKind,
    /// Who or what the fact is about, to group questions (child, parent, work, insurance …).
    pub group: String,
    /// The question, as the heading of its page.
    pub question: Text,
    /// Why it is asked, in a sentence.
    pub hint: Text,
    /// The choices of a `choice` fact, in the order shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// For `duration` facts: whether it keeps growing while nothing changes (months of
    /// insurance paid do; the term of a signed contract does not). Used to project the date
    /// from which a person would qualify.
    #[serde(default, skip_serializing_if = "is_false")]
    pub accrues: bool,
    /// For `count` facts: the unit shown beside the number (人, 分).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What kind of answer a fact takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Yes or no.
    YesNo,
    /// A day (a birth date).
    Date,
    /// A month (when something began); stored as the first of the month.
    Month,
    /// A length of time in whole months, answered as years and months.
    Duration,
    /// A whole number.
    Count,
    /// One of the listed choices.
    Choice,
}

/// One of the answers offered by a `choice` fact (`parent_permit = "residence_permit"`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The choice's value in rules, answers and links (`residence_permit`).
    pub id: String,
    /// What the choice says on its question page.
    pub label: Text,
    /// An optional line under the label, saying when to pick it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
}

/// The rules of one document for one service at one place, over a span of dates.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    /// Stable id used in cases, links and the rules explorer (`lucheng-school-2013`).
    pub id: String,
    /// The service it answers for; must match its folder (`school`, `insurance`, `permit`).
    pub service: Service,
    /// The place whose residents it applies to, and the places below it (a place id).
    pub place: String,
    /// Id of the document the rules come from (`lucheng-2013-164`).
    pub document: String,
    /// First day the rules apply; none where the source's dates are not known (then
    /// `from_note` must say so, and the rules are shown for any date, flagged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// How `from` was read from the source, or why it is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_note: Option<Text>,
    /// First day they no longer apply (exclusive); none while they have no end on record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// Why the rules end on `to` (e.g. the regulation that abolished the permit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_note: Option<Text>,
    /// For rules whose document was repealed on a day no source gives (and so have no `to`):
    /// the last day they are known to have stood. After it their decisions are never shown as
    /// settled, but as the rules of a repealed document that may no longer apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_known_in_force: Option<Date>,
    /// Where `last_known_in_force` comes from, and what to do after it (whom to ask).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_known_note: Option<Text>,
    /// Rule sets on file that replace these rules (by id), named beside their results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<String>,
    /// The rule set's name, as shown in results and the rules explorer.
    pub title: Text,
    /// What the source leaves open, shown beside the results of this rule set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Text>,
    /// Named conditions that rules use with `{ ref = "name" }` (or, from another rule set,
    /// `{ ref = "ruleset-id#name" }`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, Condition>,
    /// The questions the rules answer, each with its rules in order (`[[decision]]`).
    #[serde(rename = "decision")]
    pub decisions: Vec<Decision>,
    /// The dates by which a household must act under these rules (`[[deadline]]`).
    #[serde(default, rename = "deadline", skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
}

/// A duty with a time limit: by when a household (or its employer) must act, counted from a
/// date the household tells (arriving, starting a job, a permit's issue), with the clause that
/// sets the limit and what happens if it is missed.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// Id unique within the rule set (`registration-after-arrival`).
    pub id: String,
    /// What must be done, in a few words, as the line of the deadline leads with it.
    pub title: Text,
    /// The date or month fact the period counts from (`arrival_date`, `job_start_date`).
    pub counts_from: String,
    /// The time limit as the clause states it (`{ days = 30 }`); none where the clause sets a
    /// duty but no time limit (then `vague` says so and whom to ask).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The clause counts working days (工作日): the date shown counts calendar days, the
    /// earliest the limit can fall, and a date past it is not known to be missed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub working_days: bool,
    /// The duty comes back every `period` (a yearly endorsement): the date shown is the next
    /// one on or after the question date, the day before each full period.
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeats: bool,
    /// How long before the date the duty can be done (每满一年之日前一个月内).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Period>,
    /// Where the clause sets no time limit: that it does not, and whom to ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vague: Option<Text>,
    /// The clause that sets the duty and its limit.
    pub clause: String,
    /// The words of that clause the limit rests on, as published; checked to stand in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// What to do and where, in a sentence.
    pub what: Text,
    /// Which households it is for (besides `after`); always, without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The duty follows from a rule's outcome (`decision-id/rule-id` of this rule set): it
    /// applies when that rule decides, and may apply while it is still possible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// What happens if it is missed (a fine, a suspended permit), with its clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_missed: Option<Cited>,
    /// What to do now when the date has passed.
    pub if_passed: Text,
    /// Other clauses that set the same duty (another document's), shown beside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Cited>,
}

impl Ruleset {
    /// Every condition of the rule set: its named conditions and each rule's `when`, with all
    /// the conditions inside them.
    pub fn conditions_within(&self) -> Vec<&Condition> {
        fn walk<'c>(c: &'c Condition, out: &mut Vec<&'c Condition>) {
            out.push(c);
            for k in c.children() {
                walk(k, out);
            }
        }
        let mut out = Vec::new();
        for c in self.conditions.values() {
            walk(c, &mut out);
        }
        for d in &self.decisions {
            for r in &d.rules {
                if let Some(c) = &r.when {
                    walk(c, &mut out);
                }
            }
        }
        for d in &self.deadlines {
            if let Some(c) = &d.when {
                walk(c, &mut out);
            }
        }
        out
    }

    /// Every clause reference of the rule set: its rules', conditions', papers', places to go
    /// and next steps' (`clause`, or `document#clause`).
    pub fn clause_refs(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .conditions_within()
            .into_iter()
            .filter_map(|c| c.clause.as_deref())
            .collect();
        for d in &self.decisions {
            for r in &d.rules {
                out.push(&r.clause);
                let cited = r
                    .materials
                    .iter()
                    .chain(&r.next_steps)
                    .chain(&r.where_to_go);
                out.extend(cited.map(|c| c.clause.as_str()));
            }
        }
        for d in &self.deadlines {
            out.push(&d.clause);
            out.extend(d.if_missed.iter().chain(&d.also).map(|c| c.clause.as_str()));
        }
        out
    }

    /// Documents that `document#clause` references name, besides the rule set's own.
    pub fn cited_documents(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.clause_refs() {
            if let Some((doc, _)) = r.split_once('#')
                && !out.iter().any(|d| d == doc)
            {
                out.push(doc.to_string());
            }
        }
        out
    }

    /// Rule sets whose named conditions `{ ref = "other-ruleset#name" }` reaches.
    pub fn referenced_rulesets(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for c in self.conditions_within() {
            if let Test::Ref(name) = &c.test
                && let Some((other, _)) = name.split_once('#')
                && !out.contains(&other)
            {
                out.push(other);
            }
        }
        out
    }
}

/// One question the rules answer ("may the child attend a public school free of charge?"),
/// as an ordered list of rules: the first whose condition holds gives the outcome.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Id within the rule set, used in cases as `ruleset-id/decision-id` (`enrolment`).
    pub id: String,
    /// The question it answers, as shown at the head of its result.
    pub title: Text,
    /// What it decides, shared by the decisions of other rule sets that answer the same
    /// question (`residence-registration`): where two that are in force on a date disagree
    /// for a household, both results say so, citing both clauses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Its rules in the order they are tried; the last has no `when` (`[[decision.rule]]`).
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

/// One rule of a decision: when it holds, its outcome and clause, and what to do next.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Id unique within the decision, used in cases and in the explorer's links (`too-young`).
    pub id: String,
    /// The outcome it gives when its `when` holds (eligible, not eligible, a permit …).
    pub outcome: Outcome,
    /// The clause the outcome rests on.
    pub clause: String,
    /// The words of that clause the outcome rests on, as published (parts may be joined by
    /// `…`); a test checks that they stand in the clause, so that the citation cannot point
    /// at a clause that does not say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The outcome in one sentence, in each language.
    pub summary: Text,
    /// The answer in a few words, as it leads the results (the summary follows it); at most
    /// [`ANSWER_MAX_CHARS`] characters in Chinese and [`ANSWER_MAX_CHARS_EN`] in English, so that
    /// the answer and what decides it fit on the first phone screen. Required: a missing one is
    /// read as empty so that validation can say which rule lacks it.
    #[serde(default)]
    pub answer: Text,
    /// When the rule applies; a rule without one always applies (the last rule of a decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The papers to bring, each with the clause that asks for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Cited>,
    /// Where to go (the office or counter), with the clause that names it (`where` in the data).
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub where_to_go: Option<Cited>,
    /// What to do next, each step with its clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_steps: Vec<Cited>,
}

/// The longest a rule's answer may be in Chinese, in characters.
pub const ANSWER_MAX_CHARS: usize = 40;
/// The longest a rule's answer may be in English, in characters.
pub const ANSWER_MAX_CHARS_EN: usize = 110;

/// A text with the clause it comes from: a paper to bring, where to go, a next step.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited {
    /// The text shown to the resident, in three languages.
    pub text: Text,
    /// The clause it comes from (`clause`, or `document#clause` for another document).
    pub clause: String,
    /// The words of that clause it rests on, as published (parts may be joined by `…`);
    /// checked to stand in the clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Which households it is for: shown only when this holds or is not known (advice for
    /// people without a labour contract is not shown to one who has one). Always shown without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// What a rule concludes: its kind and, for a permit, which permit and for how long.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The kind of conclusion (`eligible`, `not_eligible`, `permit`, `ask_counter` …).
    pub kind: OutcomeKind,
    /// For `permit`: which permit (`temporary_residence_permit`, `residence_permit` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// For `permit`: how long it is valid, as the clause says (6个月, 1至3年).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<Text>,
}

/// What a decision concludes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Qualifies (e.g. free public-school place).
    Eligible,
    /// Qualifies with priority.
    Priority,
    /// In scope, but the conditions are not met.
    NotEligible,
    /// The rules do not cover this person (too young, local 户籍 …).
    OutOfScope,
    /// The child should study at the 户籍 place.
    StudyAtHukou,
    /// A permit of the given tier and validity.
    Permit,
    /// No permit under these rules.
    NoPermit,
    /// Something must be obtained or done (婚育证明 before leaving).
    Required,
    /// Not required.
    NotRequired,
    /// Covered by a scheme that the employer must enrol and pay for.
    Entitled,
    /// May join a scheme on one's own account.
    MayJoin,
    /// Not covered by the scheme.
    NotCovered,
    /// The source sets no threshold: the counter decides.
    AskCounter,
}

impl OutcomeKind {
    /// Whether this outcome is something a person wants, so that results can show what would
    /// bring it about when it was not reached.
    pub fn is_favourable(self) -> bool {
        matches!(
            self,
            OutcomeKind::Eligible
                | OutcomeKind::Priority
                | OutcomeKind::Permit
                | OutcomeKind::Entitled
                | OutcomeKind::MayJoin
        )
    }
}

impl OutcomeKind {
    /// The outcome's name in policy data and cases (`out_of_scope`).
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

/// A condition over a household's facts. Leaves cite a clause; groups combine leaves.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// What it tests: a group, a named condition, one fact, a points total or a vague clause.
    pub test: Test,
    /// What the condition says, in plain words (shown in results). Required on leaves.
    pub label: Option<Text>,
    /// The clause it comes from. Required on leaves.
    pub clause: Option<String>,
    /// The words of that clause the condition rests on, as published (parts may be joined by
    /// `…`); checked to stand in the clause.
    pub quote: Option<String>,
    /// If set, a condition that holds is shown as ambiguous with this note: the sources differ
    /// on whether it suffices (附件6 第二条 against 第三条).
    pub disputed: Option<Text>,
}

/// The operator of a condition: how it combines others, or what single thing it tests.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// Every item holds.
    All(Vec<Condition>),
    /// At least one item holds.
    Any(Vec<Condition>),
    /// The item does not hold.
    Not(Box<Condition>),
    /// A list the source joins without saying whether all or any are needed (a list joined by
    /// 、). Holds if all hold, fails if none holds, ambiguous in between.
    Unclear(Vec<Condition>, Text),
    /// A named condition of the rule set.
    Ref(String),
    /// A yes/no fact has this value.
    Is {
        /// The yes/no fact tested.
        fact: String,
        /// The answer that makes the condition hold.
        value: bool,
    },
    /// A choice fact is one of these.
    OneOf {
        /// The choice fact tested.
        fact: String,
        /// The choice ids, any of which makes the condition hold.
        choices: Vec<String>,
    },
    /// A person born on the date fact is at least this many whole years old (周岁).
    AgeAtLeast {
        /// The birth date fact.
        fact: String,
        /// The least age in whole years (周岁) on the question date.
        years: u32,
    },
    /// … at most this many whole years old (stops holding on the next birthday).
    AgeAtMost {
        /// The birth date fact.
        fact: String,
        /// The greatest age in whole years; `15` stops holding on the 16th birthday.
        years: u32,
    },
    /// At least this long has passed since the date/month fact.
    SinceAtLeast {
        /// The date or month fact saying when something began (`residence_here_since`).
        fact: String,
        /// The least time that must have passed by the question date.
        period: Period,
    },
    /// A duration or count fact is at least this much.
    AtLeast {
        /// The duration or count fact tested (`insurance_months_here`).
        fact: String,
        /// The least amount: a period for a duration, a number for a count.
        amount: Amount,
    },
    /// A duration or count fact is at most this much.
    AtMost {
        /// The duration or count fact tested.
        fact: String,
        /// The greatest amount: a period for a duration, a number for a count.
        amount: Amount,
    },
    /// A points scheme gives at least this many points.
    PointsAtLeast {
        /// Id of the points scheme whose total is tested.
        scheme: String,
        /// The least total of points.
        points: i64,
    },
    /// The source names the condition but sets no threshold: always ambiguous, with this note.
    Vague(Text),
}

/// A quantity in a condition: a number for counts, a period for durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Amount {
    /// A number, compared with a count fact (or a points total).
    Number(i64),
    /// A period in years and months, compared with a duration fact.
    Period(Period),
}

/// The written form of a condition: a table with exactly one operator key. This is how
/// maintainers write it in TOML and how the portal's JSON carries it.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionForm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    any: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not: Option<Box<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unclear: Option<Vec<Condition>>,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    is: Option<bool>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    one_of: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    age_at_least: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    age_at_most: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since_at_least: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_least: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_most: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vague: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    disputed: Option<Text>,
}

impl ConditionForm {
    fn into_condition(self) -> Result<Condition, String> {
        let operators = [
            ("all", self.all.is_some()),
            ("any", self.any.is_some()),
            ("not", self.not.is_some()),
            ("unclear", self.unclear.is_some()),
            ("ref", self.reference.is_some()),
            ("is", self.is.is_some()),
            ("in", self.one_of.is_some()),
            ("age_at_least", self.age_at_least.is_some()),
            ("age_at_most", self.age_at_most.is_some()),
            ("since_at_least", self.since_at_least.is_some()),
            ("points", self.points.is_some()),
            ("vague", self.vague.is_some()),
        ];
        let mut named: Vec<&str> = operators
            .iter()
            .filter(|(_, set)| *set)
            .map(|(k, _)| *k)
            .collect();
        // `at_least` is an operator of its own on a fact, or the threshold of `points`.
        if self.points.is_none() {
            if self.at_least.is_some() {
                named.push("at_least");
            }
            if self.at_most.is_some() {
                named.push("at_most");
            }
        }
        if named.len() != 1 {
            return Err(format!(
                "a condition needs exactly one of all, any, not, unclear, ref, is, in, age_at_least, age_at_most, since_at_least, at_least, at_most, points, vague; found {}",
                if named.is_empty() {
                    "none".to_string()
                } else {
                    named.join(", ")
                }
            ));
        }
        let needs_fact = |op: &str| match &self.fact {
            Some(f) => Ok(f.clone()),
            None => Err(format!("'{op}' needs 'fact = \"…\"'")),
        };
        let op = named[0];
        if self.fact.is_some()
            && matches!(
                op,
                "all" | "any" | "not" | "unclear" | "ref" | "points" | "vague"
            )
        {
            return Err(format!("'fact' does not go with '{op}'"));
        }
        if self.note.is_some() && op != "unclear" {
            return Err("'note' goes only with 'unclear'".into());
        }
        let test = match op {
            "all" => Test::All(self.all.unwrap_or_default()),
            "any" => Test::Any(self.any.unwrap_or_default()),
            "not" => Test::Not(self.not.ok_or("'not' needs a condition")?),
            "unclear" => Test::Unclear(
                self.unclear.unwrap_or_default(),
                self.note
                    .ok_or("'unclear' needs a 'note' saying what the source leaves open")?,
            ),
            "ref" => Test::Ref(self.reference.unwrap_or_default()),
            "is" => Test::Is {
                fact: needs_fact(op)?,
                value: self.is.unwrap_or_default(),
            },
            "in" => Test::OneOf {
                fact: needs_fact(op)?,
                choices: self.one_of.unwrap_or_default(),
            },
            "age_at_least" => Test::AgeAtLeast {
                fact: needs_fact(op)?,
                years: self.age_at_least.unwrap_or_default(),
            },
            "age_at_most" => Test::AgeAtMost {
                fact: needs_fact(op)?,
                years: self.age_at_most.unwrap_or_default(),
            },
            "since_at_least" => Test::SinceAtLeast {
                fact: needs_fact(op)?,
                period: self.since_at_least.unwrap_or_default(),
            },
            "at_least" => Test::AtLeast {
                fact: needs_fact(op)?,
                amount: self.at_least.ok_or("missing at_least")?,
            },
            "at_most" => Test::AtMost {
                fact: needs_fact(op)?,
                amount: self.at_most.ok_or("missing at_most")?,
            },
            "points" => match (self.at_least, self.at_most) {
                (Some(Amount::Number(points)), None) => Test::PointsAtLeast {
                    scheme: self.points.unwrap_or_default(),
                    points,
                },
                _ => return Err("'points' needs 'at_least = <number of points>'".into()),
            },
            _ => Test::Vague(self.vague.unwrap_or_default()),
        };
        if self.quote.is_some() && self.clause.is_none() {
            return Err("'quote' needs the 'clause' whose words it quotes".into());
        }
        Ok(Condition {
            test,
            label: self.label,
            clause: self.clause,
            quote: self.quote,
            disputed: self.disputed,
        })
    }

    fn from_condition(c: &Condition) -> ConditionForm {
        let mut form = ConditionForm {
            label: c.label.clone(),
            clause: c.clause.clone(),
            quote: c.quote.clone(),
            disputed: c.disputed.clone(),
            ..ConditionForm::default()
        };
        match &c.test {
            Test::All(items) => form.all = Some(items.clone()),
            Test::Any(items) => form.any = Some(items.clone()),
            Test::Not(item) => form.not = Some(item.clone()),
            Test::Unclear(items, note) => {
                form.unclear = Some(items.clone());
                form.note = Some(note.clone());
            }
            Test::Ref(name) => form.reference = Some(name.clone()),
            Test::Is { fact, value } => {
                form.fact = Some(fact.clone());
                form.is = Some(*value);
            }
            Test::OneOf { fact, choices } => {
                form.fact = Some(fact.clone());
                form.one_of = Some(choices.clone());
            }
            Test::AgeAtLeast { fact, years } => {
                form.fact = Some(fact.clone());
                form.age_at_least = Some(*years);
            }
            Test::AgeAtMost { fact, years } => {
                form.fact = Some(fact.clone());
                form.age_at_most = Some(*years);
            }
            Test::SinceAtLeast { fact, period } => {
                form.fact = Some(fact.clone());
                form.since_at_least = Some(*period);
            }
            Test::AtLeast { fact, amount } => {
                form.fact = Some(fact.clone());
                form.at_least = Some(*amount);
            }
            Test::AtMost { fact, amount } => {
                form.fact = Some(fact.clone());
                form.at_most = Some(*amount);
            }
            Test::PointsAtLeast { scheme, points } => {
                form.points = Some(scheme.clone());
                form.at_least = Some(Amount::Number(*points));
            }
            Test::Vague(note) => form.vague = Some(note.clone()),
        }
        form
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Condition, D::Error> {
        ConditionForm::deserialize(d)?
            .into_condition()
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ConditionForm::from_condition(self).serialize(s)
    }
}

impl Condition {
    /// Whether this is a leaf (a test of facts, points or a vague clause).
    pub fn is_leaf(&self) -> bool {
        !matches!(
            self.test,
            Test::All(_) | Test::Any(_) | Test::Not(_) | Test::Unclear(..) | Test::Ref(_)
        )
    }

    /// The fact a leaf reads, if any.
    pub fn fact(&self) -> Option<&str> {
        match &self.test {
            Test::Is { fact, .. }
            | Test::OneOf { fact, .. }
            | Test::AgeAtLeast { fact, .. }
            | Test::AgeAtMost { fact, .. }
            | Test::SinceAtLeast { fact, .. }
            | Test::AtLeast { fact, .. }
            | Test::AtMost { fact, .. } => Some(fact),
            _ => None,
        }
    }

    /// The conditions directly inside a group.
    pub fn children(&self) -> &[Condition] {
        match &self.test {
            Test::All(items) | Test::Any(items) | Test::Unclear(items, _) => items,
            Test::Not(item) => std::slice::from_ref(item),
            _ => &[],
        }
    }
}

/// A points scheme (积分制): factors give points, the total gives a tier. The seeds name such
/// schemes but publish no point values, so the portal ships none; tests use a fixture.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsScheme {
    /// Stable id, used by conditions as `points = "id"`.
    pub id: String,
    /// The place where the scheme applies (a place id).
    pub place: String,
    /// Id of the document that sets the scheme.
    pub document: String,
    /// First day the scheme applies.
    pub from: Date,
    /// First day it no longer applies (exclusive); none while it has no end on record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// The scheme's name, as shown in the rules explorer.
    pub title: Text,
    /// The facts that give points (`[[factor]]`).
    #[serde(rename = "factor")]
    pub factors: Vec<PointsFactor>,
    /// The bands of total points and what each gives, lowest first (`[[tier]]`).
    #[serde(default, rename = "tier")]
    pub tiers: Vec<PointsTier>,
}

/// Points for one fact: `points` for each unit of a count or duration (per whole year for a
/// duration, unless `per_months` says otherwise), or for a yes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsFactor {
    /// The fact that gives points.
    pub fact: String,
    /// Points per unit: per yes, per count, or per `per_months` months of a duration.
    pub points: i64,
    /// For durations: months per unit of points (12 = points per whole year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_months: Option<u32>,
    /// The most this factor can give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The clause that sets these points.
    pub clause: String,
    /// What the factor counts, in plain words.
    pub label: Text,
}

/// A band of total points and what it gives access to.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsTier {
    /// The least total of points that reaches this band.
    pub min: i64,
    /// What this band gives access to, in plain words.
    pub label: Text,
}
