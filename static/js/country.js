// The country page: find a country by its name in any language, choose it for the call
// buttons (kept on this phone only), and see what the phone suggests. Without this script the
// page is a plain list of numbers to tap.
import { COUNTRY_KEY, fill, normalise, read } from "./app.js";

const language = document.documentElement.lang;
const rows = [...document.querySelectorAll("[data-country]")];
const now = document.querySelector("[data-country-now]");
const status = document.querySelector("[data-country-status]");

function entryOf(row) {
  // The same shape as the worker's table (emergency.for_worker), so the stored choice
  // is whole whichever of the two wrote it.
  const names = JSON.parse(row.dataset.names);
  const urgentNames = JSON.parse(row.dataset.urgentNames || "{}");
  const { country: code, ambulance, water = "", urgent = "", reaches } = row.dataset;
  const entry = { code, names, ambulance, water, urgent, urgentNames };
  if (!reaches) return entry;
  return { ...entry, reaches, reachesNames: JSON.parse(row.dataset.reachesNames) };
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

function filter(box) {
  const input = box.querySelector("input");
  const count = box.querySelector("[data-count-texts]");
  const forms = JSON.parse(count.dataset.countTexts);
  input.addEventListener("input", () => {
    const wanted = normalise(input.value.trim());
    let shown = 0;
    for (const row of rows) {
      const names = Object.values(JSON.parse(row.dataset.names)).join(" ");
      const match = !wanted || normalise(`${names} ${row.dataset.country}`).includes(wanted);
      row.hidden = !match;
      shown += match;
    }
    count.textContent = wanted ? fill(plural(forms, shown), { count: shown }) : "";
  });
  document.querySelector("[data-country-find-hint]").hidden = true;
  box.hidden = false;
}

// Choosing needs this script, so its buttons are made here, not sent with the page. Their
// short word fits beside the call button, so adding them moves nothing.
const { chooseText, chooseLabel } = document.querySelector("[data-choose-text]").dataset;
for (const row of rows) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "primary";
  button.textContent = chooseText;
  button.setAttribute("aria-label", fill(chooseLabel, { country: nameOf(entryOf(row)) }));
  button.addEventListener("click", () => choose(entryOf(row)));
  row.querySelector(".country-call").append(button);
}
filter(document.querySelector("[data-country-filter]"));
document.addEventListener("cramp-aid:country", show);
show();
