// The rules explorer: reached from every page's footer at 360 px, it lists documents with their
// status, opens a document with every rule as a table whose clauses open to their exact words,
// and searches clauses and rules, each result leading to its anchor on the document page. The
// same in English. Nothing is asked of another origin and nothing is logged as an error.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { andWaitForRoute, phonePage, ready, routeOf, openSite, chooseLanguage } from "./lib.mjs";

let browser, url, site;
before(async () => ({ browser, url } = site = await openSite()));
after(() => site?.close());

const LUCHENG = "?p=rules/lucheng-2013-164";
const ELIGIBLE = "rule-lucheng-school-2013-enrolment-eligible";
const TOO_YOUNG = "rule-lucheng-school-2013-enrolment-too-young";

async function pageWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The id of the focused element, once the page has moved focus to it. */
async function waitForFocus(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 10000 });
}

async function inViewport(page, id) {
  return page.evaluate((want) => {
    const r = document.getElementById(want).getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  }, id);
}

async function search(page, words) {
  await page.fill("#explorer-q", words);
  await page.waitForSelector(".ex-results");
}

test("the footer leads to the explorer, which opens a document whose rules show their clauses' words, at 360 px", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(url);
  await ready(page);
  await andWaitForRoute(page, () => page.click("footer a[href='?p=rules']"));
  assert.equal(routeOf(page), "rules");
  assert.equal(await page.innerText("main h1"), "依据:文件和规则");
  assert.ok((await page.title()).startsWith("依据:文件和规则 · "), await page.title());

  // The index: documents by place with their status and dates, and the rule sets by service.
  const lucheng = page.locator(".ex-doc", { has: page.locator(`a[href='${LUCHENG}']`) });
  assert.equal(await lucheng.locator(".ex-doc-link").innerText(), "温鹿政办〔2013〕164号");
  assert.equal(await lucheng.locator(".ex-status").innerText(), "已废止");
  assert.match(await lucheng.locator(".meta").innerText(), /2013年7月19日/);
  assert.ok(await page.locator("a[href='?p=rules/lucheng-2013-164#ruleset-lucheng-school-2013']").count());
  assert.ok((await pageWidth(page)) <= 360, `explorer is ${await pageWidth(page)}px wide`);

  await andWaitForRoute(page, () => page.click(`.ex-doc a[href='${LUCHENG}']`));
  assert.equal(routeOf(page), "rules/lucheng-2013-164");
  assert.equal(await page.innerText("main h1"), "温鹿政办〔2013〕164号");
  assert.match(await page.innerText(".ex-meta"), /有效性: 废止/);

  // The rule that grants a free place: its conditions as a table, each with its clause.
  const rule = page.locator(`#${ELIGIBLE}`);
  assert.match(await rule.locator("h4").innerText(), /规则 \d+\s+符合条件/);
  const row = rule.locator("tr", { has: page.locator(".ex-cond", { hasText: /^有相对固定居所\(含租赁\)$/ }) });
  assert.match(await row.innerText(), /回答“是”/);
  const cite = row.locator("details.clause");
  assert.equal(await cite.locator("summary").innerText(), "温鹿政办〔2013〕164号 附件6 第二条");
  assert.equal(await cite.locator("blockquote").isVisible(), false);
  await cite.locator("summary").click();
  const words = await cite.locator("blockquote").innerText();
  assert.match(words, /^第二条\s凡在户籍所在地有监护条件的新居民子女/);
  assert.ok(words.includes("有相对固定居所(含租赁)的,可在我区公办学校接受免费义务教育"));
  // Which cases test it.
  await rule.locator(".ex-cases summary").click();
  assert.match(
    await rule.locator(".ex-cases").innerText(),
    /A child who turns 6 on the question date is old enough for Lucheng public school enrolment/,
  );
  // The clause itself, in full, further up the page.
  assert.match(await page.innerText("#clause-annex6\\.art2 blockquote"), /有相对固定居所\(含租赁\)/);
  // The tables stack at 360 px: nothing wider than the screen.
  assert.ok((await pageWidth(page)) <= 360, `document page is ${await pageWidth(page)}px wide`);
  assert.equal(await row.locator("td").first().evaluate((td) => getComputedStyle(td).display), "block");

  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("search finds a clause's words and a rule's summary, and each hit leads to its place in the document", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=rules`);
  await ready(page);

  await search(page, "有相对固定居所");
  assert.match(await page.innerText(".ex-results [role=status]"), /找到 \d+ 处/);
  assert.equal(new URL(page.url()).searchParams.get("q"), "有相对固定居所");
  const clauseHref = `a[href='${LUCHENG}#clause-annex6.art2']`;
  const clauseHit = page.locator(`.ex-hit ${clauseHref}`);
  assert.equal(await clauseHit.innerText(), "温鹿政办〔2013〕164号 附件6 第二条");
  const hitItem = page.locator(".ex-hit", { has: page.locator(clauseHref) });
  assert.equal(await hitItem.locator("mark").innerText(), "有相对固定居所");
  // The rule whose condition says so is found too.
  assert.ok(await page.locator(`.ex-hit a[href='${LUCHENG}#${ELIGIBLE}']`).count());

  await andWaitForRoute(page, () => clauseHit.click());
  assert.equal(routeOf(page), "rules/lucheng-2013-164");
  assert.equal(new URL(page.url()).hash, "#clause-annex6.art2");
  await waitForFocus(page, "clause-annex6.art2");
  assert.ok(await inViewport(page, "clause-annex6.art2"), "the clause is scrolled into view");

  // Back returns to the same results.
  await page.goBack();
  await page.waitForSelector(".ex-results");
  assert.equal(routeOf(page), "rules");
  assert.equal(await page.inputValue("#explorer-q"), "有相对固定居所");

  // A rule's summary; Enter moves to the results like a form that loads them.
  await search(page, "不到办法规定的入学年龄");
  await page.press("#explorer-q", "Enter");
  await waitForFocus(page, "explorer-results-title");
  const ruleHit = page.locator(`.ex-hit a[href='${LUCHENG}#${TOO_YOUNG}']`);
  assert.match(await ruleHit.innerText(), /^孩子还不满6周岁/);
  await andWaitForRoute(page, () => ruleHit.click());
  await waitForFocus(page, TOO_YOUNG);
  assert.ok(await inViewport(page, TOO_YOUNG), "the rule is scrolled into view");
  assert.match(await page.innerText(`#${TOO_YOUNG}`), /按“孩子的出生日期/);

  // A search that finds nothing says so.
  await page.goto(`${url}?p=rules&q=${encodeURIComponent("没有这样的字词")}`);
  await ready(page);
  assert.match(await page.innerText(".ex-results"), /没有找到“没有这样的字词”/);

  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("in English the explorer finds an English rule summary and shows the rule with its clause in Chinese", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(url);
  await ready(page);
  await chooseLanguage(page, "en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await andWaitForRoute(page, () => page.click("footer a[href='?p=rules']"));
  assert.equal(await page.innerText("main h1"), "Sources: documents and rules");
  assert.equal(await page.innerText("label[for=explorer-q]"), "Search documents, clauses and rules");

  await search(page, "Below the age the rules cover");
  const hitHref = `a[href='${LUCHENG}#${TOO_YOUNG}']`;
  const hit = page.locator(`.ex-hit ${hitHref}`);
  assert.equal(await hit.innerText(), "The child is not yet 6, below the age the rules cover (6 to 15).");
  assert.match(await page.locator(".ex-hit", { has: page.locator(hitHref) }).locator(".meta").innerText(), /^Rule outcome · /);

  await andWaitForRoute(page, () => hit.click());
  await waitForFocus(page, TOO_YOUNG);
  const rule = page.locator(`#${TOO_YOUNG}`);
  assert.match(await rule.innerText(), /Outside these rules/);
  assert.match(await rule.locator("tr.ex-row").first().innerText(), /Not the following/);
  assert.match(await rule.innerText(), /Aged 6 or over/);
  // The clause keeps its published words.
  const cite = rule.locator("details.clause").first();
  await cite.locator("summary").click();
  assert.match(await cite.locator("blockquote").innerText(), /第一条/);
  assert.ok((await pageWidth(page)) <= 360);

  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("a link to a document the data does not hold says so instead of going blank", async () => {
  const { page, errors } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=rules/no-such-document`);
  await ready(page);
  assert.equal(await page.innerText("main h1"), "没有这份文件");
  assert.ok(await page.locator("main a[href='?p=rules']").count());
  assert.deepEqual(errors, []);
});
