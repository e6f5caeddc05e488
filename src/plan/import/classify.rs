//! The classify step: every non-blank line gets a role from small named
//! rules that look only at the line and its neighbours. A rule's name is
//! what `import --explain` prints. Blank lines are never looked at.

use super::marker::{Marker, split_marker};
use crate::plan::extract::states_quantity;
use crate::plan::text::{char_len, ends_sentence, is_sentence_end, sentences, strip_sentence_end};

/// A heading longer than this (in chars) is a paragraph that lost its mark.
pub(crate) const HEADING_MAX_CHARS: usize = 40;

/// A section's heading sentence longer than this is a numbered paragraph.
const SECTION_TITLE_MAX_CHARS: usize = 60;

/// The title block's lines are short.
const TITLE_BLOCK_MAX_CHARS: usize = 60;
const SPEAKER_MAX_CHARS: usize = 24;
const SALUTATION_MAX_CHARS: usize = 20;
const ASIDE_MAX_CHARS: usize = 40;

/// What a line is, before the build step places it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Page furniture of a re-post.
    Aside,
    /// The report's title.
    Title,
    /// ——2026年1月18日在…会议上
    Meeting,
    /// 某某市市长 某某
    Speaker,
    /// 各位代表:
    Salutation,
    /// 一、2026年工作安排, or a heading over sections.
    Part,
    /// (一)… alone, or opening a paragraph.
    Section,
    /// A short line with no sentence mark; `before_points` when 一是… follows.
    Heading {
        before_points: bool,
    },
    /// The second line of a heading split over two.
    HeadingContinued,
    Paragraph,
    /// A target-list item: ——…, 1.…, or a line that states a quantity.
    ListItem,
    /// 一是…, 二是…
    Point,
    /// The closing address (各位代表!……) and what follows it.
    Closing,
}

/// A non-blank line with its role and the rule that gave it.
#[derive(Debug, Clone)]
pub(crate) struct Classified<'a> {
    /// 1-based.
    pub line: usize,
    /// The whole line, trimmed.
    pub text: &'a str,
    pub marker: Option<Marker>,
    /// The line without its marker.
    pub body: &'a str,
    pub role: Role,
    pub rule: &'static str,
}

/// Classifies every non-blank line.
pub(crate) fn classify(lines: &[String]) -> Vec<Classified<'_>> {
    let mut out: Vec<Classified> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| line_role(i + 1, l))
        .collect();
    title_block(&mut out);
    split_headings(&mut out);
    headings_before_points(&mut out);
    headings_over_sections(&mut out);
    closing(&mut out);
    out
}

/// The rules that look at the line alone.
fn line_role(line: usize, text: &str) -> Classified<'_> {
    let (marker, body) = split_marker(text);
    let (role, rule) = match aside_rule(text) {
        Some(rule) => (Role::Aside, rule),
        None => content_role(marker, body, text),
    };
    Classified {
        line,
        text,
        marker,
        body,
        role,
        rule,
    }
}

fn content_role(marker: Option<Marker>, body: &str, text: &str) -> (Role, &'static str) {
    match marker {
        Some(Marker::Chapter)
            if is_heading_shaped(strip_sentence_end(body))
                && body.chars().any(char::is_alphanumeric) =>
        {
            (Role::Part, "numbered-part")
        }
        Some(Marker::Chapter) => (Role::Paragraph, "numbered-paragraph"),
        Some(Marker::Section) => {
            let first = sentences(body).first().copied().unwrap_or(body);
            if states_quantity(first) {
                (Role::ListItem, "numbered-item")
            } else if char_len(first) <= SECTION_TITLE_MAX_CHARS {
                (Role::Section, "numbered-section")
            } else {
                (Role::Paragraph, "numbered-paragraph")
            }
        }
        Some(Marker::Point) => (Role::Point, "enumerated-point"),
        Some(Marker::Item | Marker::Dash) if sentences(body).len() > 1 => {
            (Role::Paragraph, "numbered-paragraph")
        }
        Some(Marker::Item) => (Role::ListItem, "numbered-item"),
        Some(Marker::Dash) => (Role::ListItem, "dash-item"),
        None if is_heading_shaped(text) => {
            if states_quantity(text) {
                (Role::ListItem, "quantity-line")
            } else {
                (
                    Role::Heading {
                        before_points: false,
                    },
                    "heading",
                )
            }
        }
        None if has_no_sentence_mark(text) && states_quantity(text) => {
            (Role::ListItem, "quantity-line")
        }
        None => (Role::Paragraph, "paragraph"),
    }
}

