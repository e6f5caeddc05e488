//! The whole app on ratatui's TestBackend: snapshots of the screens that
//! matter, and random keys at random sizes that must never panic.

use std::collections::VecDeque;

mod screen;

use plan_explorer::plan::load::load_embedded;
use plan_explorer::search::SearchIndex;
use plan_explorer::tui::action::Action;
use plan_explorer::tui::app::{App, Effect};
use plan_explorer::tui::apply_events;
use plan_explorer::tui::search_state::SearchState;
use plan_explorer::tui::theme::Options;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use screen::{
    code, drawn_in, frame_of, key, row_at, screen, screen_of, screen_with, text_of, typed,
};

#[test]
fn first_screen_120x40() {
    let (terminal, _) = screen(120, 40, vec![]);
    let text = text_of(&terminal);
    assert!(text.contains("以链带面、强链聚群,做大做强制造业"));
    assert!(text.contains("忠诚干净担当,全面加强政府自身建设"));
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn first_screen_80x24() {
    let (terminal, _) = screen(80, 24, vec![]);
    assert!(
        text_of(&terminal).contains("? help"),
        "the footer fits at 80 columns"
    );
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn task_detail_shows_its_paragraph_targets_and_source_line() {
    // Open area 2 and select its first task, 2.1.
    let (terminal, app) = screen(120, 40, vec![key('j'), key('l'), key('l')]);
    assert_eq!(app.plan.id_of(app.selected().unwrap()), "2.1");
    let text = text_of(&terminal);
    assert!(text.contains("Task 2.1 · source line 13"));
    assert!(text.contains("推进制造业延链强链"));
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn help_screen_100x40() {
    // What each key does is tested key by key in tests/keys.rs; this is how
    // the help reads.
    let (terminal, app) = screen(100, 40, vec![key('?')]);
    assert_eq!(app.mode, plan_explorer::tui::action::Mode::Help);
    assert_eq!(app.previous_mode, plan_explorer::tui::action::Mode::Browse);
    let text = text_of(&terminal);
    for shown in [
        "Everywhere",
        "C-c",
        "Browsing the tree and the detail pane",
        "j/↓",
        "move down (scroll the detail pane when it has focus)",
        "Search overlay",
    ] {
        assert!(text.contains(shown), "help misses {shown:?}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn a_tiny_terminal_says_so() {
    let (terminal, _) = screen(30, 8, vec![key('j')]);
    assert!(text_of(&terminal).contains("too small"));
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn search_accept_selects_the_hit_and_esc_restores() {
    let mut events = vec![key('/')];
    events.extend(typed("泸古高速"));
    events.push(code(KeyCode::Enter));
    let (_, app) = screen(120, 40, events);
    let id = app.plan.id_of(app.selected().unwrap()).to_string();
    assert!(
        app.plan
            .text_of(app.selected().unwrap())
            .contains("泸古高速"),
        "{id}"
    );

    let mut events = vec![key('j'), key('/')];
    events.extend(typed("泸古高速"));
    events.push(code(KeyCode::Esc));
    let (_, app) = screen(120, 40, events);
    assert_eq!(app.plan.id_of(app.selected().unwrap()), "2");
}

/// The app draws its first frame before its index is built: a query typed
/// meanwhile says the index is on its way, and gets its hits when it comes.
#[test]
fn a_query_typed_before_the_index_is_answered_when_it_comes() {
    let plan = std::sync::Arc::new(load_embedded().unwrap());
    let app = App::with_search(
        std::sync::Arc::clone(&plan),
        Options::default(),
        SearchState::indexing(),
    );
    let mut events = vec![key('/')];
    events.extend(typed("泸古高速"));
    let (terminal, mut app) = screen_of(app, 120, 40, events);
    assert!(app.search.is_indexing());
    assert!(app.search.results().is_empty());
    let text = text_of(&terminal);
    assert!(text.contains("Search 0/0 · indexing…"), "{text}");

    assert!(app.search.attach_index(SearchIndex::shared(plan)));
    assert!(!app.search.is_indexing());
    let top = app.search.hit(0).expect("hits once the index is there");
    assert!(top.text.contains("泸古高速"), "{}", top.text);
    let text = text_of(&screen_of(app, 120, 40, vec![]).0);
    assert!(text.contains("pinyin loading"), "{text}");
    assert!(!text.contains("indexing…"), "{text}");
}

/// A plan of a few thousand items is indexed before the first frame (less
/// than a thread costs); a larger one on another thread.
#[test]
fn only_a_large_plan_is_indexed_alongside_the_first_frame() {
    let small = std::sync::Arc::new(load_embedded().unwrap());
    let search = SearchState::for_plan(&small);
    assert!(!search.is_indexing());
    assert!(search.index.len() > 100);
    let large = plan_explorer::synth::synthetic_plan(&small, 5_000, 1);
    assert!(SearchState::for_plan(&std::sync::Arc::new(large)).is_indexing());
}

#[test]
fn search_for_xianhe_highlights_the_characters() {
    let mut events = vec![key('/')];
    events.extend(typed("xianhe"));
    let (terminal, app) = screen(120, 40, events);
    let top = app.search.hit(0).unwrap();
    assert!(top.text.contains("仙鹤"), "top hit: {}", top.text);
    let theme = plan_explorer::tui::theme::theme(&Options::default());
    let marked = drawn_in(&terminal, theme.matched.fg.unwrap());
    assert!(marked.starts_with("仙鹤"), "highlighted: {marked}");
    assert!(
        !marked.contains('x'),
        "pinyin highlights fall on the characters: {marked}"
    );
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn n_and_shift_n_step_through_the_last_search() {
    let mut events = vec![key('/')];
    events.extend(typed("项目"));
    events.push(code(KeyCode::Enter));
    let (_, first) = screen(120, 40, events.clone());
    events.push(key('n'));
    let (_, second) = screen(120, 40, events.clone());
    assert_ne!(first.selected(), second.selected());
    events.push(key('N'));
    let (_, back) = screen(120, 40, events);
    assert_eq!(first.selected(), back.selected());
}

#[test]
fn ascii_mode_draws_no_box_characters() {
    let options = Options {
        ascii: true,
        no_color: true,
    };
    let (terminal, _) = screen_with(80, 24, vec![key('l')], options);
    let text = text_of(&terminal);
    for symbol in ['╭', '│', '▸', '▾', '◆', '↓'] {
        assert!(!text.contains(symbol), "{symbol} drawn in ASCII mode");
    }
    assert!(text.contains("+--"));
}

#[test]
fn no_color_draws_no_colour() {
    let options = Options {
        ascii: false,
        no_color: true,
    };
    let (terminal, _) = screen_with(80, 24, vec![key('/'), key('a')], options);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn mouse_click_selects_and_wheel_moves() {
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row: 4,
        modifiers: KeyModifiers::NONE,
    });
    let (_, app) = screen(120, 40, vec![click]);
    // Row 4 is the third row of the tree (header, border, then rows).
    assert_eq!(app.plan.id_of(app.selected().unwrap()), "3");
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    let (_, app) = screen(120, 40, vec![wheel]);
    assert_eq!(app.plan.id_of(app.selected().unwrap()), "4");
}

#[test]
fn tab_gives_the_detail_pane_the_keys() {
    let (_, app) = screen(
        80,
        24,
        vec![key('l'), key('j'), code(KeyCode::Tab), key('j')],
    );
    assert_eq!(
        app.plan.id_of(app.selected().unwrap()),
        "1.1",
        "j scrolled the detail, not the tree"
    );
    assert_eq!(app.focus, plan_explorer::tui::app::Focus::Detail);
}

#[test]
fn bracketed_paste_goes_into_the_query() {
    let (_, app) = screen(
        120,
        40,
        vec![key('/'), Event::Paste("泸古\n高速".to_string())],
    );
    assert_eq!(app.search.query(), "泸古 高速");
    assert!(!app.search.results().is_empty());
}

#[test]
fn copy_queues_an_osc52_effect_and_confirms() {
    let mut app = App::new(load_embedded().unwrap(), Options::default());
    app.update(plan_explorer::tui::action::Action::Copy);
    // The area's heading is on line 3, its last task's title on line 6.
    let cited = format!("\n— {}, lines 3–6 of {}", app.plan.title, app.plan.source);
    assert!(
        matches!(&app.effects[..], [plan_explorer::tui::app::Effect::Copy(t)] if t.starts_with("1 ") && t.contains(&cited)),
        "{:?}",
        app.effects
    );
    assert!(app.status.as_deref().unwrap_or("").contains("copied 1"));
}

/// Any size up to 300x100, and often a small one, where lists outgrow
/// their panes.
fn any_size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![(0u16..=300, 0u16..=100), (40u16..=80, 10u16..=24),]
}

fn any_event() -> impl Strategy<Value = Event> {
    let keys = prop::sample::select(vec![
        'j', 'k', 'h', 'l', 'g', 'G', '/', '?', 't', 'o', 's', 'u', 'n', 'N', 'y', 'x', '泸', ' ',
        ':', 'E', 'C', 'a', '3', '.',
    ]);
    // Control and Alt keys: pages, line editing, history, the preview.
    let chords = prop::sample::select(vec![
        (KeyModifiers::CONTROL, 'd'),
        (KeyModifiers::CONTROL, 'u'),
        (KeyModifiers::CONTROL, 'f'),
        (KeyModifiers::CONTROL, 'b'),
        (KeyModifiers::CONTROL, 'w'),
        (KeyModifiers::CONTROL, 'a'),
        (KeyModifiers::CONTROL, 'e'),
        (KeyModifiers::CONTROL, 'p'),
        (KeyModifiers::CONTROL, 'n'),
        (KeyModifiers::ALT, 'b'),
        (KeyModifiers::ALT, 'f'),
        (KeyModifiers::ALT, 'p'),
    ]);
    prop_oneof![
        keys.prop_map(key),
        chords.prop_map(
            |(m, c)| Event::Key(ratatui::crossterm::event::KeyEvent::new(
                KeyCode::Char(c),
                m
            ))
        ),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Backspace,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Delete,
        ])
        .prop_map(code),
        any_size().prop_map(|(w, h)| Event::Resize(w, h)),
        (0u16..=300, 0u16..=100).prop_map(|(column, row)| Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })),
        "\\PC{0,30}".prop_map(Event::Paste),
    ]
}

/// Row `y` of `list` (an area of rows), if the selection drawn there has the
/// selection's background.
fn selected_row(
    buffer: &ratatui::buffer::Buffer,
    list: ratatui::layout::Rect,
    index: usize,
    offset: usize,
) -> Result<String, String> {
    let rows = list.height as usize;
    if index < offset || index >= offset + rows {
        return Err(format!("row {index} is out of view ({offset}+{rows})"));
    }
    let y = list.y + (index - offset) as u16;
    let theme = plan_explorer::tui::theme::theme(&Options::default());
    let backgrounds = [theme.selected.bg, theme.selected_unfocused.bg];
    if !backgrounds.contains(&Some(buffer[(list.x, y)].bg)) {
        return Err(format!("row {y} is not drawn as selected"));
    }
    Ok(row_at(buffer, list.x, y, list.width))
}

/// The selection of whatever the screen shows is on it, marked as selected.
fn selection_is_on_screen(terminal: &Terminal<TestBackend>, app: &App) -> Result<(), String> {
    use plan_explorer::tui::action::Mode;
    let buffer = terminal.backend().buffer();
    let regions = app.regions();
    if regions.too_small {
        // As much of the message as fits, wrapped.
        let message = format!(
            "terminal too small: {}x{}, needs 40x10",
            app.width, app.height
        );
        let solid = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let shown = solid(&text_of(terminal));
        let blank = app.width == 0 || app.height == 0;
        return match solid(&message).starts_with(&shown) && (blank || !shown.is_empty()) {
            true => Ok(()),
            false => Err(format!("a tiny terminal shows {shown:?}, not {message:?}")),
        };
    }
    let id = |item| app.plan.id_of(item).to_string();
    let detail_alone = !regions.split && app.focus == plan_explorer::tui::app::Focus::Detail;
    match app.mode {
        Mode::Browse if detail_alone => Ok(()),
        Mode::Browse => {
            let row = selected_row(
                buffer,
                regions.tree_inner(),
                app.tree.selected,
                app.tree.offset,
            )?;
            let item = app.selected().ok_or("nothing selected")?;
            match row.contains(&format!(" {} ", id(item))) {
                true => Ok(()),
                false => Err(format!("the selected row {row:?} is not {}", id(item))),
            }
        }
        Mode::Search if !app.search.results().is_empty() => {
            let inner = ratatui::widgets::Block::bordered().inner(regions.search);
            let list = regions.search_list().intersection(inner);
            let row = selected_row(buffer, list, app.search.selected, app.search.offset)?;
            let hit = app.search.hit(app.search.selected).ok_or("no hit")?;
            match row.starts_with(&format!("{} ", hit.id)) {
                true => Ok(()),
                false => Err(format!("the selected hit {row:?} is not {}", hit.id)),
            }
        }
        Mode::Units if !app.units.choices.is_empty() => {
            let popup =
                plan_explorer::tui::layout::units_popup(regions.body, app.units.choices.len());
            let inner = ratatui::widgets::Block::bordered().inner(popup);
            let rows = ratatui::layout::Rect::new(
                inner.x,
                inner.y + 2,
                inner.width,
                inner.height.saturating_sub(2),
            );
            let first = app
                .units
                .selected
                .saturating_sub((rows.height as usize).saturating_sub(1));
            selected_row(buffer, rows, app.units.selected, first).map(drop)
        }
        Mode::Goto => {
            let footer = row_at(buffer, 0, app.height - 1, app.width);
            match footer.starts_with(':') {
                true => Ok(()),
                false => Err(format!("the footer {footer:?} is not the prompt")),
            }
        }
        Mode::Targets | Mode::Filter if !app.targets.rows.is_empty() => {
            let inner = ratatui::widgets::Block::bordered().inner(regions.body);
            let rows = ratatui::layout::Rect::new(
                inner.x,
                inner.y + 2,
                inner.width,
                inner.height.saturating_sub(2),
            );
            selected_row(buffer, rows, app.targets.selected, app.targets.offset).map(drop)
        }
        Mode::Overview if !app.summary.amounts.is_empty() => {
            let theme = plan_explorer::tui::theme::theme(&Options::default());
            let marked = (regions.body.top()..regions.body.bottom())
                .any(|y| buffer[(regions.body.x + 1, y)].bg == theme.selected.bg.unwrap());
            match marked {
                true => Ok(()),
                false => Err("no amount is drawn as selected".into()),
            }
        }
        _ => Ok(()),
    }
}

/// In the tree view, the detail pane shows the selected item's laid-out
/// document from its scroll offset, and that document names the item and
/// its source line.
fn detail_shows_the_selection(terminal: &Terminal<TestBackend>, app: &App) -> Result<(), String> {
    use plan_explorer::plan::ItemRef;
    let regions = app.regions();
    let tree_alone = !regions.split && app.focus == plan_explorer::tui::app::Focus::Tree;
    if regions.too_small || app.mode != plan_explorer::tui::action::Mode::Browse || tree_alone {
        return Ok(());
    }
    let item = app.selected().ok_or("nothing selected")?;
    let inner = regions.detail_inner();
    if app.detail.item != Some(item) || app.detail.width != inner.width {
        return Err(format!(
            "the detail is laid out for {:?} at {}, not {item:?} at {}",
            app.detail.item, app.detail.width, inner.width
        ));
    }
    let text = |line: &ratatui::text::Line| -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    };
    let document: String = app.detail.lines.iter().map(text).collect();
    let kind = match item {
        ItemRef::Area(..) => "Area",
        ItemRef::Task(..) => "Task",
        ItemRef::Commitment(..) => "Commitment",
    };
    let head = format!(
        "{kind} {} · source line {}",
        app.plan.id_of(item),
        app.plan.line_of(item)
    );
    if !document.contains(&head) {
        return Err(format!("the detail does not say {head:?}"));
    }
    let buffer = terminal.backend().buffer();
    let shown = app.detail.lines.iter().skip(app.detail_scroll);
    for (y, line) in (inner.top()..inner.bottom()).zip(shown) {
        let row = row_at(buffer, inner.x, y, inner.width);
        if row.trim_end() != text(line).trim_end() {
            return Err(format!("detail row {y} is {row:?}, not {:?}", text(line)));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random keys, clicks, pastes and resizes at any size from 0x0 to
    /// 300x100: nothing panics, the selection is on screen, the detail
    /// shows the selected item, and Esc leads back to the tree.
    #[test]
    fn random_keys_at_random_sizes_keep_the_screen_true_and_esc_leads_home(
        (w, h) in any_size(),
        events in proptest::collection::vec(any_event(), 0..60),
        ascii in any::<bool>(),
    ) {
        let events: Vec<Event> = events.into_iter().filter(|e| *e != key('q')).collect();
        let options = Options { ascii, no_color: false };
        let (terminal, mut app) = screen_with(w, h, events, options);
        prop_assert!(app.tree.selected < app.tree.rows.len().max(1));
        if let Err(e) = selection_is_on_screen(&terminal, &app) {
            prop_assert!(false, "{:?} at {}x{}: {}", app.mode, app.width, app.height, e);
        }
        if let Err(e) = detail_shows_the_selection(&terminal, &app) {
            prop_assert!(false, "at {}x{}: {}", app.width, app.height, e);
        }
        let home = |app: &App| {
            app.mode == plan_explorer::tui::action::Mode::Browse
                && app.focus == plan_explorer::tui::app::Focus::Tree
        };
        let mut escapes = 0;
        while !home(&app) && escapes < 3 {
            let esc = plan_explorer::tui::event_to_action(&app, &code(KeyCode::Esc));
            prop_assert!(esc.is_some(), "Esc does nothing in {:?}", app.mode);
            app.update(esc.unwrap());
            escapes += 1;
        }
        prop_assert!(home(&app), "three Escs leave {:?}, {:?}", app.mode, app.focus);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The loop draws only when `update` says something changed, so an
    /// update that says nothing did must leave the frame as it was.
    #[test]
    fn an_update_that_reports_no_change_leaves_the_frame_as_it_was(
        (w, h) in any_size(),
        events in proptest::collection::vec(any_event(), 0..40),
    ) {
        let mut app = App::new(load_embedded().unwrap(), Options::default());
        app.update(Action::Resize { width: w, height: h });
        for event in events {
            let before = frame_of(&app);
            let changed = plan_explorer::tui::event_to_action(&app, &event)
                .is_some_and(|action| app.update(action));
            app.effects.clear();
            if app.quit {
                break;
            }
            if !changed {
                prop_assert_eq!(frame_of(&app), before, "after {:?}", event);
            }
        }
    }
}

#[test]
fn targets_view_120x40_sorted_by_value() {
    let (terminal, app) = screen(120, 40, vec![key('t'), key('s')]);
    let text = text_of(&terminal);
    let first_row = text.lines().nth(4).unwrap();
    assert!(
        first_row.contains("6000") && first_row.contains("亿元") && first_row.contains("以上"),
        "{first_row}"
    );
    assert_eq!(app.targets.rows.len(), 40);
    insta::assert_snapshot!(text);
}

#[test]
fn targets_view_80x24_filtered_by_unit_and_query() {
    // u opens the unit picker, where pinyin initials find 亿元; / filters
    // rows by what their columns show.
    let mut events = vec![key('t'), key('u')];
    events.extend(typed("yy"));
    events.extend([code(KeyCode::Enter), key('/')]);
    events.extend(typed("交通"));
    events.push(code(KeyCode::Enter));
    let (terminal, app) = screen(80, 24, events);
    assert_eq!(app.targets.unit.as_deref(), Some("亿元"));
    assert_eq!(app.targets.rows.len(), 1, "only the transport investment");
    let text = text_of(&terminal);
    assert!(text.contains("综合交通投资"));
    insta::assert_snapshot!(text);
}

#[test]
fn targets_enter_jumps_to_the_commitment() {
    let (_, app) = screen(120, 40, vec![key('t'), key('s'), code(KeyCode::Enter)]);
    assert_eq!(app.mode, plan_explorer::tui::action::Mode::Browse);
    assert_eq!(app.plan.id_of(app.selected().unwrap()), "3.1.1");
}

#[test]
fn overview_120x40() {
    let (terminal, _) = screen(120, 40, vec![key('o')]);
    let text = text_of(&terminal);
    assert!(
        text.contains("做大做强制造业"),
        "area titles shortened to their last clause"
    );
    assert!(text.contains("6000亿元"));
    insta::assert_snapshot!(text);
}

#[test]
fn overview_80x24_and_enter_jumps() {
    let (terminal, _) = screen(80, 24, vec![key('o')]);
    insta::assert_snapshot!(text_of(&terminal));
    let (_, app) = screen(80, 24, vec![key('o'), key('j'), code(KeyCode::Enter)]);
    // The second largest amount is 总投资2716亿元 in 3.2.2.
    assert_eq!(app.plan.id_of(app.selected().unwrap()), "3.2.2");
}

#[test]
fn a_ten_thousand_character_paste_goes_into_the_query_whole() {
    let paste: String = "泸古高速 xianhe 仙鹤纸业 lggs\n"
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    let (terminal, app) = screen(120, 40, vec![key('/'), Event::Paste(paste)]);
    assert_eq!(app.search.query().chars().count(), 10_000);
    assert!(
        text_of(&terminal).contains("Search"),
        "the overlay is still drawn"
    );
}

/// Applies `events` as the real loop does: in bursts, whatever has queued up.
fn burst(w: u16, h: u16, events: Vec<Event>) -> (Terminal<TestBackend>, App) {
    let mut app = App::new(load_embedded().unwrap(), Options::default());
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    let mut queue: VecDeque<Event> = events.into();
    while !queue.is_empty() && !app.quit {
        apply_events(&mut app, &mut queue);
        app.effects.clear();
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| plan_explorer::tui::view::render(&app, frame))
        .unwrap();
    (terminal, app)
}

#[test]
fn a_burst_of_keys_ends_where_the_same_keys_one_at_a_time_do() {
    // A search typed, corrected and accepted, then the targets filter, then
    // a copy (an effect, which ends a burst) and more keys after it.
    let mut events = vec![key('/')];
    events.extend(typed("xianhx"));
    events.push(code(KeyCode::Backspace));
    events.push(Event::Paste("e 纸".into()));
    events.push(code(KeyCode::Enter));
    events.extend([key('y'), key('t'), key('/')]);
    events.extend(typed("亿元"));
    let (one_term, one) = screen(120, 40, events.clone());
    let (burst_term, all) = burst(120, 40, events);
    assert_eq!(all.mode, one.mode);
    assert_eq!(all.search.query(), "xianhe 纸");
    assert_eq!(all.search.query(), one.search.query());
    assert_eq!(all.search.results(), one.search.results());
    assert_eq!(all.targets.filter.text, "亿元");
    assert_eq!(all.targets.filter.text, one.targets.filter.text);
    assert_eq!(all.selected(), one.selected());
    assert_eq!(text_of(&burst_term), text_of(&one_term));
}

#[test]
fn a_burst_stops_at_an_effect_and_keeps_the_rest() {
    let mut app = App::new(load_embedded().unwrap(), Options::default());
    let mut queue: VecDeque<Event> = vec![key('y'), key('j'), key('j')].into();
    apply_events(&mut app, &mut queue);
    assert!(
        matches!(app.effects[..], [Effect::Copy(_)]),
        "{:?}",
        app.effects
    );
    assert_eq!(queue.len(), 2);
}
