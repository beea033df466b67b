//! Writes the start page as plain HTML, for the build to place in `index.html`.
//!
//! The start page is the one page a resident on a slow phone must get at once. As plain HTML it
//! shows and works before any WebAssembly arrives: its form submits by itself (`?p=begin&…`), its
//! links are links. The app loads afterwards and takes its place, keeping what was typed. The
//! markup mirrors `src/ui/pages/start.rs` (same ids, classes and words, from the same locale files
//! and policy data), so the switch is seamless; the browser tests compare the two.
//!
//! ```sh
//! cargo run -q --bin anju-prerender > start.html
//! ```

use anju::engine::model::Service;
use anju::engine::text::Lang;
use anju::portal::messages::{Msg, service_name, text};
use std::fmt::Write;
use std::process::ExitCode;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn t(msg: Msg) -> String {
    esc(text(Lang::Zh, msg))
}

fn radio(out: &mut String, name: &str, id: &str, value: &str, label: &str, checked: bool) {
    let checked = if checked { " checked" } else { "" };
    let _ = write!(
        out,
        r#"<div class="radio"><input type="radio" name="{name}" id="{id}" value="{value}"{checked}/><label for="{id}">{label}</label></div>"#
    );
}

fn main() -> ExitCode {
    let data = match anju::portal::embedded::policy_data() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("anju-prerender: {e}");
            return ExitCode::from(2);
        }
    };
    let places: Vec<_> = data.places.iter().filter(|p| p.selectable).collect();
    let mut h = String::new();
    h.push_str(r#"<div id="static-start">"#);
    let _ = write!(
        h,
        r##"<a class="skip-link" href="#main">{}</a>"##,
        t(Msg::SkipToMain)
    );
    // The header as the app draws it; its buttons act once the app has loaded.
    let _ = write!(
        h,
        r#"<header class="site-header"><a class="brand" href="./"><span class="brand-mark" aria-hidden="true">安</span><span>{}</span></a><div class="header-tools"><nav class="lang-switch" aria-label="{}"><button type="button" class="lang-choice" lang="zh-Hans" aria-pressed="true">简体</button><button type="button" class="lang-choice" lang="zh-Hant" aria-pressed="false">繁體</button><button type="button" class="lang-choice" lang="en" aria-pressed="false">English</button></nav><button type="button" class="mode-choice" aria-pressed="false">{}</button></div></header>"#,
        t(Msg::SiteName),
        t(Msg::LangSwitchLabel),
        t(Msg::LargeText)
    );
    let _ = write!(
        h,
        r#"<main id="main" class="page" tabindex="-1"><h1 tabindex="-1">{}</h1><p class="lead">{}</p>"#,
        t(Msg::StartTitle),
        t(Msg::StartLead)
    );
    h.push_str(r#"<form method="get" action="./" novalidate><input type="hidden" name="p" value="begin"/>"#);
    let _ = write!(
        h,
        r#"<div class="form-group"><fieldset><legend class="legend-m">{}</legend><p class="hint">{}</p>"#,
        t(Msg::StartPlaceQuestion),
        t(Msg::StartPlaceHint)
    );
    for p in &places {
        radio(
            &mut h,
            "place",
            &format!("place-{}", p.id),
            &p.id,
            &esc(&p.name.zh),
            false,
        );
    }
    h.push_str("</fieldset></div>");
    let _ = write!(
        h,
        r#"<div class="form-group"><fieldset><legend class="legend-m">{}</legend>"#,
        t(Msg::StartWhatQuestion)
    );
    radio(
        &mut h,
        "what",
        "what-all",
        "all",
        &t(Msg::StartWhatAll),
        true,
    );
    for s in Service::ALL {
        radio(
            &mut h,
            "what",
            &format!("what-{}", s.id()),
            s.id(),
            &esc(service_name(Lang::Zh, s)),
            false,
        );
    }
    h.push_str("</fieldset></div>");
    let _ = write!(
        h,
        r#"<div class="form-group static-date"><fieldset><legend class="legend-m">{}</legend><p class="hint">{}</p>"#,
        t(Msg::StartDateQuestion),
        t(Msg::StartDateHint)
    );
    radio(
        &mut h,
        "when",
        "when-today",
        "today",
        &t(Msg::StartDateToday),
        true,
    );
    radio(
        &mut h,
        "when",
        "when-other",
        "other",
        &t(Msg::StartDateOther),
        false,
    );
    let boxes = [
        ("date-year", "y", Msg::Year, "w4"),
        ("date-month", "m", Msg::Month, "w2"),
        ("date-day", "d", Msg::Day, "w2"),
    ];
    h.push_str(r#"<div class="date-input">"#);
    for (id, name, label, class) in boxes {
        let _ = write!(
            h,
            r#"<div><label for="{id}">{}</label><input id="{id}" name="{name}" class="{class}" inputmode="numeric" autocomplete="off"/></div>"#,
            t(label)
        );
    }
    h.push_str("</div></fieldset></div>");
    let _ = write!(
        h,
        r#"<button type="submit" class="button start">{}</button></form>"#,
        t(Msg::StartButton)
    );
    let _ = write!(
        h,
        r#"<h2>{}</h2><ul class="service-list">"#,
        t(Msg::StartServicesTitle)
    );
    for s in Service::ALL {
        let _ = write!(
            h,
            r#"<li><a href="?p=service/{}">{}</a></li>"#,
            s.id(),
            esc(service_name(Lang::Zh, s))
        );
    }
    let _ = write!(
        h,
        r#"</ul><h2>{}</h2><ul class="place-list">"#,
        t(Msg::StartPlacesTitle)
    );
    for p in &places {
        let _ = write!(h, "<li>{}</li>", esc(&p.name.zh));
    }
    h.push_str("</ul></main>");
    let _ = write!(
        h,
        r#"<footer class="site-footer"><ul class="footer-links"><li><a href="?p=rules">{}</a></li><li><a href="?p=about">{}</a></li><li><a href="?p=counter">{}</a></li></ul><p>{}</p></footer>"#,
        t(Msg::FooterSources),
        t(Msg::FooterAbout),
        t(Msg::FooterCounter),
        t(Msg::FooterPrivacy)
    );
    h.push_str("</div>");
    println!("{h}");
    ExitCode::SUCCESS
}
