// The diary page: the pattern's charts, the list of cramps (change, delete), the questions asked
// once, the daily question's setting, and the buttons to download, read back or delete it all.
import { contextLines, pregnancyWeek } from "./context.js";
import { contextProblem, entryName, storedEntryProblem, tidyContext, tidyEntry } from "./entry.js";
import { EDIT_KEY, FLASH_KEY, PROMPT_KEY } from "./keys.js";
import * as store from "./store.js";
import { cannotKeep, dateTime, label, number, say, today } from "./words.js";

const root = document.querySelector("[data-diary]");
const status = root.querySelector("[data-status]");
const chartsBox = root.querySelector("[data-charts]");
const list = root.querySelector("[data-entries]");
const contextForm = root.querySelector("[data-context]");
const confirmDialog = root.querySelector("[data-confirm]");
const weeks = Number(chartsBox.dataset.weeks);
let data = { entries: [], context: null, today: today(), weeks };
// What storage holds but the diary cannot read: named in the list, left out of the rest.
let damaged = { entries: [], context: false };
// The charts' code loads once there is something to draw; export and import's on first use.
let charts = null;
const transfer = () => import("./transfer.js");

async function drawCharts() {
  if (!charts) {
    charts = await import("./charts.js");
    charts.keepDrawn(chartsBox, () => data);
  }
  charts.draw(chartsBox, data);
}

function tell(text) {
  status.textContent = text;
}

function ask(question) {
  // Resolves true when the person confirms in the dialog.
  confirmDialog.querySelector("[data-confirm-text]").textContent = question;
  confirmDialog.returnValue = "";
  confirmDialog.showModal();
  return new Promise((resolve) => {
    confirmDialog.addEventListener("close", () => resolve(confirmDialog.returnValue === "yes"), { once: true });
  });
}

