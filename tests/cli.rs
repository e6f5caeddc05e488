//! The binary, driven the way scripts drive it: arguments in, stdout, stderr
//! and the exit status out.

mod common;

use common::{assert_error, run, scratch, write};
use serde_json::Value;
use std::path::Path;

fn exported() -> Value {
    let (status, stdout, _) = run(&["export", "--format", "json"]);
    assert_eq!(status, 0);
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn export_json_holds_every_sentence_of_the_source() {
    let plan = exported();
    let mut texts: Vec<String> = Vec::new();
    for intro in plan["intro"].as_array().unwrap() {
        texts.push(intro["text"].as_str().unwrap().to_string());
    }
    for area in plan["areas"].as_array().unwrap() {
        texts.push(area["title"].as_str().unwrap().to_string());
        for task in area["tasks"].as_array().unwrap() {
            texts.push(task["title"].as_str().unwrap().to_string());
            for c in task["commitments"].as_array().unwrap() {
                texts.push(c["text"].as_str().unwrap().to_string());
            }
        }
    }
    let source = std::fs::read_to_string("seeds/luzhou-2026-work-report.txt").unwrap();
    for sentence in source
        .split(['。', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        assert!(
            texts.iter().any(|t| t.contains(sentence)),
            "missing: {sentence}"
        );
    }
    assert_eq!(plan["source"], "luzhou-2026-work-report.txt");
    assert_eq!(plan["areas"].as_array().unwrap().len(), 11);
}

#[test]
fn import_prints_the_embedded_plan_and_writes_with_o() {
    let (status, stdout, _) = run(&["import", "seeds/luzhou-2026-work-report.txt"]);
    assert_eq!(status, 0);
    assert_eq!(
        stdout,
        std::fs::read_to_string("data/luzhou-2026.json").unwrap()
    );
    let out = scratch("out.json");
    let out_str = out.to_str().unwrap();
    let (status, stdout, _) = run(&["import", "seeds/luzhou-2026-work-report.txt", "-o", out_str]);
    assert_eq!((status, stdout.as_str()), (0, ""));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string("data/luzhou-2026.json").unwrap()
    );
}

#[test]
fn plan_is_accepted_before_or_after_the_subcommand() {
    let report = write("tiny.txt", "城市更新\n改造小区。新建公园5个。\n".as_bytes());
    let plan_path = scratch("tiny.json");
    let (status, _, _) = run(&[
        "import",
        report.to_str().unwrap(),
        "-o",
        plan_path.to_str().unwrap(),
    ]);
    assert_eq!(status, 0);
    let p = plan_path.to_str().unwrap();
    for args in [
        vec!["--plan", p, "export", "--format", "json"],
        vec!["export", "--format", "json", "--plan", p],
    ] {
        let (status, stdout, _) = run(&args);
        assert_eq!(status, 0);
        let plan: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(plan["areas"][0]["title"], "城市更新");
    }
}

#[test]
fn report_errors_name_the_file_and_problem() {
    let empty = write("empty.txt", b"\n  \n");
    assert_error(
        &["import", empty.to_str().unwrap()],
        &["empty.txt", "empty"],
    );
    let latin1 = write("latin1.txt", b"caf\xe9\n");
    assert_error(
        &["import", latin1.to_str().unwrap()],
        &["latin1.txt", "not valid UTF-8"],
    );
    assert_error(&["import", "no/such/report.txt"], &["no/such/report.txt"]);
}

#[test]
fn plan_file_errors_name_the_place_at_fault() {
    let syntax = write(
        "syntax.json",
        b"{\n  \"title\": \"x\",\n  \"areas\": [\n}\n",
    );
    assert_error(
        &["--plan", syntax.to_str().unwrap(), "export"],
        &["syntax.json:4:1", "syntax"],
    );
    let shape = write(
        "shape.json",
        br#"{"title": "x", "source": "s", "intro": [], "areas": [{"id": "1", "title": 5, "line": 1, "tasks": []}]}"#,
    );
    assert_error(
        &["--plan", shape.to_str().unwrap(), "export"],
        &["shape.json", "areas[0].title"],
    );
    let missing = write(
        "missing.json",
        br#"{"title": "x", "source": "s", "intro": []}"#,
    );
    assert_error(
        &["--plan", missing.to_str().unwrap(), "export"],
        &["missing.json", "areas"],
    );
    let dup = write(
        "dup.json",
        br#"{"title": "x", "source": "s", "intro": [], "areas": [
            {"id": "1", "title": "A", "line": 1, "tasks": []},
            {"id": "1", "title": "B", "line": 2, "tasks": []}]}"#,
    );
    assert_error(
        &["--plan", dup.to_str().unwrap(), "export"],
        &["dup.json", "duplicate id 1"],
    );
    let latin1 = write(
        "latin1.json",
        b"{\"title\": \"T\",\n \"source\": \"caf\xe9\", \"intro\": [], \"areas\": []}",
    );
    // One-shot search reads the file its own way; the error is the same.
    for args in [&["tree"][..], &["search", "x"]] {
        let mut args = args.to_vec();
        args.splice(0..0, ["--plan", latin1.to_str().unwrap()]);
        assert_error(&args, &["latin1.json:2:16", "not valid UTF-8"]);
    }
    assert_error(
        &["--plan", "no/such/plan.json", "export"],
        &["no/such/plan.json"],
    );
}

