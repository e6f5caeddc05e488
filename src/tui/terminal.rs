//! The real terminal: putting the app's screen up, taking it down, and the
//! signals and panics that can come at any moment in between.
//!
//! Modelled on what curses does in its SIGTSTP handler, and on helix, which
//! takes its terminal down on TSTP and back up on CONT:
//!
//! - The screen is up (raw mode, alternate screen, mouse and paste
//!   reporting) only while [`Session`] lives, and comes down on every way
//!   out: quitting, INT, QUIT, TERM, HUP, USR1, USR2, ALRM, a panic on any
//!   thread, and TSTP, which then stops the process as it would have.
//! - Raw mode keeps ISIG, as `less` and `top` do: Ctrl-C, Ctrl-\ and Ctrl-Z
//!   are signals the terminal sends, so they work even while the key
//!   parser waits for the end of a bracketed paste that never comes.
//! - Signals are handled on a thread of their own, not in the event loop,
//!   so they act at once even when the loop is blocked. A lock keeps them
//!   from landing in the middle of a frame; one that never comes free (a
//!   terminal that stopped taking output) is waited for only briefly.
//! - On CONT the screen goes back up and the size is read again (SIGWINCH
//!   is raised, so the loop wakes with the new size and redraws all).
//! - A process in the background never touches the terminal's modes and
//!   never stops itself: TTOU and TTIN are ignored, so a stray write or read
//!   fails instead of stopping it, and a CONT that finds the app in the
//!   background ends it, since a full-screen app there can do nothing.

use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{Command, cursor, execute};
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGWINCH,
};
use signal_hook::iterator::{Handle, Signals};

/// The signals that end the app (their default action), after the screen
/// comes down. The exit status is 128 plus the signal's number, as a shell
/// reports a process the signal killed.
const ENDING: [i32; 7] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM];

/// How long a signal waits for the frame being drawn before it acts anyway.
const FRAME_WAIT: Duration = Duration::from_millis(500);

/// How long taking the screen down may take before the process ends anyway
/// (a write to a terminal that stopped reading blocks for ever).
const EXIT_WAIT: Duration = Duration::from_secs(1);

/// The app's screen is up: raw mode and the modes it turned on.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The app runs: between [`Session::start`] and the session's end.
static RUNNING: AtomicBool = AtomicBool::new(false);
/// A CONT put the screen back up: the loop must redraw all at the new size.
static RESUMED: AtomicBool = AtomicBool::new(false);
/// Held while a frame is drawn, and while a signal takes the screen down.
static SCREEN: Mutex<()> = Mutex::new(());
/// The thread that runs the event loop; a panic elsewhere ends the process.
static LOOP_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Why the app could not run on this terminal.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(
        "no terminal: {0} is not a tty; run the app from a terminal, or use a subcommand such as `plan-explorer tree` or `plan-explorer search QUERY`"
    )]
    NoTerminal(&'static str),
    #[error(
        "started in the background, where it cannot draw: run it in the foreground (without &), or use a subcommand"
    )]
    Background,
    #[error("terminal error: {0}")]
    Io(#[from] io::Error),
}

/// The terminal the app draws on.
pub type AppTerminal = Terminal<CrosstermBackend<io::Stdout>>;

/// The app's hold on the terminal: while it lives, the screen is up and
/// signals are watched. Dropping it takes the screen down.
pub struct Session {
    signals: Handle,
    watcher: Option<JoinHandle<()>>,
}

impl Session {
    /// Puts the app's screen up, from the foreground only.
    pub fn start() -> Result<(Session, AppTerminal), TuiError> {
        if !is_foreground() {
            return Err(TuiError::Background);
        }
        ignore_background_stops();
        let _ = LOOP_THREAD.set(std::thread::current().id());
        install_panic_hook();
        let mut registered = ENDING.to_vec();
        registered.extend([SIGTSTP, SIGCONT]);
        let mut signals = Signals::new(&registered)?;
        let handle = signals.handle();
        let watcher = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                while let Some(signal) = signals.forever().next() {
                    on_signal(signal, &mut signals);
                }
            })?;
        let session = Session {
            signals: handle,
            watcher: Some(watcher),
        };
        RUNNING.store(true, Ordering::SeqCst);
        {
            let _frame = lock_screen();
            enter()?;
        }
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok((session, terminal))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        {
            let _frame = lock_screen();
            RUNNING.store(false, Ordering::SeqCst);
            leave();
        }
        self.signals.close();
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
    }
}

