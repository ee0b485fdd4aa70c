"""Widgets shared by several views: keyboard-first forms with Thai error lines, BE-date and
baht entries, a paged table for big lists, a progress dialog and the message dialogs.

Everything here presents; parsing goes through `thai.py`, data through the services.
"""

from __future__ import annotations

import datetime as _dt
import tkinter as tk
import tkinter.font as tkfont

import ttkbootstrap as ttk

from .. import thai
from ..core.i18n import _
from .fonts import SMALL, measure_all


def next_on_enter(widget) -> None:
    """Enter (and keypad Enter) moves to the next field, as Tab does."""

    def go(event):
        nxt = event.widget.tk_focusNext()
        if nxt is not None:
            nxt.focus_set()
            if isinstance(nxt, (tk.Entry, ttk.Entry)):
                nxt.select_range(0, "end")
        return "break"

    widget.bind("<Return>", go, add="+")
    widget.bind("<KP_Enter>", go, add="+")


def wrap_thai(text: str, font, width_px: int) -> str:
    """Break Thai text at word boundaries to fit `width_px` (Tk wraps Thai mid-word)."""
    from ..reports.thaiwrap import break_lines

    f = font if isinstance(font, tkfont.Font) else tkfont.Font(font=font)
    return "\n".join(break_lines(text, width_px, f.measure))


class WrapLabel(ttk.Label):
    """A label for sentences: Thai breaks at word boundaries within `wrap` pixels.

    Tk's own `wraplength` breaks Thai in the middle of a word (ARCHITECTURE.md, "Conventions"), so the text is
    segmented and measured with the label's font each time it is set.
    """

    def __init__(self, master, text: str = "", wrap: int = 400, **kw):
        self._wrap = wrap
        super().__init__(master, **kw)
        self.configure(text=text)

    def configure(self, cnf=None, **kw):
        if "text" in kw and kw["text"]:
            font = self.cget("font") or "TkDefaultFont"
            kw["text"] = wrap_thai(str(kw["text"]), font, self._wrap)
        return super().configure(cnf, **kw)

    config = configure


# ttkbootstrap's MessageCatalog has no Thai: the message boxes' buttons, in Thai.
THAI_BUTTONS = {
    "Yes": "ใช่",
    "No": "ไม่",
    "OK": "ตกลง",
    "Cancel": "ยกเลิก",
    "Retry": "ลองอีกครั้ง",
    "Submit": "ตกลง",
    "Abort": "ยกเลิก",
    "Ignore": "ข้าม",
    "Close": "ปิด",
}


def install_thai_buttons(root, language: str = "th") -> None:
    """Register Thai for the dialog buttons with Tk's msgcat and switch to it (both
    ttkbootstrap's dialogs and Tk's own message box read their labels from msgcat)."""
    from ttkbootstrap.localization import MessageCatalog

    pairs = []
    for en, th in THAI_BUTTONS.items():
        pairs += [en, th, "&" + en, "&" + th]
    try:
        MessageCatalog.set_many("th", *pairs)
        MessageCatalog.locale("th" if language == "th" else "en")
    except tk.TclError:
        pass


class Dialogs:
    """Message boxes with Thai buttons; tests swap in a recorder so no dialog blocks the run.

    Sentences are broken between Thai words (the box's own wrapping only breaks at spaces).
    """

    def __init__(self, root):
        self.root = root

    def _show(self, message, title, buttons, default, alert=False, icon=None):
        from ttkbootstrap.dialogs import MessageDialog
        from ttkbootstrap.localization import MessageCatalog

        text = "\n".join(
            wrap_thai(line, "TkDefaultFont", 460) if line else ""
            for line in str(message).split("\n")
        )
        parent = self.root.focus_get() or self.root
        parent = parent.winfo_toplevel() if parent else self.root
        d = MessageDialog(
            text,
            title=title,
            buttons=buttons,
            default=default,
            width=400,
            parent=parent,
            alert=alert,
            icon=icon,
        )
        d.show()
        result = d.result
        return next((b for b in buttons if result in (b, MessageCatalog.translate(b))), None)

    def error(self, message: str, title: str | None = None) -> None:
        self._show(message, title or _("Error"), ["OK"], "OK", alert=True, icon="x-circle-fill")

    def info(self, message: str, title: str | None = None) -> None:
        self._show(message, title or _("Tambon Desk"), ["OK"], "OK", icon="info-circle-fill")

    def confirm(self, message: str, title: str | None = None, *, default_no: bool = False) -> bool:
        """Yes/No; `default_no` for anything hard to take back (Enter answers No)."""
        return (
            self._show(
                message,
                title or _("Please confirm"),
                ["No", "Yes"],
                "No" if default_no else "Yes",
                icon="question-circle-fill",
            )
            == "Yes"
        )


