//! Deterministic inputs for the no-panic check over every place where outside text enters the
//! portal: share links ([`anju::portal::share_link::decode`]), answers saved on the device
//! ([`anju::engine::answers::from_saved`]), the typed-input parsers ([`anju::portal::input`]),
//! [`Date::parse`] and the page address ([`Route::parse`]); and the engine
//! ([`PolicyData::evaluate`] and what the results page asks of it) on whatever they accept.
//!
//! Input `i` of seed `s` is always the same, so a panic found in a long run (`src/main.rs` of
//! this crate, through `tests/bench/fuzz.sh`) is replayed with `anju-fuzz --only i`; the short
//! run in `cargo test` (`tests/short.rs`) uses the same generators. A crate of its own, outside
//! the shipped library, because it installs a panic hook and catches panics. No I/O here, and
//! only the portal's public API: the generator is SplitMix64.

use anju::engine::answers::{
    ANSWERS_VERSION, AnswerProblem, Answers, FactValue, SavedError, from_saved,
};
use anju::engine::date::{Date, DateError};
use anju::engine::eval::EvalError;
use anju::engine::model::{FactKind, PolicyData, Service};
use anju::engine::report;
use anju::engine::text::Lang;
use anju::portal::input::{self, InputError};
use anju::portal::journey;
use anju::portal::route::Route;
use anju::portal::share_link::{self as share, LinkError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The seed used when none is given (the bytes of "anju").
pub const DEFAULT_SEED: u64 = 0x616e_6a75;

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and good enough to pick test inputs.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// The generator for input `index` of `seed`: independent of every other input.
    pub fn for_input(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.abs_diff(lo).saturating_add(1);
        lo.wrapping_add((self.next_u64() % span) as i64)
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What an input is made to look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Random bytes (read as UTF-8, lossily), given to every text entry point.
    Bytes,
    /// Random strings built from the characters and words the formats use, given to every text
    /// entry point.
    Text,
    /// A valid share link, altered: cut short, characters changed, separators, huge numbers,
    /// unknown facts and fields, other versions; usually re-signed so the checksum passes.
    Link,
    /// A valid saved-state JSON, altered in its values, keys, version and text.
    Saved,
    /// A household built directly, with values in and out of range, evaluated as is and after
    /// its problems are dropped.
    Household,
    /// `input::number`.
    Number,
    /// `input::day` (year, month and day boxes).
    Day,
    /// `input::month` (year and month boxes).
    Month,
    /// `input::duration` (years and months boxes).
    Duration,
    /// `input::count`.
    Count,
    /// `Date::parse`.
    Date,
    /// `Route::parse` (the page's query string).
    Route,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Bytes,
        Kind::Text,
        Kind::Link,
        Kind::Saved,
        Kind::Household,
        Kind::Number,
        Kind::Day,
        Kind::Month,
        Kind::Duration,
        Kind::Count,
        Kind::Date,
        Kind::Route,
    ];

    /// Links and saved state reach the most code, so they get three slots in sixteen.
    const SLOTS: [Kind; 16] = [
        Kind::Link,
        Kind::Saved,
        Kind::Bytes,
        Kind::Link,
        Kind::Saved,
        Kind::Text,
        Kind::Household,
        Kind::Link,
        Kind::Saved,
        Kind::Number,
        Kind::Day,
        Kind::Month,
        Kind::Duration,
        Kind::Count,
        Kind::Date,
        Kind::Route,
    ];

    /// The kind of input `index`.
    pub fn of(index: u64) -> Kind {
        Kind::SLOTS[(index % Kind::SLOTS.len() as u64) as usize]
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::Text => "text",
            Kind::Link => "link",
            Kind::Saved => "saved",
            Kind::Household => "household",
            Kind::Number => "number",
            Kind::Day => "day",
            Kind::Month => "month",
            Kind::Duration => "duration",
            Kind::Count => "count",
            Kind::Date => "date",
            Kind::Route => "route",
        }
    }
}

/// One generated input.
#[derive(Clone, Debug)]
pub struct Case {
    pub kind: Kind,
    /// The text(s): one for most kinds, the boxes of a form field for day, month and duration.
    pub texts: Vec<String>,
    /// The day the question is asked, for the parsers' "not after" and the engine's standings.
    pub today: Date,
    /// For [`Kind::Household`]: the answers themselves.
    pub answers: Option<Answers>,
    /// Also write each evaluation out as the command line's JSON report (one input in eight:
    /// it costs more than everything else together).
    pub deep: bool,
}

impl Case {
    /// The input in a form a person can paste into a bug report, cut at 600 characters.
    pub fn describe(&self) -> String {
        self.describe_up_to(600)
    }

