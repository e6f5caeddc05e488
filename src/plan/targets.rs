//! Quantitative targets, found by rule in a commitment's sentence.
//!
//! A target is a number in digits (ASCII or full-width) followed by a unit from
//! a general lexicon, with an optional qualifier before the number (超, 不少于 …)
//! or after the unit (以上, 左右 …). Years, ordinals, codes that touch a Latin
//! letter (G321, 3C), numbers in quotes and counts of the text's own parts
//! (8个方面) are not targets; neither are numbers written in Chinese numerals.
//!
//! The subject, what is counted, comes from the phrase after a count unit
//! (100个重点项目), else from the text before the quantity back to a clause
//! boundary, with verbs and adverbs trimmed (新增城镇学位8000个 → 城镇学位). A bare
//! quantity listed after another (330亿元、1000亿元) shares its subject.

use super::lexicon::Sentence;
use super::lexicon::{
    ADVERBS, BUILD_VERBS, LAUNCH_VERBS, OPENING_QUOTES, OTHER_VERBS, char_len, is_break, is_cjk,
    is_digit, is_enumeration_deng, longest_at, longest_before, slice, strip_leading, verb_len_at,
    word_at,
};
use super::model::Target;
use super::quantity::{
    CLASS_MARK, MID_QUALIFIERS, PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, UnitKind, UnitMatch,
    class_len, multiplier_at, number_at, unit_at,
};

/// Nouns that count parts of the text itself: 8个方面 is no target.
const STRUCTURAL_NOUNS: &[&str] = &["方面", "部分", "章", "节", "条款", "篇章", "板块"];

/// Nouns that close an enumeration after 等 without naming what is counted:
/// 化工新材料等领域中试平台 counts 中试平台.
const CLOSURE_NOUNS: &[&str] = &["领域", "方面", "行业", "方向"];

/// Verbs that stand between a subject and its number: …规模保持在6000亿元.
#[rustfmt::skip]
const TRAILING_VERBS: &[&str] = &[
    "保持在", "保持", "稳定在", "控制在", "达到", "超过", "完成", "分别为", "均为", "约为",
    "提高到", "提高至", "提升到", "提升至", "增加到", "增至", "降低到", "降至", "下降到", "分别",
    "力争", "确保", "突破",
];

/// Action words that end a counted phrase: 81个重点项目建设 counts 重点项目.
#[rustfmt::skip]
const TRAILING_ACTIONS: &[&str] = &[
    "建设", "更新", "改造", "开工", "建成", "投用", "竣工", "投产", "提升", "保护提升", "升级",
    "提质", "尽早", "尽快", "加快",
];

/// Joiners between two bare quantities that share a subject.
const LIST_JOINERS: &[&str] = &["、", "和", "及", "与", "或"];

/// A subject longer than this is no noun phrase.
const SUBJECT_MAX_CHARS: usize = 30;

/// A subject this short that touches its number is part of the target's text
/// when the unit measures it (总投资2100亿元) rather than counts it.
const SPAN_SUBJECT_MAX_CHARS: usize = 4;

/// A quantity found at a number, before its subject is known.
struct Quantity {
    /// Where the prefix qualifier, or else the number, starts.
    lead: usize,
    /// Just past the unit and any suffix qualifier.
    end: usize,
    value: f64,
    /// The upper end of a range (4.5%—5%, 3-5亿元).
    value_max: Option<f64>,
    unit: String,
    kind: UnitKind,
    qualifier: Option<&'static str>,
}

/// Marks that join the two ends of a range: 4.5%—5%, 3-5亿元, 4.5%至5%.
const RANGE_JOINERS: &[&str] = &["——", "—", "–", "-", "\u{FF0D}", "~", "\u{FF5E}", "至", "到"];

/// The longest prefix of a subject listed before 分别 that is distributed over
/// its quantities: 省、市重点项目 lists 省 and 市 before a shared 重点项目.
const DISTRIBUTED_PREFIX_MAX_CHARS: usize = 4;

/// Every quantity the sentence states as something the plan will do.
pub fn extract_targets(sentence: &str) -> Vec<Target> {
    targets_in(&Sentence::new(sentence))
}

