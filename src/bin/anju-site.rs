//! Writes what the build makes from the policy data and the locale files, for the post-build
//! step (`.ci/post-build.mjs`) to place in `dist/`:
//!
//! - the data bundles, into `OUT_DIR/data/` with a content hash in each name: interface text
//!   per language (`text`), the index of places, rule sets and documents per language
//!   (`index`), each selectable place's rules per language (`place`) and the words of the
//!   clauses they cite (`clauses`, one for all languages), and everything with the
//!   policy cases for the rules explorer (`all`) — see `anju::engine::bundle`;
//! - on standard output, one JSON object: `start`, the start page as plain HTML; `shell`, the
//!   loading page every other page shows from its HTML at once; `words`, the shell's words in
//!   each language; `files`, each bundle's name (`place/lucheng/en`) → file and size;
//!   `families`, the page names of each family's program.
//!
//! The start page is the one page a resident on a slow phone must get at once. As plain HTML it
//! shows and works before any WebAssembly arrives: its form submits by itself (`?p=begin&…`), its
//! links are links. The app loads afterwards and takes its place, keeping what was typed. The
//! markup mirrors `src/ui/pages/start.rs` (same ids, classes and words, from the same locale files
//! and policy data), so the switch is seamless; the browser tests compare the two.
//!
//! ```sh
//! cargo run -q --bin anju-site -- dist > site.json
//! ```

use anju::engine::bundle;
use anju::engine::model::{PolicyData, Service};
use anju::engine::text::Lang;
use anju::portal::messages::{self, KEYS_DIGEST, Msg, service_name, text};
use anju::portal::route::Family;
use serde_json::{Map, Value, json};
use std::fmt::Write;
use std::path::Path;
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

/// The header as the app draws it; its buttons answer at once (the page's script stores the
/// choice where the app reads it).
fn header() -> String {
    format!(
        r#"<header class="site-header"><a class="brand" href="./"><span class="brand-mark" aria-hidden="true">安</span><span>{}</span></a><div class="header-tools"><nav class="lang-switch" aria-label="{}"><button type="button" class="lang-choice" lang="zh-Hans" aria-pressed="true">简体</button><button type="button" class="lang-choice" lang="zh-Hant" aria-pressed="false">繁體</button><button type="button" class="lang-choice" lang="en" aria-pressed="false">English</button></nav><button type="button" class="mode-choice" aria-pressed="false">{}</button></div></header>"#,
        t(Msg::SiteName),
        t(Msg::LangSwitchLabel),
        t(Msg::LargeText)
    )
}

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: anju-site OUT_DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(&out)) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("anju-site: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(out: &Path) -> Result<Value, String> {
    // The build validated the data before embedding it.
    let data = anju::portal::embedded::policy_data()?;
    let cases = anju::portal::embedded::case_index()?;
    let files = write_bundles(&data, &cases, out)?;
    let families: Map<String, Value> = Family::ALL
        .into_iter()
        .map(|f| (f.id().to_string(), json!(f.page_heads())))
        .collect();
    Ok(json!({
        "start": start_page(&data),
        "shell": shell(),
        "words": shell_words(),
        "files": files,
        "families": families,
    }))
}

/// Writes every bundle into `out/data/`, named by what it holds and a hash of its bytes (so a
/// file can be cached for ever); returns name → { file, size }.
fn write_bundles(
    data: &PolicyData,
    cases: &[anju::engine::cases::CaseSummary],
    out: &Path,
) -> Result<Map<String, Value>, String> {
    let dir = out.join("data");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Map::new();
    let mut put = |name: String, bytes: Vec<u8>| -> Result<(), String> {
        let stem = name.replace('/', "-");
        let file = format!("data/{stem}-{:012x}.bin", bundle::checksum(&bytes) >> 16);
        std::fs::write(out.join(&file), &bytes).map_err(|e| format!("{file}: {e}"))?;
        files.insert(name, json!({ "file": file, "size": bytes.len() }));
        Ok(())
    };
    for lang in Lang::ALL {
        let tag = lang.tag();
        put(
            format!("text/{tag}"),
            bundle::write_interface(lang, KEYS_DIGEST, messages::built_in(lang)),
        )?;
        put(format!("index/{tag}"), bundle::write_index(data, lang))?;
        for place in data.places.iter().filter(|p| p.selectable) {
            put(
                format!("place/{}/{tag}", place.id),
                bundle::write_place(data, &place.id, lang),
            )?;
        }
    }
    for place in data.places.iter().filter(|p| p.selectable) {
        put(
            format!("clauses/{}", place.id),
            bundle::write_clauses(data, &place.id),
        )?;
    }
    put("all".into(), bundle::write_all(data, cases))?;
    put("policy-data".into(), data_files()?)?;
    Ok(files)
}

