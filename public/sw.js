// Anju's service worker: a page opened once opens again offline, and nothing is downloaded
// twice or without need.
//
// - Each build has its own cache, named by a hash of its files and its page. On install it
//   keeps what the resident's journey needs (CORE: the page, the stylesheet every page links,
//   the journey's own stylesheet and program), taking what the page has already put there instead of downloading
//   it again; with Save-Data on it keeps nothing ahead of need. Every other file (another
//   family's program and stylesheets, a place's data, another language) is kept the first time
//   it is used (before this worker controls the page, the page's loader keeps what it fetched
//   in the same cache).
// - A new build's worker waits until no page of the old build is open; only then does it take
//   over and delete the old cache, so an open page never loses the files it still needs.
// - Pages come from the network, but only for a few seconds: on a poor network the copy of
//   this build answers. Every page is index.html with a query string (?p=results).
// - Files with a hash in their name never change: the cached copy answers, unless the page
//   asked for a fresh one (a retry after a damaged download), which replaces it.
const VERSION = "__VERSION__";
const CORE = __CORE__;
const CACHE = `anju-${VERSION}`;
const PAGE_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  const saveData = self.navigator.connection?.saveData === true;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      if (saveData) return;
      for (const file of CORE) {
        if (await cache.match(file)) continue;
        if (file === "./" && (await keepOpenPage(cache))) continue;
        await cache.add(file);
      }
    }),
  );
});

/**
 * Every page is index.html with a query string, and the page that registered this worker was
 * just downloaded under its own address (`./?p=results`), which is not `./`: keep that copy,
 * from the browser's cache, instead of downloading the same file again under the other name.
 */
async function keepOpenPage(cache) {
  const scope = new URL(self.registration.scope);
  const windows = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  for (const client of windows) {
    const url = new URL(client.url);
    if (url.origin !== scope.origin || (url.pathname !== scope.pathname && url.pathname !== `${scope.pathname}index.html`)) continue;
    url.hash = "";
    try {
      const response = await fetch(url, { cache: "force-cache" });
      if (!response.ok || response.redirected) continue;
      await cache.put("./", response);
      return true;
    } catch {
      // Not in the browser's cache and no network: the plain download below says so.
    }
  }
  return false;
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("anju-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, or a rejection after `ms`. */
function within(ms, promise) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("timeout")), ms);
    promise.then(
      (r) => (clearTimeout(timer), ok(r)),
      (e) => (clearTimeout(timer), fail(e)),
    );
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const copy = (await cache.match("./")) ?? (await cache.match("./index.html"));
        try {
          return await (copy ? within(PAGE_TIMEOUT_MS, fetch(request)) : fetch(request));
        } catch (e) {
          if (copy) return copy;
          throw e;
        }
      }),
    );
    return;
  }
  if (url.pathname.endsWith("/sw.js")) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      if (request.cache !== "reload") {
        const hit = await caches.match(request);
        if (hit) return hit;
      }
      const response = await fetch(request);
      if (response.ok) cache.put(request, response.clone());
      return response;
    }),
  );
});
