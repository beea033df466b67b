//! The 18-character citizen identity number (公民身份号码) of GB 11643-1999: six digits of the
//! place of registration, eight of the birth date, three of sequence (odd for men, even for
//! women) and a check character computed by ISO 7064 MOD 11-2.

use crate::engine::date::Date;
use std::fmt;

/// A checked identity number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumber {
    text: String,
    birth: Date,
    male: bool,
}

/// Why a typed identity number is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdError {
    /// Not 18 characters.
    Length(usize),
    /// A character other than a digit (or X at the end).
    Characters,
    /// The first two digits are no province's code.
    Region,
    /// Digits 7–14 are not a real date.
    BirthDate,
    /// The last character does not match the others (a typing mistake somewhere).
    CheckDigit {
        /// The last character the first 17 digits call for (`0`–`9` or `X`).
        expected: char,
    },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Length(n) => write!(f, "{n} characters, not 18"),
            IdError::Characters => f.write_str("only digits, and X at the end, are allowed"),
            IdError::Region => f.write_str("the first two digits are not a province code"),
            IdError::BirthDate => f.write_str("digits 7 to 14 are not a real date of birth"),
            IdError::CheckDigit { expected } => {
                write!(f, "the check character should be {expected}")
            }
        }
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Province-level codes (GB/T 2260): mainland provinces, and 71/81/82 for Taiwan, Hong Kong and
/// Macao, which some numbers carry.
fn is_province(code: u32) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82)
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

impl IdNumber {
    /// Reads a typed number: spaces are ignored, full-width digits and `Ｘ` (a Chinese
    /// keyboard's) and a lower-case x are accepted.
    pub fn parse(typed: &str) -> Result<IdNumber, IdError> {
        let text: String = typed
            .chars()
            .map(crate::portal::input::fold_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let count = text.chars().count();
        if count != 18 {
            return Err(IdError::Length(count));
        }
        let bytes = text.as_bytes();
        if !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(IdError::Characters);
        }
        let digits = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
        if !is_province(digits(0..2)) {
            return Err(IdError::Region);
        }
        let birth = Date::new(
            digits(6..10) as i32,
            digits(10..12) as u8,
            digits(12..14) as u8,
        )
        .map_err(|_| IdError::BirthDate)?;
        let expected = check_char(&bytes[..17]);
        if char::from(bytes[17]) != expected {
            return Err(IdError::CheckDigit { expected });
        }
        let male = (bytes[16] - b'0') % 2 == 1;
        Ok(IdNumber { text, birth, male })
    }

    /// The number as read: 18 half-width characters, spaces dropped, any `x` as `X`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The birth date the number carries.
    pub fn birth_date(&self) -> Date {
        self.birth
    }

    /// Whether the sequence digit is odd (men) rather than even (women).
    pub fn is_male(&self) -> bool {
        self.male
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number with a correct check character, built from 17 digits.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()))
    }

    #[test]
    fn accepts_full_width_digits_and_x() {
        let id = IdNumber::parse("１１０１０５ １９４９１２３１ ００２ｘ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn accepts_valid_numbers() {
        // The standard's worked example: 11010519491231002X.
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.birth_date(), Date::parse("1949-12-31").unwrap());
        assert!(!id.is_male());
        let id = IdNumber::parse(&with_check("33030220080601001")).unwrap();
        assert_eq!(id.birth_date().to_string(), "2008-06-01");
        assert!(id.is_male());
        // Spaces and a lower-case x are what people type.
        assert!(IdNumber::parse("110105 19491231 002x").is_ok());
    }

    #[test]
    fn refuses_invalid_numbers() {
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(IdError::CheckDigit { expected: 'X' })
        );
        assert_eq!(
            IdNumber::parse("11010519491231002"),
            Err(IdError::Length(17))
        );
        assert_eq!(IdNumber::parse(""), Err(IdError::Length(0)));
        assert_eq!(
            IdNumber::parse("1101051949123100XX"),
            Err(IdError::Characters)
        );
        assert_eq!(
            IdNumber::parse(&with_check("99010519491231002")),
            Err(IdError::Region)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010520230229002")),
            Err(IdError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010519491331002")),
            Err(IdError::BirthDate)
        );
    }

    #[test]
    fn every_single_digit_typo_is_caught() {
        let good = "11010519491231002X";
        for i in 0..17 {
            for d in b'0'..=b'9' {
                let mut bytes = good.as_bytes().to_vec();
                if bytes[i] == d {
                    continue;
                }
                bytes[i] = d;
                let typo = String::from_utf8(bytes).unwrap();
                assert!(IdNumber::parse(&typo).is_err(), "{typo} should be refused");
            }
        }
    }
}
