//! The engine in the browser: evaluates every service for each bench household (the same files
//! as `anju-bench`) many times in Chromium and prints the median time of one evaluation,
//! measured in the page with `performance.now()`.
//!
//! Run by `node tests/bench/engine.mjs`, which builds it with the release profile and runs it
//! with `wasm-bindgen-test-runner` in headless Chromium. A report, not a test: it fails only if
//! the data or a household cannot be read.
//!
//! Chromium coarsens `performance.now()` (to 100 µs in a page that is not cross-origin
//! isolated), so each sample times a batch of evaluations lasting about 5 ms and is divided by
//! the batch size; the median is taken over the samples.

#![cfg(target_arch = "wasm32")]

use anju::engine::cases::DEFAULT_TODAY;
use anju::engine::{Answers, Date, PolicyData};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Samples per household.
const SAMPLES: usize = 101;
/// How long one sample lasts, in milliseconds.
const SAMPLE_MS: f64 = 5.0;
/// How long to run before measuring, in milliseconds.
const WARM_UP_MS: f64 = 1000.0;

fn evaluate(data: &PolicyData, answers: &Answers, today: Date) -> usize {
    match data.evaluate(std::hint::black_box(answers), today) {
        Ok(eval) => std::hint::black_box(eval.services.len()),
        Err(_) => 0,
    }
}

/// Median, 95th percentile and minimum (sorts `times`).
fn figures(times: &mut [f64]) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), times[0])
}

#[wasm_bindgen_test]
fn engine_in_the_browser() {
    let data = anju::portal::embedded::policy_data().expect("the embedded policy data");
    let households = anju_engine_wasm_bench::households(&data).expect("the bench households");
    let today = Date::parse(DEFAULT_TODAY).expect("DEFAULT_TODAY");
    console_log!(
        "ENGINE-WASM households {} samples {SAMPLES} sample_ms {SAMPLE_MS} warm_up_ms {WARM_UP_MS}",
        households.len()
    );
    // Warm up: the browser compiles the module first with its baseline compiler and only later
    // with the optimising one.
    let start = performance_now();
    while performance_now() - start < WARM_UP_MS {
        for (_, answers) in &households {
            evaluate(&data, answers, today);
        }
    }
    let mut all = Vec::new();
    for (name, answers) in &households {
        // How many evaluations fill a sample.
        let start = performance_now();
        let mut n = 0usize;
        while performance_now() - start < SAMPLE_MS || n < 3 {
            evaluate(&data, answers, today);
            n += 1;
        }
        let batch = n.max(1);
        let mut times = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            let start = performance_now();
            for _ in 0..batch {
                evaluate(&data, answers, today);
            }
            times.push((performance_now() - start) * 1000.0 / batch as f64);
        }
        let (median, p95, min) = figures(&mut times);
        console_log!(
            "ENGINE-WASM household {name} batch {batch} median_us {median:.1} p95_us {p95:.1} min_us {min:.1}"
        );
        all.extend(times);
    }
    let (median, p95, min) = figures(&mut all);
    console_log!("ENGINE-WASM all median_us {median:.1} p95_us {p95:.1} min_us {min:.1}");
}
