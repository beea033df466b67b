//! One page a file. Pages never import one another: what two pages share is a component
//! (`crate::ui::components`) or part of the portal model (`crate::portal`).

pub mod about;
pub mod check;
pub mod counter;
pub mod details;
pub mod document;
#[cfg(feature = "draft")]
pub mod draft;
pub mod form;
pub mod forms;
pub mod question;
pub mod results;
pub mod rules;
pub mod service;
pub mod share;
pub mod start;
