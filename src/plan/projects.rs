//! Named projects, found by rule in a commitment's sentence.
//!
//! Two rules over sentence structure, with no list of names:
//!
//! - Enumerations: items joined by 、 ahead of an enumeration's 等 are names when
//!   the noun after 等 (past quantities such as 总投资2716亿元的81个) denotes
//!   projects, facilities or sites (…项目, …工程, …园, …街区 …), or when 等 ends a
//!   clause that opens with a building verb (建成A、B等。).
//! - Objects of building verbs: 建设X, 建成投用X、Y, 加快X和Y建设, 启动X建设 name X
//!   (and Y) when it ends with a facility suffix (…中心, …医院, …大桥 …); after a
//!   的 only the part after the last 的 is the name.
//!
//! A name holds no mark but the middle dot, no quotes, does not open with a
//! verb and is no counted phrase (三大…, 一批…, 22公里…).

use std::collections::HashSet;

use super::lexicon::Sentence;
use super::lexicon::{
    ADVERBS, BUILD_VERBS, FACILITY_SUFFIXES, LAUNCH_VERBS, MANNER_ADVERBS, OTHER_VERBS, char_len,
    digits_at, enumerator_len, is_break, is_chinese_numeral, is_digit, is_enumeration_deng,
    longest_at, longest_before, numeral_run, slice, strip_leading, verb_joiner_len, verb_len_at,
    word_before,
};
use super::model::Target;
use super::quantity::{UnitKind, number_at, unit_at};

/// Heads after 等 that denote projects or sites, besides facility suffixes.
const SITE_HEADS: &[&str] = &["项目", "工程", "设施", "场馆"];

/// Heads after 等 that close an enumeration of something else: 等领域, 等群体.
const OTHER_HEADS: &[&str] = &["领域", "方面", "行业", "群体", "主题", "类"];

/// Action words after a head: 等城市公园建设 names parks.
#[rustfmt::skip]
const HEAD_ACTIONS: &[&str] = &[
    "建设", "更新", "改造", "改造提升", "保护提升", "提升", "保护", "开工", "建成", "投用", "竣工",
    "投产", "提质", "升级", "提速", "落地",
];

/// Adverbs that open a clause in project talk: 重点推进A等项目.
const PROJECT_ADVERBS: &[&str] = &["重点", "同步", "加速", "抓紧"];

/// Measure words that make a phrase with a Chinese numeral a count, not a name:
/// 三大消费地标项目, 一批项目.
const GENERIC_MEASURES: &[char] = &['大', '个', '项', '批', '类', '种', '座', '所', '家', '条'];

/// Marks a name may hold: the middle dot.
const NAME_MARKS: &[char] = &['·', '\u{30FB}'];

const NAME_MAX_CHARS: usize = 30;

/// The proper names of projects, facilities and sites the sentence lists, in
/// order of first mention.
/// `targets` are the sentence's targets, as [`extract_targets`] finds them:
/// their quantities are skipped, not read as names.
///
/// [`extract_targets`]: super::targets::extract_targets
pub fn extract_projects(sentence: &str, targets: &[Target]) -> Vec<String> {
    projects_in(&Sentence::new(sentence), targets)
}

/// [`extract_projects`] on a sentence already split into chars.
pub(crate) fn projects_in(sentence: &Sentence, targets: &[Target]) -> Vec<String> {
    let chars = &sentence.chars[..];
    let quoted = &sentence.quoted[..];
    let quantities: Vec<(usize, usize)> = targets
        .iter()
        .map(|t| (t.start, t.start + char_len(&t.text)))
        .collect();
    let mut found = Vec::new();
    for (s, e) in clauses(chars, quoted) {
        enumerations(chars, quoted, &quantities, (s, e), &mut found);
        built_objects(chars, quoted, (s, e), &mut found);
    }
    found.sort_unstable();
    let mut seen = HashSet::new();
    found
        .into_iter()
        .map(|(s, e)| slice(chars, s, e))
        .filter(|name| seen.insert(name.clone()))
        .collect()
}

