//! The long no-panic run: feeds generated inputs (see `src/lib.rs`) to the share-link decoder,
//! the saved-state loader, every typed-input parser, `Date::parse`, the router and the engine,
//! and counts what they answered. Exits 1 if any input panicked.
//!
//! ```sh
//! bash tests/bench/fuzz.sh                 # builds with unwinding panics, 1,000,000 inputs
//! anju-fuzz [--n N] [--seed S] [--start I] [--threads T] [--only I]
//! ```
//!
//! `--only I` prints input `I` and runs it alone, with the panic message shown, to replay a
//! failure. Panics must unwind to be counted: the release profile aborts, so `fuzz.sh` builds
//! with the `fuzz` profile of the root Cargo.toml (`--profile fuzz`), which unwinds.

use anju_fuzz::{self as fuzz, DEFAULT_SEED, Stats};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: anju-fuzz [--n N] [--seed S] [--start I] [--threads T] [--only I]";

struct Options {
    n: u64,
    seed: u64,
    start: u64,
    threads: usize,
    only: Option<u64>,
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1).collect()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("anju-fuzz: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let data = match anju::portal::embedded::policy_data() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("anju-fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(index) = options.only {
        let case = fuzz::generate(&data, options.seed, index);
        println!(
            "input {index} (seed {:#x}): {}",
            options.seed,
            case.describe_up_to(usize::MAX)
        );
        fuzz::check(&data, &case, &mut |target, outcome| {
            println!("  {target}: {outcome}")
        });
        return ExitCode::SUCCESS;
    }
    fuzz::quiet_panics();
    if cfg!(panic = "abort") {
        eprintln!(
            "anju-fuzz: built with panic = \"abort\": a panic would end the run instead of being \
             counted; build with --profile fuzz, as tests/bench/fuzz.sh does"
        );
    }
    let started = Instant::now();
    let end = options.start.saturating_add(options.n);
    let threads = options.threads.max(1) as u64;
    let chunk = options.n.div_ceil(threads);
    let data = &data;
    let mut stats = Stats::default();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let from = options.start.saturating_add(t * chunk).min(end);
                let to = from.saturating_add(chunk).min(end);
                scope.spawn(move || fuzz::run(data, options.seed, from..to))
            })
            .collect();
        for w in workers {
            match w.join() {
                Ok(s) => stats.merge(s),
                Err(_) => eprintln!("anju-fuzz: a worker thread failed"),
            }
        }
    });
    let secs = started.elapsed().as_secs_f64();
    let total = stats.total();
    print!("{}", stats.table());
    let evaluations: u64 = stats
        .outcomes
        .iter()
        .filter(|((_, target, _), _)| *target == "evaluate")
        .map(|(_, n)| n)
        .sum();
    println!(
        "inputs {total}  evaluations {evaluations}  seed {:#x}  threads {threads}  time {secs:.1} s  \
         {:.0} inputs/s",
        options.seed,
        total as f64 / secs.max(1e-9)
    );
    if stats.panics.is_empty() {
        println!("panics 0");
        ExitCode::SUCCESS
    } else {
        println!("panics {}", stats.panics.len());
        for p in stats.panics.iter().take(20) {
            println!(
                "PANIC input {} ({}): {}\n  {}\n  replay: anju-fuzz --seed {:#x} --only {}",
                p.index,
                p.kind.name(),
                p.message.replace('\n', " "),
                p.input,
                options.seed,
                p.index
            );
        }
        ExitCode::FAILURE
    }
}

fn parse(args: Vec<String>) -> Result<Options, String> {
    let mut o = Options {
        n: 1_000_000,
        seed: DEFAULT_SEED,
        start: 0,
        threads: 1,
        only: None,
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            let v = v.replace('_', "");
            match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            }
            .map_err(|_| format!("{name}: '{v}' is not a whole number"))
        };
        match arg.as_str() {
            "--n" => o.n = value("--n")?,
            "--seed" => o.seed = value("--seed")?,
            "--start" => o.start = value("--start")?,
            "--threads" => o.threads = value("--threads")? as usize,
            "--only" => o.only = Some(value("--only")?),
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unexpected argument '{other}'")),
        }
    }
    Ok(o)
}
