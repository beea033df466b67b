//! The rules explorer in the browser: only starts its program (see `anju::ui::families`).
fn main() {
    anju::ui::run(anju::ui::families::explorer::PROGRAM);
}
