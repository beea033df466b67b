//! The explorer's 'check a draft' (`?p=draft`) as plain code: a maintainer's changed or new
//! data files, each put where it belongs in the data folder, then the whole folder read,
//! validated and run against every policy case, as `anju-policy check` does (without the
//! comparison of quotes with the published texts, which a browser does not have).

use crate::engine::policy_tools::check::{FailingCase, failing_cases};
use crate::engine::policy_tools::messages::parse_error;
use crate::engine::source::{Files, Loaded, load_files};
use crate::engine::validate::DataError;

/// Where a chosen file goes in the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In place of the build's file at this path.
    Replaces(String),
    /// As a new file at this path.
    Adds(String),
    /// Nowhere: its kind could not be told (the file is not used).
    Unplaced(Unplaced),
}

/// Why a chosen file could not be placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unplaced {
    /// It is not TOML: the problem, on its line.
    NotToml(DataError),
    /// It is TOML, but neither places, facts, a document, a rule set, cases nor the forms.
    UnknownKind,
}

/// Where the file `name` with `text` goes, against the build's own files: the file of the same
/// name, where only one has it; else the folder its contents say (a rule set's `service`, a
/// cases file's households).
pub fn place(name: &str, text: &str, base: &Files) -> Placement {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let same_name: Vec<&String> = base
        .keys()
        .filter(|p| p.rsplit('/').next() == Some(name))
        .collect();
    if let [only] = same_name[..] {
        return Placement::Replaces(only.clone());
    }
    let table = match toml::from_str::<toml::Table>(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, message) = parse_error(text, &e);
            return Placement::Unplaced(Unplaced::NotToml(DataError {
                file: name.to_string(),
                line,
                path: String::new(),
                message,
            }));
        }
    };
    let Some(path) = path_for(name, &table) else {
        return Placement::Unplaced(Unplaced::UnknownKind);
    };
    if base.contains_key(&path) {
        Placement::Replaces(path)
    } else {
        Placement::Adds(path)
    }
}

/// The path a file of these contents has in the data folder (see `crate::engine::source`).
fn path_for(name: &str, t: &toml::Table) -> Option<String> {
    let has = |key: &str| t.contains_key(key);
    if has("place") && t["place"].is_array() {
        return Some("places.toml".into());
    }
    if has("fact") {
        return Some(format!("facts/{name}"));
    }
    if has("clause") || has("issuer") {
        return Some(format!("documents/{name}"));
    }
    if has("case") || has("household") {
        return first_service(t).map(|s| format!("{s}/cases.toml"));
    }
    if let Some(service) = t.get("service").and_then(|s| s.as_str()) {
        return Some(format!("{service}/{name}"));
    }
    if name == "forms.toml" {
        return Some(name.into());
    }
    None
}

/// The first service a cases file's households or cases name (`services = ["school"]`).
fn first_service(t: &toml::Table) -> Option<String> {
    let households = t.get("household").and_then(|h| h.as_table());
    let cases = t.get("case").and_then(|c| c.as_array());
    let tables = households
        .into_iter()
        .flat_map(|h| h.values())
        .chain(cases.into_iter().flatten());
    tables
        .filter_map(|v| v.get("services")?.as_array()?.first()?.as_str())
        .map(str::to_string)
        .next()
}

/// A draft checked: where each chosen file went, and what the folder with them gives.
#[derive(Debug)]
pub struct DraftCheck {
    /// (file name as chosen, where it went), in the order chosen.
    pub placed: Vec<(String, Placement)>,
    /// The data read with the draft, or every problem found in it.
    pub read: Result<Loaded, Vec<DataError>>,
    /// The policy cases that fail on the draft (none when it could not be read).
    pub failing: Vec<FailingCase>,
}

impl DraftCheck {
    /// Whether the draft passes: every file placed, no problem, every case as expected.
    pub fn passes(&self) -> bool {
        self.read.is_ok()
            && self.failing.is_empty()
            && self
                .placed
                .iter()
                .all(|(_, p)| !matches!(p, Placement::Unplaced(_)))
    }
}

/// Checks the build's files with `chosen` (file name, text) in their places.
pub fn check(base: &Files, chosen: &[(String, String)]) -> DraftCheck {
    let mut files = base.clone();
    let mut placed = Vec::new();
    for (name, text) in chosen {
        let p = place(name, text, base);
        if let Placement::Replaces(path) | Placement::Adds(path) = &p {
            files.insert(path.clone(), text.clone());
        }
        placed.push((name.clone(), p));
    }
    let read = load_files(&files);
    let failing = read.as_ref().map(failing_cases).unwrap_or_default();
    DraftCheck {
        placed,
        read,
        failing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::source::load_dir;
    use std::path::Path;

    fn base() -> Files {
        load_dir(Path::new("policy-data")).unwrap().texts
    }

    #[test]
    fn a_changed_file_of_the_build_replaces_it_and_an_unchanged_draft_passes() {
        let base = base();
        let text = base["school/lucheng-2013.toml"].clone();
        let c = check(&base, &[("lucheng-2013.toml".into(), text)]);
        assert_eq!(
            c.placed[0].1,
            Placement::Replaces("school/lucheng-2013.toml".into())
        );
        assert!(c.passes(), "{:?}", c.read.err());
    }

    #[test]
    fn a_cases_file_goes_to_the_service_its_households_name() {
        let base = base();
        let text = base["insurance/cases.toml"].clone();
        assert_eq!(
            place("cases.toml", &text, &base),
            Placement::Replaces("insurance/cases.toml".into())
        );
    }

    #[test]
    fn a_new_document_goes_to_the_documents_folder_and_a_changed_threshold_fails_its_cases() {
        let base = base();
        let notice =
            std::fs::read_to_string("tests/fixtures/new-year-2017/documents/lucheng-2017-88.toml")
                .unwrap();
        let stricter = base["school/lucheng-2013.toml"].replace(
            "fact = \"insurance_months_here\", at_least = { years = 1 }",
            "fact = \"insurance_months_here\", at_least = { years = 2 }",
        );
        let c = check(
            &base,
            &[
                ("lucheng-2017-88.toml".into(), notice),
                ("lucheng-2013.toml".into(), stricter),
            ],
        );
        assert_eq!(
            c.placed[0].1,
            Placement::Adds("documents/lucheng-2017-88.toml".into())
        );
        assert!(c.read.is_ok(), "{:?}", c.read.as_ref().err());
        assert!(!c.passes());
        assert!(!c.failing.is_empty());
        assert!(
            c.failing
                .iter()
                .all(|f| f.file == "school/cases.toml" && f.line.is_some())
        );
    }

    #[test]
    fn a_broken_file_is_named_with_its_line_and_the_rest_stays_as_built() {
        let base = base();
        let broken = base["school/lucheng-2013.toml"].replacen("id = ", "id == ", 1);
        let c = check(&base, &[("lucheng-2013.toml".into(), broken)]);
        assert!(!c.passes());
        let errors = c.read.expect_err("not TOML");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, "school/lucheng-2013.toml");
        assert!(errors[0].line.is_some());
    }

    #[test]
    fn a_new_file_that_is_not_toml_is_not_placed_and_says_why() {
        let p = place("notes.toml", "this is = = not toml", &base());
        assert!(matches!(p, Placement::Unplaced(Unplaced::NotToml(e)) if e.line == Some(1)));
        assert_eq!(
            place("other.toml", "x = 1", &base()),
            Placement::Unplaced(Unplaced::UnknownKind)
        );
    }
}
