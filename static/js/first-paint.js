// Inlined in the screens someone calls from (guide/calling.html), allowed by its hash: a classic
// script, so it runs as the page is parsed, before the first paint. It puts the number this
// phone keeps on the call buttons, so the page's default never flashes first, and shows the
// labelled button of a venue opened in the last 12 hours. It makes the same choice as dial() in
// app.js, which runs later and names the country; the browser tests hold both to one answer.
(() => {
  const config = document.querySelector("script[data-worker]").dataset;
  const read = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  };
  const dialable = (number) => /^\+?\d{2,15}$/.test(number);
  // On a venue's own page, that venue (venue.js keeps it for the other screens).
  const page = document.querySelector("[data-venue]")?.dataset.venue;
  const venue = page ? JSON.parse(page) : read("cramp-aid-venue");
  const here = page || venue?.until > Date.now() ? venue : null;
  // A country's ambulance number, never one an operator typed: chosen or suggested, else the
  // venue's country.
  const country = [read("cramp-aid-country"), here?.country].find((c) => dialable(c?.ambulance));
  const number = country?.ambulance || config.defaultNumber;
  for (const element of document.querySelectorAll("[data-number-text]")) {
    element.textContent = element.dataset.numberText.replace("%(number)s", number);
  }
  // Not a template literal: "{number}" in a page is what tests/test_content.py looks for as a
  // content placeholder left unreplaced.
  for (const link of document.querySelectorAll("a[data-call]")) link.href = "tel:" + number;
  const label = ["rescue", "lifeguards"].includes(here?.kind) && config[`${here.kind}Text`];
  const ownLine = label && dialable(here.number) ? here : null;
  for (const link of document.querySelectorAll("a[data-venue-call]")) {
    link.hidden = !ownLine;
    if (!ownLine) continue;
    link.href = `tel:${ownLine.number}`;
    link.textContent = label
      .replace("%(number)s", ownLine.number)
      .replace("%(venue)s", ownLine.name);
  }
})();