class RecordingDialogs(Dialogs):
    """For tests: remembers every message and answers confirmations with `answer`."""

    def __init__(self, root=None, answer: bool = True):
        super().__init__(root)
        self.answer = answer
        self.messages: list[tuple[str, str]] = []

    def error(self, message, title=None):
        self.messages.append(("error", message))

    def info(self, message, title=None):
        self.messages.append(("info", message))

    def confirm(self, message, title=None, *, default_no=False):
        self.messages.append(("confirm", message))
        self.last_default_no = default_no
        return self.answer


# --- entries ----------------------------------------------------------------------------------


class BEDateEntry(ttk.Entry):
    """A date typed and shown in the Buddhist Era (`24/11/2569`, `24 พ.ย. 69`, Thai digits).

    ttkbootstrap's DateEntry formats with `%x` (CE); this one reads through `thai.parse_date`.
    `get_date()` gives a `date`, `None` when empty, or raises `thai.ThaiDateError`.
    """

    def __init__(self, master, **kw):
        self.var = kw.pop("textvariable", None) or tk.StringVar()
        super().__init__(master, textvariable=self.var, width=kw.pop("width", 12), **kw)
        self.bind("<FocusOut>", self._tidy, add="+")

    def get_date(self) -> _dt.date | None:
        text = self.var.get().strip()
        return thai.parse_date(text) if text else None

    def set_date(self, d: _dt.date | None) -> None:
        self.var.set(thai.format_date(d) if d else "")

    def _tidy(self, _event=None):
        try:
            d = self.get_date()
        except thai.ThaiDateError:
            return
        if d is not None:
            self.set_date(d)


class MoneyEntry(ttk.Entry):
    """Baht typed as `1,234.50`, `500.-` or Thai digits; read as integer satang."""

    def __init__(self, master, **kw):
        self.var = kw.pop("textvariable", None) or tk.StringVar()
        super().__init__(
            master, textvariable=self.var, justify="right", width=kw.pop("width", 12), **kw
        )
        self.bind("<FocusOut>", self._tidy, add="+")

    def get_satang(self) -> int | None:
        text = self.var.get().strip()
        return thai.parse_baht(text) if text else None

    def set_satang(self, satang: int | None) -> None:
        self.var.set(thai.format_baht(satang) if satang is not None else "")

    def _tidy(self, _event=None):
        try:
            value = self.get_satang()
        except thai.MoneyError:
            return
        if value is not None:
            self.set_satang(value)


class ChoiceBox(ttk.Combobox):
    """A read-only choice of (value, label) pairs; typing a letter jumps to a matching label."""

    def __init__(self, master, choices=(), **kw):
        super().__init__(master, state="readonly", **kw)
        self.set_choices(choices)
        self.bind("<KeyPress>", self._jump, add="+")

    def set_choices(self, choices) -> None:
        self._choices = list(choices)
        self.configure(values=[label for _v, label in self._choices])

    def get_value(self):
        i = self.current()
        return self._choices[i][0] if i >= 0 else None

    def set_value(self, value) -> None:
        for i, (v, _label) in enumerate(self._choices):
            if v == value:
                self.current(i)
                return
        self.set("")

    def _jump(self, event):
        ch = event.char
        if not ch or not ch.isprintable():
            return None
        labels = [label for _v, label in self._choices]
        start = self.current() + 1
        for k in range(len(labels)):
            i = (start + k) % max(len(labels), 1)
            if labels[i].startswith(ch) or thai.normalize_thai(labels[i]).startswith(ch):
                self.current(i)
                self.event_generate("<<ComboboxSelected>>")
                return "break"
        return None


# --- forms ------------------------------------------------------------------------------------


