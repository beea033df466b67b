// A counter PC and a family phone are shared: identity details live only as long as their tab
// unless the person keeps them; a counter tab keeps nothing of a household beyond it and clears
// after a while without input; a share link never overwrites saved answers unasked, and a
// second link opened in the same tab is opened like the first. Also the input edges seen: a
// date after the day asked about, an ID number typed with spaces or full-width characters.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { andWaitForRoute, answerOne, answerQuestions, begin, LUCHENG_2014, phonePage, ready, routeOf, openSite, ROOT } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

/** Every value the portal keeps in a page's storage, tab and device alike. */
const keptText = (page) =>
  page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)).join("\n"));

/** A share link's fragment for an answers file, as the portal writes it. */
function link(answers) {
  const file = join(mkdtempSync(join(tmpdir(), "anju-link-")), "answers.json");
  writeFileSync(file, JSON.stringify(answers));
  return "#" + execFileSync("cargo", ["run", "-q", "--bin", "anju-eval", "--", file, "--link"], { cwd: ROOT, encoding: "utf8" }).trim();
}

const HOUSEHOLD = { v: 1, place: "lucheng", date: "2014-06-01", services: ["school"], facts: { child_hukou_here: false, child_birth_date: "2007-03-15" } };

test("identity details typed for a form are gone in a new tab, unless kept on this phone, and 'forget' removes them", async () => {
  const { page, context, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=details`);
  await ready(page);
  await page.fill("#applicant-name", "王建国");
  await page.fill("#applicant-phone", "13800138000");
  await andWaitForRoute(page, () => page.click("button[type=submit]"));
  assert.match(await keptText(page), /王建国/, "kept in this tab");
  assert.doesNotMatch(await page.evaluate(() => JSON.stringify(localStorage)), /王建国/, "not on the device");
  // A new tab on the same browser (a counter PC's next person, a family phone) finds nothing.
  const second = await context.newPage();
  await second.goto(`${url}?p=details`);
  await ready(second);
  assert.equal(await second.inputValue("#applicant-name"), "");
  assert.doesNotMatch(await keptText(second), /王建国|13800138000/);
  // Kept on this phone by choice, they are there in a new tab; forgotten, they are gone.
  await page.goto(`${url}?p=details`);
  await ready(page);
  assert.equal(await page.inputValue("#applicant-name"), "王建国");
  await page.check("#details-keep");
  await andWaitForRoute(page, () => page.click("button[type=submit]"));
  const third = await context.newPage();
  await third.goto(`${url}?p=details`);
  await ready(third);
  assert.equal(await third.inputValue("#applicant-name"), "王建国");
  await third.click("button.warning");
  await third.waitForSelector("[role=status]");
  assert.equal(await third.inputValue("#applicant-name"), "");
  assert.doesNotMatch(await keptText(third), /王建国|13800138000/);
  assert.deepEqual(errors, []);
});

test("an ID number typed with spaces and full-width digits is kept as the standard writes it", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=details`);
  await ready(page);
  await page.fill("#child-id", "１１０１０５ １９４９１２３１ ００２ｘ");
  await andWaitForRoute(page, () => page.click("button[type=submit]"));
  assert.match(await keptText(page), /11010519491231002X/);
  await page.goto(`${url}?p=details`);
  await ready(page);
  assert.equal(await page.inputValue("#child-id"), "11010519491231002X");
  assert.deepEqual(errors, []);
});

