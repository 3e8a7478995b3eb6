"""The hold timer counts down, finishes, and says so; it needs no network."""

from phone import wait_until_ready_offline

# Not "Done": a cramp may still be there after 30 seconds (clinical review 4, minor 15).
TIME_IS_UP = "Time is up. Still tight? Keep holding until it eases."


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
    assert step.get_by_role("status").inner_text() == TIME_IS_UP
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
    assert page.get_by_role("status").filter(has_text=TIME_IS_UP).count() == 1


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


# The phone's Wake Lock API, granting only when the test says so: how a slow grant races a
# quick Stop. It counts the locks granted and those released.
SLOW_WAKE_LOCK = """(() => {
    const waiting = [];
    window.wakeLocks = { asked: 0, granted: 0, released: 0 };
    const request = () => {
        window.wakeLocks.asked += 1;
        return new Promise((resolve) => waiting.push(resolve));
    };
    Object.defineProperty(navigator, "wakeLock", { value: { request }, configurable: true });
    window.grantWakeLocks = () => {
        for (const resolve of waiting.splice(0)) {
            window.wakeLocks.granted += 1;
            let released = false;
            resolve({
                type: "screen",
                get released() { return released; },
                addEventListener() {},
                release: async () => {
                    if (!released) window.wakeLocks.released += 1;
                    released = true;
                },
            });
        }
    };
})()"""


def wake_locks(page):
    page.evaluate("() => window.grantWakeLocks()")
    return page.evaluate("() => window.wakeLocks")


def test_a_quick_start_and_stop_leaves_no_wake_lock(phone, server):
    # B8: the lock was stored when the phone granted it, after Stop had released nothing.
    phone.add_init_script(SLOW_WAKE_LOCK)
    page = phone.new_page()
    page.clock.install()
    page.goto(f"{server.url}/en/now/")
    box = page.locator("[data-hold-seconds]").first
    box.get_by_role("button", name="Start").click()
    box.get_by_role("button", name="Stop").click()
    assert wake_locks(page) == {"asked": 1, "granted": 1, "released": 1}
    # Held to the end: the lock goes with the last second.
    box.get_by_role("button", name="Start").click()
    page.clock.run_for(1_000)
    assert wake_locks(page) == {"asked": 2, "granted": 2, "released": 1}
    page.clock.run_for(60_000)
    assert box.get_by_role("status").inner_text() == TIME_IS_UP
    assert wake_locks(page)["released"] == 2


def test_a_quick_start_and_stop_of_the_beat_leaves_no_wake_lock(phone, server):
    phone.add_init_script(SLOW_WAKE_LOCK)
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/help-someone/")
    page.get_by_role("button", name="Start the beat").click()
    page.get_by_role("button", name="Stop the beat").click()
    assert page.get_by_role("button", name="Start the beat").is_visible()
    assert wake_locks(page) == {"asked": 1, "granted": 1, "released": 1}
