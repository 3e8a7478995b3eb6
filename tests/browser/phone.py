"""What browser tests share: Chromium's launch options, the phone, and waits for the worker."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A mid-range Android phone (Playwright's "Pixel 7" descriptor, spelled out).
PHONE = {
    "viewport": {"width": 412, "height": 839},
    "screen": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"
    ),
}
WORKER_READY_TIMEOUT_MS = 15_000


def wait_until_ready_offline(page):
    """Waits until a worker controls the page and has cached the page's language."""
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null", timeout=WORKER_READY_TIMEOUT_MS
    )
    status = page.locator("[data-offline-status]")
    status.filter(has_text="works with no connection").wait_for(timeout=WORKER_READY_TIMEOUT_MS)


def worker_is_ready(page):
    """navigator.serviceWorker.ready can wait forever: race it against a timeout."""
    return page.evaluate(
        """() => Promise.race([
            navigator.serviceWorker.ready.then((r) => Boolean(r.active)),
            new Promise((resolve) => setTimeout(() => resolve(false), 10000)),
        ])"""
    )


def first_heading(page):
    return page.locator("h1").first.inner_text()
