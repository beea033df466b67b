//! Validates `policy-data/` and embeds it in the portal as compact JSON. A broken data file
//! stops the build here, with a message naming the file, the rule and the field.

use std::path::Path;

// The engine is plain Rust over serde: the build script compiles the same source to validate.
#[allow(dead_code, unused_imports)]
#[path = "src/engine/mod.rs"]
mod engine;

fn main() {
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
    let json = serde_json::to_string(&loaded.data).unwrap_or_else(|e| {
        eprintln!("cannot write policy data as JSON: {e}");
        std::process::exit(1);
    });
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let target = Path::new(&out).join("policy.json");
    if let Err(e) = std::fs::write(&target, json) {
        eprintln!("cannot write {}: {e}", target.display());
        std::process::exit(1);
    }
}
