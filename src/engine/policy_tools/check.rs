//! The policy cases as a check of the data, the same wherever it runs: `anju-policy check` on
//! a maintainer's machine and the explorer's 'check a draft' page in a browser.

use crate::engine::source::Loaded;

/// A policy case that does not give what it expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailingCase {
    /// The cases file, inside the data folder (`school/cases.toml`).
    pub file: String,
    /// The line of the case's name in that file, counted from 1.
    pub line: Option<usize>,
    /// The case's sentence.
    pub name: String,
    /// What the case expected and what the rules gave.
    pub why: String,
}

impl std::fmt::Display for FailingCase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(
            f,
            ": case '{}': {}",
            self.name,
            self.why.replace('\n', "\n    ")
        )
    }
}

/// Every policy case of the data that does not give what it expects, in file order.
pub fn failing_cases(loaded: &Loaded) -> Vec<FailingCase> {
    loaded
        .cases
        .iter()
        .filter_map(|(file, case)| {
            let why = case.check(&loaded.data).err()?;
            let text = loaded.texts.get(file).map_or("", String::as_str);
            Some(FailingCase {
                file: file.clone(),
                line: line_of_case(text, &case.name),
                name: case.name.clone(),
                why,
            })
        })
        .collect()
}

/// The line, counted from 1, where the case named `name` is named (`name = "…"`).
fn line_of_case(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix("name")
                .is_some_and(|rest| rest.trim_start().starts_with('=') && rest.contains(name))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::source::{Files, load_dir, load_files};
    use std::path::Path;

    fn shipped() -> Files {
        load_dir(Path::new("policy-data"))
            .expect("policy-data")
            .texts
    }

    #[test]
    fn the_shipped_data_read_from_its_texts_is_the_data_read_from_its_folder() {
        let from_dir = load_dir(Path::new("policy-data")).unwrap();
        let from_texts = load_files(&from_dir.texts).unwrap();
        assert_eq!(
            serde_json::to_string(&from_dir.data).unwrap(),
            serde_json::to_string(&from_texts.data).unwrap()
        );
        assert_eq!(from_dir.cases.len(), from_texts.cases.len());
        assert!(failing_cases(&from_texts).is_empty());
    }

    #[test]
    fn a_changed_threshold_fails_the_cases_that_rest_on_it_with_their_file_and_line() {
        let mut files = shipped();
        let rules = files.get_mut("school/lucheng-2013.toml").unwrap();
        assert!(rules.contains("at_least = { years = 1 }"));
        *rules = rules.replace("at_least = { years = 1 }", "at_least = { years = 2 }");
        let loaded = load_files(&files).expect("still valid data");
        let failing = failing_cases(&loaded);
        assert!(
            !failing.is_empty(),
            "some Lucheng case rests on the one year"
        );
        for f in &failing {
            assert_eq!(f.file, "school/cases.toml");
            let line = f.line.expect("the case's line");
            let text = &files["school/cases.toml"];
            let at = text.lines().nth(line - 1).unwrap();
            assert!(at.contains(&f.name), "line {line} is the case's name: {at}");
        }
    }

    #[test]
    fn an_unknown_fact_in_a_draft_is_named_with_its_line_and_a_likely_meaning() {
        let mut files = shipped();
        let rules = files.get_mut("school/lucheng-2013.toml").unwrap();
        *rules = rules.replacen("\"insurance_months_here\"", "\"insurance_month_here\"", 1);
        let errors = load_files(&files).expect_err("an unknown fact");
        let e = &errors[0];
        assert_eq!(e.file, "school/lucheng-2013.toml");
        assert!(e.line.is_some());
        assert!(e.to_string().contains("insurance_months_here"), "{e}");
    }
}
