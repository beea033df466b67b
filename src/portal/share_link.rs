//! Share links: the eligibility answers in the URL fragment, so that no server log ever sees them,
//! and never a name, ID number or phone number (those are not [`Answers`] at all).
//!
//! ```text
//! #v=1&p=lucheng&d=2014-06-01&s=school,permit&f=child_birth_date:2008-06-02,fixed_residence:y&u=work_kind&c=1a2b3c4d
//! ```
//!
//! `v` version, `p` place, `d` question date (absent: today), `s` services, `f` answers as
//! `fact:value` (y/n for yes/no), `u` facts answered "I don't know", `c` a checksum of all before
//! it, so that a truncated or altered link is refused rather than half-read.

use crate::engine::answers::{ANSWERS_VERSION, AnswerProblem, Answers, FactValue};
use crate::engine::date::Date;
use crate::engine::model::{FactKind, PolicyData, Service};
use std::fmt;

/// Links longer than this are refused unread (a real household's link is a few hundred bytes).
pub const MAX_LINK_LEN: usize = 4096;

/// Why a share link cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than [`MAX_LINK_LEN`].
    TooLong(usize),
    /// Made by a newer version of the portal.
    FutureVersion(u32),
    /// Not a version this portal knows.
    BadVersion,
    /// Cut short or altered: the checksum is missing or does not match.
    Damaged,
    /// Not of the link's form at all.
    Garbled(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLong(n) => write!(
                f,
                "the link is {n} characters long, more than {MAX_LINK_LEN}"
            ),
            LinkError::FutureVersion(v) => write!(f, "the link was made by a newer version ({v})"),
            LinkError::BadVersion => f.write_str("the link's version is not known"),
            LinkError::Damaged => f.write_str("the link is incomplete or was changed"),
            LinkError::Garbled(why) => write!(f, "the link cannot be read: {why}"),
        }
    }
}

/// FNV-1a, 32 bits: enough to notice a link cut short or mistyped, not a security measure.
fn checksum(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn safe(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// The fragment (without `#`) for these answers.
pub fn encode(answers: &Answers) -> String {
    let mut parts = vec![format!("v={ANSWERS_VERSION}")];
    if let Some(p) = &answers.place {
        parts.push(format!("p={p}"));
    }
    if let Some(d) = answers.date {
        parts.push(format!("d={d}"));
    }
    if !answers.services.is_empty() {
        let s: Vec<&str> = answers.services.iter().map(|s| s.id()).collect();
        parts.push(format!("s={}", s.join(",")));
    }
    let facts: Vec<String> = answers
        .facts
        .iter()
        .filter_map(|(k, v)| {
            let value = match v {
                FactValue::Bool(true) => "y".to_string(),
                FactValue::Bool(false) => "n".to_string(),
                FactValue::Number(n) => n.to_string(),
                FactValue::Text(t) if safe(t) => t.clone(),
                FactValue::Text(_) => return None, // no answer of ours needs other characters
            };
            safe(k).then(|| format!("{k}:{value}"))
        })
        .collect();
    if !facts.is_empty() {
        parts.push(format!("f={}", facts.join(",")));
    }
    let unsure: Vec<&str> = answers
        .unsure
        .iter()
        .map(String::as_str)
        .filter(|k| safe(k))
        .collect();
    if !unsure.is_empty() {
        parts.push(format!("u={}", unsure.join(",")));
    }
    let body = parts.join("&");
    format!("{body}&c={:08x}", checksum(&body))
}

/// The place a share link names, read before the place's rules have been downloaded (they are
/// needed to read the rest); `None` when the fragment is no link or names none.
pub fn place_of(fragment: &str) -> Option<&str> {
    let fragment = fragment.trim_start_matches('#');
    if !is_share_fragment(fragment) {
        return None;
    }
    fragment
        .split('&')
        .find_map(|f| f.strip_prefix("p="))
        .filter(|p| safe(p))
}

/// Whether a fragment looks like a share link at all (other fragments, such as `#main` from a
/// skip link, are not ours to complain about).
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with("v=")
}

/// Reads a fragment. Answers the data does not know (a question since removed, a value out of
/// range) are dropped and reported; the rest is kept.
pub fn decode(
    fragment: &str,
    data: &PolicyData,
) -> Result<(Answers, Vec<AnswerProblem>), LinkError> {
    let fragment = fragment.trim_start_matches('#');
    if fragment.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong(fragment.len()));
    }
    let Some((body, sum)) = fragment.rsplit_once("&c=") else {
        // A link cut short loses its checksum first; say what a person can act on.
        return Err(if fragment.starts_with("v=") {
            LinkError::Damaged
        } else {
            LinkError::Garbled("no version".into())
        });
    };
    let version_field = body.split('&').next().unwrap_or_default();
    let version: u32 = match version_field.strip_prefix("v=") {
        Some(v) => v.parse().map_err(|_| LinkError::BadVersion)?,
        None => return Err(LinkError::Garbled("no version".into())),
    };
    if version > ANSWERS_VERSION {
        return Err(LinkError::FutureVersion(version));
    }
    if version != ANSWERS_VERSION {
        return Err(LinkError::BadVersion);
    }
    if u32::from_str_radix(sum, 16).ok() != Some(checksum(body)) || sum.len() != 8 {
        return Err(LinkError::Damaged);
    }
    let mut answers = Answers::new();
    for field in body.split('&').skip(1) {
        let (key, value) = field
            .split_once('=')
            .ok_or_else(|| LinkError::Garbled(format!("'{field}'")))?;
        match key {
            "p" => answers.place = Some(value.to_string()),
            "d" => {
                answers.date =
                    Some(Date::parse(value).map_err(|e| LinkError::Garbled(format!("date: {e}")))?)
            }
            "s" => {
                for s in value.split(',') {
                    let service = Service::from_id(s)
                        .ok_or_else(|| LinkError::Garbled(format!("service '{s}'")))?;
                    if !answers.services.contains(&service) {
                        answers.services.push(service);
                    }
                }
            }
            "f" => {
                for item in value.split(',') {
                    let (fact, raw) = item
                        .split_once(':')
                        .ok_or_else(|| LinkError::Garbled(format!("'{item}'")))?;
                    answers
                        .facts
                        .insert(fact.to_string(), typed_value(data, fact, raw));
                }
            }
            "u" => answers.unsure.extend(value.split(',').map(str::to_string)),
            other => return Err(LinkError::Garbled(format!("unknown field '{other}'"))),
        }
    }
    Ok(answers.without_fact_problems(data))
}

