//! The place bundle read in the browser: a WebAssembly module of its own (built as a cdylib
//! example of `engine-wasm/` and bound with `wasm-bindgen --target web`) whose one export reads
//! a bundle with `anju::engine::bundle::read_place`, the function the portal calls on the bytes
//! it downloaded (`src/ui/site.rs` `load_place`). `families.mjs decode` loads it in Chromium
//! and times the calls with `performance.now()`, with and without CPU throttling.

use anju::engine::bundle::read_place;
use wasm_bindgen::prelude::*;

/// Reads the place bundle `bytes` of `place` `times` times (at least once) and returns the
/// number of rule sets of the last read, or -1 if it cannot be read (so the caller knows the
/// bytes were the right ones).
#[wasm_bindgen]
pub fn read_place_times(bytes: &[u8], place: &str, times: u32) -> i32 {
    let mut found = -1;
    for _ in 0..times.max(1) {
        found = match read_place(std::hint::black_box(bytes), place) {
            Ok((data, _)) => std::hint::black_box(data.rulesets.len()) as i32,
            Err(_) => -1,
        };
    }
    found
}
