//! `anju-policy coverage`: the rules (outcomes) that no policy case reaches, so a maintainer
//! knows which cases are still to write.

use crate::engine::source::Loaded;
use std::collections::BTreeSet;
use std::path::Path;

/// Parses `coverage [DIR]` and reports. Never fails for rules untested: it is a list to work
/// through, not a check (the exit code is 0 unless the data cannot be read).
pub fn command(args: &[String]) -> Result<(String, bool), String> {
    let dir = Path::new(args.first().map_or("policy-data", String::as_str));
    let loaded = crate::engine::source::load_dir(dir).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        format!(
            "the data has problems; run anju-policy check first:\n{}",
            list.join("\n")
        )
    })?;
    Ok((report(&loaded, dir), true))
}

/// Rule sets, decisions and rules that no case reaches, with their files and lines.
pub fn report(loaded: &Loaded, dir: &Path) -> String {
    let reached: BTreeSet<String> = loaded
        .cases
        .iter()
        .flat_map(|(_, c)| c.tested_rules(&loaded.data))
        .collect();
    let mut total = 0;
    let mut missing = Vec::new();
    for r in &loaded.data.rulesets {
        let file = loaded
            .origins
            .rulesets
            .get(&r.id)
            .cloned()
            .unwrap_or_default();
        let text = std::fs::read_to_string(dir.join(&file)).unwrap_or_default();
        let mut lines = Vec::new();
        for d in &r.decisions {
            for rule in &d.rules {
                total += 1;
                let id = format!("{}/{}/{}", r.id, d.id, rule.id);
                if reached.contains(&id) {
                    continue;
                }
                let at = super::locate::locate(
                    &text,
                    &format!("ruleset {} › decision {} › rule {}", r.id, d.id, rule.id),
                    "",
                )
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
                let kind = serde_json::to_value(rule.outcome.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                lines.push(format!(
                    "    {file}{at}: {}/{} → {kind}: {}",
                    d.id, rule.id, rule.summary.zh
                ));
            }
        }
        if !lines.is_empty() {
            let all = r.decisions.iter().map(|d| d.rules.len()).sum::<usize>();
            let none = if lines.len() == all {
                ", no case at all"
            } else {
                ""
            };
            missing.push(format!(
                "  {} ({} of {all} rules untested{none}):\n{}",
                r.id,
                lines.len(),
                lines.join("\n")
            ));
        }
    }
    let untested: usize = total - reached_count(loaded, &reached);
    let mut out = format!(
        "{}: {} of {total} rules are the outcome of some policy case",
        dir.display(),
        total - untested
    );
    if missing.is_empty() {
        out += "; every rule is";
    } else {
        out += &format!(
            "; {untested} are not (write a case whose household gets each, with its rule named: rule = \"…\"):\n{}",
            missing.join("\n")
        );
    }
    out
}

fn reached_count(loaded: &Loaded, reached: &BTreeSet<String>) -> usize {
    loaded
        .data
        .rulesets
        .iter()
        .flat_map(|r| {
            r.decisions.iter().flat_map(move |d| {
                d.rules
                    .iter()
                    .map(move |rule| format!("{}/{}/{}", r.id, d.id, rule.id))
            })
        })
        .filter(|id| reached.contains(id))
        .count()
}
