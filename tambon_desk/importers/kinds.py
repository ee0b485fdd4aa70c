"""What an import kind is: its fields, how each is read, and the registry of kinds.

A kind is declared once (name, title, fields with titles, header aliases, parser, example)
and everything else follows from it: auto-mapping of a sheet's headers, the Excel template,
the CLI `template KIND` / `load KIND FILE`, the GUI wizard and the error report. Areas add
their kind in their own module and list it in `KIND_MODULES` (one line); the module calls
`register(ImportKind(...))` at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import UserError
from ..core.i18n import N_, _
from .cleaning import parse_text

# Modules that register a kind when imported (areas add theirs here, one line each).
KIND_MODULES: list[str] = ["tambon_desk.registry.importing"]
KIND_MODULES += ["tambon_desk.accounts.importing"]
KIND_MODULES += ["tambon_desk.water.importing"]
KIND_MODULES += ["tambon_desk.maps.importing"]
KIND_MODULES += ["tambon_desk.farming.importing"]


@dataclass(frozen=True)
class Field:
    """One column a kind understands.

    `title` is an English msgid (Thai in the catalogue); `aliases` are header texts seen
    in real files (any language, compared after normalising, see mapping.normalize_header);
    `parser(cell) -> value | None` raises cleaning.FieldError; `fill_down` means a blank
    cell repeats the value above (merged cells, "same as above" layouts); a required field
    may be replaced by its `alternative` (first name by a combined name column).
    """

    name: str
    title: str
    parser: Callable[[Any], Any] = parse_text
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: Any = None
    hint: str = ""  # format hint shown in the template (msgid)
    as_text: bool = False  # template column formatted as text (IDs, house numbers)
    fill_down: bool = False
    width: int = 14
    alternative: str | None = None  # another field that can stand in for a required one

    @property
    def label(self) -> str:
        return _(self.title)


# Every kind also understands the sheet's own running number, so errors can name it.
SEQ = Field(
    "seq",
    N_("No."),
    parse_text,
    aliases=("ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", "seq", "item"),
    example=1,
    width=7,
)


@dataclass
class ImportKind:
    """A kind of file the clerk can load.

    `apply(ctx, rows, result, *, dry_run, progress, options)` receives the parsed rows
    (engine.ParsedRow, rows with cell errors already rejected) and writes through the
    area's service, recording counts and row errors in `result` (report.ImportResult).
    `entities` names the things counted in the summary, e.g. {"households": N_("households")}.
    `role` is the role a real (not dry-run) load needs.
    """

    name: str
    title: str
    fields: list[Field]
    apply: Callable
    entities: dict[str, str] = field(default_factory=dict)
    role: str = "clerk"
    description: str = ""
    notes: tuple[str, ...] = ()  # lines for the template's instructions sheet (msgids)
    examples: list[dict] = field(default_factory=list)  # example rows {field: cell}
    # Kinds whose files are not sheets (map files): load_file(ctx, path, *, dry_run, options,
    # progress) -> report.ImportResult; the sheet steps, template and wizard are skipped.
    load_file: Callable | None = None
    extra_sheets: Callable | None = None  # extra_sheets(workbook): more template sheets

    def __post_init__(self):
        if not any(f.name == "seq" for f in self.fields):
            self.fields = [SEQ, *self.fields]
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate field names in kind {self.name}")

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def label(self) -> str:
        return _(self.title)


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.name] = kind
    return kind


def _load() -> None:
    for name in KIND_MODULES:
        importlib.import_module(name)


def all_kinds() -> list[ImportKind]:
    _load()
    return sorted(_KINDS.values(), key=lambda k: k.name)


def get_kind(name: str) -> ImportKind:
    """The registered kind called `name`; UserError listing the known kinds otherwise."""
    _load()
    kind = _KINDS.get(name)
    if kind is None:
        raise UserError(
            _("Unknown import kind {name}; known kinds: {known}.").format(
                name=name, known=", ".join(sorted(_KINDS))
            )
        )
    return kind
