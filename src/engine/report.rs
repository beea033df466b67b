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

fn truth_word(t: Truth) -> &'static str {
    match t {
        Truth::Met => "符合",
        Truth::NotMet => "不符合",
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

fn explain_node(out: &mut String, data: &PolicyData, ruleset: &Ruleset, n: &Node, depth: usize) {
    let label = n
        .condition
        .label
        .as_ref()
        .map(|l| l.zh.as_str())
        .or(n.name)
        .unwrap_or(match n.condition.children().len() {
            0 => "",
            _ => "以下条件",
        });
    let clause = n
        .condition
        .clause
        .as_deref()
        .map(|c| format!(" 〔{}〕", cite(data, ruleset, c)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "{}- {}:{}{}",
        "  ".repeat(depth + 2),
        truth_word(n.truth),
        label,
        clause
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
    for k in &n.children {
        explain_node(out, data, ruleset, k, depth + 1);
    }
}

/// The evaluation in readable Chinese text.
pub fn explain(eval: &Evaluation) -> String {
    let data = eval.data;
    let mut out = String::new();
    let _ = writeln!(out, "地点:{}  问题日期:{}", eval.place.name.zh, eval.date);
    for s in &eval.services {
        let _ = writeln!(out, "\n== {} ==", s.service.id());
        if s.applicable.is_empty() {
            let _ = writeln!(out, "该日期没有可适用的规定。");
            if let Some(r) = s.ended_before {
                let _ = writeln!(
                    out,
                    "  最近的较早规定:{}(至 {} 止)",
                    r.id,
                    r.to.map(|d| d.to_string()).unwrap_or_default()
                );
            }
            if let Some(r) = s.begins_after {
                let _ = writeln!(
                    out,
                    "  最近的较晚规定:{}(自 {} 起)",
                    r.id,
                    r.from.map(|d| d.to_string()).unwrap_or_default()
                );
            }
        }
        for r in &s.earlier {
            let to = r.to.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "较早的规定(已不适用于该日期):{}(至 {to} 止)",
                r.title.zh
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
                    let _ = writeln!(out, "  规则 {}:{}", r.rule.id, truth_word(r.truth));
                    if let Some(n) = &r.node {
                        explain_node(&mut out, data, d.ruleset, n, 0);
                    }
                }
                for c in d.changes() {
                    let missing: Vec<&str> = c
                        .missing
                        .iter()
                        .filter_map(|n| n.condition.label.as_ref().map(|l| l.zh.as_str()))
                        .collect();
                    let _ = write!(
                        out,
                        "  如要得到“{}”:还需 {}",
                        c.rule.summary.zh,
                        missing.join("、")
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
    let open = eval.open_facts();
    if !open.is_empty() {
        let _ = writeln!(out, "\n还需要回答:{}", open.join(", "));
    }
    out
}
