// The resident's journey on a phone: one question a page, check your answers, results with the
// cited clause; Change from the check page; a reload mid-journey; a share link opened in a fresh
// browser; and links that cannot be read.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { andWaitForRoute, answerOne, answerQuestions, begin, LUCHENG_2014, phonePage, ready, routeOf, openSite } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());


async function results(page) {
  await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
  assert.equal(routeOf(page), "results");
  return page.innerText("main");
}

test("school: a Lucheng child in 2014 is not yet eligible, with the clause and the date insurance reaches a year", async () => {
  const { page, errors, foreign } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  const asked = await answerQuestions(page, LUCHENG_2014);
  assert.ok(asked.includes("insurance_months_here"), asked.join());
  const text = await results(page);
  assert.match(text, /暂不能安排在公办学校免费就读/);
  assert.match(text, /温鹿政办〔2013〕164号 附件6 第二条/);
  assert.match(text, /已废止/);
  assert.match(text, /2014年8月1日/); // ten months + two = a year of insurance
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("insurance: an employee in Lucheng in 2014 is owed the five insurances by the employer", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "insurance", date: "2014-06-01" });
  await answerQuestions(page, LUCHENG_2014);
  const text = await results(page);
  assert.match(text, /社会保险/);
  // Lucheng's own rule leads, in view; the national law's answers follow, folded.
  assert.match(text, /附件3 七/);
  assert.doesNotMatch(text, /中华人民共和国社会保险法 第/);
  await page.$$eval("details.answer-others", (ds) => ds.forEach((d) => (d.open = true)));
  assert.match(await page.innerText("main"), /中华人民共和国社会保险法 第/);
  assert.deepEqual(errors, []);
});

test("permit: a Lucheng worker in 2014 gets the temporary residence permit rules, with clause", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "permit", date: "2014-06-01" });
  await answerQuestions(page, LUCHENG_2014);
  const text = await results(page);
  assert.match(text, /临时居住证/);
  assert.match(text, /附件2 第[八九]条/);
  assert.deepEqual(errors, []);
});

test("other entitlements: a Haishu worker owed wages is asked only this group's questions and gets the relevant items, each answer first", async () => {
  const { page, errors, foreign } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "haishu", what: "benefits", date: "2024-06-01" });
  const household = { child_here: true, pregnant: false, wages_unpaid: true, work_kind: "employee", sanitation_worker: false };
  const asked = await answerQuestions(page, household);
  // No schooling, insurance or permit question; a dispute is not asked once wages are owed.
  assert.deepEqual(asked, ["child_here", "pregnant", "wages_unpaid", "work_kind", "sanitation_worker"]);
  const text = await results(page);
  assert.match(text, /其他服务与权益/);
  // Vaccinations, unpaid wages, legal aid (the wages are a dispute), public housing, venues.
  assert.equal(await page.locator(".entitlement").count(), 5);
  // The answer leads each item, before the clause it rests on.
  const wages = await page.innerText("[id='det-haishu-benefits-2015-unpaid-wages']");
  assert.ok(wages.indexOf("可以向劳动保障监察反映") < wages.indexOf("海政办〔2015〕79号 三(八)"), wages);
  assert.match(text, /海政办〔2015〕79号 五\(二十\)/);
  // What is not for the household is folded.
  assert.doesNotMatch(text, /不适用:现在没有怀孕/);
  await page.$$eval("details.answer-others", (ds) => ds.forEach((d) => (d.open = true)));
  assert.match(await page.innerText("main"), /不适用:现在没有怀孕/);
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("Change on check-your-answers returns to the check page with the new answer", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerQuestions(page, LUCHENG_2014);
  const row = page.locator(".summary-row", { hasText: "社会保险费一共多长时间" });
  assert.match(await row.innerText(), /10个月/);
  await andWaitForRoute(page, () => row.locator("a").click());
  assert.equal(routeOf(page), "q/insurance_months_here");
  await page.fill("#answer-a", "1");
  await page.fill("#answer-b", "0");
  await andWaitForRoute(page, () => page.click("button[type=submit]"));
  // A year of insurance meets Article 2, so the priority questions of Article 5 now matter:
  // they are asked, each returning towards the check page.
  const more = await answerQuestions(page, LUCHENG_2014);
  assert.ok(more.every((f) => ["pension_months_total", "marriage_certificate_checked", "priority_by_higher_document"].includes(f)), more.join());
  assert.ok(new URL(page.url()).search.includes("p=check"));
  assert.match(await page.locator(".summary-row", { hasText: "社会保险费一共多长时间" }).innerText(), /1年/);
  const text = await results(page);
  assert.match(text, /符合在鹿城区公办学校免费接受义务教育的条件/);
  assert.deepEqual(errors, []);
});

test("a reload in the middle of the questions keeps every answer", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  // Answer three questions, then reload.
  const answered = [];
  for (let i = 0; i < 3; i++) answered.push(await answerOne(page, LUCHENG_2014));
  const before = routeOf(page);
  await page.reload();
  await ready(page);
  assert.equal(routeOf(page), before);
  // Back to the third question: its answer is still there.
  await andWaitForRoute(page, () => page.click("a.back-link"));
  assert.equal(routeOf(page), `q/${answered[2]}`);
  const checked = await page.$$eval("input:checked", (els) => els.map((e) => e.id));
  const typed = await page.$$eval("input[id^=answer-]:not([type=radio])", (els) => els.map((e) => e.value).join(""));
  assert.ok(checked.length > 0 || typed.length > 0, "the previous answer is still filled in");
  await page.goto(`${url}?p=check`);
  await ready(page);
  const summary = await page.innerText(".summary-list");
  assert.match(summary, /2007年3月15日/);
  assert.deepEqual(errors, []);
});

