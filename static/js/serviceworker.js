// Cramp Aid's service worker. CONFIG (above, written by guide/offline.py) holds the version,
// the static files and each language's pages. Emergency screens: cache first. Other pages:
// network (navigation preload) with a short timeout, then the saved copy, then the offline page.
// A gateway's 5xx, a hang, a stall or a drop mid-page, a redirect or a proxy's own page is no
// answer.
const PAGES_CACHE = `${CONFIG.cachePrefix}-pages-${CONFIG.version}`;
const STATIC_PREFIX = `${CONFIG.cachePrefix}-static-`;
const STATIC_CACHE = `${STATIC_PREFIX}${CONFIG.version}`;
const VENUES_CACHE = CONFIG.venuesCache; // the venues the user saved, kept across versions
// The language chosen in the switcher, as the pages report its cookie (see chosenLanguage), kept
// across versions; one entry, under the cookie's name.
const CHOICE_CACHE = `${CONFIG.cachePrefix}-choice`;
const CHOICE_KEY = `/${CONFIG.languageCookie}`;
const NETWORK_TIMEOUT_MS = 3000;
const IGNORE_VARY = { ignoreVary: true }; // Accept-Language, Cookie: never hide a saved page
const emergency = new Set(Object.values(CONFIG.emergency).flat());
// Opened once, not per request: an emergency screen is one lookup away from the screen.
const pagesCache = caches.open(PAGES_CACHE);
const staticCache = caches.open(STATIC_CACHE);

function languageOf(url) {
  const first = new URL(url, self.location).pathname.split("/")[1];
  return Object.hasOwn(CONFIG.pages, first) ? first : null; // never "constructor"
}

function isVenue(url) {
  const { origin, pathname } = new URL(url, self.location);
  const language = languageOf(pathname);
  if (origin !== self.location.origin || !language) return false;
  return pathname.startsWith(`/${language}${CONFIG.venuesPath}`);
}

// This version of the app answered: not a proxy's or portal's page, nor an older release's
// page from a CDN or the HTTP cache, which names static files this version does not have.
function ours(response) {
  const { type, status, headers } = response || {};
  return type === "basic" && status < 500 && headers.get(CONFIG.versionHeader) === CONFIG.version;
}

function keepable(response) {
  return ours(response) && response.status === 200 && !response.redirected;
}

// Past any CDN or shared cache: the version makes the address new; kept under the plain one.
function fetchVersioned(url) {
  return fetch(`${url}?${CONFIG.versionQuery}=${CONFIG.version}`);
}

async function precache(cache, urls, load, good) {
  await Promise.all(urls.map(async (url) => {
    if (await cache.match(url, IGNORE_VARY)) return;
    const response = await load(url);
    if (!good(response)) throw new Error(`${url}: ${response.status}, not version ${CONFIG.version}`);
    await cache.put(url, response);
  }));
}

async function cacheStatic() {
  // Content-hashed names: a copy an earlier version kept is the very same file.
  const load = async (url) => (await caches.match(url)) || fetch(url);
  const good = (response) => response.status === 200 && response.type === "basic";
  await precache(await staticCache, CONFIG.static, load, good);
}

async function cacheLanguage(language) {
  await precache(await pagesCache, CONFIG.pages[language], fetchVersioned, keepable);
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
  // Rewritten on every answer; forgotten when the operator unpublishes or deletes it.
  const cache = await caches.open(VENUES_CACHE);
  if (ours(response) && [404, 410].includes(response.status)) {
    await cache.delete(url, IGNORE_VARY);
    if (save) throw new Error(`${url} is no longer published`); // "could not be kept", not "saved"
    return;
  }
  const saved = save || (await cache.match(url, IGNORE_VARY));
  if (keepable(response) && saved) return cache.put(url, response);
  if (save) throw new Error(`${url} could not be saved`);
}

// After an update, a page still open on an earlier version imports its lazily loaded scripts
// (the CPR beat, "Log this cramp", the diary's charts) under that version's names. So that
// version's static cache stays, with the ids of the pages open at the update (kept in it under
// OPEN_PAGES), until none of them is open. Content-hashed names: keeping it is harmless.
const OPEN_PAGES = new URL("/static/.open-pages", self.location).href;

