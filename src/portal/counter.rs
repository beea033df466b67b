//! Counter mode as plain code: the catalogue's facts grouped as on the office's paper, the
//! one-box dates staff type (`2007-03-15`, `20070315`, `2007/03/15`), a whole form of typed
//! values read into [`Answers`] with every problem named by its field, which facts the rules
//! need for a place and date, and the materials checklist to print. The page
//! (`src/ui/pages/counter.rs`) only wires these to signals.

use crate::engine::answers::{Answers, FactValue};
use crate::engine::date::Date;
use crate::engine::eval::{Evaluation, Status};
use crate::engine::model::{Fact, FactKind, PolicyData, Service};
use crate::engine::report::cite;
use crate::engine::text::Text;
use crate::portal::input::{self, InputError};
use std::collections::BTreeSet;

/// The value of the "not known" choice (a yes/no fact's third radio, a choice fact's last).
pub const UNSURE: &str = "__unsure";
/// The value of a yes/no fact's "yes" radio.
pub const YES: &str = "yes";
/// The value of a yes/no fact's "no" radio.
pub const NO: &str = "no";

/// The order of the groups on the office's paper; groups the data adds later follow, in the
/// order the catalogue first uses them.
pub const PAPER_ORDER: [&str; 7] = [
    "child",
    "household",
    "permit",
    "work",
    "insurance",
    "family_planning",
    "move",
];

/// Every fact of the catalogue, grouped by [`Fact::group`] in [`PAPER_ORDER`]; within a group,
/// in the catalogue's order. No fact is left out.
pub fn paper_groups(data: &PolicyData) -> Vec<(&str, Vec<&Fact>)> {
    let mut groups: Vec<&str> = PAPER_ORDER
        .iter()
        .copied()
        .filter(|g| data.facts.iter().any(|f| f.group == *g))
        .collect();
    for f in &data.facts {
        if !groups.contains(&f.group.as_str()) {
            groups.push(&f.group);
        }
    }
    groups
        .into_iter()
        .map(|g| (g, data.facts.iter().filter(|f| f.group == g).collect()))
        .collect()
}

/// What the boxes of one fact hold, as typed.
///
/// - yes/no and choice facts: `choice` (`yes`, `no`, a choice id, [`UNSURE`], or empty);
/// - dates, months and counts: `text`;
/// - durations: `text` the years, `months` the months.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    /// The radio chosen: `yes`, `no`, a choice id, [`UNSURE`], or empty.
    pub choice: String,
    /// The one box of a date, month or count, or the years box of a duration.
    pub text: String,
    /// The months box of a duration.
    pub months: String,
}

/// The boxes for a fact as saved answers fill them (empty when not answered).
pub fn typed(fact: &Fact, answers: &Answers) -> Typed {
    let mut t = Typed::default();
    if answers.unsure.contains(&fact.id) {
        if matches!(fact.kind, FactKind::YesNo | FactKind::Choice) {
            t.choice = UNSURE.into();
        }
        return t;
    }
    match (fact.kind, answers.facts.get(&fact.id)) {
        (FactKind::YesNo, Some(FactValue::Bool(b))) => {
            t.choice = (if *b { YES } else { NO }).into()
        }
        (FactKind::Choice, Some(FactValue::Text(c))) => t.choice = c.clone(),
        (FactKind::Date, Some(FactValue::Text(d))) => t.text = d.clone(),
        (FactKind::Month, Some(FactValue::Text(d))) => {
            // Saved months are `YYYY-MM`; older saves may hold the first of the month.
            t.text = match Date::parse(d) {
                Ok(d) => format!("{:04}-{:02}", d.year(), d.month()),
                Err(_) => d.chars().take(7).collect(),
            }
        }
        (FactKind::Duration, Some(FactValue::Number(n))) => {
            t.text = (n / 12).to_string();
            t.months = (n % 12).to_string();
        }
        (FactKind::Count, Some(FactValue::Number(n))) => t.text = n.to_string(),
        _ => {}
    }
    t
}

/// Why a box cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A problem the shared parsers name (a bad month, a day the month lacks, a date too late).
    Input(InputError),
    /// Not a date in any of the forms accepted (`YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD`).
    DateForm,
    /// Not a month in any of the forms accepted (`YYYY-MM`, `YYYYMM`, `YYYY/MM`).
    MonthForm,
}

