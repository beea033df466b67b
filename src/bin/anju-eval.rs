//! Evaluates a household's answers from the command line.
//!
//! ```sh
//! cargo run --bin anju-eval -- answers.json --place lucheng --date 2014-06-01 [--explain]
//! ```
//!
//! `answers.json` is an [`anju::engine::Answers`] (or `-` for standard input); `--place` and
//! `--date` override what it says. `--data DIR` reads a policy-data folder instead of the data
//! built in, so a maintainer can try an edit at once. Prints JSON, or readable text with
//! `--explain`.

#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use anju::engine::{Answers, Date, Lang, PolicyData, report};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: anju-eval ANSWERS.json|- [--place ID] [--date YYYY-MM-DD] [--today YYYY-MM-DD] [--lang zh-Hans|zh-Hant|en] [--data DIR] [--explain | --link]\n       anju-eval --case-links [DATA_DIR]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("anju-eval: {e}");
            ExitCode::from(2)
        }
    }
}

/// The share link of every policy case's household (`--case-links`): one JSON line a case, with
/// its name, place, date and services, for browser tests and demonstrations.
#[cfg(target_arch = "wasm32")]
fn case_links(_data_dir: &str) -> Result<String, String> {
    Err("--case-links reads the policy-data folder, which needs a native build".into())
}

/// The share link of every policy case's household (native: it reads the policy-data folder).
#[cfg(not(target_arch = "wasm32"))]
fn case_links(data_dir: &str) -> Result<String, String> {
    let loaded =
        anju::engine::source::load_dir(std::path::Path::new(data_dir)).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    let lines: Vec<String> = loaded
        .cases
        .iter()
        .map(|(file, case)| {
            let a = case.answers();
            serde_json::json!({
                "file": file,
                "name": case.name,
                "place": a.place,
                "date": a.date.map(|d| d.to_string()),
                "services": a.services.iter().map(|s| s.id()).collect::<Vec<_>>(),
                "link": anju::portal::share_link::encode(&a, &loaded.data),
            })
            .to_string()
        })
        .collect();
    Ok(lines.join("\n"))
}

fn run(args: Vec<String>) -> Result<String, String> {
    if args.first().map(String::as_str) == Some("--case-links") {
        return case_links(args.get(1).map_or("policy-data", String::as_str));
    }
    let mut file = None;
    let (mut place, mut date, mut today, mut data_dir) = (None, None, None, None);
    let mut lang = Lang::Zh;
    let (mut explain, mut link) = (false, false);
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--place" => place = Some(value("--place")?),
            "--date" => date = Some(parse_date(&value("--date")?)?),
            "--today" => today = Some(parse_date(&value("--today")?)?),
            "--lang" => {
                let tag = value("--lang")?;
                lang = Lang::from_tag(&tag).ok_or(format!("unknown language '{tag}'"))?;
            }
            "--data" => data_dir = Some(value("--data")?),
            "--explain" => explain = true,
            "--link" => link = true,
            "-h" | "--help" => return Ok(USAGE.to_string()),
            _ if file.is_none() && (!arg.starts_with('-') || arg == "-") => file = Some(arg),
            _ => return Err(format!("unexpected argument '{arg}'\n{USAGE}")),
        }
    }
    let file = file.ok_or(USAGE)?;
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| e.to_string())?;
        s
    } else {
        std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?
    };
    let mut answers: Answers = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
    if place.is_some() {
        answers.place = place;
    }
    if date.is_some() {
        answers.date = date;
    }
    let data: PolicyData = match data_dir {
        #[cfg(not(target_arch = "wasm32"))]
        Some(dir) => {
            anju::engine::source::load_dir(std::path::Path::new(&dir))
                .map_err(|errors| {
                    errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                })?
                .data
        }
        #[cfg(target_arch = "wasm32")]
        Some(_) => return Err("--data reads a folder, which needs a native build".into()),
        None => anju::portal::embedded::policy_data()?,
    };
    let problems = answers.problems(&data);
    if !problems.is_empty() {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("  {}: {}", p.fact, p.problem))
            .collect();
        return Err(format!(
            "{file} has answers that cannot be used:\n{}",
            list.join("\n")
        ));
    }
    if link {
        // The share link's fragment, as the share page writes it (answers only, no identity).
        return Ok(anju::portal::share_link::encode(&answers, &data));
    }
    let today = match today {
        Some(d) => d,
        None => today_utc()?,
    };
    let eval = data.evaluate(&answers, today).map_err(|e| e.to_string())?;
    if explain {
        Ok(report::explain(&eval))
    } else {
        serde_json::to_string_pretty(&report::to_json(&eval, lang)).map_err(|e| e.to_string())
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| format!("'{s}': {e}"))
}

/// Today's date from the system clock (UTC).
fn today_utc() -> Result<Date, String> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    Date::from_day_number((secs / 86_400) as i64)
        .ok_or_else(|| "the system clock is out of range".to_string())
}
