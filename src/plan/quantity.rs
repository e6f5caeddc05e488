//! Numbers and units: the general lexicon of Chinese units, measure words and
//! the qualifiers written around a quantity, and the readers of a number and
//! of the unit that follows it. Indices are char indices.

use super::lexicon::{char_len, digit_value, digits_at, longest_at, word_at};

/// What a unit measures, which decides where a target's subject is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Measure words that count things: 个, 家, 所 …
    Count,
    /// Money, area, length, weight, energy, duration.
    Measure,
    /// Percentages, per-mille, percentage points, multiples.
    Ratio,
}

#[rustfmt::skip]
const COUNT_UNITS: &[&str] = &[
    "个", "家", "家次", "所", "场次", "场", "件", "类", "项", "座", "条", "户", "户次", "人次",
    "人", "名", "张", "台", "台套", "辆", "床", "间", "处", "支", "批", "批次", "套", "次", "篇",
    "部", "位", "种", "组", "片", "栋", "幢", "株", "棵", "头", "只", "艘", "架", "列", "届", "块",
    "宗", "例", "本", "册", "份", "对",
];

#[rustfmt::skip]
const MEASURE_UNITS: &[&str] = &[
    "元", "美元", "亩", "公顷", "公里", "千米", "米", "延米", "平方米", "平方公里", "平方千米",
    "立方米", "吨", "千克", "公斤", "斤", "千瓦", "千瓦时", "兆瓦", "个月", "个工作日", "标箱",
    "微克/立方米",
];

const RATIO_UNITS: &[&str] = &["个百分点", "百分点", "%", "\u{FF05}", "‰", "倍"];

/// Written between a number and its unit: 万元, 亿元, 万人次.
const MULTIPLIERS: &[&str] = &["万亿", "千万", "百万", "十万", "万", "亿", "千", "百"];

/// A single-char unit followed by one more char that makes a common word is
/// no unit at all: 3项目 has no measure word, 5家庭 means households.
#[rustfmt::skip]
const UNIT_WORDS: &[&str] = &[
    "项目", "家庭", "处理", "处置", "人员", "人口", "人才", "名单", "名称", "条件", "场所", "场地",
    "部门", "片区", "类别", "种类", "组织", "支持", "位置", "台阶", "次数",
];

/// "About" words written between the number and its unit: 100余家, 20多个.
pub(crate) const MID_QUALIFIERS: &[&str] = &["余", "多"];

/// Qualifiers written right before a number.
#[rustfmt::skip]
pub(crate) const PREFIX_QUALIFIERS: &[&str] = &[
    "不少于", "不低于", "不超过", "不高于", "不足", "超过", "超出", "将近", "接近", "大约", "至少",
    "高达", "多达", "达到", "力争突破", "突破", "控制在", "下降", "约", "近", "超", "逾", "达",
];

/// Qualifiers written right after a unit.
pub(crate) const SUFFIX_QUALIFIERS: &[&str] = &["及以上", "以上", "以内", "以下", "左右"];

/// A number of ASCII or full-width digits at `pos`, with an optional decimal part
/// and ASCII thousands separators (1,000). Returns its length in chars and its
/// value; the value is None when it does not parse to a finite number.
pub(crate) fn number_at(chars: &[char], pos: usize) -> Option<(usize, Option<f64>)> {
    let digits_from = |i: usize| digits_at(chars, i);
    let mut text = String::new();
    let push = |from: usize, n: usize, text: &mut String| {
        for &c in chars.get(from..from + n).unwrap_or_default() {
            text.extend(digit_value(c).and_then(|d| char::from_digit(d, 10)));
        }
    };
    let first = digits_from(pos);
    if first == 0 {
        return None;
    }
    push(pos, first, &mut text);
    let mut i = pos + first;
    if first <= 3 {
        while chars.get(i) == Some(&',') && digits_from(i + 1) == 3 {
            push(i + 1, 3, &mut text);
            i += 4;
        }
    }
    if matches!(chars.get(i), Some('.' | '\u{FF0E}')) {
        let frac = digits_from(i + 1);
        if frac > 0 {
            text.push('.');
            push(i + 1, frac, &mut text);
            i += 1 + frac;
        }
    }
    let value = text.parse::<f64>().ok().filter(|v| v.is_finite());
    Some((i - pos, value))
}

/// A multiplier written alone after a number, its unit left to a later
/// number: the 亿 of 3亿至5亿元.
pub(crate) fn multiplier_at(chars: &[char], pos: usize) -> Option<&'static str> {
    longest_at(chars, pos, MULTIPLIERS)
}

/// The mark after a quantity that makes it a class or a rank: 10万吨级码头,
/// 500亿级产业集群.
pub(crate) const CLASS_MARK: char = '级';