/// [`extract_targets`] on a sentence already split into chars.
pub(crate) fn targets_in(sentence: &Sentence) -> Vec<Target> {
    let chars = &sentence.chars[..];
    let quoted = &sentence.quoted[..];
    let quantities = quantities(chars, quoted);
    let mut out: Vec<Target> = Vec::with_capacity(quantities.len());
    // Where the previous run of quantities ends.
    let mut floor = 0;
    for run in runs(chars, &quantities) {
        let first = &run[0];
        let before = preceding_subject(chars, quoted, first.lead, floor);
        let distributed =
            before.and_then(|b| distribute(chars, quoted, b, first.lead, floor, run.len()));
        let range_text = |r: (usize, usize)| slice(chars, r.0, r.1);
        let mut shared: Option<String> = None;
        for (k, q) in run.iter().enumerate() {
            let after = || following_subject(chars, q.end);
            let mut start = q.lead;
            let subject = if let Some(subjects) = &distributed {
                subjects.get(k).cloned()
            } else if k > 0 {
                match q.kind {
                    UnitKind::Count => after().map(range_text).or_else(|| shared.clone()),
                    _ => shared.clone().or_else(|| after().map(range_text)),
                }
            } else {
                if let Some((s, e)) = before
                    && q.kind != UnitKind::Count
                    && e == q.lead
                    && e - s <= SPAN_SUBJECT_MAX_CHARS
                {
                    start = s;
                }
                let own = match q.kind {
                    UnitKind::Count => after().or(before).map(range_text),
                    _ => before.or_else(after).map(range_text),
                };
                match (before, own) {
                    (Some(b), Some(own)) => Some(continued_subject(chars, b, floor, &out, own)),
                    (_, own) => own,
                }
            };
            if k == 0 {
                shared = subject.clone();
            }
            out.push(Target {
                value: q.value,
                value_max: q.value_max,
                unit: q.unit.clone(),
                qualifier: q.qualifier.map(str::to_string),
                text: slice(chars, start, q.end),
                subject,
                start,
            });
        }
        floor = run.last().map_or(floor, |q| q.end);
    }
    out
}

/// Verbs of change that, standing alone before a quantity, go on from the
/// quantity before: 地区生产总值达到3120亿元、增长5.8% grows the same total.
const CHANGE_VERBS: &[&str] = &["增长", "下降", "提高", "降低", "增加", "减少", "上涨"];

/// Words after which, as after a verb of change, a hyphen is a minus sign
/// (增长-2%, 控制在-1%): words that state a level or a rate. Anywhere else a hyphen joins
/// (3-5亿元, 3个-5家, G-5) and signs nothing.
const SIGNED_AFTER: &[&str] = &["变化", "增速", "增幅", "涨幅", "为", "在", "达到"];

/// Rule 4: a subject that is a bare verb of change right after the previous
/// quantity and a mark takes that quantity's subject before it.
fn continued_subject(
    chars: &[char],
    (s, _): (usize, usize),
    floor: usize,
    before: &[Target],
    own: String,
) -> String {
    let joined = s >= 1 && s - 1 == floor && matches!(chars[s - 1], '、' | ',' | '\u{FF0C}');
    let previous = before.last().and_then(|t| t.subject.as_deref());
    match previous {
        Some(previous) if joined && CHANGE_VERBS.contains(&own.as_str()) => {
            let base = CHANGE_VERBS
                .iter()
                .find_map(|v| previous.strip_suffix(v))
                .unwrap_or(previous);
            format!("{base}{own}")
        }
        _ => own,
    }
}

/// Every quantity of the sentence, in order.
fn quantities(chars: &[char], quoted: &[bool]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((len, value)) = number_at(chars, i) else {
            i += 1;
            continue;
        };
        match value.and_then(|v| quantity(chars, quoted, i, len, v)) {
            Some(q) => {
                i = q.end.max(i + 1);
                out.push(q);
            }
            None => i += len.max(1),
        }
    }
    out
}

/// Quantities in runs: a bare quantity joined to the one before it
/// (330亿元、1000亿元) belongs to its run and shares its subject.
fn runs<'q>(chars: &[char], quantities: &'q [Quantity]) -> Vec<&'q [Quantity]> {
    let mut out = Vec::new();
    let mut from = 0;
    for k in 1..=quantities.len() {
        let joined = quantities.get(k).is_some_and(|q| {
            let gap = slice(chars, quantities[k - 1].end, q.lead);
            LIST_JOINERS.contains(&gap.as_str())
        });
        if !joined {
            out.push(&quantities[from..k]);
            from = k;
        }
    }
    out
}