impl From<InputError> for Problem {
    fn from(e: InputError) -> Problem {
        Problem::Input(e)
    }
}

/// The digit runs of a one-box date, with full-width digits and separators accepted; `None`
/// when the box holds anything else than digits and date separators.
fn digit_runs(text: &str) -> Option<Vec<String>> {
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.trim().chars() {
        let c = input::fold_width(c);
        if c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        if !matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | '—') && !c.is_whitespace() {
            return None;
        }
        if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    Some(runs)
}

/// A day from one box: `2007-03-15`, `2007-3-15`, `20070315`, `2007/03/15`, `2007.3.15` or
/// `2007年3月15日`, not after `latest`. `Ok(None)` when the box is empty.
pub fn parse_day(text: &str, latest: Date) -> Result<Option<Date>, Problem> {
    let runs = digit_runs(text).ok_or(Problem::DateForm)?;
    let (y, m, d) = match runs.as_slice() {
        [] if text.trim().is_empty() => return Ok(None),
        [one] if one.len() == 8 => (&one[..4], &one[4..6], &one[6..]),
        [y, m, d] => (y.as_str(), m.as_str(), d.as_str()),
        _ => return Err(Problem::DateForm),
    };
    input::day(y, m, d, latest).map(Some).map_err(Problem::from)
}

/// A month from one box: `2012-03`, `2012-3`, `201203`, `2012/03` or `2012年3月`, not after
/// `latest`'s month. `Ok(None)` when the box is empty.
pub fn parse_month(text: &str, latest: Date) -> Result<Option<Date>, Problem> {
    let runs = digit_runs(text).ok_or(Problem::MonthForm)?;
    let (y, m) = match runs.as_slice() {
        [] if text.trim().is_empty() => return Ok(None),
        [one] if one.len() == 6 => (&one[..4], &one[4..]),
        [y, m] => (y.as_str(), m.as_str()),
        _ => return Err(Problem::MonthForm),
    };
    input::month(y, m, latest).map(Some).map_err(Problem::from)
}

/// One fact's boxes, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Nothing entered: the fact stays unanswered.
    Blank,
    /// "Not known" was chosen.
    Unsure,
    /// An answer.
    Value(FactValue),
}

/// Reads one fact's boxes; dates and months may not be after `latest`.
pub fn read(fact: &Fact, t: &Typed, latest: Date) -> Result<Reading, Problem> {
    if t.choice == UNSURE {
        return Ok(Reading::Unsure);
    }
    let value = match fact.kind {
        FactKind::YesNo => match t.choice.as_str() {
            "" => None,
            YES => Some(FactValue::Bool(true)),
            NO => Some(FactValue::Bool(false)),
            _ => return Err(InputError::Choose.into()),
        },
        FactKind::Choice => match t.choice.as_str() {
            "" => None,
            c if fact.choices.iter().any(|ch| ch.id == c) => Some(FactValue::Text(c.into())),
            _ => return Err(InputError::Choose.into()),
        },
        FactKind::Date => parse_day(&t.text, latest)?.map(|d| FactValue::Text(d.to_string())),
        FactKind::Month => parse_month(&t.text, latest)?
            .map(|d| FactValue::Text(format!("{:04}-{:02}", d.year(), d.month()))),
        FactKind::Duration => {
            if t.text.trim().is_empty() && t.months.trim().is_empty() {
                None
            } else {
                Some(FactValue::Number(input::duration(&t.text, &t.months)?))
            }
        }
        FactKind::Count => match input::number(&t.text)? {
            None => None,
            Some(_) => Some(FactValue::Number(input::count(&t.text)?)),
        },
    };
    Ok(value.map_or(Reading::Blank, Reading::Value))
}

/// Which box a problem belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The place chooser.
    Place,
    /// The question date box.
    Date,
    /// The boxes of this fact (by fact id).
    Fact(String),
}

/// A problem in one box of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// The box it belongs to.
    pub field: Field,
    /// What is wrong with what was typed there.
    pub problem: Problem,
}

