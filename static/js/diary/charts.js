// The pattern's charts (per week, by muscle, by hour) as inline SVG bars drawn by this code,
// sized in the page's own pixels and font: labels grow with the reader's text size, colours come
// from the stylesheet (light, dark, print). Each chart has a text summary; redrawn on resize.
import { medicineName } from "./context.js";
import * as pattern from "./pattern.js";
import { date, hour, label, number, say, shortDate } from "./words.js";

const SVG = "http://www.w3.org/2000/svg";

function element(name, attributes = {}, text = "") {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text) node.textContent = text;
  return node;
}

let canvas;
function measure(text, font) {
  canvas ??= document.createElement("canvas").getContext("2d");
  canvas.font = font;
  return canvas.measureText(text).width;
}

function frame(width, height, fontSize, labelledBy) {
  const attributes = { viewBox: `0 0 ${width} ${height}`, width, height, "font-size": fontSize };
  const svg = element("svg", { ...attributes, role: "img", "aria-labelledby": labelledBy });
  svg.classList.add("chart-svg");
  return svg;
}

const round = (value) => Math.round(value * 10) / 10;

/** The top of the scale: the largest count, made even above 4 so the middle line is whole. */
function scaleTop(largest) {
  return largest <= 4 ? Math.max(largest, 1) : Math.ceil(largest / 2) * 2;
}

// How many bars one label under them may stand for: every one, every second…
const LABEL_STEPS = [1, 2, 3, 4, 6, 12];

/**
 * Upright bars, one per {label, count, key}; marks ({index}) draw a dashed line through a bar,
 * numbered at the top. Labels thin out so they never overlap: a bar is labelled when its key
 * divides by the step (keys count from the bar that must always be labelled).
 */
function columns({ bars, marks = [], width, fontSize, font, labelledBy }) {
  const top = scaleTop(Math.max(0, ...bars.map((bar) => bar.count)));
  const left = measure(String(top), font) + fontSize * 0.6;
  const head = marks.length ? fontSize * 1.7 : fontSize * 0.7;
  const plot = Math.min(Math.max(width * 0.42, fontSize * 7), fontSize * 14);
  const foot = fontSize * 1.6;
  const height = head + plot + foot;
  const slot = (width - left - 2) / bars.length;
  const svg = frame(round(width), round(height), fontSize, labelledBy);
  const baseline = head + plot;
  const y = (count) => baseline - (count / top) * plot;

  for (const value of top > 1 ? [0, top / 2, top] : [0, top]) {
    if (!Number.isInteger(value)) continue;
    svg.append(element("line", { class: "grid", x1: left, x2: width, y1: round(y(value)), y2: round(y(value)) }));
    svg.append(element("text", { x: left - fontSize * 0.3, y: round(y(value) + fontSize * 0.35), "text-anchor": "end" }, String(value)));
  }
  const widest = Math.max(...bars.map((bar) => measure(bar.label, font)));
  const needed = (widest + fontSize * 0.6) / slot;
  const every = LABEL_STEPS.find((step) => step >= needed) ?? Math.ceil(needed);
  bars.forEach((bar, index) => {
    const centre = left + slot * (index + 0.5);
    if (bar.count > 0) {
      const rect = { class: "bar", x: round(centre - slot * 0.35), width: round(slot * 0.7) };
      svg.append(element("rect", { ...rect, y: round(y(bar.count)), height: round(baseline - y(bar.count)), "data-count": bar.count }));
    }
    if (bar.key % every === 0) {
      const half = measure(bar.label, font) / 2;
      const x = Math.min(Math.max(centre, half), width - half);
      svg.append(element("text", { x: round(x), y: round(baseline + fontSize * 1.25), "text-anchor": "middle" }, bar.label));
    }
  });
  marks.forEach((mark, number) => {
    const x = round(left + slot * (mark.index + 0.5));
    svg.append(element("line", { class: "mark", x1: x, x2: x, y1: round(fontSize * 1.3), y2: baseline }));
    svg.append(element("text", { class: "mark-label", x, y: round(fontSize * 1.05), "text-anchor": "middle" }, String(number + 1)));
  });
  return svg;
}

/** Bars lying down, each {label, count} with its label above it and its count at its end. */
function rows({ bars, width, fontSize, font, labelledBy }) {
  const line = fontSize * 1.25;
  const thickness = fontSize * 1.1;
  const gap = fontSize * 0.6;
  const height = bars.length * (line + thickness + gap);
  const largest = Math.max(1, ...bars.map((bar) => bar.count));
  const room = width - measure(String(largest), font) - fontSize * 0.6;
  const svg = frame(round(width), round(height), fontSize, labelledBy);
  bars.forEach((bar, index) => {
    const top = index * (line + thickness + gap);
    const length = Math.max((bar.count / largest) * room, bar.count ? 2 : 0);
    svg.append(element("text", { x: 0, y: round(top + fontSize) }, bar.label));
    if (bar.count) {
      svg.append(element("rect", { class: "bar", x: 0, y: round(top + line), width: round(length), height: round(thickness), "data-count": bar.count }));
    }
    const end = { x: round(length + fontSize * 0.3), y: round(top + line + thickness * 0.8) };
    svg.append(element("text", end, String(bar.count)));
  });
  return svg;
}

