//! Screens at the sizes and in the states a keyboard user meets: the search
//! preview, overlays over Chinese text, narrow terminals, the unit picker,
//! the overview's words and bars, and where `--query` and `--select` start.
//! Each has a snapshot and an assertion of what it must show.

mod screen;

use std::collections::HashSet;

use plan_explorer::plan::load::load_embedded;
use plan_explorer::tui::StartOptions;
use plan_explorer::tui::action::{Action, Mode};
use plan_explorer::tui::app::{App, Focus};
use plan_explorer::tui::detail::DetailDoc;
use plan_explorer::tui::layout::units_popup;
use plan_explorer::tui::theme::{Options, theme};
use plan_explorer::width::{char_width, str_width};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use screen::{click, code, key, row_at, screen, screen_of, text_of, typed};

fn alt(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

/// The text drawn inside `area`, a line per row.
fn text_in(buffer: &Buffer, area: Rect) -> Vec<String> {
    (area.top()..area.bottom())
        .map(|y| row_at(buffer, area.x, y, area.width))
        .collect()
}

/// The characters inside `area` drawn in the matched style's colour.
fn marked_in(buffer: &Buffer, area: Rect) -> String {
    let matched = theme(&Options::default()).matched.fg;
    screen::drawn_in_area(buffer, area, matched.unwrap_or_default())
}

#[test]
fn the_search_preview_shows_the_hit_in_context_with_the_match_marked() {
    let mut events = vec![key('/')];
    events.extend(typed("xianhe"));
    let (terminal, app) = screen(120, 40, events.clone());
    let hit = app.search.hit(0).unwrap();
    assert_eq!((hit.id.as_str(), hit.text.as_str()), ("2.1.2", "仙鹤纸业"));
    let preview = app.regions().search_parts().preview.expect("room beside");
    let inner = ratatui::widgets::Block::bordered().inner(preview);
    let buffer = terminal.backend().buffer();
    let lines = text_in(buffer, inner);
    let joined: String = lines.iter().map(|l| l.trim_end()).collect();
    for shown in [
        "2 以链带面、强链聚群,做大做强制造业 › 2.1 推进",
        "Commitment 2.1.2 · source line 13",
        app.plan.text_of(hit.target),
        "Targets (3)",
        "Projects (4)",
        "仙鹤纸业",
    ] {
        assert!(
            joined.contains(shown),
            "the preview misses {shown:?}: {lines:#?}"
        );
    }
    // The project hit is marked where the commitment names it.
    assert_eq!(marked_in(buffer, inner), "仙鹤");
    insta::assert_snapshot!(text_of(&terminal));

    // Alt-p hides it, and the hits take the room.
    events.push(alt('p'));
    let (terminal, app) = screen(120, 40, events);
    assert!(!app.search.preview);
    assert_eq!(app.regions().search_parts().preview, None);
    assert!(!text_of(&terminal).contains("Preview"));
}

#[test]
fn a_tall_narrow_overlay_puts_the_preview_below() {
    let mut events = vec![key('/')];
    events.extend(typed("lugugaosu"));
    let (terminal, app) = screen(80, 40, events);
    let parts = app.regions().search_parts();
    let preview = parts.preview.expect("room below");
    assert!(preview.y > parts.list.y);
    let inner = ratatui::widgets::Block::bordered().inner(preview);
    let marked = marked_in(terminal.backend().buffer(), inner);
    assert!(marked.contains("泸古高速"), "{marked}");
    insta::assert_snapshot!(text_of(&terminal));
}

/// Every row of `area` shows its left and right borders in their columns:
/// no wide character of what lies beneath spills onto them.
fn borders_hold(buffer: &Buffer, area: Rect) -> Result<(), String> {
    let borders = ['│', '╭', '╮', '╰', '╯', '|', '+'];
    for y in area.top()..area.bottom() {
        let row = row_at(buffer, 0, y, buffer.area.width);
        for x in [area.left(), area.right() - 1] {
            let mut column = 0;
            let found = row.chars().find(|&c| {
                let at = column;
                column += char_width(c);
                at + char_width(c) > x as usize
            });
            let starts = row
                .chars()
                .scan(0, |col, c| {
                    let at = *col;
                    *col += char_width(c);
                    Some(at)
                })
                .any(|at| at == x as usize);
            match found {
                Some(c) if borders.contains(&c) && starts => {}
                other => return Err(format!("row {y} column {x}: {other:?} in {row:?}")),
            }
        }
    }
    Ok(())
}

/// The rows whose cell just left of `area` held a wide character, cut by
/// the overlay, in the frame drawn without it.
fn cut_rows(beneath: &Buffer, area: Rect) -> usize {
    (area.top()..area.bottom())
        .filter(|&y| area.x > 0 && str_width(beneath[(area.x - 1, y)].symbol()) > 1)
        .count()
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal
        .draw(|frame| plan_explorer::tui::view::render(app, frame))
        .unwrap();
    terminal
}

#[test]
fn overlays_over_chinese_keep_their_borders_at_odd_and_even_offsets() {
    // 140 columns put the search overlay at x = 7, 120 at x = 6: the wide
    // characters of the areas' titles start at column 5 (areas 1 to 9) and
    // 6 (areas 10 and 11), so the overlay's edge cuts some at either offset.
    for (width, x) in [(140, 7), (120, 6)] {
        let (_, mut app) = screen(width, 40, vec![]);
        let beneath = draw(&app);
        app.update(Action::OpenSearch);
        app.update(Action::Paste("gaosu".into()));
        let search = app.regions().search;
        assert_eq!(search.x, x);
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        borders_hold(buffer, search).unwrap();
        let cut = cut_rows(beneath.backend().buffer(), search);
        assert!(cut > 0, "{width}: no wide character lay under the edge");
        for y in search.top()..search.bottom() {
            if str_width(beneath.backend().buffer()[(x - 1, y)].symbol()) > 1 {
                assert_eq!(buffer[(x - 1, y)].symbol(), " ", "row {y} keeps a blank");
            }
        }
        insta::assert_snapshot!(format!("search_overlay_at_x{x}"), text_of(&terminal));

        // The help, over the tree.
        app.update(Action::Back);
        app.update(Action::ShowHelp);
        let terminal = draw(&app);
        borders_hold(terminal.backend().buffer(), app.regions().body).unwrap();
    }
    // The unit picker at an even and an odd column, over the table.
    for (width, x) in [(120, 44), (122, 45)] {
        let (terminal, app) = screen(width, 40, vec![key('t'), key('u')]);
        let popup = units_popup(app.regions().body, app.units.choices.len());
        assert_eq!(popup.x, x);
        borders_hold(terminal.backend().buffer(), popup).unwrap();
    }
}

/// The Latin words and numbers of some lines, but for those a table row
/// cut short with "…".
fn latin_words(lines: &[ratatui::text::Line]) -> HashSet<String> {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut words = HashSet::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if c != '…' && !word.is_empty() {
            words.insert(word.clone());
        }
        word.clear();
    }
    words
}

