//! Engine speed, natively: evaluates every service for each household in `tests/fixtures/*.json`
//! and `tests/bench/households/*.json` many times and prints the median and 95th percentile of
//! one evaluation, in microseconds. The browser figure comes from `tests/bench/engine.mjs`.
//!
//! ```sh
//! cargo run --release --bin anju-bench -- [--runs N] [--today YYYY-MM-DD] [FILE.json ...]
//! ```
//!
//! Each household is evaluated for every service (its `services` list is cleared), on its
//! own question date, with the standings of the policy cases' fixed "today". A report, not a
//! test: it prints figures and exits 0 unless a household cannot be read.

use anju::engine::cases::DEFAULT_TODAY;
use anju::engine::{Answers, Date, PolicyData};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: anju-bench [--runs N] [--today YYYY-MM-DD] [FILE.json ...]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("anju-bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut runs: usize = 2000;
    let mut today = Date::parse(DEFAULT_TODAY).map_err(|e| e.to_string())?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(format!("--runs needs a whole number\n{USAGE}"))?
            }
            "--today" => {
                let v = it.next().ok_or(format!("--today needs a date\n{USAGE}"))?;
                today = Date::parse(&v).map_err(|e| format!("'{v}': {e}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if !arg.starts_with('-') => files.push(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument '{arg}'\n{USAGE}")),
        }
    }
    if files.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["tests/fixtures", "tests/bench/households"] {
            files.extend(json_files(&root.join(dir))?);
        }
    }
    let data = anju::portal::embedded::policy_data()?;
    let mut households = Vec::new();
    for file in &files {
        households.push((file_name(file), household(file, &data)?));
    }
    if households.is_empty() {
        return Err("no household files".into());
    }

    println!(
        "engine, native ({}), all services, {runs} runs per household, today {today}",
        if cfg!(debug_assertions) {
            "debug build: use --release"
        } else {
            "release profile"
        }
    );
    println!(
        "{:<28} {:>6} {:>10} {:>10} {:>10}",
        "household", "dets", "median µs", "p95 µs", "min µs"
    );
    let mut all = Vec::with_capacity(runs * households.len());
    for (name, answers) in &households {
        // One untimed run: warms caches and counts what is decided.
        let determinations = data
            .evaluate(answers, today)
            .map(|e| e.determinations().count())
            .map_err(|e| format!("{name}: {e}"))?;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let eval = data.evaluate(std::hint::black_box(answers), today);
            std::hint::black_box(&eval);
            drop(eval);
            times.push(start.elapsed().as_secs_f64() * 1e6);
        }
        let (median, p95, min) = figures(&mut times);
        println!("{name:<28} {determinations:>6} {median:>10.1} {p95:>10.1} {min:>10.1}");
        all.extend(times);
    }
    let (median, p95, min) = figures(&mut all);
    println!(
        "{:<28} {:>6} {median:>10.1} {p95:>10.1} {min:>10.1}",
        "all households", ""
    );
    println!("native median {median:.1} µs per household (all services)");
    Ok(())
}

/// Median, 95th percentile and minimum (sorts `times`).
fn figures(times: &mut [f64]) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), times[0])
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A household file, for all services, checked against the data.
fn household(path: &Path, data: &PolicyData) -> Result<Answers, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut answers: Answers =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    answers.services.clear();
    let problems = answers.problems(data);
    if let Some(p) = problems.first() {
        return Err(format!("{}: {}: {}", path.display(), p.fact, p.problem));
    }
    Ok(answers)
}
