//! Reads the maintainers' TOML from a `policy-data/` folder (native only: the build script, the
//! command line and the tests). The portal receives the validated result as JSON.
//!
//! Layout:
//! - `places.toml`: `[[place]]` tables;
//! - `facts/*.toml`: `[[fact]]` tables; file-name order, then order within a file, is the order
//!   in which questions are asked;
//! - `documents/<id>.toml`: one document with its `[[clause]]`s;
//! - `school/`, `insurance/`, `permit/`: one rule set a file, and `cases.toml` with the cases
//!   (and the base households they start from);
//! - `points/<id>.toml`: points schemes (none shipped; the tests bring a fixture);
//! - `forms.toml`: the rule sets, rules and clauses the printed forms rest on (optional).

use super::cases::{Case, CaseFile};
use super::model::{Document, Fact, Place, PointsScheme, PolicyData, Ruleset, Service};
use super::validate::{DataError, Origins, validate};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A data folder as read: the data, where each item came from, and the policy cases.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The validated policy data.
    pub data: PolicyData,
    /// The file each place, fact, document and rule set was read from, for messages.
    pub origins: Origins,
    /// (file, case), in file order.
    pub cases: Vec<(String, Case)>,
    /// Every file read, for the build script's change tracking.
    pub files: Vec<PathBuf>,
    /// The text of every file read, by its path in the folder (for messages' line numbers).
    pub texts: Files,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    place: Vec<Place>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    fact: Vec<Fact>,
}

/// A data folder's files as text, by their path inside it (`school/cases.toml`): what
/// [`load_files`] reads, whether from a folder on disk or from files chosen in a browser.
pub type Files = std::collections::BTreeMap<String, String>;

/// Reads and validates a data folder; every problem found, or the data.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<DataError>> {
    let mut errors = Vec::new();
    let mut files = Files::new();
    let mut paths = Vec::new();
    let rel = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut read = |path: PathBuf, errors: &mut Vec<DataError>| {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                files.insert(rel(&path), text);
            }
            Err(e) => errors.push(DataError {
                file: rel(&path),
                line: None,
                path: String::new(),
                message: format!("cannot read: {e}"),
            }),
        }
        paths.push(path);
    };
    read(dir.join("places.toml"), &mut errors);
    let folders = ["facts", "documents", "points"]
        .into_iter()
        .chain(Service::ALL.map(Service::id));
    for folder in folders {
        for path in toml_files(&dir.join(folder), &mut errors) {
            read(path, &mut errors);
        }
    }
    if dir.join("forms.toml").exists() {
        read(dir.join("forms.toml"), &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut loaded = load_files(&files)?;
    loaded.files = paths;
    Ok(loaded)
}

/// The files of one folder of a file set (`facts/…`), in name order.
fn in_folder<'f>(files: &'f Files, folder: &str) -> Vec<(&'f str, &'f str)> {
    files
        .iter()
        .filter(|(path, _)| {
            path.strip_prefix(folder)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|name| !name.contains('/') && name.ends_with(".toml"))
        })
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect()
}

