//! The little JSON the portal keeps on a device: a household's saved answers are a small
//! object of strings, whole numbers, yes/no values, lists and objects. Reading and writing that
//! here, rather than with a general JSON library, keeps a resident's download small (the
//! browser's program carries no JSON library at all).
//!
//! The reader takes any JSON text and refuses, with a position, what it cannot take: a number
//! that is not a whole number within 64 bits, nesting deeper than [`MAX_DEPTH`], text after
//! the value. It never panics.

use std::collections::BTreeMap;
use std::fmt::Write;

/// Objects and lists nested deeper than this are refused (answers nest two deep).
pub const MAX_DEPTH: usize = 16;

/// A JSON value of the kinds the portal keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Json>),
    /// An object, its keys in order (a key given twice keeps its last value).
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// The value under `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(map) => map.get(key),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Writes the value as compact JSON.
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Str(s) => write_str(s, out),
            Json::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(map) => {
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Why a text is not JSON the portal can read, and where (a byte offset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What is wrong there.
    pub problem: &'static str,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.problem, self.at)
    }
}

/// Reads one JSON value, all of `text`.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    let value = p.value(0)?;
    p.space();
    if p.pos != p.bytes.len() {
        return Err(p.error("text after the value"));
    }
    Ok(value)
}

struct Parser<'t> {
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, problem: &'static str) -> JsonError {
        JsonError {
            at: self.pos,
            problem,
        }
    }

    fn space(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deep"));
        }
        self.space();
        match self.bytes.get(self.pos) {
            None => Err(self.error("the text ends early")),
            Some(b'{') => {
                self.pos += 1;
                let mut map = BTreeMap::new();
                self.space();
                if self.eat("}") {
                    return Ok(Json::Object(map));
                }
                loop {
                    self.space();
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return Err(self.error("a key in quotes was expected"));
                    }
                    let key = self.string()?;
                    self.space();
                    if !self.eat(":") {
                        return Err(self.error("':' was expected"));
                    }
                    let value = self.value(depth + 1)?;
                    map.insert(key, value);
                    self.space();
                    if self.eat("}") {
                        return Ok(Json::Object(map));
                    }
                    if !self.eat(",") {
                        return Err(self.error("',' or '}' was expected"));
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat("]") {
                    return Ok(Json::List(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat("]") {
                        return Ok(Json::List(items));
                    }
                    if !self.eat(",") {
                        return Err(self.error("',' or ']' was expected"));
                    }
                }
            }
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') if self.eat("true") => Ok(Json::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Json::Bool(false)),
            Some(b'n') if self.eat("null") => Ok(Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("not a JSON value")),
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.bytes[self.pos] == b'-' {
            self.pos += 1;
        }
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        if self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b'.' | b'e' | b'E'))
        {
            return Err(self.error("not a whole number"));
        }
        self.text[start..self.pos]
            .parse()
            .map(Json::Int)
            .map_err(|_| JsonError {
                at: start,
                problem: "not a whole number within 64 bits",
            })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or(self.error("a \\u escape ends early"))?;
        let n = u32::from_str_radix(digits, 16).map_err(|_| self.error("a bad \\u escape"))?;
        self.pos += 4;
        Ok(n)
    }

    /// A string, the reader at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.error("a string is not closed"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let Some(&e) = self.bytes.get(self.pos) else {
                        return Err(self.error("a string is not closed"));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut c = self.hex4()?;
                            // A pair of surrogates stands for one character beyond U+FFFF.
                            if (0xD800..0xDC00).contains(&c) && self.eat("\\u") {
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("a bad surrogate pair"));
                                }
                                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                            }
                            out.push(char::from_u32(c).ok_or(self.error("a bad \\u escape"))?);
                        }
                        _ => return Err(self.error("a bad escape")),
                    }
                }
                0x00..=0x1f => return Err(self.error("a control character in a string")),
                _ => {
                    // Copy the run of plain characters up to the next quote or escape.
                    let start = self.pos;
                    while self
                        .bytes
                        .get(self.pos)
                        .is_some_and(|b| !matches!(b, b'"' | b'\\' | 0x00..=0x1f))
                    {
                        self.pos += 1;
                    }
                    out.push_str(&self.text[start..self.pos]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_writes_and_writes_it_back() {
        let text = r#"{"v":1,"place":"lucheng","facts":{"a":true,"b":-12,"c":"居住证 \"x\"\n"},"unsure":["f","g"],"n":null}"#;
        let value = parse(text).expect("readable");
        let mut again = String::new();
        value.write(&mut again);
        assert_eq!(parse(&again), Ok(value.clone()));
        let back: serde_json::Value = serde_json::from_str(&again).expect("serde reads it");
        let original: serde_json::Value = serde_json::from_str(text).expect("valid");
        assert_eq!(back, original);
        assert_eq!(value.get("place").and_then(Json::as_str), Some("lucheng"));
    }

    #[test]
    fn escapes_round_trip() {
        let s = "tab\t quote\" back\\ nl\n ctl\u{1} 😀 \u{2028}";
        let mut out = String::new();
        Json::Str(s.into()).write(&mut out);
        assert_eq!(parse(&out), Ok(Json::Str(s.into())));
        assert_eq!(parse(r#""\ud83d\ude00""#), Ok(Json::Str("😀".into())));
    }

    #[test]
    fn refuses_what_it_cannot_read_without_panicking() {
        for bad in [
            "",
            "{",
            "[1,",
            "{\"a\"}",
            "{\"a\":1,}",
            "1.5",
            "1e3",
            "99999999999999999999",
            "\"abc",
            "\"\\q\"",
            "\"\\ud83d\\u0041\"",
            "nul",
            "{} x",
            "\"\\u12\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert!(parse(&deep).is_err());
    }
}
