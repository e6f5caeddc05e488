//! The plan picker's state: the library's plans, the filter typed over
//! them (by name, title or pinyin, through the same search as the plan
//! uses), and the selection.

use crate::library::PlanEntry;
use crate::plan::{Item, ItemKind, ItemRef};
use crate::search::SearchIndex;
use crate::tui::line::{Edit, Edited, LineEdit};

/// What picking a plan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Purpose {
    #[default]
    Open,
    /// Comparing the open plan with the one picked.
    Compare,
}

#[derive(Debug, Default)]
pub struct PickerState {
    pub purpose: Purpose,
    /// The library's plans by name; empty until the listing arrives.
    pub entries: Vec<PlanEntry>,
    /// Whether the listing has arrived.
    pub listed: bool,
    /// One document per entry: its name and title.
    index: Option<SearchIndex>,
    pub line: LineEdit,
    /// The entries the query keeps, best first (all, by name, for none).
    pub shown: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
}

impl PickerState {
    /// Opens the picker for `purpose`, keeping the last listing until a new
    /// one arrives.
    pub fn open(&mut self, purpose: Purpose) {
        self.purpose = purpose;
        self.line = LineEdit::default();
        self.filter();
    }

    pub fn query(&self) -> &str {
        &self.line.text
    }

    /// Takes the library's listing, selecting the plan called `first` when
    /// it is there and nothing is typed.
    pub fn set_entries(&mut self, entries: Vec<PlanEntry>, first: &str) {
        let texts: Vec<String> = entries
            .iter()
            .map(|e| format!("{} {}", e.name, e.summary.title))
            .collect();
        let items = entries
            .iter()
            .zip(&texts)
            .enumerate()
            .map(|(i, (e, text))| Item {
                target: ItemRef::Area(i),
                kind: ItemKind::Area,
                id: e.name.as_str(),
                text: text.as_str(),
                line: 1,
            });
        let mut index = SearchIndex::from_items(items);
        let pinyin = index.pinyin_builder().build();
        let _ = index.attach_pinyin(pinyin);
        self.index = Some(index);
        self.entries = entries;
        self.listed = true;
        self.filter();
        if self.line.text.is_empty()
            && let Some(at) = self.entries.iter().position(|e| e.name.as_str() == first)
        {
            self.selected = at;
        }
    }

    /// Typed text or a paste goes into the filter.
    pub fn insert(&mut self, text: &str) {
        if self.line.insert(text) == Edited::Text {
            self.filter();
        }
    }

    pub fn edit(&mut self, edit: Edit) {
        if self.line.edit(edit) == Edited::Text {
            self.filter();
        }
    }

    fn filter(&mut self) {
        self.shown = match (&self.index, self.line.text.trim().is_empty()) {
            (Some(index), false) => index
                .rank(&self.line.text)
                .iter()
                .map(|r| r.doc)
                .filter(|&d| d < self.entries.len())
                .collect(),
            _ => (0..self.entries.len()).collect(),
        };
        self.selected = 0;
        self.offset = 0;
    }

    /// Char indices of the matched characters in entry `i`'s "name title".
    pub fn matched(&self, entry: usize) -> Vec<usize> {
        match &self.index {
            Some(index) if !self.line.text.trim().is_empty() => index
                .hit(entry, &self.line.text)
                .map(|h| h.matched)
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.shown.len().saturating_sub(1));
    }

    pub fn selected_entry(&self) -> Option<&PlanEntry> {
        self.entries.get(*self.shown.get(self.selected)?)
    }

    pub fn keep_in_view(&mut self, height: usize) {
        self.offset = crate::tui::layout::scroll_to(self.selected, self.offset, height);
    }
}