fn has_no_sentence_mark(text: &str) -> bool {
    !ends_sentence(text) && !strip_sentence_end(text).chars().any(is_sentence_end)
}

/// A heading is short and has no sentence mark anywhere: a paragraph that
/// lost its final full stop still has marks inside it.
pub(crate) fn is_heading_shaped(text: &str) -> bool {
    has_no_sentence_mark(text) && char_len(text) <= HEADING_MAX_CHARS
}

// ---- page furniture -------------------------------------------------------

/// Words that open a line naming where a re-post comes from.
const SOURCE_OPENERS: &[&str] = &["来源", "稿源", "出处", "转自", "原标题", "本文来源"];

/// Words that open a line naming who edited a re-post.
const EDITOR_OPENERS: &[&str] = &[
    "责任编辑",
    "责编",
    "编辑",
    "校对",
    "审核",
    "一审",
    "二审",
    "三审",
    "终审",
    "监制",
    "统筹",
    "美编",
    "值班编辑",
];

/// Words that open or close a byline.
const BYLINE_OPENERS: &[&str] = &[
    "记者",
    "本报记者",
    "见习记者",
    "特约记者",
    "通讯员",
    "摄影",
    "新华社记者",
];
const BYLINE_CLOSERS: &[&str] = &[" 摄", "\u{3000}摄", "摄影", "报道", "/摄"];

/// Words of a news app's prompt.
const APP_PROMPT_WORDS: &[&str] = &[
    "客户端",
    "扫码",
    "扫一扫",
    "点击",
    "阅读原文",
    "精彩图片",
    "长按",
    "查看更多",
    "下载",
];

const OPEN_BRACKETS: &[char] = &['【', '(', '（', '〔', '[', '［'];
const CLOSE_BRACKETS: &[char] = &['】', ')', '）', '〕', ']', '］'];

fn aside_rule(text: &str) -> Option<&'static str> {
    if char_len(text) > ASIDE_MAX_CHARS {
        return None;
    }
    let opens_with = |words: &[&str]| {
        words.iter().any(|w| {
            text.strip_prefix(w).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with([':', '：', ' ', '\u{3000}'])
            })
        })
    };
    if is_continuation_marker(text) {
        Some("continuation-marker")
    } else if is_date_line(text) {
        Some("date-line")
    } else if opens_with(SOURCE_OPENERS) {
        Some("source-line")
    } else if opens_with(EDITOR_OPENERS) {
        Some("editor-line")
    } else if has_no_sentence_mark(text)
        && !text.contains([',', '，'])
        && (opens_with(BYLINE_OPENERS) || BYLINE_CLOSERS.iter().any(|w| text.ends_with(w)))
    {
        Some("byline")
    } else if has_no_sentence_mark(text) && APP_PROMPT_WORDS.iter().any(|w| text.contains(w)) {
        Some("app-prompt")
    } else {
        None
    }
}

/// 【上接第2版】, (紧接第3版), 〔下转第4版〕: the whole line is in brackets and
/// names a page.
fn is_continuation_marker(text: &str) -> bool {
    let inner = text
        .strip_prefix(OPEN_BRACKETS)
        .and_then(|t| t.strip_suffix(CLOSE_BRACKETS));
    let names_page =
        |t: &str| t.contains('版') && (t.contains('接') || t.contains('转') || t.contains('续'));
    match inner {
        Some(inner) => names_page(inner),
        None => {
            char_len(text) <= 8 && text.starts_with(['上', '下', '接', '转']) && names_page(text)
        }
    }
}

