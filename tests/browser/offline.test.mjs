// The start page as plain HTML before the app (and without JavaScript at all), the app taking
// its place with what was typed, and the whole portal working offline after one visit.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { andWaitForRoute, answerQuestions, axe, begin, LUCHENG_2014, openSite, phonePage, ready, routeOf } from "./lib.mjs";

let browser, url, origin, site;

/** Holds the app's wasm back until the returned function is called. */
async function holdApp(page) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

test("without JavaScript the start page shows and its form submits the choices", async () => {
  const { page, context } = await phonePage(browser, origin, { javaScriptEnabled: false });
  await page.goto(url);
  assert.match(await page.innerText("main h1"), /查一查/);
  await page.check("#place-haishu");
  await page.check("#what-school");
  await Promise.all([page.waitForURL(/p=begin/), page.click("button.start")]);
  const params = new URL(page.url()).searchParams;
  assert.equal(params.get("place"), "haishu");
  assert.equal(params.get("what"), "school");
  await context.close();
});

test("the plain start page and the app's start page have the same fields and words", async () => {
  const plain = await phonePage(browser, origin, { javaScriptEnabled: false });
  await plain.page.goto(url);
  const app = await phonePage(browser, origin);
  await app.page.goto(`${url}?p=start`);
  await ready(app.page);
  const shape = (page) =>
    page.$$eval("main input:not([type=hidden]), main h1, main legend, main label, main button, main a", (els) =>
      els.filter((e) => e.checkVisibility()).map((e) => `${e.tagName}#${e.id}|${e.getAttribute("name") ?? ""}|${e.textContent.trim()}`),
    );
  assert.deepEqual(await shape(app.page), await shape(plain.page));
  assert.deepEqual(app.errors, []);
});

test("a place chosen before the app arrives is still chosen when it takes over", async () => {
  // Hold the app back until the choice is made (without a service worker, which would fetch
  // the app itself).
  const { page, errors } = await phonePage(browser, origin, { serviceWorkers: "block" });
  const release = await holdApp(page);
  await page.goto(url);
  await page.check("#place-wuxi");
  release();
  await page.waitForFunction(() => !document.getElementById("static-start"));
  await ready(page);
  assert.ok(await page.isChecked("#place-wuxi"));
  assert.deepEqual(errors, []);
});

test("the start form submitted before the app arrives begins the journey", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=begin&place=lucheng&what=school&when=other&y=2014&m=6&d=1`);
  await page.waitForFunction(() => new URLSearchParams(location.search).get("p")?.startsWith("q/"));
  await ready(page);
  assert.equal(routeOf(page), "q/child_hukou_here");
  // It replaced the submitted address, so Back does not submit it again.
  assert.ok(!(await page.evaluate(() => history.length > 2 && location.search.includes("begin"))));
  assert.deepEqual(errors, []);
});

test("after one visit the portal works offline: reload, a whole journey, a printed form", async () => {
  const { page, context, errors } = await phonePage(browser, origin);
  // The forms are a family of their own, kept once opened (program and stylesheet); the journey
  // is kept on the first visit, and a place's rules once it is chosen.
  await page.goto(`${url}?p=forms`);
  await ready(page);
  await page.goto(url);
  await ready(page);
  await page.check("#place-lucheng");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    const keys = (await caches.keys()).filter((k) => k.startsWith("anju-"));
    if (keys.length !== 1) return false;
    const files = (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname.split("/").pop());
    // Every file the offline journey and form below use: kept by the worker's install, by the
    // loader as each was fetched, or by the worker as it was used, each in its own time.
    const needed = [
      /^$/,
      /^anju-[0-9a-f]+\.css$/,
      /^anju-journey-[0-9a-f]+\.css$/,
      /^anju-[0-9a-f]+\.js$/,
      /^anju-[0-9a-f]+_bg\.wasm$/,
      /^text-zh-Hans-/,
      /^index-zh-Hans-/,
      /^place-lucheng-zh-Hans-/,
      /^clauses-lucheng-/,
      /^anju-forms-[0-9a-f]+\.js$/,
      /^anju-forms-[0-9a-f]+_bg\.wasm$/,
      /^anju-forms-[0-9a-f]+\.css$/,
    ];
    return needed.every((re) => files.some((f) => re.test(f)));
  });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerQuestions(page, { ...LUCHENG_2014, insurance_months_here: { months: 14 } });
  await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
  assert.match(await page.innerText("main"), /符合在鹿城区公办学校免费接受义务教育的条件/);
  // A deep link opened offline is served too.
  await page.goto(`${url}?p=form/enrolment`);
  await ready(page);
  // With the forms' own stylesheet, kept when they were first opened.
  assert.equal(await page.locator(".form-table").first().evaluate((t) => getComputedStyle(t).borderCollapse), "collapse");
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.ok(pdf.length > 1000, "a form printed offline");
  await context.setOffline(false);
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
});

test("a new build replaces the cache whole: no page mixes two builds", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith("anju-")));
  const caches1 = await page.evaluate(() => caches.keys());
  assert.equal(caches1.filter((k) => k.startsWith("anju-")).length, 1, "one cache, of this build");
  // Every file this build's page uses is in that one cache.
  const inCache = await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    const used = performance.getEntriesByType("resource").map((e) => e.name).filter((u) => /\.(js|wasm|css)$/.test(u));
    return Promise.all(used.map(async (u) => [u, Boolean(await cache.match(u))]));
  }, caches1[0]);
  for (const [u, ok] of inCache) assert.ok(ok, `${u} is in the build's cache`);
  assert.deepEqual(errors, []);
});

test("the language and large-text buttons answer before the app arrives, and the app keeps the choice", async () => {
  const { page, errors } = await phonePage(browser, origin, { serviceWorkers: "block" });
  const release = await holdApp(page);
  await page.goto(url);
  await page.click("#static-start button.lang-choice[lang=en]");
  assert.equal(await page.getAttribute("#static-start button.lang-choice[lang=en]", "aria-pressed"), "true");
  await page.click("#static-start button.mode-choice");
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("large")), "large text at once");
  release();
  await ready(page);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.innerText("main h1"), /Check what you qualify for/);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("large")));
  assert.deepEqual(errors, []);
});

test("the plain start page passes axe before the app starts", async () => {
  const { page, errors } = await phonePage(browser, origin, { serviceWorkers: "block" });
  await page.goto(url);
  await page.waitForSelector("#static-start main h1");
  assert.deepEqual(await axe(page), []);
  assert.ok(await page.$("#static-start"), "still the plain page");
  assert.deepEqual(errors, []);
});
