//! `anju-policy new-year`: starts next year's rules as a copy of this year's.
//!
//! The old file is copied to a new one with a new `id` and `from`; the old one is ended with
//! `to` on that day and a `to_note` saying what replaces it. Comments and layout are kept: the
//! files are edited as text. With `--document`, the new rule set rests on the new document,
//! and every clause it cites keeps pointing at the old document (`old-doc#clause`) until it is
//! told otherwise (`--cite-new-document`), so nothing cites a clause the new document lacks.

use crate::engine::date::Date;
use std::path::PathBuf;

/// What `new-year` is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The policy-data folder.
    pub data_dir: PathBuf,
    /// The old rule set's file, relative to the folder (`school/lucheng-2013.toml`).
    pub old_file: String,
    /// The new rule set's id; by default the old one with its year replaced.
    pub id: Option<String>,
    /// The day the new rules apply (and the old ones stop).
    pub from: Option<Date>,
    /// The new rule set's file; by default the old one's name with its year replaced.
    pub file: Option<String>,
    /// The new document, when the new rules rest on one.
    pub document: Option<String>,
    /// Cite the new document's clauses by the same ids instead of the old document's.
    pub cite_new_document: bool,
}

/// Parses the command line of `new-year` and does it.
pub fn command(args: &[String]) -> Result<String, String> {
    let mut req = Request {
        data_dir: PathBuf::from("policy-data"),
        ..Request::default()
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--id" => req.id = Some(value("--id")?),
            "--from" => {
                let v = value("--from")?;
                req.from = Some(Date::parse(&v).map_err(|e| format!("--from {v}: {e}"))?);
            }
            "--file" => req.file = Some(value("--file")?),
            "--document" => req.document = Some(value("--document")?),
            "--data" => req.data_dir = PathBuf::from(value("--data")?),
            "--cite-new-document" => req.cite_new_document = true,
            other if other.starts_with("--") => return Err(format!("new-year: no option {other}")),
            other => req.old_file = other.trim_start_matches("policy-data/").to_string(),
        }
    }
    if req.old_file.is_empty() || req.from.is_none() {
        return Err("new-year needs the old rule set's file and --from YYYY-MM-DD, e.g. anju-policy new-year school/lucheng-2013.toml --from 2017-09-01".into());
    }
    run(&req)
}

