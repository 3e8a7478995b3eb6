"""Draws the PNG icons and the manifest screenshot from their sources, in headless Chromium."""

import hashlib
import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import Client
from PIL import Image, PngImagePlugin

from guide import chromium

ICONS = settings.BASE_DIR / "static" / "icons"
SCREENSHOTS = settings.BASE_DIR / "static" / "screenshots"
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


class Command(BaseCommand):
    help = "Redraw static/icons/*.png and the manifest screenshot from their sources."

    def handle(self, *args, **options):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium.EXECUTABLE, args=chromium.ARGS
            )
            for png, svg, size in ICON_SET:
                page = browser.new_page(viewport={"width": size, "height": size})
                markup = (ICONS / svg).read_text()
                page.set_content(
                    f"<style>html,body{{margin:0}}svg{{display:block;width:{size}px;"
                    f"height:{size}px}}</style>{markup}"
                )
                save_png(page.screenshot(omit_background=True), ICONS / png, source=svg)
                page.close()
                self.stdout.write(f"drew {png} ({size} px) from {svg}")
            # The screenshot is of a served page, which needs the new icons collected.
            call_command("collectstatic", interactive=False, verbosity=0)
            self.draw_screenshot(browser)
            browser.close()

    def draw_screenshot(self, browser):
        # The emergency screen as a phone shows it: the HTML the app serves, rendered offline.
        html = Client().get("/en/now/", headers={"host": "127.0.0.1"}, secure=True)
        page = browser.new_page(viewport={"width": 412, "height": 915}, device_scale_factor=1)
        page.route("**/*", lambda route: route.abort())
        page.set_content(html.content.decode(), wait_until="domcontentloaded")
        SCREENSHOTS.mkdir(exist_ok=True)
        save_png(page.screenshot(), SCREENSHOTS / "now-narrow.png")
        page.close()
        self.stdout.write("drew screenshots/now-narrow.png (412x915)")
