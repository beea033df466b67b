// The build on a real web server, set up as README.md tells a government host: Debian's nginx
// with the `location` block of nginx-site.conf (a sub-path by `alias`, gzip_static and gzip, the
// recommended headers), run unprivileged from a temporary prefix. The headers arrive; a
// journey, its share link opened in a fresh browser, a reload offline after one visit and a
// form printed to PDF all work behind them. Skipped, saying why, only where nginx is not
// installed (.ci/setup installs it, so CI always runs it).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { andWaitForRoute, answerQuestions, begin, DIST, launch, LUCHENG_2014, phonePage, PREFIX, ready, ROOT, routeOf } from "./lib.mjs";
import { nginxBuild, nginxMissing, SITE_CONF, startNginx } from "./nginx-server.mjs";

const skip = nginxMissing() ?? false;
if (skip) console.log(`nginx.test.mjs is skipped: ${skip}`);

// nginx serves a copy of dist/ in which the stylesheet has lost its .gz and .br copies (a host
// that copied only the plain files), to see `gzip on` compress it on the fly.
let site, css, nginx, browser;
before(async () => {
  if (skip) return;
  site = mkdtempSync(join(tmpdir(), "anju-nginx-site-"));
  chmodSync(site, 0o755);
  cpSync(DIST, site, { recursive: true });
  css = readdirSync(site).find((f) => /^anju-[0-9a-f]+\.css$/.test(f));
  rmSync(join(site, `${css}.gz`));
  rmSync(join(site, `${css}.br`));
  nginx = await startNginx(site, PREFIX);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** One GET as it arrives, not decompressed: { status, headers, body }. */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const parts = [];
      res.on("data", (d) => parts.push(d));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    })
      .on("error", fail)
      .end();
  });
}

const file = (re) => {
  const name = readdirSync(DIST).find((f) => re.test(f));
  assert.ok(name, `dist/ has a file like ${re}`);
  return name;
};

/** The headers every answer of the sub-path carries. */
function assertClosed(headers, what) {
  assert.match(headers["content-security-policy"] ?? "", /frame-ancestors 'none'/, `${what}: CSP with frame-ancestors`);
  assert.equal(headers["x-content-type-options"], "nosniff", `${what}: nosniff`);
  assert.equal(headers["referrer-policy"], "no-referrer", `${what}: Referrer-Policy`);
  assert.match(headers["permissions-policy"] ?? "", /camera=\(\)/, `${what}: Permissions-Policy`);
}

test("the README gives hosts this test's nginx configuration, and Debian's nginx has gzip_static", { skip }, () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  assert.ok(readme.includes(readFileSync(SITE_CONF, "utf8")), "README.md quotes tests/browser/nginx-site.conf as it is");
  const build = nginxBuild();
  assert.match(build, /--with-http_gzip_static_module/);
  assert.doesNotMatch(build, /brotli/, "README.md says Debian's nginx has no brotli_static; update it if that changed");
});

test("nginx runs unprivileged, from its own prefix", { skip }, () => {
  const status = readFileSync(`/proc/${nginx.pid}/status`, "utf8");
  const uid = Number(status.match(/^Uid:\s+(\d+)/m)[1]);
  assert.notEqual(uid, 0, "the nginx master is not root");
  assert.equal(uid, nginx.uid);
  const conf = readFileSync(join(nginx.dir, "nginx.conf"), "utf8");
  assert.match(conf, /^daemon off;$/m);
  assert.doesNotMatch(conf, /^\s*user\s/m);
  assert.match(conf, new RegExp(`listen 127\\.0\\.0\\.1:${nginx.port};`));
});

