//! An evaluation written out for people and programs: JSON for the command line and tools, and a
//! plain-text explanation. Both name the document, clause, date and standing of everything.

use super::eval::{Determination, Evaluation, Node, Standing, Status, Truth};
use super::model::{Condition, PolicyData, Ruleset};
use super::text::Lang;
use serde_json::{Value, json};
use std::fmt::Write;

/// The clause a condition or rule cites, as `温鹿政办〔2013〕164号 附件6 第二条`.
pub fn cite(data: &PolicyData, ruleset: &Ruleset, clause: &str) -> String {
    match data.clause(&ruleset.document, clause) {
        Some((doc, c)) => format!("{} {}", doc.number, c.label),
        None => clause.to_string(),
    }
}

fn node_json(data: &PolicyData, ruleset: &Ruleset, n: &Node, lang: Lang) -> Value {
    let c: &Condition = n.condition;
    let mut v = json!({
        "truth": n.truth,
        "label": c.label.as_ref().map(|l| l.get(lang)),
        "clause": c.clause.as_deref().map(|cl| cite(data, ruleset, cl)),
    });
    if let Some(name) = n.name {
        v["name"] = json!(name);
    }
    if let Some(note) = n.note {
        v["note"] = json!(note.get(lang));
    }
    if let Some(d) = n.from {
        v["holds_from"] = json!(d.to_string());
    }
    if let Some(d) = n.until {
        v["holds_until"] = json!(d.to_string());
    }
    if let Some(p) = n.points {
        v["points"] = json!(p);
    }
    if !n.children.is_empty() {
        v["children"] = n
            .children
            .iter()
            .map(|k| node_json(data, ruleset, k, lang))
            .collect();
    }
    v
}

