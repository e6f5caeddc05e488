//! The library in the app, on ratatui's TestBackend: the plan picker, each
//! plan keeping its last selection, the search across plans and the
//! compare view, driven by keys through a session whose work is done
//! inline.

use plan_explorer::library::{Library, Location, PlanName};
use plan_explorer::plan::import::import_file;
use plan_explorer::plan::load::load_embedded;
use plan_explorer::tui::action::Mode;
use plan_explorer::tui::app::App;
use plan_explorer::tui::drive_session;
use plan_explorer::tui::session::{Session, Work};
use plan_explorer::tui::theme::Options;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen::click;

mod screen;

fn key(c: char) -> Event {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
}

fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn paste(text: &str) -> Event {
    Event::Paste(text.to_string())
}

/// A library holding the two fixture years of 岚溪.
fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::at(dir.path());
    for year in ["2026", "2027"] {
        let plan = import_file(format!("tests/fixtures/lanxi-{year}.txt").as_ref()).unwrap();
        let name = PlanName::new(&format!("lanxi-{year}")).unwrap();
        library.save(&name, &plan).unwrap();
    }
    (dir, library)
}

/// A session on the embedded plan with `library`.
fn session(library: &Library) -> Session {
    let mut app = App::new(load_embedded().unwrap(), Options::default());
    app.plan_name = "luzhou-2026".into();
    Session::new(app, Location::Embedded, Some(library.clone()), Work::Inline)
}

/// Runs the session through the events on a w x h test terminal and
/// returns one fresh frame of where it ends.
fn run(session: &mut Session, w: u16, h: u16, events: Vec<Event>) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    drive_session(&mut terminal, session, events).unwrap();
    let mut fresh = Terminal::new(TestBackend::new(w, h)).unwrap();
    fresh
        .draw(|frame| plan_explorer::tui::view::render(&session.app, frame))
        .unwrap();
    fresh
}

/// The screen as text, wide characters once.
fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn header(terminal: &Terminal<TestBackend>) -> String {
    text_of(terminal).lines().next().unwrap_or("").to_string()
}

#[test]
fn the_picker_lists_filters_by_pinyin_and_opens_a_plan_in_place() {
    let (_dir, library) = library();
    let mut s = session(&library);
    let t = run(&mut s, 100, 24, vec![key('p')]);
    insta::assert_snapshot!("picker_100x24", text_of(&t));
    assert_eq!(s.app.mode, Mode::Picker);
    assert_eq!(s.app.picker.shown.len(), 3);
    // The titles' pinyin: 政府 is in both 岚溪 titles, not in the embedded
    // plan's.
    let t = run(&mut s, 100, 24, vec![paste("zhengfu")]);
    let screen = text_of(&t);
    assert_eq!(s.app.picker.shown.len(), 2, "{screen}");
    assert!(screen.contains("lanxi-2026") && !screen.contains("luzhou-2026  2026"));
    let t = run(
        &mut s,
        100,
        24,
        vec![code(KeyCode::Down), code(KeyCode::Enter)],
    );
    assert_eq!(s.app.mode, Mode::Browse);
    assert!(
        header(&t).starts_with(" plan-explorer · lanxi-2027 · 岚溪市2027年政府工作报告 · 5 areas"),
        "{}",
        header(&t)
    );
    assert_eq!(
        s.location(),
        &Location::File(library.dir().join("lanxi-2027.json"))
    );
    // Esc leaves the picker without opening anything.
    run(
        &mut s,
        100,
        24,
        vec![key('p'), paste("luzhou"), code(KeyCode::Esc)],
    );
    assert_eq!(
        (s.app.mode, s.app.plan_name.as_str()),
        (Mode::Browse, "lanxi-2027")
    );
}

