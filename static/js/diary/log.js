// The form that logs a cramp (or changes one): pre-filled from the emergency screen it came from,
// "Get help now" shown as soon as an answer calls for it, one tap to save on this phone.
import { CHOICES, LISTS, needsHelp, storedEntryProblem } from "./entry.js";
import { DRAFT_KEY, EDIT_KEY, FLASH_KEY } from "./keys.js";
import * as store from "./store.js";
import { cannotKeep, localIso, say } from "./words.js";

const form = document.querySelector("[data-log]");
const help = form.querySelector("[data-get-help]");
const error = form.querySelector("[data-error]");
const status = form.querySelector("[data-status]");
let original = null; // the entry being changed, if any

function take(key) {
  const value = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  return value;
}

// What this form is for, {editing: id} or {draft}, kept in the page's own history entry (never
// in its URL): a reload, the back button or the phone restoring a discarded tab finds the same
// cramp to change and the same draft, so saving never adds a copy. The session's hand-over
// keys are taken once, so "Log a cramp" later opens a new, blank form.
function purpose() {
  if (history.state?.diaryForm) return history.state.diaryForm;
  const editing = take(EDIT_KEY);
  let draft = {};
  try {
    draft = JSON.parse(take(DRAFT_KEY)) || {};
  } catch {
    draft = {};
  }
  // The draft's time is when the form first opened: a reload later does not move the cramp.
  return remember(editing ? { editing } : { draft: { ...draft, at: localIso() } });
}

function remember(diaryForm) {
  history.replaceState({ ...history.state, diaryForm }, "");
  return diaryForm;
}

function fill(entry) {
  for (const name of CHOICES) if (entry[name]) form.elements[name].value = entry[name];
  if (entry.severity !== null && entry.severity !== undefined) form.elements.severity.value = String(entry.severity);
  for (const name of Object.keys(LISTS)) {
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = (entry[name] ?? []).includes(box.value);
  }
  form.elements.note.value = entry.note ?? "";
  form.elements.at.value = entry.at.slice(0, 16);
}

function read() {
  const entry = { id: original?.id ?? crypto.randomUUID() };
  const typed = form.elements.at.value;
  // Unchanged, the time keeps its original offset; a new one is this phone's local time.
  entry.at = original && typed === original.at.slice(0, 16) ? original.at : localIso(typed ? new Date(typed) : new Date());
  for (const name of CHOICES) entry[name] = form.elements[name].value;
  const severity = form.elements.severity.value;
  entry.severity = severity === "" ? null : Number(severity);
  for (const name of Object.keys(LISTS)) {
    entry[name] = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
  }
  entry.note = form.elements.note.value.trim();
  return entry;
}

function showHelp() {
  const wanted = needsHelp(read());
  if (wanted && help.hidden) {
    help.hidden = false;
    help.scrollIntoView({ block: "nearest" });
  }
  if (!wanted) help.hidden = true;
}

function explain(failure) {
  const reason = failure?.name === "QuotaExceededError" ? say("storageFull") : failure?.message || String(failure);
  return say("saveFailed", { reason });
}

async function save(event) {
  event.preventDefault();
  error.textContent = "";
  status.textContent = "";
  const entry = read();
  try {
    const first = await store.saveEntry(entry);
    original = entry;
    remember({ editing: entry.id }); // from now on, this form changes the cramp just saved
    if (first) await store.keep().catch(() => {});
  } catch (failure) {
    error.textContent = explain(failure);
    return;
  }
  if (needsHelp(entry)) {
    // Stay with "Get help now" in view; the entry is saved, and saving again updates it.
    status.textContent = say("saved");
    return;
  }
  sessionStorage.setItem(FLASH_KEY, say("saved"));
  location.assign(form.dataset.diaryUrl);
}

async function start() {
  try {
    await store.open();
  } catch {
    return cannotKeep(form);
  }
  const { editing, draft = { at: localIso() } } = purpose();
  original = editing ? ((await store.entry(editing)) ?? null) : null;
  if (storedEntryProblem(original)) original = null; // unreadable: the diary page deletes it
  if (original) {
    const heading = document.querySelector("[data-heading]");
    heading.textContent = heading.dataset.editText;
    document.title = `${heading.dataset.editText} · ${document.title.split(" · ").pop()}`;
    fill(original);
  } else {
    fill({ ...draft, circumstance: draft.setting === "water" ? "water" : draft.circumstance });
  }
  form.setAttribute("aria-busy", "false");
  showHelp();
  form.addEventListener("change", showHelp);
  form.addEventListener("submit", save);
}

start();
