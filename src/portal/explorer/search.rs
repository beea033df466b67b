//! Search over the explorer's model: documents, rules and clauses that hold every word of a
//! query, in any order, with a snippet of the words around the first match. Matching folds
//! full-width characters, the brackets of document numbers and quotation marks, and case, so a
//! person types as they can; a few short forms people say (社保) also match the words the
//! documents write (社会保险).

use super::{DocumentEntry, Explorer, RuleEntry, doc_href};
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

/// A stretch of a snippet's words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Piece {
    /// The words, as written in the data.
    pub text: String,
    /// Whether they match a word of the query (highlighted).
    pub matched: bool,
}

/// The matched words with a little context either side, for highlighting: the text around the
/// first word found, cut into pieces, each word of the query that occurs nearby marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The pieces in reading order; an ellipsis starts or ends the snippet where text was cut.
    pub pieces: Vec<Piece>,
}

impl Snippet {
    /// The marked pieces, in reading order.
    pub fn matched(&self) -> impl Iterator<Item = &str> {
        self.pieces
            .iter()
            .filter(|p| p.matched)
            .map(|p| p.text.as_str())
    }

    /// The whole snippet as plain text.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
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

// ---------------------------------------------------------------------------------------------
// Queries: words, and the other forms a word may take.

/// What separates the words of a query besides white space (which includes the full-width
/// space U+3000): the commas, enumeration comma and semicolons people type between words.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';')
}

/// Short forms people type, and the words the documents and the portal's own texts write for
/// them. A query word that is exactly a short form also matches its long forms; nothing inside a
/// longer word is rewritten, and no other word is split or guessed at.
const SYNONYMS: &[(&str, &[&str])] = &[
    // Everyone says 社保; the laws, local documents and our own summaries write 社会保险
    // (社會保險 in the Traditional texts). Not 社会保障: that is the wider social security, and
    // the 社保 of a bureau's name (人力社保局) is found by 社保 itself.
    ("社保", &["社会保险", "社會保險"]),
    // Likewise 医保 for 医疗保险 (醫療保險), the basic medical insurance of the Social
    // Insurance Law and the local rules.
    ("医保", &["医疗保险", "醫療保險"]),
];

/// One word of a query: its folded forms, as typed first, then its long forms.
#[derive(Debug, PartialEq)]
struct Word {
    forms: Vec<Vec<char>>,
}

/// A query: the whole of it folded (as one run, for a snippet that marks a phrase typed whole)
/// and its words.
#[derive(Debug)]
struct Query {
    phrase: Vec<char>,
    words: Vec<Word>,
}

impl Query {
    fn parse(query: &str) -> Query {
        let mut words: Vec<Word> = Vec::new();
        for raw in query.split(is_separator) {
            let (folded, _) = fold(raw);
            if folded.is_empty() {
                continue;
            }
            let mut forms = vec![folded];
            if let Some((_, long)) = SYNONYMS.iter().find(|(short, _)| fold(short).0 == forms[0]) {
                forms.extend(long.iter().map(|l| fold(l).0));
            }
            let word = Word { forms };
            if !words.contains(&word) {
                words.push(word);
            }
        }
        Query {
            phrase: fold(query).0,
            words,
        }
    }
}

/// A text folded once, to look for several words in.
struct Folded<'t> {
    text: &'t str,
    chars: Vec<char>,
    origin: Vec<usize>,
}

