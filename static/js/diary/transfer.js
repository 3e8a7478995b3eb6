// Export (CSV for a spreadsheet, JSON for everything) and reading such a file back, as files the
// browser saves or opens on the phone: nothing passes through the server.
import { contextProblem, entryName, entryProblem, FORMAT, FORMAT_VERSION, tidyContext, tidyEntry } from "./entry.js";
import { today } from "./words.js";

// Column names stay in English whatever the page's language: a doctor's software may read them.
const COLUMNS = [
  ["id", (entry) => entry.id],
  ["date_time", (entry) => entry.at],
  ["setting", (entry) => entry.setting],
  ["muscle", (entry) => entry.muscle],
  ["side", (entry) => entry.side],
  ["duration", (entry) => entry.duration],
  ["severity_0_to_10", (entry) => entry.severity ?? ""],
  ["circumstance", (entry) => entry.circumstance],
  ["helped", (entry) => entry.helped.join(";")],
  ["warning_signs", (entry) => entry.warnings.join(";")],
  ["note", (entry) => entry.note],
];

// What a spreadsheet may take for a formula (OWASP's CSV injection list): = + - @ first, or
// after blanks it strips, and a leading tab or carriage return.
const FORMULA = /^(\s*[=+\-@]|[\t\r])/;

function cell(value) {
  const text = String(value ?? "");
  // Quoted when needed; a would-be formula is defused with a quote mark, so it stays text.
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csv(entries) {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  const oldestFirst = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  for (const entry of oldestFirst) lines.push(COLUMNS.map(([, value]) => cell(value(entry))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function json(entries, context) {
  const data = { format: FORMAT, version: FORMAT_VERSION, exported: new Date().toISOString(), entries, context };
  return JSON.stringify(data, null, 2);
}

export function download(kind, text) {
  const type = kind === "csv" ? "text/csv" : "application/json";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  link.download = `cramp-diary-${today()}.${kind}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

// Far more than a diary holds (ten years of daily cramps with long notes is under 5 MB): a
// larger file is refused before it is read, so it can never freeze the page.
export const LARGEST_FILE_MB = 5;
export const tooLarge = (file) => file.size > LARGEST_FILE_MB * 1024 * 1024;

export class ImportRefused extends Error {
  constructor(reason, detail = {}) {
    super(reason);
    this.reason = reason; // "malformed", "newer", "entry" or "context"
    this.detail = detail; // which entry ({number, name}) and which field
  }
}

/**
 * The entries and context of an exported file, each checked against the schema and rebuilt
 * from its known fields, or ImportRefused naming the first that fails: the whole file or nothing.
 */
export function parse(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportRefused("malformed");
  }
  if (!data || data.format !== FORMAT || !Number.isInteger(data.version) || data.version < 1) {
    throw new ImportRefused("malformed");
  }
  if (data.version > FORMAT_VERSION) throw new ImportRefused("newer");
  if (!Array.isArray(data.entries)) throw new ImportRefused("malformed");
  data.entries.forEach((entry, index) => {
    const field = entryProblem(entry);
    if (field) throw new ImportRefused("entry", { number: index + 1, name: entryName(entry), field });
  });
  const context = data.context ?? null;
  const field = context === null ? "" : contextProblem(context);
  if (field) throw new ImportRefused("context", { field });
  return { entries: data.entries.map(tidyEntry), context: context && tidyContext(context) };
}
