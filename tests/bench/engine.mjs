// Engine speed: evaluating every service for one household, natively and in the browser.
//
//   node tests/bench/engine.mjs            (from the repository root, after `source .ci/setup`)
//
// 1. Native: `cargo run --release --bin anju-bench` (src/bin/anju-bench.rs).
// 2. Browser: the wasm-bindgen-test bench tests/bench/engine_wasm.rs (its own small crate in
//    tests/bench/engine-wasm/, so the portal's Cargo.toml carries no test-only dependency),
//    built with the portal's release profile and run by wasm-bindgen-test-runner in headless
//    Chromium through Debian's chromedriver; it times evaluations with performance.now().
//
// Both read the households in tests/fixtures/*.json and tests/bench/households/*.json. Prints
// the medians; the target is under 1 ms in the browser. A report: exits 0 whatever the figures
// (1 only when something could not be built or run).

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TARGET_US = 1000;

function fail(message) {
  console.error(`engine.mjs: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
    ...options,
    env: { ...process.env, ...(options.env ?? {}) },
  });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? "");
    process.stderr.write(r.stderr ?? "");
    fail(`${cmd} ${args.join(" ")} exited with ${r.status}`);
  }
  return r.stdout;
}

function which(tool) {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).status === 0;
}

// ---- native
console.log("== engine, native: cargo run --release --bin anju-bench");
const native = run("cargo", ["run", "-q", "--release", "--bin", "anju-bench"], {
  stdio: ["ignore", "pipe", "inherit"],
});
process.stdout.write(native);
const nativeMedian = Number(/native median ([\d.]+) µs/.exec(native)?.[1]);

// ---- browser
console.log("\n== engine, in Chromium: wasm-bindgen-test (tests/bench/engine_wasm.rs)");
for (const tool of ["wasm-bindgen-test-runner", "chromedriver"]) {
  if (!which(tool)) fail(`${tool} is not on PATH: run \`source .ci/setup\` first`);
}
const chromedriver = process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver";
if (!existsSync(chromedriver)) fail(`no chromedriver at ${chromedriver} (apt-get install chromium-driver)`);
const browser = run(
  "cargo",
  [
    "test",
    "--release",
    "--target",
    "wasm32-unknown-unknown",
    "--manifest-path",
    "tests/bench/engine-wasm/Cargo.toml",
    "--test",
    "engine_wasm",
    "--",
    "--nocapture",
  ],
  {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner",
      CHROMEDRIVER: chromedriver,
      // Under the portal's ignored target/, apart from its own builds.
      CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? join(ROOT, "target", "bench"),
      // The bench runs for about 5 s; the runner gives up after this many seconds.
      WASM_BINDGEN_TEST_TIMEOUT: "120",
    },
  },
);
const lines = browser.split("\n").filter((l) => l.startsWith("ENGINE-WASM"));
if (lines.length === 0) {
  process.stderr.write(browser);
  fail("the browser bench printed no figures");
}
for (const line of lines.filter((l) => !/ (household|all) /.test(l))) {
  console.log(line.replace("ENGINE-WASM ", ""));
}
console.log(
  `${"household".padEnd(28)} ${"batch".padStart(6)} ${"median µs".padStart(10)} ${"p95 µs".padStart(10)} ${"min µs".padStart(10)}`,
);
let browserMedian = NaN;
const row = (name, batch, f) =>
  console.log(
    `${name.padEnd(28)} ${batch.padStart(6)} ${f.median_us.toFixed(1).padStart(10)} ${f.p95_us.toFixed(1).padStart(10)} ${f.min_us.toFixed(1).padStart(10)}`,
  );
for (const line of lines) {
  const f = Object.fromEntries(
    [...line.matchAll(/(\w+) ([\d.]+)/g)].map((m) => [m[1], Number(m[2])]),
  );
  const household = /household (\S+)/.exec(line)?.[1];
  if (household) {
    row(household, String(f.batch), f);
  } else if (/ all /.test(line)) {
    browserMedian = f.median_us;
    row("all households", "", f);
  }
}

console.log("\n== engine summary (one household, all services)");
console.log(`native median   ${nativeMedian.toFixed(1)} µs`);
console.log(
  `browser median  ${browserMedian.toFixed(1)} µs  (target under ${TARGET_US} µs: ${browserMedian < TARGET_US ? "met" : "OVER TARGET"})`,
);
