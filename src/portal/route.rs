//! The portal's pages and their addresses, as plain data (tested natively). Pages are named in
//! the query string (`?p=results`), not the path: a government site may host the portal's folder
//! under any sub-path of a plain static server with no rewrite rules, and a query string always
//! reaches that folder's `index.html`, so deep links and reloads work anywhere. The fragment
//! (`#…`) is left to share links, whose answers no server log should see.

use crate::engine::model::Service;

/// A page of the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Choose the place, what to check and the date.
    Start,
    /// The start page's form as submitted without the app (the pre-rendered start page works as
    /// plain HTML): its choices, as typed.
    Begin(StartChoices),
    /// What a service covers, and where to begin.
    Service(Service),
    /// One question. `back_to_check` when reached by a Change link.
    Question {
        /// The id of the fact asked (`child_birth_date`).
        fact: String,
        /// Whether Continue returns to the check-your-answers page (`back=check`).
        back_to_check: bool,
    },
    /// Check your answers.
    Check,
    /// Results for every chosen service.
    Results,
    /// Share link and QR code.
    Share,
    /// Forms to print.
    Forms,
    /// One form.
    Form(String),
    /// The identity details typed for forms.
    Details,
    /// Counter mode for staff.
    Counter,
    /// The rules explorer: every document and rule.
    Rules,
    /// One document in the explorer.
    Document(String),
    /// The explorer's 'check a draft' page, for maintainers: changed data files checked in the
    /// browser.
    Draft,
    /// About the portal and privacy.
    About,
    /// A `?p=` that names no page.
    NotFound(String),
}

impl Route {
    /// Reads a page from a query string such as `?p=q/child_birth_date&back=check`.
    pub fn parse(search: &str) -> Route {
        let mut page = None;
        let mut back_to_check = false;
        let mut choices = StartChoices::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let value = || Some(percent_decode(v)).filter(|v| !v.is_empty());
            match k {
                "p" => page = Some(percent_decode(v)),
                "back" => back_to_check = v == "check",
                "place" => choices.place = value(),
                "what" => choices.what = value(),
                "when" => choices.other_date = v == "other",
                "y" => choices.year = percent_decode(v),
                "m" => choices.month = percent_decode(v),
                "d" => choices.day = percent_decode(v),
                _ => {}
            }
        }
        if page.as_deref() == Some("begin") {
            return Route::Begin(choices);
        }
        let Some(page) = page.filter(|p| !p.is_empty()) else {
            return Route::Start;
        };
        let (head, rest) = page.split_once('/').unwrap_or((page.as_str(), ""));
        match (head, rest) {
            ("start", "") => Route::Start,
            ("service", s) => {
                Service::from_id(s).map_or(Route::NotFound(page.clone()), Route::Service)
            }
            ("q", fact) if !fact.is_empty() => Route::Question {
                fact: fact.to_string(),
                back_to_check,
            },
            ("check", "") => Route::Check,
            ("results", "") => Route::Results,
            ("share", "") => Route::Share,
            ("forms", "") => Route::Forms,
            ("form", id) if !id.is_empty() => Route::Form(id.to_string()),
            ("details", "") => Route::Details,
            ("counter", "") => Route::Counter,
            ("rules", "") => Route::Rules,
            ("rules", doc) => Route::Document(doc.to_string()),
            ("draft", "") => Route::Draft,
            ("about", "") => Route::About,
            _ => Route::NotFound(page.clone()),
        }
    }

    /// The link to this page, relative to the portal's folder.
    pub fn href(&self) -> String {
        match self {
            Route::Start => "./".to_string(),
            Route::Begin(c) => {
                let mut href = String::from("?p=begin");
                for (k, v) in [("place", c.place.as_deref()), ("what", c.what.as_deref())] {
                    if let Some(v) = v {
                        href.push_str(&format!("&{k}={}", percent_encode(v)));
                    }
                }
                if c.other_date {
                    href.push_str(&format!(
                        "&when=other&y={}&m={}&d={}",
                        percent_encode(&c.year),
                        percent_encode(&c.month),
                        percent_encode(&c.day)
                    ));
                }
                href
            }
            Route::Service(s) => format!("?p=service/{}", s.id()),
            Route::Question {
                fact,
                back_to_check: true,
            } => format!("?p=q/{fact}&back=check"),
            Route::Question { fact, .. } => format!("?p=q/{fact}"),
            Route::Check => "?p=check".into(),
            Route::Results => "?p=results".into(),
            Route::Share => "?p=share".into(),
            Route::Forms => "?p=forms".into(),
            Route::Form(id) => format!("?p=form/{id}"),
            Route::Details => "?p=details".into(),
            Route::Counter => "?p=counter".into(),
            Route::Rules => "?p=rules".into(),
            Route::Document(id) => format!("?p=rules/{id}"),
            Route::Draft => "?p=draft".into(),
            Route::About => "?p=about".into(),
            Route::NotFound(p) => format!("?p={p}"),
        }
    }
}

