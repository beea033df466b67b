//! TOML and field errors in plain sentences. The toml crate reports what serde expected
//! (`invalid type: string "x", expected a sequence`); a maintainer needs to know what to write.
//! Each shape the guide's examples can hit is said as a sentence, with the form expected.

use crate::engine::suggest::did_you_mean;

/// A TOML error of `file` as a message: the line, the sentence, and the line of the file quoted.
pub fn parse_error(text: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let Some(span) = e.span() else {
        return (None, e.message().trim_end().to_string());
    };
    let start = span.start.min(text.len());
    let line_no = text[..start].matches('\n').count() + 1;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let sentence = plain(
        e.message().trim_end(),
        line,
        &text[start..span.end.min(text.len())],
    );
    let shown: String = line.chars().take(100).collect();
    let ellipsis = if line.chars().count() > 100 {
        " …"
    } else {
        ""
    };
    (
        Some(line_no),
        format!("{sentence}\n      {line_no} | {shown}{ellipsis}"),
    )
}

/// The key set on `line` (`absent = …` → `absent`; inside an inline table, the key nearest
/// before the error's text).
fn key_of(line: &str, at: &str) -> String {
    let before = match line.find(at.lines().next().unwrap_or_default()) {
        Some(i) if !at.is_empty() => &line[..i],
        _ => line,
    };
    let before = before.trim_end().trim_end_matches('=').trim_end();
    let key: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if key.is_empty() {
        line.split('=')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_start_matches('[')
            .to_string()
    } else {
        key
    }
}

/// Names between backticks: "unknown field `a`, expected one of `b`, `c`" → [a, b, c].
fn ticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// The plain sentence for a toml/serde message, given the file's line and the text it points at.
pub fn plain(message: &str, line: &str, at: &str) -> String {
    let key = key_of(line, at);
    let value = at.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = ticked(message);
        let (wrong, allowed) = names.split_first().map_or(("", &[][..]), |(w, a)| (*w, a));
        let near = did_you_mean(wrong, allowed.iter().copied());
        return if rest.contains("there are no fields") || allowed.is_empty() {
            format!("there is no field '{wrong}' here")
        } else {
            format!(
                "there is no field '{wrong}' here{near}; the fields allowed here are {}",
                allowed.join(", ")
            )
        };
    }
    if message.starts_with("unknown variant ") {
        let names = ticked(message);
        let (wrong, allowed) = names.split_first().map_or(("", &[][..]), |(w, a)| (*w, a));
        let near = did_you_mean(wrong, allowed.iter().copied());
        return format!(
            "'{wrong}' is not a value {key} can take{near}; it takes one of {}",
            allowed.join(", ")
        );
    }
    if message.starts_with("missing field ") {
        let names = ticked(message);
        let field = names.first().copied().unwrap_or_default();
        return format!("this table needs '{field}' (add a line {field} = …)");
    }
    if message.starts_with("duplicate key") {
        return format!("'{key}' is given twice in the same table; keep one");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let got_kind = got.split([' ', ',']).next().unwrap_or_default();
        let bare = value.trim_matches(|c| c == '"' || c == '\'');
        return match (got_kind, expected) {
            ("string", e) if e.contains("sequence") => {
                format!("'{key}' takes a list, even of one: write {key} = [{value}]")
            }
            ("sequence", _) => format!(
                "'{key}' takes one value, not a list: write {key} = {}",
                value
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .next()
                    .unwrap_or_default()
                    .trim()
            ),
            ("integer" | "float", e) if e.contains("string") => {
                format!("'{key}' takes text in quotes: write {key} = \"{bare}\"")
            }
            ("string", e)
                if e.contains("integer")
                    || e.contains("i64")
                    || e.contains("u32")
                    || e.contains("u16")
                    || e.contains("u8")
                    || e.contains("i32")
                    || e.contains("f64") =>
            {
                format!("'{key}' takes a number, without quotes: write {key} = {bare}")
            }
            ("string", e) if e.contains("bool") => {
                format!("'{key}' is true or false, without quotes: write {key} = {bare}")
            }
            ("map", e) if e.contains("string") && looks_like_date(bare) => {
                format!("a date is written in quotes: write {key} = \"{bare}\"")
            }
            ("string", e) if e.contains("map") || e.contains("struct") => format!(
                "'{key}' takes a table, not text: write {key} = {{ … }} (see the guide for its fields)"
            ),
            (g, e) => format!("'{key}' has the wrong form: it is {g}, and {e} is expected here"),
        };
    }
    if let Some(name) = message.strip_prefix("data did not match any variant of untagged enum ") {
        return match name.trim() {
            "Amount" => format!(
                "'{key}' takes a number (a count, or points) or a period: write {key} = 60, or {key} = {{ years = 1 }}"
            ),
            "FactValue" => format!(
                "'{key}' takes an answer: true or false, a number of months or a count, or text in quotes (a date \"2014-06-01\", a month \"2012-03\", a choice)"
            ),
            other => format!(
                "'{key}' has a form that {other} does not take; see the guide for this field"
            ),
        };
    }
    if message.contains("expected a") && looks_like_date(value) {
        return format!("a date is written in quotes: write {key} = \"{value}\"");
    }
    message.to_string()
}

