//! A counter: the least a Leptos CSR app can be, for comparing sizes with the portal.

use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Counter"</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>"+1"</button>
            <p>"Count: " {count}</p>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}
