// Lighthouse (mobile preset) on the release build: the start page and a results page opened
// from a share link, served under /services/anju/ by tests/browser/static-server.mjs (a plain
// static server, no compression), and again behind a gzip proxy, as a real web server would
// send it. Prints the scores, LCP, TBT and byte weight of each, against the targets:
// performance >= 98, accessibility 100, best practices 100.
//
//   bash .ci/setup; (cd tests/bench && npm ci)   once
//   trunk build --release                        the site in dist/
//   node tests/bench/lighthouse.mjs [--plain-only] [--gzip-only]
//
// Debian's Chromium (CHROME_PATH, default /usr/bin/chromium); lighthouse 12 (the 13.x line
// needs Node >= 22.19). JSON reports go to target/bench/lighthouse/. A report: exits 0
// whatever the scores (1 only when it cannot run).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request, createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { serve } from "../browser/static-server.mjs";
import { CHROMIUM_FLAGS } from "../browser/lib.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const OUT = join(ROOT, "target", "bench", "lighthouse");
const PREFIX = "/services/anju/";
const HOUSEHOLD = join(ROOT, "tests", "fixtures", "answers-lucheng-2014.json");
const TARGETS = { performance: 98, accessibility: 100, "best-practices": 100 };
// The browser tests' flags (shared/TOOLCHAIN.md), in Chrome's headless mode.
const FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];

function fail(message) {
  console.error(`lighthouse.mjs: ${message}`);
  process.exit(1);
}

// ---- the share link, built from the format documented in src/share.rs

/** FNV-1a, 32 bits, over the UTF-8 bytes, as share.rs `checksum`. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const safe = (s) => typeof s === "string" && /^[A-Za-z0-9._-]+$/.test(s);

/** The fragment (without `#`) for answers, field by field as share.rs `encode` writes it. */
export function encodeLink(answers) {
  const parts = [`v=${answers.v}`];
  if (answers.place) parts.push(`p=${answers.place}`);
  if (answers.date) parts.push(`d=${answers.date}`);
  if (answers.services?.length) parts.push(`s=${answers.services.join(",")}`);
  // Facts in key order (a BTreeMap in Rust; ids are ASCII, so code-unit order is byte order).
  const facts = Object.keys(answers.facts ?? {})
    .sort()
    .flatMap((k) => {
      const v = answers.facts[k];
      const value =
        v === true ? "y" : v === false ? "n" : typeof v === "number" ? String(v) : safe(v) ? v : null;
      return value !== null && safe(k) ? [`${k}:${value}`] : [];
    });
  if (facts.length) parts.push(`f=${facts.join(",")}`);
  const unsure = [...(answers.unsure ?? [])].sort().filter(safe);
  if (unsure.length) parts.push(`u=${unsure.join(",")}`);
  const body = parts.join("&");
  return `${body}&c=${fnv1a(body).toString(16).padStart(8, "0")}`;
}

// ---- a gzip proxy in front of the plain server

