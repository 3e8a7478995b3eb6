// Cramp Aid's service worker. CONFIG (above, written by guide/offline.py) holds the version,
// the static files and each language's pages. Emergency screens: cache first. Other pages:
// network (navigation preload) with a short timeout, then the saved copy, then the offline page.
// A gateway's 5xx, a hang, a dropped connection, a redirect or a proxy's page is no answer.
const PAGES_CACHE = `${CONFIG.cachePrefix}-pages-${CONFIG.version}`;
const STATIC_CACHE = `${CONFIG.cachePrefix}-static-${CONFIG.version}`;
const VENUES_CACHE = CONFIG.venuesCache; // the venues the user saved, kept across versions
const NETWORK_TIMEOUT_MS = 3000;
const emergency = new Set(Object.values(CONFIG.emergency).flat());
const IGNORE_VARY = { ignoreVary: true }; // Accept-Language, Cookie: never hide a saved page
// Opened once, not per request: an emergency screen is one lookup away from the screen.
const pagesCache = caches.open(PAGES_CACHE);
const staticCache = caches.open(STATIC_CACHE);

function languageOf(url) {
  const first = new URL(url, self.location).pathname.split("/")[1];
  return Object.hasOwn(CONFIG.pages, first) ? first : null; // never "constructor"
}

function isVenue(url) {
  const { pathname, origin } = new URL(url, self.location);
  const language = languageOf(pathname);
  if (origin !== self.location.origin || !language) return false;
  return pathname.startsWith(`/${language}${CONFIG.venuesPath}`);
}

// The app's own answer (it names its version), not a proxy's error page or a captive portal.
function answered(response) {
  const { type, status, headers } = response || {};
  return type === "basic" && status < 500 && headers.has(CONFIG.versionHeader);
}

// This version's answer: another one (from a CDN or the HTTP cache) names files we lack.
function ours(response) {
  return answered(response) && response.headers.get(CONFIG.versionHeader) === CONFIG.version;
}

function current(response) {
  return ours(response) && response.status === 200 && !response.redirected;
}

// Past any CDN or shared cache: the version makes the address new, the page is kept without it.
function fetchVersioned(url) {
  return fetch(`${url}?${CONFIG.versionQuery}=${CONFIG.version}`);
}

async function cacheStatic() {
  const cache = await staticCache;
  await Promise.all(CONFIG.static.map(async (url) => {
    // Content-hashed names: a copy an earlier version kept is the very same file.
    const response = (await caches.match(url)) || (await fetch(url));
    if (response.status !== 200 || response.type !== "basic") throw new Error(url);
    await cache.put(url, response);
  }));
}

async function cacheLanguage(language) {
  const cache = await pagesCache;
  await Promise.all(CONFIG.pages[language].map(async (url) => {
    if (await cache.match(url, IGNORE_VARY)) return;
    const response = await fetchVersioned(url);
    if (!current(response)) throw new Error(`${url} is not version ${CONFIG.version}`);
    await cache.put(url, response);
  }));
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

async function keepVenue(url, response, save = false) {
  // Refreshed on every answer, forgotten when the operator unpublishes or deletes it.
  const cache = await caches.open(VENUES_CACHE);
  if (answered(response) && [404, 410].includes(response.status)) {
    return cache.delete(url, IGNORE_VARY);
  }
  const saved = save || (await cache.match(url, IGNORE_VARY));
  if (current(response) && saved) return cache.put(url, response);
  if (save) throw new Error(`${url} could not be saved`);
}

async function refreshSavedVenues() {
  for (const { url } of await (await caches.open(VENUES_CACHE)).keys()) {
    await fetchVersioned(url).then((response) => keepVenue(url, response)).catch(() => {});
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await cacheStatic();
    for (const language of await languagesInUse()) await cacheLanguage(language);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = [PAGES_CACHE, STATIC_CACHE, VENUES_CACHE];
    for (const name of await caches.keys()) {
      if (name.startsWith(`${CONFIG.cachePrefix}-`) && !keep.includes(name)) await caches.delete(name);
    }
    await self.registration.navigationPreload?.enable();
    await self.clients.claim();
  })());
  // Not awaited: fetches wait for activation. Offline or not, the saved copies stay.
  refreshSavedVenues().catch(() => {});
});

