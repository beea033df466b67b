// The page families, measured: what each page downloads before it shows its first answer or
// question, how long the place's data takes to read, how the download grows with the data,
// what one visit costs with the service worker on, and a results page on a slow network.
//
//   source .ci/setup; trunk build --release               the site in dist/ (ANJU_DIST: another)
//   node tests/bench/families.mjs [bytes] [decode] [sw] [slow] [growth]
//
// No section named: all five. Sections:
//
//   bytes   per page, the response bodies the page received before its first answer or
//           question was in the page (start page: before it is interactive), as the server sent
//           them: plain, gzip (the server offers only the .gz copies) and brotli (the .br
//           copies; Chromium asks for br). Chromium, cold, no service worker.
//   decode  anju::engine::bundle::read_place on the Lucheng bundle, as WebAssembly in Chromium,
//           at 1x and 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate): the first read on a
//           fresh page (as the portal does it, once) and warm reads.
//   sw      one visit to the start page and one to a results page with the service worker on,
//           counted at the server; with and without Save-Data (emulated with CDP
//           Emulation.setDataSaverOverride, in the page and in the service worker).
//   slow    a results page from a share link at 400 kbit/s, 400 ms latency and 4x CPU: when the
//           loading shell's text is painted and when the first answer is on the page.
//   growth  a copy of the repository with 50 more selectable places (each with a document and
//           four rule sets), built with `trunk build --release` in target/bench/growth/ (its
//           own cargo target directory, target/bench/growth-target/: about 11 minutes the
//           first time, 5 after), and the results page's bytes with and without them.
//
// A report: exits 0 whatever the figures, and says OVER TARGET where one misses its mark
// (1 only when something cannot be built or run). kB = 1000 bytes.

import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { launch, phonePage } from "../browser/lib.mjs";
import { serve } from "../browser/static-server.mjs";
import { EXT, MODES, PREFIX, ROOT, fileOf, manifest, server, shareFragment } from "./site.mjs";

const DIST = process.env.ANJU_DIST ?? join(ROOT, "dist");
const BENCH = join(ROOT, "target", "bench");
const kB = (n) => (n / 1000).toFixed(1);
const pad = (s, n) => String(s).padStart(n);

function fail(message) {
  console.error(`families.mjs: ${message}`);
  process.exit(1);
}

/** Runs a command (in the repository unless `cwd` says), its output passed through; stops the script if it fails. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

// ---- what a page shows first

/**
 * The pages, each with what counts as shown: the start page once it is interactive (the load
 * event has fired and its start button is on the page); every other page once its program has
 * replaced the loading shell and `shows` is on the page (a question page: at ?p=q/…).
 */
const PAGES = [
  { id: "start", name: "start page (interactive)", path: () => "", target: 10000 },
  { id: "results", name: "results page (share link)", path: (f) => `?p=results#${f}`, shows: "main .answer-sentence", target: 250000 },
  { id: "question", name: "question page (begin)", path: () => "?p=begin&place=lucheng&what=school&when=today", shows: "main h1", route: "q/", target: 250000 },
  { id: "counter", name: "counter mode", path: () => "?p=counter", shows: ".counter-form [data-fact]" },
  { id: "explorer", name: "explorer", path: () => "?p=rules", shows: ".ex-doc" },
  { id: "form", name: "form page", path: () => "?p=form/enrolment", shows: ".form-sheet" },
];

/**
 * Init script: sets window.__shownAt (performance.now()) the first time the page shows what
 * it should, checked on every DOM change and every animation frame.
 */
