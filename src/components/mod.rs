//! Pieces that several pages share.

pub mod back_link;
pub mod clause;
pub mod determination;
pub mod error_summary;
pub mod service_results;

pub use back_link::BackLink;
pub use clause::ClauseCite;
pub use determination::{anchor, determination_view, ruleset_header};
pub use error_summary::{ErrorSummary, FieldError};
pub use service_results::{date_line, service_results_view};
