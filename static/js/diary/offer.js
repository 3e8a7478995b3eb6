// "Log this cramp" on an emergency screen, shown when a hold ends or "It's over" is tapped.
// timer.js loads this only then, so the emergency screen's first paint never waits for it.
import { DRAFT_KEY } from "./keys.js";

let muscle = ""; // the muscle of the last stretch held to the end

export function show(box, event) {
  muscle = event?.detail?.step?.dataset.muscle || muscle;
  const offer = box.querySelector("[data-offer]");
  offer.hidden = false;
  // The form on the diary page starts from this screen's setting and that muscle. Kept in this
  // tab's session storage: the URL, and so the server, never carries it.
  offer.querySelector("a").onclick = () => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ setting: box.dataset.setting, muscle }));
  };
}
