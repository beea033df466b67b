//! Policy data as the portal downloads it: compact binary files that the build writes from
//! `policy-data/` (validated) and the browser reads without a JSON parser.
//!
//! A bundle holds either one language (a place's rules for a resident: every [`Text`] carries
//! only that language, and every [`Translation`] of a published title or label only that
//! language beside the published words) or all three (the rules explorer, which searches across
//! languages). The
//! layout is plain: a header, then each value in a fixed order — numbers as LEB128 varints,
//! strings as a length and UTF-8 bytes, `Option` as a 0/1 byte, lists as a count — and at the
//! end an FNV-1a 64-bit checksum of everything before it, so that a file cut short or changed
//! in transit is refused with an error, never half read.
//!
//! ```text
//! "ANJU" · format · language (0 all, 1 zh-Hans, 2 zh-Hant, 3 en) · kind · key · payload · checksum
//! ```
//!
//! Every type of the model is written field by field ([`wire_struct!`] lists the fields, so a
//! field added to a struct and not here fails to compile).

use super::cases::CaseSummary;
use super::date::{Date, Period};
use super::model::{
    Amount, Choice, Cited, Clause, Condition, Deadline, Decision, Document, DocumentStatus,
    EnrolmentBasis, Fact, FactKind, FormsBasis, GuardianshipBasis, MarriageBasis, Outcome,
    OutcomeKind, Place, PointsFactor, PointsScheme, PointsTier, PolicyData, ResidenceBasis, Rule,
    Ruleset, Service, Test,
};
use super::text::{Lang, Text, Translation};
use std::collections::BTreeMap;
use std::fmt;

/// The first bytes of every bundle.
pub const MAGIC: &[u8; 4] = b"ANJU";
/// The layout version this build writes and reads.
pub const FORMAT: u8 = 4;

/// What a bundle holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One selectable place: its rule sets and those of the places above it, the documents
    /// they cite, every fact, and the forms' basis.
    Place,
    /// The places, and a headline of every rule set and document: what the start and service
    /// pages list before a place is chosen.
    Index,
    /// Everything, with the policy cases' index: the rules explorer's.
    All,
    /// The portal's interface text, in [`crate::portal::messages`] order.
    Interface,
    /// The words of the clauses a place bundle cites (in every language alike: clauses are
    /// quoted as published), fetched after the answer is on screen.
    Clauses,
}

impl Kind {
    fn code(self) -> u8 {
        match self {
            Kind::Place => 1,
            Kind::Index => 2,
            Kind::All => 3,
            Kind::Interface => 4,
            Kind::Clauses => 5,
        }
    }
}

/// Why a bundle cannot be read. Each is a sentence for the log; a person sees "could not open
/// the data, try again".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    /// Not a bundle at all (no magic bytes).
    NotABundle,
    /// Written by another layout version.
    Format(u8),
    /// The checksum does not match: cut short or changed.
    Damaged,
    /// A bundle of another kind, language or place than the one asked for.
    Mismatch(String),
    /// The bytes end early or hold an impossible value (a tag out of range, bad UTF-8).
    Malformed(&'static str),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::NotABundle => f.write_str("not a data bundle"),
            BundleError::Format(v) => write!(f, "bundle layout {v}, this build reads {FORMAT}"),
            BundleError::Damaged => f.write_str("the bundle is incomplete or was changed"),
            BundleError::Mismatch(why) => write!(f, "not the bundle asked for: {why}"),
            BundleError::Malformed(what) => write!(f, "the bundle cannot be read at {what}"),
        }
    }
}

/// FNV-1a, 64 bits: notices a file cut short or altered (not a security measure; the files
/// come from the site's own origin).
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn lang_code(lang: Option<Lang>) -> u8 {
    match lang {
        None => 0,
        Some(Lang::Zh) => 1,
        Some(Lang::ZhHant) => 2,
        Some(Lang::En) => 3,
    }
}

/// Writes values in bundle order.
pub struct Writer {
    buf: Vec<u8>,
    /// `None`: every language of a text; `Some`: only this one.
    lang: Option<Lang>,
}

/// Reads values in bundle order.
pub struct Reader<'b> {
    buf: &'b [u8],
    pos: usize,
    lang: Option<Lang>,
}

impl Writer {
    /// A bundle of `kind` in `lang` (`None`: all languages) for `key` (a place id, or empty).
    pub fn new(kind: Kind, lang: Option<Lang>, key: &str) -> Writer {
        let mut w = Writer {
            buf: MAGIC.to_vec(),
            lang,
        };
        w.buf.extend([FORMAT, lang_code(lang), kind.code()]);
        w.text(key);
        w
    }

