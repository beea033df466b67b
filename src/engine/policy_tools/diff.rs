//! `anju-policy diff`: what changed between two rule sets, in plain words — dates and
//! document, conditions and their thresholds, outcomes, the clauses cited and their words,
//! papers, places to go and next steps.

use crate::engine::model::{Amount, Condition, PolicyData, Ruleset, Test};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Parses `diff OLD NEW [--data DIR]` and compares.
pub fn command(args: &[String]) -> Result<String, String> {
    let mut dir = PathBuf::from("policy-data");
    let mut ids = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => dir = PathBuf::from(it.next().ok_or("--data needs a folder")?),
            other => ids.push(other.to_string()),
        }
    }
    let [old, new] = ids.as_slice() else {
        return Err("diff needs two rule set ids: anju-policy diff OLD_ID NEW_ID".into());
    };
    let loaded = crate::engine::source::load_dir(&dir).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        format!(
            "the data has problems; run anju-policy check first:\n{}",
            list.join("\n")
        )
    })?;
    diff(&loaded.data, old, new)
}

/// The differences between rule sets `old` and `new` of `data`, one a line, by section.
pub fn diff(data: &PolicyData, old: &str, new: &str) -> Result<String, String> {
    let find = |id: &str| {
        data.ruleset(id).ok_or_else(|| {
            format!(
                "no rule set '{id}'{}",
                crate::engine::suggest::did_you_mean(
                    id,
                    data.rulesets.iter().map(|r| r.id.as_str())
                )
            )
        })
    };
    let (a, b) = (find(old)?, find(new)?);
    let (da, db) = (describe(data, a), describe(data, b));
    let mut out = format!("{old} → {new}");
    let mut sections: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (key, (section, text)) in &da {
        match db.get(key) {
            None => sections
                .entry(section)
                .or_default()
                .push(format!("removed: {text}")),
            Some((_, t)) if t != text => sections
                .entry(section)
                .or_default()
                .push(format!("changed: {text}\n         → {t}")),
            _ => {}
        }
    }
    for (key, (section, text)) in &db {
        if !da.contains_key(key) {
            sections
                .entry(section)
                .or_default()
                .push(format!("added: {text}"));
        }
    }
    if sections.is_empty() {
        out += "\n  no differences";
    }
    for (section, lines) in sections {
        out += &format!("\n{}:", &section[2..]);
        for l in lines {
            out += &format!("\n  {l}");
        }
    }
    Ok(out)
}

