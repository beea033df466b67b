// A plain static file server, as a government site would be: it serves a folder under a
// sub-path (e.g. /services/anju/), with no rewrite rules and no index.html fallback, so a page
// that only works with rewrites fails here too. Like any web server it answers a repeated
// request for an unchanged file with 304 (Last-Modified). With `compressed` it sends the
// build's precompressed copies (file.br, file.gz) to a browser that accepts them, as nginx's
// gzip_static / brotli_static do. Loopback only.
//
//   node static-server.mjs DIR PREFIX PORT [--compressed]   (PORT 0 picks a free port)

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

/**
 * Starts a server; resolves to { url, server, requests, bytes } where requests logs every path
 * asked and bytes() the body bytes sent so far, per path.
 */
export function serve(dir, prefix = "/", port = 0, { compressed = false } = {}) {
  const root = resolve(dir);
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const requests = [];
  const sent = new Map();
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
      const headers = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "last-modified": info.mtime.toUTCString(),
        vary: "Accept-Encoding",
      };
      // The service worker script and the page must never be served stale.
      if (/(index\.html|sw\.js)$/.test(file)) headers["cache-control"] = "no-cache";
      const since = Date.parse(req.headers["if-modified-since"] ?? "");
      if (since && Math.floor(info.mtime.getTime() / 1000) <= Math.floor(since / 1000)) {
        res.writeHead(304, headers).end();
        return;
      }
      let body = await readFile(file);
      const accepts = String(req.headers["accept-encoding"] ?? "");
      for (const [encoding, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
        if (compressed && accepts.includes(encoding)) {
          const copy = await readFile(file + ext).catch(() => null);
          if (copy) {
            body = copy;
            headers["content-encoding"] = encoding;
            break;
          }
        }
      }
      sent.set(url.pathname, (sent.get(url.pathname) ?? 0) + body.length);
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      ok({ url: `http://127.0.0.1:${p}${base}`, server, requests, bytes: () => new Map(sent) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const [dir = "dist", prefix = "/anju/", port = "8080"] = args;
  const { url } = await serve(dir, prefix, Number(port), { compressed: process.argv.includes("--compressed") });
  console.log(`Anju is served at ${url}  (Ctrl+C stops it)`);
}
