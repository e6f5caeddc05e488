//! How the app looks: the options the user chose, and the styles and
//! symbols they give. With NO_COLOR only modifiers (bold, reverse,
//! underline) are used; with --ascii every symbol is plain ASCII. Both the
//! state (which lays out the detail document) and the view read this.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// How the app draws: plain ASCII symbols, and whether colour is allowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub ascii: bool,
    pub no_color: bool,
}

pub struct Theme {
    pub header: Style,
    pub title: Style,
    pub dim: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub matched: Style,
    pub target: Style,
    pub project: Style,
    pub key: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub bar: Style,
}

pub struct Symbols {
    pub open: &'static str,
    pub closed: &'static str,
    pub leaf: &'static str,
    pub target: &'static str,
    pub separator: &'static str,
    pub border: border::Set<'static>,
    pub bar: &'static str,
}

pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub fn symbols(options: &Options) -> Symbols {
    if options.ascii {
        Symbols {
            open: "- ",
            closed: "+ ",
            leaf: "  ",
            target: "*",
            separator: " > ",
            border: ASCII_BORDER,
            bar: "#",
        }
    } else {
        Symbols {
            open: "▾ ",
            closed: "▸ ",
            leaf: "  ",
            target: "◆",
            separator: " › ",
            border: border::ROUNDED,
            bar: "█",
        }
    }
}

pub fn theme(options: &Options) -> Theme {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if options.no_color {
        return Theme {
            header: Style::default().add_modifier(Modifier::REVERSED),
            title: bold,
            dim: Style::default(),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::default().add_modifier(Modifier::UNDERLINED),
            matched: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            target: bold,
            project: Style::default().add_modifier(Modifier::UNDERLINED),
            key: bold,
            border: Style::default(),
            border_focused: bold,
            status: bold,
            bar: Style::default(),
        };
    }
    Theme {
        header: Style::default().fg(Color::Black).bg(Color::Cyan),
        title: bold.fg(Color::Cyan),
        dim: Style::default().fg(Color::DarkGray),
        selected: Style::default().fg(Color::Black).bg(Color::Yellow),
        selected_unfocused: Style::default().bg(Color::DarkGray),
        matched: Style::default()
            .fg(Color::Magenta)
            .add_modifier(Modifier::BOLD),
        target: Style::default()
            .fg(Color::Green)
            .add_modifier(Modifier::BOLD),
        project: Style::default()
            .fg(Color::Blue)
            .add_modifier(Modifier::UNDERLINED),
        key: bold.fg(Color::Yellow),
        border: Style::default().fg(Color::DarkGray),
        border_focused: Style::default().fg(Color::Cyan),
        status: bold.fg(Color::Green),
        bar: Style::default().fg(Color::Cyan),
    }
}