test("a counter tab keeps nothing of a household in a new tab, and clears after a while without input", async () => {
  const { page, context, errors } = await phonePage(browser, origin, { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });
  // A short delay for the test (offices get ten minutes, src/ui/pages/counter.rs), long enough
  // that a busy machine types the household before it runs out.
  await page.goto(`${url}?p=counter`);
  await ready(page);
  await page.evaluate(() => sessionStorage.setItem("anju.counter-idle-seconds", "8"));
  await page.reload();
  await ready(page);
  await page.check("#counter-place-lucheng");
  await page.fill("#counter-date", "2014-06-01");
  await page.fill("#f-child_birth_date", "2007-03-15");
  await page.press("#f-child_birth_date", "Enter");
  await page.waitForSelector(".counter-summary");
  // The QR code is there once calculated; a box changed since marks the results stale.
  assert.equal(await page.locator(".counter-qr").count(), 1);
  await page.fill("#f-child_birth_date", "2007-03-16");
  await page.waitForSelector(".counter-stale");
  assert.equal(await page.locator(".counter-qr").count(), 0, "no QR for answers not calculated");
  await page.press("#f-child_birth_date", "Enter");
  await page.waitForFunction(() => !document.querySelector(".counter-stale"));
  // A new tab: the journey and counter mode start empty.
  const other = await context.newPage();
  await other.goto(`${url}?p=counter`);
  await ready(other);
  assert.doesNotMatch(await keptText(other), /2007-03-16/);
  assert.equal(await other.locator(".counter-summary").count(), 0);
  await other.close();
  // Left alone, the counter offers to clear, then clears.
  await page.waitForSelector(".counter-idle", { timeout: 20000 });
  await page.waitForSelector(".counter-results .counter-empty", { timeout: 20000 });
  assert.doesNotMatch(await keptText(page), /2007-03-16|lucheng/);
  assert.deepEqual(errors, []);
});

test("a share link opened on a phone with other saved answers asks which to keep, and keeps them until told", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "haishu", what: "school", date: "2016-06-01" });
  await answerOne(page, LUCHENG_2014);
  const saved = await page.evaluate(() => localStorage.getItem("anju.answers"));
  await page.goto(`${url}?p=results${link(HOUSEHOLD)}`);
  await ready(page);
  assert.match(await page.innerText(".notice"), /不同/);
  assert.match(await page.innerText("main"), /鹿城区/, "the link's answers are shown");
  assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers")), saved, "not saved until chosen");
  // Going back to the saved answers drops the link's.
  await page.click(".notice button.secondary");
  await page.waitForFunction(() => !document.querySelector(".notice"));
  assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers")), saved);
  assert.match(await page.innerText("main"), /海曙区/);
  // Opened again, one tap keeps the link's answers.
  await page.goto(`${url}?p=results${link(HOUSEHOLD)}`);
  await ready(page);
  await page.click(".notice button.button:not(.secondary)");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("anju.answers")).place === "lucheng");
  assert.deepEqual(errors, []);
});

test("a second share link opened in the same tab is opened like the first", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=results${link(HOUSEHOLD)}`);
  await ready(page);
  assert.match(await page.innerText(".notice"), /已打开分享链接/);
  assert.match(await page.innerText("main"), /鹿城区/);
  // Only the fragment changes: a chat app opening a second link in the same tab.
  const second = link({ ...HOUSEHOLD, place: "haishu", date: "2016-06-01" });
  await page.evaluate((h) => (location.hash = h), second);
  await page.waitForFunction(() => /海曙区/.test(document.querySelector("main").innerText), null, { timeout: 10000 });
  assert.match(await page.innerText(".notice"), /不同/, "the first link's answers were saved, so it asks");
  assert.equal(routeOf(page), "results");
  assert.deepEqual(errors, []);
});

test("a child's birth date after the day asked about is refused with a sentence, other answers kept", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerOne(page, LUCHENG_2014);
  assert.equal(routeOf(page), "q/child_birth_date");
  await page.fill("#answer-a", "2015");
  await page.fill("#answer-b", "3");
  await page.fill("#answer-c", "1");
  await page.click("button[type=submit]");
  await page.waitForSelector(".field-error");
  assert.match(await page.innerText(".field-error"), /晚于查询的日期/);
  assert.equal(routeOf(page), "q/child_birth_date");
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem("anju.answers")));
  assert.equal(saved.facts.child_hukou_here, false, "the other answers are kept");
  assert.equal(saved.facts.child_birth_date, undefined, "the impossible date is not");
  assert.deepEqual(errors, []);
});
