// The country page: find a country by its name in any language, choose it for the call
// buttons (kept on this phone only), and see what the phone suggests. Without this script the
// page is a plain list of numbers to tap.
import { COUNTRY_KEY, fill, normalise, read } from "./app.js";

const language = document.documentElement.lang;
const rows = [...document.querySelectorAll("[data-country]")];
const now = document.querySelector("[data-country-now]");
const status = document.querySelector("[data-country-status]");

const list = document.querySelector("[data-numbers-url]");
// Every country's names in every language, and the lines the call buttons need, from the
// table the worker keeps offline (emergency.for_worker): the stored choice then has the same
// shape whichever wrote it, and a later page in another language names it. Until it has come
// (or if it cannot), a row gives what it shows: its name in this page's language.
const table = fetch(list.dataset.numbersUrl)
  .then((answer) => (answer.ok ? answer.json() : { countries: {} }))
  .then((numbers) => numbers.countries || {})
  .catch(() => ({}));

function shownName(row) {
  return row.querySelector(".country-name").textContent.trim();
}

function fromRow(row) {
  const { country: code, ambulance, water = "", urgent = "", reaches } = row.dataset;
  const entry = { code, names: { [language]: shownName(row) }, ambulance, water, urgent };
  return reaches ? { ...entry, reaches } : entry;
}

async function entryOf(row) {
  const known = (await table)[row.dataset.country];
  if (!known || known.ambulance !== row.dataset.ambulance) return fromRow(row);
  return { water: "", urgent: "", urgentNames: {}, ...known, code: row.dataset.country };
}

function nameOf(entry) {
  return entry?.names?.[language] || entry?.names?.en || "";
}

function choose(entry) {
  try {
    localStorage.setItem(COUNTRY_KEY, JSON.stringify({ ...entry, confirmed: true }));
  } catch {
    return; // storage refused: the list still dials each number directly
  }
  status.textContent = fill(status.dataset.savedText, {
    number: entry.ambulance,
    country: nameOf(entry),
  });
  document.dispatchEvent(new CustomEvent("cramp-aid:number-changed"));
  show();
}

function show() {
  const stored = read(COUNTRY_KEY);
  const suggested = read(`${COUNTRY_KEY}-suggested`);
  for (const row of rows) row.toggleAttribute("data-chosen", stored?.code === row.dataset.country);
  const text = now.querySelector("[data-country-now-text]");
  text.dataset.defaultText ??= text.textContent;
  const suggestion = now.querySelector("[data-country-suggestion-text]");
  const confirm = now.querySelector("[data-country-confirm]");
  // "…the ambulance number of Bolivia" would be wrong where the police answer.
  const chosen = stored?.reaches ? now.dataset.chosenReachesText : now.dataset.chosenText;
  text.textContent = stored?.confirmed
    ? fill(chosen, { number: stored.ambulance, country: nameOf(stored) })
    : text.dataset.defaultText;
  const offer = suggested && suggested.code !== (stored?.confirmed ? stored.code : null);
  suggestion.textContent = offer
    ? fill(stored?.confirmed ? now.dataset.otherText : now.dataset.suggestedText, {
        country: nameOf(suggested),
        number: suggested.ambulance,
      })
    : "";
  confirm.hidden = !offer;
  if (offer) {
    confirm.textContent = fill(now.dataset.confirmText, { country: nameOf(suggested) });
    confirm.onclick = () => choose(suggested);
  }
}

// The catalogue's plural forms, keyed by a count that takes each (guide/plurals.py): the form
// whose count is in the same CLDR category as this one ("1 country", "2 страны", "5 стран").
const pluralRules = new Intl.PluralRules(language);

function plural(forms, count) {
  const samples = Object.keys(forms).map(Number);
  const alike = (category) => samples.find((sample) => pluralRules.select(sample) === category);
  return forms[alike(pluralRules.select(count)) ?? alike("other") ?? samples[0]];
}

// A country found by its name in any language ("Alemania" on the English page) once the table
// is here; by the name the page shows until then.
const searchable = new Map();
table.then((countries) => {
  for (const row of rows) {
    const names = countries[row.dataset.country]?.names;
    if (names) searchable.set(row, [shownName(row), ...Object.values(names)].join(" "));
  }
});

function filter(box) {
  const input = box.querySelector("input");
  const count = box.querySelector("[data-count-texts]");
  const forms = JSON.parse(count.dataset.countTexts);
  input.addEventListener("input", () => {
    const wanted = normalise(input.value.trim());
    let shown = 0;
    for (const row of rows) {
      const names = searchable.get(row) ?? shownName(row);
      const match = !wanted || normalise(`${names} ${row.dataset.country}`).includes(wanted);
      row.hidden = !match;
      shown += match;
    }
    count.textContent = wanted ? fill(plural(forms, shown), { count: shown }) : "";
  });
  // Typed before the table came: search again with every language's names.
  table.then(() => input.value && input.dispatchEvent(new Event("input")));
  document.querySelector("[data-country-find-hint]").hidden = true;
  box.hidden = false;
}

// Choosing needs this script, so its buttons are made here, not sent with the page. Their
// short word fits beside the call button, so adding them moves nothing.
const { chooseText, chooseLabel } = list.dataset;
for (const row of rows) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "primary";
  button.textContent = chooseText;
  button.setAttribute("aria-label", fill(chooseLabel, { country: shownName(row) }));
  button.addEventListener("click", async () => choose(await entryOf(row)));
  row.querySelector(".country-call").append(button);
}
filter(document.querySelector("[data-country-filter]"));
document.addEventListener("cramp-aid:country", show);
show();
