// "For my doctor": the last weeks of the diary on one printed page. On screen the charts follow
// the page's width and text size; for print they are drawn at the sheet's fixed size.
import { contextLines } from "./context.js";
import { draw, keepDrawn, measured } from "./charts.js";
import { contextProblem, storedEntryProblem, tidyContext, tidyEntry } from "./entry.js";
import * as pattern from "./pattern.js";
import * as store from "./store.js";
import { cannotKeep, date, dayFromNumber, dayNumber, label, labels, number, say, today } from "./words.js";

const root = document.querySelector("[data-doctor]");
const charts = root.querySelector("[data-charts]");
const weeks = Number(root.dataset.weeks);
// The size of a chart on paper (see .sheet-charts in diary.css): 60 mm wide, 8 pt text.
const PRINTED = { width: 227, fontSize: 10.67 };
let data = null;

// The page's own sentence (data-text, or another data- attribute) with its {names} filled in.
const fillIn = (node, values, key = "text") =>
  node.dataset[key].replace(/\{(\w+)\}/g, (_match, name) => values[name] ?? "");

function listItems(list, lines) {
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
}

// "Calf (4 of 5); left: 3 of 4": the side only when more than half of that muscle's cramps had
// it, with its own count. A tie is no side: "Calf, left (2 of 3)" read as two left calves.
function usualMuscle(entries, share) {
  const muscle = pattern.usual(entries.map((entry) => entry.muscle), "muscle");
  if (!muscle.value) return "";
  const described = `${label("muscle", muscle.value)} (${share(muscle.count, entries.length)})`;
  const sides = entries.filter((entry) => entry.muscle === muscle.value).map((entry) => entry.side);
  const side = pattern.usual(sides, "side");
  if (side.count * 2 <= muscle.count) return described;
  return say("usualMuscleSide", {
    muscle: described,
    side: label("side", side.value).toLowerCase(),
    share: share(side.count, muscle.count),
  });
}

function figures(entries) {
  const dl = root.querySelector("dl");
  const share = (count, total = entries.length) => fillIn(dl, { count: number(count), total: number(total) }, "share");
  const set = (name, text) => {
    dl.querySelector(`[data-figure="${name}"]`).textContent = text || say("none");
  };
  const described = (kind, values) => {
    const { value, count } = pattern.usual(values, kind);
    return value ? `${label(kind, value)} (${share(count)})` : "";
  };
  set("count", number(entries.length));
  const nights = root.querySelector('[data-figure="nights"]');
  set("nights", fillIn(nights, { nights: number(pattern.nightsAffected(entries)), days: number(weeks * 7) }));
  set("duration", described("duration", entries.map((entry) => entry.duration)));
  set("muscle", usualMuscle(entries, share));
  const severities = entries.map((entry) => entry.severity).filter((value) => value !== null);
  const severity = root.querySelector('[data-figure="severity"]');
  set("severity", severities.length ? fillIn(severity, {
    median: number(pattern.median(severities)),
    low: number(Math.min(...severities)),
    high: number(Math.max(...severities)),
  }) : "");
  set("circumstance", described("circumstance", entries.map((entry) => entry.circumstance)));
  set("helped", described("helped", entries.flatMap((entry) => entry.helped)));
}

function warnings(entries) {
  // How often each warning sign (and a cramp over 10 minutes) was reported, and when last.
  const list = root.querySelector("[data-warnings]");
  const signs = [["duration", labels.longDuration], ...Object.keys(labels.warning).map((value) => ["warning", value])];
  const lines = [];
  for (const [kind, value] of signs) {
    const found = entries.filter((entry) => (kind === "duration" ? entry.duration === value : entry.warnings.includes(value)));
    if (!found.length) continue;
    lines.push(fillIn(list, { sign: label(kind, value), count: number(found.length), date: date(found[0].at) }));
  }
  listItems(list, lines.length ? lines : [say("none")]);
}

function printedSize(figure) {
  return { ...PRINTED, font: `${PRINTED.fontSize}px ${getComputedStyle(figure).fontFamily}` };
}

async function start() {
  try {
    await store.open();
  } catch {
    return cannotKeep(root);
  }
  const end = today();
  // Only what the diary can read (the diary page names the rest, to be deleted there).
  const all = (await store.entries()).filter((record) => !storedEntryProblem(record)).map(tidyEntry);
  const stored = await store.setting("context");
  const context = stored !== null && !contextProblem(stored) ? tidyContext(stored) : null;
  const entries = pattern.lastDays(all, end, weeks * 7);
  data = { entries, context, today: end, weeks };
  const period = root.querySelector("[data-period]");
  const start = dayFromNumber(dayNumber(end) - weeks * 7 + 1);
  period.textContent = fillIn(period, { start: date(start), end: date(end), weeks: number(weeks) });
  const source = root.querySelector("[data-source]");
  source.textContent = fillIn(source, { date: date(end) });
  figures(entries);
  warnings(entries);
  // Numbered like the marks on the weekly chart, whose legend the printed page leaves out.
  const marks = pattern.medicineMarks(context, end, weeks);
  listItems(root.querySelector("[data-context]"), contextLines(context, end, marks));
  root.setAttribute("aria-busy", "false");
  draw(charts, data);
  keepDrawn(charts, () => data);
  // Printing: charts at the paper's size, then back to the screen's.
  const printing = matchMedia("print");
  const redraw = () => draw(charts, data, printing.matches ? printedSize : measured);
  printing.addEventListener("change", redraw);
  addEventListener("beforeprint", () => draw(charts, data, printedSize));
  addEventListener("afterprint", redraw);
  root.querySelector("[data-print]").addEventListener("click", () => window.print());
}

start();
