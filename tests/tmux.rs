//! The real binary in a real terminal: tmux runs it, send-keys types, and
//! capture-pane reads the screen. These tests need tmux: where it is missing
//! they fail and say how to install it (`.ci/run` installs it in CI).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_plan-explorer");

struct Tmux {
    socket: String,
    dir: PathBuf,
}

/// Fails the test, saying how to install tmux, when it is missing.
fn require_tmux() {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "the real-terminal tests need tmux: install it (apt-get install tmux, \
         dnf install tmux, brew install tmux) and run them again"
    );
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        require_tmux();
        let socket = format!("plan-explorer-test-{}-{name}", std::process::id());
        let dir = std::env::temp_dir().join(&socket);
        std::fs::create_dir_all(&dir).unwrap();
        Tmux { socket, dir }
    }

    /// Starts a detached session running `command` in a w x h window.
    fn start(&self, w: u16, h: u16, command: &str) {
        let out = self.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts a plain bash with the prompt `READY$ ` and waits for it.
    fn shell(&self) {
        self.start(100, 30, "env PS1='READY$ ' bash --norc --noprofile");
        self.wait_for("the shell prompt", |s| s.contains("READY$"));
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    fn query(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen satisfies `ready`, failing with the screen after 15 s.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn exit_file(&self) -> PathBuf {
        self.dir.join("exit")
    }

    /// Runs the app, then records its exit status in a file.
    fn app_command(&self, args: &str) -> String {
        format!(
            "{BIN} {args}; echo $? > {}; sleep 30",
            self.exit_file().display()
        )
    }

    fn wait_exit(&self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(code) = std::fs::read_to_string(self.exit_file())
                .ok()
                .and_then(|text| text.trim().parse().ok())
            {
                return code;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the app did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn browse_search_in_pinyin_and_quit() {
    let t = Tmux::new("search");
    t.start(120, 40, &t.app_command(""));
    t.wait_for("the area titles", |s| {
        s.contains("以链带面、强链聚群,做大做强制造业")
            && s.contains("忠诚干净担当,全面加强政府自身建设")
    });
    t.keys(&["/"]);
    t.text("xianhe");
    t.wait_for("hits for xianhe", |s| {
        s.contains("仙鹤纸业") && s.contains("Search 1/")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("the hit in the detail pane", |s| {
        !s.contains("Search 1/") && s.contains("Commitment")
    });
    assert!(screen.contains("仙鹤纸业"), "{screen}");
    // The targets table, sorted by value: 6000亿元 heads the 亿元 rows.
    t.keys(&["t"]);
    t.wait_for("the targets table", |s| s.contains("Targets · 40 rows"));
    t.keys(&["s"]);
    let screen = t.wait_for("the sorted table", |s| s.contains("largest first"));
    let first_row = screen
        .lines()
        .find(|l| l.contains("亿元") && !l.contains("Targets"))
        .unwrap_or_default();
    assert!(
        first_row.contains("6000") && first_row.contains("以上"),
        "{screen}"
    );
    // The overview shows a bar for each of the ten work areas.
    t.keys(&["o"]);
    let screen = t.wait_for("the overview", |s| s.contains("Tasks per area"));
    for clause in [
        "做大做强制造业",
        "全面加强政府自身建设",
        "加快农业农村现代化",
    ] {
        assert!(screen.contains(clause), "{clause} missing:\n{screen}");
    }
    let charts: Vec<&str> = screen
        .lines()
        .take_while(|l| !l.contains("Largest amounts"))
        .collect();
    let bars = charts.iter().filter(|l| l.contains('█')).count();
    assert_eq!(bars, 11, "a row of bars per area:\n{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let t = Tmux::new("suspend");
    t.shell();
    t.text(BIN);
    t.keys(&["Enter"]);
    t.wait_for("the app", |s| s.contains("以链带面"));
    assert_eq!(t.query("#{alternate_on}"), "1");
    t.keys(&["C-z"]);
    let screen = t.wait_for("the prompt after Ctrl-Z", |s| {
        s.contains("Stopped") && s.trim_end().ends_with("READY$")
    });
    assert!(
        !screen.contains("╭ Plan"),
        "the app's frame is gone:\n{screen}"
    );
    assert_eq!(t.query("#{alternate_on}"), "0", "left the alternate screen");
    t.text("fg");
    t.keys(&["Enter"]);
    t.wait_for("the redrawn app", |s| {
        s.contains("以链带面") && s.contains("╭ Plan")
    });
    assert_eq!(t.query("#{alternate_on}"), "1");
    t.keys(&["q"]);
    t.wait_for("the prompt after quitting", |s| {
        s.trim_end().ends_with("READY$")
    });
    // After fg, $? is the app's own exit status.
    t.text("echo EXIT=$?");
    t.keys(&["Enter"]);
    t.wait_for("a clean exit", |s| s.contains("EXIT=0"));
}

#[test]
fn a_thousand_random_keys_and_resizes_then_q_exits_cleanly() {
    let t = Tmux::new("storm");
    t.start(120, 40, &t.app_command(""));
    t.wait_for("the app", |s| s.contains("以链带面"));
    let keys = [
        "j", "k", "h", "l", "g", "G", "Enter", "Tab", "/", "x", "i", "a", "n", "BSpace", "Escape",
        "?", "t", "s", "u", "o", "Up", "Down", "Left", "Right", "PageUp", "PageDown", "N", "Space",
    ];
    // A fixed xorshift sequence: random enough, and the same on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..1000 {
        let r = next();
        if i % 50 == 0 {
            let (w, h) = (1 + r % 300, 1 + (r >> 16) % 100);
            t.run(&[
                "resize-window",
                "-t",
                "main",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ]);
        }
        let key = keys[(r >> 32) as usize % keys.len()];
        t.keys(&[key]);
    }
    t.run(&["resize-window", "-t", "main", "-x", "1", "-y", "1"]);
    t.run(&["resize-window", "-t", "main", "-x", "120", "-y", "40"]);
    // Leave any overlay or typing mode, then quit. The pauses keep Escape
    // from reading as Alt with the key after it.
    for _ in 0..3 {
        t.keys(&["Escape"]);
        std::thread::sleep(Duration::from_millis(150));
    }
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0, "{}", t.screen());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit() {
    for signal in ["TERM", "HUP"] {
        let t = Tmux::new(&format!("signal-{signal}"));
        t.shell();
        t.text(BIN);
        t.keys(&["Enter"]);
        t.wait_for("the app", |s| s.contains("以链带面"));
        let shell = t.query("#{pane_pid}");
        let children = format!("/proc/{shell}/task/{shell}/children");
        let app = std::fs::read_to_string(children)
            .unwrap_or_default()
            .trim()
            .to_string();
        assert!(!app.is_empty(), "no app process under the shell");
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &app])
            .status()
            .unwrap();
        assert!(killed.success());
        let screen = t.wait_for("the prompt after the signal", |s| {
            s.trim_end().ends_with("READY$")
        });
        assert!(
            !screen.contains("╭ Plan"),
            "{signal}: the frame is gone:\n{screen}"
        );
        assert_eq!(
            t.query("#{alternate_on}"),
            "0",
            "{signal}: left the alternate screen"
        );
        // The terminal is back in cooked mode: a typed command echoes and runs.
        t.text("echo cooked-$((6*7))");
        t.keys(&["Enter"]);
        t.wait_for("the shell to run a command", |s| s.contains("cooked-42"));
    }
}

/// Set in the copy of this test that tmux runs as the app.
const PANIC_CHILD: &str = "PLAN_EXPLORER_PANIC_TEST_CHILD";

/// The app's own event loop and panic hook, with a view that panics after
/// drawing, as a bug in drawing would. The shipped binary has no such
/// switch, so this test runs itself, as the app, in the tmux pane: this test
/// binary with only this test selected and [`PANIC_CHILD`] set.
#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    if std::env::var_os(PANIC_CHILD).is_some() {
        fn panicking(app: &plan_explorer::tui::app::App, frame: &mut ratatui::Frame) {
            plan_explorer::tui::view::render(app, frame);
            panic!("a bug in drawing");
        }
        let (bytes, name) = (
            plan_explorer::plan::load::EMBEDDED_PLAN.as_bytes().to_vec(),
            "embedded",
        );
        let (plan, index) = plan_explorer::search::load_with_index(bytes, name).unwrap();
        let start = plan_explorer::tui::StartOptions::default();
        let _ = plan_explorer::tui::run_drawing(plan, index, start, panicking);
        unreachable!("the view panics on the first frame");
    }
    let t = Tmux::new("panic");
    t.shell();
    let this_test = std::env::current_exe().unwrap();
    t.text(&format!(
        "RUST_BACKTRACE=0 {PANIC_CHILD}=1 {} --exact a_panic_restores_the_terminal_before_its_message \
         --nocapture; echo EXIT=$?",
        this_test.display()
    ));
    t.keys(&["Enter"]);
    // The typed command holds "EXIT=" too: wait for the line echo prints.
    let screen = t.wait_for("the exit", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(
        screen.contains("a bug in drawing"),
        "the message shows on the normal screen:\n{screen}"
    );
    assert!(
        !screen.contains("╭ Plan"),
        "the app's frame is gone:\n{screen}"
    );
    assert!(
        !screen.lines().any(|l| l == "EXIT=0"),
        "a panic is not a success:\n{screen}"
    );
    assert_eq!(t.query("#{alternate_on}"), "0");
    t.text("echo cooked-$((6*7))");
    t.keys(&["Enter"]);
    t.wait_for("a working shell", |s| s.contains("cooked-42"));
}

#[test]
fn closing_the_window_ends_the_app() {
    let t = Tmux::new("hangup");
    let pid_file = t.dir.join("pid");
    t.start(
        80,
        24,
        &format!("echo $$ > {}; exec {BIN}", pid_file.display()),
    );
    t.wait_for("the app", |s| s.contains("以链带面"));
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    assert!(std::path::Path::new(&format!("/proc/{pid}")).exists());
    // The terminal hangs up, as when a window closes or an SSH link drops.
    t.run(&["kill-server"]);
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}/exe")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the app outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