class Form(ttk.Frame):
    """Labelled fields in a grid, each with a red Thai error line under it.

    `add(key, label, widget)` places a field; `show_errors({key: message})` puts each message
    under its field (messages for unknown keys go to the form's top line) and focuses the
    first field in error.
    """

    def __init__(self, master, columns: int = 2, **kw):
        super().__init__(master, **kw)
        self.columns = columns
        self.fields: dict[str, tk.Widget] = {}
        self.error_labels: dict[str, ttk.Label] = {}
        self._count = 0
        self.general_error = ttk.Label(self, text="", bootstyle="danger")
        self.general_error.grid(row=0, column=0, columnspan=columns * 2, sticky="w")

    def add(
        self,
        key: str,
        label: str,
        widget,
        *,
        span: int = 1,
        enter_moves: bool = True,
        errors: bool = True,
    ):
        """Place a field. `errors=False` for a choice that cannot be wrong (a fixed list, a
        check box): it keeps no error line, and a message for it shows on the form's first
        line."""
        r, c = divmod(self._count, self.columns)
        row = 1 + r * 2
        col = c * 2
        ttk.Label(self, text=label).grid(row=row, column=col, sticky="w", padx=(0, 6), pady=(4, 0))
        widget.grid(row=row, column=col + 1, columnspan=span * 2 - 1, sticky="we", pady=(4, 0))
        self.fields[key] = widget
        if errors:
            # the error line keeps its height when empty: the form never jumps when one shows
            err = ttk.Label(self, text=" ", bootstyle="danger", font=SMALL)
            err.grid(row=row + 1, column=col + 1, columnspan=span * 2 - 1, sticky="w")
            self.error_labels[key] = err
        if enter_moves:
            next_on_enter(widget)
        # an error is stale once the clerk changes the field: it goes at the first change
        for seq in ("<Key>", "<<ComboboxSelected>>"):
            widget.bind(seq, lambda e, k=key: self._field_changed(k, e), add="+")
        self._count += span
        for i in range(self.columns):
            self.columnconfigure(i * 2 + 1, weight=1)
        return widget

    def _field_changed(self, key, event) -> None:
        if getattr(event, "keysym", "") in (
            "Return",
            "KP_Enter",
            "Tab",
            "ISO_Left_Tab",
            "Escape",
            "Shift_L",
            "Shift_R",
            "Control_L",
            "Control_R",
        ):
            return
        lab = self.error_labels.get(key)
        if lab is not None and str(lab.cget("text")).strip():
            lab.configure(text=" ")

    def clear_errors(self) -> None:
        self.general_error.configure(text="")
        for lab in self.error_labels.values():
            lab.configure(text=" ")

    def show_errors(self, errors: dict) -> None:
        self.clear_errors()
        general = []
        first = None
        for key, msg in errors.items():
            if key in self.error_labels:
                self.error_labels[key].configure(text=msg)
                first = first or self.fields[key]
            else:
                general.append(msg)
        self.general_error.configure(text="  ".join(general))
        if first is not None:
            first.focus_set()


# --- big lists --------------------------------------------------------------------------------


