// Trunk post-build hook: finishes dist/ for a static host that may set no headers.
// 0. The pre-rendered start page, and the app started after it (see below).
// 1. A Content-Security-Policy meta tag that allows only this site's own origin and wasm, with
//    the hash of each inline script Trunk wrote (so no other inline script can run).
// 2. sw.js from public/sw.js, with this build's file list and a version hashed from the files.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook");
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();

const indexPath = join(stage, "index.html");
let html = readFileSync(indexPath, "utf8");

// The start page as plain HTML (src/bin/anju-prerender.rs): it shows and works before the app
// arrives. On any other page it is hidden at once, before it is painted.
const start = execFileSync("cargo", ["run", "--quiet", "--bin", "anju-prerender"], { cwd: root, encoding: "utf8" }).trim();
if (!start.startsWith('<div id="static-start">')) throw new Error("anju-prerender wrote no start page");
// The language and large-text buttons answer at once: the choice is stored where the app
// reads it, and large text (pure CSS) applies immediately; the app then speaks that language.
const hide = `<script>(function(){
var root=document.getElementById('static-start'),q=new URLSearchParams(location.search).get('p');
if((q&&q!=='start')||location.hash.indexOf('#v=')===0){root.hidden=true;return;}
var store=function(k,v){try{localStorage.setItem(k,v);}catch(e){}},read=function(k){try{return localStorage.getItem(k);}catch(e){return null;}};
var langs=root.querySelectorAll('.lang-choice'),large=root.querySelector('.mode-choice');
var showLang=function(tag){langs.forEach(function(b){b.setAttribute('aria-pressed',String(b.lang===tag));});};
var showLarge=function(on){document.documentElement.classList.toggle('large',on);large.setAttribute('aria-pressed',String(on));};
if(read('anju.lang'))showLang(read('anju.lang'));
showLarge(read('anju.large')==='1');
langs.forEach(function(b){b.addEventListener('click',function(){store('anju.lang',b.lang);showLang(b.lang);});});
large.addEventListener('click',function(){var on=large.getAttribute('aria-pressed')!=='true';store('anju.large',on?'1':'0');showLarge(on);});
})();</script>`;
html = html.replace(/<body>\s*/, `<body>\n    ${start}\n    ${hide}\n    `);

// Trunk's loader starts the app at once and preloads its wasm. Here the page first registers
// the service worker (which fetches and caches the whole site, app included, in the
// background). On the start page the app then waits for the first touch, click, key or focus:
// the plain page is all a slow phone needs until the person acts, and the app's start-up work
// never competes with reading it. Every other page starts the app at once.
const loader = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!loader) throw new Error("no Trunk loader script in index.html");
const js = loader[1].match(/from '(\.\/[^']+\.js)'/)?.[1];
const wasm = loader[1].match(/module_or_path: '(\.\/[^']+\.wasm)'/)?.[1];
if (!js || !wasm) throw new Error("the Trunk loader script has changed shape: update .ci/post-build.mjs");
const deferred = [
  "let started;",
  `const load = () => (started ??= import('${js}').then((app) => app.default({ module_or_path: '${wasm}' })));`,
  "const register = () => { if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js').catch(() => {}); };",
  "const page = new URLSearchParams(location.search).get('p');",
  "if ((!page || page === 'start') && location.hash.indexOf('#v=') !== 0) {",
  "  addEventListener('load', register);",
  "  for (const type of ['pointerdown', 'keydown', 'focusin']) addEventListener(type, load, { once: true, capture: true, passive: true });",
  "} else {",
  "  // Here the app comes first; the service worker's copy of the site waits until it runs.",
  "  load().then(() => ('requestIdleCallback' in window ? requestIdleCallback(register) : setTimeout(register, 1000)));",
  "}",
].join("\n");
html = html.replace(loader[0], `<script type="module">\n${deferred}\n</script>`);
html = html.replace(/<link rel="modulepreload"[^>]*>/g, "").replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, "");

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

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const list = files(stage)
  .map((p) => relative(stage, p).split("\\").join("/"))
  .filter((f) => f !== "sw.js")
  .sort();
const version = createHash("sha256");
for (const f of list) version.update(f).update(readFileSync(join(stage, f)));
const sw = readFileSync(join(root, "public", "sw.js"), "utf8")
  .replace("__VERSION__", version.digest("hex").slice(0, 16))
  .replace("__FILES__", JSON.stringify(["./", ...list.map((f) => `./${f}`)]));
writeFileSync(join(stage, "sw.js"), sw);
console.log(`post-build: CSP with ${hashes.length} script hash(es); sw.js caches ${list.length + 1} entries`);
