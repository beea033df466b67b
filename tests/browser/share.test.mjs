// The share page's copy button on both kinds of host. On plain http (not a secure context: no
// navigator.clipboard) it selects the link and copies it the older way (execCommand), saying
// 'copied' only if the browser did, and otherwise leaves it selected and says how to copy it,
// with no error either way; on a secure origin it writes the clipboard and says 'copied' only
// once the browser has done so, and falls back like plain http when the browser refuses.

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

/**
 * What the browser's clipboard holds, read from a page of the loopback origin (a secure
 * context, given the permission) in the same browser as `page`.
 */
async function clipboardText(page) {
  const origin = new URL(server.url).origin;
  const reader = await page.context().browser().newContext();
  try {
    await reader.grantPermissions(["clipboard-read"], { origin });
    const tab = await reader.newPage();
    await tab.goto(`${origin}/`);
    return await tab.evaluate(() => navigator.clipboard.readText());
  } finally {
    await reader.close();
  }
}

/** Makes the page's browser refuse the older copy command, as some do. */
const refuseExecCommand = (page) => page.evaluate(() => (document.execCommand = () => false));

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

/** The share page on plain http: the site opened by a name that is not a secure context. */
async function insecureSharePage() {
  const url = new URL(server.url);
  url.hostname = INSECURE_HOST;
  const opened = await phonePage(insecure, url.origin);
  const link = await toSharePage(opened.page, url.href);
  assert.ok(link.startsWith(url.href), `the link names the site as opened: ${link}`);
  assert.deepEqual(await opened.page.evaluate(() => [window.isSecureContext, "clipboard" in navigator]), [false, false]);
  return { ...opened, link };
}

test("on plain http (not a secure context) copy copies the link the older way and says so", async () => {
  const { page, context, errors, foreign, link } = await insecureSharePage();
  await page.click("button:has-text('复制链接')");
  await page.waitForFunction(() => document.getElementById("share-copy-status").textContent !== "");
  assert.equal(await page.innerText("#share-copy-status"), "已复制。");
  assert.equal(await clipboardText(page), link, "the clipboard holds the link");
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("on plain http, when the browser will not copy, the link is selected and the page says how", async () => {
  const { page, context, errors, foreign, link } = await insecureSharePage();
  await refuseExecCommand(page);
  await page.click("button:has-text('复制链接')");
  await page.waitForFunction(() => document.getElementById("share-copy-status").textContent !== "");
  assert.match(await page.innerText("#share-copy-status"), BY_HAND);
  assert.doesNotMatch(await page.innerText("main"), /已复制/);
  assert.ok(await linkSelected(page), "the whole link is selected");
  assert.equal(await page.evaluate(() => window.getSelection().toString()), link, "what a copy command would take");
  assert.deepEqual(foreign(), []);
  assert.deepEqual(errors, []);
  await context.close();
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
  await context.close();
});

test("on a secure origin a refused write falls back like plain http", async () => {
  const { page, context, errors } = await phonePage(secure, new URL(server.url).origin);
  await toSharePage(page, server.url);
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("refused", "NotAllowedError"));
  });
  await refuseExecCommand(page);
  await page.click("button:has-text('复制链接')");
  await page.waitForFunction(() => document.getElementById("share-copy-status").textContent !== "");
  assert.match(await page.innerText("#share-copy-status"), BY_HAND);
  assert.ok(await linkSelected(page), "the whole link is selected");
  assert.doesNotMatch(await page.innerText("main"), /已复制/);
  assert.deepEqual(errors, []);
  await context.close();
});
