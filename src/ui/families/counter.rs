//! Counter mode, for staff: its own program, which residents never download.

use super::{Needs, Program};
use crate::portal::route::{Family, Route};
use crate::ui::components::NotFound;
use crate::ui::pages::counter;
use leptos::prelude::*;

/// Counter mode's program.
pub const PROGRAM: Program = Program {
    family: Family::Counter,
    page,
    needs,
};

fn needs(_: &Route) -> Needs {
    Needs {
        index: true,
        place: true,
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Counter => counter::CounterPage().into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}