    fn varint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }

    /// Writes a text as its length and UTF-8 bytes.
    pub fn text(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Writes one value.
    pub fn put<T: Wire>(&mut self, value: &T) {
        value.put(self);
    }

    /// The finished bundle, checksum appended.
    pub fn finish(mut self) -> Vec<u8> {
        let sum = checksum(&self.buf);
        self.buf.extend(sum.to_le_bytes());
        self.buf
    }
}

impl<'b> Reader<'b> {
    /// Checks the header and checksum of `bytes`; the reader then stands at the payload.
    pub fn open(
        bytes: &'b [u8],
        kind: Kind,
        key: &str,
    ) -> Result<(Reader<'b>, Option<Lang>), BundleError> {
        if bytes.len() < MAGIC.len() + 3 + 8 || &bytes[..4] != MAGIC {
            return Err(BundleError::NotABundle);
        }
        if bytes[4] != FORMAT {
            return Err(BundleError::Format(bytes[4]));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut stored = [0u8; 8];
        stored.copy_from_slice(sum);
        if u64::from_le_bytes(stored) != checksum(body) {
            return Err(BundleError::Damaged);
        }
        let lang = match body[5] {
            0 => None,
            1 => Some(Lang::Zh),
            2 => Some(Lang::ZhHant),
            3 => Some(Lang::En),
            _ => return Err(BundleError::Malformed("language")),
        };
        if body[6] != kind.code() {
            return Err(BundleError::Mismatch(format!(
                "kind {} not {}",
                body[6],
                kind.code()
            )));
        }
        let mut r = Reader {
            buf: body,
            pos: 7,
            lang,
        };
        let found = String::get(&mut r)?;
        if found != key {
            return Err(BundleError::Mismatch(format!("'{found}' not '{key}'")));
        }
        Ok((r, lang))
    }

    fn byte(&mut self) -> Result<u8, BundleError> {
        let b = *self
            .buf
            .get(self.pos)
            .ok_or(BundleError::Malformed("the end"))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, BundleError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(BundleError::Malformed("a number"))
    }

    /// Reads one value.
    pub fn get<T: Wire>(&mut self) -> Result<T, BundleError> {
        T::get(self)
    }

    /// Whether every byte of the payload has been read.
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }
}

/// A value that has a place in a bundle.
pub trait Wire: Sized {
    /// Appends the value.
    fn put(&self, w: &mut Writer);
    /// Reads a value written by [`Wire::put`].
    fn get(r: &mut Reader) -> Result<Self, BundleError>;
}

impl Wire for u64 {
    fn put(&self, w: &mut Writer) {
        w.varint(*self);
    }
    fn get(r: &mut Reader) -> Result<u64, BundleError> {
        r.varint()
    }
}

impl Wire for u32 {
    fn put(&self, w: &mut Writer) {
        w.varint(u64::from(*self));
    }
    fn get(r: &mut Reader) -> Result<u32, BundleError> {
        u32::try_from(r.varint()?).map_err(|_| BundleError::Malformed("a count"))
    }
}

impl Wire for i64 {
    fn put(&self, w: &mut Writer) {
        // Zig-zag, so that small negative numbers stay short.
        w.varint(((*self << 1) ^ (*self >> 63)) as u64);
    }
    fn get(r: &mut Reader) -> Result<i64, BundleError> {
        let n = r.varint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }
}

impl Wire for bool {
    fn put(&self, w: &mut Writer) {
        w.buf.push(u8::from(*self));
    }
    fn get(r: &mut Reader) -> Result<bool, BundleError> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(BundleError::Malformed("a yes/no")),
        }
    }
}

