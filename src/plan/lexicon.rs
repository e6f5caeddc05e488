//! General Chinese word lists and char rules shared by the target and project
//! extractors. Every list here is general language (units, qualifiers, verbs,
//! facility suffixes); none holds a name, number or title from any one report.
//!
//! The extractors work on a sentence's chars, so every index here is a char
//! index and every slice is a verbatim run of the sentence.

pub(crate) use super::text::char_len;
use super::text::{is_clause_end, is_sentence_end};

/// Verbs that build: their object is a facility or site.
#[rustfmt::skip]
pub(crate) const BUILD_VERBS: &[&str] = &[
    "开工建设", "建成投用", "竣工投产", "建设", "建成", "开工", "投用", "竣工", "投产", "新建",
    "改建", "扩建", "新扩建", "改扩建", "续建", "完工", "启用", "落成", "开建", "建成运营",
    "建成投运", "建成通车", "建成开放", "投入运营", "投入使用",
];

/// Verbs that start or speed up work; with a trailing 建设 their object is built.
pub(crate) const LAUNCH_VERBS: &[&str] = &["实施", "推进", "推动", "启动", "加快", "加速", "抓紧"];

/// Adverbs and time words that open a clause before its verb.
#[rustfmt::skip]
pub(crate) const ADVERBS: &[&str] = &[
    "力争", "确保", "全年", "今年", "年内", "当年", "累计", "持续", "全面", "大力", "尽快", "尽早",
    "积极", "着力", "深入", "扎实", "有序", "稳步", "全力", "努力", "争取", "预计", "计划", "其中",
    "分别", "进一步",
];

/// Adverbs of manner that are also the start of nouns (高标准农田): they open a
/// clause only when a verb follows them (高水平建设).
pub(crate) const MANNER_ADVERBS: &[&str] = &["高水平", "高标准", "高质量"];

/// Other verbs that open a clause: what follows them is their object.
#[rustfmt::skip]
pub(crate) const OTHER_VERBS: &[&str] = &[
    "实现", "完成", "新增", "举办", "开展", "引进", "引育", "招引", "培育", "新开工", "改造",
    "升级", "升级改造", "提升", "促进", "打造", "创建", "认定", "发放", "培训", "组织", "吸引",
    "带动", "完善", "加强", "办好", "做好", "建立", "支持", "接待", "安置", "吸纳",
];

/// Words that end a name of a facility or site.
#[rustfmt::skip]
pub(crate) const FACILITY_SUFFIXES: &[&str] = &[
    "公园", "院", "院区", "校区", "中心", "高速", "桥", "公路", "铁路", "高铁", "作业区", "段",
    "街", "路", "大道", "园", "园区", "实验室", "馆", "站", "港", "港区", "机场", "学校", "中学",
    "小学", "大学", "基地", "码头", "隧道", "水库", "枢纽", "广场", "体育场", "厂", "航道",
    "综合体", "管廊", "绿道", "景区", "街区", "片区", "示范区", "新区", "开发区", "号线", "生产线",
    "研究所", "大厦",
];

pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// How many digits (ASCII or full-width) run from `pos`.
pub(crate) fn digits_at(chars: &[char], pos: usize) -> usize {
    let rest = chars.get(pos..).unwrap_or_default();
    rest.iter().take_while(|c| is_digit(**c)).count()
}

/// The value of an ASCII or full-width digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| {
        ('\u{FF10}'..='\u{FF19}')
            .contains(&c)
            .then(|| c as u32 - 0xFF10)
    })
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Chinese numerals, as they number parts (一、), sections ((二)) and points
/// (三是), and count things (三大, 一批).
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百千万零〇两".contains(c)
}

/// Clause and sentence marks, ASCII and full-width, with the enumeration
/// comma and control chars.
pub(crate) fn is_break(c: char) -> bool {
    const MARKS: &[char] = &[
        ',', '\u{FF0C}', ';', '\u{FF1B}', ':', '\u{FF1A}', '!', '\u{FF01}', '?', '\u{FF1F}', '。',
        '\u{FF61}', '、', '…',
    ];
    MARKS.contains(&c) || is_clause_end(c) || is_sentence_end(c) || c.is_control()
}

/// A 等 that closes an enumeration (A、B等项目), not one of the words 等级,
/// 等于, 高等, 平等 … that hold it.
pub(crate) fn is_enumeration_deng(chars: &[char], i: usize) -> bool {
    let next = chars.get(i + 1).copied();
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    chars.get(i) == Some(&'等')
        && !matches!(next, Some('级' | '待' | '同' | '候' | '于' | '等' | '次'))
        && !matches!(
            prev,
            Some('高' | '平' | '对' | '同' | '均' | '初' | '中' | '上' | '相' | '优' | '特' | '何')
        )
}

