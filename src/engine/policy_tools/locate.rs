//! Line numbers for messages: the validator works on parsed data, which has no positions, so
//! the line is found again in the file's text from the message's path (`ruleset x › decision d
//! › rule r › when › …`) and the id it quotes.

/// The line (from 0) of `id = "<id>"`, the first one in the text.
pub fn line_of_id(text: &str, id: &str) -> Option<usize> {
    let want = format!("\"{id}\"");
    text.lines().position(|l| {
        let t = l.trim_start();
        t.starts_with("id") && t[2..].trim_start().starts_with('=') && t.contains(&want)
    })
}

/// The line (from 1) a problem at `path` with `message` is on, in a file of `text`: each step
/// of the path moves forward to the line that names it (`decision d` → its `id = "d"`, a field
/// → its `field =`), and a name the message quotes (`'annex6.art11'`) is looked for from there.
pub fn locate(text: &str, path: &str, message: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at: Option<usize> = None;
    let from = |at: Option<usize>| at.unwrap_or(0);
    let find = |start: usize, pred: &dyn Fn(&str) -> bool| -> Option<usize> {
        (start..lines.len()).find(|&i| pred(lines[i]))
    };
    for step in path.split(" › ") {
        let step = step.trim();
        let (word, name) = step.split_once(' ').unwrap_or((step, ""));
        let found = match word {
            "ruleset" | "document" | "place" | "fact" | "points" => {
                // `points scheme x`: the id is the last word.
                let id = name.rsplit(' ').next().unwrap_or(name);
                find(from(at), &|l| is_id_line(l, id))
            }
            "decision" | "rule" | "clause" | "choices" if !name.is_empty() => {
                find(from(at), &|l| is_id_line(l, name))
            }
            // `case 'A child of 5 …'`: its `name = "…"`.
            "case" if name.len() > 2 => {
                let name = &name[1..name.len() - 1];
                find(from(at), &|l| is_id_line(l, name))
            }
            _ => {
                // `conditions.name.all, item 2`, `materials, item 1`, `when`, `clause`.
                let field = step.split([',', '[']).next().unwrap_or(step).trim();
                let mut parts = field.split('.');
                let first = parts.next().unwrap_or_default();
                match (first, parts.next()) {
                    ("conditions", Some(name)) => find(from(at), &|l| {
                        let t = l.trim_start();
                        t.starts_with(&format!("[conditions.{name}]"))
                            || t.starts_with(&format!("{name} ="))
                            || t.starts_with(&format!("{name}="))
                    }),
                    _ if !first.is_empty()
                        && first.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
                    {
                        find(from(at), &|l| has_key(l, first))
                    }
                    _ => None,
                }
            }
        };
        if found.is_some() {
            at = found;
        }
        // `factor, item 2`: the second `[[factor]]`, or the second item of `factor = [` when
        // its items stand one a line.
        if let Some(n) = step
            .split_once(", item ")
            .and_then(|(_, n)| n.trim().parse::<usize>().ok())
        {
            let key = step.split(',').next().unwrap_or_default().trim();
            let key = key.rsplit('.').next().unwrap_or(key);
            at = nth_item(&lines, from(at), key, n).or(at);
        }
    }
    // The first name the message quotes that stands in the table the path led to (before the
    // next table header): a later one may be a suggestion, or another case's.
    let start = from(at);
    let end = if at.is_some() {
        (start + 1..lines.len())
            .find(|&i| lines[i].trim_start().starts_with('['))
            .unwrap_or(lines.len())
    } else {
        lines.len()
    };
    for q in quoted(message) {
        if path.contains(&format!("'{q}'")) {
            continue;
        }
        let want = format!("\"{q}\"");
        if let Some(hit) = (start..end).find(|&i| lines[i].contains(&want)) {
            return Some(hit + 1);
        }
    }
    at.map(|i| i + 1)
}

/// The line of item `n` (from 1) of the array `key`, from line `start` on.
fn nth_item(lines: &[&str], start: usize, key: &str, n: usize) -> Option<usize> {
    let header = |l: &str| {
        let t = l.trim();
        t.starts_with("[[") && (t == format!("[[{key}]]") || t.ends_with(&format!(".{key}]]")))
    };
    let first_header = (start..lines.len()).find(|&i| header(lines[i]));
    let inline = |l: &str| has_key(l, key) && !l.trim_start().starts_with('[');
    let first_inline = (start..lines.len()).find(|&i| inline(lines[i]));
    if let Some(h) = first_header
        && first_inline.is_none_or(|i| h < i)
    {
        return (h..lines.len()).filter(|&i| header(lines[i])).nth(n - 1);
    }
    let open = first_inline?;
    if !lines[open].trim_end().ends_with('[') {
        return Some(open);
    }
    let items: Vec<usize> = (open + 1..lines.len())
        .take_while(|&i| !lines[i].trim_start().starts_with(']'))
        .collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let first = items
        .iter()
        .find(|&&i| lines[i].trim_start().starts_with('{'))?;
    let depth = indent(lines[*first]);
    items
        .into_iter()
        .filter(|&i| lines[i].trim_start().starts_with('{') && indent(lines[i]) == depth)
        .nth(n - 1)
}

fn is_id_line(line: &str, id: &str) -> bool {
    let t = line.trim_start();
    let want = format!("\"{id}\"");
    (t.starts_with("id ") || t.starts_with("id=") || t.starts_with("name ")) && t.contains(&want)
        || t.contains(&format!("{{ id = {want}"))
}

/// Whether the line sets `key` (`key = …`, or `key = ` inside an inline table).
fn has_key(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(&format!("{key} =")) || t.starts_with(&format!("{key}=")) {
        return true;
    }
    if t.starts_with('[') && t.contains(&format!(".{key}]")) {
        return true;
    }
    [", ", "{ ", "{"]
        .iter()
        .any(|p| t.contains(&format!("{p}{key} =")))
}

/// The names the message quotes as `'name'` (a quote inside a word, as in "household's", is
/// not one).
fn quoted(message: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(i) = rest.find('\'') {
        let opens = i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric());
        rest = &rest[i + 1..];
        if !opens {
            continue;
        }
        let Some(j) = rest.find('\'') else { break };
        if j > 0 {
            out.push(&rest[..j]);
        }
        rest = &rest[j + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"id = "r"
[conditions.parents]
all = [
  { fact = "a", is = true, label = "x", clause = "art1" },
  { fact = "fixed_residense", is = true, label = "y", clause = "art1" },
]

[[decision]]
id = "enrolment"

[[decision.rule]]
id = "too-young"
clause = "art2"

[[decision.rule]]
id = "too-old"
clause = "annex6.art11"
"#;

    #[test]
    fn a_quoted_name_is_found_from_the_rule_the_path_names() {
        assert_eq!(
            locate(
                RULES,
                "ruleset r › decision enrolment › rule too-old › clause",
                "clause 'annex6.art11' is not in document 'd'"
            ),
            Some(17)
        );
        assert_eq!(
            locate(
                RULES,
                "ruleset r › conditions.parents.all, item 2",
                "no fact 'fixed_residense'"
            ),
            Some(5)
        );
        assert_eq!(
            locate(
                RULES,
                "ruleset r › decision enrolment › rule too-young › clause",
                "x"
            ),
            Some(13)
        );
    }
}
