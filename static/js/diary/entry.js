// What a diary entry and the context may hold, checked the same way for the form, for imports
// and for what storage gives back: a record that fails is named by its first wrong field.
import { labels } from "./words.js";

// The export's format: bump the version when an entry's meaning changes, and teach import
// to read the older versions.
export const FORMAT = "cramp-aid-diary";
export const FORMAT_VERSION = 1;
export const NOTE_LENGTH = 1000;
export const NAME_LENGTH = 100;
// The answers that pick one value; the values are the keys of the page's labels.
export const CHOICES = ["setting", "muscle", "side", "duration", "circumstance"];
export const LISTS = { helped: "helped", warnings: "warning" };

// A local time as entries keep it: "2026-11-26T03:10:00+01:00" (seconds and offset optional).
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-](\d{2}):(\d{2}))?$/;
// When a record was last changed, as toISOString writes it: "2026-11-26T02:11:00.000Z".
const CHANGED = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^[\w.:-]{1,100}$/;
const isText = (value, longest) => typeof value === "string" && value.length <= longest;
const isRecord = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** A calendar day that exists ("2026-02-30" does not), from the year 1900 on. */
export function isDay(value) {
  const [, year, month, day] = (typeof value === "string" && DAY.exec(value)) || [];
  if (!year || Number(year) < 1900) return false;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

// Hours to 23, minutes and seconds to 59, offsets to ±14:00: a time that exists somewhere.
function isTime(value, pattern) {
  const [, day, hour, minute, second = "0", offsetHours = "0", offsetMinutes = "0"] =
    (typeof value === "string" && pattern.exec(value)) || [];
  if (!isDay(day)) return false;
  const offset = Number(offsetHours) * 60 + Number(offsetMinutes);
  return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(offsetMinutes) <= 59 && offset <= 14 * 60;
}

const isChanged = (value) => value === undefined || isTime(value, CHANGED);

/** The first field of an entry that the diary cannot use ("entry" when it is no record), or "". */
export function entryProblem(entry) {
  if (!isRecord(entry)) return "entry";
  if (typeof entry.id !== "string" || !ID.test(entry.id)) return "id";
  if (!isTime(entry.at, LOCAL_TIME)) return "at";
  for (const kind of CHOICES) {
    const value = entry[kind] ?? "";
    if (value !== "" && !(typeof value === "string" && Object.hasOwn(labels[kind], value))) return kind;
  }
  const severity = entry.severity ?? null;
  if (severity !== null && !(Number.isInteger(severity) && severity >= 0 && severity <= 10)) return "severity";
  for (const [field, kind] of Object.entries(LISTS)) {
    const values = entry[field] ?? [];
    const known = (value) => typeof value === "string" && Object.hasOwn(labels[kind], value);
    const fits = Array.isArray(values) && values.length <= Object.keys(labels[kind]).length;
    if (!fits || !values.every(known)) return field;
  }
  if (!isText(entry.note ?? "", NOTE_LENGTH)) return "note";
  return isChanged(entry.updated) ? "" : "updated";
}

export const isEntry = (entry) => entryProblem(entry) === "";

/** For what storage gives back: an edit time that is no time hides nothing (it counts as the oldest). */
export const storedEntryProblem = (entry) => entryProblem(isRecord(entry) ? { ...entry, updated: undefined } : entry);

/** How to name an entry that fails: its time as written, else its id (short, as text). */
export function entryName(entry) {
  const name = [entry?.at, entry?.id].find((value) => typeof value === "string" && value) ?? "";
  return name.slice(0, 40);
}

/** The entry with every field present and nothing else, in the shape the diary stores. */
export function tidyEntry(entry) {
  const tidy = { id: entry.id, at: entry.at };
  for (const kind of CHOICES) tidy[kind] = entry[kind] ?? "";
  tidy.severity = entry.severity ?? null;
  for (const field of Object.keys(LISTS)) tidy[field] = [...new Set(entry[field] ?? [])];
  tidy.note = entry.note ?? "";
  if (entry.updated && isChanged(entry.updated)) tidy.updated = entry.updated;
  return tidy;
}

function medicinesProblem(medicines) {
  if (!Array.isArray(medicines)) return true;
  const kinds = medicines.map((medicine) => medicine?.kind);
  if (new Set(kinds).size !== kinds.length) return true; // the form has one row per kind
  return !medicines.every(
    (medicine) =>
      isRecord(medicine) &&
      typeof medicine.kind === "string" &&
      Object.hasOwn(labels.medicine, medicine.kind) &&
      isText(medicine.name ?? "", NAME_LENGTH) &&
      ((medicine.started ?? "") === "" || isDay(medicine.started)),
  );
}

/** The first field of the context that the diary cannot use ("context" for no record), or "". */
export function contextProblem(context) {
  if (!isRecord(context)) return "context";
  const { pregnant = "", pregnancy = null, medicines = [], doctorSeen = "" } = context;
  if (!["", "yes", "no"].includes(pregnant)) return "pregnant";
  if (pregnancy !== null) {
    const { week, on } = isRecord(pregnancy) ? pregnancy : {};
    if (!Number.isInteger(week) || week < 1 || week > 42 || !isDay(on)) return "pregnancy";
  }
  if (medicinesProblem(medicines)) return "medicines";
  if (!["", "yes", "no"].includes(doctorSeen)) return "doctorSeen";
  return isChanged(context.updated) ? "" : "updated";
}

export const isContext = (context) => contextProblem(context) === "";

/** The context with its known fields only, as the diary stores it. */
export function tidyContext(context) {
  const { pregnant = "", pregnancy = null, medicines = [], doctorSeen = "" } = context;
  const tidy = {
    pregnant,
    pregnancy: pregnancy && { week: pregnancy.week, on: pregnancy.on },
    medicines: medicines.map(({ kind, name = "", started = "" }) => ({ kind, name, started })),
    doctorSeen,
  };
  if (context.updated) tidy.updated = context.updated;
  return tidy;
}

/** Needs "Get help now": a cramp over 10 minutes, or any warning sign. */
export function needsHelp(entry) {
  return entry.duration === labels.longDuration || (entry.warnings ?? []).length > 0;
}