/// Each thing a rule set says, by a key that stays the same from one year to the next (a
/// condition by where it stands and the fact it tests, a paper by its words), with its section
/// and its description.
fn describe<'a>(data: &'a PolicyData, r: &'a Ruleset) -> BTreeMap<String, (&'static str, String)> {
    let mut out = BTreeMap::new();
    let dates = format!(
        "from {}{}",
        r.from.map_or("(no date)".into(), |d| d.to_string()),
        r.to.map_or(", with no end".into(), |d| format!(
            " until the day before {d}"
        ))
    );
    out.insert("dates".into(), ("1 dates and document", dates));
    out.insert(
        "document".into(),
        (
            "1 dates and document",
            format!("rests on document {}", r.document),
        ),
    );
    out.insert(
        "title".into(),
        ("1 dates and document", format!("title {}", r.title.zh)),
    );
    let mut cited = Vec::new();
    for (name, c) in &r.conditions {
        condition(
            data,
            r,
            &format!("conditions.{name}"),
            c,
            &mut out,
            &mut cited,
        );
    }
    for d in &r.decisions {
        for rule in &d.rules {
            let at = format!("{} › {}", d.id, rule.id);
            let kind = serde_json::to_value(rule.outcome.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            out.insert(
                format!("{at} outcome"),
                (
                    "3 outcomes",
                    format!(
                        "rule {at}: {kind}, {}: {}",
                        cite(data, r, &rule.clause),
                        rule.summary.zh
                    ),
                ),
            );
            cited.push(rule.clause.clone());
            if let Some(w) = &rule.when {
                condition(data, r, &format!("{at} › when"), w, &mut out, &mut cited);
            }
            for (field, items) in [("paper", &rule.materials), ("next step", &rule.next_steps)] {
                for m in items {
                    out.insert(
                        format!("{at} {field} {}", m.text.zh),
                        (
                            "4 papers, places and steps",
                            format!(
                                "rule {at} {field}: {} ({})",
                                m.text.zh,
                                cite(data, r, &m.clause)
                            ),
                        ),
                    );
                    cited.push(m.clause.clone());
                }
            }
            if let Some(w) = &rule.where_to_go {
                out.insert(
                    format!("{at} where"),
                    (
                        "4 papers, places and steps",
                        format!(
                            "rule {at} where to go: {} ({})",
                            w.text.zh,
                            cite(data, r, &w.clause)
                        ),
                    ),
                );
                cited.push(w.clause.clone());
            }
        }
    }
    // The words of each clause cited, by document and clause.
    for c in cited {
        if let Some((doc, clause)) = data.clause(&r.document, &c) {
            out.insert(
                format!("clause {}#{}", doc.id, clause.id),
                (
                    "5 clause words",
                    format!(
                        "{} {}: {}",
                        doc.number,
                        clause.label,
                        one_line(&clause.text)
                    ),
                ),
            );
        }
    }
    out
}

fn one_line(text: &str) -> String {
    let joined: String = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let mut s: String = joined.chars().take(80).collect();
    if joined.chars().count() > 80 {
        s += "…";
    }
    s
}

/// A clause as a reader finds it: the document's number and the clause's label.
fn cite(data: &PolicyData, r: &Ruleset, reference: &str) -> String {
    match data.clause(&r.document, reference) {
        Some((doc, clause)) => format!("{} {}", doc.number, clause.label),
        None => reference.to_string(),
    }
}

/// A condition and those inside it, each leaf by `at › fact` (so that a threshold that changes
/// is one 'changed' line).
fn condition(
    data: &PolicyData,
    r: &Ruleset,
    at: &str,
    c: &Condition,
    out: &mut BTreeMap<String, (&'static str, String)>,
    cited: &mut Vec<String>,
) {
    if let Some(cl) = &c.clause {
        cited.push(cl.clone());
    }
    let label = c.label.as_ref().map(|l| l.zh.clone()).unwrap_or_default();
    let source = c
        .clause
        .as_deref()
        .map(|cl| format!(" ({})", cite(data, r, cl)))
        .unwrap_or_default();
    let (key, test) = match &c.test {
        Test::All(items) | Test::Any(items) | Test::Unclear(items, _) => {
            let word = match &c.test {
                Test::All(_) => "all of",
                Test::Any(_) => "one of",
                _ => "unclear whether all or one of",
            };
            for item in items {
                let name = leaf_name(item);
                condition(data, r, &format!("{at} › {name}"), item, out, cited);
            }
            (
                at.to_string(),
                format!("{word} {} condition(s)", items.len()),
            )
        }
        Test::Not(item) => {
            condition(data, r, &format!("{at} › not"), item, out, cited);
            (at.to_string(), "not the following".to_string())
        }
        Test::Ref(name) => (
            format!("{at} › ref {name}"),
            format!("the conditions '{name}'"),
        ),
        Test::Is { fact, value } => (
            at.to_string(),
            format!("{fact} is {}", if *value { "yes" } else { "no" }),
        ),
        Test::OneOf { fact, choices } => (
            at.to_string(),
            format!("{fact} is one of {}", choices.join(", ")),
        ),
        Test::AgeAtLeast { fact, years } => {
            (at.to_string(), format!("age by {fact} at least {years}"))
        }
        Test::AgeAtMost { fact, years } => {
            (at.to_string(), format!("age by {fact} at most {years}"))
        }
        Test::SinceAtLeast { fact, period } => (
            at.to_string(),
            format!("{fact} at least {} ago", period_en(period)),
        ),
        Test::AtLeast { fact, amount } => (
            at.to_string(),
            format!("{fact} at least {}", amount_en(amount)),
        ),
        Test::AtMost { fact, amount } => (
            at.to_string(),
            format!("{fact} at most {}", amount_en(amount)),
        ),
        Test::PointsAtLeast { scheme, points } => {
            (at.to_string(), format!("{scheme} points at least {points}"))
        }
        Test::Vague(note) => (at.to_string(), format!("vague: {}", note.zh)),
    };
    let shown = if label.is_empty() {
        format!("{at}: {test}{source}")
    } else {
        format!("{at}: {label}: {test}{source}")
    };
    out.insert(key, ("2 conditions", shown));
}

/// The name of a condition inside a group: the fact it tests, or its label.
fn leaf_name(c: &Condition) -> String {
    if let Some(fact) = c.fact() {
        return fact.to_string();
    }
    match &c.test {
        Test::Ref(name) => format!("ref {name}"),
        Test::PointsAtLeast { scheme, .. } => scheme.clone(),
        _ => c
            .label
            .as_ref()
            .map_or_else(|| "group".to_string(), |l| l.zh.chars().take(12).collect()),
    }
}

fn period_en(p: &crate::engine::date::Period) -> String {
    let mut parts = Vec::new();
    let plural = |n: u32, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if p.years > 0 {
        parts.push(plural(p.years, "year"));
    }
    if p.months > 0 {
        parts.push(plural(p.months, "month"));
    }
    if p.days > 0 {
        parts.push(plural(p.days, "day"));
    }
    parts.join(" ")
}

fn amount_en(a: &Amount) -> String {
    match a {
        Amount::Number(n) => n.to_string(),
        Amount::Period(p) => period_en(p),
    }
}
