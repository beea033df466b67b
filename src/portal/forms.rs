//! Printable application forms, filled from the eligibility answers and the identity details.
//! Plain data, tested natively; `pages::form` lays it out as the office's A4 paper form.
//!
//! Printed forms stay in Chinese, in every interface language: they are handed to a Chinese
//! office. Their labels therefore live here, as the content of the paper, not in the locale
//! files of the interface. Each box also says whose it is ([`Whose`]) and what it holds in the
//! interface's words ([`Row::what`]), so that the screen can name a box that will print empty
//! in the reader's language ([`Row::screen_name`]): two boxes printed 「公民身份号码」 are the
//! applicant's and the child's, not the same box twice.

use crate::engine::answers::{Answers, Value, read_value};
use crate::engine::date::Date;
use crate::engine::eval::Evaluation;
use crate::engine::model::{Cited, FactKind, OutcomeKind, PolicyData, Rule, Ruleset, Service};
use crate::engine::report::cite;
use crate::engine::text::Lang;
use crate::portal::identity::{Identity, Person};
use crate::portal::messages::{Msg, fill as fill_msg, text};

/// The footer's fixed words, as printed.
pub const BASIS_LABEL: &str = "依据:";
/// The footer's label before the printing date, as printed.
pub const PRINTED_LABEL: &str = "打印日期:";
/// The footer's warning that the form is filled by the resident and is not an official decision.
pub const NOT_OFFICIAL: &str =
    "本表由居民本人依据公开文件自行填写,不是官方决定,以办事窗口审核为准。";

/// The forms the portal prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormId {
    /// 新居民子女入学登记表 (鹿城区, 附件6).
    Enrolment,
    /// 居住登记 / 居住证申领表.
    Residence,
    /// 办理《流动人口婚育证明》申请表.
    Marriage,
    /// A request to the 户籍 township for the 无监护条件证明.
    Guardianship,
}

impl FormId {
    /// The four forms, in the order the forms page lists them.
    pub const ALL: [FormId; 4] = [
        FormId::Enrolment,
        FormId::Residence,
        FormId::Marriage,
        FormId::Guardianship,
    ];

    /// Stable id used in the form's link (`?p=form/enrolment`).
    pub fn id(self) -> &'static str {
        match self {
            FormId::Enrolment => "enrolment",
            FormId::Residence => "residence",
            FormId::Marriage => "marriage",
            FormId::Guardianship => "guardianship",
        }
    }

    /// The form with this id, or `None` for an unknown one (from a link).
    pub fn from_id(id: &str) -> Option<FormId> {
        FormId::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The form's title as printed.
    pub fn title(self) -> &'static str {
        match self {
            FormId::Enrolment => "鹿城区新居民子女入学登记表",
            FormId::Residence => "流动人口居住登记 / 居住证申领表",
            FormId::Marriage => "办理《流动人口婚育证明》申请表",
            FormId::Guardianship => "关于出具在户籍所在地没有监护条件证明的申请",
        }
    }

    /// How many A4 pages the paper form takes.
    pub fn pages(self) -> usize {
        match self {
            FormId::Enrolment => 2,
            FormId::Residence => 2,
            FormId::Marriage => 1,
            FormId::Guardianship => 1,
        }
    }

    /// The service whose answers fill it.
    pub fn service(self) -> Service {
        match self {
            FormId::Enrolment | FormId::Guardianship => Service::School,
            FormId::Residence | FormId::Marriage => Service::Permit,
        }
    }
}

/// Whose a box is: the person (or the household) it asks about. The paper often leaves this
/// to its section (「二、父母或法定监护人(申请人)」 then 「姓名」); the screen says it with
/// every box it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Whose {
    /// The person applying: for a child's enrolment, the parent or legal guardian.
    Applicant,
    /// The child's other parent (the enrolment form's section 三).
    OtherParent,
    /// The child the form is for.
    Child,
    /// The family as a whole: its hukou address and township (the guardianship letter).
    Household,
}

impl Whose {
    /// The message that names a box as this person's: `{box}` is the box's name.
    pub fn msg(self) -> Msg {
        match self {
            Whose::Applicant => Msg::FormWhoseApplicant,
            Whose::OtherParent => Msg::FormWhoseOtherParent,
            Whose::Child => Msg::FormWhoseChild,
            Whose::Household => Msg::FormWhoseHousehold,
        }
    }
}

/// One box of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The box's label as printed (学生姓名).
    pub label: &'static str,
    /// Whose the box is.
    pub whose: Whose,
    /// What the box holds, in the interface's words and without its owner ("name").
    pub what: Msg,
    /// None prints an empty box.
    pub value: Option<String>,
    /// A box the office needs filled; listed on screen when empty.
    pub required: bool,
}

impl Row {
    /// The box as the screen names it in `lang`, with whose it is ("Child's name"), and the
    /// label as printed to put beside it ("学生姓名"), unless the name already shows the label
    /// character for character (孩子的公民身份号码 needs no 「公民身份号码」 after it).
    pub fn screen_name(&self, lang: Lang) -> (String, Option<&'static str>) {
        let what = text(lang, self.what);
        let name = fill_msg(lang, self.whose.msg(), &[("box", what)]);
        (name, (what != self.label).then_some(self.label))
    }
}