    /// The input, cut at `limit` characters.
    pub fn describe_up_to(&self, limit: usize) -> String {
        let mut s = match &self.answers {
            Some(a) => format!(
                "{} today={} {}",
                self.kind.name(),
                self.today,
                serde_json::to_string(a).unwrap_or_default()
            ),
            None => format!("{} today={} {:?}", self.kind.name(), self.today, self.texts),
        };
        if let Some((cut, _)) = s.char_indices().nth(limit) {
            s.truncate(cut);
            s.push('…');
        }
        s
    }
}

/// Input `index` of `seed`.
pub fn generate(data: &PolicyData, seed: u64, index: u64) -> Case {
    let mut rng = Rng::for_input(seed, index);
    let kind = Kind::of(index);
    let today = any_date(&mut rng);
    let deep = rng.one_in(8);
    let mut answers = None;
    let texts = match kind {
        Kind::Bytes => vec![random_bytes(&mut rng)],
        Kind::Text => vec![random_text(&mut rng, TEXT_WORDS, 40)],
        // Half in today's format (2), half in format 1, which old links still use.
        Kind::Link if rng.one_in(2) => vec![mutated_link_v2(&mut rng, data)],
        Kind::Link => vec![mutated_link(&mut rng, data)],
        Kind::Saved => vec![mutated_saved(&mut rng, data)],
        Kind::Household => {
            answers = Some(household(&mut rng, data, true));
            Vec::new()
        }
        Kind::Number | Kind::Count => vec![numberish(&mut rng, 0, 2_000_000)],
        Kind::Day => vec![
            numberish(&mut rng, 1890, 2210),
            numberish(&mut rng, 0, 13),
            numberish(&mut rng, 0, 32),
        ],
        Kind::Month => vec![numberish(&mut rng, 1890, 2210), numberish(&mut rng, 0, 13)],
        Kind::Duration => vec![numberish(&mut rng, 0, 120), numberish(&mut rng, 0, 24)],
        Kind::Date => vec![dateish(&mut rng)],
        Kind::Route => vec![route_query(&mut rng, data)],
    };
    Case {
        kind,
        texts,
        today,
        answers,
        deep,
    }
}

/// Feeds a case to its entry points, calling `record(target, outcome)` for each. Must not panic;
/// [`run`] catches it if it does.
pub fn check(data: &PolicyData, case: &Case, record: &mut dyn FnMut(&'static str, &'static str)) {
    let text = |i: usize| case.texts.get(i).map(String::as_str).unwrap_or_default();
    match case.kind {
        Kind::Bytes | Kind::Text => {
            let s = text(0);
            link(data, s, case, record);
            saved(data, s, case, record);
            record("number", number_outcome(input::number(s)));
            record("count", outcome(input::count(s)));
            // The same text split into boxes at its first two spaces.
            let mut boxes = s.splitn(3, ' ');
            let (a, b, c) = (
                boxes.next().unwrap_or_default(),
                boxes.next().unwrap_or_default(),
                boxes.next().unwrap_or_default(),
            );
            record("day", outcome(input::day(a, b, c, case.today)));
            record("month", outcome(input::month(a, b, case.today)));
            record("duration", outcome(input::duration(a, b)));
            record("date", date_outcome(Date::parse(s)));
            record("route", route_outcome(&Route::parse(s)));
        }
        Kind::Link => link(data, text(0), case, record),
        Kind::Saved => saved(data, text(0), case, record),
        Kind::Household => {
            if let Some(answers) = &case.answers {
                // As built (answers of the wrong kind included), then as the pages keep them.
                evaluate(data, answers, case, record);
                let (clean, problems) = answers.clone().without_problems(data);
                record(
                    "household",
                    if problems.is_empty() {
                        "ok"
                    } else {
                        "ok_dropped_answers"
                    },
                );
                evaluate(data, &clean, case, record);
            }
        }
        Kind::Number => record("number", number_outcome(input::number(text(0)))),
        Kind::Count => record("count", outcome(input::count(text(0)))),
        Kind::Day => record(
            "day",
            outcome(input::day(text(0), text(1), text(2), case.today)),
        ),
        Kind::Month => record("month", outcome(input::month(text(0), text(1), case.today))),
        Kind::Duration => record("duration", outcome(input::duration(text(0), text(1)))),
        Kind::Date => record("date", date_outcome(Date::parse(text(0)))),
        Kind::Route => record("route", route_outcome(&Route::parse(text(0)))),
    }
}

