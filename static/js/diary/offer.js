// "Log this cramp" on an emergency screen, shown when a hold ends or "It's over" is tapped.
// timer.js loads this only then, so the emergency screen's first paint never waits for it.
import { DRAFT_KEY } from "./keys.js";

let muscle = ""; // the muscle of the last stretch held to the end
// /<lang>/now/ is the screen for a cramp on land; the other two are in the water.
const setting = /\/now\/$/.test(location.pathname) ? "land" : "water";

export function show(box, event) {
  // A hold that ended comes from its step (.step, data-muscle); a tap on "It's over" does not.
  if (event.type === "cramp-aid:hold-done") muscle = event.target.dataset.muscle || muscle;
  const link = box.querySelector("a");
  link.hidden = false;
  // Tapped "It's over": the offer is what comes next, so it takes the focus (and is read out).
  if (event.type === "click") link.focus();
  // The form on the diary page starts from this screen's setting and that muscle. Kept in this
  // tab's session storage: the URL, and so the server, never carries it.
  link.onclick = () => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ setting, muscle }));
  };
}
