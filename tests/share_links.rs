//! Share links against the policy cases: every v1 link kept in `tests/fixtures/share-links-v1.jsonl`
//! still opens to the answers it was made from; every policy case's household round-trips through
//! a link of today's format (2); a newer format or another list of questions is refused with a
//! sentence in each language; and the README's figures (link length, QR version) are today's.

use anju::engine::answers::{Answers, FactValue, from_saved};
use anju::engine::model::{FactKind, PolicyData, Service};
use anju::engine::source::load_dir;
use anju::engine::text::Lang;
use anju::portal::messages::text;
use anju::portal::qr_svg::version_and_level;
use anju::portal::share_link::{LinkError, decode, encode, encode_v1};

fn data() -> PolicyData {
    anju::portal::embedded::policy_data().expect("the embedded policy data")
}

/// One line of the v1 fixture file.
struct Fixture {
    case: String,
    link: String,
    answers: String,
}

fn v1_fixtures() -> Vec<Fixture> {
    include_str!("fixtures/share-links-v1.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let text = |k: &str| v[k].as_str().expect(k).to_string();
            Fixture {
                case: text("case"),
                link: text("link"),
                answers: v["answers"].to_string(),
            }
        })
        .collect()
}

#[test]
fn every_v1_link_of_the_fixtures_opens_to_the_answers_it_was_made_from() {
    let data = data();
    let fixtures = v1_fixtures();
    assert!(fixtures.len() > 200, "{} fixtures", fixtures.len());
    for f in &fixtures {
        // What the answers mean today: facts the data has since dropped are reported, by both.
        let (expected, expected_problems) = from_saved(&f.answers, &data)
            .unwrap_or_else(|e| panic!("{}: the fixture's answers: {e:?}", f.case));
        let (opened, problems): (Answers, _) =
            decode(&f.link, &data).unwrap_or_else(|e| panic!("{}: {e}\n{}", f.case, f.link));
        assert_eq!(opened, expected, "{}", f.case);
        assert_eq!(problems, expected_problems, "{}", f.case);
    }
}

/// The share page's address in front of the fragment, for the QR figures: a government site's
/// host and the portal's path (52 characters; a longer host adds a byte a character).
const ADDRESS: &str = "https://www.example.gov.cn/services/anju/?p=results#";

/// Every distinct policy-case household (`policy-data/*/cases.toml`), with the case that first
/// holds it.
fn case_households() -> Vec<(String, Answers)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data");
    let loaded = load_dir(&dir).unwrap_or_else(|e| panic!("policy-data: {e:?}"));
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (file, case) in &loaded.cases {
        let a = case.answers();
        if seen.insert(encode_v1(&a)) {
            out.push((format!("{file}: {}", case.name), a));
        }
    }
    out
}

#[test]
fn every_policy_case_household_round_trips_through_a_format_2_link() {
    let data = data();
    let households = case_households();
    assert!(households.len() > 200, "{} households", households.len());
    for (case, a) in &households {
        let link = encode(a, &data);
        assert!(link.starts_with('2'), "{case}: {link}");
        let (back, problems) =
            decode(&format!("#{link}"), &data).unwrap_or_else(|e| panic!("{case}: {e}\n{link}"));
        assert_eq!(&back, a, "{case}: {link}");
        assert!(problems.is_empty(), "{case}: {problems:?}");
        // The same answers as their format-1 link, which names every fact.
        assert_eq!(decode(&encode_v1(a), &data).map(|r| r.0).as_ref(), Ok(a));
        // And the whole address as a QR code reads it (the tail in alphanumeric mode).
        assert!(version_and_level(&format!("{ADDRESS}{link}")).is_ok());
    }
}

#[test]
fn every_v1_fixture_written_again_as_format_2_opens_to_the_same_answers() {
    // A household opened from an old link and shared again keeps its answers.
    let data = data();
    for f in v1_fixtures() {
        let (opened, _) = decode(&f.link, &data).unwrap();
        let again = encode(&opened, &data);
        assert!(again.len() * 2 < f.link.len(), "{}: {again}", f.case);
        assert_eq!(decode(&again, &data).map(|r| r.0), Ok(opened), "{}", f.case);
    }
}

/// The refusals a person may meet, each a sentence in every language (no code, no English
/// left in the Chinese): a link of a newer format, and one made with another list of questions.
#[test]
fn a_newer_format_and_a_layout_mismatch_are_refused_with_a_sentence_in_each_language() {
    let data = data();
    let household = &case_households()[0].1;
    let link = encode(household, &data);
    // A newer format: the version digit after ours (and `v=` links past 1).
    let newer = format!("3{}", &link[1..]);
    assert_eq!(decode(&newer, &data), Err(LinkError::FutureVersion(3)));
    // Another layout: this build's link read by a build whose facts were reordered and that
    // never kept this layout. The data here is this build's with two facts swapped, as a later
    // build might ship; a link written by it, read here, is refused whole.
    let mut later = data.clone();
    later.facts.swap(0, 1);
    let from_later = encode(household, &later);
    assert_ne!(from_later, link);
    assert_eq!(decode(&from_later, &data), Err(LinkError::OtherQuestions));
    for (err, must) in [
        (
            LinkError::FutureVersion(3),
            ["更新的版本", "更新的版本", "newer version"],
        ),
        (
            LinkError::OtherQuestions,
            ["问题清单", "問題清單", "list of questions"],
        ),
    ] {
        let msg = err.notice();
        for (lang, must) in Lang::ALL.into_iter().zip(must) {
            let sentence = text(lang, msg);
            assert!(sentence.contains(must), "{lang:?} {msg:?}: {sentence}");
            assert!(
                sentence.ends_with(['。', '.']) && sentence.len() > 40,
                "{lang:?}: {sentence}"
            );
            if lang != Lang::En {
                assert!(
                    !sentence.chars().any(|c| c.is_ascii_alphabetic()),
                    "{sentence}"
                );
            }
        }
    }
    assert_ne!(
        LinkError::OtherQuestions.notice(),
        LinkError::FutureVersion(3).notice()
    );
}