/// In the detail document, no line starts with a closing mark, and every
/// Latin word is whole: each is a word of the same document unwrapped.
fn wrapped_well(app: &App) -> Result<(), String> {
    let summary = &app.summary;
    let wide = DetailDoc::lay_out(&app.plan, summary, &app.options, app.selected(), 1000);
    let mut whole = latin_words(&wide.lines);
    // The one header only a narrow table has.
    whole.insert(plan_explorer::tui::columns::QUANTITY.to_string());
    let split: Vec<String> = latin_words(&app.detail.lines)
        .into_iter()
        .filter(|w| !whole.contains(w))
        .collect();
    if !split.is_empty() {
        return Err(format!("words split: {split:?}"));
    }
    for line in &app.detail.lines {
        let line = line.to_string();
        if line.starts_with(|c| "。,、;:!?)」』,;:!?)".contains(c)) {
            return Err(format!("a line starts with a closing mark: {line:?}"));
        }
    }
    Ok(())
}

#[test]
fn narrow_terminals_show_one_pane_and_tab_switches() {
    for (w, h) in [(60, 20), (40, 15)] {
        let (terminal, app) = screen(w, h, vec![key('j')]);
        let text = text_of(&terminal);
        assert!(!app.regions().split);
        assert!(
            text.contains("Plan 2/11") && !text.contains("Detail"),
            "{text}"
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].trim_end().ends_with('…'),
            "the header is cut: {}",
            lines[0]
        );
        let footer = lines[h as usize - 1].trim_end();
        assert!(
            footer.starts_with(" / search"),
            "most useful first: {footer}"
        );
        assert!(footer.ends_with('…'), "the footer is cut: {footer}");
        assert!(str_width(footer) <= w as usize);
        insta::assert_snapshot!(format!("tree_alone_{w}x{h}"), text);

        // Tab shows the detail instead, the whole width, wrapped well.
        let (terminal, app) = screen(w, h, vec![key('j'), code(KeyCode::Tab)]);
        let text = text_of(&terminal);
        assert_eq!(app.focus, Focus::Detail);
        assert!(
            text.contains("Detail") && !text.contains("Plan 2/11"),
            "{text}"
        );
        assert_eq!(app.detail.width, w - 2);
        assert!(text.contains("Area 2 · source line"), "{text}");
        wrapped_well(&app).unwrap();
        insta::assert_snapshot!(format!("detail_alone_{w}x{h}"), text);

        // A commitment with targets: the table folds its quantity into one
        // column before it gives up what is counted.
        let mut events = vec![key(':')];
        events.extend(typed("3.1.1"));
        events.extend([code(KeyCode::Enter), code(KeyCode::Tab), key('G')]);
        let (terminal, app) = screen(w, h, events);
        let text = text_of(&terminal);
        assert_eq!(app.plan.id_of(app.selected().unwrap()), "3.1.1");
        wrapped_well(&app).unwrap();
        let document: Vec<String> = app.detail.lines.iter().map(|l| l.to_string()).collect();
        assert!(
            document
                .iter()
                .any(|l| l.contains("6000亿元以上") && l.contains("重大项目")),
            "{document:#?}"
        );
        // 58 cells hold every column; 38 do not, and the qualifier's goes.
        let has_qualifier = document.iter().any(|l| l.contains("qualifier"));
        assert_eq!(has_qualifier, w == 60, "{document:#?}");
        insta::assert_snapshot!(format!("commitment_alone_{w}x{h}"), text);

        // The targets table keeps what is counted whole as long as it can:
        // the quantity folds into one column, then the area goes.
        let (terminal, _) = screen(w, h, vec![key('t')]);
        let text = text_of(&terminal);
        let header = text.lines().nth(3).unwrap_or_default();
        assert!(
            header.starts_with("│quantity") && header.contains("what is counted"),
            "{text}"
        );
        assert_eq!(header.contains("area"), w == 60, "{header}");
        assert!(
            text.contains("│2100亿元 ") && text.contains("总投资"),
            "{text}"
        );
        insta::assert_snapshot!(format!("targets_{w}x{h}"), text);
    }
}

