// The service worker on a poor network and across builds (public/sw.js). A page that is cached
// opens from the cache once the network has kept it waiting for about 3 s, instead of hanging.
// A new build deployed while a page of the old build is open waits: the old cache stays while
// any page of the old build is open, so that page still finds its files (here, offline); once
// none is open the new build takes over, deletes the old cache, and pages load the new build.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, launch, phonePage, PREFIX, ready, routeOf } from "./lib.mjs";
import { serve } from "./static-server.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

/**
 * A loopback server in front of `upstream` (a URL) that, while `hold` is set, keeps every page
 * request (the folder itself or its index.html) waiting without an answer, as a poor network
 * does. Resolves to { url, origin, held, setHold(on), close() }; held counts the requests kept.
 */
function poorNetwork(upstream) {
  const up = new URL(upstream);
  let hold = false;
  const waiting = [];
  const front = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const forward = () => {
      const out = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      out.on("error", () => res.destroy());
      req.pipe(out);
    };
    if (hold && (path === PREFIX || path === `${PREFIX}index.html`)) {
      front.held++;
      waiting.push(forward);
    } else forward();
  });
  front.held = 0;
  return new Promise((ok) => {
    front.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${front.address().port}`;
      ok({
        url: `${origin}${PREFIX}`,
        origin,
        get held() {
          return front.held;
        },
        setHold: (on) => (hold = on),
        close: () => {
          hold = false;
          waiting.splice(0).forEach((go) => go());
          front.closeAllConnections();
          front.close();
        },
      });
    });
  });
}

/**
 * Opens `url` until the service worker controls the page: a page that was loading while the
 * worker first started may stay outside it (clients.claim() takes only pages already running),
 * and the next one opened is inside.
 */
async function openControlled(page, url) {
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) {
    await page.goto(url);
    await ready(page);
  }
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the service worker controls the page");
}

/** Waits until the build's cache holds `patterns`. */
async function cached(page, patterns) {
  await page.waitForFunction(
    async (sources) => {
      const keys = (await caches.keys()).filter((k) => k.startsWith("anju-"));
      if (keys.length !== 1) return false;
      const files = (await (await caches.open(keys[0])).keys()).map((r) => r.url);
      return sources.every((s) => files.some((u) => new RegExp(s).test(u)));
    },
    patterns.map((p) => p.source),
    { timeout: 20000 },
  );
}

test("a cached page opens from the cache after about 3 s when the network does not answer", async () => {
  const site = await serve(DIST, PREFIX, 0);
  const net = await poorNetwork(site.url);
  try {
    const { page, context, errors } = await phonePage(browser, net.origin);
    await openControlled(page, net.url);
    await cached(page, [/\/services\/anju\/$/, /anju-[0-9a-f]+_bg\.wasm$/]);

    net.setHold(true);
    const started = Date.now();
    const response = await page.goto(`${net.url}?p=start`, { timeout: 15000 });
    const waited = Date.now() - started;
    assert.ok(response.fromServiceWorker(), "the page came from the service worker");
    assert.equal(net.held, 1, "the service worker asked the network first");
    assert.ok(waited >= 2900, `it gave the network about 3 s first (${waited} ms)`);
    assert.ok(waited < 7000, `then answered from the cache (${waited} ms), not after the network`);
    await ready(page);
    assert.equal(routeOf(page), "start");
    assert.match(await page.innerText("main h1"), /查一查/);
    console.log(`cached page after ${waited} ms with the network silent`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    net.close();
    site.server.close();
  }
});

/**
 * Turns the build in `dir` into the next one, as a deploy replaces the folder: the service
 * worker and the page get a new version, and the forms' program a new name (the old one is no
 * longer on the server). Returns { before, after } versions and forms names.
 */
function deployNextBuild(dir) {
  const swPath = join(dir, "sw.js");
  const htmlPath = join(dir, "index.html");
  let sw = readFileSync(swPath, "utf8");
  let html = readFileSync(htmlPath, "utf8");
  const v1 = sw.match(/const VERSION = "([0-9a-f]+)"/)[1];
  const v2 = createHash("sha256").update(`next ${v1}`).digest("hex").slice(0, v1.length);
  const f1 = readdirSync(dir).find((f) => /^anju-forms-[0-9a-f]+\.js$/.test(f)).match(/^anju-forms-([0-9a-f]+)\.js$/)[1];
  const f2 = createHash("sha256").update(`next ${f1}`).digest("hex").slice(0, f1.length);
  for (const f of readdirSync(dir).filter((f) => f.includes(`anju-forms-${f1}`))) renameSync(join(dir, f), join(dir, f.replace(f1, f2)));
  sw = sw.split(v1).join(v2);
  html = html.split(v1).join(v2).split(f1).join(f2);
  assert.ok(html.includes(v2) && html.includes(f2), "the page names the new build");
  // The inline scripts changed, so the page's Content-Security-Policy needs their new hashes.
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`,
  );
  html = html.replace(/script-src 'self' 'wasm-unsafe-eval'[^;"]*/, `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`);
  // Written a little in the future, so that no revalidation takes them for the old files.
  const later = new Date(Date.now() + 5000);
  for (const [path, body] of [[swPath, sw], [htmlPath, html]]) {
    writeFileSync(path, body);
    rmSync(`${path}.gz`, { force: true });
    rmSync(`${path}.br`, { force: true });
    utimesSync(path, later, later);
  }
  return { v1, v2, f1, f2 };
}

/** The forms programs the page has loaded (their hashes). */
const formsLoaded = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e.name.match(/anju-forms-([0-9a-f]+)_bg\.wasm$/)?.[1])
      .filter(Boolean),
  );

