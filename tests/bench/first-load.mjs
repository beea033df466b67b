// Which files a page downloads before it is interactive, measured in Chromium rather than
// guessed from the HTML: the page is served from DIST under a sub-path and opened at a phone
// viewport; "interactive" is when the load event has fired and READY (a CSS selector for the
// control a person uses first) is on the page, whichever is later. Prints the files (paths
// relative to DIST) as JSON.
//
//   node first-load.mjs DIST READY
import { launch, phonePage } from "../browser/lib.mjs";
import { serve } from "../browser/static-server.mjs";

const [dist, ready] = process.argv.slice(2);
if (!dist || !ready) {
  console.error("usage: node first-load.mjs DIST READY-SELECTOR");
  process.exit(2);
}
const prefix = "/first-load/";
const { url, server } = await serve(dist, prefix, 0);
const browser = await launch();
try {
  const { page } = await phonePage(browser, new URL(url).origin);
  // When the ready control first appears, by the page's own clock.
  await page.addInitScript((selector) => {
    const mark = () => {
      if (window.__readyAt === undefined && document.querySelector(selector)) window.__readyAt = performance.now();
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", mark);
  }, ready);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(ready);
  await page.waitForFunction(() => window.__readyAt !== undefined);
  const urls = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const interactive = Math.max(nav.loadEventEnd, window.__readyAt);
    return [nav.name, ...performance.getEntriesByType("resource").filter((e) => e.startTime <= interactive).map((e) => e.name)];
  });
  const files = [...new Set(urls.map((u) => decodeURIComponent(new URL(u).pathname.slice(prefix.length)) || "index.html"))];
  console.log(JSON.stringify(files));
} finally {
  await browser.close();
  server.close();
}
