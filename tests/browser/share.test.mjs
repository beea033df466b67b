// The share page's copy button on both kinds of host. On plain http (not a secure context: no
// navigator.clipboard) it selects the link and says how to copy it, with no error; on a secure
// origin it writes the clipboard and says 'copied' only once the browser has done so, and falls
// back like plain http when the browser refuses.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { andWaitForRoute, answerQuestions, begin, INSECURE_HOST, launch, LUCHENG_2014, phonePage, ready, site } from "./lib.mjs";

let server, secure, insecure;
before(async () => {
  server = await site();
  secure = await launch();
  insecure = await launch({ insecureHost: true });
});
after(async () => {
  await secure?.close();
  await insecure?.close();
  server?.server.close();
});

const BY_HAND = /链接已经选中。请自己复制/;

/** A school journey in Lucheng, 2014, ending on the share page; returns the link shown. */
async function toSharePage(page, url) {
  await page.goto(url);
  await ready(page);
  await begin(page, { place: "lucheng", what: "school", date: "2014-06-01" });
  await answerQuestions(page, LUCHENG_2014);
  await andWaitForRoute(page, () => page.click("a.button[href='?p=results']"));
  await andWaitForRoute(page, () => page.click("a[href='?p=share']"));
  assert.equal(await page.innerText("#share-copy-status"), "", "nothing said before the button is pressed");
  return page.inputValue("#share-url");
}

/** Whether the whole link is selected in its box, with the box focused. */
const linkSelected = (page) =>
  page.evaluate(() => {
    const box = document.getElementById("share-url");
    return document.activeElement === box && box.selectionStart === 0 && box.selectionEnd === box.value.length && box.value.length > 0;
  });

test("on plain http (not a secure context) copy selects the link and says how to copy it", async () => {
  const url = new URL(server.url);
  url.hostname = INSECURE_HOST;
  const { page, errors, foreign } = await phonePage(insecure, url.origin);
  const link = await toSharePage(page, url.href);
  assert.ok(link.startsWith(url.href), `the link names the site as opened: ${link}`);
  assert.deepEqual(await page.evaluate(() => [window.isSecureContext, "clipboard" in navigator]), [false, false]);
  await page.click("button:has-text('复制链接')");
  await page.waitForFunction(() => document.getElementById("share-copy-status").textContent !== "");
  assert.match(await page.innerText("#share-copy-status"), BY_HAND);
  assert.doesNotMatch(await page.innerText("main"), /已复制/);
  assert.ok(await linkSelected(page), "the whole link is selected");
  assert.equal(await page.evaluate(() => window.getSelection().toString()), link, "what a copy command would take");
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
});

test("on a secure origin copy writes the clipboard, and says 'copied' only once it has", async () => {
  const { page, context, errors } = await phonePage(secure, new URL(server.url).origin);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  const link = await toSharePage(page, server.url);
  // Hold the browser's write back until the test lets it go.
  await page.evaluate(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => new Promise((go) => (window.letCopyGo = go)).then(() => write(text));
  });
  await page.click("button:has-text('复制链接')");
  await page.waitForFunction(() => typeof window.letCopyGo === "function");
  await page.waitForTimeout(300);
  assert.equal(await page.innerText("#share-copy-status"), "", "not 'copied' while the write is under way");
  await page.evaluate(() => window.letCopyGo());
  await page.waitForFunction(() => document.getElementById("share-copy-status").textContent !== "");
  assert.equal(await page.innerText("#share-copy-status"), "已复制。");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.deepEqual(errors, []);
});

test("on a secure origin a refused write falls back to selecting the link", async () => {
  const { page, errors } = await phonePage(secure, new URL(server.url).origin);
  await toSharePage(page, server.url);
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("refused", "NotAllowedError"));
  });
  await page.click("button:has-text('复制链接')");
  await page.waitForFunction(() => document.getElementById("share-copy-status").textContent !== "");
  assert.match(await page.innerText("#share-copy-status"), BY_HAND);
  assert.ok(await linkSelected(page), "the whole link is selected");
  assert.deepEqual(errors, []);
});
