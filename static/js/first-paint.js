// Inlined in the <head> of the screens someone calls from (guide/calling.html), allowed by its
// hash: a classic script, run before the parser reaches the body. It puts the number this phone
// keeps on each call button as the parser adds it, so the page's default never shows, even on a
// slow phone that paints the top of the page before the rest is parsed: a mutation observer's
// callback runs before the browser paints what the parser added. It also shows the labelled
// button of a venue opened in the last 12 hours. It makes the same choice as dial() in app.js,
// which runs after the parser and names the country; the browser tests hold both to one answer.
(() => {
  const config = document.currentScript.dataset;
  const read = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  };
  const dialable = (number) => /^\+?\d{2,15}$/.test(number);
  // On a venue's own page, that venue (venue.js keeps it for the other screens).
  const page = config.pageVenue;
  const venue = page ? JSON.parse(page) : read("cramp-aid-venue");
  const here = page || venue?.until > Date.now() ? venue : null;
  // A country's ambulance number, never one an operator typed: chosen or suggested, else the
  // venue's country.
  const country = [read("cramp-aid-country"), here?.country].find((c) => dialable(c?.ambulance));
  const number = country?.ambulance || config.defaultNumber;
  const label = ["rescue", "lifeguards"].includes(here?.kind) && config[`${here.kind}Text`];
  const ownLine = label && dialable(here.number) ? here : null;
  const write = (element, text) => {
    // Only when it differs: writing adds a text node, which the observer sees again.
    if (element.textContent !== text) element.textContent = text;
  };
  const WATCHED = "[data-number-text],a[data-call],a[data-venue-call]";
  const fix = (element) => {
    if (element.matches("[data-number-text]")) {
      // Not a template literal: "{number}" in a page is what tests/test_content.py looks for
      // as a content placeholder left unreplaced.
      write(element, element.dataset.numberText.replace("%(number)s", number));
    }
    if (element.matches("a[data-call]")) element.href = "tel:" + number;
    if (element.matches("a[data-venue-call]")) {
      element.hidden = !ownLine;
      if (!ownLine) return;
      element.href = `tel:${ownLine.number}`;
      write(element, label.replace("%(number)s", ownLine.number).replace("%(venue)s", ownLine.name));
    }
  };
  // One record per node the parser adds, so each look is one selector match: an element comes
  // with its attributes, its text (added to it: the record's target) maybe in a later chunk.
  const watch = new MutationObserver((records) => {
    for (const { target, addedNodes } of records) {
      if (target.nodeType === 1 && target.matches(WATCHED)) fix(target);
      for (const node of addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(WATCHED)) fix(node);
        if (node.firstElementChild) node.querySelectorAll(WATCHED).forEach(fix); // not the parser's
      }
    }
  });
  watch.observe(document, { childList: true, subtree: true });
  const fixAll = () => document.querySelectorAll(WATCHED).forEach(fix);
  fixAll();
  // Parsed: one last pass (the last chunk's records may not have been delivered yet), then
  // app.js, which runs next, keeps the buttons (it changes them when the phone is told more).
  document.addEventListener(
    "readystatechange",
    () => {
      watch.disconnect();
      fixAll();
    },
    { once: true },
  );
})();
