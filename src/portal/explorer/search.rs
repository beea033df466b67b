//! Search over the explorer's model: documents, rules and clauses whose words match a query,
//! with a snippet of the words around each match. Matching folds full-width characters, the
//! brackets of document numbers and quotation marks, and case, so a person types as they can.

use super::{Explorer, doc_href};
use crate::engine::model::Document;
use crate::engine::text::{Lang, Text};
use crate::portal::route::{Route, percent_decode, percent_encode};

/// Which text of the data a hit was found in, in the order hits are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// A document's number (温鹿政办〔2013〕164号).
    Number,
    /// A document's title.
    Title,
    /// A rule's summary.
    Summary,
    /// The label of one of a rule's conditions.
    Condition,
    /// A paper to bring, where to go, a next step.
    Material,
    /// A rule set's or decision's title.
    RulesetTitle,
    /// A clause's label (附件6 第二条).
    ClauseLabel,
    /// A clause's words.
    ClauseText,
}

/// The matched words with a little context either side, for highlighting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The words just before the match.
    pub before: String,
    /// The words that matched, as written in the data (highlighted).
    pub matched: String,
    /// The words just after the match.
    pub after: String,
}

/// One search result: a link into a document (to the document, a rule set, a rule or a clause).
#[derive(Clone, Debug)]
pub struct Hit<'a> {
    /// The document the hit lies in.
    pub document: &'a Document,
    /// Which text of the data matched (number, title, summary, condition, clause …).
    pub field: Field,
    /// Where the result leads, with its anchor.
    pub href: String,
    /// What the result is, in the language asked for: the document number, the rule's summary,
    /// the clause's label.
    pub heading: String,
    /// Where it is: the document's title, or the rule set and document number.
    pub context: String,
    /// The words that matched.
    pub snippet: Snippet,
}

/// Folds text for matching: no white space, full-width Latin letters, digits and brackets as
/// their half-width forms, the brackets of document numbers (〔〕【】［］) as `[]`, quotation
/// marks alike, and lower case. Chinese characters are kept as they are.
fn fold_char(c: char, out: &mut Vec<char>) {
    if c.is_whitespace() {
        return;
    }
    let c = crate::portal::input::fold_width(c);
    let c = match c {
        '〔' | '【' | '［' => '[',
        '〕' | '】' | '］' => ']',
        '“' | '”' | '「' | '」' | '『' | '』' => '"',
        '‘' | '’' => '\'',
        _ => c,
    };
    out.extend(c.to_lowercase());
}

/// The folded form of `text`, and for each folded character the index of the character of
/// `text` it came from.
fn fold(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let before = chars.len();
        fold_char(c, &mut chars);
        origin.extend(std::iter::repeat_n(i, chars.len() - before));
    }
    (chars, origin)
}

/// Characters of context shown before and after a match.
const BEFORE: usize = 16;
const AFTER: usize = 40;

/// Where the folded `query` occurs in `text`, as a snippet of `text`.
fn find(text: &str, query: &[char]) -> Option<Snippet> {
    if query.is_empty() {
        return None;
    }
    let (folded, origin) = fold(text);
    let at = folded.windows(query.len()).position(|w| w == query)?;
    let start = origin[at];
    let end = origin[at + query.len() - 1] + 1;
    let chars: Vec<char> = text.chars().collect();
    let from = start.saturating_sub(BEFORE);
    let to = (end + AFTER).min(chars.len());
    let mut before: String = chars[from..start].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = chars[end..to].iter().collect();
    if to < chars.len() {
        after.push('…');
    }
    Some(Snippet {
        before: before.replace('\n', " "),
        matched: chars[start..end].iter().collect(),
        after: after.replace('\n', " "),
    })
}

/// A text of the portal's own: the language asked for first, then the others.
fn find_text(t: &Text, lang: Lang, query: &[char]) -> Option<Snippet> {
    let mut order = vec![lang];
    order.extend(Lang::ALL.into_iter().filter(|l| *l != lang));
    order.into_iter().find_map(|l| {
        let s = match l {
            Lang::Zh => Some(t.zh.as_str()),
            Lang::ZhHant => t.zh_hant.as_deref(),
            Lang::En => t.en.as_deref(),
        };
        s.and_then(|s| find(s, query))
    })
}