function paragraph(text, className) {
  const node = document.createElement("p");
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function entryItem(entry) {
  const when = dateTime(entry.at);
  const item = document.createElement("li");
  item.className = "entry";
  const heading = document.createElement("h3");
  heading.textContent = when;
  item.append(heading);
  const muscle = [label("muscle", entry.muscle), entry.side && label("side", entry.side)].filter(Boolean);
  const facts = [
    muscle.join(", "),
    entry.duration && label("duration", entry.duration),
    entry.severity !== null && say("severity", { value: entry.severity }),
    entry.circumstance && label("circumstance", entry.circumstance),
    entry.setting && !entry.circumstance && label("setting", entry.setting),
  ].filter(Boolean);
  if (facts.length) item.append(paragraph(facts.join(" · ")));
  if (entry.warnings.length) {
    const list = entry.warnings.map((value) => label("warning", value)).join(say("warningSeparator"));
    item.append(paragraph(say("warningList", { list }), "entry-warning"));
  }
  if (entry.helped.length) {
    item.append(paragraph(say("helpedList", { list: entry.helped.map((v) => label("helped", v)).join(", ") })));
  }
  if (entry.note) item.append(paragraph(entry.note, "entry-note"));
  const edit = document.createElement("a");
  edit.className = "button";
  edit.href = list.dataset.logUrl;
  edit.textContent = say("edit");
  edit.setAttribute("aria-label", say("editLabel", { date: when }));
  edit.addEventListener("click", () => sessionStorage.setItem(EDIT_KEY, entry.id));
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = say("delete");
  remove.setAttribute("aria-label", say("deleteOneLabel", { date: when }));
  remove.addEventListener("click", async () => {
    if (!(await ask(say("deleteOne", { date: when })))) return;
    await change(async () => {
      await store.deleteEntry(entry.id);
      return say("deleted");
    });
  });
  const actions = paragraph("", "entry-actions");
  actions.append(edit, remove);
  item.append(actions);
  return item;
}

function damagedItem(record) {
  const name = entryName(record) || "?";
  const item = document.createElement("li");
  item.className = "entry entry-damaged";
  const heading = document.createElement("h3");
  heading.textContent = say("damagedTitle");
  const field = label("field", storedEntryProblem(record));
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = say("delete");
  remove.setAttribute("aria-label", say("deleteDamagedLabel", { name }));
  remove.addEventListener("click", async () => {
    if (!(await ask(say("deleteDamaged", { name })))) return;
    await change(async () => {
      await store.deleteEntry(record.id);
      return say("deleted");
    });
  });
  const actions = paragraph("", "entry-actions");
  actions.append(remove);
  item.append(heading, paragraph(say("damaged", { name, field })), actions);
  return item;
}

function failure(error) {
  const reason = error?.name === "QuotaExceededError" ? say("storageFull") : error?.message || String(error);
  return say("saveFailed", { reason });
}

function showContext() {
  const { context } = data;
  const summary = root.querySelector("[data-context-summary]");
  // Answers that cannot be read are said so, and the questions asked again to replace them.
  const lines = damaged.context ? [say("contextDamaged")] : contextLines(context, data.today);
  summary.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
  summary.hidden = context === null && !damaged.context;
  root.querySelector("[data-context-first]").hidden = context !== null || damaged.context;
  root.querySelector("[data-context-edit]").hidden = context === null;
  contextForm.hidden = context !== null;
  fillContextForm(context);
}

function fillContextForm(context) {
  contextForm.reset();
  const form = contextForm.elements;
  if (context?.pregnant) form.pregnant.value = context.pregnant;
  // The week as it stands today, the label's "today": the form saves it with today's date, so
  // the week given weeks ago would roll the pregnancy back by that much.
  if (context?.pregnancy) form.week.value = pregnancyWeek(context.pregnancy, data.today);
  for (const medicine of context?.medicines ?? []) {
    const row = contextForm.querySelector(`[data-medicine="${medicine.kind}"]`);
    row.querySelector("input[type=checkbox]").checked = true;
    row.querySelector("input[type=date]").value = medicine.started || "";
    const name = row.querySelector("input[type=text]");
    if (name) name.value = medicine.name || "";
  }
  if (context?.doctorSeen) form.doctor.value = context.doctorSeen;
  showContextDetails();
}

function showContextDetails() {
  contextForm.querySelector("[data-pregnancy-week]").hidden = contextForm.elements.pregnant.value !== "yes";
  for (const row of contextForm.querySelectorAll("[data-medicine]")) {
    row.querySelector("[data-medicine-details]").hidden = !row.querySelector("input[type=checkbox]").checked;
  }
}

function readContextForm() {
  const form = contextForm.elements;
  const week = Number.parseInt(form.week.value, 10);
  const pregnant = form.pregnant.value;
  const medicines = [...contextForm.querySelectorAll("[data-medicine]")]
    .filter((row) => row.querySelector("input[type=checkbox]").checked)
    .map((row) => ({
      kind: row.dataset.medicine,
      name: row.querySelector("input[type=text]")?.value.trim() || "",
      started: row.querySelector("input[type=date]").value,
    }));
  return {
    pregnant,
    pregnancy: pregnant === "yes" && week >= 1 && week <= 42 ? { week, on: data.today } : null,
    medicines,
    doctorSeen: form.doctor.value,
    updated: new Date().toISOString(),
  };
}

function saveContext(context) {
  return change(async () => {
    await store.saveSetting("context", context);
    return say("saved");
  });
}

/** Makes a change, shows the page as it now stands, then says how the change went. */
async function change(work) {
  let message;
  try {
    message = await work();
  } catch (error) {
    message = failure(error);
  }
  await refresh();
  tell(message);
}

/** What storage holds, checked record by record: the readable ones and the others. */
async function readable() {
  const records = await store.entries();
  const context = await store.setting("context");
  const contextDamaged = context !== null && contextProblem(context) !== "";
  return {
    entries: records.filter((record) => !storedEntryProblem(record)).map(tidyEntry),
    context: context === null || contextDamaged ? null : tidyContext(context),
    damaged: { entries: records.filter(storedEntryProblem), context: contextDamaged },
  };
}

async function refresh() {
  const stored = await readable();
  data = { entries: stored.entries, context: stored.context, today: today(), weeks };
  damaged = stored.damaged;
  const any = data.entries.length > 0;
  root.querySelector("[data-empty]").hidden = any;
  chartsBox.hidden = !any;
  root.querySelector("[data-entries-section]").hidden = !any && !damaged.entries.length;
  if (any) await drawCharts();
  list.replaceChildren(...data.entries.map(entryItem), ...damaged.entries.map(damagedItem));
  showContext();
}

function setUpContext() {
  contextForm.addEventListener("change", showContextDetails);
  contextForm.addEventListener("submit", (event) => {
    event.preventDefault();
    saveContext(readContextForm());
  });
  root.querySelector("[data-context-skip]").addEventListener("click", () => {
    // Skipping answers "not now": the questions are not asked again, only offered for change.
    if (data.context) showContext();
    else saveContext({ pregnant: "", pregnancy: null, medicines: [], doctorSeen: "", updated: new Date().toISOString() });
  });
  root.querySelector("[data-context-edit]").addEventListener("click", (event) => {
    event.target.hidden = true;
    contextForm.hidden = false;
    contextForm.querySelector("input").focus();
  });
}

function setUpPrompt() {
  const form = root.querySelector("[data-prompt-settings]");
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(PROMPT_KEY));
  } catch {
    saved = null;
  }
  if (saved) {
    form.elements.ask.checked = Boolean(saved.ask);
    form.elements.time.value = saved.time || form.elements.time.value;
  }
  form.addEventListener("change", () => {
    const time = form.elements.time.value || "08:00";
    localStorage.setItem(PROMPT_KEY, JSON.stringify({ ask: form.elements.ask.checked, time, last: saved?.last || "" }));
    tell(say("saved"));
  });
  form.addEventListener("submit", (event) => event.preventDefault());
}

