//! The check that every clause is quoted word for word from its published text.
//!
//! The published texts are not part of the repository: they live in a *sources folder* with
//! `sources/` (laws and regulations) and `seeds/` (local notices), and a document's `source` is
//! its file relative to that folder (`seeds/wenzhou-lucheng-2013-164.txt`). The folder is the one
//! named by the environment variable [`SOURCES_ENV`], or else `../shared/` beside the repository.
//! Where neither exists the check says which documents it could not verify, and passes.

use crate::engine::model::PolicyData;
use crate::engine::validate::{DataError, Origins};
use std::path::{Path, PathBuf};

/// The environment variable that names a sources folder kept anywhere.
pub const SOURCES_ENV: &str = "ANJU_SOURCES";

/// Where the published texts were looked for, and found or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sources {
    /// A folder to read them from, and how it was chosen (`ANJU_SOURCES` or `../shared`).
    Found(PathBuf, &'static str),
    /// None: the sentence says where they were looked for.
    Missing(String),
}

/// The sources folder for the repository at `root`: `env` (the value of [`SOURCES_ENV`], if
/// set and not empty) when it names a folder, else `root/../shared` when it exists.
pub fn find_sources(root: &Path, env: Option<std::ffi::OsString>) -> Sources {
    if let Some(v) = env.filter(|v| !v.is_empty()) {
        let p = PathBuf::from(v);
        return if p.is_dir() {
            Sources::Found(p, SOURCES_ENV)
        } else {
            Sources::Missing(format!(
                "{SOURCES_ENV} names {}, which is not a folder",
                p.display()
            ))
        };
    }
    let shared = root.join("..").join("shared");
    if shared.is_dir() {
        Sources::Found(shared, "../shared")
    } else {
        Sources::Missing(format!(
            "no folder ../shared beside the repository and {SOURCES_ENV} is not set"
        ))
    }
}

/// [`find_sources`] with this process's environment.
pub fn find_sources_here(root: &Path) -> Sources {
    find_sources(root, std::env::var_os(SOURCES_ENV))
}

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Clauses checked against their source.
    pub clauses_checked: usize,
    /// Documents that could not be checked: `(document file, why)`.
    pub unverified: Vec<(String, String)>,
    /// Clauses whose words differ from the source, one message each.
    pub wrong: Vec<DataError>,
}

impl Report {
    /// The one notice for documents that could not be verified, or none.
    pub fn unverified_notice(&self) -> Option<String> {
        if self.unverified.is_empty() {
            return None;
        }
        // One reason for all (no sources folder), or one a document (a file not there).
        let first = &self.unverified[0].1;
        let mut s = format!(
            "could not check that the clauses of {} document(s) are quoted word for word",
            self.unverified.len()
        );
        if self.unverified.iter().all(|(_, why)| why == first) {
            let files: Vec<&str> = self.unverified.iter().map(|(f, _)| f.as_str()).collect();
            s += &format!(
                ": {first}.
  Not checked: {}",
                files.join(", ")
            );
        } else {
            s += ":";
            for (file, why) in &self.unverified {
                s += &format!("\n  {file}: {why}");
            }
        }
        s += &format!(
            "\n  To check them, name the folder holding sources/ and seeds/ in {SOURCES_ENV}, or keep it as ../shared beside the repository."
        );
        Some(s)
    }
}

