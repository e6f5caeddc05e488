//! The library from the command line: saving, listing and opening plans by
//! name, refusing bad names, surviving killed and concurrent saves and
//! corrupt files, searching across plans and comparing two plans. Each test
//! keeps its own library in a temporary folder.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};

use assert_cmd::Command;
use serde_json::Value;

const LANXI_2026: &str = "tests/fixtures/lanxi-2026.txt";
const LANXI_2027: &str = "tests/fixtures/lanxi-2027.txt";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("plan-explorer")
}

/// The binary with its library in `library` and no library in the
/// environment.
fn cmd(library: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_remove("PLAN_EXPLORER_LIBRARY")
        .arg("--library")
        .arg(library);
    cmd
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn finish(out: Output) -> Run {
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(library: &Path, args: &[&str]) -> Run {
    finish(cmd(library).args(args).output().unwrap())
}

fn json(library: &Path, args: &[&str]) -> Value {
    let r = run(library, args);
    assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// A library with the two fixture years of 岚溪 saved under their default
/// names.
fn lanxi_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for report in [LANXI_2026, LANXI_2027] {
        let r = run(dir.path(), &["import", report, "--save"]);
        assert_eq!(r.status, 0, "{}", r.stderr);
    }
    dir
}

fn names(plans: &Value) -> Vec<&str> {
    plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect()
}

#[test]
fn a_saved_plan_is_listed_and_opened_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path();
    let r = run(lib, &["import", LANXI_2026, "--save"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let file = lib.join("lanxi-2026.json");
    assert_eq!(
        r.stdout,
        format!("saved lanxi-2026 to {}\n", file.display())
    );

    let plans = json(lib, &["plans", "--json"]);
    assert_eq!(names(&plans), ["lanxi-2026", "luzhou-2026"]);
    let saved = &plans[0];
    assert_eq!(saved["title"], "岚溪市2026年政府工作报告");
    assert_eq!(saved["year"], 2026);
    assert_eq!(saved["path"], file.display().to_string());
    assert_eq!(saved["read_only"], false);
    assert_eq!(
        (saved["areas"].as_u64(), saved["commitments"].as_u64()),
        (Some(4), Some(9))
    );
    assert_eq!(
        (saved["targets"].as_u64(), saved["projects"].as_u64()),
        (Some(7), Some(3))
    );
    let embedded = &plans[1];
    assert_eq!(
        (embedded["read_only"].as_bool(), embedded["path"].is_null()),
        (Some(true), true)
    );

    let text = run(lib, &["plans"]);
    assert_eq!(text.status, 0);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert!(lines[0].starts_with("name "), "{}", text.stdout);
    assert!(lines[1].starts_with("lanxi-2026 ") && lines[1].contains("岚溪市2026年政府工作报告"));
    assert!(lines[1].ends_with(&file.display().to_string()));
    assert!(lines[2].starts_with("luzhou-2026") && lines[2].ends_with("(embedded, read-only)"));

    // Opened by name, it is the plan `import` prints.
    let imported = finish(cmd(lib).args(["import", LANXI_2026]).output().unwrap());
    let by_name = run(lib, &["--plan", "lanxi-2026", "export", "--format", "json"]);
    assert_eq!(by_name.stdout, imported.stdout);
    let show = run(lib, &["show", "1.1.2", "--plan", "lanxi-2026"]);
    assert!(show.stdout.contains("滨河大道二期"), "{}", show.stdout);

    // The same through the environment variable.
    let env = Command::new(bin())
        .env("PLAN_EXPLORER_LIBRARY", lib)
        .args(["--plan", "lanxi-2026", "tree", "--depth", "1"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&env.stdout),
        "1        扩大有效投资\n2        提振城乡消费\n3        守护绿水青山\n4        加强政府自身建设\n"
    );
}

#[test]
fn the_embedded_plan_is_listed_opened_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path();
    let plans = json(lib, &["plans", "--json"]);
    assert_eq!(names(&plans), ["luzhou-2026"]);
    assert_eq!(plans[0]["commitments"], 84);
    let by_name = run(
        lib,
        &["--plan", "luzhou-2026", "export", "--format", "json"],
    );
    assert_eq!(
        by_name.stdout,
        std::fs::read_to_string("data/luzhou-2026.json").unwrap()
    );
    // Saving the seed under its default name would shadow it: refused.
    let r = run(
        lib,
        &["import", "seeds/luzhou-2026-work-report.txt", "--save"],
    );
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("luzhou-2026 is the embedded plan"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);
    assert!(!lib.join("luzhou-2026.json").exists());
}

#[test]
fn bad_names_are_refused_with_one_line_and_nothing_written() {
    let parent = tempfile::tempdir().unwrap();
    let lib = parent.path().join("lib");
    for (name, why) in [
        ("../x", "path separator"),
        ("a/b", "path separator"),
        (".x", "start with a dot"),
        ("", "cannot be empty"),
        ("..", ".."),
        ("x\u{1b}[2J", "control character"),
    ] {
        let r = run(&lib, &["import", LANXI_2026, "--save", "--name", name]);
        assert_eq!(r.status, 2, "{name:?}");
        assert_eq!(r.stdout, "");
        assert_eq!(
            r.stderr.trim_end().lines().count(),
            1,
            "{name:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("invalid plan name"), "{}", r.stderr);
        assert!(r.stderr.contains(why), "{name:?}: {}", r.stderr);
        assert!(
            !r.stderr.contains('\u{1b}'),
            "no raw escape: {:?}",
            r.stderr
        );
    }
    assert!(!lib.exists(), "nothing was created");
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 0);
    // A name that is fine is saved under exactly that name.
    let r = run(
        &lib,
        &["import", LANXI_2026, "--save", "--name", "岚溪 draft"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(lib.join("岚溪 draft.json").is_file());
    // --name without --save is a usage error.
    let r = run(&lib, &["import", LANXI_2026, "--name", "x"]);
    assert_eq!(r.status, 2);
}

/// A report of `tasks` numbered tasks, in my own words: big enough that its
/// plan takes a while to write.
fn big_report(path: &Path, tasks: usize) {
    let mut text = String::from("岚溪市2028年政府工作报告\n一、2028年主要任务\n(一)城市更新\n");
    for i in 1..=tasks {
        text.push_str(&format!(
            "{i}.改造第{i}片区老旧小区{i}个,完成投资{i}亿元。加装电梯{i}部。\n"
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// The signal that ends a process writing past its file size limit (25 on
/// Linux and the BSDs).
const SIGXFSZ: i32 = 25;

/// Runs the binary with the size of any file it writes limited to `kib`
/// KiB, as a full disk would: the write past it fails and the kernel ends
/// the process with SIGXFSZ.
fn run_with_file_limit(lib: &Path, kib: u64, args: &[&str]) -> Output {
    // POSIX sh counts ulimit -f in 512-byte blocks.
    let script = format!("ulimit -f {} && exec \"$0\" \"$@\"", kib * 2);
    Process::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin())
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("PLAN_EXPLORER_LIBRARY")
        .output()
        .unwrap()
}

#[test]
fn a_save_killed_mid_write_leaves_the_old_plan_whole() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let r = run(&lib, &["import", LANXI_2026, "--save", "--name", "kept"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let kept = lib.join("kept.json");
    let before = std::fs::read(&kept).unwrap();
    assert!(before.len() < 16 * 1024);
    let big = dir.path().join("big.txt");
    big_report(&big, 3000);

    let out = run_with_file_limit(
        &lib,
        16,
        &["import", big.to_str().unwrap(), "--save", "--name", "kept"],
    );
    assert_eq!(
        out.status.signal(),
        Some(SIGXFSZ),
        "killed by the file size limit: {out:?}"
    );
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        before,
        "the old plan is untouched"
    );
    // What the dead process left is hidden: the library lists cleanly.
    let r = run(&lib, &["plans"]);
    assert_eq!((r.status, r.stderr.as_str()), (0, ""));
    assert!(r.stdout.contains("岚溪市2026年政府工作报告"));

    // `import -o FILE` writes the same way.
    let file = dir.path().join("out.json");
    std::fs::write(&file, "the old plan").unwrap();
    let out = run_with_file_limit(
        &lib,
        16,
        &[
            "import",
            big.to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.signal(), Some(SIGXFSZ), "{out:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "the old plan");
    // And a report that fails to import leaves FILE alone.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    let r = run(
        &lib,
        &[
            "import",
            empty.to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(r.status, 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "the old plan");
    // Without the limit, the same save goes through.
    let r = run(
        &lib,
        &["import", big.to_str().unwrap(), "--save", "--name", "kept"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(std::fs::metadata(&kept).unwrap().len() > 16 * 1024);
}

#[test]
fn concurrent_saves_of_one_name_leave_one_whole_plan() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let (small, big) = (dir.path().join("small.txt"), dir.path().join("big.txt"));
    big_report(&small, 50);
    big_report(&big, 2000);
    let export = |report: &Path| {
        let r = run(&lib, &["import", report.to_str().unwrap()]);
        assert_eq!(r.status, 0);
        serde_json::from_str::<Value>(&r.stdout).unwrap()
    };
    let (small_plan, big_plan) = (export(&small), export(&big));
    let savers: Vec<_> = (0..8)
        .map(|i| {
            let report = if i % 2 == 0 { &small } else { &big };
            Process::new(bin())
                .env_remove("PLAN_EXPLORER_LIBRARY")
                .arg("--library")
                .arg(&lib)
                .args([
                    "import",
                    report.to_str().unwrap(),
                    "--save",
                    "--name",
                    "same",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Listing while they write never sees a torn plan.
    for _ in 0..5 {
        let r = run(&lib, &["plans"]);
        assert_eq!((r.status, r.stderr.as_str()), (0, ""));
    }
    for saver in savers {
        let out = saver.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let saved: Value =
        serde_json::from_slice(&std::fs::read(lib.join("same.json")).unwrap()).unwrap();
    assert!(
        saved == small_plan || saved == big_plan,
        "one of the two plans, whole"
    );
    let visible: Vec<_> = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(visible, ["same.json"]);
}

#[test]
fn corrupt_and_foreign_files_are_skipped_with_one_warning_each() {
    let lib = lanxi_library();
    let lib = lib.path();
    let good = std::fs::read_to_string(lib.join("lanxi-2026.json")).unwrap();
    let half = (0..good.len() / 2)
        .rev()
        .find(|&i| good.is_char_boundary(i))
        .unwrap();
    std::fs::write(lib.join("torn.json"), &good[..half]).unwrap();
    std::fs::write(lib.join("foreign.json"), "{\"hello\": 1}").unwrap();
    std::fs::write(lib.join("notes.txt"), "my notes").unwrap();
    std::fs::write(lib.join(".hidden.json"), "not even JSON").unwrap();

    let check = |r: &Run| {
        let warnings: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(warnings.len(), 3, "{}", r.stderr);
        for (bad, why) in [
            ("torn.json", "JSON syntax error"),
            ("foreign.json", "field"),
            ("notes.txt", "not a plan file"),
        ] {
            let line = warnings
                .iter()
                .find(|w| w.contains(bad))
                .unwrap_or_else(|| panic!("{bad}: {}", r.stderr));
            assert!(
                line.starts_with("plan-explorer: warning: ") && line.contains(why),
                "{line}"
            );
        }
    };
    let r = run(lib, &["plans", "--json"]);
    assert_eq!(r.status, 0);
    check(&r);
    let plans: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(names(&plans), ["lanxi-2026", "lanxi-2027", "luzhou-2026"]);
    // Twice: the second listing comes from the cache and warns the same.
    check(&run(lib, &["plans"]));
    let r = run(lib, &["search", "--all-plans", "夜市"]);
    assert_eq!(r.status, 0);
    check(&r);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    // A corrupt file named on its own is an error, not a warning.
    let r = run(lib, &["--plan", "torn", "tree"]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("torn.json"), "{}", r.stderr);
}

#[test]
fn the_listing_cache_follows_every_change_and_is_rebuilt_when_broken() {
    let lib = lanxi_library();
    let lib = lib.path();
    let cache = lib.join(".cache/summaries.json");
    let title = |lib: &Path| json(lib, &["plans", "--json"])[0]["title"].clone();
    assert_eq!(title(lib), "岚溪市2026年政府工作报告");
    assert!(cache.is_file());
    // Same name, same size, same modification time, other content.
    let file = lib.join("lanxi-2026.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    let edited = text.replacen("岚溪市2026年", "岚溪县2026年", 1);
    assert_eq!((edited.len(), edited != text), (text.len(), true));
    std::fs::write(&file, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(title(lib), "岚溪县2026年政府工作报告");
    // A broken cache is rebuilt; a deleted one loses nothing.
    std::fs::write(&cache, "{ not json").unwrap();
    assert_eq!(title(lib), "岚溪县2026年政府工作报告");
    assert!(serde_json::from_slice::<Value>(&std::fs::read(&cache).unwrap()).is_ok());
    // A removed plan leaves the list at once.
    std::fs::remove_file(lib.join("lanxi-2027.json")).unwrap();
    assert_eq!(
        names(&json(lib, &["plans", "--json"])),
        ["lanxi-2026", "luzhou-2026"]
    );
    std::fs::remove_dir_all(lib.join(".cache")).unwrap();
    assert_eq!(
        names(&json(lib, &["plans", "--json"])),
        ["lanxi-2026", "luzhou-2026"]
    );
}

#[test]
fn search_all_plans_names_the_plan_of_each_hit() {
    let lib = lanxi_library();
    let lib = lib.path();
    let r = run(lib, &["search", "--all-plans", "高标准农田", "--mark"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "lanxi-2027  1.1.1       4  commitment 过去一年,全市新建[高标准农田]3万亩,举办岚溪国际马拉松赛。",
            "lanxi-2026  1.2.1       6  commitment 加快建设市中心医院新院区,新建[高标准农田]3万亩。",
            "lanxi-2027  2.2.1       8  commitment 加快建设市中心医院新院区,新建[高标准农田]3.5万亩。",
            "luzhou-2026 6.1.1      30  commitment 严守耕地保护红线,新(改)建[高标准农田]31.3万亩,建强特色农产品原料基地。",
        ]
    );
    // Pinyin, JSON with the plan, and a limit over all plans.
    let hits = json(lib, &["search", "--all-plans", "yeshijiequ", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for (hit, plan) in hits.iter().zip(["lanxi-2026", "lanxi-2027"]) {
        assert_eq!(hit["plan"], plan);
        let mut keys: Vec<&str> = hit
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            ["id", "item", "line", "matched", "plan", "score", "text"]
        );
        assert_eq!(hit["text"], "培育特色夜市街区4个。");
    }
    let limited = json(
        lib,
        &["search", "--all-plans", "项目", "--limit", "3", "--json"],
    );
    assert_eq!(limited.as_array().unwrap().len(), 3);
    let plans: Vec<&str> = json(lib, &["search", "--all-plans", "项目", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            if h["plan"] == "luzhou-2026" {
                "luzhou"
            } else {
                "lanxi"
            }
        })
        .collect();
    assert!(
        plans.contains(&"luzhou") && plans.contains(&"lanxi"),
        "the embedded plan is searched too"
    );
    // Nothing found exits 1; --plan with --all-plans is a usage error.
    assert_eq!(
        run(lib, &["search", "--all-plans", "没有这种东西"]).status,
        1
    );
    let r = run(lib, &["--plan", "lanxi-2026", "search", "--all-plans", "x"]);
    assert_eq!((r.status, r.stderr.lines().count()), (2, 1));
}

#[test]
fn compare_reports_each_known_change_and_nothing_unchanged() {
    let lib = lanxi_library();
    let lib = lib.path();
    let r = run(lib, &["compare", "lanxi-2026", "lanxi-2027"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
item        status      lanxi-2026  lanxi-2027  what
target      changed     1.2.1       2.2.1       高标准农田 3万亩 → 3.5万亩 (+0.5)
target      changed     1.3.1       2.3.1       地区生产总值增长 5% → 5–5.5% (low 0, high +0.5)
target      new         -           3.1.2       开通城乡公交夜间线路 6条
commitment  new         -           3.1.2       开通城乡公交夜间线路6条。
commitment  dropped     2.1.1       -           举办岚溪国际马拉松赛。
project     continuing  1.1.2       2.1.2       滨河大道二期
project     new         -           2.1.2       城东污水处理厂
project     continuing  1.2.1       2.2.1       市中心医院新院区
project     dropped     1.1.2       -           岚溪北站综合枢纽
"
    );
    let c = json(lib, &["compare", "lanxi-2026", "lanxi-2027", "--json"]);
    assert_eq!(
        (c["a"].as_str(), c["b"].as_str(), c["close"].as_f64()),
        (Some("lanxi-2026"), Some("lanxi-2027"), Some(0.55))
    );
    let changed = &c["targets"][0];
    assert_eq!(changed["status"], "changed");
    assert_eq!(
        (
            changed["a"]["target"]["value"].as_f64(),
            changed["b"]["target"]["value"].as_f64()
        ),
        (Some(3.0), Some(3.5))
    );
    assert_eq!(changed["change"], 0.5);
    assert_eq!(
        (
            changed["a"]["commitment"]["line"].as_u64(),
            changed["b"]["commitment"]["id"].as_str()
        ),
        (Some(6), Some("2.2.1"))
    );
    assert!(changed["change_max"].is_null());
    let ranged = &c["targets"][1];
    let b_target = &ranged["b"]["target"];
    assert_eq!(
        (b_target["value"].as_f64(), b_target["value_max"].as_f64()),
        (Some(5.0), Some(5.5))
    );
    assert_eq!(
        (ranged["change"].as_f64(), ranged["change_max"].as_f64()),
        (Some(0.0), Some(0.5))
    );
    assert_eq!(c["commitments"].as_array().unwrap().len(), 2);
    // Last year's results in B's review (1.1.1: 高标准农田3万亩 and the
    // marathon) are never paired with this year's work.
    assert!(!r.stdout.contains(" 1.1.1 "), "{}", r.stdout);
    // Reversed, new and dropped swap and the change is negative.
    let r = run(lib, &["compare", "lanxi-2027", "lanxi-2026"]);
    assert!(
        r.stdout.contains("高标准农田 3.5万亩 → 3万亩 (-0.5)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("commitment  new         -           2.1.1       举办岚溪国际马拉松赛。")
    );
    // A plan matches itself: nothing but continuing projects, exit 1.
    let r = run(lib, &["compare", "lanxi-2027", "lanxi-2027"]);
    assert_eq!(r.status, 1);
    assert!(
        r.stdout
            .lines()
            .skip(1)
            .all(|l| l.starts_with("project     continuing")),
        "{}",
        r.stdout
    );
    // Files and the embedded plan work as well as names.
    let r = run(
        lib,
        &[
            "compare",
            "luzhou-2026",
            &lib.join("lanxi-2027.json").display().to_string(),
        ],
    );
    assert_eq!(r.status, 0);
    let r = run(lib, &["compare", "lanxi-2026", "nowhere"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr
            .contains("no plan file or library plan named nowhere"),
        "{}",
        r.stderr
    );
}