test("a new build waits while a page of the old one is open; that page keeps its files; then the new build takes over", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anju-sw-"));
  cpSync(DIST, dir, { recursive: true });
  const site = await serve(dir, PREFIX, 0);
  const origin = new URL(site.url).origin;
  try {
    // A resident opens the forms, then the start page: the old build's cache has both.
    const { page: a, context, errors } = await phonePage(browser, origin);
    await a.goto(`${site.url}?p=forms`);
    await ready(a);
    await openControlled(a, site.url);
    await cached(a, [/anju-forms-[0-9a-f]+_bg\.wasm$/, /anju-[0-9a-f]+_bg\.wasm$/]);
    // A second tab of the old build stays open throughout.
    const b = await context.newPage();
    b.on("pageerror", (e) => errors.push(String(e)));
    await b.goto(`${site.url}?p=start`);
    await ready(b);

    const { v1, v2, f1, f2 } = deployNextBuild(dir);
    // The old page's worker looks for an update, as a browser does on its next navigation.
    await a.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await a.waitForFunction(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null, null, { timeout: 20000 });
    await a.waitForTimeout(1000);
    const state = await a.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r.waiting?.state, controlled: navigator.serviceWorker.controller === r.active, caches: (await caches.keys()).sort() };
    });
    assert.deepEqual(state, { waiting: "installed", controlled: true, caches: [`anju-${v1}`, `anju-${v2}`].sort() }, "the new build waits; both caches are there");

    // Offline, the old build's page opens the forms again: its program, which the server no
    // longer has, comes from the old cache.
    await context.setOffline(true);
    await a.goto(`${site.url}?p=forms`);
    await ready(a);
    assert.equal(routeOf(a), "forms");
    assert.deepEqual(await formsLoaded(a), [f1], "the old build's forms program");
    assert.equal(await a.$("#shell-retry:not([hidden])"), null, "no failed download");
    await context.setOffline(false);

    // Once no page of the old build is open, the next page is the new build, and only its cache
    // is left.
    // (The browser lets the new worker take over a moment after the last page closes; a page
    // opened before that would rightly stay with the old build, so wait for it, watching the
    // workers from a blank page, which no worker controls.)
    const c = await context.newPage();
    const later = [];
    c.on("pageerror", (e) => later.push(String(e)));
    c.on("console", (m) => m.type() === "error" && later.push(m.text()));
    const cdp = await context.newCDPSession(c);
    const versions = new Map();
    cdp.on("ServiceWorker.workerVersionUpdated", ({ versions: vs }) => vs.forEach((v) => versions.set(v.versionId, v.status)));
    await cdp.send("ServiceWorker.enable");
    await a.close();
    await b.close();
    for (let i = 0; ; i++) {
      const live = [...versions.values()].filter((status) => status !== "redundant");
      if (live.length === 1 && live[0] === "activated") break;
      assert.ok(i < 200, `the new worker took over once no page of the old build was open: ${JSON.stringify([...versions])}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await cdp.detach();
    await c.goto(`${site.url}?p=forms`);
    await ready(c);
    assert.deepEqual(await formsLoaded(c), [f2], "the new build's forms program");
    await c.waitForFunction((v) => caches.keys().then((k) => k.filter((n) => n.startsWith("anju-")).join() === `anju-${v}`), v2, { timeout: 10000 });
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
    assert.deepEqual(later, []);
    await context.close();
  } finally {
    site.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
