//! Share links: the eligibility answers in the URL fragment, so that no server log ever sees them,
//! and never a name, ID number or phone number (those are not [`Answers`] at all).
//!
//! # Format 2 (written since issue 17)
//!
//! ```text
//! #2lucheng.0KZ4H8RG1Q2M…W7D3
//!  │└──┬──┘ └──────┬─────┘
//!  │ place      answers, packed, then the checksum (the last 4 characters)
//!  version
//! ```
//!
//! After the version digit comes the place's id as the data spells it (`lucheng`; empty when no
//! place is chosen) up to the **last** `.`, so that the page's loader finds the place with one
//! regular expression before anything else is read. The rest is a string of bits in Crockford's
//! base 32 (`0-9`, `A-Z` without `I L O U`): letters and digits only, so nothing is
//! percent-encoded, no chat app takes a character of it for the end of the link, it is read
//! case-blind (`o` as `0`, `i` and `l` as `1`), and a QR code holds it in alphanumeric mode.
//! The bits, most significant first:
//!
//! | bits | what |
//! |---|---|
//! | 20 | the tag of the fact layout the link was made with (see below) |
//! | 1 (+17) | whether a question date follows; the day, counted from 1900-01-01 |
//! | n + m each | how many services are chosen (0: all), then each, as its place in the layout's list of services (below): `n` bits for a count of up to all of them, `m` for a place (2 and 2 for the three services before issue 15, 3 and 2 for the four since) |
//! | per fact | in the layout's order: 1 bit answered or not; if answered, 1 bit "I don't know"; if not, the value |
//!
//! Values: yes/no 1 bit; a day 17 bits (from 1900-01-01); a month 12 bits (from 1900-01);
//! durations and counts as an Exp-Golomb code of order 3 (4 bits for 0–7, 6 for 8–23, 8 for
//! 24–55, 10 for 56–119 …); a choice as its place among the fact's choices, in as few bits as
//! their number needs. Trailing zero bits are dropped (the reader supplies them), and the last 20
//! bits are a checksum (FNV-1a, mixed) of the whole link, read case-blind, so that a link cut short,
//! mistyped or altered is refused rather than half read.
//!
//! **The fact layout.** Answers are written by position, so a link means something only with the
//! list of facts it was made with: every fact's id and kind, and a choice fact's choices, in
//! catalogue order ([`Layout`]). The link carries a 20-bit tag of that list. A build reads a link
//! whose tag is its own layout's or one of the past layouts kept in
//! `src/portal/share_link_layouts.txt` (a test makes sure the current one is there, so that a later
//! change of the facts leaves it readable); the answers are then matched to today's facts by id,
//! and those the data no longer has, or whose kind changed, are dropped and reported, as in any
//! link. A link with any other tag is refused with [`LinkError::OtherQuestions`]: its positions
//! are never guessed at, so no value is ever read as another fact's.
//!
//! The layout names the services too, since a link names each by its place among them: a
//! layout's line begins `+services:school/insurance/permit/benefits,` (the services of
//! [`Service::ALL`]). The lines of builds before the fourth service (issue 15) have no such item
//! and mean the three services of then ([`Service::BEFORE_BENEFITS`]); a link of theirs that chose
//! "all" is read as those three, which is what it meant when it was made.
//!
//! # Format 1 (still read)
//!
//! ```text
//! #v=1&p=lucheng&d=2014-06-01&s=school,permit&f=child_birth_date:2008-06-02,fixed_residence:y&u=work_kind&c=1a2b3c4d
//! ```
//!
//! `v` version, `p` place, `d` question date (absent: today), `s` services, `f` answers as
//! `fact:value` (y/n for yes/no), `u` facts answered "I don't know", `c` a checksum (FNV-1a) of all
//! before it. Every fact is named, so these links keep their meaning whatever the layout; a
//! link without `s` was made when "all" meant the three services of then, and is read so.
//! [`encode_v1`] still writes them, for tests and tools only.

use crate::engine::answers::{AnswerProblem, Answers, FactValue};
use crate::engine::date::Date;
use crate::engine::model::{FactKind, PolicyData, Service};
use crate::portal::messages::Msg;
use std::fmt;

/// The format [`encode`] writes.
pub const LINK_VERSION: u32 = 2;

/// Links longer than this are refused unread (a real household's link is a few hundred bytes).
pub const MAX_LINK_LEN: usize = 4096;

/// The fact layouts of past builds, one a line (see [`Layout`]).
const PAST_LAYOUTS: &str = include_str!("share_link_layouts.txt");

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
    /// Made against a list of questions this build does not know (most likely a newer build's):
    /// read by position, its answers could be taken for other facts', so none is read.
    OtherQuestions,
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
            LinkError::OtherQuestions => f.write_str(
                "the link was made with a list of questions this version does not have \
                 (a newer version of the portal made it)",
            ),
            LinkError::Garbled(why) => write!(f, "the link cannot be read: {why}"),
        }
    }
}

