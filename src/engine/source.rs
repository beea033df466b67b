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

/// Reads and validates a data folder; every problem found, or the data.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<DataError>> {
    let mut errors = Vec::new();
    let mut loaded = Loaded::default();
    let rel = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };

    let mut files_read = Vec::new();
    let mut read = |path: &Path, errors: &mut Vec<DataError>| -> Option<String> {
        files_read.push(path.to_path_buf());
        match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) => {
                errors.push(DataError {
                    file: rel(path),
                    line: None,
                    path: String::new(),
                    message: format!("cannot read: {e}"),
                });
                None
            }
        }
    };

    let places = dir.join("places.toml");
    loaded.origins.places = rel(&places);
    if let Some(text) = read(&places, &mut errors) {
        match toml::from_str::<PlacesFile>(&text) {
            Ok(f) => loaded.data.places = f.place,
            Err(e) => errors.push(parse_error(&rel(&places), &text, e)),
        }
    }
    // Facts come from facts/*.toml in file-name order, which is the order questions are asked.
    for path in toml_files(&dir.join("facts"), &mut errors) {
        let Some(text) = read(&path, &mut errors) else {
            continue;
        };
        match toml::from_str::<FactsFile>(&text) {
            Ok(f) => {
                for fact in &f.fact {
                    loaded.origins.facts.insert(fact.id.clone(), rel(&path));
                }
                loaded.data.facts.extend(f.fact);
            }
            Err(e) => errors.push(parse_error(&rel(&path), &text, e)),
        }
    }
    for path in toml_files(&dir.join("documents"), &mut errors) {
        let Some(text) = read(&path, &mut errors) else {
            continue;
        };
        match toml::from_str::<Document>(&text) {
            Ok(d) => {
                loaded.origins.documents.insert(d.id.clone(), rel(&path));
                loaded.data.documents.push(d);
            }
            Err(e) => errors.push(parse_error(&rel(&path), &text, e)),
        }
    }
    for service in Service::ALL {
        for path in toml_files(&dir.join(service.id()), &mut errors) {
            let Some(text) = read(&path, &mut errors) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == "cases.toml") {
                match toml::from_str::<CaseFile>(&text).map(CaseFile::resolve) {
                    Ok(Ok(cases)) => loaded
                        .cases
                        .extend(cases.into_iter().map(|c| (rel(&path), c))),
                    // Households that do not fit their cases.
                    Ok(Err(problems)) => {
                        errors.extend(problems.into_iter().map(|message| DataError {
                            file: rel(&path),
                            line: None,
                            path: String::new(),
                            message,
                        }))
                    }
                    Err(e) => errors.push(parse_error(&rel(&path), &text, e)),
                }
                continue;
            }
            match toml::from_str::<Ruleset>(&text) {
                Ok(r) => {
                    loaded.origins.rulesets.insert(r.id.clone(), rel(&path));
                    loaded.data.rulesets.push(r);
                }
                Err(e) => errors.push(parse_error(&rel(&path), &text, e)),
            }
        }
    }
    let forms = dir.join("forms.toml");
    if forms.exists() {
        loaded.origins.forms = rel(&forms);
        if let Some(text) = read(&forms, &mut errors) {
            match toml::from_str(&text) {
                Ok(f) => loaded.data.forms = Some(f),
                Err(e) => errors.push(parse_error(&rel(&forms), &text, e)),
            }
        }
    }
    for path in toml_files(&dir.join("points"), &mut errors) {
        let Some(text) = read(&path, &mut errors) else {
            continue;
        };
        match toml::from_str::<PointsScheme>(&text) {
            Ok(s) => {
                loaded
                    .origins
                    .points_schemes
                    .insert(s.id.clone(), rel(&path));
                loaded.data.points_schemes.push(s);
            }
            Err(e) => errors.push(parse_error(&rel(&path), &text, e)),
        }
    }
    loaded.files = files_read;
    if errors.is_empty() {
        errors = validate(&loaded.data, &loaded.origins);
    }
    if errors.is_empty() {
        errors = super::policy_tools::case_refs::check(&loaded.data, &loaded.cases);
    }
    add_lines(dir, &mut errors);
    if errors.is_empty() {
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
fn add_lines(dir: &Path, errors: &mut [DataError]) {
    let mut texts = std::collections::BTreeMap::new();
    for e in errors.iter_mut().filter(|e| e.line.is_none()) {
        let text = texts
            .entry(e.file.clone())
            .or_insert_with(|| std::fs::read_to_string(dir.join(&e.file)).unwrap_or_default());
        e.line = super::policy_tools::locate::locate(text, &e.path, &e.message);
    }
}
