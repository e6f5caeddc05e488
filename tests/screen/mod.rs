//! Driving the whole app on ratatui's TestBackend and reading the screen
//! back: shared by the test files that snapshot screens.
#![allow(dead_code)]

use plan_explorer::plan::load::load_embedded;
use plan_explorer::tui::app::App;
use plan_explorer::tui::drive;
use plan_explorer::tui::theme::Options;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A left click at a cell.
pub fn click(column: u16, row: u16) -> Event {
    Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

pub fn typed(text: &str) -> Vec<Event> {
    text.chars().map(key).collect()
}

/// Runs the app on a w x h test terminal through the events.
pub fn screen(w: u16, h: u16, events: Vec<Event>) -> (Terminal<TestBackend>, App) {
    screen_with(w, h, events, Options::default())
}

/// The returned terminal holds one fresh draw of the final state: TestBackend
/// keeps stale symbols in the cells a wide glyph hides, which a real terminal
/// overwrites, and they would garble the snapshots.
pub fn screen_with(
    w: u16,
    h: u16,
    events: Vec<Event>,
    options: Options,
) -> (Terminal<TestBackend>, App) {
    screen_of(App::new(load_embedded().unwrap(), options), w, h, events)
}

/// Runs `app` on a w x h test terminal through the events.
pub fn screen_of(mut app: App, w: u16, h: u16, events: Vec<Event>) -> (Terminal<TestBackend>, App) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    drive(&mut terminal, &mut app, events).unwrap();
    // The app's size, which follows resize events; the test backend's does not.
    let mut fresh = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    fresh
        .draw(|frame| plan_explorer::tui::view::render(&app, frame))
        .unwrap();
    (fresh, app)
}

pub fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width;
    (0..buffer.area.height)
        .map(|y| row_at(buffer, 0, y, width) + "\n")
        .collect()
}

/// The characters drawn in a given foreground colour, in reading order.
pub fn drawn_in(terminal: &Terminal<TestBackend>, fg: ratatui::style::Color) -> String {
    let buffer = terminal.backend().buffer();
    drawn_in_area(buffer, buffer.area, fg)
}

/// The characters inside `area` drawn in a given foreground colour.
pub fn drawn_in_area(
    buffer: &ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    fg: ratatui::style::Color,
) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if cell.fg == fg {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

/// The text of row `y` from column `x` for `width` cells, a wide glyph
/// read once.
pub fn row_at(buffer: &ratatui::buffer::Buffer, x: u16, y: u16, width: u16) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for x in x..x + width {
        let symbol = buffer[(x, y)].symbol();
        if skip > 0 {
            skip -= 1;
            continue;
        }
        skip = plan_explorer::width::str_width(symbol).saturating_sub(1);
        out.push_str(symbol);
    }
    out
}

/// One fresh draw of the app at its own size.
pub fn frame_of(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal
        .draw(|frame| plan_explorer::tui::view::render(app, frame))
        .unwrap();
    terminal.backend().buffer().clone()
}
