//! Share links against the policy cases: every v1 link kept in `tests/fixtures/share-links-v1.jsonl`
//! still opens to the answers it was made from.

use anju::engine::answers::{Answers, from_saved};
use anju::engine::model::PolicyData;
use anju::portal::share_link::decode;

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