/// The portal's page families. Each has a WebAssembly program of its own, loaded only when one
/// of its pages is opened, so that a resident's journey never pays for the staff and
/// maintainers' tools. Moving between families is a page load; within one, a history entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// A resident's pages: start, services, questions, check answers, results, share, about.
    Journey,
    /// Counter mode, for staff.
    Counter,
    /// The rules explorer, for maintainers and anyone who wants the sources.
    Explorer,
    /// The printed forms and the identity details they need.
    Forms,
    /// The explorer's draft check, with the data reader, validator and policy cases: only
    /// maintainers download it.
    Drafts,
}

impl Family {
    /// Every family, the journey first.
    pub const ALL: [Family; 5] = [
        Family::Journey,
        Family::Counter,
        Family::Explorer,
        Family::Forms,
        Family::Drafts,
    ];

    /// The family's name in the build's manifest.
    pub fn id(self) -> &'static str {
        match self {
            Family::Journey => "journey",
            Family::Counter => "counter",
            Family::Explorer => "rules",
            Family::Forms => "forms",
            Family::Drafts => "drafts",
        }
    }

    /// The first part of its pages' names (`form` of `?p=form/enrolment`); the journey has
    /// every page no other family claims. The page's loader picks the program from these.
    pub fn page_heads(self) -> &'static [&'static str] {
        match self {
            Family::Journey => &[],
            Family::Counter => &["counter"],
            Family::Explorer => &["rules"],
            Family::Forms => &["forms", "form", "details"],
            Family::Drafts => &["draft"],
        }
    }
}

impl Route {
    /// The family whose program shows this page.
    pub fn family(&self) -> Family {
        let page = self.href();
        let head = page
            .strip_prefix("?p=")
            .unwrap_or_default()
            .split(['/', '&'])
            .next()
            .unwrap_or_default();
        Family::ALL
            .into_iter()
            .find(|f| f.page_heads().contains(&head))
            .unwrap_or(Family::Journey)
    }
}

/// The choices of the start page's form, as typed (checked by the app, which explains any
/// problem on the start page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartChoices {
    /// The place id chosen (`lucheng`), if any.
    pub place: Option<String>,
    /// `school`, `insurance`, `permit` or `all`.
    pub what: Option<String>,
    /// Whether "another date" was chosen instead of today (`when=other`).
    pub other_date: bool,
    /// The year typed for another date (`y`).
    pub year: String,
    /// The month typed for another date (`m`).
    pub month: String,
    /// The day typed for another date (`d`).
    pub day: String,
}

/// Percent-encoding of everything but unreserved characters, for a value in a query string.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding of a value in a query string, as a browser's form writes it (`+` for a
/// space). A `%` not followed by two hex digits is kept as it is; bytes that are not UTF-8
/// become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 3 <= bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        let routes = [
            Route::Start,
            Route::Service(Service::School),
            Route::Question {
                fact: "child_birth_date".into(),
                back_to_check: false,
            },
            Route::Question {
                fact: "work_kind".into(),
                back_to_check: true,
            },
            Route::Check,
            Route::Results,
            Route::Form("enrolment".into()),
            Route::Document("lucheng-2013-164".into()),
            Route::Begin(StartChoices {
                place: Some("lucheng".into()),
                what: Some("school".into()),
                other_date: true,
                year: "2014".into(),
                month: "6".into(),
                day: "1".into(),
            }),
        ];
        for r in routes {
            let href = r.href();
            let search = href.trim_start_matches("./");
            assert_eq!(Route::parse(search), r, "{href}");
        }
        assert_eq!(
            Route::parse("?p=nonsense"),
            Route::NotFound("nonsense".into())
        );
        assert_eq!(
            Route::parse("?p=q%2Fwork_kind"),
            Route::Question {
                fact: "work_kind".into(),
                back_to_check: false
            }
        );
        assert_eq!(Route::parse("?p=%ZZ"), Route::NotFound("%ZZ".into()));
        // Each page belongs to one family, as the loader in index.html reads it.
        assert_eq!(Route::Results.family(), Family::Journey);
        assert_eq!(Route::Counter.family(), Family::Counter);
        assert_eq!(Route::Document("x".into()).family(), Family::Explorer);
        assert_eq!(Route::Form("enrolment".into()).family(), Family::Forms);
        assert_eq!(Route::Details.family(), Family::Forms);
        assert_eq!(Route::Draft.family(), Family::Drafts);
        assert_eq!(Route::Start.family(), Family::Journey);
        assert_eq!(Route::NotFound("forms2".into()).family(), Family::Journey);
        // The pre-rendered start page's form, submitted by the browser itself.
        assert_eq!(
            Route::parse("?p=begin&place=haishu&what=all&when=today&y=&m=&d="),
            Route::Begin(StartChoices {
                place: Some("haishu".into()),
                what: Some("all".into()),
                ..StartChoices::default()
            })
        );
    }
}
