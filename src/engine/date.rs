//! Calendar dates and periods, without a date library: the engine needs only whole days, months
//! and years, and a small type keeps the WebAssembly small.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A day in the Gregorian calendar. Written `YYYY-MM-DD` in data, answers and links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a piece of text is not a date, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` (or `YYYY-MM` where months are enough).
    Form,
    /// The year is outside 1900–2200: surely a typing mistake.
    Year,
    /// There is no month 13.
    Month,
    /// There is no such day in that month (e.g. 2023-02-29).
    Day,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Form => "not a date of the form YYYY-MM-DD",
            DateError::Year => "the year must be between 1900 and 2200",
            DateError::Month => "the month must be between 1 and 12",
            DateError::Day => "that month has no such day",
        })
    }
}

impl std::error::Error for DateError {}

/// Whether the year has a 29 February in the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days the month has in that year (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// 1970-01-01, the origin of day numbers.
    pub const UNIX_EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// A checked date: impossible days are an error, never a panic.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1900..=2200).contains(&year) {
            return Err(DateError::Year);
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day);
        }
        Ok(Date { year, month, day })
    }

    /// The year (1900–2200).
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` meaning the first of that month (for facts asked to the
    /// month, such as when insurance payments began).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let mut parts = text.split('-');
        let (Some(y), Some(m)) = (parts.next(), parts.next()) else {
            return Err(DateError::Form);
        };
        let d = parts.next();
        if parts.next().is_some() || y.len() != 4 || m.is_empty() || m.len() > 2 {
            return Err(DateError::Form);
        }
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y) || !digits(m) || d.is_some_and(|d| !digits(d) || d.len() > 2) {
            return Err(DateError::Form);
        }
        let year: i32 = y.parse().map_err(|_| DateError::Form)?;
        let month: u8 = m.parse().map_err(|_| DateError::Form)?;
        let day: u8 = match d {
            Some(d) => d.parse().map_err(|_| DateError::Form)?,
            None => 1,
        };
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days arithmetic of the
    /// proleptic Gregorian calendar.
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::day_number`]; `None` outside the supported years.
    pub fn from_day_number(n: i64) -> Option<Date> {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day).ok()
    }

    /// The day `days` later (earlier when negative); `None` outside the supported years.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number() + days)
    }

    /// The same day `months` later; a day that the target month lacks becomes its last day
    /// (2024-01-31 plus one month is 2024-02-29).
    pub fn add_months(self, months: i64) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + months;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day).ok()
    }

    /// The day a period (years, months, then days) later; `None` outside the supported years.
    pub fn add_period(self, period: Period) -> Option<Date> {
        self.add_months(i64::from(period.years) * 12 + i64::from(period.months))?
            .add_days(i64::from(period.days))
    }

    /// Whole months from `self` to `later` (0 when `later` is earlier).
    pub fn whole_months_until(self, later: Date) -> u32 {
        if later <= self {
            return 0;
        }
        let mut months =
            (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month);
        // One month is complete on the same day of the next month (or its last day, if shorter).
        if self.add_months(i64::from(months)).is_none_or(|d| d > later) {
            months -= 1;
        }
        months.max(0) as u32
    }

    /// Age in whole years (周岁) on `on`, for someone born on `self`.
    pub fn age_on(self, on: Date) -> u32 {
        self.whole_months_until(on) / 12
    }

    /// Whether `self` plus `period` has been reached by `on`.
    pub fn period_reached(self, period: Period, on: Date) -> bool {
        self.add_period(period).is_some_and(|reached| reached <= on)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(|e| serde::de::Error::custom(format!("'{text}': {e}")))
    }
}

/// A length of time as the sources state it: "1年", "6个月", "30日".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Whole years of the period (the sources' 年).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub years: u32,
    /// Months beyond the years (个月).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub months: u32,
    /// Days beyond the months (日).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub days: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Period {
    /// Whether the period is zero.
    pub fn is_empty(self) -> bool {
        self.years == 0 && self.months == 0 && self.days == 0
    }
    /// Total months, for comparing with durations that are answered in months.
    pub fn total_months(self) -> u32 {
        self.years * 12 + self.months
    }
}

impl fmt::Display for Period {
    /// Chinese, as in the sources: 1年6个月, 30日.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.years > 0 {
            write!(f, "{}年", self.years)?;
        }
        if self.months > 0 {
            write!(f, "{}个月", self.months)?;
        }
        if self.days > 0 {
            write!(f, "{}日", self.days)?;
        }
        if self.is_empty() {
            f.write_str("0日")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(d("2014-06-01").to_string(), "2014-06-01");
        assert_eq!(d("2013-08").to_string(), "2013-08-01");
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::Day));
        assert_eq!(Date::parse("2024-13-01"), Err(DateError::Month));
        assert_eq!(Date::parse("24-01-01"), Err(DateError::Form));
        assert_eq!(
            Date::parse("2024-1-1").map(|d| d.to_string()),
            Ok("2024-01-01".into())
        );
        assert_eq!(Date::parse("2024-01-01-01"), Err(DateError::Form));
        assert_eq!(Date::parse("２０２４-01-01"), Err(DateError::Form));
        assert_eq!(Date::parse(""), Err(DateError::Form));
        assert_eq!(Date::parse("1800-01-01"), Err(DateError::Year));
    }

    #[test]
    fn day_numbers_round_trip_over_centuries() {
        let mut n = d("1900-01-01").day_number();
        let end = d("2200-12-31").day_number();
        let mut prev = Date::from_day_number(n).unwrap();
        while n < end {
            n += 1;
            let next = Date::from_day_number(n).unwrap();
            assert!(next > prev);
            assert_eq!(next.day_number(), n);
            prev = next;
        }
        assert_eq!(d("1970-01-01").day_number(), 0);
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(d("2024-01-31").add_months(1).unwrap(), d("2024-02-29"));
        assert_eq!(d("2023-01-31").add_months(1).unwrap(), d("2023-02-28"));
        assert_eq!(
            d("2013-08-01")
                .add_period(Period {
                    years: 1,
                    ..Period::default()
                })
                .unwrap(),
            d("2014-08-01")
        );
    }

    #[test]
    fn ages_are_whole_years() {
        let birth = d("2008-09-01");
        assert_eq!(birth.age_on(d("2014-08-31")), 5);
        assert_eq!(birth.age_on(d("2014-09-01")), 6);
        assert_eq!(birth.age_on(d("2024-08-31")), 15);
        assert_eq!(birth.age_on(d("2024-09-01")), 16);
        // Born on 29 February: a year is complete on 28 February of a common year.
        assert_eq!(d("2012-02-29").age_on(d("2013-02-27")), 0);
        assert_eq!(d("2012-02-29").age_on(d("2013-02-28")), 1);
    }

    #[test]
    fn whole_months() {
        assert_eq!(d("2013-08-01").whole_months_until(d("2014-07-31")), 11);
        assert_eq!(d("2013-08-01").whole_months_until(d("2014-08-01")), 12);
        assert_eq!(d("2014-01-31").whole_months_until(d("2014-02-28")), 1);
        assert_eq!(d("2014-03-01").whole_months_until(d("2014-01-01")), 0);
    }
}
