"""The import window: pick a file and its kind, confirm the column mapping, preview, load.

One window, top to bottom as the clerk works: (1) the file, what it holds and which sheet;
(2) each column of the sheet with its header, a sample of its values and the field it goes
into (auto-mapped or remembered; the clerk changes what is wrong, once); (3) a trial run
that shows what would be added, updated and left alone, and every row that would be
refused with its reason; then the real load. Reading and loading run in a worker thread
through `app.run_task`, so the window never freezes. The service layer does the work
(`importers.engine`); this module only presents it.

`open_import_dialog(app, kind="households")` is what other views call.
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import filedialog

import ttkbootstrap as ttk

from ..core import roles
from ..core.i18n import _
from ..importers import all_kinds, engine, get_kind, report
from ..importers import mapping as mp
from ..importers.cleaning import is_blank
from .fonts import SMALL_BOLD
from .widgets import ChoiceBox, fit_window

MAX_SHOWN_ERRORS = 1000
NOT_LOADED = ""


def open_import_dialog(app, kind: str = "households", path=None) -> ImportDialog:
    """Open the import window for `kind` (optionally reading `path` at once)."""
    dialog = ImportDialog(app.root, app, kind)
    if path is not None:
        dialog.set_file(path)
    return dialog


def _sample(prepared, col: int, n: int = 2) -> str:
    """The first non-blank values of a column, to recognise what it holds."""
    values = []
    for _row, cells in prepared.data_rows:
        if col < len(cells) and not is_blank(cells[col]):
            v = cells[col]
            values.append(v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else str(v).strip())
            if len(values) == n:
                break
    text = " | ".join(values)
    return text if len(text) <= 34 else text[:33] + "…"


class ImportDialog(ttk.Toplevel):
    """The import window (see the module docstring)."""

    def __init__(self, master, app, kind: str = "households"):
        super().__init__(master=master, title=_("Load from a spreadsheet"))
        fit_window(self, 1000, 880, min_size=(820, 560))
        self.transient(master)
        self.app = app
        self.kind = get_kind(kind)
        self.prepared = None
        self.result = None
        self.loaded = False
        self.mapping_boxes: dict[int, ChoiceBox] = {}
        self._build()
        self.bind("<Escape>", lambda e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        if app.modal:
            self.grab_set()

    # --- layout --------------------------------------------------------------------------------
    def _build(self):
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)

        top = ttk.Labelframe(outer, text=_("1. File"), padding=8)
        top.pack(fill="x")
        ttk.Label(top, text=_("File")).grid(row=0, column=0, sticky="w")
        self.file_var = tk.StringVar()
        self.file_entry = ttk.Entry(top, textvariable=self.file_var)
        self.file_entry.grid(row=0, column=1, columnspan=3, sticky="we", padx=6)
        ttk.Button(
            top,
            text=_("Choose file…"),
            icon="folder2-open",
            compound="left",
            bootstyle="secondary",
            command=self.choose_file,
        ).grid(row=0, column=4)
        ttk.Label(top, text=_("Contents")).grid(row=1, column=0, sticky="w", pady=(6, 0))
        self.kind_box = ChoiceBox(
            top, [(k.name, k.label) for k in all_kinds() if k.load_file is None], width=28
        )
        self.kind_box.set_value(self.kind.name)
        self.kind_box.grid(row=1, column=1, sticky="w", padx=6, pady=(6, 0))
        self.kind_box.bind("<<ComboboxSelected>>", lambda e: self._kind_changed())
        ttk.Label(top, text=_("Sheet")).grid(row=1, column=2, sticky="e", pady=(6, 0))
        self.sheet_box = ChoiceBox(top, [], width=24)
        self.sheet_box.grid(row=1, column=3, sticky="w", padx=6, pady=(6, 0))
        self.sheet_box.bind("<<ComboboxSelected>>", lambda e: self.read_file())
        ttk.Button(
            top,
            text=_("Empty template…"),
            icon="file-earmark-spreadsheet",
            compound="left",
            bootstyle="link",
            command=self.save_template,
        ).grid(row=1, column=4, pady=(6, 0))
        top.columnconfigure(1, weight=1)
        top.columnconfigure(3, weight=1)

        self.panes = ttk.Panedwindow(outer, orient="vertical")
        mid = ttk.Labelframe(self.panes, text=_("2. Columns"), padding=8)
        line = ttk.Frame(mid)
        line.pack(fill="x")
        self.header_info = ttk.Label(line, text=_("Choose a file to see its columns."))
        self.header_info.pack(side="left")
        ttk.Button(
            line,
            text=_("Read again"),
            icon="arrow-repeat",
            compound="left",
            bootstyle="secondary-outline",
            command=lambda: self.read_file(header_row=self._header_row()),
        ).pack(side="right")
        self.header_row_var = tk.StringVar()
        self.header_row_entry = ttk.Spinbox(
            line, from_=1, to=9999, width=5, textvariable=self.header_row_var
        )
        self.header_row_entry.pack(side="right", padx=6)
        ttk.Label(line, text=_("Header row")).pack(side="right")
        self.missing_label = ttk.Label(mid, text="", bootstyle="danger")
        self.missing_label.pack(anchor="w")
        self.columns_frame = ttk.ScrolledFrame(mid, auto_hide=True, height=220)
        self.columns_frame.pack(fill="both", expand=True, pady=(4, 0))

        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(10, 0))
        self.preview_btn = ttk.Button(
            buttons,
            text=_("Trial run"),
            icon="eye",
            compound="left",
            bootstyle="info",
            command=self.preview,
            state="disabled",
        )
        self.preview_btn.pack(side="left")
        self.load_btn = ttk.Button(
            buttons,
            text=_("Load"),
            icon="box-arrow-in-down",
            compound="left",
            bootstyle="primary",
            command=self.load,
            state="disabled",
        )
        self.load_btn.pack(side="left", padx=8)
        self.report_btn = ttk.Button(
            buttons,
            text=_("Save error report…"),
            icon="download",
            compound="left",
            bootstyle="warning-outline",
            command=self.save_report,
            state="disabled",
        )
        self.report_btn.pack(side="left")
        self.valid_only_var = tk.BooleanVar(value=False)  # all-or-nothing kinds (accounts)
        ttk.Checkbutton(
            buttons, text=_("Load only the valid rows"), variable=self.valid_only_var
        ).pack(side="left", padx=8)
        ttk.Button(buttons, text=_("Close (Esc)"), bootstyle="secondary", command=self.close).pack(
            side="right"
        )

        low = ttk.Labelframe(self.panes, text=_("3. Result"), padding=8)
        self.panes.add(mid, weight=3)
        self.panes.add(low, weight=2)
        self.panes.pack(fill="both", expand=True, pady=(10, 0))
        self.summary = ttk.Label(low, text="", justify="left")
        self.summary.pack(anchor="w")
        cols = (
            ("row", _("Row in file"), 95),
            ("seq", _("No."), 60),
            ("field", _("Field"), 160),
            ("message", _("Problem"), 560),
        )
        frame = ttk.Frame(low)
        frame.pack(fill="both", expand=True, pady=(4, 0))
        self.errors = ttk.Treeview(frame, columns=[c[0] for c in cols], show="headings", height=5)
        for key, title, width in cols:
            self.errors.heading(key, text=title, anchor="w")
            self.errors.column(key, width=width, anchor="w", stretch=key == "message")
        sb = ttk.Scrollbar(frame, orient="vertical", command=self.errors.yview)
        self.errors.configure(yscrollcommand=sb.set)
        self.errors.pack(side="left", fill="both", expand=True)
        sb.pack(side="left", fill="y")

    # --- step 1: the file ----------------------------------------------------------------------
    def choose_file(self):
        path = filedialog.askopenfilename(
            parent=self,
            title=_("Choose the file to load"),
            filetypes=[(_("Spreadsheets"), "*.xlsx *.xlsm *.csv *.txt"), (_("All files"), "*")],
        )
        if path:
            self.set_file(path)

    def set_file(self, path, sheet: str | None = None):
        self.file_var.set(str(path))
        self.sheet_box.set_choices([])
        return self.read_file(sheet)

    def _kind_changed(self):
        self.kind = get_kind(self.kind_box.get_value())
        if self.file_var.get():
            self.read_file()

    def _header_row(self) -> int | None:
        text = self.header_row_var.get().strip()
        return int(text) if text.isdigit() else None

    def read_file(self, sheet: str | None = None, mapping=None, header_row: int | None = None):
        """Read the file in the worker; then show its columns (step 2). `header_row` (the
        sheet's row number) overrides the row found automatically."""
        path = self.file_var.get().strip()
        if not path:
            return None
        sheet = sheet or (self.sheet_box.get() or None)
        kind = self.kind

        def work(progress):
            progress(0, 0, _("Reading the file…"))
            return engine.prepare(kind, path, sheet=sheet, mapping=mapping, header_row=header_row)

        return self.app.run_task(work, title=_("Reading the file…"), on_done=self._show_file)

    def _show_file(self, prepared):
        if not self.winfo_exists():
            return
        self.prepared, self.result, self.loaded = prepared, None, False
        names = prepared.sheet.sheet_names or (prepared.sheet.name,)
        self.sheet_box.set_choices([(n, n) for n in names])
        self.sheet_box.set_value(prepared.sheet.name)
        self.header_row_var.set(str(prepared.header_row))
        remembered = {
            "saved": _("remembered for this layout"),
            "auto": _("matched by the column names"),
            "given": _("as you set it"),
        }[prepared.source]
        self.header_info.configure(
            text=_(
                "Header in row {row}; {n} data rows below it. Column mapping: {how}. Check each "
                "column."
            ).format(row=prepared.header_row, n=len(prepared.data_rows), how=remembered)
        )
        self._build_mapping()
        self._show_result(None)

    # --- step 2: the mapping -------------------------------------------------------------------
    def _build_mapping(self):
        for w in self.columns_frame.winfo_children():
            w.destroy()
        self.mapping_boxes.clear()
        frame, p = self.columns_frame, self.prepared
        choices = [(NOT_LOADED, _("(not loaded)"))] + [
            (f.name, f.label + (" *" if f.required else "")) for f in self.kind.fields
        ]
        for c, title in enumerate(
            (_("Column"), _("Header in the file"), _("Sample values"), _("Load into"))
        ):
            ttk.Label(frame, text=title, font=SMALL_BOLD).grid(row=0, column=c, sticky="w", padx=4)
        r = 1
        for col, header in enumerate(p.headers):
            sample = _sample(p, col)
            if not header and not sample and col not in p.mapping:
                continue
            ttk.Label(frame, text=mp.column_letter(col)).grid(row=r, column=0, padx=4)
            ttk.Label(frame, text=header or "—", width=30).grid(row=r, column=1, sticky="w", padx=4)
            ttk.Label(frame, text=sample, width=34, bootstyle="secondary").grid(
                row=r, column=2, sticky="w", padx=4
            )
            box = ChoiceBox(frame, choices, width=30)
            box.set_value(p.mapping.get(col, NOT_LOADED))
            box.grid(row=r, column=3, sticky="w", padx=4, pady=0)
            box.bind(
                "<<ComboboxSelected>>", lambda e, c=col: self.set_mapping(c, e.widget.get_value())
            )
            self.mapping_boxes[col] = box
            r += 1
        self._mapping_changed()

    def set_mapping(self, col: int, field_name: str | None):
        """Column `col` goes into `field_name` ("" or None: not loaded); a field takes one
        column, so another column holding it is released."""
        mapping = dict(self.prepared.mapping)
        mapping.pop(col, None)
        if field_name:
            for other in [c for c, n in mapping.items() if n == field_name]:
                del mapping[other]
                if other in self.mapping_boxes:
                    self.mapping_boxes[other].set_value(NOT_LOADED)
            mapping[col] = field_name
        if col in self.mapping_boxes:
            self.mapping_boxes[col].set_value(field_name or NOT_LOADED)
        self.prepared.mapping = dict(sorted(mapping.items()))
        self.prepared.source = "given"
        self.result = None
        self._mapping_changed()

    def _mapping_changed(self):
        missing = self.prepared.missing if self.prepared else []
        self.missing_label.configure(
            text=_("Still to map: {fields}").format(fields=", ".join(f.label for f in missing))
            if missing
            else ""
        )
        ready = self.prepared is not None and not missing and not self.loaded
        self.preview_btn.configure(state="normal" if ready else "disabled")
        can_write = roles.has_role(self.app.ctx, self.kind.role)
        self.load_btn.configure(state="normal" if ready and can_write else "disabled")

    # --- step 3: trial run and load ------------------------------------------------------------
    def preview(self):
        return self._run(dry_run=True)

    def load(self):
        return self._run(dry_run=False)

    def _run(self, dry_run: bool):
        prepared, ctx = self.prepared, self.app.ctx
        if prepared is None or prepared.missing:
            return None

        options = {"valid_only": True} if self.valid_only_var.get() else {}

        def work(progress):
            return engine.run_import(
                ctx, prepared, dry_run=dry_run, progress=progress, options=options
            )

        def done(result):
            if not dry_run:
                # Nothing written (an all-or-nothing kind refused a file with errors): the
                # clerk may tick "only the valid rows" and load again.
                self.loaded = any(
                    c.get("added") or c.get("updated") for c in result.counts.values()
                )
                self.app.set_status(result.summary_lines()[0])
                changed = getattr(self.app, "households_changed", None)
                if changed is not None and self.kind.name == "households":
                    changed()
            if self.winfo_exists():  # the clerk may have closed the window
                self._show_result(result)
                self._mapping_changed()

        title = _("Trial run…") if dry_run else _("Loading…")
        return self.app.run_task(work, title=title, on_done=done)

    def _show_result(self, result):
        if not self.winfo_exists():
            return
        self.result = result
        self.errors.delete(*self.errors.get_children())
        if result is None:
            self.summary.configure(text="")
            self.report_btn.configure(state="disabled")
            return
        lines = result.summary_lines()
        if not result.dry_run and self.loaded:
            lines.append(_("Loaded. Loading the same file again changes nothing."))
        self.summary.configure(text="\n".join(lines))
        for i, e in enumerate(sorted(result.errors, key=lambda e: e.row)):
            if i == MAX_SHOWN_ERRORS:
                self.errors.insert(
                    "",
                    "end",
                    values=(
                        "…",
                        "",
                        "",
                        _("… and {n} more in the report.").format(n=len(result.errors) - i),
                    ),
                )
                break
            self.errors.insert("", "end", values=(e.row, e.seq or "", e.field_label, e.message))
        self.report_btn.configure(state="normal" if result.errors else "disabled")
        if result.errors:
            self.show_rejected_rows()

    def show_rejected_rows(self) -> None:
        """Give the result pane room for the rejected rows (the column pane had it all)."""
        self.update_idletasks()
        total = self.panes.winfo_height()
        need = self.summary.winfo_reqheight() + 7 * 30 + 60
        try:
            if total > 0 and total - self.panes.sashpos(0) < need:
                self.panes.sashpos(0, max(120, total - need))
        except Exception:
            pass
        first = self.errors.get_children()
        if first:
            self.errors.see(first[0])

    def save_report(self, path=None):
        """Write the error report (asks where, next to the file by default)."""
        if self.result is None:
            return None
        default = report.default_report_path(Path(self.file_var.get()))
        if path is None:
            path = filedialog.asksaveasfilename(
                parent=self,
                title=_("Save error report"),
                initialdir=str(default.parent),
                initialfile=default.name,
                defaultextension=".xlsx",
                filetypes=[(_("Spreadsheets"), "*.xlsx")],
            )
            if not path:
                return None
        written = report.write_error_report(self.result, path)
        self.app.set_status(_("Error report: {path}").format(path=written))
        return written

    def save_template(self, path=None):
        from ..importers.template import write_template

        if path is None:
            path = filedialog.asksaveasfilename(
                parent=self,
                title=_("Empty template…"),
                defaultextension=".xlsx",
                initialfile=_("Template {what}").format(what=self.kind.label) + ".xlsx",
                filetypes=[(_("Spreadsheets"), "*.xlsx")],
            )
            if not path:
                return None
        written = write_template(self.kind, path)
        self.app.set_status(_("Template written: {path}").format(path=written))
        return written

    def close(self):
        self.destroy()
