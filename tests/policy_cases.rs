//! Runs every policy case in `policy-data/*/cases.toml` as its own test, named by its sentence,
//! plus checks over the data as a whole. `cargo test -- "too young"` runs the cases that match.

use anju::engine::policy_tools::verbatim;
use anju::engine::source::load_dir;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use std::sync::Arc;

fn main() {
    let args = Arguments::from_args();
    let dir = data_dir();
    let loaded = match load_dir(&dir) {
        Ok(l) => Arc::new(l),
        Err(errors) => {
            for e in &errors {
                eprintln!("policy-data/{e}");
            }
            // One failing trial, so the summary line says what happened.
            let msg = format!("policy-data has {} problem(s); see above", errors.len());
            let trial = Trial::test("policy-data is valid", move || {
                Err(Failed::from(msg.clone()))
            });
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let mut trials = Vec::new();
    {
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every rule, condition, material and step cites a clause that exists",
            move || every_citation_resolves(&l.data).map_err(Failed::from),
        ));
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every clause is quoted word for word from its published text, where the texts are at hand",
            move || clauses_are_verbatim(&l).map_err(Failed::from),
        ));
    }
    // Said once, before the cases: which documents could not be checked word for word.
    let unchecked = verbatim::check(&loaded.data, &loaded.origins, &dir, &sources());
    if let Some(notice) = unchecked.unverified_notice() {
        eprintln!("note: {notice}");
    }
    for (i, (file, case)) in loaded.cases.iter().enumerate() {
        let l = Arc::clone(&loaded);
        let name = format!("{file}: {}", case.name);
        trials.push(Trial::test(name, move || {
            let (_, case) = &l.cases[i];
            case.check(&l.data).map_err(Failed::from)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Walks every citation of every rule set (the validator checks the same, and this test keeps
/// the promise visible on its own).
fn every_citation_resolves(data: &anju::engine::PolicyData) -> Result<(), String> {
    use anju::engine::model::Condition;
    fn walk<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
        if let Some(clause) = &c.clause {
            out.push(clause);
        }
        for k in c.children() {
            walk(k, out);
        }
    }
    let mut missing = Vec::new();
    let mut count = 0;
    for r in &data.rulesets {
        let mut cites: Vec<&str> = Vec::new();
        for c in r.conditions.values() {
            walk(c, &mut cites);
        }
        for d in &r.decisions {
            for rule in &d.rules {
                cites.push(&rule.clause);
                if let Some(w) = &rule.when {
                    walk(w, &mut cites);
                }
                cites.extend(rule.materials.iter().map(|m| m.clause.as_str()));
                cites.extend(rule.next_steps.iter().map(|m| m.clause.as_str()));
                cites.extend(rule.where_to_go.iter().map(|m| m.clause.as_str()));
            }
        }
        for cite in cites {
            count += 1;
            if data.clause(&r.document, cite).is_none() {
                missing.push(format!("{}: {cite}", r.id));
            }
        }
    }
    if count == 0 {
        return Err("no citations found at all".into());
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("citations to no clause:\n{}", missing.join("\n")))
    }
}

/// Each line of each quoted clause stands, as written, in the document's source file, in the
/// sources folder (`ANJU_SOURCES`, or `../shared/` beside the repository). Where there is none,
/// the documents not checked are named once, before the cases run, and this passes.
fn clauses_are_verbatim(loaded: &anju::engine::source::Loaded) -> Result<(), String> {
    let report = verbatim::check(&loaded.data, &loaded.origins, &data_dir(), &sources());
    if report.wrong.is_empty() {
        Ok(())
    } else {
        let lines: Vec<String> = report
            .wrong
            .iter()
            .map(|e| format!("policy-data/{e}"))
            .collect();
        Err(lines.join("\n"))
    }
}

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data")
}

fn sources() -> verbatim::Sources {
    verbatim::find_sources_here(Path::new(env!("CARGO_MANIFEST_DIR")))
}
