//! Helpers for the people who keep `policy-data/` (see policy-data/README.md):
//!
//! ```sh
//! cargo run -q --bin anju-policy -- check [DIR]
//! cargo run -q --bin anju-policy -- new-year school/lucheng-2013.toml --from 2017-09-01 [--id ID] [--file FILE] [--document DOC] [--cite-new-document]
//! cargo run -q --bin anju-policy -- diff OLD_RULESET_ID NEW_RULESET_ID [--data DIR]
//! cargo run -q --bin anju-policy -- coverage [DIR]
//! ```
//!
//! `check` prints only the problems: every data error with its file and line, every clause whose
//! words differ from its published text, every policy case that fails. Native only.

#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::process::ExitCode;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match native::run(&args) {
        Ok((out, ok)) => {
            // A closed pipe (`| head`) ends the output quietly.
            if !out.is_empty() {
                use std::io::Write;
                let _ = writeln!(std::io::stdout(), "{out}");
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("anju-policy: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use anju::engine::policy_tools::{self, verbatim};
    use std::path::Path;

    pub const USAGE: &str = "usage: anju-policy check [DIR]\n       anju-policy new-year OLD_FILE --from YYYY-MM-DD [--id NEW_ID] [--file NEW_FILE] [--document DOC_ID] [--cite-new-document] [--data DIR]\n       anju-policy diff OLD_RULESET_ID NEW_RULESET_ID [--data DIR]\n       anju-policy coverage [DIR]";

    /// The output, and whether the command found no problem.
    pub fn run(args: &[String]) -> Result<(String, bool), String> {
        let (cmd, rest) = args.split_first().ok_or(USAGE)?;
        match cmd.as_str() {
            "check" => Ok(check(Path::new(
                rest.first().map_or("policy-data", String::as_str),
            ))),
            "new-year" => policy_tools::new_year::command(rest).map(|s| (s, true)),
            "diff" => policy_tools::diff::command(rest).map(|s| (s, true)),
            "coverage" => policy_tools::coverage::command(rest),
            "-h" | "--help" | "help" => Ok((USAGE.to_string(), true)),
            other => Err(format!("no command '{other}'\n{USAGE}")),
        }
    }

    /// Every problem of the folder, one a line, and nothing else when there is none but a
    /// one-line summary.
    fn check(dir: &Path) -> (String, bool) {
        let shown = dir.display().to_string();
        let loaded = match anju::engine::source::load_dir(dir) {
            Ok(l) => l,
            Err(errors) => {
                let mut out = format!("{shown} has {} problem(s):", errors.len());
                for e in &errors {
                    out += &format!("\n  {shown}/{e}");
                }
                return (out, false);
            }
        };
        let mut problems = Vec::new();
        let root = std::fs::canonicalize(dir)
            .ok()
            .and_then(|d| d.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| Path::new(".").to_path_buf());
        let sources = verbatim::find_sources_here(&root);
        let report = verbatim::check(&loaded.data, &loaded.origins, dir, &sources);
        for e in &report.wrong {
            problems.push(format!("{shown}/{e}"));
        }
        for failing in policy_tools::check::failing_cases(&loaded) {
            problems.push(format!("{shown}/{failing}"));
        }
        let mut out = String::new();
        if let Some(notice) = report.unverified_notice() {
            out += &format!("note: {notice}\n");
        }
        if problems.is_empty() {
            out += &format!(
                "{shown}: no problems ({} rule sets, {} documents, {} clauses checked word for word, {} policy cases pass)",
                loaded.data.rulesets.len(),
                loaded.data.documents.len(),
                report.clauses_checked,
                loaded.cases.len()
            );
            (out, true)
        } else {
            out += &format!("{shown} has {} problem(s):", problems.len());
            for p in &problems {
                out += &format!("\n  {p}");
            }
            (out, false)
        }
    }
}