fn link(
    data: &PolicyData,
    s: &str,
    case: &Case,
    record: &mut dyn FnMut(&'static str, &'static str),
) {
    let _ = share::is_share_fragment(s);
    let _ = share::place_of(s);
    // Format 2 and later (a version digit) are counted apart from format 1 (`v=`).
    let target = if s
        .trim_start_matches('#')
        .starts_with(|c: char| c.is_ascii_digit())
    {
        "link_v2"
    } else {
        "link"
    };
    match share::decode(s, data) {
        Ok((answers, problems)) => read_ok(target, &answers, &problems, data, case, record),
        Err(e) => record(
            target,
            match e {
                LinkError::TooLong(_) => "too_long",
                LinkError::FutureVersion(_) => "future_version",
                LinkError::BadVersion => "bad_version",
                LinkError::Damaged => "damaged",
                LinkError::OtherQuestions => "other_questions",
                LinkError::Garbled(_) => "garbled",
            },
        ),
    }
}

/// Records a link or saved state that was read, and evaluates what it held.
fn read_ok(
    kind: &'static str,
    answers: &Answers,
    problems: &[AnswerProblem],
    data: &PolicyData,
    case: &Case,
    record: &mut dyn FnMut(&'static str, &'static str),
) {
    record(
        kind,
        if problems.is_empty() {
            "ok"
        } else {
            "ok_dropped_answers"
        },
    );
    evaluate(data, answers, case, record);
}

fn saved(
    data: &PolicyData,
    s: &str,
    case: &Case,
    record: &mut dyn FnMut(&'static str, &'static str),
) {
    match from_saved(s, data) {
        Ok((answers, problems)) => read_ok("saved", &answers, &problems, data, case, record),
        Err(SavedError::Corrupt(_)) => record("saved", "corrupt"),
        Err(SavedError::OtherVersion(_)) => record("saved", "other_version"),
    }
}

/// The engine, and what the results, share and question pages ask of its result.
fn evaluate(
    data: &PolicyData,
    answers: &Answers,
    case: &Case,
    record: &mut dyn FnMut(&'static str, &'static str),
) {
    let today = case.today;
    match data.evaluate(answers, today) {
        Ok(eval) => {
            record("evaluate", "ok");
            let _ = eval.open_facts();
            let _ = journey::relevant_facts(&eval);
            for d in eval.determinations() {
                let _ = (
                    d.changes(),
                    d.stops_on(),
                    d.possible_rules(),
                    d.shown_rule(),
                );
            }
            if case.deep {
                let _ = report::to_json(&eval, Lang::En);
            }
            let _ = share::encode(answers, data);
            let _ = journey::next_route(data, answers, today);
        }
        Err(EvalError::NoPlace) => record("evaluate", "no_place"),
        Err(EvalError::UnknownPlace(_)) => record("evaluate", "unknown_place"),
    }
}

fn outcome<T>(r: Result<T, InputError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => input_error(e),
    }
}

fn number_outcome(r: Result<Option<i64>, InputError>) -> &'static str {
    match r {
        Ok(Some(_)) => "ok",
        Ok(None) => "empty",
        Err(e) => input_error(e),
    }
}

fn input_error(e: InputError) -> &'static str {
    match e {
        InputError::Required => "required",
        InputError::NotANumber => "not_a_number",
        InputError::Year => "year",
        InputError::Month => "month",
        InputError::Day => "day",
        InputError::Future => "future",
        InputError::AfterQuestionDate => "after_question_date",
        InputError::TooLarge => "too_large",
        InputError::Choose => "choose",
    }
}

fn date_outcome(r: Result<Date, DateError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(DateError::Form) => "form",
        Err(DateError::Year) => "year",
        Err(DateError::Month) => "month",
        Err(DateError::Day) => "day",
    }
}

fn route_outcome(r: &Route) -> &'static str {
    match r {
        Route::Start => "start",
        Route::NotFound(_) => "not_found",
        Route::Question { .. } => "question",
        Route::Document(_) | Route::Form(_) => "page_with_id",
        _ => "page",
    }
}

/// Counts of one run.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Inputs generated, by kind.
    pub inputs: BTreeMap<Kind, u64>,
    /// `(kind, target, outcome)` → how many times.
    pub outcomes: BTreeMap<(Kind, &'static str, &'static str), u64>,
    /// Every input that panicked.
    pub panics: Vec<Panic>,
}

impl Stats {
    pub fn total(&self) -> u64 {
        self.inputs.values().sum()
    }

    /// Adds another run's counts (of another range of inputs).
    pub fn merge(&mut self, other: Stats) {
        for (k, n) in other.inputs {
            *self.inputs.entry(k).or_default() += n;
        }
        for (k, n) in other.outcomes {
            *self.outcomes.entry(k).or_default() += n;
        }
        self.panics.extend(other.panics);
    }

