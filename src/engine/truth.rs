//! The four truth values of a condition, and how groups of conditions combine them.
//!
//! Four values, never two: a missing answer is `Unknown`, a text that does not settle the
//! question is `Ambiguous`, and neither is ever turned into "no".

/// The state of one condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// The condition holds.
    Met,
    /// The condition does not hold.
    NotMet,
    /// An answer it needs is missing (or the person said they do not know).
    Unknown,
    /// The source does not settle it.
    Ambiguous,
}

impl Truth {
    /// Every item holds: not met as soon as one is not, else unknown before ambiguous.
    pub fn all(items: impl IntoIterator<Item = Truth>) -> Truth {
        let (mut unknown, mut ambiguous) = (false, false);
        for t in items {
            match t {
                Truth::NotMet => return Truth::NotMet,
                Truth::Unknown => unknown = true,
                Truth::Ambiguous => ambiguous = true,
                Truth::Met => {}
            }
        }
        if unknown {
            Truth::Unknown
        } else if ambiguous {
            Truth::Ambiguous
        } else {
            Truth::Met
        }
    }

    /// At least one item holds: met as soon as one is, else unknown before ambiguous.
    pub fn any(items: impl IntoIterator<Item = Truth>) -> Truth {
        let (mut unknown, mut ambiguous) = (false, false);
        for t in items {
            match t {
                Truth::Met => return Truth::Met,
                Truth::Unknown => unknown = true,
                Truth::Ambiguous => ambiguous = true,
                Truth::NotMet => {}
            }
        }
        if unknown {
            Truth::Unknown
        } else if ambiguous {
            Truth::Ambiguous
        } else {
            Truth::NotMet
        }
    }
}

impl Truth {
    /// A list the source joins without saying whether all or any are needed: met if all are
    /// met, not met if none is, ambiguous when some are and some are not, and unknown while an
    /// answer could still settle which.
    pub fn unclear(items: impl IntoIterator<Item = Truth> + Clone) -> Truth {
        match (Truth::all(items.clone()), Truth::any(items)) {
            (Truth::Met, _) => Truth::Met,
            (_, Truth::NotMet) => Truth::NotMet,
            (Truth::NotMet, Truth::Met) => Truth::Ambiguous,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::Ambiguous,
        }
    }
}

/// The opposite; unknown and ambiguous stay as they are.
impl std::ops::Not for Truth {
    type Output = Truth;

    fn not(self) -> Truth {
        match self {
            Truth::Met => Truth::NotMet,
            Truth::NotMet => Truth::Met,
            other => other,
        }
    }
}