/// Clause ranges: text between clause and sentence marks outside quotes.
fn clauses(chars: &[char], quoted: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c != '、' && is_break(c) && !quoted[i] {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

/// Rule (a): items ahead of each enumeration's 等 in the clause.
fn enumerations(
    chars: &[char],
    quoted: &[bool],
    quantities: &[(usize, usize)],
    (s, e): (usize, usize),
    found: &mut Vec<(usize, usize)>,
) {
    let mut from = s;
    let mut i = s;
    while i < e {
        if quoted[i] || !is_enumeration_deng(chars, i) {
            i += 1;
            continue;
        }
        let head_start = skip_quantities(chars, quantities, i + 1, e);
        let mut head_end = head_start;
        while head_end < e
            && !is_break(chars[head_end])
            && !is_digit(chars[head_end])
            && !quoted[head_end]
        {
            head_end += 1;
        }
        let names_sites = if head_start == head_end {
            head_start == e && opens_with_build_verb(chars, from, i)
        } else {
            head_names_sites(chars, head_start, head_end)
        };
        if names_sites {
            enumeration_items(chars, quoted, from, i, found);
        }
        from = head_end.max(i + 1);
        i = from;
    }
}

/// Skips quantities after 等: 总投资2716亿元的81个, 8个, 三项.
fn skip_quantities(chars: &[char], quantities: &[(usize, usize)], mut j: usize, e: usize) -> usize {
    while j < e {
        if let Ok(k) = quantities.binary_search_by_key(&j, |q| q.0) {
            j = quantities[k].1.max(j + 1);
        } else if chars[j] == '的' {
            j += 1;
        } else if let Some((n, _)) = number_at(chars, j)
            && let Some(unit) = unit_at(chars, j + n)
        {
            j += n + unit.len;
        } else if let n @ 1.. = chinese_count_len(chars, j) {
            j += n;
        } else {
            break;
        }
    }
    j.min(e)
}

/// Chinese numerals and a measure word at `pos`: 三项, 一批, 三大.
fn chinese_count_len(chars: &[char], pos: usize) -> usize {
    let numerals = numeral_run(chars, pos);
    let measure = chars.get(pos + numerals);
    if numerals > 0 && measure.is_some_and(|m| GENERIC_MEASURES.contains(m)) {
        numerals + 1
    } else {
        0
    }
}

fn head_names_sites(chars: &[char], s: usize, mut e: usize) -> bool {
    if longest_at(chars, s, OTHER_HEADS).is_some() {
        return false;
    }
    while let Some(w) = longest_before(chars, e, HEAD_ACTIONS) {
        if e <= s + char_len(w) {
            break;
        }
        e -= char_len(w);
    }
    longest_before(chars, e, SITE_HEADS).is_some() || ends_with_facility(chars, s, e)
}

/// Strips the adverbs and verbs that open a clause.
fn strip_openers(chars: &[char], mut s: usize, e: usize, verbs: &[&[&str]]) -> usize {
    // The adverbs, then up to three lists of verbs, without allocating.
    let mut lists: [&[&str]; 5] = [ADVERBS, PROJECT_ADVERBS, &[], &[], &[]];
    for (slot, list) in lists[2..].iter_mut().zip(verbs) {
        *slot = list;
    }
    loop {
        let before = s;
        s = strip_leading(chars, s, e, &lists);
        let all_verbs = [BUILD_VERBS, LAUNCH_VERBS, OTHER_VERBS];
        if let Some(m) = longest_at(chars, s, MANNER_ADVERBS)
            && all_verbs
                .iter()
                .any(|l| verb_len_at(chars, s + char_len(m), l).is_some())
        {
            s += char_len(m);
        }
        if s == before {
            return s;
        }
    }
}

fn opens_with_build_verb(chars: &[char], s: usize, e: usize) -> bool {
    let s = strip_openers(chars, s, e, &[LAUNCH_VERBS]);
    verb_len_at(chars, s, BUILD_VERBS).is_some()
}

fn enumeration_items(
    chars: &[char],
    quoted: &[bool],
    s: usize,
    e: usize,
    found: &mut Vec<(usize, usize)>,
) {
    for (k, (a, b)) in split_list(chars, quoted, s, e).into_iter().enumerate() {
        let a = if k == 0 {
            let a = after_last_de(chars, quoted, a, b);
            strip_openers(chars, a, b, &[LAUNCH_VERBS, BUILD_VERBS, OTHER_VERBS])
        } else {
            a
        };
        for (x, y) in split_joined(chars, a, b) {
            if is_name(chars, x, y) {
                found.push((x, y));
            }
        }
    }
}

/// Two names joined by 和 (or 及, 与) in one item: 西环线二期和东湖隧道. The
/// first must end as a name does, with a facility suffix or a phase, so
/// that a name with 和 inside it (文化和旅游中心) stays whole.
fn split_joined(chars: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
    let at = (s + 1..e).find(|&k| {
        matches!(chars[k], '和' | '及' | '与')
            && (ends_with_facility(chars, s, k) || phase_len(chars, s, k) > 0)
    });
    match at {
        Some(k) => vec![(s, k), (k + 1, e)],
        None => vec![(s, e)],
    }
}

/// Rule (b): the objects of a clause that opens with a building verb, or with
/// a verb that speeds up work and ends with 建设.
fn built_objects(
    chars: &[char],
    quoted: &[bool],
    (s, e): (usize, usize),
    found: &mut Vec<(usize, usize)>,
) {
    let mut a = s;
    let mut builds = false;
    let mut launches = false;
    loop {
        let before = a;
        a += enumerator_len(chars, a);
        a = strip_openers(chars, a, e, &[]);
        if builds || launches {
            a += verb_joiner_len(chars, a, &[BUILD_VERBS, LAUNCH_VERBS]);
        }
        if let Some(n) = verb_len_at(chars, a, BUILD_VERBS).filter(|n| a + n < e) {
            builds = true;
            a += n;
        } else if let Some(n) = verb_len_at(chars, a, LAUNCH_VERBS).filter(|n| a + n < e) {
            launches = true;
            a += n;
        }
        if a == before {
            break;
        }
    }
    let mut z = e;
    let ends_building = word_before(chars, z, "建设") && z >= a + 3;
    if ends_building {
        z -= 2;
    }
    if !(builds || (launches && ends_building)) {
        return;
    }
    if (a..z).any(|k| !quoted[k] && is_enumeration_deng(chars, k)) {
        return;
    }
    let a = after_last_de(chars, quoted, a, z);
    for (ps, pe) in split_list(chars, quoted, a, z) {
        let Some(ps) = skip_leading_quantity(chars, ps, pe) else {
            continue;
        };
        let ps = strip_openers(chars, ps, pe, &[BUILD_VERBS, OTHER_VERBS]);
        for (x, y) in split_joined(chars, ps, pe) {
            if ends_with_facility(chars, x, y) && is_name(chars, x, y) {
                found.push((x, y));
            }
        }
    }
}

/// Splits `s..e` at each 、 outside quotes.
fn split_list(chars: &[char], quoted: &[bool], s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = s;
    for k in s..e {
        if chars[k] == '、' && !quoted[k] {
            out.push((from, k));
            from = k + 1;
        }
    }
    out.push((from, e));
    out
}

/// The start of the part after the last 的 outside quotes: 特色鲜明的X → X.
fn after_last_de(chars: &[char], quoted: &[bool], s: usize, e: usize) -> usize {
    (s..e)
        .rev()
        .find(|&k| chars[k] == '的' && !quoted[k])
        .map_or(s, |k| k + 1)
}

/// Skips a measure that opens a phrase: 22公里环中心半岛绿道. A count that
/// opens it (2个万吨级码头, 3所学校) makes the phrase a kind of thing, not a
/// name: None.
fn skip_leading_quantity(chars: &[char], s: usize, e: usize) -> Option<usize> {
    let Some((n, _)) = number_at(chars, s) else {
        return Some(s);
    };
    match unit_at(chars, s + n) {
        Some(unit) if unit.kind == UnitKind::Count => None,
        Some(unit) if s + n + unit.len < e => Some(s + n + unit.len),
        _ => Some(s),
    }
}

/// True when `s..e` ends with a facility suffix and holds more than the
/// suffix; a phase after the suffix (…产业园一期, …绿道二期) is part of it.
fn ends_with_facility(chars: &[char], s: usize, e: usize) -> bool {
    let e = e - phase_len(chars, s, e);
    longest_before(chars, e, FACILITY_SUFFIXES).is_some_and(|w| e > s + char_len(w))
}

/// The length of a phase such as 一期 or 3期 that ends `s..e`, or 0.
fn phase_len(chars: &[char], s: usize, e: usize) -> usize {
    if e < s + 2 || chars.get(e - 1) != Some(&'期') {
        return 0;
    }
    let numerals = chars[s..e - 1]
        .iter()
        .rev()
        .take_while(|c| is_chinese_numeral(**c) || is_digit(**c))
        .count();
    if (1..=2).contains(&numerals) {
        numerals + 1
    } else {
        0
    }
}

/// A name opens with no number, unless the number is part of a code that
/// a Latin letter ends (3C产品检测认证中心, as G321…).
fn opens_with_count(name: &[char]) -> bool {
    let digits = digits_at(name, 0);
    digits > 0 && !name.get(digits).is_some_and(char::is_ascii_alphabetic)
}

/// The filters every name passes.
fn is_name(chars: &[char], s: usize, e: usize) -> bool {
    let Some(name) = chars.get(s..e) else {
        return false;
    };
    let verbs: &[&[&str]] = &[BUILD_VERBS, LAUNCH_VERBS, OTHER_VERBS, ADVERBS];
    (2..=NAME_MAX_CHARS).contains(&name.len())
        && name
            .iter()
            .all(|c| c.is_alphanumeric() || NAME_MARKS.contains(c))
        && name.first() != Some(&'的')
        && !opens_with_count(name)
        && !verbs.iter().any(|l| verb_len_at(chars, s, l).is_some())
        && chinese_count_len(chars, s) == 0
        && !(s..e).any(|k| is_enumeration_deng(chars, k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::import::import_text;
    use proptest::prelude::*;

    const REPORT: &str = include_str!("../../seeds/luzhou-2026-work-report.txt");

    /// Every project of the report, by line.
    const REPORT_PROJECTS: &str = "
13: 仙鹤纸业 中科电气 泸州老窖智能酿造 泸州产融碳素原料
14: 忠山实验室
18: 泸天化绿色循环发展产业园
19: 泸古高速 自永高速泸州段 G321泸县和叙永段 自贡至泸州港大件公路 泸州港大脚石作业区 \
G321纳溪段 九支赤水河大桥
23: 中国酒谷·国际网球中心 中国白酒博物馆
24: 双加铁路物流中心
26: 学士山公园 环中心半岛绿道示范段 和丰老街 宝莲街
27: 三星街
30: 酒业园区焱飨云厨产业园 纳溪抹茶加工园区
45: 山东省立医院泸州医院 泸州老年康复医院 肿瘤核医学中心
47: 市残疾人托养服务中心";

    fn names(sentence: &str) -> Vec<String> {
        extract_projects(sentence, &crate::plan::targets::extract_targets(sentence))
    }

    const NONE: [&str; 0] = [];

    #[test]
    fn report_projects_are_exactly_the_expected_set() {
        let plan = import_text(REPORT, "luzhou-2026-work-report.txt").unwrap();
        let mut lines: Vec<(usize, Vec<String>)> = Vec::new();
        for (_, c) in plan.commitments().filter(|(_, c)| !c.projects.is_empty()) {
            match lines.last_mut() {
                Some((line, list)) if *line == c.line => list.extend(c.projects.clone()),
                _ => lines.push((c.line, c.projects.clone())),
            }
        }
        let got: Vec<String> = lines
            .iter()
            .map(|(line, list)| format!("{line}: {}", list.join(" ")))
            .collect();
        assert_eq!(got.join("\n"), REPORT_PROJECTS.trim());
    }

    #[test]
    fn report_sentences_that_name_nothing() {
        for s in [
            "促进汽车、家电、3C数码等消费,加大汽车品牌招引和二手车市场培育。",
            "精心谋划春风行动、就业援助季等行动,做好高校毕业生、失业人员等重点群体就业帮扶。",
            "推进固体废物整治等三项行动,抓好突出生态环境问题整改。",
            "举办国际网球公开赛等赛事。",
            "建设“就在酒城”公共就业服务体系,打造一批“家门口”就业服务站、“零工”市场。",
            "开工改造城中村和老旧小区107个,建设“酒城驿站”10个。",
            "加强农业遗产、传统村落、古树名木等保护利用,做好第四次全国农业普查。",
            "推动研发设计、检验检测、信息咨询等发展壮大。",
            "投用化工新材料等领域中试平台(基地)5家。",
            "建成投用总投资246亿元的45个重点项目。",
            "建设“天府粮仓”泸州示范区。",
            "围绕高质量发展、科技创新等8个方面,提出主要目标。",
            "组建科创投公司、先进制造产业投资公司。",
        ] {
            assert_eq!(names(s), NONE, "{s}");
        }
    }

    #[test]
    fn enumerations_ahead_of_deng() {
        let s = "开工建设城北污水处理厂、滨江大道二期等12个项目。";
        assert_eq!(names(s), ["城北污水处理厂", "滨江大道二期"]);
        let s = "加快推进轨道交通1号线、城南综合客运枢纽等重大工程建设。";
        assert_eq!(names(s), ["轨道交通1号线", "城南综合客运枢纽"]);
        assert_eq!(
            names("全面建成东湖隧道、西山水库等。"),
            ["东湖隧道", "西山水库"]
        );
        assert_eq!(names("聚焦家政、养老等重点领域。"), NONE);
        assert_eq!(names("推进A区、B区等改革。"), NONE);
        assert_eq!(names("推进城东、城西等。"), NONE);
        let s = "完成城西水厂、北环路等项目建设,建成投用第二人民医院。";
        assert_eq!(names(s), ["城西水厂", "北环路", "第二人民医院"]);
        let s = "实施具有国际影响力的城东会展中心、滨河步道等标志性工程。";
        assert_eq!(names(s), ["城东会展中心", "滨河步道"]);
    }

    #[test]
    fn objects_of_building_verbs() {
        assert_eq!(
            names("建成市第一人民医院新院区。"),
            ["市第一人民医院新院区"]
        );
        let s = "启动滨江湿地公园和城东体育馆建设。";
        assert_eq!(names(s), ["滨江湿地公园", "城东体育馆"]);
        assert_eq!(names("高水平建设国际会展中心,完善配套。"), ["国际会展中心"]);
        assert_eq!(names("建设高等职业学校。"), ["高等职业学校"]);
        assert_eq!(names("建设全省一流的数字经济产业园。"), ["数字经济产业园"]);
        assert_eq!(names("建成城南公园、城南公园。"), ["城南公园"]);
        assert_eq!(names("新建一批社区养老服务中心。"), NONE);
        assert_eq!(names("新建5G基站1200座。"), NONE);
        assert_eq!(names("加快乡村振兴示范村建设。"), NONE);
        assert_eq!(names("推进城北污水处理厂。"), NONE);
        assert_eq!(names("在建设川南经济副中心上取得进展。"), NONE);
    }

    #[test]
    fn projects_that_speed_up_and_phases_of_a_facility() {
        let s = "推动望湖大道、东岭水厂等重大项目提速。";
        assert_eq!(names(s), ["望湖大道", "东岭水厂"]);
        let s = "开工建设青禾港三期、北站综合枢纽等重大项目。";
        assert_eq!(names(s), ["青禾港三期", "北站综合枢纽"]);
        assert_eq!(
            names("建成云杉新材料产业园一期。"),
            ["云杉新材料产业园一期"]
        );
        let s = "建成翠屏山公园、滨河绿道二期,完成老旧小区改造60个。";
        assert_eq!(names(s), ["翠屏山公园", "滨河绿道二期"]);
        assert_eq!(names("建成二期。"), NONE);
    }

    #[test]
    fn names_are_cut_at_their_own_ends() {
        // Two names joined by 和 inside an enumeration are two names.
        let s = "推动西环线二期和东湖隧道等项目提速。";
        assert_eq!(names(s), ["西环线二期", "东湖隧道"]);
        // A name with 和 inside it, whose first half is no name, stays whole.
        assert_eq!(names("建成文化和旅游服务中心。"), ["文化和旅游服务中心"]);
        // Verbs joined by a conjunction, or compounds of building, are verbs.
        assert_eq!(names("建成并投用市民服务中心。"), ["市民服务中心"]);
        let s = "建成运营数据中心二期、算力中心。";
        assert_eq!(names(s), ["数据中心二期", "算力中心"]);
        // A count opens a kind of thing, not a name; a code may open a name.
        assert_eq!(names("建设2个万吨级码头。"), NONE);
        assert_eq!(names("建成3C产品检测认证中心。"), ["3C产品检测认证中心"]);
        assert_eq!(names("建成22公里滨河绿道。"), ["滨河绿道"]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            "等",
            "等。",
            "、等",
            "建设",
            "建设、",
            "的",
            "建成的",
            "1等2个项目",
            "建设馆",
            "\u{0}建设\u{7}馆",
            "“建设X馆",
            "建成1",
            "新(改)建",
            "。。",
        ];
        for s in odd {
            let _ = names(s);
        }
        let huge = "建设城东公园、".repeat(20_000) + "城西公园等项目。";
        assert_eq!(names(&huge), ["城东公园", "城西公园"]);
    }

    proptest! {
        #[test]
        fn names_are_verbatim(
            s in "[建设成开工推进加快等的和、,。“”0-9个项目公园中心馆街段A-Z\\PC]{0,40}"
        ) {
            for name in names(&s) {
                prop_assert!(!name.is_empty());
                prop_assert!(s.contains(name.as_str()));
            }
        }
    }
}
