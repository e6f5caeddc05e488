//! What the subcommands print when piped: whole lines, plain text, one
//! record a line, and no plan text that a terminal or a spreadsheet would
//! obey. (On a terminal they cut lines and colour matches; tests/tmux.rs
//! checks that.)

mod common;

use common::{assert_error, run, scratch};
use serde_json::Value;

#[test]
fn piped_output_is_never_cut() {
    let (_, stdout, _) = run(&["tree", "--depth", "3"]);
    let longest = stdout
        .lines()
        .map(plan_explorer::width::str_width)
        .max()
        .unwrap();
    assert!(longest > 200, "the longest line is whole: {longest} cells");
    for args in [
        &["search", "项目", "--limit", "50"][..],
        &["targets"],
        &["projects"],
        &["stats"],
    ] {
        let (status, stdout, _) = run(args);
        assert_eq!(status, 0, "{args:?}");
        assert!(!stdout.contains('…'), "{args:?} cut a line:\n{stdout}");
    }
    // A subject longer than its column is kept whole, not cut to fit.
    let (_, stdout, _) = run(&["targets", "--unit", "万亩"]);
    assert!(stdout.contains("高标准农田"), "{stdout}");
}

#[test]
fn search_marks_matches_only_when_asked_when_piped() {
    let (_, plain, _) = run(&["search", "泸古高速", "--limit", "1"]);
    assert_eq!(plain.trim_end(), "3.3.1      19  project    泸古高速");
    let (_, marked, _) = run(&["search", "泸古高速", "--limit", "1", "--mark"]);
    assert_eq!(marked.trim_end(), "3.3.1      19  project    [泸古高速]");
    assert!(
        !marked.contains('\x1b'),
        "brackets, not colour, off a terminal"
    );
}

#[test]
fn targets_sort_by_value_within_units_and_narrow_to_an_area() {
    let rows = |args: &[&str]| -> Vec<Value> {
        let mut all = vec!["targets", "--json"];
        all.extend_from_slice(args);
        let (status, stdout, stderr) = run(&all);
        assert_eq!(status, 0, "{stderr}");
        serde_json::from_str(&stdout).unwrap()
    };
    let all = rows(&[]);
    let sorted = rows(&["--sort", "value"]);
    assert_eq!(all.len(), sorted.len());
    // Units keep the order of their first mention; values fall within each.
    let mut units: Vec<&str> = Vec::new();
    for t in &all {
        let unit = t["unit"].as_str().unwrap();
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    for pair in sorted.windows(2) {
        let rank = |t: &Value| units.iter().position(|u| *u == t["unit"]).unwrap();
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            rank(a) < rank(b) || (rank(a) == rank(b) && a["value"].as_f64() >= b["value"].as_f64()),
            "{a} before {b}"
        );
    }
    assert_eq!(sorted[0]["value"], 6000);
    // An area, and a task within it.
    let area = rows(&["--area", "3"]);
    assert!(!area.is_empty());
    assert!(
        area.iter()
            .all(|t| t["commitment"].as_str().unwrap().starts_with("3."))
    );
    let task = rows(&["--area", "3.3"]);
    assert_eq!(task.len(), 1);
    assert_eq!(task[0]["commitment"], "3.3.3");
    let both = rows(&["--area", "3", "--unit", "个"]);
    assert_eq!(both.len(), 3);
    assert_error(&["targets", "--area", "99"], &["unknown id 99"]);
}

#[test]
fn a_unit_without_targets_exits_1_naming_the_units_there_are() {
    let (status, stdout, stderr) = run(&["targets", "--unit", "光年"]);
    assert_eq!((status, stdout.as_str()), (1, ""));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no targets in 光年"), "{stderr}");
    for unit in ["亿元", "个", "万亩", "%"] {
        assert!(stderr.contains(unit), "{unit} not listed: {stderr}");
    }
    // Within an area, the units of that area.
    let (status, _, stderr) = run(&["targets", "--area", "3", "--unit", "万亩"]);
    assert_eq!(status, 1);
    assert!(
        stderr.contains("under 3; the units are 亿元, 个"),
        "{stderr}"
    );
    let (status, _, stderr) = run(&["targets", "--area", "1"]);
    assert_eq!(status, 1);
    assert!(stderr.contains("no targets under 1"), "{stderr}");
}

