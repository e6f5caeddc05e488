//! Bad input, full disks, closed pipes and oversized files: each gets a short
//! error naming the problem and a non-zero status, and nothing panics.

mod common;

use common::{assert_error, assert_usage_error, run, scratch, shell, write};

#[test]
fn usage_errors_keep_the_argument_the_values_and_the_near_miss() {
    // The missing argument is named, with the usage line.
    assert_usage_error(&["search"], &["<QUERY>", "Usage: plan-explorer search"]);
    assert_usage_error(&["completions"], &["<SHELL>"]);
    // The valid values are listed.
    assert_usage_error(
        &["export", "--format", "cvs"],
        &["'cvs'", "possible values: json, csv, md"],
    );
    // "Did you mean" for subcommands, flags and values.
    assert_usage_error(
        &["serch", "x"],
        &["'serch'", "similar subcommand exists: 'search'"],
    );
    assert_usage_error(&["targets", "--jsn"], &["'--jsn'", "'--json'"]);
    assert_usage_error(&["completions", "bsh"], &["possible values", "'bash'"]);
}

#[test]
fn a_limit_below_one_is_refused_not_read_as_a_flag_or_as_nothing_found() {
    for limit in ["-1", "0"] {
        assert_usage_error(
            &["search", "泸古高速", "--limit", limit],
            &["--limit", "give 1 or more"],
        );
    }
    let (status, stdout, _) = run(&["search", "泸古高速", "--limit", "1"]);
    assert_eq!((status, stdout.lines().count()), (0, 1));
}

