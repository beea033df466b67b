// Printable forms: identity details typed and checked on a form page, forms printed to PDF by
// headless Chromium and read back with pdftotext (prefilled values, page count), boxes that
// print empty listed first (whose each is, in the reader's language, with the label as printed),
// the sheets laid out for a phone (captions above their boxes, nothing wider than the screen, at
// 320 px with text at 200% too), axe on every form page in three languages, and no typed identity
// ever in a URL.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { andWaitForRoute, answerQuestions, axe, begin, chooseLanguage, LUCHENG_2014, phonePage, ready, routeOf, openSite } from "./lib.mjs";

let browser, url, origin, requests, site;
before(async () => ({ browser, url, origin, requests } = site = await openSite()));
after(() => site?.close());

/** A valid 18-character ID number from its first 17 digits (GB 11643 check character). */
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

const PARENT = { name: "王建国", id: idNumber("34122119800512003"), phone: "13800138000" };
const CHILD = { name: "王小明", id: idNumber("34122120070315002") };
// The Lucheng household, with 14 months of insurance, 40 of pension and a checked certificate.
const HOUSEHOLD = {
  ...LUCHENG_2014,
  insurance_months_here: { months: 14 },
  pension_months_total: { months: 40 },
  marriage_certificate_checked: true,
};

function pdfText(pdf) {
  const dir = mkdtempSync(join(tmpdir(), "anju-pdf-"));
  const file = join(dir, "form.pdf");
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m);
  return { text: text.replace(/\s+/g, ""), pages, width: Number(size[1]), height: Number(size[2]) };
}

async function household(page) {
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "all", date: "2014-06-01" });
  await answerQuestions(page, HOUSEHOLD);
}

async function typeDetails(page) {
  await page.goto(`${url}?p=details`);
  await ready(page);
  await page.fill("#applicant-name", PARENT.name);
  await page.fill("#applicant-id", PARENT.id);
  await page.fill("#applicant-phone", PARENT.phone);
  await page.fill("#applicant-relation", "父亲");
  await page.fill("#child-name", CHILD.name);
  await page.fill("#child-id", CHILD.id);
  await page.fill("#hukou-address", "安徽省阜阳市太和县旧县镇王庄村");
  await page.fill("#hukou-township", "安徽省阜阳市太和县旧县镇");
  await page.fill("#residence-address", "温州市鹿城区五马街道某某路8号");
  await andWaitForRoute(page, () => page.click("form button[type=submit]"));
  assert.equal(routeOf(page), "forms");
}

async function printed(page, form) {
  await page.goto(`${url}?p=form/${form}`);
  await ready(page);
  return pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: false }));
}

const FORMS = ["enrolment", "residence", "marriage", "guardianship"];

const A4 = (p) => Math.abs(p.width - 595.28) < 2 && Math.abs(p.height - 841.89) < 2;

