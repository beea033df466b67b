//! The maintainer guide (policy-data/README.md), shown working on a made-up place: the fixture in
//! `tests/fixtures/policy-data-fixture/` is a complete data folder with one place, two facts,
//! one document, one rule set with a points rule and an otherwise rule, a points scheme and two
//! cases. It loads and validates, its cases pass, the points rule gives met / not met / unknown
//! at the tier boundary, the explorer shows it, and broken copies of it fail with messages that
//! name the file, the rule and the field.

use anju::engine::answers::{ANSWERS_VERSION, Answers, FactValue};
use anju::engine::date::Date;
use anju::engine::eval::{Status, Truth};
use anju::engine::model::{OutcomeKind, PolicyData, Service};
use anju::engine::source::{Loaded, load_dir};
use anju::portal::explorer::{Explorer, RowKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/policy-data-fixture")
}

fn load_fixture() -> Loaded {
    match load_dir(&fixture_dir()) {
        Ok(l) => l,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("the fixture does not validate:\n{}", list.join("\n"))
        }
    }
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("date")
}

#[test]
fn the_fixture_loads_validates_and_its_cases_pass() {
    let loaded = load_fixture();
    let data = &loaded.data;
    assert_eq!(data.places.len(), 2);
    let chain: Vec<&str> = data
        .place_chain("testville")
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(chain, ["testville", "fixtureland"]);
    assert_eq!(data.facts.len(), 2);
    assert_eq!(data.documents.len(), 1);
    assert_eq!(data.documents[0].clauses.len(), 2);
    assert_eq!(data.rulesets.len(), 1);
    assert_eq!(data.rulesets[0].decisions.len(), 1);
    assert_eq!(data.rulesets[0].decisions[0].rules.len(), 2);
    assert_eq!(data.points_schemes.len(), 1);
    assert_eq!(
        loaded.origins.rulesets["testville-school-2020"],
        "school/fixture-rules.toml"
    );
    assert_eq!(loaded.cases.len(), 2);
    for (file, case) in &loaded.cases {
        assert_eq!(file, "school/cases.toml");
        if let Err(e) = case.check(data) {
            panic!("case '{}' fails:\n{e}", case.name);
        }
    }
    // Each case names the rule it tests, as the explorer lists them.
    let tested: Vec<Vec<String>> = loaded
        .cases
        .iter()
        .map(|(_, c)| c.tested_rules(data))
        .collect();
    assert_eq!(
        tested,
        [
            vec!["testville-school-2020/enrolment/enough-points".to_string()],
            vec!["testville-school-2020/enrolment/otherwise".to_string()],
        ]
    );
}

/// The truth of the points condition, the outcome and the points counted, for these answers.
fn points_rule(
    data: &PolicyData,
    facts: &[(&str, FactValue)],
    unsure: &[&str],
) -> (Truth, Status, Option<OutcomeKind>, Option<i64>) {
    let answers = Answers {
        v: ANSWERS_VERSION,
        place: Some("testville".into()),
        date: Some(date("2024-06-01")),
        services: vec![Service::School],
        facts: facts
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        unsure: unsure.iter().map(|s| s.to_string()).collect(),
    };
    let eval = data
        .evaluate(&answers, date("2026-11-22"))
        .expect("evaluates");
    let d = eval
        .determinations()
        .find(|d| d.decision.id == "enrolment")
        .expect("the decision");
    let rule = &d.rules[0];
    assert_eq!(rule.rule.id, "enough-points");
    let node = rule.node.as_ref().expect("a condition");
    (
        node.truth,
        d.status,
        d.shown_rule().map(|r| r.outcome.kind),
        node.points,
    )
}

