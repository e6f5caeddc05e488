//! The importer: faithful to the report, stable, and unbreakable.

use plan_explorer::plan::import::{import_bytes, import_file, import_text};
use plan_explorer::plan::{ImportError, Plan};
use proptest::prelude::*;
use std::path::Path;

const SEED: &str = "seeds/luzhou-2026-work-report.txt";

fn seed_plan() -> Plan {
    import_file(Path::new(SEED)).expect("the seed imports")
}

/// All text a reader can find an item by: titles, intro lines and commitments.
fn all_texts(plan: &Plan) -> Vec<String> {
    let mut texts: Vec<String> = plan.intro.iter().map(|l| l.text.clone()).collect();
    for area in &plan.areas {
        texts.push(area.title.clone());
        for task in &area.tasks {
            texts.push(task.title.clone());
            texts.extend(task.commitments.iter().map(|c| c.text.clone()));
        }
    }
    texts
}

/// FNV-1a, 64 bits: enough to notice a changed byte, with no crate.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The shared original's length and FNV-1a hash, for a clone without it.
const SHARED_SEED: (usize, u64) = (11_611, 0x65e1_5376_c955_1ea8);

#[test]
fn seed_is_a_byte_identical_copy_of_the_shared_report() {
    let seed = std::fs::read(SEED).unwrap();
    let shared = Path::new("../shared/seeds/luzhou-2026-work-report.txt");
    match std::fs::read(shared) {
        Ok(original) => {
            assert!(seed == original, "{SEED} differs from {}", shared.display());
            assert_eq!((original.len(), fnv1a(&original)), SHARED_SEED);
        }
        Err(e) => {
            // CI runs beside ../shared, so there it must be found; a clone
            // elsewhere checks the seed against the original's fingerprint.
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is missing in CI: {e}",
                shared.display()
            );
            eprintln!(
                "{} not found ({e}): checking the fingerprint",
                shared.display()
            );
            assert_eq!((seed.len(), fnv1a(&seed)), SHARED_SEED, "{SEED} changed");
        }
    }
}

#[test]
fn the_ten_work_areas_follow_the_fifteenth_plan_section_in_order() {
    let plan = seed_plan();
    let titles: Vec<&str> = plan.areas.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "“十五五”发展的主要考虑",
            "以链带面、强链聚群,做大做强制造业",
            "抓项目促投资,有力夯实发展根基",
            "文旅商融合发展,加快建设区域消费中心城市",
            "品质主导,加快建设独具魅力的中国酒城",
            "提质增效,加快农业农村现代化",
            "深化改革开放,激发高质量发展动力活力",
            "践行“两山”理念,加快美丽泸州建设",
            "提升精准性实效性,在增进民生福祉上实现新作为",
            "防风险守底线,以高水平安全保障高质量发展",
            "忠诚干净担当,全面加强政府自身建设",
        ]
    );
    assert_eq!(plan.areas[0].line, 3);
    assert_eq!(
        plan.intro.iter().map(|l| l.line).collect::<Vec<_>>(),
        [1, 2]
    );
}

#[test]
fn the_fifteenth_plan_section_keeps_its_paragraph_and_five_points() {
    let plan = seed_plan();
    let area = &plan.areas[0];
    let subheading = area
        .tasks
        .iter()
        .find(|t| t.title == "落实中着力把握 个方面")
        .expect("the subheading is kept as written, with its digit missing");
    assert_eq!(subheading.line, 6);
    let points: Vec<usize> = subheading.commitments.iter().map(|c| c.line).collect();
    assert_eq!(points, [7, 8, 9, 10, 11]);
    assert!(subheading.commitments[0].text.starts_with("一是"));
    assert!(subheading.commitments[4].text.starts_with("五是"));
    let paragraph: Vec<usize> = area.tasks[0].commitments.iter().map(|c| c.line).collect();
    assert_eq!(paragraph, [5, 5]);
}

#[test]
fn every_sentence_of_the_source_is_in_the_plan() {
    let plan = seed_plan();
    let texts = all_texts(&plan);
    let source = std::fs::read_to_string(SEED).unwrap();
    for (n, line) in source.lines().enumerate() {
        for sentence in line.split('。').map(str::trim).filter(|s| !s.is_empty()) {
            assert!(
                texts.iter().any(|t| t.contains(sentence)),
                "line {}: sentence missing from the plan: {sentence}",
                n + 1
            );
        }
    }
}

