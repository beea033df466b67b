// Lighthouse (mobile preset) on the release build: the start page, a question page (the start
// form's address, ?p=begin&…, which the journey turns into its first question) and a results
// page opened from a share link, served under /services/anju/ by
// tests/browser/static-server.mjs with the build's precompressed copies: as a server that has
// only the .gz copies, and as one that sends .br. Prints performance, LCP, FCP, TBT and the
// bytes transferred of each, against the targets:
//
//   start page                 performance >= 99
//   question and results page  gzip: performance >= 97, LCP <= 2.5 s
//                              brotli: performance 100, LCP <= 2.0 s (the aim)
//   every page                 accessibility 100, best practices 100
//
//   bash .ci/setup; (cd tests/bench && npm ci)   once
//   trunk build --release                        the site in dist/
//   node tests/bench/lighthouse.mjs [--gzip-only] [--brotli-only] [--plain] [--runs N]
//
// --plain adds the files as they are (no compression), for comparison. Each page is audited
// N times (default 3) and the run with the median performance score is reported: on a shared
// machine one run can be off by ten points (TBT counts whatever else the CPU was doing). Debian's
// Chromium (CHROME_PATH, default /usr/bin/chromium); lighthouse 12 (the 13.x line needs
// Node >= 22.19). JSON reports go to target/bench/lighthouse/. A report: exits 0 whatever the
// scores (1 only when it cannot run).

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_FLAGS } from "../browser/lib.mjs";
import { ROOT, server, shareFragment } from "./site.mjs";

const DIST = process.env.ANJU_DIST ?? join(ROOT, "dist");
const OUT = join(ROOT, "target", "bench", "lighthouse");
// The browser tests' flags (shared/TOOLCHAIN.md), in Chrome's headless mode.
const FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];
const CATEGORIES = ["performance", "accessibility", "best-practices"];

/** The marks a page should reach, served in `mode`. */
function targets(page, mode) {
  const t = { accessibility: 100, "best-practices": 100 };
  if (page === "start") return { ...t, performance: 99 };
  if (mode === "brotli") return { ...t, performance: 100, lcp: 2000 };
  if (mode === "gzip") return { ...t, performance: 97, lcp: 2500 };
  return t;
}

function fail(message) {
  console.error(`lighthouse.mjs: ${message}`);
  process.exit(1);
}

const audit = (lhr, id) => lhr.audits[id];
const num = (lhr, id) => audit(lhr, id)?.numericValue ?? NaN;

function lcpElement(lhr) {
  // 12.x: a list of tables; the first table's first item holds the node.
  const details = audit(lhr, "largest-contentful-paint-element")?.details;
  const items = details?.items?.[0]?.items ?? details?.items ?? [];
  const snippet = items[0]?.node?.snippet ?? items[0]?.node?.nodeLabel ?? "";
  return snippet.replace(/\s+/g, " ").slice(0, 90);
}

function report(name, url, lhr, want) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const lcp = num(lhr, "largest-contentful-paint");
  console.log(`\n== ${name}`);
  console.log(`url            ${url.length > 110 ? `${url.slice(0, 110)}…` : url}`);
  console.log(`final url      ${lhr.finalDisplayedUrl}`);
  if (lhr.runtimeError) console.log(`RUNTIME ERROR  ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  for (const id of CATEGORIES) {
    const s = score(id);
    const t = want[id];
    console.log(`${id.padEnd(15)}${String(s).padStart(4)}${t ? `  (target ${t}: ${s >= t ? "met" : "BELOW TARGET"})` : ""}`);
  }
  const lcpT = want.lcp ? `  (target ≤ ${(want.lcp / 1000).toFixed(1)} s: ${lcp <= want.lcp ? "met" : "OVER TARGET"})` : "";
  console.log(`LCP            ${(lcp / 1000).toFixed(2)} s${lcpT}`);
  console.log(`FCP            ${(num(lhr, "first-contentful-paint") / 1000).toFixed(2)} s`);
  console.log(`TBT            ${Math.round(num(lhr, "total-blocking-time"))} ms`);
  console.log(`byte weight    ${(num(lhr, "total-byte-weight") / 1000).toFixed(1)} kB transferred`);
  console.log(`LCP element    ${lcpElement(lhr)}`);
  // What kept a category from 100, so the figure can be acted on.
  for (const id of CATEGORIES) {
    const failing = (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
      .map((a) => `${a.id} (${Math.round(a.score * 100)})`);
    if (failing.length) console.log(`${id} below 100: ${failing.join(", ")}`);
  }
  const missed = CATEGORIES.filter((id) => want[id] && score(id) < want[id]).length + (want.lcp && !(lcp <= want.lcp) ? 1 : 0);
  return {
    name,
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    lcp,
    tbt: num(lhr, "total-blocking-time"),
    bytes: num(lhr, "total-byte-weight"),
    missed,
  };
}

// ---- main

let lighthouse, chromeLauncher;
try {
  lighthouse = (await import("lighthouse")).default;
  chromeLauncher = await import("chrome-launcher");
} catch (e) {
  fail(`lighthouse is not installed: run \`(cd tests/bench && npm ci)\` first (${e.message})`);
}