/// Holds the screen while a frame is drawn, so that a signal waits for it.
pub fn lock_screen() -> MutexGuard<'static, ()> {
    SCREEN.lock().unwrap_or_else(|e| e.into_inner())
}

/// True once after a CONT put the screen back up: the caller clears the
/// screen and reads its size again.
pub fn take_resumed() -> bool {
    RESUMED.swap(false, Ordering::SeqCst)
}

/// Stops the app as Ctrl-Z would: the whole process group gets TSTP, as from
/// the terminal, so a shell script that started the app stops with it.
pub fn suspend_group() -> io::Result<()> {
    rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)?;
    Ok(())
}

fn on_signal(signal: i32, signals: &mut Signals) {
    let running = RUNNING.load(Ordering::SeqCst);
    match signal {
        SIGTSTP if running => stop(signals),
        SIGCONT if running => come_back(signals),
        // Before the app starts or after it ends: the default actions.
        SIGTSTP => stop_self(),
        SIGCONT => {}
        _ => end(128 + signal),
    }
}

/// TSTP: takes the screen down and stops the process; once CONT wakes it,
/// puts the screen back up (or ends the app if it woke in the background).
fn stop(signals: &mut Signals) {
    let frame = wait_for_frame();
    let was_active = ACTIVE.load(Ordering::SeqCst);
    leave();
    stop_self();
    // Stopped here until a CONT.
    if was_active {
        if !is_foreground() {
            end_in_background(signals);
        }
        if enter().is_ok() {
            RESUMED.store(true, Ordering::SeqCst);
        }
    }
    drop(frame);
    wake_loop();
}

/// CONT, also after a stop the app did not see (SIGSTOP): makes sure the
/// screen is up and is redrawn, or ends the app in the background. (After a
/// TSTP that [`stop`] handled, the screen is up already and is redrawn.)
fn come_back(signals: &mut Signals) {
    let frame = wait_for_frame();
    if ACTIVE.load(Ordering::SeqCst) {
        if !is_foreground() {
            end_in_background(signals);
        }
        if is_raw() || enter().is_ok() {
            RESUMED.store(true, Ordering::SeqCst);
        }
    }
    drop(frame);
    wake_loop();
}

/// In the background the app cannot get its terminal back without being
/// stopped, so it ends. The shell owns the terminal's modes by now: only
/// screen modes still on (after a SIGSTOP, which the app never saw) are
/// turned off, by output that TTOU no longer stops. A signal that came with
/// the CONT (TERM from `kill`, HUP when the shell went away) ends it
/// quietly; `bg` gets a line saying why.
fn end_in_background(signals: &mut Signals) -> ! {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        write_leave_sequences();
    }
    // A signal sent while the app was stopped is handled as it resumes,
    // perhaps on another thread: give it a moment to arrive.
    std::thread::sleep(Duration::from_millis(50));
    if let Some(signal) = signals.pending().find(|s| ENDING.contains(s)) {
        exit_now(128 + signal);
    }
    let _ = writeln!(
        io::stderr(),
        "plan-explorer: continued in the background, where it cannot draw; run it in the foreground"
    );
    exit_now(2);
}

/// Takes the screen down and ends the process with `status`, within
/// [`EXIT_WAIT`] even if the terminal no longer takes output.
fn end(status: i32) -> ! {
    std::thread::spawn(move || {
        std::thread::sleep(EXIT_WAIT);
        exit_now(status);
    });
    let _frame = wait_for_frame();
    if is_foreground() {
        leave();
    } else if ACTIVE.swap(false, Ordering::SeqCst) {
        write_leave_sequences();
    }
    exit_now(status);
}

/// Ends the process at once: no destructor or buffer flush can write half
/// a frame after the screen came down.
fn exit_now(status: i32) -> ! {
    let _ = io::stderr().flush();
    // SAFETY: _exit ends the process and is safe to call from any thread.
    unsafe { libc::_exit(status) }
}

/// Waits a moment for the frame being drawn; a signal that cannot wait any
/// longer acts anyway.
fn wait_for_frame() -> Option<MutexGuard<'static, ()>> {
    let start = Instant::now();
    loop {
        match SCREEN.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(e)) => return Some(e.into_inner()),
            Err(TryLockError::WouldBlock) if start.elapsed() < FRAME_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