    /// A table: per kind, every entry point it reached and how it answered.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<10} {:>9}  {:<10} {:<20} {:>9}\n",
            "kind", "inputs", "target", "outcome", "count"
        );
        for (kind, n) in &self.inputs {
            let mut first = true;
            for ((k, target, outcome), count) in &self.outcomes {
                if k != kind {
                    continue;
                }
                let (name, inputs) = if first {
                    (kind.name().to_string(), n.to_string())
                } else {
                    (String::new(), String::new())
                };
                first = false;
                out.push_str(&format!(
                    "{name:<10} {inputs:>9}  {target:<10} {outcome:<20} {count:>9}\n"
                ));
            }
        }
        out
    }
}

/// An input that panicked.
#[derive(Clone, Debug)]
pub struct Panic {
    pub index: u64,
    pub kind: Kind,
    pub input: String,
    pub message: String,
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs (once) a panic hook that, while [`run`] checks an input on this thread, records the
/// message for the report instead of printing it, so a run with many panics stays readable.
/// Any other panic (a failed assertion in a test) goes to the hook that was there before.
pub fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(std::cell::Cell::get) {
                let message = info.to_string();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

/// Generates and checks inputs `range` of `seed`, catching panics. Needs unwinding panics (the
/// release profile aborts: see `tests/bench/fuzz.sh`).
pub fn run(data: &PolicyData, seed: u64, range: std::ops::Range<u64>) -> Stats {
    let mut stats = Stats::default();
    for index in range {
        let kind = Kind::of(index);
        *stats.inputs.entry(kind).or_default() += 1;
        let mut seen: Vec<(&'static str, &'static str)> = Vec::new();
        QUIET.with(|q| q.set(true));
        let result = catch_unwind(AssertUnwindSafe(|| {
            let c = generate(data, seed, index);
            check(data, &c, &mut |t, o| seen.push((t, o)));
        }));
        QUIET.with(|q| q.set(false));
        for (target, outcome) in seen {
            *stats.outcomes.entry((kind, target, outcome)).or_default() += 1;
        }
        if result.is_err() {
            *stats.outcomes.entry((kind, "any", "PANIC")).or_default() += 1;
            let message = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "(no message)".into());
            QUIET.with(|q| q.set(true));
            let input = catch_unwind(AssertUnwindSafe(|| generate(data, seed, index).describe()))
                .unwrap_or_else(|_| "(the generator itself panicked)".into());
            QUIET.with(|q| q.set(false));
            stats.panics.push(Panic {
                index,
                kind,
                input,
                message,
            });
        }
    }
    stats
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Pieces the formats are made of, so that random strings reach past the first check.
const TEXT_WORDS: &[&str] = &[
    "v=",
    "v=1",
    "&",
    "=",
    ":",
    ",",
    "#",
    "c=",
    "p=",
    "d=",
    "s=",
    "f=",
    "u=",
    "y",
    "n",
    "-",
    "0",
    "1",
    "9",
    "12",
    "2014",
    "06",
    "31",
    "99999999999999999999",
    "-1",
    "１２",
    " ",
    "\t",
    "\u{3000}",
    "\u{0}",
    "\u{feff}",
    "é",
    "中",
    "🏠",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\"v\":1",
    "null",
    "true",
    "1e400",
    "lucheng",
    "school",
    "permit",
    "insurance",
    "child_birth_date",
    "&c=00000000",
    "%",
    "%zz",
    "?",
];

const ROUTE_WORDS: &[&str] = &[
    "?",
    "p=",
    "&",
    "=",
    "/",
    "q/",
    "rules/",
    "form/",
    "service/",
    "results",
    "check",
    "start",
    "share",
    "back=check",
    "back",
    "%",
    "%2F",
    "%e4%b8%ad",
    "%ff",
    "%%",
    "%4",
    "school",
    "中",
    "\u{0}",
    "#",
    "child_birth_date",
];

fn random_bytes(rng: &mut Rng) -> String {
    let len = if rng.one_in(50) {
        rng.below(6000)
    } else {
        rng.below(120)
    };
    let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn random_text(rng: &mut Rng, words: &[&str], max_words: usize) -> String {
    let n = rng.below(max_words + 1);
    let mut s = String::new();
    for _ in 0..n {
        let word: &&str = rng.pick(words);
        s.push_str(word);
    }
    s
}

/// Strings for number boxes: often a plausible number in `lo..=hi` as a person types it
/// (spaces, full-width digits, leading zeros), otherwise digits, signs and junk.
fn numberish(rng: &mut Rng, lo: i64, hi: i64) -> String {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "5",
        "9",
        "０",
        "１",
        "９",
        " ",
        "\u{3000}",
        "\t",
        "-",
        "+",
        ".",
        ",",
        "e",
        "x",
        "年",
        "٣",
        "\u{0}",
        "12",
        "2024",
        "1200",
        "1000000",
        "999999999",
        "1000000001",
    ];
    match rng.below(8) {
        0 => String::new(),
        1 => "9".repeat(rng.below(30)),
        2 | 3 => random_text(rng, PIECES, 8),
        _ => {
            let n = rng.between(lo, hi).to_string();
            match rng.below(6) {
                0 => format!(" {n} "),
                1 => n
                    .chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) => char::from_u32('０' as u32 + d).unwrap_or(c),
                        None => c,
                    })
                    .collect(),
                2 => format!("0{n}"),
                3 => mutate_text(rng, &n, PIECES),
                _ => n,
            }
        }
    }
}

