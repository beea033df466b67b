//! The household's answers in this browser: a signal every page reads, kept where the tab keeps
//! them (on the device, or in a counter tab only: see [`super::device_storage`]) so that a
//! reload loses nothing; the share link in the address, opened without ever overwriting what was
//! saved unless the person says so; and the notice that tells what happened.

use super::device_storage::{self as storage, Area, answers_area};
use crate::engine::answers::{
    AnswerProblem, Answers, SavedError, from_saved, saved_place as saved_place_of, to_saved,
};
use crate::engine::date::Date;
use crate::engine::model::PolicyData;
use crate::portal::messages::Msg;
use crate::portal::route::Route;
use crate::portal::share_link::{decode, is_share_fragment, place_of};
use crate::ui::navigation::replace;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;

const ANSWERS_KEY: &str = "anju.answers";
/// Saved answers this build cannot read (damaged, or from another version) are moved here
/// rather than deleted: nothing a person saved is destroyed by a build that cannot read it.
const SET_ASIDE_KEY: &str = "anju.answers.set-aside";

/// The place whose rules the page will need, before they are downloaded: the one a share link
/// in the address names, else the one of the answers kept for this tab.
pub fn saved_place() -> Option<String> {
    let hash = window().location().hash().unwrap_or_default();
    if is_share_fragment(&hash) {
        return place_of(&hash);
    }
    storage::get_in(answers_area(), ANSWERS_KEY).and_then(|text| saved_place_of(&text))
}

/// The answers, whether they are kept, and a notice to show once.
#[derive(Clone, Copy)]
pub struct AnswersContext {
    /// The household's answers, saved whenever they change (while `kept`).
    pub answers: RwSignal<Answers>,
    /// False while a share link's answers are shown beside different saved ones and the
    /// person has not chosen: they are not saved, and the saved ones stay as they were.
    pub kept: RwSignal<bool>,
    /// The saved answers a link's answers are shown in place of, offered back.
    pub previous: StoredValue<Option<Answers>>,
    /// A notice to show at the top of the page until it is dismissed.
    pub notice: RwSignal<Option<Notice>>,
}

/// Something the person should know about their saved or shared answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Saved answers could not be read (damaged, or saved by another version of the portal):
    /// they were set aside, not used, and not deleted.
    SavedSetAside,
    /// Some answers were left out: questions that no longer exist, impossible values (the
    /// facts named; a fact no longer in the data is counted).
    Dropped(Vec<String>),
    /// A share link could not be read (the sentence that says why); nothing saved was changed.
    BadLink(Msg),
    /// A share link was opened and its answers are shown and saved.
    LinkOpened,
    /// A share link's answers are shown, and differ from the ones saved: which to keep?
    LinkDiffers,
    /// The answers were forgotten.
    Forgotten,
}

/// The household's answers and notice, from the context set at start.
pub fn answers() -> AnswersContext {
    expect_context::<AnswersContext>()
}

/// Reads the saved answers; what cannot be read is set aside and reported, never a panic.
fn load(data: &PolicyData) -> (Answers, Option<Notice>) {
    let area = answers_area();
    let Some(text) = storage::get_in(area, ANSWERS_KEY) else {
        return (Answers::new(), None);
    };
    match from_saved(&text, data) {
        Ok((answers, problems)) => (answers, dropped_notice(&problems)),
        Err(SavedError::Corrupt(_) | SavedError::OtherVersion(_)) => {
            storage::set_in(area, SET_ASIDE_KEY, &text);
            storage::remove_in(area, ANSWERS_KEY);
            (Answers::new(), Some(Notice::SavedSetAside))
        }
    }
}

fn dropped_notice(problems: &[AnswerProblem]) -> Option<Notice> {
    (!problems.is_empty())
        .then(|| Notice::Dropped(problems.iter().map(|p| p.fact.clone()).collect()))
}

/// Starts the household: reads the saved answers, opens a share link in the address (and any
/// opened later in the same tab, when only the fragment changes), and keeps the saved copy in
/// step with the answers while they are kept.
pub fn provide(data: &'static PolicyData) -> AnswersContext {
    let (saved, notice) = load(data);
    let ctx = AnswersContext {
        answers: RwSignal::new(saved),
        kept: RwSignal::new(true),
        previous: StoredValue::new(None),
        notice: RwSignal::new(notice),
    };
    provide_context(ctx);
    open_link(data, ctx);
    let on_hash = Closure::<dyn Fn(web_sys::Event)>::new(move |_| open_link(data, ctx));
    let _ =
        window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    on_hash.forget(); // lives as long as the page
    Effect::new(move |_| {
        let a = ctx.answers.get();
        if ctx.kept.get() {
            storage::set_in(answers_area(), ANSWERS_KEY, &to_saved(&a));
        }
    });
    ctx
}

/// Opens a share link in the address, if there is one, and removes it from the address (so
/// that a reload does not open it again). A link that cannot be read changes nothing: the
/// notice says what was wrong, and the saved answers stay as they were. A readable link's
/// answers are shown; they replace the saved ones at once when there are none (or the same),
/// and otherwise only once the person chooses to keep them.
fn open_link(data: &PolicyData, ctx: AnswersContext) {
    let hash = window().location().hash().unwrap_or_default();
    if !is_share_fragment(&hash) {
        return;
    }
    match decode(&hash, data) {
        Ok((link, problems)) => {
            let current = ctx.answers.get_untracked();
            let empty = current.place.is_none() && current.facts.is_empty();
            if empty || current == link {
                ctx.kept.set(true);
                ctx.notice
                    .set(dropped_notice(&problems).or(Some(Notice::LinkOpened)));
            } else {
                // Saved once, so that a second link opened meanwhile does not lose them.
                if ctx.kept.get_untracked() {
                    ctx.previous.set_value(Some(current));
                }
                ctx.kept.set(false);
                ctx.notice.set(Some(Notice::LinkDiffers));
            }
            ctx.answers.set(link);
            replace(&Route::Results);
        }
        Err(e) => {
            ctx.notice.set(Some(Notice::BadLink(e.notice())));
            let has_saved = ctx.answers.with_untracked(|a| a.place.is_some());
            replace(if has_saved {
                &Route::Results
            } else {
                &Route::Start
            });
        }
    }
}

/// Keeps the answers of the link shown: they replace the ones saved.
pub fn keep_link_answers() {
    let ctx = answers();
    ctx.previous.set_value(None);
    ctx.kept.set(true);
    ctx.notice.set(Some(Notice::LinkOpened));
}

/// Goes back to the answers saved before the link was opened; the link's are dropped.
pub fn back_to_saved_answers() {
    let ctx = answers();
    if let Some(previous) = ctx.previous.get_value() {
        ctx.answers.set(previous);
    }
    ctx.previous.set_value(None);
    ctx.kept.set(true);
    ctx.notice.set(None);
}

/// Forgets everything the portal keeps of a household, on the device and in the tab: the
/// answers (and any set aside), and the identity details for forms.
pub fn forget_all() {
    forget_all_in(answers());
}

/// [`forget_all`], for a caller that holds the context (a timer, which runs outside any view).
pub fn forget_all_in(ctx: AnswersContext) {
    for area in [Area::Device, Area::Tab] {
        for key in [ANSWERS_KEY, SET_ASIDE_KEY] {
            storage::remove_in(area, key);
        }
        super::identity_details::forget_in(area);
    }
    ctx.previous.set_value(None);
    ctx.kept.set(true);
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
