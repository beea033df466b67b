// Everyone can use it: axe-core on every page of a journey in all three languages, a journey by
// keyboard alone, focus on each new page's heading and on the error summary, the page at 320 px
// with text at 200%, the larger-text mode remembered, and results in a sensible heading order.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { andWaitForRoute, answerOne, answerQuestions, axe, begin, LUCHENG_2014, phonePage, ready, routeOf, openSite, chooseLanguage } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

// The Lucheng household, holding a temporary permit of a year (an ambiguous case).
const HOUSEHOLD = {
  ...LUCHENG_2014,
  parent_permit: "temporary_permit",
  temporary_permit_term: { months: 12 },
};

const LANGS = [
  ["zh-Hans", "简体"],
  ["zh-Hant", "繁體"],
  ["en", "English"],
];

for (const [tag, button] of LANGS) {
  test(`axe finds no violation on any page of a journey in ${tag}`, async () => {
    const { page, errors } = await phonePage(browser, origin);
    await page.goto(url);
    await ready(page);
    await chooseLanguage(page, tag);
    assert.equal(await page.getAttribute("html", "lang"), tag);
    assert.equal(await page.innerText(`button.lang-choice[lang=${tag}]`), button);
    const problems = [];
    const check = async (where) => {
      for (const v of await axe(page)) problems.push(`${where}: ${v}`);
    };
    await check("start");
    await begin(page, { place: "lucheng", what: "all", date: "2014-06-01" });
    // Every question page on the way.
    for (let i = 0; i < 60 && routeOf(page).startsWith("q/"); i++) {
      await check(routeOf(page));
      await answerOne(page, HOUSEHOLD);
    }
    assert.equal(routeOf(page), "check");
    await check("check");
    await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
    await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
    await check("results (details open)");
    for (const p of ["share", "forms", "details", "form/enrolment", "form/guardianship", "about", "service/school", "rules", "counter", "no-such-page"]) {
      await page.goto(`${url}?p=${p}`);
      await ready(page);
      await check(p);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
}

test("axe finds no violation on any question page", async () => {
  // The journey above walks one household's questions; here every question of the catalogue is
  // opened directly, in each language.
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  const problems = [];
  for (const [tag] of LANGS) {
    await chooseLanguage(page, tag);
    for (const fact of ["child_birth_date", "child_hukou_here", "parent_permit", "residence_here_since", "work_kind", "labour_contract_term", "planned_stay_days", "move_purpose"]) {
      await page.goto(`${url}?p=q/${fact}`);
      await ready(page);
      await page.click("button[type=submit]"); // an empty answer: the error state too
      await page.waitForSelector(".error-summary");
      for (const v of await axe(page)) problems.push(`${tag} q/${fact}: ${v}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
});

/** Presses Tab until the focused element matches `selector` (at most 30 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Answers the question on screen with the keyboard only. */
async function keyboardAnswer(page, value) {
  const before = page.url();
  if (value === true || value === false || typeof value === "string" && !/^\d{4}-/.test(value)) {
    const id = value === true ? "answer-yes" : value === false ? "answer-no" : `answer-${value}`;
    await tabTo(page, "input[type=radio]");
    for (let i = 0; i < 10 && !(await page.evaluate((id) => document.activeElement?.id === id, id)); i++) {
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Space");
    assert.ok(await page.isChecked(`#${id}`), `${id} is checked`);
  } else {
    const parts = typeof value === "object" ? [String(Math.floor(value.months / 12)), String(value.months % 12)] : value.split("-").map((p) => String(Number(p)));
    await tabTo(page, "#answer-a");
    for (const [i, part] of parts.entries()) {
      if (i > 0) await page.keyboard.press("Tab");
      await page.keyboard.type(part);
    }
  }
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  await page.waitForFunction((old) => location.href !== old, before);
  await ready(page);
}

test("a whole journey works by keyboard alone, with focus on each new page's heading", async () => {
  const { page, errors } = await phonePage(browser, origin, { isMobile: false, hasTouch: false });
  await page.goto(url);
  await ready(page);
  await tabTo(page, "#place-lucheng");
  await page.keyboard.press("Space");
  await tabTo(page, "#what-all, #what-school, input[name=what]");
  for (let i = 0; i < 4 && !(await page.isChecked("#what-school")); i++) await page.keyboard.press("ArrowDown");
  await tabTo(page, "#when-today, #when-other");
  await page.keyboard.press("ArrowDown"); // another date
  await tabTo(page, "#date-year");
  await page.keyboard.type("2014");
  await page.keyboard.press("Tab");
  await page.keyboard.type("6");
  await page.keyboard.press("Tab");
  await page.keyboard.type("1");
  await tabTo(page, "button.start");
  const start = page.url();
  await page.keyboard.press("Enter");
  await page.waitForFunction((old) => location.href !== old, start);
  await ready(page);
  for (let i = 0; i < 40 && routeOf(page).startsWith("q/"); i++) {
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1", `focus on the heading of ${routeOf(page)}`);
    const fact = routeOf(page).slice(2);
    await keyboardAnswer(page, HOUSEHOLD[fact] ?? false);
  }
  assert.equal(routeOf(page), "check");
  await tabTo(page, "a.button[href='?p=results']");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.search.includes("results"));
  await ready(page);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1");
  assert.match(await page.innerText("main"), /临时居住证/);
  assert.deepEqual(errors, []);
});

test("an error moves focus to the error summary, whose link leads to the field", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=q/child_birth_date`);
  await ready(page);
  await page.click("button[type=submit]");
  await page.waitForSelector(".error-summary");
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")));
  await page.click(".error-summary a");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "answer-a");
  assert.deepEqual(errors, []);
});

test("at 320 px with text at 200% no page scrolls sideways", async () => {
  const { page, errors } = await phonePage(browser, origin, { viewport: { width: 320, height: 640 } });
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerQuestions(page, HOUSEHOLD);
  const wide = [];
  for (const p of ["start", "q/child_birth_date", "q/work_kind", "check", "results", "share", "forms", "details", "form/enrolment", "about", "rules", "counter"]) {
    await page.goto(`${url}?p=${p}`);
    await ready(page);
    await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
    await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    if (scroll > client + 1) wide.push(`${p}: ${scroll}px wide in ${client}px`);
  }
  assert.deepEqual(wide, []);
  assert.deepEqual(errors, []);
});

test("the larger-text mode switches on, is remembered, and can be switched off", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();
  await page.click("button.mode-choice");
  assert.equal(await page.getAttribute("button.mode-choice", "aria-pressed"), "true");
  assert.ok((await size()) > normal * 1.2, "text is larger");
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("large")), "remembered");
  await page.click("button.mode-choice");
  assert.equal(await size(), normal);
  assert.deepEqual(errors, []);
});

test("results read in a sensible order: headings never skip a level", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "all", date: "2014-06-01" });
  await answerQuestions(page, HOUSEHOLD);
  await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
  const levels = await page.$$eval("main h1, main h2, main h3, main h4, main h5", (hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(levels[0], 1);
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `h${levels[i - 1]} then h${levels[i]}`);
  assert.deepEqual(errors, []);
});
