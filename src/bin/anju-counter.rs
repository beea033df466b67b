//! Counter mode in the browser: only starts its program (see `anju::ui::families`).
fn main() {
    anju::ui::run(anju::ui::families::counter::PROGRAM);
}
