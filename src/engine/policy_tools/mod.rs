//! Tools for the people who keep `policy-data/` (native only: they read and write files): the
//! verbatim-quote check against the published texts and plain messages with line numbers.

pub mod locate;
pub mod messages;
pub mod verbatim;
