//! `anju-policy`, the maintainers' command, run as a maintainer runs it: on copies of the
//! fixture folder (tests/fixtures/policy-data-fixture, whose published text is in
//! tests/fixtures/sources) and of policy-data, with the sources folder named by ANJU_SOURCES.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

static COPIES: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty folder under the system's temporary folder, removed when dropped.
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for Temp {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

fn temp(name: &str) -> Temp {
    let dir = std::env::temp_dir().join(format!(
        "anju-policy-{name}-{}-{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp");
    Temp(dir)
}

/// A data folder copied into a fresh temporary folder (`<temp>/policy-data`), removed with it.
struct Copied {
    _base: Temp,
    dir: PathBuf,
}

impl std::ops::Deref for Copied {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.dir
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of `folder` (relative to the repository) inside a fresh temporary folder, as
/// `<temp>/policy-data`, with `edits` made (file, text, replacement).
fn copy_with(folder: &str, edits: &[(&str, &str, &str)]) -> Copied {
    let base = temp("data");
    let dir = base.join("policy-data");
    copy_dir(&root().join(folder), &dir);
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    Copied { _base: base, dir }
}

/// Runs `anju-policy ARGS` with ANJU_SOURCES set to `sources` (or unset); (exit code, stdout).
fn run(args: &[&str], sources: Option<&Path>, cwd: &Path) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_anju-policy"));
    cmd.args(args).current_dir(cwd);
    match sources {
        Some(s) => cmd.env("ANJU_SOURCES", s),
        None => cmd.env_remove("ANJU_SOURCES"),
    };
    let out = cmd.output().expect("run anju-policy");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn fixture_sources() -> PathBuf {
    root().join("tests/fixtures/sources")
}

#[test]
fn check_passes_on_the_fixture_with_its_sources_and_says_so_in_one_line() {
    let dir = copy_with("tests/fixtures/policy-data-fixture", &[]);
    let (code, out) = run(
        &["check", dir.to_str().unwrap()],
        Some(&fixture_sources()),
        root(),
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("no problems (1 rule sets, 1 documents, 2 clauses checked word for word, 2 policy cases pass)"),
        "{out}"
    );
}

#[test]
fn without_sources_check_names_once_the_documents_it_could_not_verify_and_passes() {
    // A copy in a folder with no ../shared beside it, and no ANJU_SOURCES.
    let dir = copy_with("tests/fixtures/policy-data-fixture", &[]);
    let (code, out) = run(&["check", dir.to_str().unwrap()], None, root());
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with(
        "note: could not check that the clauses of 1 document(s) are quoted word for word: no folder ../shared beside the repository and ANJU_SOURCES is not set.\n  Not checked: documents/fixture-doc.toml\n"
    ), "{out}");
    assert_eq!(out.matches("could not check").count(), 1, "{out}");
    // A folder named that does not exist says so, the same way.
    let (code, out) = run(
        &["check", dir.to_str().unwrap()],
        Some(Path::new("/no/such/folder")),
        root(),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ANJU_SOURCES names /no/such/folder, which is not a folder"),
        "{out}"
    );
}

#[test]
fn a_changed_character_is_shown_in_context_with_the_document_file_and_line() {
    let dir = copy_with(
        "tests/fixtures/policy-data-fixture",
        &[("documents/fixture-doc.toml", "最高60分", "最高80分")],
    );
    let (code, out) = run(
        &["check", dir.to_str().unwrap()],
        Some(&fixture_sources()),
        root(),
    );
    assert_eq!(code, 1, "{out}");
    let shown = dir.display().to_string();
    assert_eq!(
        out.trim_end(),
        format!(
            "{shown} has 1 problem(s):\n  {shown}/documents/fixture-doc.toml:25: document fixture-doc › clause art2 › text: character 19 of the quoted line differs from seeds/testville-2020-1.txt (line 8):\n      quoted: …住每满1年计10分,最高«8»0分;有登记备案的租赁合…\n      source: …住每满1年计10分,最高«6»0分;有登记备案的租赁合…"
        )
    );
}

#[test]
fn a_sources_folder_kept_beside_the_copy_as_shared_is_found_without_the_variable() {
    // <temp>/repo/policy-data and <temp>/shared/seeds/…: the layout of a checkout beside shared/.
    let base = temp("layout");
    let data = base.join("repo").join("policy-data");
    copy_dir(&root().join("tests/fixtures/policy-data-fixture"), &data);
    copy_dir(&fixture_sources(), &base.join("shared"));
    let text = std::fs::read_to_string(data.join("documents/fixture-doc.toml")).expect("read");
    std::fs::write(
        data.join("documents/fixture-doc.toml"),
        text.replacen("60分的", "6O分的", 1),
    )
    .expect("write");
    let (code, out) = run(&["check", "policy-data"], None, &base.join("repo"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("policy-data/documents/fixture-doc.toml:19: document fixture-doc › clause art1 › text: character 13 of the quoted line differs from seeds/testville-2020-1.txt (line 6)"), "{out}");
}

#[test]
fn check_prints_each_problem_with_its_line_and_a_suggestion_and_nothing_else() {
    let dir = copy_with(
        "policy-data",
        &[
            (
                "school/lucheng-2013.toml",
                "{ fact = \"insurance_months_here\", at_least = { years = 1 }, clause = \"annex6.art2\"",
                "{ fact = \"insurance_month_here\", at_least = { years = 1 }, clause = \"annex6.art2\"",
            ),
            (
                "school/lucheng-2013.toml",
                "place = \"lucheng\"",
                "place = \"lucheg\"",
            ),
            (
                "school/lucheng-2013.toml",
                "{ ref = \"parent_conditions\" }",
                "{ ref = \"parent_condition\" }",
            ),
        ],
    );
    let (code, out) = run(&["check", dir.to_str().unwrap()], None, root());
    assert_eq!(code, 1, "{out}");
    let shown = dir.display().to_string();
    let problems: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    // Each message names the line that holds the broken words (found here, so that an edit
    // elsewhere in the file does not break this test).
    let broken = std::fs::read_to_string(dir.join("school/lucheng-2013.toml")).expect("copy");
    let line_of = |words: &str| {
        1 + broken
            .lines()
            .position(|l| l.contains(words))
            .unwrap_or_else(|| panic!("no {words}"))
    };
    let (place, fact, named) = (
        line_of("place = \"lucheg\""),
        line_of("insurance_month_here\""),
        line_of("{ ref = \"parent_condition\" }"),
    );
    assert_eq!(
        problems,
        [
            format!(
                "  {shown}/school/lucheng-2013.toml:{place}: ruleset lucheng-school-2013 › place: no place 'lucheg' (did you mean 'lucheng'?)"
            ),
            format!(
                "  {shown}/school/lucheng-2013.toml:{fact}: ruleset lucheng-school-2013 › conditions.parent_conditions › all, item 4: no fact 'insurance_month_here' in facts/*.toml (did you mean 'insurance_months_here'?)"
            ),
            format!(
                "  {shown}/school/lucheng-2013.toml:{named}: ruleset lucheng-school-2013 › decision enrolment › rule priority › when › all, item 1: no named condition 'parent_condition' in [conditions] of this rule set (did you mean 'parent_conditions'?)"
            ),
        ],
        "{out}"
    );
    assert!(
        !out.contains("Compiling") && !out.contains("panicked"),
        "{out}"
    );
}

#[test]
fn a_list_written_as_one_string_says_to_write_a_list() {
    let dir = copy_with(
        "policy-data",
        &[(
            "permit/cases.toml",
            "absent = [\"shaoxing-permit-2016\", \"national-residence-permit-2016\"]",
            "absent = \"shaoxing-permit-2016\"",
        )],
    );
    let (code, out) = run(&["check", dir.to_str().unwrap()], None, root());
    assert_eq!(code, 1, "{out}");
    let shown = dir.display().to_string();
    let line = std::fs::read_to_string(dir.join("permit/cases.toml"))
        .expect("read")
        .lines()
        .position(|l| l == "absent = \"shaoxing-permit-2016\"")
        .expect("edited")
        + 1;
    assert!(out.contains(&format!(
        "  {shown}/permit/cases.toml:{line}: 'absent' takes a list, even of one: write absent = [\"shaoxing-permit-2016\"]\n      {line} | absent = \"shaoxing-permit-2016\""
    )), "{out}");
}

#[test]
fn a_failing_case_is_named_by_its_file_line_and_sentence() {
    let dir = copy_with(
        "tests/fixtures/policy-data-fixture",
        &[(
            "school/fixture-rules.toml",
            "at_least = 60",
            "at_least = 70",
        )],
    );
    let (code, out) = run(
        &["check", dir.to_str().unwrap()],
        Some(&fixture_sources()),
        root(),
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("/school/cases.toml:"), "{out}");
    assert!(out.contains(": case '"), "{out}");
}

/// The sources folder for the worked example: the fixture's texts (with the made-up 2017
/// notice), and the project's own where they are at hand, so that every document is checked.
fn example_sources() -> Temp {
    let dir = temp("sources");
    copy_dir(&fixture_sources(), &dir);
    let shared = root().join("..").join("shared");
    for sub in ["seeds", "sources"] {
        if shared.join(sub).is_dir() {
            copy_dir(&shared.join(sub), &dir.join(sub));
        }
    }
    dir
}

#[derive(serde::Deserialize)]
struct Edits {
    edit: Vec<Edit>,
}
#[derive(serde::Deserialize)]
struct Edit {
    from: String,
    to: String,
}

/// The worked example of policy-data/README.md, "Adding a new year's rules", end to end: a
/// made-up 2017 Lucheng notice replaces the 2013 enrolment rules from 2017-09-01 with two years
/// of insurance instead of one. Nothing of it enters the shipped policy-data.
#[test]
fn the_worked_new_year_example_runs_end_to_end_through_the_command() {
    let example = root().join("tests/fixtures/new-year-2017");
    let dir = copy_with("policy-data", &[]);
    let repo = dir.parent().expect("parent").to_path_buf();
    let sources = example_sources();
    // 1. The new notice: its text in seeds/ (of the sources folder), its document file.
    std::fs::copy(
        example.join("documents/lucheng-2017-88.toml"),
        dir.join("documents/lucheng-2017-88.toml"),
    )
    .expect("copy document");
    // 2. new-year: a copy of the 2013 rules from 2017-09-01, the 2013 rules ended that day.
    let (code, out) = run(
        &[
            "new-year",
            "school/lucheng-2013.toml",
            "--from",
            "2017-09-01",
            "--document",
            "lucheng-2017-88",
            "--file",
            "school/lucheng-school-2017.toml",
        ],
        Some(&*sources),
        &repo,
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.lines().take(3).collect::<Vec<_>>(),
        [
            "wrote school/lucheng-school-2017.toml: rule set lucheng-school-2017, from 2017-09-01, a copy of lucheng-school-2013",
            "ended school/lucheng-2013.toml: to = \"2017-09-01\", with a to_note naming what replaces it (reword it if you like)",
            "lucheng-school-2017 rests on document lucheng-2017-88; its 45 clause reference(s) still cite lucheng-2013-164 as 'lucheng-2013-164#…': point each one that the new document replaces at it",
        ],
        "{out}"
    );
    let old = std::fs::read_to_string(dir.join("school/lucheng-2013.toml")).expect("old");
    assert!(old.contains("from = \"2013-07-19\"\nto = \"2017-09-01\"\nto_note = { zh = \"自2017年9月1日起,由温鹿政办〔2017〕88号取代(规则集 lucheng-school-2017)。\", zh_hant = \"自2017年9月1日起,由温鹿政办〔2017〕88号取代(規則集 lucheng-school-2017)。\", en = \"Replaced from 2017-09-01 by 温鹿政办〔2017〕88号 (rule set lucheng-school-2017).\" }\n"), "{old}");
    let new_file = dir.join("school/lucheng-school-2017.toml");
    let new = std::fs::read_to_string(&new_file).expect("new");
    assert!(new.contains("id = \"lucheng-school-2017\"\nservice = \"school\"\nplace = \"lucheng\"\ndocument = \"lucheng-2017-88\"\nfrom = \"2017-09-01\"\n"), "{new}");
    assert!(
        !new.contains("clause = \"annex"),
        "every clause still cites the 2013 document"
    );
    // Right after new-year the data is valid, and check names the cases the change answers
    // otherwise: the two that expected the 2013 rules, repealed on a day the sources did not
    // give, to be of doubtful standing after 30 June 2016. The 2017 notice now says they stood
    // until 31 August 2017, so the maintainer replaces those two with cases of the new rules
    // (step 4).
    let (code, out) = run(&["check"], Some(&*sources), &repo);
    assert_ne!(code, 0, "{out}");
    let outdated = [
        "In 2024 the repealed 2013 Lucheng rules do not tell a family as settled that the child is eligible: they may no longer apply",
        "From 1 July 2016 a Lucheng family short of a year's insurance is not told as certain when the repealed rules would admit the child",
    ];
    let failing: Vec<&str> = out.lines().filter(|l| l.contains(": case '")).collect();
    assert_eq!(failing.len(), outdated.len(), "{out}");
    for name in outdated {
        assert!(out.contains(name), "{name} not named in:\n{out}");
    }
    let cases = dir.join("school/cases.toml");
    let mut kept = std::fs::read_to_string(&cases).expect("cases");
    for name in outdated {
        kept = without_case(&kept, name);
    }
    std::fs::write(&cases, kept).expect("write cases");
    // 3. The maintainer's edit: the title, and two years of insurance from the 2017 notice.
    let edits: Edits =
        toml::from_str(&std::fs::read_to_string(example.join("edit.toml")).expect("edits"))
            .expect("edit.toml");
    let mut text = new;
    for e in &edits.edit {
        assert!(text.contains(&e.from), "no {:?}", e.from);
        text = text.replacen(&e.from, &e.to, 1);
    }
    std::fs::write(&new_file, text).expect("write");
    // 4. The cases on both sides of the day.
    let mut all = std::fs::read_to_string(&cases).expect("cases");
    all += "\n";
    all += &std::fs::read_to_string(example.join("cases.toml")).expect("example cases");
    std::fs::write(&cases, all).expect("write cases");
    // 5. check: no problems, the new notice checked word for word.
    let (code, out) = run(&["check"], Some(&*sources), &repo);
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("lucheng-2017-88.toml"),
        "the 2017 notice is checked: {out}"
    );
    let summary = out.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("policy-data: no problems (28 rule sets, 12 documents,"),
        "{out}"
    );
    // 6. diff: what changed, in plain words.
    let (code, out) = run(
        &["diff", "lucheng-school-2013", "lucheng-school-2017"],
        None,
        &repo,
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.trim_end(),
        "lucheng-school-2013 → lucheng-school-2017
dates and document:
  changed: from 2013-07-19 until the day before 2017-09-01
         → from 2017-09-01, with no end
  changed: rests on document lucheng-2013-164
         → rests on document lucheng-2017-88
  changed: title 鹿城区新居民子女入学(2013年暂行办法)
         → title 鹿城区新居民子女入学(2017年调整)
conditions:
  changed: conditions.parent_conditions › insurance_months_here: 在鹿城区缴纳社会保险费1年(含)以上: insurance_months_here at least 1 year (温鹿政办〔2013〕164号 附件6 第二条)
         → conditions.parent_conditions › insurance_months_here: 在鹿城区缴纳社会保险费2年(含)以上: insurance_months_here at least 2 years (温鹿政办〔2017〕88号 第二条)
clause words:
  added: 温鹿政办〔2017〕88号 第二条: 第二条 新居民子女申请在我区接受义务教育的,其父母或法定监护人须在我区缴纳社会保险费2年(含)以上;其他条件仍按原办法第二条执行。"
    );
    // 7. coverage: the new rule set's rules no case reaches yet.
    let (code, out) = run(&["coverage"], None, &repo);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "  lucheng-school-2017 (6 of 8 rules untested):\n    school/lucheng-school-2017.toml:"
        ),
        "{out}"
    );
    // The shipped data is untouched.
    assert!(
        !root()
            .join("policy-data/school/lucheng-school-2017.toml")
            .exists()
    );
    assert!(
        !root()
            .join("policy-data/documents/lucheng-2017-88.toml")
            .exists()
    );
}