fn determination_json(data: &PolicyData, d: &Determination, lang: Lang) -> Value {
    let shown = d.shown_rule();
    json!({
        "decision": format!("{}/{}", d.ruleset.id, d.decision.id),
        "title": d.decision.title.get(lang),
        "status": d.status,
        "outcome": shown.map(|r| r.outcome.kind.id()),
        "rule": shown.map(|r| &r.id),
        "answer": shown.map(|r| r.answer.get(lang)),
        "summary": shown.map(|r| r.summary.get(lang)),
        "clause": shown.map(|r| cite(data, d.ruleset, &r.clause)),
        "possible": d.possible_rules().iter().map(|r| r.outcome.kind.id()).collect::<Vec<_>>(),
        "stops_on": d.stops_on().map(|x| x.to_string()),
        "may_no_longer_apply_after": d.lapsed.map(|x| x.to_string()),
        "disagrees_with": d.conflicts.iter().map(|c| json!({
            "decision": format!("{}/{}", c.ruleset.id, c.decision.id),
            "summary": c.rule.summary.get(lang),
            "clause": cite(data, c.ruleset, &c.rule.clause),
        })).collect::<Vec<_>>(),
        "changes": d.changes().iter().map(|c| json!({
            "outcome": c.rule.outcome.kind.id(),
            "rule": c.rule.id,
            "from": c.from.map(|x| x.to_string()),
            "certain": c.certain,
            "missing": c.missing.iter().map(|n| n.condition.label.as_ref().map(|l| l.get(lang))).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "materials": shown.map(|r| r.materials.iter().map(|m| json!({
            "text": m.text.get(lang), "clause": cite(data, d.ruleset, &m.clause)
        })).collect::<Vec<_>>()),
        "trace": d.counted().iter().map(|r| json!({
            "rule": r.rule.id,
            "truth": r.truth,
            "condition": r.node.as_ref().map(|n| node_json(data, d.ruleset, n, lang)),
        })).collect::<Vec<_>>(),
    })
}

/// The whole evaluation as JSON.
pub fn to_json(eval: &Evaluation, lang: Lang) -> Value {
    let data = eval.data;
    json!({
        "place": eval.place.id,
        "date": eval.date.to_string(),
        "services": eval.services.iter().map(|s| json!({
            "service": s.service.id(),
            "no_rule_on_file": s.applicable.is_empty(),
            "nearest_before": s.ended_before.map(|r| json!({"ruleset": r.id, "to": r.to.map(|d| d.to_string())})),
            "nearest_after": s.begins_after.map(|r| json!({"ruleset": r.id, "from": r.from.map(|d| d.to_string())})),
            "rulesets": s.applicable.iter().map(|r| json!({
                "ruleset": r.ruleset.id,
                "document": r.document.number,
                "document_title": r.document.title,
                "issued": r.document.issued.map(|d| d.to_string()),
                "standing": r.standing,
                "determinations": r.determinations.iter().map(|d| determination_json(data, d, lang)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "open_questions": eval.open_facts(),
    })
}

/// A rule's truth: whether it applies.
fn rule_word(t: Truth) -> &'static str {
    match t {
        Truth::Met => "适用",
        Truth::NotMet => "不适用",
        Truth::Unknown => "未知(缺少回答)",
        Truth::Ambiguous => "不明确(原文未说清)",
    }
}

/// A condition's truth, said of its label: "孩子已满6周岁:是".
fn truth_word(t: Truth) -> &'static str {
    match t {
        Truth::Met => "是",
        Truth::NotMet => "否",
        Truth::Unknown => "未知(缺少回答)",
        Truth::Ambiguous => "不明确(原文未说清)",
    }
}

fn standing_word(s: Standing) -> &'static str {
    match s {
        Standing::InForce => "有效",
        Standing::Historical => "历史规定(已不再适用)",
        Standing::Repealed => "已废止,作为历史规定显示",
        Standing::StatusUnknown => "效力未载明",
    }
}

/// `to` is the first day rules no longer apply: said as the last day they do.
fn until_day_before(to: Option<super::date::Date>) -> String {
    match to {
        Some(d) => match d.add_days(-1) {
            Some(last) => format!("适用至 {last},{d} 起不再适用"),
            None => format!("{d} 起不再适用"),
        },
        None => String::new(),
    }
}

/// The children of a node that can still change its truth, and how many are left out: below
/// an `all` that fails, only what fails; below an `any` that holds, only what holds; below an
/// undecided group, only what is undecided.
fn relevant<'n, 'a>(n: &'n Node<'a>) -> (Vec<&'n Node<'a>>, usize) {
    use super::model::Test;
    let keep: Vec<&Node> = match (&n.condition.test, n.truth) {
        (Test::All(_), Truth::NotMet) => n
            .children
            .iter()
            .filter(|k| k.truth == Truth::NotMet)
            .collect(),
        (Test::Any(_), Truth::Met) => n
            .children
            .iter()
            .filter(|k| k.truth == Truth::Met)
            .collect(),
        (Test::All(_), Truth::Unknown | Truth::Ambiguous) => n
            .children
            .iter()
            .filter(|k| k.truth != Truth::Met)
            .collect(),
        (Test::Any(_), Truth::Unknown | Truth::Ambiguous) => n
            .children
            .iter()
            .filter(|k| k.truth != Truth::NotMet)
            .collect(),
        _ => n.children.iter().collect(),
    };
    let left_out = n.children.len() - keep.len();
    (keep, left_out)
}

fn explain_node(out: &mut String, data: &PolicyData, ruleset: &Ruleset, n: &Node, depth: usize) {
    use super::model::Test;
    let labelled = n.condition.label.is_some() || n.name.is_some();
    // A `not` without words of its own is said by what it negates: the rule that does not apply
    // "because the child is already 6", never "not met: not …".
    if let (Test::Not(_), false, [child]) = (&n.condition.test, labelled, n.children.as_slice()) {
        explain_node(out, data, ruleset, child, depth);
        return;
    }
    let group = match &n.condition.test {
        Test::All(_) => Some(("以下全部", "(须全部满足)")),
        Test::Any(_) => Some(("以下之一", "(满足其中之一即可)")),
        Test::Unclear(..) => Some(("以下各项", "(原文未说明须全部满足还是其一即可)")),
        _ => None,
    };
    let label = n
        .condition
        .label
        .as_ref()
        .map(|l| l.zh.as_str())
        .or(n.name)
        .or(group.map(|g| g.0))
        .unwrap_or("");
    let clause = n
        .condition
        .clause
        .as_deref()
        .map(|c| format!(" 〔{}〕", cite(data, ruleset, c)))
        .unwrap_or_default();
    let (kids, left_out) = relevant(n);
    let kind = match group {
        Some((_, how)) if !kids.is_empty() && n.children.len() > 1 => how,
        _ => "",
    };
    let _ = write!(
        out,
        "{}- {label}{kind}:{}{clause}",
        "  ".repeat(depth + 2),
        truth_word(n.truth),
    );
    if let Some(d) = n.from {
        let _ = write!(out, ";{d}起符合");
    }
    if let Some(d) = n.until {
        let _ = write!(out, ";{d}起不再符合");
    }
    if let Some(note) = n.note {
        let _ = write!(out, "\n{}  说明:{}", "  ".repeat(depth + 2), note.zh);
    }
    out.push('\n');
    for k in kids {
        explain_node(out, data, ruleset, k, depth + 1);
    }
    if left_out > 0 {
        let _ = writeln!(
            out,
            "{}  (另有{left_out}项不影响这一条的结果,略)",
            "  ".repeat(depth + 2)
        );
    }
}

/// What a favourable rule still needs, as a person reads it: each condition, and "A 或 B(其一即可)"
/// where any one would do.
fn needed_words(d: &Determination, rule_id: &str) -> String {
    use super::determination::Needed;
    let Some(node) = d
        .rules
        .iter()
        .find(|r| r.rule.id == rule_id)
        .and_then(|r| r.node.as_ref())
    else {
        return String::new();
    };
    let label = |n: &Node| -> String {
        n.condition
            .label
            .as_ref()
            .map(|l| l.zh.clone())
            .or(n.name.map(String::from))
            .unwrap_or_default()
    };
    let items: Vec<String> = node
        .needed()
        .iter()
        .map(|x| match x {
            Needed::One(n) => label(n),
            Needed::OneOf(options) => {
                let words: Vec<String> = options.iter().map(|n| label(n)).collect();
                format!("{}(其一即可)", words.join(" 或 "))
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    items.join(";并且 ")
}

/// The evaluation in readable Chinese text: a one-line summary, then each decision with its
/// answer first and what decided it.
pub fn explain(eval: &Evaluation) -> String {
    let data = eval.data;
    let mut out = String::new();
    let _ = writeln!(out, "地点:{}  问题日期:{}", eval.place.name.zh, eval.date);
    let all: Vec<&Determination> = eval
        .services
        .iter()
        .flat_map(|s| s.applicable.iter())
        .flat_map(|r| r.determinations.iter())
        .collect();
    let count = |st: Status| all.iter().filter(|d| d.status == st).count();
    let open = eval.open_facts();
    let mut summary = format!(
        "概要:{}项结论,{}项已确定,{}项需要更多回答,{}项原文不明确须到窗口确认",
        all.len(),
        count(Status::Decided),
        count(Status::Unknown),
        count(Status::Ambiguous)
    );
    if !open.is_empty() {
        let _ = write!(summary, ";还有{}个问题没有回答", open.len());
    }
    let none: Vec<&str> = eval
        .services
        .iter()
        .filter(|s| s.applicable.is_empty())
        .map(|s| s.service.id())
        .collect();
    if !none.is_empty() {
        let _ = write!(summary, ";{} 在该日期没有可适用的规定", none.join("、"));
    }
    let _ = writeln!(out, "{summary}。");
    for s in &eval.services {
        let _ = writeln!(out, "\n== {} ==", s.service.id());
        if s.applicable.is_empty() {
            let _ = writeln!(out, "该日期没有可适用的规定。");
            if let Some(r) = s.ended_before {
                let _ = writeln!(out, "  最近的较早规定:{}({})", r.id, until_day_before(r.to));
            }
            if let Some(r) = s.begins_after {
                let _ = writeln!(
                    out,
                    "  最近的较晚规定:{}(自 {} 起适用)",
                    r.id,
                    r.from.map(|d| d.to_string()).unwrap_or_default()
                );
            }
        }
        for r in &s.earlier {
            let _ = writeln!(
                out,
                "较早的规定(已不适用于该日期):{}({})",
                r.title.zh,
                until_day_before(r.to)
            );
        }
        for r in &s.applicable {
            let _ = writeln!(
                out,
                "\n{}({},{})",
                r.ruleset.title.zh,
                r.document.number,
                standing_word(r.standing)
            );
            if r.ruleset.to.is_some() {
                let _ = writeln!(out, "  本规定{}。", until_day_before(r.ruleset.to));
            }
            for d in &r.determinations {
                let status = match d.status {
                    Status::Decided => "已确定",
                    Status::Unknown => "需要更多回答",
                    Status::Ambiguous => "原文不明确,请到窗口确认",
                };
                let _ = writeln!(out, "\n* {} [{}]", d.decision.title.zh, status);
                if let Some(last) = d.lapsed {
                    let _ = writeln!(
                        out,
                        "  已废止文件中的规定,资料只说明它到 {last} 仍然有效,之后可能已不再适用。"
                    );
                }
                for c in &d.conflicts {
                    let _ = writeln!(
                        out,
                        "  同一日期有效的另一项规定答案不同:{}〔{}〕",
                        c.rule.summary.zh,
                        cite(data, c.ruleset, &c.rule.clause)
                    );
                }
                if let Some(rule) = d.shown_rule() {
                    let _ = writeln!(
                        out,
                        "  结论:{}〔{}〕",
                        rule.summary.zh,
                        cite(data, d.ruleset, &rule.clause)
                    );
                }
                for r in d.counted() {
                    let _ = writeln!(out, "  规则 {}:{}", r.rule.id, rule_word(r.truth));
                    if let Some(n) = &r.node {
                        explain_node(&mut out, data, d.ruleset, n, 0);
                    }
                }
                for c in d.changes() {
                    let _ = write!(
                        out,
                        "  如要得到“{}”:还需 {}",
                        c.rule.summary.zh,
                        needed_words(d, &c.rule.id)
                    );
                    match (c.from, c.certain) {
                        (Some(from), true) => {
                            let _ = write!(out, ";其他情况不变时,{from}起符合");
                        }
                        (Some(from), false) => {
                            let _ = write!(
                                out,
                                ";{from}起其余条件符合,但有一项原文不明确,需到窗口确认"
                            );
                        }
                        _ => {}
                    }
                    out.push('\n');
                }
                if let Some(stop) = d.stops_on() {
                    let _ = writeln!(out, "  其他情况不变时,{stop}起不再符合。");
                }
            }
        }
    }
    if !open.is_empty() {
        let _ = writeln!(out, "\n还需要回答:{}", open.join(", "));
    }
    out
}
