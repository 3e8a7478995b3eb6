// The context a doctor asks about (pregnancy, medicines, a doctor already seen), in words.
import { date, dayNumber, label, say } from "./words.js";

// Past this week a pregnancy has surely ended: ask for an update rather than count on.
const LAST_WEEK = 42;

/** The pregnancy week today, counted on from the week given on its date. */
export function pregnancyWeek(pregnancy, today) {
  if (!pregnancy) return null;
  return pregnancy.week + Math.floor((dayNumber(today) - dayNumber(pregnancy.on)) / 7);
}

export const medicineName = (medicine) => medicine.name || label("medicine", medicine.kind);

/**
 * One line per answer; an empty context says it is not answered yet. `marks` (pattern's
 * medicineMarks) numbers the medicines as the chart's marks do.
 */
export function contextLines(context, today, marks = []) {
  if (!context) return [say("noContext")];
  const lines = [];
  if (context.pregnant === "yes" && context.pregnancy) {
    const week = pregnancyWeek(context.pregnancy, today);
    lines.push(
      week <= LAST_WEEK
        ? say("pregnancyWeek", { week })
        : say("pregnancyOld", { week: context.pregnancy.week, date: date(context.pregnancy.on) }),
    );
  } else if (context.pregnant === "no") {
    lines.push(say("notPregnant"));
  }
  for (const medicine of context.medicines ?? []) {
    const started = medicine.started ? `, ${say("started", { date: date(medicine.started) })}` : "";
    const mark = marks.findIndex((each) => each.medicines.includes(medicine));
    lines.push((mark >= 0 ? `(${mark + 1}) ` : "") + medicineName(medicine) + started);
  }
  if (context.doctorSeen) lines.push(say(context.doctorSeen === "yes" ? "doctorSeen" : "doctorNotSeen"));
  return lines.length ? lines : [say("noContext")];
}