impl<'a> Explorer<'a> {
    /// Searches document numbers and titles, rule set titles, rule summaries, condition labels,
    /// papers, and clause labels and words, in all three languages (Latin letters in any case,
    /// Chinese as a substring). One hit per document, rule set, rule or clause, most telling
    /// first; headings in `lang`.
    pub fn search(&self, query: &str, lang: Lang) -> Vec<Hit<'a>> {
        let (q, _) = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit<'a>> = Vec::new();
        for d in &self.documents {
            let doc = d.document;
            let title = format!("《{}》", doc.title);
            if let Some((field, snippet)) = find(&doc.number, &q)
                .map(|s| (Field::Number, s))
                .or_else(|| find(&doc.title, &q).map(|s| (Field::Title, s)))
            {
                hits.push(Hit {
                    document: doc,
                    field,
                    href: d.href.clone(),
                    heading: doc.number.clone(),
                    context: title.clone(),
                    snippet,
                });
            }
            for rs in &d.rulesets {
                let rs_title = rs.ruleset.title.get(lang);
                let found = find_text(&rs.ruleset.title, lang, &q).or_else(|| {
                    rs.decisions
                        .iter()
                        .find_map(|dec| find_text(&dec.decision.title, lang, &q))
                });
                if let Some(snippet) = found {
                    hits.push(Hit {
                        document: doc,
                        field: Field::RulesetTitle,
                        href: rs.href.clone(),
                        heading: rs_title.to_string(),
                        context: doc.number.clone(),
                        snippet,
                    });
                }
                for dec in &rs.decisions {
                    for r in &dec.rules {
                        let found = find_text(&r.rule.summary, lang, &q)
                            .map(|s| (Field::Summary, s))
                            .or_else(|| {
                                r.conditions.iter().find_map(|row| {
                                    row.label
                                        .and_then(|l| find_text(l, lang, &q))
                                        .map(|s| (Field::Condition, s))
                                })
                            })
                            .or_else(|| {
                                r.materials
                                    .iter()
                                    .chain(r.where_to_go.iter())
                                    .chain(r.next_steps.iter())
                                    .find_map(|m| find_text(m.text, lang, &q))
                                    .map(|s| (Field::Material, s))
                            });
                        if let Some((field, snippet)) = found {
                            hits.push(Hit {
                                document: doc,
                                field,
                                href: doc_href(&doc.id, &r.anchor),
                                heading: r.rule.summary.get(lang).to_string(),
                                context: format!("{rs_title} · {}", doc.number),
                                snippet,
                            });
                        }
                    }
                }
            }
            for c in &d.clauses {
                let found = find(&c.clause.label, &q)
                    .map(|s| (Field::ClauseLabel, s))
                    .or_else(|| find(&c.clause.text, &q).map(|s| (Field::ClauseText, s)));
                if let Some((field, snippet)) = found {
                    hits.push(Hit {
                        document: doc,
                        field,
                        href: doc_href(&doc.id, &c.anchor),
                        heading: format!("{} {}", doc.number, c.clause.label),
                        context: title.clone(),
                        snippet,
                    });
                }
            }
        }
        // Stable: within a field, the explorer's own order (by place, newest first).
        hits.sort_by_key(|h| h.field);
        hits
    }
}

// ---------------------------------------------------------------------------------------------
// The search in the address: `?p=rules&q=…`, so that Back from a result returns to the results.

/// The link to the explorer with a search filled in.
pub fn search_href(query: &str) -> String {
    let query = query.trim();
    if query.is_empty() {
        return Route::Rules.href();
    }
    format!("{}&q={}", Route::Rules.href(), percent_encode(query))
}

