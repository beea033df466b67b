// Counter mode (?p=counter), as staff use it: the bookmarked page opened directly, a whole
// Lucheng 2014 household typed with the keyboard alone (Tab, typing, Space and arrows, Enter to
// calculate), all three services with their clauses on the same screen, the materials checklist
// printed to A4 PDF and read back with pdftotext, the QR code decoded with zbarimg to the share
// link, a bad date explained beside its box with every other value kept, and no axe violations.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axe, phonePage, ready, routeOf, openSite, chooseLanguage } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

const COUNTER_PC = { viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };

// A Lucheng household in June 2014, as staff type it: dates in the forms people write them
// (20070315, 2012/03), durations as years and months, "not known" where the resident is unsure.
// A fact not listed is left blank.
const LUCHENG_2014 = {
  child_birth_date: "20070315",
  child_hukou_here: false,
  child_in_compulsory_stage: true,
  child_lives_with_guardian: true,
  child_able_to_learn: true,
  guardianship_at_hukou: false,
  parent_permit: "residence_permit",
  residence_here_since: "2012/03",
  fixed_residence: true,
  work_kind: "employee",
  labour_contract_term: [2, 0],
  insurance_months_here: [1, 2],
  pension_months_total: [3, 4],
  marriage_certificate_checked: true,
  priority_by_higher_document: false,
  employer_enrolled: null,
  applicant_hukou_here: false,
  move_scope: "other_county",
  move_purpose: "work",
  planned_stay_days: "365",
  applicant_birth_date: "1980-05-12",
  applicant_sex: "male",
  lodging_kind: "home",
  residence_registered: true,
  registered_here_since: "2012-03",
  stay_length_clear: true,
  residence_proof_six_months: true,
  has_lease: true,
  temporary_residence_card: false,
};

/** What has focus: the element, and the fact (and kind of boxes) it belongs to. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const field = el?.closest("[data-fact]");
    return {
      id: el?.id ?? "",
      tag: el?.tagName ?? "",
      fact: field?.dataset.fact ?? null,
      kind: field?.dataset.kind ?? null,
      values: field ? [...field.querySelectorAll("input[type=radio], option")].map((o) => o.value) : [],
    };
  });
}

/**
 * Types `household` into the form with the keyboard only, from the first fact's box to the last:
 * text is typed, a radio group is entered on its first radio and answered with Space or the
 * arrow keys, a drop-down list with the arrow keys, and Tab moves on. Enter in the last box
 * calculates. Returns the facts passed, in the order Tab reached them.
 */
async function typeHousehold(page, household) {
  const order = [];
  for (let step = 0; step < 200; step++) {
    const f = await focused(page);
    assert.ok(f.fact, `focus left the facts at ${f.tag}#${f.id} after ${order.join(", ")}`);
    order.push(f.fact);
    const value = household[f.fact];
    if (value !== undefined) {
      switch (f.kind) {
        case "yes_no":
        case "choice": {
          const wanted = value === null ? "__unsure" : value === true ? "yes" : value === false ? "no" : value;
          const index = f.values.indexOf(wanted);
          assert.ok(index >= 0, `${f.fact} has no option ${wanted}`);
          assert.equal(f.id, `f-${f.fact}-${f.kind === "yes_no" ? "yes" : f.values[0]}`, "Tab enters a group on its first radio");
          if (index === 0) await page.keyboard.press("Space");
          for (let i = 0; i < index; i++) await page.keyboard.press("ArrowRight");
          break;
        }
        case "select": {
          const index = f.values.indexOf(value === null ? "__unsure" : value);
          assert.ok(index > 0, `${f.fact} has no option ${value}`);
          for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
          break;
        }
        case "duration":
          await page.keyboard.type(String(value[0]));
          await page.keyboard.press("Tab");
          await page.keyboard.type(String(value[1]));
          break;
        default:
          await page.keyboard.type(String(value));
      }
    } else if (f.kind === "duration") {
      await page.keyboard.press("Tab");
    }
    const last = await page.evaluate(() => {
      const fields = document.querySelectorAll("form [data-fact]");
      return fields[fields.length - 1].dataset.fact;
    });
    if (f.fact === last) {
      await page.keyboard.press("Enter");
      return order;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error("the last fact was never reached");
}

/** Place and date by keyboard: from the heading, Tab to the place radios, Space, Tab to the date. */
async function typePlaceAndDate(page, date) {
  await page.focus("main h1");
  // "Next household" comes first, at the top of the page; then the form.
  await page.keyboard.press("Tab");
  assert.match(await page.evaluate(() => document.activeElement.className), /counter-new/);
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).id, "counter-place-lucheng");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).id, "counter-date");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(date);
  await page.keyboard.press("Tab");
}