/// One numbered section of a form (一、学生情况), with its boxes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The section's heading as printed, with its clause where it has one.
    pub heading: String,
    /// Its boxes, in the order of the paper.
    pub rows: Vec<Row>,
}

/// A line with its source, as `温鹿政办〔2013〕164号 附件6 第三条`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitedLine {
    /// The line as printed.
    pub text: String,
    /// The clause it rests on, cited as a reader cites it.
    pub cite: String,
}

impl CitedLine {
    /// The citation as printed after the line: 〔温鹿政办〔2013〕164号 附件6 第三条〕.
    pub fn bracketed_cite(&self) -> String {
        format!("〔{}〕", self.cite)
    }
}

/// A form, filled in as far as the answers go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilledForm {
    /// Which form this is.
    pub id: FormId,
    /// The form's title as printed.
    pub title: &'static str,
    /// Its sections of boxes, in the order of the paper.
    pub sections: Vec<Section>,
    /// For a letter: its paragraphs.
    pub letter: Vec<String>,
    /// The checklist's heading as printed, naming its clause where it has one.
    pub checklist_title: String,
    /// Materials to bring, each with its clause.
    pub checklist: Vec<CitedLine>,
    /// Deadlines and other notes, each with its clause.
    pub notes: Vec<CitedLine>,
    /// The documents the form rests on, with their standing.
    pub basis: Vec<String>,
}

impl FilledForm {
    /// The required boxes that will print empty, in the order of the paper.
    pub fn missing(&self) -> Vec<&Row> {
        self.sections
            .iter()
            .flat_map(|s| &s.rows)
            .filter(|r| r.required && r.value.is_none())
            .collect()
    }
}

fn some(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A fact's answer written as on a Chinese form.
fn fact(data: &PolicyData, answers: &Answers, id: &str) -> Option<String> {
    let f = data.fact(id)?;
    let v = answers.facts.get(id)?;
    Some(match read_value(f, v).ok()? {
        Value::Bool(true) => "是".to_string(),
        Value::Bool(false) => "否".to_string(),
        Value::Date(d) if f.kind == FactKind::Month => format!("{}年{}月", d.year(), d.month()),
        Value::Date(d) => date_zh(d),
        Value::Months(m) => months_zh(m),
        Value::Count(n) => format!(
            "{n}{}",
            f.unit.as_ref().map(|u| u.zh.as_str()).unwrap_or_default()
        ),
        Value::Choice(c) => f.choices.iter().find(|x| x.id == c)?.label.zh.clone(),
    })
}

/// A date written as on a Chinese form (2014年6月1日).
pub fn date_zh(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn months_zh(m: i64) -> String {
    match (m / 12, m % 12) {
        (0, m) => format!("{m}个月"),
        (y, 0) => format!("{y}年"),
        (y, m) => format!("{y}年{m}个月"),
    }
}

/// The boxes of one person (or of the household): `owner.row(label, what, value, required)`.
#[derive(Clone, Copy)]
struct Owner(Whose);

impl Owner {
    fn row(self, label: &'static str, what: Msg, value: Option<String>, required: bool) -> Row {
        Row {
            label,
            whose: self.0,
            what,
            value,
            required,
        }
    }
}

const APPLICANT: Owner = Owner(Whose::Applicant);
const CHILD: Owner = Owner(Whose::Child);
const HOUSEHOLD: Owner = Owner(Whose::Household);

/// Sex and birth date as the identity number states them, else as answered.
fn sex_of(
    person: &Person,
    data: &PolicyData,
    answers: &Answers,
    sex_fact: Option<&str>,
) -> Option<String> {
    match crate::portal::idcard::IdNumber::parse(&person.id_number) {
        Ok(id) => Some(if id.is_male() { "男" } else { "女" }.to_string()),
        Err(_) => sex_fact.and_then(|f| fact(data, answers, f)),
    }
}

fn birth_of(
    person: &Person,
    data: &PolicyData,
    answers: &Answers,
    birth_fact: Option<&str>,
) -> Option<String> {
    match crate::portal::idcard::IdNumber::parse(&person.id_number) {
        Ok(id) => Some(date_zh(id.birth_date())),
        Err(_) => birth_fact.and_then(|f| fact(data, answers, f)),
    }
}

/// The child as the registration and certificate forms list them: name and birth date.
fn child_line(data: &PolicyData, answers: &Answers, identity: &Identity) -> Option<String> {
    some(&identity.child.name).map(|name| {
        let birth =
            birth_of(&identity.child, data, answers, Some("child_birth_date")).unwrap_or_default();
        format!("{name} {birth}").trim().to_string()
    })
}

fn cited(data: &PolicyData, ruleset: &Ruleset, items: &[Cited]) -> Vec<CitedLine> {
    items
        .iter()
        .map(|m| CitedLine {
            text: m.text.zh.clone(),
            cite: cite(data, ruleset, &m.clause),
        })
        .collect()
}

fn basis_line(data: &PolicyData, ruleset: &Ruleset) -> Option<String> {
    let doc = data.document(&ruleset.document)?;
    let status = match doc.status {
        crate::engine::model::DocumentStatus::InForce => "有效",
        crate::engine::model::DocumentStatus::Repealed => "已废止,按历史规定填写",
        crate::engine::model::DocumentStatus::Superseded => "已被修订",
        crate::engine::model::DocumentStatus::Unknown => "效力未载明",
    };
    Some(format!("{} 《{}》({status})", doc.number, doc.title))
}

/// The rule `id` of a rule set, in whichever decision.
fn find_rule<'a>(ruleset: &'a Ruleset, id: &str) -> Option<&'a Rule> {
    ruleset
        .decisions
        .iter()
        .flat_map(|d| &d.rules)
        .find(|r| r.id == id)
}

