// The rules explorer: reached from every page's footer at 360 px, it lists documents with their
// status, opens a document folded (clauses, decisions and rules open from their summaries) with
// every rule as a table whose clauses open to their exact words, and searches clauses and rules
// for every word of a query, each result leading to its anchor on the document page, which
// opens. The same in English. Nothing is asked of another origin, nothing is logged as an
// error, and axe finds nothing.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { andWaitForRoute, axe, phonePage, PHONE, ready, routeOf, openSite, chooseLanguage } from "./lib.mjs";

let browser, url, site;
before(async () => ({ browser, url } = site = await openSite()));
after(() => site?.close());

const LUCHENG = "?p=rules/lucheng-2013-164";
const ELIGIBLE = "rule-lucheng-school-2013-enrolment-eligible";
const TOO_YOUNG = "rule-lucheng-school-2013-enrolment-too-young";
const ART2 = "clause-annex6.art2";
// What a document page, folded, may measure at most, in phone screens (360 × 740). Measured:
// 9.6 for the longest (温鹿政办〔2013〕164号, 6.5 before its fourth group of rules, the other
// entitlements, added seven decisions to it), 2.6 to 6.2 for the others.
const MAX_SCREENS = 10;

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

/** The ids of the folded parts of the page that are open. */
async function openParts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("details.ex-clause[open], details.ex-decision[open], details.ex-rule[open]")].map(
      (d) => d.id || d.className,
    ),
  );
}