function pdfText(pdf) {
  const dir = mkdtempSync(join(tmpdir(), "anju-counter-"));
  const file = join(dir, "checklist.pdf");
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m);
  return { text: text.replace(/\s+/g, ""), width: Number(size[1]), height: Number(size[2]) };
}

async function section(page, service) {
  return page.innerText(`section[aria-labelledby='counter-service-${service}']`);
}

test("a household typed by keyboard at the counter: three services, printed checklist, QR to the share link", async () => {
  const { page, errors, foreign } = await phonePage(browser, origin, COUNTER_PC);
  await page.goto(`${url}?p=counter`);
  await ready(page);
  assert.equal(routeOf(page), "counter");
  assert.match(await page.title(), /窗口工作人员模式/);

  await typePlaceAndDate(page, "2014/06/01");
  const order = await typeHousehold(page, LUCHENG_2014);
  // Every fact of the catalogue is on the one screen, Tab visits each once, groups in the
  // paper's order (the child first).
  const facts = await page.$$eval("form [data-fact]", (els) => els.map((e) => e.dataset.fact));
  assert.deepEqual(order, facts);
  assert.ok(facts.length >= 40, `every fact is asked, got ${facts.length}`);
  assert.equal(new Set(facts).size, facts.length);
  assert.equal(facts[0], "child_birth_date");

  // Enter calculated: focus is on the results, and all three services show with clauses
  // (every rule that applies, with the folded ones opened).
  await page.waitForSelector("section[aria-labelledby='counter-service-permit']");
  await page.$$eval(".counter-results details.answer-others", (ds) => ds.forEach((d) => (d.open = true)));
  assert.equal((await focused(page)).id, "counter-results-title");
  const results = await page.innerText(".counter-results");
  assert.match(results, /温州市鹿城区,按 2014-06-01 的规定/);
  const school = await section(page, "school");
  assert.match(school, /温鹿政办〔2013〕164号 附件6 第五条/);
  assert.match(school, /浙江省义务教育条例/);
  const insurance = await section(page, "insurance");
  assert.match(insurance, /中华人民共和国社会保险法 第十条/);
  assert.match(insurance, /温鹿政办〔2013〕164号 附件3 七/);
  const permit = await section(page, "permit");
  assert.match(permit, /温鹿政办〔2013〕164号 附件2 第九条/);

  // The counter wrote the portal's one set of answers, for every service, kept in this tab
  // only: nothing of the household on the PC beyond the tab.
  assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers")), null);
  const saved = JSON.parse(await page.evaluate(() => sessionStorage.getItem("anju.answers")));
  assert.equal(saved.place, "lucheng");
  assert.equal(saved.date, "2014-06-01");
  assert.equal(saved.services, undefined, "all three services");
  assert.equal(saved.facts.child_birth_date, "2007-03-15");
  assert.equal(saved.facts.residence_here_since, "2012-03");
  assert.equal(saved.facts.insurance_months_here, 14);
  assert.equal(saved.facts.move_purpose, "work");
  assert.equal(saved.facts.planned_stay_days, 365);
  assert.deepEqual(saved.unsure, ["employer_enrolled"]);

  // Links to each form.
  for (const form of ["enrolment", "residence", "marriage", "guardianship"]) {
    assert.equal(await page.locator(`.counter-forms a[href='?p=form/${form}']`).count(), 1, form);
  }

  // Printing from this page prints only the checklist, on A4: the materials of each favourable
  // outcome with their clauses, and where to go.
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true }));
  assert.ok(Math.abs(pdf.width - 595.28) < 2 && Math.abs(pdf.height - 841.89) < 2, `A4, got ${pdf.width}×${pdf.height}`);
  for (const words of ["办理材料清单", "温州市鹿城区,按2014-06-01的规定", "无监护条件证明", "温鹿政办〔2013〕164号附件6第三条", "1年以上的用工合同", "附件2第九条", "不是官方决定"]) {
    assert.ok(pdf.text.includes(words), `the printed checklist lacks ${words}`);
  }
  for (const words of ["窗口工作人员模式", "三项服务的结果", "计算", "交给居民", "孩子的出生日期"]) {
    assert.ok(!pdf.text.includes(words), `the printed checklist should not show ${words}`);
  }

  // The QR code on screen decodes to the share link shown beside it, which opens the same
  // household's results on the resident's phone.
  const link = await page.inputValue("#counter-share-url");
  assert.ok(link.startsWith(`${url}?p=results#2lucheng.`), link);
  assert.equal(await page.innerText(".qr-figure .qr-link"), link, "the link's text beside the code");
  const shot = join(mkdtempSync(join(tmpdir(), "anju-counter-qr-")), "qr.png");
  await page.locator(".counter-qr").screenshot({ path: shot });
  const decoded = execFileSync("zbarimg", ["--raw", "-q", "--nodbus", shot], { encoding: "utf8" }).trim();
  assert.equal(decoded, link);
  const phone = await phonePage(browser, origin);
  await phone.page.goto(decoded);
  await ready(phone.page);
  assert.equal(routeOf(phone.page), "results");
  const opened = await phone.page.innerText("main");
  assert.match(opened, /温州市鹿城区/);
  assert.match(opened, /附件6 第五条/);
  assert.deepEqual(phone.errors, []);

  assert.deepEqual(await axe(page), []);
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("a bad date is explained beside its box, every other value is kept, and nothing is saved until it is fixed", async () => {
  const { page, errors, foreign } = await phonePage(browser, origin);
  await page.goto(`${url}?p=counter`);
  await ready(page);
  await page.check("#counter-place-lucheng");
  await page.fill("#counter-date", "2014-06-01");
  await page.fill("#f-child_birth_date", "2007-02-30");
  await page.check("#f-child_hukou_here-no");
  await page.fill("#f-residence_here_since", "2012-3");
  await page.fill("#f-labour_contract_term-y", "2");
  await page.selectOption("#f-move_purpose", "business");
  await page.fill("#f-job_start_date", "2012-4");
  await page.press("#f-residence_here_since", "Enter");

  // Both problems are listed at the top, each linking to its box, and said beside the box.
  const summary = page.locator(".error-summary");
  await summary.waitFor();
  assert.equal(await summary.locator("a[href='#f-child_birth_date']").count(), 1);
  assert.equal(await summary.locator("a[href='#f-job_start_date']").count(), 1);
  assert.match(await page.innerText("#f-child_birth_date-error"), /这个月没有这一天/);
  assert.match(await page.innerText("#f-job_start_date-error"), /YYYY-MM-DD/);
  assert.equal(await page.getAttribute("#f-child_birth_date", "aria-invalid"), "true");
  const field = page.locator("[data-fact='child_birth_date']");
  assert.match(await field.getAttribute("class"), /\berror\b/);
  assert.match(await page.getAttribute("#f-child_birth_date", "aria-describedby"), /f-child_birth_date-error/);

  // What was typed stays typed, the bad date included.
  assert.equal(await page.inputValue("#f-child_birth_date"), "2007-02-30");
  assert.equal(await page.isChecked("#f-child_hukou_here-no"), true);
  assert.equal(await page.isChecked("#counter-place-lucheng"), true);
  assert.equal(await page.inputValue("#counter-date"), "2014-06-01");
  assert.equal(await page.inputValue("#f-residence_here_since"), "2012-3");
  assert.equal(await page.inputValue("#f-labour_contract_term-y"), "2");
  assert.equal(await page.inputValue("#f-move_purpose"), "business");
  const before = JSON.parse((await page.evaluate(() => sessionStorage.getItem("anju.answers"))) ?? "{}");
  assert.equal(before.place, undefined, "nothing half saved");
  assert.equal(before.facts, undefined, "nothing half saved");
  assert.deepEqual(await axe(page), []);

  // Fixed, the errors go and the answers are saved.
  await page.fill("#f-child_birth_date", "2007-03-15");
  await page.fill("#f-job_start_date", "20120401");
  await page.press("#f-job_start_date", "Enter");
  await page.waitForSelector("section[aria-labelledby='counter-service-school']");
  assert.equal(await page.locator(".error-summary").count(), 0);
  assert.equal(await page.locator(".field-error").count(), 0);
  const saved = JSON.parse(await page.evaluate(() => sessionStorage.getItem("anju.answers")));
  assert.equal(saved.facts.child_birth_date, "2007-03-15");
  assert.equal(saved.facts.job_start_date, "2012-04-01");
  assert.equal(saved.facts.labour_contract_term, 24);
  assert.equal(saved.facts.move_purpose, "business");
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("at 360 px: no sideways scrolling, facts the rules do not need are set back with a note but kept, no axe violations", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=counter`);
  await ready(page);
  const all = await page.locator("form [data-fact]").count();
  assert.equal(await page.locator(".counter-unneeded").count(), 0, "without a place, every fact counts");
  await page.check("#counter-place-lucheng");
  await page.fill("#counter-date", "2014-06-01");
  const unneeded = page.locator(".counter-unneeded");
  await unneeded.first().waitFor();
  const dimmed = await unneeded.count();
  assert.ok(dimmed > 0 && dimmed < all, `some facts are set back, got ${dimmed} of ${all}`);
  assert.equal(await page.locator("form [data-fact]").count(), all, "never hidden");
  assert.equal(await unneeded.locator(".counter-note").count(), dimmed);
  assert.ok(await unneeded.first().isVisible());
  // The child's birth date is needed in Lucheng in 2014.
  assert.equal(await page.locator("[data-fact='child_birth_date'].counter-unneeded").count(), 0);
  // A dimmed box still takes an answer.
  const first = await unneeded.first().getAttribute("data-fact");
  assert.ok(first);

  await page.click(".counter-submit button[type=submit]");
  await page.waitForSelector("section[aria-labelledby='counter-service-insurance']");
  // Another language keeps what was typed.
  await chooseLanguage(page, "en");
  await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Counter mode for staff");
  assert.equal(await page.inputValue("#counter-date"), "2014-06-01");
  assert.equal(await page.isChecked("#counter-place-lucheng"), true);
  assert.match(await page.innerText(".counter-results"), /Wenzhou|Lucheng/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
});

test("on a counter PC the results sit beside the form, and 'next household' clears everything", async () => {
  const { page, errors } = await phonePage(browser, origin, COUNTER_PC);
  await page.goto(`${url}?p=counter`);
  await ready(page);
  await page.check("#counter-place-haishu");
  await page.check("#f-child_hukou_here-no");
  await page.fill("#f-child_birth_date", "2010-01-01");
  // Enter on a radio calculates too.
  await page.press("#f-child_hukou_here-no", "Enter");
  await page.waitForSelector("section[aria-labelledby='counter-service-school']");
  const form = await page.locator("form.counter-form").boundingBox();
  const side = await page.locator(".counter-side").boundingBox();
  assert.ok(side.x >= form.x + form.width, "two columns");
  assert.ok(JSON.parse(await page.evaluate(() => sessionStorage.getItem("anju.answers"))).facts.child_birth_date);

  // "Next household" sits at the top and asks once.
  const top = await page.locator("button.counter-new").boundingBox();
  assert.ok(top.y < 300, `the button is ${top.y} px down`);
  await page.click("button.counter-new");
  assert.match(await page.innerText(".counter-next"), /确定清除/);
  assert.ok(JSON.parse(await page.evaluate(() => sessionStorage.getItem("anju.answers"))).facts.child_birth_date, "nothing cleared before it is confirmed");
  await page.click("button.counter-new-confirm");
  await page.waitForSelector(".counter-results .counter-empty");
  // No key, in the tab or on the PC, holds anything of the household.
  const kept = await page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => s.getItem(k))).join("\n"));
  for (const trace of ["2010-01-01", "haishu", "child_hukou_here"]) assert.ok(!kept.includes(trace), `${trace} is still kept`);
  assert.equal(await page.inputValue("#f-child_birth_date"), "");
  assert.equal(await page.isChecked("#f-child_hukou_here-no"), false);
  assert.equal(await page.isChecked("#counter-place-haishu"), false);
  assert.match(await page.inputValue("#counter-date"), /^\d{4}-\d{2}-\d{2}$/);
  // Ready for the next person: focus on the first box.
  await page.waitForFunction(() => document.activeElement?.id === "counter-place-lucheng", null, { timeout: 5000 });
  assert.deepEqual(errors, []);
});
