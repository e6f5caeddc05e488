//! The terminal app. `App` holds the state and `App::update` changes it;
//! `view::render` draws it; this module only turns terminal events into
//! actions, carries out effects, draws when something changed and keeps the
//! terminal sane. It is the only module here that calls the view.

pub mod action;
pub mod app;
pub mod cite;
pub mod columns;
pub mod comparison;
pub mod detail;
pub mod hints;
pub mod layout;
pub mod line;
pub mod picker;
pub mod screens;
pub mod search_state;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod tree;
pub mod units;
mod update;
pub mod view;
pub mod wrap;

pub use terminal::TuiError;

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, MouseEventKind};

use crate::library::{Library, Location};
use crate::plan::Plan;
use action::{Action, TYPING, action_for};
use app::{App, Effect};
use session::{Session, Work};
use theme::Options;

/// At most this many events are read before the app catches up and draws.
const MAX_BURST: usize = 1024;

/// Keys that arrive within this of each other are one burst. Not zero:
/// crossterm's tty event source, whose level-triggered wait reads all of a
/// burst, answers a zero timeout without looking at its queue.
const BURST_GAP: Duration = Duration::from_micros(200);

/// What to show first.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    pub options: Options,
    pub overview: bool,
    /// Open the search overlay on this query.
    pub query: Option<String>,
    /// Select this item, by its id.
    pub select: Option<String>,
    /// The open plan's name (its library name or its file); None for the
    /// name made from the plan itself.
    pub name: Option<String>,
    /// Where the open plan is.
    pub location: Location,
    /// The library, for the picker, compare and search across plans.
    pub library: Option<Library>,
}

impl StartOptions {
    /// The actions that bring a new app to where the user asked to start:
    /// the app gets there through `update`, as if the keys were typed.
    pub fn actions(&self) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(id) = &self.select {
            actions.extend([Action::OpenGoto, Action::Paste(id.clone()), Action::Accept]);
        }
        if self.overview {
            actions.push(Action::ShowOverview);
        }
        if let Some(query) = &self.query {
            actions.extend([Action::OpenSearch, Action::Paste(query.clone())]);
        }
        actions
    }
}

/// Turns a terminal event into an action for the app's current mode.
pub fn event_to_action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(app.mode, *key),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
                MouseEventKind::Down(_) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Applies queued events in order and says whether anything changed. Text
/// typed into a query in one burst (a fast typist, or keys that arrive
/// together over SSH) goes in as one paste, so the search runs once for the
/// burst instead of once per key, and no stale query is ever scored. Stops
/// after an action that quits or queues an effect, leaving the rest queued.
pub fn apply_events(app: &mut App, events: &mut VecDeque<Event>) -> bool {
    let mut dirty = false;
    let mut typed = String::new();
    while let Some(event) = events.pop_front() {
        let Some(action) = event_to_action(app, &event) else {
            continue;
        };
        // Typing never changes the mode, so the keys after it map as they
        // would once it is applied.
        match action {
            Action::Input(c) => {
                typed.push(c);
                continue;
            }
            Action::Paste(text) if TYPING.contains(&app.mode) => {
                typed.push_str(&text);
                continue;
            }
            _ => {}
        }
        if !typed.is_empty() {
            dirty |= app.update(Action::Paste(std::mem::take(&mut typed)));
        }
        dirty |= app.update(action);
        if app.quit || !app.effects.is_empty() {
            break;
        }
    }
    if !typed.is_empty() {
        dirty |= app.update(Action::Paste(typed));
    }
    dirty
}

/// Feeds events to the app and draws after each that changed something: the
/// loop the tests drive on a `TestBackend`. Stops early when the app quits.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: impl IntoIterator<Item = Event>,
) -> Result<(), B::Error> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    terminal.draw(|frame| view::render(app, frame))?;
    for event in events {
        if let Event::Resize(width, height) = event {
            terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
        }
        let changed = event_to_action(app, &event).is_some_and(|action| app.update(action));
        app.effects.clear();
        if changed {
            terminal.draw(|frame| view::render(app, frame))?;
        }
        if app.quit {
            break;
        }
    }
    Ok(())
}

