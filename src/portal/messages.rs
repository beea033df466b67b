//! Interface text in three languages, as plain data: the words live in
//! `src/portal/locales/<lang>/*.toml`, and the build turns them into the `Msg` table below, so that
//! views name a message, never a string. Also the way each language writes dates and durations.
//! Pure, so that native code (the pre-rendered start page, tests) uses the same words.

use super::forms::FormId;
use super::input::InputError;
use crate::engine::date::Date;
use crate::engine::model::Service;
use crate::engine::text::Lang;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Interface text installed at run time: in the browser each language's words are downloaded
/// when it is first shown (see [`install`]), so a page carries one language, not three.
static INSTALLED: [OnceLock<Vec<String>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::ZhHant => 1,
        Lang::En => 2,
    }
}

/// The text of a message in a language: the installed words, else (natively) the built-in
/// ones. In the browser a language is always installed before it is shown; were it not, the
/// text is empty rather than a panic.
pub fn text(lang: Lang, msg: Msg) -> &'static str {
    let i = msg as usize;
    match INSTALLED[slot(lang)].get() {
        Some(words) => words.get(i).map_or("", String::as_str),
        None => built_in(lang).get(i).copied().unwrap_or(""),
    }
}

/// Installs the words of `lang`, in [`Msg`] order (from an interface bundle). Refused when
/// their count is not this build's; a language installed once stays as it is.
pub fn install(lang: Lang, words: Vec<String>) -> Result<(), String> {
    if words.len() != KEYS.len() {
        return Err(format!(
            "{} messages, this build has {}",
            words.len(),
            KEYS.len()
        ));
    }
    let _ = INSTALLED[slot(lang)].set(words);
    Ok(())
}

/// Whether the words of `lang` can be shown.
pub fn is_installed(lang: Lang) -> bool {
    INSTALLED[slot(lang)].get().is_some() || !built_in(lang).is_empty()
}

/// The words compiled into native code (the pre-rendered pages, the command line, tests, and
/// the build that writes the interface bundles). The browser's code leaves them out.
#[cfg(not(target_arch = "wasm32"))]
pub fn built_in(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Zh => &ZH_HANS,
        Lang::ZhHant => &ZH_HANT,
        Lang::En => &EN,
    }
}

/// The words compiled into native code; none in the browser, which downloads them.
#[cfg(target_arch = "wasm32")]
pub fn built_in(_: Lang) -> &'static [&'static str] {
    &[]
}

/// A message with `{name}` placeholders filled in.
pub fn fill(lang: Lang, msg: Msg, values: &[(&str, &str)]) -> String {
    let mut s = text(lang, msg).to_string();
    for (name, value) in values {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

// Dates and durations are written as each language writes them: these are formats, not
// interface text, so they live here rather than in the locale files.

/// A day: 2014年6月1日 / 2014-06-01.
pub fn date_text(lang: Lang, d: Date) -> String {
    match lang {
        Lang::En => d.to_string(),
        _ => format!("{}年{}月{}日", d.year(), d.month(), d.day()), // i18n-exempt: date format
    }
}

/// A month: 2013年8月 / 2013-08.
pub fn month_text(lang: Lang, d: Date) -> String {
    match lang {
        Lang::En => format!("{:04}-{:02}", d.year(), d.month()),
        _ => format!("{}年{}月", d.year(), d.month()), // i18n-exempt: date format
    }
}

/// A duration in months: 1年2个月 / 1 year 2 months.
pub fn duration_text(lang: Lang, months: i64) -> String {
    let (y, m) = (months / 12, months % 12);
    let plural = |n: i64, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match (lang, y, m) {
        (Lang::En, 0, m) => plural(m, "month", "months"),
        (Lang::En, y, 0) => plural(y, "year", "years"),
        (Lang::En, y, m) => format!(
            "{} {}",
            plural(y, "year", "years"),
            plural(m, "month", "months")
        ),
        (Lang::ZhHant, 0, m) => format!("{m}個月"), // i18n-exempt: duration format
        (Lang::ZhHant, y, 0) => format!("{y}年"),   // i18n-exempt: duration format
        (Lang::ZhHant, y, m) => format!("{y}年{m}個月"), // i18n-exempt: duration format
        (_, 0, m) => format!("{m}个月"),            // i18n-exempt: duration format
        (_, y, 0) => format!("{y}年"),              // i18n-exempt: duration format
        (_, y, m) => format!("{y}年{m}个月"),       // i18n-exempt: duration format
    }
}

/// A service's name.
pub fn service_name(lang: Lang, s: Service) -> &'static str {
    text(
        lang,
        match s {
            Service::School => Msg::ServiceSchool,
            Service::Insurance => Msg::ServiceInsurance,
            Service::Permit => Msg::ServicePermit,
            Service::Benefits => Msg::ServiceBenefits,
        },
    )
}

/// The sentence for a problem with a typed date or number.
pub fn input_error_msg(e: InputError) -> Msg {
    match e {
        InputError::Required => Msg::ErrDateRequired,
        InputError::Year => Msg::ErrYear,
        InputError::Month => Msg::ErrMonth,
        InputError::Day => Msg::ErrDay,
        InputError::Future => Msg::ErrFuture,
        InputError::AfterQuestionDate => Msg::ErrAfterQuestionDate,
        InputError::NotANumber => Msg::ErrNotANumber,
        InputError::TooLarge => Msg::ErrTooLarge,
        InputError::Choose => Msg::ErrChoose,
    }
}

/// What a printed form is for, in a sentence.
pub fn form_about(id: FormId) -> Msg {
    match id {
        FormId::Enrolment => Msg::FormsEnrolmentAbout,
        FormId::Residence => Msg::FormsResidenceAbout,
        FormId::Marriage => Msg::FormsMarriageAbout,
        FormId::Guardianship => Msg::FormsGuardianshipAbout,
    }
}