/// Every rule of the data with this outcome in decisions of this service, with its rule set.
fn rules_with(data: &PolicyData, service: Service, kind: OutcomeKind) -> Vec<(&Ruleset, &Rule)> {
    data.rulesets
        .iter()
        .filter(|r| r.service == service)
        .flat_map(|r| {
            r.decisions
                .iter()
                .flat_map(move |d| d.rules.iter().map(move |rule| (r, rule)))
        })
        .filter(|(_, rule)| rule.outcome.kind == kind)
        .collect()
}

/// A parent's boxes on the enrolment form (sections 二 and 三).
fn parent_rows(who: Owner, p: &Person, required: bool) -> Vec<Row> {
    vec![
        who.row("姓名", Msg::FormBoxName, some(&p.name), required),
        who.row(
            "与学生关系",
            Msg::FormBoxRelation,
            some(&p.relation),
            required,
        ),
        who.row(
            "公民身份号码",
            Msg::FormBoxIdNumber,
            some(&p.id_number),
            required,
        ),
        who.row("联系电话", Msg::FormBoxPhone, some(&p.phone), required),
        who.row("工作单位", Msg::FormBoxEmployer, some(&p.employer), false),
    ]
}

/// Fills `form` from the answers and identity details, with the rules that apply on the
/// question date (`today` when none was chosen).
pub fn fill(
    form: FormId,
    data: &PolicyData,
    answers: &Answers,
    identity: &Identity,
    today: Date,
) -> FilledForm {
    let eval = data.evaluate(answers, today).ok();
    match form {
        FormId::Enrolment => enrolment(data, answers, identity, eval.as_ref()),
        FormId::Residence => residence(data, answers, identity, eval.as_ref()),
        FormId::Marriage => marriage(data, answers, identity),
        FormId::Guardianship => guardianship(data, answers, identity),
    }
}

