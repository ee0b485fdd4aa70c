"""UI language: gettext with a Thai catalogue first, English available (ARCHITECTURE.md, "Layers").

Message ids in the code are English. Translations live in standard gettext `.po` files under
`resources/locale/<lang>/LC_MESSAGES/<area>.po` (one per area, plus `gui.po` for the shell,
so areas can be added without touching each other's file). They are read with polib — fuzzy
and obsolete entries are ignored, `msgctxt` is honoured through `pgettext()` — so no compile
step is needed on the clerk's PC or in the installer. Parsing every catalogue with polib
costs some 15 ms, so the merged table is cached (marshal) in the user's cache folder with
each catalogue's path, size and modification time; a changed catalogue is read again.
"""

from __future__ import annotations

import gettext as _gettext
import marshal
import os
import zlib
from pathlib import Path

from .resources import resource_path

LANGUAGES = {"th": "ไทย", "en": "English"}
DEFAULT_LANGUAGE = "th"
CONTEXT_SEP = "\x04"  # GNU gettext's key for a message with a context
ENV_CACHE = "TAMBON_DESK_CACHE"  # folder for the compiled catalogue cache ("" turns it off)
_CACHE_FORMAT = 1


def key(msgid: str, context: str | None = None) -> str:
    """The catalogue key of `msgid` (in `context`, when given)."""
    return f"{context}{CONTEXT_SEP}{msgid}" if context else msgid


def catalogue_files(lang: str) -> list[Path]:
    folder = Path(resource_path("locale")) / lang / "LC_MESSAGES"
    try:  # a listing, not a glob: no pattern to compile at every start
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / n for n in names if n.endswith(".po"))


def parse_po(path_or_text: str | Path) -> dict[str, str]:
    """The translated entries of one .po file (a path, or its text) as {key: msgstr}.

    Fuzzy, obsolete and untranslated entries are left out, so the English id shows instead.
    """
    import polib  # only when the cache misses

    po = polib.pofile(str(path_or_text), encoding="utf-8")
    out: dict[str, str] = {}
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = [s for _n, s in sorted(entry.msgstr_plural.items()) if s]
            if forms:
                out[key(entry.msgid, entry.msgctxt)] = forms[0]
                out[key(entry.msgid_plural, entry.msgctxt)] = forms[-1]
        elif entry.msgstr:
            out[key(entry.msgid, entry.msgctxt)] = entry.msgstr
    return out


def _cache_dir() -> Path | None:
    """TAMBON_DESK_CACHE, else the user's cache folder (as platformdirs.user_cache_dir
    gives it, without importing platformdirs on the start-up path)."""
    folder = os.environ.get(ENV_CACHE)
    if folder is not None:
        return Path(folder) if folder else None
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "TambonDesk" / "Cache" if base else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "TambonDesk"


def _stamp(files: list[Path]) -> tuple:
    return (_CACHE_FORMAT,) + tuple(
        (str(p), st.st_size, st.st_mtime_ns) for p in files for st in (p.stat(),)
    )


def _read_cache(path: Path | None, stamp: tuple) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        saved_stamp, table = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return table if saved_stamp == stamp and isinstance(table, dict) else None


def _write_cache(path: Path | None, stamp: tuple, table: dict[str, str]) -> None:
    if path is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps((stamp, table)))
        os.replace(tmp, path)  # atomic: parallel starts are safe
    except OSError:
        pass  # read-only home: parse each time


def load_catalogue(lang: str, cache: bool = True) -> dict[str, str]:
    """Every catalogue of `lang` merged as {key: msgstr} (see `key()`)."""
    files = catalogue_files(lang)
    stamp = _stamp(files)
    folder = _cache_dir() if cache else None
    # one file per install: two copies of the program on one PC do not rebuild each other's
    where = zlib.crc32(str(files[0].parent if files else "").encode("utf-8"))
    cache_path = folder / f"catalogue-{lang}-{where:08x}.marshal" if folder else None
    table = _read_cache(cache_path, stamp)
    if table is not None:
        return table
    table = {}
    for po in files:
        table.update(parse_po(po))
    _write_cache(cache_path, stamp, table)
    return table


class _Catalogue(_gettext.NullTranslations):
    def __init__(self, table: dict[str, str]):
        super().__init__()
        self._table = table

    def gettext(self, message: str) -> str:
        return self._table.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        table = self._table
        return table.get(key(message, context)) or table.get(message, message)


_current = {"lang": DEFAULT_LANGUAGE, "tr": None}


def set_language(lang: str) -> None:
    """Switch the UI language for strings fetched from now on."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _current["lang"] = lang
    _current["tr"] = (
        _Catalogue(load_catalogue(lang)) if lang != "en" else _gettext.NullTranslations()
    )


def language() -> str:
    return _current["lang"]


def _translations():
    if _current["tr"] is None:
        set_language(_current["lang"])
    return _current["tr"]


def gettext(message: str) -> str:
    return _translations().gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` as meant in `context`: the .po entry with that `msgctxt`, e.g. the plan's
    project status "Done" against an import that is "Done"; without such an entry, the
    plain entry (so only the ids whose meaning differs need a context in the catalogue)."""
    return _translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet (module-level constants)."""
    return message


_ = gettext