#[test]
fn completions_into_a_closed_pipe_or_a_full_disk_do_not_panic() {
    for shell_name in ["bash", "zsh", "fish"] {
        let out = common::run_reader_gone(&["completions", shell_name]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{shell_name}: {stderr}");
        assert!(stderr.is_empty(), "{shell_name}: {stderr}");
    }
    let (status, stdout, stderr) =
        shell(r#""$BIN" completions bash | head -1; echo "status=${PIPESTATUS[0]}""#);
    assert_eq!(status, 0);
    assert!(stdout.contains("status=0"), "{stdout} {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn writes_to_a_full_stdout_fail_naming_stdout() {
    for command in [
        "completions zsh",
        "--help",
        "--version",
        "tree",
        "export --format md",
    ] {
        let (status, _, stderr) = shell(&format!(r#""$BIN" {command} > /dev/full"#));
        assert_eq!(status, 2, "{command}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{command}: {stderr}");
        assert!(
            stderr.starts_with("plan-explorer: cannot write to stdout: No space left on device"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn a_plan_file_with_a_byte_order_mark_loads() {
    let plan = std::fs::read(common::embedded_plan()).unwrap();
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend_from_slice(&plan);
    let path = write("bom-plan.json", &with_bom);
    let path = path.to_str().unwrap();
    let (status, stdout, stderr) = run(&["--plan", path, "stats"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(stdout, run(&["stats"]).1);
    // One-shot search reads the file its own way, and accepts it too.
    let (status, stdout, stderr) = run(&["--plan", path, "search", "泸古高速", "--json"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("3.3.1"), "{stdout}");
    // Positions stay true: a fault on line 3 is still on line 3.
    let broken = "\u{feff}{\n  \"title\": \"x\",\n  oops\n}\n";
    let path = write("bom-broken.json", broken.as_bytes());
    assert_error(
        &["--plan", path.to_str().unwrap(), "tree"],
        &["bom-broken.json:3:3"],
    );
}

#[test]
fn a_report_given_as_a_plan_and_a_plan_given_as_a_report_say_which_command_fits() {
    assert_error(
        &["--plan", "seeds/luzhou-2026-work-report.txt", "tree"],
        &[
            "luzhou-2026-work-report.txt is not a plan file",
            "plan-explorer import seeds/luzhou-2026-work-report.txt",
        ],
    );
    assert_error(
        &["--plan", "seeds/luzhou-2026-work-report.txt", "search", "x"],
        &["is not a plan file", "import"],
    );
    assert_error(
        &["import", "data/luzhou-2026.json"],
        &[
            "data/luzhou-2026.json is a plan file",
            "--plan data/luzhou-2026.json",
        ],
    );
}

#[test]
fn reports_that_are_no_text_say_where_and_why() {
    // NUL bytes: binary, or UTF-16 that lost its byte order mark.
    let zeros = write("zeros.txt", &[0; 4096]);
    let zeros = zeros.to_str().unwrap();
    assert_error(&["import", zeros], &[zeros, ":1:1:", "NUL byte"]);
    let no_bom: Vec<u8> = "推进A。\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let no_bom = write("utf16-no-bom.txt", &no_bom);
    assert_error(
        &["import", no_bom.to_str().unwrap()],
        &["NUL byte", "byte order mark"],
    );
    // A UTF-16 file cut short is named as UTF-16, where it breaks.
    let mut odd = vec![0xFF, 0xFE];
    odd.extend("推进A。\n实施B。".encode_utf16().flat_map(u16::to_le_bytes));
    odd.push(0x41);
    let odd = write("utf16-odd.txt", &odd);
    assert_error(
        &["import", odd.to_str().unwrap()],
        &[":2:5:", "not valid UTF-16LE"],
    );
    // Latin-1 that happens to decode as GB18030 is not taken for Chinese.
    let latin1: Vec<u8> = "\u{c9}conomie r\u{e9}elle: cr\u{e9}er des \u{e9}quipes.\n"
        .repeat(20)
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let latin1 = write("latin1.txt", &latin1);
    assert_error(
        &["import", latin1.to_str().unwrap()],
        &[":1:1:", "not valid UTF-8"],
    );
}

#[test]
fn files_over_the_size_limit_are_refused_without_being_read() {
    let plan = common::embedded_plan().to_str().unwrap();
    let size = std::fs::metadata(plan).unwrap().len().to_string();
    let just_under = (std::fs::metadata(plan).unwrap().len() - 1).to_string();
    assert_error(
        &["--max-size", &just_under, "--plan", plan, "tree"],
        &[plan, "larger than the limit of", "--max-size"],
    );
    assert_error(
        &["--max-size", "1K", "--plan", plan, "search", "x"],
        &[plan, "larger than the limit of 1 KiB"],
    );
    let (status, _, stderr) = run(&["--max-size", &size, "--plan", plan, "tree"]);
    assert_eq!(status, 0, "a file of exactly the limit loads: {stderr}");
    assert_error(
        &[
            "--max-size",
            "2K",
            "import",
            "seeds/luzhou-2026-work-report.txt",
        ],
        &["luzhou-2026-work-report.txt", "limit of 2 KiB"],
    );
    // Endless streams stop at the limit (the default one here).
    assert_error(&["import", "/dev/zero"], &["/dev/zero", "limit of 256 MiB"]);
    assert_error(
        &["--plan", "/dev/zero", "tree"],
        &["/dev/zero", "limit of 256 MiB"],
    );
    assert_usage_error(
        &["--max-size", "lots", "tree"],
        &["--max-size", "not a size"],
    );
    // The limit is in --help, with its default.
    let (_, help, _) = run(&["--help"]);
    assert!(
        help.contains("--max-size <SIZE>") && help.contains("[default: 256M]"),
        "{help}"
    );
}

#[test]
fn import_dash_reads_the_report_from_stdin_within_the_limit() {
    let report = std::fs::read("tests/fixtures/full-report.txt").unwrap();
    let out = common::bin()
        .args(["import", "-"])
        .write_stdin(report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["source"], "stdin");
    assert_eq!(plan["title"], "政府工作报告");
    let plan_json = std::fs::read(common::embedded_plan()).unwrap();
    let out = common::bin()
        .args(["import", "-"])
        .write_stdin(plan_json)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("stdin holds a plan file"), "{stderr}");
    let out = common::bin()
        .args(["--max-size", "1K", "import", "-"])
        .write_stdin(vec![b'x'; 4096])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr
            .starts_with("plan-explorer: cannot read report stdin: larger than the limit of 1 KiB"),
        "{stderr}"
    );
}

#[test]
fn import_o_into_a_missing_folder_names_the_file_given_not_a_temporary_one() {
    let missing = scratch("no-such-folder").join("plan.json");
    let missing = missing.to_str().unwrap();
    assert_error(
        &["import", "tests/fixtures/full-report.txt", "-o", missing],
        &[&format!(
            "cannot write {missing}: No such file or directory"
        )],
    );
    let (_, _, stderr) = run(&["import", "tests/fixtures/full-report.txt", "-o", missing]);
    assert!(!stderr.contains(".tmp"), "{stderr}");
}

#[test]
fn import_o_never_names_the_report_and_dash_is_stdout() {
    let report = write("self.txt", "城市更新\n改造小区。新建公园5个。\n".as_bytes());
    let before = std::fs::read(&report).unwrap();
    let r = report.to_str().unwrap();
    assert_error(
        &["import", r, "-o", r],
        &["-o names the report itself", "self.txt"],
    );
    // Through a link, or another spelling of the same path.
    let link = scratch("self-link.txt");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&report, &link).unwrap();
    assert_error(
        &["import", r, "-o", link.to_str().unwrap()],
        &["names the report itself"],
    );
    let dotted = format!("{}/./self.txt", report.parent().unwrap().display());
    assert_error(&["import", r, "-o", &dotted], &["names the report itself"]);
    assert_eq!(
        std::fs::read(&report).unwrap(),
        before,
        "the report is untouched"
    );

    let dir = scratch("dash");
    std::fs::create_dir_all(&dir).unwrap();
    let out = std::process::Command::new(common::BIN)
        .args(["import", r, "-o", "-"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("城市更新"));
    assert!(!dir.join("-").exists(), "no file named -");
}

#[test]
fn a_failed_import_leaves_the_old_plan_as_it_was() {
    let out = scratch("kept.json");
    std::fs::write(&out, "the old plan").unwrap();
    let bad = write("latin1-report.txt", b"caf\xe9\n");
    let (status, _, _) = run(&["import", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(status, 2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old plan");
}

/// A fresh folder holding `plan.json` with the old plan in it.
fn folder_with_old_plan(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.json"), "the old plan").unwrap();
    dir
}

/// The process is killed by SIGXFSZ once the file it writes passes 4 KiB
/// (`ulimit -f`), a real kill in the middle of writing the new plan.
#[test]
fn a_process_killed_mid_write_leaves_the_old_plan_whole() {
    let dir = folder_with_old_plan("killed");
    let (_, stdout, stderr) = shell(&format!(
        r#"cd '{}' && ulimit -f 4 && "$BIN" import "$OLDPWD/seeds/luzhou-2026-work-report.txt" -o plan.json; echo "status=$?""#,
        dir.display()
    ));
    // 128 + SIGXFSZ (25): the kernel ended it mid-write.
    assert!(stdout.contains("status=153"), "{stdout} {stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.json")).unwrap(),
        "the old plan"
    );
    // What was written went to a hidden temporary file, not to plan.json.
    let others: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("plan.json"))
        .collect();
    assert_eq!(others.len(), 1, "{others:?}");
    let name = others[0].file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with(".plan-explorer-") && name.ends_with(".tmp"),
        "{name}"
    );
    assert!(std::fs::metadata(&others[0]).unwrap().len() >= 4096);
}

/// A disk that fills mid-write: a 16 KiB tmpfs where a user namespace can
/// mount one, else a file size limit with SIGXFSZ ignored, which fails the
/// write with EFBIG as a full disk fails it with ENOSPC.
#[test]
fn a_full_disk_fails_the_import_and_keeps_the_old_plan() {
    let dir = folder_with_old_plan("full");
    let tmpfs = std::process::Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            &format!("mount -t tmpfs -o size=16k tmpfs '{}'", dir.display()),
        ])
        .status()
        .is_ok_and(|s| s.success());
    let script = if tmpfs {
        format!(
            r#"unshare -rm bash -c 'cd "{0}" && mount -t tmpfs -o size=16k tmpfs . && cd . && printf "the old plan" > plan.json && "$BIN" import "$1/seeds/luzhou-2026-work-report.txt" -o plan.json; echo "status=$?"; cat plan.json; echo; ls -A' _ "$PWD""#,
            dir.display()
        )
    } else {
        format!(
            r#"cd '{}' && trap '' XFSZ && ulimit -f 16 && "$BIN" import "$OLDPWD/seeds/luzhou-2026-work-report.txt" -o plan.json; echo "status=$?"; cat plan.json; echo; ls -A"#,
            dir.display()
        )
    };
    let (_, stdout, stderr) = shell(&script);
    let expected_error = if tmpfs {
        "No space left on device"
    } else {
        "File too large"
    };
    assert!(stdout.contains("status=2"), "{stdout}\n{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot write plan.json") && stderr.contains(expected_error),
        "{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[1..],
        ["the old plan", "plan.json"],
        "old plan kept, no temporary file:\n{stdout}"
    );
}

#[test]
fn errors_quote_names_and_values_without_their_control_characters() {
    // A file name, an id and a value with escape sequences in them.
    let evil = "\x1b]0;pwned\x07\x1b[2J";
    let path = scratch("evil\x1b[2J.json");
    std::fs::write(&path, "not json").unwrap();
    for args in [
        vec!["show", evil],
        vec!["--plan", path.to_str().unwrap(), "tree"],
        vec!["import", evil],
        vec!["targets", "--unit", evil],
    ] {
        let (status, _, stderr) = run(&args);
        assert!(status == 1 || status == 2, "{args:?}: {status}");
        assert!(
            !stderr.contains('\x1b') && !stderr.contains('\x07'),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr.contains("\\x1b"), "shown escaped: {stderr:?}");
    }
    // A usage error: clap's text drops the sequences; none reach stderr.
    let (status, _, stderr) = run(&["export", "--format", evil]);
    assert_eq!(status, 2);
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\x07'),
        "{stderr:?}"
    );
}