/** Why a file was not imported, naming the entry or the answer that cannot be read. */
function refusal({ reason, detail }) {
  const field = label("field", detail.field);
  if (reason === "entry") return say("importEntry", { number: number(detail.number), name: detail.name || "?", field });
  if (reason === "context") return say("importContext", { field });
  return say(reason === "newer" ? "importNewer" : "importMalformed");
}

function setUpData() {
  for (const button of root.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      // What the diary can read: a file the import would refuse is no copy to keep.
      const { entries, context } = await readable();
      const kind = button.dataset.export;
      const { csv, download, json } = await transfer();
      download(kind, kind === "csv" ? csv(entries) : json(entries, context));
    });
  }
  const input = root.querySelector("[data-import]");
  input.addEventListener("change", async () => {
    const [file] = input.files;
    if (!file) return;
    tell(""); // a new file, a new answer: never leave the last one standing meanwhile
    const { ImportRefused, LARGEST_FILE_MB, parse, tooLarge } = await transfer();
    if (tooLarge(file)) {
      input.value = "";
      return tell(say("importTooLarge", { size: number(LARGEST_FILE_MB) }));
    }
    const text = await file.text();
    input.value = "";
    await change(async () => {
      let read;
      try {
        read = parse(text);
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        return refusal(error);
      }
      return say("imported", await store.merge(read.entries, read.context));
    });
  });
  root.querySelector("[data-delete-all]").addEventListener("click", async () => {
    if (!(await ask(confirmDialog.querySelector("[data-confirm-text]").dataset.deleteAllText))) return;
    await change(async () => {
      await store.clear();
      localStorage.removeItem(PROMPT_KEY);
      sessionStorage.removeItem(EDIT_KEY);
      root.querySelector("[data-prompt-settings]").reset();
      return say("allDeleted");
    });
  });
}

async function start() {
  try {
    await store.open();
  } catch {
    return cannotKeep(root);
  }
  const flash = sessionStorage.getItem(FLASH_KEY);
  sessionStorage.removeItem(FLASH_KEY);
  setUpContext();
  setUpPrompt();
  setUpData();
  await refresh();
  root.setAttribute("aria-busy", "false");
  if (flash) tell(flash);
}

start();