/// Page addresses: mostly `?p=…` with names the router knows, altered.
fn route_query(rng: &mut Rng, data: &PolicyData) -> String {
    let mut s = String::new();
    if !rng.one_in(4) {
        s.push_str(if rng.one_in(2) { "?p=" } else { "p=" });
        match rng.below(3) {
            0 if !data.facts.is_empty() => {
                s.push_str("q/");
                s.push_str(&rng.pick(&data.facts).id);
            }
            1 => {
                let page: &&str = rng.pick(&[
                    "start",
                    "check",
                    "results",
                    "share",
                    "forms",
                    "details",
                    "counter",
                    "rules",
                    "about",
                    "service/school",
                    "service/nope",
                    "rules/x",
                    "form/x",
                    "q/",
                ]);
                s.push_str(page);
            }
            _ => {}
        }
    }
    s.push_str(&random_text(rng, ROUTE_WORDS, 6));
    s
}

/// Strings for `Date::parse`: near-dates, altered.
fn dateish(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!(
            "{}-{}-{}",
            rng.between(-10, 10_000),
            rng.between(-1, 14),
            rng.between(-1, 33)
        ),
        1 => format!("{:04}-{:02}", rng.between(1890, 2210), rng.between(0, 13)),
        2 => {
            let d = any_date(rng).to_string();
            mutate_text(rng, &d, &["-", " ", "0", "9", "１", "--", "+"])
        }
        _ => random_text(
            rng,
            &[
                "2024",
                "-",
                "02",
                "29",
                "1900",
                "2200",
                "12",
                "31",
                "00",
                " ",
                "9999999999",
                "+",
                "１",
                "-0",
            ],
            6,
        ),
    }
}

/// Any date the engine accepts (1900–2200), mostly near the years the data covers.
fn any_date(rng: &mut Rng) -> Date {
    let year = if rng.one_in(10) {
        rng.between(1900, 2200)
    } else {
        rng.between(2000, 2030)
    } as i32;
    let month = rng.between(1, 12) as u8;
    let day = rng.between(1, 31) as u8;
    Date::new(year, month, day)
        .or_else(|_| Date::new(year, month, 28))
        .unwrap_or(Date::UNIX_EPOCH)
}

/// A household: a selectable place, a date, services, and an answer to most facts. With
/// `odd`, some answers are out of range or of the wrong kind, and some ids unknown.
pub fn household(rng: &mut Rng, data: &PolicyData, odd: bool) -> Answers {
    let mut a = Answers::new();
    let places: Vec<&str> = data
        .places
        .iter()
        .filter(|p| p.selectable || (odd && rng.one_in(12)))
        .map(|p| p.id.as_str())
        .collect();
    if !places.is_empty() && !rng.one_in(20) {
        a.place = Some(rng.pick(&places).to_string());
    }
    if odd && rng.one_in(20) {
        a.place = Some("no_such_place".into());
    }
    if !rng.one_in(8) {
        a.date = Some(any_date(rng));
    }
    for s in Service::ALL {
        if rng.one_in(3) {
            a.services.push(s);
        }
    }
    for fact in &data.facts {
        if rng.one_in(8) {
            a.unsure.insert(fact.id.clone());
            continue;
        }
        if rng.one_in(4) {
            continue;
        }
        let value = if odd && rng.one_in(12) {
            odd_value(rng)
        } else {
            match fact.kind {
                FactKind::YesNo => FactValue::Bool(rng.one_in(2)),
                FactKind::Date => FactValue::Text(any_date(rng).to_string()),
                FactKind::Month => {
                    let d = any_date(rng);
                    FactValue::Text(format!("{:04}-{:02}", d.year(), d.month()))
                }
                FactKind::Duration => FactValue::Number(if rng.one_in(10) {
                    rng.between(0, 1200)
                } else {
                    rng.between(0, 120)
                }),
                FactKind::Count => FactValue::Number(if rng.one_in(10) {
                    rng.between(0, 1_000_000)
                } else {
                    rng.between(0, 200)
                }),
                FactKind::Choice => match fact.choices.len() {
                    0 => FactValue::Text(String::new()),
                    n => FactValue::Text(fact.choices[rng.below(n)].id.clone()),
                },
            }
        };
        a.facts.insert(fact.id.clone(), value);
    }
    if odd && rng.one_in(10) {
        a.facts
            .insert("no_such_fact".into(), FactValue::Bool(rng.one_in(2)));
        a.unsure.insert("no_such_fact_either".into());
    }
    a
}