/// A value from a link, read as its fact's kind says (unknown facts keep their text, and are
/// then reported as problems).
fn typed_value(data: &PolicyData, fact: &str, raw: &str) -> FactValue {
    match data.fact(fact).map(|f| f.kind) {
        Some(FactKind::YesNo) => match raw {
            "y" => FactValue::Bool(true),
            "n" => FactValue::Bool(false),
            _ => FactValue::Text(raw.to_string()),
        },
        Some(FactKind::Duration | FactKind::Count) => raw
            .parse()
            .map(FactValue::Number)
            .unwrap_or_else(|_| FactValue::Text(raw.to_string())),
        _ => FactValue::Text(raw.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::FactKind;

    /// SplitMix64, seeded per household: the library has no random source of its own, and these
    /// tests only need the same households on every run (the fuzz crate has a fuller generator).
    struct Rng(u64);

    impl Rng {
        fn for_input(seed: u64, index: u64) -> Rng {
            let mut r = Rng(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
            r.next_u64();
            r
        }

        fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }

        fn between(&mut self, lo: i64, hi: i64) -> i64 {
            lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
        }

        fn one_in(&mut self, n: usize) -> bool {
            self.below(n) == 0
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    /// A random, valid household: every fact of the catalogue answered with a value of its kind,
    /// or "I don't know", or not at all.
    fn random_answers(data: &PolicyData, rng: &mut Rng) -> Answers {
        let mut a = Answers::new();
        let places: Vec<&str> = data
            .places
            .iter()
            .filter(|p| p.selectable)
            .map(|p| p.id.as_str())
            .collect();
        a.place = rng
            .one_in(8)
            .then_some(())
            .map_or(Some(rng.pick(&places).to_string()), |_| None);
        if rng.one_in(2) {
            a.date = Date::new(
                rng.between(2000, 2030) as i32,
                rng.between(1, 12) as u8,
                rng.between(1, 28) as u8,
            )
            .ok();
        }
        for s in Service::ALL {
            if rng.one_in(2) {
                a.services.push(s);
            }
        }
        for f in &data.facts {
            match rng.below(4) {
                0 => continue,
                1 => {
                    a.unsure.insert(f.id.clone());
                    continue;
                }
                _ => {}
            }
            let value = match f.kind {
                FactKind::YesNo => FactValue::Bool(rng.one_in(2)),
                FactKind::Date => FactValue::Text(format!(
                    "{}-{:02}-{:02}",
                    rng.between(1950, 2025),
                    rng.between(1, 12),
                    rng.between(1, 28)
                )),
                FactKind::Month => FactValue::Text(format!(
                    "{}-{:02}",
                    rng.between(1990, 2025),
                    rng.between(1, 12)
                )),
                FactKind::Duration => FactValue::Number(rng.between(0, 600)),
                FactKind::Count => FactValue::Number(rng.between(0, 5000)),
                FactKind::Choice => FactValue::Text(rng.pick(&f.choices).id.clone()),
            };
            a.facts.insert(f.id.clone(), value);
        }
        a
    }

    #[test]
    fn random_households_round_trip_through_a_link() {
        let data = data();
        for i in 0..2000 {
            let mut rng = Rng::for_input(7, i);
            let answers = random_answers(&data, &mut rng);
            let link = encode(&answers);
            assert!(link.len() < MAX_LINK_LEN, "{} bytes", link.len());
            let (back, problems) =
                decode(&format!("#{link}"), &data).unwrap_or_else(|e| panic!("{link}: {e}"));
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(back, answers, "{link}");
        }
    }

    #[test]
    fn every_cut_or_changed_link_is_refused_whole() {
        let data = data();
        let mut rng = Rng::for_input(11, 0);
        let link = encode(&random_answers(&data, &mut rng));
        for cut in 1..link.len() {
            let short = &link[..cut];
            assert!(
                decode(short, &data).is_err(),
                "a link cut to {cut} bytes was accepted: {short}"
            );
        }
        let bytes = link.as_bytes();
        for i in (0..bytes.len()).step_by(3) {
            let mut changed = bytes.to_vec();
            changed[i] = if changed[i] == b'1' { b'2' } else { b'1' };
            let changed = String::from_utf8(changed).unwrap();
            if changed != link {
                assert!(
                    decode(&changed, &data).is_err(),
                    "a changed link was accepted: {changed}"
                );
            }
        }
    }

    #[test]
    fn bad_links_say_why() {
        let data = data();
        assert_eq!(
            decode(&"x".repeat(MAX_LINK_LEN + 1), &data),
            Err(LinkError::TooLong(MAX_LINK_LEN + 1))
        );
        let body = "v=2&p=lucheng";
        assert_eq!(
            decode(&format!("{body}&c={:08x}", checksum(body)), &data),
            Err(LinkError::FutureVersion(2))
        );
        assert_eq!(decode("v=1&p=lucheng", &data), Err(LinkError::Damaged));
        assert!(matches!(decode("hello", &data), Err(LinkError::Garbled(_))));
        let body = "v=1&p=lucheng&f=child_birth_date:2008-06";
        let result = decode(&format!("{body}&c={:08x}", checksum(body)), &data);
        assert!(
            result
                .as_ref()
                .is_ok_and(|(_, problems)| !problems.is_empty()),
            "{result:?}"
        );
        assert!(is_share_fragment("#v=1&p=x") && !is_share_fragment("#main"));
        assert_eq!(place_of("#v=1&p=lucheng&c=0"), Some("lucheng"));
        assert_eq!(place_of("#v=1&d=2014-06-01"), None);
        assert_eq!(place_of("#main"), None);
    }

    #[test]
    fn a_link_never_carries_identity() {
        // Answers hold eligibility facts only; even a text value with other characters (which no
        // fact takes) is left out rather than written.
        let data = data();
        let mut a = Answers::new();
        a.place = Some("lucheng".into());
        a.facts.insert(
            "work_kind".into(),
            FactValue::Text("王建国 13800138000".into()),
        );
        let link = encode(&a);
        assert!(
            !link.contains("王建国") && !link.contains("13800138000"),
            "{link}"
        );
        assert!(decode(&link, &data).is_ok());
    }
}
