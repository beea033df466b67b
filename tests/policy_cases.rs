//! Runs every policy case in `policy-data/*/cases.toml` as its own test, named by its sentence,
//! plus checks over the data as a whole. `cargo test -- "too young"` runs the cases that match.

use anju::engine::source::load_dir;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use std::sync::Arc;

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data");
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
            "every clause is quoted word for word from its source in shared/",
            move || clauses_are_verbatim(&l.data).map_err(Failed::from),
        ));
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every citation that names its words cites a clause that says them",
            move || quotes_stand_in_their_clauses(&l.data).map_err(Failed::from),
        ));
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

/// Each line of each quoted clause stands, as written, in the document's source file (under
/// the shared folder beside the repository, where CI has it too).
fn clauses_are_verbatim(data: &anju::engine::PolicyData) -> Result<(), String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared");
    if !shared.is_dir() {
        return Err(format!(
            "no shared folder at {}: the sources the clauses quote are needed",
            shared.display()
        ));
    }
    let mut wrong = Vec::new();
    let mut checked = 0;
    for doc in &data.documents {
        let path = shared.join(&doc.source);
        let source =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for clause in &doc.clauses {
            checked += 1;
            for line in clause.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if !source.contains(line) {
                    wrong.push(format!(
                        "{} {}: \"{line}\" is not in {}",
                        doc.id, clause.id, doc.source
                    ));
                }
            }
        }
    }
    if checked == 0 {
        return Err("no clauses found".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n"))
    }
}

/// The words a rule, condition, paper, place or step says it rests on (`quote`) stand in the
/// clause it cites. Spaces do not count, nor the pinyin some sources print after a character
/// (業(yè)); parts joined by `…` must stand in that order.
fn quotes_stand_in_their_clauses(data: &anju::engine::PolicyData) -> Result<(), String> {
    use anju::engine::model::{Cited, Condition};
    /// (where, clause, quote) of every quoted citation under a condition.
    fn walk<'a>(c: &'a Condition, at: &str, out: &mut Vec<(String, &'a str, &'a str)>) {
        if let (Some(clause), Some(quote)) = (&c.clause, &c.quote) {
            let label = c.label.as_ref().map_or("", |l| l.zh.as_str());
            out.push((format!("{at} «{label}»"), clause, quote));
        }
        for k in c.children() {
            walk(k, at, out);
        }
    }
    fn cited<'a>(items: &'a [Cited], at: &str, out: &mut Vec<(String, &'a str, &'a str)>) {
        for (i, c) in items.iter().enumerate() {
            if let Some(q) = &c.quote {
                out.push((format!("{at}[{i}]"), &c.clause, q));
            }
            if let Some(w) = &c.when {
                walk(w, &format!("{at}[{i}] › when"), out);
            }
        }
    }
    let mut quotes: Vec<(String, &str, &str, &str)> = Vec::new();
    for r in &data.rulesets {
        let mut found = Vec::new();
        for (name, c) in &r.conditions {
            walk(c, &format!("conditions.{name}"), &mut found);
        }
        for d in &r.decisions {
            for rule in &d.rules {
                let at = format!("{} › {}", d.id, rule.id);
                if let Some(q) = &rule.quote {
                    found.push((at.clone(), &rule.clause, q));
                }
                if let Some(w) = &rule.when {
                    walk(w, &format!("{at} › when"), &mut found);
                }
                cited(&rule.materials, &format!("{at} › materials"), &mut found);
                cited(
                    rule.where_to_go.as_slice(),
                    &format!("{at} › where"),
                    &mut found,
                );
                cited(&rule.next_steps, &format!("{at} › next_steps"), &mut found);
            }
        }
        quotes.extend(found.into_iter().map(|(at, clause, quote)| {
            (
                format!("{} › {at}", r.id),
                r.document.as_str(),
                clause,
                quote,
            )
        }));
    }
    if quotes.is_empty() {
        return Err("no citation names its words".into());
    }
    let mut wrong = Vec::new();
    for (at, document, reference, quote) in &quotes {
        let Some((_, clause)) = data.clause(document, reference) else {
            wrong.push(format!("{at}: no clause '{reference}'"));
            continue;
        };
        if !anju::engine::cases::quote_stands_in(&clause.text, quote) {
            wrong.push(format!(
                "{at}: '{quote}' is not in {reference} ({}), whose words are: {}",
                clause.label,
                clause.text.trim()
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} quoted citation(s) wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        ))
    }
}
