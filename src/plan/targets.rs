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

use super::lexicon::{
    ADVERBS, BUILD_VERBS, LAUNCH_VERBS, OPENING_QUOTES, OTHER_VERBS, clen, is_break, is_cjk,
    is_digit, is_enumeration_deng, longest_at, longest_before, quote_mask, slice, strip_leading,
    verb_len_at, word_at,
};
use super::model::Target;
use super::quantity::{
    MID_QUALIFIERS, PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, UnitKind, number_at, unit_at,
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
    unit: String,
    kind: UnitKind,
    qualifier: Option<&'static str>,
}

/// Every quantity the sentence states as something the plan will do.
pub fn extract_targets(sentence: &str) -> Vec<Target> {
    let chars: Vec<char> = sentence.chars().collect();
    let quoted = quote_mask(&chars);
    let mut out: Vec<Target> = Vec::new();
    // Where the previous target ends, and its subject.
    let mut prev: Option<(usize, Option<String>)> = None;
    let mut i = 0;
    while i < chars.len() {
        let Some((len, value)) = number_at(&chars, i) else {
            i += 1;
            continue;
        };
        let Some(q) = value.and_then(|v| quantity(&chars, &quoted, i, len, v)) else {
            i += len.max(1);
            continue;
        };
        // A bare quantity joined to the previous one shares its subject.
        let shared = prev.as_ref().and_then(|(prev_end, subject)| {
            let gap = slice(&chars, *prev_end, q.lead);
            LIST_JOINERS
                .contains(&gap.as_str())
                .then(|| subject.clone())
        });
        let floor = prev.as_ref().map_or(0, |p| p.0);
        let before = match shared {
            Some(_) => None,
            None => preceding_subject(&chars, &quoted, q.lead, floor),
        };
        let after = || following_subject(&chars, q.end);
        let range_text = |r: (usize, usize)| slice(&chars, r.0, r.1);
        let subject = match q.kind {
            UnitKind::Count => after().or(before).map(range_text).or(shared.flatten()),
            _ => before
                .map(range_text)
                .or(shared.flatten())
                .or_else(|| after().map(range_text)),
        };
        let start = match before {
            Some((s, e))
                if q.kind != UnitKind::Count && e == q.lead && e - s <= SPAN_SUBJECT_MAX_CHARS =>
            {
                s
            }
            _ => q.lead,
        };
        out.push(Target {
            value: q.value,
            unit: q.unit,
            qualifier: q.qualifier.map(str::to_string),
            text: slice(&chars, start, q.end),
            subject: subject.clone(),
            start,
        });
        prev = Some((q.end, subject));
        i = q.end.max(i + 1);
    }
    out
}

/// Reads the quantity whose number is `num..num + len`, or None when the
/// number is no target.
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
    let unit = unit_at(chars, num + len)?;
    let after_unit = num + len + unit.len;
    if unit.kind == UnitKind::Count && longest_at(chars, after_unit, STRUCTURAL_NOUNS).is_some() {
        return None;
    }
    let suffix = longest_at(chars, after_unit, SUFFIX_QUALIFIERS).or_else(|| {
        // 余 and 多 after a unit qualify it only when no word goes on: 5个多功能… does not.
        let word = longest_at(chars, after_unit, MID_QUALIFIERS)?;
        let next = chars.get(after_unit + clen(word));
        (!next.is_some_and(|c| is_cjk(*c))).then_some(word)
    });
    let prefix = longest_before(chars, num, PREFIX_QUALIFIERS).filter(|p| {
        // 附近, 最近 are words of their own.
        let start = num - clen(p);
        let holder = start.checked_sub(1).and_then(|k| chars.get(k));
        (*p != "近" || !matches!(holder, Some('附' | '最')))
            && !quoted.get(start).copied().unwrap_or(true)
    });
    Some(Quantity {
        lead: num - prefix.map_or(0, clen),
        end: after_unit + suffix.map_or(0, clen),
        value,
        unit: unit.unit,
        kind: unit.kind,
        qualifier: suffix.or(unit.mid).or(prefix),
    })
}

/// Rule 1: the noun phrase after a unit, as in 100个重点工业和技改项目, up to the
/// next mark or digit, without trailing action words.
fn following_subject(chars: &[char], end: usize) -> Option<(usize, usize)> {
    let mut s = end;
    if chars.get(s) == Some(&'的') {
        s += 1;
    }
    let first = *chars.get(s)?;
    if !(is_cjk(first) || OPENING_QUOTES.contains(&first)) {
        return None;
    }
    let verbs: &[&[&str]] = &[BUILD_VERBS, LAUNCH_VERBS, OTHER_VERBS, ADVERBS];
    if verbs.iter().any(|l| verb_len_at(chars, s, l).is_some()) {
        return None;
    }
    let mut e = s;
    while chars
        .get(e)
        .is_some_and(|&c| !is_break(c) && !is_digit(c) && !c.is_whitespace())
    {
        e += 1;
    }
    while let Some(w) = longest_before(chars, e, TRAILING_ACTIONS) {
        if e - clen(w) < s + 2 {
            break;
        }
        e -= clen(w);
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
    while s > floor {
        let k = s - 1;
        let open = !quoted.get(k).copied().unwrap_or(false);
        if open && (is_break(chars[k]) || is_enumeration_deng(chars, k)) {
            break;
        }
        s = k;
    }
    if s > 0 && chars.get(s - 1) == Some(&'等') {
        s += longest_at(chars, s, CLOSURE_NOUNS).map_or(0, clen);
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
        if e < s + clen(w) {
            break;
        }
        e -= clen(w);
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
            "330亿元=市重点项目年度投资",
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
        assert_eq!(readings("单位能耗下降3.5\u{FF05}。"), ["3.5 \u{FF05}"]);
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
            s in "[0-9\\x{FF10}-\\x{FF19}.\\x{FF0E},、。个亿元万%以上超等的年第“”新建项目A-Z\\PC]{0,40}"
        ) {
            for t in extract_targets(&s) {
                let at: String = s.chars().skip(t.start).collect();
                prop_assert!(at.starts_with(&t.text));
                prop_assert!(t.value.is_finite());
                if let Some(subject) = &t.subject {
                    prop_assert!(s.contains(subject.as_str()));
                }
            }
        }
    }
}