/// `cases` without the `[[case]]` named `name`.
fn without_case(cases: &str, name: &str) -> String {
    let at = cases
        .find(&format!("name = \"{name}\""))
        .unwrap_or_else(|| panic!("no case {name}"));
    let start = cases[..at].rfind("[[case]]").expect("its [[case]]");
    let end = cases[at..].find("[[case]]").map_or(cases.len(), |n| at + n);
    format!("{}{}", &cases[..start], &cases[end..])
}

#[test]
fn new_year_refuses_a_rule_set_that_already_ends_and_a_file_that_exists() {
    let dir = copy_with("policy-data", &[]);
    let repo = dir.parent().expect("parent").to_path_buf();
    let (code, out) = run(
        &[
            "new-year",
            "permit/lucheng-permit-2013.toml",
            "--from",
            "2017-09-01",
        ],
        None,
        &repo,
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("permit/lucheng-permit-2013.toml already ends (it has 'to')"),
        "{out}"
    );
    let (code, out) = run(
        &[
            "new-year",
            "school/lucheng-2013.toml",
            "--from",
            "2013-09-01",
            "--file",
            "school/haishu-school-2015.toml",
        ],
        None,
        &repo,
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("school/haishu-school-2015.toml exists already"),
        "{out}"
    );
    let (code, out) = run(&["new-year", "school/lucheng-2013.toml"], None, &repo);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("needs the old rule set's file and --from"),
        "{out}"
    );
}

