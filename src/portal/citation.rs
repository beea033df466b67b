//! A clause as a reader cites it: the document's number as published, its title and the clause's
//! label in the reader's language with the published Chinese beside them, and the clause's words
//! as published. Pure, so that the results page and the tests cite alike.
//!
//! A reader of Simplified Chinese sees the published words only; a reader of Traditional Chinese
//! or English sees the translation first and the original after it, in one line:
//!
//! ```text
//! zh-Hans  温鹿政办〔2013〕164号 附件6 第二条
//! zh-Hant  温鹿政办〔2013〕164号 附件6 第二條(附件6 第二条)
//! en       温鹿政办〔2013〕164号, Annex 6, Article 2 (附件6 第二条)
//! ```
//!
//! Document numbers (温鹿政办〔2013〕164号, 国务院令第663号) are never translated: they are how an
//! office finds the paper.

use super::messages::{Msg, text};
use crate::engine::model::PolicyData;
use crate::engine::text::Lang;

/// One clause cited for a reader of `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation<'d> {
    /// The reader's language, which the translated fields are in.
    pub lang: Lang,
    /// The document's id (`lucheng-2013-164`).
    pub document: &'d str,
    /// The clause's id within it (`annex6.art2`).
    pub clause: &'d str,
    /// The document's number as published, in every language (温鹿政办〔2013〕164号).
    pub number: &'d str,
    /// The document's title in the reader's language.
    pub title: &'d str,
    /// The published title, when `title` is a translation of it; none in Simplified Chinese.
    pub original_title: Option<&'d str>,
    /// The clause's label in the reader's language (Annex 6, Article 2).
    pub label: &'d str,
    /// The published label, when `label` is a translation of it (附件6 第二条); none in
    /// Simplified Chinese, and none where the translation reads the same (三(五)).
    pub original_label: Option<&'d str>,
    /// The clause's words as published, never translated.
    pub text: &'d str,
}

/// What a piece of a citation line is, and so which language it is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Punctuation and spaces of the reader's language.
    Words,
    /// The document's number, as published (Simplified Chinese).
    Number,
    /// The clause's label in the reader's language.
    Label,
    /// The published label set beside a translated one (Simplified Chinese).
    OriginalLabel,
}

/// A piece of a citation line, so that a page can mark the language of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'d> {
    /// What the piece is.
    pub part: Part,
    /// Its words.
    pub text: &'d str,
}

impl Segment<'_> {
    /// The language the piece is written in, for a reader of `reader`.
    pub fn lang(&self, reader: Lang) -> Lang {
        match self.part {
            Part::Number | Part::OriginalLabel => Lang::Zh,
            Part::Words | Part::Label => reader,
        }
    }
}

/// Cites `clause` (an id within `document`, or `doc#clause` for another document) for a reader
/// of `lang`; none when the data has no such clause. The data may be a one-language bundle: a
/// translation it does not carry gives way to the published words.
pub fn cite<'d>(
    data: &'d PolicyData,
    document: &str,
    clause: &str,
    lang: Lang,
) -> Option<Citation<'d>> {
    let (doc, c) = data.clause(document, clause)?;
    Some(Citation {
        lang,
        document: &doc.id,
        clause: &c.id,
        number: &doc.number,
        title: doc.title_in(lang),
        original_title: doc.original_title(lang),
        label: c.label_in(lang),
        original_label: c.original_label(lang),
        text: &c.text,
    })
}

