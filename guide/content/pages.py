"""What a page is: the records the loader fills from a content file and templates read."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from .links import internal_links, page_url
from .rendering import render_body

SECTIONS = ("now", "guide", "water")
# The emergency screens, in the order the home page and the tabs show them.
EMERGENCY_SLUGS = ("land", "water", "help-someone")
RED_FLAGS_SLUG = "red-flags"
WATER_INDEX_SLUG = "index"
# "Call the number now" or "get urgent care today": the NHS's two levels of urgency.
FLAG_LEVELS = ("emergency", "urgent")
# The muscles a step may name (a subset of the diary's answers, guide/diary/words.py).
STEP_MUSCLES = ("calf", "foot", "thigh-front", "thigh-back")
# Where a text names the number to call ("call {number} now"): the page shows the call buttons'
# number there and follows them when the phone's country or a venue changes it.
NUMBER_TOKEN = "{number}"
# The screens that end with a cramp of one's own, and so offer "Log this cramp". Never the
# rescue screen: "It's over" has no place in the middle of CPR.
DIARY_SLUGS = ("land", "water")


class ContentError(ValueError):
    """A content file that cannot be shown: the message names the file and the fault."""


@dataclass(frozen=True)
class Source:
    org: str
    title: str
    url: str
    # The day someone saw this address answer with this document (README.md beside this).
    checked: datetime.date | None = None
    # Cited for a fact only this language states (a local number, a local product), so the
    # other languages need not cite it.
    local: bool = False


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    hold_seconds: int | None = None
    illustration: str | None = None
    # Starts a new group of steps under this heading ("Once they are out of the water").
    heading: str = ""
    # A beat to keep time by (chest compressions: 100 to 120 a minute).
    beats_per_minute: int | None = None
    # The muscle the step stretches: the diary's "Log this cramp" form starts from it.
    muscle: str = ""
    # The step about the defibrillator: a venue opened in the last 12 hours adds where its
    # defibrillator is (timer.js, from what the venue page left on the phone).
    defibrillator: bool = False
    # A name the screen's lead jumps to ("#cpr"), the same in every language: on the rescue
    # screen, someone already out of the water and not responding starts here.
    anchor: str = ""


@dataclass(frozen=True)
class Flag:
    level: str
    text: str
    # The emergency screens that list this flag first in its group (a drowning sign on the
    # water screens): slugs from EMERGENCY_SLUGS.
    first_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    section: str
    language: str
    slug: str
    path: Path
    title: str
    summary: str
    order: int
    reviewed: datetime.date
    next_review: datetime.date
    sources: tuple[Source, ...]
    body_markdown: str
    steps: tuple[Step, ...] = ()
    flags: tuple[Flag, ...] = ()
    show_red_flags: bool = False
    label: str = ""
    # One line shown before the steps or the body: the red flags' "Swollen, warm leg?", or on
    # an emergency screen its own (the water screen's heart signs, the rescue screen's jump to CPR).
    lead: str = ""
    # A plain remark shown under the summary ("learn this before you swim").
    notice: str = ""
    # Numbers only this language gives on purpose (a local emergency number), as written.
    local_numbers: tuple[str, ...] = ()
    # The "Get help now" box's sources, on the pages that show the box (the loader adds them
    # once every page of the language is read).
    box_sources: tuple[Source, ...] = ()

    @property
    def short_title(self):
        """The label for tabs and buttons, where the title is too long."""
        return self.label or self.title

    @property
    def url(self):
        return page_url(self.section, self.slug, self.language)

    @property
    def internal_links(self):
        """(section, slug) of every page this one links to."""
        return internal_links(self.body_markdown)

    @property
    def has_own_url(self):
        """The red flags are shown on other pages; every other page has a URL."""
        return self.slug != RED_FLAGS_SLUG

    @property
    def is_emergency(self):
        return self.section == "now"

    @property
    def offers_the_diary(self):
        return self.is_emergency and self.slug in DIARY_SLUGS

    @property
    def body_html(self):
        return render_body(self)

    @property
    def texts(self):
        """Every piece of text a reader sees, besides the sources: checked for numbers and words."""
        return [
            self.title,
            self.summary,
            self.label,
            self.lead,
            self.notice,
            *(part for step in self.steps for part in (step.heading, step.title, step.text)),
            *(flag.text for flag in self.flags),
            self.body_markdown,
        ]

    @property
    def step_groups(self):
        """The steps as (heading, steps) groups; the first group's heading may be empty."""
        groups = []
        for step in self.steps:
            if step.heading or not groups:
                groups.append((step.heading, []))
            groups[-1][1].append(step)
        return groups

    @property
    def lead_anchor(self):
        """Where the screen's own lead jumps to: its first anchored step, or "" for the box."""
        return next((step.anchor for step in self.steps if step.anchor and self.lead), "")

    @property
    def has_beat(self):
        return any(step.beats_per_minute for step in self.steps)

    def flags_at(self, level):
        return [flag for flag in self.flags if flag.level == level]

    def flags_shown_on(self, level, screen):
        """(shown, more): on an emergency screen, the flags that concern it and the rest.

        The rest wait behind "More signs" (a <details>, which opens without JavaScript): the
        reviews asked for the few signs that matter on each screen, not the whole list. Anywhere
        else (the diary's form, "When to see a doctor") every flag is shown.
        """
        flags = self.flags_at(level)
        if screen not in EMERGENCY_SLUGS:
            return flags, []
        return (
            [flag for flag in flags if screen in flag.first_on],
            [flag for flag in flags if screen not in flag.first_on],
        )

    @property
    def emergency_flags(self):
        return self.flags_at("emergency")

    @property
    def urgent_flags(self):
        return self.flags_at("urgent")

    @property
    def listed_sources(self):
        """The page's sources, and the red flags' too where the page shows them."""
        sources = list(self.sources)
        return sources + [source for source in self.box_sources if source not in sources]