function watchShown({ shows, route }) {
  let shell = false;
  const shown = () => {
    if (!shows) return document.readyState === "complete" && document.querySelector("#static-start button.start");
    const page = new URLSearchParams(location.search).get("p") ?? "";
    // The shell is in the HTML: gone once the program has drawn the page.
    shell ||= Boolean(document.getElementById("shell"));
    return (
      shell &&
      !document.getElementById("shell") &&
      !document.getElementById("static-start") &&
      (!route || page.startsWith(route)) &&
      document.querySelector(shows)
    );
  };
  const mark = () => {
    if (window.__shownAt === undefined && shown()) window.__shownAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  const frame = () => {
    mark();
    if (window.__shownAt === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  addEventListener("load", () => setTimeout(mark, 0));
}

/**
 * Opens `page` cold (a fresh profile, no service worker) and returns the responses that had
 * arrived when it showed its first answer or question: [{ file, bytes }] with bytes the body as
 * the server sent it (Resource Timing's encodedBodySize), plus the moment (ms). A response the
 * browser's cache gave (transferSize 0: the copy of a family's stylesheet that the loader keeps
 * for offline use) was not downloaded and is left out.
 */
async function bytesBefore(browser, site, page, fragment) {
  const { context, page: tab } = await phonePage(browser, site.origin, { serviceWorkers: "block" });
  try {
    await tab.addInitScript(watchShown, { shows: page.shows, route: page.route });
    await tab.goto(site.url + page.path(fragment));
    await tab.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 60000 });
    const { at, entries } = await tab.evaluate(() => ({
      at: window.__shownAt,
      entries: [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
        url: e.name,
        end: e.responseEnd,
        bytes: e.encodedBodySize,
        raw: e.decodedBodySize,
        cached: e.transferSize === 0,
      })),
    }));
    const files = entries.filter((e) => e.end <= at && !e.cached).map((e) => ({ file: fileOf(e.url), bytes: e.bytes, raw: e.raw }));
    return { at, files, url: tab.url() };
  } finally {
    await context.close();
  }
}