/** The marked words of the search hit whose link goes to `href`. */
async function marksOf(page, href) {
  const hit = page.locator(".ex-hit", { has: page.locator(`a[href='${href}']`) });
  return hit.locator(".ex-snippet mark").allInnerTexts();
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

  // The page opens folded; the rule that grants a free place opens from its decision.
  assert.deepEqual(await openParts(page), []);
  const rule = page.locator(`#${ELIGIBLE}`);
  assert.equal(await rule.isVisible(), false);
  await page.locator("details.ex-decision", { has: rule }).locator("> summary").click();
  assert.match(await rule.locator("h4").innerText(), /规则 \d+\s+符合条件/);
  assert.match(await rule.locator("> summary .ex-summary").innerText(), /^符合在鹿城区公办学校免费接受义务教育的条件/);
  assert.equal(await rule.locator("table").isVisible(), false);
  await rule.locator("> summary").click();
  // Its conditions as a table, each with its clause.
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
  // The clause itself, in full, further up the page: folded to its label and first words.
  const clause = page.locator(`[id='${ART2}']`);
  assert.match(await clause.locator("> summary").innerText(), /^附件6 第二条\s+凡在户籍所在地有监护条件/);
  assert.equal(await clause.locator("blockquote").isVisible(), false);
  await clause.locator("> summary").click();
  assert.match(await clause.locator("blockquote").innerText(), /有相对固定居所\(含租赁\)/);
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
  await waitForFocus(page, ART2);
  assert.ok(await inViewport(page, ART2), "the clause is scrolled into view");
  assert.deepEqual(await openParts(page), [ART2], "the clause linked to opens, and nothing else");

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
  assert.deepEqual(await openParts(page), ["ex-decision", TOO_YOUNG], "the rule opens, with its decision");
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

test("search finds every word of a query in any order, in Chinese and in English, and marks each", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=rules`);
  await ready(page);

  // 社保 is how people say 社会保险; the words need not be next to each other.
  const points = "?p=rules/hangzhou-2018#rule-hangzhou-permit-2018-points-ask-counter";
  const art28 = "?p=rules/zhejiang-residence-registration-2016#clause-art28";
  await search(page, "社保 年限");
  assert.match(await page.innerText(".ex-results [role=status]"), /找到 \d+ 处/);
  assert.deepEqual(await marksOf(page, points), ["社保", "年限"]);
  assert.deepEqual(await marksOf(page, art28), ["年限", "社会保险"]);
  const hits = await page.locator(".ex-hit-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  // In another order, with an enumeration comma or a full-width space: the same hits.
  for (const words of ["年限 社保", "年限、社保", "社保\u3000年限"]) {
    await search(page, words);
    await page.waitForFunction((w) => document.querySelector(".ex-results [role=status]")?.textContent.includes(w), words);
    assert.deepEqual(await page.locator(".ex-hit-link").evaluateAll((links) => links.map((a) => a.getAttribute("href"))), hits, words);
  }
  // Written as one run, the words are one word: no text has 社保年限.
  await search(page, "社保年限");
  await page.waitForFunction(() => /没有找到/.test(document.querySelector(".ex-results").textContent));
  // Back from a hit keeps the words.
  await search(page, "社保 年限");
  await andWaitForRoute(page, () => page.click(`.ex-hit a[href='${points}']`));
  await waitForFocus(page, "rule-hangzhou-permit-2018-points-ask-counter");
  await page.goBack();
  await page.waitForSelector(".ex-results");
  assert.equal(await page.inputValue("#explorer-q"), "社保 年限");
  assert.deepEqual(await axe(page), []);

  // In English.
  await chooseLanguage(page, "en");
  const year = `${LUCHENG}#rule-lucheng-insurance-2013-school-insurance-year-one-year`;
  await search(page, "insurance school");
  assert.match(await page.innerText(".ex-results [role=status]"), /“insurance school”: \d+ found/);
  assert.ok((await marksOf(page, year)).includes("insurance"));
  assert.equal(
    await page.locator(".ex-hit", { has: page.locator(`a[href='${year}']`) }).locator(".ex-hit-link").innerText(),
    "You have paid social insurance in Lucheng for a year or more, as Annex 6, Article 2 requires; schooling has other conditions too.",
  );
  // Words across a rule's summary and its conditions: "school" in the summary, "insurance" in a
  // condition.
  assert.ok(await page.locator(`.ex-hit a[href='${LUCHENG}#${ELIGIBLE}']`).count());
  const english = await page.locator(".ex-hit-link").count();
  await search(page, "School, INSURANCE");
  await page.waitForFunction(() => document.querySelector(".ex-results [role=status]")?.textContent.includes("School, INSURANCE"));
  assert.equal(await page.locator(".ex-hit-link").count(), english);
  assert.deepEqual(await axe(page), []);

  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test(`every document page opens folded, at most ${MAX_SCREENS} phone screens long, and axe finds nothing on it`, async () => {
  const { page, errors } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=rules`);
  await ready(page);
  const docs = await page.locator(".ex-doc-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.ok(docs.length >= 10, `${docs.length} documents`);
  const screens = {};
  for (const href of docs) {
    await page.goto(`${url}${href}`);
    await ready(page);
    assert.deepEqual(await openParts(page), [], href);
    screens[href] = (await page.evaluate(() => document.body.scrollHeight)) / PHONE.height;
  }
  const longest = Math.max(...Object.values(screens));
  assert.ok(longest <= MAX_SCREENS, `folded pages measure ${JSON.stringify(screens)} screens`);
  // The longest of them, folded, then with a clause, a decision and a rule open.
  await page.goto(`${url}${LUCHENG}`);
  await ready(page);
  assert.deepEqual(await axe(page), []);
  await page.locator(`[id='${ART2}'] > summary`).click();
  await page.locator("details.ex-decision", { has: page.locator(`#${ELIGIBLE}`) }).locator("> summary").click();
  await page.locator(`#${ELIGIBLE} > summary`).click();
  await page.locator(`#${ELIGIBLE} details.clause > summary`).first().click();
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
});

test("a link to a clause opens that clause only; a link on the page to a rule opens the rule and its decision", async () => {
  const { page, errors, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}${LUCHENG}#${ART2}`);
  await ready(page);
  await waitForFocus(page, ART2);
  assert.ok(await inViewport(page, ART2));
  assert.deepEqual(await openParts(page), [ART2]);
  const clause = page.locator(`[id='${ART2}']`);
  assert.match(await clause.locator("blockquote").innerText(), /^第二条\s凡在户籍所在地有监护条件的新居民子女/);
  // The clause lists the rules citing it; each link leads to its rule on this page.
  await clause.locator(".ex-cited-by > summary").click();
  await clause.locator(`.ex-cited-by a[href='${LUCHENG}#${ELIGIBLE}']`).click();
  await waitForFocus(page, ELIGIBLE);
  assert.equal(new URL(page.url()).hash, `#${ELIGIBLE}`);
  assert.ok(await inViewport(page, ELIGIBLE), "the rule is scrolled into view");
  assert.deepEqual((await openParts(page)).sort(), [ART2, ELIGIBLE, "ex-decision"].sort());
  assert.ok(await page.locator(`#${ELIGIBLE} table`).isVisible());
  // The table of contents still leads to a rule set.
  await page.click(".ex-toc a[href='#ruleset-lucheng-permit-2013']");
  await waitForFocus(page, "ruleset-lucheng-permit-2013");
  assert.ok(await inViewport(page, "ruleset-lucheng-permit-2013"));
  // Changing language keeps the linked part open.
  await chooseLanguage(page, "en");
  await page.goto(`${url}${LUCHENG}#${TOO_YOUNG}`);
  await ready(page);
  await waitForFocus(page, TOO_YOUNG);
  await chooseLanguage(page, "zh-Hant");
  assert.ok(await page.locator(`#${TOO_YOUNG}[open]`).count());
  assert.deepEqual(await axe(page), []);

  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("a rule set's deadlines are listed on its document's page: the time limit, what to do, what follows if missed, each clause", async () => {
  const { page, errors } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=rules/zhejiang-residence-registration-2016`);
  await ready(page);
  const deadlines = page.locator("#ruleset-zhejiang-residence-2016 details.ex-deadlines");
  assert.equal(await deadlines.count(), 1);
  const summary = deadlines.locator(":scope > summary");
  assert.match(await summary.innerText(), /办理期限\(3项\)/);
  await summary.click();
  const change = deadlines.locator("li.ex-deadline", { hasText: "办理居住登记变更手续" });
  const words = await change.innerText();
  assert.match(words, /期限:10日/);
  assert.match(words, /公告第39号 第十三条/);
  assert.match(words, /逾期的后果/);
  assert.match(words, /第三十三条/);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
});
