"""Where WebKit lacks an API the app can use, the pages do without it and say nothing broken.

WebKit has no install prompt (`beforeinstallprompt`) and no Background Sync, and WebKitGTK has
no Storage API (`navigator.storage`) unless it is turned on, as Safari has it (webkitgtk.py).
Each test first checks that the engine really lacks (or has) the API, so a pass says what the
app does without it. The cookieStore case is in test_webkit_offline.py.
"""

from webkitgtk import LONDON

STORAGE_API = ("+StorageAPI", "+StorageAPIEstimate")


def test_without_an_install_prompt_background_sync_or_storage_api_nothing_breaks(webkit, server):
    webkit.open(f"{server.url}/en/")
    assert webkit.evaluate("'onbeforeinstallprompt' in window") is False
    assert webkit.evaluate("'SyncManager' in window") is False
    assert webkit.evaluate("'storage' in navigator") is False
    webkit.watch_errors()
    # app.js ran to its end: the worker is registered and has the language.
    webkit.wait_until_ready_offline()
    # No prompt to install, so no button that would do nothing; the words still say how.
    assert not webkit.find("[data-install-button]").is_displayed()
    install = webkit.show("[data-install] p")
    assert "Add Cramp Aid to your home screen" in install.text
    assert webkit.errors() == []
    # The about page's line about the offline pack's size needs navigator.storage: it stays out.
    webkit.open(f"{server.url}/en/guide/about/")
    webkit.watch_errors()
    webkit.wait_until_ready_offline()
    assert webkit.find("[data-storage-use]").get_attribute("hidden") is not None
    # A hold timer (wake lock, vibration, speech: each used only where it exists).
    webkit.open(f"{server.url}/en/now/")
    webkit.watch_errors()
    timer = webkit.find(".step .timer")
    seconds = int(timer.get_attribute("data-hold-seconds"))
    webkit.tap(".step .timer button")
    webkit.wait_for(
        "Number(document.querySelector('.step .timer output').textContent) < arguments[0]",
        seconds,
        message="the count-down runs",
    )
    webkit.tap(".step .timer button")  # Stop: back to the full hold
    webkit.wait_for(
        "document.querySelector('.step .timer output').textContent === arguments[0]", str(seconds)
    )
    assert webkit.errors() == []
    # Saving the first cramp asks for persistent storage where the browser has it: not here.
    webkit.open(f"{server.url}/en/diary/log/")
    webkit.wait_until_filled("form[data-log]")
    webkit.watch_errors()
    webkit.tap("label:has(> input[name=muscle][value=foot])")
    webkit.tap("form[data-log] button[type=submit]")
    # Saved (a failure would stay on the form with its reason) and shown in the diary.
    webkit.wait_for("location.pathname === '/en/diary/'")
    webkit.wait_until_filled("[data-diary]")
    assert len(webkit.find_all(".entry")) == 1


def test_with_the_storage_api_as_safari_has_it_the_diary_asks_to_be_kept(webkit_in, server):
    webkit = webkit_in(*LONDON, STORAGE_API)
    webkit.open(f"{server.url}/en/guide/about/")
    assert webkit.evaluate("typeof navigator.storage.persist") == "function"
    webkit.wait_until_ready_offline()
    # Shown once the worker has the pack: found on a later open of the page.
    webkit.driver.refresh()
    webkit.wait_for("!document.querySelector('[data-storage-use]').hidden")
    assert "the offline pack takes" in webkit.text("[data-storage-use]")
    webkit.open(f"{server.url}/en/diary/log/")
    webkit.wait_until_filled("form[data-log]")
    # Counts the browser's own persist() calls (not the app's code), across the page change.
    webkit.driver.execute_script(
        """const persist = navigator.storage.persist.bind(navigator.storage);
        navigator.storage.persist = () => {
            const asked = Number(localStorage.getItem("persist-asked"));
            localStorage.setItem("persist-asked", String(asked + 1));
            return persist();
        };"""
    )
    webkit.tap("label:has(> input[name=muscle][value=calf])")
    webkit.tap("form[data-log] button[type=submit]")
    webkit.wait_for("location.pathname === '/en/diary/'")
    webkit.wait_until_filled("[data-diary]")
    assert webkit.evaluate("localStorage.getItem('persist-asked')") == "1"
