"""`make icons`: draws the PNG icons and the manifest screenshot from their sources, in Chromium.

Tooling, not part of the served app: it needs the test group (Pillow, Playwright, Chromium).
"""

import hashlib
import io
import os
import sys
from pathlib import Path

from PIL import Image, PngImagePlugin

BASE_DIR = Path(__file__).resolve().parents[1]
ICONS = BASE_DIR / "static" / "icons"
SCREENSHOTS = BASE_DIR / "static" / "screenshots"
# (PNG, its SVG source, size in pixels)
ICON_SET = [
    ("icon-192.png", "icon.svg", 192),
    ("icon-512.png", "icon.svg", 512),
    ("icon-maskable-512.png", "icon-maskable.svg", 512),
    # iOS rounds the corners itself and shows transparency as black: use the full-bleed one.
    ("apple-touch-icon.png", "icon-maskable.svg", 180),
]
SOURCE_KEY = "Source-SHA256"


def source_hash(svg_name):
    return hashlib.sha256((ICONS / svg_name).read_bytes()).hexdigest()


def recorded_source_hash(png_path):
    """The hash of the SVG a PNG was drawn from, as recorded in the PNG itself."""
    with Image.open(png_path) as image:
        return image.text.get(SOURCE_KEY)


def save_png(data, path, source=None):
    info = PngImagePlugin.PngInfo()
    if source:
        info.add_text(SOURCE_KEY, source_hash(source))
    with Image.open(io.BytesIO(data)) as image:
        image.save(path, pnginfo=info, optimize=True)


def draw_icons(browser):
    for png, svg, size in ICON_SET:
        page = browser.new_page(viewport={"width": size, "height": size})
        markup = (ICONS / svg).read_text()
        page.set_content(
            f"<style>html,body{{margin:0}}svg{{display:block;width:{size}px;"
            f"height:{size}px}}</style>{markup}"
        )
        save_png(page.screenshot(omit_background=True), ICONS / png, source=svg)
        page.close()
        print(f"drew {png} ({size} px) from {svg}")


def draw_screenshot(browser):
    """The emergency screen as a phone shows it: the HTML the app serves, rendered offline."""
    from django.test import Client

    html = Client().get("/en/now/", headers={"host": "127.0.0.1"})
    page = browser.new_page(viewport={"width": 412, "height": 915}, device_scale_factor=1)
    page.route("**/*", lambda route: route.abort())
    page.set_content(html.content.decode(), wait_until="domcontentloaded")
    SCREENSHOTS.mkdir(exist_ok=True)
    save_png(page.screenshot(), SCREENSHOTS / "now-narrow.png")
    page.close()
    print("drew screenshots/now-narrow.png (412x915)")


def main():
    import django
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "tests" / "browser")]
    import chromium

    # The screenshot is of a page served locally over plain http, as `make run` serves it.
    os.environ.update(DJANGO_SETTINGS_MODULE="cramps_site.settings", DJANGO_HTTPS="0")
    django.setup()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.EXECUTABLE, args=chromium.ARGS
        )
        draw_icons(browser)
        # The screenshot shows the new icons, so they are collected first.
        call_command("collectstatic", interactive=False, verbosity=0)
        draw_screenshot(browser)
        browser.close()


if __name__ == "__main__":
    main()
