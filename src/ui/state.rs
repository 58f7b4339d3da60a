//! What the app remembers between runs (eframe persistence): the last folder, the
//! recently opened folders, the lane grouping, the actor order and the theme.
//! Panel sizes are remembered by egui itself.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::timeline::Lanes;

/// Most recent folders kept.
pub const MAX_RECENT: usize = 8;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system's light/dark setting.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The egui preference.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The remembered state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The folder open when the app last closed.
    pub last_folder: Option<PathBuf>,
    /// Recently opened folders, newest first.
    pub recent: Vec<PathBuf>,
    /// Lane grouping.
    pub lanes: Lanes,
    /// Actor list sorted by name (else by count).
    pub actors_by_name: bool,
    /// Colour theme.
    pub theme: Theme,
}

impl State {
    /// Records that `folder` was opened.
    pub fn opened(&mut self, folder: PathBuf) {
        self.recent.retain(|f| f != &folder);
        self.recent.insert(0, folder.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_folder = Some(folder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_folders_are_unique_newest_first_and_bounded() {
        let mut s = State::default();
        for i in 0..12 {
            s.opened(PathBuf::from(format!("f{i}")));
        }
        s.opened(PathBuf::from("f5"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("f5"));
        assert_eq!(
            s.recent
                .iter()
                .filter(|f| f.as_path() == std::path::Path::new("f5"))
                .count(),
            1
        );
        assert_eq!(s.last_folder, Some(PathBuf::from("f5")));
    }

    #[test]
    fn old_or_partial_state_still_loads() {
        let s: State =
            serde_json::from_str(r#"{"lanes": "Outlets", "unknown": 1}"#).unwrap_or_default();
        assert_eq!(s.lanes, Lanes::Outlets);
        assert_eq!(s.theme, Theme::System);
    }
}
