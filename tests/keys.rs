//! Every row of the key table, driven: each key of each binding is pressed
//! in each of its modes, through the event path the app uses, on an app set
//! up so the action has something to do, and the effect is checked against
//! what the binding promises. The expectations are written here, by action,
//! not read from the table, so a binding that does nothing (or the wrong
//! thing) fails, and a binding with no expectation fails too.

use std::collections::{HashSet, VecDeque};

use plan_explorer::plan::ItemRef;
use plan_explorer::plan::load::load_embedded;
use plan_explorer::tui::action::{Action, BINDINGS, Key, Mode};
use plan_explorer::tui::app::{App, Effect, Focus};
use plan_explorer::tui::apply_events;
use plan_explorer::tui::screens::Sort;
use plan_explorer::tui::theme::Options;
use ratatui::crossterm::event::{Event, KeyEvent};

/// How far down a list the setup leaves the selection, so that moves up,
/// down and by a page all have room.
const MIDDLE: isize = 5;

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(action);
        app.effects.clear();
    }
}

/// An app in `mode`, in a state where `action` can show its effect.
fn app_in(mode: Mode, action: &Action) -> App {
    let mut app = App::new(load_embedded().unwrap(), Options::default());
    run(
        &mut app,
        [
            Action::Resize {
                width: 120,
                height: 40,
            },
            // A last search, for n and N.
            Action::OpenSearch,
            Action::Paste("项目".into()),
            Action::Down,
            Action::Accept,
        ],
    );
    // A closed task in an open area, with rows above and below it, and not
    // among the hits.
    let task = app.plan.find("3.3").unwrap();
    app.reveal(task);
    match mode {
        Mode::Browse => match action {
            Action::Collapse => run(&mut app, [Action::Toggle]),
            Action::Back => run(&mut app, [Action::FocusNext]),
            _ => {}
        },
        Mode::Search => run(
            &mut app,
            [Action::OpenSearch, Action::Paste("项目".into())]
                .into_iter()
                .chain(downs(MIDDLE)),
        ),
        Mode::Help => run(
            &mut app,
            std::iter::once(Action::ShowHelp).chain(downs(MIDDLE)),
        ),
        Mode::Targets => run(
            &mut app,
            std::iter::once(Action::ShowTargets).chain(downs(MIDDLE)),
        ),
        Mode::Filter => run(
            &mut app,
            [
                Action::ShowTargets,
                Action::OpenSearch,
                Action::Paste("亿元".into()),
            ]
            .into_iter()
            .chain(downs(MIDDLE)),
        ),
        Mode::Overview => run(
            &mut app,
            std::iter::once(Action::ShowOverview).chain(downs(MIDDLE)),
        ),
    }
    assert_eq!(app.mode, mode, "the setup for {action:?} reaches {mode:?}");
    app
}

fn downs(n: isize) -> impl Iterator<Item = Action> {
    (0..n).map(|_| Action::Down)
}

/// What the checks read, taken before and after the key.
#[derive(Debug, Clone)]
struct Seen {
    mode: Mode,
    previous_mode: Mode,
    focus: Focus,
    row: usize,
    rows: usize,
    selected: Option<ItemRef>,
    expanded: HashSet<ItemRef>,
    help_scroll: usize,
    query: String,
    hit: usize,
    hits: usize,
    hit_item: Option<ItemRef>,
    accepted: Vec<ItemRef>,
    cursor: usize,
    target: usize,
    target_rows: usize,
    target_item: Option<ItemRef>,
    sort: Sort,
    unit: Option<String>,
    filter: String,
    bar: usize,
    bars: usize,
    bar_item: Option<ItemRef>,
    quit: bool,
    effects: Vec<Effect>,
    status: Option<String>,
}