fn odd_value(rng: &mut Rng) -> FactValue {
    match rng.below(10) {
        0 => FactValue::Number(i64::MAX),
        1 => FactValue::Number(i64::MIN),
        2 => FactValue::Number(-1),
        3 => FactValue::Number(1201),
        4 => FactValue::Bool(true),
        5 => FactValue::Text("2200-12-31".into()),
        6 => FactValue::Text("1900-01-01".into()),
        7 => FactValue::Text("2023-02-29".into()),
        8 => FactValue::Text(String::new()),
        _ => FactValue::Text("中文".into()),
    }
}

/// FNV-1a as `share.rs` signs format-1 links (checked against [`share::encode_v1`] in the tests), so that
/// altered links get past the checksum and reach the field parsers.
pub fn sign(body: &str) -> String {
    let sum = body.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{body}&c={sum:08x}")
}

/// A valid share link of format 1 (no `#`) for a random household.
pub fn valid_link(rng: &mut Rng, data: &PolicyData) -> String {
    share::encode_v1(&household(rng, data, false))
}

/// A valid share link of today's format (2, no `#`) for a random household.
pub fn valid_link_v2(rng: &mut Rng, data: &PolicyData) -> String {
    share::encode(&household(rng, data, false), data)
}

/// Crockford's base-32 digits, as format 2 writes its bits.
const CROCKFORD: &[&str] = &[
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F", "G", "H", "J",
    "K", "M", "N", "P", "Q", "R", "S", "T", "V", "W", "X", "Y", "Z",
];

/// What a format-2 link may be altered with: its digits, the letters read as digits (`O`, `I`,
/// `L`) or never written (`U`), lower case, its separator, version digits, and other text.
const V2_PIECES: &[&str] = &[
    "0", "1", "Z", "z", "G", "O", "o", "I", "i", "L", "l", "U", "u", ".", "..", "2", "3", "9", "#",
    "-", " ", "%", "&", "v=1", "中", "\u{0}", "\u{feff}",
];

fn crockford(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(CROCKFORD)).collect()
}

/// A valid format-2 link, altered: cut, characters changed, bits changed and signed again (so
/// that the bit reader, not the checksum, meets them), another layout's tag, another version,
/// another place, trailing bits, near the length limit; then signed, signed wrongly, altered
/// after signing, or not signed at all.
fn mutated_link_v2(rng: &mut Rng, data: &PolicyData) -> String {
    let link = valid_link_v2(rng, data);
    // The last four digits are the checksum; `share::seal` writes them again.
    let mut body = link[..link.len() - 4].to_string();
    for _ in 0..=rng.below(3) {
        body = mutate_v2_body(rng, &body);
    }
    let mut out = match rng.below(8) {
        0 => body,
        1 => format!("{body}{}", crockford(rng, 4)),
        2 => mutate_text(rng, &share::seal(&body), V2_PIECES),
        _ => share::seal(&body),
    };
    if rng.one_in(2) {
        out.insert(0, '#');
    }
    out
}

fn mutate_v2_body(rng: &mut Rng, body: &str) -> String {
    let (head, bits) = body.rsplit_once('.').unwrap_or((body, ""));
    match rng.below(13) {
        0 => truncate(rng, body),
        1 => mutate_text(rng, body, V2_PIECES),
        2 | 3 => {
            // one or more digits of the bits changed: other values, choices out of range,
            // days past the calendar, numbers that never end
            let mut digits: Vec<String> = bits.chars().map(String::from).collect();
            for _ in 0..=rng.below(3) {
                if !digits.is_empty() {
                    let at = rng.below(digits.len());
                    digits[at] = rng.pick(CROCKFORD).to_string();
                }
            }
            format!("{head}.{}", digits.concat())
        }
        4 => {
            let n = 1 + rng.below(12);
            format!("{body}{}", crockford(rng, n))
        }
        5 => {
            // runs of ones or zeros: an Exp-Golomb code with no end, or nothing answered
            let run = if rng.one_in(2) { "Z" } else { "0" };
            let keep = 4 + rng.below(8);
            let kept: String = bits.chars().take(keep).collect();
            format!("{head}.{kept}{}", run.repeat(rng.below(40)))
        }
        6 => {
            let v = *rng.pick(&["0", "1", "3", "9", "", "22", "v", "２"]);
            format!("{v}{}", head.get(1..).unwrap_or_default()) + "." + bits
        }
        7 => {
            let place = *rng.pick(&[
                "",
                "LUCHENG",
                "nowhere",
                "a.b",
                "王",
                "-",
                "lu%63heng",
                "lucheng ",
            ]);
            format!("{}{place}.{bits}", head.get(..1).unwrap_or_default())
        }
        8 => {
            // another layout's tag (the first four digits): refused unread
            let rest: String = bits.chars().skip(4).collect();
            format!("{head}.{}{rest}", crockford(rng, 4))
        }
        9 => {
            // trailing digits dropped: the reader supplies zero bits
            let keep = bits.chars().count().saturating_sub(1 + rng.below(4));
            let kept: String = bits.chars().take(keep).collect();
            format!("{head}.{kept}")
        }
        10 => format!(
            "{head}.{}",
            bits.to_ascii_lowercase()
                .replace('0', "o")
                .replace('1', "l")
        ),
        11 => {
            // near and over the length limit
            let target = share::MAX_LINK_LEN - 40 + rng.below(80);
            let mut s = body.to_string();
            while s.len() < target {
                s.push_str(&crockford(rng, 8));
            }
            s
        }
        _ => {
            let u = *rng.pick(&["é", "中", "\u{0}", "\u{feff}", "🏠", "\u{202e}", "\u{3000}"]);
            insert_at(rng, body, u)
        }
    }
}

