// Trunk post-build hook: finishes dist/ for a static host that may set no headers.
//
// 1. The page families' programs and stylesheets. Trunk builds the journey's program (the main
//    `rust` link, hashed, with its loader script) and the others' (links of `data-type="worker"`,
//    ES modules with plain names); these get content-hashed names too, so every program can be
//    cached for ever. The stylesheet every page links (Trunk's `css` link) and each family's
//    own (public/anju-<family>.css, linked by the loader with the family's program) are written
//    without their comments and spare white space, named by a hash of what is served.
// 2. `anju-site` writes the data bundles (data/*.bin) and gives the start page as plain HTML,
//    the loading shell of every other page, and the shell's words.
// 3. index.html gets both pages, a small script that shows the right one before the first
//    paint, and the loader: it picks the family's program from `?p=`, fetches it and the data
//    the page needs at the same time, shows progress on a slow network and a retry button if a
//    download fails, and registers the service worker.
// 4. A Content-Security-Policy meta tag that allows only this site's own origin and wasm, with
//    the hash of each inline script.
// 5. sw.js from public/sw.js, with this build's version and the files the journey needs.
// 6. A .gz and a .br copy beside every file, for hosts that send precompressed files.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, renameSync, writeFileSync, statSync, existsSync, unlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook");
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const sha = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

const indexPath = join(stage, "index.html");
// What index.html's comments say is for whoever reads the source, not for every phone.
let html = readFileSync(indexPath, "utf8").replace(/\s*<!--[\s\S]*?-->/g, "");

// ---- 1. the families' programs
const trunkLoader = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!trunkLoader) throw new Error("no Trunk loader script in index.html");
const mainJs = trunkLoader[1].match(/from '\.\/([^']+\.js)'/)?.[1];
const mainWasm = trunkLoader[1].match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
if (!mainJs || !mainWasm) throw new Error("the Trunk loader script has changed shape: update .ci/post-build.mjs");
const families = { journey: { js: mainJs, wasm: mainWasm } };
for (const [family, bin] of [
  ["counter", "anju-counter"],
  ["rules", "anju-rules"],
  ["forms", "anju-forms"],
  ["drafts", "anju-drafts"],
]) {
  const js = join(stage, `${bin}.js`);
  const wasm = join(stage, `${bin}_bg.wasm`);
  if (!existsSync(js) || !existsSync(wasm)) throw new Error(`Trunk wrote no ${bin}: check index.html's rust links`);
  const hash = sha(readFileSync(js), readFileSync(wasm)).slice(0, 16);
  renameSync(js, join(stage, `${bin}-${hash}.js`));
  renameSync(wasm, join(stage, `${bin}-${hash}_bg.wasm`));
  families[family] = { js: `${bin}-${hash}.js`, wasm: `${bin}-${hash}_bg.wasm` };
}
for (const f of Object.values(families)) f.size = statSync(join(stage, f.wasm)).size;

// A stylesheet as served: without comments, runs of white space, or the white space around
// braces, semicolons, `>` and after colons, none of which changes a rule (values keep theirs:
// tests/browser/foundation.test.mjs checks that each gives the rules of its source, to the
// letter). Returns its file name, hashed.
const stylesheet = (name, source) => {
  const css = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/ ?([{};>]) ?/g, "$1")
    .replace(/: /g, ":")
    .replace(/;}/g, "}")
    .trim();
  const file = `${name}-${sha(css).slice(0, 16)}.css`;
  writeFileSync(join(stage, file), css);
  return file;
};
// The one every page links, render-blocking: Trunk's copy of public/anju.css, replaced.
const trunkCss = html.match(/<link rel="stylesheet" href="\.\/(anju-[0-9a-f]+\.css)" integrity="([^"]+)"\s*\/?>/);
if (!trunkCss) throw new Error("no stylesheet link from Trunk in index.html: check index.html's css link");
const css = stylesheet("anju", readFileSync(join(stage, trunkCss[1]), "utf8"));
unlinkSync(join(stage, trunkCss[1]));
const integrity = `sha384-${createHash("sha384").update(readFileSync(join(stage, css))).digest("base64")}`;
html = html.replace(trunkCss[0], `<link rel="stylesheet" href="./${css}" integrity="${integrity}"/>`);
// Each family's own, after it. The journey's holds what only its results show (the household's
// deadlines), which the start page need not wait for. Counter mode shows the deadlines too, and
// prints the materials checklist with the forms' footer and QR code, so it has both of theirs.
const sheets = { journey: ["anju-journey"], counter: ["anju-journey", "anju-forms", "anju-counter"], rules: ["anju-rules"], forms: ["anju-forms"], drafts: ["anju-rules"] };
const written = new Map();
for (const [family, names] of Object.entries(sheets)) {
  families[family].css = names.map((name) => {
    if (!written.has(name)) written.set(name, stylesheet(name, readFileSync(join(root, "public", `${name}.css`), "utf8")));
    return written.get(name);
  });
}

