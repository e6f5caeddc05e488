//! Where everything goes on the screen: one pure function of the terminal's
//! size, shared by drawing and by mouse handling.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the app says "terminal too small" instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Below this width the tree and the detail pane take turns on the whole
/// screen (Tab switches), as two panes side by side would each be too narrow.
pub const SPLIT_WIDTH: u16 = 70;

/// The search overlay puts its preview beside the hits from this inner
/// width, and below them from this inner height; smaller, it has none.
const PREVIEW_BESIDE_WIDTH: u16 = 90;
const PREVIEW_BELOW_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub header: Rect,
    pub tree: Rect,
    pub detail: Rect,
    /// The whole body, for full-width views (targets, overview).
    pub body: Rect,
    pub footer: Rect,
    pub search: Rect,
    pub too_small: bool,
    /// True when the tree and the detail pane are side by side; false when
    /// the screen is narrow and each takes the whole body in turn.
    pub split: bool,
    /// Whether the search overlay shows its preview where there is room.
    pub preview: bool,
}

pub fn regions(width: u16, height: u16) -> Regions {
    let too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
    let body_height = height.saturating_sub(2);
    let body = Rect::new(0, 1.min(height), width, body_height);
    let split = width >= SPLIT_WIDTH;
    // Side by side, the tree takes two fifths of the width.
    let (tree, detail) = if split {
        let tree_width = (width as u32 * 2 / 5) as u16;
        (
            Rect::new(0, body.y, tree_width, body_height),
            Rect::new(tree_width, body.y, width - tree_width, body_height),
        )
    } else {
        (body, body)
    };
    let search_width = (width as u32 * 9 / 10)
        .max(MIN_WIDTH as u32)
        .min(width as u32) as u16;
    let search_height = (body_height as u32 * 4 / 5).max(6).min(body_height as u32) as u16;
    let search = Rect::new(
        (width - search_width) / 2,
        body.y + (body_height - search_height) / 2,
        search_width,
        search_height,
    );
    Regions {
        header: Rect::new(0, 0, width, 1.min(height)),
        tree,
        detail,
        body,
        footer: Rect::new(0, height.saturating_sub(1), width, 1.min(height)),
        search,
        too_small,
        split,
        preview: true,
    }
}

/// Where the search overlay's parts go inside its border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchParts {
    /// The query line, then a line for hints.
    pub query: Rect,
    pub hint: Rect,
    pub list: Rect,
    /// The selected hit's context, when shown.
    pub preview: Option<Rect>,
}

/// The overview's split of the body: the per-area charts above, a row per
/// area as room allows, and the list of amounts below.
pub fn overview_split(body: Rect, areas: usize) -> [Rect; 2] {
    let rows = u16::try_from(areas).unwrap_or(u16::MAX).saturating_add(2);
    let charts = rows.min(body.height.saturating_sub(5)).max(3);
    Layout::vertical([Constraint::Length(charts), Constraint::Min(0)]).areas(body)
}

/// The unit picker's box: 32 cells wide, tall enough for its typed line and
/// `choices` rows, centred in the body.
pub fn units_popup(body: Rect, choices: usize) -> Rect {
    let rows = u16::try_from(choices.max(1)).unwrap_or(u16::MAX);
    let height = rows.saturating_add(4).min(body.height);
    let width = 32.min(body.width);
    Rect::new(
        body.x + (body.width - width) / 2,
        body.y + (body.height - height) / 2,
        width,
        height,
    )
}

/// The unit picker's rows, below its typed line and a blank line.
pub fn units_list(body: Rect, choices: usize) -> Rect {
    let i = inner(units_popup(body, choices));
    Rect::new(
        i.x,
        i.y.saturating_add(2).min(i.bottom()),
        i.width,
        i.height.saturating_sub(2),
    )
}