#[test]
fn the_unit_picker_narrows_by_pinyin_and_counts_each_unit() {
    let mut events = vec![key('t'), key('u')];
    events.extend(typed("yy"));
    let (terminal, app) = screen(80, 24, events.clone());
    assert_eq!(app.mode, Mode::Units);
    let chosen = app.units.chosen().unwrap();
    assert_eq!(chosen.unit.as_deref(), Some("亿元"));
    let count = app
        .plan
        .targets()
        .filter(|(_, _, t)| t.unit == "亿元")
        .count();
    assert_eq!(chosen.count, count);
    let popup = units_popup(app.regions().body, app.units.choices.len());
    let lines = text_in(terminal.backend().buffer(), popup);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("亿元") && l.contains(&count.to_string())),
        "{lines:#?}"
    );
    insta::assert_snapshot!(text_of(&terminal));

    events.push(code(KeyCode::Enter));
    let (_, app) = screen(80, 24, events);
    assert_eq!(app.mode, Mode::Targets);
    assert_eq!(app.targets.unit.as_deref(), Some("亿元"));
    assert_eq!(app.targets.rows.len(), count);
}

#[test]
fn the_overview_words_amounts_and_gives_every_count_a_bar() {
    let (terminal, app) = screen(120, 40, vec![key('o')]);
    let text = text_of(&terminal);
    assert!(
        text.contains("6000亿元以上"),
        "the qualifier with the amount"
    );
    assert!(text.contains("超550亿元"), "a qualifier before the amount");
    // Each count stands apart from its bar, and a count of 1 has one too.
    let bar_after = |n: usize| format!("{n:>2} █");
    let targets: Vec<usize> = app
        .summary
        .areas
        .iter()
        .filter(|a| a.kind.label().is_none())
        .map(|a| a.targets)
        .collect();
    assert!(targets.contains(&1));
    for n in targets.iter().filter(|n| **n > 0) {
        assert!(text.contains(&bar_after(*n)), "no bar after {n}:\n{text}");
    }
    // This year's plan only: the outlook area is left out until `a`.
    assert!(!text.contains("展望"));
    let (terminal, _) = screen(120, 40, vec![key('o'), key('a')]);
    let text = text_of(&terminal);
    assert!(text.contains(" 1 展望"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn the_app_starts_on_a_query_or_an_item() {
    let start = |select: Option<&str>, query: Option<&str>| {
        let mut app = App::new(load_embedded().unwrap(), Options::default());
        let options = StartOptions {
            select: select.map(str::to_string),
            query: query.map(str::to_string),
            ..StartOptions::default()
        };
        for action in options.actions() {
            app.update(action);
        }
        app
    };
    let app = start(Some("3.2.3"), None);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.selected(), app.plan.find("3.2.3"));
    let app = start(Some("3.2.3"), Some("lugugaosu"));
    assert_eq!(app.mode, Mode::Search);
    assert_eq!(app.search.query(), "lugugaosu");
    let top = app.search.hit(0).unwrap();
    assert!(top.text.contains("泸古高速"), "{}", top.text);
    // Esc goes back to the item it started on.
    assert_eq!(app.search.saved_selection, app.plan.find("3.2.3"));
}

/// A made-up city's report: last year's results, a five-year outlook, and
/// this year's plan with a range among its targets.
const KINDS_REPORT: &str = "一、2025年工作回顾\n\
过去一年,全市地区生产总值增长6.1%,新增城镇就业3.2万人。\n\
二、“十五五”时期发展主要目标\n\
到2030年,常住人口城镇化率达到70%。\n\
三、2026年工作安排\n\
今年的主要预期目标是:地区生产总值增长4.5%—5%,新建口袋公园12个。\n";

#[test]
fn review_and_outlook_areas_are_dimmed_labelled_and_counted_apart() {
    let kinds = || {
        let plan = plan_explorer::plan::import::import_text(KINDS_REPORT, "yunxi.txt").unwrap();
        App::new(plan, Options::default())
    };
    let (terminal, app) = screen_of(kinds(), 120, 24, vec![]);
    let text = text_of(&terminal);
    let tree = app.regions().tree_inner();
    let rows = text_in(terminal.backend().buffer(), tree);
    assert!(rows[0].trim_end().ends_with("回顾 1"), "{rows:#?}");
    assert!(rows[1].trim_end().ends_with("展望 1"), "{rows:#?}");
    assert!(!rows[2].contains("回顾") && !rows[2].contains("展望"));
    let dim = theme(&Options::default()).dim.fg.unwrap();
    let buffer = terminal.backend().buffer();
    // The selected first row shows the selection; the outlook row is dim,
    // the plan's row is not.
    assert_eq!(buffer[(tree.x + 4, tree.y + 1)].fg, dim);
    assert_ne!(buffer[(tree.x + 4, tree.y + 2)].fg, dim);
    assert!(
        text.contains("2 targets (+3 in review and outlook)"),
        "the header counts this year's: {text}"
    );
    insta::assert_snapshot!(text);

    // The table shows this year's targets, the range as one; `a` adds the rest.
    let (terminal, app) = screen_of(kinds(), 100, 24, vec![key('t')]);
    assert_eq!(app.targets.rows.len(), 2);
    let text = text_of(&terminal);
    assert!(
        text.lines()
            .any(|l| l.contains("4.5–5  %") && l.contains("地区生产总值")),
        "{text}"
    );
    let (terminal, app) = screen_of(kinds(), 100, 24, vec![key('t'), key('a')]);
    assert_eq!(app.targets.rows.len(), 5);
    let text = text_of(&terminal);
    assert!(text.contains("回顾 ") && text.contains("展望 "), "{text}");
    // The overview charts this year's areas, and all after `a`.
    let (_, app) = screen_of(kinds(), 100, 24, vec![key('o')]);
    assert_eq!(app.overview_areas(), 1);
    let (_, app) = screen_of(kinds(), 100, 24, vec![key('o'), key('a')]);
    assert_eq!(app.overview_areas(), 3);
}

#[test]
fn in_every_list_a_click_selects_a_row_and_a_second_click_opens_it() {
    // The targets table: row 4, then the tree at its commitment.
    let (_, app) = screen(100, 30, vec![key('t')]);
    let list = app.regions().targets_list();
    let on_row_4 = click(list.x + 3, list.y + 4);
    let (_, app) = screen(100, 30, vec![key('t'), on_row_4.clone()]);
    assert_eq!((app.mode, app.targets.selected), (Mode::Targets, 4));
    let row_4 = app.targets.selected_item();
    let (_, app) = screen(100, 30, vec![key('t'), on_row_4.clone(), on_row_4]);
    assert_eq!((app.mode, app.selected()), (Mode::Browse, row_4));

    // The search hits.
    let mut search = vec![key('/')];
    search.extend(typed("xiangmu"));
    let (_, app) = screen(100, 30, search.clone());
    let list = app.regions().search_list();
    search.push(click(list.x + 2, list.y + 2));
    let (_, app) = screen(100, 30, search.clone());
    assert_eq!((app.mode, app.search.selected), (Mode::Search, 2));
    let hit = app.search.selected_item();
    search.push(click(list.x + 2, list.y + 2));
    let (_, app) = screen(100, 30, search);
    assert_eq!((app.mode, app.selected()), (Mode::Browse, hit));

    // The overview's largest amounts.
    let (_, app) = screen(100, 30, vec![key('o')]);
    let list = app.regions().amounts_list(app.overview_areas());
    let on_row_3 = click(list.x + 2, list.y + 3);
    let (_, app) = screen(100, 30, vec![key('o'), on_row_3.clone()]);
    assert_eq!((app.mode, app.overview.selected), (Mode::Overview, 3));
    let amount = app.summary.amounts[3].item;
    let (_, app) = screen(100, 30, vec![key('o'), on_row_3.clone(), on_row_3]);
    assert_eq!((app.mode, app.selected()), (Mode::Browse, Some(amount)));

    // The unit picker: the wheel moves, a click picks, a second shows it.
    let (_, app) = screen(100, 30, vec![key('t'), key('u')]);
    let list = plan_explorer::tui::layout::units_list(app.regions().body, app.units.choices.len());
    let wheel = Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::ScrollDown,
        column: list.x,
        row: list.y,
        modifiers: KeyModifiers::NONE,
    });
    let (_, app) = screen(100, 30, vec![key('t'), key('u'), wheel]);
    assert_eq!(app.units.selected, 1);
    let on_row_2 = click(list.x + 1, list.y + 2);
    let (_, app) = screen(100, 30, vec![key('t'), key('u'), on_row_2.clone()]);
    assert_eq!((app.mode, app.units.selected), (Mode::Units, 2));
    let unit = app.units.chosen().and_then(|c| c.unit.clone());
    let (_, app) = screen(
        100,
        30,
        vec![key('t'), key('u'), on_row_2.clone(), on_row_2],
    );
    assert_eq!((app.mode, app.targets.unit.clone()), (Mode::Targets, unit));
}