fn looks_like_date(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Expect {
        decision: Option<String>,
        #[serde(default)]
        absent: Vec<String>,
        months: Option<u32>,
        outcome: Option<Outcome>,
        yes: Option<bool>,
        summary: Option<String>,
        from: Option<String>,
    }
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "snake_case")]
    enum Outcome {
        Eligible,
        NotEligible,
    }

    fn said(toml_text: &str) -> String {
        let e = toml::from_str::<Expect>(toml_text).expect_err("an error");
        parse_error(toml_text, &e).1
    }

    #[test]
    fn each_shape_of_field_error_is_a_sentence_with_the_form_expected() {
        assert_eq!(
            said("decision = \"a/b\"\nabsent = \"lucheng-school-2013\"\n"),
            "'absent' takes a list, even of one: write absent = [\"lucheng-school-2013\"]\n      2 | absent = \"lucheng-school-2013\""
        );
        assert!(
            said("sumary = \"x\"")
                .starts_with("there is no field 'sumary' here (did you mean 'summary'?); the fields allowed here are decision, absent,"),
            "{}",
            said("sumary = \"x\"")
        );
        assert!(
            said("outcome = \"eligable\"").starts_with(
                "'eligable' is not a value outcome can take (did you mean 'eligible'?); it takes one of eligible, not_eligible"
            ),
            "{}",
            said("outcome = \"eligable\"")
        );
        assert!(
            said("decision = [\"a/b\"]")
                .starts_with("'decision' takes one value, not a list: write decision = \"a/b\"")
        );
        assert!(
            said("months = \"24\"")
                .starts_with("'months' takes a number, without quotes: write months = 24"),
            "{}",
            said("months = \"24\"")
        );
        assert!(
            said("decision = 24")
                .starts_with("'decision' takes text in quotes: write decision = \"24\"")
        );
        assert!(
            said("yes = \"true\"")
                .starts_with("'yes' is true or false, without quotes: write yes = true")
        );
        assert!(
            said("from = 2017-09-01")
                .starts_with("a date is written in quotes: write from = \"2017-09-01\""),
            "{}",
            said("from = 2017-09-01")
        );
        assert!(
            said("decision = \"a\"\ndecision = \"b\"").starts_with("'decision' is given twice"),
            "{}",
            said("decision = \"a\"\ndecision = \"b\"")
        );
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Threshold {
        at_least: crate::engine::model::Amount,
    }

    #[test]
    fn a_threshold_in_quotes_says_what_a_threshold_is() {
        let text = "at_least = \"60\"";
        let e = toml::from_str::<Threshold>(text).expect_err("an error");
        assert_eq!(
            parse_error(text, &e).1,
            "'at_least' takes a number (a count, or points) or a period: write at_least = 60, or at_least = { years = 1 }\n      1 | at_least = \"60\""
        );
    }
}
