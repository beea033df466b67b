// The answer first, for every household of the policy cases: opened from its share link on a
// phone (360×740), the first result's answer and what decides it sit within the first screen,
// and the results of one service, details closed, are a few screens at most — in all three
// languages. axe finds nothing on them.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { axe, phonePage, ready, openSite, ROOT } from "./lib.mjs";

let site;
before(async () => (site = await openSite()));
after(() => site?.close());

/** Every policy case's household and its share link (src/bin/anju-eval.rs --case-links). */
const CASES = execFileSync("cargo", ["run", "-q", "--bin", "anju-eval", "--", "--case-links"], { cwd: ROOT, encoding: "utf8" })
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));

// Households asking about one service, each link once.
const ONE_SERVICE = [...new Map(CASES.filter((c) => c.services.length === 1).map((c) => [c.link, c])).values()];
const SCREEN = 740;
// Details closed, one service's results are a few screens: the steps for this household with
// their clauses stay open. English runs about a quarter longer than Chinese on a phone.
const MAX_SCREENS = { "zh-Hans": 4, "zh-Hant": 4, en: 5 };

/** Where the first answer and its deciding line end, and how tall the page is. */
async function measure(page) {
  return page.evaluate(() => {
    const answer = document.querySelector(".answer");
    const bottom = (el) => (el ? el.getBoundingClientRect().bottom + window.scrollY : null);
    const sentence = answer?.querySelector(".answer-sentence");
    // What decides it: what is still needed, the questions that settle it, the advice for an
    // answer the text leaves open, rules past their last known day or another rule in force
    // that disagrees; the first of these.
    const decides = answer?.querySelector(".answer-needed li, .answer-questions li, .answer-advice, .answer-possible li, .answer-lapsed p, .answer-conflict p");
    // The services' results end where the household's own deadlines begin (a section of their
    // own after every service, as long as the household has deadlines).
    const results = document.querySelector("main .results-body");
    return { sentence: bottom(sentence), decides: bottom(decides), height: bottom(results) ?? document.documentElement.scrollHeight, hasAnswer: !!answer };
  });
}

for (const [lang, sample] of [
  ["zh-Hans", 1],
  ["en", 3],
  ["zh-Hant", 5],
]) {
  test(`in ${lang}, every household's answer and what decides it are on the first screen, and one service is a few screens`, async () => {
    const { page, context, errors } = await phonePage(site.browser, site.origin);
    await context.addInitScript((l) => location.protocol.startsWith("http") && localStorage.setItem("anju.lang", l), lang);
    const late = [];
    const long = [];
    let checked = 0;
    for (const [i, c] of ONE_SERVICE.entries()) {
      if (i % sample !== 0) continue;
      // Each link opened as from a QR code: a fresh load, nothing saved before.
      await page.evaluate(() => localStorage.removeItem("anju.answers")).catch(() => {});
      await page.goto("about:blank");
      await page.goto(`${site.url}?p=results#${c.link}`);
      await ready(page);
      // The one-line notice that the link was opened stays: the answer must fit below it.
      assert.equal(await page.locator(".notice-brief").count(), 1, `${c.name}: the link is said to be opened`);
      const m = await measure(page);
      if (!m.hasAnswer) continue; // no rule on file for the date: a panel says so, checked elsewhere
      checked++;
      if (m.sentence > SCREEN || (m.decides !== null && m.decides > SCREEN)) late.push(`${c.name}: answer ends at ${Math.round(m.sentence)}, its reason at ${Math.round(m.decides ?? 0)} px`);
      if (m.height > MAX_SCREENS[lang] * SCREEN) long.push(`${c.name}: ${(m.height / SCREEN).toFixed(1)} screens`);
      if (i % (sample * 25) === 0) for (const v of await axe(page)) late.push(`${c.name}: axe: ${v}`);
    }
    assert.ok(checked > 20, `${checked} households checked`);
    assert.deepEqual(late, []);
    assert.deepEqual(long, []);
    assert.deepEqual(errors, []);
  });
}