#[test]
fn inconsistent_plans_are_rejected_naming_the_item() {
    let base = std::fs::read_to_string("data/luzhou-2026.json").unwrap();
    let mut plan: Value = serde_json::from_str(&base).unwrap();
    plan["areas"][1]["tasks"][0]["id"] = "9.9".into();
    let path = write("badid.json", plan.to_string().as_bytes());
    assert_error(
        &["--plan", path.to_str().unwrap(), "export"],
        &["item 9.9", "position"],
    );

    let mut plan: Value = serde_json::from_str(&base).unwrap();
    plan["areas"][1]["tasks"][0]["commitments"][0]["line"] = 999.into();
    let path = write("badline.json", plan.to_string().as_bytes());
    assert_error(
        &["--plan", path.to_str().unwrap(), "export"],
        &["item 2.1.1", "beyond the source"],
    );

    let mut plan: Value = serde_json::from_str(&base).unwrap();
    plan["areas"][3]["title"] = " ".into();
    let path = write("badtitle.json", plan.to_string().as_bytes());
    assert_error(
        &["--plan", path.to_str().unwrap(), "export"],
        &["item 4", "empty title"],
    );
}

#[test]
fn help_and_version_succeed() {
    let (status, stdout, _) = run(&["--help"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("--plan"));
    let (status, stdout, _) = run(&["--version"]);
    assert_eq!(status, 0);
    assert!(stdout.starts_with("plan-explorer "));
    assert!(Path::new("README.md").exists());
}

#[test]
fn show_prints_an_item_in_full_and_unknown_ids_fail() {
    let (status, stdout, _) = run(&["show", "3.3"]);
    assert_eq!(status, 0);
    assert!(
        stdout.contains("3.3  实施四年交通大会战  (line 19)"),
        "{stdout}"
    );
    assert!(stdout.contains("project  泸古高速"), "{stdout}");
    assert!(stdout.contains("150亿元以上"), "{stdout}");
    let (status, stdout, _) = run(&["show", "2.1.1", "--json"]);
    assert_eq!(status, 0);
    let item: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(item["item"], "commitment");
    assert_eq!(item["kind"], "plan");
    assert_eq!(item["year"], 2026);
    assert!(item["targets"][0].get("value_max").is_some());
    let (_, stdout, _) = run(&["show", "1", "--json"]);
    let area: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (area["item"].as_str(), area["kind"].as_str()),
        (Some("area"), Some("outlook"))
    );
    assert_eq!(item["line"], 13);
    assert_eq!(item["targets"][0]["value"], 2100);
    assert_error(&["show", "9.9"], &["unknown id 9.9"]);
    assert_error(&["show", "abc"], &["unknown id abc"]);
}

