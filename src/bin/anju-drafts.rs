//! The explorer's 'check a draft' page in the browser: only starts its program (see
//! `anju::ui::families`).
fn main() {
    anju::ui::run(anju::ui::families::drafts::PROGRAM);
}