impl<'t> Folded<'t> {
    fn new(text: &'t str) -> Folded<'t> {
        let (chars, origin) = fold(text);
        Folded {
            text,
            chars,
            origin,
        }
    }

    /// The first place at or after `from` (in folded characters) where `needle` occurs, as a
    /// range of folded characters.
    fn find(&self, needle: &[char], from: usize) -> Option<(usize, usize)> {
        if needle.is_empty() || from >= self.chars.len() {
            return None;
        }
        self.chars[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|at| (from + at, from + at + needle.len()))
    }

    /// The first place at or after `from` where any form of `word` occurs.
    fn find_word(&self, word: &Word, from: usize) -> Option<(usize, usize)> {
        word.forms
            .iter()
            .filter_map(|f| self.find(f, from))
            .min_by_key(|&(start, end)| (start, std::cmp::Reverse(end)))
    }

    /// A range of folded characters as a range of the text's characters.
    fn original(&self, (start, end): (usize, usize)) -> (usize, usize) {
        (self.origin[start], self.origin[end - 1] + 1)
    }
}

/// Characters of context shown before and after the first match.
const BEFORE: usize = 16;
const AFTER: usize = 40;
/// How much further than `AFTER` a snippet may reach to show another word of the query.
const REACH: usize = 24;
/// Places of each word considered for a snippet.
const MAX_PLACES: usize = 24;

/// The snippet of `text` around `marks` (ranges of its characters, in order, not overlapping;
/// the first is the match the snippet is about).
fn snippet(text: &str, marks: &[(usize, usize)]) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let Some(&(first, first_end)) = marks.first() else {
        return Snippet::default();
    };
    let last_end = marks.last().map_or(first_end, |m| m.1);
    let from = first.saturating_sub(BEFORE);
    let to = (first_end + AFTER).max(last_end).min(chars.len());
    let mut pieces = Vec::new();
    let plain = |a: usize, b: usize| Piece {
        text: chars[a..b].iter().collect::<String>().replace('\n', " "),
        matched: false,
    };
    let mut at = from;
    for &(start, end) in marks {
        pieces.push(plain(at, start));
        pieces.push(Piece {
            text: chars[start..end].iter().collect(),
            matched: true,
        });
        at = end;
    }
    pieces.push(plain(at, to));
    if from > 0 {
        pieces[0].text.insert(0, '…');
    }
    if to < chars.len()
        && let Some(last) = pieces.last_mut()
    {
        last.text.push('…');
    }
    pieces.retain(|p| !p.text.is_empty());
    Snippet { pieces }
}

/// A text an item is searched in.
struct Candidate<'t> {
    field: Field,
    text: &'t str,
    /// The item's own text, which a snippet may come from; otherwise its context (the clauses a
    /// rule rests on, the document a clause is in), which may hold some words of a query of
    /// several but never makes a hit alone.
    own: bool,
}

/// The texts of a `Text` of the portal's own: the language asked for first, then the others.
fn texts(t: &Text, lang: Lang) -> impl Iterator<Item = &str> {
    let first = std::iter::once(lang);
    first
        .chain(Lang::ALL.into_iter().filter(move |l| *l != lang))
        .filter_map(move |l| match l {
            Lang::Zh => Some(t.zh.as_str()),
            Lang::ZhHant => t.zh_hant.as_deref(),
            Lang::En => t.en.as_deref(),
        })
}

/// How an item matched a query.
struct Found {
    /// The field the snippet comes from.
    field: Field,
    snippet: Snippet,
    /// Some words were found only in the item's context.
    by_context: bool,
}