/// A sentence as the extractors read it: its chars, and which of them lie
/// within quotes. Built once and shared by the target and project rules.
pub(crate) struct Sentence {
    pub chars: Vec<char>,
    pub quoted: Vec<bool>,
}

impl Sentence {
    pub fn new(text: &str) -> Sentence {
        let chars: Vec<char> = text.chars().collect();
        let quoted = quote_mask(&chars);
        Sentence { chars, quoted }
    }
}

/// Quote and title marks open and close.
pub(crate) const OPENING_QUOTES: &[char] = &['“', '‘', '「', '『', '《', '〈'];
const CLOSING_QUOTES: &[char] = &['”', '’', '」', '』', '》', '〉'];

/// For each char, whether it lies within quotes or title marks, marks included.
/// An ASCII double quote opens and closes in turn.
pub(crate) fn quote_mask(chars: &[char]) -> Vec<bool> {
    let mut depth: usize = 0;
    let mut ascii_open = false;
    chars
        .iter()
        .map(|&c| {
            if OPENING_QUOTES.contains(&c) {
                depth += 1;
                true
            } else if CLOSING_QUOTES.contains(&c) {
                depth = depth.saturating_sub(1);
                true
            } else if c == '"' {
                ascii_open = !ascii_open;
                true
            } else {
                depth > 0 || ascii_open
            }
        })
        .collect()
}

/// The chars `from..to` as a string; empty when the range is out of bounds.
pub(crate) fn slice(chars: &[char], from: usize, to: usize) -> String {
    chars
        .get(from..to)
        .map_or_else(String::new, |s| s.iter().collect())
}

pub(crate) fn word_at(chars: &[char], pos: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| chars.get(pos + k) == Some(&c))
}

pub(crate) fn word_before(chars: &[char], end: usize, word: &str) -> bool {
    let n = char_len(word);
    end >= n && word_at(chars, end - n, word)
}

/// The longest of `words` that starts at `pos`.
pub(crate) fn longest_at(
    chars: &[char],
    pos: usize,
    words: &[&'static str],
) -> Option<&'static str> {
    words
        .iter()
        .filter(|w| word_at(chars, pos, w))
        .max_by_key(|w| char_len(w))
        .copied()
}

/// The longest of `words` that ends at `end`.
pub(crate) fn longest_before(
    chars: &[char],
    end: usize,
    words: &[&'static str],
) -> Option<&'static str> {
    words
        .iter()
        .filter(|w| word_before(chars, end, w))
        .max_by_key(|w| char_len(w))
        .copied()
}

/// How many chars the longest of `words` covers at `pos`, where a word may skip
/// one parenthesised alternative of one to three chars after its first char:
/// 新(改)建 reads as 新建 and 新(改)扩建 as 新扩建.
pub(crate) fn verb_len_at(chars: &[char], pos: usize, words: &[&str]) -> Option<usize> {
    // The first char is never skipped: a word that does not open with the
    // char at `pos` cannot match. Decoding a word's first char is cheaper
    // than `starts_with(char)`'s searcher: measured, the importer at 100k
    // spends 0.47 s of CPU rather than 0.65 s.
    let first = *chars.get(pos)?;
    #[allow(clippy::chars_next_cmp)]
    words
        .iter()
        .filter(|w| w.chars().next() == Some(first))
        .filter_map(|w| match_with_alternative(chars, pos, w))
        .max()
}

fn match_with_alternative(chars: &[char], pos: usize, word: &str) -> Option<usize> {
    let mut i = pos;
    let mut skipped = false;
    for (k, wc) in word.chars().enumerate() {
        if chars.get(i) != Some(&wc) {
            let group = if k > 0 && !skipped {
                paren_group_len(chars, i)
            } else {
                None
            };
            let n = group?;
            skipped = true;
            i += n;
            if chars.get(i) != Some(&wc) {
                return None;
            }
        }
        i += 1;
    }
    Some(i - pos)
}

fn paren_group_len(chars: &[char], pos: usize) -> Option<usize> {
    let close = match chars.get(pos)? {
        '(' => ')',
        '\u{FF08}' => '\u{FF09}',
        _ => return None,
    };
    let inner = chars
        .get(pos + 1..)?
        .iter()
        .take_while(|c| is_cjk(**c))
        .count();
    ((1..=3).contains(&inner) && chars.get(pos + 1 + inner) == Some(&close)).then_some(inner + 2)
}

