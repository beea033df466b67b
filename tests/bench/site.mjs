// What the measurement scripts share: the release build served as a government site would
// serve it, in three ways, and the share link they open.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../browser/static-server.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PREFIX = "/services/anju/";
export const HOUSEHOLD = join(ROOT, "tests", "fixtures", "answers-lucheng-2014.json");
/** How a server may send the files: as they are, or its precompressed copies. */
export const MODES = ["plain", "gzip", "brotli"];
/** The copy of a file each mode sends. */
export const EXT = { plain: "", gzip: ".gz", brotli: ".br" };

/** The share link's fragment (without `#`) for the Lucheng 2014 household, as the portal writes it. */
export function shareFragment() {
  return execFileSync("cargo", ["run", "-q", "--bin", "anju-eval", "--", HOUSEHOLD, "--link"], {
    cwd: ROOT,
    encoding: "utf8",
  }).trim();
}

/**
 * The manifest the build wrote into index.html's loader (`const M = {…};`), with each data
 * bundle as { file, size } (the loader has [hash, size] and makes the file's name as here).
 */
export function manifest(dist) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const json = html.match(/const M = (\{.*\});$/m)?.[1];
  if (!json) throw new Error(`no manifest in ${dist}/index.html: has the loader changed?`);
  const m = JSON.parse(json);
  for (const [name, [hash, size]] of Object.entries(m.files)) m.files[name] = { file: `data/${name.replaceAll("/", "-")}-${hash}.bin`, size };
  return m;
}

/**
 * Serves `dist` under PREFIX with tests/browser/static-server.mjs: `plain` as the files are;
 * `brotli` with its precompressed copies, .br to a browser that accepts br (Chromium does);
 * `gzip` as a server that has only the .gz copies (the br a browser offers is ignored). The
 * result has url, origin, close() and `log`: every response's path, status and body bytes.
 */
export async function server(dist, mode) {
  if (!MODES.includes(mode)) throw new Error(`no server mode ${mode}`);
  const site = await serve(dist, PREFIX, 0, { compressed: mode !== "plain" });
  const log = [];
  const counted = new Map();
  // Runs before the static server's own handler, which reads Accept-Encoding after an await.
  site.server.prependListener("request", (req, res) => {
    if (mode === "gzip") {
      req.headers["accept-encoding"] = String(req.headers["accept-encoding"] ?? "")
        .split(",")
        .filter((t) => !/^\s*br\b/.test(t))
        .join(",");
    }
    res.on("finish", () => {
      const path = new URL(req.url, "http://x").pathname;
      const now = site.bytes().get(path) ?? 0;
      log.push({ path, status: res.statusCode, bytes: now - (counted.get(path) ?? 0) });
      counted.set(path, now);
    });
  });
  site.origin = new URL(site.url).origin;
  site.log = log;
  site.close = () => site.server.close();
  return site;
}

/** A URL of the site as a file of dist/ (the folder itself is index.html). */
export const fileOf = (url) => decodeURIComponent(new URL(url).pathname.slice(PREFIX.length)) || "index.html";
