//! Runs every policy case in `policy-data/*/cases.toml` as its own test, named by its sentence,
//! plus checks over the data as a whole. `cargo test -- "too young"` runs the cases that match.

use anju::engine::policy_tools::verbatim;
use anju::engine::source::load_dir;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use std::sync::Arc;

fn main() {
    let args = Arguments::from_args();
    let dir = data_dir();
    let loaded = match load_dir(&dir) {
        Ok(l) => Arc::new(l),
        Err(errors) => {
            for e in &errors {
                eprintln!("policy-data/{e}");
            }
            // One failing trial, so the summary line says what happened.
            let msg = format!("policy-data has {} problem(s); see above", errors.len());
            let trial = Trial::test("policy-data is valid", move || {
                Err(Failed::from(msg.clone()))
            });
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let mut trials = Vec::new();
    {
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every rule, condition, material and step cites a clause that exists",
            move || every_citation_resolves(&l.data).map_err(Failed::from),
        ));
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every clause is quoted word for word from its published text, where the texts are at hand",
            move || clauses_are_verbatim(&l).map_err(Failed::from),
        ));
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every citation that names its words cites a clause that says them",
            move || quotes_stand_in_their_clauses(&l.data).map_err(Failed::from),
        ));
    }
    {
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every threshold, and every number a paper or step gives, stands in the clause it cites",
            move || numbers_stand_in_their_clauses(&l.data).map_err(Failed::from),
        ));
    }
    {
        let l = Arc::clone(&loaded);
        trials.push(Trial::test(
            "every deadline's period stands in the words it quotes from its clause",
            move || deadline_periods_stand_in_their_quotes(&l.data).map_err(Failed::from),
        ));
    }
    // Said once, before the cases: which documents could not be checked word for word.
    let unchecked = verbatim::check(&loaded.data, &loaded.origins, &dir, &sources());
    if let Some(notice) = unchecked.unverified_notice() {
        eprintln!("note: {notice}");
    }
    for (i, (file, case)) in loaded.cases.iter().enumerate() {
        let l = Arc::clone(&loaded);
        let name = format!("{file}: {}", case.name);
        trials.push(Trial::test(name, move || {
            let (_, case) = &l.cases[i];
            case.check(&l.data).map_err(Failed::from)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Walks every citation of every rule set (the validator checks the same, and this test keeps
/// the promise visible on its own).
fn every_citation_resolves(data: &anju::engine::PolicyData) -> Result<(), String> {
    use anju::engine::model::Condition;
    fn walk<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
        if let Some(clause) = &c.clause {
            out.push(clause);
        }
        for k in c.children() {
            walk(k, out);
        }
    }
    let mut missing = Vec::new();
    let mut count = 0;
    for r in &data.rulesets {
        let mut cites: Vec<&str> = Vec::new();
        for c in r.conditions.values() {
            walk(c, &mut cites);
        }
        for d in &r.decisions {
            for rule in &d.rules {
                cites.push(&rule.clause);
                if let Some(w) = &rule.when {
                    walk(w, &mut cites);
                }
                cites.extend(rule.materials.iter().map(|m| m.clause.as_str()));
                cites.extend(rule.next_steps.iter().map(|m| m.clause.as_str()));
                cites.extend(rule.where_to_go.iter().map(|m| m.clause.as_str()));
            }
        }
        for cite in cites {
            count += 1;
            if data.clause(&r.document, cite).is_none() {
                missing.push(format!("{}: {cite}", r.id));
            }
        }
    }
    if count == 0 {
        return Err("no citations found at all".into());
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("citations to no clause:\n{}", missing.join("\n")))
    }
}

/// Each line of each quoted clause stands, as written, in the document's source file, in the
/// sources folder (`ANJU_SOURCES`, or `../shared/` beside the repository). Where there is none,
/// the documents not checked are named once, before the cases run, and this passes.
fn clauses_are_verbatim(loaded: &anju::engine::source::Loaded) -> Result<(), String> {
    let report = verbatim::check(&loaded.data, &loaded.origins, &data_dir(), &sources());
    if report.wrong.is_empty() {
        Ok(())
    } else {
        let lines: Vec<String> = report
            .wrong
            .iter()
            .map(|e| format!("policy-data/{e}"))
            .collect();
        Err(lines.join("\n"))
    }
}

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data")
}

fn sources() -> verbatim::Sources {
    verbatim::find_sources_here(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The words a rule, condition, paper, place or step says it rests on (`quote`) stand in the
/// clause it cites. Spaces do not count, nor the pinyin some sources print after a character
/// (業(yè)); parts joined by `…` must stand in that order.
fn quotes_stand_in_their_clauses(data: &anju::engine::PolicyData) -> Result<(), String> {
    use anju::engine::model::{Cited, Condition};
    /// (where, clause, quote) of every quoted citation under a condition.
    fn walk<'a>(c: &'a Condition, at: &str, out: &mut Vec<(String, &'a str, &'a str)>) {
        if let (Some(clause), Some(quote)) = (&c.clause, &c.quote) {
            let label = c.label.as_ref().map_or("", |l| l.zh.as_str());
            out.push((format!("{at} «{label}»"), clause, quote));
        }
        for k in c.children() {
            walk(k, at, out);
        }
    }
    fn cited<'a>(items: &'a [Cited], at: &str, out: &mut Vec<(String, &'a str, &'a str)>) {
        for (i, c) in items.iter().enumerate() {
            if let Some(q) = &c.quote {
                out.push((format!("{at}[{i}]"), &c.clause, q));
            }
            if let Some(w) = &c.when {
                walk(w, &format!("{at}[{i}] › when"), out);
            }
        }
    }
    let mut quotes: Vec<(String, &str, &str, &str)> = Vec::new();
    for r in &data.rulesets {
        let mut found = Vec::new();
        for (name, c) in &r.conditions {
            walk(c, &format!("conditions.{name}"), &mut found);
        }
        for d in &r.decisions {
            for rule in &d.rules {
                let at = format!("{} › {}", d.id, rule.id);
                if let Some(q) = &rule.quote {
                    found.push((at.clone(), &rule.clause, q));
                }
                if let Some(w) = &rule.when {
                    walk(w, &format!("{at} › when"), &mut found);
                }
                cited(&rule.materials, &format!("{at} › materials"), &mut found);
                cited(
                    rule.where_to_go.as_slice(),
                    &format!("{at} › where"),
                    &mut found,
                );
                cited(&rule.next_steps, &format!("{at} › next_steps"), &mut found);
            }
        }
        for d in &r.deadlines {
            let at = format!("deadline {}", d.id);
            if let Some(q) = &d.quote {
                found.push((at.clone(), &d.clause, q));
            }
            if let Some(w) = &d.when {
                walk(w, &format!("{at} › when"), &mut found);
            }
            cited(
                d.if_missed.as_slice(),
                &format!("{at} › if_missed"),
                &mut found,
            );
            cited(&d.also, &format!("{at} › also"), &mut found);
        }
        quotes.extend(found.into_iter().map(|(at, clause, quote)| {
            (
                format!("{} › {at}", r.id),
                r.document.as_str(),
                clause,
                quote,
            )
        }));
    }
    if quotes.is_empty() {
        return Err("no citation names its words".into());
    }
    let mut wrong = Vec::new();
    for (at, document, reference, quote) in &quotes {
        let Some((_, clause)) = data.clause(document, reference) else {
            wrong.push(format!("{at}: no clause '{reference}'"));
            continue;
        };
        if !anju::engine::cases::quote_stands_in(&clause.text, quote) {
            wrong.push(format!(
                "{at}: '{quote}' is not in {reference} ({}), whose words are: {}",
                clause.label,
                clause.text.trim()
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} quoted citation(s) wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        ))
    }
}

/// A deadline's time limit is the clause's own: each number of its period (30 days, 1 year)
/// stands in the words it quotes, and the quote in the clause (checked above); a deadline
/// without a period (the clause sets none) says so in its `vague` note.
fn deadline_periods_stand_in_their_quotes(data: &anju::engine::PolicyData) -> Result<(), String> {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for r in &data.rulesets {
        for d in &r.deadlines {
            let Some(p) = d.period else { continue };
            checked += 1;
            let Some(quote) = &d.quote else {
                wrong.push(format!(
                    "{} › deadline {}: a period needs the quote of the words that set it",
                    r.id, d.id
                ));
                continue;
            };
            for (n, months) in [(p.years, false), (p.months, true), (p.days, false)] {
                if n > 0 && !clause_gives(quote, i64::from(n), months) {
                    wrong.push(format!(
                        "{} › deadline {}: {n} is not in its quote '{quote}'",
                        r.id, d.id
                    ));
                }
            }
            if d.working_days && !quote.contains("工作日") {
                wrong.push(format!(
                    "{} › deadline {}: working_days, but its quote does not say 工作日",
                    r.id, d.id
                ));
            }
        }
    }
    if checked == 0 {
        return Err("no deadline has a period".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n"))
    }
}

/// The ways a clause may write a whole number: digits, or Chinese numerals (一, 十五, 三十).
fn number_forms(n: i64) -> Vec<String> {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = vec![n.to_string()];
    let below_100 = |n: i64, in_hundreds: bool| {
        let (tens, ones) = (n / 10, n % 10);
        let mut zh = String::new();
        if tens > 1 || (tens == 1 && in_hundreds) {
            zh.push_str(DIGITS[tens as usize]);
        }
        if tens > 0 {
            zh.push('十');
        }
        if ones > 0 || (tens == 0 && !in_hundreds) {
            zh.push_str(DIGITS[ones as usize]);
        }
        zh
    };
    if (1..100).contains(&n) {
        out.push(below_100(n, false));
        if n == 2 {
            out.push("两".into());
        }
    } else if (100..1000).contains(&n) {
        let rest = n % 100;
        let mut zh = format!("{}百", DIGITS[(n / 100) as usize]);
        if rest > 0 && rest < 10 {
            zh.push('零');
        }
        zh.push_str(&below_100(rest, true));
        out.push(zh);
    }
    out
}

/// Whether a clause's words give this number (a period of 6 months may be 半年, 12 months 一年).
fn clause_gives(text: &str, n: i64, months: bool) -> bool {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut forms = number_forms(n);
    if months {
        match n {
            6 => forms.push("半年".into()),
            12 => forms.extend(number_forms(1).into_iter().map(|f| format!("{f}年"))),
            _ => {}
        }
    }
    forms.iter().any(|f| text.contains(f.as_str()))
}

/// A citation cannot point at a clause that does not give its numbers: each threshold of a
/// condition (an age, a length of time, a count) and each number written in a paper, place to
/// go or next step stands in the words of the clause it cites, as digits or Chinese numerals.
/// A condition or item that names its words (`quote`) is checked by those instead.
fn numbers_stand_in_their_clauses(data: &anju::engine::PolicyData) -> Result<(), String> {
    use anju::engine::model::{Amount, Condition, Test};
    let mut wrong = Vec::new();
    let mut checked = 0;
    fn walk<'a>(c: &'a Condition, out: &mut Vec<&'a Condition>) {
        out.push(c);
        for k in c.children() {
            walk(k, out);
        }
    }
    for r in &data.rulesets {
        let mut conds = Vec::new();
        for c in r.conditions.values() {
            walk(c, &mut conds);
        }
        let mut items = Vec::new();
        for d in &r.decisions {
            for rule in &d.rules {
                if let Some(w) = &rule.when {
                    walk(w, &mut conds);
                }
                for c in rule
                    .materials
                    .iter()
                    .chain(rule.where_to_go.iter())
                    .chain(&rule.next_steps)
                {
                    if let Some(w) = &c.when {
                        walk(w, &mut conds);
                    }
                    items.push((format!("{}/{}/{}", r.id, d.id, rule.id), c));
                }
            }
        }
        for c in conds {
            let (Some(clause), None) = (&c.clause, &c.quote) else {
                continue;
            };
            let wanted: Vec<(i64, bool)> = match &c.test {
                Test::AgeAtLeast { years, .. } | Test::AgeAtMost { years, .. } => {
                    vec![(i64::from(*years), false)]
                }
                Test::SinceAtLeast { period, .. }
                | Test::AtLeast {
                    amount: Amount::Period(period),
                    ..
                }
                | Test::AtMost {
                    amount: Amount::Period(period),
                    ..
                } => {
                    let months = i64::from(period.years) * 12 + i64::from(period.months);
                    if period.days > 0 {
                        vec![(i64::from(period.days), false)]
                    } else if months == 1 {
                        // At least a month: "has paid at all", not a threshold of the text.
                        continue;
                    } else if period.months == 0 {
                        vec![(i64::from(period.years), false)]
                    } else {
                        vec![(months, true)]
                    }
                }
                Test::AtLeast {
                    amount: Amount::Number(n),
                    ..
                }
                | Test::AtMost {
                    amount: Amount::Number(n),
                    ..
                } => vec![(*n, false)],
                _ => continue,
            };
            let Some((_, cl)) = data.clause(&r.document, clause) else {
                continue;
            };
            let label = c.label.as_ref().map_or("", |l| l.zh.as_str());
            for (n, months) in wanted {
                checked += 1;
                // "More than thirty days" (超过三十日) is tested as at least 31.
                let more_than = label.contains("超过") && clause_gives(&cl.text, n - 1, months);
                if !clause_gives(&cl.text, n, months) && !more_than {
                    wrong.push(format!(
                        "{}: «{label}» tests {n}{}, which {clause} ({}) does not give",
                        r.id,
                        if months { " months" } else { "" },
                        cl.label
                    ));
                }
            }
        }
        for (at, c) in items {
            if c.quote.is_some() {
                continue;
            }
            let Some((_, cl)) = data.clause(&r.document, &c.clause) else {
                continue;
            };
            let text = &c.text.zh;
            for n in quantities(text) {
                checked += 1;
                if !clause_gives(&cl.text, n, false) {
                    wrong.push(format!(
                        "{at}: '{text}' gives {n}, which {} ({}) does not",
                        c.clause, cl.label
                    ));
                }
            }
        }
    }
    if checked == 0 {
        return Err("no numbers checked".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} number(s) not in their clause:\n{}",
            wrong.len(),
            wrong.join("\n")
        ))
    }
}

/// The quantities a text gives: a number followed by a unit of age, time, money or share
/// (6周岁, 1年(含)以上, 30日内, 50元, 90%), not a date (7月1日), a year (2018年7月) or a
/// clause's number (附件3, 第28条).
fn quantities(text: &str) -> Vec<i64> {
    const UNITS: [&str; 13] = [
        "周岁",
        "个月",
        "日内",
        "日以上",
        "日起",
        "天",
        "元",
        "%",
        "年以上",
        "年(含)",
        "年(含)",
        "年内",
        "年以内",
    ];
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let before: String = chars[start.saturating_sub(2)..start].iter().collect();
        let after: String = chars[i..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take(4)
            .collect();
        let a_date = before.ends_with('月');
        let a_clause = before.ends_with("附件") || before.ends_with('第');
        if !a_date && !a_clause && UNITS.iter().any(|u| after.starts_with(u)) {
            let digits: String = chars[start..i].iter().collect();
            out.extend(digits.parse::<i64>().ok());
        }
    }
    out
}
