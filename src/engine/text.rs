//! Text held in policy data in the portal's three languages.

use serde::{Deserialize, Deserializer, Serialize};

/// The languages the portal speaks. Simplified Chinese is the default and the language of the
/// sources; printed forms stay in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// Simplified Chinese (zh-Hans): the default, and the language of the sources.
    #[default]
    #[serde(rename = "zh-Hans")]
    Zh,
    /// Traditional Chinese (zh-Hant).
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The three languages, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::ZhHant, Lang::En];

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// The language with this BCP 47 tag (`zh-Hant`), or `None` for any other.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == tag)
    }
}

/// A short text of the portal's own (a question, a summary, a label) in each language. Policy
/// clauses are not `Text`: they stay in their original words.
///
/// In TOML either a table `{ zh = "…", zh_hant = "…", en = "…" }` or, while a translation is
/// pending, a plain string (Simplified Chinese only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The Simplified Chinese text, always given.
    pub zh: String,
    /// The Traditional Chinese text, where translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<String>,
    /// The English text, where translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text in Simplified Chinese only, awaiting translation.
    pub fn zh(text: impl Into<String>) -> Text {
        Text {
            zh: text.into(),
            zh_hant: None,
            en: None,
        }
    }

    /// A text in one language only (as a one-language data bundle carries it): `get(lang)`
    /// finds it; the other languages are empty.
    pub fn only(lang: Lang, text: String) -> Text {
        match lang {
            Lang::Zh => Text::zh(text),
            Lang::ZhHant => Text {
                zh: String::new(),
                zh_hant: Some(text),
                en: None,
            },
            Lang::En => Text {
                zh: String::new(),
                zh_hant: None,
                en: Some(text),
            },
        }
    }

    /// The text in `lang`, falling back to Simplified Chinese where a translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::ZhHant => self.zh_hant.as_deref().unwrap_or(&self.zh),
            Lang::En => self.en.as_deref().unwrap_or(&self.zh),
        }
    }

    /// The languages this text lacks, for the translation check.
    pub fn missing(&self) -> Vec<Lang> {
        let mut missing = Vec::new();
        if self.zh.trim().is_empty() {
            missing.push(Lang::Zh);
        }
        if self.zh_hant.as_deref().is_none_or(|t| t.trim().is_empty()) {
            missing.push(Lang::ZhHant);
        }
        if self.en.as_deref().is_none_or(|t| t.trim().is_empty()) {
            missing.push(Lang::En);
        }
        missing
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            zh: String,
            #[serde(default)]
            zh_hant: Option<String>,
            #[serde(default)]
            en: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Plain(String),
            Table(Table),
        }
        match Either::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "expected a text: a string, or a table { zh = \"…\", zh_hant = \"…\", en = \"…\" }",
            )
        })? {
            Either::Plain(zh) => Ok(Text::zh(zh)),
            Either::Table(t) => Ok(Text {
                zh: t.zh,
                zh_hant: t.zh_hant,
                en: t.en,
            }),
        }
    }
}

/// A published Chinese title or clause label put into the portal's other languages. The
/// published words are never replaced: they stay the primary value (the printed forms and the
/// Simplified Chinese pages use them, and the other languages show them beside this).
///
/// In TOML a table `{ zh_hant = "…", en = "…" }`: the Traditional Chinese is a script
/// conversion of the same words, the English a faithful translation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The published words in Traditional Chinese characters (附件6 第二條).
    pub zh_hant: String,
    /// The published words in English (Annex 6, Article 2).
    pub en: String,
}

impl Translation {
    /// The translation into `lang`; none for Simplified Chinese, the language of the published
    /// words themselves, and none where it is empty (a one-language bundle of another language).
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let t = match lang {
            Lang::Zh => return None,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        };
        (!t.trim().is_empty()).then_some(t.as_str())
    }

    /// The languages this translation lacks, for validation.
    pub fn missing(&self) -> Vec<Lang> {
        [Lang::ZhHant, Lang::En]
            .into_iter()
            .filter(|l| self.get(*l).is_none())
            .collect()
    }

    /// A translation into one language only (as a one-language bundle carries it): `get(lang)`
    /// finds it; the other language is empty.
    pub fn only(lang: Lang, text: String) -> Translation {
        match lang {
            Lang::Zh => Translation::default(),
            Lang::ZhHant => Translation {
                zh_hant: text,
                en: String::new(),
            },
            Lang::En => Translation {
                zh_hant: String::new(),
                en: text,
            },
        }
    }
}
