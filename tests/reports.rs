//! The importer on reports in every layout it serves, each written for these
//! tests about a made-up place: a full official report, a newspaper re-post,
//! a 要点 page, a paste with no headings and a GBK file. For each: its areas
//! and their kinds, its tasks, every target, its projects, and every
//! sentence kept verbatim at the line it cites.

mod common;

use plan_explorer::plan::import::{
    Options, import_bytes_with, import_file, import_text, import_text_with,
};
use plan_explorer::plan::{Plan, Target};
use proptest::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> Plan {
    import_file(Path::new(&format!("tests/fixtures/{name}"))).expect("the fixture imports")
}

fn source(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/{name}")).unwrap()
}

/// Each area as "kind | part | title".
fn areas(plan: &Plan) -> Vec<String> {
    plan.areas
        .iter()
        .map(|a| {
            let part = a.part.as_deref().unwrap_or("-");
            format!("{} | {part} | {}", a.kind.as_str(), a.title)
        })
        .collect()
}

/// Each task as "id title".
fn tasks(plan: &Plan) -> Vec<String> {
    plan.areas
        .iter()
        .flat_map(|a| &a.tasks)
        .map(|t| format!("{} {}", t.id, t.title))
        .collect()
}

fn reading(t: &Target) -> String {
    let max = t.value_max.map(|m| format!("–{m}")).unwrap_or_default();
    let q = t.qualifier.as_deref().map(|q| format!(" {q}"));
    format!("{}{max} {}{}", t.value, t.unit, q.unwrap_or_default())
}

/// Every target, grouped by the line of its commitment: "line: v unit q, …".
fn targets(plan: &Plan) -> String {
    let mut lines: Vec<(usize, Vec<String>)> = Vec::new();
    for (_, c, t) in plan.targets() {
        match lines.last_mut() {
            Some((line, list)) if *line == c.line => list.push(reading(t)),
            _ => lines.push((c.line, vec![reading(t)])),
        }
    }
    let rows: Vec<String> = lines
        .iter()
        .map(|(line, list)| format!("{line}: {}", list.join(", ")))
        .collect();
    rows.join("\n")
}

fn projects(plan: &Plan) -> Vec<&str> {
    plan.commitments()
        .flat_map(|(_, c)| c.projects.iter().map(String::as_str))
        .collect()
}

/// Numbering and list marks a line may open with, which the plan keeps as
/// structure rather than text.
fn strip_marker(text: &str) -> &str {
    let text = text.trim_start_matches(['—', '―']);
    let text = text.trim_start_matches(|c| ('\u{2460}'..='\u{2473}').contains(&c));
    let inner = text.trim_start_matches(['(', '（']);
    let digits = inner.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || "一二三四五六七八九十".contains(c)
            || ('\u{FF10}'..='\u{FF19}').contains(&c)
    });
    if digits.len() < inner.len() {
        for mark in [")", "）", "、", ".", "．"] {
            if let Some(rest) = digits.strip_prefix(mark) {
                return rest;
            }
        }
    }
    text
}

/// Every non-blank line of the source is in the plan: its commitments stand
/// on it verbatim, and what is left of it is a title (a lead sentence, a
/// heading) or a marker and a closing 。. A title that is a first clause
/// lies within a commitment of its line.
fn assert_every_sentence_is_kept<'a>(plan: &'a Plan, text: &str) -> usize {
    let lines: Vec<String> = text
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .map(|l| l.trim().to_string())
        .collect();
    let mut citing: Vec<Vec<(bool, &str)>> = vec![Vec::new(); lines.len() + 1];
    fn cite<'p>(citing: &mut [Vec<(bool, &'p str)>], line: usize, sentence: bool, text: &'p str) {
        citing[line].push((sentence, text));
    }
    let mut cite =
        |line: usize, sentence: bool, text: &'a str| cite(&mut citing, line, sentence, text);
    for p in plan.intro.iter().chain(&plan.closing).chain(&plan.asides) {
        cite(p.line, true, p.text.as_str());
    }
    if let Some(p) = lines.iter().position(|l| *l == plan.title) {
        cite(p + 1, true, plan.title.as_str());
    } else if let Some(p) = lines
        .iter()
        .position(|l| !l.is_empty() && plan.title.starts_with(l.as_str()))
    {
        // A title split over two lines.
        cite(p + 1, false, plan.title.as_str());
    }
    for area in &plan.areas {
        // A report with no headings has one area, titled by the plan.
        if area.title != plan.title || text.contains(&plan.title) {
            cite(area.line, false, area.title.as_str());
        }
        for task in &area.tasks {
            cite(task.line, false, task.title.as_str());
            for c in &task.commitments {
                cite(c.line, true, c.text.as_str());
            }
        }
    }
    let parts: Vec<&str> = plan
        .areas
        .iter()
        .filter_map(|a| a.part.as_deref())
        .collect();
    let mut sentences = 0;
    // Lines that carry the second half of a heading split over two.
    let mut continued = vec![false; lines.len() + 1];
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        let n = i + 1;
        if continued[n] {
            continue;
        }
        let mut rest = line.clone();
        let items = &citing[n];
        for (_, text) in items.iter().filter(|(sentence, _)| *sentence) {
            let at = rest
                .find(text)
                .unwrap_or_else(|| panic!("line {n}: {text} not on it"));
            rest.replace_range(at..at + text.len(), "\u{0}");
            sentences += 1;
        }
        for (_, title) in items.iter().filter(|(sentence, _)| !sentence) {
            if let Some(at) = rest.find(title) {
                rest.replace_range(at..at + title.len(), "\u{0}");
                sentences += 1;
            } else if let Some(tail) = title.strip_prefix(rest.trim()) {
                let next = (n + 1..=lines.len()).find(|&j| !lines[j - 1].is_empty());
                let next = next.expect("a split heading goes on");
                assert_eq!(lines[next - 1], tail, "line {n}: split heading {title}");
                continued[next] = true;
                rest.clear();
                sentences += 1;
            } else {
                let within = items.iter().any(|(s, t)| *s && t.contains(title));
                let part = parts.contains(&line.as_str());
                assert!(within || part, "line {n}: title {title} is not on it");
            }
        }
        let left = rest.replace('\u{0}', "");
        let left = strip_marker(left.trim()).trim_end_matches('。');
        let part_heading = parts.contains(&line.as_str());
        assert!(
            left.is_empty() || part_heading,
            "line {n}: {left:?} of {line:?} is in no item"
        );
    }
    sentences
}