// Messages from the pages: { type, ... } in, { ok, result } back on the port given.
const messages = {
  "skip-waiting": () => self.skipWaiting(),
  "keep-language": ({ language }) => {
    if (!Object.hasOwn(CONFIG.pages, language)) throw new Error(`no language ${language}`);
    return cacheLanguage(language);
  },
  "keep-venue": async ({ url }) => {
    if (!isVenue(url)) throw new Error(`${url} is no venue`);
    await keepVenue(url, await fetchVersioned(url), true);
  },
};

self.addEventListener("message", (event) => {
  const { type } = event.data || {};
  if (!Object.hasOwn(messages, type)) return;
  const reply = (answer) => event.ports[0]?.postMessage(answer);
  event.waitUntil(Promise.resolve(event.data).then(messages[type])
    .then((result) => reply({ ok: true, result }), () => reply({ ok: false })));
});

async function fromCache(request) {
  // One entry per page, not per query: the saved search page answers any query offline.
  const { origin, pathname } = new URL(request.url);
  const page = await (await pagesCache).match(origin + pathname, IGNORE_VARY);
  return page || (await caches.open(VENUES_CACHE)).match(origin + pathname, IGNORE_VARY);
}

async function chosenLanguage() {
  // The language picked in the switcher (app.js sets the cookie), else the first one kept.
  const cookie = await self.cookieStore?.get(CONFIG.languageCookie).catch(() => null);
  if (cookie && Object.hasOwn(CONFIG.pages, cookie.value)) return cookie.value;
  const cache = await pagesCache;
  for (const [language, url] of Object.entries(CONFIG.offline)) {
    if (await cache.match(url, IGNORE_VARY)) return language;
  }
  return CONFIG.defaultLanguage;
}

async function noNetwork(request) {
  if (request.mode !== "navigate") return Response.error(); // a script or image: no HTML page
  const language = languageOf(request.url) || (await chosenLanguage());
  if (new URL(request.url).pathname === "/") return Response.redirect(CONFIG.home[language], 302);
  return (await caches.match(CONFIG.offline[language], IGNORE_VARY)) || Response.error();
}

function fromNetwork(event) {
  const { request } = event;
  const preload = Promise.resolve(event.preloadResponse); // started with the navigation
  if (!isVenue(request.url)) return preload.then((preloaded) => preloaded || fetch(request));
  // A venue follows its operator's edits: past the browser's HTTP cache, so no preload.
  event.waitUntil(preload.catch(() => {}));
  return fetch(request, { cache: "no-cache" });
}

async function networkFirst(event) {
  const { request } = event;
  const network = fromNetwork(event).catch(() => null); // offline or the connection dropped
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, "timeout"));
  const response = await Promise.race([network, timeout]);
  if (ours(response)) {
    if (isVenue(request.url)) event.waitUntil(keepVenue(request.url, response.clone()).catch(() => {}));
    return response;
  }
  const cached = await fromCache(request);
  if (cached) return cached;
  const late = response === "timeout" ? await network : response; // slow but alive: still better
  // A redirect or a captive portal's page for a page we never had: let the user see it.
  return late && late.status < 500 ? late : noNetwork(request);
}

async function cacheFirst(event) {
  const cached = await fromCache(event.request);
  if (!cached) return networkFirst(event);
  event.waitUntil(Promise.resolve(event.preloadResponse).catch(() => {})); // unused, let it settle
  return cached;
}

async function staticFile(event) {
  // Content-hashed: a cached copy is never stale, so no refetch (svgomg's `match || fetch`).
  const cached = await (await staticCache).match(event.request, IGNORE_VARY);
  if (cached) return cached;
  const response = await fetch(event.request).catch(() => Response.error());
  if (response.status === 200 && response.type === "basic") {
    const copy = response.clone(); // a full quota (QuotaExceededError) only skips the write
    event.waitUntil(staticCache.then((cache) => cache.put(event.request, copy)).catch(() => {}));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const { origin, pathname } = new URL(request.url);
  if (request.method !== "GET" || origin !== self.location.origin) return;
  if (/^\/(static\/)?admin\//.test(pathname) || pathname === "/serviceworker.js") return;
  if (pathname.startsWith("/static/")) return event.respondWith(staticFile(event));
  if (emergency.has(pathname)) return event.respondWith(cacheFirst(event));
  if (languageOf(pathname) || request.mode === "navigate") event.respondWith(networkFirst(event));
});
