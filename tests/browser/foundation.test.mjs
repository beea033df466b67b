// The foundation: the release build, served under a sub-path by a plain static server, shows the
// start page on a phone, follows a link to a service page, survives a reload there, goes back,
// and asks nothing of any other origin; each page family has its own stylesheets, applied
// before its program draws, and every stylesheet served says what its source says.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { andWaitForRoute, DIST, phonePage, PREFIX, ready, ROOT, routeOf, openSite } from "./lib.mjs";

let browser, url, requests, site;
before(async () => ({ browser, url, requests } = site = await openSite()));
after(() => site?.close());

test("the start page names the four groups of services and the places covered, at 360 px", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(url);
  await ready(page);
  assert.equal(await page.getAttribute("html", "lang"), "zh-Hans");
  const text = await page.innerText("main");
  for (const service of ["子女入学", "社会保险", "居住证与相关证明", "其他服务与权益"]) assert.ok(text.includes(service), service);
  for (const place of ["温州市鹿城区", "宁波市海曙区", "绍兴市", "无锡市"]) assert.ok(text.includes(place), place);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width}px wide at a 360px viewport`);
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("a service page is reached by a link, survives a reload under the sub-path, and Back returns", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(url);
  await ready(page);
  await andWaitForRoute(page, () => page.click("a[href='?p=service/school']"));
  assert.equal(routeOf(page), "service/school");
  assert.equal(await page.innerText("main h1"), "子女入学");
  assert.ok(new URL(page.url()).pathname.startsWith(PREFIX));

  await page.reload();
  await ready(page);
  assert.equal(routeOf(page), "service/school");
  assert.equal(await page.innerText("main h1"), "子女入学");

  await page.goBack();
  await page.waitForFunction(() => !location.search.includes("service"));
  await ready(page);
  assert.equal(routeOf(page), "start");
  assert.ok((await page.innerText("main h1")).includes("查一查"));
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("every page the portal asked the server for was under the sub-path and was found", async () => {
  assert.ok(requests.length > 0);
  for (const path of requests) assert.ok(path.startsWith(PREFIX), `request outside ${PREFIX}: ${path}`);
});

test("a deep link to an unknown page says so instead of going blank", async () => {
  const { page, errors } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=no-such-page`);
  await ready(page);
  assert.equal(await page.innerText("main h1"), "找不到这个页面");
  assert.deepEqual(errors, []);
});

/** The stylesheets the page has, by source name (`anju-forms` for anju-forms-<hash>.css). */
const sheets = (page) =>
  page.evaluate(() => [...document.styleSheets].map((s) => new URL(s.href).pathname.split("/").pop().replace(/-[0-9a-f]{16}\.css$/, "")));

test("each family adds its own stylesheet to the one every page links", async () => {
  const expected = [
    ["", ["anju", "anju-journey"]],
    ["?p=service/school", ["anju", "anju-journey"]],
    ["?p=forms", ["anju", "anju-forms"]],
    ["?p=rules", ["anju", "anju-rules"]],
    // The draft check is the explorer's page, in a program of its own.
    ["?p=draft", ["anju", "anju-rules"]],
    // Counter mode shows the household's deadlines and prints the materials checklist with the
    // forms' footer and QR code.
    ["?p=counter", ["anju", "anju-journey", "anju-forms", "anju-counter"]],
  ];
  const { page, errors } = await phonePage(browser, new URL(url).origin);
  for (const [path, names] of expected) {
    await page.goto(url + path);
    await ready(page);
    assert.deepEqual(await sheets(page), names, `stylesheets of ${path || "the start page"}`);
  }
  assert.deepEqual(errors, []);
});

test("a family's program draws its page only once its stylesheet applies", async () => {
  const { page, errors } = await phonePage(browser, new URL(url).origin, { serviceWorkers: "block" });
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/anju-rules-[0-9a-f]{16}\.css$/, async (route) => {
    await held;
    await route.continue();
  });
  const program = page.waitForResponse(/anju-rules-[0-9a-f]{16}_bg\.wasm$/);
  // The held stylesheet holds the load event back too.
  await page.goto(`${url}?p=rules`, { waitUntil: "commit" });
  await (await program).finished();
  await page.waitForTimeout(1000);
  assert.ok(await page.$("#shell"), "the loading shell stays while the stylesheet is on its way");
  assert.equal(await page.$(".ex-doc"), null);
  release();
  await ready(page);
  const doc = page.locator(".ex-doc").first();
  assert.equal(await doc.evaluate((e) => getComputedStyle(e).borderBottomStyle), "solid", "the explorer's rules apply");
  assert.deepEqual(errors, []);
});

test("each stylesheet served gives the rules of its source in public/", async () => {
  const { page } = await phonePage(browser, new URL(url).origin);
  await page.goto("about:blank");
  const rules = (css) =>
    page.evaluate((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return [...sheet.cssRules].map((r) => r.cssText);
    }, css);
  const served = readdirSync(DIST).filter((f) => f.endsWith(".css"));
  assert.deepEqual(served.map((f) => f.replace(/-[0-9a-f]{16}\.css$/, "")).sort(), ["anju", "anju-counter", "anju-forms", "anju-journey", "anju-rules"]);
  for (const file of served) {
    const source = readFileSync(join(ROOT, "public", file.replace(/-[0-9a-f]{16}\.css$/, ".css")), "utf8");
    const text = readFileSync(join(DIST, file), "utf8");
    assert.ok(text.length < source.length, `${file} is served smaller than its source`);
    assert.deepEqual(await rules(text), await rules(source), `${file} says what its source says`);
  }
});