#[test]
fn a_full_report_reads_its_title_block_parts_sections_and_closing() {
    let plan = fixture("full-report.txt");
    assert_eq!(plan.title, "政府工作报告");
    assert_eq!(plan.year, Some(2026));
    let intro: Vec<usize> = plan.intro.iter().map(|p| p.line).collect();
    assert_eq!(
        intro,
        [2, 3, 4, 5],
        "meeting line, speaker, salutation, opening"
    );
    assert_eq!(plan.closing.len(), 1);
    assert!(plan.closing[0].text.starts_with("各位代表!"));
    assert_eq!(
        areas(&plan),
        [
            "review | 一、2025年工作回顾 | 2025年工作回顾",
            "review | 一、2025年工作回顾 | 产业升级步伐加快",
            "review | 一、2025年工作回顾 | 民生保障持续加强",
            "outlook | 二、“十五五”时期发展主要目标 | “十五五”时期发展主要目标",
            "plan | 三、2026年工作安排 | 2026年工作安排",
            "plan | 三、2026年工作安排 | 扩大有效需求,巩固经济回升向好态势",
            "plan | 三、2026年工作安排 | 推进产业转型,加快培育新质生产力",
            "plan | 三、2026年工作安排 | 增进民生福祉,提升群众获得感",
            "plan | 四、全面加强政府自身建设 | 全面加强政府自身建设",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 过去一年",
            "2.1 新增规上工业企业160家",
            "3.1 新建改扩建中小学12所",
            "4.1 到2030年",
            "5.1 今年政府工作的总体要求是",
            "5.2 今年经济社会发展的主要预期目标是",
            "6.1 提振消费活力",
            "6.2 优化投资结构",
            "6.3 强化要素保障",
            "7.1 建设智能制造示范工厂20家",
            "7.2 做强数字经济",
            "8.1 稳定就业大局",
            "8.2 办好人民满意教育",
            "9.1 坚持依法行政",
            "9.2 持续改进作风",
        ]
    );
    assert_eq!(
        targets(&plan),
        "7: 3120 亿元 达到, 5.8 %, 4.2 万人
8: 160 家, 11 %
9: 12 所, 5.1 %, 6.7 %
11: 4500 亿元 突破, 72 % 达到, 3 %
14: 5.5 % 左右, 4 万人 以上, 5.5 % 以内, 2 % 左右, 2.5 % 下降
16: 300 场次, 220 个, 800 亿元 以上
17: 3000 亩, 80 亿元
18: 20 家, 7 %
19: 1500 座
21: 3 万人次, 2000 人
22: 15 所, 1.2 万个"
    );
    assert_eq!(
        projects(&plan),
        [
            "云杉新材料产业园一期",
            "望湖大道",
            "东岭水厂",
            "青禾港三期",
            "北站综合枢纽",
            "城南数据中心",
            "市第二中学新校区",
        ]
    );
    assert_every_sentence_is_kept(&plan, &source("full-report.txt"));
}

#[test]
fn last_years_results_are_never_this_years_targets() {
    let plan = fixture("full-report.txt");
    use plan_explorer::plan::stats::{Scope, target_count, targets_in};
    assert_eq!(target_count(&plan, Scope::All), 28);
    assert_eq!(target_count(&plan, Scope::Plan), 17);
    for (item, _, t) in targets_in(&plan, Scope::Plan) {
        assert!(plan.areas[item.area()].is_plan(), "{}", t.text);
        assert_ne!(t.value, 3120.0, "last year's GDP is no target");
    }
    // 分别 spreads one subject over two quantities.
    let incomes: Vec<Option<&str>> = plan
        .targets()
        .filter(|(_, _, t)| t.value == 5.1 || t.value == 6.7)
        .map(|(_, _, t)| t.subject.as_deref())
        .collect();
    assert_eq!(incomes, [Some("城乡居民人均可支配收入"); 2]);
}