/// Raw mode, with ISIG kept, the alternate screen, mouse and paste reporting.
fn enter() -> io::Result<()> {
    // crossterm keeps the modes from before, to restore them on leaving.
    ratatui::crossterm::terminal::enable_raw_mode()?;
    raw_with_signal_keys()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    ACTIVE.store(true, Ordering::SeqCst);
    Ok(())
}

/// Takes the screen down, once: turns off what [`enter`] turned on and
/// restores the terminal's modes as they were before. Safe from any thread,
/// even one that panicked while drawing: it writes straight to the terminal,
/// not through stdout's lock.
pub fn leave() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    write_leave_sequences();
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
}

fn write_leave_sequences() {
    static SEQUENCES: OnceLock<String> = OnceLock::new();
    let sequences = SEQUENCES.get_or_init(|| {
        let mut text = String::new();
        let _ = DisableMouseCapture.write_ansi(&mut text);
        let _ = DisableBracketedPaste.write_ansi(&mut text);
        let _ = LeaveAlternateScreen.write_ansi(&mut text);
        let _ = cursor::Show.write_ansi(&mut text);
        text
    });
    let stdout = io::stdout();
    let mut bytes = sequences.as_bytes();
    while !bytes.is_empty() {
        match rustix::io::write(stdout.as_fd(), bytes) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes = &bytes[n..],
        }
    }
}

/// Raw mode as crossterm sets it, but with ISIG on, so that the terminal
/// sends INT, QUIT and TSTP for Ctrl-C, Ctrl-\ and Ctrl-Z. Set here too
/// because crossterm sets nothing when it thinks raw mode is on already,
/// as after a stop during which the shell reset the modes.
fn raw_with_signal_keys() -> io::Result<()> {
    use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
    let stdin = io::stdin();
    let mut modes = tcgetattr(stdin.as_fd())?;
    modes.make_raw();
    modes.local_modes |= LocalModes::ISIG;
    tcsetattr(stdin.as_fd(), OptionalActions::Now, &modes)?;
    Ok(())
}

/// True while the terminal is in raw mode (someone may have reset it while
/// the app was stopped).
fn is_raw() -> bool {
    rustix::termios::tcgetattr(io::stdin().as_fd())
        .is_ok_and(|m| !m.local_modes.contains(rustix::termios::LocalModes::ICANON))
}

/// True when the app's process group owns the terminal.
fn is_foreground() -> bool {
    rustix::termios::tcgetpgrp(io::stdin().as_fd())
        .is_ok_and(|group| group == rustix::process::getpgrp())
}

/// Wakes the event loop: crossterm answers SIGWINCH with a resize event
/// that carries the terminal's size as it is now.
fn wake_loop() {
    let _ = signal_hook::low_level::raise(SIGWINCH);
}

/// Stops the process with TSTP's own default action, so the shell reports
/// it "Stopped" as it would any Ctrl-Z; returns when CONT resumes it.
fn stop_self() {
    // SAFETY: sigaction with a zeroed struct and SIG_DFL sets the default
    // action, and the saved action (signal-hook's handler) is put back as
    // it was; raise only sends a signal to this thread.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut saved: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut saved) != 0 {
            return;
        }
        libc::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &saved, std::ptr::null_mut());
    }
}

/// A process in the background that writes to or reads from its terminal
/// gets TTOU or TTIN, which stop it. Ignored, the write goes ahead and the
/// read fails, so the app is never stopped where no one can resume it.
fn ignore_background_stops() {
    // SAFETY: setting the action of two signals to SIG_IGN.
    unsafe {
        libc::signal(libc::SIGTTOU, libc::SIG_IGN);
        libc::signal(libc::SIGTTIN, libc::SIG_IGN);
    }
}

/// Takes the screen down before a panic's message prints, so the message is
/// seen and the shell works. A panic off the event loop's thread ends the
/// process too: the loop would go on drawing on a screen that is down.
fn install_panic_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
            let on_loop = LOOP_THREAD.get() == Some(&std::thread::current().id());
            if RUNNING.load(Ordering::SeqCst) && !on_loop {
                exit_now(101);
            }
        }));
    });
}
