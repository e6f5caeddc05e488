//! A line of typed text that edits like a shell's: a cursor moved by
//! character or word, deletion of a word or of everything before the
//! cursor, and a "selected" state in which the next text typed replaces the
//! whole line (as a reopened search shows its last query). Used by the
//! search line, the targets filter, the unit picker and the goto prompt.

/// What an edit did, so the owner knows whether to search again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The text changed.
    Text,
    /// Only the cursor or the selection moved.
    Cursor,
    /// Nothing changed.
    Nothing,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// The cursor, as a char index: 0 is before the first character.
    pub cursor: usize,
    /// The whole line is selected: typing replaces it, and a move drops the
    /// selection.
    pub selected: bool,
}

/// One motion or deletion of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Start,
    End,
    WordLeft,
    WordRight,
    /// Delete the character before the cursor (Backspace).
    Backspace,
    /// Delete the character under the cursor (Delete).
    Delete,
    /// Delete back to the previous whitespace, as a shell's Ctrl-w does.
    DeleteWord,
    /// Delete from the cursor back to the start, as a shell's Ctrl-u does.
    DeleteToStart,
}

impl LineEdit {
    /// A line holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> Self {
        LineEdit {
            text: text.to_string(),
            cursor: text.chars().count(),
            selected: false,
        }
    }

    /// The line holding `text`, all of it selected.
    pub fn selecting(text: &str) -> Self {
        LineEdit {
            selected: !text.is_empty(),
            ..Self::with_text(text)
        }
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Inserts typed or pasted text at the cursor, replacing the line when
    /// it is selected. Control characters (a pasted newline or tab) become
    /// spaces.
    pub fn insert(&mut self, text: &str) -> Edited {
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if self.selected {
            self.selected = false;
            self.text.clear();
            self.cursor = 0;
        }
        if clean.is_empty() {
            return Edited::Cursor;
        }
        let at = self.byte(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        Edited::Text
    }

    /// Applies a motion or a deletion.
    pub fn edit(&mut self, edit: Edit) -> Edited {
        let before = (self.text.len(), self.cursor, self.selected);
        if self.selected {
            self.selected = false;
            match edit {
                // A deletion takes the selected line with it.
                Edit::Backspace | Edit::Delete | Edit::DeleteWord | Edit::DeleteToStart => {
                    self.text.clear();
                    self.cursor = 0;
                    return Edited::Text;
                }
                // Left and Home go to the start of the selection, others to its end.
                Edit::Left | Edit::Start | Edit::WordLeft => {
                    self.cursor = 0;
                    return Edited::Cursor;
                }
                _ => {
                    self.cursor = self.len();
                    return Edited::Cursor;
                }
            }
        }
        let chars: Vec<char> = self.text.chars().collect();
        let cursor = self.cursor.min(chars.len());
        match edit {
            Edit::Left => self.cursor = cursor.saturating_sub(1),
            Edit::Right => self.cursor = (cursor + 1).min(chars.len()),
            Edit::Start => self.cursor = 0,
            Edit::End => self.cursor = chars.len(),
            Edit::WordLeft => self.cursor = word_start(&chars, cursor, char::is_alphanumeric),
            Edit::WordRight => self.cursor = word_end(&chars, cursor),
            Edit::Backspace => {
                if cursor > 0 {
                    self.remove(cursor - 1, cursor);
                }
            }
            Edit::Delete => {
                if cursor < chars.len() {
                    self.remove(cursor, cursor + 1);
                }
            }
            Edit::DeleteWord => {
                let start = word_start(&chars, cursor, |c| !c.is_whitespace());
                self.remove(start, cursor);
            }
            Edit::DeleteToStart => self.remove(0, cursor),
        }
        if self.text.len() != before.0 {
            Edited::Text
        } else if (self.cursor, self.selected) != (before.1, before.2) {
            Edited::Cursor
        } else {
            Edited::Nothing
        }
    }

    /// Removes chars `start..end` and leaves the cursor at `start`.
    fn remove(&mut self, start: usize, end: usize) {
        let (from, to) = (self.byte(start), self.byte(end));
        self.text.replace_range(from..to, "");
        self.cursor = start;
    }

    /// Replaces the whole line, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = Self::with_text(text);
    }
}