#[test]
fn every_commitment_stands_verbatim_on_the_line_it_cites() {
    let plan = seed_plan();
    let source = std::fs::read_to_string(SEED).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let mut count = 0;
    for (_, c) in plan.commitments() {
        let line = lines.get(c.line - 1).expect("line within the source");
        assert!(line.contains(&c.text), "{} not on line {}", c.id, c.line);
        count += 1;
    }
    for area in &plan.areas {
        for task in &area.tasks {
            assert!(lines[task.line - 1].contains(&task.title), "{}", task.id);
        }
    }
    assert!(count >= 80, "only {count} commitments");
}

#[test]
fn continuation_lone_task_and_area_lead_follow_their_rules() {
    let plan = seed_plan();
    let task_of_line = |line: usize| {
        plan.areas
            .iter()
            .flat_map(|a| &a.tasks)
            .find(|t| t.commitments.iter().any(|c| c.line == line))
            .unwrap()
    };
    // Line 20 continues the transport task that line 19 opens.
    let transport = task_of_line(20);
    assert_eq!(transport.line, 19);
    assert!(!transport.lead);
    // Line 40 is a task of its own, titled by its first clause.
    let green = task_of_line(40);
    assert_eq!((green.line, green.title.as_str()), (40, "推动绿色低碳发展"));
    assert!(!green.lead);
    // Line 42 is its area's own lead.
    let lead = task_of_line(42);
    assert!(lead.lead);
    assert_eq!(lead.id, "9.1");
}

#[test]
fn ids_are_hierarchical_and_match_positions() {
    let plan = seed_plan();
    plan_explorer::plan::load::validate(&plan, "seed").unwrap();
    assert_eq!(plan.areas[2].tasks[1].id, "3.2");
    assert_eq!(plan.areas[2].tasks[1].commitments[0].id, "3.2.1");
}

#[test]
fn the_embedded_plan_is_exactly_what_import_prints() {
    let regenerated = plan_explorer::cli::plan_json(&seed_plan());
    let committed = std::fs::read_to_string("data/luzhou-2026.json").unwrap();
    assert!(
        regenerated == committed,
        "data/luzhou-2026.json is stale: run `cargo run -- import {SEED} -o data/luzhou-2026.json`"
    );
}

#[test]
fn numbered_layout_maps_parts_sections_and_items() {
    let plan = import_file(Path::new("tests/fixtures/numbered-report.txt")).unwrap();
    assert_eq!(plan.title, "XX市2027年政府工作报告");
    assert_eq!(plan.year, Some(2027));
    let areas: Vec<(&str, &str, Option<&str>)> = plan
        .areas
        .iter()
        .map(|a| (a.title.as_str(), a.kind.as_str(), a.part.as_deref()))
        .collect();
    assert_eq!(
        areas,
        [
            ("2026年工作回顾", "review", Some("一、2026年工作回顾")),
            ("扩大有效投资", "plan", Some("二、2027年主要任务")),
            ("推动消费升级", "plan", Some("二、2027年主要任务")),
            ("加强政府自身建设", "plan", Some("三、加强政府自身建设")),
        ]
    );
    let tasks = &plan.areas[1].tasks;
    assert_eq!(tasks[0].title, "实施重大项目120个");
    assert_eq!(tasks[0].commitments.len(), 3, "item 2. continues item 1.");
    assert_eq!(tasks[0].commitments[2].line, 8);
    // A section that opens a paragraph: its heading titles the area, the rest
    // of the line is its content.
    let consumption = &plan.areas[2].tasks[0];
    assert_eq!(consumption.commitments[0].text, "举办促消费活动200场次。");
    assert_eq!(consumption.line, 9);
    assert_eq!(plan.intro.len(), 1);
}

#[test]
fn mixed_layout_joins_headings_and_attaches_points() {
    let plan = import_file(Path::new("tests/fixtures/mixed-layout.txt")).unwrap();
    assert_eq!(plan.areas.len(), 1);
    assert_eq!(plan.areas[0].title, "城市更新与品质提升行动计划");
    let tasks = &plan.areas[0].tasks;
    assert!(
        tasks[0].lead,
        "a first paragraph with digits in its first sentence leads the area"
    );
    assert_eq!(tasks[0].commitments[0].text, "改造老旧小区50个。");
    assert_eq!(tasks[1].title, "推进海绵城市建设");
    assert_eq!(tasks[2].title, "工作要点如下");
    let points: Vec<&str> = tasks[2]
        .commitments
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        points,
        ["一是完善机制;", "二是强化督查。", "三是加强考核。"]
    );
}