/// [`drive`] for a session: what the app asks of its plans (the picker's
/// listing, opening or comparing a plan, the library's index) is carried
/// out between events, on this thread when the session works inline.
pub fn drive_session<B: Backend>(
    terminal: &mut Terminal<B>,
    session: &mut Session,
    events: impl IntoIterator<Item = Event>,
) -> Result<(), B::Error> {
    let size = terminal.size()?;
    session.app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    terminal.draw(|frame| view::render(&session.app, frame))?;
    for event in events {
        if let Event::Resize(width, height) = event {
            terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
        }
        let action = event_to_action(&session.app, &event);
        let mut changed = action.is_some_and(|action| session.app.update(action));
        for effect in std::mem::take(&mut session.app.effects) {
            changed |= session.apply(effect).unwrap_or(false);
        }
        changed |= session.poll();
        if changed {
            terminal.draw(|frame| view::render(&session.app, frame))?;
        }
        if session.app.quit {
            break;
        }
    }
    Ok(())
}

/// Draws a frame of the app: [`view::render`].
pub type Draw = fn(&App, &mut ratatui::Frame);

/// Runs the app on the real terminal until the user quits or a signal ends it.
/// A large plan's search index is built on another thread as the first
/// frame is drawn (see [`search_state::SearchState::for_plan`]), and the
/// pinyin side of every plan's after it.
pub fn run(plan: Arc<Plan>, start: StartOptions) -> Result<(), TuiError> {
    run_drawing(plan, start, view::render)
}

/// [`run`], drawing each frame with `draw`. The app draws with
/// [`view::render`]; the real-terminal test of a panic passes a `draw` that
/// panics, as a bug in drawing would, so no switch for it ships in the app.
pub fn run_drawing(plan: Arc<Plan>, start: StartOptions, draw: Draw) -> Result<(), TuiError> {
    if !io::stdin().is_terminal() {
        return Err(TuiError::NoTerminal("stdin"));
    }
    if !io::stdout().is_terminal() {
        return Err(TuiError::NoTerminal("stdout"));
    }
    let search = search_state::SearchState::for_plan(&plan);
    let mut app = App::with_search(plan, start.options, search);
    if let Some(name) = &start.name {
        app.plan_name = name.clone();
    }
    for action in start.actions() {
        app.update(action);
    }
    let mut session = Session::new(app, start.location, start.library, Work::Background);
    // The first frame waits for no large index: the plan's characters (when
    // not indexed already), then their pinyin, are indexed on another
    // thread and attached when ready; a query typed (or given with
    // --query) before then is answered then.
    session.start_index();
    let (screen, mut terminal) = terminal::Session::start()?;
    let result = event_loop(&mut terminal, &mut session, draw);
    drop(screen);
    result
}

/// Signals are not seen here: [`terminal`] handles them on its own thread,
/// and after a stop asks for a full redraw through [`terminal::take_resumed`].
fn event_loop(
    terminal: &mut terminal::AppTerminal,
    session: &mut Session,
    draw: Draw,
) -> Result<(), TuiError> {
    let size = terminal.size()?;
    session.app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    let mut queue = VecDeque::new();
    while !session.app.quit {
        if terminal::take_resumed() {
            // Back from a stop: the screen was cleared and may have a new size.
            let _frame = terminal::lock_screen();
            terminal.autoresize()?;
            terminal.clear()?;
            let size = terminal.size()?;
            session.app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            dirty = true;
        }
        if dirty {
            let _frame = terminal::lock_screen();
            terminal.draw(|frame| draw(&session.app, frame))?;
            dirty = false;
        }
        dirty |= session.poll();
        if queue.is_empty() {
            // Poll briefly while work is on its way (pinyin, the library's
            // index), so it shows up at once.
            let wait = if session.waiting() { 20 } else { 250 };
            if !event::poll(Duration::from_millis(wait))? {
                continue;
            }
            // Take whatever else has arrived too, to handle a burst at once.
            queue.push_back(event::read()?);
            while queue.len() < MAX_BURST && event::poll(BURST_GAP)? {
                queue.push_back(event::read()?);
            }
        }
        dirty |= apply_events(&mut session.app, &mut queue);
        for effect in std::mem::take(&mut session.app.effects) {
            match session.apply(effect) {
                Ok(changed) => dirty |= changed,
                Err(Effect::Copy(text)) => {
                    let _frame = terminal::lock_screen();
                    copy_osc52(&text)?;
                }
                Err(Effect::Suspend) => terminal::suspend_group()?,
                Err(_) => {}
            }
        }
    }
    Ok(())
}

/// Puts text on the clipboard with OSC 52, which terminals honour over SSH.
fn copy_osc52(text: &str) -> io::Result<()> {
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding; small enough not to need a crate.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64("泸".as_bytes()), "5rO4");
    }
}
