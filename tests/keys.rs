//! Every row of the key table, driven: each key of each binding is pressed
//! in each of its modes, through the event path the app uses, on an app set
//! up so the action has something to do, and the effect is checked against
//! what the binding promises. The expectations are written here, by action,
//! not read from the table, so a binding that does nothing (or the wrong
//! thing) fails, and a binding with no expectation fails too.

use std::collections::{HashSet, VecDeque};

use plan_explorer::compare::compare;
use plan_explorer::library::{Location, PlanEntry, PlanName, PlanSummary};
use plan_explorer::plan::load::load_embedded;
use plan_explorer::plan::stats::Scope;
use plan_explorer::plan::{ItemRef, Plan};
use plan_explorer::tui::action::{Action, BINDINGS, Key, Mode};
use plan_explorer::tui::app::{App, Effect, Focus};
use plan_explorer::tui::apply_events;
use plan_explorer::tui::comparison::Side;
use plan_explorer::tui::line::{Edit, LineEdit};
use plan_explorer::tui::picker::Purpose;
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
            // Two searches, for the history; the last one's hits for n and N.
            Action::OpenSearch,
            Action::Paste("xianhe".into()),
            Action::Accept,
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
    // Moves that go right or to the end start with the cursor at the start.
    let from_start = matches!(
        action,
        Action::Edit(Edit::Right | Edit::WordRight | Edit::Delete | Edit::End)
    );
    let cursor = if from_start {
        vec![Action::Edit(Edit::Start)]
    } else {
        vec![]
    };
    match mode {
        Mode::Browse => match action {
            Action::Collapse => run(&mut app, [Action::Toggle]),
            Action::Back => run(&mut app, [Action::FocusNext]),
            _ => {}
        },
        Mode::Search => {
            run(
                &mut app,
                [Action::OpenSearch, Action::Paste("xiang mu".into())]
                    .into_iter()
                    .chain(downs(MIDDLE))
                    .chain(cursor),
            );
            if *action == Action::HistoryNext {
                run(&mut app, [Action::HistoryPrev, Action::HistoryPrev]);
            }
        }
        Mode::Goto => run(
            &mut app,
            [Action::OpenGoto, Action::Paste("3.2.3".into())]
                .into_iter()
                .chain(cursor),
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
            .chain(downs(MIDDLE))
            .chain(cursor),
        ),
        Mode::Units => {
            run(&mut app, [Action::ShowTargets, Action::PickUnit]);
            if matches!(action, Action::Edit(_)) {
                run(
                    &mut app,
                    std::iter::once(Action::Paste("yi yuan".into())).chain(cursor),
                );
            } else {
                run(&mut app, downs(2));
            }
        }
        Mode::Overview => run(
            &mut app,
            std::iter::once(Action::ShowOverview).chain(downs(MIDDLE)),
        ),
        Mode::Picker => {
            run(&mut app, [Action::ShowPlans]);
            let first = app.first_pick(&entries());
            app.picker.set_entries(entries(), &first);
            run(
                &mut app,
                std::iter::once(Action::Paste("plan".into()))
                    .chain(downs(MIDDLE))
                    .chain(cursor),
            );
        }
        Mode::Compare => {
            compared(&mut app);
            app.mode = Mode::Compare;
            run(&mut app, downs(MIDDLE));
        }
    }
    assert_eq!(app.mode, mode, "the setup for {action:?} reaches {mode:?}");
    app
}

/// A listing of plans, the open one among them, as the picker gets it.
fn entries() -> Vec<PlanEntry> {
    let names = (1..=12).map(|i| format!("plan-{i:02}"));
    names
        .chain(["luzhou-2026".to_string()])
        .map(|name| PlanEntry {
            name: PlanName::new(&name).unwrap(),
            summary: PlanSummary {
                title: format!("{name} 政府工作报告"),
                year: Some(2026),
                areas: 1,
                tasks: 1,
                commitments: 1,
                targets: 0,
                projects: 0,
            },
            location: Location::Embedded,
        })
        .collect()
}