#[test]
fn targets_excel_is_csv_with_a_byte_order_mark() {
    let (status, stdout, _) = run(&["targets", "--excel", "--unit", "万亩"]);
    assert_eq!(status, 0);
    assert!(
        stdout.starts_with("\u{feff}commitment,line,value,unit"),
        "{stdout}"
    );
    assert!(stdout.contains(",31.3,万亩,"), "{stdout}");
    let (_, csv, _) = run(&["targets", "--csv", "--unit", "万亩"]);
    assert!(!csv.starts_with('\u{feff}'));
}

#[test]
fn plan_text_never_reaches_the_output_as_control_characters() {
    let plan = common::hostile_plan();
    let plan = plan.to_str().unwrap();
    let commands: [&[&str]; 10] = [
        &["tree", "--depth", "3"],
        &["show", "3"],
        &["show", "3.3.1"],
        &["search", "泸古高速"],
        &["search", "lugugaosu", "--mark"],
        &["targets", "--area", "3.3"],
        &["projects"],
        &["stats"],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
    ];
    for args in commands {
        let mut all = vec!["--plan", plan];
        all.extend_from_slice(args);
        let (status, stdout, stderr) = run(&all);
        assert_eq!(status, 0, "{args:?}: {stderr}");
        let bad: Vec<char> = stdout
            .chars()
            .filter(|&c| c != '\n' && plan_explorer_is_unsafe(c))
            .collect();
        assert!(bad.is_empty(), "{args:?} printed {bad:?}:\n{stdout}");
    }
    // Escaped, the characters are still there to see, each record on one line.
    let (_, tree, _) = run(&["--plan", plan, "tree", "--depth", "1"]);
    assert_eq!(tree.lines().count(), 11, "{tree}");
    assert!(
        tree.contains("抓项目\\x1b[2J\\x1b[H促投资\\nsecond line\\rover"),
        "{tree}"
    );
    let (_, task, _) = run(&["--plan", plan, "tree", "--depth", "2"]);
    assert!(task.contains("交通\\x9b31m\\u{202e}大会战\\t"), "{task}");
    // JSON keeps the text exactly, escaped the JSON way.
    let (_, json, _) = run(&["--plan", plan, "show", "3", "--json"]);
    let area: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        area["title"],
        "抓项目\x1b[2J\x1b[H促投资\nsecond line\rover"
    );
    assert!(!json.contains('\x1b'));
}

fn plan_explorer_is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn excel_cells_never_start_a_formula() {
    let plan = common::hostile_plan();
    let plan = plan.to_str().unwrap();
    for args in [
        &["targets", "--excel", "--area", "3.3"][..],
        &["export", "--format", "csv", "--excel"],
    ] {
        let mut all = vec!["--plan", plan];
        all.extend_from_slice(args);
        let (status, stdout, _) = run(&all);
        assert_eq!(status, 0);
        assert!(
            stdout.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"综合交通投资\"\")\""),
            "{args:?}:\n{stdout}"
        );
        for cell in stdout.split([',', '\n']) {
            let cell = cell.trim_start_matches(['"', '\u{feff}']);
            assert!(!cell.starts_with(['=', '+', '@']), "{args:?}: {cell}");
        }
    }
    // Without --excel the cell is kept as it is (quoted for its commas).
    let (_, csv, _) = run(&["--plan", plan, "targets", "--csv", "--area", "3.3"]);
    assert!(csv.contains(",\"=HYPERLINK("), "{csv}");
}

/// The install lines in the README: each completion line runs, with HOME in
/// a scratch folder and the binary on PATH, and bash then completes with it.
#[test]
fn readme_install_lines_run_and_bash_completes() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("### Install").expect("an Install section");
    let block = &readme[start..];
    let block = &block[block.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let lines: Vec<&str> = block
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(lines[0], "cargo install --path .");
    for shell in ["bash", "zsh", "fish"] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("plan-explorer completions {shell} > "))),
            "no {shell} line"
        );
    }
    let home = scratch("home");
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let bin_dir = std::path::Path::new(common::BIN).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    for line in &lines[1..] {
        let out = std::process::Command::new("bash")
            .args(["-c", line])
            .env("HOME", &home)
            .env("PATH", &path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let read = |p: &str| std::fs::read_to_string(home.join(p)).unwrap();
    assert!(read(".zfunc/_plan-explorer").starts_with("#compdef plan-explorer"));
    assert!(
        read(".config/fish/completions/plan-explorer.fish").contains("complete -c plan-explorer")
    );
    // bash loads the script and offers `search` for `se`.
    let script = home.join(".local/share/bash-completion/completions/plan-explorer");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(plan-explorer se); COMP_CWORD=1; COMP_LINE='plan-explorer se'; COMP_POINT=16; _plan__explorer plan-explorer se plan-explorer; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    let offered = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        offered.trim(),
        "search",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