class PagedTable(ttk.Frame):
    """A Treeview showing one page of a list the service pages in SQL.

    `fetch(offset, limit) -> (rows, total)`; rows are dicts with an "id". Never inserts more
    than one page of rows, so a 50,000-household list opens as fast as a 100-row one.
    `on_activate(id)` runs on double-click or Enter.
    """

    def __init__(
        self,
        master,
        columns,
        fetch,
        *,
        page_size: int = 100,
        on_activate=None,
        height: int = 20,
        count_cap: int | None = None,
    ):
        super().__init__(master)
        self.count_cap = count_cap  # a total above it is shown as "more than …"
        self.columns = columns  # [(key, title, width, anchor), ...]
        self.fetch = fetch
        self.page_size = page_size
        self.on_activate = on_activate
        self.offset = 0
        self.total = 0
        self.rows: list[dict] = []
        self.tree = ttk.Treeview(
            self,
            columns=[c[0] for c in columns],
            show="headings",
            height=height,
            selectmode="browse",
        )
        for key, title, width, anchor in columns:
            self.tree.heading(key, text=title, anchor=anchor)
            self.tree.column(key, width=width, anchor=anchor, stretch=key == columns[-1][0])
        sb = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=sb.set)
        nav = ttk.Frame(self)
        self.prev_btn = ttk.Button(
            nav, text="◀ " + _("Previous"), command=self.prev_page, bootstyle="secondary-outline"
        )
        self.next_btn = ttk.Button(
            nav, text=_("Next") + " ▶", command=self.next_page, bootstyle="secondary-outline"
        )
        self.info = ttk.Label(nav, text="")
        self.prev_btn.pack(side="left")
        self.info.pack(side="left", padx=10)
        self.next_btn.pack(side="left")
        self.tree.grid(row=0, column=0, sticky="nsew")
        sb.grid(row=0, column=1, sticky="ns")
        nav.grid(row=1, column=0, columnspan=2, sticky="w", pady=(4, 0))
        self.rowconfigure(0, weight=1)
        self.columnconfigure(0, weight=1)
        self.tree.bind("<Double-1>", lambda e: self._activate())
        self.tree.bind("<Return>", lambda e: self._activate())
        self.tree.bind("<Next>", lambda e: (self.next_page(), "break")[1])
        self.tree.bind("<Prior>", lambda e: (self.prev_page(), "break")[1])

    def reload(self, reset: bool = False) -> None:
        if reset:
            self.offset = 0
        rows, total = self.fetch(self.offset, self.page_size)
        if not rows and total and self.offset:
            self.offset = max(0, (total - 1) // self.page_size * self.page_size)
            rows, total = self.fetch(self.offset, self.page_size)
        self.rows, self.total = rows, total
        self.tree.delete(*self.tree.get_children())
        for row in rows:
            self.tree.insert(
                "", "end", iid=row["id"], values=[row.get(c[0], "") for c in self.columns]
            )
        if rows:
            self.tree.selection_set(rows[0]["id"])
            self.tree.focus(rows[0]["id"])
        first = self.offset + 1 if rows else 0
        capped = self.count_cap is not None and total > self.count_cap
        shown = _("more than {n}").format(n=f"{self.count_cap:,}") if capped else f"{total:,}"
        self.info.configure(
            text=_("{first}–{last} of {total}").format(
                first=f"{first:,}", last=f"{self.offset + len(rows):,}", total=shown
            )
        )
        self.prev_btn.configure(state="normal" if self.offset else "disabled")
        more = len(rows) == self.page_size if capped else self.offset + len(rows) < total
        self.next_btn.configure(state="normal" if more else "disabled")

    def next_page(self):
        if str(self.next_btn.cget("state")) == "normal":
            self.offset += self.page_size
            self.reload()

    def prev_page(self):
        if self.offset:
            self.offset = max(0, self.offset - self.page_size)
            self.reload()

    def selected_id(self) -> str | None:
        sel = self.tree.selection()
        return sel[0] if sel else None

    def _activate(self):
        rid = self.selected_id()
        if rid and self.on_activate:
            self.on_activate(rid)
        return "break"


class ProgressDialog(ttk.Toplevel):
    """A small window with a progress bar, a line of text and Cancel, for a worker Task."""

    def __init__(self, master, title: str, *, modal: bool = True):
        super().__init__(master=master, title=title, resizable=(False, False))
        if master.winfo_viewable():
            self.transient(master)
        self.label = ttk.Label(self, text=_("Working…"), width=48)
        self.bar = ttk.Progressbar(self, mode="indeterminate", length=360)
        self.cancel_btn = ttk.Button(self, text=_("Cancel"), bootstyle="secondary")
        self.label.pack(padx=16, pady=(14, 6), anchor="w")
        self.bar.pack(padx=16, pady=6)
        self.cancel_btn.pack(pady=(6, 14))
        self.bar.start(15)
        if modal:
            self.grab_set()

    def update_progress(self, done, total, text=""):
        if total:
            if str(self.bar.cget("mode")) != "determinate":
                self.bar.stop()
                self.bar.configure(mode="determinate")
            self.bar.configure(maximum=total, value=done)
        if text:
            self.label.configure(text=text)


class ChartArea(ttk.Frame):
    """A report `Chart` drawn by `reports.charts.figure_for` inside a Tk frame — the same
    figure the PDF prints. matplotlib is imported on the first draw (it is slow to import).

    A fixed `size_in` (inches) draws that size; without it the figure fits the frame's
    current size (never smaller than `min_px`). `decorate(fig)` may add screen-only marks
    such as shaded months."""

    def __init__(self, master, size_in=None, min_px=(480, 150), max_height_px=420):
        super().__init__(master)
        self.canvas = self.figure = None
        self.size_in, self.min_px, self.max_height_px = size_in, min_px, max_height_px

    def draw(self, chart, width_in=None, height_in=None, decorate=None):
        from matplotlib.backends.backend_tkagg import FigureCanvasTkAgg

        from ..reports.charts import figure_for

        if (width_in is None or height_in is None) and self.size_in:
            width_in, height_in = self.size_in
        if width_in is None or height_in is None:
            self.update_idletasks()
            width_in = max(self.winfo_width(), self.min_px[0]) / 96
            height_in = min(max(self.winfo_height(), self.min_px[1]), self.max_height_px) / 96
        if self.canvas is not None:
            self.canvas.get_tk_widget().destroy()
        fig = figure_for(chart, width_in, height_in)
        if decorate is not None:
            decorate(fig)
        self.canvas = FigureCanvasTkAgg(fig, master=self)
        self.canvas.draw()
        widget = self.canvas.get_tk_widget()
        # ask for little width (the window gives what it has) but keep a readable height
        widget.configure(width=self.min_px[0], height=max(int(height_in * 96), self.min_px[1]))
        widget.pack(fill="both", expand=True)
        area = scrollable_ancestor(self)
        if area is not None:  # the page grows to keep the chart's height
            area.relayout_all()
        self.figure = fig
        return fig


def call_service(app, fn, form=None) -> tuple[bool, object]:
    """Call a service function the way every form does: a ValidationError goes under the
    form's fields (to a dialog when there is no form), any other UserError to a dialog.
    Returns (True, fn's result) or (False, None)."""
    from ..core.errors import UserError, ValidationError

    try:
        return True, fn()
    except ValidationError as exc:
        if form is not None:
            form.show_errors(exc.errors)
        else:
            app.show_error(exc)
    except UserError as exc:
        app.show_error(exc)
    return False, None


def column_tree(parent, cols, height=8, *, stretch_all: bool = False, **kw) -> ttk.Treeview:
    """A plain Treeview for short tables: cols = [(key, title, width, anchor)]. Only the
    first column takes spare width unless `stretch_all`."""
    tree = ttk.Treeview(parent, columns=[c[0] for c in cols], show="headings", height=height, **kw)
    for key, title, width, anchor in cols:
        tree.heading(key, text=title, anchor=anchor)
        tree.column(key, width=width, anchor=anchor, stretch=stretch_all or key == cols[0][0])
    return tree


# --- fitting small screens --------------------------------------------------------------------


class ScrollableFrame(ttk.Frame):
    """A frame whose content scrolls when the window is smaller than the form.

    Put the form's widgets in `.inner`. The content is stretched to the visible area when it
    fits (so tables and charts inside still fill the space) and scrolls, with scroll bars
    shown only when needed, when it does not. The mouse wheel scrolls the area under the
    pointer, and a field that gets the keyboard focus (Tab, Enter) is scrolled into view:
    both are one application-wide binding (`_install_scroll_bindings`), not one per form.
    """

    def __init__(self, master, *, horizontal: bool = True, **kw):
        super().__init__(master, **kw)
        self.canvas = tk.Canvas(self, highlightthickness=0, borderwidth=0, takefocus=False)
        self.inner = ttk.Frame(self.canvas)
        # hidden until the area knows its size: drawn once, at the right size, not first at
        # its natural size and again stretched (about 20 ms of every screen's first showing)
        self._window = self.canvas.create_window(
            0, 0, window=self.inner, anchor="nw", state="hidden"
        )
        self.vbar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.hbar = ttk.Scrollbar(self, orient="horizontal", command=self.canvas.xview)
        self.canvas.configure(yscrollcommand=self.vbar.set, xscrollcommand=self.hbar.set)
        self.horizontal = horizontal
        self.canvas.grid(row=0, column=0, sticky="nsew")
        self.rowconfigure(0, weight=1)
        self.columnconfigure(0, weight=1)
        self.canvas.tk_scrollable = True  # marks the canvas for the layout tests
        self.inner.bind("<Configure>", lambda e: self._relayout(), add="+")
        self.canvas.bind("<Configure>", lambda e: self._relayout(), add="+")
        # The content asking for more room (a chart drawn, rows added) changes no size Tk
        # reports while the content's height is set here: look for that a few times a second.
        self._last_req = None
        self.after(300, self._poll)
        try:
            bg = ttk.Style().lookup("TFrame", "background")
            if bg:
                self.canvas.configure(background=bg)
        except tk.TclError:
            pass
        _install_scroll_bindings(self)

    def _poll(self):
        try:
            if (
                self.winfo_ismapped()
                and (self.inner.winfo_reqwidth(), self.inner.winfo_reqheight()) != self._last_req
            ):
                self._relayout()
            self.after(300, self._poll)
        except tk.TclError:  # destroyed
            pass

    def relayout_all(self) -> None:
        """Fit again now, this area and the scrolled areas around it (after content grew)."""
        area = self
        while area is not None:
            area.update_idletasks()
            area._relayout()
            area = scrollable_ancestor(area.master)

    def _relayout(self):
        cw, ch = self.canvas.winfo_width(), self.canvas.winfo_height()
        if cw <= 1 or ch <= 1:
            return
        rw, rh = self.inner.winfo_reqwidth(), self.inner.winfo_reqheight()
        self._last_req = (rw, rh)
        need_x = self.horizontal and rw > cw + 1
        need_y = rh > ch + 1
        changed = self._show_bar(self.vbar, need_y, row=0, column=1, sticky="ns")
        changed |= self._show_bar(self.hbar, need_x, row=1, column=0, sticky="we")
        if changed:  # a bar took room: keep the focused field in view
            self.after_idle(self._keep_focus_visible)
        w = max(cw, rw) if self.horizontal else cw
        h = max(ch, rh)
        self.canvas.itemconfigure(self._window, width=w, height=h, state="normal")
        self.canvas.configure(scrollregion=(0, 0, w, h))

    @staticmethod
    def _show_bar(bar, show, **grid) -> bool:
        shown = bool(bar.winfo_manager())
        if show and not shown:
            bar.grid(**grid)
        elif not show and shown:
            bar.grid_remove()
        return show != shown

    def _keep_focus_visible(self):
        try:
            w = self.focus_get()
        except (tk.TclError, KeyError):
            return
        if w is not None and scrollable_ancestor(w) is self:
            self.see(w)

    def can_scroll(self) -> bool:
        first, last = self.canvas.yview()
        return first > 0 or last < 1

    def see(self, widget) -> None:
        """Scroll so that `widget` (inside `.inner`) is visible."""
        try:
            top = widget.winfo_rooty() - self.inner.winfo_rooty()
            left = widget.winfo_rootx() - self.inner.winfo_rootx()
        except tk.TclError:
            return
        self._relayout()
        try:
            region = [float(v) for v in str(self.canvas.cget("scrollregion")).split()]
        except ValueError:
            region = []
        total_w, total_h = (region[2], region[3]) if len(region) == 4 else (1, 1)
        for axis, start, size, view_size, total in (
            ("y", top, widget.winfo_height(), self.canvas.winfo_height(), max(total_h, 1)),
            ("x", left, widget.winfo_width(), self.canvas.winfo_width(), max(total_w, 1)),
        ):
            first, last = getattr(self.canvas, axis + "view")()
            view_start, view_end = first * total, last * total
            if start < view_start:
                getattr(self.canvas, axis + "view_moveto")(max(0, start - 8) / total)
            elif start + size > view_end and size < view_size:
                getattr(self.canvas, axis + "view_moveto")((start + size + 8 - view_size) / total)

    def scroll_to_end(self) -> None:
        for _i in range(2):  # a scroll bar appearing changes the room once
            self.update_idletasks()
            self._relayout()
        self.canvas.yview_moveto(1.0)


def scrollable_ancestor(widget):
    """The nearest ScrollableFrame holding `widget`, or None."""
    w = widget
    while w is not None:
        if isinstance(w, ScrollableFrame):
            return w
        w = getattr(w, "master", None)
    return None


_SELF_SCROLLING = ("Treeview", "Text", "Listbox", "TCombobox", "Canvas")
# what Tab and Enter move to: the fields and buttons a scrolled form follows
_FOLLOWED = (
    "TEntry",
    "Entry",
    "TCombobox",
    "TSpinbox",
    "Spinbox",
    "Text",
    "TCheckbutton",
    "TRadiobutton",
    "TButton",
    "Listbox",
    "Treeview",
    "TMenubutton",
)


def _install_scroll_bindings(widget) -> None:
    root = widget._root()
    if getattr(root, "_tambon_scroll_bound", False):
        return
    root._tambon_scroll_bound = True

    def wheel(event):
        w = event.widget
        if not isinstance(w, tk.Misc):
            return None
        cls = w.winfo_class()
        if cls in _SELF_SCROLLING and not getattr(w, "tk_scrollable", False):
            return None  # tables and text scroll themselves
        area = scrollable_ancestor(w)
        if area is None or not area.can_scroll():
            return None
        if event.num == 4 or getattr(event, "delta", 0) > 0:
            area.canvas.yview_scroll(-3, "units")
        else:
            area.canvas.yview_scroll(3, "units")
        return None

    def focus_in(event):
        w = event.widget
        if not isinstance(w, tk.Misc) or w.winfo_class() not in _FOLLOWED:
            return  # frames and charts take focus too: not followed
        area = scrollable_ancestor(w)
        if area is not None and w is not area:
            area.after_idle(lambda: w.winfo_exists() and area.see(w))

    for seq in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
        root.bind_all(seq, wheel, add="+")
    root.bind_all("<FocusIn>", focus_in, add="+")


def screen_size(widget) -> tuple[int, int]:
    """The usable size of the screen `widget` is on (a little kept for the task bar).
    Tests set `root._tambon_screen` to try a smaller screen on a big virtual display."""
    override = getattr(widget._root(), "_tambon_screen", None)
    if override:
        return override[0], override[1] - 40
    return widget.winfo_screenwidth(), widget.winfo_screenheight() - 40


def fit_window(win, width: int, height: int, *, min_size=(600, 400)) -> None:
    """Size a dialog to `width`×`height` but never larger than its screen, and centre it on
    the main window (or the screen). The buttons stay visible because dialogs pack them
    before the scrollable body."""
    sw, sh = screen_size(win)
    w, h = min(width, sw - 20), min(height, sh - 30)
    master = win.master.winfo_toplevel() if win.master is not None else None
    if master is not None and master.winfo_viewable():
        x = master.winfo_rootx() + (master.winfo_width() - w) // 2
        y = master.winfo_rooty() + (master.winfo_height() - h) // 2
    else:
        x, y = (sw - w) // 2, (sh - h) // 2
    x = max(0, min(x, sw - w))
    y = max(0, min(y, sh - h))
    win.geometry(f"{w}x{h}+{x}+{y}")
    win.minsize(min(min_size[0], w), min(min_size[1], h))
    win.maxsize(sw, sh + 40)


def read_be_year(entry, note_label=None) -> int:
    """The BE year typed in `entry` (CE years converted): the entry is rewritten to the BE
    year and `note_label` says so. Raises thai.ThaiDateError with the reason."""
    year, note = thai.parse_be_year(entry.get())
    if note:
        entry.delete(0, "end")
        entry.insert(0, str(year))
    if note_label is not None:
        note_label.configure(text=note)
    return year


def enable_tab_keys(widget) -> None:
    """Ctrl+Tab / Ctrl+Shift+Tab move between the tabs of every notebook in `widget`."""
    stack = [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, ttk.Notebook):
            try:
                w.enable_traversal()
            except tk.TclError:
                pass
        stack += w.winfo_children()


def let_tables_shrink(widget, budget: int = 320) -> None:
    """Tables give up width before buttons do: every table in `widget` asks for at most
    `budget` pixels (its columns scaled down) and stretches its columns to fill whatever
    room the window has. On a wide screen the columns are as wide as before."""
    stack = [widget]
    while stack:
        w = stack.pop()
        stack += w.winfo_children()
        if w.winfo_class() != "Treeview" or getattr(w, "_shrinks", False):
            continue
        w._shrinks = True
        cols = list(w.cget("columns") or ())
        widths = [int(w.column(c, "width")) for c in cols]
        total = sum(widths)
        if not cols or total <= budget:
            continue
        scale = budget / total
        titles = measure_all(w, "TkHeadingFont", [w.heading(c, "text") for c in cols])
        for c, width, title in zip(cols, widths, titles, strict=True):
            # never narrower than its heading: a table shrinks, its headings stay readable
            least = min(width, title + 14)
            w.column(c, width=max(least, int(width * scale)), minwidth=least, stretch=True)
