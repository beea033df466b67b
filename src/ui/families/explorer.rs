//! The rules explorer: every document, clause, rule and policy case; its own program, with the
//! whole of the data in every language (which residents never download).

use super::{Needs, Program};
use crate::portal::route::{Family, Route};
use crate::ui::components::NotFound;
use crate::ui::pages::{document, rules};
use leptos::prelude::*;

/// The explorer's program.
pub const PROGRAM: Program = Program {
    family: Family::Explorer,
    page,
    needs,
};

fn needs(_: &Route) -> Needs {
    // The explorer's bundle holds everything, and is downloaded before any page is drawn
    // (`crate::ui::site::download`): nothing more to ask for.
    Needs {
        index: false,
        place: false,
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Rules => rules::RulesPage().into_any(),
        Route::Document(id) => view! { <document::DocumentPage id=id/> }.into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}
