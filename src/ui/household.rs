//! The household's answers in this browser: a signal every page reads, kept in localStorage so
//! that a reload or a closed tab loses nothing, and a notice when saved or shared answers could
//! not be used.

use super::device_storage as storage;
use crate::engine::answers::{
    AnswerProblem, Answers, SavedError, from_saved, saved_place as saved_place_of, to_saved,
};
use crate::engine::date::Date;
use crate::engine::model::PolicyData;
use crate::portal::route::Route;
use crate::portal::share_link::{LinkError, decode, is_share_fragment, place_of};
use crate::ui::navigation::replace;
use leptos::prelude::*;

const ANSWERS_KEY: &str = "anju.answers";

/// The place whose rules the page will need, before they are downloaded: the one a share link
/// in the address names, else the one of the answers saved on this device.
pub fn saved_place() -> Option<String> {
    let hash = window().location().hash().unwrap_or_default();
    if is_share_fragment(&hash) {
        return place_of(&hash).map(str::to_string);
    }
    storage::get(ANSWERS_KEY).and_then(|text| saved_place_of(&text))
}

/// The answers, and a notice to show once (answers that could not be read).
#[derive(Clone, Copy)]
pub struct AnswersContext {
    /// The household's answers, saved on this device whenever they change.
    pub answers: RwSignal<Answers>,
    /// A notice to show at the top of the page until it is dismissed.
    pub notice: RwSignal<Option<Notice>>,
}

/// Something the person should know about their saved or shared answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Saved answers were unreadable and have been cleared.
    SavedCorrupt,
    /// Saved answers came from another version and have been cleared.
    SavedOtherVersion,
    /// Some answers were dropped (questions that no longer exist, impossible values).
    Dropped(Vec<String>),
    /// A share link could not be read; the portal started afresh.
    BadLink(String),
    /// A share link was opened and its answers restored.
    LinkOpened,
    /// The answers were forgotten.
    Forgotten,
}

/// The household's answers and notice, from the context set at start.
pub fn answers() -> AnswersContext {
    expect_context::<AnswersContext>()
}

/// Reads saved answers; anything unreadable is cleared and reported, never a panic.
pub fn load(data: &PolicyData) -> (Answers, Option<Notice>) {
    let Some(text) = storage::get(ANSWERS_KEY) else {
        return (Answers::new(), None);
    };
    match from_saved(&text, data) {
        Ok((answers, problems)) => (answers, dropped_notice(&problems)),
        Err(e) => {
            storage::remove(ANSWERS_KEY);
            let notice = match e {
                SavedError::Corrupt(_) => Notice::SavedCorrupt,
                SavedError::OtherVersion(_) => Notice::SavedOtherVersion,
            };
            (Answers::new(), Some(notice))
        }
    }
}

fn dropped_notice(problems: &[AnswerProblem]) -> Option<Notice> {
    (!problems.is_empty())
        .then(|| Notice::Dropped(problems.iter().map(|p| p.fact.clone()).collect()))
}

/// Keeps the saved copy in step with the signal.
pub fn persist(answers: RwSignal<Answers>) {
    Effect::new(move |_| {
        let a = answers.get();
        storage::set(ANSWERS_KEY, &to_saved(&a));
    });
}

/// Forgets every answer on this device (and, with them, the identity details for forms).
pub fn forget_all() {
    storage::remove(ANSWERS_KEY);
    storage::remove(super::identity_details::IDENTITY_KEY);
    let ctx = answers();
    ctx.answers.set(Answers::new());
    super::identity_details::clear_shown();
    ctx.notice.set(Some(Notice::Forgotten));
}

/// Today's date on this device's clock, in its time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let parsed = Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    );
    // A clock outside 1900–2200 is broken; a fixed valid day is better than a blank page.
    parsed.unwrap_or(Date::UNIX_EPOCH)
}

/// Reads a share link in the address, if any: its answers replace the saved ones and the results
/// show; a bad link leaves a notice and a fresh start. Either way the fragment is removed, so a
/// reload does not read it again.
pub fn open_link_in_fragment(data: &PolicyData, answers: RwSignal<Answers>) -> Option<Notice> {
    let hash = window().location().hash().unwrap_or_default();
    if !is_share_fragment(&hash) {
        return None;
    }
    match decode(&hash, data) {
        Ok((a, problems)) => {
            answers.set(a);
            replace(&Route::Results);
            dropped_notice(&problems).or(Some(Notice::LinkOpened))
        }
        Err(e) => {
            answers.set(Answers::new());
            replace(&Route::Start);
            Some(Notice::BadLink(link_error_key(&e).to_string()))
        }
    }
}

/// A short code for the kind of problem, shown under the notice (for staff who help).
fn link_error_key(e: &LinkError) -> &'static str {
    match e {
        LinkError::TooLong(_) => "too-long",
        LinkError::FutureVersion(_) => "newer-version",
        LinkError::BadVersion => "unknown-version",
        LinkError::Damaged => "incomplete",
        LinkError::Garbled(_) => "unreadable",
    }
}
