"""The sidebar's icons from strips drawn once, at build time (resources/icons/).

ttkbootstrap draws a Bootstrap Icons glyph with PIL every time the program starts, and its
`icon=` option derives a ttk style per button: for the sidebar's glyphs in their two colours
that was about a quarter of the start-up. The strips hold the very same pixels (drawn by
ttkbootstrap's own renderer; `tests/test_icons.py` draws them again and compares), one PNG
per pixel size and colour, so a start only copies them out. A glyph, size or colour that is
not shipped is drawn by ttkbootstrap's public `Icon` as before: slower, never wrong.

Rebuild after changing a screen's icon or upgrading ttkbootstrap:
    python -m tambon_desk.views.icons
"""

from __future__ import annotations

import json
import tkinter as tk

from ttkbootstrap.style.scaling import Scaling

from ..core.resources import resource_path

ICON_SIZE = 14  # logical px: ttkbootstrap's own size for an icon beside a button's text
SIZES = tuple(range(12, 33))  # physical px: 96 dpi (14) up to 225 % scaling
# the icon's colour on each sidebar look: bootstrap-light's button foregrounds
NAV_COLOURS = {"light": "#000000", "primary": "#ffffff"}
COLOURS = tuple(NAV_COLOURS.values())
INDEX = "sidebar.json"


def physical_size(widget, logical: int = ICON_SIZE) -> int:
    """Logical px to screen px by ttkbootstrap's own scaling (the size `ttk.Icon` draws)."""
    return Scaling.for_widget(widget).logical(logical, minimum=1)


def strip_name(size: int, colour: str) -> str:
    return f"sidebar-{size}-{colour.lstrip('#').lower()}.png"


class SidebarIcons:
    """Tk images of the sidebar's glyphs for one window, kept alive while it lives."""

    def __init__(self, widget):
        self.widget = widget
        self.size = physical_size(widget)
        self.images: dict = {}
        self.strips: dict = {}
        try:
            folder = resource_path("icons")
            self.glyphs = json.loads((folder / INDEX).read_text(encoding="utf-8"))["glyphs"]
        except (OSError, ValueError, KeyError):
            folder, self.glyphs = None, []
        self.folder = folder

    def get(self, glyph: str, colour: str):
        """The image (or Tcl image name) of `glyph` in `colour` at this screen's size."""
        key = (glyph, colour.lower())
        image = self.images.get(key)
        if image is None:
            image = self.images[key] = self._from_strip(glyph, key[1]) or self._drawn(glyph, colour)
        return image

    def _from_strip(self, glyph: str, colour: str):
        if glyph not in self.glyphs or self.folder is None:
            return None
        strip = self.strips.get(colour)
        if strip is None:
            path = self.folder / strip_name(self.size, colour)
            if not path.is_file():
                return None
            try:
                strip = self.strips[colour] = tk.PhotoImage(master=self.widget, file=str(path))
            except tk.TclError:
                return None
        x = self.glyphs.index(glyph) * self.size
        image = tk.PhotoImage(master=self.widget, width=self.size, height=self.size)
        image.tk.call(image, "copy", strip, "-from", x, 0, x + self.size, self.size)
        return image

    def _drawn(self, glyph: str, colour: str):
        import ttkbootstrap as ttk

        return ttk.Icon(glyph, ICON_SIZE, colour)


def build(glyphs: list[str], folder=None) -> list:
    """Draw the strips with ttkbootstrap's renderer (build time only; needs no display)."""
    from PIL import Image
    from ttkbootstrap.style.icons import IconRenderer

    folder = folder or resource_path("icons")
    folder.mkdir(parents=True, exist_ok=True)
    glyphs = list(dict.fromkeys(glyphs))
    written = []
    for old in folder.glob("sidebar-*.png"):
        old.unlink()
    for size in SIZES:
        for colour in COLOURS:
            strip = Image.new("RGBA", (size * len(glyphs), size), (0, 0, 0, 0))
            for i, glyph in enumerate(glyphs):
                strip.paste(IconRenderer.render(glyph, size, colour), (i * size, 0))
            path = folder / strip_name(size, colour)
            strip.save(path, optimize=True)
            written.append(path)
    index = {"glyphs": glyphs, "logical_size": ICON_SIZE, "colours": list(COLOURS)}
    (folder / INDEX).write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return written


def sidebar_glyphs() -> list[str]:
    from . import view_specs

    return [spec.icon for spec in view_specs()]


if __name__ == "__main__":
    paths = build(sidebar_glyphs())
    print(f"{len(paths)} strips written to {paths[0].parent}")