/// The data folder's own files, for the explorer's 'check a draft' page: a draft is checked as
/// these with the maintainer's changed files in their place.
#[cfg(not(target_arch = "wasm32"))]
fn data_files() -> Result<Vec<u8>, String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("policy-data");
    let texts = anju::engine::source::load_dir(&folder)
        .map_err(|e| format!("policy-data: {} problem(s)", e.len()))?
        .texts;
    serde_json::to_vec(&texts).map_err(|e| e.to_string())
}

/// The build runs this natively; a browser build of it has no data folder to read.
#[cfg(target_arch = "wasm32")]
fn data_files() -> Result<Vec<u8>, String> {
    Err("anju-site runs natively".into())
}

/// The page every page but the start page shows from its HTML at once: the header, a heading
/// and a line saying what is loading (filled in by the page's script, in the reader's
/// language), and a button to try again should the download fail.
fn shell() -> String {
    let mut h = String::from(r#"<div id="shell" hidden>"#);
    let _ = write!(
        h,
        r##"<a class="skip-link" href="#main">{}</a>"##,
        t(Msg::SkipToMain)
    );
    h.push_str(&header());
    h.push_str(concat!(
        r#"<main id="main" class="page" tabindex="-1"><h1 id="shell-title"></h1>"#,
        r#"<p class="lead" id="shell-status" role="status"></p>"#,
        r#"<p id="shell-retry" hidden><button type="button" class="button"></button></p></main>"#,
        "</div>"
    ));
    h
}

/// The shell's words in each language: what is loading, and each page's heading (by the first
/// part of its `?p=` name).
fn shell_words() -> Value {
    let mut all = Map::new();
    for lang in Lang::ALL {
        let w = |m: Msg| text(lang, m);
        let titles = json!({
            "start": w(Msg::StartTitle),
            "service": w(Msg::StartServicesTitle),
            "q": w(Msg::ShellQuestionTitle),
            "begin": w(Msg::ShellQuestionTitle),
            "check": w(Msg::CheckTitle),
            "results": w(Msg::ResultsTitle),
            "share": w(Msg::ShareTitle),
            "about": w(Msg::AboutTitle),
            "counter": w(Msg::CounterTitle),
            "rules": w(Msg::ExplorerTitle),
            "document": w(Msg::ShellDocumentTitle),
            "forms": w(Msg::FormsTitle),
            "form": w(Msg::FormsTitle),
            "details": w(Msg::DetailsTitle),
            "other": w(Msg::NotFoundTitle),
        });
        all.insert(
            lang.tag().to_string(),
            json!({
                "site": w(Msg::SiteName),
                "skip": w(Msg::SkipToMain),
                "lang_label": w(Msg::LangSwitchLabel),
                "large": w(Msg::LargeText),
                "loading": w(Msg::ShellLoading),
                "opening": w(Msg::ShellOpeningLink),
                "slow": w(Msg::ShellSlow),
                "failed": w(Msg::ShellFailed),
                "retry": w(Msg::ShellRetry),
                "titles": titles,
            }),
        );
    }
    Value::Object(all)
}

/// The start page as plain HTML.
fn start_page(data: &PolicyData) -> String {
    let places: Vec<_> = data.places.iter().filter(|p| p.selectable).collect();
    let mut h = String::new();
    h.push_str(r#"<div id="static-start">"#);
    let _ = write!(
        h,
        r##"<a class="skip-link" href="#main">{}</a>"##,
        t(Msg::SkipToMain)
    );
    h.push_str(&header());
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
    h
}