/// Rule 3: a subject followed by 分别 is spread over the run of quantities
/// after it. Listed prefixes are distributed (省、市重点项目年度投资分别完成
/// 330亿元、1000亿元 gives 省重点项目年度投资 and 市重点项目年度投资);
/// otherwise every quantity takes the text before 分别.
fn distribute(
    chars: &[char],
    quoted: &[bool],
    (s, _): (usize, usize),
    lead: usize,
    floor: usize,
    n: usize,
) -> Option<Vec<String>> {
    let respectively = (s..lead).find(|&k| word_at(chars, k, "分别"))?;
    // Listed back to front, no further than a subject reaches: a longer
    // list is no subject, and reading all of it would cost its length for
    // each of its items.
    let mut items = vec![(s, respectively)];
    let mut start = s;
    while respectively - start <= SUBJECT_MAX_CHARS
        && start >= 2
        && start - 1 > floor
        && chars[start - 1] == '、'
        && !quoted[start - 1]
    {
        let end = start - 1;
        let mut p = end;
        while p > floor && !is_break(chars[p - 1]) && !is_enumeration_deng(chars, p - 1) {
            p -= 1;
        }
        let p = strip_leading(chars, p, end, &[ADVERBS, LAUNCH_VERBS, OTHER_VERBS]);
        if p >= end || end - p > DISTRIBUTED_PREFIX_MAX_CHARS {
            break;
        }
        items.push((p, end));
        start = p;
    }
    items.reverse();
    let (last_start, last_end) = items[items.len() - 1];
    let prefix_len = items[0].1 - items[0].0;
    let parallel = items.len() == n
        && items[..n - 1].iter().all(|(a, b)| b - a == prefix_len)
        && last_end - last_start > prefix_len;
    let subjects = if parallel {
        let tail = slice(chars, last_start + prefix_len, last_end);
        items
            .iter()
            .map(|&(a, b)| {
                if b == last_end {
                    slice(chars, a, b)
                } else {
                    slice(chars, a, b) + &tail
                }
            })
            .collect()
    } else if respectively - items[0].0 <= SUBJECT_MAX_CHARS {
        vec![slice(chars, items[0].0, respectively); n]
    } else {
        return None;
    };
    subjects
        .iter()
        .all(|t| !t.trim().is_empty())
        .then_some(subjects)
}

/// Reads the quantity whose number is `num..num + len`, or None when the
/// number is no target. A range (4.5%—5%, 3-5亿元) is one quantity.
fn quantity(
    chars: &[char],
    quoted: &[bool],
    num: usize,
    len: usize,
    value: f64,
) -> Option<Quantity> {
    if quoted.get(num).copied().unwrap_or(true) {
        return None;
    }
    let before = num.checked_sub(1).and_then(|p| chars.get(p)).copied();
    if before.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '第' | '.' | '\u{FF0E}')) {
        return None;
    }
    if chars
        .get(num + len)
        .is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let own_unit = unit_at(chars, num + len);
    let range = range_end(chars, quoted, num + len, own_unit.as_ref(), value);
    let (unit, after_unit, value_max) = match (range, own_unit) {
        (Some((unit, end, max)), _) => (unit, end, Some(max)),
        (None, Some(unit)) => {
            let end = num + len + unit.len;
            (unit, end, None)
        }
        (None, None) => return None,
    };
    if unit.kind == UnitKind::Count && longest_at(chars, after_unit, STRUCTURAL_NOUNS).is_some() {
        return None;
    }
    // 10万吨级 is the class of a berth, not an amount.
    if chars.get(after_unit) == Some(&CLASS_MARK) {
        return None;
    }
    let suffix = longest_at(chars, after_unit, SUFFIX_QUALIFIERS).or_else(|| {
        // 余 and 多 after a unit qualify it only when no word goes on: 5个多功能… does not.
        let word = longest_at(chars, after_unit, MID_QUALIFIERS)?;
        let next = chars.get(after_unit + char_len(word));
        (!next.is_some_and(|c| is_cjk(*c))).then_some(word)
    });
    // A minus sign right before the number (增长-2%) signs it; a hyphen
    // between two numbers (3-5) joins a range and never signs.
    let signed = num
        .checked_sub(1)
        .filter(|&m| matches!(chars.get(m), Some('-' | '\u{2212}' | '\u{FF0D}')))
        .filter(|&m| {
            let after = |words| longest_before(chars, m, words).is_some();
            (after(CHANGE_VERBS) || after(SIGNED_AFTER)) && !quoted.get(m).copied().unwrap_or(true)
        });
    let (num, value) = match signed {
        Some(m) => (m, -value),
        None => (num, value),
    };
    let prefix = longest_before(chars, num, PREFIX_QUALIFIERS).filter(|p| {
        // 附近, 最近 are words of their own.
        let start = num - char_len(p);
        let holder = start.checked_sub(1).and_then(|k| chars.get(k));
        (*p != "近" || !matches!(holder, Some('附' | '最')))
            && !quoted.get(start).copied().unwrap_or(true)
    });
    Some(Quantity {
        lead: num - prefix.map_or(0, char_len),
        end: after_unit + suffix.map_or(0, char_len),
        value,
        value_max,
        unit: unit.unit,
        kind: unit.kind,
        qualifier: suffix.or(unit.mid).or(prefix),
    })
}

