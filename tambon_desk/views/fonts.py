"""The program's fonts: Tk's named fonts and the program's own, all in the Thai UI font.

A font written as a tuple (`("", 16, "bold")`) takes fontconfig's default family, which on
Linux has no Thai: a screen's title was drawn in another face than the text under it, and
its Thai came from a fallback. Every title, figure and small line therefore names one of the
fonts below; they follow the UI font and its size from Settings (`configure_fonts`), and a
change of either redraws every widget that uses them.

Tk opens each distinct font on its own (a fontconfig match and sort, about 1 ms each while
the window opens) and frees one that no widget holds: fewer fonts, and measuring many texts
in one call (`measure_all`), keep the start quick.
"""

from __future__ import annotations

import sys
import tkinter as tk
import tkinter.font as tkfont

_WINDOWS_FONTS = ("Leelawadee UI", "Leelawadee", "Tahoma")
_TLWG_FONTS = ("Loma", "Garuda", "Umpush", "Waree", "Norasi")
# each miss costs a font lookup at start-up: try the platform's own fonts first
THAI_UI_FONTS = (
    _WINDOWS_FONTS + _TLWG_FONTS if sys.platform.startswith("win") else _TLWG_FONTS + _WINDOWS_FONTS
)

# Tk's own named fonts, set to the UI font and size
TK_FONTS = ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkHeadingFont", "TkCaptionFont")

# The program's named fonts: (points over the UI size, weight). At the default size 11 they
# are the sizes the screens were drawn with before.
SMALL = "TdSmall"  # a field's error line
SMALL_BOLD = "TdSmallBold"  # a table's total row, a small caption
BOLD = "TdBold"
SUBHEADING = "TdSubheading"  # a part of a form: "Members", "Funding lines"
HEADING = "TdHeading"  # the sidebar's title, a section of the dashboard
SCREEN_TITLE = "TdScreenTitle"  # a screen's title beside its tool bar (map, land cases)
DIALOG_TITLE = "TdDialogTitle"  # the login window's title
TITLE = "TdTitle"  # a screen's title
LARGE_TITLE = "TdLargeTitle"  # the province dashboard's title
FIGURE = "TdFigure"  # the big number on a dashboard tile
ROLES = {
    SMALL: (-2, "normal"),
    SMALL_BOLD: (-1, "bold"),
    BOLD: (0, "bold"),
    SUBHEADING: (1, "bold"),
    HEADING: (2, "bold"),
    SCREEN_TITLE: (3, "bold"),
    DIALOG_TITLE: (4, "bold"),
    TITLE: (5, "bold"),
    LARGE_TITLE: (7, "bold"),
    FIGURE: (11, "bold"),
}
DEFAULT_SIZE = 11


def configure_fonts(root, preferred: str | None = None, size: int = DEFAULT_SIZE) -> str:
    """Set Tk's fonts and the program's to the Thai UI font; returns the family used.

    The setting wins when it is installed, else the first of THAI_UI_FONTS present. Tk on
    X11 draws Thai without shaping and loses marks with Sarabun/Noto; TLWG fonts stay
    readable (ARCHITECTURE.md, "Conventions"). On Windows Tk shapes through the system and
    Leelawadee UI/Tahoma look right. The default font is set to each candidate and asked
    which family it got: asking costs nothing more, as the font is open for the window anyway
    (listing every family with `tkfont.families` is slow).
    """
    default = tkfont.nametofont("TkDefaultFont", root)
    configured = default.cget("family")
    family = None
    for name in ((preferred,) if preferred else ()) + THAI_UI_FONTS:
        default.configure(family=name, size=size)
        _hold(root, "TkDefaultFont")  # opened once here, not again by each question
        if default.actual("family") == name:
            family = name
            break
    if family is None:  # no Thai font known to us: whatever Tk draws by default
        default.configure(family=configured, size=size)
        family = default.actual("family")
    for name in TK_FONTS[1:]:
        try:
            tkfont.nametofont(name, root).configure(family=family, size=size)
        except Exception:  # a Tk without that named font
            pass
    # created in Tcl, not as tkfont.Font objects (those delete their font when collected)
    existing = set(root.tk.splitlist(root.tk.call("font", "names")))
    for name, (step, weight) in ROLES.items():
        options = ("-family", family, "-size", max(6, size + step), "-weight", weight)
        root.tk.call("font", "configure" if name in existing else "create", name, *options)
    return family


def _hold(root, font: str) -> None:
    """Keep `font` open for the window's life. Tk frees a font no widget holds, and a ttk
    table takes its heading font only when first drawn: measuring the headings before that
    (to size the columns) opened and freed the font once per column."""
    holders = root.__dict__.setdefault("_tambon_font_holders", {})
    held = holders.get(font)
    if held is None or not held.winfo_exists():
        holders[font] = tk.Label(root, font=font)  # never shown


_MEASURE = """
namespace eval ::tambon_desk {}
proc ::tambon_desk::measure {font args} {
    set widths {}
    foreach text $args { lappend widths [font measure $font $text] }
    return $widths
}
"""


def measure_all(widget, font: str, texts) -> list[int]:
    """Widths in pixels of `texts` in `font`, the font opened once for all of them.

    Each `font measure` opens the font unless a widget holds it, and frees it again: one
    call for all the texts, with the font held (`_hold`), opens it at most once.
    """
    texts = [str(t) for t in texts]
    if not texts:
        return []
    _hold(widget._root(), font)
    if not widget.tk.call("info", "commands", "::tambon_desk::measure"):
        widget.tk.eval(_MEASURE)  # once per Tk interpreter
    widths = widget.tk.call("::tambon_desk::measure", font, *texts)
    return [int(w) for w in widget.tk.splitlist(widths)]