/// Writes the new rule set and ends the old one; the report of what was done and what is left.
pub fn run(req: &Request) -> Result<String, String> {
    let from = req.from.ok_or("--from is needed")?;
    let old_path = req.data_dir.join(&req.old_file);
    let old =
        std::fs::read_to_string(&old_path).map_err(|e| format!("{}: {e}", old_path.display()))?;
    let old_id = top_value(&old, "id").ok_or("the old file has no id")?;
    let old_doc = top_value(&old, "document").ok_or("the old file has no document")?;
    if top_value(&old, "to").is_some() {
        return Err(format!(
            "{} already ends (it has 'to'): start the new year from the rule set that is in force",
            req.old_file
        ));
    }
    let year = from.year().to_string();
    let new_id = req
        .id
        .clone()
        .or_else(|| replace_year(&old_id, &year))
        .ok_or_else(|| format!("'{old_id}' has no year to replace: give --id"))?;
    let new_file = req
        .file
        .clone()
        .or_else(|| replace_year(&req.old_file, &year))
        .ok_or_else(|| format!("'{}' has no year to replace: give --file", req.old_file))?;
    let new_path = req.data_dir.join(&new_file);
    if new_path.exists() {
        return Err(format!("{new_file} exists already; give another --file"));
    }
    if new_id == old_id {
        return Err(format!(
            "the new rule set needs an id of its own, not '{old_id}'"
        ));
    }

    // The new file: the old one with a new id and from, without the old dates and their notes
    // (how long the old document is known to have stood says nothing of the new one).
    let mut new = set_top(&old, "id", &format!("\"{new_id}\""));
    new = set_top(&new, "from", &format!("\"{from}\""));
    for key in [
        "from_note",
        "to_note",
        "to",
        "last_known_in_force",
        "last_known_note",
        "successors",
    ] {
        new = remove_top(&new, key);
    }
    let mut moved = 0;
    if let Some(doc) = &req.document {
        new = set_top(&new, "document", &format!("\"{doc}\""));
        if !req.cite_new_document {
            (new, moved) = qualify_clauses(&new, &old_doc);
        }
    }
    let header = format!(
        "# Copied from {} by `anju-policy new-year` for the rules from {from}: change what the new document changes.\n",
        req.old_file
    );
    new = header + &new;

    // The old file ends the day the new one starts.
    // Named as a reader finds it: the new document's number, where its file gives one.
    let replaced_by = req
        .document
        .as_deref()
        .map(|doc| {
            std::fs::read_to_string(req.data_dir.join("documents").join(format!("{doc}.toml")))
                .ok()
                .and_then(|t| top_value(&t, "number"))
                .unwrap_or_else(|| doc.to_string())
        })
        .unwrap_or_else(|| new_id.clone());
    let note = format!(
        "{{ zh = \"自{}年{}月{}日起,由{replaced_by}取代(规则集 {new_id})。\", zh_hant = \"自{}年{}月{}日起,由{replaced_by}取代(規則集 {new_id})。\", en = \"Replaced from {from} by {replaced_by} (rule set {new_id}).\" }}",
        from.year(),
        from.month(),
        from.day(),
        from.year(),
        from.month(),
        from.day(),
    );
    let ended = insert_after_top(
        &old,
        "from",
        &[format!("to = \"{from}\""), format!("to_note = {note}")],
    );

    if let Some(parent) = new_path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&new_path, new).map_err(|e| format!("{}: {e}", new_path.display()))?;
    std::fs::write(&old_path, ended).map_err(|e| format!("{}: {e}", old_path.display()))?;

    let mut out = format!(
        "wrote {new_file}: rule set {new_id}, from {from}, a copy of {old_id}\nended {}: to = \"{from}\", with a to_note naming what replaces it (reword it if you like)",
        req.old_file
    );
    if let Some(doc) = &req.document {
        out += &format!(
            "\n{new_id} rests on document {doc}; its {moved} clause reference(s) still cite {old_doc} as '{old_doc}#…': point each one that the new document replaces at it"
        );
    }
    out += &format!(
        "\nnext: change in {new_file} what the new rules change (title, thresholds, clauses); add cases dated the day before {from} and the day itself (absent = [\"{old_id}\"]); run anju-policy check, then anju-policy diff {old_id} {new_id}"
    );
    Ok(out)
}

/// `lucheng-school-2013` → `lucheng-school-2017`: the last run of four digits, replaced.
fn replace_year(s: &str, year: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = b.len();
    while i >= 4 {
        if b[i - 4..i].iter().all(u8::is_ascii_digit)
            && (i == b.len() || !b[i].is_ascii_digit())
            && (i == 4 || !b[i - 5].is_ascii_digit())
        {
            return Some(format!("{}{year}{}", &s[..i - 4], &s[i..]));
        }
        i -= 1;
    }
    None
}

/// Lines of the top-level table (before the first `[` header): (start line, end line
/// exclusive, key) for each key, a value spanning lines counted whole.
fn top_keys(text: &str) -> Vec<(usize, usize, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with('[') {
            break;
        }
        if t.starts_with('#') || t.trim().is_empty() || !t.contains('=') {
            i += 1;
            continue;
        }
        let key = t.split('=').next().unwrap_or_default().trim().to_string();
        let start = i;
        let mut depth = depth_change(lines[i]);
        i += 1;
        while depth > 0 && i < lines.len() {
            depth += depth_change(lines[i]);
            i += 1;
        }
        out.push((start, i, key));
    }
    out
}

/// How many brackets a line opens and does not close, outside strings.
fn depth_change(line: &str) -> i32 {
    let mut depth = 0;
    let mut in_str = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_str {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => in_str = false,
                _ => escaped = false,
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '#' => break,
            _ => {}
        }
    }
    depth
}

/// The value of a top-level string key, unquoted.
fn top_value(text: &str, key: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    top_keys(text)
        .into_iter()
        .find(|(_, _, k)| k == key)
        .and_then(|(s, _, _)| lines[s].split_once('='))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
}