#[test]
fn tree_piped_prints_whole_lines() {
    let (status, stdout, _) = run(&["tree", "--depth", "3"]);
    assert_eq!(status, 0);
    assert!(stdout.lines().count() > 100);
    assert!(!stdout.contains('…'), "nothing is cut when piped");
    // The example in `tree --help`: `tree --depth 3 | grep 项目`.
    let projects: Vec<&str> = stdout.lines().filter(|l| l.contains("项目")).collect();
    for id in ["3.3.1", "6.1.2"] {
        assert!(
            projects.iter().any(|l| l.trim_start().starts_with(id)),
            "{id} missing from:\n{}",
            projects.join("\n")
        );
    }
    let (_, stdout, _) = run(&["tree", "--depth", "1"]);
    assert_eq!(stdout.lines().count(), 11);
    let (_, stdout, _) = run(&["tree", "--json"]);
    let tree: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(tree[1]["tasks"][0]["id"], "2.1");
    assert_eq!(
        (tree[0]["kind"].as_str(), tree[1]["kind"].as_str()),
        (Some("outlook"), Some("plan"))
    );
    assert_eq!(tree[0]["year"], 2026);
    common::assert_usage_error(&["tree", "--depth", "9"], &["--depth", "1..=3"]);
}

#[test]
fn targets_list_json_csv_and_by_unit() {
    let (status, stdout, _) = run(&["targets", "--json"]);
    assert_eq!(status, 0);
    let targets: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(targets.len(), 40);
    for key in [
        "value",
        "unit",
        "qualifier",
        "text",
        "subject",
        "line",
        "commitment",
    ] {
        assert!(targets[0].get(key).is_some(), "{key}");
    }
    let over = targets
        .iter()
        .find(|t| t["text"].as_str().unwrap().contains("550"))
        .unwrap();
    assert_eq!(
        (over["qualifier"].as_str(), over["line"].as_u64()),
        (Some("超"), Some(15))
    );
    let (status, stdout, _) = run(&["targets", "--unit", "万亩", "--csv"]);
    assert_eq!(status, 0);
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.lines().nth(1).unwrap().contains(",31.3,万亩,"));
    let (status, stdout, _) = run(&["targets", "--unit", "光年"]);
    assert_eq!((status, stdout.as_str()), (1, ""), "nothing found exits 1");
}

#[test]
fn projects_list_names_with_their_commitment() {
    let (status, stdout, _) = run(&["projects", "--json"]);
    assert_eq!(status, 0);
    let projects: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let road = projects.iter().find(|p| p["name"] == "泸古高速").unwrap();
    assert_eq!(
        (road["commitment"].as_str(), road["line"].as_u64()),
        (Some("3.3.1"), Some(19))
    );
}

#[test]
fn stats_equal_counts_taken_from_the_plan_model() {
    let plan = plan_explorer::plan::load::load_embedded().unwrap();
    let (status, stdout, _) = run(&["stats", "--json", "--all"]);
    assert_eq!(status, 0);
    let stats: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(stats.len(), plan.areas.len());
    let (_, stdout, _) = run(&["stats", "--json"]);
    let plan_only: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        plan_only.len(),
        plan.areas.len() - 1,
        "the outlook area is left out"
    );
    assert!(plan_only.iter().all(|s| s["kind"] == "plan"));
    for (s, area) in stats.iter().zip(&plan.areas) {
        let commitments: Vec<_> = area.tasks.iter().flat_map(|t| &t.commitments).collect();
        assert_eq!(s["id"], area.id.as_str());
        assert_eq!(s["tasks"], area.tasks.len());
        assert_eq!(s["commitments"], commitments.len());
        assert_eq!(
            s["targets"],
            commitments.iter().map(|c| c.targets.len()).sum::<usize>()
        );
        assert_eq!(
            s["projects"],
            commitments.iter().map(|c| c.projects.len()).sum::<usize>()
        );
    }
    let total: u64 = stats.iter().map(|s| s["targets"].as_u64().unwrap()).sum();
    assert_eq!(total, 40);
}