// ---- 2. the data, the start page and the shell
const site = JSON.parse(
  execFileSync("cargo", ["run", "--quiet", "--bin", "anju-site", "--", stage], { cwd: root, encoding: "utf8" }),
);
if (!site.start.startsWith('<div id="static-start">')) throw new Error("anju-site wrote no start page");

// ---- 3. the pages and the loader
const version = sha(
  ...readdirSync(stage)
    .sort()
    .filter((f) => statSync(join(stage, f)).isFile() && f !== "index.html")
    .map((f) => f + sha(readFileSync(join(stage, f)))),
  ...Object.values(site.files).map((f) => f.file),
  // index.html is written below with the version in it, so what goes into it counts instead:
  // Trunk's page, the start page, the shell and its words, and this script (the loader). A
  // build that changes only the page still gets a new worker and cache.
  html,
  JSON.stringify(site),
  readFileSync(new URL(import.meta.url)),
).slice(0, 16);
// Each data bundle as [hash, size]: its file's name follows from the bundle's name (anju-site
// writes data/<name, with - for />-<hash>.bin; checked here), so the manifest need not spell it.
const bundles = {};
for (const [name, f] of Object.entries(site.files)) {
  const hash = f.file.slice(f.file.lastIndexOf("-") + 1, -".bin".length);
  if (f.file !== `data/${name.replaceAll("/", "-")}-${hash}.bin`) throw new Error(`anju-site wrote ${name} as ${f.file}: update the loader`);
  bundles[name] = [hash, f.size];
}
const manifest = { version, families, heads: site.families, files: bundles };

// Runs before the first paint: shows the start page or the loading shell, in the reader's
// language, and makes the header's buttons answer at once (the choice is stored where the app
// reads it; large text is pure CSS).
const boot = `<script>(function(){
var W=${JSON.stringify(site.words)},q=new URLSearchParams(location.search),page=q.get('p')||'start',head=page.split('/')[0];
var store=function(k,v){try{localStorage.setItem(k,v);}catch(e){}},read=function(k){try{return localStorage.getItem(k);}catch(e){return null;}};
var lang=W[read('anju.lang')]?read('anju.lang'):'zh-Hans',w=W[lang],link=/^#v=/.test(location.hash);
var start=document.getElementById('static-start'),shell=document.getElementById('shell'),root;
if(head==='start'&&!link){shell.remove();root=start;}else{
start.remove();root=shell;shell.hidden=false;
var t=w.titles,title=head==='rules'&&page.indexOf('/')>0?t.document:(t[head]||t.other);
shell.querySelector('.skip-link').textContent=w.skip;shell.querySelector('.brand span:last-child').textContent=w.site;
shell.querySelector('.lang-switch').setAttribute('aria-label',w.lang_label);shell.querySelector('.mode-choice').textContent=w.large;
document.getElementById('shell-title').textContent=title;document.getElementById('shell-status').textContent=link?w.opening:w.loading;
document.documentElement.lang=lang;document.title=title+' · '+w.site;}
var langs=root.querySelectorAll('.lang-choice'),large=root.querySelector('.mode-choice');
var showLang=function(tag){langs.forEach(function(b){b.setAttribute('aria-pressed',String(b.lang===tag));});};
var showLarge=function(on){document.documentElement.classList.toggle('large',on);large.setAttribute('aria-pressed',String(on));};
showLang(lang);showLarge(read('anju.large')==='1');
langs.forEach(function(b){b.addEventListener('click',function(){store('anju.lang',b.lang);showLang(b.lang);});});
large.addEventListener('click',function(){var on=large.getAttribute('aria-pressed')!=='true';store('anju.large',on?'1':'0');showLarge(on);});
window.anjuWords=w;
})();</script>`;
html = html.replace(/<body>\s*/, `<body>\n    ${site.start}\n    ${site.shell}\n    ${boot}\n    `);

