//! Validates `policy-data/` and embeds it in the portal as compact JSON. A broken data file
//! stops the build here, with a message naming the file, the rule and the field.

use std::path::Path;

// The engine is plain Rust over serde: the build script compiles the same source to validate.
#[allow(dead_code, unused_imports)]
#[path = "src/engine/mod.rs"]
mod engine;

fn main() {
    build_messages();
    let dir = Path::new("policy-data");
    println!("cargo::rerun-if-changed=policy-data");
    let loaded = match engine::source::load_dir(dir) {
        Ok(loaded) => loaded,
        Err(errors) => {
            eprintln!("policy-data has {} problem(s):", errors.len());
            for e in &errors {
                eprintln!("  policy-data/{e}");
            }
            std::process::exit(1);
        }
    };
    verbatim_check(dir, &loaded);
    let json = serde_json::to_string(&loaded.data).unwrap_or_else(|e| {
        eprintln!("cannot write policy data as JSON: {e}");
        std::process::exit(1);
    });
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let target = Path::new(&out).join("policy.json");
    if let Err(e) = std::fs::write(&target, json) {
        fail(&format!("cannot write {}: {e}", target.display()));
    }
    // Which policy cases test which rules, for the rules explorer.
    let index: Vec<engine::cases::CaseSummary> = loaded
        .cases
        .iter()
        .map(|(file, case)| engine::cases::CaseSummary {
            name: case.name.clone(),
            file: file.clone(),
            rules: case.tested_rules(&loaded.data),
        })
        .collect();
    let cases = serde_json::to_string(&index).unwrap_or_else(|e| fail(&e.to_string()));
    if let Err(e) = std::fs::write(Path::new(&out).join("cases.json"), cases) {
        fail(&format!("cannot write cases.json: {e}"));
    }
}

/// Where the published texts are at hand (`ANJU_SOURCES`, or `../shared/`), every clause must
/// be quoted from them word for word; the message names the document file and shows the first
/// character that differs. Without them the build says which documents it could not check.
fn verbatim_check(dir: &Path, loaded: &engine::source::Loaded) {
    use engine::policy_tools::verbatim;
    println!("cargo::rerun-if-env-changed={}", verbatim::SOURCES_ENV);
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let sources = verbatim::find_sources_here(Path::new(&root));
    if let verbatim::Sources::Found(folder, _) = &sources {
        // Only the files there: a path that does not exist would rerun this script every build.
        for doc in &loaded.data.documents {
            let path = folder.join(&doc.source);
            if path.is_file() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
    let report = verbatim::check(&loaded.data, &loaded.origins, dir, &sources);
    if !report.wrong.is_empty() {
        eprintln!(
            "policy-data has {} clause line(s) not quoted word for word:",
            report.wrong.len()
        );
        for e in &report.wrong {
            eprintln!("  policy-data/{e}");
        }
        std::process::exit(1);
    }
    if let Some(notice) = report.unverified_notice() {
        for line in notice.lines() {
            println!("cargo::warning={}", line.trim());
        }
    }
}

/// The portal's own interface text lives in `src/portal/locales/<lang>/*.toml` (flat
/// `key = "text"`; one file per area of the portal, so that pages can be worked on apart).
/// Every language must have every key, with the same `{placeholders}`; a key may be defined in
/// one file only. The build writes a table the views index by a generated `Msg` enum, so a
/// missing or misspelt key fails the build.
fn build_messages() {
    const LANGS: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];
    println!("cargo::rerun-if-changed=src/portal/locales");
    let mut tables = Vec::new();
    for lang in LANGS {
        let dir = format!("src/portal/locales/{lang}");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| fail(&format!("{dir}: {e}")))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut table = std::collections::BTreeMap::<String, String>::new();
        for path in files {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            let part: std::collections::BTreeMap<String, String> =
                toml::from_str(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            for (k, v) in part {
                if table.insert(k.clone(), v).is_some() {
                    fail(&format!(
                        "{}: key '{k}' is defined in another file of {dir} too",
                        path.display()
                    ));
                }
            }
        }
        tables.push((lang, dir, table));
    }
    let keys: Vec<String> = tables[0].2.keys().cloned().collect();
    let mut problems = Vec::new();
    for (_, path, table) in &tables {
        for k in &keys {
            match table.get(k) {
                None => problems.push(format!("{path}: missing key '{k}'")),
                Some(v) if v.trim().is_empty() => problems.push(format!("{path}: '{k}' is empty")),
                Some(v) if placeholders(v) != placeholders(&tables[0].2[k]) => {
                    problems.push(format!(
                        "{path}: '{k}' has placeholders {:?}, zh-Hans has {:?}",
                        placeholders(v),
                        placeholders(&tables[0].2[k])
                    ))
                }
                _ => {}
            }
        }
        for k in table.keys() {
            if !keys.contains(k) {
                problems.push(format!("{path}: key '{k}' is not in zh-Hans.toml"));
            }
        }
    }
    if !problems.is_empty() {
        fail(&problems.join("\n"));
    }
    let variant = |k: &str| -> String {
        k.split(['.', '_', '-'])
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut out = String::from(
        "/// A piece of interface text; its words are in src/portal/locales/.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Msg {\n",
    );
    for k in &keys {
        out += &format!("    /// `{k}`\n    {},\n", variant(k));
    }
    out += "}\n\nimpl Msg {\n    /// Every message, in key order.\n    pub const ALL: &[Msg] = &[";
    for k in &keys {
        out += &format!("Msg::{}, ", variant(k));
    }
    out += "];\n\n    /// The key in the locale files.\n    pub fn key(self) -> &'static str {\n        KEYS[self as usize]\n    }\n}\n\n";
    out += &format!("const KEYS: [&str; {}] = {:?};\n", keys.len(), keys);
    // Names this build's list of messages, so that interface text downloaded for another build
    // (another order or count) is refused rather than shown in the wrong places.
    let digest = keys.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, k| {
        (k.bytes().chain([b'\n'])).fold(h, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    });
    out += &format!(
        "/// Names this build's list of messages (a digest of their keys, in order).\npub const KEYS_DIGEST: &str = \"{digest:016x}\";\n"
    );
    for (lang, _, table) in &tables {
        let name = lang.replace('-', "_").to_uppercase();
        let values: Vec<&String> = keys.iter().map(|k| &table[k]).collect();
        // Native code only: the browser downloads one language's words instead.
        out += &format!(
            "#[cfg(not(target_arch = \"wasm32\"))]\nstatic {name}: [&str; {}] = {:?};\n",
            keys.len(),
            values
        );
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    std::fs::write(Path::new(&out_dir).join("messages.rs"), out)
        .unwrap_or_else(|e| fail(&e.to_string()));
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort();
    found
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
