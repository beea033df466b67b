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
