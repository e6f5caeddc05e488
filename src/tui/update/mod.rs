//! How each mode handles its actions: `App::update` dispatches here. Each
//! file adds methods to [`App`](crate::tui::app::App) for a group of modes.

mod browse;
mod lists;
mod plans;
mod typing;