#[test]
fn the_points_rule_is_met_not_met_or_unknown_at_the_tier_boundary() {
    let data = load_fixture().data;
    let months = |m: i64| ("months_in_testville", FactValue::Number(m));
    let lease = |b: bool| ("has_lease", FactValue::Bool(b));

    // 4 full years (40) and a lease (20): exactly 60.
    let (truth, status, outcome, points) = points_rule(&data, &[months(48), lease(true)], &[]);
    assert_eq!(truth, Truth::Met);
    assert_eq!(status, Status::Decided);
    assert_eq!(outcome, Some(OutcomeKind::Eligible));
    assert_eq!(points, Some(60));

    // One month short of the fourth year: 30 + 20 = 50.
    let (truth, status, outcome, points) = points_rule(&data, &[months(47), lease(true)], &[]);
    assert_eq!(truth, Truth::NotMet);
    assert_eq!(status, Status::Decided);
    assert_eq!(outcome, Some(OutcomeKind::NotEligible));
    assert_eq!(points, Some(50));

    // 4 years, lease not known: 40 so far, and the lease could make 60. Unknown, never "no".
    let (truth, status, _, points) = points_rule(&data, &[months(48)], &["has_lease"]);
    assert_eq!(truth, Truth::Unknown);
    assert_eq!(status, Status::Unknown);
    assert_eq!(points, Some(40));

    // 4 years and no lease: 40, and nothing left to count.
    let (truth, _, outcome, _) = points_rule(&data, &[months(48), lease(false)], &[]);
    assert_eq!(truth, Truth::NotMet);
    assert_eq!(outcome, Some(OutcomeKind::NotEligible));

    // 6 years reach the factor's maximum of 60 alone: met, whatever the lease.
    let (truth, _, outcome, points) = points_rule(&data, &[months(72)], &["has_lease"]);
    assert_eq!(truth, Truth::Met);
    assert_eq!(outcome, Some(OutcomeKind::Eligible));
    assert_eq!(points, Some(60));
    // … and ten years count no more than six.
    let (_, _, _, points) = points_rule(&data, &[months(120), lease(true)], &[]);
    assert_eq!(points, Some(80));
}

#[test]
fn the_explorer_shows_the_fixture_place_its_rule_and_its_points() {
    let loaded = load_fixture();
    let cases: Vec<anju::engine::cases::CaseSummary> = loaded
        .cases
        .iter()
        .map(|(file, c)| anju::engine::cases::CaseSummary {
            name: c.name.clone(),
            file: file.clone(),
            rules: c.tested_rules(&loaded.data),
        })
        .collect();
    let ex = Explorer::new(&loaded.data, &cases);
    assert_eq!(ex.places.len(), 1);
    assert_eq!(ex.places[0].id, "testville");
    assert_eq!(ex.places[0].depth, 1);
    let doc = ex.document("fixture-doc").expect("document");
    assert_eq!(doc.points.len(), 1);
    assert_eq!(doc.points[0].factors.len(), 2);
    let rule = ex
        .rule("testville-school-2020/enrolment/enough-points")
        .expect("rule");
    assert_eq!(rule.conditions.len(), 1);
    assert!(matches!(
        rule.conditions[0].kind,
        RowKind::Leaf {
            scheme: Some(_),
            ..
        }
    ));
    assert_eq!(rule.cases.len(), 1);
    let otherwise = ex
        .rule("testville-school-2020/enrolment/otherwise")
        .expect("rule");
    assert!(otherwise.otherwise);
    let hits = ex.search("统筹安排", anju::engine::text::Lang::Zh);
    assert!(
        hits.iter()
            .any(|h| h.href == "?p=rules/fixture-doc#clause-art1")
    );
}

// ---------------------------------------------------------------------------------------------
// Broken copies

static COPIES: AtomicUsize = AtomicUsize::new(0);

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Loads a copy of the fixture with `edits` made (file, text, replacement), and returns every
/// message, as the build and `cargo test --test policy_cases` print them.
fn broken(edits: &[(&str, &str, &str)]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "anju-fixture-{}-{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixture_dir(), &dir);
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    let result = load_dir(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(_) => panic!("the broken copy {edits:?} loaded without error"),
        Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
    }
}

fn assert_one(messages: &[String], want: &[&str]) {
    assert!(
        messages.iter().any(|m| want.iter().all(|w| m.contains(w))),
        "no message containing all of {want:?} in:\n{}",
        messages.join("\n")
    );
}