/// Link lengths and QR versions for the policy-case households: the figures in the README,
/// between its `share-link-figures` markers. When they change, this test prints the new table.
#[test]
fn the_readme_states_the_link_figures_of_the_policy_cases() {
    let data = data();
    let households = case_households();
    let stats = |mut v: Vec<usize>| {
        v.sort_unstable();
        (v[0], v[v.len() / 2], v[v.len() - 1])
    };
    let v1: Vec<String> = households.iter().map(|(_, a)| encode_v1(a)).collect();
    let v2: Vec<String> = households.iter().map(|(_, a)| encode(a, &data)).collect();
    // Before: format 1 at level M, the smallest symbol, as the portal drew it then.
    let old_version = |link: &str| {
        let url = format!("{ADDRESS}{link}");
        let segments = qrcodegen::QrSegment::make_segments(&url);
        let code = qrcodegen::QrCode::encode_segments_advanced(
            &segments,
            qrcodegen::QrCodeEcc::Medium,
            qrcodegen::Version::MIN,
            qrcodegen::Version::MAX,
            None,
            true,
        )
        .unwrap();
        usize::from(code.version().value())
    };
    let new = |link: &str| version_and_level(&format!("{ADDRESS}{link}")).unwrap();
    let levels: std::collections::BTreeSet<char> = v2.iter().map(|l| new(l).1).collect();
    let levels: String = levels.into_iter().collect();
    let row = |what: &str, (lo, mid, hi): (usize, usize, usize)| {
        format!("| {what} | {lo} | {mid} | {hi} |\n")
    };
    let side = |(lo, mid, hi): (usize, usize, usize)| {
        let s = |v: usize| v * 4 + 17 + 8;
        (s(lo), s(mid), s(hi))
    };
    let old_versions = stats(v1.iter().map(|l| old_version(l)).collect());
    let new_versions = stats(v2.iter().map(|l| usize::from(new(l).0)).collect());
    let mut table = format!(
        "{} distinct households; the QR code holds the whole address, `{ADDRESS}` and the \
         fragment.\n\n| | min | median | max |\n|---|---|---|---|\n",
        households.len()
    );
    table += &row(
        "format 1: fragment, characters",
        stats(v1.iter().map(String::len).collect()),
    );
    table += &row(
        "format 1: whole link, characters",
        stats(v1.iter().map(|l| ADDRESS.len() + l.len()).collect()),
    );
    table += &row("format 1: QR version at level M", old_versions);
    table += &row(
        "format 1: modules a side, quiet zone included",
        side(old_versions),
    );
    table += &row(
        "format 2: fragment, characters",
        stats(v2.iter().map(String::len).collect()),
    );
    table += &row(
        "format 2: whole link, characters",
        stats(v2.iter().map(|l| ADDRESS.len() + l.len()).collect()),
    );
    table += &row(
        &format!("format 2: QR version at level {levels}"),
        new_versions,
    );
    table += &row(
        "format 2: modules a side, quiet zone included",
        side(new_versions),
    );
    // The longest a household's link gets: every fact answered, every service chosen.
    let mut full = Answers::new();
    full.place = Some("lucheng".into());
    full.date = anju::engine::date::Date::new(2014, 6, 1).ok();
    full.services = Service::ALL.to_vec();
    for f in &data.facts {
        let value = match f.kind {
            FactKind::YesNo => FactValue::Bool(true),
            FactKind::Date => FactValue::Text("2008-06-02".into()),
            FactKind::Month => FactValue::Text("2012-03".into()),
            FactKind::Duration => FactValue::Number(120),
            FactKind::Count => FactValue::Number(180),
            FactKind::Choice => FactValue::Text(f.choices.last().unwrap().id.clone()),
        };
        full.facts.insert(f.id.clone(), value);
    }
    let (v1_full, v2_full) = (encode_v1(&full), encode(&full, &data));
    assert_eq!(decode(&v2_full, &data).map(|r| r.0).as_ref(), Ok(&full));
    let (version, level) = new(&v2_full);
    table += &format!(
        "\nEvery one of the {} facts answered and every service chosen (no real household \
         answers them all): format 1 {} characters, QR version {} at M; format 2 {} characters, \
         QR version {version} at {level}.\n",
        data.facts.len(),
        v1_full.len(),
        old_version(&v1_full),
        v2_full.len(),
    );
    let readme = include_str!("../README.md");
    let (start, end) = (
        "<!-- share-link-figures -->\n",
        "<!-- /share-link-figures -->",
    );
    let block = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(block, _)| block.trim());
    assert_eq!(
        block,
        Some(table.trim()),
        "the README's share-link figures; put this between its markers:\n\n{table}"
    );
}
