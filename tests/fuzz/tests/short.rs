//! The short no-panic run in `cargo test` (from the repository root, this crate being a member
//! of its workspace): the generators of `src/lib.rs` (the same as the long run of
//! `tests/bench/fuzz.sh`), 20,000 inputs, and checks that the generators reach the code they are
//! meant to reach (a generator whose links all fail the checksum would test nothing).

use anju::engine::PolicyData;
use anju_fuzz::{self as fuzz, DEFAULT_SEED, Kind, Rng, Stats};
use std::sync::OnceLock;

const INPUTS: u64 = 20_000;

fn data() -> &'static PolicyData {
    static DATA: OnceLock<PolicyData> = OnceLock::new();
    DATA.get_or_init(|| anju::portal::embedded::policy_data().expect("the embedded policy data"))
}

fn count(stats: &Stats, kind: Kind, target: &str, outcome: &str) -> u64 {
    stats
        .outcomes
        .get(&(kind, target, outcome))
        .copied()
        .unwrap_or(0)
}

#[test]
fn no_input_panics() {
    fuzz::quiet_panics();
    // Two threads, like the long run can, each with its own range.
    let half = INPUTS / 2;
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| fuzz::run(data(), DEFAULT_SEED, 0..half));
        let b = s.spawn(|| fuzz::run(data(), DEFAULT_SEED, half..INPUTS));
        (a.join(), b.join())
    });
    let mut stats = a.expect("worker");
    stats.merge(b.expect("worker"));
    let report: Vec<String> = stats
        .panics
        .iter()
        .take(10)
        .map(|p| {
            format!(
                "input {} ({}): {}\n  {}",
                p.index,
                p.kind.name(),
                p.message,
                p.input
            )
        })
        .collect();
    assert!(
        stats.panics.is_empty(),
        "{} of {INPUTS} inputs panicked:\n{}",
        stats.panics.len(),
        report.join("\n")
    );
    println!("{}", stats.table());
    assert_eq!(stats.total(), INPUTS);
    for kind in Kind::ALL {
        assert!(
            stats.inputs.get(&kind).copied().unwrap_or(0) > 0,
            "{kind:?}"
        );
    }

    // The generators reach past the first checks (half the links are of each format).
    let link = |o| count(&stats, Kind::Link, "link", o);
    assert!(
        link("ok") + link("ok_dropped_answers") > 300,
        "{}",
        stats.table()
    );
    assert!(link("ok_dropped_answers") > 50, "{}", stats.table());
    for refused in [
        "damaged",
        "garbled",
        "bad_version",
        "future_version",
        "too_long",
    ] {
        assert!(
            link(refused) > 0,
            "no link was {refused}:\n{}",
            stats.table()
        );
    }
    // Format 2: read whole, and refused for each of its reasons.
    let v2 = |o| count(&stats, Kind::Link, "link_v2", o);
    assert!(
        v2("ok") + v2("ok_dropped_answers") > 150,
        "{}",
        stats.table()
    );
    for refused in [
        "damaged",
        "garbled",
        "future_version",
        "other_questions",
        "too_long",
    ] {
        assert!(
            v2(refused) > 0,
            "no format-2 link was {refused}:\n{}",
            stats.table()
        );
    }
    let saved = |o| count(&stats, Kind::Saved, "saved", o);
    assert!(
        saved("ok") + saved("ok_dropped_answers") > 500,
        "{}",
        stats.table()
    );
    assert!(
        saved("corrupt") > 100 && saved("other_version") > 10,
        "{}",
        stats.table()
    );
    assert!(count(&stats, Kind::Household, "evaluate", "ok") > 500);
    assert!(count(&stats, Kind::Day, "day", "ok") > 0);
    assert!(count(&stats, Kind::Number, "number", "ok") > 0);
    assert!(count(&stats, Kind::Date, "date", "ok") > 0);
    assert!(count(&stats, Kind::Route, "route", "question") > 0);
}

#[test]
fn the_same_seed_gives_the_same_inputs() {
    let a = fuzz::generate(data(), 7, 12_345).describe();
    let b = fuzz::generate(data(), 7, 12_345).describe();
    assert_eq!(a, b);
    assert_ne!(a, fuzz::generate(data(), 8, 12_345).describe());
}

#[test]
fn format_2_links_are_sealed_as_the_portal_seals_them() {
    let mut rng = Rng::for_input(DEFAULT_SEED, 1);
    for _ in 0..200 {
        let link = fuzz::valid_link_v2(&mut rng, data());
        let unsigned = &link[..link.len() - 4];
        assert_eq!(anju::portal::share_link::seal(unsigned), link);
        let (_, problems) = anju::portal::share_link::decode(&link, data()).expect("a valid link");
        assert!(problems.is_empty(), "{link}: {problems:?}");
    }
}

#[test]
fn links_are_signed_as_the_portal_signs_them() {
    let mut rng = Rng::for_input(DEFAULT_SEED, 0);
    for _ in 0..200 {
        let link = fuzz::valid_link(&mut rng, data());
        let (body, _) = link.rsplit_once("&c=").expect("a checksum");
        assert_eq!(fuzz::sign(body), link);
        let (_, problems) = anju::portal::share_link::decode(&link, data()).expect("a valid link");
        assert!(problems.is_empty(), "{link}: {problems:?}");
    }
}