fn enrolment(
    data: &PolicyData,
    answers: &Answers,
    identity: &Identity,
    eval: Option<&Evaluation>,
) -> FilledForm {
    let child = &identity.child;
    let f = |id: &str| fact(data, answers, id);
    let mut checklist = Vec::new();
    let mut notes = Vec::new();
    let mut basis = Vec::new();
    let config = data.forms.as_ref().map(|f| &f.enrolment);
    let ruleset = config.and_then(|c| data.ruleset(&c.ruleset).map(|rs| (c, rs)));
    if let Some((config, rs)) = ruleset {
        basis.extend(basis_line(data, rs));
        if let Some(rule) = find_rule(rs, &config.checklist_rule) {
            checklist = cited(data, rs, &rule.materials);
            notes.extend(rule.where_to_go.as_ref().map(|w| CitedLine {
                text: w.text.zh.clone(),
                cite: cite(data, rs, &w.clause),
            }));
        }
        // The grounds for priority add their own proof when the answers reach them.
        let priority = eval
            .and_then(|e| e.determinations().find(|d| d.ruleset.id == rs.id))
            .and_then(|d| d.shown_rule())
            .is_some_and(|r| r.id == config.priority_rule);
        if priority && let Some(p) = find_rule(rs, &config.priority_rule) {
            for line in cited(data, rs, &p.materials) {
                if !checklist.contains(&line) {
                    checklist.push(line);
                }
            }
        }
    }
    // A heading names its clause as a reader cites it: 四、居住和工作情况(附件6 第二条).
    let document = ruleset
        .map(|(_, rs)| rs.document.as_str())
        .unwrap_or_default();
    let heading =
        |text: &str, clause: Option<&String>| match clause.and_then(|c| data.clause(document, c)) {
            Some((_, c)) => format!("{text}({})", c.label),
            None => text.to_string(),
        };
    FilledForm {
        id: FormId::Enrolment,
        title: FormId::Enrolment.title(),
        sections: vec![
            Section {
                heading: "一、学生情况".into(),
                rows: vec![
                    CHILD.row("学生姓名", Msg::FormBoxName, some(&child.name), true),
                    CHILD.row(
                        "性别",
                        Msg::FormBoxSex,
                        sex_of(child, data, answers, None),
                        true,
                    ),
                    CHILD.row(
                        "出生日期",
                        Msg::FormBoxBirthDate,
                        birth_of(child, data, answers, Some("child_birth_date")),
                        true,
                    ),
                    CHILD.row(
                        "公民身份号码",
                        Msg::FormBoxIdNumber,
                        some(&child.id_number),
                        true,
                    ),
                    CHILD.row("民族", Msg::FormBoxEthnicity, some(&child.ethnicity), false),
                    CHILD.row(
                        "户籍所在地",
                        Msg::FormBoxHukouAddress,
                        some(&identity.hukou_address),
                        true,
                    ),
                    CHILD.row(
                        "现居住地址",
                        Msg::FormBoxResidenceAddress,
                        some(&identity.residence_address),
                        true,
                    ),
                    CHILD.row(
                        "处于义务教育阶段",
                        Msg::FormBoxCompulsoryStage,
                        f("child_in_compulsory_stage"),
                        false,
                    ),
                    CHILD.row(
                        "户籍所在地有无监护条件",
                        Msg::FormBoxGuardianshipAtHukou,
                        f("guardianship_at_hukou").map(|v| {
                            if v == "是" {
                                "有".into()
                            } else {
                                "无".into()
                            }
                        }),
                        true,
                    ),
                ],
            },
            Section {
                heading: "二、父母或法定监护人(申请人)".into(),
                rows: parent_rows(APPLICANT, &identity.applicant, true),
            },
            Section {
                heading: "三、父母另一方".into(),
                rows: parent_rows(Owner(Whose::OtherParent), &identity.other_parent, false),
            },
            Section {
                heading: heading("四、居住和工作情况", config.map(|c| &c.conditions_clause)),
                rows: vec![
                    APPLICANT.row(
                        "持有的居住证件",
                        Msg::FormBoxPermitHeld,
                        f("parent_permit"),
                        true,
                    ),
                    APPLICANT.row(
                        "临时居住证有效期",
                        Msg::FormBoxTemporaryPermitTerm,
                        f("temporary_permit_term"),
                        false,
                    ),
                    APPLICANT.row(
                        "在鹿城居住起始年月",
                        Msg::FormBoxLivingHereSince,
                        f("residence_here_since"),
                        true,
                    ),
                    APPLICANT.row(
                        "有相对固定居所(含租赁)",
                        Msg::FormBoxFixedResidence,
                        f("fixed_residence"),
                        true,
                    ),
                    APPLICANT.row("工作方式", Msg::FormBoxWorkKind, f("work_kind"), true),
                    APPLICANT.row(
                        "劳动合同期限",
                        Msg::FormBoxContractTerm,
                        f("labour_contract_term"),
                        false,
                    ),
                    APPLICANT.row(
                        "在鹿城缴纳社会保险费时间",
                        Msg::FormBoxInsuranceHere,
                        f("insurance_months_here"),
                        true,
                    ),
                ],
            },
            Section {
                heading: heading("五、优先安排条件", config.map(|c| &c.priority_clause)),
                rows: vec![
                    APPLICANT.row(
                        "持本年度经查验的《流动人口婚育证明》",
                        Msg::FormBoxMarriageCertificateChecked,
                        f("marriage_certificate_checked"),
                        false,
                    ),
                    APPLICANT.row(
                        "已缴纳基本养老保险时间",
                        Msg::FormBoxPensionPaid,
                        f("pension_months_total"),
                        false,
                    ),
                    APPLICANT.row(
                        "上级文件明确规定优先照顾",
                        Msg::FormBoxPriorityByHigherDocument,
                        f("priority_by_higher_document"),
                        false,
                    ),
                ],
            },
        ],
        letter: Vec::new(),
        checklist_title: heading("随表提交的材料", config.map(|c| &c.checklist_clause)),
        checklist,
        notes,
        basis,
    }
}

fn tier_zh(tier: &str) -> &'static str {
    match tier {
        "residence_registration" => "居住登记",
        "temporary_residence_permit" => "《浙江省临时居住证》",
        "residence_permit" => "居住证",
        _ => "居住证件",
    }
}

