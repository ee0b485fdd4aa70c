"""Reports: choose a report and its options, build it in the background, then open, print or
save it (to a folder or a USB stick). The last folder used is remembered.

The report is built by the catalogue from the service layer, exactly as
`tambon-desk report` does, so the screen and the command line print the same figures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tkinter as tk
from pathlib import Path
from tkinter import filedialog

import ttkbootstrap as ttk

from .. import farming, registry, thai
from ..core import config
from ..core.errors import UserError
from ..core.i18n import N_, _
from .fonts import HEADING, TITLE
from .widgets import ChoiceBox, Form, WrapLabel

PERIODS = (
    ("", N_("Whole record")),
    ("year", N_("Calendar year (BE)")),
    ("fiscal_year", N_("Fiscal year (BE)")),
    ("month", N_("Month (mm/yyyy BE)")),
)


def thai_file_name(title: str, when=None) -> str:
    """A Thai file name for a report: its title and the BE date ("ทะเบียนครัวเรือน
    24-11-2569"), without characters Windows refuses in file names."""
    import datetime as _dt
    import re

    day = thai.format_date(when or _dt.date.today()).replace("/", "-")
    return re.sub(r'[\\/:*?"<>|]+', "-", f"{title} {day}").strip()


def open_file(path: Path, verb: str = "open") -> None:
    """Hand the file to the system: Windows' open/print verbs, xdg-open or lpr elsewhere."""
    if sys.platform.startswith("win"):
        os.startfile(str(path), verb)  # the system's own PDF or Excel viewer
    elif verb == "print":
        subprocess.Popen(["lpr", str(path)])
    else:
        subprocess.Popen(["xdg-open" if sys.platform != "darwin" else "open", str(path)])


class ReportsView(ttk.Frame):
    def __init__(self, master, app):
        from ..reports import catalogue

        super().__init__(master)
        self.app = app
        self.output: Path | None = None
        self.specs = catalogue.reports()
        ttk.Label(self, text=_("Reports"), font=TITLE).pack(anchor="w")
        body = ttk.Frame(self)
        body.pack(fill="both", expand=True, pady=(8, 0))
        self.listbox = tk.Listbox(
            body, width=58, height=16, exportselection=False, activestyle="dotbox"
        )
        for spec in self.specs:
            self.listbox.insert("end", _(spec.title))
        self.listbox.pack(side="left", fill="y")
        self.listbox.bind("<<ListboxSelect>>", lambda e: self._chosen())
        self.listbox.bind("<Return>", lambda e: self.generate())
        right = ttk.Frame(body, padding=(16, 0))
        right.pack(side="left", fill="both", expand=True)
        # a long title breaks at a word: the column stays as wide as its form on 1024 px
        self.title_label = WrapLabel(right, text="", wrap=420, font=HEADING)
        self.title_label.pack(anchor="w")
        self.form = Form(right, columns=1)
        self.scope = self.form.add(
            "scope", _("Tambon or area"), ChoiceBox(self.form, width=30), errors=False
        )
        self.village = self.form.add(
            "village", _("Village"), ChoiceBox(self.form, width=30), errors=False
        )
        self.period = self.form.add(
            "period",
            _("Period"),
            ChoiceBox(self.form, [(k, _(v)) for k, v in PERIODS], width=30),
            errors=False,
        )
        self.period_value = self.form.add(
            "period_value", _("Year or month"), ttk.Entry(self.form, width=14)
        )
        self.household = self.form.add(
            "household", _("House no. (moo/house no.)"), ttk.Entry(self.form, width=14)
        )
        # one crop cycle's cost sheet (crop-costs); empty: every cycle of the scope
        self.cycle = self.form.add(
            "cycle", _("Crop cycle"), ChoiceBox(self.form, width=30), errors=False
        )
        self.village.bind("<<ComboboxSelected>>", lambda e: self._refresh_cycles(), add="+")
        self.fmt = self.form.add(
            "format",
            _("Format"),
            ChoiceBox(self.form, [("pdf", "PDF"), ("xlsx", "Excel (XLSX)")], width=30),
            errors=False,
        )
        self.unmask_var = tk.BooleanVar(value=False)
        self.unmask = self.form.add(
            "unmask",
            "",
            ttk.Checkbutton(
                self.form, text=_("Show full citizen IDs (admin)"), variable=self.unmask_var
            ),
            errors=False,
        )
        self.unmask.grid(column=0, columnspan=2)  # its own text is the label: full width
        self.form.pack(fill="x", pady=(6, 0))
        self.fmt.set_value("pdf")
        self.period.set_value("")
        self.scope.bind("<<ComboboxSelected>>", lambda e: self._scope_chosen())
        row = ttk.Frame(right)
        row.pack(fill="x", pady=(10, 6))
        self.generate_btn = ttk.Button(
            row,
            text=_("Create report"),
            icon="file-earmark-text",
            compound="left",
            bootstyle="primary",
            command=self.generate,
        )
        self.generate_btn.pack(side="left")
        row = ttk.Frame(right)  # a second row: all four fit no 1280-pixel line
        row.pack(fill="x", pady=(0, 10))
        self.open_btn = ttk.Button(
            row,
            text=_("Open"),
            bootstyle="secondary",
            command=lambda: self._hand_over("open"),
            state="disabled",
        )
        self.print_btn = ttk.Button(
            row,
            text=_("Print"),
            icon="printer",
            compound="left",
            bootstyle="secondary",
            state="disabled",
            command=lambda: self._hand_over("print"),
        )
        self.save_btn = ttk.Button(
            row,
            text=_("Save to folder or USB…"),
            icon="usb-drive",
            compound="left",
            bootstyle="secondary",
            state="disabled",
            command=self.save_as,
        )
        for b in (self.open_btn, self.print_btn, self.save_btn):
            b.pack(side="left", padx=(0, 6))
        self.result = WrapLabel(right, text="", bootstyle="success", wrap=420)
        self.result.pack(anchor="w")
        if self.specs:
            self.listbox.selection_set(0)
            self._chosen()

    def on_show(self):
        self.listbox.focus_set()

    # --- choosing -----------------------------------------------------------------------
    @property
    def spec(self):
        sel = self.listbox.curselection()
        return self.specs[sel[0]] if sel else None

    def select(self, name: str) -> None:
        i = next(i for i, s in enumerate(self.specs) if s.name == name)
        self.listbox.selection_clear(0, "end")
        self.listbox.selection_set(i)
        self._chosen()

    def _chosen(self):
        spec = self.spec
        if spec is None:
            return
        self.title_label.configure(text=_(spec.title))
        params = set(spec.params)
        scopes = registry.scopes(tuple(params))  # [(report parameters, label)]
        self.scope.set_choices(scopes)
        if scopes:
            self.scope.current(0)
        else:
            self.scope.set("")
        self.scope.configure(state="readonly" if len(scopes) > 1 else "disabled")
        self._scope_chosen()
        periods = [(k, _(v)) for k, v in PERIODS if k == "" or k in params]
        self.period.set_choices(periods)
        self.period.set_value("")
        for key, widget in (("village", self.village), ("household", self.household)):
            state = "normal" if key in params else "disabled"
            widget.configure(state="readonly" if state == "normal" and key == "village" else state)
        self.cycle.configure(state="readonly" if "cycle" in params else "disabled")
        self._refresh_cycles()
        has_period = len(periods) > 1
        self.period.configure(state="readonly" if has_period else "disabled")
        self.period_value.configure(state="normal" if has_period else "disabled")
        show_unmask = "unmask" in params and self.app.ctx.role == "admin"
        self.unmask.configure(state="normal" if show_unmask else "disabled")
        self.form.clear_errors()
        # the file of another report must not stay offered under this one's title
        self.output = None
        for b in (self.open_btn, self.print_btn, self.save_btn):
            b.configure(state="disabled")
        self.result.configure(text="")

    def _scope_chosen(self):
        """Villages of the chosen tambon (a district database holds several tambons)."""
        chosen = self._chosen_scope()
        tambon = registry.resolve_tambon(chosen.get("tambon")) if "tambon" in chosen else None
        self.village.set_choices(
            [(None, _("All villages"))]
            + [(v.moo, registry.village_label(v)) for v in registry.villages(tambon)]
            if tambon is not None or not chosen
            else [(None, _("All villages"))]
        )
        self.village.current(0)
        self._refresh_cycles()

    def _refresh_cycles(self) -> None:
        """The crop cycles of the chosen tambon and village (for one cycle's cost sheet)."""
        spec = self.spec
        choices = [(None, _("Every cycle (the summary)"))]
        if spec is not None and "cycle" in spec.params:
            chosen = self._chosen_scope()
            tambon = registry.resolve_tambon(chosen.get("tambon")) if "tambon" in chosen else None
            moo = self.village.get_value()
            vids = None
            if tambon is not None and moo is not None:
                vids = [v.id for v in registry.villages(tambon) if v.moo == moo]
            choices += farming.cycle_choices(
                tambon_ids=[tambon.id] if tambon is not None else None, village_ids=vids
            )
        self._cycle_choices = choices
        self.cycle.set_choices(choices)
        self.cycle.current(0)

    def choose_cycle(self, cycle_id: str) -> None:
        """Open on one cycle's cost sheet (the crop-cycle sheet's report button)."""
        self.select("crop-costs")
        self.cycle.set_value(cycle_id)
        if self.cycle.get_value() != cycle_id:  # not in the scope shown: offer it too
            self._cycle_choices += [c for c in farming.cycle_choices() if c[0] == cycle_id]
            self.cycle.set_choices(self._cycle_choices)
            self.cycle.set_value(cycle_id)

    def _chosen_scope(self) -> dict:
        return dict(self.scope.get_value() or {})

    def params(self) -> dict:
        spec = self.spec
        params = self._chosen_scope()
        accepted = set(spec.params)
        if "village" in accepted and self.village.get_value() is not None:
            params["village"] = self.village.get_value()
        kind, value = self.period.get_value(), self.period_value.get().strip()
        if kind and value:
            if kind in ("year", "fiscal_year"):
                year, note = thai.parse_be_year(value)  # ThaiDateError says why
                if note:  # CE typed: converted, said so
                    self.period_value.delete(0, "end")
                    self.period_value.insert(0, str(year))
                    self.app.set_status(note)
                params[kind] = year
            else:
                params[kind] = value
        elif kind:
            raise ValueError("period_value")
        if "household" in accepted and self.household.get().strip():
            from ..registry import find_household

            params["household"] = find_household(self.household.get()).id
        if "unmask" in accepted and self.unmask_var.get():
            params["unmask"] = True
        if "cycle" in accepted and self.cycle.get_value():
            params["cycle"] = self.cycle.get_value()
        return params

    # --- building -----------------------------------------------------------------------
    def generate(self):
        from ..reports import catalogue

        spec = self.spec
        if spec is None:
            return None
        try:
            params = self.params()
        except UserError as exc:
            self.form.show_errors({"household": str(exc)})
            return None
        except ValueError as exc:
            self.form.show_errors(
                {
                    "period_value": str(exc)
                    if isinstance(exc, thai.ThaiDateError)
                    else _("Type the year (e.g. 2569) or the month (e.g. 11/2569).")
                }
            )
            return None
        self.form.clear_errors()
        fmt = self.fmt.get_value() or "pdf"
        out_dir = Path(tempfile.mkdtemp(prefix="tambon-report-"))
        out = out_dir / f"{thai_file_name(_(spec.title))}.{fmt}"
        ctx = self.app.ctx

        def work(progress):
            progress(0, 2, _("Collecting the figures…"))
            doc = catalogue.build(ctx, spec.name, **params)
            progress(1, 2, _("Writing the file…"))
            catalogue.render(doc, fmt, out)
            progress(2, 2, "")
            return out

        self.generate_btn.configure(state="disabled")

        def failed(exc):
            self.generate_btn.configure(state="normal")
            self.app.show_error(exc)

        return self.app.run_task(
            work, title=_("Creating the report…"), on_done=self._done, on_error=failed
        )

    def _done(self, path: Path):
        self.generate_btn.configure(state="normal")
        self.output = path
        for b in (self.open_btn, self.print_btn, self.save_btn):
            b.configure(state="normal")
        self.result.configure(text=_("Ready: {name}").format(name=path.name))
        self.app.set_status(_("Report ready."))

    def _hand_over(self, verb: str):
        if self.output is not None:
            try:
                open_file(self.output, verb)
            except OSError as exc:
                self.app.dialogs.error(
                    _("The system could not {verb} the file: {e}").format(
                        verb=_("print") if verb == "print" else _("open"), e=exc
                    )
                )

    def ask_save_path(self, suggested: str) -> str:
        folder = config.get_preference(self.app.ctx, "last_report_folder") or str(Path.home())
        return filedialog.asksaveasfilename(
            parent=self,
            initialdir=folder,
            initialfile=suggested,
            defaultextension=Path(suggested).suffix,
        )

    def save_as(self) -> Path | None:
        if self.output is None:
            return None
        target = self.ask_save_path(self.output.name)
        if not target:
            return None
        target = Path(target)
        try:
            shutil.copyfile(self.output, target)
            config.set_setting(self.app.ctx, "last_report_folder", str(target.parent))
        except OSError as exc:
            self.app.dialogs.error(_("Could not save the file there: {e}").format(e=exc))
            return None
        self.result.configure(text=_("Saved: {path}").format(path=target))
        return target