#[test]
fn search_hits_in_review_and_outlook_areas_are_dimmed_and_labelled() {
    let plan = plan_explorer::plan::import::import_text(KINDS_REPORT, "yunxi.txt").unwrap();
    let app = App::new(plan, Options::default());
    let mut events = vec![key('/')];
    events.extend(typed("地区生产总值"));
    let (terminal, app) = screen_of(app, 100, 24, events);
    let list = app.regions().search_list();
    let buffer = terminal.backend().buffer();
    let rows = text_in(buffer, list);
    let dim = theme(&Options::default()).dim.fg.unwrap();
    // Last year's growth and this year's target, one hit each; the
    // selected first row is drawn as selected, so look at the other.
    let review = rows.iter().position(|r| r.contains("6.1%")).unwrap();
    let plan = rows.iter().position(|r| r.contains("4.5%")).unwrap();
    assert!(rows[review].contains("回顾 过去一年"), "{rows:#?}");
    assert!(!rows[plan].contains("回顾") && !rows[plan].contains("展望"));
    let unselected = if app.search.selected == review {
        plan
    } else {
        review
    };
    let text_x = |row: usize| {
        let at = rows[row].find(['回', '今']).unwrap();
        list.x + str_width(&rows[row][..at]) as u16
    };
    let fg = buffer[(text_x(unselected), list.y + unselected as u16)].fg;
    assert_eq!(fg == dim, unselected == review, "{rows:#?}");
    // Move the selection: the other row shows its own style.
    let mut more = vec![key('/')];
    more.extend(typed("地区生产总值"));
    more.push(code(KeyCode::Down));
    let plan = plan_explorer::plan::import::import_text(KINDS_REPORT, "yunxi.txt").unwrap();
    let (terminal, app) = screen_of(App::new(plan, Options::default()), 100, 24, more);
    let buffer = terminal.backend().buffer();
    let rows = text_in(buffer, list);
    let first = 1 - app.search.selected;
    let fg = buffer[(text_x(first), list.y + first as u16)].fg;
    assert_eq!(fg == dim, first == review, "{rows:#?}");
}

