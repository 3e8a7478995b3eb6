// Cramp Aid's service worker. CONFIG (above, written by the server) holds the version, the
// static files and each language's pages. Emergency screens: cache first, refreshed in the
// background. Other pages: network with a short timeout, then cache, then the offline page.
const PAGES_CACHE = `${CONFIG.cachePrefix}-pages-${CONFIG.version}`;
const STATIC_CACHE = `${CONFIG.cachePrefix}-static-${CONFIG.version}`;
const VENUES_CACHE = CONFIG.venuesCache; // filled by the page when the user saves a venue
const NETWORK_TIMEOUT_MS = 3000;
const emergency = new Set(Object.values(CONFIG.emergency).flat());

function languageOf(url) {
  const first = new URL(url, self.location).pathname.split("/")[1];
  return first in CONFIG.pages ? first : null;
}

async function cacheLanguage(language) {
  const cache = await caches.open(PAGES_CACHE);
  const missing = [];
  for (const url of CONFIG.pages[language]) if (!(await cache.match(url))) missing.push(url);
  // "reload": a page held by the HTTP cache may predate this version of the app.
  await cache.addAll(missing.map((url) => new Request(url, { cache: "reload" })));
}

async function languagesInUse() {
  // Languages the user already had offline (from older caches) or has open right now.
  const found = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${CONFIG.cachePrefix}-pages-`)) continue;
    for (const request of await (await caches.open(name)).keys()) found.add(languageOf(request.url));
  }
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    found.add(languageOf(client.url));
  }
  found.delete(null);
  return found.size ? [...found] : [CONFIG.defaultLanguage];
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(STATIC_CACHE)).addAll(CONFIG.static);
      for (const language of await languagesInUse()) await cacheLanguage(language);
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = [PAGES_CACHE, STATIC_CACHE, VENUES_CACHE];
      for (const name of await caches.keys()) {
        if (name.startsWith(`${CONFIG.cachePrefix}-`) && !keep.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The phone's country from the numbers table: its time zone's country (a zone outside the
// table suggests nothing), else the first language region the table knows (es-CL → CL).
function countryEntry(code) {
  return code && Object.hasOwn(CONFIG.countries, code) ? { code, ...CONFIG.countries[code] } : null;
}

function suggestCountry({ languages = [], timeZone = "" }) {
  if (Object.hasOwn(CONFIG.zones, timeZone)) return countryEntry(CONFIG.zones[timeZone]);
  for (const tag of languages) {
    const region = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})(?:-|$)/i.exec(tag)?.[1];
    if (countryEntry(region?.toUpperCase())) return countryEntry(region.toUpperCase());
  }
  return null;
}

self.addEventListener("message", (event) => {
  const { type, language } = event.data || {};
  if (type === "skip-waiting") self.skipWaiting();
  if (type === "country") {
    const suggested = suggestCountry(event.data);
    event.ports[0]?.postMessage({ country: countryEntry(event.data.code) || suggested, suggested });
  }
  if (type === "keep-language" && language in CONFIG.pages) {
    const reply = (ok) => event.ports[0]?.postMessage({ ok });
    event.waitUntil(cacheLanguage(language).then(() => reply(true), () => reply(false)));
  }
});

function cacheable(response) {
  return response && response.status === 200 && response.type === "basic";
}

async function fromCache(request) {
  // Vary (Accept-Language, Cookie) must not hide a page the user already has.
  return caches.match(request, { ignoreVary: true, ignoreSearch: request.mode === "navigate" });
}

async function refresh(request, cacheName) {
  // Static files are content-hashed; pages are revalidated so the cache keeps up.
  const response = await fetch(request, cacheName === STATIC_CACHE ? {} : { cache: "no-cache" });
  // One entry per page, not per query: the cached search page answers any query offline.
  const keep = cacheable(response) && !new URL(request.url).search;
  if (keep) await (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

async function offlinePage(request) {
  const language = languageOf(request.url) || CONFIG.defaultLanguage;
  return caches.match(`/${language}/offline/`, { ignoreVary: true });
}

async function cacheFirst(event, cacheName) {
  const cached = await fromCache(event.request);
  const network = refresh(event.request, cacheName);
  if (cached) {
    event.waitUntil(network.catch(() => {}));
    return cached;
  }
  return network.catch(() => offlinePage(event.request));
}

async function networkFirst(event, cacheName) {
  const { request } = event;
  const network = cacheName ? refresh(request, cacheName) : fetch(request, { cache: "no-cache" });
  event.waitUntil(network.catch(() => {}));
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
  } catch {
    // offline or server down: fall through to the cache
  }
  const cached = await fromCache(request);
  if (cached) return cached;
  try {
    return await network; // slow but alive: still better than the offline page
  } catch {
    return request.mode === "navigate" ? offlinePage(request) : Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(CONFIG.adminPath) || url.pathname === "/serviceworker.js") return;
  if (url.pathname.startsWith("/static/")) return event.respondWith(cacheFirst(event, STATIC_CACHE));
  if (emergency.has(url.pathname)) return event.respondWith(cacheFirst(event, PAGES_CACHE));
  // Venue pages are kept only when the user saves them, so "Remove" really removes them.
  const language = languageOf(url);
  const venue = Boolean(language) && url.pathname.startsWith(`/${language}${CONFIG.venuesPath}`);
  if (language || request.mode === "navigate") {
    event.respondWith(networkFirst(event, venue ? null : PAGES_CACHE));
  }
});