test("a question left empty explains the problem beside the field and in a summary", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  // The rules first ask whom they are for: the child's hukou, then the child's age.
  assert.equal(routeOf(page), "q/child_hukou_here");
  await answerOne(page, LUCHENG_2014);
  assert.equal(routeOf(page), "q/child_birth_date");
  await page.fill("#answer-a", "2013");
  await page.fill("#answer-b", "2");
  await page.fill("#answer-c", "30");
  await page.click("button[type=submit]");
  await page.waitForSelector(".error-summary");
  assert.match(await page.innerText(".error-summary"), /这个月没有这一天/);
  assert.match(await page.innerText(".field-error"), /这个月没有这一天/);
  assert.equal(await page.inputValue("#answer-a"), "2013", "what was typed is kept");
  assert.equal(routeOf(page), "q/child_birth_date");
  assert.deepEqual(errors, []);
});

test("a share link opened in a fresh browser shows the same results", async () => {
  const first = await phonePage(browser, origin);
  await first.page.goto(url);
  await ready(first.page);
  await begin(first.page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerQuestions(first.page, LUCHENG_2014);
  const original = await results(first.page);
  await andWaitForRoute(first.page, () => first.page.click("a[href='?p=share']"));
  const link = await first.page.inputValue("#share-url");
  assert.match(link, /#2lucheng\.[0-9A-Z]+$/, "format 2");
  // The QR code drawn in the page decodes to the same link.
  const shot = join(mkdtempSync(join(tmpdir(), "anju-qr-")), "qr.png");
  await first.page.locator(".share-qr").screenshot({ path: shot });
  const decoded = execFileSync("zbarimg", ["--raw", "-q", "--nodbus", shot], { encoding: "utf8" }).trim();
  assert.equal(decoded, link);
  assert.ok(!new URL(link).search.includes("2lucheng."), "answers are in the fragment, not the query");

  const second = await phonePage(browser, origin);
  await second.page.goto(link);
  await ready(second.page);
  assert.equal(routeOf(second.page), "results");
  assert.equal(new URL(second.page.url()).hash, "", "the fragment is removed once read");
  const opened = await second.page.innerText("main");
  const outcomes = (t) => t.match(/结论\n.*|还需要您的回答\n.*|原文没有说清楚\n.*/g);
  assert.deepEqual(outcomes(opened), outcomes(original));
  assert.match(opened, /已打开分享链接中的回答/);
  assert.deepEqual(second.errors, []);
});

for (const [name, fragment, why] of [
  ["garbled", "#v=1&p=lucheng&zz", /不完整或被改动过/],
  ["truncated", "#v=1&p=lucheng&d=2014-06-01&s=school&f=child_birth_da", /不完整或被改动过/],
  ["oversized", `#v=1&p=lucheng&f=${"x:1,".repeat(1500)}&c=00000000`, /太长/],
  ["from a future version", "#v=9&p=lucheng&c=12345678", /更新的版本/],
  ["altered after it was made", null, /不完整或被改动过/],
]) {
  test(`a ${name} share link says what was wrong and changes nothing saved`, async () => {
    const { page, errors } = await phonePage(browser, origin);
    await page.goto(url);
    await ready(page);
    await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
    await answerQuestions(page, LUCHENG_2014);
    let hash = fragment;
    if (hash === null) {
      // A valid link, then one digit of its answers changed without fixing the checksum.
      await page.goto(`${url}?p=share`);
      await ready(page);
      const link = await page.inputValue("#share-url");
      const h = new URL(link).hash;
      const at = h.length - 6;
      hash = h.slice(0, at) + (h[at] === "0" ? "1" : "0") + h.slice(at + 1);
      assert.notEqual(hash, new URL(link).hash);
    }
    const saved = await page.evaluate(() => localStorage.getItem("anju.answers"));
    assert.ok(saved.length > 100, "answers are saved");
    await page.goto(`${url}?p=results${hash}`);
    await ready(page);
    const notice = await page.innerText(".notice");
    assert.match(notice, why);
    assert.doesNotMatch(notice, /incomplete|too-long|newer-version|unreadable|unknown-version/, "no raw codes");
    // Nothing saved changed: the page goes on with the saved answers, or starts afresh.
    assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers")), saved);
    assert.equal(routeOf(page), "results");
    assert.equal(await page.locator(".notice a[href='?p=results']").count(), 1);
    await andWaitForRoute(page, () => page.click(".notice a[href='./']"));
    assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers")), saved, "starting afresh deletes nothing");
    assert.deepEqual(errors, []);
  });
}

test("a link that cannot be read on a phone without saved answers says why in English", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.addInitScript(() => localStorage.setItem("anju.lang", "en"));
  await page.goto(`${url}?p=results#v=9&p=lucheng&c=12345678`);
  await ready(page);
  assert.equal(routeOf(page), "start");
  assert.match(await page.innerText(".notice"), /newer version of this site/);
  const kept = JSON.parse((await page.evaluate(() => localStorage.getItem("anju.answers"))) ?? "{}");
  assert.equal(kept.place, undefined, "nothing of the link was kept");
  assert.deepEqual(errors, []);
});

test("answers saved in a damaged state are set aside with a message, not deleted, not a blank page", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(url);
  await ready(page);
  for (const bad of ['{"v":1,"facts":{', '{"v":0,"facts":{}}', '{"v":7,"place":"lucheng"}']) {
    await page.evaluate((b) => localStorage.setItem("anju.answers", b), bad);
    await page.reload();
    await ready(page);
    assert.match(await page.innerText(".notice"), /无法读取/);
    assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers.set-aside")), bad, "kept aside");
  }
  assert.deepEqual(errors, []);
});
