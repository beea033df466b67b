//! The names a policy case uses — rule sets in `decision` and `absent`, decisions, rules, the
//! case's place — must exist. A case that says `absent = ["lucheng-school-2031"]` would
//! otherwise pass for ever, whatever the rules say; a misspelt one gets 'did you mean …'.

use crate::engine::cases::Case;
use crate::engine::model::PolicyData;
use crate::engine::suggest::did_you_mean;
use crate::engine::validate::DataError;

/// Every name in `cases` (file, case) that the data lacks.
pub fn check(data: &PolicyData, cases: &[(String, Case)]) -> Vec<DataError> {
    let rulesets = || data.rulesets.iter().map(|r| r.id.as_str());
    let mut out = Vec::new();
    for (file, case) in cases {
        let mut err = |path: String, message: String| {
            out.push(DataError {
                file: file.clone(),
                line: None,
                path: format!("case '{}' › {path}", case.name),
                message,
            })
        };
        if data.place(&case.place).is_none() {
            err(
                "place".into(),
                format!(
                    "no place '{}'{}",
                    case.place,
                    did_you_mean(&case.place, data.places.iter().map(|p| p.id.as_str()))
                ),
            );
        }
        for (i, e) in case.expectations.iter().enumerate() {
            let at = format!("expect, item {}", i + 1);
            for id in &e.absent {
                if data.ruleset(id).is_none() {
                    err(
                        format!("{at} › absent"),
                        format!("no rule set '{id}'{}", did_you_mean(id, rulesets())),
                    );
                }
            }
            let Some((rs, decision)) = e.decision.as_deref().and_then(|d| d.split_once('/')) else {
                continue;
            };
            let Some(r) = data.ruleset(rs) else {
                err(
                    format!("{at} › decision"),
                    format!("no rule set '{rs}'{}", did_you_mean(rs, rulesets())),
                );
                continue;
            };
            let Some(d) = r.decisions.iter().find(|d| d.id == decision) else {
                err(
                    format!("{at} › decision"),
                    format!(
                        "rule set '{rs}' has no decision '{decision}'{}",
                        did_you_mean(decision, r.decisions.iter().map(|d| d.id.as_str()))
                    ),
                );
                continue;
            };
            if let Some(rule) = &e.rule
                && !d.rules.iter().any(|x| &x.id == rule)
            {
                err(
                    format!("{at} › rule"),
                    format!(
                        "decision '{rs}/{decision}' has no rule '{rule}'{}",
                        did_you_mean(rule, d.rules.iter().map(|x| x.id.as_str()))
                    ),
                );
            }
        }
    }
    out
}