/// The open plan compared with an earlier one whose every target had
/// another value: a row per target, each with an item in both plans.
fn compared(app: &mut App) {
    let mut earlier: Plan = (*app.plan).clone();
    for area in &mut earlier.areas {
        for task in &mut area.tasks {
            for c in &mut task.commitments {
                for t in &mut c.targets {
                    t.value += 1.0;
                }
            }
        }
    }
    let comparison = compare(&earlier, &app.plan);
    app.compare
        .set("earlier".into(), app.plan_name.clone(), &comparison);
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
    line: LineEdit,
    history: Vec<String>,
    history_at: Option<usize>,
    preview: bool,
    goto: LineEdit,
    units_line: LineEdit,
    unit_choice: usize,
    unit_choices: usize,
    chosen_unit: Option<Option<String>>,
    scope: Scope,
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
    filter: LineEdit,
    bar: usize,
    bars: usize,
    bar_item: Option<ItemRef>,
    picked: usize,
    pickable: usize,
    picked_name: Option<String>,
    picker_line: LineEdit,
    purpose: Purpose,
    compare_row: (usize, usize),
    row_items: (Option<ItemRef>, Option<ItemRef>),
    all_plans: bool,
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
            query: app.search.query().to_string(),
            line: app.search.line.clone(),
            history: app.search.history.clone(),
            history_at: app.search.history_at,
            preview: app.search.preview,
            goto: app.goto.clone(),
            units_line: app.units.line.clone(),
            unit_choice: app.units.selected,
            unit_choices: app.units.choices.len(),
            chosen_unit: app.units.chosen().map(|c| c.unit.clone()),
            scope: app.summary.scope,
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
            picked: app.picker.selected,
            pickable: app.picker.shown.len(),
            picked_name: app.picker.selected_entry().map(|e| e.name.to_string()),
            picker_line: app.picker.line.clone(),
            purpose: app.picker.purpose,
            compare_row: (app.compare.selected, app.compare.rows.len()),
            row_items: (app.compare.item(Side::A), app.compare.item(Side::B)),
            all_plans: app.search.all_plans(),
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
            Mode::Units => (self.unit_choice, self.unit_choices),
            Mode::Overview => (self.bar, self.bars),
            Mode::Help => (self.help_scroll, usize::MAX),
            Mode::Goto => (0, 0),
            Mode::Picker => (self.picked, self.pickable),
            Mode::Compare => self.compare_row,
        }
    }

    /// The line a typing mode edits.
    fn typed(&self, mode: Mode) -> &LineEdit {
        match mode {
            Mode::Search => &self.line,
            Mode::Filter => &self.filter,
            Mode::Goto => &self.goto,
            Mode::Picker => &self.picker_line,
            _ => &self.units_line,
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
    let chars = |line: &LineEdit| line.text.chars().count();
    let (lb, la) = (b.typed(mode), a.typed(mode));
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
        (_, Action::HalfPageDown) => ok(
            still && (after > before + 1 || (after > before && after + 1 == len)),
            "moves down half a page, or to the end",
        ),
        (_, Action::HalfPageUp) => ok(
            still && (after + 1 < before || (after < before && after == 0)),
            "moves up half a page, or to the top",
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
        (Mode::Browse, Action::ExpandAll) => ok(
            a.selected == b.selected && a.rows > b.rows && a.expanded.len() > b.expanded.len(),
            "opens everything, the selection kept",
        ),
        (Mode::Browse, Action::CollapseAll) => ok(
            a.expanded.is_empty()
                && a.rows < b.rows
                && a.selected.map(|s| s.area()) == b.selected.map(|s| s.area()),
            "closes everything, the selection in its area",
        ),
        (Mode::Browse, Action::FocusNext) => ok(
            b.focus == Focus::Tree && a.focus == Focus::Detail,
            "gives the detail pane focus",
        ),
        (Mode::Browse, Action::OpenSearch) => ok(
            a.mode == Mode::Search && a.query == "项目" && a.line.selected && a.hits > 0,
            "opens the search on the last query, selected, with its hits",
        ),
        (Mode::Browse, Action::OpenGoto) => ok(
            a.mode == Mode::Goto && a.goto.text.is_empty(),
            "opens the goto prompt",
        ),
        (Mode::Targets, Action::OpenSearch) => ok(a.mode == Mode::Filter, "starts a filter"),
        (Mode::Browse, Action::NextHit | Action::PrevHit) => {
            let n = b.accepted.len();
            let step = if *action == Action::NextHit { 1 } else { n - 1 };
            let hit = b.accepted.get((b.cursor + step) % n.max(1)).copied();
            let in_order = b.accepted.windows(2).all(|w| w[0] < w[1]);
            ok(
                n > 1 && in_order && a.selected == hit && a.selected != b.selected,
                "selects the next (previous) hit of the last search, in document order",
            )
        }
        (_, Action::ShowTargets) => ok(a.mode == Mode::Targets, "shows the targets"),
        (_, Action::ShowOverview) => ok(a.mode == Mode::Overview, "shows the overview"),
        (Mode::Targets, Action::CycleSort) => ok(
            b.sort == Sort::Document && a.sort == Sort::ValueDesc,
            "sorts by value",
        ),
        (Mode::Targets, Action::PickUnit) => ok(
            a.mode == Mode::Units && a.unit_choices > 2 && a.chosen_unit == Some(None),
            "opens the unit picker on every unit",
        ),
        (Mode::Targets | Mode::Overview, Action::ToggleScope) => ok(
            still && b.scope == Scope::Plan && a.scope == Scope::All,
            "counts every area",
        ),
        (Mode::Browse, Action::Copy) => ok(
            matches!(&a.effects[..], [Effect::Copy(text)]
                if text.starts_with("3.3 ") && text.contains("\n— ") && text.contains(" lines 19–20 of "))
                && a.status.as_deref().is_some_and(|s| s.contains("copied")),
            "copies the selection with its source and says so",
        ),
        (Mode::Targets, Action::Copy) => ok(
            matches!(&a.effects[..], [Effect::Copy(text)] if text.contains("\n— "))
                && a.status.as_deref().is_some_and(|s| s.contains("copied")),
            "copies the row with its source and says so",
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
            a.mode == Mode::Targets && !a.filter.text.is_empty() && a.filter == b.filter,
            "keeps the filter",
        ),
        (Mode::Goto, Action::Accept) => ok(
            a.mode == Mode::Browse
                && a.selected.is_some()
                && a.selected != b.selected
                && a.status.is_none(),
            "goes to the item",
        ),
        (Mode::Units, Action::Accept) => ok(
            a.mode == Mode::Targets
                && matches!(&b.chosen_unit, Some(Some(_)))
                && b.chosen_unit == Some(a.unit.clone())
                && a.target_rows < b.target_rows,
            "shows the chosen unit",
        ),
        (Mode::Search, Action::HistoryPrev) => ok(
            still && a.query != b.query && a.history_at.is_some() && b.history.contains(&a.query),
            "shows an earlier query",
        ),
        (Mode::Search, Action::HistoryNext) => ok(
            still && a.query != b.query && a.history_at > b.history_at,
            "shows a later query",
        ),
        (Mode::Search, Action::TogglePreview) => ok(
            still && a.preview != b.preview,
            "shows or hides the preview",
        ),
        (_, Action::Edit(edit)) => {
            let same_text = la.text == lb.text;
            let (holds, what) = match edit {
                Edit::Left => (same_text && la.cursor + 1 == lb.cursor, "moves left"),
                Edit::Right => (same_text && la.cursor == lb.cursor + 1, "moves right"),
                Edit::Start => (
                    same_text && lb.cursor > 0 && la.cursor == 0,
                    "goes to the start",
                ),
                Edit::End => (
                    same_text && lb.cursor < chars(lb) && la.cursor == chars(la),
                    "goes to the end",
                ),
                Edit::WordLeft => (same_text && la.cursor < lb.cursor, "moves a word left"),
                Edit::WordRight => (same_text && la.cursor > lb.cursor, "moves a word right"),
                Edit::Backspace => (
                    chars(la) + 1 == chars(lb) && la.cursor + 1 == lb.cursor,
                    "deletes the char before the cursor",
                ),
                Edit::Delete => (
                    chars(la) + 1 == chars(lb) && la.cursor == lb.cursor,
                    "deletes the char under the cursor",
                ),
                Edit::DeleteWord => (chars(la) < chars(lb), "deletes a word"),
                Edit::DeleteToStart => (
                    chars(la) < chars(lb) && la.cursor == 0,
                    "deletes back to the start",
                ),
            };
            ok(still && holds, what)
        }
        (Mode::Browse, Action::Back) => ok(
            b.focus == Focus::Detail && a.focus == Focus::Tree,
            "gives the tree focus",
        ),
        (Mode::Search, Action::Back) => ok(
            a.mode == Mode::Browse && a.selected == b.selected,
            "closes the search, the selection as it was",
        ),
        (Mode::Goto, Action::Back) => ok(
            a.mode == Mode::Browse && a.selected == b.selected,
            "closes the prompt, the selection as it was",
        ),
        (Mode::Units, Action::Back) => ok(
            a.mode == Mode::Targets && a.unit == b.unit,
            "closes the picker, the unit as it was",
        ),
        (Mode::Help, Action::Back) => ok(a.mode == b.previous_mode, "closes the help"),
        (Mode::Targets | Mode::Overview, Action::Back) => {
            ok(a.mode == Mode::Browse, "goes back to the tree")
        }
        (Mode::Browse, Action::ShowPlans | Action::ComparePlans) => {
            let purpose = match action {
                Action::ShowPlans => Purpose::Open,
                _ => Purpose::Compare,
            };
            ok(
                a.mode == Mode::Picker && a.purpose == purpose && a.effects == [Effect::ListPlans],
                "opens the picker and asks for the listing",
            )
        }
        (Mode::Search, Action::ToggleAllPlans) => ok(
            still && !b.all_plans && a.all_plans && a.effects == [Effect::IndexAllPlans],
            "searches every plan, asking for their index",
        ),
        (Mode::Picker, Action::Accept) => ok(
            a.mode == Mode::Browse
                && b.picked_name.as_deref().is_some_and(|n| n != "luzhou-2026")
                && a.effects
                    == [Effect::OpenPlan {
                        name: b.picked_name.clone().unwrap_or_default(),
                        item: None,
                    }],
            "opens the picked plan",
        ),
        (Mode::Picker | Mode::Compare, Action::Back) => {
            ok(a.mode == Mode::Browse, "goes back to the tree")
        }
        (Mode::Compare, Action::GotoA) => ok(
            b.row_items.0.is_some()
                && a.effects
                    == [Effect::OpenPlan {
                        name: "earlier".into(),
                        item: b.row_items.0,
                    }],
            "opens plan A at the row's item",
        ),
        (Mode::Compare, Action::GotoB | Action::Accept) => ok(
            a.mode == Mode::Browse && b.row_items.1.is_some() && a.selected == b.row_items.1,
            "selects the row's item in the open plan B",
        ),
        (Mode::Filter, Action::Back) => ok(
            a.mode == Mode::Targets && !b.filter.text.is_empty() && a.filter.text.is_empty(),
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