/// The length of a class written with a number at `pos`: a number, a unit
/// or a bare multiplier, and 级 (10万吨级, 500亿级, 30万千瓦级), or None.
pub(crate) fn class_len(chars: &[char], pos: usize) -> Option<usize> {
    let (n, _) = number_at(chars, pos)?;
    let mut end = pos + n;
    match unit_at(chars, end) {
        Some(unit) => end += unit.len,
        None => end += longest_at(chars, end, MULTIPLIERS).map_or(0, char_len),
    }
    (chars.get(end) == Some(&CLASS_MARK)).then_some(end + 1 - pos)
}

/// A unit read at `pos`, right after a number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitMatch {
    /// Chars covered from `pos`, an "about" word between number and unit included.
    pub len: usize,
    /// The multiplier and unit, as written: 亿元, 个, %.
    pub unit: String,
    pub kind: UnitKind,
    /// 余 or 多 written between the number and the unit.
    pub mid: Option<&'static str>,
}

fn base_unit_at(chars: &[char], pos: usize) -> Option<(&'static str, UnitKind)> {
    let lists = [
        (COUNT_UNITS, UnitKind::Count),
        (MEASURE_UNITS, UnitKind::Measure),
        (RATIO_UNITS, UnitKind::Ratio),
    ];
    let (unit, kind) = lists
        .iter()
        .filter_map(|(l, k)| longest_at(chars, pos, l).map(|u| (u, *k)))
        .max_by_key(|(u, _)| char_len(u))?;
    let blocked = char_len(unit) == 1 && longest_at(chars, pos, UNIT_WORDS).is_some();
    (!blocked).then_some((unit, kind))
}

/// The unit after a number: an optional 余/多, an optional multiplier (万, 亿 …)
/// and a unit from the general lexicon. The longest reading wins.
pub(crate) fn unit_at(chars: &[char], pos: usize) -> Option<UnitMatch> {
    let mid1 = longest_at(chars, pos, MID_QUALIFIERS);
    let start = pos + mid1.map_or(0, char_len);
    let mut best: Option<UnitMatch> = None;
    let mut consider = |m: UnitMatch| {
        if best.as_ref().is_none_or(|b| m.len > b.len) {
            best = Some(m);
        }
    };
    if let Some((base, kind)) = base_unit_at(chars, start) {
        consider(UnitMatch {
            len: start + char_len(base) - pos,
            unit: base.to_string(),
            kind,
            mid: mid1,
        });
    }
    for mult in MULTIPLIERS.iter().filter(|m| word_at(chars, start, m)) {
        let mut j = start + char_len(mult);
        let mut mid = mid1;
        if mid.is_none() {
            mid = longest_at(chars, j, MID_QUALIFIERS);
            j += mid.map_or(0, char_len);
        }
        if let Some((base, kind)) = base_unit_at(chars, j)
            && kind != UnitKind::Ratio
        {
            consider(UnitMatch {
                len: j + char_len(base) - pos,
                unit: format!("{mult}{base}"),
                kind,
                mid,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn numbers_parse_ascii_full_width_decimals_and_separators() {
        assert_eq!(number_at(&chars("31.3万亩"), 0), Some((4, Some(31.3))));
        assert_eq!(number_at(&chars("12.5%"), 0), Some((4, Some(12.5))));
        assert_eq!(number_at(&chars("1,000个"), 0), Some((5, Some(1000.0))));
        assert_eq!(number_at(&chars("1."), 0), Some((1, Some(1.0))));
        assert_eq!(number_at(&chars("x"), 0), None);
        assert_eq!(number_at(&chars(""), 3), None);
        let huge = "9".repeat(400);
        assert_eq!(number_at(&chars(&huge), 0), Some((400, None)));
    }

    #[test]
    fn units_take_the_longest_reading() {
        let unit = |s: &str| unit_at(&chars(s), 0).map(|m| (m.unit, m.len, m.mid));
        assert_eq!(unit("亿元的"), Some(("亿元".into(), 2, None)));
        assert_eq!(unit("个百分点"), Some(("个百分点".into(), 4, None)));
        assert_eq!(unit("场次"), Some(("场次".into(), 2, None)));
        assert_eq!(unit("万千瓦"), Some(("万千瓦".into(), 3, None)));
        assert_eq!(unit("余家"), Some(("家".into(), 2, Some("余"))));
        assert_eq!(unit("万余人"), Some(("万人".into(), 3, Some("余"))));
        assert_eq!(unit("年"), None);
        assert_eq!(unit("周年"), None);
        assert_eq!(unit("项目"), None);
        assert_eq!(unit("万"), None);
        assert_eq!(unit("万亿斤"), Some(("万亿斤".into(), 3, None)));
        assert_eq!(unit("万标箱"), Some(("万标箱".into(), 3, None)));
        assert_eq!(unit("微克/立方米"), Some(("微克/立方米".into(), 6, None)));
        assert_eq!(unit("万人次"), Some(("万人次".into(), 3, None)));
    }
}
