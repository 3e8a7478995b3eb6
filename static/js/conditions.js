// Today's conditions on a venue page: how old the report is, and "No current report" once it
// lapses (12 hours, or when the lifeguards it names go off duty; the server says when, in
// data-expires). A page kept on the phone is read offline hours later: an old green flag must
// never pass for today's. Without JavaScript the page shows what the server saw when it sent it.
const box = document.querySelector("[data-conditions]");
const MINUTE = 60 * 1000;

function age(milliseconds, language) {
  const words = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  const minutes = Math.max(0, Math.floor(milliseconds / MINUTE));
  return minutes < 60 ? words.format(-minutes, "minute") : words.format(-Math.floor(minutes / 60), "hour");
}

function update() {
  const reported = Date.parse(box.dataset.reported);
  const expires = Date.parse(box.dataset.expires);
  const current = box.querySelector("[data-current]");
  if (!(Date.now() < expires)) {
    current.hidden = true;
    box.querySelector("[data-no-report]").hidden = false;
    return false;
  }
  box.querySelector("[data-age]").textContent = ` (${age(Date.now() - reported, box.lang)})`;
  return true;
}

if (box?.dataset.expires) {
  // Once a minute while the page is open; again whenever it comes back to the screen.
  if (update()) {
    const timer = setInterval(() => update() || clearInterval(timer), MINUTE);
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && update());
  }
}
