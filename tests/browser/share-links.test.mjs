// Share links of format 2 on a 360 px phone (issue 17): a household opened from its old
// (format 1) link is shared again as a short format-2 link; its QR code has a four-module quiet
// zone, modules of at least 4 px and the link's text beside it; a camera's view of it (the
// screenshot scaled to 50 % and blurred slightly) is read back by zbarimg to the same link, which
// opens the same answers; and a link of a newer format or of another list of questions is
// refused with a sentence in each language, changing nothing saved.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseLanguage, openSite, phonePage, ready, ROOT, routeOf } from "./lib.mjs";

let browser, url, origin, site;
before(async () => ({ browser, url, origin } = site = await openSite()));
after(() => site?.close());

// The policy cases' households as format-1 links (tests/fixtures/share-links-v1.jsonl): the
// shortest, the median and the longest.
const FIXTURES = readFileSync(join(ROOT, "tests/fixtures/share-links-v1.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.startsWith("{"))
  .map((l) => JSON.parse(l))
  .sort((a, b) => a.link.length - b.link.length);
const CHOSEN = [FIXTURES[0], FIXTURES[FIXTURES.length >> 1], FIXTURES[FIXTURES.length - 1]];

// Format 2's checksum, as src/portal/share_link.rs writes it (FNV-1a, MurmurHash3's final mix,
// the top 20 bits, over the link read case-blind), so that a link can be altered and sealed.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function seal(unsigned) {
  const dot = unsigned.lastIndexOf(".");
  const digit = (c) => ({ O: "0", I: "1", L: "1" })[c.toUpperCase()] ?? c.toUpperCase();
  const canonical = unsigned.slice(0, dot + 1).toLowerCase() + [...unsigned.slice(dot + 1)].map(digit).join("");
  let h = 0x811c9dc5;
  for (const b of Buffer.from(canonical)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  const sum = h >>> 12;
  return unsigned + [3, 2, 1, 0].map((i) => ALPHABET[(sum >>> (5 * i)) & 31]).join("");
}

/** Opens a household's format-1 link, then the share page: the format-2 link it shows. */
async function shareAgain(page, fixture) {
  await page.goto(`${url}?p=results${fixture.link}`);
  await ready(page);
  assert.equal(routeOf(page), "results", fixture.case);
  assert.match(await page.innerText(".notice"), /已打开分享链接中的回答/, fixture.case);
  await page.goto(`${url}?p=share`);
  await ready(page);
  return page.inputValue("#share-url");
}

/** The share page's QR code as a camera sees it: scaled to 50 % and blurred, as a PNG file. */
async function cameraView(context, page) {
  // The code and the link's text beside it, at the phone's 2 device pixels a CSS pixel.
  const figure = page.locator(".qr-figure");
  const shot = await figure.screenshot();
  const box = await figure.boundingBox();
  const scratch = await context.newPage();
  await scratch.setContent("<canvas></canvas>");
  const png = await scratch.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.querySelector("canvas");
    c.width = Math.round(img.width / 2);
    c.height = Math.round(img.height / 2);
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, c.width, c.height);
    g.filter = "blur(0.8px)";
    g.drawImage(img, 0, 0, c.width, c.height);
    return c.toDataURL("image/png").split(",")[1];
  }, shot.toString("base64"));
  await scratch.close();
  const file = join(mkdtempSync(join(tmpdir(), "anju-camera-")), "camera.png");
  writeFileSync(file, Buffer.from(png, "base64"));
  return { file, width: Math.round(box.width), height: Math.round(box.height) };
}