#[test]
fn diff_of_a_rule_set_with_itself_has_no_differences_and_a_misspelt_id_is_suggested() {
    let dir = copy_with("tests/fixtures/policy-data-fixture", &[]);
    let d = dir.to_str().unwrap();
    let (code, out) = run(
        &[
            "diff",
            "testville-school-2020",
            "testville-school-2020",
            "--data",
            d,
        ],
        None,
        root(),
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.trim_end(),
        "testville-school-2020 → testville-school-2020\n  no differences"
    );
    let (code, out) = run(
        &[
            "diff",
            "testville-school-2020",
            "testvile-school-2020",
            "--data",
            d,
        ],
        None,
        root(),
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("no rule set 'testvile-school-2020' (did you mean 'testville-school-2020'?)"),
        "{out}"
    );
}

#[test]
fn coverage_names_each_rule_no_case_reaches_with_its_line() {
    // The fixture's two cases reach both its rules; without the second, 'otherwise' is untested.
    let text = std::fs::read_to_string(
        root().join("tests/fixtures/policy-data-fixture/school/cases.toml"),
    )
    .expect("cases");
    let second = text.rfind("[[case]]").expect("a second case");
    let dir = copy_with(
        "tests/fixtures/policy-data-fixture",
        &[("school/cases.toml", &text[second..], "")],
    );
    let d = dir.to_str().unwrap();
    let (code, out) = run(&["coverage", d], None, root());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(": 1 of 2 rules are the outcome of some policy case; 1 are not"),
        "{out}"
    );
    assert!(out.contains("  testville-school-2020 (1 of 2 rules untested):\n    school/fixture-rules.toml:26: enrolment/otherwise → not_eligible: "), "{out}");
    let full = copy_with("tests/fixtures/policy-data-fixture", &[]);
    let (_, out) = run(&["coverage", full.to_str().unwrap()], None, root());
    assert!(
        out.trim_end()
            .ends_with(": 2 of 2 rules are the outcome of some policy case; every rule is"),
        "{out}"
    );
}

