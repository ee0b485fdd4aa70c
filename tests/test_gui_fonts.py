"""The program's fonts: every title and figure in the Thai UI font, sized from Settings."""

import re
import tkinter.font as tkfont
from pathlib import Path

from tambon_desk.views import fonts

ROOT = Path(__file__).resolve().parent.parent / "tambon_desk"


def _family(widget, font) -> str:
    return widget.tk.call("font", "actual", font, "-family")


def _texts(widget):
    stack = [widget]
    while stack:
        w = stack.pop()
        stack += w.winfo_children()
        try:
            font = str(w.cget("font"))
        except Exception:  # frames, canvases: no font of their own
            continue
        if font and str(w.cget("text") if "text" in w.keys() else ""):
            yield w, font


def test_every_text_of_the_first_screen_is_in_the_ui_font(gui, tk_root):
    family = _family(tk_root, "TkDefaultFont")
    assert family in fonts.THAI_UI_FONTS  # CI installs the TLWG fonts
    seen = {font: _family(tk_root, font) for _w, font in _texts(gui.frame)}
    assert fonts.HEADING in seen and fonts.FIGURE in seen and fonts.TITLE in seen
    assert {f for f, fam in seen.items() if fam != family} == set()


def test_the_named_fonts_follow_the_size_setting(tk_root):
    try:
        family = fonts.configure_fonts(tk_root, None, 13)
        for name, (step, weight) in fonts.ROLES.items():
            f = tkfont.nametofont(name, tk_root)
            assert (f.cget("family"), f.cget("size"), f.cget("weight")) == (
                family,
                13 + step,
                weight,
            )
        for name in fonts.TK_FONTS:
            assert tkfont.nametofont(name, tk_root).cget("size") == 13
    finally:
        fonts.configure_fonts(tk_root, None, fonts.DEFAULT_SIZE)
    assert tkfont.nametofont(fonts.TITLE, tk_root).cget("size") == fonts.DEFAULT_SIZE + 5


def test_the_chosen_font_wins_when_installed_and_an_unknown_one_falls_back(tk_root):
    try:
        assert fonts.configure_fonts(tk_root, "No Such Font 1234") == fonts.THAI_UI_FONTS[0]
        other = next(f for f in fonts.THAI_UI_FONTS[1:] if _family(tk_root, (f, 11)) == f)
        assert fonts.configure_fonts(tk_root, other) == other
        assert _family(tk_root, fonts.BOLD) == other
    finally:
        fonts.configure_fonts(tk_root)


def test_measuring_many_texts_at_once_gives_tks_own_widths(tk_root):
    texts = ["หมู่", "ครัวเรือน", "เป้าหมายบัญชีครัวเรือน", "Household 12", ""]
    heading = tkfont.nametofont("TkHeadingFont", tk_root)
    assert fonts.measure_all(tk_root, "TkHeadingFont", texts) == [heading.measure(t) for t in texts]
    assert fonts.measure_all(tk_root, "TkHeadingFont", []) == []


def test_no_screen_writes_a_font_as_a_tuple():
    """A tuple takes fontconfig's default family, which has no Thai on Linux."""
    offenders = []
    for path in [ROOT / "app.py", *sorted((ROOT / "views").rglob("*.py"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"font=\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []
