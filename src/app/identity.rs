//! Identity details typed for printed forms (names, ID numbers, addresses, phone numbers). They
//! stay in this browser's storage under their own key and never enter a URL or a share link.

/// The localStorage key of the identity details.
pub const IDENTITY_KEY: &str = "anju.identity";
