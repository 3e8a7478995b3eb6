// The pattern in the entries: counts per week, muscle and hour, nights affected, the usual
// answers. Pure functions of the entries and today's date, shared by the diary and the summary.
import { dayFromNumber, dayNumber, labels } from "./words.js";

// The hour chart runs from noon to noon, so the night sits in the middle.
export const FIRST_HOUR = 12;
export const NIGHT = { from: 22, to: 6 };

const ageInDays = (entry, today) => dayNumber(today) - dayNumber(entry.at.slice(0, 10));
export const hourOf = (entry) => Number(entry.at.slice(11, 13));

export function lastDays(entries, today, days) {
  return entries.filter((entry) => ageInDays(entry, today) >= 0 && ageInDays(entry, today) < days);
}

/** [{start, count}] for the last `weeks` seven-day spans ending today, the oldest first. */
export function perWeek(entries, today, weeks) {
  const end = dayNumber(today);
  const spans = Array.from({ length: weeks }, (_, index) => ({
    start: dayFromNumber(end - 7 * (weeks - index) + 1),
    count: 0,
  }));
  for (const entry of lastDays(entries, today, weeks * 7)) {
    spans[weeks - 1 - Math.floor(ageInDays(entry, today) / 7)].count += 1;
  }
  return spans;
}

/** The span index a date falls in (see perWeek), or -1 outside the chart. */
export function weekIndex(day, today, weeks) {
  const age = dayNumber(today) - dayNumber(day);
  return age < 0 || age >= weeks * 7 ? -1 : weeks - 1 - Math.floor(age / 7);
}

export function perMuscle(entries) {
  return Object.keys(labels.muscle).map((value) => ({
    value,
    count: entries.filter((entry) => entry.muscle === value).length,
  }));
}

/** Counts by hour, [{hour, count}] from FIRST_HOUR round the clock. */
export function perHour(entries) {
  return Array.from({ length: 24 }, (_, index) => {
    const hour = (FIRST_HOUR + index) % 24;
    return { hour, count: entries.filter((entry) => hourOf(entry) === hour).length };
  });
}

export const atNight = (entry) => hourOf(entry) >= NIGHT.from || hourOf(entry) < NIGHT.to;

/** Nights with a cramp in bed; a cramp before noon belongs to the night before. */
export function nightsAffected(entries) {
  const nights = new Set();
  for (const entry of entries) {
    if (entry.circumstance !== "night") continue;
    const day = dayNumber(entry.at.slice(0, 10));
    nights.add(hourOf(entry) < 12 ? day - 1 : day);
  }
  return nights.size;
}

/** The most frequent value ("" when none), ties going to the vocabulary's order. */
export function usual(values, kind) {
  const counts = new Map();
  for (const value of values) if (value) counts.set(value, (counts.get(value) || 0) + 1);
  let best = "";
  for (const value of Object.keys(labels[kind])) {
    if ((counts.get(value) || 0) > (counts.get(best) || 0)) best = value;
  }
  return { value: best, count: counts.get(best) || 0 };
}

export function median(values) {
  const sorted = values.filter((value) => value !== null).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The chart's marks for medicines started within its weeks, in order: [{index, medicines}], one
 * per week with a start (mark 1 is the first), each naming the medicines started that week.
 */
export function medicineMarks(context, today, weeks) {
  const marks = new Map();
  const started = (context?.medicines ?? []).filter((medicine) => medicine.started);
  started.sort((a, b) => a.started.localeCompare(b.started));
  for (const medicine of started) {
    const index = weekIndex(medicine.started, today, weeks);
    if (index >= 0) marks.set(index, [...(marks.get(index) ?? []), medicine]);
  }
  return [...marks].map(([index, medicines]) => ({ index, medicines }));
}