impl LinkError {
    /// The sentence the page shows for this error, in the reader's language: what happened and
    /// what to do, never a code.
    pub fn notice(&self) -> Msg {
        match self {
            LinkError::TooLong(_) => Msg::NoticeLinkTooLong,
            LinkError::FutureVersion(_) => Msg::NoticeLinkNewer,
            LinkError::OtherQuestions => Msg::NoticeLinkOtherQuestions,
            LinkError::BadVersion | LinkError::Garbled(_) => Msg::NoticeLinkUnreadable,
            LinkError::Damaged => Msg::NoticeLinkDamaged,
        }
    }
}

/// FNV-1a, 32 bits: enough to notice a link cut short or mistyped, not a security measure.
fn checksum(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// FNV-1a with MurmurHash3's final mix, cut to its top `bits`: every input bit reaches every
/// output bit, so a change anywhere in `text`, the last character included, changes the result.
fn hash_bits(text: &str, bits: u32) -> u64 {
    let mut h = checksum(text);
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    u64::from(h >> (32 - bits))
}

fn safe(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// An id as the data's ids are spelled (lower-case letters, digits, `-`, `_`, `.`).
fn id_like(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

// ---- the fact layout

/// One fact of a [`Layout`].
#[derive(Clone, Debug, PartialEq, Eq)]
struct Slot {
    id: String,
    kind: FactKind,
    choices: Vec<String>,
}

/// The facts a format-2 link's positions refer to: each fact's id and kind, and a choice fact's
/// choices, in catalogue order. Written as one line, which is what its tag is a hash of:
///
/// ```text
/// child_birth_date:date,child_hukou_here:yes_no,parent_permit:choice/residence_permit/temporary/none,…
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The services a link names by their place in this list.
    services: Vec<Service>,
    slots: Vec<Slot>,
}

/// The item that opens a layout's line with its services (`+services:school/…`); a line
/// without it has [`Service::BEFORE_BENEFITS`].
const SERVICES_ITEM: &str = "+services:";

const KINDS: [(FactKind, &str); 6] = [
    (FactKind::YesNo, "yes_no"),
    (FactKind::Date, "date"),
    (FactKind::Month, "month"),
    (FactKind::Duration, "duration"),
    (FactKind::Count, "count"),
    (FactKind::Choice, "choice"),
];

impl Layout {
    /// The layout of this data's facts.
    pub fn of(data: &PolicyData) -> Layout {
        let slots = data
            .facts
            .iter()
            .map(|f| Slot {
                id: f.id.clone(),
                kind: f.kind,
                choices: if f.kind == FactKind::Choice {
                    f.choices.iter().map(|c| c.id.clone()).collect()
                } else {
                    Vec::new()
                },
            })
            .collect();
        Layout {
            services: Service::ALL.to_vec(),
            slots,
        }
    }

    /// Reads a layout's line.
    pub fn parse(line: &str) -> Result<Layout, String> {
        let mut slots = Vec::new();
        let mut items = line.trim().split(',').peekable();
        let mut services = Service::BEFORE_BENEFITS.to_vec();
        if let Some(list) = items.peek().and_then(|i| i.strip_prefix(SERVICES_ITEM)) {
            services = list
                .split('/')
                .map(|id| Service::from_id(id).ok_or_else(|| format!("'{id}' is not a service")))
                .collect::<Result<_, _>>()?;
            items.next();
        }
        for item in items {
            let (id, kind) = item
                .split_once(':')
                .ok_or_else(|| format!("'{item}' is not fact:kind"))?;
            let mut parts = kind.split('/');
            let name = parts.next().unwrap_or_default();
            let kind = KINDS
                .iter()
                .find(|(_, n)| *n == name)
                .map(|(k, _)| *k)
                .ok_or_else(|| format!("'{name}' is not a kind"))?;
            let choices: Vec<String> = parts.map(str::to_string).collect();
            if id.is_empty() || !id_like(id) || choices.iter().any(|c| c.is_empty() || !id_like(c))
            {
                return Err(format!("'{item}' is not an id"));
            }
            if kind != FactKind::Choice && !choices.is_empty() {
                return Err(format!("'{item}' has choices but is no choice"));
            }
            slots.push(Slot {
                id: id.to_string(),
                kind,
                choices,
            });
        }
        Ok(Layout { services, slots })
    }

    /// The layout's line.
    pub fn text(&self) -> String {
        let items: Vec<String> = self
            .slots
            .iter()
            .map(|s| {
                let kind = KINDS
                    .iter()
                    .find(|(k, _)| *k == s.kind)
                    .map_or("", |(_, n)| n);
                let mut item = format!("{}:{kind}", s.id);
                for c in &s.choices {
                    item.push('/');
                    item.push_str(c);
                }
                item
            })
            .collect();
        // The three services of before issue 15 go unnamed, so that the lines of those builds
        // are still the text their tags were made from.
        if self.services == Service::BEFORE_BENEFITS {
            return items.join(",");
        }
        let services: Vec<&str> = self.services.iter().map(|s| s.id()).collect();
        format!("{SERVICES_ITEM}{},{}", services.join("/"), items.join(","))
    }

    /// Bits for how many services a link chooses (0 to all of them), and for one's place.
    fn service_bits(&self) -> (u32, u32) {
        let n = self.services.len();
        (bits_for(n + 1), bits_for(n))
    }

    /// The 20-bit tag a link made with this layout carries.
    pub fn tag(&self) -> u32 {
        hash_bits(&format!("anju-layout:{}", self.text()), TAG_BITS) as u32
    }

    /// The layouts kept from past builds (`share_link_layouts.txt`); a line that cannot be read
    /// is skipped (a test checks that there is none).
    pub fn past() -> impl Iterator<Item = Result<Layout, String>> {
        PAST_LAYOUTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(Layout::parse)
    }

    /// The layout a link's tag names: this data's, else one of `past`.
    fn find(tag: u32, data: &PolicyData, past: impl Iterator<Item = Layout>) -> Option<Layout> {
        let current = Layout::of(data);
        if current.tag() == tag {
            return Some(current);
        }
        past.into_iter().find(|l| l.tag() == tag)
    }
}

// ---- bits and base 32

const TAG_BITS: u32 = 20;
const SUM_BITS: u32 = 20;
const SUM_CHARS: usize = (SUM_BITS / 5) as usize;
const DAY_BITS: u32 = 17;
const MONTH_BITS: u32 = 12;
/// The order of the Exp-Golomb code for durations and counts.
const GOLOMB_K: u32 = 3;
/// Crockford's base 32: no I, L, O or U, which are read as 1, 1, 0 or not at all.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A character's value in base 32, case-blind, `O` as `0`, `I` and `L` as `1`.
fn digit(c: u8) -> Option<u8> {
    match c.to_ascii_uppercase() {
        b'O' => Some(0),
        b'I' | b'L' => Some(1),
        c => ALPHABET.iter().position(|&a| a == c).map(|p| p as u8),
    }
}

#[derive(Default)]
struct BitWriter {
    bits: Vec<bool>,
}

impl BitWriter {
    fn bit(&mut self, b: bool) {
        self.bits.push(b);
    }

    /// The low `n` bits of `value`, most significant first.
    fn put(&mut self, value: u64, n: u32) {
        for i in (0..n).rev() {
            self.bits.push(value >> i & 1 == 1);
        }
    }

    /// Exp-Golomb code of order [`GOLOMB_K`].
    fn golomb(&mut self, n: u64) {
        let v = n + (1 << GOLOMB_K);
        let len = 64 - v.leading_zeros();
        self.put(0, len - 1 - GOLOMB_K);
        self.put(v, len);
    }

    /// The bits in base 32, trailing zero bits past the tag dropped.
    fn base32(mut self) -> String {
        while self.bits.len() > TAG_BITS as usize && self.bits.last() == Some(&false) {
            self.bits.pop();
        }
        self.bits
            .chunks(5)
            .map(|c| {
                let v = c
                    .iter()
                    .chain(std::iter::repeat(&false))
                    .take(5)
                    .fold(0, |v, &b| v << 1 | usize::from(b));
                char::from(ALPHABET[v])
            })
            .collect()
    }
}

/// Reads bits; past the end, zeros (the writer dropped them).
struct BitReader {
    bits: Vec<bool>,
    at: usize,
}

impl BitReader {
    fn new(digits: &[u8]) -> BitReader {
        let bits = digits
            .iter()
            .flat_map(|&d| (0..5).rev().map(move |i| d >> i & 1 == 1))
            .collect();
        BitReader { bits, at: 0 }
    }

    fn bit(&mut self) -> bool {
        let b = self.bits.get(self.at).copied().unwrap_or(false);
        self.at += 1;
        b
    }

    fn take(&mut self, n: u32) -> u64 {
        (0..n).fold(0, |v, _| v << 1 | u64::from(self.bit()))
    }

    fn golomb(&mut self) -> Result<u64, LinkError> {
        let mut zeros = 0;
        while !self.bit() {
            zeros += 1;
            if zeros > 60 {
                return Err(LinkError::Garbled("a number too long".into()));
            }
        }
        let v = 1 << (zeros + GOLOMB_K) | self.take(zeros + GOLOMB_K);
        Ok(v - (1 << GOLOMB_K))
    }

    /// Whether every bit left is zero (as the writer leaves them).
    fn only_zeros_left(&self) -> bool {
        self.bits.iter().skip(self.at).all(|b| !b)
    }
}

/// 1900-01-01, day 0 of the link's days.
fn day_zero() -> i64 {
    Date::new(1900, 1, 1).map_or(0, Date::day_number)
}

fn bits_for(choices: usize) -> u32 {
    match choices {
        0 | 1 => 0,
        n => usize::BITS - (n - 1).leading_zeros(),
    }
}

/// One answer as its slot's kind says; `None` for a value of another kind or out of range,
/// which the link leaves out.
fn value_bits(slot: &Slot, value: &FactValue) -> Option<BitWriter> {
    let mut bits = BitWriter::default();
    match (slot.kind, value) {
        (FactKind::YesNo, FactValue::Bool(b)) => bits.bit(*b),
        (FactKind::Date, FactValue::Text(t)) if t.matches('-').count() == 2 => {
            let d = Date::parse(t).ok()?;
            bits.put((d.day_number() - day_zero()) as u64, DAY_BITS);
        }
        (FactKind::Month, FactValue::Text(t)) if t.matches('-').count() == 1 => {
            let d = Date::parse(t).ok()?;
            bits.put(months_since_1900(d), MONTH_BITS);
        }
        (FactKind::Duration, FactValue::Number(n)) if (0..=1200).contains(n) => {
            bits.golomb(*n as u64);
        }
        (FactKind::Count, FactValue::Number(n)) if *n >= 0 => bits.golomb(*n as u64),
        (FactKind::Choice, FactValue::Text(t)) => {
            let i = slot.choices.iter().position(|c| c == t)?;
            bits.put(i as u64, bits_for(slot.choices.len()));
        }
        _ => return None,
    }
    Some(bits)
}

fn months_since_1900(d: Date) -> u64 {
    (d.year() - 1900) as u64 * 12 + u64::from(d.month()) - 1
}

/// Reads one answer of the slot's kind.
fn get_value(r: &mut BitReader, slot: &Slot) -> Result<FactValue, LinkError> {
    let garbled = |what: &str| LinkError::Garbled(format!("{what} for '{}'", slot.id));
    Ok(match slot.kind {
        FactKind::YesNo => FactValue::Bool(r.bit()),
        FactKind::Date => {
            let day = r.take(DAY_BITS) as i64;
            let date = Date::from_day_number(day_zero() + day).ok_or_else(|| garbled("a day"))?;
            FactValue::Text(date.to_string())
        }
        FactKind::Month => {
            let months = r.take(MONTH_BITS);
            let date = Date::new(1900 + (months / 12) as i32, (months % 12) as u8 + 1, 1)
                .map_err(|_| garbled("a month"))?;
            FactValue::Text(format!("{:04}-{:02}", date.year(), date.month()))
        }
        // Out of range (a duration over 1,200 months) is kept, to be reported with the others.
        FactKind::Duration | FactKind::Count => FactValue::Number(
            i64::try_from(r.golomb()?).map_err(|_| garbled("a number too large"))?,
        ),
        FactKind::Choice => {
            let i = r.take(bits_for(slot.choices.len())) as usize;
            FactValue::Text(
                slot.choices
                    .get(i)
                    .ok_or_else(|| garbled("no such choice"))?
                    .clone(),
            )
        }
    })
}

// ---- writing

/// The fragment (without `#`) for these answers, in the current format (2), against `data`'s
/// facts. Only answers the data can take are written: a fact it does not have, or a value of the
/// wrong kind or out of range (which a link would drop on reading anyway), is left out; a fact
/// both answered and "I don't know" keeps its answer.
pub fn encode(answers: &Answers, data: &PolicyData) -> String {
    encode_with(answers, &Layout::of(data))
}

/// [`encode`] against a given layout (an earlier build's, in tests).
fn encode_with(answers: &Answers, layout: &Layout) -> String {
    let mut w = BitWriter::default();
    w.put(u64::from(layout.tag()), TAG_BITS);
    match answers.date {
        Some(d) => {
            w.bit(true);
            w.put((d.day_number() - day_zero()) as u64, DAY_BITS);
        }
        None => w.bit(false),
    }
    let mut services: Vec<Service> = Vec::new();
    for s in &answers.services {
        if !services.contains(s) {
            services.push(*s);
        }
    }
    services.retain(|s| layout.services.contains(s));
    let (count_bits, place_bits) = layout.service_bits();
    w.put(services.len() as u64, count_bits);
    for s in &services {
        let i = layout
            .services
            .iter()
            .position(|x| x == s)
            .unwrap_or_default();
        w.put(i as u64, place_bits);
    }
    for slot in &layout.slots {
        let value = answers
            .facts
            .get(&slot.id)
            .and_then(|v| value_bits(slot, v));
        match value {
            Some(bits) => {
                w.put(0b10, 2);
                w.bits.extend(bits.bits);
            }
            None if answers.unsure.contains(&slot.id) => w.put(0b11, 2),
            None => w.bit(false),
        }
    }
    let place = answers
        .place
        .as_deref()
        .filter(|p| id_like(p))
        .unwrap_or_default();
    let text = format!("{LINK_VERSION}{place}.{}", w.base32());
    seal(&text)
}

/// Appends the checksum to a format-2 link written without one (`2lucheng.0KZ4…`): what
/// [`encode`] does last, for tests that alter a link and sign it again.
pub fn seal(unsigned: &str) -> String {
    let sum = hash_bits(&canonical(unsigned), SUM_BITS);
    let mut out = unsigned.to_string();
    for i in (0..SUM_CHARS).rev() {
        out.push(char::from(ALPHABET[(sum >> (5 * i) & 31) as usize]));
    }
    out
}

/// A format-2 link (or part of one) as its checksum reads it: the place in lower case, the bits
/// in upper-case Crockford digits (`o` → `0`, `i`/`l` → `1`), any other character as it is.
fn canonical(text: &str) -> String {
    let (head, body) = text.rsplit_once('.').unwrap_or((text, ""));
    let mut out = head.to_ascii_lowercase();
    if text.contains('.') {
        out.push('.');
    }
    out.extend(body.bytes().map(|b| match digit(b) {
        Some(d) => char::from(ALPHABET[usize::from(d)]),
        None => char::from(b),
    }));
    out
}

/// The fragment (without `#`) for these answers in format 1, which names every fact. No page
/// writes it any more; tests and tools use it to make links as older builds made them.
pub fn encode_v1(answers: &Answers) -> String {
    let mut parts = vec!["v=1".to_string()];
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

// ---- reading

/// The place a share link names, read before the place's rules have been downloaded (they are
/// needed to read the rest); `None` when the fragment is no link or names none. Nothing else of
/// the link is checked here.
pub fn place_of(fragment: &str) -> Option<String> {
    let fragment = fragment.trim_start_matches('#');
    if !is_share_fragment(fragment) {
        return None;
    }
    if fragment.starts_with("v=") {
        return fragment
            .split('&')
            .find_map(|f| f.strip_prefix("p="))
            .filter(|p| safe(p))
            .map(str::to_string);
    }
    let (place, _) = fragment.get(1..)?.rsplit_once('.')?;
    let place = place.to_ascii_lowercase();
    (!place.is_empty() && id_like(&place)).then_some(place)
}

/// Whether a fragment looks like a share link at all (other fragments, such as `#main` from a
/// skip link, are not ours to complain about): `v=…` (format 1), or a version digit from 2 on
/// (format 2 and later).
pub fn is_share_fragment(fragment: &str) -> bool {
    let fragment = fragment.trim_start_matches('#');
    fragment.starts_with("v=")
        || fragment
            .as_bytes()
            .first()
            .is_some_and(|b| (b'2'..=b'9').contains(b))
}

/// Reads a fragment of either format. Answers the data does not know (a question since removed,
/// a value out of range) are dropped and reported; the rest is kept.
pub fn decode(
    fragment: &str,
    data: &PolicyData,
) -> Result<(Answers, Vec<AnswerProblem>), LinkError> {
    let fragment = fragment.trim_start_matches('#');
    if fragment.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong(fragment.len()));
    }
    match fragment.as_bytes().first() {
        Some(b'2') => decode_v2(fragment, data, Layout::past().filter_map(Result::ok)),
        Some(&b @ b'3'..=b'9') => Err(LinkError::FutureVersion(u32::from(b - b'0'))),
        _ => decode_v1(fragment, data),
    }
}

/// Reads a format-2 link, whose layout is `data`'s or one of `past`.
fn decode_v2(
    fragment: &str,
    data: &PolicyData,
    past: impl Iterator<Item = Layout>,
) -> Result<(Answers, Vec<AnswerProblem>), LinkError> {
    // A link cut short loses its checksum first, or the `.` after the place.
    let (place, coded) = fragment[1..].rsplit_once('.').ok_or(LinkError::Damaged)?;
    let digits: Vec<u8> = coded
        .bytes()
        .map(digit)
        .collect::<Option<_>>()
        .ok_or(LinkError::Damaged)?;
    let place = place.to_ascii_lowercase();
    if digits.len() < (TAG_BITS / 5) as usize + SUM_CHARS || !id_like(&place) {
        return Err(LinkError::Damaged);
    }
    let (body, sum) = digits.split_at(digits.len() - SUM_CHARS);
    let sum = sum.iter().fold(0u64, |v, &d| v << 5 | u64::from(d));
    let unsigned = &fragment[..fragment.len() - SUM_CHARS];
    if hash_bits(&canonical(unsigned), SUM_BITS) != sum {
        return Err(LinkError::Damaged);
    }
    let mut r = BitReader::new(body);
    let tag = r.take(TAG_BITS) as u32;
    let layout = Layout::find(tag, data, past).ok_or(LinkError::OtherQuestions)?;
    let mut answers = Answers::new();
    answers.place = (!place.is_empty()).then_some(place);
    if r.bit() {
        let day = r.take(DAY_BITS) as i64;
        answers.date = Some(
            Date::from_day_number(day_zero() + day)
                .ok_or_else(|| LinkError::Garbled("the question date".into()))?,
        );
    }
    let (count_bits, place_bits) = layout.service_bits();
    let count = r.take(count_bits) as usize;
    if count > layout.services.len() {
        return Err(LinkError::Garbled("more services than there are".into()));
    }
    for _ in 0..count {
        let service = layout
            .services
            .get(r.take(place_bits) as usize)
            .copied()
            .ok_or_else(|| LinkError::Garbled("a service".into()))?;
        if answers.services.contains(&service) {
            return Err(LinkError::Garbled("a service twice".into()));
        }
        answers.services.push(service);
    }
    // "All" in a link of an earlier layout meant the services there were then.
    if count == 0 && layout.services != Service::ALL {
        answers.services = layout.services.clone();
    }
    for slot in &layout.slots {
        if !r.bit() {
            continue;
        }
        if r.bit() {
            answers.unsure.insert(slot.id.clone());
        } else {
            let value = get_value(&mut r, slot)?;
            answers.facts.insert(slot.id.clone(), value);
        }
    }
    if !r.only_zeros_left() {
        return Err(LinkError::Garbled("more after the last answer".into()));
    }
    Ok(answers.without_fact_problems(data))
}

fn decode_v1(
    fragment: &str,
    data: &PolicyData,
) -> Result<(Answers, Vec<AnswerProblem>), LinkError> {
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
    // `v=` links stopped at version 1; a higher one can only come from a newer portal.
    if version > 1 {
        return Err(LinkError::FutureVersion(version));
    }
    if version != 1 {
        return Err(LinkError::BadVersion);
    }
    if u32::from_str_radix(sum, 16).ok() != Some(checksum(body)) || sum.len() != 8 {
        return Err(LinkError::Damaged);
    }
    let mut answers = Answers::new();
    let mut named_services = false;
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
                named_services = true;
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
    // Format-1 links were made before the fourth service: "all" meant the three of then.
    if !named_services {
        answers.services = Service::BEFORE_BENEFITS.to_vec();
    }
    Ok(answers.without_fact_problems(data))
}

/// A value from a format-1 link, read as its fact's kind says (unknown facts keep their text,
/// and are then reported as problems).
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
    /// or "I don't know", or not at all; services in any order.
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
                rng.between(1900, 2200) as i32,
                rng.between(1, 12) as u8,
                rng.between(1, 28) as u8,
            )
            .ok();
        }
        let mut services = Service::ALL.to_vec();
        let n = services.len();
        for _ in 0..rng.below(n + 1) {
            services.swap(rng.below(n), rng.below(n));
        }
        services.truncate(rng.below(n + 1));
        a.services = services;
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
                    rng.between(1900, 2200),
                    rng.between(1, 12),
                    rng.between(1, 28)
                )),
                FactKind::Month => FactValue::Text(format!(
                    "{}-{:02}",
                    rng.between(1900, 2200),
                    rng.between(1, 12)
                )),
                FactKind::Duration => FactValue::Number(rng.between(0, 1200)),
                FactKind::Count => FactValue::Number(if rng.one_in(20) {
                    i64::MAX - rng.between(0, 9)
                } else {
                    rng.between(0, 5000)
                }),
                FactKind::Choice => FactValue::Text(rng.pick(&f.choices).id.clone()),
            };
            a.facts.insert(f.id.clone(), value);
        }
        a
    }

    fn v2(data: &PolicyData, answers: &Answers) -> String {
        format!("#{}", encode(answers, data))
    }

    #[test]
    fn random_households_round_trip_through_a_link_of_either_format() {
        let data = data();
        for i in 0..2000 {
            let mut rng = Rng::for_input(7, i);
            let answers = random_answers(&data, &mut rng);
            // A format-1 link that names no service was made when "all" meant the three of
            // then, and is read so.
            let mut as_v1 = answers.clone();
            if as_v1.services.is_empty() {
                as_v1.services = Service::BEFORE_BENEFITS.to_vec();
            }
            for (link, expected) in [
                (encode(&answers, &data), &answers),
                (encode_v1(&answers), &as_v1),
            ] {
                assert!(link.len() < MAX_LINK_LEN, "{} bytes", link.len());
                let (back, problems) =
                    decode(&format!("#{link}"), &data).unwrap_or_else(|e| panic!("{link}: {e}"));
                assert!(problems.is_empty(), "{problems:?}");
                assert_eq!(&back, expected, "{link}");
            }
        }
    }

    #[test]
    fn a_format_2_link_is_letters_and_digits_read_case_blind() {
        let data = data();
        for i in 0..200 {
            let answers = random_answers(&data, &mut Rng::for_input(13, i));
            let link = encode(&answers, &data);
            let (head, body) = link.rsplit_once('.').unwrap();
            assert_eq!(head, format!("2{}", answers.place.as_deref().unwrap_or("")));
            assert!(
                body.bytes().all(|b| ALPHABET.contains(&b)),
                "only Crockford's digits: {body}"
            );
            let expected = decode(&link, &data).unwrap();
            // Typed in lower case, upper case, or with O for 0 and I or L for 1.
            let typed = [
                link.to_ascii_lowercase(),
                link.to_ascii_uppercase(),
                format!("{head}.{}", body.replace('0', "o").replace('1', "I")),
                format!("{head}.{}", body.replace('1', "l")),
            ];
            for t in typed {
                assert_eq!(decode(&t, &data).as_ref(), Ok(&expected), "{t}");
                assert_eq!(place_of(&t).as_deref(), answers.place.as_deref(), "{t}");
            }
        }
    }

    #[test]
    fn every_cut_or_changed_link_is_refused_whole() {
        let data = data();
        let mut rng = Rng::for_input(11, 0);
        let answers = random_answers(&data, &mut rng);
        for link in [encode(&answers, &data), encode_v1(&answers)] {
            for cut in 1..link.len() {
                let short = &link[..cut];
                assert!(
                    decode(short, &data).is_err(),
                    "a link cut to {cut} bytes was accepted: {short}"
                );
            }
            let bytes = link.as_bytes();
            let step = if link.starts_with('2') { 1 } else { 3 };
            for i in (0..bytes.len()).step_by(step) {
                for to in [b'1', b'2', b'Z', b'.'] {
                    let mut changed = bytes.to_vec();
                    changed[i] = to;
                    let changed = String::from_utf8(changed).unwrap();
                    // Letters of the place and the digits' spellings are read case-blind.
                    if !changed.eq_ignore_ascii_case(&link) {
                        assert!(
                            decode(&changed, &data).is_err(),
                            "a changed link was accepted: {changed}"
                        );
                    }
                }
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
        // `v=` links of a version past 1, and versions 3 to 9, come from a newer portal.
        let body = "v=2&p=lucheng";
        assert_eq!(
            decode(&format!("{body}&c={:08x}", checksum(body)), &data),
            Err(LinkError::FutureVersion(2))
        );
        assert_eq!(
            decode("#3lucheng.0000000000", &data),
            Err(LinkError::FutureVersion(3))
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
        // Format 2: cut before the place's end, characters no link has, a signed link with
        // something after its last answer.
        assert_eq!(decode("#2luch", &data), Err(LinkError::Damaged));
        assert_eq!(decode("#2lucheng.", &data), Err(LinkError::Damaged));
        let link = v2(&data, &Answers::new());
        assert_eq!(decode(&format!("{link})"), &data), Err(LinkError::Damaged));
        assert_eq!(decode(&format!("{link}U"), &data), Err(LinkError::Damaged));
        assert_eq!(
            decode(&link.replace('2', "2中"), &data),
            Err(LinkError::Damaged)
        );
        let (unsigned, _) = link.split_at(link.len() - SUM_CHARS);
        let extra = seal(&format!("{}ZZZZZZZZZZ", &unsigned[1..]));
        assert!(
            matches!(decode(&extra, &data), Err(LinkError::Garbled(_))),
            "{extra}"
        );
        assert!(decode(&link, &data).is_ok());

        assert!(is_share_fragment("#v=1&p=x") && is_share_fragment("#2lucheng.0"));
        assert!(!is_share_fragment("#main") && !is_share_fragment("#1") && !is_share_fragment(""));
        assert_eq!(place_of("#v=1&p=lucheng&c=0").as_deref(), Some("lucheng"));
        assert_eq!(place_of("#v=1&d=2014-06-01"), None);
        assert_eq!(place_of("#2lucheng.0000").as_deref(), Some("lucheng"));
        assert_eq!(place_of("#2LUCHENG.0000").as_deref(), Some("lucheng"));
        assert_eq!(place_of("#2.0000"), None);
        assert_eq!(place_of("#2lucheng"), None);
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
        for link in [encode(&a, &data), encode_v1(&a)] {
            assert!(
                !link.contains("王建国") && !link.contains("13800138000"),
                "{link}"
            );
            assert!(decode(&link, &data).is_ok());
        }
        // Format 2 writes only the facts of the data: nothing else can enter a link at all.
        a.facts
            .insert("no_such_fact".into(), FactValue::Text("13800138000".into()));
        let mut only_place = Answers::new();
        only_place.place = a.place.clone();
        assert_eq!(encode(&a, &data), encode(&only_place, &data));
        // Nor a place that is not spelled as an id.
        a.place = Some("王建国".into());
        assert!(!encode(&a, &data).contains("王建国"));
    }

    /// The data with its facts reordered, one fact added and one removed, and a choice added:
    /// what a later build might ship.
    fn changed(data: &PolicyData) -> PolicyData {
        let mut later = data.clone();
        later.facts.reverse();
        let removed = later.facts.remove(3);
        let mut added = later.facts[0].clone();
        added.id = "a_later_question".into();
        later.facts.insert(5, added);
        let choice = later
            .facts
            .iter_mut()
            .find(|f| f.kind == FactKind::Choice)
            .unwrap();
        let mut extra = choice.choices[0].clone();
        extra.id = "a_later_choice".into();
        choice.choices.insert(0, extra);
        assert!(data.fact(&removed.id).is_some());
        later
    }

    /// The fact `later` no longer has.
    fn removed(data: &PolicyData, later: &PolicyData) -> String {
        let f = data.facts.iter().find(|f| later.fact(&f.id).is_none());
        f.expect("a fact was removed").id.clone()
    }

    #[test]
    fn a_link_keeps_its_meaning_when_a_later_build_changes_the_facts() {
        let data = data();
        let later = changed(&data);
        assert_ne!(Layout::of(&later).tag(), Layout::of(&data).tag());
        for i in 0..300 {
            let answers = random_answers(&data, &mut Rng::for_input(17, i));
            let link = encode(&answers, &data);
            // A later build that kept this layout reads every answer it still asks about, by id.
            let (read, problems) =
                decode_v2(&link, &later, std::iter::once(Layout::of(&data))).unwrap();
            let (expected, expected_problems) = answers.clone().without_fact_problems(&later);
            assert_eq!(read, expected, "{link}");
            assert_eq!(problems, expected_problems);
            assert!(!problems.is_empty() || !answers.is_answered(&removed(&data, &later)));
            // One that did not refuses the link whole rather than read by the wrong positions.
            assert_eq!(
                decode_v2(&link, &later, std::iter::empty()),
                Err(LinkError::OtherQuestions)
            );
            // This build's layout is kept in share_link_layouts.txt, so a later build reads it.
            assert_eq!(decode(&link, &later), Ok((expected, expected_problems)));
        }
    }

    #[test]
    fn a_link_made_before_the_fourth_service_keeps_the_services_it_meant() {
        // The layout of the last build before `benefits`, as its links were written.
        let data = data();
        let before = Layout::past()
            .filter_map(Result::ok)
            .filter(|l| l.services == Service::BEFORE_BENEFITS)
            .last()
            .expect("a layout of before the fourth service");
        let mut a = Answers::new();
        a.place = Some("lucheng".into());
        a.date = Some(Date::parse("2014-06-01").unwrap());
        a.facts
            .insert("child_hukou_here".into(), FactValue::Bool(false));
        // "All" then was the three services, and still opens as those three, not four.
        let link = encode_with(&a, &before);
        let (back, _) = decode(&link, &data).unwrap();
        assert_eq!(back.services, Service::BEFORE_BENEFITS);
        assert_eq!(back.facts, a.facts);
        // One service chosen keeps its place.
        a.services = vec![Service::Permit];
        let (back, _) = decode(&encode_with(&a, &before), &data).unwrap();
        assert_eq!(back.services, [Service::Permit]);
        // A format-1 link without `s` is read the same way.
        a.services.clear();
        let (back, _) = decode(&encode_v1(&a), &data).unwrap();
        assert_eq!(back.services, Service::BEFORE_BENEFITS);
        // Today's links name the four, and "all" is all four.
        let now = Layout::of(&data);
        assert!(
            now.text()
                .starts_with("+services:school/insurance/permit/benefits,")
        );
        assert_eq!(Layout::parse(&now.text()), Ok(now.clone()));
        let (back, _) = decode(&encode(&a, &data), &data).unwrap();
        assert!(back.services.is_empty());
        assert_eq!(back.services(), Service::ALL);
        a.services = Service::ALL.to_vec();
        let (back, _) = decode(&encode(&a, &data), &data).unwrap();
        assert_eq!(back.services, Service::ALL);
    }

    #[test]
    fn the_fact_layout_of_this_build_is_kept_for_later_builds() {
        let data = data();
        let current = Layout::of(&data);
        let past: Vec<Layout> = Layout::past()
            .map(|l| l.unwrap_or_else(|e| panic!("share_link_layouts.txt: {e}")))
            .collect();
        for l in &past {
            assert_eq!(Layout::parse(&l.text()).as_ref(), Ok(l));
        }
        let mut tags: Vec<u32> = past.iter().map(Layout::tag).collect();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags.len(), past.len(), "two layouts share a tag");
        assert!(
            past.contains(&current),
            "The facts changed (one added, removed or moved, a kind or a choice changed). So that \
             the share links this build writes still open after the next change, add this line \
             at the end of src/portal/share_link_layouts.txt (never change or remove a line \
             there):\n\n{}\n",
            current.text()
        );
    }

    #[test]
    fn every_downloaded_bundle_has_the_layout_of_the_embedded_data() {
        // The browser reads links against one place's bundle (or the index): the same facts.
        use crate::engine::bundle;
        use crate::engine::text::Lang;
        let data = data();
        let tag = Layout::of(&data).tag();
        for lang in Lang::ALL {
            let (index, _) = bundle::read_index(&bundle::write_index(&data, lang)).unwrap();
            assert_eq!(Layout::of(&index).tag(), tag);
            for place in data.places.iter().filter(|p| p.selectable) {
                let bytes = bundle::write_place(&data, &place.id, lang);
                let (rules, _) = bundle::read_place(&bytes, &place.id).unwrap();
                assert_eq!(Layout::of(&rules).tag(), tag, "{}", place.id);
            }
        }
    }

    #[test]
    fn numbers_of_any_size_and_dates_at_the_ends_of_the_calendar_survive() {
        let data = data();
        let count = data.facts.iter().find(|f| f.kind == FactKind::Count);
        let date = data
            .facts
            .iter()
            .find(|f| f.kind == FactKind::Date)
            .unwrap();
        let month = data
            .facts
            .iter()
            .find(|f| f.kind == FactKind::Month)
            .unwrap();
        for (day, m) in [("1900-01-01", "1900-01"), ("2200-12-31", "2200-12")] {
            let mut a = Answers::new();
            a.date = Some(Date::parse(day).unwrap());
            a.facts.insert(date.id.clone(), FactValue::Text(day.into()));
            a.facts.insert(month.id.clone(), FactValue::Text(m.into()));
            if let Some(c) = count {
                for n in [0, 7, 8, 1 << 40, i64::MAX] {
                    a.facts.insert(c.id.clone(), FactValue::Number(n));
                    assert_eq!(decode(&v2(&data, &a), &data).unwrap().0, a);
                }
            }
            assert_eq!(decode(&v2(&data, &a), &data).unwrap().0, a);
        }
        // A value the link cannot carry is left out, as reading it would drop it.
        let mut a = Answers::new();
        a.facts
            .insert(date.id.clone(), FactValue::Text("2008-06".into()));
        a.facts
            .insert(month.id.clone(), FactValue::Text("2008-13".into()));
        assert_eq!(decode(&v2(&data, &a), &data).unwrap().0, Answers::new());
    }
}
