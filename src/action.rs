//! Everything a person can ask the reader to do, by name.
//!
//! Keys map to these names (see [`crate::keymap`]); `App::update` acts on them. The names are
//! what a user writes in a keymap file, and [`Action::description`] is the one source of the
//! help overlay's text, so help can never drift from behaviour.

use serde::{Deserialize, Serialize};
use strum::{EnumIter, IntoStaticStr};

/// Declared in the order help lists them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,

    Open,
    Back,
    PreviousPost,
    NextPost,
    NextUnread,
    Edit,

    Filter,
    SearchAll,
    TagFilter,
    ToggleDrafts,
    CycleSort,
    UnreadFilter,
    MarkRead,
    MarkUnread,
    Reload,

    Search,
    NextMatch,
    PreviousMatch,
    Outline,
    ViewImage,
    NextLink,
    PreviousLink,
    FollowLink,
    FollowNumber,
    Copy,
    HistoryBack,

    SwitchPane,
    Zoom,
    Confirm,
    Cancel,
    Help,
    Suspend,
    Quit,
}

impl Action {
    /// The name a keymap file uses: `half_page_down`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What the action does, in a few words, for help and hints.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend folio (the shell's fg resumes it)",
            Action::Help => "show or hide this help",
            Action::SwitchPane => "switch between the index and the reader",
            Action::Zoom => "zoom the reader to the full width and back",
            Action::Down => "move down a line",
            Action::Up => "move up a line",
            Action::HalfPageDown => "move down half a page",
            Action::HalfPageUp => "move up half a page",
            Action::PageDown => "move down a page",
            Action::PageUp => "move up a page",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::Open => "open the selected post",
            Action::Back => "go back to the index",
            Action::PreviousPost => "read the previous post",
            Action::NextPost => "read the next post",
            Action::NextUnread => "read the next unread post (the one left counts as read)",
            Action::Edit => "edit the post in $EDITOR",
            Action::Filter => "filter posts by title, tags and description",
            Action::SearchAll => "search the text of every post",
            Action::TagFilter => "filter posts by tag",
            Action::ToggleDrafts => "show or hide drafts",
            Action::CycleSort => "sort by date or by title",
            Action::UnreadFilter => "show only unread posts, or all",
            Action::MarkRead => "mark the post read",
            Action::MarkUnread => "mark the post unread",
            Action::Reload => "read the posts from disk again",
            Action::Search => "search in the post",
            Action::NextMatch => "next match",
            Action::PreviousMatch => "previous match",
            Action::Outline => "outline: jump to a heading",
            Action::ViewImage => "show the selected or first visible picture full-screen",
            Action::NextLink => "select the next link",
            Action::PreviousLink => "select the previous link",
            Action::FollowLink => "follow the selected link",
            Action::FollowNumber => "follow a link by its number",
            Action::Copy => "copy the selected link, or the post's path, to the clipboard",
            Action::HistoryBack => "back to the post a link came from",
            Action::Confirm => "accept",
            Action::Cancel => "close, cancel, or clear the filter",
        }
    }

    /// A short word for the status bar's hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::Help => "help",
            Action::SwitchPane => "pane",
            Action::Zoom => "zoom",
            Action::Open => "read",
            Action::NextUnread => "next unread",
            Action::Back => "back",
            Action::Filter => "filter",
            Action::SearchAll => "search all",
            Action::TagFilter => "tags",
            Action::ToggleDrafts => "drafts",
            Action::CycleSort => "sort",
            Action::UnreadFilter => "unread",
            Action::MarkRead => "read",
            Action::MarkUnread => "unread",
            Action::Reload => "reload",
            Action::Search => "search",
            Action::NextMatch => "next",
            Action::PreviousMatch => "prev",
            Action::Outline => "outline",
            Action::ViewImage => "picture",
            Action::NextLink => "links",
            Action::FollowNumber => "follow #",
            Action::Copy => "copy",
            Action::HistoryBack => "history",
            Action::Confirm => "accept",
            Action::Cancel => "close",
            other => other.description(),
        }
    }
}