/// 2026-02-03, 2026年2月3日 星期二, 2026/02/03 08:30: a line that is only a date.
fn is_date_line(text: &str) -> bool {
    let leading_digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    leading_digits == 4
        && text.chars().all(|c| {
            c.is_ascii_digit() || c.is_whitespace() || "-/.:年月日星期周一二三四五六天".contains(c)
        })
}

// ---- the title block --------------------------------------------------------

/// Words that name a report or a digest of one.
const REPORT_WORDS: &[&str] = &["报告", "要点", "摘要", "摘登", "全文"];

/// Offices whose holder delivers a report.
const OFFICES: &[&str] = &[
    "市长", "省长", "县长", "区长", "州长", "旗长", "盟长", "总理", "主席", "主任",
];

/// Openers of an address to the deputies.
const ADDRESS_OPENERS: &[&str] = &["各位代表", "各位委员", "同志们", "女士们"];

/// Words that join an address after its opener: 女士们、先生们.
const ADDRESS_FOLLOWERS: &[&str] = &["先生们", "朋友们"];

/// A clause that only addresses the deputies: 各位代表, 女士们、先生们.
pub(crate) fn is_address(clause: &str) -> bool {
    clause.split('、').all(|w| {
        let w = w.trim();
        ADDRESS_OPENERS.contains(&w) || ADDRESS_FOLLOWERS.contains(&w)
    })
}

fn is_meeting_line(text: &str) -> bool {
    let body =
        text.trim_matches(|c: char| OPEN_BRACKETS.contains(&c) || CLOSE_BRACKETS.contains(&c));
    let body = body.trim_start_matches(['—', '-', '－', '\u{2015}']);
    char_len(text) <= TITLE_BLOCK_MAX_CHARS
        && (body.contains("代表大会") || body.contains("会议"))
        && body.ends_with('上')
}

fn is_salutation(text: &str) -> bool {
    ADDRESS_OPENERS.iter().any(|w| text.starts_with(w))
        && char_len(text) <= SALUTATION_MAX_CHARS
        && text.ends_with([':', '：', ',', '，'])
}

fn is_structure(role: Role) -> bool {
    matches!(
        role,
        Role::Part | Role::Section | Role::Heading { .. } | Role::HeadingContinued
    )
}

/// Title, meeting line, speaker and salutation: the lines before the first
/// part, section or heading that say who reports, where and to whom.
fn title_block(lines: &mut [Classified]) {
    let has_parts = lines.iter().any(|c| c.role == Role::Part);
    let mut previous: Option<Role> = None;
    let mut first = true;
    for k in 0..lines.len() {
        if lines[k].role == Role::Aside || lines[k].rule == "split-title" {
            continue;
        }
        let text = lines[k].text;
        let rule = if is_meeting_line(text) {
            Some((Role::Meeting, "meeting-line"))
        } else if is_salutation(text) {
            Some((Role::Salutation, "salutation"))
        } else if matches!(previous, Some(Role::Title | Role::Meeting))
            && has_no_sentence_mark(text)
            && char_len(text) <= SPEAKER_MAX_CHARS
            && OFFICES.iter().any(|o| text.contains(o))
        {
            Some((Role::Speaker, "speaker-line"))
        } else if first
            && matches!(lines[k].role, Role::Heading { .. })
            && (REPORT_WORDS.iter().any(|w| text.contains(w))
                || has_parts
                || next_content(lines, k).is_some_and(|n| is_meeting_line(n.text)))
        {
            Some((Role::Title, "report-title"))
        } else {
            None
        };
        first = false;
        match rule {
            Some((role, rule)) => {
                lines[k].role = role;
                lines[k].rule = rule;
                previous = Some(role);
                if role == Role::Title {
                    split_title(lines, k);
                }
            }
            None if is_structure(lines[k].role) => return,
            None => previous = Some(lines[k].role),
        }
    }
}