const openPages = async () =>
  (await self.clients.matchAll({ type: "window", includeUncontrolled: true })).map((page) => page.id);

async function retire(name, pages) {
  const cache = await caches.open(name);
  // Retired at an earlier update: its own pages, not today's, decide how long it stays.
  if (!(await cache.match(OPEN_PAGES))) await cache.put(OPEN_PAGES, new Response(JSON.stringify(pages)));
}

async function dropRetired() {
  const open = new Set(await openPages());
  for (const name of await caches.keys()) {
    if (!name.startsWith(STATIC_PREFIX) || name === STATIC_CACHE) continue;
    const record = await (await caches.open(name)).match(OPEN_PAGES);
    const pages = record ? await record.json() : [];
    if (!pages.some((id) => open.has(id))) await caches.delete(name);
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
    const keep = [PAGES_CACHE, STATIC_CACHE, VENUES_CACHE, CHOICE_CACHE];
    const pages = await openPages(); // every one of them runs an earlier version
    for (const name of await caches.keys()) {
      if (!name.startsWith(`${CONFIG.cachePrefix}-`) || keep.includes(name)) continue;
      if (name.startsWith(STATIC_PREFIX) && pages.length) await retire(name, pages);
      else await caches.delete(name);
    }
    await dropRetired();
    await self.registration.navigationPreload?.enable();
    await self.clients.claim();
  })());
  // Saved venues in this version's page, not awaited (fetches wait for activation); offline,
  // the copies saved before stay.
  caches.open(VENUES_CACHE).then(async (cache) => {
    for (const { url } of await cache.keys()) {
      await fetchVersioned(url).then((response) => keepVenue(url, response)).catch(() => {});
    }
  });
});

// The phone's country from the numbers table (kept with the pages, read when first asked): its
// time zone's country (a zone outside the table suggests nothing), else the first language
// region the table knows (es-CL → CL).
let numbers = null;

async function numbersTable() {
  if (numbers) return numbers;
  const kept = await (await pagesCache).match(CONFIG.numbers, IGNORE_VARY);
  numbers = await (kept || (await fetch(CONFIG.numbers))).json();
  return numbers;
}

function countryEntry({ countries }, code) {
  return code && Object.hasOwn(countries, code) ? { code, ...countries[code] } : null;
}

function suggestCountry(table, { languages = [], timeZone = "" }) {
  if (Object.hasOwn(table.zones, timeZone)) return countryEntry(table, table.zones[timeZone]);
  for (const tag of languages) {
    const region = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})(?:-|$)/i.exec(tag)?.[1]?.toUpperCase();
    if (countryEntry(table, region)) return countryEntry(table, region);
  }
  return null;
}

