//! The rules engine: plain Rust, no browser imports, tested natively.
//!
//! Policy data (places, documents, facts, rule sets) comes from `policy-data/`; the engine
//! evaluates a household's [`answers::Answers`] against it and explains every determination.

pub mod answers;
pub mod bundle;
pub mod cases;
pub mod date;
pub mod deadline;
pub mod determination;
pub mod eval;
pub mod json;
pub mod lookup;
pub mod model;
#[cfg(any(not(target_arch = "wasm32"), feature = "draft"))]
pub mod policy_tools;
pub mod report;
#[cfg(any(not(target_arch = "wasm32"), feature = "draft"))]
pub mod source;
pub mod suggest;
pub mod text;
pub mod truth;
pub mod validate;

pub use answers::{ANSWERS_VERSION, Answers, FactValue};
pub use date::{Date, Period};
pub use eval::{Determination, Evaluation, Status, Truth};
pub use model::{OutcomeKind, PolicyData, Service};
pub use text::{Lang, Text};