#[test]
fn export_csv_and_markdown() {
    let (status, stdout, _) = run(&["export", "--format", "csv"]);
    assert_eq!(status, 0);
    assert!(!stdout.starts_with('\u{feff}'), "no BOM without --excel");
    let header = stdout.lines().next().unwrap();
    assert!(header.starts_with(
        "id,area,kind,part,year,task,line,text,projects,target1_value,target1_value_max,target1_unit"
    ));
    assert_eq!(stdout.lines().count(), 1 + 84);
    let row = stdout.lines().find(|l| l.starts_with("6.1.1,")).unwrap();
    assert!(row.contains(",31.3,,万亩,"), "{row}");
    let (_, stdout, _) = run(&["export", "--format", "csv", "--excel"]);
    assert!(stdout.starts_with('\u{feff}'));
    let (status, stdout, _) = run(&["export", "--format", "md"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("## 3 抓项目促投资,有力夯实发展根基"));
    assert!(stdout.contains("### 3.3 实施四年交通大会战"));
    assert!(stdout.contains("| 3.3.3 | 150 | 亿元 | 以上 | 综合交通投资 |"));
}

#[test]
fn completions_for_three_shells() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef plan-explorer"),
        ("fish", "complete -c plan-explorer"),
    ] {
        let (status, stdout, _) = run(&["completions", shell]);
        assert_eq!(status, 0, "{shell}");
        assert!(stdout.contains(marker), "{shell}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("plan-explorer");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' tree --depth 3 | head -1; echo \"status=${{PIPESTATUS:-x}}\"",
            bin.display()
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stdout.lines().next(),
        Some("1        [展望] “十五五”发展的主要考虑")
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
    // Without a shell in between: the process itself exits 0 when its reader goes away.
    let out = common::run_reader_gone(&["export", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn no_terminal_gets_a_one_line_error_and_no_escape_codes() {
    let (status, stdout, stderr) = run(&[]);
    assert_eq!(status, 2);
    assert!(stdout.is_empty(), "no escape codes on stdout");
    assert!(
        stderr.contains("no terminal") && stderr.contains("plan-explorer tree"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert!(!stderr.contains('\x1b'));
}

/// The console examples in the README: each `$ plan-explorer …` line runs
/// (pipes and redirects through sh, in a scratch directory) and exits 0, and
/// the output shown under it is exactly what it prints.
#[test]
fn readme_examples_run_and_show_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let bin = assert_cmd::cargo::cargo_bin("plan-explorer");
    let repo = std::env::current_dir().unwrap();
    let dir = scratch("readme");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let _ = std::os::unix::fs::symlink(repo.join("seeds"), dir.join("seeds"));
    let _ = std::os::unix::fs::symlink(repo.join("tests"), dir.join("tests"));
    let mut in_console = false;
    let mut examples: Vec<(String, Vec<String>)> = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            examples.push((command.to_string(), Vec::new()));
        } else if let Some((_, expected)) = examples.last_mut() {
            expected.push(line.to_string());
        }
    }
    assert!(examples.len() >= 10, "found {} examples", examples.len());
    let mut subcommands_shown = Vec::new();
    for (command, expected) in &examples {
        assert!(command.starts_with("plan-explorer "), "{command}");
        subcommands_shown.push(command.split_whitespace().nth(1).unwrap().to_string());
        let shell = command.replacen("plan-explorer", &format!("'{}'", bin.display()), 1);
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(&shell)
            .current_dir(&dir)
            // The library examples keep their plans in ./library, never in
            // the user's data folder.
            .env("PLAN_EXPLORER_LIBRARY", "library")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let shown: Vec<&str> = expected
            .iter()
            .map(String::as_str)
            .filter(|l| !l.is_empty())
            .collect();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let actual: Vec<&str> = stdout.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            actual, shown,
            "README output of `{command}` is not what it prints"
        );
    }
    for sub in [
        "show",
        "tree",
        "search",
        "targets",
        "projects",
        "stats",
        "export",
        "import",
        "completions",
        "plans",
        "compare",
    ] {
        assert!(
            subcommands_shown.iter().any(|s| s == sub),
            "README shows no example of {sub}"
        );
    }
    assert!(
        examples.iter().any(|(c, _)| c.contains("--all-plans")),
        "README shows no search across plans"
    );
}

#[test]
fn the_app_refuses_to_start_on_an_unknown_id_before_it_takes_the_terminal() {
    // Checked before the terminal is needed: no tty here, and yet the error
    // is the unknown id, in one line.
    assert_error(
        &["--select", "9.9"],
        &["unknown id 9.9", "plan-explorer tree"],
    );
    common::assert_usage_error(&["--query", "x", "--overview"], &["--query", "--overview"]);
}