/** The figure's width and font, as the page lays it out now. */
export function measured(figure) {
  const style = getComputedStyle(figure);
  const fontSize = parseFloat(style.fontSize);
  return { width: figure.clientWidth, fontSize, font: `${fontSize}px ${style.fontFamily}` };
}

function place(figure, svg, summary, legend = []) {
  figure.querySelector("[data-svg]").replaceChildren(svg);
  figure.querySelector("[data-summary]").textContent = summary;
  const list = figure.querySelector("[data-legend]");
  if (!list) return;
  list.replaceChildren(
    ...legend.map((text, index) => {
      const item = document.createElement("li");
      item.dataset.number = String(index + 1);
      item.textContent = text;
      return item;
    }),
  );
  list.hidden = legend.length === 0;
}

// The chart's name for screen readers: its caption, its summary and its legend, if any.
const labelledBy = (figure) =>
  [...figure.querySelectorAll("figcaption, [data-summary], [data-legend]")].map((node) => node.id).join(" ");

function weeks(figure, { entries, context, today, weeks: count }, size) {
  const spans = pattern.perWeek(entries, today, count);
  // The latest week always carries its label.
  const bars = spans.map((span, index) => ({ label: shortDate(span.start), count: span.count, key: spans.length - 1 - index }));
  // One mark per week in which medicines started, its legend line naming them all.
  const marks = pattern.medicineMarks(context, today, count);
  const legend = marks.map(({ medicines }) => {
    const medicine = medicines.map(medicineName).join(", ");
    const dates = [...new Set(medicines.map((started) => date(started.started)))].join(", ");
    return say("medicineMark", { medicine, date: dates });
  });
  const total = spans.reduce((sum, span) => sum + span.count, 0);
  const busiest = spans.reduce((best, span) => (span.count > best.count ? span : best), spans[0]);
  const summary = total
    ? say("weekChart", { weeks: count, total: number(total), most: number(busiest.count), date: date(busiest.start) })
    : say("noCramps", { weeks: count });
  // The legend under the chart names the marks, for every reader: the summary need not.
  place(figure, columns({ bars, marks, ...size, labelledBy: labelledBy(figure) }), summary, legend);
}

function muscles(figure, { entries, weeks: count, today }, size) {
  const recent = pattern.lastDays(entries, today, count * 7);
  const counts = pattern.perMuscle(recent);
  const bars = counts.map((item) => ({ label: label("muscle", item.value), count: item.count }));
  const named = bars.filter((bar) => bar.count).map((bar) => `${bar.label} ${number(bar.count)}`);
  const summary = say("muscleChart", { list: named.join(", ") || say("none") });
  place(figure, rows({ bars, ...size, labelledBy: labelledBy(figure) }), summary);
}

function hours(figure, { entries, weeks: count, today }, size) {
  const recent = pattern.lastDays(entries, today, count * 7);
  const counts = pattern.perHour(recent);
  const bars = counts.map((item) => ({ label: hour(item.hour), count: item.count, key: item.hour }));
  const busiest = counts.reduce((best, item) => (item.count > best.count ? item : best), counts[0]);
  const summary = say("hourChart", {
    from: hour(pattern.NIGHT.from),
    to: hour(pattern.NIGHT.to),
    night: number(recent.filter(pattern.atNight).length),
    total: number(recent.length),
    most: number(busiest.count),
    hour: hour(busiest.hour),
  });
  place(figure, columns({ bars, ...size, labelledBy: labelledBy(figure) }), summary);
}

const CHARTS = { weeks, muscles, hours };

/** Draws every chart in `root` for `data` ({entries, context, today, weeks}) at `sizeOf(figure)`. */
export function draw(root, data, sizeOf = measured) {
  for (const figure of root.querySelectorAll("figure[data-chart]")) {
    const size = sizeOf(figure);
    figure.dataset.drawn = `${size.width}|${size.fontSize}`;
    CHARTS[figure.dataset.chart](figure, data, size);
  }
}

/** Redraws a chart whenever its width or text size changes (rotation, 200% text). */
export function keepDrawn(root, getData) {
  if (!("ResizeObserver" in window)) return;
  const observer = new ResizeObserver((records) => {
    for (const { target } of records) {
      const size = measured(target);
      if (target.dataset.drawn === `${size.width}|${size.fontSize}` || !size.width) continue;
      target.dataset.drawn = `${size.width}|${size.fontSize}`;
      CHARTS[target.dataset.chart](target, getData(), size);
    }
  });
  root.querySelectorAll("figure[data-chart]").forEach((figure) => observer.observe(figure));
}
