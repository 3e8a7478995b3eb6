// Find in the guide, offline: when the server could not answer (the page came from the cache),
// the results are found here, in the index the service worker keeps, with the server's rules.
import { normalise } from "./app.js";

const box = document.querySelector("[data-search-results]");
const form = document.querySelector("main form[role=search]");
// The language's other spellings, searched as one («câimbra», «cãibra»): guide/search.py's.
const spellings = Object.entries(JSON.parse(box.dataset.spellings || "{}"));
let entries = null;

function fold(text) {
  let folded = normalise(text);
  for (const [variant, spelling] of spellings) folded = folded.replaceAll(variant, spelling);
  return folded;
}

function terms(query) {
  // Length in characters, as Python counts them: an emoji is two UTF-16 units but one letter.
  return fold(query).split(/\s+/).filter((term) => [...term].length > 1).slice(0, 10);
}

async function find(query) {
  entries ??= await (await fetch(box.dataset.index)).json();
  const wanted = terms(query);
  if (!wanted.length) return [];
  const hits = entries.filter((entry) => wanted.every((term) => entry.text.includes(term)));
  const inTitle = hits.filter((e) => wanted.every((term) => fold(e.title).includes(term)));
  return [...inTitle, ...hits.filter((entry) => !inTitle.includes(entry))];
}

function show(results) {
  box.replaceChildren();
  if (!results.length) {
    const none = document.createElement("p");
    none.textContent = box.dataset.noneText;
    return box.append(none);
  }
  const list = document.createElement("ul");
  list.className = "pages";
  for (const result of results) {
    const link = document.createElement("a");
    link.href = result.url;
    const summary = document.createElement("span");
    summary.textContent = result.summary;
    const title = document.createElement("strong");
    title.textContent = result.title;
    link.append(title, summary);
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  box.append(list);
}

async function search(query) {
  box.dataset.query = query;
  show(await find(query));
}

// For tests/browser/test_search_parity.py: the same queries through guide/search.py and here.
export { find };

const query = new URLSearchParams(location.search).get("q") || "";
if (query && box.dataset.query !== query) {
  form.elements.q.value = query;
  search(query).catch(() => {});
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const value = form.elements.q.value;
  history.replaceState(null, "", `?q=${encodeURIComponent(value)}`);
  search(value).catch(() => form.submit());
});