/// Conjunctions that join two verbs into one chain: 建成并投用, 新建和改扩建.
const VERB_JOINERS: &[char] = &['并', '和', '及', '与'];

/// The length of a conjunction at `pos` that goes on to a word of the lists:
/// after a verb, 并投用 in 建成并投用 is more of the verb, not a name.
pub(crate) fn verb_joiner_len(chars: &[char], pos: usize, lists: &[&[&str]]) -> usize {
    let joins = chars.get(pos).is_some_and(|c| VERB_JOINERS.contains(c))
        && lists
            .iter()
            .any(|l| verb_len_at(chars, pos + 1, l).is_some());
    usize::from(joins)
}

/// Strips words of the given lists from the front of `from..to`, repeatedly,
/// with the conjunctions that join them (新建和改扩建).
pub(crate) fn strip_leading(
    chars: &[char],
    mut from: usize,
    to: usize,
    lists: &[&[&str]],
) -> usize {
    let start = from;
    loop {
        from += enumerator_len(chars, from);
        let joiner = if from > start {
            verb_joiner_len(chars, from, lists)
        } else {
            0
        };
        let n = lists
            .iter()
            .filter_map(|l| verb_len_at(chars, from + joiner, l))
            .max()
            .unwrap_or(0);
        if n == 0 || from + joiner + n > to {
            return from;
        }
        from += joiner + n;
    }
}

/// How many Chinese numerals stand at `pos`.
pub(crate) fn numeral_run(chars: &[char], pos: usize) -> usize {
    chars
        .get(pos..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| is_chinese_numeral(**c))
        .count()
}

/// An enumerating opener such as 一是 or 二要, which reads as 'first, …', or
/// a list number inside a line: (1), （2）, 3., 4、, ⑤.
pub(crate) fn enumerator_len(chars: &[char], pos: usize) -> usize {
    let numerals = numeral_run(chars, pos);
    let marker = chars.get(pos + numerals);
    if (1..=3).contains(&numerals) && matches!(marker, Some('是' | '要')) {
        return numerals + 1;
    }
    list_number_len(chars, pos, LIST_NUMBER_MAX_DIGITS)
}

/// At most this many digits number a list item inside a line; more is a
/// quantity.
const LIST_NUMBER_MAX_DIGITS: usize = 2;

/// The length of a list number at `pos` of at most `max_digits` digits: (1)
/// or （2）, ⑤, or 3. 4、 5． before anything but a digit (31.3万亩 is a
/// quantity). A line's own marker and a number inside a line read alike.
pub(crate) fn list_number_len(chars: &[char], pos: usize, max_digits: usize) -> usize {
    let digits_at = |i: usize| digits_at(chars, i);
    match chars.get(pos) {
        Some(c) if ('\u{2460}'..='\u{2473}').contains(c) => 1,
        Some('(' | '\u{FF08}') => {
            let n = digits_at(pos + 1);
            let closes = matches!(chars.get(pos + 1 + n), Some(')' | '\u{FF09}'));
            if (1..=max_digits).contains(&n) && closes {
                n + 2
            } else {
                0
            }
        }
        _ => {
            let n = digits_at(pos);
            let mark = matches!(chars.get(pos + n), Some('.' | '、' | '\u{FF0E}'));
            let then_text = chars.get(pos + n + 1).is_some_and(|c| !is_digit(*c));
            if (1..=max_digits).contains(&n) && mark && then_text {
                n + 1
            } else {
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn verbs_may_hold_a_parenthesised_alternative() {
        assert_eq!(verb_len_at(&chars("新(改)建学校"), 0, BUILD_VERBS), Some(5));
        assert_eq!(
            verb_len_at(&chars("新(改)扩建学校"), 0, BUILD_VERBS),
            Some(6)
        );
        assert_eq!(verb_len_at(&chars("新(改"), 0, BUILD_VERBS), None);
        assert_eq!(verb_len_at(&chars("(改)建"), 0, BUILD_VERBS), None);
        let c = chars("一是加快建设X");
        assert_eq!(
            strip_leading(&c, 0, c.len(), &[LAUNCH_VERBS, BUILD_VERBS]),
            6
        );
    }

    #[test]
    fn quotes_mask_their_content() {
        let mask = quote_mask(&chars("a“15”b《c》\"d\"e"));
        assert_eq!(
            mask,
            vec![
                false, true, true, true, true, false, true, true, true, true, true, true, false
            ]
        );
    }
}