/// The start of the word before `cursor`: back over characters that are
/// not in a word, then over those that are.
fn word_start(chars: &[char], cursor: usize, in_word: impl Fn(char) -> bool) -> usize {
    let mut i = cursor;
    while i > 0 && !in_word(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && in_word(chars[i - 1]) {
        i -= 1;
    }
    i
}

/// The end of the word at or after `cursor`, as a shell's Alt-f finds it.
fn word_end(chars: &[char], cursor: usize) -> usize {
    let mut i = cursor;
    while i < chars.len() && !chars[i].is_alphanumeric() {
        i += 1;
    }
    while i < chars.len() && chars[i].is_alphanumeric() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, cursor: usize) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor,
            selected: false,
        }
    }

    #[test]
    fn moves_by_character_and_word() {
        let mut l = LineEdit::with_text("泸古高速 xianhe-zhiye");
        assert_eq!(l.cursor, 17);
        l.edit(Edit::WordLeft);
        assert_eq!(l.cursor, 12, "before zhiye");
        l.edit(Edit::WordLeft);
        assert_eq!(l.cursor, 5, "before xianhe");
        l.edit(Edit::WordLeft);
        assert_eq!(l.cursor, 0, "a run of Chinese is one word");
        assert_eq!(l.edit(Edit::WordLeft), Edited::Nothing);
        l.edit(Edit::WordRight);
        assert_eq!(l.cursor, 4);
        l.edit(Edit::Right);
        l.edit(Edit::Right);
        assert_eq!(l.cursor, 6);
        l.edit(Edit::End);
        assert_eq!(l.cursor, 17);
        assert_eq!(l.edit(Edit::Right), Edited::Nothing);
        l.edit(Edit::Start);
        assert_eq!(l.edit(Edit::Left), Edited::Nothing);
    }

    #[test]
    fn deletes_like_a_shell() {
        let mut l = LineEdit::with_text("泸古高速 xianhe");
        assert_eq!(l.edit(Edit::DeleteWord), Edited::Text);
        assert_eq!(l.text, "泸古高速 ");
        l.edit(Edit::DeleteWord);
        assert_eq!(l.text, "");
        let mut l = line("泸古 高速", 3);
        l.edit(Edit::DeleteToStart);
        assert_eq!((l.text.as_str(), l.cursor), ("高速", 0));
        let mut l = line("泸古高速", 2);
        l.edit(Edit::Backspace);
        assert_eq!((l.text.as_str(), l.cursor), ("泸高速", 1));
        l.edit(Edit::Delete);
        assert_eq!((l.text.as_str(), l.cursor), ("泸速", 1));
        l.insert("古高");
        assert_eq!((l.text.as_str(), l.cursor), ("泸古高速", 3));
    }

    #[test]
    fn a_selected_line_is_replaced_by_typing() {
        let mut l = LineEdit::selecting("泸古高速");
        assert!(l.selected);
        l.insert("x");
        assert_eq!((l.text.as_str(), l.cursor, l.selected), ("x", 1, false));
        let mut l = LineEdit::selecting("泸古高速");
        assert_eq!(l.edit(Edit::Right), Edited::Cursor);
        assert_eq!((l.text.as_str(), l.cursor), ("泸古高速", 4));
        let mut l = LineEdit::selecting("泸古高速");
        l.edit(Edit::Left);
        assert_eq!(l.cursor, 0);
        let mut l = LineEdit::selecting("泸古高速");
        assert_eq!(l.edit(Edit::Backspace), Edited::Text);
        assert_eq!(l.text, "");
        assert!(!LineEdit::selecting("").selected);
    }

    #[test]
    fn pasted_control_characters_become_spaces() {
        let mut l = LineEdit::default();
        l.insert("泸古\n高速\t");
        assert_eq!(l.text, "泸古 高速 ");
    }
}