impl Seen {
    fn of(app: &App) -> Seen {
        Seen {
            mode: app.mode,
            previous_mode: app.previous_mode,
            focus: app.focus,
            row: app.tree.selected,
            rows: app.tree.rows.len(),
            selected: app.selected(),
            expanded: app.tree.expanded.clone(),
            help_scroll: app.help_scroll,
            query: app.search.query.clone(),
            hit: app.search.selected,
            hits: app.search.results().len(),
            hit_item: app.search.selected_item(),
            accepted: app.search.accepted.clone(),
            cursor: app.search.cursor,
            target: app.targets.selected,
            target_rows: app.targets.rows.len(),
            target_item: app.targets.selected_item(),
            sort: app.targets.sort,
            unit: app.targets.unit.clone(),
            filter: app.targets.filter.clone(),
            bar: app.overview.selected,
            bars: app.summary.amounts.len(),
            bar_item: app
                .summary
                .amounts
                .get(app.overview.selected)
                .map(|a| a.item),
            quit: app.quit,
            effects: app.effects.clone(),
            status: app.status.clone(),
        }
    }

    /// The position of the list the mode moves through, and its length.
    fn position(&self, mode: Mode) -> (usize, usize) {
        match mode {
            Mode::Browse => (self.row, self.rows),
            Mode::Search => (self.hit, self.hits),
            Mode::Targets | Mode::Filter => (self.target, self.target_rows),
            Mode::Overview => (self.bar, self.bars),
            Mode::Help => (self.help_scroll, usize::MAX),
        }
    }
}