const argv = process.argv.slice(2);
const runsAt = argv.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(argv.splice(runsAt, 2)[1]) : 3;
if (!(RUNS >= 1)) fail("--runs needs a number");
const args = new Set(argv);
for (const a of args) if (!["--gzip-only", "--brotli-only", "--plain"].includes(a)) fail(`unknown argument ${a}`);
const modes = args.has("--gzip-only") ? ["gzip"] : args.has("--brotli-only") ? ["brotli"] : ["gzip", "brotli"];
if (args.has("--plain")) modes.push("plain");
if (!existsSync(join(DIST, "index.html"))) fail(`no ${DIST}/index.html: run \`trunk build --release\` first`);
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromePath)) fail(`no Chromium at ${chromePath} (apt-get install chromium)`);

const fragment = shareFragment();
mkdirSync(OUT, { recursive: true });
const PAGES = [
  ["start", "start page", ""],
  ["question", "question page (begin)", "?p=begin&place=lucheng&what=school&when=today"],
  ["results", "results page (share link)", `?p=results#${fragment}`],
];

const userDataDir = mkdtempSync(join(tmpdir(), "anju-lighthouse-"));
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS, userDataDir });
const rows = [];
try {
  for (const mode of modes) {
    const site = await server(DIST, mode);
    try {
      for (const [id, page, path] of PAGES) {
        const url = site.url + path;
        const runs = [];
        for (let i = 0; i < RUNS; i++) {
          const result = await lighthouse(url, {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: CATEGORIES,
            formFactor: "mobile",
          });
          if (!result?.lhr) fail(`no result for ${url}`);
          runs.push(result);
        }
        const perf = (r) => r.lhr.categories.performance?.score ?? 0;
        const sorted = [...runs].sort((a, b) => perf(a) - perf(b));
        const result = sorted[Math.floor((sorted.length - 1) / 2)];
        writeFileSync(join(OUT, `${id}-${mode}.json`), result.report);
        const name = `${page}, served ${mode}`;
        rows.push(report(name, url, result.lhr, targets(id, mode)));
        if (RUNS > 1) console.log(`performance of the ${RUNS} runs: ${runs.map((r) => Math.round(perf(r) * 100)).join(", ")} (the median run is shown)`);
        if (id === "results" && !/[?&]p=results\b/.test(result.lhr.finalDisplayedUrl)) {
          console.log("WARNING: the share link was not accepted: the page did not stay on the results");
        }
        if (id === "question" && !/[?&]p=q\//.test(result.lhr.finalDisplayedUrl)) {
          console.log("WARNING: the journey did not reach a question");
        }
      }
    } finally {
      site.close();
    }
  }
} finally {
  await chrome.kill();
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log(`\n== lighthouse summary (mobile preset, simulated throttling; median of ${RUNS} run(s); load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
console.log(
  `${"page".padEnd(42)} ${"perf".padStart(4)} ${"a11y".padStart(4)} ${"b-p".padStart(4)} ${"LCP s".padStart(6)} ${"TBT ms".padStart(6)} ${"kB".padStart(7)}  targets`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(42)} ${String(r.performance).padStart(4)} ${String(r.accessibility).padStart(4)} ${String(r["best-practices"]).padStart(4)} ${(r.lcp / 1000).toFixed(2).padStart(6)} ${String(Math.round(r.tbt)).padStart(6)} ${(r.bytes / 1000).toFixed(1).padStart(7)}  ${r.missed ? `${r.missed} MISSED` : "met"}`,
  );
}
console.log(`reports: ${OUT}`);
