//! The explorer's draft check: its own program, with the data reader, the validator and the
//! policy cases, which neither residents nor the explorer's readers download.

use super::{Needs, Program};
use crate::portal::route::{Family, Route};
use crate::ui::components::NotFound;
use crate::ui::pages::draft;
use leptos::prelude::*;

/// The draft check's program.
pub const PROGRAM: Program = Program {
    family: Family::Drafts,
    page,
    needs,
};

fn needs(_: &Route) -> Needs {
    // The page downloads the build's data files itself, saying so while it does.
    Needs {
        index: false,
        place: false,
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Draft => draft::DraftPage().into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}