impl Wire for String {
    fn put(&self, w: &mut Writer) {
        w.text(self);
    }
    fn get(r: &mut Reader) -> Result<String, BundleError> {
        let len = usize::try_from(r.varint()?).map_err(|_| BundleError::Malformed("a text"))?;
        let end = r
            .pos
            .checked_add(len)
            .filter(|end| *end <= r.buf.len())
            .ok_or(BundleError::Malformed("a text"))?;
        let text = std::str::from_utf8(&r.buf[r.pos..end])
            .map_err(|_| BundleError::Malformed("a text"))?;
        r.pos = end;
        Ok(text.to_string())
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.buf.push(0),
            Some(v) => {
                w.buf.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Option<T>, BundleError> {
        match r.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::get(r)?)),
            _ => Err(BundleError::Malformed("an optional value")),
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Result<Vec<T>, BundleError> {
        let n = r.varint()?;
        // Every value takes at least one byte: a count beyond what is left is a damaged file,
        // not a reason to reserve memory.
        if n > (r.buf.len() - r.pos) as u64 {
            return Err(BundleError::Malformed("a list"));
        }
        // A plain loop rather than collecting into a Result: this runs for every type of the
        // model, and the loop is much less code for each.
        let mut items = Vec::with_capacity(n as usize);
        for _ in 0..n {
            items.push(T::get(r)?);
        }
        Ok(items)
    }
}

impl<T: Wire> Wire for Box<T> {
    fn put(&self, w: &mut Writer) {
        self.as_ref().put(w);
    }
    fn get(r: &mut Reader) -> Result<Box<T>, BundleError> {
        T::get(r).map(Box::new)
    }
}

impl<V: Wire> Wire for BTreeMap<String, V> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for (k, v) in self {
            k.put(w);
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Result<BTreeMap<String, V>, BundleError> {
        let n = r.varint()?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let k = String::get(r)?;
            map.insert(k, V::get(r)?);
        }
        Ok(map)
    }
}

impl Wire for Date {
    fn put(&self, w: &mut Writer) {
        self.day_number().put(w);
    }
    fn get(r: &mut Reader) -> Result<Date, BundleError> {
        Date::from_day_number(i64::get(r)?).ok_or(BundleError::Malformed("a date"))
    }
}

