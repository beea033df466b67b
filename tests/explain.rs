//! The plain-text explanation of `anju-eval --explain`: a one-line summary first, no double
//! negatives, only the conditions that can still change a result, 'one of' for alternatives,
//! and end dates said as the last day the rules apply.

use anju::engine::source::load_dir;
use anju::engine::{Answers, Date, report};
use std::path::Path;

fn explain(edit: impl Fn(&mut serde_json::Value)) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = load_dir(&root.join("policy-data"))
        .expect("policy-data")
        .data;
    let text = std::fs::read_to_string(root.join("tests/fixtures/answers-lucheng-2014.json"))
        .expect("answers");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    edit(&mut json);
    let answers: Answers = serde_json::from_value(json).expect("answers");
    let today = Date::parse("2026-11-22").expect("date");
    report::explain(&data.evaluate(&answers, today).expect("evaluate"))
}

#[test]
fn the_explanation_starts_with_a_one_line_summary() {
    let text = explain(|_| {});
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "地点:温州市鹿城区  问题日期:2014-06-01");
    assert_eq!(
        lines[1],
        "概要:2项结论,1项已确定,0项需要更多回答,1项原文不明确须到窗口确认。"
    );
}

#[test]
fn a_rule_that_does_not_apply_is_said_without_a_double_negative() {
    let text = explain(|_| {});
    assert!(!text.contains("不符合:以下条件"), "{text}");
    assert!(!text.contains("以下条件"), "{text}");
    // too-young is `not { age_at_least 6 }`: said by the fact, not as "not met: not …".
    assert!(
        text.contains("  规则 too-young:不适用\n    - 孩子已满6周岁:是 〔温鹿政办〔2013〕164号 附件6 第一条〕\n"),
        "{text}"
    );
}

#[test]
fn only_conditions_that_can_still_change_the_result_are_shown() {
    let text = explain(|_| {});
    // The parent holds a full residence permit: the temporary permit's term cannot matter.
    assert!(!text.contains("临时居住证有效期1年(含)以上"), "{text}");
    // The parent conditions fail on insurance alone: that is what is shown, the rest counted.
    assert!(
        text.contains("      - 在鹿城区缴纳社会保险费1年(含)以上:否 〔温鹿政办〔2013〕164号 附件6 第二条〕;2014-08-01起符合\n        (另有4项不影响这一条的结果,略)\n"),
        "{text}"
    );
}

#[test]
fn alternatives_are_said_as_one_of() {
    let text = explain(|_| {});
    assert!(
        text.contains("    - 孩子不在办法的适用范围内(满足其中之一即可):否"),
        "{text}"
    );
    // What priority still needs: the insurance, and one of the grounds of 第五条, said as one
    // condition (it was "A、B、C" of every ground, as if all were needed).
    assert!(
        text.contains(
            "”:还需 在鹿城区缴纳社会保险费1年(含)以上;并且 具备第五条优先安排的条件之一\n"
        ),
        "{text}"
    );
    assert!(!text.contains("、上级党委政府"), "{text}");
}

#[test]
fn an_end_date_is_said_as_the_last_day_the_rules_apply() {
    let text = explain(|j| {
        j["services"] = serde_json::json!(["permit"]);
        j["date"] = serde_json::json!("2016-08-01");
    });
    assert!(
        text.contains("较早的规定(已不适用于该日期):鹿城区临时居住证和居住证(2013年办法)(适用至 2016-06-30,2016-07-01 起不再适用)"),
        "{text}"
    );
    assert!(!text.contains("止)"), "{text}");
    let before = explain(|j| {
        j["services"] = serde_json::json!(["permit"]);
        j["date"] = serde_json::json!("2016-06-30");
    });
    assert!(
        before.contains("  本规定适用至 2016-06-30,2016-07-01 起不再适用。"),
        "{before}"
    );
}