test("the enrolment form prints on two A4 pages with the household's details and the Article 3 checklist", async () => {
  const { page, errors, foreign } = await phonePage(browser, origin);
  await household(page);
  await typeDetails(page);
  const pdf = await printed(page, "enrolment");
  assert.equal(pdf.pages, 2);
  assert.ok(A4(pdf), `A4 page, got ${pdf.width}×${pdf.height}`);
  for (const value of [CHILD.name, CHILD.id, PARENT.name, PARENT.id, PARENT.phone, "2007年3月15日", "1年2个月", "2012年3月", "居住证", "无监护条件证明", "温鹿政办〔2013〕164号附件6第三条", "不是官方决定"]) {
    assert.ok(pdf.text.includes(value), `printed form lacks ${value}`);
  }
  assert.ok(!pdf.text.includes("返回"), "no navigation chrome on paper");
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("the residence, marriage-certificate and guardianship forms print on their designed pages", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await household(page);
  await typeDetails(page);
  const residence = await printed(page, "residence");
  assert.equal(residence.pages, 2);
  for (const v of [PARENT.name, PARENT.id, "1980年5月12日", "男", "附件2第五条", "第四条"]) assert.ok(residence.text.includes(v), `residence form lacks ${v}`);
  const marriage = await printed(page, "marriage");
  assert.equal(marriage.pages, 1);
  for (const v of [PARENT.name, PARENT.id, "15", "30"]) assert.ok(marriage.text.includes(v), `marriage form lacks ${v}`);
  const letter = await printed(page, "guardianship");
  assert.equal(letter.pages, 1);
  for (const v of ["安徽省阜阳市太和县旧县镇人民政府", CHILD.name, CHILD.id, "没有监护条件"]) assert.ok(letter.text.includes(v), `letter lacks ${v}`);
  assert.deepEqual(errors, []);
});

test("a form whose required facts are missing says so on screen first, and prints those boxes empty", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=form/enrolment`);
  await ready(page);
  const notice = await page.innerText(".notice");
  assert.match(notice, /打印出来会是空的/);
  assert.match(notice, /学生姓名/);
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true }));
  assert.equal(pdf.pages, 2);
  assert.ok(pdf.text.includes("学生姓名"));
  assert.deepEqual(errors, []);
});

/**
 * How the page at its present size and text lays out: its width against the screen's; for each
 * section of a sheet, its caption's box against its first row's; each box's label against its
 * value (beside it at least four characters wide, or above it); and anything on the page's
 * screen part or in the sheet wider than its own box.
 */
async function layout(page) {
  return page.evaluate(() => {
    const rect = (e) => e.getBoundingClientRect();
    const em = (e) => parseFloat(getComputedStyle(e).fontSize);
    const sections = [...document.querySelectorAll(".form-sheet table.form-table")].map((t) => {
      const caption = rect(t.querySelector("caption"));
      const row = rect(t.querySelector("tr"));
      return { caption: t.querySelector("caption").textContent, above: caption.bottom <= row.top + 1, width: Math.round(caption.width) };
    });
    const cramped = [...document.querySelectorAll(".form-sheet th")]
      .filter((th) => {
        const label = rect(th);
        const value = rect(th.nextElementSibling);
        const above = label.bottom <= value.top + 1;
        return !above && label.width < 4 * em(th);
      })
      .map((th) => `${th.textContent}: ${Math.round(rect(th).width)}px beside its value`);
    const spilling = [...document.querySelectorAll(".form-pages *, .form-sheet *")]
      // A text box scrolls its own text: not counted.
      .filter((e) => !["INPUT", "TEXTAREA", "SELECT"].includes(e.tagName) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.slice(0, 20)}": ${e.scrollWidth}px in ${e.clientWidth}px`);
    return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, sections, cramped, spilling };
  });
}

