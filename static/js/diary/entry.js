// What a diary entry and the context may hold, checked the same way for the form and for imports.
import { labels } from "./words.js";

// The export's format: bump the version when an entry's meaning changes, and teach import
// to read the older versions.
export const FORMAT = "cramp-aid-diary";
export const FORMAT_VERSION = 1;
export const NOTE_LENGTH = 1000;
// The answers that pick one value; the values are the keys of the page's labels.
export const CHOICES = ["setting", "muscle", "side", "duration", "circumstance"];
export const LISTS = { helped: "helped", warnings: "warning" };

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isText = (value, longest) => typeof value === "string" && value.length <= longest;
const isDay = (value) => typeof value === "string" && DAY.test(value) && !Number.isNaN(Date.parse(value));

export function isEntry(entry) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return false;
  if (!isText(entry.id, 100) || !entry.id) return false;
  if (typeof entry.at !== "string" || !LOCAL_TIME.test(entry.at) || !isDay(entry.at.slice(0, 10))) return false;
  for (const kind of CHOICES) {
    const value = entry[kind] ?? "";
    if (value !== "" && !Object.hasOwn(labels[kind], value)) return false;
  }
  for (const [field, kind] of Object.entries(LISTS)) {
    const values = entry[field] ?? [];
    if (!Array.isArray(values) || !values.every((v) => Object.hasOwn(labels[kind], v))) return false;
  }
  const severity = entry.severity ?? null;
  if (severity !== null && !(Number.isInteger(severity) && severity >= 0 && severity <= 10)) return false;
  if (!isText(entry.note ?? "", NOTE_LENGTH)) return false;
  return entry.updated === undefined || isText(entry.updated, 40);
}

/** The entry with every field present, in the shape the diary stores. */
export function tidyEntry(entry) {
  const tidy = { id: entry.id, at: entry.at };
  for (const kind of CHOICES) tidy[kind] = entry[kind] ?? "";
  tidy.severity = entry.severity ?? null;
  for (const field of Object.keys(LISTS)) tidy[field] = [...new Set(entry[field] ?? [])];
  tidy.note = entry.note ?? "";
  if (entry.updated) tidy.updated = entry.updated;
  return tidy;
}

export function isContext(context) {
  if (!context || typeof context !== "object" || Array.isArray(context)) return false;
  const { pregnant = "", pregnancy, medicines = [], doctorSeen = "" } = context;
  if (!["", "yes", "no"].includes(pregnant)) return false;
  if (pregnancy != null) {
    const { week, on } = pregnancy;
    if (!Number.isInteger(week) || week < 1 || week > 45 || !isDay(on)) return false;
  }
  if (!Array.isArray(medicines)) return false;
  for (const medicine of medicines) {
    if (!medicine || !Object.hasOwn(labels.medicine, medicine.kind)) return false;
    if (!isText(medicine.name ?? "", 100)) return false;
    if ((medicine.started ?? "") !== "" && !isDay(medicine.started)) return false;
  }
  return ["", "yes", "no"].includes(doctorSeen) && (context.updated === undefined || isText(context.updated, 40));
}

/** Needs "Get help now": a cramp over 10 minutes, or any warning sign. */
export function needsHelp(entry) {
  return entry.duration === labels.longDuration || (entry.warnings ?? []).length > 0;
}
