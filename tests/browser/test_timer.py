"""The hold timer counts down, finishes, and says so; it needs no network."""

from phone import wait_until_ready_offline


def test_hold_timer_counts_down_and_finishes(phone, server):
    page = phone.new_page()
    page.clock.install()
    page.goto(f"{server.url}/en/now/")
    # The page's time moves only when the test says: a slow click on a busy machine is no second.
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    step = page.locator(".step").filter(has=page.locator("[data-hold-seconds]")).first
    seconds = int(step.locator("[data-hold-seconds]").get_attribute("data-hold-seconds"))
    timer = step.locator("[role=timer]")
    assert timer.inner_text() == str(seconds)
    step.get_by_role("button", name="Start").click()
    page.clock.run_for(10_000)
    assert timer.inner_text() == str(seconds - 10)
    page.clock.run_for((seconds - 10) * 1000 + 500)
    assert timer.inner_text() == "0"
    assert step.get_by_role("status").inner_text() == "Done. Well held."
    assert step.get_by_role("button", name="Start").is_visible()


def test_hold_timer_can_be_stopped_and_restarted(phone, server):
    page = phone.new_page()
    page.clock.install()
    page.goto(f"{server.url}/en/now/")
    box = page.locator("[data-hold-seconds]").nth(1)
    box.get_by_role("button", name="Start").click()
    page.clock.run_for(5_000)
    box.get_by_role("button", name="Stop").click()
    assert box.locator("[role=timer]").inner_text() == box.get_attribute("data-hold-seconds")
    assert box.get_by_role("status").inner_text() == ""


def test_hold_timer_runs_offline(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    server.stop()
    page.clock.install()
    page.goto(f"{server.url}/en/now/")
    page.get_by_role("button", name="Start").first.click()
    page.clock.run_for(31_000)
    assert page.get_by_role("status").filter(has_text="Done").count() == 1


def test_voice_read_out_is_off_by_default(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    toggle = page.get_by_label("Read the steps aloud")
    if page.evaluate("() => 'speechSynthesis' in window"):
        assert not toggle.is_checked()
    else:
        assert not toggle.is_visible()


def test_the_in_water_screen_has_no_hold_timer(phone, server):
    # Nobody reads a count-down while floating: timers belong on land (clinical review 4).
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/water/")
    assert page.locator("[data-hold-seconds]").count() == 0
    assert page.get_by_role("button", name="Start").count() == 0