/// Reads and validates a data folder given as its files' texts (see [`Files`]); every problem
/// found, each with its file and line, or the data.
pub fn load_files(files: &Files) -> Result<Loaded, Vec<DataError>> {
    let mut errors = Vec::new();
    let mut loaded = Loaded::default();

    loaded.origins.places = "places.toml".into();
    match files.get("places.toml") {
        Some(text) => match toml::from_str::<PlacesFile>(text) {
            Ok(f) => loaded.data.places = f.place,
            Err(e) => errors.push(parse_error("places.toml", text, e)),
        },
        None => errors.push(DataError {
            file: "places.toml".into(),
            line: None,
            path: String::new(),
            message: "missing: every data folder has a places.toml".into(),
        }),
    }
    // Facts come from facts/*.toml in file-name order, which is the order questions are asked.
    for (path, text) in in_folder(files, "facts") {
        match toml::from_str::<FactsFile>(text) {
            Ok(f) => {
                for fact in &f.fact {
                    loaded.origins.facts.insert(fact.id.clone(), path.into());
                }
                loaded.data.facts.extend(f.fact);
            }
            Err(e) => errors.push(parse_error(path, text, e)),
        }
    }
    for (path, text) in in_folder(files, "documents") {
        match toml::from_str::<Document>(text) {
            Ok(d) => {
                loaded.origins.documents.insert(d.id.clone(), path.into());
                loaded.data.documents.push(d);
            }
            Err(e) => errors.push(parse_error(path, text, e)),
        }
    }
    for service in Service::ALL {
        for (path, text) in in_folder(files, service.id()) {
            if path.ends_with("/cases.toml") {
                match toml::from_str::<CaseFile>(text).map(CaseFile::resolve) {
                    Ok(Ok(cases)) => loaded
                        .cases
                        .extend(cases.into_iter().map(|c| (path.to_string(), c))),
                    // Households that do not fit their cases.
                    Ok(Err(problems)) => {
                        errors.extend(problems.into_iter().map(|message| DataError {
                            file: path.into(),
                            line: None,
                            path: String::new(),
                            message,
                        }))
                    }
                    Err(e) => errors.push(parse_error(path, text, e)),
                }
                continue;
            }
            match toml::from_str::<Ruleset>(text) {
                Ok(r) => {
                    loaded.origins.rulesets.insert(r.id.clone(), path.into());
                    loaded.data.rulesets.push(r);
                }
                Err(e) => errors.push(parse_error(path, text, e)),
            }
        }
    }
    if let Some(text) = files.get("forms.toml") {
        loaded.origins.forms = "forms.toml".into();
        match toml::from_str(text) {
            Ok(f) => loaded.data.forms = Some(f),
            Err(e) => errors.push(parse_error("forms.toml", text, e)),
        }
    }
    for (path, text) in in_folder(files, "points") {
        match toml::from_str::<PointsScheme>(text) {
            Ok(s) => {
                loaded
                    .origins
                    .points_schemes
                    .insert(s.id.clone(), path.into());
                loaded.data.points_schemes.push(s);
            }
            Err(e) => errors.push(parse_error(path, text, e)),
        }
    }
    if errors.is_empty() {
        errors = validate(&loaded.data, &loaded.origins);
    }
    if errors.is_empty() {
        errors = super::policy_tools::case_refs::check(&loaded.data, &loaded.cases);
    }
    add_lines(files, &mut errors);
    if errors.is_empty() {
        loaded.texts = files.clone();
        Ok(loaded)
    } else {
        Err(errors)
    }
}

/// `.toml` files of a folder, sorted by name; a missing folder has none.
fn toml_files(dir: &Path, errors: &mut Vec<DataError>) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) if e.path().extension().is_some_and(|x| x == "toml") => files.push(e.path()),
            Ok(_) => {}
            Err(e) => errors.push(DataError {
                file: dir.to_string_lossy().into(),
                line: None,
                path: String::new(),
                message: e.to_string(),
            }),
        }
    }
    files.sort();
    files
}

/// A TOML or field error, in a plain sentence with the form expected, and the line quoted.
fn parse_error(file: &str, text: &str, e: toml::de::Error) -> DataError {
    let (line, message) = super::policy_tools::messages::parse_error(text, &e);
    DataError {
        file: file.to_string(),
        line,
        path: String::new(),
        message,
    }
}

/// Gives each problem found by the validator the line it is on, found again in its file.
fn add_lines(files: &Files, errors: &mut [DataError]) {
    for e in errors.iter_mut().filter(|e| e.line.is_none()) {
        let text = files.get(&e.file).map_or("", String::as_str);
        e.line = super::policy_tools::locate::locate(text, &e.path, &e.message);
    }
}