impl<'d> Citation<'d> {
    /// The citation in one line, as pieces: number and label, and the published label beside
    /// a translated one, in the order and with the punctuation of the reader's language.
    pub fn segments(&self) -> Vec<Segment<'d>> {
        let template = match self.original_label {
            Some(_) => text(self.lang, Msg::CitationWithOriginal),
            None => text(self.lang, Msg::Citation),
        };
        let mut out = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            if open > 0 {
                out.push(Segment {
                    part: Part::Words,
                    text: &rest[..open],
                });
            }
            let value = match &rest[open + 1..close] {
                "number" => Some((Part::Number, self.number)),
                "label" => Some((Part::Label, self.label)),
                "original" => self.original_label.map(|o| (Part::OriginalLabel, o)),
                _ => None,
            };
            if let Some((part, text)) = value {
                out.push(Segment { part, text });
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            out.push(Segment {
                part: Part::Words,
                text: rest,
            });
        }
        out
    }

    /// The citation in one line of plain text (`温鹿政办〔2013〕164号, Annex 6, Article 2
    /// (附件6 第二条)` in English).
    pub fn line(&self) -> String {
        self.segments().iter().map(|s| s.text).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bundle::{
        read_clauses, read_place, with_clause_texts, write_clauses, write_place,
    };

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    #[test]
    fn simplified_chinese_cites_the_published_words_only() {
        let data = data();
        let c = cite(&data, "lucheng-2013-164", "annex6.art2", Lang::Zh).expect("the clause");
        assert_eq!(c.number, "温鹿政办〔2013〕164号");
        assert_eq!(c.label, "附件6 第二条");
        assert_eq!(c.original_label, None);
        assert!(c.title.starts_with("温州市鹿城区人民政府办公室印发"));
        assert_eq!(c.original_title, None);
        assert!(c.text.contains("凡在户籍所在地有监护条件的新居民子女"));
        assert_eq!(c.line(), "温鹿政办〔2013〕164号 附件6 第二条");
    }

    #[test]
    fn traditional_chinese_cites_the_converted_label_with_the_published_one_beside() {
        let data = data();
        let c = cite(&data, "lucheng-2013-164", "annex6.art2", Lang::ZhHant).expect("the clause");
        assert_eq!(c.number, "温鹿政办〔2013〕164号");
        assert_eq!(c.label, "附件6 第二條");
        assert_eq!(c.original_label, Some("附件6 第二条"));
        assert!(c.title.starts_with("溫州市鹿城區人民政府辦公室印發"));
        assert!(
            c.original_title
                .is_some_and(|t| t.starts_with("温州市鹿城区"))
        );
        assert!(
            c.text.contains("凡在户籍所在地有监护条件"),
            "the words stay as published"
        );
        assert_eq!(c.line(), "温鹿政办〔2013〕164号 附件6 第二條(附件6 第二条)");
        // A label that reads the same in both scripts is not repeated.
        let same = cite(&data, "lucheng-2013-164", "s3.5", Lang::ZhHant).expect("the clause");
        assert_eq!((same.label, same.original_label), ("三(五)", None));
        assert_eq!(same.line(), "温鹿政办〔2013〕164号 三(五)");
    }

    #[test]
    fn english_cites_the_translated_label_with_the_published_one_beside() {
        let data = data();
        let c = cite(&data, "lucheng-2013-164", "annex6.art2", Lang::En).expect("the clause");
        assert_eq!(
            c.number, "温鹿政办〔2013〕164号",
            "the number stays as published"
        );
        assert_eq!(c.label, "Annex 6, Article 2");
        assert_eq!(c.original_label, Some("附件6 第二条"));
        assert!(
            c.title
                .starts_with("Notice of the General Office of the Lucheng District")
        );
        assert!(
            c.original_title
                .is_some_and(|t| t.starts_with("温州市鹿城区"))
        );
        assert!(
            c.text.contains("凡在户籍所在地有监护条件"),
            "the words stay as published"
        );
        assert_eq!(
            c.line(),
            "温鹿政办〔2013〕164号, Annex 6, Article 2 (附件6 第二条)"
        );
        let parts: Vec<(Part, Lang)> = c
            .segments()
            .iter()
            .filter(|s| s.part != Part::Words)
            .map(|s| (s.part, s.lang(Lang::En)))
            .collect();
        assert_eq!(
            parts,
            [
                (Part::Number, Lang::Zh),
                (Part::Label, Lang::En),
                (Part::OriginalLabel, Lang::Zh)
            ]
        );
    }

    #[test]
    fn a_clause_of_another_document_is_cited_with_that_documents_number() {
        let data = data();
        let c = cite(
            &data,
            "lucheng-2013-164",
            "national-residence-permit-2015#art12",
            Lang::En,
        )
        .expect("the clause");
        assert_eq!(
            (c.document, c.clause),
            ("national-residence-permit-2015", "art12")
        );
        assert_eq!(c.line(), "国务院令第663号, Article 12 (第十二条)");
        assert_eq!(c.title, "Interim regulation on residence permits");
        assert_eq!(c.original_title, Some("居住证暂行条例"));
        assert_eq!(
            cite(&data, "lucheng-2013-164", "annex6.art99", Lang::En),
            None
        );
        assert_eq!(cite(&data, "no-such-document", "art1", Lang::En), None);
    }

    #[test]
    fn a_place_bundle_cites_as_the_full_data_does() {
        let data = data();
        for lang in Lang::ALL {
            let bytes = write_place(&data, "lucheng", lang);
            let (bare, _) = read_place(&bytes, "lucheng").expect("readable");
            // The clauses' words arrive in a bundle of their own.
            let texts = read_clauses(&write_clauses(&data, "lucheng"), "lucheng").expect("words");
            let bundle = with_clause_texts(&bare, &texts);
            for doc in &bundle.documents {
                for clause in &doc.clauses {
                    let from_bundle = cite(&bundle, &doc.id, &clause.id, lang);
                    let from_data = cite(&data, &doc.id, &clause.id, lang);
                    assert_eq!(from_bundle, from_data, "{} {} {lang:?}", doc.id, clause.id);
                }
            }
        }
    }

    #[test]
    fn every_clause_has_a_one_line_citation_in_every_language() {
        let data = data();
        for doc in &data.documents {
            for clause in &doc.clauses {
                for lang in Lang::ALL {
                    let c = cite(&data, &doc.id, &clause.id, lang).expect("the clause");
                    let line = c.line();
                    assert!(line.starts_with(&doc.number), "{line}");
                    assert!(line.contains(c.label), "{line}");
                    assert_eq!(lang == Lang::Zh, c.original_title.is_none(), "{}", doc.id);
                    if let Some(o) = c.original_label {
                        assert!(line.contains(o), "{line}");
                    }
                    assert!(!line.contains('{'), "{line}");
                }
            }
        }
    }
}