/// The upper end of a range that starts with the number ending at `at`:
/// a joiner, a second, larger number and its unit, which must be the first
/// number's unit when that has one. Returns the unit, where it ends and the
/// upper value.
fn range_end(
    chars: &[char],
    quoted: &[bool],
    at: usize,
    own_unit: Option<&UnitMatch>,
    value: f64,
) -> Option<(UnitMatch, usize, f64)> {
    // 3亿至5亿元: the first number keeps only the multiplier of the unit
    // written after the second.
    let bare_multiplier = match own_unit {
        Some(_) => None,
        None => multiplier_at(chars, at),
    };
    let joiner_at = at + own_unit.map_or(0, |u| u.len) + bare_multiplier.map_or(0, char_len);
    let joiner = longest_at(chars, joiner_at, RANGE_JOINERS)?;
    let second = joiner_at + char_len(joiner);
    if quoted.get(second).copied().unwrap_or(true) {
        return None;
    }
    let (len, max) = number_at(chars, second)?;
    let max = max.filter(|m| *m > value)?;
    if chars
        .get(second + len)
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '\u{FF0E}'))
    {
        return None;
    }
    let unit = unit_at(chars, second + len)?;
    if own_unit.is_some_and(|u| u.unit != unit.unit)
        || bare_multiplier.is_some_and(|m| !unit.unit.starts_with(m))
    {
        return None;
    }
    let end = second + len + unit.len;
    Some((unit, end, max))
}

/// Rule 1: the noun phrase after a unit, as in 100个重点工业和技改项目, up to the
/// next mark or digit, without trailing action words.
fn following_subject(chars: &[char], end: usize) -> Option<(usize, usize)> {
    let mut s = end;
    if chars.get(s) == Some(&'的') {
        s += 1;
    }
    // A class opens the phrase it ranks: 3个10万吨级泊位.
    let class = class_len(chars, s).unwrap_or(0);
    let first = *chars.get(s + class)?;
    if !(is_cjk(first) || OPENING_QUOTES.contains(&first)) {
        return None;
    }
    let verbs: &[&[&str]] = &[BUILD_VERBS, LAUNCH_VERBS, OTHER_VERBS, ADVERBS];
    if verbs
        .iter()
        .any(|l| verb_len_at(chars, s + class, l).is_some())
    {
        return None;
    }
    let mut e = s + class;
    while chars
        .get(e)
        .is_some_and(|&c| !is_break(c) && !is_digit(c) && !c.is_whitespace())
    {
        e += 1;
    }
    while let Some(w) = longest_before(chars, e, TRAILING_ACTIONS) {
        if e - char_len(w) < s + 2 {
            break;
        }
        e -= char_len(w);
    }
    let joiner = LIST_JOINERS.contains(&slice(chars, s, e).as_str());
    (e > s && e - s <= SUBJECT_MAX_CHARS && !joiner).then_some((s, e))
}

/// Rule 2: the text before the quantity back to a clause boundary, an
/// enumeration's 等 or the previous target, without opening verbs, adverbs and
/// years, and without the verbs that link it to its number.
fn preceding_subject(
    chars: &[char],
    quoted: &[bool],
    lead: usize,
    floor: usize,
) -> Option<(usize, usize)> {
    let mut s = lead;
    // Brackets closed between here and the quantity, read back to front.
    let mut closed = 0usize;
    while s > floor {
        let k = s - 1;
        let open = !quoted.get(k).copied().unwrap_or(false);
        // A bracket still open at the quantity starts an aside: (其中高中1所)
        // counts 高中, while 细颗粒物(PM2.5)平均浓度 and 新(改)建 stay whole.
        let aside = match chars[k] {
            ')' | '\u{FF09}' | ']' | '\u{3011}' => {
                closed += 1;
                false
            }
            '(' | '\u{FF08}' | '[' | '\u{3010}' => match closed.checked_sub(1) {
                Some(left) => {
                    closed = left;
                    false
                }
                None => true,
            },
            _ => false,
        };
        if open && (is_break(chars[k]) || is_enumeration_deng(chars, k) || aside) {
            break;
        }
        s = k;
    }
    if s > 0 && chars.get(s - 1) == Some(&'等') {
        s += longest_at(chars, s, CLOSURE_NOUNS).map_or(0, char_len);
    }
    loop {
        let before = s;
        s += year_len(chars, s).min(lead.saturating_sub(s));
        s = strip_leading(
            chars,
            s,
            lead,
            &[ADVERBS, BUILD_VERBS, LAUNCH_VERBS, OTHER_VERBS, &["的"]],
        );
        if s == before {
            break;
        }
    }
    let mut e = lead;
    while let Some(w) = longest_before(chars, e, TRAILING_VERBS) {
        if e < s + char_len(w) {
            break;
        }
        e -= char_len(w);
    }
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (e > s && e - s <= SUBJECT_MAX_CHARS).then_some((s, e))
}