/// Whether an item with these texts holds every word of `q`, and if so the field and snippet to
/// show: the phrase typed whole where a text holds it, else the text holding the most words
/// (the first of them on a tie), around the first word found in it.
fn match_item(candidates: &[Candidate], q: &Query) -> Option<Found> {
    let own: Vec<(&Candidate, Folded)> = candidates
        .iter()
        .filter(|c| c.own)
        .map(|c| (c, Folded::new(c.text)))
        .collect();
    let in_own: Vec<bool> = q
        .words
        .iter()
        .map(|w| own.iter().any(|(_, f)| f.find_word(w, 0).is_some()))
        .collect();
    if !in_own.contains(&true) {
        return None;
    }
    // The words the item's own texts lack must be in its context.
    let by_context = in_own.contains(&false);
    if by_context {
        let context: Vec<Folded> = candidates
            .iter()
            .filter(|c| !c.own)
            .map(|c| Folded::new(c.text))
            .collect();
        let all = q
            .words
            .iter()
            .zip(&in_own)
            .all(|(w, found)| *found || context.iter().any(|f| f.find_word(w, 0).is_some()));
        if !all {
            return None;
        }
    }
    if q.words.len() > 1 {
        for (c, f) in &own {
            if let Some(range) = f.find(&q.phrase, 0) {
                return Some(Found {
                    field: c.field,
                    snippet: snippet(f.text, &[f.original(range)]),
                    by_context,
                });
            }
        }
    }
    // The own text with the most words; the first on a tie.
    let (c, f, _) = own
        .iter()
        .map(|(c, f)| {
            let n = q
                .words
                .iter()
                .filter(|w| f.find_word(w, 0).is_some())
                .count();
            (c, f, n)
        })
        .rev()
        .max_by_key(|(_, _, n)| *n)?;
    // Where each word occurs (a few places at most), then the place to show: the one that
    // brings the most other words into view, the first on a tie.
    let places: Vec<Vec<(usize, usize)>> = q
        .words
        .iter()
        .map(|w| {
            let mut out = Vec::new();
            let mut from = 0;
            while let Some(range) = f.find_word(w, from) {
                out.push(range);
                if out.len() == MAX_PLACES {
                    break;
                }
                from = range.0 + 1;
            }
            out
        })
        .collect();
    let mut anchors: Vec<(usize, usize)> = places.iter().flatten().copied().collect();
    anchors.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let marks_from = |first: (usize, usize)| {
        let limit = f.original(first).1 + AFTER + REACH;
        let mut marks = vec![first];
        for word in &places {
            if word.contains(&first) {
                continue;
            }
            // The word's first place after the first match, clear of the marks so far.
            if let Some(&range) = word.iter().find(|r| {
                r.0 >= first.0
                    && !marks
                        .iter()
                        .any(|m: &(usize, usize)| r.0 < m.1 && m.0 < r.1)
            }) && f.original(range).1 <= limit
            {
                marks.push(range);
            }
        }
        marks
    };
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for &first in &anchors {
        let these = marks_from(first);
        if these.len() > marks.len() {
            marks = these;
        }
    }
    marks.sort();
    let marks: Vec<(usize, usize)> = marks.into_iter().map(|m| f.original(m)).collect();
    Some(Found {
        field: c.field,
        snippet: snippet(f.text, &marks),
        by_context,
    })
}

impl<'a> Explorer<'a> {
    /// Searches document numbers and titles, rule set titles, rule summaries, condition labels,
    /// papers, and clause labels and words, in all three languages (Latin letters in any case,
    /// Chinese as a substring). The query's words are separated by spaces or commas, and an
    /// item is found when it holds every word, in any order: a document in its number and
    /// title; a rule set in its titles; a rule in its summary, conditions and papers, with the
    /// words of the clauses it cites and the titles of its rule set and decision as context; a
    /// clause in its label and words, with its document's number and title as context. One hit
    /// per document, rule set, rule or clause, most telling first; headings in `lang`.
    pub fn search(&self, query: &str, lang: Lang) -> Vec<Hit<'a>> {
        let q = Query::parse(query);
        if q.words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(bool, Hit<'a>)> = Vec::new();
        for d in &self.documents {
            self.search_document(d, &q, lang, &mut hits);
        }
        // By field (documents, then rules, then clauses); within a field, items holding every
        // word themselves before those that needed their context; then the explorer's own order
        // (by place, newest first), as the sort is stable.
        hits.sort_by_key(|(by_context, h)| (h.field, *by_context));
        hits.into_iter().map(|(_, h)| h).collect()
    }

