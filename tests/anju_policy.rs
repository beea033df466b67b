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

/// A fresh empty folder under the system's temporary folder.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "anju-policy-{name}-{}-{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp");
    dir
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
fn copy_with(folder: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let dir = temp("data").join("policy-data");
    copy_dir(&root().join(folder), &dir);
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    dir
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
    assert_eq!(
        problems,
        [
            format!(
                "  {shown}/school/lucheng-2013.toml:7: ruleset lucheng-school-2013 › place: no place 'lucheg' (did you mean 'lucheng'?)"
            ),
            format!(
                "  {shown}/school/lucheng-2013.toml:36: ruleset lucheng-school-2013 › conditions.parent_conditions › all, item 4: no fact 'insurance_month_here' in facts/*.toml (did you mean 'insurance_months_here'?)"
            ),
            format!(
                "  {shown}/school/lucheng-2013.toml:100: ruleset lucheng-school-2013 › decision enrolment › rule priority › when › all, item 1: no named condition 'parent_condition' in [conditions] of this rule set (did you mean 'parent_conditions'?)"
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
