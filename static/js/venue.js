// Venues: the page saves itself for offline use ("Keep this venue offline"), the emergency
// screens dial the venue's number while it is the last one opened, and "My saved venues" lists
// and removes what is kept. Without JavaScript the venue page still shows and dials everything.
const LAST_VENUE_KEY = "cramp-aid-venue";
const SAVED_KEY = "cramp-aid-saved-venues";

function saved() {
  try {
    return JSON.parse(localStorage.getItem(SAVED_KEY)) || [];
  } catch {
    return [];
  }
}

function remember(list) {
  localStorage.setItem(SAVED_KEY, JSON.stringify(list));
}

function venuePage(section) {
  const { url, name, number, cache, hours } = section.dataset;
  // While the user is there: the call buttons dial this number for 12 hours (see calling.js).
  const until = Date.now() + Number(hours) * 3600 * 1000;
  localStorage.setItem(LAST_VENUE_KEY, JSON.stringify({ url, name, number, until }));
  if (!("caches" in window)) return;
  const button = section.querySelector("[data-save]");
  const progress = section.querySelector("[data-progress]");
  const status = section.querySelector("[data-save-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    progress.hidden = false;
    status.textContent = section.dataset.savingText;
    try {
      // Past the HTTP cache: what is kept is what the operator publishes now.
      await (await caches.open(cache)).add(new Request(url, { cache: "reload" }));
      remember([...saved().filter((venue) => venue.url !== url), { url, name, number }]);
      status.textContent = section.dataset.savedText;
    } catch {
      status.textContent = section.dataset.failedText;
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  });
}

async function forget(url, cacheName) {
  // Every cache of the app ("cramp-aid-…"), in case an older version kept the page too.
  const appPrefix = cacheName.slice(0, cacheName.lastIndexOf("-") + 1);
  for (const name of await caches.keys()) {
    if (name.startsWith(appPrefix)) {
      await (await caches.open(name)).delete(url, { ignoreVary: true, ignoreSearch: true });
    }
  }
  remember(saved().filter((venue) => venue.url !== url));
  const last = JSON.parse(localStorage.getItem(LAST_VENUE_KEY) || "null");
  if (last?.url === url) localStorage.removeItem(LAST_VENUE_KEY);
}

async function savedVenuesPage(box) {
  const list = box.querySelector("[data-list]");
  const status = box.querySelector("[data-status]");
  const cache = await caches.open(box.dataset.cache);
  const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  const venues = saved().filter((venue) => kept.has(venue.url));
  box.querySelector("[data-empty]").hidden = venues.length > 0;
  list.replaceChildren();
  for (const venue of venues) {
    const link = document.createElement("a");
    link.href = venue.url;
    link.textContent = venue.name;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = box.dataset.removeText;
    remove.setAttribute("aria-label", `${box.dataset.removeText}: ${venue.name}`);
    remove.addEventListener("click", async () => {
      await forget(venue.url, box.dataset.cache);
      status.textContent = box.dataset.removedText;
      await savedVenuesPage(box);
      showCurrentVenue();
    });
    const item = document.createElement("li");
    item.append(link, remove);
    list.append(item);
  }
}

function showCurrentVenue() {
  const section = document.querySelector("[data-current-venue]");
  let last = JSON.parse(localStorage.getItem(LAST_VENUE_KEY) || "null");
  if (!(last?.until > Date.now())) last = null; // lapsed after 12 hours
  if (!section) return;
  section.hidden = !last;
  if (!last) return;
  const text = section.querySelector("[data-current-text]");
  text.textContent = text.dataset.template
    .replace("%(number)s", last.number)
    .replace("%(venue)s", last.name);
  section.querySelector("[data-forget]").onclick = () => {
    localStorage.removeItem(LAST_VENUE_KEY);
    section.hidden = true;
    document.dispatchEvent(new CustomEvent("cramp-aid:number-changed"));
  };
}

const venueSection = document.querySelector("[data-venue]");
if (venueSection) venuePage(venueSection);
const savedBox = document.querySelector("[data-saved-venues]");
if (savedBox && "caches" in window) savedVenuesPage(savedBox);
showCurrentVenue();
