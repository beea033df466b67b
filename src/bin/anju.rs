//! The portal's entry point in the browser: only mounts the app.
fn main() {
    anju::ui::mount();
}