/** bytesBefore for each page and mode: { [page.id]: { [mode]: result } }. */
async function measurePages(dist, pages, fragment) {
  const out = Object.fromEntries(pages.map((p) => [p.id, {}]));
  const browser = await launch();
  try {
    for (const mode of MODES) {
      const site = await server(dist, mode);
      try {
        for (const page of pages) out[page.id][mode] = await bytesBefore(browser, site, page, fragment);
      } finally {
        site.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

const total = (r) => r.files.reduce((s, f) => s + f.bytes, 0);

/** Checks that each response is the file on disk in the mode's encoding; returns warnings. */
function checkSent(dist, mode, files) {
  const warnings = [];
  for (const f of files) {
    const path = join(dist, f.file + EXT[mode]);
    const size = existsSync(path) ? statSync(path).size : NaN;
    if (size !== f.bytes) warnings.push(`${f.file}: ${mode} sent ${f.bytes} bytes, the ${mode} file has ${size}`);
  }
  return warnings;
}

async function bytesSection(fragment) {
  console.log("\n== bytes before the first answer or question is on screen");
  console.log("   Chromium, cold, no service worker; response bodies as the server sent them; kB = 1000 bytes");
  const m = await measurePages(DIST, PAGES, fragment);
  const rows = [];
  for (const page of PAGES) {
    const r = m[page.id];
    console.log(`\n${page.name}: ${PREFIX}${page.path("…")}  (shown at ${PREFIX}${r.plain.url.slice(r.plain.url.indexOf(PREFIX) + PREFIX.length)})`);
    console.log(`  ${"file".padEnd(46)} ${pad("raw kB", 8)} ${pad("gzip kB", 8)} ${pad("br kB", 8)}`);
    const names = [...new Set(MODES.flatMap((mode) => r[mode].files.map((f) => f.file)))];
    for (const name of names) {
      const cell = (mode) => {
        const f = r[mode].files.find((x) => x.file === name);
        return pad(f ? kB(f.bytes) : "—", 8);
      };
      console.log(`  ${name.padEnd(46)} ${cell("plain")} ${cell("gzip")} ${cell("brotli")}`);
    }
    const [raw, gz, br] = MODES.map((mode) => total(r[mode]));
    const verdict = page.target ? `  target ≤ ${kB(page.target)} kB gzip: ${gz <= page.target ? "met" : "OVER TARGET"}` : "";
    console.log(`  ${`total (${names.length} files)`.padEnd(46)} ${pad(kB(raw), 8)} ${pad(kB(gz), 8)} ${pad(kB(br), 8)}${verdict}`);
    for (const mode of MODES) {
      for (const w of checkSent(DIST, mode, r[mode].files)) console.log(`  WARNING ${w}`);
      if (r[mode].files.length !== names.length) console.log(`  note: ${mode} had ${r[mode].files.length} of these files before it showed`);
    }
    rows.push({ page, raw, gz, br, ms: r.brotli.at });
  }
  console.log("\n== bytes summary (kB before the first answer or question)");
  console.log(`${"page".padEnd(30)} ${pad("raw", 8)} ${pad("gzip", 8)} ${pad("brotli", 8)}  target (gzip)`);
  for (const r of rows) {
    const t = r.page.target ? `≤ ${kB(r.page.target)}: ${r.gz <= r.page.target ? "met" : "OVER TARGET"}` : "";
    console.log(`${r.page.name.padEnd(30)} ${pad(kB(r.raw), 8)} ${pad(kB(r.gz), 8)} ${pad(kB(r.br), 8)}  ${t}`);
  }
}

// ---- decoding the place's data

async function decodeSection() {
  console.log("\n== reading the place bundle: anju::engine::bundle::read_place in Chromium (WebAssembly)");
  const out = join(BENCH, "decode-web");
  run("cargo", ["build", "-q", "--release", "--target", "wasm32-unknown-unknown", "--manifest-path", "tests/bench/engine-wasm/Cargo.toml", "--example", "decode_wasm"], {
    env: { ...process.env, CARGO_TARGET_DIR: BENCH },
  });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "decode", join(BENCH, "wasm32-unknown-unknown", "release", "examples", "decode_wasm.wasm")]);
  // The portal's wasm-opt pass (index.html: data-wasm-opt="z" and these features), so the code
  // is optimised as it ships.
  const wasm = join(out, "decode_bg.wasm");
  const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
  run("wasm-opt", ["-Oz", ...features.map((f) => `--enable-${f}`), wasm, "-o", wasm]);
  const M = manifest(DIST);
  const place = M.files["place/lucheng/zh-Hans"];
  if (!place) fail("the build has no place/lucheng/zh-Hans bundle");
  cpSync(join(DIST, place.file), join(out, "place.bin"));
  writeFileSync(join(out, "index.html"), "<!doctype html><title>read_place</title>\n");
  console.log(`bundle ${place.file}: ${kB(place.size)} kB; module ${kB(statSync(wasm).size)} kB (wasm-opt -Oz)`);

  const site = await serve(out, "/decode/", 0);
  const browser = await launch();
  const FRESH = 7; // fresh pages per rate, each timing its first read
  const WARM = 51; // warm reads on the last page
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [];
  try {
    for (const rate of [1, 4]) {
      const firsts = [];
      const seconds = [];
      let warm = [];
      for (let i = 0; i < FRESH; i++) {
        const { context, page } = await phonePage(browser, new URL(site.url).origin);
        const cdp = await context.newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate });
        await page.goto(site.url);
        const r = await page.evaluate(
          async ({ warmReads, last }) => {
            const m = await import("./decode.js");
            await m.default();
            const bytes = new Uint8Array(await (await fetch("place.bin")).arrayBuffer());
            let t = performance.now();
            const rulesets = m.read_place_times(bytes, "lucheng", 1);
            const first = performance.now() - t;
            t = performance.now();
            m.read_place_times(bytes, "lucheng", 1);
            const second = performance.now() - t;
            const warm = [];
            for (let j = 0; last && j < warmReads; j++) {
              t = performance.now();
              m.read_place_times(bytes, "lucheng", 1);
              warm.push(performance.now() - t);
            }
            return { rulesets, first, second, warm };
          },
          { warmReads: WARM, last: i === FRESH - 1 },
        );
        if (r.rulesets < 1) fail(`read_place could not read ${place.file}`);
        firsts.push(r.first);
        seconds.push(r.second);
        if (r.warm.length) warm = r.warm;
        await context.close();
      }
      warm.sort((a, b) => a - b);
      rows.push({ rate, first: median(firsts), firstMax: Math.max(...firsts), second: median(seconds), warm: median(warm), p95: warm[Math.round(0.95 * (warm.length - 1))], min: warm[0] });
    }
  } finally {
    await browser.close();
    site.server.close();
  }
  console.log(`${"CPU".padEnd(6)} ${pad("first read ms", 14)} ${pad("(slowest)", 10)} ${pad("second", 7)} ${pad("warm median", 12)} ${pad("p95", 7)} ${pad("min", 7)}`);
  for (const r of rows) {
    const verdict = r.rate === 4 ? `  target ≤ 10 ms (first read): ${r.first <= 10 ? "met" : "OVER TARGET"}` : "";
    console.log(`${`${r.rate}x`.padEnd(6)} ${pad(r.first.toFixed(1), 14)} ${pad(r.firstMax.toFixed(1), 10)} ${pad(r.second.toFixed(1), 7)} ${pad(r.warm.toFixed(1), 12)} ${pad(r.p95.toFixed(1), 7)} ${pad(r.min.toFixed(1), 7)}${verdict}`);
  }
  console.log(`first read: the page's first call, as the portal makes it (median of ${FRESH} fresh pages; it includes compiling the`);
  console.log(`reader's code, which the browser does lazily, on first call); second: the next call on those pages; warm: ${WARM} more on one page`);
}