#[test]
fn a_newspaper_repost_keeps_its_clutter_aside_and_reads_dash_targets() {
    let plan = fixture("newspaper-repost.txt");
    assert_eq!(plan.title, "松川县2026年政府工作报告(摘要)");
    assert_eq!(plan.year, Some(2026));
    let asides: Vec<&str> = plan.asides.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        asides,
        [
            "【上接第1版】",
            "2026-02-05",
            "来源:松川日报",
            "记者 周某 摄",
            "打开新闻客户端 查看精彩图片",
            "(紧接第3版)",
            "责任编辑:李某",
        ]
    );
    assert_eq!(
        plan.intro.iter().map(|p| p.line).collect::<Vec<_>>(),
        [5, 6]
    );
    assert_eq!(
        plan.closing.iter().map(|p| p.line).collect::<Vec<_>>(),
        [33]
    );
    assert_eq!(
        areas(&plan),
        [
            "review | 2025年工作回顾 | 2025年工作回顾",
            "plan | 2026年主要预期目标 | 2026年主要预期目标",
            "plan | 2026年重点工作 | 做大做强特色产业",
            "plan | 2026年重点工作 | 加快城乡基础设施建设",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 过去一年",
            "2.1 地区生产总值增长6%左右",
            "3.1 发展壮大茶叶、竹木两大主导产业",
            "4.1 完成农村公路提质改造120公里",
            "4.2 强化安全生产监管",
            "4.3 提升应急处置能力",
        ]
    );
    // Five target lines, five commitments of one task, never headings.
    assert_eq!(plan.areas[1].tasks[0].commitments.len(), 5);
    assert_eq!(
        targets(&plan),
        "10: 418 亿元, 6.1 %
19: 6 % 左右
20: 4.5–5 %
21: 5000 人 以上
22: 3.2 亿斤 以上
23: 32 微克/立方米 以内
29: 2 万亩
30: 120 公里, 3–5 亿元"
    );
    assert_eq!(
        projects(&plan),
        [
            "松川大桥",
            "县人民医院新院区",
            "竹木精深加工园",
            "物流冷链中心",
            "县应急指挥中心",
        ]
    );
    assert_every_sentence_is_kept(&plan, &source("newspaper-repost.txt"));
}

#[test]
fn a_key_points_page_reads_numbered_target_lines() {
    let plan = fixture("key-points.txt");
    assert_eq!(plan.title, "桐林市2026年政府工作报告要点");
    assert_eq!(plan.year, Some(2026));
    assert_eq!(
        areas(&plan),
        [
            "plan | 一、主要预期目标 | 主要预期目标",
            "plan | 二、十项重点工作 | 稳住工业基本盘",
            "plan | 二、十项重点工作 | 激活消费市场",
            "plan | 二、十项重点工作 | 建设宜居城市",
            "review | 三、2025年主要成绩 | 2025年主要成绩",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 地区生产总值增长5%以上",
            "2.1 实施技改项目150个",
            "3.1 举办各类促消费活动500场次以上",
            "4.1 建成翠屏山公园、滨河绿道二期",
            "5.1 地区生产总值突破900亿元",
        ]
    );
    let list: Vec<&str> = plan.areas[0].tasks[0]
        .commitments
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(list.len(), 6, "six numbered lines, six commitments");
    assert_eq!(list[2], "社会消费品零售总额增长5%—6%;");
    assert_eq!(
        targets(&plan),
        "3: 5 % 以上
4: 6.5 %
5: 5–6 %
6: 5 %, 6.5 %
7: 80 万标箱 突破
8: 3 % 左右
10: 150 个, 100 家 以上
11: 500 场次 以上, 1800 万人次
12: 60 个
14: 900 亿元 突破, 5.6 %"
    );
    assert_eq!(projects(&plan), ["翠屏山公园", "滨河绿道二期"]);
    assert_every_sentence_is_kept(&plan, &source("key-points.txt"));
}

#[test]
fn a_paste_with_no_headings_is_one_plan_area() {
    let plan = fixture("plain-paste.txt");
    assert_eq!(plan.title, "plain-paste");
    assert_eq!(areas(&plan), ["plan | - | plain-paste"]);
    assert_eq!(
        tasks(&plan),
        ["1.1 推进城市更新", "1.2 完善交通网络", "1.3 提升公共服务"]
    );
    assert_eq!(
        targets(&plan),
        "1: 45 个, 120 部
2: 8 条
3: 6 所, 900 个, 20 个
4: 8 %"
    );
    assert_eq!(projects(&plan), ["环湖东路", "石桥大道北延段"]);
    assert_every_sentence_is_kept(&plan, &source("plain-paste.txt"));
    let (status, _, stderr) = common::run(&["import", "tests/fixtures/plain-paste.txt"]);
    assert_eq!(status, 0);
    assert_eq!(
        stderr,
        "plan-explorer: note: plain-paste.txt: the report has no headings; its paragraphs make one area\n"
    );
}