/// Each pane title on a row of top borders: the text from a corner's "╭ "
/// to the " ─" or " ╮" after it.
fn pane_titles(row: &str) -> Vec<String> {
    row.split('╭')
        .skip(1)
        .filter_map(|pane| pane.strip_prefix(' '))
        .map(|pane| {
            let end = pane
                .find(" ─")
                .or_else(|| pane.find(" ╮"))
                .unwrap_or(pane.len());
            pane[..end].to_string()
        })
        .collect()
}

#[test]
fn a_pane_title_cut_by_a_narrow_pane_ends_in_an_ellipsis() {
    for (keys, full) in [
        (
            vec![key('t')],
            vec!["Targets · 40 rows · all units · this year's plan · document order"],
        ),
        (
            vec![key('o')],
            vec!["Tasks per area", "Commitments", "Targets"],
        ),
    ] {
        let (terminal, _) = screen(40, 15, keys);
        let text = text_of(&terminal);
        let titles = pane_titles(text.lines().nth(1).unwrap());
        assert_eq!(titles.len(), full.len(), "{text}");
        for (shown, full) in titles.iter().zip(full) {
            assert!(
                shown == full
                    || (shown.ends_with('…') && full.starts_with(shown.trim_end_matches('…'))),
                "{shown:?} for {full:?}:\n{text}"
            );
        }
        assert!(titles.iter().any(|t| t.ends_with('…')), "{text}");
    }
}
