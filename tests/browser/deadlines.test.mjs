// My deadlines (issue 15, part 2) on a 360 px phone: a results link of a newcomer to Yuhang
// opens to the answers, then "My deadlines" with one line a deadline, the date first; the
// calendar file downloads from a Blob (no request) with one all-day event per deadline known to
// apply, its date and its clause; and "Print the deadlines" prints them alone on one A4 page.
// axe finds no violation on the page.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axe, openSite, phonePage, ready, routeOf } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

// A format-1 results link (src/portal/share_link.rs encode_v1): no identity, only the answers.
function link(place, date, services, facts) {
  const f = Object.keys(facts)
    .sort()
    .map((k) => `${k}:${facts[k] === true ? "y" : facts[k] === false ? "n" : facts[k]}`)
    .join(",");
  const body = `v=1&p=${place}&d=${date}&s=${services.join(",")}&f=${f}`;
  let h = 0x811c9dc5;
  for (const b of Buffer.from(body)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return `#${body}&c=${h.toString(16).padStart(8, "0")}`;
}

const NEWCOMER = link("yuhang", "2024-06-04", ["permit", "insurance"], {
  applicant_hukou_here: false,
  lodging_kind: "home",
  planned_stay_days: 365,
  arrival_date: "2024-06-03",
  residence_registered: true,
  address_changed: true,
  address_changed_date: "2024-05-25",
  parent_permit: "residence_permit",
  permit_issued_date: "2023-08-15",
  work_kind: "employee",
  employer_enrolled: false,
  job_start_date: "2024-05-01",
});

/** Unfolds an iCalendar text (RFC 5545 3.1) into its content lines. */
function unfold(ics) {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter((l) => l);
}

test("My deadlines: the date first, a calendar file made on the phone, and one printed A4 page", async () => {
  const { context, page, errors, foreign } = await phonePage(browser, origin, { acceptDownloads: true });
  await page.goto(`${url}?p=results${NEWCOMER}`);
  await ready(page);
  assert.equal(routeOf(page), "results");
  await page.waitForSelector("section.deadlines");

  // After the services' answers; one line a deadline, the date first, passed ones said so.
  const order = await page.evaluate(() => {
    const all = [...document.querySelectorAll("main .results-body, main section.deadlines")];
    return all.map((e) => e.className);
  });
  assert.deepEqual(order, ["results-body", "deadlines"]);
  const lines = await page.$$eval("section.deadlines li.deadline > .deadline-line", (ls) => ls.map((l) => l.innerText));
  assert.match(lines[0], /^2024年5月31日 前\s*已过期\s*单位为您办理社会保险登记/);
  assert.match(lines[1], /^2024年6月4日 前\s*办理居住登记变更手续/);
  assert.match(lines[2], /^2024年6月6日 前\s*申报居住登记\(杭州市区\)/);
  const endorsement = lines.find((l) => /居住证年度签注/.test(l));
  assert.match(endorsement, /^2024年7月15日 至 2024年8月14日\s*居住证年度签注/);
  // The certificate's two limits, each with its source, may apply until the answers settle it.
  assert.ok(lines.some((l) => /^2024年6月18日 前\s*可能适用于您\s*到当地乡镇\(街道\)交验/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => /^2024年7月3日 前\s*可能适用于您\s*向现居住地乡镇\(街道\)提交/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => /条文没有写明期限/.test(l)), lines.join("\n"));
  const section = await page.innerText("section.deadlines");
  assert.match(section, /处50元以上200元以下罚款/);
  assert.match(section, /第三十三条/);
  assert.match(section, /第五十八条/);
  assert.deepEqual(await axe(page), [], "axe on the results with their deadlines");

  // The calendar file: from a Blob, no request; its events, dates and clauses.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("button.deadlines-download")]);
  assert.equal(download.suggestedFilename(), "anju-deadlines.ics");
  const ics = readFileSync(await download.path(), "utf8");
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics.slice(0, 40));
  assert.ok(!/[^\r]\n/.test(ics), "every line ends in CRLF");
  for (const raw of ics.split("\r\n")) assert.ok(Buffer.byteLength(raw) <= 75, raw);
  const content = unfold(ics);
  const events = [];
  for (const l of content) {
    if (l === "BEGIN:VEVENT") events.push({});
    const [k, ...v] = l.split(":");
    if (events.length) events[events.length - 1][k] = v.join(":");
  }
  assert.deepEqual(
    events.map((e) => e["DTSTART;VALUE=DATE"]),
    ["20240531", "20240604", "20240606", "20240814"],
  );
  for (const e of events) {
    assert.ok(e.UID && e.DTSTAMP && e.SUMMARY && e.DESCRIPTION, JSON.stringify(e));
    assert.match(e.DESCRIPTION, /依据:/);
  }
  assert.match(events[1].DESCRIPTION, /第十三条/);
  assert.match(events[1].DESCRIPTION, /第三十三条/);
  assert.match(events[2].DESCRIPTION, /第九条/);
  assert.equal(events[3].RRULE, "FREQ=YEARLY");
  assert.deepEqual(foreign(), []);

  // Print the deadlines alone: one A4 page.
  await page.evaluate(() => document.documentElement.classList.add("print-deadlines"));
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  await page.evaluate(() => document.documentElement.classList.remove("print-deadlines"));
  const dir = mkdtempSync(join(tmpdir(), "anju-deadlines-"));
  const file = join(dir, "deadlines.pdf");
  writeFileSync(file, pdf);
  let pages;
  try {
    pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
  } catch {
    pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }
  assert.equal(pages, 1, `the deadlines print on ${pages} pages`);
  // The print button is there, and the page's own errors are none.
  assert.ok(await page.$("button.deadlines-print"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("counter mode shows the household's deadlines as the results page does, with their stylesheet", async () => {
  const resident = await phonePage(browser, origin);
  await resident.page.goto(`${url}?p=results${NEWCOMER}`);
  await ready(resident.page);
  await resident.page.waitForSelector("section.deadlines li.deadline");
  const lines = await resident.page.$$eval("section.deadlines li.deadline", (ls) => ls.map((l) => l.innerText));

  // The same household at the counter (as the resident's answers, which a counter tab keeps
  // in the tab), calculated.
  const answers = await resident.page.evaluate(() => localStorage.getItem("anju.answers"));
  assert.ok(answers);
  const { page, errors } = await phonePage(browser, origin, { viewport: { width: 1280, height: 900 }, isMobile: false });
  await page.addInitScript((saved) => {
    if (sessionStorage.getItem("anju.answers")) return;
    sessionStorage.setItem("anju.tab", "counter");
    sessionStorage.setItem("anju.answers", saved);
  }, answers);
  await page.goto(`${url}?p=counter`);
  await ready(page);
  await page.click(".counter-form .counter-submit button[type=submit]");
  await page.waitForSelector(".counter-deadlines section.deadlines li.deadline");
  const counter = await page.$$eval(".counter-deadlines li.deadline", (ls) => ls.map((l) => l.innerText));
  assert.deepEqual(counter, lines);
  // Styled as on the results page: the date leads, set apart.
  const style = (p) => p.locator("li.deadline").first().evaluate((li) => getComputedStyle(li).borderLeftStyle);
  assert.equal(await style(page), await style(resident.page));
  assert.deepEqual(errors, []);
  assert.deepEqual(resident.errors, []);
});