for (const [width, height, text] of [[320, 640, "100%"], [320, 640, "200%"], [360, 740, "100%"]]) {
  test(`at ${width}×${height} with text at ${text} each form keeps to the screen, captions above their boxes`, async () => {
    const { page, errors } = await phonePage(browser, origin, { viewport: { width, height } });
    await household(page);
    await typeDetails(page);
    const typed = await page.evaluate(() => localStorage.getItem("anju.identity"));
    const problems = [];
    // In Chinese, and in English (whose longer words wrap differently); each page once with the
    // household's details and once without (the list of empty boxes at its longest). The list
    // of forms and the details page have no sheet: only their width is checked.
    for (const tag of ["zh-Hans", "en"]) {
      for (const p of ["forms", "details", ...FORMS.map((f) => `form/${f}`)]) {
        for (const details of ["typed", "none"]) {
          await page.evaluate((saved) => (saved ? localStorage.setItem("anju.identity", saved) : localStorage.removeItem("anju.identity")), details === "typed" ? typed : null);
          await page.goto(`${url}?p=${p}`);
          await ready(page);
          await chooseLanguage(page, tag);
          await page.evaluate((t) => (document.documentElement.style.fontSize = t), text);
          const l = await layout(page);
          const where = `${tag} ${p} (details ${details})`;
          if (l.scroll > l.client + 1) problems.push(`${where}: ${l.scroll}px wide in ${l.client}px`);
          assert.ok(l.sections.length > 0 || !p.startsWith("form/"), `${where} has sections`);
          for (const s of l.sections) {
            if (!s.above) problems.push(`${where}: caption ${s.caption} is not above its boxes`);
            if (s.width < 200) problems.push(`${where}: caption ${s.caption} is ${s.width}px wide`);
          }
          problems.push(...l.cramped.map((c) => `${where}: ${c}`), ...l.spilling.map((c) => `${where}: ${c}`));
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
}

test("in English the boxes that will print empty say whose they are, each with its label as printed", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=form/enrolment`);
  await ready(page);
  // Switched on the form page itself: the page is drawn again in English.
  await chooseLanguage(page, "en");
  const items = async () => page.$$eval(".notice li", (lis) => lis.map((li) => li.textContent));
  const enrolment = await items();
  for (const item of ["Child's name (学生姓名)", "Child's citizen ID number (公民身份号码)", "Applicant's name (姓名)", "Applicant's citizen ID number (公民身份号码)", "Applicant's phone number (联系电话)"]) {
    assert.ok(enrolment.includes(item), `enrolment lists ${item}: ${enrolment.join(" | ")}`);
  }
  assert.equal(new Set(enrolment).size, enrolment.length, "no two items alike");
  // The Chinese label is marked as Chinese, inside the English sentence.
  const marked = await page.$$eval(".notice li [lang='zh-Hans']", (s) => s.map((e) => e.textContent));
  assert.ok(marked.includes("学生姓名") && marked.includes("公民身份号码"), marked.join(" | "));
  assert.match(await page.innerText(".notice"), /will print empty/);
  await page.goto(`${url}?p=form/guardianship`);
  await ready(page);
  const letter = await items();
  for (const item of ["Applicant's name (申请人姓名)", "Child's citizen ID number (学生公民身份号码)", "Your family's hukou address (户籍地址)"]) {
    assert.ok(letter.includes(item), `guardianship lists ${item}: ${letter.join(" | ")}`);
  }
  // In Traditional Chinese too, with the label as printed (in Simplified characters).
  await chooseLanguage(page, "zh-Hant");
  assert.ok((await items()).includes("申請人的公民身份號碼(申请人公民身份号码)"), (await items()).join(" | "));
  assert.deepEqual(errors, []);
});

for (const tag of ["zh-Hans", "zh-Hant", "en"]) {
  test(`axe finds no violation on the forms' pages in ${tag}`, async () => {
    const { page, errors } = await phonePage(browser, origin);
    await page.goto(`${url}?p=forms`);
    await ready(page);
    await chooseLanguage(page, tag);
    const problems = [];
    for (const p of ["forms", "details", ...FORMS.map((f) => `form/${f}`)]) {
      await page.goto(`${url}?p=${p}`);
      await ready(page);
      assert.equal(await page.getAttribute("html", "lang"), tag);
      for (const v of await axe(page)) problems.push(`${p}: ${v}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
}

test("a wrong check character in an ID number is explained beside the field and nothing is lost", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await page.goto(`${url}?p=details`);
  await ready(page);
  await page.fill("#applicant-name", PARENT.name);
  const wrong = PARENT.id.slice(0, 17) + (PARENT.id[17] === "1" ? "2" : "1");
  await page.fill("#applicant-id", wrong);
  await page.click("form button[type=submit]");
  await page.waitForSelector(".error-summary");
  assert.match(await page.innerText(".error-summary"), /校验位不对/);
  assert.equal(await page.inputValue("#applicant-name"), PARENT.name);
  assert.equal(routeOf(page), "details");
  assert.deepEqual(errors, []);
});

test("an ID number whose birth date differs from the answers is refused", async () => {
  const { page, errors } = await phonePage(browser, origin);
  await household(page);
  await page.goto(`${url}?p=details`);
  await ready(page);
  await page.fill("#child-id", idNumber("34122120080315002"));
  await page.click("form button[type=submit]");
  await page.waitForSelector(".error-summary");
  assert.match(await page.innerText(".error-summary"), /出生日期和您前面回答的出生日期不一致/);
  assert.deepEqual(errors, []);
});

test("no name, ID number or phone number typed into a form ever appears in a URL", async () => {
  const { page, errors, requests: pageRequests } = await phonePage(browser, origin);
  const urls = [];
  page.on("framenavigated", (f) => urls.push(f.url()));
  await household(page);
  await typeDetails(page);
  for (const form of ["enrolment", "residence", "marriage", "guardianship"]) await printed(page, form);
  await page.goto(`${url}?p=share`);
  await ready(page);
  urls.push(await page.inputValue("#share-url"));
  urls.push(...pageRequests, ...requests);
  const svgText = await page.evaluate(() => document.body.innerHTML);
  const typed = [PARENT.name, PARENT.id, PARENT.phone, CHILD.name, CHILD.id, encodeURIComponent(PARENT.name)];
  for (const u of urls) for (const v of typed) assert.ok(!u.includes(v), `${v} appears in ${u}`);
  assert.ok(svgText.length > 0);
  assert.deepEqual(errors, []);
});