fn residence(
    data: &PolicyData,
    answers: &Answers,
    identity: &Identity,
    eval: Option<&Evaluation>,
) -> FilledForm {
    let a = &identity.applicant;
    let f = |id: &str| fact(data, answers, id);
    let mut checklist = Vec::new();
    let mut basis = Vec::new();
    let mut applied_for = None;
    // The permits of the rule sets that apply on the question date, each with its proofs.
    if let Some(e) = eval {
        for s in e.services.iter().filter(|s| s.service == Service::Permit) {
            for r in &s.applicable {
                let mut used = false;
                for d in &r.determinations {
                    if let Some(rule) = d
                        .shown_rule()
                        .filter(|rule| rule.outcome.kind == OutcomeKind::Permit)
                    {
                        applied_for.get_or_insert_with(|| {
                            let validity = rule
                                .outcome
                                .validity
                                .as_ref()
                                .map(|v| format!("(有效期:{})", v.zh))
                                .unwrap_or_default();
                            format!(
                                "{}{validity}",
                                tier_zh(rule.outcome.tier.as_deref().unwrap_or_default())
                            )
                        });
                    }
                    for rule in d
                        .decision
                        .rules
                        .iter()
                        .filter(|rule| rule.outcome.kind == OutcomeKind::Permit)
                    {
                        for mut line in cited(data, r.ruleset, &rule.materials) {
                            line.text = format!(
                                "{}:{}",
                                tier_zh(rule.outcome.tier.as_deref().unwrap_or_default()),
                                line.text
                            );
                            if !checklist.contains(&line) {
                                checklist.push(line);
                                used = true;
                            }
                        }
                    }
                }
                if used {
                    basis.extend(basis_line(data, r.ruleset));
                }
            }
        }
    }
    // The form's items come from these clauses, whatever the question date.
    let config = data.forms.as_ref().map(|f| &f.residence);
    let mut field_cites = Vec::new();
    for reference in config
        .map(|c| c.field_clauses.as_slice())
        .unwrap_or_default()
    {
        if let Some((d, c)) = data.clause("", reference) {
            basis.push(format!("{} {}(登记和证件登载事项)", d.number, c.label));
            field_cites.push(format!("{} {}", d.number, c.label));
        }
    }
    if checklist.is_empty()
        && let Some((d, c)) = config.and_then(|c| data.clause("", &c.default_checklist_clause))
    {
        checklist.push(CitedLine {
            text: c.text.clone(),
            cite: format!("{} {}", d.number, c.label),
        });
    }
    let child_line = child_line(data, answers, identity);
    FilledForm {
        id: FormId::Residence,
        title: FormId::Residence.title(),
        sections: vec![
            Section {
                heading: if field_cites.is_empty() {
                    "一、登记信息".into()
                } else {
                    format!("一、登记信息({})", field_cites.join(";"))
                },
                rows: vec![
                    APPLICANT.row("姓名", Msg::FormBoxName, some(&a.name), true),
                    APPLICANT.row(
                        "性别",
                        Msg::FormBoxSex,
                        sex_of(a, data, answers, Some("applicant_sex")),
                        true,
                    ),
                    APPLICANT.row("民族", Msg::FormBoxEthnicity, some(&a.ethnicity), true),
                    APPLICANT.row(
                        "出生日期",
                        Msg::FormBoxBirthDate,
                        birth_of(a, data, answers, Some("applicant_birth_date")),
                        true,
                    ),
                    APPLICANT.row(
                        "公民身份号码",
                        Msg::FormBoxIdNumber,
                        some(&a.id_number),
                        true,
                    ),
                    APPLICANT.row(
                        "户籍地址(常住户口所在地住址)",
                        Msg::FormBoxHukouAddress,
                        some(&identity.hukou_address),
                        true,
                    ),
                    APPLICANT.row(
                        "居住地址",
                        Msg::FormBoxResidenceAddress,
                        some(&identity.residence_address),
                        true,
                    ),
                    APPLICANT.row(
                        "政治面貌",
                        Msg::FormBoxPoliticalStatus,
                        some(&a.political_status),
                        false,
                    ),
                    APPLICANT.row(
                        "婚姻状况",
                        Msg::FormBoxMaritalStatus,
                        some(&a.marital_status),
                        false,
                    ),
                    APPLICANT.row("联系电话", Msg::FormBoxPhone, some(&a.phone), true),
                ],
            },
            Section {
                heading: "二、就业、社保和居住情况".into(),
                rows: vec![
                    APPLICANT.row(
                        "劳动就业(工作方式)",
                        Msg::FormBoxWorkKind,
                        f("work_kind"),
                        true,
                    ),
                    APPLICANT.row("工作单位", Msg::FormBoxEmployer, some(&a.employer), false),
                    APPLICANT.row(
                        "劳动合同期限",
                        Msg::FormBoxContractTerm,
                        f("labour_contract_term"),
                        false,
                    ),
                    APPLICANT.row(
                        "社会保障(在本地缴纳社会保险时间)",
                        Msg::FormBoxInsuranceHere,
                        f("insurance_months_here"),
                        false,
                    ),
                    APPLICANT.row(
                        "在本地居住起始年月",
                        Msg::FormBoxLivingHereSince,
                        f("residence_here_since"),
                        true,
                    ),
                    APPLICANT.row(
                        "租住房屋(住所情况)",
                        Msg::FormBoxLodging,
                        f("lodging_kind").or_else(|| f("has_lease")),
                        false,
                    ),
                    APPLICANT.row(
                        "计划生育(持有婚育证明)",
                        Msg::FormBoxMarriageCertificate,
                        f("marriage_certificate_checked"),
                        false,
                    ),
                    APPLICANT.row("预防保健", Msg::FormBoxPreventiveCare, None, false),
                    APPLICANT.row(
                        "随同的未满16周岁人员",
                        Msg::FormBoxChildrenUnder16,
                        child_line,
                        false,
                    ),
                ],
            },
            Section {
                heading: "三、申领".into(),
                rows: vec![APPLICANT.row(
                    "申领证件",
                    Msg::FormBoxPermitAppliedFor,
                    applied_for,
                    false,
                )],
            },
        ],
        letter: Vec::new(),
        checklist_title: "各类证件所需证明".into(),
        checklist,
        notes: Vec::new(),
        basis,
    }
}