test("nginx sends the headers a host should: CSP, nosniff, caching, wasm type and gzip", { skip }, async () => {
  const page = await get(nginx.url, { "accept-encoding": "gzip" });
  assert.equal(page.status, 200);
  assertClosed(page.headers, "index.html");
  assert.equal(page.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(page.headers["cache-control"], "no-cache");
  assert.equal(page.headers["content-encoding"], "gzip");
  // Every page is index.html with a query string: no rewrite rules needed.
  const deep = await get(`${nginx.url}?p=results`);
  assert.equal(deep.status, 200);
  assert.deepEqual(deep.body, readFileSync(join(DIST, "index.html")));

  const sw = await get(`${nginx.url}sw.js`);
  assert.equal(sw.status, 200);
  assert.equal(sw.headers["cache-control"], "no-cache");
  assert.match(sw.headers["content-type"], /javascript/);

  const wasm = file(/^anju-[0-9a-f]+_bg\.wasm$/);
  const gz = await get(nginx.url + wasm, { "accept-encoding": "gzip, deflate, br" });
  assert.equal(gz.status, 200);
  assertClosed(gz.headers, wasm);
  assert.equal(gz.headers["content-type"], "application/wasm");
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.match(gz.headers.vary ?? "", /Accept-Encoding/);
  assert.equal(gz.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.deepEqual(gz.body, readFileSync(join(DIST, `${wasm}.gz`)), "the build's own .gz copy");
  // Without gzip (brotli alone, which Debian's nginx cannot send) the file goes as it is.
  const plain = await get(nginx.url + wasm, { "accept-encoding": "br" });
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.deepEqual(plain.body, readFileSync(join(DIST, wasm)));

  // A file without a .gz copy beside it is compressed on the fly (`gzip on`).
  const fly = await get(nginx.url + css, { "accept-encoding": "gzip" });
  assert.equal(fly.status, 200);
  assert.match(fly.headers["content-type"], /^text\/css/);
  assert.equal(fly.headers["content-encoding"], "gzip", "the stylesheet, gzipped by nginx");
  assert.deepEqual(gunzipSync(fly.body), readFileSync(join(DIST, css)));
  assert.equal(fly.headers["cache-control"], "public, max-age=31536000, immutable");
  assertClosed(fly.headers, css);

  for (const hashed of [file(/^anju-[0-9a-f]+\.js$/), css, file(/^anju-forms-[0-9a-f]+_bg\.wasm$/)]) {
    const r = await get(nginx.url + hashed);
    assert.equal(r.status, 200, hashed);
    assert.match(r.headers["cache-control"], /immutable/, hashed);
  }
  const data = readdirSync(join(DIST, "data")).find((f) => f.endsWith(".bin"));
  assert.match((await get(`${nginx.url}data/${data}`)).headers["cache-control"], /immutable/, data);

  const missing = await get(`${nginx.url}no-such-file.js`);
  assert.equal(missing.status, 404);
  assertClosed(missing.headers, "a 404");
  assert.equal((await get(nginx.url.replace(PREFIX, "/"))).status, 404, "nothing outside the sub-path");
  const bare = await get(nginx.url.slice(0, -1));
  assert.equal(bare.status, 301, "the sub-path without its slash");
  assert.equal(bare.headers.location, nginx.url);
});

/** What the results page concludes, service by service. */
const outcomes = (t) => t.match(/结论\n.*|还需要您的回答\n.*|原文没有说清楚\n.*/g);

test("behind nginx's headers no other site may frame the portal", { skip }, async () => {
  const { page, context } = await phonePage(browser, nginx.origin);
  const refusals = [];
  page.on("console", (m) => /frame-ancestors/.test(m.text()) && refusals.push(m.text()));
  await page.setContent(`<iframe src="${nginx.url}" title="framed"></iframe>`);
  await page.waitForFunction(() => document.querySelector("iframe").contentWindow !== null);
  await page.waitForTimeout(1000);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(framed && !framed.url().startsWith(nginx.origin), `the frame holds no page of the portal: ${framed?.url()}`);
  assert.ok(refusals.length > 0, "Chromium refused the frame for frame-ancestors");
  await context.close();
});

test("on nginx: a journey, its share link in a fresh browser, a reload offline, a form printed", { skip }, async () => {
  const logFrom = nginx.log().length; // the 404s asked for above are logged as errors
  const { page, context, errors, foreign } = await phonePage(browser, nginx.origin);
  const encodings = new Map();
  page.on("response", async (r) => {
    if (/\.wasm$/.test(r.url())) encodings.set(r.url(), (await r.allHeaders())["content-encoding"]);
  });
  await page.goto(nginx.url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerQuestions(page, LUCHENG_2014);
  await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
  const results = await page.innerText("main");
  assert.match(results, /暂不能安排在公办学校免费就读/);
  assert.match(results, /温鹿政办〔2013〕164号 附件6 第二条/);
  assert.ok([...encodings.values()].includes("gzip"), `the app arrived gzipped: ${JSON.stringify([...encodings])}`);

  // The share link, opened in a browser that has never seen the site.
  await andWaitForRoute(page, () => page.click("a[href='?p=share']"));
  const link = await page.inputValue("#share-url");
  assert.ok(link.startsWith(`${nginx.url}`) && /#2[a-z0-9-]+\.[0-9A-Z]+$/.test(link), link);
  const other = await phonePage(browser, nginx.origin);
  await other.page.goto(link);
  await ready(other.page);
  assert.equal(routeOf(other.page), "results");
  assert.deepEqual(outcomes(await other.page.innerText("main")), outcomes(results));
  assert.deepEqual(other.errors, []);
  await other.context.close();

  // Offline after this one visit: the service worker has kept the page, the program and the
  // place's rules; the results reload without a network.
  await page.goto(`${nginx.url}?p=results`);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    const keys = (await caches.keys()).filter((k) => k.startsWith("anju-"));
    if (keys.length !== 1) return false;
    const files = (await (await caches.open(keys[0])).keys()).map((r) => r.url);
    return files.some((u) => /place-lucheng-zh-Hans/.test(u)) && files.some((u) => /anju-[0-9a-f]+_bg\.wasm$/.test(u));
  }, null, { timeout: 20000 });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.equal(routeOf(page), "results");
  assert.deepEqual(outcomes(await page.innerText("main")), outcomes(results));
  await context.setOffline(false);

  // A form, printed to PDF and read back.
  await page.goto(`${nginx.url}?p=form/enrolment`);
  await ready(page);
  const dir = mkdtempSync(join(tmpdir(), "anju-nginx-pdf-"));
  try {
    writeFileSync(join(dir, "form.pdf"), await page.pdf({ preferCSSPageSize: true }));
    const text = execFileSync("pdftotext", [join(dir, "form.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    assert.ok(text.includes("学生姓名"), "the enrolment form's boxes");
    assert.ok(text.includes("2007年3月15日"), "the child's birth date from the journey");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  assert.deepEqual(foreign(), []);
  // No Content-Security-Policy refusal, nor any other error, behind nginx's headers.
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
  assert.doesNotMatch(nginx.log().slice(logFrom), /\[(error|crit|alert|emerg)\]/);
  await context.close();
});
