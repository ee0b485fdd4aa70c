"""UI language: gettext with a Thai catalogue first, English available (ARCHITECTURE.md, "Layers").

Message ids in the code are English. Translations live in standard gettext `.po` files under
`resources/locale/<lang>/LC_MESSAGES/*.po` (one per area, so areas can be added without
touching each other's file); they are read directly, so no compile step is needed on the
clerk's PC or in the installer.
"""
from __future__ import annotations

import ast
import gettext as _gettext
from pathlib import Path

from .resources import resource_path

LANGUAGES = {"th": "ไทย", "en": "English"}
DEFAULT_LANGUAGE = "th"


def _unquote(s: str) -> str:
    s = s.strip()
    if "\\" not in s and len(s) >= 2 and s[0] == s[-1] == '"':
        return s[1:-1]                  # the common case, without the cost of literal_eval
    return ast.literal_eval(s)


def parse_po(text: str) -> dict[str, str]:
    """Parse a .po file's msgid/msgstr pairs (contexts and plurals are not used here)."""
    out: dict[str, str] = {}
    msgid = msgstr = None
    current = None
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if line.startswith("msgid "):
            if msgid is not None and msgstr:
                out[msgid] = msgstr
            msgid, msgstr, current = _unquote(line[6:]), "", "id"
        elif line.startswith("msgstr "):
            msgstr, current = _unquote(line[7:]), "str"
        elif line.startswith('"') and current:
            if current == "id":
                msgid += _unquote(line)
            else:
                msgstr += _unquote(line)
        elif not line or line.startswith("#"):
            if msgid is not None and msgstr and not line.startswith("#~"):
                out[msgid] = msgstr
                msgid = msgstr = None
                current = None
    out.pop("", None)
    return out


def load_catalogue(lang: str) -> dict[str, str]:
    folder = Path(resource_path("locale")) / lang / "LC_MESSAGES"
    table: dict[str, str] = {}
    for po in sorted(folder.glob("*.po")):
        table.update(parse_po(po.read_text(encoding="utf-8")))
    return table


class _Catalogue(_gettext.NullTranslations):
    def __init__(self, table: dict[str, str]):
        super().__init__()
        self._table = table

    def gettext(self, message: str) -> str:
        return self._table.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


_current = {"lang": DEFAULT_LANGUAGE, "tr": None}


def set_language(lang: str) -> None:
    """Switch the UI language for strings fetched from now on."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _current["lang"] = lang
    _current["tr"] = _Catalogue(load_catalogue(lang)) if lang != "en" else _gettext.NullTranslations()


def language() -> str:
    return _current["lang"]


def gettext(message: str) -> str:
    if _current["tr"] is None:
        set_language(_current["lang"])
    return _current["tr"].gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet (module-level constants)."""
    return message


_ = gettext