fn mutated_link(rng: &mut Rng, data: &PolicyData) -> String {
    let link = valid_link(rng, data);
    let mut body = match link.rsplit_once("&c=") {
        Some((body, _)) => body.to_string(),
        None => link.clone(),
    };
    for _ in 0..=rng.below(3) {
        body = mutate_link_body(rng, data, &body);
    }
    let mut out = match rng.below(8) {
        0 => body,                                              // no checksum at all
        1 => format!("{body}&c={:08x}", rng.next_u64() as u32), // a wrong one
        2 => {
            // signed, then altered after signing
            let signed = sign(&body);
            mutate_text(rng, &signed, &["0", "&", "c", "=", "f"])
        }
        _ => sign(&body),
    };
    if rng.one_in(2) {
        out.insert(0, '#');
    }
    out
}

fn mutate_link_body(rng: &mut Rng, data: &PolicyData, body: &str) -> String {
    let mut fields: Vec<String> = body.split('&').map(str::to_string).collect();
    match rng.below(14) {
        0 => return truncate(rng, body),
        1 => return mutate_text(rng, body, TEXT_WORDS),
        2 => {
            // a separator where it does not belong
            let sep = *rng.pick(&["&", "=", ":", ",", "#", "%", " ", "&&", ",,", "::", "=="]);
            return insert_at(rng, body, sep);
        }
        3 => {
            // a huge or odd number in place of a digit
            let huge = *rng.pick(&[
                "99999999999999999999",
                "18446744073709551616",
                "9223372036854775808",
                "-9223372036854775809",
                "4294967296",
                "-1",
                "1e9",
                "0x10",
                "+5",
                "１２",
                "",
            ]);
            let digits: Vec<usize> = body
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if !digits.is_empty() {
                let at = *rng.pick(&digits);
                return format!("{}{huge}{}", &body[..at], &body[at + 1..]);
            }
        }
        4 => {
            // an unknown fact, or a known fact with a value of another kind
            let fact = if rng.one_in(2) || data.facts.is_empty() {
                "no_such_fact".to_string()
            } else {
                rng.pick(&data.facts).id.clone()
            };
            let value = *rng.pick(&[
                "y",
                "n",
                "1",
                "-3",
                "99999999999999999999",
                "2014-06",
                "2014-02-30",
                "x",
                "",
            ]);
            match fields.iter_mut().find(|f| f.starts_with("f=")) {
                Some(f) => f.push_str(&format!(",{fact}:{value}")),
                None => fields.push(format!("f={fact}:{value}")),
            }
        }
        5 => {
            let v = *rng.pick(&[
                "v=2",
                "v=0",
                "v=4294967297",
                "v=",
                "v=01",
                "v=+1",
                "v=１",
                "v=-1",
                "v=99999999999999999999",
                "V=1",
            ]);
            if let Some(first) = fields.first_mut() {
                *first = v.to_string();
            }
        }
        6 => {
            let copy = rng.pick(&fields).clone();
            fields.push(copy);
        }
        7 => {
            if !fields.is_empty() {
                let at = rng.below(fields.len());
                fields.remove(at);
            }
        }
        8 => {
            let f = *rng.pick(&["x=1", "=", "", "p", "c=1", "s=", "f=", "u=", "d=", "p="]);
            let at = rng.below(fields.len() + 1);
            fields.insert(at, f.to_string());
        }
        9 => {
            let u = *rng.pick(&["é", "中", "\u{0}", "\u{feff}", "🏠", "\u{202e}", "\u{3000}"]);
            return insert_at(rng, body, u);
        }
        10 => {
            // near and over the length limit
            let target = share::MAX_LINK_LEN - 40 + rng.below(80);
            let mut s = body.to_string();
            while s.len() < target {
                s.push_str(",x:y");
            }
            return s;
        }
        11 => {
            let s = *rng.pick(&[
                "s=school,school",
                "s=nope",
                "s=",
                "s=,",
                "s=permit,insurance,school,permit",
            ]);
            fields.retain(|f| !f.starts_with("s="));
            fields.push(s.to_string());
        }
        12 => {
            let d = *rng.pick(&[
                "d=2014-02-30",
                "d=0000-00-00",
                "d=99999-1-1",
                "d=2014-6",
                "d=2014-06-01-01",
                "d=1899-12-31",
                "d=2201-01-01",
                "d=",
            ]);
            fields.retain(|f| !f.starts_with("d="));
            fields.push(d.to_string());
        }
        _ => {
            let n = fields.len();
            if n > 2 {
                fields.swap(1 + rng.below(n - 1), 1 + rng.below(n - 1));
            }
        }
    }
    fields.join("&")
}

