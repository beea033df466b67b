//! The resident's journey: start, services, questions, check answers, results, share, about.
//! This is the program a resident downloads; it holds no page of the other families.

use super::{Needs, Program};
use crate::portal::route::{Family, Route};
use crate::ui::components::NotFound;
use crate::ui::pages::{about, check, question, results, service, share, start};
use leptos::prelude::*;

/// The journey's program.
pub const PROGRAM: Program = Program {
    family: Family::Journey,
    page,
    needs,
};

fn needs(route: &Route) -> Needs {
    match route {
        Route::Start | Route::Service(_) => Needs {
            index: true,
            place: false,
        },
        Route::Begin(_) => Needs {
            index: true,
            place: true,
        },
        Route::Question { .. } | Route::Check | Route::Results | Route::Share => Needs {
            index: false,
            place: true,
        },
        _ => Needs {
            index: false,
            place: false,
        },
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Start => view! { <start::StartPage/> }.into_any(),
        Route::Begin(choices) => {
            view! { <start::StartPage prefill=choices submit_now=true/> }.into_any()
        }
        Route::Service(s) => view! { <service::ServicePage service=s/> }.into_any(),
        Route::Question {
            fact,
            back_to_check,
        } => view! { <question::QuestionPage fact=fact back_to_check=back_to_check/> }.into_any(),
        Route::Check => check::CheckPage().into_any(),
        Route::Results => results::ResultsPage().into_any(),
        Route::Share => share::SharePage().into_any(),
        Route::About => about::AboutPage().into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}