#[test]
fn a_rule_without_its_short_answer_is_refused() {
    let m = broken(&[(
        "school/fixture-rules.toml",
        "answer = { zh = \"由教育部门统筹安排\", zh_hant = \"由教育部門統籌安排\", en = \"The education bureau places the child\" }\n",
        "",
    )]);
    assert_one(
        &m,
        &[
            "school/fixture-rules.toml",
            "otherwise",
            "answer",
            "no answer: every rule needs `answer = {",
        ],
    );
}

#[test]
fn an_answer_too_long_for_the_first_screen_is_refused() {
    let m = broken(&[(
        "school/fixture-rules.toml",
        "en = \"The education bureau places the child\" }",
        "en = \"Below 60 points the child is not placed by the school itself but by the education bureau, which decides where and when\" }",
    )]);
    assert_one(
        &m,
        &[
            "school/fixture-rules.toml",
            "otherwise",
            "answer",
            "the en answer has 118 characters, more than 110",
        ],
    );
}

#[test]
fn a_misspelt_field_names_the_file_the_line_and_the_field() {
    let m = broken(&[(
        "school/fixture-rules.toml",
        "summary = { zh = \"入学积分不足",
        "sumary = { zh = \"入学积分不足",
    )]);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_one(
        &m,
        &[
            "school/fixture-rules.toml:29: there is no field 'sumary' here (did you mean 'summary'?); the fields allowed here are id, outcome, clause, quote, summary, answer,",
            "\n      29 | sumary = { zh = ",
        ],
    );
}

#[test]
fn an_unknown_fact_names_the_rule_and_its_when() {
    let m = broken(&[(
        "school/fixture-rules.toml",
        "when = { points = \"testville-points\", at_least = 60,",
        "when = { fact = \"has_leese\", is = true,",
    )]);
    assert_eq!(
        m,
        [
            "school/fixture-rules.toml:20: ruleset testville-school-2020 › decision enrolment › rule enough-points › when: no fact 'has_leese' in facts/*.toml (did you mean 'has_lease'?)"
        ]
    );
}

#[test]
fn a_clause_missing_from_its_document_names_every_rule_that_cites_it() {
    let m = broken(&[(
        "documents/fixture-doc.toml",
        "[[clause]]\nid = \"art2\"",
        "[[clause_removed]]\nid = \"art2\"",
    )]);
    // Removing the table is a TOML error first …
    assert_one(
        &m,
        &[
            "documents/fixture-doc.toml:21: ",
            "there is no field 'clause_removed' here; the fields allowed here are id, number,",
            "      21 | [[clause_removed]]",
        ],
    );
    // … and removing the clause entirely leaves the rules and the points scheme citing nothing.
    let text =
        std::fs::read_to_string(fixture_dir().join("documents/fixture-doc.toml")).expect("read");
    let art2 = &text[text.find("[[clause]]\nid = \"art2\"").expect("art2")..];
    let m = broken(&[("documents/fixture-doc.toml", art2, "")]);
    // Each citation is named by its line, the item counted from 1, and the nearest clause.
    assert_eq!(
        m,
        [
            "school/fixture-rules.toml:22: ruleset testville-school-2020 › decision enrolment › rule enough-points › materials, item 1 › clause: clause 'art2' is not in document 'fixture-doc' (did you mean 'art1'?) (add it under [[clause]] in documents/fixture-doc.toml)",
            "points/fixture-points.toml:14: points scheme testville-points › factor, item 1 › clause: clause 'art2' is not in document 'fixture-doc' (did you mean 'art1'?) (add it under [[clause]] in documents/fixture-doc.toml)",
            "points/fixture-points.toml:20: points scheme testville-points › factor, item 2 › clause: clause 'art2' is not in document 'fixture-doc' (did you mean 'art1'?) (add it under [[clause]] in documents/fixture-doc.toml)",
        ]
    );
}

