"""A venue kept on the phone shows its last conditions with their age, offline, and "No current
report" once they are 12 hours old or the lifeguards' hours are over: an old green flag is never
shown as today's. The server is stopped; the phone's clock is Playwright's."""

import datetime
import re

from phone import save_venue
from playwright.sync_api import expect

BEACH = "/en/venues/porthaven-sands/"  # a demo beach: red-and-yellow flags, lifeguards 4 hours
HOUR = 60 * 60 * 1000


def database_time(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def kept_offline(phone, server):
    """The demo beach saved on the phone, the server stopped, the page opened again."""
    page = save_venue(phone, server, BEACH)
    server.stop()
    page.reload()
    expect(page.locator("h1")).to_have_text("Porthaven Sands (demo)")
    return page


def test_the_lifeguards_going_off_duty_ends_the_report_offline(phone, server):
    phone.clock.install(time=datetime.datetime.now(datetime.UTC))
    page = kept_offline(phone, server)
    conditions = page.locator("[data-conditions]")
    expect(conditions.locator(".flag-line")).to_contain_text(
        re.compile(r"^Red-and-yellow flags since \d\d:\d\d$")
    )
    expect(conditions.locator("[data-age]")).to_have_text(
        re.compile(r"^ \((this minute|1 minute ago)\)$")
    )
    expect(conditions.locator("[data-no-report]")).to_be_hidden()
    # Two hours on, the page still open: the same report, two hours old.
    phone.clock.fast_forward(2 * HOUR)
    expect(conditions.locator("[data-age]")).to_have_text(" (2 hours ago)")
    expect(conditions.locator(".flag-line")).to_be_visible()
    # The lifeguards' four hours are over: no flag any more, on this page or opened again.
    phone.clock.fast_forward(2 * HOUR + 60_000)
    expect(conditions.locator("[data-no-report]")).to_be_visible()
    expect(conditions.locator("[data-no-report]")).to_contain_text("No current report")
    expect(conditions.locator(".flag-line")).to_be_hidden()
    page.reload()
    expect(page.locator("h1")).to_have_text("Porthaven Sands (demo)")  # the kept page, offline
    expect(page.locator("[data-conditions] [data-no-report]")).to_be_visible()
    expect(page.get_by_text("Red-and-yellow flags since")).to_be_hidden()


def test_a_green_flag_twelve_hours_old_is_not_todays_offline(phone, server):
    # A report with no lifeguards' hours: a green flag, good for 12 hours.
    now = datetime.datetime.now(datetime.UTC)
    server.edit_database(
        "UPDATE guide_conditions SET flag = 'green', lifeguards_until = NULL, expires_at = ? "
        "WHERE id = (SELECT conditions_id FROM guide_venue WHERE slug = 'porthaven-sands')",
        database_time(now + datetime.timedelta(hours=12)),
    )
    server.edit_database("UPDATE guide_venue SET country = 'ES', time_zone = 'Europe/Madrid' "
                         "WHERE slug = 'porthaven-sands'")  # fmt: skip
    phone.clock.install(time=now)
    page = kept_offline(phone, server)
    flag = page.locator("[data-conditions] .flag-line")
    expect(flag).to_contain_text("Green flag since")
    expect(page.locator("[data-conditions]")).to_contain_text("You can swim.")
    phone.clock.fast_forward(11 * HOUR + 58 * 60_000)
    page.reload()
    expect(flag).to_contain_text("Green flag since")
    expect(page.locator("[data-conditions] [data-age]")).to_have_text(" (11 hours ago)")
    phone.clock.fast_forward(3 * 60_000)
    page.reload()
    expect(page.locator("h1")).to_have_text("Porthaven Sands (demo)")
    expect(page.locator("[data-conditions] [data-no-report]")).to_be_visible()
    expect(flag).to_be_hidden()
    expect(page.get_by_text("You can swim.")).to_be_hidden()
