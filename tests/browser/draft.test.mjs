// 'Check a draft', as a bureau maintainer would use it at 360 px: from the rules explorer to
// the draft page, which downloads its own program (the journey and the explorer never do); a
// broken file is named with its file and line, a stricter threshold names every policy case it
// breaks with its line, and a good new file passes with the counts of the whole data; the
// draft's answers show for a case's household. The files never leave the device: no request
// carries them, and nothing is asked of another origin.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { axe, phonePage, ready, openSite } from "./lib.mjs";

const root = join(import.meta.dirname, "..", "..");
const lucheng2013 = readFileSync(join(root, "policy-data/school/lucheng-2013.toml"), "utf8");
const notice2017 = readFileSync(join(root, "tests/fixtures/new-year-2017/documents/lucheng-2017-88.toml"), "utf8");

let browser, url, site;
before(async () => ({ browser, url } = site = await openSite()));
after(() => site?.close());

/** A file for the file input. */
const file = (name, text) => ({ name, mimeType: "application/toml", buffer: Buffer.from(text, "utf8") });

/** Chooses `files` and checks them; the findings' text. */
async function checkDraft(page, files) {
  await page.setInputFiles("#draft-files", files);
  await page.click(".draft-form button[type=submit]");
  await page.waitForFunction(() => document.activeElement?.id === "draft-report-title");
  return page.innerText(".draft-report");
}

test("the explorer leads to the draft check, which loads a program of its own and has nothing for axe", async () => {
  const { page, errors, requests, foreign } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=rules`);
  await ready(page);
  const before = requests.length;
  await Promise.all([page.waitForURL(/p=draft/), page.click(".draft-link a")]);
  await ready(page);
  await page.waitForSelector(".draft-form button:not([disabled])");
  assert.match(await page.innerText("main h1"), /检查规则草稿/);
  const loaded = requests.slice(before);
  assert.ok(loaded.some((u) => /anju-drafts-[0-9a-f]+_bg\.wasm$/.test(u)), "the draft check's own program");
  assert.ok(loaded.some((u) => /data\/policy-data-[0-9a-f]+\.bin$/.test(u)), "the build's data files");
  assert.ok(!requests.slice(0, before).some((u) => /anju-drafts|policy-data-/.test(u)), "the explorer did not load them");
  assert.deepEqual(await axe(page), []);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "no sideways scrolling");
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("a broken file is named with its file and line; the other data stays as built", async () => {
  const { page, errors } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=draft`);
  await ready(page);
  await page.waitForSelector(".draft-form button:not([disabled])");
  const broken = lucheng2013.replace('fact = "insurance_months_here"', 'fact = "insurance_month_here"');
  const found = await checkDraft(page, [file("lucheng-2013.toml", broken)]);
  assert.match(found, /lucheng-2013\.toml:替换 policy-data\/school\/lucheng-2013\.toml/);
  assert.match(found, /发现 1 个问题/);
  const line = broken.split("\n").findIndex((l) => l.includes("insurance_month_here")) + 1;
  assert.match(found, new RegExp(`policy-data/school/lucheng-2013\\.toml:${line}:`));
  assert.match(found, /insurance_months_here/, "did you mean the fact that exists");
  assert.equal(await page.locator(".draft-preview").count(), 0, "no preview of data that cannot be read");
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "a long problem wraps");
  assert.deepEqual(errors, []);
});

test("a stricter threshold names each policy case it breaks; a good new document passes; the draft's answers show for a household", async () => {
  const { page, errors, requests } = await phonePage(browser, new URL(url).origin);
  await page.goto(`${url}?p=draft`);
  await ready(page);
  await page.waitForSelector(".draft-form button:not([disabled])");
  const stricter = lucheng2013.replace(
    'fact = "insurance_months_here", at_least = { years = 1 }',
    'fact = "insurance_months_here", at_least = { years = 2 }',
  );
  assert.notEqual(stricter, lucheng2013);
  let found = await checkDraft(page, [file("lucheng-2013.toml", stricter)]);
  assert.match(found, /policy-data\/school\/cases\.toml:\d+: case '[^']+'/);
  assert.doesNotMatch(found, /没有发现问题/);
  // The cases still read, so the draft's answers can be looked at.
  assert.ok((await page.locator("#draft-household option").count()) > 200);

  found = await checkDraft(page, [file("lucheng-2017-88.toml", notice2017)]);
  assert.match(found, /lucheng-2017-88\.toml:新增为 policy-data\/documents\/lucheng-2017-88\.toml/);
  const ok = found.match(/没有发现问题:(\d+) 套规则、(\d+) 份文件,(\d+) 个政策案例全部通过/);
  assert.ok(ok, found);
  assert.equal(Number(ok[2]), 12, "the 11 documents of the build and the new one");
  assert.ok(Number(ok[3]) > 200);

  // A case's household on the draft: the results as the results page gives them.
  const value = await page.$$eval("#draft-household option", (os) =>
    os.find((o) => /A child of 5 is too young for Lucheng/.test(o.textContent))?.value,
  );
  assert.ok(value, "the case is listed");
  await page.selectOption("#draft-household", value);
  await page.waitForFunction(() => /不满6周岁|6周岁/.test(document.querySelector(".draft-preview .results-body")?.textContent ?? ""));
  // Nothing was sent: no request after the page's own files carries the draft.
  assert.ok(requests.every((u) => !u.includes("lucheng-2017-88")));
  assert.deepEqual(errors, []);
});
