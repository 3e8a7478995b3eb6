// The diary's words and formats: labels from the page (in its language), dates and numbers by
// Intl in that language, and the local-time ISO strings that entries keep.
export const language = document.documentElement.lang;
export const labels = JSON.parse(document.getElementById("diary-labels").textContent);

/** A sentence from the page with its {names} filled in. */
export function say(key, values = {}) {
  return labels.text[key].replace(/\{(\w+)\}/g, (_match, name) => String(values[name] ?? ""));
}

export function label(kind, value) {
  return labels[kind][value] ?? value;
}

const numbers = new Intl.NumberFormat(language);
export const number = (value) => numbers.format(value);

const day = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDay = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" });
const dayAndTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const hourOnly = new Intl.DateTimeFormat(language, { hour: "numeric", timeZone: "UTC" });

// Entries keep the local time they happened at, with its offset ("2026-11-26T03:10:00+01:00"):
// the hour of the night stays what it was, whatever time zone the phone is in later.
// To show one, read its local fields as if they were UTC, and format in UTC.
function asUtc(iso) {
  return new Date(`${iso.slice(0, 19)}Z`);
}

export const date = (iso) => day.format(asUtc(`${iso.slice(0, 10)}T00:00:00`));
export const shortDate = (iso) => shortDay.format(asUtc(`${iso.slice(0, 10)}T00:00:00`));
export const dateTime = (iso) => dayAndTime.format(asUtc(iso));
export const hour = (value) => hourOnly.format(new Date(Date.UTC(2000, 0, 1, value)));

const pad = (value) => String(value).padStart(2, "0");

/** A Date as local ISO 8601 with its offset. */
export function localIso(moment = new Date()) {
  const offset = -moment.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  return (
    `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}` +
    `T${pad(moment.getHours())}:${pad(moment.getMinutes())}:${pad(moment.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

export const today = () => localIso().slice(0, 10);

/** Days since 1970 of a "YYYY-MM-DD" date: whole-day arithmetic free of time zones. */
export function dayNumber(iso) {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 864e5;
}

export function dayFromNumber(value) {
  return new Date(value * 864e5).toISOString().slice(0, 10);
}

/** The diary cannot open its storage here: say so, in place of controls that cannot work. */
export function cannotKeep(app) {
  const notice = document.querySelector("[data-diary-needs]");
  notice.textContent = notice.dataset.noStorage;
  notice.hidden = false;
  app.hidden = true;
}
