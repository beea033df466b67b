//! Tools for the people who keep `policy-data/` (native only: they read and write files): the
//! verbatim-quote check against the published texts, plain messages with line numbers, and the
//! `anju-policy` helpers (`new-year`, `diff`, `coverage`).

pub mod case_refs;
pub mod check;
pub mod coverage;
pub mod diff;
pub mod locate;
pub mod messages;
pub mod new_year;
pub mod verbatim;