fn marriage(data: &PolicyData, answers: &Answers, identity: &Identity) -> FilledForm {
    let a = &identity.applicant;
    let f = |id: &str| fact(data, answers, id);
    let mut checklist = Vec::new();
    let mut notes = Vec::new();
    let mut basis = Vec::new();
    // Every source that requires the certificate: their lists and deadlines differ (15 days
    // against 30), so both are printed with their sources rather than one chosen.
    let rulesets = data
        .forms
        .as_ref()
        .map(|f| f.marriage.rulesets.as_slice())
        .unwrap_or_default();
    let certificate_rules = rules_with(data, Service::Permit, OutcomeKind::Required)
        .into_iter()
        .filter(|(rs, _)| rulesets.contains(&rs.id));
    for (rs, rule) in certificate_rules {
        for line in cited(data, rs, &rule.materials) {
            if !checklist.contains(&line) {
                checklist.push(line);
            }
        }
        for line in cited(data, rs, &rule.next_steps) {
            if !notes.contains(&line) {
                notes.push(line);
            }
        }
        if let Some(b) = basis_line(data, rs)
            && !basis.contains(&b)
        {
            basis.push(b);
        }
    }
    let child_line = child_line(data, answers, identity);
    FilledForm {
        id: FormId::Marriage,
        title: FormId::Marriage.title(),
        sections: vec![Section {
            heading: "申请人情况".into(),
            rows: vec![
                APPLICANT.row("姓名", Msg::FormBoxName, some(&a.name), true),
                APPLICANT.row(
                    "性别",
                    Msg::FormBoxSex,
                    sex_of(a, data, answers, Some("applicant_sex")),
                    true,
                ),
                APPLICANT.row(
                    "出生日期",
                    Msg::FormBoxBirthDate,
                    birth_of(a, data, answers, Some("applicant_birth_date")),
                    true,
                ),
                APPLICANT.row(
                    "公民身份号码",
                    Msg::FormBoxIdNumber,
                    some(&a.id_number),
                    true,
                ),
                APPLICANT.row(
                    "户籍地址",
                    Msg::FormBoxHukouAddress,
                    some(&identity.hukou_address),
                    true,
                ),
                APPLICANT.row(
                    "婚姻状况",
                    Msg::FormBoxMaritalStatus,
                    some(&a.marital_status),
                    true,
                ),
                APPLICANT.row("外出范围", Msg::FormBoxMoveScope, f("move_scope"), false),
                APPLICANT.row("外出事由", Msg::FormBoxMovePurpose, f("move_purpose"), true),
                APPLICANT.row(
                    "预计在外居住时间",
                    Msg::FormBoxPlannedStay,
                    f("planned_stay_days"),
                    true,
                ),
                APPLICANT.row(
                    "拟居住地址",
                    Msg::FormBoxIntendedAddress,
                    some(&identity.residence_address),
                    false,
                ),
                APPLICANT.row("子女情况", Msg::FormBoxChildren, child_line, false),
                APPLICANT.row("联系电话", Msg::FormBoxPhone, some(&a.phone), true),
            ],
        }],
        letter: Vec::new(),
        checklist_title: "办理所需材料".into(),
        checklist,
        notes,
        basis,
    }
}

