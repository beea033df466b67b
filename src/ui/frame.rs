//! The frame around every page: the header with the language and large-text switches, the
//! footer, the notice about saved or shared answers, and the window title.

use super::device_storage as storage;
use super::household::{self, Notice};
use super::language::{self, Msg, t};
use crate::engine::text::Lang;
use crate::portal::route::Route;
use leptos::prelude::*;

/// Sets the window title: the page's heading, then the site's name.
pub fn set_title(page: &str, lang: Lang) {
    document().set_title(&format!("{page} · {}", language::text(lang, Msg::SiteName)));
}

const LARGE_KEY: &str = "anju.large";

/// The larger-text, higher-contrast mode (适老化), remembered on this device.
fn large_text() -> RwSignal<bool> {
    let saved = storage::get(LARGE_KEY).is_some_and(|v| v == "1");
    let large = RwSignal::new(saved);
    Effect::new(move |_| {
        let on = large.get();
        if let Some(html) = document().document_element() {
            let _ = if on {
                html.class_list().add_1("large")
            } else {
                html.class_list().remove_1("large")
            };
        }
        storage::set(LARGE_KEY, if on { "1" } else { "0" });
    });
    large
}

/// The site header: the portal's name, the language switch and the larger-text switch.
#[component]
pub fn Header() -> impl IntoView {
    let lang = language::lang();
    let large = large_text();
    // The button pressed shows at once; the words follow when they have arrived.
    let wanted = RwSignal::new(lang.get_untracked());
    let choice = move |l: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-choice"
                lang=l.tag()
                aria-pressed=move || (wanted.get() == l).to_string()
                on:click=move |_| {
                    wanted.set(l);
                    crate::ui::site::switch_lang(l, lang);
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href="./">
                <span class="brand-mark" aria-hidden="true">"安"</span> // i18n-exempt: the logo's character
                <span>{t(Msg::SiteName)}</span>
            </a>
            <div class="header-tools">
                <nav class="lang-switch" aria-label=t(Msg::LangSwitchLabel)>
                    // Each language is named in itself, whatever the page's language.
                    {choice(Lang::Zh, "简体")} // i18n-exempt: own-language name
                    {choice(Lang::ZhHant, "繁體")} // i18n-exempt: own-language name
                    {choice(Lang::En, "English")} // i18n-exempt: own-language name
                </nav>
                <button
                    type="button"
                    class="mode-choice"
                    aria-pressed=move || large.get().to_string()
                    on:click=move |_| large.update(|l| *l = !*l)
                >
                    {t(Msg::LargeText)}
                </button>
            </div>
        </header>
    }
}

/// The site footer: links to the rules explorer, about page and counter mode, and the privacy line.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <ul class="footer-links">
                <li><a href={Route::Rules.href()}>{t(Msg::FooterSources)}</a></li>
                <li><a href={Route::About.href()}>{t(Msg::FooterAbout)}</a></li>
                <li><a href={Route::Counter.href()}>{t(Msg::FooterCounter)}</a></li>
            </ul>
            <p>{t(Msg::FooterPrivacy)}</p>
        </footer>
    }
}

/// A message about saved or shared answers, shown at the top of every page until dismissed, with
/// what the person can do about it.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let ctx = household::answers();
    let lang = language::lang();
    move || {
        ctx.notice.get().map(|n| {
            let l = lang.get();
            let w = |m: Msg| language::text(l, m);
            let has_saved = ctx.previous.with_value(|p| p.is_some())
                || ctx.answers.with_untracked(|a| a.place.is_some());
            let (lines, role): (Vec<String>, &str) = match &n {
                Notice::SavedSetAside => (vec![w(Msg::NoticeSavedSetAside).into()], "alert"),
                Notice::Dropped(facts) => {
                    // Named by their questions; a question since removed is only counted.
                    let data = crate::ui::site::data();
                    let named: Vec<String> = facts
                        .iter()
                        .filter_map(|f| match f.as_str() {
                            "place" => Some(w(Msg::CheckPlace).to_string()),
                            f => data.fact(f).map(|f| f.question.get(l).to_string()),
                        })
                        .collect();
                    let mut lines = vec![w(Msg::NoticeDropped).to_string()];
                    lines.extend(named);
                    (lines, "alert")
                }
                Notice::BadLink(why) => {
                    let then = if has_saved {
                        Msg::NoticeLinkKeptSaved
                    } else {
                        Msg::NoticeLinkAskAgain
                    };
                    (vec![w(*why).into(), w(then).into()], "alert")
                }
                Notice::LinkOpened => (vec![w(Msg::NoticeLinkOpened).into()], "status"),
                Notice::LinkDiffers => (vec![w(Msg::NoticeLinkDiffers).into()], "alert"),
                Notice::Forgotten => (vec![w(Msg::NoticeForgotten).into()], "status"),
            };
            let choose = matches!(n, Notice::LinkDiffers);
            let bad_link = matches!(n, Notice::BadLink(_));
            // A one-line report sits on one line with its dismiss, so the page below stays in view.
            let class = if matches!(n, Notice::LinkOpened | Notice::Forgotten) {
                "notice notice-brief"
            } else {
                "notice"
            };
            view! {
                <div class=class role=role>
                    {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                    {choose.then(|| view! {
                        <p class="button-row">
                            <button type="button" class="button" on:click=move |_| household::keep_link_answers()>{w(Msg::NoticeKeepLink)}</button>
                            <button type="button" class="button secondary" on:click=move |_| household::back_to_saved_answers()>{w(Msg::NoticeBackToSaved)}</button>
                        </p>
                    })}
                    {bad_link.then(|| view! {
                        <p class="button-row">
                            {has_saved.then(|| view! {
                                <a class="button" href=Route::Results.href()>{w(Msg::NoticeContinueSaved)}</a>
                            })}
                            <a class="button secondary" href=Route::Start.href()>{w(Msg::NoticeStartAfresh)}</a>
                        </p>
                    })}
                    {(!choose).then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| ctx.notice.set(None)>
                            {w(Msg::NoticeDismiss)}
                        </button>
                    })}
                </div>
            }
        })
    }
}
