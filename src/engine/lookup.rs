//! Looking things up in policy data by id: places and the places they lie in, documents and
//! their clauses, facts, rule sets and their named conditions, points schemes.

use super::model::{Clause, Condition, Document, Fact, Place, PointsScheme, PolicyData, Ruleset};

impl PolicyData {
    /// The place with this id (`lucheng`), if any.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }
    /// The document with this id (`lucheng-2013-164`), if any.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
    /// The fact (question) with this id (`child_birth_date`), if any.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }
    /// The points scheme with this id, if any.
    pub fn points_scheme(&self, id: &str) -> Option<&PointsScheme> {
        self.points_schemes.iter().find(|s| s.id == id)
    }
    /// The rule set with this id (`lucheng-school-2013`), if any.
    pub fn ruleset(&self, id: &str) -> Option<&Ruleset> {
        self.rulesets.iter().find(|r| r.id == id)
    }

    /// A named condition for `{ ref = … }` in `ruleset`: `name` in its own `[conditions]`, or
    /// `other-ruleset#name`. Returns the rule set that owns it (its clauses resolve there).
    pub fn named_condition<'s>(
        &'s self,
        ruleset: &'s Ruleset,
        reference: &str,
    ) -> Option<(&'s Ruleset, &'s str, &'s Condition)> {
        let (owner, name) = match reference.split_once('#') {
            Some((other, name)) => (self.ruleset(other)?, name),
            None => (ruleset, reference),
        };
        let (key, cond) = owner.conditions.get_key_value(name)?;
        Some((owner, key.as_str(), cond))
    }

    /// The place and every place it lies in, nearest first.
    pub fn place_chain<'s>(&'s self, id: &str) -> Vec<&'s Place> {
        let mut chain = Vec::new();
        let mut next = self.place(id);
        while let Some(p) = next {
            if chain.iter().any(|q: &&Place| q.id == p.id) {
                break; // a loop in the data; validation reports it
            }
            chain.push(p);
            next = p.parent.as_deref().and_then(|parent| self.place(parent));
        }
        chain
    }

    /// Resolves a clause reference (`annex6.art2` within `document`, or `doc#clause`).
    pub fn clause<'s>(
        &'s self,
        document: &str,
        reference: &str,
    ) -> Option<(&'s Document, &'s Clause)> {
        let (doc_id, clause_id) = reference.split_once('#').unwrap_or((document, reference));
        let doc = self.document(doc_id)?;
        let clause = doc.clauses.iter().find(|c| c.id == clause_id)?;
        Some((doc, clause))
    }
}