#[test]
fn each_plan_keeps_its_last_selection_for_the_session() {
    let (_dir, library) = library();
    let mut s = session(&library);
    let down = || code(KeyCode::Down);
    run(
        &mut s,
        100,
        30,
        vec![down(), down(), down(), key('l'), down()],
    );
    let left_in_luzhou = s.app.selected();
    assert_eq!(left_in_luzhou, s.app.plan.find("4.1"));
    run(
        &mut s,
        100,
        30,
        vec![key('p'), paste("lanxi-2026"), code(KeyCode::Enter)],
    );
    assert_eq!(s.app.plan_name, "lanxi-2026");
    run(&mut s, 100, 30, vec![down(), down()]);
    let left_in_lanxi = s.app.selected();
    assert_eq!(left_in_lanxi, s.app.plan.find("3"));
    run(
        &mut s,
        100,
        30,
        vec![key('p'), paste("luzhou"), code(KeyCode::Enter)],
    );
    assert_eq!(s.app.plan_name, "luzhou-2026");
    assert_eq!(s.app.selected(), left_in_luzhou);
    let t = run(
        &mut s,
        100,
        30,
        vec![key('p'), paste("lanxi-2026"), code(KeyCode::Enter)],
    );
    assert_eq!(s.app.selected(), left_in_lanxi);
    assert!(header(&t).contains("lanxi-2026"));
}

#[test]
fn search_across_plans_names_each_hit_and_enter_opens_its_plan_there() {
    let (_dir, library) = library();
    let mut s = session(&library);
    let t = run(
        &mut s,
        110,
        24,
        vec![key('/'), code(KeyCode::Tab), paste("高标准农田")],
    );
    insta::assert_snapshot!("search_all_plans_110x24", text_of(&t));
    let screen = text_of(&t);
    assert!(screen.contains("Search all 3 plans 1/4"), "{screen}");
    // Last year's result in the 2027 plan's review is labelled so; the
    // plans' own work is not.
    let hits: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("高标准农田3"))
        .collect();
    assert_eq!(hits.len(), 4, "{screen}");
    for hit in hits {
        let review = hit.contains("过去一年");
        assert_eq!(hit.contains("回顾 "), review, "{hit}");
    }
    // The hit of the 2027 plan's own work, the third row.
    let t = run(
        &mut s,
        110,
        24,
        vec![
            code(KeyCode::Down),
            code(KeyCode::Down),
            code(KeyCode::Enter),
        ],
    );
    assert_eq!(
        (s.app.mode, s.app.plan_name.as_str()),
        (Mode::Browse, "lanxi-2027")
    );
    assert_eq!(s.app.selected(), s.app.plan.find("2.2.1"));
    let screen = text_of(&t);
    assert!(
        screen.contains("Commitment 2.2.1 · source line 8"),
        "{screen}"
    );
    // The search line still covers every plan; Tab brings it back to one.
    run(&mut s, 110, 24, vec![key('/'), paste("马拉松")]);
    assert!(s.app.search.all_plans());
    assert_eq!(s.app.search.results().len(), 2);
    run(&mut s, 110, 24, vec![code(KeyCode::Tab)]);
    assert!(!s.app.search.all_plans());
    assert_eq!(
        s.app.search.results().len(),
        1,
        "the 2027 plan's review only"
    );
}

#[test]
fn the_compare_view_lists_the_changes_and_goes_to_either_plan() {
    let (_dir, library) = library();
    let mut s = session(&library);
    run(
        &mut s,
        120,
        24,
        vec![key('p'), paste("lanxi-2027"), code(KeyCode::Enter)],
    );
    let t = run(
        &mut s,
        120,
        24,
        vec![key('c'), paste("2026"), code(KeyCode::Enter)],
    );
    insta::assert_snapshot!("compare_120x24", text_of(&t));
    assert_eq!(s.app.mode, Mode::Compare);
    assert_eq!(
        (s.app.compare.a.as_str(), s.app.compare.b.as_str()),
        ("lanxi-2026", "lanxi-2027")
    );
    // Row 5, the dropped commitment, is only in A: Enter opens plan A there.
    let down = || code(KeyCode::Down);
    run(
        &mut s,
        120,
        24,
        vec![down(), down(), down(), down(), code(KeyCode::Enter)],
    );
    assert_eq!(s.app.plan_name, "lanxi-2026");
    assert_eq!(s.app.selected(), s.app.plan.find("2.1.1"));
    // Back to the comparison: c picks the other plan of the last one first.
    // b on the first row (a changed target) opens plan B at its
    // commitment, a at plan A's.
    let back = || vec![key('c'), code(KeyCode::Enter)];
    run(&mut s, 120, 24, [back(), vec![key('b')]].concat());
    assert_eq!(s.app.compare.a, "lanxi-2026", "the same comparison");
    assert_eq!(s.app.plan_name, "lanxi-2027");
    assert_eq!(s.app.selected(), s.app.plan.find("2.2.1"));
    run(&mut s, 120, 24, [back(), vec![key('a')]].concat());
    assert_eq!(s.app.plan_name, "lanxi-2026");
    assert_eq!(s.app.selected(), s.app.plan.find("1.2.1"));
    // A row with nothing in plan B says so and stays.
    let t = run(
        &mut s,
        120,
        24,
        [back(), vec![down(), down(), down(), down(), key('b')]].concat(),
    );
    assert_eq!(s.app.mode, Mode::Compare);
    assert!(text_of(&t).contains("this row has no item in lanxi-2027"));
}