function gzipProxy(upstream) {
  const server = createServer((req, res) => {
    const up = request(
      `${upstream}${req.url}`,
      { method: req.method, headers: { ...req.headers, "accept-encoding": "identity" } },
      (r) => {
        const chunks = [];
        r.on("data", (c) => chunks.push(c));
        r.on("end", () => {
          let body = Buffer.concat(chunks);
          const headers = { ...r.headers };
          delete headers["content-length"];
          if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && body.length > 0) {
            body = gzipSync(body, { level: 9 });
            headers["content-encoding"] = "gzip";
            headers.vary = "Accept-Encoding";
          }
          headers["content-length"] = body.length;
          res.writeHead(r.statusCode ?? 502, headers).end(body);
        });
      },
    );
    up.on("error", () => res.writeHead(502).end());
    req.pipe(up);
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` })),
  );
}

// ---- lighthouse

const audit = (lhr, id) => lhr.audits[id];
const num = (lhr, id) => audit(lhr, id)?.numericValue ?? NaN;

function lcpElement(lhr) {
  // 12.x: a list of tables; the first table's first item holds the node.
  const details = audit(lhr, "largest-contentful-paint-element")?.details;
  const items = details?.items?.[0]?.items ?? details?.items ?? [];
  const snippet = items[0]?.node?.snippet ?? items[0]?.node?.nodeLabel ?? "";
  return snippet.replace(/\s+/g, " ").slice(0, 90);
}

async function audit1(chromePort, url) {
  const result = await lighthouse(url, {
    port: chromePort,
    output: "json",
    logLevel: "error",
    onlyCategories: Object.keys(TARGETS),
    formFactor: "mobile",
  });
  if (!result?.lhr) fail(`no result for ${url}`);
  return result;
}

function report(name, url, lhr) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  console.log(`\n== ${name}`);
  console.log(`url            ${url}`);
  console.log(`final url      ${lhr.finalDisplayedUrl}`);
  if (lhr.runtimeError) console.log(`RUNTIME ERROR  ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  for (const [id, target] of Object.entries(TARGETS)) {
    const s = score(id);
    console.log(`${id.padEnd(15)}${String(s).padStart(4)}  (target ${target}: ${s >= target ? "met" : "BELOW TARGET"})`);
  }
  console.log(`LCP            ${(num(lhr, "largest-contentful-paint") / 1000).toFixed(2)} s`);
  console.log(`FCP            ${(num(lhr, "first-contentful-paint") / 1000).toFixed(2)} s`);
  console.log(`TBT            ${Math.round(num(lhr, "total-blocking-time"))} ms`);
  console.log(`byte weight    ${(num(lhr, "total-byte-weight") / 1000).toFixed(1)} kB transferred`);
  console.log(`LCP element    ${lcpElement(lhr)}`);
  // What kept a category from 100, so the figure can be acted on.
  for (const id of Object.keys(TARGETS)) {
    const failing = (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
      .map((a) => `${a.id} (${Math.round(a.score * 100)})`);
    if (failing.length) console.log(`${id} below 100: ${failing.join(", ")}`);
  }
  return {
    name,
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    lcp: num(lhr, "largest-contentful-paint"),
    tbt: num(lhr, "total-blocking-time"),
    bytes: num(lhr, "total-byte-weight"),
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

const args = new Set(process.argv.slice(2));
const modes = args.has("--plain-only") ? ["plain"] : args.has("--gzip-only") ? ["gzip"] : ["plain", "gzip"];
if (!existsSync(join(DIST, "index.html"))) fail("no dist/index.html: run `trunk build --release` first");
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromePath)) fail(`no Chromium at ${chromePath} (apt-get install chromium)`);

const household = JSON.parse(readFileSync(HOUSEHOLD, "utf8"));
const fragment = encodeLink(household);
mkdirSync(OUT, { recursive: true });

const site = await serve(DIST, PREFIX, 0);
const proxy = await gzipProxy(new URL(site.url).origin);
const userDataDir = mkdtempSync(join(tmpdir(), "anju-lighthouse-"));
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS, userDataDir });
const rows = [];
try {
  for (const mode of modes) {
    const origin = mode === "gzip" ? proxy.origin : new URL(site.url).origin;
    const pages = [
      ["start page", `${origin}${PREFIX}`],
      ["results page (share link)", `${origin}${PREFIX}?p=results#${fragment}`],
    ];
    for (const [page, url] of pages) {
      const name = `${page}, ${mode === "gzip" ? "served gzip -9" : "served uncompressed"}`;
      const { lhr, report: json } = await audit1(chrome.port, url);
      const file = join(OUT, `${page.split(" ")[0]}-${mode}.json`);
      writeFileSync(file, json);
      rows.push(report(name, url, lhr));
      if (page.startsWith("results") && !/[?&]p=results\b/.test(lhr.finalDisplayedUrl)) {
        console.log("WARNING: the share link was not accepted: the page did not stay on the results");
      }
    }
  }
} finally {
  await chrome.kill();
  site.server.close();
  proxy.server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log("\n== lighthouse summary (mobile preset)");
console.log(
  `${"page".padEnd(48)} ${"perf".padStart(4)} ${"a11y".padStart(4)} ${"b-p".padStart(4)} ${"LCP s".padStart(6)} ${"TBT ms".padStart(6)} ${"kB".padStart(7)}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(48)} ${String(r.performance).padStart(4)} ${String(r.accessibility).padStart(4)} ${String(r["best-practices"]).padStart(4)} ${(r.lcp / 1000).toFixed(2).padStart(6)} ${String(Math.round(r.tbt)).padStart(6)} ${(r.bytes / 1000).toFixed(1).padStart(7)}`,
  );
}
console.log(`reports: ${OUT}`);
