"""A grid of entry rows for the lines a record is saved with (a project's funding lines, a
committee's members): Enter moves along the row, Enter on the last field of the last row adds
a row, ✕ removes one, each row has its own red error line.

Columns are `Col(key, title, make, get, put)`: `make(parent)` builds the widget, `get(w)`
reads it (may raise ValueError with a Thai message), `put(w, value)` fills it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ttkbootstrap as ttk

from ..core.i18n import _
from .fonts import SMALL
from .widgets import BEDateEntry, ChoiceBox, MoneyEntry, next_on_enter


@dataclass
class Col:
    key: str
    title: str
    make: Callable
    get: Callable
    put: Callable


def text_col(key, title, width=16) -> Col:
    def put(w, v):
        w.delete(0, "end")
        w.insert(0, v or "")

    return Col(key, title, lambda p: ttk.Entry(p, width=width), lambda w: w.get().strip(), put)


def choice_col(key, title, choices, width=18, default=None) -> Col:
    def make(p):
        box = ChoiceBox(p, choices, width=width)
        if default is not None:
            box.set_value(default)
        return box

    return Col(key, title, make, lambda w: w.get_value(), lambda w, v: w.set_value(v))


def money_col(key, title, width=13) -> Col:
    return Col(
        key,
        title,
        lambda p: MoneyEntry(p, width=width),
        lambda w: w.get_satang(),
        lambda w, v: w.set_satang(v),
    )


def date_col(key, title, width=11) -> Col:
    return Col(
        key,
        title,
        lambda p: BEDateEntry(p, width=width),
        lambda w: w.get_date(),
        lambda w, v: w.set_date(v),
    )


class _Row:
    def __init__(self, editor, index: int, values: dict | None):
        self.editor = editor
        self.id = (values or {}).get("id")
        self.widgets = {}
        parent = editor.grid_frame
        self.r = 1 + index * 2
        for c, col in enumerate(editor.cols):
            w = col.make(parent)
            w.grid(row=self.r, column=c, padx=1, pady=(2, 0), sticky="we")
            next_on_enter(w)
            self.widgets[col.key] = w
            if values and col.key in values:
                col.put(w, values[col.key])
        self.remove_btn = ttk.Button(
            parent,
            text="✕",
            width=3,
            bootstyle="danger-link",
            takefocus=False,
            command=lambda: editor.remove_row(self),
        )
        self.remove_btn.grid(row=self.r, column=len(editor.cols), padx=2)
        self.error = ttk.Label(parent, text="", bootstyle="danger", font=SMALL)
        self.error.grid(row=self.r + 1, column=0, columnspan=len(editor.cols), sticky="w")
        self.blank_state = self.state()

    def state(self):
        return tuple(str(w.get()) for w in self.widgets.values())

    def is_blank(self) -> bool:
        return self.id is None and self.state() == self.blank_state

    def regrid(self, r: int):
        self.r = r
        for c, w in enumerate(self.widgets.values()):
            w.grid(row=r, column=c)
        self.remove_btn.grid(row=r)
        self.error.grid(row=r + 1)

    def destroy(self):
        for w in list(self.widgets.values()) + [self.remove_btn, self.error]:
            w.destroy()


class RowsEditor(ttk.Frame):
    def __init__(self, master, cols: list[Col], *, height: int = 160, confirm=None):
        super().__init__(master)
        self.cols = cols
        self.confirm = confirm or (lambda q: True)
        self.rows: list[_Row] = []
        scroller = ttk.ScrolledFrame(self, auto_hide=True, height=height)
        scroller.pack(fill="both", expand=True)
        self.grid_frame = scroller
        for c, col in enumerate(cols):
            ttk.Label(scroller, text=col.title, bootstyle="secondary").grid(
                row=0, column=c, sticky="w", padx=1
            )

    def add_row(self, values: dict | None = None, focus: bool = True) -> _Row:
        if self.rows:  # the old last row: plain Enter again
            old_last = list(self.rows[-1].widgets.values())[-1]
            old_last.unbind("<Return>")
            next_on_enter(old_last)
        row = _Row(self, len(self.rows), values)
        self.rows.append(row)
        last = list(row.widgets.values())[-1]
        last.bind("<Return>", self._enter_on_last, add="")
        last.bind("<KP_Enter>", self._enter_on_last, add="")
        if focus:
            list(row.widgets.values())[0].focus_set()
        self.event_generate("<<RowAdded>>")
        return row

    def _enter_on_last(self, event):
        row = self.rows[-1] if self.rows else None
        if (
            row is not None
            and event.widget is list(row.widgets.values())[-1]
            and not row.is_blank()
        ):
            self.add_row()
        else:
            nxt = event.widget.tk_focusNext()
            if nxt is not None:
                nxt.focus_set()
        return "break"

    def remove_row(self, row: _Row):
        if not row.is_blank() and not self.confirm(_("Remove this line?")):
            return
        i = self.rows.index(row)
        self.rows.pop(i)
        for later in self.rows[i:]:
            later.regrid(later.r - 2)
        row.destroy()

    def set_rows(self, values: list[dict]) -> None:
        for row in list(self.rows):
            row.destroy()
        self.rows = []
        for v in values:
            self.add_row(v, focus=False)

    def values(self) -> tuple[list[dict], dict, list[_Row]]:
        """(line dicts of the non-blank rows, read errors keyed `i.key`, those rows)."""
        out, errors, used = [], {}, []
        for row in self.rows:
            if row.is_blank():
                continue
            i = len(out)
            d = {"id": row.id} if row.id else {}
            for col in self.cols:
                try:
                    d[col.key] = col.get(row.widgets[col.key])
                except ValueError as exc:
                    d[col.key] = None
                    errors[f"{i}.{col.key}"] = str(exc)
            out.append(d)
            used.append(row)
        return out, errors, used

    def show_errors(self, errors: dict, used: list[_Row]) -> bool:
        """Put `i.key` messages on their rows; True when any was shown."""
        for row in self.rows:
            row.error.configure(text="")
        per_row: dict = {}
        for key, msg in errors.items():
            i, _sep, field = key.partition(".")
            if i.isdigit() and int(i) < len(used):
                per_row.setdefault(int(i), []).append(msg)
                if len(per_row) == 1 and len(per_row[int(i)]) == 1:
                    w = used[int(i)].widgets.get(field)
                    if w is not None:
                        w.focus_set()
        for i, msgs in per_row.items():
            used[i].error.configure(text=" ".join(msgs))
        return bool(per_row)

    def state(self):
        return [r.state() for r in self.rows]
