//! What a person types, read into answers: numbers (full-width digits from a Chinese keyboard
//! are accepted), dates as year / month / day boxes, durations as years and months. Every
//! problem is a value the page turns into a sentence beside the field; nothing here panics.

use crate::engine::date::{Date, DateError};

/// Why typed input is not an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Nothing was entered.
    Required,
    /// A box holds something other than a whole number.
    NotANumber,
    /// The year box is empty or not four digits.
    Year,
    /// The month is empty or outside 1–12.
    Month,
    /// The day is empty, or that month has no such day.
    Day,
    /// The date is after today.
    Future,
    /// The date is after the (past) day the question is asked for: a child born after it, a
    /// job begun after it, cannot be part of the answer for that day.
    AfterQuestionDate,
    /// The number is beyond any real answer (a duration over 100 years, a count over a million).
    TooLarge,
    /// No choice was made.
    Choose,
}

/// The latest date a question may be asked for: a past date, or the next five years (to see
/// when a rule would apply); not beyond.
pub fn latest_question_date(today: Date) -> Date {
    today.add_months(5 * 12).unwrap_or(today)
}

/// Folds full-width characters (from a Chinese keyboard: digits `０`–`９`, Latin letters such as
/// `Ｘ`, punctuation) to their half-width forms; everything else is kept as it is.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A whole number from a box: spaces ignored, full-width digits accepted; `None` when empty.
pub fn number(text: &str) -> Result<Option<i64>, InputError> {
    let ascii: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_width)
        .collect();
    if ascii.is_empty() {
        return Ok(None);
    }
    if ascii.len() > 9 || !ascii.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if ascii.bytes().all(|b| b.is_ascii_digit()) {
            InputError::TooLarge
        } else {
            InputError::NotANumber
        });
    }
    ascii.parse().map(Some).map_err(|_| InputError::NotANumber)
}

fn date_error(e: DateError) -> InputError {
    match e {
        DateError::Year | DateError::Form => InputError::Year,
        DateError::Month => InputError::Month,
        DateError::Day => InputError::Day,
    }
}

/// A day from three boxes, not after `latest`.
pub fn day(year: &str, month: &str, day: &str, latest: Date) -> Result<Date, InputError> {
    let (y, m, d) = (number(year)?, number(month)?, number(day)?);
    if y.is_none() && m.is_none() && d.is_none() {
        return Err(InputError::Required);
    }
    let y = y
        .filter(|y| (1000..=9999).contains(y))
        .ok_or(InputError::Year)?;
    let m = m.ok_or(InputError::Month)?;
    let d = d.ok_or(InputError::Day)?;
    let m = u8::try_from(m).map_err(|_| InputError::Month)?;
    let d = u8::try_from(d).map_err(|_| InputError::Day)?;
    let date = Date::new(y as i32, m, d).map_err(date_error)?;
    if date > latest {
        Err(InputError::Future)
    } else {
        Ok(date)
    }
}

/// A month from two boxes (the first of that month), not after `latest`'s month.
pub fn month(year: &str, month: &str, latest: Date) -> Result<Date, InputError> {
    let (y, m) = (number(year)?, number(month)?);
    if y.is_none() && m.is_none() {
        return Err(InputError::Required);
    }
    let y = y
        .filter(|y| (1000..=9999).contains(y))
        .ok_or(InputError::Year)?;
    let m = u8::try_from(m.ok_or(InputError::Month)?).map_err(|_| InputError::Month)?;
    let date = Date::new(y as i32, m, 1).map_err(date_error)?;
    if (date.year(), date.month()) > (latest.year(), latest.month()) {
        Err(InputError::Future)
    } else {
        Ok(date)
    }
}

/// A duration in whole months from a years box and a months box (either may be empty).
pub fn duration(years: &str, months: &str) -> Result<i64, InputError> {
    let (y, m) = (number(years)?, number(months)?);
    if y.is_none() && m.is_none() {
        return Err(InputError::Required);
    }
    let total = y.unwrap_or(0) * 12 + m.unwrap_or(0);
    if total > 1200 {
        Err(InputError::TooLarge)
    } else {
        Ok(total)
    }
}

/// A whole number of things.
pub fn count(text: &str) -> Result<i64, InputError> {
    match number(text)? {
        None => Err(InputError::Required),
        Some(n) if n > 1_000_000 => Err(InputError::TooLarge),
        Some(n) => Ok(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn numbers() {
        assert_eq!(number(" 12 "), Ok(Some(12)));
        assert_eq!(number("１２"), Ok(Some(12)));
        assert_eq!(number(""), Ok(None));
        assert_eq!(number("1.5"), Err(InputError::NotANumber));
        assert_eq!(number("-3"), Err(InputError::NotANumber));
        assert_eq!(number("99999999999999999999"), Err(InputError::TooLarge));
    }

    #[test]
    fn days() {
        let today = d("2024-06-01");
        assert_eq!(day("2008", "6", "2", today), Ok(d("2008-06-02")));
        assert_eq!(day("", "", "", today), Err(InputError::Required));
        assert_eq!(day("2023", "2", "29", today), Err(InputError::Day));
        assert_eq!(day("2023", "13", "1", today), Err(InputError::Month));
        assert_eq!(day("23", "1", "1", today), Err(InputError::Year));
        assert_eq!(day("2023", "1", "", today), Err(InputError::Day));
        assert_eq!(day("2025", "1", "1", today), Err(InputError::Future));
        assert_eq!(day("2023", "300", "1", today), Err(InputError::Month));
    }

    #[test]
    fn months_and_durations() {
        let today = d("2024-06-15");
        assert_eq!(month("2024", "6", today), Ok(d("2024-06-01")));
        assert_eq!(month("2024", "7", today), Err(InputError::Future));
        assert_eq!(duration("1", ""), Ok(12));
        assert_eq!(duration("", "11"), Ok(11));
        assert_eq!(duration("1", "6"), Ok(18));
        assert_eq!(duration("", ""), Err(InputError::Required));
        assert_eq!(duration("200", ""), Err(InputError::TooLarge));
        assert_eq!(count("3"), Ok(3));
        assert_eq!(count(""), Err(InputError::Required));
    }
}