/// The first row a list of `height` rows shows when it keeps no offset of
/// its own: from the top, until `selected` would fall below the last row.
pub fn shown_from(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

/// The row of a list, drawn in `area` from its row `first`, that a click at
/// (`column`, `row`) falls on, when it falls on one of its `len` rows.
pub fn clicked_row(area: Rect, first: usize, len: usize, column: u16, row: u16) -> Option<usize> {
    if !area.contains((column, row).into()) {
        return None;
    }
    let index = first + (row - area.y) as usize;
    (index < len).then_some(index)
}

/// The first row to show so that `selected` is in a list of `height` rows,
/// moving `offset` as little as it can.
pub fn scroll_to(selected: usize, offset: usize, height: usize) -> usize {
    if height == 0 {
        offset
    } else if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

impl Regions {
    pub fn tree_inner(&self) -> Rect {
        inner(self.tree)
    }

    pub fn detail_inner(&self) -> Rect {
        inner(self.detail)
    }

    pub fn tree_rows(&self) -> usize {
        self.tree_inner().height as usize
    }

    /// The same regions, with the search preview on or off.
    pub fn with_preview(self, preview: bool) -> Regions {
        Regions { preview, ..self }
    }

    /// The search overlay's parts: the query line and its hint, then the
    /// hits, with the preview beside them on a wide overlay, below them on a
    /// tall one, and nowhere when it is off or has no room.
    pub fn search_parts(&self) -> SearchParts {
        let i = inner(self.search);
        let line = |y: u16| Rect::new(i.x, y.min(i.bottom()), i.width, (i.bottom() > y) as u16);
        let body = Rect::new(
            i.x,
            i.y.saturating_add(2).min(i.bottom()),
            i.width,
            i.height.saturating_sub(2),
        );
        let (list, preview) = if !self.preview {
            (body, None)
        } else if body.width >= PREVIEW_BESIDE_WIDTH {
            let list_width = body.width * 11 / 20;
            let [list, preview] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)])
                    .areas(body);
            (list, Some(preview))
        } else if body.height >= PREVIEW_BELOW_HEIGHT {
            let list_height = (body.height * 2 / 5).max(5);
            let [list, preview] =
                Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(body);
            (list, Some(preview))
        } else {
            (body, None)
        };
        SearchParts {
            query: line(i.y),
            hint: line(i.y.saturating_add(1)),
            list,
            preview,
        }
    }

    /// The search list: [`SearchParts::list`].
    pub fn search_list(&self) -> Rect {
        self.search_parts().list
    }

    pub fn search_rows(&self) -> usize {
        self.search_list().height as usize
    }

    /// Rows inside the border of a full-width view (the help).
    pub fn body_rows(&self) -> usize {
        inner(self.body).height as usize
    }

    /// Rows of the overview's list of amounts, inside its border.
    pub fn amount_rows(&self, areas: usize) -> usize {
        self.amounts_list(areas).height as usize
    }

    /// The overview's list of amounts, inside its border.
    pub fn amounts_list(&self, areas: usize) -> Rect {
        inner(overview_split(self.body, areas)[1])
    }

    /// The plan picker's rows: the search overlay's list, without a preview.
    pub fn picker_list(&self) -> Rect {
        self.with_preview(false).search_list()
    }

    /// The rows of the targets table, or of the compare view: inside the
    /// border, below a line of hints or the filter, and the header.
    pub fn targets_list(&self) -> Rect {
        let i = inner(self.body);
        Rect::new(
            i.x,
            i.y.saturating_add(2).min(i.bottom()),
            i.width,
            i.height.saturating_sub(2),
        )
    }

    /// Rows of a full-width list (the targets table) below its header line.
    pub fn list_rows(&self) -> usize {
        self.targets_list().height as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_gives_regions_inside_the_screen() {
        for (w, h) in [(0, 0), (1, 1), (39, 9), (80, 24), (300, 100)] {
            let r = regions(w, h);
            for rect in [r.header, r.tree, r.detail, r.footer, r.search, r.body] {
                assert!(
                    rect.right() <= w.max(rect.x) && rect.bottom() <= h.max(rect.y),
                    "{w}x{h}: {rect:?}"
                );
            }
        }
        assert!(regions(39, 24).too_small);
        assert_eq!(scroll_to(5, 0, 10), 0);
        assert_eq!(scroll_to(12, 0, 10), 3);
        assert_eq!(scroll_to(2, 5, 10), 2);
        assert_eq!(scroll_to(7, 5, 0), 5);
        assert!(!regions(80, 24).too_small);
    }

    #[test]
    fn the_tree_takes_a_share_and_narrow_screens_show_one_pane() {
        let wide = regions(120, 40);
        assert!(wide.split);
        assert_eq!(wide.tree.width, 48);
        assert_eq!(regions(80, 24).tree.width, 32);
        let narrow = regions(60, 20);
        assert!(!narrow.split);
        assert_eq!(narrow.tree, narrow.body);
        assert_eq!(narrow.detail, narrow.body);
    }

    #[test]
    fn the_preview_goes_beside_below_or_nowhere() {
        for (w, h) in [(0, 0), (40, 10), (60, 20), (80, 24), (120, 40), (300, 100)] {
            for on in [true, false] {
                let r = regions(w, h).with_preview(on);
                let parts = r.search_parts();
                let inside = |rect: Rect| rect.intersection(r.search) == rect || rect.area() == 0;
                assert!(inside(parts.list) && inside(parts.query), "{w}x{h}");
                if let Some(preview) = parts.preview {
                    assert!(on && inside(preview), "{w}x{h}");
                    assert!(!preview.intersects(parts.list), "{w}x{h}");
                }
            }
        }
        let beside = regions(120, 40).search_parts();
        let preview = beside.preview.unwrap();
        assert_eq!(preview.y, beside.list.y);
        assert!(preview.x > beside.list.x);
        let below = regions(80, 40).search_parts();
        assert!(below.preview.unwrap().y > below.list.y);
        assert_eq!(regions(80, 20).search_parts().preview, None);
        assert_eq!(
            regions(120, 40).with_preview(false).search_parts().preview,
            None
        );
    }
}