/// Checks every clause of every document: each non-empty line of its text, trimmed, must stand
/// in the source file. `data_dir` is the policy-data folder (to give line numbers).
pub fn check(data: &PolicyData, origins: &Origins, data_dir: &Path, sources: &Sources) -> Report {
    let mut report = Report::default();
    for doc in &data.documents {
        let file = origins
            .documents
            .get(&doc.id)
            .cloned()
            .unwrap_or_else(|| format!("documents/{}.toml", doc.id));
        let root = match sources {
            Sources::Found(root, _) => root,
            Sources::Missing(why) => {
                report.unverified.push((file, why.clone()));
                continue;
            }
        };
        let path = root.join(&doc.source);
        let Ok(source) = std::fs::read_to_string(&path) else {
            report.unverified.push((
                file,
                format!("no file {} in {}", doc.source, root.display()),
            ));
            continue;
        };
        let toml_text = std::fs::read_to_string(data_dir.join(&file)).unwrap_or_default();
        for clause in &doc.clauses {
            report.clauses_checked += 1;
            for line in clause.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if source.contains(line) {
                    continue;
                }
                let at = toml_text
                    .lines()
                    .position(|l| l.contains(line))
                    .or_else(|| super::locate::line_of_id(&toml_text, &clause.id))
                    .map(|i| i + 1);
                report.wrong.push(DataError {
                    file: file.clone(),
                    line: at,
                    path: format!("document {} › clause {} › text", doc.id, clause.id),
                    message: difference(line, &source, &doc.source),
                });
            }
        }
    }
    report
}

/// How many characters of context a difference is shown with, on each side.
const CONTEXT: usize = 12;

/// Where `line` (a line of a quoted clause) first departs from `source`: the longest start of
/// the line that the source contains, and the character after it, shown in context on both sides.
pub fn difference(line: &str, source: &str, source_name: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let prefix = |k: usize| -> String { chars[..k].iter().collect() };
    // Every start of a start the source contains is contained too: search for the longest.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if source.contains(&prefix(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return format!(
            "the quoted words are not in {source_name}: not even its first character '{}' is there",
            chars.first().copied().unwrap_or(' ')
        );
    }
    let found = prefix(lo);
    let at = source.find(&found).unwrap_or(0) + found.len();
    let source_line = source[..at].matches('\n').count() + 1;
    let before: String = chars[lo.saturating_sub(CONTEXT)..lo].iter().collect();
    let quoted_char = chars[lo];
    let quoted_after: String = chars[lo + 1..].iter().take(CONTEXT).collect();
    let mut rest = source[at..].chars();
    let source_char = rest.next();
    let source_after: String = rest.take_while(|c| *c != '\n').take(CONTEXT).collect();
    let show = |c: Option<char>| match c {
        None | Some('\n') => "(end of line)".to_string(),
        Some(c) => format!("«{c}»"),
    };
    format!(
        "character {} of the quoted line differs from {source_name} (line {source_line}):\n      quoted: …{before}{}{quoted_after}…\n      source: …{before}{}{source_after}…",
        lo + 1,
        show(Some(quoted_char)),
        show(source_char),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_comes_first_then_shared_beside_the_repository() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fixture = here.join("tests/fixtures/sources");
        assert_eq!(
            find_sources(here, Some(fixture.clone().into_os_string())),
            Sources::Found(fixture, SOURCES_ENV)
        );
        assert_eq!(
            find_sources(here, Some("/no/such/folder".into())),
            Sources::Missing(format!(
                "{SOURCES_ENV} names /no/such/folder, which is not a folder"
            ))
        );
        // An empty variable counts as unset; a repository with no ../shared has none.
        let lone = here.join("tests/fixtures/policy-data-fixture/school");
        assert_eq!(
            find_sources(&lone, Some("".into())),
            Sources::Missing(format!(
                "no folder ../shared beside the repository and {SOURCES_ENV} is not set"
            ))
        );
    }

    #[test]
    fn the_first_differing_character_is_shown_in_context() {
        let source = "第一条 甲乙丙丁。\n第二条 戊己庚辛。\n";
        assert_eq!(
            difference("第二条 戊己庚申。", source, "seeds/x.txt"),
            "character 8 of the quoted line differs from seeds/x.txt (line 2):\n      quoted: …第二条 戊己庚«申»。…\n      source: …第二条 戊己庚«辛»。…"
        );
        assert_eq!(
            difference("第二条 戊己庚辛。多", source, "seeds/x.txt"),
            "character 10 of the quoted line differs from seeds/x.txt (line 2):\n      quoted: …第二条 戊己庚辛。«多»…\n      source: …第二条 戊己庚辛。(end of line)…"
        );
        assert_eq!(
            difference("乙", "甲", "seeds/x.txt"),
            "the quoted words are not in seeds/x.txt: not even its first character '乙' is there"
        );
    }
}