#[test]
fn a_case_naming_a_rule_set_decision_rule_or_fact_that_does_not_exist_is_refused_with_a_suggestion()
{
    let dir = copy_with(
        "policy-data",
        &[
            (
                "permit/cases.toml",
                "absent = [\"shaoxing-permit-2016\", \"national-residence-permit-2016\"]",
                "absent = [\"shaoxing-permit-2061\", \"national-residence-permit-2016\"]",
            ),
            (
                "school/cases.toml",
                "decision = \"lucheng-school-2013/enrolment\"\noutcome = \"out_of_scope\"\nrule = \"too-young\"",
                "decision = \"lucheng-school-2013/enrolment\"\noutcome = \"out_of_scope\"\nrule = \"too-yuong\"",
            ),
        ],
    );
    let (code, out) = run(&["check", dir.to_str().unwrap()], None, root());
    assert_eq!(code, 1, "{out}");
    let shown = dir.display().to_string();
    let line_of = |file: &str, text: &str| {
        std::fs::read_to_string(dir.join(file))
            .expect("read")
            .lines()
            .position(|l| l.contains(text))
            .expect("edited")
            + 1
    };
    let absent = line_of("permit/cases.toml", "shaoxing-permit-2061");
    let rule = line_of("school/cases.toml", "too-yuong");
    assert!(
        out.contains(&format!("  {shown}/permit/cases.toml:{absent}: case '")),
        "{out}"
    );
    assert!(
        out.contains(
            " › absent: no rule set 'shaoxing-permit-2061' (did you mean 'shaoxing-permit-2016'?)"
        ),
        "{out}"
    );
    assert!(out.contains(&format!("  {shown}/school/cases.toml:{rule}: case 'A child of 5 is too young for Lucheng public school enrolment' › expect, item 1 › rule: decision 'lucheng-school-2013/enrolment' has no rule 'too-yuong' (did you mean 'too-young'?)")), "{out}");
    // A misspelt fact in a case is named with the nearest one when the case runs.
    let dir = copy_with(
        "tests/fixtures/policy-data-fixture",
        &[(
            "school/cases.toml",
            "months_in_testville = 48",
            "months_in_testvile = 48",
        )],
    );
    let (code, out) = run(
        &["check", dir.to_str().unwrap()],
        Some(&fixture_sources()),
        root(),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("months_in_testvile: no such question (did you mean 'months_in_testville'?)"),
        "{out}"
    );
}

#[test]
fn diff_names_papers_places_and_clause_words_that_change() {
    let (code, out) = run(
        &["diff", "haishu-school-2015", "shaoxing-school-2016"],
        None,
        root(),
    );
    assert_eq!(code, 0, "{out}");
    let sections: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        sections,
        [
            "haishu-school-2015 → shaoxing-school-2016",
            "dates and document:",
            "conditions:",
            "outcomes:",
            "papers, places and steps:",
            "clause words:"
        ]
    );
    assert!(out.contains("  removed: rule kindergarten › may-be-supported where to go: 海曙区教育局。 (海政办〔2015〕79号 三(十))"), "{out}");
    assert!(
        out.contains("  added: rule enrolment › may-enrol paper: 父母的居住证"),
        "{out}"
    );
    assert!(
        out.contains("  added: 绍政办发〔2016〕11号 三(八): "),
        "{out}"
    );
}
