//! What a part or heading speaks of (this year's plan, last year's review,
//! a multi-year outlook), and the year the plan is for, decided by rules on
//! the wording and the years a line names.

use crate::plan::lexicon::{digit_value, digits_at, is_chinese_numeral, is_digit};
use crate::plan::model::AreaKind;

/// Words that look back on results.
const REVIEW_WORDS: &[&str] = &[
    "回顾",
    "过去一年",
    "过去的一年",
    "过去五年",
    "过去的五年",
    "工作总结",
    "主要成绩",
    "取得的成绩",
];

/// Words of goals over several years.
const OUTLOOK_WORDS: &[&str] = &["远景", "中长期", "五年规划", "五年目标"];

/// Words that tie a multi-year heading back to this year: 为“十五五”开好局.
const THIS_YEAR_OF_PERIOD: &[&str] = &["开局", "开好局", "起步", "首年", "第一年"];

/// Words of this year's work.
const PLAN_WORDS: &[&str] = &["今年", "工作安排", "重点工作", "主要任务", "年度目标"];

/// Words that, besides the review words, open a paragraph about past
/// results: 去年,…; 一年来,….
const LOOK_BACK_OPENERS: &[&str] = &["去年", "一年来", "五年来"];

/// True when a paragraph's first clause says it tells of past results: it
/// opens with a word that looks back, or with a year before the plan's
/// (2025年,全市…).
pub(crate) fn looks_back(clause: &str, year: Option<u32>) -> bool {
    let mut openers = REVIEW_WORDS.iter().chain(LOOK_BACK_OPENERS);
    if openers.any(|w| clause.starts_with(w)) {
        return true;
    }
    let opens_with_year = clause.chars().next().is_some_and(is_digit);
    match (year, years_in(clause).first()) {
        (Some(plan), Some(&named)) => opens_with_year && named < plan,
        _ => false,
    }
}

/// The years a plan can be for: four digits outside them are no year.
pub const YEARS: std::ops::RangeInclusive<u32> = 1949..=2200;

/// The kind a heading's wording gives, and the rule that decided it; None
/// when the wording says nothing (the area is then its part's kind, or plan).
pub(crate) fn heading_kind(text: &str, year: Option<u32>) -> Option<(AreaKind, &'static str)> {
    let years = years_in(text);
    if REVIEW_WORDS.iter().any(|w| text.contains(w)) {
        return Some((AreaKind::Review, "review-words"));
    }
    let this_year = THIS_YEAR_OF_PERIOD.iter().any(|w| text.contains(w))
        || PLAN_WORDS.iter().any(|w| text.contains(w));
    if !this_year {
        if names_five_year_plan(text) {
            return Some((AreaKind::Outlook, "five-year-plan"));
        }
        if OUTLOOK_WORDS.iter().any(|w| text.contains(w)) {
            return Some((AreaKind::Outlook, "outlook-words"));
        }
        if let Some(plan) = year
            && years.iter().any(|&y| y > plan)
        {
            return Some((AreaKind::Outlook, "later-year"));
        }
    }
    if let Some(plan) = year {
        if years.contains(&plan) {
            return Some((AreaKind::Plan, "plan-year"));
        }
        if !this_year && !years.is_empty() && years.iter().all(|&y| y < plan) {
            return Some((AreaKind::Review, "past-year"));
        }
    }
    this_year.then_some((AreaKind::Plan, "plan-words"))
}

/// 十四五, 十五五 …: the name of a five-year plan.
fn names_five_year_plan(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0] == '十' && w[2] == '五' && is_chinese_numeral(w[1]) && w[1] != '十')
}

/// The years a text names: four digits followed by 年, or ending a span
/// such as 2026—2030年.
pub(crate) fn years_in(text: &str) -> Vec<u32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let n = digits_at(&chars, i);
        if n == 0 {
            i += 1;
            continue;
        }
        let before_digit = i > 0 && is_digit(chars[i - 1]);
        let next = chars.get(i + n).copied();
        let spans = matches!(next, Some('—' | '-' | '–' | '~' | '至' | '到'))
            && chars.get(i + n + 1).is_some_and(|c| is_digit(*c));
        if n == 4 && !before_digit && (next == Some('年') || spans) {
            let digits: String = chars[i..i + n]
                .iter()
                .filter_map(|c| digit_value(*c))
                .map(|d| char::from_digit(d, 10).unwrap_or('0'))
                .collect();
            if let Ok(year) = digits.parse::<u32>()
                && YEARS.contains(&year)
            {
                out.push(year);
            }
        }
        i += n;
    }
    out
}

/// The plan's year named by a line that names a report or a meeting:
/// 2026年政府工作报告, ——2026年1月18日在…会议上.
pub(crate) fn report_year(text: &str) -> Option<u32> {
    years_in(text).first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<AreaKind> {
        heading_kind(text, Some(2026)).map(|(k, _)| k)
    }

    #[test]
    fn kinds_by_wording_and_years() {
        assert_eq!(kind("2025年工作回顾"), Some(AreaKind::Review));
        assert_eq!(kind("2025年主要工作"), Some(AreaKind::Review));
        assert_eq!(kind("“十五五”时期发展主要目标"), Some(AreaKind::Outlook));
        assert_eq!(kind("“十五五”发展的主要考虑"), Some(AreaKind::Outlook));
        assert_eq!(kind("到2030年的奋斗目标"), Some(AreaKind::Outlook));
        assert_eq!(kind("2026年工作安排"), Some(AreaKind::Plan));
        assert_eq!(kind("今年主要任务"), Some(AreaKind::Plan));
        assert_eq!(
            kind("推动高质量发展,为“十五五”开好局"),
            Some(AreaKind::Plan)
        );
        assert_eq!(kind("全面加强政府自身建设"), None);
        assert_eq!(
            heading_kind("2025年工作回顾", None).map(|k| k.0),
            Some(AreaKind::Review)
        );
    }

    #[test]
    fn years_are_four_digits_before_nian_or_in_a_span() {
        assert_eq!(years_in("——2026年1月18日在大会上"), [2026]);
        assert_eq!(years_in("2026—2030年"), [2026, 2030]);
        assert_eq!(years_in("增长12026个"), Vec::<u32>::new());
        assert_eq!(years_in("5000年"), Vec::<u32>::new());
    }

    #[test]
    fn a_paragraph_looks_back_by_its_opening_words_or_an_earlier_year() {
        assert!(looks_back("过去一年", None));
        assert!(looks_back("去年全县地区生产总值增长6%", None));
        assert!(looks_back("过去的五年", None));
        assert!(looks_back("主要成绩", None), "a review word opens it");
        assert!(looks_back("2025年", Some(2026)));
        assert!(!looks_back("2026年", Some(2026)));
        assert!(!looks_back("2025年", None));
        assert!(!looks_back("今年全县地区生产总值增长6%左右", Some(2026)));
        assert!(!looks_back("推进城市更新", Some(2026)));
    }
}
