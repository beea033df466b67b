//! A document's standing at a glance, as the explorer shows it: its title in book-title marks, a
//! status badge, its dates in a line, and the span of dates a rule set applies.

use crate::engine::date::Date;
use crate::engine::model::{Document, DocumentStatus};
use crate::engine::text::Lang;
use crate::ui::language::{Msg, date_text, fill, text};
use leptos::prelude::*;

/// A document's title in book-title marks: 《…》.
pub fn quoted_title(l: Lang, title: &str) -> String {
    fill(l, Msg::ExplorerDocTitle, &[("title", title)])
}

/// A document's status, as a badge.
pub fn status_badge(l: Lang, status: DocumentStatus) -> impl IntoView {
    let (msg, class) = match status {
        DocumentStatus::InForce => (Msg::ExplorerStatusInForce, "in-force"),
        DocumentStatus::Repealed => (Msg::ExplorerStatusRepealed, "repealed"),
        DocumentStatus::Superseded => (Msg::ExplorerStatusSuperseded, "superseded"),
        DocumentStatus::Unknown => (Msg::ExplorerStatusUnknown, "unknown"),
    };
    view! { <span class=format!("ex-status ex-status-{class}")>{text(l, msg)}</span> }
}

/// A document's dates in a line: issued, in force, repealed (those the source gives).
pub fn document_dates(l: Lang, d: &Document) -> String {
    let dates: Vec<String> = [
        d.issued
            .map(|x| fill(l, Msg::DocIssued, &[("date", &date_text(l, x))])),
        d.in_force
            .map(|x| fill(l, Msg::DocInForce, &[("date", &date_text(l, x))])),
        d.repealed
            .map(|x| fill(l, Msg::DocRepealed, &[("date", &date_text(l, x))])),
    ]
    .into_iter()
    .flatten()
    .collect();
    if dates.is_empty() {
        text(l, Msg::ExplorerNoDates).to_string()
    } else {
        dates.join(" · ")
    }
}

/// When a rule set applies: from, until (exclusive), or that the source has no date.
pub fn ruleset_span(l: Lang, from: Option<Date>, to: Option<Date>) -> String {
    let from = match from {
        Some(d) => fill(l, Msg::ExplorerAppliesFrom, &[("date", &date_text(l, d))]),
        None => text(l, Msg::ExplorerFromUnknown).to_string(),
    };
    let to = match to {
        Some(d) => fill(l, Msg::ExplorerAppliesUntil, &[("date", &date_text(l, d))]),
        None => text(l, Msg::ExplorerNoEnd).to_string(),
    };
    format!("{from} · {to}")
}