/// Reads the whole counter form into fresh answers for every service: the place (a
/// selectable place id), the question date (empty or today's date mean "today"), and every
/// fact's boxes. Either every box reads, or each problem is returned with its field, in the
/// form's order; nothing is half saved.
pub fn answers_from(
    data: &PolicyData,
    place: &str,
    date: &str,
    facts: &[(&Fact, Typed)],
    today: Date,
) -> Result<Answers, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut answers = Answers::new();
    if data.places.iter().any(|p| p.selectable && p.id == place) {
        answers.place = Some(place.to_string());
    } else {
        problems.push(FieldProblem {
            field: Field::Place,
            problem: InputError::Choose.into(),
        });
    }
    match parse_day(date, input::latest_question_date(today)) {
        Ok(d) => answers.date = d.filter(|d| *d != today),
        Err(problem) => problems.push(FieldProblem {
            field: Field::Date,
            problem,
        }),
    }
    // No date of the household may come after the day asked about (a child born later).
    let latest = answers.date.map_or(today, |d| d.min(today));
    for (fact, t) in facts {
        let read = match read(fact, t, latest) {
            Err(Problem::Input(InputError::Future)) if latest < today => {
                Err(Problem::Input(InputError::AfterQuestionDate))
            }
            other => other,
        };
        match read {
            Ok(Reading::Blank) => {}
            Ok(Reading::Unsure) => {
                answers.unsure.insert(fact.id.clone());
            }
            Ok(Reading::Value(v)) => {
                answers.facts.insert(fact.id.clone(), v);
            }
            Err(problem) => problems.push(FieldProblem {
                field: Field::Fact(fact.id.clone()),
                problem,
            }),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

/// The facts the applicable rules test for every service at `place` on `date` (today when
/// none): the ones staff must ask. `None` when the place is not known, so that nothing is
/// marked as not needed.
pub fn needed_facts(
    data: &PolicyData,
    place: &str,
    date: Option<Date>,
    today: Date,
) -> Option<BTreeSet<String>> {
    let mut a = Answers::new();
    a.place = Some(place.to_string());
    a.date = date;
    let eval = data.evaluate(&a, today).ok()?;
    Some(
        crate::portal::journey::relevant_facts(&eval)
            .into_iter()
            .map(str::to_string)
            .collect(),
    )
}

/// A text with the clause it rests on, cited as a reader cites it
/// (`温鹿政办〔2013〕164号 附件6 第三条`).
#[derive(Clone, Debug, PartialEq)]
pub struct CitedText {
    /// The text, in three languages.
    pub text: Text,
    /// The clause it rests on, as a reader cites it (`温鹿政办〔2013〕164号 附件6 第三条`).
    pub cite: String,
}

/// A citation as printed after a line: 〔温鹿政办〔2013〕164号 附件6 第三条〕 (the brackets the
/// documents themselves use, so that a cite reads the same in every language).
pub fn bracketed(cite: &str) -> String {
    format!("〔{cite}〕")
}

/// What to bring and where to go for one favourable, decided determination.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistItem {
    /// The service the determination belongs to.
    pub service: Service,
    /// The decision's title (孩子能否在鹿城区公办学校就读).
    pub title: Text,
    /// The outcome in a sentence.
    pub outcome: Text,
    /// Cite of the clause the outcome rests on.
    pub cite: String,
    /// The papers to bring, each with its clause.
    pub materials: Vec<CitedText>,
    /// Where to go, with its clause, when the rule names a place.
    pub where_to_go: Option<CitedText>,
}

/// The materials checklist: for every decided determination with a favourable outcome that
/// lists materials or a place to go, in the order of the results.
pub fn checklist(eval: &Evaluation) -> Vec<ChecklistItem> {
    let mut out = Vec::new();
    for s in &eval.services {
        for r in &s.applicable {
            for d in &r.determinations {
                if d.status != Status::Decided {
                    continue;
                }
                let Some(rule) = d.shown_rule() else { continue };
                if !rule.outcome.kind.is_favourable()
                    || (rule.materials.is_empty() && rule.where_to_go.is_none())
                {
                    continue;
                }
                let cited = |c: &crate::engine::model::Cited| CitedText {
                    text: c.text.clone(),
                    cite: cite(eval.data, d.ruleset, &c.clause),
                };
                out.push(ChecklistItem {
                    service: s.service,
                    title: d.decision.title.clone(),
                    outcome: rule.summary.clone(),
                    cite: cite(eval.data, d.ruleset, &rule.clause),
                    materials: rule.materials.iter().map(cited).collect(),
                    where_to_go: rule.where_to_go.as_ref().map(cited),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    const TODAY: &str = "2026-11-22";

    #[test]
    fn one_box_dates_in_every_form_staff_type() {
        let today = d(TODAY);
        for text in [
            "2007-03-15",
            "2007-3-15",
            "20070315",
            "2007/03/15",
            "2007.3.15",
            " 2007 - 03 - 15 ",
            "2007年3月15日",
            "２００７－０３－１５",
        ] {
            assert_eq!(parse_day(text, today), Ok(Some(d("2007-03-15"))), "{text}");
        }
        assert_eq!(parse_day("", today), Ok(None));
        assert_eq!(parse_day("   ", today), Ok(None));
        assert_eq!(parse_day("2007-02-30", today), Err(InputError::Day.into()));
        assert_eq!(
            parse_day("2007-13-01", today),
            Err(InputError::Month.into())
        );
        assert_eq!(parse_day("07-03-15", today), Err(InputError::Year.into()));
        assert_eq!(
            parse_day("2030-01-01", today),
            Err(InputError::Future.into())
        );
        assert_eq!(parse_day("2007-03", today), Err(Problem::DateForm));
        assert_eq!(parse_day("2007031", today), Err(Problem::DateForm));
        assert_eq!(parse_day("15 March 2007", today), Err(Problem::DateForm));
        assert_eq!(parse_day("2007-03-15-1", today), Err(Problem::DateForm));
    }

    #[test]
    fn one_box_months() {
        let today = d(TODAY);
        for text in [
            "2012-03",
            "2012-3",
            "201203",
            "2012/03",
            "2012年3月",
            "2012.3",
        ] {
            assert_eq!(
                parse_month(text, today),
                Ok(Some(d("2012-03-01"))),
                "{text}"
            );
        }
        assert_eq!(parse_month("", today), Ok(None));
        assert_eq!(parse_month("2012-13", today), Err(InputError::Month.into()));
        assert_eq!(
            parse_month("2027-01", today),
            Err(InputError::Future.into())
        );
        assert_eq!(parse_month("2012-03-01", today), Err(Problem::MonthForm));
        assert_eq!(parse_month("March", today), Err(Problem::MonthForm));
    }

    #[test]
    fn every_fact_is_in_exactly_one_group_in_paper_order() {
        let data = data();
        let groups = paper_groups(&data);
        let listed: Vec<&str> = groups
            .iter()
            .flat_map(|(_, fs)| fs.iter().map(|f| f.id.as_str()))
            .collect();
        assert_eq!(listed.len(), data.facts.len());
        let unique: BTreeSet<&str> = listed.iter().copied().collect();
        assert_eq!(unique.len(), data.facts.len());
        assert_eq!(groups[0].0, "child");
        assert!(
            groups
                .iter()
                .all(|(g, fs)| fs.iter().all(|f| f.group == *g))
        );
        // Within a group, the catalogue's order.
        let order = |id: &str| data.facts.iter().position(|f| f.id == id).unwrap();
        for (_, fs) in &groups {
            assert!(fs.windows(2).all(|w| order(&w[0].id) < order(&w[1].id)));
        }
    }

    #[test]
    fn a_group_the_paper_does_not_know_comes_last() {
        let mut data = data();
        let mut extra = data.facts[0].clone();
        extra.id = "pet_count".into();
        extra.group = "pets".into();
        data.facts.insert(0, extra);
        let groups = paper_groups(&data);
        assert_eq!(groups.last().map(|g| g.0), Some("pets"));
    }

    fn form<'a>(data: &'a PolicyData, values: &[(&str, Typed)]) -> Vec<(&'a Fact, Typed)> {
        data.facts
            .iter()
            .map(|f| {
                let t = values
                    .iter()
                    .find(|(id, _)| *id == f.id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                (f, t)
            })
            .collect()
    }

    fn choice(c: &str) -> Typed {
        Typed {
            choice: c.into(),
            ..Typed::default()
        }
    }

    fn text(t: &str) -> Typed {
        Typed {
            text: t.into(),
            ..Typed::default()
        }
    }

    fn years_months(y: &str, m: &str) -> Typed {
        Typed {
            choice: String::new(),
            text: y.into(),
            months: m.into(),
        }
    }

    #[test]
    fn a_whole_form_reads_into_answers_for_every_service() {
        let data = data();
        let today = d(TODAY);
        let facts = form(
            &data,
            &[
                ("child_birth_date", text("20070315")),
                ("child_hukou_here", choice(NO)),
                ("child_able_to_learn", choice(UNSURE)),
                ("parent_permit", choice("residence_permit")),
                ("residence_here_since", text("2012/3")),
                ("labour_contract_term", years_months("2", "")),
                ("insurance_months_here", years_months("1", "2")),
                ("planned_stay_days", text("365")),
            ],
        );
        let a = answers_from(&data, "lucheng", "2014-06-01", &facts, today).unwrap();
        assert_eq!(a.place.as_deref(), Some("lucheng"));
        assert_eq!(a.date, Some(d("2014-06-01")));
        assert!(a.services.is_empty(), "all services");
        assert_eq!(
            a.facts.get("child_birth_date"),
            Some(&FactValue::Text("2007-03-15".into()))
        );
        assert_eq!(
            a.facts.get("residence_here_since"),
            Some(&FactValue::Text("2012-03".into()))
        );
        assert_eq!(
            a.facts.get("child_hukou_here"),
            Some(&FactValue::Bool(false))
        );
        assert_eq!(
            a.facts.get("labour_contract_term"),
            Some(&FactValue::Number(24))
        );
        assert_eq!(
            a.facts.get("insurance_months_here"),
            Some(&FactValue::Number(14))
        );
        assert_eq!(
            a.facts.get("planned_stay_days"),
            Some(&FactValue::Number(365))
        );
        assert!(a.unsure.contains("child_able_to_learn"));
        assert_eq!(a.facts.len(), 7);
        assert!(a.problems(&data).is_empty());
        // What the form wrote, it shows again.
        for (f, t) in &facts {
            let again = typed(f, &a);
            let back = read(f, &again, today).unwrap();
            let first = read(f, t, today).unwrap();
            assert_eq!(back, first, "{}", f.id);
        }
    }

    #[test]
    fn today_or_an_empty_date_means_today() {
        let data = data();
        let today = d(TODAY);
        let facts = form(&data, &[]);
        for date in ["", TODAY, "20261122"] {
            let a = answers_from(&data, "haishu", date, &facts, today).unwrap();
            assert_eq!(a.date, None, "{date}");
        }
    }

    #[test]
    fn every_problem_is_named_by_its_field_and_nothing_is_saved() {
        let data = data();
        let today = d(TODAY);
        let facts = form(
            &data,
            &[
                ("child_birth_date", text("2007-02-30")),
                ("residence_here_since", text("2012-03-01")),
                ("labour_contract_term", years_months("2", "x")),
                ("planned_stay_days", text("3.5")),
                ("parent_permit", choice("passport")),
                ("fixed_residence", choice(YES)),
            ],
        );
        let err = answers_from(&data, "", "2014-6", &facts, today).unwrap_err();
        let fields: Vec<Field> = err.iter().map(|p| p.field.clone()).collect();
        assert_eq!(fields[0], Field::Place);
        assert_eq!(
            err[1],
            FieldProblem {
                field: Field::Date,
                problem: Problem::DateForm
            }
        );
        let of = |id: &str| {
            err.iter()
                .find(|p| p.field == Field::Fact(id.into()))
                .map(|p| p.problem)
        };
        assert_eq!(of("child_birth_date"), Some(InputError::Day.into()));
        assert_eq!(of("residence_here_since"), Some(Problem::MonthForm));
        assert_eq!(
            of("labour_contract_term"),
            Some(InputError::NotANumber.into())
        );
        assert_eq!(of("planned_stay_days"), Some(InputError::NotANumber.into()));
        assert_eq!(of("parent_permit"), Some(InputError::Choose.into()));
        assert_eq!(of("fixed_residence"), None);
        assert_eq!(err.len(), 7);
        // Facts after the question date are fine; after today they are not.
        let later = form(&data, &[("child_birth_date", text("2030-01-01"))]);
        let err = answers_from(&data, "lucheng", "", &later, today).unwrap_err();
        assert_eq!(err[0].problem, InputError::Future.into());
        assert!(answers_from(&data, "lucheng", "2031-11-22", &form(&data, &[]), today).is_ok());
        let err =
            answers_from(&data, "lucheng", "2031-11-23", &form(&data, &[]), today).unwrap_err();
        assert_eq!(err[0].field, Field::Date);
    }

    #[test]
    fn saved_answers_fill_the_boxes() {
        let data = data();
        let mut a = Answers::new();
        a.facts
            .insert("labour_contract_term".into(), FactValue::Number(30));
        a.facts.insert(
            "residence_here_since".into(),
            FactValue::Text("2012-03".into()),
        );
        a.unsure.insert("child_hukou_here".into());
        a.unsure.insert("child_birth_date".into());
        let fact = |id: &str| data.fact(id).unwrap();
        assert_eq!(
            typed(fact("labour_contract_term"), &a),
            years_months("2", "6")
        );
        assert_eq!(typed(fact("residence_here_since"), &a), text("2012-03"));
        assert_eq!(typed(fact("child_hukou_here"), &a), choice(UNSURE));
        assert_eq!(typed(fact("child_birth_date"), &a), Typed::default());
        assert_eq!(typed(fact("fixed_residence"), &a), Typed::default());
    }

    #[test]
    fn needed_facts_follow_the_place_and_date() {
        let data = data();
        let today = d(TODAY);
        let lucheng = needed_facts(&data, "lucheng", Some(d("2014-06-01")), today).unwrap();
        assert!(lucheng.contains("child_birth_date"));
        assert!(lucheng.contains("parent_permit"));
        assert!(
            lucheng.len() < data.facts.len(),
            "some facts are not needed"
        );
        assert!(needed_facts(&data, "", None, today).is_none());
        assert_eq!(bracketed("附件6 第三条"), "〔附件6 第三条〕");
        assert!(needed_facts(&data, "atlantis", None, today).is_none());
    }

    #[test]
    fn the_checklist_lists_materials_of_favourable_decided_outcomes_with_their_clauses() {
        let data = data();
        // The Lucheng household of the browser tests, with a year of insurance paid here.
        let a: Answers = serde_json::from_str(
            r#"{"v": 1, "place": "lucheng", "date": "2014-06-01", "facts": {
                "child_birth_date": "2007-03-15", "child_hukou_here": false,
                "child_in_compulsory_stage": true, "child_lives_with_guardian": true,
                "child_able_to_learn": true, "guardianship_at_hukou": false,
                "parent_permit": "residence_permit", "residence_here_since": "2012-03",
                "fixed_residence": true, "work_kind": "employee", "labour_contract_term": 24,
                "insurance_months_here": 14, "pension_months_total": 40,
                "marriage_certificate_checked": true, "priority_by_higher_document": false}}"#,
        )
        .unwrap();
        let eval = data.evaluate(&a, d(TODAY)).unwrap();
        let items = checklist(&eval);
        assert!(!items.is_empty());
        let school = items
            .iter()
            .find(|i| i.service == Service::School)
            .expect("a school item");
        assert!(
            school
                .materials
                .iter()
                .any(|m| m.cite == "温鹿政办〔2013〕164号 附件6 第三条"),
            "{:?}",
            school.materials
        );
        for item in &items {
            assert!(!item.cite.is_empty());
            assert!(item.materials.iter().all(|m| !m.cite.is_empty()));
        }
        // Nothing decided, nothing to bring.
        let mut empty = Answers::new();
        empty.place = Some("lucheng".into());
        empty.date = a.date;
        let eval = data.evaluate(&empty, d(TODAY)).unwrap();
        assert!(
            checklist(&eval)
                .iter()
                .all(|i| i.service != Service::School)
        );
    }
}
