//! The binary, driven the way scripts drive it: arguments in, stdout, stderr
//! and the exit status out.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("plan-explorer").unwrap()
}

/// A scratch directory for this test binary's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plan-explorer-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs the binary and returns (status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts a one-line error with exit status 2 that contains every fragment.
fn assert_error(args: &[&str], fragments: &[&str]) {
    let (status, stdout, stderr) = run(args);
    assert_eq!(status, 2, "status for {args:?}; stderr: {stderr}");
    assert!(stdout.is_empty(), "no data on stdout: {stdout}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "{fragment:?} not in {stderr:?}");
    }
}

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
    let latin1 = write("latin1.txt", b"\xb3\xc7\xca\xd0\n");
    assert_error(
        &["import", latin1.to_str().unwrap()],
        &["latin1.txt", "not valid UTF-8"],
    );
    let flat = write("flat.txt", "只有句子。\n".as_bytes());
    assert_error(
        &["import", flat.to_str().unwrap()],
        &["flat.txt", "no headings"],
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
