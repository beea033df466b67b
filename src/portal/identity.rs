//! Identity details typed for printed forms: names, ID numbers, addresses, phone numbers. They
//! are kept on this device only, under their own storage key, and are never part of
//! [`crate::engine::Answers`], so they can never enter a share link or any URL.

use crate::engine::answers::{Answers, FactValue};
use crate::portal::idcard::{IdError, IdNumber};
use serde::{Deserialize, Serialize};

/// The version of [`Identity`] this build writes.
pub const IDENTITY_VERSION: u32 = 1;

/// One person as the forms ask for them. Every field is what was typed; empty means not given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    /// The person's name (姓名), as on the identity card.
    pub name: String,
    /// The 18-character resident identity number (身份证号), as typed.
    pub id_number: String,
    /// A mobile or landline phone number (联系电话).
    pub phone: String,
    /// 民族.
    pub ethnicity: String,
    /// 与学生关系 (for a parent or guardian).
    pub relation: String,
    /// 政治面貌.
    pub political_status: String,
    /// 婚姻状况.
    pub marital_status: String,
    /// 工作单位.
    pub employer: String,
}

/// The household's identity details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Identity {
    /// Always [`IDENTITY_VERSION`].
    pub v: u32,
    /// The person applying: the parent or guardian for schooling, the worker for permits.
    pub applicant: Person,
    /// The other parent, if any.
    pub other_parent: Person,
    /// The child, for the schooling forms.
    pub child: Person,
    /// 户籍地址 (of the applicant, and of the child unless it differs).
    pub hukou_address: String,
    /// 户籍所在地乡镇(街道) — the township asked for the no-guardianship certificate.
    pub hukou_township: String,
    /// 现居住地址.
    pub residence_address: String,
}

/// Which field a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The applicant's identity number.
    ApplicantId,
    /// The other parent's identity number.
    OtherParentId,
    /// The child's identity number.
    ChildId,
    /// The applicant's phone number.
    ApplicantPhone,
    /// The other parent's phone number.
    OtherParentPhone,
}

/// A problem a person can fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The number is not a valid identity number.
    Id(IdError),
    /// The birth date in the number differs from the one answered (`fact`).
    BirthDateDiffers,
    /// The sex the number carries differs from the one answered.
    SexDiffers,
    /// Not a phone number (11-digit mobile starting with 1, or a landline of digits and dashes).
    Phone,
}

fn fact_text<'a>(answers: &'a Answers, fact: &str) -> Option<&'a str> {
    match answers.facts.get(fact) {
        Some(FactValue::Text(t)) => Some(t),
        _ => None,
    }
}

fn phone_ok(phone: &str) -> bool {
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    all_digits
        && ((digits.len() == 11 && digits.starts_with('1'))
            || (7..=12).contains(&digits.len()) && digits.starts_with('0'))
}

impl Default for Identity {
    /// An empty record of the current version.
    fn default() -> Identity {
        Identity {
            v: IDENTITY_VERSION,
            applicant: Person::default(),
            other_parent: Person::default(),
            child: Person::default(),
            hukou_address: String::new(),
            hukou_township: String::new(),
            residence_address: String::new(),
        }
    }
}

impl Identity {
    /// An empty record of the current version, as before anything is typed.
    pub fn new() -> Identity {
        Identity::default()
    }

    /// Reads the saved copy; anything unreadable or of another version gives an empty record.
    pub fn from_saved(text: &str) -> Option<Identity> {
        serde_json::from_str::<Identity>(text)
            .ok()
            .filter(|i| i.v == IDENTITY_VERSION)
    }

    /// Every problem in what was typed, checked against the eligibility answers (the child's and
    /// the applicant's birth dates and sex). Empty fields are not problems: their boxes print
    /// empty.
    pub fn problems(&self, answers: &Answers) -> Vec<(Field, Problem)> {
        let mut out = Vec::new();
        let mut check_id =
            |field: Field, typed: &str, birth_fact: Option<&str>, sex_fact: Option<&str>| {
                if typed.trim().is_empty() {
                    return;
                }
                match IdNumber::parse(typed) {
                    Err(e) => out.push((field, Problem::Id(e))),
                    Ok(id) => {
                        if let Some(answered) = birth_fact.and_then(|f| fact_text(answers, f))
                            && answered != id.birth_date().to_string()
                        {
                            out.push((field, Problem::BirthDateDiffers));
                        }
                        if let Some(sex) = sex_fact.and_then(|f| fact_text(answers, f))
                            && (sex == "male") != id.is_male()
                        {
                            out.push((field, Problem::SexDiffers));
                        }
                    }
                }
            };
        check_id(
            Field::ApplicantId,
            &self.applicant.id_number,
            Some("applicant_birth_date"),
            Some("applicant_sex"),
        );
        check_id(
            Field::OtherParentId,
            &self.other_parent.id_number,
            None,
            None,
        );
        check_id(
            Field::ChildId,
            &self.child.id_number,
            Some("child_birth_date"),
            None,
        );
        for (field, phone) in [
            (Field::ApplicantPhone, &self.applicant.phone),
            (Field::OtherParentPhone, &self.other_parent.phone),
        ] {
            if !phone.trim().is_empty() && !phone_ok(phone) {
                out.push((field, Problem::Phone));
            }
        }
        out
    }

    /// Every typed value, for the test that none of them ever appears in a URL.
    pub fn typed_values(&self) -> Vec<&str> {
        let people = [&self.applicant, &self.other_parent, &self.child];
        let mut out: Vec<&str> = people
            .iter()
            .flat_map(|p| {
                [
                    p.name.as_str(),
                    p.id_number.as_str(),
                    p.phone.as_str(),
                    p.employer.as_str(),
                ]
            })
            .collect();
        out.extend([
            self.hukou_address.as_str(),
            self.hukou_township.as_str(),
            self.residence_address.as_str(),
        ]);
        out.retain(|v| !v.trim().is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers_agree_with_the_answers() {
        let mut answers = Answers::new();
        answers.facts.insert(
            "child_birth_date".into(),
            FactValue::Text("1949-12-31".into()),
        );
        answers
            .facts
            .insert("applicant_sex".into(), FactValue::Text("male".into()));
        let mut id = Identity::new();
        id.child.id_number = "11010519491231002X".into();
        assert!(id.problems(&answers).is_empty());
        answers.facts.insert(
            "child_birth_date".into(),
            FactValue::Text("1950-01-01".into()),
        );
        assert_eq!(
            id.problems(&answers),
            vec![(Field::ChildId, Problem::BirthDateDiffers)]
        );
        id.applicant.id_number = "11010519491231002X".into(); // an even sequence digit: a woman
        assert!(
            id.problems(&answers)
                .contains(&(Field::ApplicantId, Problem::SexDiffers))
        );
        id.applicant.id_number = "110105194912310021".into();
        assert!(id.problems(&answers).contains(&(
            Field::ApplicantId,
            Problem::Id(IdError::CheckDigit { expected: 'X' })
        )));
    }

    #[test]
    fn phones() {
        assert!(phone_ok("138 0013 8000"));
        assert!(phone_ok("0577-88889999"));
        assert!(!phone_ok("12345"));
        assert!(!phone_ok("2380013800a"));
    }

    #[test]
    fn saved_copies_of_another_version_are_refused() {
        let id = Identity::new();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(Identity::from_saved(&json), Some(id));
        assert_eq!(Identity::from_saved("{\"v\":2}"), None);
        assert_eq!(Identity::from_saved("not json"), None);
    }
}
