//! A household's deadlines as an iCalendar file (RFC 5545), made on the device: one all-day
//! event per deadline with a date, its clause in the description. Plain text in, plain text out,
//! tested natively; the browser only wraps it in a Blob to download. Nothing that identifies the
//! person goes in: the events name the duty, the date and the clause.

use super::citation::cite;
use super::messages::{Msg, date_text, fill, text};
use crate::engine::date::Date;
use crate::engine::eval::{DeadlineState, Evaluation, Truth};
use crate::engine::text::Lang;

/// One all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable and unique: the same deadline on the same day keeps its UID across downloads, so
    /// that a calendar updates the event rather than adding a second one.
    pub uid: String,
    /// The day of the event.
    pub date: Date,
    /// Its title.
    pub summary: String,
    /// Its description (may hold newlines).
    pub description: String,
    /// It comes back every year on the same day (a yearly endorsement).
    pub yearly: bool,
}

/// The file name offered for the download.
pub const FILE_NAME: &str = "anju-deadlines.ics";

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line (RFC 5545 3.1): no line longer than 75 octets, each continuation
/// beginning with one space, never splitting a UTF-8 character; every line ends in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

fn ymd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The calendar: `stamp` is the DTSTAMP of every event (the day the file is made, at 00:00 UTC).
pub fn calendar(events: &[Event], stamp: Date) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Anju//Deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(&fold(line));
    }
    for e in events {
        let end = e.date.add_days(1).unwrap_or(e.date);
        out.push_str(&fold("BEGIN:VEVENT"));
        out.push_str(&fold(&format!("UID:{}", escape_text(&e.uid))));
        out.push_str(&fold(&format!("DTSTAMP:{}T000000Z", ymd(stamp))));
        out.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", ymd(e.date))));
        out.push_str(&fold(&format!("DTEND;VALUE=DATE:{}", ymd(end))));
        if e.yearly {
            out.push_str(&fold("RRULE:FREQ=YEARLY"));
        }
        out.push_str(&fold(&format!("SUMMARY:{}", escape_text(&e.summary))));
        out.push_str(&fold(&format!(
            "DESCRIPTION:{}",
            escape_text(&e.description)
        )));
        out.push_str(&fold("TRANSP:TRANSPARENT"));
        out.push_str(&fold("END:VEVENT"));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

/// The household's deadlines that are known to apply and have a date, as events in `l`: the duty, what to do, the
/// clause it rests on (document number, clause, its words' source), and what happens if missed.
pub fn deadline_events(eval: &Evaluation, l: Lang) -> Vec<Event> {
    let data = eval.data;
    let mut out = Vec::new();
    for d in eval.deadlines() {
        // Only what is known to be owed: a deadline that may apply stays on the page, with
        // the questions that settle it, until it is known.
        let DeadlineState::Due { due, opens, .. } = d.state else {
            continue;
        };
        if d.applies != Truth::Met {
            continue;
        }
        let dl = d.deadline;
        let document = d.ruleset.document.as_str();
        let mut description = String::new();
        if let Some(opens) = opens {
            description.push_str(&fill(
                l,
                Msg::DeadlineWindow,
                &[("opens", &date_text(l, opens)), ("due", &date_text(l, due))],
            ));
            description.push('\n');
        }
        description.push_str(dl.what.get(l));
        if dl.working_days {
            description.push('\n');
            description.push_str(text(l, Msg::DeadlineWorkingDays));
        }
        if let Some(c) = cite(data, document, &dl.clause, l) {
            description.push('\n');
            description.push_str(&fill(l, Msg::DeadlineBasis, &[("citation", &c.line())]));
        }
        if let Some(m) = &dl.if_missed {
            description.push('\n');
            description.push_str(text(l, Msg::DeadlineIfMissed));
            description.push(' ');
            description.push_str(m.text.get(l));
            if let Some(c) = cite(data, document, &m.clause, l) {
                description.push_str(&format!(" ({})", c.line()));
            }
        }
        out.push(Event {
            uid: format!("{}.{}.{}@anju", d.ruleset.id, dl.id, ymd(due)),
            date: due,
            summary: dl.title.get(l).to_string(),
            description,
            yearly: dl.repeats
                && dl
                    .period
                    .is_some_and(|p| p.years == 1 && p.months == 0 && p.days == 0),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newlines() {
        assert_eq!(escape_text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(escape_text("第十三条:十日内"), "第十三条:十日内");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "流动人口办理居住登记后".repeat(10));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 1);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        // Unfolding (removing CRLF and the one space) gives the line back.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        assert_eq!(fold("SHORT"), "SHORT\r\n");
        // Exactly 75 octets stay on one line.
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn a_calendar_has_crlf_lines_an_all_day_event_with_uid_and_dtstamp() {
        let ics = calendar(
            &[Event {
                uid: "zhejiang-residence-2016.address-change.20240604@anju".into(),
                date: day("2024-06-04"),
                summary: "Report the change, by law".into(),
                description: "Line one\nLine two; more".into(),
                yearly: false,
            }],
            day("2024-06-01"),
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "bare LF in {ics:?}"
        );
        for line in [
            "UID:zhejiang-residence-2016.address-change.20240604@anju",
            "DTSTAMP:20240601T000000Z",
            "DTSTART;VALUE=DATE:20240604",
            "DTEND;VALUE=DATE:20240605",
            "SUMMARY:Report the change\\, by law",
            "DESCRIPTION:Line one\\nLine two\\; more",
        ] {
            assert!(ics.contains(&format!("\r\n{line}\r\n")), "{line} in {ics}");
        }
        assert!(!ics.contains("RRULE"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn the_households_deadlines_become_events_with_their_clause_and_nothing_of_the_person() {
        use crate::engine::answers::{Answers, FactValue};
        use crate::engine::model::Service;
        let data = crate::portal::embedded::policy_data().expect("embedded data");
        let mut a = Answers::new();
        a.place = Some("yuhang".into());
        a.date = Some(day("2024-06-01"));
        a.services = vec![Service::Permit];
        for (k, v) in [
            ("applicant_hukou_here", FactValue::Bool(false)),
            ("lodging_kind", FactValue::Text("home".into())),
            ("planned_stay_days", FactValue::Number(365)),
            ("arrival_date", FactValue::Text("2024-05-31".into())),
            ("residence_registered", FactValue::Bool(true)),
            ("address_changed", FactValue::Bool(true)),
            ("address_changed_date", FactValue::Text("2024-05-25".into())),
            ("parent_permit", FactValue::Text("residence_permit".into())),
            ("permit_issued_date", FactValue::Text("2023-08-15".into())),
        ] {
            a.facts.insert(k.into(), v);
        }
        let eval = data.evaluate(&a, day("2026-11-22")).expect("evaluates");
        let events = deadline_events(&eval, Lang::Zh);
        let dates: Vec<String> = events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2024-06-03", "2024-06-04", "2024-08-14"]);
        let change = &events[1];
        assert_eq!(change.summary, "办理居住登记变更手续(地址或服务处所变了)");
        assert!(
            change.description.contains("第十三条"),
            "{}",
            change.description
        );
        assert!(change.description.contains("第三十三条"));
        assert!(change.description.contains("50元以上200元以下"));
        assert!(events[2].yearly);
        assert!(events[2].description.contains("2024年7月15日"));
        let ics = calendar(&events, day("2024-06-01"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
        assert!(ics.contains("RRULE:FREQ=YEARLY"));
    }
}
