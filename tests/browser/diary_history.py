"""A known twelve-week cramp history, as the diary's own JSON export, for the diary's tests."""

import datetime
import json

# Cramps in each of the last twelve seven-day spans, the oldest first; the chart must match.
PER_WEEK = [1, 0, 2, 1, 3, 2, 4, 3, 2, 5, 3, 2]
MUSCLES = ["calf", "calf", "foot", "calf", "thigh-back", "calf", "thigh-front"]
# Hours of the night (and one afternoon) the cramps come at, in turn.
HOURS = [3, 2, 3, 23, 4, 1, 15, 3]
STATIN_WEEKS_AGO = 6  # a statin started at the start of the seventh span: a mark on the chart


def history(today):
    """The export file's data: PER_WEEK cramps ending `today`, a statin, a pregnancy."""
    entries = []
    for span, count in enumerate(PER_WEEK):
        weeks_ago = len(PER_WEEK) - 1 - span
        for number in range(count):
            day = today - datetime.timedelta(days=7 * weeks_ago + number)
            index = len(entries)
            hour = HOURS[index % len(HOURS)]
            entries.append(
                {
                    "id": f"seed-{index:03d}",
                    "at": f"{day.isoformat()}T{hour:02d}:{(7 * index) % 60:02d}:00+00:00",
                    "setting": "land",
                    "muscle": MUSCLES[index % len(MUSCLES)],
                    "side": ["left", "right", "left", "both"][index % 4],
                    "duration": ["1-5", "under-1", "1-5", "5-10"][index % 4],
                    "severity": 3 + index % 7,
                    "circumstance": "exercise" if hour == 15 else "night",
                    "helped": ["stretch"] if index % 3 else ["stretch", "walk-heels"],
                    "warnings": ["swollen"] if index == 5 else [],
                    "note": f"Seeded cramp number {index}",
                    "updated": "2026-01-01T00:00:00.000Z",
                }
            )
    statin_day = today - datetime.timedelta(days=7 * STATIN_WEEKS_AGO + 6)
    context = {
        "pregnant": "yes",
        "pregnancy": {"week": 24, "on": (today - datetime.timedelta(days=14)).isoformat()},
        "medicines": [{"kind": "statin", "name": "", "started": statin_day.isoformat()}],
        "doctorSeen": "no",
        "updated": "2026-01-01T00:00:00.000Z",
    }
    return {"format": "cramp-aid-diary", "version": 1, "entries": entries, "context": context}


def write(path, today, **changes):
    data = {**history(today), **changes}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