fn mutated_saved(rng: &mut Rng, data: &PolicyData) -> String {
    let odd = rng.one_in(3);
    let answers = household(rng, data, odd);
    let mut value = serde_json::to_value(&answers).unwrap_or(serde_json::Value::Null);
    for _ in 0..rng.below(3) {
        mutate_json(rng, &mut value, 0);
    }
    let text = if rng.one_in(2) {
        value.to_string()
    } else {
        serde_json::to_string_pretty(&value).unwrap_or_default()
    };
    match rng.below(10) {
        0 => truncate(rng, &text),
        1 => mutate_text(
            rng,
            &text,
            &["{", "}", "[", "\"", ",", ":", "\\", "\\u0000", "1"],
        ),
        2 if rng.one_in(10) => format!("{}{text}{}", "[".repeat(2000), "]".repeat(2000)),
        _ => text,
    }
}

fn odd_json(rng: &mut Rng) -> serde_json::Value {
    use serde_json::{Value, json};
    match rng.below(14) {
        0 => json!(u64::MAX),
        1 => json!(i64::MIN),
        2 => json!(-1),
        3 => json!(1.5),
        4 => json!(1e308),
        5 => Value::Null,
        6 => json!(true),
        7 => json!(""),
        8 => json!("2014-02-30"),
        9 => json!([1, "a", null]),
        10 => json!({"v": 1}),
        11 => json!(ANSWERS_VERSION + 1),
        12 => json!("中文\u{0}"),
        _ => json!(0),
    }
}

fn mutate_json(rng: &mut Rng, value: &mut serde_json::Value, depth: usize) {
    use serde_json::Value;
    match value {
        Value::Object(map) if !map.is_empty() && depth < 4 && !rng.one_in(4) => {
            match rng.below(6) {
                0 => {
                    let key = *rng.pick(&["unknown", "v", "place", "date", "services", "facts"]);
                    map.insert(key.to_string(), odd_json(rng));
                }
                1 => {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    map.remove(rng.pick(&keys));
                }
                _ => {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    let key = rng.pick(&keys).clone();
                    if let Some(child) = map.get_mut(&key) {
                        mutate_json(rng, child, depth + 1);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && depth < 4 && !rng.one_in(4) => {
            let at = rng.below(items.len());
            mutate_json(rng, &mut items[at], depth + 1);
        }
        _ => *value = odd_json(rng),
    }
}

fn truncate(rng: &mut Rng, s: &str) -> String {
    let cuts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    match cuts.len() {
        0 => String::new(),
        n => s[..cuts[rng.below(n)]].to_string(),
    }
}

fn insert_at(rng: &mut Rng, s: &str, piece: &str) -> String {
    let mut at: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    at.push(s.len());
    let i = *rng.pick(&at);
    format!("{}{piece}{}", &s[..i], &s[i..])
}

/// Replaces, deletes or inserts a few characters.
fn mutate_text(rng: &mut Rng, s: &str, pieces: &[&str]) -> String {
    let mut chars: Vec<String> = s.chars().map(String::from).collect();
    for _ in 0..=rng.below(3) {
        let n = chars.len();
        match rng.below(3) {
            0 if n > 0 => chars[rng.below(n)] = rng.pick(pieces).to_string(),
            1 if n > 0 => {
                chars.remove(rng.below(n));
            }
            _ => chars.insert(rng.below(n + 1), rng.pick(pieces).to_string()),
        }
    }
    chars.concat()
}
