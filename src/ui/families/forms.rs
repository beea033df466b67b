//! The printed forms and the identity details they need: their own program, with the rules of
//! the household's place in Chinese (forms are printed in Chinese, in every language).

use super::{Needs, Program};
use crate::portal::route::{Family, Route};
use crate::ui::components::NotFound;
use crate::ui::pages::{details, form, forms};
use leptos::prelude::*;

/// The forms' program.
pub const PROGRAM: Program = Program {
    family: Family::Forms,
    page,
    needs,
};

fn needs(_: &Route) -> Needs {
    Needs {
        index: false,
        place: true,
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Forms => forms::FormsPage().into_any(),
        Route::Form(id) => view! { <form::FormPage id=id/> }.into_any(),
        Route::Details => details::DetailsPage().into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}
