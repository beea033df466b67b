//! The page families' programs: which pages each shows, and what each page needs downloaded
//! before it is drawn. Each family's binary (`src/bin/anju*.rs`) runs [`crate::ui::run`] with
//! its own [`Program`], so the linker keeps only that family's pages.

pub mod counter;
#[cfg(feature = "draft")]
pub mod drafts;
pub mod explorer;
pub mod forms;
pub mod journey;

use crate::portal::route::{Family, Route};
use leptos::prelude::AnyView;

/// What a page needs downloaded before it is drawn (the interface text always).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needs {
    /// Every place and each rule set's headline (lists of places and rules).
    pub index: bool,
    /// The rules of the household's place, when it has one.
    pub place: bool,
}

/// One family's program.
#[derive(Clone, Copy)]
pub struct Program {
    /// The family.
    pub family: Family,
    /// The page a route shows (routes of other families are never asked: they load their own
    /// program).
    pub page: fn(Route) -> AnyView,
    /// What a route needs.
    pub needs: fn(&Route) -> Needs,
}