    fn search_document(
        &self,
        d: &DocumentEntry<'a>,
        q: &Query,
        lang: Lang,
        hits: &mut Vec<(bool, Hit<'a>)>,
    ) {
        let doc = d.document;
        let title = format!("《{}》", doc.title);
        let own = |field, text| Candidate {
            field,
            text,
            own: true,
        };
        let context = |text| Candidate {
            field: Field::Title,
            text,
            own: false,
        };
        let document = [
            own(Field::Number, &doc.number),
            own(Field::Title, &doc.title),
        ];
        if let Some(Found {
            field,
            snippet,
            by_context,
        }) = match_item(&document, q)
        {
            hits.push((
                by_context,
                Hit {
                    document: doc,
                    field,
                    href: d.href.clone(),
                    heading: doc.number.clone(),
                    context: title.clone(),
                    snippet,
                },
            ));
        }
        for rs in &d.rulesets {
            let rs_title = rs.ruleset.title.get(lang);
            let mut candidates: Vec<Candidate> = texts(&rs.ruleset.title, lang)
                .chain(
                    rs.decisions
                        .iter()
                        .flat_map(|dec| texts(&dec.decision.title, lang)),
                )
                .map(|t| own(Field::RulesetTitle, t))
                .collect();
            candidates.push(context(&doc.number));
            if let Some(Found {
                field,
                snippet,
                by_context,
            }) = match_item(&candidates, q)
            {
                hits.push((
                    by_context,
                    Hit {
                        document: doc,
                        field,
                        href: rs.href.clone(),
                        heading: rs_title.to_string(),
                        context: doc.number.clone(),
                        snippet,
                    },
                ));
            }
            for dec in &rs.decisions {
                for r in &dec.rules {
                    let mut candidates = rule_texts(r, lang);
                    candidates.extend(texts(&rs.ruleset.title, lang).map(context));
                    candidates.extend(texts(&dec.decision.title, lang).map(context));
                    if let Some(Found {
                        field,
                        snippet,
                        by_context,
                    }) = match_item(&candidates, q)
                    {
                        hits.push((
                            by_context,
                            Hit {
                                document: doc,
                                field,
                                href: doc_href(&doc.id, &r.anchor),
                                heading: r.rule.summary.get(lang).to_string(),
                                context: format!("{rs_title} · {}", doc.number),
                                snippet,
                            },
                        ));
                    }
                }
            }
        }
        for c in &d.clauses {
            let candidates = [
                own(Field::ClauseLabel, &c.clause.label),
                own(Field::ClauseText, &c.clause.text),
                context(&doc.number),
                context(&doc.title),
            ];
            if let Some(Found {
                field,
                snippet,
                by_context,
            }) = match_item(&candidates, q)
            {
                hits.push((
                    by_context,
                    Hit {
                        document: doc,
                        field,
                        href: doc_href(&doc.id, &c.anchor),
                        heading: format!("{} {}", doc.number, c.clause.label),
                        context: title.clone(),
                        snippet,
                    },
                ));
            }
        }
    }
}

/// A rule's texts: its own (summary, conditions, papers, where to go, next steps, each in the
/// language asked for first) and, as context, the words of every clause it cites.
fn rule_texts<'t>(r: &'t RuleEntry, lang: Lang) -> Vec<Candidate<'t>> {
    let own = |field| {
        move |text| Candidate {
            field,
            text,
            own: true,
        }
    };
    let mut out: Vec<Candidate> = texts(&r.rule.summary, lang)
        .map(own(Field::Summary))
        .collect();
    for row in &r.conditions {
        if let Some(label) = row.label {
            out.extend(texts(label, lang).map(own(Field::Condition)));
        }
    }
    for m in r
        .materials
        .iter()
        .chain(r.where_to_go.iter())
        .chain(r.next_steps.iter())
    {
        out.extend(texts(m.text, lang).map(own(Field::Material)));
    }
    let mut clauses: Vec<&str> = Vec::new();
    for link in r.clause_links() {
        if let Some((_, clause)) = link.found
            && !clauses.contains(&clause.text.as_str())
        {
            clauses.push(&clause.text);
        }
    }
    out.extend(clauses.into_iter().map(|text| Candidate {
        field: Field::ClauseText,
        text,
        own: false,
    }));
    out
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

    /// The marked words of a snippet.
    fn marked(s: &Snippet) -> Vec<&str> {
        s.matched().collect()
    }

    /// The snippet of one text, as an item of that text alone.
    fn find(text: &str, query: &str) -> Option<Snippet> {
        let item = [Candidate {
            field: Field::ClauseText,
            text,
            own: true,
        }];
        match_item(&item, &Query::parse(query)).map(|f| f.snippet)
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
        assert_eq!(marked(&clause.snippet), ["有相对固定居所"]);
        assert!(clause.snippet.pieces[0].text.starts_with('…'));
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
        // Typed whole, the phrase is marked whole.
        assert_eq!(marked(&hit.snippet), ["below the age the rules cover"]);
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
        let s = find("Ａ 居住证\n申领", "a居住证").expect("match");
        assert_eq!(
            s.pieces,
            [
                Piece {
                    text: "Ａ 居住证".into(),
                    matched: true
                },
                Piece {
                    text: " 申领".into(),
                    matched: false
                }
            ]
        );
        assert!(find("abc", "").is_none());
        assert!(find("abc", " 、 ").is_none());
    }

    /// The links of a search's hits.
    fn hrefs(ex: &Explorer, query: &str, lang: Lang) -> Vec<String> {
        ex.search(query, lang).into_iter().map(|h| h.href).collect()
    }

    const HANGZHOU_POINTS: &str =
        "?p=rules/hangzhou-2018#rule-hangzhou-permit-2018-points-ask-counter";
    const ART28: &str = "?p=rules/zhejiang-residence-registration-2016#clause-art28";

    #[test]
    fn every_word_of_a_query_is_found_in_any_order() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);

        // Two words, neither next to the other in any text: found in a rule's summary.
        let hits = ex.search("社保 年限", Lang::Zh);
        let hit = hits
            .iter()
            .find(|h| h.href == HANGZHOU_POINTS)
            .expect("the Hangzhou points rule");
        assert_eq!(hit.field, Field::Summary);
        // The snippet is about the first word found, and marks the other one near it.
        assert_eq!(marked(&hit.snippet), ["社保", "年限"]);
        assert!(hit.snippet.text().contains("参加社保情况、住所及居住年限"));
        // In the other order, the same hits in the same order.
        assert_eq!(
            hrefs(&ex, "年限 社保", Lang::Zh),
            hits.iter().map(|h| h.href.clone()).collect::<Vec<_>>()
        );
        // Each word alone finds more.
        assert!(hits.len() < ex.search("年限", Lang::Zh).len());
        assert!(hits.len() < ex.search("社保", Lang::Zh).len());

        // English words, in any order and case.
        let both = hrefs(&ex, "insurance school", Lang::En);
        assert!(both.contains(
            &"?p=rules/lucheng-2013-164#rule-lucheng-insurance-2013-school-insurance-year-one-year"
                .to_string()
        ));
        assert_eq!(hrefs(&ex, "School  INSURANCE", Lang::En), both);

        // A rule's words may lie across its summary and its conditions: the Lucheng enrolment
        // rule says "school" in its summary and "insurance" in a condition.
        let eligible = "?p=rules/lucheng-2013-164#rule-lucheng-school-2013-enrolment-eligible";
        assert!(both.iter().any(|h| h == eligible));
        // Documents, then rules, then clauses, as for one word.
        for q in ["社保 年限", "居住证 居住", "insurance school"] {
            let hits = ex.search(q, Lang::Zh);
            assert!(hits.windows(2).all(|w| w[0].field <= w[1].field), "{q}");
        }
    }

    #[test]
    fn chinese_and_latin_words_mix_in_one_query() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        // A document number's digits and a clause's label: the clause, with its document as
        // context.
        assert_eq!(
            hrefs(&ex, "164号 第二条", Lang::Zh),
            ["?p=rules/lucheng-2013-164#clause-annex6.art2"]
        );
        // Chinese and English words of one rule, each in its own language's text.
        let hits = hrefs(&ex, "temporary 居住证", Lang::En);
        let six_months =
            "?p=rules/lucheng-2013-164#rule-lucheng-permit-2013-temporary-permit-six-months";
        assert!(hits.iter().any(|h| h == six_months));
        assert_eq!(hrefs(&ex, "居住证 temporary", Lang::Zh), hits);
        // Words and digits with a phrase typed whole: the phrase is marked whole.
        let hits = ex.search("社会保险费 1年", Lang::Zh);
        let year = hits
            .iter()
            .find(|h| {
                h.href
                    .ends_with("#rule-lucheng-insurance-2013-school-insurance-year-one-year")
            })
            .expect("rule");
        assert_eq!(marked(&year.snippet), ["社会保险费1年"]);
    }

    #[test]
    fn a_word_found_nowhere_means_no_hit() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        assert!(!ex.search("有相对固定居所", Lang::Zh).is_empty());
        assert!(ex.search("有相对固定居所 没有这个词", Lang::Zh).is_empty());
        assert!(ex.search("没有这个词 社保", Lang::Zh).is_empty());
        assert!(ex.search("insurance zzzqx", Lang::En).is_empty());
        // Separators alone are no query.
        assert!(ex.search(" 、，;\u{3000}", Lang::Zh).is_empty());
    }

    #[test]
    fn commas_and_full_width_spaces_separate_words() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        let spaced = hrefs(&ex, "相对 固定 居所", Lang::Zh);
        assert!(spaced.contains(&"?p=rules/lucheng-2013-164#clause-annex6.art2".to_string()));
        for q in [
            "相对\u{3000}固定\u{3000}居所",
            "相对、固定、居所",
            "相对，固定，居所",
            "相对,固定,居所",
            "相对；固定;居所",
            " 居所 ,相对、 固定 ",
        ] {
            assert_eq!(hrefs(&ex, q, Lang::Zh), spaced, "{q}");
        }
        // Apart, each word is marked; typed whole, the phrase is.
        let s = find("有相对固定居所(含租赁)", "居所、有相对").expect("match");
        assert_eq!(marked(&s), ["有相对", "居所"]);
        let s = find("有相对固定居所(含租赁)", "有相对 固定").expect("match");
        assert_eq!(marked(&s), ["有相对固定"]);
        // Without a separator, a run of Chinese is one word: found only where written so.
        assert!(find("有相对固定居所", "有相对居所").is_none());
    }

    #[test]
    fn a_short_form_also_finds_its_long_form() {
        let data = data();
        let cases = cases();
        let ex = Explorer::new(&data, &cases);
        // Article 28 of the Zhejiang regulation says 社会保险 … 年限, never 社保.
        let hits = ex.search("社保 年限", Lang::Zh);
        let art28 = hits.iter().find(|h| h.href == ART28).expect("Article 28");
        assert!(
            !data
                .clause("zhejiang-residence-registration-2016", "art28")
                .expect("clause")
                .1
                .text
                .contains("社保")
        );
        assert_eq!(marked(&art28.snippet), ["年限", "社会保险"]);
        // The Traditional texts write 社會保險.
        let hant = ex.search("社保 年限", Lang::ZhHant);
        let holder = hant
            .iter()
            .find(|h| {
                h.href
                    .ends_with("#rule-national-residence-permit-2016-holder-services-holder")
            })
            .expect("holder services");
        assert_eq!(marked(&holder.snippet), ["社會保險"]);
        // 社保 alone finds 社会保险 and 社保 both; 社会保险 alone does not find 社保.
        let short = hrefs(&ex, "社保", Lang::Zh);
        let long = hrefs(&ex, "社会保险", Lang::Zh);
        assert!(long.iter().all(|h| short.contains(h)));
        assert!(short.contains(&HANGZHOU_POINTS.to_string()));
        assert!(!long.contains(&HANGZHOU_POINTS.to_string()));
        // Inside a longer run nothing is rewritten or split: 社保年限 is one word, found only
        // where a text has that exact run (none does).
        assert!(ex.search("社保年限", Lang::Zh).is_empty());
        assert!(find("缴纳社会保险年限", "社保年限").is_none());
        assert!(find("缴纳社保年限", "社保年限").is_some());
    }

    #[test]
    fn one_word_is_marked_once_as_before() {
        let s = find("居住证和居住证", "居住证").expect("match");
        assert_eq!(marked(&s), ["居住证"]);
        assert_eq!(s.text(), "居住证和居住证");
        // Cut text is shown cut.
        let long = format!("{}居住证{}", "前".repeat(20), "后".repeat(60));
        let s = find(&long, "居住证").expect("match");
        assert!(s.pieces[0].text.starts_with('…') && s.pieces[0].text.chars().count() == 17);
        assert!(s.text().ends_with('…'));
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
