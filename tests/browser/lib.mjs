// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core at a phone
// viewport, the release build served under a sub-path, and a record of every request so that a
// test can fail on any request to another origin.

import { chromium } from "playwright-core";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./static-server.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = join(ROOT, "dist");
export const PREFIX = "/services/anju/";
export const PHONE = { width: 360, height: 740 };

// Flags that work on these machines (root, closed network): see shared/TOOLCHAIN.md.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    // playwright gives every launch a fresh, empty profile of its own.
    args: FLAGS,
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
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  const foreign = () =>
    requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  return { context, page, requests, errors, foreign };
}

/** Waits until the portal has mounted (a main heading is on the page). */
export async function ready(page) {
  await page.waitForSelector("main h1", { timeout: 20000 });
}