fn set_top(text: &str, key: &str, value: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match top_keys(text).into_iter().find(|(_, _, k)| k == key) {
        Some((s, e, _)) => {
            let mut out: String = lines[..s].concat();
            out += &format!("{key} = {value}\n");
            out += &lines[e..].concat();
            out
        }
        None => {
            // After `id`, or at the top.
            let after = top_keys(text)
                .into_iter()
                .find(|(_, _, k)| k == "document" || k == "id")
                .map_or(0, |(_, e, _)| e);
            let mut out: String = lines[..after].concat();
            out += &format!("{key} = {value}\n");
            out += &lines[after..].concat();
            out
        }
    }
}

fn remove_top(text: &str, key: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match top_keys(text).into_iter().find(|(_, _, k)| k == key) {
        Some((s, e, _)) => lines[..s].concat() + &lines[e..].concat(),
        None => text.to_string(),
    }
}

fn insert_after_top(text: &str, key: &str, new_lines: &[String]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = top_keys(text)
        .into_iter()
        .find(|(_, _, k)| k == key)
        .or_else(|| top_keys(text).into_iter().find(|(_, _, k)| k == "document"))
        .map_or(0, |(_, e, _)| e);
    let mut out: String = lines[..at].concat();
    for l in new_lines {
        out += l;
        out += "\n";
    }
    out + &lines[at..].concat()
}

/// Every `clause = "x"` without a document becomes `clause = "doc#x"`; how many.
fn qualify_clauses(text: &str, doc: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            out += line;
            continue;
        }
        let mut rest = line;
        while let Some(i) = find_clause_key(rest) {
            let (before, after) = rest.split_at(i);
            out += before;
            let value_start = after.find('"').map_or(after.len(), |j| j + 1);
            out += &after[..value_start];
            let after = &after[value_start..];
            let end = after.find('"').unwrap_or(after.len());
            let value = &after[..end];
            if value.contains('#') {
                out += value;
            } else {
                out += &format!("{doc}#{value}");
                n += 1;
            }
            // Past the closing quote, so that the quotes before the next key pair up.
            let close = (end + 1).min(after.len());
            out += &after[end..close];
            rest = &after[close..];
        }
        out += rest;
    }
    (out, n)
}

/// Where `clause = "` begins in the line (the key itself, not `…_clause` or a text).
fn find_clause_key(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("clause") {
        let at = from + i;
        let before_ok = at == 0 || matches!(s.as_bytes()[at - 1], b' ' | b'{' | b',' | b'\t');
        let after = s[at + 6..].trim_start();
        if before_ok && after.starts_with('=') && after[1..].trim_start().starts_with('"') {
            // Inside a string? Count the quotes before it.
            if s[..at].matches('"').count().is_multiple_of(2) {
                return Some(at);
            }
        }
        from = at + 6;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_references_are_qualified_and_top_keys_replaced() {
        let text = "id = \"x-2013\"\ndocument = \"d\"\nfrom = \"2013-01-01\"\nfrom_note = { zh = \"a\",\n  en = \"b\" }\n\n[[decision]]\nclause = \"art1\"\nwhen = { fact = \"f\", is = true, clause = \"art2\", label = \"clause = 'x'\" }\nnext_steps = [{ clause = \"art4\", when = { fact = \"g\", is = true, clause = \"art5\" } }]\nwhere = { text = \"t\", clause = \"other#art3\" }\n";
        let (q, n) = qualify_clauses(text, "d");
        assert_eq!(n, 4);
        assert!(q.contains(
            "[{ clause = \"d#art4\", when = { fact = \"g\", is = true, clause = \"d#art5\" } }]"
        ));
        assert!(q.contains("clause = \"d#art1\""));
        assert!(q.contains("clause = \"d#art2\", label = \"clause = 'x'\""));
        assert!(q.contains("clause = \"other#art3\""));
        let t = remove_top(&set_top(text, "from", "\"2017-09-01\""), "from_note");
        assert!(
            t.starts_with(
                "id = \"x-2013\"\ndocument = \"d\"\nfrom = \"2017-09-01\"\n\n[[decision]]"
            ),
            "{t}"
        );
        assert_eq!(
            replace_year("school/lucheng-2013.toml", "2017").as_deref(),
            Some("school/lucheng-2017.toml")
        );
        assert_eq!(
            replace_year("lucheng-school-2013", "2017").as_deref(),
            Some("lucheng-school-2017")
        );
        assert_eq!(
            replace_year("haishu-2015-79", "2017").as_deref(),
            Some("haishu-2017-79")
        );
    }
}
