// Venues: the page saves itself for offline use ("Keep this venue offline"), every page offers
// the venue's own line as a second call button for 12 hours after it was opened (its country's
// number stays the main one, see dial() in app.js), and "My saved venues" lists and removes what
// is kept. The worker keeps saved venues current and drops those the operator unpublished; this
// page then says so once. Without JavaScript the venue page still shows and dials everything.
// Storage that refuses or holds damage (private mode, a full phone) only costs the list: read
// and write (app.js) never throw.
import { askWorker, read, VENUE_KEY, write } from "./app.js";
import "./conditions.js"; // a venue page's conditions: their age, and when they lapse

const SAVED_KEY = "cramp-aid-saved-venues";
// The worker fetches the venue's page before it answers: more patience than for a message.
const KEEP_PATIENCE_MS = 20_000;

function saved() {
  const list = read(SAVED_KEY);
  return Array.isArray(list) ? list.filter((venue) => typeof venue?.url === "string") : [];
}

function remember(list) {
  write(SAVED_KEY, list);
}

function venuePage(section) {
  // { url, name, number, kind, country, defibrillator }: its own line, its country's entry of
  // the table and where its defibrillator is.
  const here = JSON.parse(section.dataset.venue);
  const { url, name, number } = here;
  // For 12 hours every screen offers its own line beside its country's number (see app.js),
  // and the rescue screen's defibrillator step says where this venue's is (timer.js).
  const until = Date.now() + Number(section.dataset.hours) * 3600 * 1000;
  write(VENUE_KEY, { ...here, until });
  document.dispatchEvent(new CustomEvent("cramp-aid:number-changed"));
  // A saved venue's name and number follow the page, which the worker keeps current.
  if (saved().some((venue) => venue.url === url)) {
    remember(saved().map((venue) => (venue.url === url ? { url, name, number } : venue)));
  }
  if (!("serviceWorker" in navigator)) return;
  const button = section.querySelector("[data-save]");
  const progress = section.querySelector("[data-progress]");
  const status = section.querySelector("[data-save-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    progress.hidden = false;
    status.textContent = section.dataset.savingText;
    // The worker fetches this release's copy of the page, past any CDN, and keeps it.
    const { ok } = await askWorker({ type: "keep-venue", url }, null, KEEP_PATIENCE_MS);
    if (ok) {
      remember([...saved().filter((venue) => venue.url !== url), { url, name, number }]);
      navigator.storage?.persist?.().catch(() => {}); // a saved venue should not be evicted
    }
    status.textContent = ok ? section.dataset.savedText : section.dataset.failedText;
    progress.hidden = true;
    button.disabled = false;
  });
}

async function forget(url, cacheName) {
  await (await caches.open(cacheName)).delete(url, { ignoreVary: true });
  remember(saved().filter((venue) => venue.url !== url));
  if (read(VENUE_KEY)?.url !== url) return;
  write(VENUE_KEY, null); // its number goes with it: the buttons follow
  document.dispatchEvent(new CustomEvent("cramp-aid:number-changed"));
}

async function savedVenuesPage(box) {
  const list = box.querySelector("[data-list]");
  const status = box.querySelector("[data-status]");
  const cache = await caches.open(box.dataset.cache);
  const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  // Saved here but gone from the cache: the worker found the venue unpublished or deleted,
  // unless the browser cleared all of the app's storage (then the pack's caches went too).
  const gone = saved().filter((venue) => !kept.has(venue.url));
  for (const venue of gone) await forget(venue.url, box.dataset.cache);
  const cleared = (await caches.keys()).every((name) => name === box.dataset.cache);
  const notice = box.querySelector("[data-gone]");
  if (gone.length && !cleared) {
    notice.textContent = gone
      .map((venue) => notice.dataset.template.replace("%(venue)s", venue.name))
      .join(" ");
    notice.hidden = false;
  }
  const venues = saved();
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
  let last = read(VENUE_KEY);
  if (!(last?.until > Date.now() && last.kind && last.number)) last = null; // lapsed, or no line
  if (!section) return;
  section.hidden = !last;
  if (!last) return;
  const text = section.querySelector("[data-current-text]");
  text.textContent = text.dataset.template
    .replace("%(number)s", last.number)
    .replace("%(venue)s", last.name);
  section.querySelector("[data-forget]").onclick = () => {
    write(VENUE_KEY, null);
    section.hidden = true;
    document.dispatchEvent(new CustomEvent("cramp-aid:number-changed"));
  };
}

const venueSection = document.querySelector("[data-venue]");
if (venueSection) venuePage(venueSection);
const savedBox = document.querySelector("[data-saved-venues]");
if (savedBox && "caches" in window) savedVenuesPage(savedBox);
showCurrentVenue();
