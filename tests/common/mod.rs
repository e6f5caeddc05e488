//! Helpers shared by the tests that run the binary: arguments in, stdout,
//! stderr and the exit status out. Each test binary uses some of them.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const BIN: &str = env!("CARGO_BIN_EXE_plan-explorer");

pub fn bin() -> Command {
    Command::new(BIN)
}

/// A scratch directory for this test binary's files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plan-explorer-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

pub fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs the binary and returns (status, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the binary with a stdout pipe whose reader is gone before it
/// writes, as `| head` leaves it.
pub fn run_reader_gone(args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(BIN)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// Runs a shell command line with `BIN` standing for the binary; returns
/// (status, stdout, stderr) of the shell.
pub fn shell(script: &str) -> (i32, String, String) {
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("BIN", BIN)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts a one-line error with exit status 2 that contains every fragment.
pub fn assert_error(args: &[&str], fragments: &[&str]) {
    let (status, stdout, stderr) = run(args);
    assert_eq!(status, 2, "status for {args:?}; stderr: {stderr}");
    assert!(stdout.is_empty(), "no data on stdout: {stdout}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "{fragment:?} not in {stderr:?}");
    }
}

/// Asserts a usage error in clap's words: status 2, a few lines, the first
/// one starting `plan-explorer:`, and every fragment somewhere in them.
pub fn assert_usage_error(args: &[&str], fragments: &[&str]) {
    let (status, stdout, stderr) = run(args);
    assert_eq!(status, 2, "status for {args:?}; stderr: {stderr}");
    assert!(stdout.is_empty(), "no data on stdout: {stdout}");
    let lines = stderr.lines().count();
    assert!(
        (1..=5).contains(&lines),
        "a few lines, not {lines}: {stderr}"
    );
    assert!(!stderr.lines().any(|l| l.trim().is_empty()), "{stderr}");
    assert!(stderr.starts_with("plan-explorer: "), "{stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "{fragment:?} not in {stderr:?}");
    }
}

/// The plan file the binary embeds.
pub fn embedded_plan() -> &'static Path {
    Path::new("data/luzhou-2026.json")
}

/// The embedded plan with control characters and formulas planted in its
/// text, as a hand-edited or hostile plan file could have them.
pub fn hostile_plan() -> std::path::PathBuf {
    let text = std::fs::read_to_string(embedded_plan()).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    plan["title"] = "title\x1b]0;pwned\x07".into();
    plan["areas"][2]["title"] = "抓项目\x1b[2J\x1b[H促投资\nsecond line\rover".into();
    plan["areas"][2]["tasks"][2]["title"] = "交通\u{9b}31m\u{202e}大会战\t".into();
    let commitment = &mut plan["areas"][2]["tasks"][2]["commitments"][0];
    commitment["text"] = "加快建设泸古高速\x1b]52;c;ZXZpbA==\x07等项目。".into();
    commitment["projects"][0] = "泸古高速\x1b[31m".into();
    let target = &mut plan["areas"][2]["tasks"][2]["commitments"][2]["targets"][0];
    target["subject"] = "=HYPERLINK(\"http://example.invalid\",\"综合交通投资\")".into();
    target["unit"] = "亿元\x1b[5m".into();
    write("hostile.json", plan.to_string().as_bytes())
}