/// A title over two lines, the place on the first and the report on the
/// second (云岭州 / 政府工作报告): the second line goes on in the title.
fn split_title(lines: &mut [Classified], k: usize) {
    let names_report = |text: &str| REPORT_WORDS.iter().any(|w| text.contains(w));
    if names_report(lines[k].text) {
        return;
    }
    if let Some(j) = next_content_index(lines, k)
        && matches!(lines[j].role, Role::Heading { .. })
        && names_report(lines[j].text)
        && char_len(lines[k].text) + char_len(lines[j].text) <= TITLE_BLOCK_MAX_CHARS
    {
        lines[j].role = Role::HeadingContinued;
        lines[j].rule = "split-title";
    }
}

fn next_content<'c, 'a>(lines: &'c [Classified<'a>], k: usize) -> Option<&'c Classified<'a>> {
    lines[k + 1..].iter().find(|c| c.role != Role::Aside)
}

fn next_content_index(lines: &[Classified], k: usize) -> Option<usize> {
    (k + 1..lines.len()).find(|&j| lines[j].role != Role::Aside)
}

// ---- neighbours -----------------------------------------------------------------

/// Chars that leave a heading unfinished: 发展的 / 主要考虑 is one heading.
const CONNECTIVES: &[char] = &['的', '和', '与', '及', '、', ',', '，', '之', '在'];

/// A heading split over lines is still short: its lines together hold at
/// most this many chars.
const SPLIT_HEADING_MAX_CHARS: usize = 2 * HEADING_MAX_CHARS;

/// A heading that ends in a connective goes on in the heading after it, as
/// long as the whole heading stays short.
fn split_headings(lines: &mut [Classified]) {
    // The chars of the heading that line `k` ends so far.
    let mut so_far = 0;
    for k in 0..lines.len() {
        let opens = match lines[k].role {
            Role::Heading { .. } | Role::Part | Role::HeadingContinued | Role::Title => true,
            Role::Section => sentences(lines[k].body).len() == 1,
            _ => false,
        };
        if !matches!(lines[k].role, Role::HeadingContinued | Role::Aside) {
            so_far = char_len(lines[k].text);
        }
        if !opens || !lines[k].text.ends_with(CONNECTIVES) {
            continue;
        }
        if let Some(j) = next_content_index(lines, k)
            && lines[j].role
                == (Role::Heading {
                    before_points: false,
                })
            && so_far + char_len(lines[j].text) <= SPLIT_HEADING_MAX_CHARS
        {
            lines[j].role = Role::HeadingContinued;
            lines[j].rule = "split-heading";
            so_far += char_len(lines[j].text);
        }
    }
}

/// A heading followed by enumerated points (一是…) names them.
fn headings_before_points(lines: &mut [Classified]) {
    for k in 0..lines.len() {
        if !matches!(lines[k].role, Role::Heading { .. } | Role::HeadingContinued) {
            continue;
        }
        let next = next_content_index(lines, k);
        if next.is_some_and(|j| lines[j].role == Role::Point) {
            // The heading's first line carries the flag.
            let mut h = k;
            while lines[h].role == Role::HeadingContinued && h > 0 {
                h -= 1;
            }
            if let Role::Heading { before_points } = &mut lines[h].role {
                *before_points = true;
                lines[h].rule = "heading-before-points";
            }
        }
    }
}

/// In a report without numbered parts (a re-post that lost them), a heading
/// whose content holds (一) sections is a part; so is every heading that
/// stands outside sections once there is one, as its siblings.
fn headings_over_sections(lines: &mut [Classified]) {
    if lines.iter().any(|c| c.role == Role::Part) {
        return;
    }
    let plain = Role::Heading {
        before_points: false,
    };
    let mut any = false;
    for k in 0..lines.len() {
        if lines[k].role != plain {
            continue;
        }
        let holds_section = lines[k + 1..]
            .iter()
            .filter(|c| c.role != Role::HeadingContinued)
            .take_while(|c| !matches!(c.role, Role::Heading { .. } | Role::Part))
            .any(|c| c.role == Role::Section);
        if holds_section {
            lines[k].role = Role::Part;
            lines[k].rule = "heading-over-sections";
            any = true;
        }
    }
    if !any {
        return;
    }
    let mut in_sections = false;
    for c in lines.iter_mut() {
        match c.role {
            Role::Part => in_sections = false,
            Role::Section => in_sections = true,
            role if role == plain && !in_sections => {
                c.role = Role::Part;
                c.rule = "heading-beside-parts";
            }
            _ => {}
        }
    }
}

