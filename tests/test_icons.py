"""The sidebar's shipped icon strips hold exactly what ttkbootstrap would draw."""

import json

import pytest
from PIL import Image
from ttkbootstrap.style.icons import IconRenderer

from tambon_desk.core.resources import resource_path
from tambon_desk.views import view_specs
from tambon_desk.views.icons import COLOURS, INDEX, SIZES, SidebarIcons, strip_name

FOLDER = resource_path("icons")
GLYPHS = json.loads((FOLDER / INDEX).read_text(encoding="utf-8"))["glyphs"]


def test_every_screen_icon_is_in_the_strips():
    missing = sorted({s.icon for s in view_specs()} - set(GLYPHS))
    assert not missing, f"rebuild: python -m tambon_desk.views.icons (missing {missing})"


@pytest.mark.parametrize("size", SIZES)
def test_strips_equal_ttkbootstraps_own_drawing(size):
    for colour in COLOURS:
        strip = Image.open(FOLDER / strip_name(size, colour)).convert("RGBA")
        assert strip.size == (size * len(GLYPHS), size)
        for i, glyph in enumerate(GLYPHS):
            got = strip.crop((i * size, 0, (i + 1) * size, size))
            want = IconRenderer.render(glyph, size, colour).convert("RGBA")
            assert got.tobytes() == want.tobytes(), (glyph, size, colour)


def _pixels(root, image) -> list:
    w, h = int(root.tk.call("image", "width", image)), int(root.tk.call("image", "height", image))
    return [root.tk.call(image, "get", x, y) for y in range(h) for x in range(w)]


def test_sidebar_images_come_from_the_strip_and_match_a_fresh_drawing(tk_root):
    import ttkbootstrap as ttk

    icons = SidebarIcons(tk_root)
    assert icons.size in SIZES
    shipped = icons.get("gear", "#000000")
    assert shipped is icons.get("gear", "#000000")  # drawn once per window
    drawn = ttk.Icon("gear", 14, "#000000")
    assert _pixels(tk_root, shipped) == _pixels(tk_root, drawn)


def test_a_glyph_not_shipped_is_drawn_by_ttkbootstrap(tk_root):
    icons = SidebarIcons(tk_root)
    assert "alarm" not in GLYPHS
    image = icons.get("alarm", "#000000")
    assert int(tk_root.tk.call("image", "width", image)) == icons.size


def test_the_current_screen_s_button_shows_the_white_icon(gui):
    gui.show_view("households")
    selected = gui.nav_buttons["households"]
    other = gui.nav_buttons["dashboard"]
    assert str(selected.cget("image")[0]) == str(gui.icons.get("house-door", "#ffffff"))
    assert str(other.cget("image")[0]) == str(gui.icons.get("speedometer2", "#000000"))
    gui.show_view("dashboard")
    assert str(selected.cget("image")[0]) == str(gui.icons.get("house-door", "#000000"))