// ---- the service worker

/**
 * Save-Data for the page and for the service worker it registers: the page's CDP session sets
 * the override and auto-attaches to the workers the page starts, each held at its first line
 * until it has the override too (the service worker reads navigator.connection.saveData when
 * it installs). Returns a function that tells whether the service worker got it.
 */
async function saveData(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setDataSaverOverride", { dataSaverEnabled: true });
  let id = 0;
  const waiting = new Map();
  let workers = 0;
  cdp.on("Target.receivedMessageFromTarget", ({ message }) => {
    const m = JSON.parse(message);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((ok) => {
      const n = ++id;
      waiting.set(n, ok);
      cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: n, method, params }) }).catch((e) => ok({ error: e }));
    });
  cdp.on("Target.attachedToTarget", async ({ sessionId, targetInfo }) => {
    if (targetInfo.type === "service_worker") {
      const r = await send(sessionId, "Emulation.setDataSaverOverride", { dataSaverEnabled: true });
      if (!r.error) workers++;
    }
    await send(sessionId, "Runtime.runIfWaitingForDebugger");
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return () => workers;
}

/** What the service worker holds after a visit: its cache's files, and saveData as it sees it. */
async function workerState(context, page) {
  const files = await page.evaluate(async () => {
    const keys = (await caches.keys()).filter((k) => k.startsWith("anju-"));
    if (keys.length === 0) return [];
    return (await (await caches.open(keys[0])).keys()).map((r) => r.url);
  });
  const sw = context.serviceWorkers()[0];
  const seen = sw ? await sw.evaluate(() => navigator.connection?.saveData === true).catch(() => null) : null;
  return { cached: files.map(fileOf), active: Boolean(sw), swSaveData: seen };
}

async function swSection(fragment) {
  console.log("\n== one visit with the service worker on, counted at the server (body bytes sent, 200s)");
  const visits = [
    { name: "start page", path: "", shows: null, target: 300000 },
    { name: "results page (share link)", path: `?p=results#${fragment}`, shows: "main .answer-sentence" },
  ];
  const rows = [];
  const browser = await launch();
  try {
    for (const mode of MODES) {
      for (const dataSaver of [false, true]) {
        for (const visit of visits) {
          const site = await server(DIST, mode);
          const { context, page } = await phonePage(browser, site.origin);
          try {
            const workers = dataSaver ? await saveData(context, page) : () => 0;
            await page.addInitScript(watchShown, { shows: visit.shows });
            await page.goto(site.url + visit.path, { waitUntil: "load" });
            await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 60000 });
            // Time for the service worker to register (at load, or when the program is idle),
            // install and keep what it keeps.
            await page.waitForTimeout(5000);
            const state = await workerState(context, page);
            const ok = site.log.filter((l) => l.status === 200);
            const per = new Map();
            for (const l of ok) per.set(l.path, [...(per.get(l.path) ?? []), l.bytes]);
            const twice = [...per].filter(([, b]) => b.length > 1);
            const sum = ok.reduce((s, l) => s + l.bytes, 0);
            rows.push({ mode, dataSaver, visit, sum, twice, state, workers: workers(), files: per, notModified: site.log.filter((l) => l.status === 304).length });
          } finally {
            await context.close();
            site.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  for (const r of rows) {
    const label = `${r.visit.name}, ${r.mode}${r.dataSaver ? ", Save-Data" : ""}`;
    const verdict = r.visit.target && r.mode !== "plain" ? `  target ≤ ${kB(r.visit.target)} kB: ${r.sum <= r.visit.target ? "met" : "OVER TARGET"}` : "";
    console.log(`\n${label}: ${kB(r.sum)} kB in ${[...r.files.values()].flat().length} responses (and ${r.notModified} answered 304)${verdict}`);
    for (const [path, b] of r.files) console.log(`  ${(path.slice(PREFIX.length) || "index.html").padEnd(46)} ${pad(kB(b.reduce((s, x) => s + x, 0)), 8)}${b.length > 1 ? `  DOWNLOADED ${b.length} TIMES` : ""}`);
    console.log(`  service worker: ${r.state.active ? "running" : "NOT RUNNING"}; its cache holds ${r.state.cached.length} files${r.dataSaver ? `; Save-Data reached it: ${r.workers > 0 && r.state.swSaveData ? "yes" : "NO"}` : ""}`);
    if (r.twice.length === 0) console.log("  no file downloaded twice");
  }
  console.log("\n== service worker summary (kB sent by the server in one visit)");
  console.log(`${"visit".padEnd(28)} ${pad("plain", 8)} ${pad("gzip", 8)} ${pad("brotli", 8)} ${pad("gzip SD", 8)} ${pad("br SD", 8)}  files twice`);
  for (const visit of visits) {
    const get = (mode, sd) => rows.find((r) => r.visit === visit && r.mode === mode && r.dataSaver === sd);
    const twice = [...new Set(rows.filter((r) => r.visit === visit).flatMap((r) => r.twice.map(([p]) => p.slice(PREFIX.length) || "index.html")))];
    console.log(
      `${visit.name.padEnd(28)} ${pad(kB(get("plain", false).sum), 8)} ${pad(kB(get("gzip", false).sum), 8)} ${pad(kB(get("brotli", false).sum), 8)} ${pad(kB(get("gzip", true).sum), 8)} ${pad(kB(get("brotli", true).sum), 8)}  ${twice.join(" ") || "none"}`,
    );
  }
  console.log("SD: with Save-Data. Target: the start page's visit ≤ 300 kB (compressed).");
}

// ---- a slow network

/** Init script: the moments the loading shell's text is painted and the first answer shown. */
function watchSlow() {
  window.__slow = { shellPainted: undefined, shellGone: undefined, answerShown: undefined };
  let shell = false;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // Largest-contentful-paint candidates are painted text or images; the first one inside
      // the shell is the shell's text on screen.
      if (window.__slow.shellPainted === undefined && e.element?.closest?.("#shell")) window.__slow.shellPainted = e.renderTime || e.startTime;
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__slow.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  const check = () => {
    const s = window.__slow;
    shell ||= Boolean(document.getElementById("shell"));
    if (s.shellGone === undefined && shell && !document.getElementById("shell")) s.shellGone = performance.now();
    if (s.answerShown === undefined && s.shellGone !== undefined && document.querySelector("main .answer-sentence")) {
      // On screen at the next frame.
      requestAnimationFrame(() => (s.answerShown ??= performance.now()));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

async function slowSection(fragment) {
  const conditions = { offline: false, latency: 400, downloadThroughput: 400000 / 8, uploadThroughput: 400000 / 8 };
  console.log("\n== a results page from a share link on a slow network: 400 kbit/s, 400 ms latency, 4x CPU");
  console.log("   Chromium, cold, no service worker; seconds from the start of the navigation");
  const rows = [];
  const browser = await launch();
  try {
    for (const mode of MODES) {
      const site = await server(DIST, mode);
      const { context, page } = await phonePage(browser, site.origin, { serviceWorkers: "block" });
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", conditions);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        await page.addInitScript(watchSlow);
        await page.goto(`${site.url}?p=results#${fragment}`, { waitUntil: "commit" });
        await page.waitForFunction(() => window.__slow?.answerShown !== undefined, null, { timeout: 240000, polling: 100 });
        const s = await page.evaluate(() => window.__slow);
        const sent = site.log.filter((l) => l.status === 200).reduce((a, l) => a + l.bytes, 0);
        rows.push({ mode, ...s, sent });
      } finally {
        await context.close();
        site.close();
      }
    }
  } finally {
    await browser.close();
  }
  const sec = (ms) => (ms === undefined ? "—" : (ms / 1000).toFixed(2));
  console.log(`${"served".padEnd(8)} ${pad("shell text", 11)} ${pad("FCP", 6)} ${pad("first answer", 13)} ${pad("kB sent", 8)}`);
  for (const r of rows) {
    console.log(`${r.mode.padEnd(8)} ${pad(sec(r.shellPainted), 11)} ${pad(sec(r.fcp), 6)} ${pad(sec(r.answerShown), 13)} ${pad(kB(r.sent), 8)}`);
  }
  console.log("shell text: its first largest-contentful-paint entry inside #shell; first answer: the frame after the results' first line appeared");
}

// ---- growth: 50 more places

/** The repository's files a build reads, copied to `dir` (mtimes kept, so a rerun is quick). */
function copyTree(dir) {
  const keep = /^(Cargo\.(toml|lock)|build\.rs|index\.html|Trunk\.toml|src\/|policy-data\/|public\/|\.ci\/post-build\.mjs|tests\/fuzz\/)/;
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((f) => f && keep.test(f) && existsSync(join(ROOT, f)));
  rmSync(join(dir, "policy-data"), { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f), { preserveTimestamps: true });
  }
  return files.length;
}

/**
 * 50 more selectable places, growth01 … growth50, under Wenzhou: each a copy of Lucheng's
 * document and of its four rule sets (schooling, insurance, permit, points) with the ids,
 * document and place renamed. Written into `dir`/policy-data.
 */
function addPlaces(dir, count = 50) {
  const data = join(dir, "policy-data");
  const lucheng = [];
  for (const group of ["school", "insurance", "permit"]) {
    for (const f of readdirSync(join(data, group)).filter((f) => f.startsWith("lucheng"))) {
      const text = readFileSync(join(data, group, f), "utf8");
      if (/^place = "lucheng"$/m.test(text)) lucheng.push([group, f, text]);
    }
  }
  const doc = readFileSync(join(data, "documents", "lucheng-2013-164.toml"), "utf8");
  let places = readFileSync(join(data, "places.toml"), "utf8");
  for (let i = 1; i <= count; i++) {
    const id = `growth${String(i).padStart(2, "0")}`;
    // Ids are quoted and lower-case: "lucheng", "lucheng-school-2013", "lucheng-2013-164#…".
    const rename = (text) => text.replace(/"lucheng/g, `"${id}`);
    places += `\n[[place]]\nid = "${id}"\nname = { zh = "增长测试区${i}", zh_hant = "增長測試區${i}", en = "Growth test district ${i}" }\nparent = "wenzhou"\nselectable = true\n`;
    writeFileSync(join(data, "documents", `${id}-2013-164.toml`), rename(doc).replace(/^number = "(.*)"$/m, `number = "$1(${id})"`));
    for (const [group, f, text] of lucheng) writeFileSync(join(data, group, f.replace(/^lucheng/, id)), rename(text));
  }
  writeFileSync(join(data, "places.toml"), places);
  return lucheng.length;
}

async function growthSection(fragment) {
  console.log("\n== growth: the results page with 50 more places");
  const dir = join(BENCH, "growth");
  const copied = copyTree(dir);
  const sets = addPlaces(dir);
  console.log(`copied ${copied} files to ${dir}; added 50 places, each with a document and ${sets} rule sets`);
  // A target directory of its own: cargo names a workspace's artifacts by their path inside the
  // workspace, so the copy would otherwise overwrite the repository's own build (and its
  // anju-site, which writes the data bundles). The first run builds every dependency.
  run("trunk", ["build", "--release"], { cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: join(BENCH, "growth-target") } });
  const grown = join(dir, "dist");
  const count = (d) => Object.keys(manifest(d).files).filter((k) => k.startsWith("place/")).length / 3;
  const page = PAGES.find((p) => p.id === "results");
  const before = (await measurePages(DIST, [page], fragment)).results;
  const after = (await measurePages(grown, [page], fragment)).results;
  console.log(`\n${"results page (share link)".padEnd(34)} ${pad("raw kB", 8)} ${pad("gzip kB", 8)} ${pad("br kB", 8)}`);
  const line = (name, r) => console.log(`${name.padEnd(34)} ${pad(kB(total(r.plain)), 8)} ${pad(kB(total(r.gzip)), 8)} ${pad(kB(total(r.brotli)), 8)}`);
  line(`dist/ (${count(DIST)} places)`, before);
  line(`with 50 more (${count(grown)} places)`, after);
  console.log("per file (gzip kB), where the two differ:");
  const names = [...new Set([...before.gzip.files, ...after.gzip.files].map((f) => f.file))];
  const gz = (r, name) => r.gzip.files.filter((f) => f.file === name).reduce((s, f) => s + f.bytes, 0);
  const same = (name) => name.replace(/-[0-9a-f]{12,16}(?=[._])/, "-…");
  const groups = new Map();
  for (const name of names) groups.set(same(name), [...(groups.get(same(name)) ?? []), name]);
  for (const [name, files] of groups) {
    const b = files.reduce((s, f) => s + gz(before, f), 0);
    const a = files.reduce((s, f) => s + gz(after, f), 0);
    if (a !== b) console.log(`  ${name.padEnd(44)} ${pad(kB(b), 8)} → ${pad(kB(a), 8)}  (${a > b ? "+" : ""}${a - b} bytes)`);
  }
  const [b, a] = [total(before.gzip), total(after.gzip)];
  console.log(`verdict: with 50 more places the results page downloads ${a <= b ? "no more bytes (met)" : `${a - b} bytes more gzip (OVER TARGET: no more than with the places of today)`}`);
}

// ---- main

const SECTIONS = { bytes: bytesSection, decode: decodeSection, sw: swSection, slow: slowSection, growth: growthSection };
const asked = process.argv.slice(2);
for (const a of asked) if (!SECTIONS[a]) fail(`unknown section '${a}' (${Object.keys(SECTIONS).join(", ")})`);
if (!existsSync(join(DIST, "index.html"))) fail(`no ${DIST}/index.html: run \`trunk build --release\` first`);
const fragment = shareFragment();
console.log(`site ${DIST}; share link #${fragment.slice(0, 40)}…`);
for (const name of asked.length ? asked : Object.keys(SECTIONS)) {
  const started = Date.now();
  const load = loadavg()[0];
  await SECTIONS[name](fragment);
  // Timings depend on what else the machine does.
  const busy = Math.max(load, loadavg()[0]).toFixed(1);
  console.log(`(${name}: ${Math.round((Date.now() - started) / 1000)} s; load average up to ${busy} on ${availableParallelism()} cores)`);
}
