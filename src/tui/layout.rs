//! Where everything goes on the screen: one pure function of the terminal's
//! size, shared by drawing and by mouse handling.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the app says "terminal too small" instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

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
}

pub fn regions(width: u16, height: u16) -> Regions {
    let too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
    let body_height = height.saturating_sub(2);
    let body = Rect::new(0, 1.min(height), width, body_height);
    // The tree takes 40% of wide screens, and at least 34 cells.
    let tree_width = (width as u32 * 2 / 5).max(34).min(width as u32) as u16;
    let tree = Rect::new(0, body.y, tree_width, body_height);
    let detail = Rect::new(tree_width, body.y, width - tree_width, body_height);
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
    }
}

/// The overview's split of the body: the per-area charts above, a row per
/// area as room allows, and the list of amounts below.
pub fn overview_split(body: Rect, areas: usize) -> [Rect; 2] {
    let rows = u16::try_from(areas).unwrap_or(u16::MAX).saturating_add(2);
    let charts = rows.min(body.height.saturating_sub(5)).max(3);
    Layout::vertical([Constraint::Length(charts), Constraint::Min(0)]).areas(body)
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

    /// The search overlay's hit list: inside its border, below the query line.
    pub fn search_list(&self) -> Rect {
        let i = inner(self.search);
        Rect::new(
            i.x,
            i.y.saturating_add(2),
            i.width,
            i.height.saturating_sub(2),
        )
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
        inner(overview_split(self.body, areas)[1]).height as usize
    }

    /// Rows of a full-width list (the targets table) below its header line.
    pub fn list_rows(&self) -> usize {
        inner(self.body).height.saturating_sub(2) as usize
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
}
