// The app's shell on every page: which number the call buttons dial, the service worker,
// "new version ready", the install button and the offline status. Every part is optional: the
// pages work without any of it, and every call button is a plain tel: link to begin with.
// A module script has no document.currentScript: find our tag by its data attribute.
const config = document.querySelector("script[data-worker]").dataset;
const language = document.documentElement.lang;
const status = document.querySelector("[data-offline-status]");
export const COUNTRY_KEY = "cramp-aid-country";
// The venue opened last (venue.js): {url, name, number, kind, country, defibrillator, until}.
export const VENUE_KEY = "cramp-aid-venue";
const DIALABLE = /^\+?\d{2,15}$/;

// Shared with the other scripts (country.js, venue.js, search.js, timer.js, beat.js), which
// import them from here: the page has this module already, so importing it costs no request.
export function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

export function write(key, value) {
  try {
    if (value) localStorage.setItem(key, JSON.stringify(value));
    else localStorage.removeItem(key);
  } catch {
    // storage refused (private mode, full): the buttons dial what the page says
  }
}

export function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (whole, name) => values[name] ?? whole);
}

// Lower case without accents, so "espana" finds "España" (the search page and the countries),
// ligatures spelt out ("oedeme" finds "œdème") and curly apostrophes straight: as guide/search.py.
export function normalise(text) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[\u2019\u02bc\u2018]/g, "'");
}

// The screen kept on while a hold timer or the CPR beat runs (timer.js, beat.js). The function
// it returns lets go, even of a lock the phone grants only after that (a quick Start → Stop);
// until then the lock is asked again whenever the page comes back (the phone drops it hidden).
export function keepAwake() {
  let lock = null;
  let wanted = true;
  async function ask() {
    try {
      const granted = await navigator.wakeLock?.request("screen");
      if (wanted) lock = granted;
      else granted?.release().catch(() => {});
    } catch {
      // refused (battery saver, hidden tab): the timer or the beat still runs
    }
  }
  const back = () => {
    if (document.visibilityState === "visible" && (!lock || lock.released)) ask();
  };
  document.addEventListener("visibilitychange", back);
  ask();
  return () => {
    wanted = false;
    document.removeEventListener("visibilitychange", back);
    lock?.release().catch(() => {});
    lock = null;
  };
}

// Which number: a country's ambulance number, never one an operator typed. The country the
// user chose (/country/), else the one the phone suggests (its time zone, then its languages'
// regions, looked up by the worker, which holds the numbers table offline), else the country of
// a venue opened in the last 12 hours (venue.js), else the default. That venue's own line (its
// lifeguards, a lake's rescue service) is a second button, labelled with the venue's name.
// first-paint.js, inlined in the screens someone calls from, makes the same choice before the
// first paint.
function dial() {
  // On a venue's own page, that venue (venue.js keeps it for the other screens).
  const page = document.querySelector("[data-venue]")?.dataset.venue;
  const venue = page ? JSON.parse(page) : read(VENUE_KEY);
  const here = page || venue?.until > Date.now() ? venue : null;
  const stored = read(COUNTRY_KEY);
  const country = [stored, here?.country].find((entry) => DIALABLE.test(entry?.ambulance)) || null;
  const number = country?.ambulance || config.defaultNumber;
  const name = (names) => names?.[language] || names?.en || "";
  for (const element of document.querySelectorAll("[data-number-text]")) {
    element.textContent = fill(element.dataset.numberText, { number });
  }
  for (const link of document.querySelectorAll("a[data-call]")) link.href = `tel:${number}`;
  for (const place of document.querySelectorAll("[data-call-place]")) {
    place.dataset.defaultText ??= place.textContent;
    place.textContent = !country
      ? place.dataset.defaultText
      : country.confirmed
        ? name(country.names)
        : fill(config.suggestedText, { country: name(country.names) });
    // A number that reaches the police or the firefighters says so: "Police, who send an
    // ambulance · Bolivia" (numbers.toml `reaches`; the words come with the stored country, or
    // with the venue's).
    if (country?.reachesNames) {
      place.textContent = `${name(country.reachesNames)} · ${place.textContent}`;
    }
  }
  const label = ["rescue", "lifeguards"].includes(here?.kind) && config[`${here.kind}Text`];
  const ownLine = label && DIALABLE.test(here.number) ? here : null;
  for (const link of document.querySelectorAll("a[data-venue-call]")) {
    link.hidden = !ownLine;
    if (!ownLine) continue;
    link.href = `tel:${ownLine.number}`;
    link.textContent = fill(label, { venue: ownLine.name, number: ownLine.number });
  }
  // "Urgent care today" offers the country's line where it has one (UK 111); water screens
  // give its sea rescue number.
  const urgent = DIALABLE.test(country?.urgent) ? country : null;
  for (const line of document.querySelectorAll("[data-urgent-line]")) {
    line.hidden = !urgent;
    const link = line.querySelector("a");
    if (urgent) {
      link.href = `tel:${urgent.urgent}`;
      link.textContent = fill(link.dataset.urgentText, {
        name: name(urgent.urgentNames),
        number: urgent.urgent,
      });
    }
  }
  for (const line of document.querySelectorAll("[data-urgent-default]")) line.hidden = !!urgent;
  const water = DIALABLE.test(country?.water) ? country.water : null;
  for (const line of document.querySelectorAll("[data-water-line]")) {
    line.hidden = !water;
    if (water) line.querySelector("a").href = `tel:${water}`;
    if (water) line.querySelector("a").textContent = grouped(water);
  }
}