/// A text: in a one-language bundle only that language, read back into its own slot (so
/// `get(lang)` finds it); in an all-languages bundle all three.
impl Wire for Text {
    fn put(&self, w: &mut Writer) {
        match w.lang {
            Some(lang) => w.text(self.get(lang)),
            None => {
                self.zh.put(w);
                self.zh_hant.put(w);
                self.en.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Text, BundleError> {
        Ok(match r.lang {
            None => Text {
                zh: String::get(r)?,
                zh_hant: Option::get(r)?,
                en: Option::get(r)?,
            },
            Some(lang) => Text::only(lang, String::get(r)?),
        })
    }
}

/// A translation of published words: in a one-language bundle only that language (nothing in
/// Simplified Chinese, whose reader sees the published words), read back into its own slot; in
/// an all-languages bundle both. The published words themselves travel in their own field.
impl Wire for Translation {
    fn put(&self, w: &mut Writer) {
        match w.lang {
            Some(Lang::Zh) => {}
            Some(lang) => w.text(self.get(lang).unwrap_or_default()),
            None => {
                self.zh_hant.put(w);
                self.en.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Translation, BundleError> {
        Ok(match r.lang {
            None => Translation {
                zh_hant: String::get(r)?,
                en: String::get(r)?,
            },
            Some(Lang::Zh) => Translation::default(),
            Some(lang) => Translation::only(lang, String::get(r)?),
        })
    }
}

/// Writes an enum without data as one byte, in the order listed.
macro_rules! wire_enum {
    ($t:ident { $($v:ident),* $(,)? }) => {
        impl Wire for $t {
            fn put(&self, w: &mut Writer) {
                let all = [$($t::$v),*];
                let i = all.iter().position(|v| v == self).unwrap_or(0);
                w.buf.push(i as u8);
            }
            fn get(r: &mut Reader) -> Result<$t, BundleError> {
                let all = [$($t::$v),*];
                all.get(usize::from(r.byte()?))
                    .copied()
                    .ok_or(BundleError::Malformed(stringify!($t)))
            }
        }
    };
}

/// Writes a struct field by field, in the order listed; every field must be listed (the
/// struct literal in `get` does not compile otherwise).
macro_rules! wire_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Wire for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)*
            }
            fn get(r: &mut Reader) -> Result<$t, BundleError> {
                Ok($t { $($f: Wire::get(r)?,)* })
            }
        }
    };
}

wire_enum!(Service {
    School,
    Insurance,
    Permit,
    Benefits
});
wire_enum!(DocumentStatus {
    InForce,
    Repealed,
    Superseded,
    Unknown
});
wire_enum!(FactKind {
    YesNo,
    Date,
    Month,
    Duration,
    Count,
    Choice
});
wire_enum!(OutcomeKind {
    Eligible,
    Priority,
    NotEligible,
    OutOfScope,
    StudyAtHukou,
    Permit,
    NoPermit,
    Required,
    NotRequired,
    Entitled,
    MayJoin,
    NotCovered,
    AskCounter,
});

wire_struct!(Period {
    years,
    months,
    days
});
wire_struct!(Place {
    id,
    name,
    parent,
    selectable
});
wire_struct!(Clause {
    id,
    label,
    translated_label,
    text
});
wire_struct!(Document {
    id,
    number,
    title,
    translated_title,
    issuer,
    place,
    issued,
    in_force,
    repealed,
    status,
    status_note,
    source,
    clauses,
});
wire_struct!(Choice { id, label, hint });
wire_struct!(Fact {
    id,
    kind,
    group,
    question,
    hint,
    choices,
    accrues,
    unit,
});
wire_struct!(Cited {
    text,
    clause,
    quote,
    when
});
wire_struct!(Outcome {
    kind,
    tier,
    validity
});
wire_struct!(Rule {
    id,
    outcome,
    clause,
    quote,
    summary,
    answer,
    when,
    materials,
    where_to_go,
    next_steps,
});
wire_struct!(Decision {
    id,
    title,
    topic,
    rules
});
wire_struct!(Ruleset {
    id,
    service,
    place,
    document,
    from,
    from_note,
    to,
    to_note,
    last_known_in_force,
    last_known_note,
    successors,
    title,
    gaps,
    conditions,
    decisions,
    deadlines,
});
wire_struct!(Deadline {
    id,
    title,
    counts_from,
    period,
    working_days,
    repeats,
    window,
    vague,
    clause,
    quote,
    what,
    when,
    after,
    if_missed,
    if_passed,
    also,
});
wire_struct!(Condition {
    test,
    label,
    clause,
    quote,
    disputed,
});
wire_struct!(PointsFactor {
    fact,
    points,
    per_months,
    max,
    clause,
    label,
});
wire_struct!(PointsTier { min, label });
wire_struct!(PointsScheme {
    id,
    place,
    document,
    from,
    to,
    title,
    factors,
    tiers,
});
wire_struct!(EnrolmentBasis {
    ruleset,
    checklist_rule,
    priority_rule,
    checklist_clause,
    conditions_clause,
    priority_clause,
});
wire_struct!(ResidenceBasis {
    field_clauses,
    default_checklist_clause,
});
wire_struct!(MarriageBasis { rulesets });
wire_struct!(GuardianshipBasis { ruleset, clause });
wire_struct!(FormsBasis {
    enrolment,
    residence,
    marriage,
    guardianship,
});
wire_struct!(PolicyData {
    places,
    documents,
    facts,
    rulesets,
    points_schemes,
    forms,
});
wire_struct!(CaseSummary { name, file, rules });

impl Wire for Amount {
    fn put(&self, w: &mut Writer) {
        match self {
            Amount::Number(n) => {
                w.buf.push(0);
                n.put(w);
            }
            Amount::Period(p) => {
                w.buf.push(1);
                p.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Amount, BundleError> {
        match r.byte()? {
            0 => Ok(Amount::Number(i64::get(r)?)),
            1 => Ok(Amount::Period(Period::get(r)?)),
            _ => Err(BundleError::Malformed("an amount")),
        }
    }
}

impl Wire for Test {
    fn put(&self, w: &mut Writer) {
        match self {
            Test::All(items) => {
                w.buf.push(0);
                items.put(w);
            }
            Test::Any(items) => {
                w.buf.push(1);
                items.put(w);
            }
            Test::Not(item) => {
                w.buf.push(2);
                item.put(w);
            }
            Test::Unclear(items, note) => {
                w.buf.push(3);
                items.put(w);
                note.put(w);
            }
            Test::Ref(name) => {
                w.buf.push(4);
                name.put(w);
            }
            Test::Is { fact, value } => {
                w.buf.push(5);
                fact.put(w);
                value.put(w);
            }
            Test::OneOf { fact, choices } => {
                w.buf.push(6);
                fact.put(w);
                choices.put(w);
            }
            Test::AgeAtLeast { fact, years } => {
                w.buf.push(7);
                fact.put(w);
                years.put(w);
            }
            Test::AgeAtMost { fact, years } => {
                w.buf.push(8);
                fact.put(w);
                years.put(w);
            }
            Test::SinceAtLeast { fact, period } => {
                w.buf.push(9);
                fact.put(w);
                period.put(w);
            }
            Test::AtLeast { fact, amount } => {
                w.buf.push(10);
                fact.put(w);
                amount.put(w);
            }
            Test::AtMost { fact, amount } => {
                w.buf.push(11);
                fact.put(w);
                amount.put(w);
            }
            Test::PointsAtLeast { scheme, points } => {
                w.buf.push(12);
                scheme.put(w);
                points.put(w);
            }
            Test::Vague(note) => {
                w.buf.push(13);
                note.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Test, BundleError> {
        Ok(match r.byte()? {
            0 => Test::All(r.get()?),
            1 => Test::Any(r.get()?),
            2 => Test::Not(r.get()?),
            3 => Test::Unclear(r.get()?, r.get()?),
            4 => Test::Ref(r.get()?),
            5 => Test::Is {
                fact: r.get()?,
                value: r.get()?,
            },
            6 => Test::OneOf {
                fact: r.get()?,
                choices: r.get()?,
            },
            7 => Test::AgeAtLeast {
                fact: r.get()?,
                years: r.get()?,
            },
            8 => Test::AgeAtMost {
                fact: r.get()?,
                years: r.get()?,
            },
            9 => Test::SinceAtLeast {
                fact: r.get()?,
                period: r.get()?,
            },
            10 => Test::AtLeast {
                fact: r.get()?,
                amount: r.get()?,
            },
            11 => Test::AtMost {
                fact: r.get()?,
                amount: r.get()?,
            },
            12 => Test::PointsAtLeast {
                scheme: r.get()?,
                points: r.get()?,
            },
            13 => Test::Vague(r.get()?),
            _ => return Err(BundleError::Malformed("a condition")),
        })
    }
}

/// The data a selectable place needs: its rule sets and those of every place it lies in (for
/// every date, so that "no rule on file" can name the nearest), their points schemes, the
/// documents they cite, the chain of places, every fact, and the forms' basis.
pub fn place_subset(data: &PolicyData, place: &str) -> PolicyData {
    let chain: Vec<&str> = data
        .place_chain(place)
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let mut wanted: Vec<&str> = data
        .rulesets
        .iter()
        .filter(|r| chain.contains(&r.place.as_str()))
        .map(|r| r.id.as_str())
        .collect();
    // A named condition of another place's rule set (`ref = "other#name"`) comes along; it is
    // never evaluated as that place's rules, whose place is not in the chain.
    let mut i = 0;
    while i < wanted.len() {
        if let Some(r) = data.ruleset(wanted[i]) {
            for other in r.referenced_rulesets() {
                if !wanted.contains(&other) {
                    wanted.push(other);
                }
            }
        }
        i += 1;
    }
    let rulesets: Vec<Ruleset> = data
        .rulesets
        .iter()
        .filter(|r| wanted.contains(&r.id.as_str()))
        .cloned()
        .collect();
    let points_schemes: Vec<PointsScheme> = data
        .points_schemes
        .iter()
        .filter(|s| chain.contains(&s.place.as_str()))
        .cloned()
        .collect();
    let mut cited = std::collections::BTreeSet::new();
    for r in &rulesets {
        cited.insert(r.document.clone());
        cited.extend(r.cited_documents());
    }
    for s in &points_schemes {
        cited.insert(s.document.clone());
    }
    if let Some(forms) = &data.forms {
        for reference in forms
            .residence
            .field_clauses
            .iter()
            .chain([&forms.residence.default_checklist_clause])
        {
            if let Some((doc, _)) = reference.split_once('#') {
                cited.insert(doc.to_string());
            }
        }
    }
    PolicyData {
        places: data
            .places
            .iter()
            .filter(|p| chain.contains(&p.id.as_str()))
            .cloned()
            .collect(),
        documents: data
            .documents
            .iter()
            .filter(|d| cited.contains(&d.id))
            .cloned()
            .collect(),
        facts: data.facts.clone(),
        rulesets,
        points_schemes,
        forms: data.forms.clone(),
    }
}

/// The place bundle of `place` in `lang`. The words of its clauses are left out (their ids and
/// labels stay): they come in the place's clause bundle ([`write_clauses`]), which a page
/// fetches once its answer is on screen.
pub fn write_place(data: &PolicyData, place: &str, lang: Lang) -> Vec<u8> {
    let mut subset = place_subset(data, place);
    for d in &mut subset.documents {
        for c in &mut d.clauses {
            c.text.clear();
        }
    }
    let mut w = Writer::new(Kind::Place, Some(lang), place);
    w.put(&subset);
    w.finish()
}

/// The words of every clause the place bundle of `place` cites: per document, its clauses'
/// ids and words.
pub type ClauseTexts = Vec<(String, Vec<(String, String)>)>;

/// The clause bundle of `place`.
pub fn write_clauses(data: &PolicyData, place: &str) -> Vec<u8> {
    let texts: Vec<(String, Vec<(String, String)>)> = place_subset(data, place)
        .documents
        .into_iter()
        .map(|d| {
            let clauses = d.clauses.into_iter().map(|c| (c.id, c.text)).collect();
            (d.id, clauses)
        })
        .collect();
    let mut w = Writer::new(Kind::Clauses, None, place);
    w.varint(texts.len() as u64);
    for (doc, clauses) in &texts {
        w.text(doc);
        w.varint(clauses.len() as u64);
        for (id, text) in clauses {
            w.text(id);
            w.text(text);
        }
    }
    w.finish()
}

/// Reads the clause bundle of `place`.
pub fn read_clauses(bytes: &[u8], place: &str) -> Result<ClauseTexts, BundleError> {
    let (mut r, _) = Reader::open(bytes, Kind::Clauses, place)?;
    let docs: u64 = r.get()?;
    let mut out = Vec::new();
    for _ in 0..docs {
        let doc: String = r.get()?;
        let n: u64 = r.get()?;
        let mut clauses = Vec::new();
        for _ in 0..n {
            let id: String = r.get()?;
            clauses.push((id, r.get()?));
        }
        out.push((doc, clauses));
    }
    finish(&r)?;
    Ok(out)
}

/// `data` with the words of its clauses put back from a clause bundle.
pub fn with_clause_texts(data: &PolicyData, texts: &ClauseTexts) -> PolicyData {
    let mut data = data.clone();
    for d in &mut data.documents {
        let Some((_, clauses)) = texts.iter().find(|(id, _)| *id == d.id) else {
            continue;
        };
        for c in &mut d.clauses {
            if let Some((_, text)) = clauses.iter().find(|(id, _)| *id == c.id) {
                c.text.clone_from(text);
            }
        }
    }
    data
}

/// Reads a place bundle, checking that it is the one for `place`.
pub fn read_place(bytes: &[u8], place: &str) -> Result<(PolicyData, Lang), BundleError> {
    let (mut r, lang) = Reader::open(bytes, Kind::Place, place)?;
    let lang = lang.ok_or(BundleError::Mismatch("all languages, not one".into()))?;
    let data = r.get()?;
    finish(&r)?;
    Ok((data, lang))
}

/// The data every page may show before a place is chosen: all places, every fact (counter mode
/// lists them all), and each rule set and document without their rules and clauses.
pub fn index_subset(data: &PolicyData) -> PolicyData {
    PolicyData {
        places: data.places.clone(),
        documents: data
            .documents
            .iter()
            .map(|d| Document {
                clauses: Vec::new(),
                ..d.clone()
            })
            .collect(),
        facts: data.facts.clone(),
        rulesets: data
            .rulesets
            .iter()
            .map(|r| Ruleset {
                gaps: Vec::new(),
                conditions: BTreeMap::new(),
                decisions: Vec::new(),
                deadlines: Vec::new(),
                ..r.clone()
            })
            .collect(),
        points_schemes: Vec::new(),
        forms: None,
    }
}

/// The index bundle in `lang`.
pub fn write_index(data: &PolicyData, lang: Lang) -> Vec<u8> {
    let mut w = Writer::new(Kind::Index, Some(lang), "");
    w.put(&index_subset(data));
    w.finish()
}

/// Reads an index bundle.
pub fn read_index(bytes: &[u8]) -> Result<(PolicyData, Lang), BundleError> {
    let (mut r, lang) = Reader::open(bytes, Kind::Index, "")?;
    let lang = lang.ok_or(BundleError::Mismatch("all languages, not one".into()))?;
    let data = r.get()?;
    finish(&r)?;
    Ok((data, lang))
}

/// The explorer's bundle: everything, in every language, with the case index.
pub fn write_all(data: &PolicyData, cases: &[CaseSummary]) -> Vec<u8> {
    let mut w = Writer::new(Kind::All, None, "");
    w.put(data);
    w.put(&cases.to_vec());
    w.finish()
}

/// Reads the explorer's bundle.
pub fn read_all(bytes: &[u8]) -> Result<(PolicyData, Vec<CaseSummary>), BundleError> {
    let (mut r, _) = Reader::open(bytes, Kind::All, "")?;
    let data = r.get()?;
    let cases = r.get()?;
    finish(&r)?;
    Ok((data, cases))
}

/// The interface text of one language, in message order; `keys` identifies the build's
/// message list, so a file of another build is refused rather than read in the wrong order.
pub fn write_interface(lang: Lang, keys: &str, texts: &[&str]) -> Vec<u8> {
    let mut w = Writer::new(Kind::Interface, Some(lang), keys);
    w.varint(texts.len() as u64);
    for t in texts {
        w.text(t);
    }
    w.finish()
}

/// Reads interface text, checking it was written for `keys`.
pub fn read_interface(bytes: &[u8], keys: &str) -> Result<(Vec<String>, Lang), BundleError> {
    let (mut r, lang) = Reader::open(bytes, Kind::Interface, keys)?;
    let lang = lang.ok_or(BundleError::Mismatch("all languages, not one".into()))?;
    let texts = r.get()?;
    finish(&r)?;
    Ok((texts, lang))
}

fn finish(r: &Reader) -> Result<(), BundleError> {
    if r.at_end() {
        Ok(())
    } else {
        Err(BundleError::Malformed("bytes after the data"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    #[test]
    fn the_explorer_bundle_gives_back_everything() {
        let data = data();
        let cases = crate::portal::embedded::case_index().expect("case index");
        let bytes = write_all(&data, &cases);
        let (back, back_cases) = read_all(&bytes).expect("readable");
        let json = |d: &PolicyData| serde_json::to_value(d).expect("json");
        assert_eq!(json(&back), json(&data));
        assert_eq!(back_cases.len(), cases.len());
        assert_eq!(back_cases[0].rules, cases[0].rules);
    }

    #[test]
    fn a_place_bundle_holds_its_rules_in_one_language() {
        let data = data();
        for place in data.places.iter().filter(|p| p.selectable) {
            for lang in Lang::ALL {
                let bytes = write_place(&data, &place.id, lang);
                let (back, read_lang) = read_place(&bytes, &place.id).expect("readable");
                assert_eq!(read_lang, lang);
                // Written again, it is the same file: nothing was lost or reordered.
                let mut again = Writer::new(Kind::Place, Some(lang), &place.id);
                again.put(&back);
                assert_eq!(again.finish(), bytes, "{} {lang:?}", place.id);
                // Its rules are exactly the chain's, and they evaluate as the full data does.
                let full = place_subset(&data, &place.id);
                assert_eq!(back.rulesets.len(), full.rulesets.len());
                let name = back.place(&place.id).expect("the place").name.get(lang);
                assert_eq!(name, place.name.get(lang));
                // Each document's title and clause's label as published, and their translation
                // into the reader's language, as the full data has them.
                for (d, full_d) in back.documents.iter().zip(&full.documents) {
                    assert_eq!(d.title, full_d.title);
                    assert_eq!(d.title_in(lang), full_d.title_in(lang), "{}", d.id);
                    assert_eq!(d.original_title(lang), full_d.original_title(lang));
                    for (c, full_c) in d.clauses.iter().zip(&full_d.clauses) {
                        assert_eq!(c.label, full_c.label);
                        assert_eq!(c.label_in(lang), full_c.label_in(lang), "{}", c.id);
                        assert_eq!(c.original_label(lang), full_c.original_label(lang));
                    }
                }
            }
        }
    }

    #[test]
    fn a_place_bundle_gives_its_reader_the_translated_labels() {
        let data = data();
        let read = |lang| {
            let bytes = write_place(&data, "lucheng", lang);
            read_place(&bytes, "lucheng").expect("readable").0
        };
        let en = read(Lang::En);
        let (doc, c) = en
            .clause("lucheng-2013-164", "annex6.art2")
            .expect("the clause");
        assert_eq!(c.label_in(Lang::En), "Annex 6, Article 2");
        assert_eq!(c.original_label(Lang::En), Some("附件6 第二条"));
        assert!(
            doc.title_in(Lang::En)
                .starts_with("Notice of the General Office")
        );
        assert_eq!(doc.original_title(Lang::En), Some(doc.title.as_str()));
        let hant = read(Lang::ZhHant);
        let (_, c) = hant
            .clause("lucheng-2013-164", "annex6.art2")
            .expect("the clause");
        assert_eq!(c.label_in(Lang::ZhHant), "附件6 第二條");
        let zh = read(Lang::Zh);
        let (doc, c) = zh
            .clause("lucheng-2013-164", "annex6.art2")
            .expect("the clause");
        assert_eq!(
            (c.label_in(Lang::Zh), c.original_label(Lang::Zh)),
            ("附件6 第二条", None)
        );
        assert_eq!(doc.original_title(Lang::Zh), None);
    }

    #[test]
    fn a_translation_travels_only_in_its_own_language() {
        let t = Translation {
            zh_hant: "附件6 第二條".into(),
            en: "Annex 6, Article 2".into(),
        };
        for lang in [None, Some(Lang::Zh), Some(Lang::ZhHant), Some(Lang::En)] {
            let mut w = Writer::new(Kind::Index, lang, "");
            w.put(&t);
            let bytes = w.finish();
            let (mut r, _) = Reader::open(&bytes, Kind::Index, "").expect("open");
            let back: Translation = r.get().expect("a translation");
            assert!(r.at_end());
            match lang {
                None => assert_eq!(back, t),
                Some(Lang::Zh) => assert_eq!(back, Translation::default()),
                Some(l) => {
                    assert_eq!(back.get(l), t.get(l));
                    let other = if l == Lang::En {
                        Lang::ZhHant
                    } else {
                        Lang::En
                    };
                    assert_eq!(back.get(other), None);
                }
            }
        }
    }

    #[test]
    fn a_place_bundle_answers_as_the_full_data_does() {
        let data = data();
        let cases = crate::engine::source::load_dir(std::path::Path::new("policy-data"))
            .expect("policy data")
            .cases;
        for (_, case) in &cases {
            let bytes = write_place(&data, &case.place, Lang::Zh);
            let (subset, _) = read_place(&bytes, &case.place).expect("readable");
            assert_eq!(
                case.check(&subset),
                case.check(&data),
                "{}: a place bundle changes the outcome",
                case.name
            );
        }
    }

    #[test]
    fn the_clause_words_come_apart_and_back() {
        let data = data();
        let (bare, _) =
            read_place(&write_place(&data, "lucheng", Lang::En), "lucheng").expect("readable");
        assert!(
            bare.documents
                .iter()
                .flat_map(|d| &d.clauses)
                .all(|c| c.text.is_empty())
        );
        let texts = read_clauses(&write_clauses(&data, "lucheng"), "lucheng").expect("readable");
        let whole = with_clause_texts(&bare, &texts);
        let full = place_subset(&data, "lucheng");
        for (d, f) in whole.documents.iter().zip(&full.documents) {
            for (c, fc) in d.clauses.iter().zip(&f.clauses) {
                assert_eq!(c.text, fc.text, "{} {}", d.id, c.id);
            }
        }
        assert!(read_clauses(&write_clauses(&data, "lucheng"), "haishu").is_err());
    }

    #[test]
    fn a_damaged_or_wrong_bundle_is_refused() {
        let data = data();
        let bytes = write_place(&data, "lucheng", Lang::En);
        for cut in [0, 3, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                read_place(&bytes[..cut], "lucheng").is_err(),
                "cut at {cut}"
            );
        }
        let mut changed = bytes.clone();
        changed[bytes.len() / 2] ^= 0x20;
        assert!(matches!(
            read_place(&changed, "lucheng"),
            Err(BundleError::Damaged)
        ));
        assert!(matches!(
            read_place(&bytes, "haishu"),
            Err(BundleError::Mismatch(_))
        ));
        assert!(matches!(read_index(&bytes), Err(BundleError::Mismatch(_))));
        assert!(matches!(
            read_place(b"<html>", "lucheng"),
            Err(BundleError::NotABundle)
        ));
    }

    #[test]
    fn interface_text_round_trips_and_knows_its_build() {
        let bytes = write_interface(Lang::En, "k1", &["Start", "返回", ""]);
        let (texts, lang) = read_interface(&bytes, "k1").expect("readable");
        assert_eq!(texts, ["Start", "返回", ""]);
        assert_eq!(lang, Lang::En);
        assert!(read_interface(&bytes, "k2").is_err());
    }

    #[test]
    fn numbers_round_trip() {
        let mut w = Writer::new(Kind::Index, None, "");
        for n in [0i64, 1, -1, 63, -64, 64, i64::MAX, i64::MIN] {
            w.put(&n);
        }
        w.put(&u64::MAX);
        let bytes = w.finish();
        let (mut r, _) = Reader::open(&bytes, Kind::Index, "").expect("open");
        for n in [0i64, 1, -1, 63, -64, 64, i64::MAX, i64::MIN] {
            assert_eq!(r.get::<i64>().expect("i64"), n);
        }
        assert_eq!(r.get::<u64>().expect("u64"), u64::MAX);
        assert!(r.at_end());
    }
}
