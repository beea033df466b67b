//! "Did you mean …": the known name nearest to a misspelt one, by edit distance.

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The known name nearest to `wrong`, when it is near enough to be a slip (a third of its
/// length, at least one edit, at most four); of two as near, the one that begins as `wrong` does
/// for longer (`annex6.art11` → `annex6.art1`, not `annex2.art11`).
pub fn nearest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).clamp(1, 4);
    known
        .into_iter()
        .filter(|k| *k != wrong)
        .map(|k| (distance(wrong, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, std::cmp::Reverse(common_start(wrong, k)), *k))
        .map(|(_, k)| k)
}

fn common_start(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// `" (did you mean 'x'?)"`, or nothing.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    nearest(wrong, known)
        .map(|k| format!(" (did you mean '{k}'?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_finds_its_name_and_a_stranger_finds_none() {
        let facts = ["insurance_months_here", "fixed_residence", "work_kind"];
        assert_eq!(
            nearest("insurance_month_here", facts),
            Some("insurance_months_here")
        );
        assert_eq!(nearest("fixed_residense", facts), Some("fixed_residence"));
        assert_eq!(nearest("wrok_kind", facts), Some("work_kind"));
        assert_eq!(nearest("marriage", facts), None);
        assert_eq!(
            did_you_mean(
                "annex6.art11",
                ["annex2.art11", "annex6.art1", "annex6.art2"]
            ),
            " (did you mean 'annex6.art1'?)"
        );
    }
}
