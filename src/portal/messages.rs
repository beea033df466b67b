//! Interface text in three languages, as plain data: the words live in
//! `src/portal/locales/<lang>/*.toml`, and the build turns them into the `Msg` table below, so that
//! views name a message, never a string. Also the way each language writes dates and durations.
//! Pure, so that native code (the pre-rendered start page, tests) uses the same words.

use super::forms::FormId;
use super::input::InputError;
use crate::engine::date::Date;
use crate::engine::model::Service;
use crate::engine::text::Lang;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The text of a message in a language.
pub fn text(lang: Lang, msg: Msg) -> &'static str {
    let i = msg as usize;
    match lang {
        Lang::Zh => ZH_HANS[i],
        Lang::ZhHant => ZH_HANT[i],
        Lang::En => EN[i],
    }
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
