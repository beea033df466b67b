// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core at a phone
// viewport, the release build served under a sub-path, and a record of every request so that a
// test can fail on any request to another origin.

import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./static-server.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// ANJU_DIST serves another build folder (several people building in one checkout).
export const DIST = process.env.ANJU_DIST ?? join(ROOT, "dist");
export const PREFIX = "/services/anju/";
export const PHONE = { width: 360, height: 740 };

// Flags that work on these machines (root, closed network): see shared/TOOLCHAIN.md.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A name for 127.0.0.1 that the browser of `launch({ insecureHost: true })` resolves. Chromium
 * counts http://127.0.0.1 and http://localhost as secure contexts; http://anju.test is not one,
 * like a government site on plain http (no service worker, no `navigator.clipboard`).
 */
export const INSECURE_HOST = "anju.test";

/** Launches Chromium; with `insecureHost`, INSECURE_HOST leads to 127.0.0.1. */
export async function launch({ insecureHost = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    // playwright gives every launch a fresh, empty profile of its own.
    args: insecureHost ? [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`] : CHROMIUM_FLAGS,
  });
}

/** Serves dist/ under PREFIX on a free loopback port. */
export async function site() {
  return serve(DIST, PREFIX, 0);
}

/**
 * A fresh phone-sized page that records every request and console error. `origin` is the
 * site's origin; `foreign()` lists requests that went anywhere else.
 */
export async function phonePage(browser, origin, options = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    ...options,
  });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    // A failed download's message names no file; its location does.
    if (m.type() === "error") errors.push(/^Failed to load resource/.test(m.text()) ? `${m.text()} (${m.location()?.url})` : m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  const foreign = () =>
    requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  return { context, page, requests, errors, foreign };
}

/**
 * Waits until the app has mounted: a main heading is on the page, and the pre-rendered start
 * page and the loading shell (plain HTML, shown until the app takes over) are gone.
 */
export async function ready(page) {
  await page.waitForSelector("main h1", { timeout: 20000 });
  // On the start page the app starts at the first key, touch or focus, as for a person.
  if (await page.$("#static-start")) await page.keyboard.press("Shift");
  // Every other page shows its loading shell until its program has what it needs.
  await page.waitForFunction(() => !document.getElementById("static-start") && !document.getElementById("shell"), null, { timeout: 20000 });
}

/**
 * Chooses a language in the header and waits until the page speaks it: the app switches once
 * that language's words (and data) have downloaded.
 */
export async function chooseLanguage(page, tag) {
  await page.click(`header button.lang-choice[lang=${tag}]`);
  await page.waitForFunction((t) => document.documentElement.lang === t, tag, { timeout: 10000 });
}

/** The page's route, as `?p=` says (`start` when absent). */
export function routeOf(page) {
  return new URL(page.url()).searchParams.get("p") ?? "start";
}

/** Follows a link or submits, and waits for the address to change. */
export async function andWaitForRoute(page, action) {
  const before = page.url();
  await action();
  await page.waitForFunction((old) => location.href !== old, before, { timeout: 10000 });
  await ready(page);
}

/**
 * Answers the question on screen from `household` (fact id → answer: true/false,
 * "YYYY-MM-DD", "YYYY-MM", { months: n } for durations, a number for counts, a choice id, or
 * null for "I don't know"; a fact not listed is answered "I don't know"), and waits for the next
 * page. Returns the fact answered.
 */
export async function answerOne(page, household) {
  const route = routeOf(page);
  if (!route.startsWith("q/")) throw new Error(`expected a question, got ?p=${route}`);
  const fact = route.slice(2);
  const value = household[fact];
  await andWaitForRoute(page, async () => {
    if (value === undefined || value === null) {
      const unsureRadio = await page.$("#answer-unsure");
      if (unsureRadio) {
        await unsureRadio.check();
        await page.click("button[type=submit]");
      } else {
        await page.click("button.unsure");
      }
      return;
    }
    if (value === true || value === false) {
      await page.check(value ? "#answer-yes" : "#answer-no");
    } else if (typeof value === "number") {
      await page.fill("#answer", String(value));
    } else if (typeof value === "object" && "months" in value) {
      await page.fill("#answer-a", String(Math.floor(value.months / 12)));
      await page.fill("#answer-b", String(value.months % 12));
    } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [y, m, d] = value.split("-");
      await page.fill("#answer-a", y);
      await page.fill("#answer-b", String(Number(m)));
      await page.fill("#answer-c", String(Number(d)));
    } else if (/^\d{4}-\d{2}$/.test(value)) {
      const [y, m] = value.split("-");
      await page.fill("#answer-a", y);
      await page.fill("#answer-b", String(Number(m)));
    } else {
      await page.check(`#answer-${value}`);
    }
    await page.click("button[type=submit]");
  });
  return fact;
}

/** Answers every question asked until the check-your-answers page; returns the facts asked. */
export async function answerQuestions(page, household) {
  const asked = [];
  for (let step = 0; step < 80; step++) {
    if (routeOf(page) === "check") return asked;
    asked.push(await answerOne(page, household));
  }
  throw new Error(`no check-your-answers page after 80 questions: ${asked.join(", ")}`);
}

/** Chooses place, what to check and (optionally) a date on the start page, then starts. */
export async function begin(page, { place, what = "all", date = null }) {
  await page.check(`#place-${place}`);
  await page.check(`#what-${what}`);
  if (date) {
    await page.check("#when-other");
    const [y, m, d] = date.split("-");
    await page.fill("#date-year", y);
    await page.fill("#date-month", String(Number(m)));
    await page.fill("#date-day", String(Number(d)));
  }
  await andWaitForRoute(page, () => page.click("button.start"));
}

const AXE = join(ROOT, "tests", "browser", "node_modules", "axe-core", "axe.min.js");

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, plus best practices) on the page as it stands and
 * returns its violations, each as "rule: target — help". Empty means none.
 */
export async function axe(page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern (a <script> tag would rightly be refused by it).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE, "utf8"));
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${v.help}`));
}

/**
 * A Lucheng household in June 2014: the parent holds a residence permit, has lived there since
 * March 2012, is employed on a 2-year contract and has paid 10 months of local insurance. Tests
 * spread it and change what they need.
 */
export const LUCHENG_2014 = Object.freeze({
  child_birth_date: "2007-03-15",
  child_hukou_here: false,
  child_in_compulsory_stage: true,
  child_lives_with_guardian: true,
  child_able_to_learn: true,
  guardianship_at_hukou: false,
  parent_permit: "residence_permit",
  residence_here_since: "2012-03",
  fixed_residence: true,
  work_kind: "employee",
  labour_contract_term: { months: 24 },
  insurance_months_here: { months: 10 },
  pension_months_total: { months: 10 },
  marriage_certificate_checked: false,
  priority_by_higher_document: false,
  employer_enrolled: true,
  job_start_date: "2012-04-01",
  applicant_hukou_here: false,
  stay_length_clear: true,
  residence_proof_six_months: true,
  has_lease: true,
  residence_registered: true,
  registered_here_since: "2012-03",
});

/**
 * For a test file's `before`: serves dist/ and launches Chromium. The result has browser, url,
 * origin, server, requests (paths the server saw) and close() for the file's `after`.
 */
export async function openSite() {
  const s = await site();
  s.origin = new URL(s.url).origin;
  s.browser = await launch();
  s.close = async () => {
    await s.browser.close();
    s.server.close();
  };
  return s;
}