// The loader. The page's program, its stylesheets and the data it will ask for download side by
// side; the program asks for data through window.anjuFetch, which hands back the download
// already under way, and starts only once its stylesheets apply. Programs and stylesheets of the
// other families are never fetched here.
const loader = `
const M = ${JSON.stringify(manifest)};
const page = new URLSearchParams(location.search).get("p") || "start";
const head = page.split("/")[0];
const family = Object.keys(M.heads).find((f) => M.heads[f].includes(head)) || "journey";
const onStart = head === "start" && !/^#v=/.test(location.hash);
const read = (store, key) => { try { return store.getItem(key) || ""; } catch (e) { return ""; } };
const lang = ["zh-Hans", "zh-Hant", "en"].includes(read(localStorage, "anju.lang")) ? read(localStorage, "anju.lang") : "zh-Hans";
// A retry asked for fresh copies: past the browser's cache and the service worker's.
const reload = read(sessionStorage, "anju.reload") === "1";
try { sessionStorage.removeItem("anju.reload"); } catch (e) {}
const fresh = reload ? { cache: "reload" } : {};

let expected = 0, received = 0, slow = false;
const status = () => {
  const el = document.getElementById("shell-status");
  if (el && slow && expected) el.textContent = window.anjuWords.slow.replace("{percent}", String(Math.min(99, Math.floor((100 * received) / expected))));
};
setTimeout(() => { slow = true; status(); }, 1500);
const keep = (url, response) => {
  if ("caches" in window) caches.open("anju-" + M.version).then((c) => c.put(url, response)).catch(() => {});
};
// The program's module arrives by import() and a family's stylesheet by a link, whose responses
// the page cannot copy; and on a first visit no service worker sees them. Each is kept by a
// fetch of its own from the browser's cache (not the network again), unless the cache has it
// already, so that this build's pages find every file they need there, offline or after a newer
// build is deployed.
const keepFile = (url) => {
  if (!("caches" in window)) return;
  caches.open("anju-" + M.version)
    .then(async (c) => (await c.match(url)) || fetch(url, { cache: "force-cache" }).then((r) => r.ok && c.put(url, r)))
    .catch(() => {});
};
// A response whose body counts towards the progress line as it arrives.
const counted = (url, size) => {
  expected += size;
  return fetch(url, fresh).then((r) => {
    if (!r.ok) throw new Error(url + ": " + r.status);
    keep(url, r.clone());
    const reader = r.body.getReader();
    const body = new ReadableStream({
      async pull(c) {
        const { done, value } = await reader.read();
        if (done) return c.close();
        received += value.length;
        status();
        c.enqueue(value);
      },
    });
    return new Response(body, { headers: r.headers });
  });
};
const downloads = new Map();
window.anjuFetch = (name) => {
  if (!downloads.has(name)) {
    const f = M.files[name];
    // A name the build has no file for (a place since removed) gives null, not a failure.
    downloads.set(name, f ? counted("data/" + name.split("/").join("-") + "-" + f[0] + ".bin", f[1]).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)) : Promise.resolve(null));
  }
  return downloads.get(name);
};
window.anjuFailed = () => {
  const w = window.anjuWords, shell = document.getElementById("shell"), retry = document.getElementById("shell-retry");
  if (!shell || !retry) return;
  shell.hidden = false;
  document.getElementById("shell-status").textContent = w.failed;
  const button = retry.querySelector("button");
  button.textContent = w.retry;
  button.onclick = () => { try { sessionStorage.setItem("anju.reload", "1"); } catch (e) {} location.reload(); };
  retry.hidden = false;
};
// The place whose rules the page will show: in a share link, the start form's answer, or the
// answers saved on this device. Only a guess to start the download early; the program asks
// for what it needs.
const place = () => {
  // A counter tab keeps its household in the tab only (src/ui/device_storage.rs).
  const tab = read(sessionStorage, "anju.tab") === "counter";
  // A share link names its place: #2lucheng.… (format 2) or #v=1&p=lucheng&… (format 1).
  const m = location.hash.match(/^#2([a-z0-9_-]+)[.]/i) || location.hash.match(/[#&]p=([a-z0-9_-]+)/) || location.search.match(/[?&]place=([a-z0-9_-]+)/) ||
    read(tab ? sessionStorage : localStorage, "anju.answers").match(/"place":"([a-z0-9_-]+)"/);
  return m && (m[1] || m[2]).toLowerCase();
};
const prefetch = () => {
  window.anjuFetch("text/" + lang);
  if (family === "rules") return window.anjuFetch("all");
  if (family === "drafts") window.anjuFetch("policy-data");
  const p = place(), dataLang = family === "forms" ? "zh-Hans" : lang;
  if (p && M.files["place/" + p + "/" + dataLang] && !onStart) window.anjuFetch("place/" + p + "/" + dataLang);
  else window.anjuFetch("index/" + lang);
};
// The family's own stylesheets, after the one every page links. A failed one fails the page, as
// a failed program does (a form printed without its rules would be wrong paper). Each is kept
// for offline use as the programs are, taken from the browser's cache, not downloaded again.
const styled = (files = []) =>
  Promise.all(
    files.map((file) => new Promise((ok, fail) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = file;
      link.onload = () => {
        ok();
        keepFile(file);
      };
      link.onerror = () => fail(new Error(file));
      document.head.append(link);
    })),
  );
const register = () => {
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js").catch(() => {});
};
let started;
const load = () => (started ??= (() => {
  prefetch();
  const f = M.families[family], css = styled(f.css);
  // A failure is handled below, once the program has arrived.
  css.catch(() => {});
  return import("./" + f.js)
    .then((app) => (keepFile(f.js), app.default({ module_or_path: Promise.all([counted(f.wasm, f.size), css]).then(([wasm]) => wasm) })))
    .catch(() => window.anjuFailed());
})());
if (onStart) {
  // The plain start page is all a slow phone needs until the person acts; the program starts
  // at the first touch, key or focus, and the service worker caches the journey meanwhile.
  addEventListener("load", register);
  for (const type of ["pointerdown", "keydown", "focusin"]) addEventListener(type, load, { once: true, capture: true, passive: true });
} else {
  load().then(() => ("requestIdleCallback" in window ? requestIdleCallback(register) : setTimeout(register, 1000)));
}
`;
// Sent without its comments and indentation (each statement stays on its own line).
const compact = (code) =>
  code
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("//"))
    .join("\n");