/// The search in a query string (`?p=rules&q=%E6%9C%89`), decoded; empty when there is none.
pub fn query_from_search(search: &str) -> String {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("q="))
        .map(percent_decode)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cases::CaseSummary;
    use crate::engine::model::PolicyData;

    fn data() -> PolicyData {
        crate::portal::embedded::policy_data().expect("embedded data")
    }

    fn cases() -> Vec<CaseSummary> {
        crate::portal::embedded::case_index().expect("case index")
    }

    #[test]
    fn search_finds_clause_words_document_numbers_and_english_summaries() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);

        let hits = ex.search("有相对固定居所", Lang::Zh);
        let clause = hits
            .iter()
            .find(|h| h.href == "?p=rules/lucheng-2013-164#clause-annex6.art2")
            .expect("the clause 附件6 第二条");
        assert_eq!(clause.field, Field::ClauseText);
        assert_eq!(clause.heading, "温鹿政办〔2013〕164号 附件6 第二条");
        assert_eq!(clause.snippet.matched, "有相对固定居所");
        assert!(clause.snippet.before.starts_with('…'));
        // The rule whose condition says it, too, leading to the rule's anchor.
        assert!(hits.iter().any(|h| h.field == Field::Condition
            && h.href == "?p=rules/lucheng-2013-164#rule-lucheng-school-2013-enrolment-eligible"));

        let hits = ex.search("温鹿政办〔2013〕164号", Lang::Zh);
        assert_eq!(hits[0].field, Field::Number);
        assert_eq!(hits[0].href, "?p=rules/lucheng-2013-164");
        // Half-width brackets and spaces find it too.
        let hits = ex.search(" 温鹿政办[2013]164 ", Lang::En);
        assert_eq!(hits[0].href, "?p=rules/lucheng-2013-164");

        // English, in any case, finds an English summary; the heading is in English.
        let hits = ex.search("BELOW THE AGE the rules cover", Lang::En);
        let hit = hits
            .iter()
            .find(|h| {
                h.href
                    .ends_with("#rule-lucheng-school-2013-enrolment-too-young")
            })
            .expect("too-young rule");
        assert_eq!(hit.field, Field::Summary);
        assert_eq!(
            hit.heading,
            "The child is not yet 6, below the age the rules cover (6 to 15)."
        );
        assert_eq!(hit.snippet.matched, "below the age the rules cover");
        // The same rule found in Chinese shows its Chinese summary.
        let hits = ex.search("不到办法规定的入学年龄", Lang::Zh);
        assert!(
            hits.iter()
                .any(|h| h.heading.starts_with("孩子还不满6周岁"))
        );
        // Traditional Chinese texts of the portal's own are searched as well.
        assert!(!ex.search("不到辦法規定的入學年齡", Lang::ZhHant).is_empty());

        assert!(ex.search("   ", Lang::Zh).is_empty());
        assert!(
            ex.search("no such words anywhere 12345", Lang::En)
                .is_empty()
        );
        // Documents first, then rules, then clauses.
        let hits = ex.search("居住证", Lang::Zh);
        assert!(hits.windows(2).all(|w| w[0].field <= w[1].field));
    }

    #[test]
    fn snippets_keep_the_original_words_around_a_folded_match() {
        let s = find("Ａ 居住证\n申领", &fold("a居住证").0).expect("match");
        assert_eq!(s.matched, "Ａ 居住证");
        assert_eq!(s.after, " 申领");
        assert_eq!(s.before, "");
        assert!(find("abc", &[]).is_none());
    }

    #[test]
    fn the_search_travels_in_the_address() {
        assert_eq!(search_href("  "), "?p=rules");
        let href = search_href("有相对 固定&q=1");
        assert!(href.starts_with("?p=rules&q=%E6%9C%89"));
        assert!(!href["?p=rules&q=".len()..].contains(['&', ' ', '=']));
        assert_eq!(query_from_search(&href), "有相对 固定&q=1");
        assert_eq!(query_from_search("?p=rules&q=a+b%2"), "a b%2");
        assert_eq!(query_from_search("?p=rules&q=%FF%FE"), "\u{FFFD}\u{FFFD}");
        assert_eq!(query_from_search("?p=rules"), "");
        assert_eq!(
            Route::parse(&search_href("x")),
            Route::Rules,
            "the router still sees the explorer"
        );
    }
}