fn guardianship(data: &PolicyData, answers: &Answers, identity: &Identity) -> FilledForm {
    let a = &identity.applicant;
    let c = &identity.child;
    let blank = |s: &str, width: usize| some(s).unwrap_or_else(|| "_".repeat(width));
    let relation = some(&a.relation).unwrap_or_else(|| "父(母)".into());
    let birth = birth_of(c, data, answers, Some("child_birth_date"))
        .unwrap_or_else(|| "____年__月__日".into());
    let mut basis = Vec::new();
    let mut clause = String::new();
    let config = data.forms.as_ref().map(|f| &f.guardianship);
    if let Some((config, rs)) = config.and_then(|c| data.ruleset(&c.ruleset).map(|rs| (c, rs))) {
        basis.extend(basis_line(data, rs));
        clause = cite(data, rs, &config.clause);
    }
    FilledForm {
        id: FormId::Guardianship,
        title: FormId::Guardianship.title(),
        sections: vec![Section {
            heading: "申请人和学生".into(),
            rows: vec![
                APPLICANT.row("申请人姓名", Msg::FormBoxName, some(&a.name), true),
                APPLICANT.row(
                    "申请人公民身份号码",
                    Msg::FormBoxIdNumber,
                    some(&a.id_number),
                    true,
                ),
                CHILD.row("学生姓名", Msg::FormBoxName, some(&c.name), true),
                CHILD.row(
                    "学生公民身份号码",
                    Msg::FormBoxIdNumber,
                    some(&c.id_number),
                    true,
                ),
                HOUSEHOLD.row(
                    "户籍地址",
                    Msg::FormBoxHukouAddress,
                    some(&identity.hukou_address),
                    true,
                ),
                HOUSEHOLD.row(
                    "户籍所在地乡镇(街道)",
                    Msg::FormBoxHukouTownship,
                    some(&identity.hukou_township),
                    true,
                ),
                APPLICANT.row("联系电话", Msg::FormBoxPhone, some(&a.phone), true),
            ],
        }],
        letter: vec![
            format!("{}人民政府(办事处):", blank(&identity.hukou_township, 16)),
            format!(
                "申请人{}(公民身份号码{}),系学生{}(出生日期{},公民身份号码{})的{}。我家户籍地址为{},现居住于{}。",
                blank(&a.name, 8),
                blank(&a.id_number, 18),
                blank(&c.name, 8),
                birth,
                blank(&c.id_number, 18),
                relation,
                blank(&identity.hukou_address, 20),
                blank(&identity.residence_address, 20),
            ),
            format!(
                "孩子在户籍所在地没有监护条件,随父母在现居住地生活,需要在当地接受义务教育。根据{clause}第1项,入学时须提供“流出地乡镇(街道)政府出具的在户籍所在地没有监护条件的证明”。特此申请贵单位出具该证明。"
            ),
            "此致".into(),
            format!(
                "申请人:{}      联系电话:{}      日期:____年__月__日",
                blank(&a.name, 8),
                blank(&a.phone, 11)
            ),
        ],
        checklist_title: "出具证明(由乡镇人民政府或街道办事处填写)".into(),
        checklist: vec![CitedLine {
            text: "经核实,该学生在户籍所在地没有监护条件。(盖章)          年   月   日".into(),
            cite: clause.clone(),
        }],
        notes: Vec::new(),
        basis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::answers::FactValue;

    fn household() -> (PolicyData, Answers, Identity) {
        let data = crate::portal::embedded::policy_data().unwrap();
        let mut a = Answers::new();
        a.place = Some("lucheng".into());
        a.date = Some(Date::parse("2014-06-01").unwrap());
        for (k, v) in [
            ("child_birth_date", FactValue::Text("2007-03-15".into())),
            ("parent_permit", FactValue::Text("residence_permit".into())),
            ("residence_here_since", FactValue::Text("2012-03".into())),
            ("insurance_months_here", FactValue::Number(14)),
            ("work_kind", FactValue::Text("employee".into())),
            ("fixed_residence", FactValue::Bool(true)),
        ] {
            a.facts.insert(k.into(), v);
        }
        let mut id = Identity::new();
        id.child.name = "王小明".into();
        id.applicant.name = "王建国".into();
        id.hukou_township = "安徽省阜阳市太和县旧县镇".into();
        (data, a, id)
    }

    #[test]
    fn the_enrolment_form_is_filled_from_answers_and_identity() {
        let (data, a, id) = household();
        let form = fill(
            FormId::Enrolment,
            &data,
            &a,
            &id,
            Date::parse("2026-11-22").unwrap(),
        );
        let value = |label: &str| {
            form.sections
                .iter()
                .flat_map(|s| &s.rows)
                .find(|r| r.label == label)
                .and_then(|r| r.value.clone())
        };
        assert_eq!(value("学生姓名").as_deref(), Some("王小明"));
        assert_eq!(value("出生日期").as_deref(), Some("2007年3月15日"));
        assert_eq!(
            value("在鹿城缴纳社会保险费时间").as_deref(),
            Some("1年2个月")
        );
        assert_eq!(value("在鹿城居住起始年月").as_deref(), Some("2012年3月"));
        assert_eq!(form.checklist.len(), 4, "附件6 第三条 lists four materials");
        assert!(
            form.checklist
                .iter()
                .all(|c| c.cite.starts_with("温鹿政办〔2013〕164号"))
        );
        assert!(form.missing().iter().any(|r| r.label == "公民身份号码"));
        assert!(form.basis[0].contains("已废止"));
    }

    /// The empty boxes of a form as (owner, label), in the order of the paper.
    fn empty_boxes(form: &FilledForm) -> Vec<(Whose, &'static str)> {
        form.missing().iter().map(|r| (r.whose, r.label)).collect()
    }

    #[test]
    fn the_two_empty_id_number_boxes_of_the_enrolment_form_are_the_childs_and_the_applicants() {
        let (data, a, id) = household();
        let form = fill(
            FormId::Enrolment,
            &data,
            &a,
            &id,
            Date::parse("2026-11-22").unwrap(),
        );
        let empty = empty_boxes(&form);
        // Printed twice as 「公民身份号码」, in sections 一 and 二: the child's, then the applicant's.
        let id_boxes: Vec<Whose> = empty
            .iter()
            .filter(|(_, label)| *label == "公民身份号码")
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(id_boxes, [Whose::Child, Whose::Applicant]);
        assert!(empty.contains(&(Whose::Child, "性别")));
        assert!(empty.contains(&(Whose::Applicant, "联系电话")));
        // The names were typed, so neither name box is listed; the other parent is optional.
        assert!(!empty.iter().any(|(_, l)| *l == "学生姓名" || *l == "姓名"));
        assert!(!empty.iter().any(|(w, _)| *w == Whose::OtherParent));
    }

    #[test]
    fn an_empty_box_is_named_with_its_owner_and_its_printed_label_beside() {
        let data = crate::portal::embedded::policy_data().unwrap();
        let form = fill(
            FormId::Enrolment,
            &data,
            &Answers::new(),
            &Identity::new(),
            Date::parse("2026-11-22").unwrap(),
        );
        let named = |lang: Lang| -> Vec<(String, Option<&str>)> {
            form.missing().iter().map(|r| r.screen_name(lang)).collect()
        };
        let en = named(Lang::En);
        assert_eq!(en[0], ("Child's name".to_string(), Some("学生姓名")));
        assert!(en.contains(&("Child's citizen ID number".into(), Some("公民身份号码"))));
        assert!(en.contains(&("Applicant's citizen ID number".into(), Some("公民身份号码"))));
        assert!(en.contains(&("Applicant's name".into(), Some("姓名"))));
        let hant = named(Lang::ZhHant);
        assert!(hant.contains(&("申請人的公民身份號碼".into(), Some("公民身份号码"))));
        // In Simplified Chinese the label is shown beside only where the name differs from it.
        let hans = named(Lang::Zh);
        assert_eq!(hans[0], ("孩子的姓名".to_string(), Some("学生姓名")));
        assert!(hans.contains(&("申请人的公民身份号码".into(), None)));
    }

    #[test]
    fn no_two_empty_boxes_of_a_form_read_alike_in_any_language() {
        let data = crate::portal::embedded::policy_data().unwrap();
        for f in FormId::ALL {
            let form = fill(
                f,
                &data,
                &Answers::new(),
                &Identity::new(),
                Date::parse("2026-11-22").unwrap(),
            );
            for lang in [Lang::Zh, Lang::ZhHant, Lang::En] {
                let mut names: Vec<String> = form
                    .missing()
                    .iter()
                    .map(|r| r.screen_name(lang).0)
                    .collect();
                let count = names.len();
                names.sort();
                names.dedup();
                assert_eq!(names.len(), count, "{f:?} in {lang:?}: {names:?}");
                assert!(names.iter().all(|n| !n.contains('{')), "{f:?}: {names:?}");
            }
        }
    }

    #[test]
    fn the_guardianship_letters_boxes_belong_to_the_applicant_the_child_and_the_household() {
        let data = crate::portal::embedded::policy_data().unwrap();
        let form = fill(
            FormId::Guardianship,
            &data,
            &Answers::new(),
            &Identity::new(),
            Date::parse("2026-11-22").unwrap(),
        );
        assert_eq!(
            empty_boxes(&form),
            [
                (Whose::Applicant, "申请人姓名"),
                (Whose::Applicant, "申请人公民身份号码"),
                (Whose::Child, "学生姓名"),
                (Whose::Child, "学生公民身份号码"),
                (Whose::Household, "户籍地址"),
                (Whose::Household, "户籍所在地乡镇(街道)"),
                (Whose::Applicant, "联系电话"),
            ]
        );
    }

    #[test]
    fn the_residence_and_marriage_forms_are_the_applicants_own() {
        let data = crate::portal::embedded::policy_data().unwrap();
        for f in [FormId::Residence, FormId::Marriage] {
            let form = fill(
                f,
                &data,
                &Answers::new(),
                &Identity::new(),
                Date::parse("2026-11-22").unwrap(),
            );
            let empty = empty_boxes(&form);
            assert!(empty.contains(&(Whose::Applicant, "公民身份号码")), "{f:?}");
            assert!(empty.iter().all(|(w, _)| *w == Whose::Applicant), "{f:?}");
        }
    }

    #[test]
    fn every_form_fills_without_answers_and_lists_what_is_missing() {
        let data = crate::portal::embedded::policy_data().unwrap();
        for f in FormId::ALL {
            let form = fill(
                f,
                &data,
                &Answers::new(),
                &Identity::new(),
                Date::parse("2026-11-22").unwrap(),
            );
            assert!(!form.missing().is_empty(), "{f:?}");
            assert!(!form.basis.is_empty(), "{f:?} names its basis");
            assert_eq!(FormId::from_id(f.id()), Some(f));
        }
    }

    #[test]
    fn the_marriage_form_prints_both_deadlines_with_their_sources() {
        let (data, a, id) = household();
        let form = fill(
            FormId::Marriage,
            &data,
            &a,
            &id,
            Date::parse("2026-11-22").unwrap(),
        );
        assert!(!form.checklist.is_empty());
        let notes: Vec<&str> = form.notes.iter().map(|n| n.text.as_str()).collect();
        assert!(notes.iter().any(|n| n.contains("15")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("30")), "{notes:?}");
    }

    #[test]
    fn the_guardianship_letter_names_the_township_and_the_clause() {
        let (data, a, id) = household();
        let form = fill(
            FormId::Guardianship,
            &data,
            &a,
            &id,
            Date::parse("2026-11-22").unwrap(),
        );
        assert!(form.letter[0].starts_with("安徽省阜阳市太和县旧县镇"));
        assert!(
            form.letter
                .iter()
                .any(|p| p.contains("温鹿政办〔2013〕164号 附件6 第三条"))
        );
    }
}