html = html.replace(trunkLoader[0], `<script type="module">${compact(loader)}</script>`);
html = html.replace(/<link rel="modulepreload"[^>]*>/g, "").replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, "");

// Nor are the blank lines Trunk leaves where its links were.
html = html.replace(/\n(?:[ \t]*\n)+/g, "\n");

// ---- 4. the Content-Security-Policy
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`,
);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error("index.html already has a CSP meta tag");
html = html.replace(/<meta charset="utf-8"\s*\/?>/, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
writeFileSync(indexPath, html);

// ---- 5. the service worker: this build's version, and what the journey needs offline (the
// rest, the other families' programs and stylesheets among it, is kept as it is first used).
const core = ["./", css, ...families.journey.css, families.journey.js, families.journey.wasm];
const sw = readFileSync(join(root, "public", "sw.js"), "utf8")
  .replace("__VERSION__", version)
  .replace("__CORE__", JSON.stringify(core.map((f) => (f.startsWith("./") ? f : `./${f}`))));
writeFileSync(join(stage, "sw.js"), sw);

// ---- 6. precompressed copies
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
let compressed = 0;
for (const path of files(stage)) {
  if (/\.(gz|br)$/.test(path)) continue;
  const body = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  compressed++;
}
const names = Object.keys(families).map((f) => `${f} ${Math.round(families[f].size / 1024)} kB`).join(", ");
console.log(`post-build: programs ${names}; ${Object.keys(site.files).length} data files; CSP with ${hashes.length} script hash(es); ${compressed} files precompressed (${relative(root, stage) || stage})`);
