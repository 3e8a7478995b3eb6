// The diary page: the pattern's charts, the list of cramps (change, delete), the questions asked
// once, the daily question's setting, and the buttons to download, read back or delete it all.
import { contextLines, pregnancyWeek } from "./context.js";
import { EDIT_KEY, FLASH_KEY, PROMPT_KEY } from "./keys.js";
import * as store from "./store.js";
import { cannotKeep, dateTime, label, say, today } from "./words.js";

const root = document.querySelector("[data-diary]");
const status = root.querySelector("[data-status]");
const chartsBox = root.querySelector("[data-charts]");
const list = root.querySelector("[data-entries]");
const contextForm = root.querySelector("[data-context]");
const confirmDialog = root.querySelector("[data-confirm]");
const weeks = Number(chartsBox.dataset.weeks);
let data = { entries: [], context: null, today: today(), weeks };
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
    const list = entry.warnings.map((value) => label("warning", value)).join("; ");
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

function failure(error) {
  const reason = error?.name === "QuotaExceededError" ? say("storageFull") : error?.message || String(error);
  return say("saveFailed", { reason });
}

function showContext() {
  const { context } = data;
  const summary = root.querySelector("[data-context-summary]");
  summary.replaceChildren(
    ...contextLines(context, data.today).map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
  summary.hidden = context === null;
  root.querySelector("[data-context-first]").hidden = context !== null;
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

async function refresh() {
  data = { entries: await store.entries(), context: await store.setting("context"), today: today(), weeks };
  const any = data.entries.length > 0;
  root.querySelector("[data-empty]").hidden = any;
  chartsBox.hidden = !any;
  root.querySelector("[data-entries-section]").hidden = !any;
  if (any) await drawCharts();
  list.replaceChildren(...data.entries.map(entryItem));
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

function setUpData() {
  for (const button of root.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const entries = await store.entries();
      const kind = button.dataset.export;
      const { csv, download, json } = await transfer();
      download(kind, kind === "csv" ? csv(entries) : json(entries, await store.setting("context")));
    });
  }
  const input = root.querySelector("[data-import]");
  input.addEventListener("change", async () => {
    const [file] = input.files;
    if (!file) return;
    tell(""); // a new file, a new answer: never leave the last one standing meanwhile
    const { ImportRefused, parse } = await transfer();
    const text = await file.text();
    input.value = "";
    await change(async () => {
      let read;
      try {
        read = parse(text);
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        return say(error.reason === "newer" ? "importNewer" : "importMalformed");
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
