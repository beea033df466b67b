// A plain static file server, as a government site would be: it serves a folder under a
// sub-path (e.g. /services/anju/), with no rewrite rules and no index.html fallback, so a page
// that only works with rewrites fails here too. Loopback only.
//
//   node static-server.mjs DIR PREFIX PORT      (PORT 0 picks a free port; the URL is printed)

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts a server; resolves to { url, server, requests } where requests logs every path asked. */
export function serve(dir, prefix = "/", port = 0) {
  const root = resolve(dir);
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end("not found");
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end("forbidden");
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      // The service worker script and the page must never be served stale.
      if (/(index\.html|sw\.js)$/.test(file)) headers["cache-control"] = "no-cache";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      ok({ url: `http://127.0.0.1:${p}${base}`, server, requests });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = "dist", prefix = "/anju/", port = "8080"] = process.argv.slice(2);
  const { url } = await serve(dir, prefix, Number(port));
  console.log(`Anju is served at ${url}  (Ctrl+C stops it)`);
}