/// After the last part, section, heading or list, a paragraph that opens
/// with an address to the deputies (各位代表!) closes the report; what
/// follows it does too.
fn closing(lines: &mut [Classified]) {
    let Some(last_structure) = lines
        .iter()
        .rposition(|c| is_structure(c.role) || matches!(c.role, Role::ListItem | Role::Point))
    else {
        return;
    };
    let mut closing = false;
    for c in &mut lines[last_structure + 1..] {
        if c.role != Role::Paragraph {
            continue;
        }
        if !closing
            && ADDRESS_OPENERS.iter().any(|w| {
                c.text
                    .strip_prefix(w)
                    .is_some_and(|rest| rest.starts_with(['!', '！', ',', '，', ':', '：']))
            })
        {
            closing = true;
            c.role = Role::Closing;
            c.rule = "closing-address";
        } else if closing {
            c.role = Role::Closing;
            c.rule = "after-closing";
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(Role, &'static str)> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        classify(&lines).iter().map(|c| (c.role, c.rule)).collect()
    }

    #[test]
    fn page_furniture_is_aside() {
        for line in [
            "【上接第2版】",
            "(紧接第3版)",
            "2026-02-03",
            "2026年2月3日 星期二",
            "来源:某某日报",
            "记者 某某 摄",
            "责任编辑:某某",
            "打开新闻客户端 查看精彩图片",
        ] {
            assert_eq!(roles(line)[0].0, Role::Aside, "{line}");
        }
        assert_eq!(
            roles("来源于群众的意见建议得到落实。")[0].0,
            Role::Paragraph
        );
    }

    #[test]
    fn headings_are_short_and_state_no_quantity() {
        assert_eq!(
            roles("以链带面、强链聚群,做大做强制造业")[0].0,
            Role::Heading {
                before_points: false
            }
        );
        assert_eq!(
            roles("城镇新增就业5万人以上")[0],
            (Role::ListItem, "quantity-line")
        );
        assert_eq!(
            roles("——地区生产总值增长5%左右;")[0],
            (Role::ListItem, "dash-item")
        );
        assert_eq!(roles("推进A。实施B")[0].0, Role::Paragraph);
    }

    #[test]
    fn a_heading_ending_in_a_connective_goes_on() {
        let r = roles("“十五五”发展的\n主要考虑\n推进A。实施B。");
        assert_eq!(r[1], (Role::HeadingContinued, "split-heading"));
        let r = roles("扩大内需\n提振消费\n推进A。实施B。");
        assert_eq!(
            r[1].0,
            Role::Heading {
                before_points: false
            }
        );
    }

    #[test]
    fn a_split_heading_stays_short() {
        // Every line ends in a connective: the heading goes on only while
        // its lines hold at most SPLIT_HEADING_MAX_CHARS together, so no
        // heading grows with the file (and joining it costs no more).
        let text = format!("城市更新的\n{}推进A。实施B。", "甲乙丙和\n".repeat(100));
        let r = roles(&text);
        let mut heading = 0;
        for (k, (role, _)) in r.iter().enumerate() {
            let len = text.lines().nth(k).map_or(0, char_len);
            match role {
                Role::HeadingContinued => heading += len,
                _ => heading = len,
            }
            assert!(heading <= SPLIT_HEADING_MAX_CHARS, "line {}", k + 1);
        }
        let continued = r.iter().filter(|(role, _)| *role == Role::HeadingContinued);
        assert_eq!(
            continued.count(),
            100 - 100 / 20,
            "a new heading every 20 lines"
        );
    }

    #[test]
    fn an_address_is_made_of_address_words_only() {
        assert!(is_address("各位代表"));
        assert!(is_address("女士们、先生们"));
        assert!(is_address("各位代表、同志们、朋友们"));
        assert!(!is_address("先生们、各位代表好"));
        assert!(!is_address("各位代表好"));
        assert!(!is_address(""));
    }
}