fn check(mode: Mode, action: &Action, b: &Seen, a: &Seen) -> Result<(), String> {
    let ok = |holds: bool, what: &str| {
        if holds { Ok(()) } else { Err(what.to_string()) }
    };
    let (before, len) = b.position(mode);
    let (after, _) = a.position(mode);
    let still = a.mode == mode;
    match (mode, action) {
        (_, Action::Quit) => ok(a.quit, "quits"),
        (_, Action::Suspend) => ok(a.effects == [Effect::Suspend], "queues a suspend"),
        (_, Action::ShowHelp) => ok(
            a.mode == Mode::Help && a.previous_mode == mode && a.help_scroll == 0,
            "opens the help, to return to this mode",
        ),
        (_, Action::Down) => ok(still && after == before + 1, "moves down one"),
        (_, Action::Up) => ok(still && after + 1 == before, "moves up one"),
        (_, Action::PageDown) => ok(
            still && (after > before + 1 || (after > before && after + 1 == len)),
            "moves down a page, or to the end",
        ),
        (_, Action::PageUp) => ok(
            still && (after + 1 < before || (after < before && after == 0)),
            "moves up a page, or to the top",
        ),
        (_, Action::Top) => ok(still && before > 0 && after == 0, "goes to the top"),
        (Mode::Help, Action::Bottom) => ok(still && after > before, "scrolls to the end"),
        (_, Action::Bottom) => ok(
            still && after > before && after + 1 == len,
            "goes to the bottom",
        ),
        (Mode::Browse, Action::Collapse) => ok(
            b.selected.is_some_and(|s| b.expanded.contains(&s))
                && a.selected == b.selected
                && a.selected.is_some_and(|s| !a.expanded.contains(&s)),
            "closes the open selection",
        ),
        (Mode::Browse, Action::Expand | Action::Toggle) => ok(
            a.selected == b.selected
                && a.selected.is_some_and(|s| a.expanded.contains(&s))
                && a.rows > b.rows,
            "opens the closed selection",
        ),
        (Mode::Browse, Action::FocusNext) => ok(
            b.focus == Focus::Tree && a.focus == Focus::Detail,
            "gives the detail pane focus",
        ),
        (Mode::Browse, Action::OpenSearch) => ok(
            a.mode == Mode::Search && a.query.is_empty(),
            "opens an empty search",
        ),
        (Mode::Targets, Action::OpenSearch) => ok(a.mode == Mode::Filter, "starts a filter"),
        (Mode::Browse, Action::NextHit | Action::PrevHit) => {
            let n = b.accepted.len();
            let step = if *action == Action::NextHit { 1 } else { n - 1 };
            let hit = b.accepted.get((b.cursor + step) % n.max(1)).copied();
            ok(
                n > 1 && a.selected == hit && a.selected != b.selected,
                "selects the next (previous) hit of the last search",
            )
        }
        (_, Action::ShowTargets) => ok(a.mode == Mode::Targets, "shows the targets"),
        (_, Action::ShowOverview) => ok(a.mode == Mode::Overview, "shows the overview"),
        (Mode::Targets, Action::CycleSort) => ok(
            b.sort == Sort::Document && a.sort == Sort::ValueDesc,
            "sorts by value",
        ),
        (Mode::Targets, Action::CycleUnit) => ok(
            b.unit.is_none() && a.unit.is_some() && a.target_rows < b.target_rows,
            "shows one unit",
        ),
        (Mode::Browse, Action::Copy) => ok(
            matches!(&a.effects[..], [Effect::Copy(text)] if text.contains("3.3 "))
                && a.status.as_deref().is_some_and(|s| s.contains("copied")),
            "copies the selection and says so",
        ),
        (Mode::Search, Action::Accept) => ok(
            a.mode == Mode::Browse && b.hit_item.is_some() && a.selected == b.hit_item,
            "selects the hit in the tree",
        ),
        (Mode::Targets, Action::Accept) => ok(
            a.mode == Mode::Browse && b.target_item.is_some() && a.selected == b.target_item,
            "selects the target's commitment in the tree",
        ),
        (Mode::Overview, Action::Accept) => ok(
            a.mode == Mode::Browse && b.bar_item.is_some() && a.selected == b.bar_item,
            "selects the amount's commitment in the tree",
        ),
        (Mode::Filter, Action::Accept) => ok(
            a.mode == Mode::Targets && !a.filter.is_empty() && a.filter == b.filter,
            "keeps the filter",
        ),
        (Mode::Search, Action::ClearQuery) => ok(
            still && !b.query.is_empty() && a.query.is_empty(),
            "clears the query",
        ),
        (Mode::Filter, Action::ClearQuery) => ok(
            still && !b.filter.is_empty() && a.filter.is_empty(),
            "clears the filter",
        ),
        (Mode::Search, Action::Backspace) => ok(
            still && a.query.chars().count() + 1 == b.query.chars().count(),
            "deletes a character of the query",
        ),
        (Mode::Filter, Action::Backspace) => ok(
            still && a.filter.chars().count() + 1 == b.filter.chars().count(),
            "deletes a character of the filter",
        ),
        (Mode::Browse, Action::Back) => ok(
            b.focus == Focus::Detail && a.focus == Focus::Tree,
            "gives the tree focus",
        ),
        (Mode::Search, Action::Back) => ok(
            a.mode == Mode::Browse && a.selected == b.selected,
            "closes the search, the selection as it was",
        ),
        (Mode::Help, Action::Back) => ok(a.mode == b.previous_mode, "closes the help"),
        (Mode::Targets | Mode::Overview, Action::Back) => {
            ok(a.mode == Mode::Browse, "goes back to the tree")
        }
        (Mode::Filter, Action::Back) => ok(
            a.mode == Mode::Targets && !b.filter.is_empty() && a.filter.is_empty(),
            "drops the filter",
        ),
        _ => Err("no expectation written for this binding: add one".to_string()),
    }
}

fn press(app: &mut App, key: &Key) {
    let event = Event::Key(KeyEvent::new(key.code, key.modifiers));
    let mut queue = VecDeque::from([event]);
    apply_events(app, &mut queue);
    assert!(queue.is_empty(), "one key, one action");
}

#[test]
fn every_binding_does_what_it_says_in_every_mode() {
    let mut failures = Vec::new();
    let mut pressed = 0;
    for binding in BINDINGS {
        for &mode in binding.modes {
            for key in binding.keys {
                let mut app = app_in(mode, &binding.action);
                let before = Seen::of(&app);
                press(&mut app, key);
                pressed += 1;
                if let Err(what) = check(mode, &binding.action, &before, &Seen::of(&app)) {
                    failures.push(format!(
                        "{mode:?} {key:?} ({:?}, \"{}\"): {what}",
                        binding.action, binding.help
                    ));
                }
            }
        }
    }
    assert!(pressed > 100, "only {pressed} keys pressed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
