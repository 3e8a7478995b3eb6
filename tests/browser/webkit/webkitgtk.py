"""WebKit, the engine of every browser on an iPhone, as these machines can run it.

Playwright drives only its own WebKit build, which cannot be downloaded here, so the tests drive
Debian's WebKitGTK through its WebDriver (`webkit2gtk-driver`: WebKitWebDriver, which starts
MiniBrowser, WebKitGTK's test browser) with Selenium. WebKitGTK has no headless mode: it draws on
an X display, Xvfb. What these machines taught us:

- A browser with `webkitgtk:browserOptions` `binary` set needs `--automation` in `args`, or the
  driver waits forever for a window it cannot control; `args` without `binary` fails to match.
- The language is the browser process's locale (`LANG`), the time zone its `TZ`; WebKitGTK reads
  both at start. glibc ignores a locale it does not have (only C.UTF-8 is installed here) and
  WebKit then says `en-US`, so the locales are compiled into a folder of the tests' own with
  `localedef` (Debian's `locales` data) and named by `LOCPATH`: no change to the machine.
- In automation mode MiniBrowser keeps its data in memory (an ephemeral session): a new browser
  starts empty, and within one browser each origin (each server's port) has its own service
  worker, caches, IndexedDB and localStorage. Cookies are per host, not per port: a test that
  sets one leaves it for the next, so `forget()` deletes them.
- Service workers, the Cache API, IndexedDB and the Cookie Store API are on; the Storage API
  (`navigator.storage`: persist, estimate) is off by default in WebKitGTK 2.50, though Safari
  has it: `features=("+StorageAPI", "+StorageAPIEstimate")` turns it on, as Safari does, and
  `"!CookieStoreAPI"` turns off what an older Safari lacks (MiniBrowser's `--features`).
- A download is saved in the browser's home folder (HOME), where a test can read it.
- Console messages do not reach the driver's log in automation mode, and WebDriver BiDi hangs:
  a test sees errors through `error` and `unhandledrejection` listeners and through what the
  scripts were meant to do.
"""

import contextlib
import glob
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
# The multiarch folder differs between machines (x86_64-linux-gnu, aarch64-linux-gnu...).
BROWSERS = glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser")
# Phones in two countries: a locale (compiled here) and a time zone.
LONDON = ("en_GB", "Europe/London")
SANTIAGO = ("es_CL", "America/Santiago")
# A phone's size (the window; MiniBrowser's toolbar takes a little of its height).
PHONE_WINDOW = {"width": 412, "height": 915}
# Generous: a loaded 2-core runner with eight helpers on it. Waits end as soon as they hold.
WAIT_SECONDS = 30
MISSING = (
    "WebKit tests need Debian's webkit2gtk-driver, xvfb and locales: run `make webkit` "
    "(or apt-get install webkit2gtk-driver xvfb locales)."
)


