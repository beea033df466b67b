// Closed to leaks: every request of full journeys through every part of the portal goes to the
// portal's own origin, and the Content-Security-Policy refuses anything else.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { andWaitForRoute, answerQuestions, begin, phonePage, ready, openSite } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

test("full journeys through every part of the portal ask nothing of any other origin", async () => {
  const { page, context, errors } = await phonePage(browser, origin);
  // The context sees the service worker's requests as well as the page's.
  const all = [];
  context.on("request", (r) => all.push(r.url()));
  for (const [place, date] of [["lucheng", "2014-06-01"], ["shaoxing", null], ["wuxi", null], ["yuhang", null], ["haishu", "2016-06-01"]]) {
    await page.goto(url);
    await ready(page);
    await begin(page, { place, what: "all", date });
    await answerQuestions(page, {}); // every question answered "I don't know"
    await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
  }
  for (const p of ["share", "forms", "details", "form/enrolment", "form/residence", "form/marriage", "form/guardianship", "counter", "rules", "rules/lucheng-2013-164", "about"]) {
    await page.goto(`${url}?p=${p}`);
    await ready(page);
  }
  const foreign = all.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.ok(all.length > 20, `${all.length} requests recorded`);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});

test("the Content-Security-Policy refuses a request to another host", async () => {
  const { page } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /connect-src 'self'/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  const blocked = await page.evaluate(() =>
    fetch("http://127.0.0.2:9/x").then(
      () => "fetched",
      (e) => String(e),
    ),
  );
  assert.notEqual(blocked, "fetched");
  const script = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.head.appendChild(s);
    return window.__injected === true;
  });
  assert.equal(script, false, "an inline script without the build's hash does not run");
});