#[test]
fn a_gbk_file_reads_as_its_utf8_original() {
    let bytes = std::fs::read("tests/fixtures/gbk-report.txt").unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is GBK bytes"
    );
    let gbk = import_bytes_with(&bytes, "gbk-report.txt", &Options::default()).unwrap();
    assert_eq!(gbk.encoding, "gb18030");
    let utf8 = import_text(&source("gbk-report.utf8.txt"), "gbk-report.txt").unwrap();
    assert_eq!(gbk.plan, utf8);
    let plan = gbk.plan;
    assert_eq!(plan.title, "枫港区2026年政府工作报告");
    assert_eq!(
        areas(&plan),
        [
            "review | 一、2025年工作回顾 | 2025年工作回顾",
            "plan | 二、2026年重点任务 | 壮大实体经济",
            "plan | 二、2026年重点任务 | 改善人居环境",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 全区地区生产总值增长6.3%",
            "2.1 新增市场主体3000户",
            "3.1 新增绿地面积15万平方米",
        ]
    );
    assert_eq!(
        targets(&plan),
        "3: 6.3 %
5: 3000 户
6: 15 万平方米, 90 % 以上"
    );
    assert_eq!(projects(&plan), ["枫港科创中心"]);
    assert_every_sentence_is_kept(&plan, &source("gbk-report.utf8.txt"));
    let (status, stdout, stderr) = common::run(&["import", "tests/fixtures/gbk-report.txt"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("枫港科创中心"));
    assert_eq!(
        stderr,
        "plan-explorer: read tests/fixtures/gbk-report.txt as gb18030\n"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_reads_too() {
    let text = source("key-points.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let read = import_bytes_with(&bytes, "key-points.txt", &Options::default()).unwrap();
    assert_eq!(read.encoding, "UTF-16LE");
    assert_eq!(read.plan, fixture("key-points.txt"));
}

#[test]
fn cr_only_line_ends_are_line_breaks() {
    let text = source("full-report.txt");
    let cr = import_text(&text.replace('\n', "\r"), "full-report.txt").unwrap();
    assert_eq!(cr, fixture("full-report.txt"));
    assert_eq!(cr.areas.len(), 9);
}

#[test]
fn the_year_can_be_given() {
    let text = source("plain-paste.txt");
    let options = Options {
        year: Some(2027),
        ..Options::default()
    };
    let imported = import_text_with(&text, "plain-paste.txt", &options).unwrap();
    assert_eq!(imported.plan.year, Some(2027));
    let (status, stdout, _) =
        common::run(&["import", "tests/fixtures/plain-paste.txt", "--year", "2027"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("\"year\": 2027,"), "{stdout}");
    let (status, _, stderr) =
        common::run(&["import", "tests/fixtures/plain-paste.txt", "--year", "12"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("a year from 1949 to 2200"), "{stderr}");
}

#[test]
fn explain_names_each_lines_role_and_rule() {
    let (status, stdout, _) =
        common::run(&["import", "--explain", "tests/fixtures/newspaper-repost.txt"]);
    assert_eq!(status, 0);
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(
        stdout.starts_with("newspaper-repost.txt: read as UTF-8; year 2026 (title-year)\n"),
        "{stdout}"
    );
    // line, role, rules, text.
    let row = |line: &str| {
        rows.iter()
            .find(|r| r[0] == line)
            .unwrap_or_else(|| panic!("no row for line {line}"))
    };
    assert_eq!(row("1")[1..3], ["aside", "continuation-marker"]);
    assert_eq!(row("2")[1..3], ["aside", "date-line"]);
    assert_eq!(row("4")[1..3], ["title", "report-title"]);
    assert_eq!(row("5")[1..3], ["intro", "meeting-line"]);
    assert_eq!(row("6")[1..3], ["intro", "speaker-line"]);
    assert_eq!(row("8")[1..4], ["part", "(review)", "heading-beside-parts"]);
    assert_eq!(row("14")[1..3], ["aside", "byline"]);
    assert_eq!(row("15")[1..3], ["aside", "app-prompt"]);
    assert_eq!(row("20")[1..5], ["target", "list", "item", "dash-item"]);
    assert_eq!(row("27")[1..4], ["part", "(plan)", "heading-over-sections"]);
    assert_eq!(
        row("29")[1..4],
        ["area", "(plan)", "section-opens-paragraph"]
    );
    assert_eq!(
        row("31")[1..5],
        ["task", "paragraph", ">", "lead-sentence+inline-lead"]
    );
    assert_eq!(row("33")[1..3], ["closing", "closing-address"]);
    assert_eq!(row("35")[1..3], ["aside", "editor-line"]);
    let numbered: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let non_blank = source("newspaper-repost.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(numbered.len(), non_blank, "every non-blank line has a row");
}

#[test]
fn the_seed_keeps_every_sentence_at_its_line() {
    let plan = import_file(Path::new("seeds/luzhou-2026-work-report.txt")).unwrap();
    let sentences = assert_every_sentence_is_kept(
        &plan,
        &std::fs::read_to_string("seeds/luzhou-2026-work-report.txt").unwrap(),
    );
    assert!(sentences > 100);
    let kinds: Vec<&str> = plan.areas.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds[0], "outlook", "「十五五」 is an outlook");
    assert!(
        kinds[1..].iter().all(|k| *k == "plan"),
        "the ten work areas are the plan"
    );
    assert_eq!(plan.year, Some(2026));
}

/// The plan with every cited line replaced by its rank among the report's
/// non-blank lines, so that layouts that differ only in blank lines compare
/// equal.
fn by_content_line(mut plan: Plan, text: &str) -> Plan {
    let lines: Vec<&str> = text.split("\r\n").flat_map(|l| l.split('\n')).collect();
    let mut rank = vec![0; lines.len() + 2];
    let mut n = 0;
    for (i, l) in lines.iter().enumerate() {
        if !l.trim().is_empty() {
            n += 1;
        }
        rank[i + 1] = n;
    }
    let map = |line: &mut usize| *line = rank[*line];
    plan.source_lines = 0;
    for p in plan
        .intro
        .iter_mut()
        .chain(&mut plan.closing)
        .chain(&mut plan.asides)
    {
        map(&mut p.line);
    }
    for area in &mut plan.areas {
        map(&mut area.line);
        for task in &mut area.tasks {
            map(&mut task.line);
            for c in &mut task.commitments {
                map(&mut c.line);
            }
        }
    }
    plan
}

const FIXTURES: &[&str] = &[
    "full-report.txt",
    "newspaper-repost.txt",
    "key-points.txt",
    "plain-paste.txt",
    "gbk-report.utf8.txt",
    "audit-county.txt",
    "audit-province.txt",
    "audit-national.txt",
    "audit-paste-2026.txt",
    "audit-points.txt",
    "audit-prefecture.txt",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Blank lines (none, one or several between paragraphs), full-width
    /// indentation and CRLF line ends give the same plan.
    #[test]
    fn blank_lines_indentation_and_crlf_do_not_matter(
        fixture in 0..FIXTURES.len(),
        gaps in proptest::collection::vec(0usize..4, 64),
        indents in proptest::collection::vec(0usize..3, 64),
        crlf in any::<bool>(),
    ) {
        let name = FIXTURES[fixture];
        let text = source(name);
        let flat: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let mut variant = String::new();
        let newline = if crlf { "\r\n" } else { "\n" };
        for (k, line) in flat.iter().enumerate() {
            variant.push_str(&"\u{3000}".repeat(indents[k % indents.len()]));
            variant.push_str(line.trim());
            variant.push_str(newline);
            variant.push_str(&newline.repeat(gaps[k % gaps.len()]));
        }
        let base = import_text(&flat.join("\n"), name).unwrap();
        let other = import_text(&variant, name).unwrap();
        prop_assert_eq!(
            by_content_line(base, &flat.join("\n")),
            by_content_line(other, &variant)
        );
    }
}

#[test]
#[should_panic(expected = "is in no item")]
fn the_sentence_check_fails_when_a_sentence_is_lost() {
    let mut plan = fixture("full-report.txt");
    plan.areas[5].tasks[1].commitments.pop();
    assert_every_sentence_is_kept(&plan, &source("full-report.txt"));
}

#[test]
fn targets_and_stats_count_this_years_plan_unless_asked_for_all() {
    let plan = common::scratch("repost.json");
    let plan = plan.to_str().unwrap();
    let (status, _, _) =
        common::run(&["import", "tests/fixtures/newspaper-repost.txt", "-o", plan]);
    assert_eq!(status, 0);
    let (status, stdout, _) = common::run(&["--plan", plan, "targets"]);
    assert_eq!(status, 0);
    assert_eq!(stdout.lines().count(), 8, "{stdout}");
    assert!(
        stdout.contains("   4.5–5 %"),
        "a range prints as 4.5–5 %: {stdout}"
    );
    assert!(stdout.contains("     3–5 亿元"), "{stdout}");
    assert!(
        !stdout.contains("418"),
        "last year's result is no target: {stdout}"
    );
    let (_, stdout, _) = common::run(&["--plan", plan, "targets", "--all"]);
    assert_eq!(stdout.lines().count(), 10, "{stdout}");
    let past = stdout.lines().find(|l| l.contains("418")).unwrap();
    assert!(past.ends_with("[回顾]"), "{past}");
    let (_, stdout, _) = common::run(&["--plan", plan, "targets", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let range = json
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["unit"] == "亿元")
        .unwrap();
    assert_eq!(
        (range["value"].as_f64(), range["value_max"].as_f64()),
        (Some(3.0), Some(5.0))
    );
    assert_eq!(range["kind"], "plan");
    let (_, stdout, _) = common::run(&["--plan", plan, "stats"]);
    assert_eq!(stdout.lines().count(), 1 + 3, "three plan areas: {stdout}");
    let (_, stdout, _) = common::run(&["--plan", plan, "stats", "--all"]);
    assert_eq!(stdout.lines().count(), 1 + 4, "{stdout}");
    assert!(stdout.contains("[回顾] 2025年工作回顾"), "{stdout}");
}

#[test]
fn markdown_export_keeps_kinds_closing_and_page_furniture() {
    let plan = common::scratch("repost-md.json");
    let plan = plan.to_str().unwrap();
    let (status, _, _) =
        common::run(&["import", "tests/fixtures/newspaper-repost.txt", "-o", plan]);
    assert_eq!(status, 0);
    let (status, md, _) = common::run(&["--plan", plan, "export", "--format", "md"]);
    assert_eq!(status, 0);
    assert!(md.contains("Year: 2026"), "{md}");
    assert!(md.contains("## 1 [回顾] 2025年工作回顾"), "{md}");
    assert!(md.contains("| 4.1.1 | 3–5 | 亿元 |"), "{md}");
    assert!(md.contains("## Closing\n\n> 各位代表!"), "{md}");
    assert!(md.contains("- 【上接第1版】 *(line 1)*"), "{md}");
}

// ---- fixtures of the adversarial pass: a county, a province, the State
// Council and a bare paste, each with what broke before it was fixed -------

/// The targets of this year's plan only, as `targets` lists them.
fn plan_targets(plan: &Plan) -> Vec<String> {
    use plan_explorer::plan::stats::{Scope, targets_in};
    targets_in(plan, Scope::Plan)
        .map(|(_, c, t)| format!("{}: {}", c.line, reading(t)))
        .collect()
}

#[test]
fn a_county_report_with_sections_opening_paragraphs_and_no_blank_lines() {
    let plan = fixture("audit-county.txt");
    assert_eq!(
        (plan.title.as_str(), plan.year),
        ("政府工作报告", Some(2026))
    );
    let lines = |p: &[plan_explorer::plan::Passage]| p.iter().map(|p| p.line).collect::<Vec<_>>();
    assert_eq!(
        (lines(&plan.intro), lines(&plan.closing)),
        (vec![2, 3, 4, 5], vec![19])
    );
    assert_eq!(
        areas(&plan),
        [
            "review | 一、2025年主要工作回顾 | 县域经济稳中有进",
            "review | 一、2025年主要工作回顾 | 民生实事全面落地",
            "plan | 二、2026年重点工作 | 2026年重点工作",
            "plan | 二、2026年重点工作 | 抓项目扩投资,夯实发展后劲",
            "plan | 二、2026年重点工作 | 兴产业强园区,壮大县域经济",
            "plan | 二、2026年重点工作 | 办实事惠民生,增进群众福祉",
            "plan | 二、2026年重点工作 | 守底线保安全,建设平安石岭",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 全县地区生产总值完成268亿元",
            "2.1 城镇新增就业4100人",
            // An address to the deputies names no task.
            "2.2 成绩来之不易",
            "3.1 今年全县经济社会发展的主要预期目标是",
            "4.1 狠抓项目建设",
            "4.2 优化营商环境",
            "5.1 新增规上工业企业15家",
            // A lead inside the paragraph a section's heading opens.
            "5.2 提升文旅品质",
            "6.1 打造“15分钟”便民生活圈",
            "7.1 强化安全生产监管",
            "7.2 提升应急处置能力",
        ]
    );
    // No road code, 5G, 4A级, 12345, 90周年, “15分钟” or 5000吨级 is a target.
    assert_eq!(
        targets(&plan),
        "7: 268 亿元, 6.1 %, 14.2 亿元, 3.5 %
8: 4100 人, 7.2 %
11: 6 % 左右, 4.5–5 %, 5 %, 7 %, 4000 人 以上, 3 % 下降, 32 微克/立方米 以内, 28 万吨 以上
13: 120 个, 150 亿元 以上
14: 98 % 以上
15: 15 家, 200 亿元 力争突破, 1 个, 8–10 %, 2 个
16: 300 座, 12 个, 6 所
18: 5 支"
    );
    let subjects: Vec<Option<&str>> = plan
        .targets()
        .filter(|(_, c, _)| c.line >= 15)
        .map(|(_, _, t)| t.subject.as_deref())
        .collect();
    assert_eq!(
        subjects[4],
        Some("5000吨级泊位"),
        "a class opens what is counted"
    );
    assert_eq!(subjects[7], Some("幼儿园"), "新建和改扩建 is one verb");
    assert_eq!(
        projects(&plan),
        [
            "青石河大桥",
            "县城北环线",
            "G321改线",
            "S215扩建",
            "县医院新院区",
            "石岭中学新校区",
            "城东污水处理厂",
            // Two names joined by 和 are two names.
            "北环路二期",
            "青石隧道",
            // 建成并投用 is one verb: the name starts after it.
            "县文化馆新馆",
        ]
    );
    assert_eq!(
        plan_targets(&plan).len(),
        20,
        "last year's 6 are not this year's"
    );
    assert_eq!(
        assert_every_sentence_is_kept(&plan, &source("audit-county.txt")),
        38
    );
}

#[test]
fn a_provincial_digest_with_furniture_dash_and_numbered_target_lines() {
    let plan = fixture("audit-province.txt");
    assert_eq!(plan.title, "江澜省人民政府工作报告(摘登)");
    assert_eq!(plan.year, Some(2026));
    let asides: Vec<usize> = plan.asides.iter().map(|p| p.line).collect();
    assert_eq!(asides, [1, 2, 22, 24, 25, 26, 27]);
    assert_eq!(
        areas(&plan),
        [
            "review | 一、过去一年的工作 | 过去一年的工作",
            "plan | 二、今年主要任务 | 今年主要任务",
            "plan | 二、今年主要任务 | 坚定不移扩大内需",
            "plan | 二、今年主要任务 | 加快构建现代化产业体系",
            "plan | 二、今年主要任务 | 持续保障和改善民生",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 全省生产总值突破6.2万亿元",
            "2.1 今年全省经济社会发展主要预期目标",
            "2.2 重点抓好以下工作",
            "3.1 全面实施提振消费专项行动",
            "4.1 培育国家级专精特新“小巨人”企业40家",
            "5.1 新增城镇学位8万个",
        ]
    );
    assert_eq!(
        targets(&plan),
        "7: 6.2 万亿元 突破, 5.4 %, 6.8 %, 720 亿斤 达到
10: 5 % 左右
11: 60 万人 以上
12: 2 % 左右
13: 710 亿斤 以上
14: 2.5 % 左右
15: 0.1 个百分点
16: 800 万千瓦
17: 650 万标箱 达到
18: 2.3 亿人次
20: 5.5 %
21: 40 家
23: 8 万个, 20 元"
    );
    assert_eq!(
        projects(&plan),
        [
            "沿江高铁",
            "江澜国际机场三期",
            "澜湖水利枢纽",
            "西部陆海通道",
            // A name may open with a code, as G321… does.
            "3C产品检测认证中心",
        ]
    );
    assert_eq!(plan_targets(&plan).len(), 13);
    assert_eq!(
        assert_every_sentence_is_kept(&plan, &source("audit-province.txt")),
        34
    );
}

#[test]
fn a_national_report_reads_its_headline_targets_and_inline_leads() {
    let plan = fixture("audit-national.txt");
    assert_eq!(plan.year, Some(2026));
    assert_eq!(
        areas(&plan),
        [
            "review | 一、2025年工作回顾 | 2025年工作回顾",
            "plan | 二、2026年经济社会发展总体要求和政策取向 | 2026年经济社会发展总体要求和政策取向",
            "plan | 三、2026年政府工作任务 | 大力提振消费、扩大有效投资,全方位扩大国内需求",
            "plan | 三、2026年政府工作任务 | 因地制宜发展新质生产力,加快建设现代化产业体系",
            "plan | 三、2026年政府工作任务 | 持续用力改善民生",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 过去一年",
            // The headline targets are one task: 国际收支保持基本平衡; ends
            // in a semicolon, a list's item, no lead.
            "2.1 今年发展主要预期目标是",
            "2.2 实现上述目标",
            "3.1 实施提振消费专项行动",
            // A lead followed by a sentence that states a quantity.
            "3.2 积极扩大有效投资",
            "4.1 培育壮大新兴产业和未来产业",
            "5.1 城乡居民基础养老金最低标准再提高20元",
        ]
    );
    assert_eq!(
        targets(&plan),
        "7: 140 万亿元 达到, 5 %, 1260 万人, 1.42 万亿斤
9: 4.5–5 %, 1200 万人 以上, 5.5 % 左右, 2 % 左右, 1.4 万亿斤 左右, 2 % 左右
10: 4 %, 5.6 万亿元, 1.3 万亿元, 4.4 万亿元
13: 3000 亿元, 7500 亿元
17: 20 元, 30 元"
    );
    assert!(projects(&plan).is_empty(), "5G and 6G are no projects");
    assert_eq!(plan_targets(&plan).len(), 14);
    assert_eq!(
        assert_every_sentence_is_kept(&plan, &source("audit-national.txt")),
        35
    );
}

#[test]
fn a_paste_with_no_headings_keeps_past_results_out_of_the_plan() {
    let plan = fixture("audit-paste-2026.txt");
    assert_eq!(plan.year, Some(2026), "from the file name");
    assert_eq!(
        areas(&plan),
        [
            "review | - | 过去一年",
            "plan | - | audit-paste-2026",
            "review | - | 2025年",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 过去一年",
            "2.1 今年是打基础的一年",
            "2.2 今年全镇农业总产值增长6%左右",
            "2.3 推进集镇更新",
            "2.4 完善排水管网",
            "3.1 2025年",
        ]
    );
    assert_eq!(
        plan_targets(&plan),
        ["3: 6 % 左右", "3: 400 人 以上", "4: 30 个", "4: 12 公里"]
    );
    assert_eq!(
        targets(&plan),
        "1: 6.2 %, 380 人\n3: 6 % 左右, 400 人 以上\n4: 30 个, 12 公里\n5: 1200 亩",
        "last year's are kept, in review areas"
    );
    assert_eq!(projects(&plan), ["河西污水处理站"]);
    assert_eq!(
        assert_every_sentence_is_kept(&plan, &source("audit-paste-2026.txt")),
        9
    );
    let (status, _, stderr) = common::run(&["import", "tests/fixtures/audit-paste-2026.txt"]);
    assert_eq!(status, 0);
    assert!(
        stderr.contains("one area, besides 2 paragraphs on past results"),
        "{stderr}"
    );
    let (status, explained, _) =
        common::run(&["import", "--explain", "tests/fixtures/audit-paste-2026.txt"]);
    assert_eq!(status, 0);
    let rules: Vec<&str> = explained
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(4))
        .collect();
    assert_eq!(
        rules,
        [
            "no-headings-looks-back",
            "no-headings",
            "first-clause-task",
            "lead-sentence+inline-lead",
            "no-headings-looks-back",
        ],
        "{explained}"
    );
}

#[test]
fn a_short_sentence_inside_a_paragraph_opens_no_task() {
    // Only after a lead sentence, or after a section's heading on its line,
    // is a short sentence inside a paragraph read as a lead.
    let plan = import_text(
        "城乡建设\n推进城市更新,改造老旧小区20个。成效明显。新增绿地5万平方米,建成口袋公园3个。\n(一)提升城市品质。新增绿地5万平方米。完善公园体系。建成口袋公园3个,改造老旧小区20个。\n",
        "r.txt",
    )
    .unwrap();
    assert_eq!(
        tasks(&plan),
        [
            "1.1 推进城市更新",
            "2.1 新增绿地5万平方米",
            "2.2 完善公园体系"
        ]
    );
}

#[test]
fn a_key_points_page_with_bare_parts_and_points_as_siblings() {
    let plan = fixture("audit-points.txt");
    assert_eq!(plan.year, Some(2026));
    assert_eq!(
        areas(&plan),
        [
            "review | 2025年工作回顾 | 2025年工作回顾",
            "plan | 2026年主要预期目标 | 2026年主要预期目标",
            "plan | 2026年重点工作 | 扩大有效投资",
            "plan | 2026年重点工作 | 提升城市品质",
        ]
    );
    assert_eq!(
        tasks(&plan),
        [
            "1.1 全区地区生产总值增长5.9%",
            "2.1 地区生产总值增长5.5%以上",
            // Points that no heading or paragraph introduces are siblings.
            "3.1 一是加快项目建设",
            "3.2 二是强化要素保障",
            // Points a paragraph introduces go on in its task.
            "4.1 重点抓好两方面工作",
        ]
    );
    assert_eq!(
        targets(&plan),
        "3: 5.9 %, 1.2 万户
5: 5.5 % 以上
6: 8 %
7: 6000 人
8: 5.5 %, 7 %
9: 30 家
12: 90 个, 120 亿元
13: 2000 亩
17: 40 个"
    );
    assert_eq!(projects(&plan), ["梧桐湖公园", "区图书馆"]);
    let closing: Vec<usize> = plan.closing.iter().map(|p| p.line).collect();
    assert_eq!(closing, [18, 19]);
    assert_eq!(
        assert_every_sentence_is_kept(&plan, &source("audit-points.txt")),
        20
    );
}

#[test]
fn a_title_over_two_lines_and_an_outlook_part_between_plan_parts() {
    let plan = fixture("audit-prefecture.txt");
    assert_eq!(plan.title, "云岭州政府工作报告");
    assert_eq!(plan.year, Some(2026), "from the meeting line in brackets");
    let intro: Vec<usize> = plan.intro.iter().map(|p| p.line).collect();
    assert_eq!(intro, [3, 4, 5, 6]);
    assert_eq!(
        areas(&plan),
        [
            "review | 一、2025年工作回顾 | 2025年工作回顾",
            "plan | 二、2026年工作总体要求和主要目标 | 2026年工作总体要求和主要目标",
            "outlook | 三、“十五五”时期主要目标任务 | “十五五”时期主要目标任务",
            "plan | 四、2026年重点工作 | 做强特色产业",
            "plan | 五、加强政府自身建设 | 加强政府自身建设",
        ]
    );
    assert_eq!(
        plan_targets(&plan),
        ["10: 5.5 % 左右", "10: 5.5 %", "10: 7 %", "14: 5 万亩"]
    );
    assert_eq!(plan.closing.len(), 1);
    assert_eq!(
        assert_every_sentence_is_kept(&plan, &source("audit-prefecture.txt")),
        16
    );
    let (_, explained, _) =
        common::run(&["import", "--explain", "tests/fixtures/audit-prefecture.txt"]);
    assert!(
        explained
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains("title") && l.contains("split-title")),
        "{explained}"
    );
}

#[test]
fn the_targets_table_lines_up_long_units_and_qualifiers() {
    let plan = common::scratch("county.json");
    let plan = plan.to_str().unwrap();
    let (status, _, _) = common::run(&["import", "tests/fixtures/audit-county.txt", "-o", plan]);
    assert_eq!(status, 0);
    let (status, stdout, _) = common::run(&["--plan", plan, "targets"]);
    assert_eq!(status, 0);
    let subjects: Vec<String> = fixture("audit-county.txt")
        .targets()
        .filter(|(_, c, _)| c.line >= 11)
        .map(|(_, _, t)| t.subject.clone().unwrap_or_default())
        .collect();
    assert_eq!(stdout.lines().count(), subjects.len(), "{stdout}");
    // Every subject starts at the same column, after 微克/立方米 and 力争突破.
    let columns: Vec<usize> = stdout
        .lines()
        .zip(&subjects)
        .map(|(line, subject)| {
            let before = line.strip_suffix(subject.as_str()).expect(line);
            plan_explorer::width::str_width(before)
        })
        .collect();
    assert!(columns.iter().all(|&c| c == columns[0]), "{stdout}");
}

/// The cells of a Markdown table row, split as GFM splits them: at each
/// pipe not escaped by a backslash.
fn markdown_cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.trim().trim_matches('|').chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cells.last_mut().unwrap().push(c);
                cells.last_mut().unwrap().extend(chars.next());
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn markdown_export_escapes_backslashes_pipes_and_html_of_a_plan() {
    let text = std::fs::read_to_string(common::embedded_plan()).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let commitment = &mut plan["areas"][1]["tasks"][0]["commitments"][0];
    commitment["text"] = "甲<script>alert(1)</script>乙".into();
    commitment["targets"][0]["subject"] = "a\\|b".into();
    let path = common::scratch("markdown-marks.json");
    std::fs::write(&path, serde_json::to_vec(&plan).unwrap()).unwrap();
    let (status, stdout, _) =
        common::run(&["--plan", path.to_str().unwrap(), "export", "--format", "md"]);
    assert_eq!(status, 0);
    assert!(!stdout.contains("<script>"), "{stdout}");
    let row = stdout
        .lines()
        .find(|l| l.starts_with("| 2.1.1 | 2100 "))
        .expect("the row of 2100亿元");
    let cells = markdown_cells(row);
    assert_eq!(cells.len(), 5, "{row}");
    assert_eq!(cells[4].trim(), "a\\\\\\|b", "{row}");
}

#[test]
fn a_report_of_page_furniture_only_says_its_plan_has_no_areas() {
    let path = common::write("furniture.txt", "来源:某某日报\n责任编辑:某某\n".as_bytes());
    let (status, stdout, stderr) = common::run(&["import", path.to_str().unwrap()]);
    assert_eq!(status, 0);
    let plan: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(plan["areas"].as_array().map(Vec::len), Some(0));
    assert_eq!(plan["asides"].as_array().map(Vec::len), Some(2), "kept");
    assert!(
        stderr.contains("furniture.txt: the report has no paragraphs")
            && stderr.contains("the plan has no areas")
            && !stderr.contains("make one area"),
        "{stderr}"
    );
}