/// A year such as 2026年 at `pos`.
fn year_len(chars: &[char], pos: usize) -> usize {
    match number_at(chars, pos) {
        Some((n, _)) if word_at(chars, pos + n, "年") => n + 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::import::import_text;
    use proptest::prelude::*;

    const REPORT: &str = include_str!("../../seeds/luzhou-2026-work-report.txt");

    /// Every target of the report: line, then value, unit and qualifier.
    const REPORT_TARGETS: &str = "
13: 2100 亿元, 100 个, 500 亿元, 50 个, 30 个, 20 个
14: 30 家, 5 家
15: 550 亿元 超
17: 6000 亿元 以上
18: 1597 亿元, 150 个, 2716 亿元, 81 个, 246 亿元, 45 个, 330 亿元, 1000 亿元 以上
20: 150 亿元 以上
22: 1000 场次
23: 40 场, 50 场
26: 22 公里
27: 6 个, 107 个, 10 个, 20 个
30: 31.3 万亩, 15 家
31: 2 个, 8 个
34: 9 类
42: 20 件
44: 20 所, 8000 个 以上, 7000 个 以上
45: 4 个, 8 个, 7 个
47: 95 % 以上";

    /// Value, unit and qualifier of a target.
    fn reading(t: &Target) -> String {
        let q = t.qualifier.as_deref().map(|q| format!(" {q}"));
        format!("{} {}{}", t.value, t.unit, q.unwrap_or_default())
    }

    fn readings(sentence: &str) -> Vec<String> {
        extract_targets(sentence).iter().map(reading).collect()
    }

    /// Text and subject of each target, as "text=subject".
    fn spans(sentence: &str) -> Vec<String> {
        let show = |t: Target| format!("{}={}", t.text, t.subject.as_deref().unwrap_or("-"));
        extract_targets(sentence).into_iter().map(show).collect()
    }

    #[test]
    fn report_targets_are_exactly_the_expected_set() {
        let plan = import_text(REPORT, "luzhou-2026-work-report.txt").unwrap();
        let mut lines: Vec<(usize, Vec<String>)> = Vec::new();
        for (_, c, t) in plan.targets() {
            match lines.last_mut() {
                Some((line, list)) if *line == c.line => list.push(reading(t)),
                _ => lines.push((c.line, vec![reading(t)])),
            }
            let at: String = c.text.chars().skip(t.start).collect();
            assert!(at.starts_with(&t.text), "{}", c.text);
        }
        let got: Vec<String> = lines
            .iter()
            .map(|(line, list)| format!("{line}: {}", list.join(", ")))
            .collect();
        assert_eq!(got.join("\n"), REPORT_TARGETS.trim());
    }

    #[test]
    fn report_spans_and_subjects() {
        let s = "实施总投资2100亿元的100个重点工业和技改项目,完成年度投资500亿元。";
        let want = [
            "总投资2100亿元=总投资",
            "100个=重点工业和技改项目",
            "年度投资500亿元=年度投资",
        ];
        assert_eq!(spans(s), want);
        let s = "建成投用总投资246亿元的45个重点项目,确保省、市重点项目年度投资分别完成330亿元、1000亿元以上。";
        let shared = [
            "330亿元=省重点项目年度投资",
            "1000亿元以上=市重点项目年度投资",
        ];
        assert_eq!(spans(s)[2..], shared);
        assert_eq!(readings(s)[2..], ["330 亿元", "1000 亿元 以上"]);
        let s = "加快泸天化绿色循环发展产业园等总投资2716亿元的81个重点项目建设。";
        assert_eq!(spans(s), ["总投资2716亿元=总投资", "81个=重点项目"]);
        let s = "促进总投资1597亿元的150个重点项目尽早开工。";
        assert_eq!(spans(s), ["总投资1597亿元=总投资", "150个=重点项目"]);
        let s = "确保重大项目储备库总投资规模保持在6000亿元以上。";
        assert_eq!(spans(s), ["6000亿元以上=重大项目储备库总投资规模"]);
        let s = "大力引进市场化基金,力争全市招商引资总额超550亿元。";
        assert_eq!(spans(s), ["超550亿元=全市招商引资总额"]);
        let s = "新增城镇学位8000个以上、寄宿制学校床位7000个以上。";
        assert_eq!(
            spans(s),
            ["8000个以上=城镇学位", "7000个以上=寄宿制学校床位"]
        );
        let s = "建成投用肿瘤核医学中心,智能康复中心4个、托育综合服务中心8个。";
        assert_eq!(spans(s), ["4个=智能康复中心", "8个=托育综合服务中心"]);
        let s = "严守耕地保护红线,新(改)建高标准农田31.3万亩。";
        assert_eq!(spans(s), ["31.3万亩=高标准农田"]);
        assert_eq!(spans("新(改)扩建学校20所。"), ["20所=学校"]);
        let s = "举办“惠享泸州”促消费活动1000场次。";
        assert_eq!(spans(s), ["1000场次=“惠享泸州”促消费活动"]);
        let s = "投用化工新材料等领域中试平台(基地)5家。";
        assert_eq!(spans(s), ["5家=中试平台(基地)"]);
        let s = "启动22公里环中心半岛绿道示范段建设。";
        assert_eq!(spans(s), ["22公里=环中心半岛绿道示范段"]);
        let s = "基本养老保险参保率保持95%以上。";
        assert_eq!(spans(s), ["95%以上=基本养老保险参保率"]);
        let s = "开工改造城中村和老旧小区107个,升级改造农贸市场20个。";
        assert_eq!(spans(s), ["107个=城中村和老旧小区", "20个=农贸市场"]);
    }

    #[test]
    fn numbers_that_are_not_targets() {
        for s in [
            "研读2026年政府工作报告。",
            "围绕高质量发展、科技创新等8个方面,提出主要目标。",
            "加快建设G321泸县段。",
            "促进汽车、家电、3C数码等消费。",
            "新建5G基站。",
            "做实“15分钟”就业服务圈,建设《100个样板》。",
            "围绕红军长征胜利90周年等主题。",
            "完成第4次普查,实施三项行动,持续巩固十年禁渔。",
            "常住人口500万,用时3年。",
            "版本3.5.1发布。",
        ] {
            assert_eq!(readings(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn qualifiers_before_between_and_after() {
        assert_eq!(readings("培育规上企业100余家。"), ["100 家 余"]);
        assert_eq!(readings("引进人才3万余人。"), ["3 万人 余"]);
        assert_eq!(readings("新增就业不少于3万人。"), ["3 万人 不少于"]);
        assert_eq!(readings("失业率控制在5.5%以内。"), ["5.5 % 以内"]);
        assert_eq!(readings("建设5个多功能运动场。"), ["5 个"]);
        assert_eq!(readings("附近5公里内。"), ["5 公里"]);
        assert_eq!(readings("森林覆盖率近60%。"), ["60 % 近"]);
        assert_eq!(
            spans("覆盖率达到95%及以上。"),
            ["覆盖率达到95%及以上=覆盖率"]
        );
    }

    #[test]
    fn invented_sentences_in_other_styles() {
        assert_eq!(spans("新建5G基站1200座。"), ["1200座=5G基站"]);
        let s = "力争地区生产总值增长6%左右。";
        assert_eq!(spans(s), ["6%左右=地区生产总值增长"]);
        assert_eq!(readings(s), ["6 % 左右"]);
        assert_eq!(spans("新增就业不少于3万人"), ["不少于3万人=就业"]);
        assert_eq!(spans("今年发放消费券2000万元。"), ["消费券2000万元=消费券"]);
        let s = "完成造林3.2万亩、森林抚育5万亩";
        assert_eq!(spans(s), ["造林3.2万亩=造林", "森林抚育5万亩=森林抚育"]);
        let s = "新增城市绿地\u{FF11}\u{FF12}\u{FF10}公顷,绿化覆盖率提高\u{FF12}个百分点。";
        assert_eq!(readings(s), ["120 公顷", "2 个百分点"]);
        let want = [
            "城市绿地\u{FF11}\u{FF12}\u{FF10}公顷=城市绿地",
            "\u{FF12}个百分点=绿化覆盖率提高",
        ];
        assert_eq!(spans(s), want);
        assert_eq!(readings("单位能耗下降3.5\u{FF05}。"), ["3.5 \u{FF05} 下降"]);
        assert_eq!(
            spans("2026年全市完成投资1,200亿元。"),
            ["1,200亿元=全市完成投资"]
        );
        let s = "建成10个智慧社区,改造提升老旧厂房5处。";
        assert_eq!(spans(s), ["10个=智慧社区", "5处=老旧厂房"]);
        let s = "实现进出口总额增长8%和12%";
        assert_eq!(spans(s), ["8%=进出口总额增长", "12%=进出口总额增长"]);
        assert_eq!(spans("新建学校3个和5个。"), ["3个=学校", "5个=学校"]);
        assert_eq!(spans("接待游客超过5000万人次"), ["超过5000万人次=游客"]);
    }

    /// Value, upper value, unit and qualifier of each target.
    fn ranges(sentence: &str) -> Vec<String> {
        let show = |t: Target| {
            let max = t.value_max.map(|m| format!("–{m}")).unwrap_or_default();
            let q = t.qualifier.map(|q| format!(" {q}")).unwrap_or_default();
            format!("{}{max} {}{q}", t.value, t.unit)
        };
        extract_targets(sentence).into_iter().map(show).collect()
    }

    #[test]
    fn a_range_is_one_target_with_an_upper_value() {
        for s in [
            "地区生产总值增长4.5%—5%。",
            "地区生产总值增长4.5%-5%。",
            "地区生产总值增长4.5%至5%。",
            "地区生产总值增长4.5—5%。",
            "地区生产总值增长4.5%～5%。",
        ] {
            assert_eq!(ranges(s), ["4.5–5 %"], "{s}");
            assert_eq!(
                spans(s)[0].split('=').nth(1),
                Some("地区生产总值增长"),
                "{s}"
            );
        }
        assert_eq!(ranges("投资3-5亿元。"), ["3–5 亿元"]);
        assert_eq!(spans("投资3-5亿元。"), ["投资3-5亿元=投资"]);
        assert_eq!(ranges("增长5%—6%左右。"), ["5–6 % 左右"]);
        // The multiplier may be written on both numbers.
        assert_eq!(spans("投资3亿至5亿元。"), ["投资3亿至5亿元=投资"]);
        assert_eq!(ranges("每人补贴30万—50万元。"), ["30–50 万元"]);
        assert_eq!(ranges("投资3万至5亿元。"), ["5 亿元"], "not one unit");
        // No range: units differ, the second number is smaller, or a year span.
        assert_eq!(ranges("新增3个-5家。"), ["3 个", "5 家"]);
        assert_eq!(ranges("增长5%-3%。"), ["5 %", "3 %"]);
        assert_eq!(ranges("2026-2030年建成50个。"), ["50 个"]);
    }

    #[test]
    fn qualifiers_and_units_of_headline_targets() {
        assert_eq!(ranges("地区生产总值突破5000亿元。"), ["5000 亿元 突破"]);
        assert_eq!(ranges("力争突破5000亿元。"), ["5000 亿元 力争突破"]);
        assert_eq!(ranges("失业率控制在5.5%。"), ["5.5 % 控制在"]);
        assert_eq!(ranges("失业率控制在5.5%以内。"), ["5.5 % 以内"]);
        assert_eq!(ranges("单位能耗下降2.5%左右。"), ["2.5 % 左右"]);
        assert_eq!(ranges("居民收入增长超过6%。"), ["6 % 超过"]);
        assert_eq!(ranges("粮食产量稳定在12亿斤以上。"), ["12 亿斤 以上"]);
        assert_eq!(ranges("全国粮食产量1.4万亿斤左右。"), ["1.4 万亿斤 左右"]);
        assert_eq!(ranges("新增储能200万千瓦。"), ["200 万千瓦"]);
        assert_eq!(ranges("港口吞吐量达到120万标箱。"), ["120 万标箱 达到"]);
        assert_eq!(
            ranges("细颗粒物浓度控制在30微克/立方米。"),
            ["30 微克/立方米 控制在"]
        );
        assert_eq!(ranges("接待游客3000万人次。"), ["3000 万人次"]);
        assert_eq!(ranges("新增粮食产能5万吨。"), ["5 万吨"]);
        assert_eq!(
            ranges("居民消费价格涨幅2%左右,提高1个百分点。"),
            ["2 % 左右", "1 个百分点"]
        );
    }

    #[test]
    fn a_minus_sign_signs_a_value_and_a_hyphen_between_numbers_does_not() {
        for (s, want) in [
            ("进出口总额增长-2%左右。", "-2%左右=进出口总额增长"),
            (
                "外贸依存度变化−1.5个百分点。",
                "−1.5个百分点=外贸依存度变化",
            ),
            ("工业投资增长－3%。", "－3%=工业投资增长"),
        ] {
            assert_eq!(spans(s), [want], "{s}");
        }
        assert_eq!(readings("进出口总额增长-2%左右。"), ["-2 % 左右"]);
        assert_eq!(ranges("投资3-5亿元。"), ["3–5 亿元"]);
        assert_eq!(ranges("新增3个-5家。"), ["3 个", "5 家"]);
        assert_eq!(readings("增速为-1.5%。"), ["-1.5 %"]);
        // A code or a word before the hyphen: no sign.
        assert_eq!(readings("建设G-5号线,长20公里。"), ["20 公里"]);
    }

    #[test]
    fn a_bare_verb_of_change_goes_on_from_the_quantity_before() {
        let s = "全市地区生产总值达到3120亿元、增长5.8%。";
        assert_eq!(
            spans(s),
            [
                "达到3120亿元=全市地区生产总值",
                "增长5.8%=全市地区生产总值增长"
            ]
        );
        let s = "地区生产总值突破900亿元,增长5.6%。";
        assert_eq!(spans(s)[1], "增长5.6%=地区生产总值增长");
        // Not after a quantity: the verb stays the subject.
        assert_eq!(spans("增长5.6%。"), ["增长5.6%=增长"]);
    }

    #[test]
    fn respectively_spreads_a_list_over_its_quantities() {
        let s = "城乡居民人均可支配收入分别增长5.5%、6.5%。";
        assert_eq!(ranges(s), ["5.5 %", "6.5 %"]);
        let subjects: Vec<Option<String>> =
            extract_targets(s).into_iter().map(|t| t.subject).collect();
        assert_eq!(
            subjects,
            [
                Some("城乡居民人均可支配收入".into()),
                Some("城乡居民人均可支配收入".into())
            ]
        );
        let s = "县、乡道路分别改造30公里、120公里。";
        assert_eq!(spans(s), ["30公里=县道路", "120公里=乡道路"]);
        // A list that does not match the quantities is not spread.
        let s = "甲、乙、丙三地分别完成8亿元、9亿元。";
        assert_eq!(spans(s), ["8亿元=甲、乙、丙三地", "9亿元=甲、乙、丙三地"]);
        // A list longer than any subject is none; it is read no further than
        // a subject reaches.
        let s = "省、".repeat(50_000) + "市重点项目投资分别完成330亿元、1000亿元以上。";
        let subjects: Vec<Option<String>> =
            extract_targets(&s).into_iter().map(|t| t.subject).collect();
        let last = Some("市重点项目投资".to_string());
        assert_eq!(subjects, [last.clone(), last], "the list is no subject");
    }

    #[test]
    fn a_list_number_inside_a_line_is_no_part_of_a_subject() {
        for s in [
            "重点做好:(1)新建学校3所;(2)改造小区5个。",
            "重点做好:1.新建学校3所;2.改造小区5个。",
            "①新建学校3所;②改造小区5个。",
            "（1）新建学校3所;（2）改造小区5个。",
        ] {
            assert_eq!(spans(s), ["3所=学校", "5个=小区"], "{s}");
        }
        // 1.5 is a number, not list item 1.
        assert_eq!(spans("新增1.5万亩。"), ["1.5万亩=-"]);
    }

    #[test]
    fn a_bracket_open_at_the_quantity_starts_its_subject() {
        assert_eq!(spans("新建学校3所(其中高中1所)。")[1], "1所=高中");
        let s = "细颗粒物(PM2.5)平均浓度控制在35微克/立方米以内。";
        assert_eq!(
            spans(s),
            ["控制在35微克/立方米以内=细颗粒物(PM2.5)平均浓度"]
        );
    }

    #[test]
    fn a_quantity_that_ranks_is_a_class_not_a_target() {
        assert_eq!(spans("新建3个10万吨级泊位。"), ["3个=10万吨级泊位"]);
        assert_eq!(spans("培育2个500亿级产业集群。"), ["2个=500亿级产业集群"]);
        assert_eq!(
            ranges("打造30万千瓦级机组,实现2000万吨级吞吐能力。"),
            Vec::<String>::new()
        );
        // 级 after a count that is not the class goes on as before.
        assert_eq!(spans("新建2个国家级平台。"), ["2个=国家级平台"]);
    }

    #[test]
    fn verbs_joined_by_a_conjunction_open_no_subject() {
        assert_eq!(spans("新建和改扩建学校20所。"), ["20所=学校"]);
        assert_eq!(spans("建成并投用停车场3个。"), ["3个=停车场"]);
    }

    #[test]
    fn codes_ranks_hotlines_and_anniversaries_are_not_targets() {
        for s in [
            "改造S215线,打通G321。",
            "打造4A级景区,创建5A级景区。",
            "畅通12345热线。",
            "纪念建党105周年。",
            "PM2.5浓度持续下降。",
            "——2026年1月18日在某市第十届人民代表大会第五次会议上",
            "1.扩大有效需求。",
        ] {
            assert_eq!(ranges(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            "1",
            "1.",
            "1。",
            "。。",
            "亿元",
            "\u{0}3个\u{7}",
            "超",
            "等",
            "“1个",
            "1,000",
            "1,00个",
            "\u{FF19}",
            "1\u{FF0E}",
            "新(改",
            "(改)建1个",
            "的1个",
        ];
        for s in odd {
            let _ = extract_targets(s);
        }
        assert_eq!(spans("7个"), ["7个=-"]);
        let huge = "新增学校1所,".repeat(20_000);
        assert_eq!(extract_targets(&huge).len(), 20_000);
        let digits = "9".repeat(5_000) + "个";
        assert_eq!(readings(&digits), Vec::<String>::new());
    }

    proptest! {
        #[test]
        fn any_text_gives_verbatim_spans(
            s in "[0-9\\x{FF10}-\\x{FF19}.\\x{FF0E},、。个亿元万%以上超等的年第“”新建项目分别—至A-Z\\PC-]{0,40}"
        ) {
            for t in extract_targets(&s) {
                let at: String = s.chars().skip(t.start).collect();
                prop_assert!(at.starts_with(&t.text));
                prop_assert!(t.value.is_finite());
                if let Some(subject) = &t.subject {
                    // A subject spread over a list (省、市…) joins its parts.
                    prop_assert!(subject.chars().all(|c| s.contains(c)));
                }
            }
        }
    }
}