for (const [i, fixture] of CHOSEN.entries()) {
  const which = ["shortest", "median", "longest"][i];
  test(`the ${which} policy-case household: format 1 opens, is shared as format 2, and its QR code reads at a glance`, async () => {
    const { context, page, errors } = await phonePage(browser, origin);
    const link = await shareAgain(page, fixture);
    const fragment = new URL(link).hash;
    assert.match(fragment, /^#2[a-z0-9_.-]*\.[0-9A-Z]+$/, link);
    assert.ok(fragment.length * 2 < fixture.link.length, `${fragment} is not much shorter than ${fixture.link}`);

    // The symbol: a quiet zone of four modules (the path starts at 4,4), modules of 4 px or more
    // on the 360 px screen, and the link's text beside it, right of the code.
    const qr = await page.evaluate(() => {
      const svg = document.querySelector(".share-qr svg");
      const side = Number(svg.getAttribute("viewBox").split(" ")[2]);
      const path = svg.querySelector("path").getAttribute("d");
      const r = (e) => e.getBoundingClientRect();
      const code = r(svg);
      const text = r(document.querySelector(".qr-figure .qr-link"));
      return { side, path, width: code.width, right: code.right, top: code.top, bottom: code.bottom, textLeft: text.left, textTop: text.top, textRight: text.right };
    });
    const modules = qr.side - 8;
    assert.equal((modules - 17) % 4, 0, `${modules} modules is a QR symbol's side`);
    const version = (modules - 17) / 4;
    assert.match(qr.path, /^M4 4h/, "the first dark module is inside the four-module quiet zone");
    const px = qr.width / qr.side;
    assert.ok(px >= 4, `${px.toFixed(2)} px a module (version ${version})`);
    assert.ok(qr.textLeft >= qr.right && qr.textTop < qr.bottom && qr.textRight <= 360, `the link beside the code: ${JSON.stringify(qr)}`);
    assert.equal(await page.innerText(".qr-figure .qr-link"), link);
    console.log(`# ${which}: ${fixture.link.length} → ${fragment.length} characters, version ${version}, ${px.toFixed(2)} px a module`);

    // A camera's view, half the screenshot's pixels and blurred, still reads to the link.
    const view = await cameraView(context, page);
    const decoded = execFileSync("zbarimg", ["--raw", "-q", "--nodbus", view.file], { encoding: "utf8" }).trim();
    assert.equal(decoded, link);

    // The link read back opens the same answers on another phone.
    const other = await phonePage(browser, origin);
    await other.page.goto(decoded);
    await ready(other.page);
    assert.equal(routeOf(other.page), "results");
    assert.match(await other.page.innerText(".notice"), /已打开分享链接中的回答/);
    const saved = (p) => p.evaluate(() => JSON.parse(localStorage.getItem("anju.answers")));
    assert.deepEqual(await saved(other.page), await saved(page));
    assert.deepEqual(other.errors, []);
    await other.context.close();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

const REFUSED = {
  "zh-Hans": { newer: /更新的版本/, other: /问题清单/ },
  "zh-Hant": { newer: /更新的版本/, other: /問題清單/ },
  en: { newer: /newer version/, other: /different list of questions/ },
};

for (const [tag, says] of Object.entries(REFUSED)) {
  test(`${tag}: a link of a newer format, and one made with another list of questions, are refused with a sentence`, async () => {
    const { context, page, errors } = await phonePage(browser, origin);
    const link = await shareAgain(page, CHOSEN[1]);
    const fragment = new URL(link).hash.slice(1);
    // The test's checksum is the portal's: sealed again, the link is unchanged.
    assert.equal(seal(fragment.slice(0, -4)), fragment);
    await chooseLanguage(page, tag);
    const saved = await page.evaluate(() => localStorage.getItem("anju.answers"));
    const dot = fragment.lastIndexOf(".");
    const tagDigits = fragment.slice(dot + 1, dot + 5);
    const otherTag = tagDigits === "0000" ? "0001" : "0000";
    const bad = {
      // The version digit after ours: a later format.
      newer: `3${fragment.slice(1)}`,
      // Another layout's tag (the first 20 bits), sealed so that only the tag is wrong.
      other: seal(fragment.slice(0, dot + 1) + otherTag + fragment.slice(dot + 5, -4)),
    };
    for (const [why, hash] of Object.entries(bad)) {
      await page.goto(`${url}?p=results#${hash}`);
      await ready(page);
      const notice = await page.innerText(".notice");
      assert.match(notice, says[why], `${why}: ${notice}`);
      assert.doesNotMatch(notice, /OtherQuestions|FutureVersion|other_questions|future_version/);
      if (tag !== "en") assert.doesNotMatch(notice.split("\n")[0], /[A-Za-z]/, "no English in the Chinese");
      assert.equal(await page.evaluate(() => localStorage.getItem("anju.answers")), saved, "nothing saved changed");
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("a format-2 link starts the download of its place's rules at once, in any case of letters", async () => {
  // The page's loader reads the place from the link before the program arrives, so the place's
  // rules come with the program, not after it (and the index of all places is not needed).
  const fragment = execFileSync("cargo", ["run", "-q", "--bin", "anju-eval", "--", "tests/fixtures/answers-lucheng-2014.json", "--link"], { cwd: ROOT, encoding: "utf8" }).trim();
  assert.match(fragment, /^2lucheng\./);
  for (const hash of [fragment, fragment.toUpperCase()]) {
    const { page, context, errors } = await phonePage(browser, origin);
    const data = [];
    page.on("request", (r) => {
      if (/\/data\//.test(r.url())) data.push(r.url().split("/data/")[1]);
    });
    await page.goto(`${url}?p=results#${hash}`);
    await ready(page);
    await page.waitForSelector(".answer-sentence");
    assert.match(await page.innerText(".answer-sentence"), /暂不能安排/);
    assert.ok(data.some((f) => f.startsWith("place-lucheng-zh-Hans-")), data.join(" "));
    assert.ok(!data.some((f) => f.startsWith("index-")), `no index bundle: ${data.join(" ")}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
