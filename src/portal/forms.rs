//! Printable application forms, filled from the eligibility answers and the identity details.
//! Plain data, tested natively; `pages::form` lays it out as the office's A4 paper form.
//!
//! Printed forms stay in Chinese, in every interface language: they are handed to a Chinese
//! office. Their labels therefore live here, as the content of the paper, not in the locale
//! files of the interface.

use crate::engine::answers::{Answers, Value, read_value};
use crate::engine::date::Date;
use crate::engine::eval::Evaluation;
use crate::engine::model::{Cited, FactKind, OutcomeKind, PolicyData, Rule, Ruleset, Service};
use crate::engine::report::cite;
use crate::portal::identity::{Identity, Person};

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

/// One box of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The box's label as printed (学生姓名).
    pub label: &'static str,
    /// None prints an empty box.
    pub value: Option<String>,
    /// A box the office needs filled; listed on screen when empty.
    pub required: bool,
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
    /// Labels of required boxes that will print empty.
    pub fn missing(&self) -> Vec<&'static str> {
        self.sections
            .iter()
            .flat_map(|s| &s.rows)
            .filter(|r| r.required && r.value.is_none())
            .map(|r| r.label)
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

fn row(label: &'static str, value: Option<String>, required: bool) -> Row {
    Row {
        label,
        value,
        required,
    }
}

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

fn person_rows(p: &Person, with_relation: bool, required: bool) -> Vec<Row> {
    let mut rows = vec![row("姓名", some(&p.name), required)];
    if with_relation {
        rows.push(row("与学生关系", some(&p.relation), required));
    }
    rows.extend([
        row("公民身份号码", some(&p.id_number), required),
        row("联系电话", some(&p.phone), required),
        row("工作单位", some(&p.employer), false),
    ]);
    rows
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
                    row("学生姓名", some(&child.name), true),
                    row("性别", sex_of(child, data, answers, None), true),
                    row(
                        "出生日期",
                        birth_of(child, data, answers, Some("child_birth_date")),
                        true,
                    ),
                    row("公民身份号码", some(&child.id_number), true),
                    row("民族", some(&child.ethnicity), false),
                    row("户籍所在地", some(&identity.hukou_address), true),
                    row("现居住地址", some(&identity.residence_address), true),
                    row("处于义务教育阶段", f("child_in_compulsory_stage"), false),
                    row(
                        "户籍所在地有无监护条件",
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
                rows: person_rows(&identity.applicant, true, true),
            },
            Section {
                heading: "三、父母另一方".into(),
                rows: person_rows(&identity.other_parent, true, false),
            },
            Section {
                heading: heading("四、居住和工作情况", config.map(|c| &c.conditions_clause)),
                rows: vec![
                    row("持有的居住证件", f("parent_permit"), true),
                    row("临时居住证有效期", f("temporary_permit_term"), false),
                    row("在鹿城居住起始年月", f("residence_here_since"), true),
                    row("有相对固定居所(含租赁)", f("fixed_residence"), true),
                    row("工作方式", f("work_kind"), true),
                    row("劳动合同期限", f("labour_contract_term"), false),
                    row("在鹿城缴纳社会保险费时间", f("insurance_months_here"), true),
                ],
            },
            Section {
                heading: heading("五、优先安排条件", config.map(|c| &c.priority_clause)),
                rows: vec![
                    row(
                        "持本年度经查验的《流动人口婚育证明》",
                        f("marriage_certificate_checked"),
                        false,
                    ),
                    row("已缴纳基本养老保险时间", f("pension_months_total"), false),
                    row(
                        "上级文件明确规定优先照顾",
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
                    row("姓名", some(&a.name), true),
                    row(
                        "性别",
                        sex_of(a, data, answers, Some("applicant_sex")),
                        true,
                    ),
                    row("民族", some(&a.ethnicity), true),
                    row(
                        "出生日期",
                        birth_of(a, data, answers, Some("applicant_birth_date")),
                        true,
                    ),
                    row("公民身份号码", some(&a.id_number), true),
                    row(
                        "户籍地址(常住户口所在地住址)",
                        some(&identity.hukou_address),
                        true,
                    ),
                    row("居住地址", some(&identity.residence_address), true),
                    row("政治面貌", some(&a.political_status), false),
                    row("婚姻状况", some(&a.marital_status), false),
                    row("联系电话", some(&a.phone), true),
                ],
            },
            Section {
                heading: "二、就业、社保和居住情况".into(),
                rows: vec![
                    row("劳动就业(工作方式)", f("work_kind"), true),
                    row("工作单位", some(&a.employer), false),
                    row("劳动合同期限", f("labour_contract_term"), false),
                    row(
                        "社会保障(在本地缴纳社会保险时间)",
                        f("insurance_months_here"),
                        false,
                    ),
                    row("在本地居住起始年月", f("residence_here_since"), true),
                    row(
                        "租住房屋(住所情况)",
                        f("lodging_kind").or_else(|| f("has_lease")),
                        false,
                    ),
                    row(
                        "计划生育(持有婚育证明)",
                        f("marriage_certificate_checked"),
                        false,
                    ),
                    row("预防保健", None, false),
                    row("随同的未满16周岁人员", child_line, false),
                ],
            },
            Section {
                heading: "三、申领".into(),
                rows: vec![row("申领证件", applied_for, false)],
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
                row("姓名", some(&a.name), true),
                row(
                    "性别",
                    sex_of(a, data, answers, Some("applicant_sex")),
                    true,
                ),
                row(
                    "出生日期",
                    birth_of(a, data, answers, Some("applicant_birth_date")),
                    true,
                ),
                row("公民身份号码", some(&a.id_number), true),
                row("户籍地址", some(&identity.hukou_address), true),
                row("婚姻状况", some(&a.marital_status), true),
                row("外出范围", f("move_scope"), false),
                row("外出事由", f("move_purpose"), true),
                row("预计在外居住时间", f("planned_stay_days"), true),
                row("拟居住地址", some(&identity.residence_address), false),
                row("子女情况", child_line, false),
                row("联系电话", some(&a.phone), true),
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
                row("申请人姓名", some(&a.name), true),
                row("申请人公民身份号码", some(&a.id_number), true),
                row("学生姓名", some(&c.name), true),
                row("学生公民身份号码", some(&c.id_number), true),
                row("户籍地址", some(&identity.hukou_address), true),
                row("户籍所在地乡镇(街道)", some(&identity.hukou_township), true),
                row("联系电话", some(&a.phone), true),
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
        assert!(form.missing().contains(&"公民身份号码"));
        assert!(form.basis[0].contains("已废止"));
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
