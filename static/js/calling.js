// Which number the call buttons dial, and whose number it is. Without this script every button
// dials the server's default. With it, the first that applies: a venue opened in the last 12
// hours, the country the user chose (/country/), the country this phone suggests (its
// languages' regions and its time zone, looked up by the service worker, which holds the
// numbers table offline), else the server's default. Nothing here dials: only a tapped link does.
const config = document.querySelector("script[data-calling]").dataset;
const language = document.documentElement.lang;
const COUNTRY_KEY = "cramp-aid-country";
const VENUE_KEY = "cramp-aid-venue";
const DIALABLE = /^\+?\d{2,15}$/;

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value) localStorage.setItem(key, JSON.stringify(value));
    else localStorage.removeItem(key);
  } catch {
    // Storage refused (private mode, full): the buttons still dial what the page says.
  }
}

function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (whole, name) => values[name] ?? whole);
}

function activeVenue() {
  const venue = read(VENUE_KEY);
  if (!venue || !DIALABLE.test(venue.number || "") || !(venue.until > Date.now())) return null;
  return venue;
}

function country() {
  const stored = read(COUNTRY_KEY);
  return stored && DIALABLE.test(stored.ambulance || "") ? stored : null;
}

function nameOf(names) {
  return names?.[language] || names?.en || "";
}

function render() {
  const venue = activeVenue();
  const chosen = country();
  const number = venue?.number || chosen?.ambulance || config.defaultNumber;
  for (const element of document.querySelectorAll("[data-number-text]")) {
    element.textContent = fill(element.dataset.numberText, { number });
  }
  for (const link of document.querySelectorAll("a[data-call]")) link.href = `tel:${number}`;
  for (const place of document.querySelectorAll("[data-call-place]")) {
    place.dataset.defaultText ??= place.textContent;
    const name = nameOf(chosen?.names);
    if (venue) place.textContent = venue.name;
    else if (chosen?.confirmed) place.textContent = name;
    else if (chosen) place.textContent = fill(config.suggestedText, { country: name });
    else place.textContent = place.dataset.defaultText;
  }
  for (const reset of document.querySelectorAll("[data-call-reset]")) {
    reset.hidden = !venue;
    reset.onclick = () => {
      write(VENUE_KEY, null);
      render();
    };
  }
  // The "urgent care today" line offers the country's non-emergency line where it has one.
  const urgent = !venue && chosen?.urgent && DIALABLE.test(chosen.urgent) ? chosen : null;
  for (const line of document.querySelectorAll("[data-urgent-line]")) {
    line.hidden = !urgent;
    const link = line.querySelector("[data-urgent-call]");
    if (urgent) {
      link.href = `tel:${urgent.urgent}`;
      link.textContent = fill(link.dataset.urgentText, {
        name: nameOf(urgent.urgentNames),
        number: urgent.urgent,
      });
    }
  }
  for (const line of document.querySelectorAll("[data-urgent-default]")) line.hidden = Boolean(urgent);
  const water = !venue && chosen?.water && DIALABLE.test(chosen.water) ? chosen.water : null;
  for (const line of document.querySelectorAll("[data-water-line]")) {
    line.hidden = !water;
    const link = line.querySelector("a");
    if (water && link) {
      link.href = `tel:${water}`;
      link.textContent = water;
    }
  }
}

function ask(worker, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage(message, [channel.port2]);
    setTimeout(() => resolve(null), 5000);
  });
}

async function workerToAsk() {
  if (!("serviceWorker" in navigator)) return null;
  // Even while it installs, the worker holds the table: on a first visit, ask it as soon as
  // app.js has registered it rather than after it has cached the whole pack.
  for (let tries = 0; tries < 40; tries += 1) {
    const registration = await navigator.serviceWorker.getRegistration();
    const worker = registration?.active || registration?.waiting || registration?.installing;
    if (worker) return worker;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

// Refreshes the stored country from the worker's table: a chosen one keeps its code and takes
// the table's current numbers; otherwise the phone's suggestion follows it where it travels.
async function refresh() {
  const worker = await workerToAsk();
  if (!worker) return;
  const stored = read(COUNTRY_KEY);
  const answer = await ask(worker, {
    type: "country",
    code: stored?.confirmed ? stored.code : null,
    languages: [...(navigator.languages || [navigator.language])],
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const reply = answer?.ok ? answer.result : null;
  if (!reply) return;
  const confirmed = Boolean(stored?.confirmed && reply.country?.code === stored.code);
  write(COUNTRY_KEY, reply.country ? { ...reply.country, confirmed } : null);
  write(`${COUNTRY_KEY}-suggested`, reply.suggested);
  render();
  document.dispatchEvent(new CustomEvent("cramp-aid:country"));
}

// The country and saved-venues pages say when the user changes the number: follow at once.
document.addEventListener("cramp-aid:number-changed", render);
render();
refresh().catch(() => {});