// Messages from the pages: { type, ... } in, { ok, result } back on the port sent with it.
const messages = {
  "skip-waiting": () => self.skipWaiting(),
  // Every page asks as it opens (app.js): the moment to see whether an old version's pages closed.
  "keep-language": async ({ language, chosen }) => {
    if (!Object.hasOwn(CONFIG.pages, language)) throw new Error(`no language ${language}`);
    await dropRetired().catch(() => {});
    await rememberChoice(chosen);
    return cacheLanguage(language);
  },
  // A chosen country's current row, and what the phone suggests (app.js).
  country: async (question) => {
    const table = await numbersTable();
    // The phone's time zone, read here rather than by the page: the first Intl call loads ICU's
    // data (about 30 ms on a desktop, more on a phone), which would hold up the page's taps.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const suggested = suggestCountry(table, { languages: question.languages, timeZone });
    return { country: countryEntry(table, question.code) || suggested, suggested };
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

function keptChoice() {
  return caches.match(CHOICE_KEY, { cacheName: CHOICE_CACHE }).then((kept) => kept?.text());
}

async function rememberChoice(chosen) {
  // Every page reports the cookie it sees (null when there is none): only a change is written,
  // and a phone where no language was ever chosen has no such cache.
  const language = Object.hasOwn(CONFIG.pages, chosen ?? "") ? chosen : undefined;
  if ((await keptChoice()) === language) return;
  if (!language) return caches.delete(CHOICE_CACHE);
  await (await caches.open(CHOICE_CACHE)).put(CHOICE_KEY, new Response(language));
}

async function chosenLanguage() {
  // The language picked in the switcher (app.js sets the cookie), else the first one kept. A
  // worker reads the cookie with cookieStore; a browser without it (Safari before 18.4) has the
  // pages' last report of it.
  const cookie = self.cookieStore
    ? (await self.cookieStore.get(CONFIG.languageCookie).catch(() => null))?.value
    : await keptChoice();
  if (Object.hasOwn(CONFIG.pages, cookie ?? "")) return cookie;
  for (const [language, url] of Object.entries(CONFIG.offline)) {
    if (await (await pagesCache).match(url, IGNORE_VARY)) return language;
  }
  return CONFIG.defaultLanguage;
}

async function noNetwork(request) {
  if (request.mode !== "navigate") return Response.error(); // a script or image: no HTML page
  const language = languageOf(request.url) || (await chosenLanguage());
  if (new URL(request.url).pathname === "/") return Response.redirect(CONFIG.home[language], 302);
  return (await (await pagesCache).match(CONFIG.offline[language], IGNORE_VARY)) || Response.error();
}

async function networkFirst(event) {
  const { request } = event;
  const venue = isVenue(request.url);
  // Navigation preload: started with the navigation, while the worker woke up. Not for a venue,
  // which follows its operator's edits past the browser's HTTP cache.
  const preload = Promise.resolve(event.preloadResponse).catch(() => null);
  if (venue) event.waitUntil(preload);
  const answer = venue ? fetch(request, { cache: "no-cache" }) : preload.then((p) => p || fetch(request));
  const started = answer.catch(() => null); // offline or the connection dropped: null
  // The whole page, not its start: a connection that sends the headers and then stalls, or
  // drops halfway, would leave half a page on screen where the saved copy is whole. The copy
  // read to its end here leaves the answer itself untouched (a Response's body is teed).
  const network = started
    .then(async (response) => {
      await response?.clone().arrayBuffer();
      return response;
    })
    .catch(() => null);
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, "timeout"));
  const response = await Promise.race([network, timeout]);
  if (ours(response)) {
    if (venue) event.waitUntil(keepVenue(request.url, response.clone()).catch(() => {}));
    return response;
  }
  const cached = await fromCache(request);
  if (cached) return cached;
  // No saved copy: a slow answer, even one still arriving, is better than none.
  const late = response === "timeout" ? await started : response;
  // A redirect or a captive portal's page for a page we never had: let the user see it.
  return late && late.status < 500 ? late : noNetwork(request);
}

async function cacheFirst(event) {
  const cached = await fromCache(event.request);
  if (!cached) return networkFirst(event);
  event.waitUntil(Promise.resolve(event.preloadResponse).catch(() => {})); // unused: let it settle
  return cached;
}

async function staticFile(event) {
  // Content-hashed: a cached copy is never stale, so no refetch (svgomg's `match || fetch`). Not
  // in this version's cache: an earlier version's, for a page still open on it (see retire).
  const cached =
    (await (await staticCache).match(event.request, IGNORE_VARY)) ||
    (await caches.match(event.request, IGNORE_VARY));
  if (cached) return cached;
  const response = await fetch(event.request).catch(() => Response.error());
  if (response.status === 200 && response.type === "basic") {
    const copy = response.clone(); // a full quota (QuotaExceededError) only skips the write
    event.waitUntil(staticCache.then((cache) => cache.put(event.request, copy)).catch(() => {}));
  }
  return response;
}

// Only the app's own routes; the admin, other apps' files and anything else go to the browser.
self.addEventListener("fetch", (event) => {
  const { request } = event;
  const { origin, pathname } = new URL(request.url);
  if (request.method !== "GET" || origin !== self.location.origin) return;
  if (CONFIG.staticRoots.some((root) => pathname.startsWith(root))) return event.respondWith(staticFile(event));
  if (emergency.has(pathname)) return event.respondWith(cacheFirst(event));
  const rootPage = request.mode === "navigate" && CONFIG.rootPages.includes(pathname);
  if (languageOf(pathname) || rootPage) event.respondWith(networkFirst(event));
});