// A long number as people read it aloud ("900 202 202"), as guide/emergency groups it on the
// country page; short ones (112, 1441) as they are. Links dial the digits.
function grouped(number) {
  if (number.length < 9 || !/^\d+$/.test(number)) return number;
  return number.match(/\d{1,3}/g).join(" ");
}

export function askWorker(message, worker = null, patienceMs = 5000) {
  // The worker answers { ok, result } on a port of its own (see serviceworker.js), or in time
  // it counts as { ok: false }: also when no worker ever gets ready (a registration failed).
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
    setTimeout(() => resolve({ ok: false }), patienceMs);
  });
  Promise.resolve(worker || navigator.serviceWorker.ready.then((registration) => registration.active))
    .then((target) => target.postMessage(message, [channel.port2]))
    .catch(() => {});
  return answer;
}

async function refreshCountry(registration) {
  // Even while it installs, the worker holds the table: ask it at once. A chosen country
  // keeps its code and takes the table's numbers; a suggestion follows the phone's travels.
  const worker = registration.active || registration.waiting || registration.installing;
  const stored = read(COUNTRY_KEY);
  const { ok, result } = await askWorker(
    {
      type: "country",
      code: stored?.confirmed ? stored.code : null,
      languages: [...(navigator.languages || [navigator.language])],
      // Not the time zone: the worker reads it (a page's first Intl call blocks it ~30 ms).
    },
    worker,
  );
  if (!ok) return;
  // A choice made while the worker answered (a first visit, the worker still installing)
  // wins over the answer: never put a suggestion back over it.
  const latest = read(COUNTRY_KEY);
  const chosenMeanwhile = latest?.confirmed && latest.code !== (stored?.confirmed && stored.code);
  if (!chosenMeanwhile) {
    const confirmed = stored?.confirmed && result.country?.code === stored.code;
    write(COUNTRY_KEY, result.country && { ...result.country, confirmed: !!confirmed });
  }
  write(`${COUNTRY_KEY}-suggested`, result.suggested);
  dial();
  document.dispatchEvent(new CustomEvent("cramp-aid:country"));
}

function keepStorage() {
  // Asks the browser never to evict the offline pack (it may say no).
  navigator.storage?.persist?.().catch(() => {});
}

let userAskedForReload = false;

function offerUpdate(registration) {
  // Only when a worker already serves this page: the very first install needs no prompt.
  const prompt = document.querySelector("[data-update-prompt]");
  if (!prompt || !registration.waiting || !navigator.serviceWorker.controller) return;
  prompt.hidden = false;
  prompt.querySelector("button").onclick = () => {
    userAskedForReload = true;
    registration.waiting.postMessage({ type: "skip-waiting" });
  };
}

function offerReload() {
  // Another tab took the new version: this page is still the old one. It keeps working (the
  // worker keeps its files while it is open), and "Reload" brings it up to date.
  const prompt = document.querySelector("[data-update-prompt]");
  if (!prompt) return;
  prompt.hidden = false;
  prompt.querySelector("button").onclick = () => location.reload();
}

async function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register(config.worker, { scope: "/" });
  refreshCountry(registration).catch(() => {});
  offerUpdate(registration);
  registration.addEventListener("updatefound", () => {
    const incoming = registration.installing;
    incoming?.addEventListener("statechange", () => {
      if (incoming.state === "installed") offerUpdate(registration);
    });
  });
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // The first worker claiming the page is no reason to reload; a chosen update is, and one
    // chosen in another tab is offered here (never forced: this tab may be counting the beat).
    if (userAskedForReload) location.reload();
    else if (controlled) offerReload();
    controlled = true;
  });
  // A long-open app looks for a new version whenever it comes back to the screen.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") registration.update().catch(() => {});
  });
  // The worker caches this language's pages (a no-op when they are already cached), and learns
  // the language chosen, which a worker without cookieStore (Safari before 18.4) cannot read.
  // The cookie's name is the server's (data-language-cookie), as where the switcher sets it.
  const cookie = `${config.languageCookie}=`;
  const pair = document.cookie.split("; ").find((each) => each.startsWith(cookie));
  const chosen = pair ? pair.slice(cookie.length) : null;
  const { ok } = await askWorker({ type: "keep-language", language, chosen });
  if (ok && status) status.textContent = status.dataset.readyText || "";
}

function offerInstall() {
  const button = document.querySelector("[data-install-button]");
  if (!button) return;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    button.hidden = false;
    button.addEventListener(
      "click",
      async () => {
        button.hidden = true;
        await event.prompt();
      },
      { once: true },
    );
  });
  // iOS Safari has no install prompt; it exposes navigator.standalone instead.
  const instructions = document.querySelector("[data-ios-instructions]");
  if (instructions && "standalone" in navigator && !navigator.standalone) instructions.hidden = false;
  window.addEventListener("appinstalled", keepStorage);
  if (matchMedia("(display-mode: standalone)").matches || navigator.standalone) {
    document.querySelector("[data-install]")?.setAttribute("hidden", "");
    keepStorage();
  }
}

function rememberLanguageChoice() {
  // A cookie set here, never by the server, so pages stay cacheable; "/" then opens this language.
  document.querySelectorAll("a[data-language]").forEach((link) => {
    link.addEventListener("click", () => {
      document.cookie = `${config.languageCookie}=${link.dataset.language}; path=/; max-age=31536000; SameSite=Lax`;
    });
  });
}

dial();
// The country and saved-venues pages say when the user changes the number: follow at once.
document.addEventListener("cramp-aid:number-changed", dial);
// A frame, then a task: the rest waits until the page has painted.
requestAnimationFrame(() =>
  setTimeout(() => {
    rememberLanguageChoice();
    offerInstall();
    registerWorker().catch(() => {});
  }),
);
