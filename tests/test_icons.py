"""The PNG icons are what `make icons` draws from the current SVG sources."""

import draw_icons
import pytest
from PIL import Image


@pytest.mark.parametrize(("png", "svg", "size"), draw_icons.ICON_SET)
def test_icon_was_drawn_from_the_current_svg(png, svg, size):
    path = draw_icons.ICONS / png
    assert draw_icons.recorded_source_hash(path) == draw_icons.source_hash(svg), (
        f"{png} is older than {svg}: run `make icons`"
    )
    with Image.open(path) as image:
        assert image.size == (size, size)


def test_maskable_and_apple_icons_have_no_transparent_corners():
    for png in ("icon-maskable-512.png", "apple-touch-icon.png"):
        with Image.open(draw_icons.ICONS / png) as image:
            assert image.convert("RGBA").getpixel((0, 0))[3] == 255, png
