//! Pieces that several pages share.

pub mod back_link;
pub mod clause;
pub mod counter_fields;
pub mod document_meta;
pub mod error_summary;
pub mod loading;
pub mod not_found;
pub mod share_qr;

pub use back_link::BackLink;
pub use clause::ClauseCite;
pub use document_meta::{document_dates, quoted_title, ruleset_span, status_badge};
pub use error_summary::{ErrorSummary, FieldError};
pub use loading::Loading;
pub use not_found::NotFound;
pub use share_qr::{qr_figure, qr_svg, share_url};