#[test]
fn a_title_or_label_without_its_translation_names_the_document_and_the_clause() {
    let m = broken(&[
        (
            "documents/fixture-doc.toml",
            "translated_label = { zh_hant = \"第二條\", en = \"Article 2\" }\n",
            "",
        ),
        (
            "documents/fixture-doc.toml",
            "en = \"Testville points rules for the school enrolment of new residents' children (for the tests)\"",
            "en = \"\"",
        ),
    ]);
    // A translation that is missing or empty: each is named, by the title or the clause.
    assert_eq!(
        m,
        [
            "documents/fixture-doc.toml:7: document fixture-doc › translated_title: missing en: the published words need their Traditional Chinese and English (translated_title = { zh_hant = \"…\", en = \"…\" })",
            "documents/fixture-doc.toml:22: document fixture-doc › clause art2 › translated_label: missing zh-Hant, en: the published words need their Traditional Chinese and English (translated_label = { zh_hant = \"…\", en = \"…\" })",
        ]
    );
}

#[test]
fn a_rule_citing_a_clause_that_does_not_exist_is_named() {
    let m = broken(&[(
        "school/fixture-rules.toml",
        "outcome = { kind = \"not_eligible\" }\nclause = \"art1\"",
        "outcome = { kind = \"not_eligible\" }\nclause = \"art9\"",
    )]);
    assert_eq!(
        m,
        [
            "school/fixture-rules.toml:28: ruleset testville-school-2020 › decision enrolment › rule otherwise › clause: clause 'art9' is not in document 'fixture-doc' (did you mean 'art1'?) (add it under [[clause]] in documents/fixture-doc.toml)"
        ]
    );
    // A clause of another document that does not exist.
    let m = broken(&[(
        "school/fixture-rules.toml",
        "outcome = { kind = \"not_eligible\" }\nclause = \"art1\"",
        "outcome = { kind = \"not_eligible\" }\nclause = \"no-such-doc#art1\"",
    )]);
    assert_one(
        &m,
        &["rule otherwise › clause: clause 'no-such-doc#art1': no document 'no-such-doc'"],
    );
}

#[test]
fn a_last_rule_with_a_when_is_refused() {
    let m = broken(&[(
        "school/fixture-rules.toml",
        "summary = { zh = \"入学积分不足",
        "when = { fact = \"has_lease\", is = false, clause = \"art1\", label = \"没有租赁合同\" }\nsummary = { zh = \"入学积分不足",
    )]);
    assert_eq!(
        m,
        [
            "school/fixture-rules.toml:26: ruleset testville-school-2020 › decision enrolment › rule otherwise: the last rule of a decision must have no 'when', so that every case gets an outcome"
        ]
    );
}

#[test]
fn an_ended_rule_set_keeps_its_rules_for_earlier_dates() {
    // How a new year's rules replace old ones: the old rule set gets `to` and `to_note`, and
    // stays. A question dated before `to` still gets it; one dated after does not.
    let dir = std::env::temp_dir().join(format!(
        "anju-fixture-{}-{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixture_dir(), &dir);
    let path = dir.join("school/fixture-rules.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let ended = text.replacen(
        "from = \"2020-01-01\"\n",
        "from = \"2020-01-01\"\nto = \"2024-09-01\"\nto_note = { zh = \"被2024年办法取代\", zh_hant = \"被2024年辦法取代\", en = \"Replaced by the 2024 rules\" }\n",
        1,
    );
    std::fs::write(&path, ended).expect("write");
    let loaded = load_dir(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let data = match loaded {
        Ok(l) => l.data,
        Err(e) => panic!("{e:?}"),
    };
    let mut answers = Answers {
        v: ANSWERS_VERSION,
        place: Some("testville".into()),
        date: Some(date("2024-08-31")),
        services: vec![Service::School],
        ..Answers::default()
    };
    let eval = data.evaluate(&answers, date("2026-11-22")).expect("eval");
    assert_eq!(eval.services[0].applicable.len(), 1);
    answers.date = Some(date("2024-09-01"));
    let eval = data.evaluate(&answers, date("2026-11-22")).expect("eval");
    assert!(eval.services[0].applicable.is_empty());
    assert_eq!(
        eval.services[0].earlier.first().map(|r| r.id.as_str()),
        Some("testville-school-2020")
    );
}