#[test]
fn a_bom_and_crlf_line_ends_are_handled() {
    let plan = import_file(Path::new("tests/fixtures/bom-crlf.txt")).unwrap();
    assert_eq!(plan.areas[0].title, "标题一");
    assert_eq!(plan.areas[0].tasks[0].commitments[0].text, "完成B项目5个。");
}

#[test]
fn text_is_normalised_to_nfc() {
    // "e" followed by a combining acute accent becomes one precomposed char.
    let plan = import_text("Cafe\u{301}\n推进A。完成B。\n", "x.txt").unwrap();
    assert_eq!(plan.areas[0].title, "Caf\u{e9}");
}

#[test]
fn errors_name_the_file_and_the_problem() {
    let empty = import_text(" \n\n", "empty.txt").unwrap_err();
    assert!(matches!(empty, ImportError::Empty { .. }));
    assert_eq!(empty.to_string(), "empty.txt: the report is empty");
    let bad = import_bytes(b"ok\n\xff\xfe", "bad.txt").unwrap_err();
    assert_eq!(
        bad.to_string(),
        "bad.txt:2:1: the report is not valid UTF-8"
    );
    let flat = import_text("只有句子。\n还是句子。", "flat.txt").unwrap();
    assert_eq!(flat.areas.len(), 1, "no headings is fine: one area");
    assert_eq!(flat.areas[0].title, "flat");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        let _ = import_text(&text, "fuzz.txt");
    }

    #[test]
    fn report_like_text_never_panics_and_stays_verbatim(
        lines in proptest::collection::vec(
            "[一二三是、(())0-9.。,,;!? \t\u{0}\u{7}\u{1b}推进建设项目亿元个“”]{0,40}", 0..30)
    ) {
        let text = lines.join("\n");
        if let Ok(plan) = import_text(&text, "fuzz.txt") {
            let source: Vec<&str> = text.lines().collect();
            for (_, c) in plan.commitments() {
                prop_assert!(source[c.line - 1].contains(c.text.as_str()));
            }
            prop_assert!(plan_explorer::plan::load::validate(&plan, "fuzz").is_ok());
        }
    }
}

#[test]
fn huge_lines_and_lone_headings_do_not_panic() {
    let long = "项".repeat(100_000);
    for text in [
        long.clone(),
        format!("{long}。"),
        format!("标题\n{long}"),
        "标题".to_string(),
        "\u{0}\u{1}\u{1b}[2J".to_string(),
        "。。。".to_string(),
        "一是\n二是".to_string(),
    ] {
        let _ = import_text(&text, "edge.txt");
    }
    let plan = import_text(&format!("标题\n{long}。"), "edge.txt").unwrap();
    assert_eq!(plan.commitment_count(), 1);
}

#[test]
fn full_width_punctuation_splits_and_numbers_like_ascii() {
    let plan = import_file(Path::new("tests/fixtures/fullwidth.txt")).unwrap();
    let titles: Vec<&str> = plan.areas.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["稳住经济", "扩大内需"]);
    assert_eq!(plan.areas[1].part.as_deref(), Some("一、总体要求"));
    let task = &plan.areas[1].tasks[0];
    assert_eq!(task.title, "新建学校3所");
    let texts: Vec<&str> = task.commitments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        ["新建学校3所；", "改造道路10公里！", "推进X？"],
        "split at full-width ； and ！"
    );
    assert_eq!(task.commitments[2].line, 5);
}

#[test]
fn past_results_behind_an_address_are_no_plan() {
    let text = "推进集镇更新。改造老旧院落30个。\n\
                各位代表!过去一年,全镇新增就业400人,建成文化站1个。\n\
                今年全镇新增就业500人。\n";
    let plan = import_text(text, "paste.txt").unwrap();
    let areas: Vec<(&str, &str, usize)> = plan
        .areas
        .iter()
        .map(|a| (a.title.as_str(), a.kind.as_str(), a.line))
        .collect();
    assert_eq!(
        areas,
        [
            ("paste", "plan", 1),
            ("过去一年", "review", 2),
            ("paste", "plan", 3)
        ]
    );
}
