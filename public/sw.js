// Anju's service worker: the whole site is cached on the first visit, so that it opens and works
// offline afterwards. Every build gets its own cache, named by a hash of its files; a new build
// installs its cache whole before it takes over, then deletes the old one, so a page never mixes
// the HTML of one build with the wasm of another. The build fills in VERSION and FILES.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `anju-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("anju-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages: the network first (a new build shows at once), this build's index.html offline.
    // Every page is index.html with a query string (?p=results), so the query is ignored.
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match("./index.html").then((r) => r ?? cache.match("./"))),
      ),
    );
    return;
  }
  // Assets have content hashes in their names: this build's copy, else the network.
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit ?? fetch(request))));
});