#[test]
fn a_file_that_is_not_a_plan_is_reported_in_one_inert_line() {
    let (dir, library) = library();
    std::fs::write(dir.path().join("torn\u{1b}[2J.json"), "{ not a plan").unwrap();
    let mut s = session(&library);
    let t = run(&mut s, 100, 24, vec![key('p')]);
    assert_eq!(s.app.picker.shown.len(), 3, "the other plans are listed");
    let footer = text_of(&t).lines().last().unwrap_or("").to_string();
    assert!(
        footer.contains("1 file(s) in the library skipped"),
        "{footer}"
    );
    assert!(!footer.contains('\u{1b}'), "{footer:?}");
}

/// The screen row on which `text` is drawn, and a column inside it.
fn row_of(terminal: &Terminal<TestBackend>, text: &str) -> (u16, u16) {
    let screen = text_of(terminal);
    let y = screen
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{screen}"));
    (30, y as u16)
}

#[test]
fn in_the_picker_and_the_compare_view_a_click_selects_and_a_second_opens() {
    let (_dir, library) = library();
    let mut s = session(&library);
    let t = run(&mut s, 100, 24, vec![key('p')]);
    let (x, y) = row_of(&t, "岚溪市2026年");
    run(&mut s, 100, 24, vec![click(x, y)]);
    assert_eq!(s.app.mode, Mode::Picker);
    assert_eq!(
        s.app.picker.selected_entry().map(|e| e.name.to_string()),
        Some("lanxi-2026".to_string())
    );
    run(&mut s, 100, 24, vec![click(x, y)]);
    assert_eq!(
        (s.app.mode, s.app.plan_name.as_str()),
        (Mode::Browse, "lanxi-2026")
    );
    // Compare with 2027; a click on the dropped commitment's row selects
    // it, a second goes to it in plan A, the open one.
    let t = run(
        &mut s,
        120,
        24,
        vec![key('c'), paste("lanxi-2027"), code(KeyCode::Enter)],
    );
    assert_eq!(s.app.mode, Mode::Compare);
    let (x, y) = row_of(&t, "举办岚溪国际马拉松赛");
    run(&mut s, 120, 24, vec![click(x, y)]);
    assert_eq!(s.app.mode, Mode::Compare);
    assert_eq!(
        s.app.compare.item(plan_explorer::tui::comparison::Side::A),
        s.app.plan.find("2.1.1")
    );
    run(&mut s, 120, 24, vec![click(x, y)]);
    assert_eq!(s.app.mode, Mode::Browse);
    assert_eq!(s.app.selected(), s.app.plan.find("2.1.1"));
}

#[test]
fn compare_first_offers_another_year_of_the_same_place_never_the_open_plan() {
    let (_dir, library) = library();
    let mut s = session(&library);
    let picked = |s: &Session| s.app.picker.selected_entry().map(|e| e.name.to_string());
    // The embedded plan has no other year here: the first other plan.
    run(&mut s, 100, 24, vec![key('c')]);
    assert_eq!(picked(&s).as_deref(), Some("lanxi-2026"));
    // From 2027, the year before; from 2026, the year after.
    for (open, offered) in [("lanxi-2027", "lanxi-2026"), ("lanxi-2026", "lanxi-2027")] {
        let keys = vec![
            code(KeyCode::Esc),
            key('p'),
            paste(open),
            code(KeyCode::Enter),
            key('c'),
        ];
        run(&mut s, 100, 24, keys);
        assert_eq!(s.app.plan_name, open);
        assert_eq!(picked(&s).as_deref(), Some(offered), "from {open}");
    }
}