class VirtualDisplay:
    """Xvfb on a display number it picks itself (-displayfd), so parallel runs never collide."""

    def __init__(self):
        self.process = None
        self.name = None

    def start(self):
        xvfb = shutil.which("Xvfb")
        assert xvfb, MISSING
        read, write = os.pipe()
        self.process = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write)
        number = b""
        deadline = time.monotonic() + WAIT_SECONDS
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read], [], [], 1)
            if ready:
                chunk = os.read(read, 16)
                if not chunk:
                    break
                number += chunk
        os.close(read)
        if not number.strip().isdigit():
            self.stop()
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number.decode().strip()}"
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def compile_locale(folder, name):
    """es_CL → folder/es_CL.UTF-8, once: glibc then knows the phone's language (LOCPATH)."""
    target = Path(folder) / f"{name}.UTF-8"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # localedef exits 1 for warnings about the source data while still writing the locale.
        subprocess.run(
            ["localedef", "-i", name, "-f", "UTF-8", str(target)],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert (target / "LC_CTYPE").exists(), f"localedef could not build {name}. {MISSING}"
    return target


class WebKitPhone:
    """One WebKitGTK browser: its language, time zone and features are fixed when it starts."""

    def __init__(self, service, driver, home):
        self.service = service
        self.driver = driver
        self.home = home  # where downloads land

    @classmethod
    def start(cls, display, folder, locale, zone, features=()):
        assert os.path.exists(DRIVER), MISSING
        assert BROWSERS, MISSING
        locales = Path(folder).parent / "locales"
        compile_locale(locales, locale)
        home = Path(folder) / "home"
        home.mkdir(parents=True, exist_ok=True)
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("LC_", "LANG"))  # LANGUAGE and LC_ALL would override LANG
        }
        environment.update(
            DISPLAY=display, HOME=str(home), LOCPATH=str(locales), TZ=zone, LANG=f"{locale}.UTF-8"
        )
        options = Options()
        options.binary_location = BROWSERS[0]
        options.add_argument("--automation")
        if features:
            options.add_argument("--features=" + ",".join(features))
        service = Service(
            executable_path=DRIVER, env=environment, log_output=str(Path(folder) / "driver.log")
        )
        service.start()
        # Not webdriver.WebKitGTK, whose connection Selenium 4.51 builds in a way it deprecates
        # itself (a DeprecationWarning, an error here): the same connection, configured.
        connection = RemoteConnection(client_config=ClientConfig(service.service_url))
        try:
            driver = webdriver.Remote(command_executor=connection, options=options)
        except Exception:
            service.stop()
            raise
        driver.set_page_load_timeout(WAIT_SECONDS)
        driver.set_script_timeout(WAIT_SECONDS)
        driver.set_window_rect(x=0, y=0, **PHONE_WINDOW)
        return cls(service, driver, home)

    def alive(self):
        try:
            self.driver.execute_script("return 1")
        except WebDriverException:
            return False
        return True

    def quit(self):
        # A browser already gone cannot be told to quit: its driver is stopped all the same.
        with contextlib.suppress(WebDriverException):
            self.driver.quit()
        self.service.stop()

    def forget(self):
        """What one test leaves for the next: cookies (per host, every port) and downloads."""
        self.driver.delete_all_cookies()
        self.driver.get("about:blank")
        for download in self.home.glob("cramp-diary-*"):
            download.unlink()

    # What a test does with the page.
    def open(self, url):
        self.driver.get(url)

    @property
    def url(self):
        return self.driver.current_url

    def evaluate(self, expression, *arguments):
        """The value of a JavaScript expression (`arguments[0]`... are the arguments)."""
        return self.driver.execute_script(f"return ({expression});", *arguments)

    def wait_for(self, expression, *arguments, timeout=WAIT_SECONDS, message=""):
        """Waits until a JavaScript expression is truthy, or fails after `timeout` seconds."""
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(
                lambda driver: driver.execute_script(f"return ({expression});", *arguments)
            )
        except TimeoutException:
            raise AssertionError(
                f"never true: {expression} {arguments or ''} {message} (page {self.url})"
            ) from None

    def find(self, css, timeout=WAIT_SECONDS):
        """The first element `css` selects, waiting for the scripts that add some."""
        self.wait_for("document.querySelector(arguments[0])", css, timeout=timeout)
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def show(self, element):
        """Scrolls an element into view, as a user does, and waits until it is there.

        Below the first screen `content-visibility: auto` leaves the page unlaid out, so an
        element moves as it comes into view: WebKit's driver, scrolling by itself, then misses.
        """
        if isinstance(element, str):
            element = self.find(element)
        self.driver.execute_script("arguments[0].scrollIntoView({ block: 'center' })", element)
        self.wait_for(
            """(() => { const box = arguments[0].getBoundingClientRect();
                return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight; })()""",
            element,
        )
        return element

    def tap(self, element):
        self.show(element).click()

    def text(self, css):
        """An element's words, spaces tidied, whether or not it is painted yet."""
        return " ".join(self.find(css).get_attribute("textContent").split())

    def wait_until_filled(self, css):
        """Waits until the scripts have filled an element (they mark it aria-busy until then)."""
        self.wait_for(
            "document.querySelector(arguments[0])?.getAttribute('aria-busy') === 'false'", css
        )

    def heading(self):
        return self.text("h1")

    def wait_until_ready_offline(self, ready_text="works with no connection"):
        """A worker controls the page and says it has cached the page's language."""
        self.wait_for("navigator.serviceWorker.controller !== null")
        self.wait_for(
            "document.querySelector('[data-offline-status]').textContent.includes(arguments[0])",
            ready_text,
        )

    def watch_errors(self):
        """From now on, keeps every uncaught error and rejected promise of this page."""
        self.driver.execute_script(
            """window.__errors = [];
            const keep = (what) => __errors.push(String(what));
            addEventListener("error", (event) => keep(event.message));
            addEventListener("unhandledrejection", (event) => keep(event.reason));"""
        )

    def errors(self):
        return self.evaluate("window.__errors")

    def download(self, pattern, timeout=WAIT_SECONDS):
        """The text of the one file the page downloaded whose name matches `pattern`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [path for path in self.home.glob(pattern) if path.stat().st_size]
            if found:
                assert len(found) == 1, found
                return found[0].read_text(encoding="utf-8")
            time.sleep(0.1)
        raise AssertionError(f"{pattern} was not downloaded: {sorted(self.home.iterdir())}")
