//! No visible interface text outside the locale files, and no text without its translations.
//!
//! - The views (src/ui) hold no string literal in Chinese and no
//!   English sentence: interface text comes from src/portal/locales, which the build checks for all
//!   three languages. (Printed forms stay in Chinese by design; their words live in src/portal/forms.rs.)
//! - Every message in the locale files is used by some view, so none is left stale.
//! - Every text of the policy data (questions, hints, choices, titles, summaries) has its
//!   Traditional Chinese and English.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of one line of Rust (enough for this code base: no multi-line literals
/// in views), with comments removed.
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            break;
        }
        // A char literal such as '"' or '\'' is not the start of a string.
        if c == '\'' {
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\\") || rest.chars().nth(1) == Some('\'') {
                chars.nth(if rest.starts_with('\\') { 2 } else { 1 });
                continue;
            }
        }
        if c == '"' && prev != '\\' {
            let mut s = String::new();
            let mut escaped = false;
            for d in chars.by_ref() {
                if escaped {
                    escaped = false;
                    s.push(d);
                } else if d == '\\' {
                    escaped = true;
                } else if d == '"' {
                    break;
                } else {
                    s.push(d);
                }
            }
            out.push(s);
        }
        prev = c;
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// "Check your answers", "Next page": an English phrase a person would read.
fn is_english_phrase(s: &str) -> bool {
    let mut words = s.split(' ');
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && !rest.is_empty()
        && rest.iter().all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_alphabetic() || ",.:;!?'".contains(c))
        })
}

#[test]
fn views_hold_no_interface_text_of_their_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("ui"), &mut files);
    assert!(files.len() > 10, "found the view sources");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") || line.contains("i18n-exempt") {
                continue;
            }
            for lit in literals(line) {
                if lit.chars().any(is_cjk) || is_english_phrase(&lit) {
                    found.push(format!(
                        "{}:{}: \"{lit}\"",
                        file.strip_prefix(&root).unwrap_or(file).display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "interface text belongs in src/portal/locales, found in views:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_notices_text_in_a_view() {
    assert_eq!(
        literals(r#"<p>"返回"</p> // "注释""#),
        vec!["返回".to_string()]
    );
    assert!(literals(r#"let c = '"'; let s = "x";"#).contains(&"x".to_string()));
    assert!(is_english_phrase("Check your answers"));
    assert!(!is_english_phrase("button secondary"));
    assert!(!is_english_phrase("Msg"));
}

#[test]
fn every_message_is_used() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = String::new();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for f in files {
        sources.push_str(&std::fs::read_to_string(f).expect("readable"));
    }
    let dir = root.join("src/portal/locales/zh-Hans");
    let mut unused = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("locales") {
        let path = entry.expect("entry").path();
        let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).expect("readable"))
            .expect("locale TOML");
        for key in table.keys() {
            let variant: String = key
                .split(['_', '.', '-'])
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            if !sources.contains(&format!("Msg::{variant}")) {
                unused.push(format!(
                    "{}: {key}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "messages no view uses:\n{}",
        unused.join("\n")
    );
}

#[test]
fn every_policy_text_has_its_translations() {
    let loaded =
        anju::engine::source::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data"))
            .unwrap_or_else(|e| panic!("policy-data is invalid: {e:?}"));
    let missing = anju::engine::validate::missing_translations(&loaded.data, &loaded.origins);
    assert!(
        missing.is_empty(),
        "texts without a translation:\n{}",
        missing.join("\n")
    );
}

/// Every document title and clause label is translated, and its Traditional Chinese is the same
/// words in the other script: as many characters as the published text, with the same digits,
/// punctuation and spaces in the same places (a script conversion, never a rewording).
#[test]
fn titles_and_labels_are_translated_and_their_traditional_chinese_is_the_same_words() {
    let loaded =
        anju::engine::source::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data"))
            .unwrap_or_else(|e| panic!("policy-data is invalid: {e:?}"));
    let mut wrong = Vec::new();
    let mut check =
        |place: String, published: &str, t: Option<&anju::engine::text::Translation>| {
            let Some(t) = t else {
                wrong.push(format!("{place}: no translation"));
                return;
            };
            let a: Vec<char> = published.chars().collect();
            let b: Vec<char> = t.zh_hant.chars().collect();
            let same_shape = a.len() == b.len()
                && a.iter()
                    .zip(&b)
                    .all(|(x, y)| x == y || (is_cjk(*x) && is_cjk(*y)));
            if !same_shape {
                wrong.push(format!(
                    "{place}: '{}' is not a script conversion of '{published}'",
                    t.zh_hant
                ));
            }
            if t.en.trim().is_empty() || t.en.chars().any(is_cjk) {
                wrong.push(format!(
                    "{place}: the English '{}' is empty or holds Chinese",
                    t.en
                ));
            }
        };
    for d in &loaded.data.documents {
        check(
            format!("{} title", d.id),
            &d.title,
            d.translated_title.as_ref(),
        );
        for c in &d.clauses {
            check(
                format!("{} clause {}", d.id, c.id),
                &c.label,
                c.translated_label.as_ref(),
            );
        }
    }
    assert!(wrong.is_empty(), "titles and labels:\n{}", wrong.join("\n"));
}
