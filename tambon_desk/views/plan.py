"""Master plan screens: the project list with filters, the project window (fields, funding
lines, status with its dated history, partners and files), the plan and its issues, and the
seed's summaries (per channel with averages per tambon, per tambon, by issue and status).

Keyboard-first like the household screens: in the list type to search, Enter opens, Ctrl+N
adds; in the project window Enter moves on (Enter on the last funding field adds a line),
Ctrl+S saves, Ctrl+T goes to the status change, Esc closes.
"""
from __future__ import annotations

import datetime as _dt
import tkinter as tk

import ttkbootstrap as ttk

from .. import network, plan, tambons, thai
from ..errors import UserError, ValidationError
from ..i18n import N_, _
from ..plan_summary import (GROUPS, by_issue_status, flow_statuses, format_count,
                            funding_summary, provincial_summary)
from .rows_editor import RowsEditor, choice_col, date_col, money_col, text_col
from .widgets import (BEDateEntry, ChoiceBox, Form, MoneyEntry, PagedTable, call_service,
                      column_tree, next_on_enter)


SHORT = {"own": N_("Own means"), "local_gov": N_("LAO"), "outside": N_("Outside"),
         "other": N_("Other")}     # column headings where the full channel name is too wide


def _baht(satang) -> str:
    return thai.format_baht(satang) if satang is not None else ""


def _read_year(text: str, key: str, errors: dict, required: bool = True):
    text = thai.thai_to_arabic_digits(text.strip())
    if not text:
        if required:
            errors[key] = _("Enter the fiscal year (BE, e.g. 2569).")
        return None
    if not text.isdigit():
        errors[key] = _("Enter the fiscal year (BE, e.g. 2569).")
        return None
    return int(text)


_tree = column_tree          # the plan and network tabs' short tables


def _fill(tree, rows):
    tree.delete(*tree.get_children())
    for values in rows:
        tree.insert("", "end", values=["" if v is None else v for v in values])


# --- project list ---------------------------------------------------------------------------

class ProjectList(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Search")).pack(side="left")
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=22)
        self.search.pack(side="left", padx=(4, 8))
        self.search_var.trace_add("write", lambda *a: self.refresh())
        self.filters = {}
        bar2 = ttk.Frame(self)
        bar2.pack(fill="x", pady=(0, 6))
        for parent, key, label, width in ((bar, "fiscal_year", _("Fiscal year"), 8),
                                          (bar, "status", _("Status"), 16),
                                          (bar2, "channel", _("Channel"), 22),
                                          (bar2, "issue", _("Issue"), 26)):
            ttk.Label(parent, text=label).pack(side="left")
            box = ChoiceBox(parent, width=width)
            box.pack(side="left", padx=(4, 8))
            box.bind("<<ComboboxSelected>>", lambda e: self.refresh())
            self.filters[key] = box
        self.bin_var = tk.BooleanVar(value=False)
        ttk.Checkbutton(bar, text=_("Recycle bin"), variable=self.bin_var,
                        command=self._bin_toggled, bootstyle="round-toggle").pack(side="left")
        self.restore_btn = ttk.Button(bar2, text=_("Restore"), icon="arrow-counterclockwise",
                                      compound="left", bootstyle="warning",
                                      command=self.restore_selected)
        self.delete_btn = ttk.Button(bar2, text=_("Delete"), icon="trash", compound="left",
                                     bootstyle="danger-outline", command=self.delete_selected)
        self.delete_btn.pack(side="right")
        ttk.Button(bar2, text=_("Open"), icon="pencil-square", compound="left",
                   bootstyle="secondary", command=self.open_selected).pack(side="right", padx=6)
        self.add_btn = ttk.Button(bar2, text=_("New project"), icon="plus-lg", compound="left",
                                  bootstyle="primary", command=self.new_project)
        self.add_btn.pack(side="right")
        if app.ctx.role == "viewer":
            self.add_btn.configure(state="disabled")
            self.delete_btn.configure(state="disabled")
        cols = (("title", _("Project"), 240, "w"), ("fiscal_year", _("Fiscal year"), 70, "center"),
                ("status", _("Status"), 115, "w"), ("issue", _("Issue"), 160, "w"),
                ("moo", _("Moo"), 40, "center"), ("channels", _("Funding channels"), 170, "w"),
                ("approved", _("Approved (baht)"), 110, "e"))
        self.table = PagedTable(self, cols, self._fetch, on_activate=self.open_project)
        self.table.pack(fill="both", expand=True)
        self.search.bind("<Down>", lambda e: (self.table.tree.focus_set(), "break")[1])
        self.search.bind("<Return>", lambda e: self.open_selected())
        self.table.tree.bind("<Delete>", lambda e: self.delete_selected())
        for w in (self, self.search, self.table.tree):
            w.bind("<Control-n>", lambda e: (self.new_project(), "break")[1])
            w.bind("<Control-f>", lambda e: (self.search.focus_set(), "break")[1])
        self.load_choices()

    def load_choices(self):
        f = self.filters
        keep = {k: b.get_value() for k, b in f.items()}
        f["fiscal_year"].set_choices([(None, _("All"))] + [(y, str(y))
                                                            for y in plan.fiscal_years()])
        f["status"].set_choices([(None, _("All"))] + [(s, plan.status_label(s))
                                                       for s in flow_statuses()])
        f["channel"].set_choices([(None, _("All"))] + [(c, plan.channel_label(c))
                                                        for c in plan.CHANNELS])
        issues = [i for t in tambons.tambons() for i in plan.issues_for_tambon(t)]
        f["issue"].set_choices([(None, _("All"))] + [(i.id, i.name) for i in issues])
        for k, b in f.items():
            b.set_value(keep[k])
            if b.current() < 0:
                b.current(0)

    def _fetch(self, offset, limit):
        f = {k: b.get_value() for k, b in self.filters.items()}
        rows, total = plan.project_page(fiscal_year=f["fiscal_year"], status=f["status"],
                                        channel=f["channel"], issue=f["issue"],
                                        query=self.search_var.get(), offset=offset,
                                        limit=limit, deleted=self.bin_var.get())
        for r in rows:
            r["status"] = plan.status_label(r["status"])
            r["channels"] = ", ".join(plan.channel_label(c) for c in r["channels"])
            r["approved"] = _baht(r["approved"])
            r["issue"] = r["issue_name"] or ""
            r["moo"] = r["moo"] or ""
        return rows, total

    def refresh(self):
        self.table.reload(reset=True)

    def new_project(self):
        if self.app.ctx.role == "viewer":
            return None
        return ProjectForm(self.app.root, self.app, None, on_saved=self.saved)

    def open_project(self, pid):
        if self.bin_var.get():
            return None
        return ProjectForm(self.app.root, self.app, pid, on_saved=self.saved)

    def open_selected(self):
        pid = self.table.selected_id()
        return self.open_project(pid) if pid else None

    def saved(self, project):
        self.load_choices()
        self.refresh()
        if project is not None and self.table.tree.exists(project.id):
            self.table.tree.selection_set(project.id)
            self.table.tree.focus(project.id)

    def _bin_toggled(self):
        if self.bin_var.get():
            self.delete_btn.pack_forget()
            self.restore_btn.pack(side="right")
        else:
            self.restore_btn.pack_forget()
            self.delete_btn.pack(side="right")
        self.refresh()

    def restore_selected(self):
        p = plan.get_project(self.table.selected_id() or "")
        if p is None or not self.bin_var.get():
            return
        try:
            plan.restore_project(self.app.ctx, p)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.app.set_status(_("Project {title} restored.").format(title=p.title))
        self.refresh()

    def delete_selected(self):
        p = plan.get_project(self.table.selected_id() or "")
        if p is None or self.app.ctx.role == "viewer" or self.bin_var.get():
            return
        if not self.app.confirm(_("Move project {title} to the recycle bin?").format(
                title=p.title)):
            return
        try:
            plan.delete_project(self.app.ctx, p, expected_updated_at=p.updated_at)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.app.set_status(_("Project {title} moved to the recycle bin.").format(title=p.title))
        self.refresh()


# --- project window -------------------------------------------------------------------------

class ProjectForm(ttk.Toplevel):
    """One project: its fields and funding lines, its status and history, partners, files."""

    def __init__(self, master, app, project_id=None, on_saved=None):
        super().__init__(master=master, title=_("Project"), size=(1100, 700))
        self.app, self.on_saved = app, on_saved
        self.project = plan.get_project(project_id) if project_id else None
        self.expected = self.project.updated_at if self.project else None
        tambon = self.project.tambon if self.project else tambons.home_tambon()
        self.tambon = tambon
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, padx=8, pady=8)
        page = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(page, text=_("Project and funding"))
        self._build_fields(page)
        self._build_funding(page)
        self._build_buttons(page)
        self.status_page = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(self.status_page, text=_("Status and history"))
        self.links_page = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(self.links_page, text=_("Partners and files"))
        if self.project is not None:
            self._load()
            self._build_status()
            self._build_links()
        else:
            self.funding.add_row({"channel": "own"}, focus=False)
            for p in (self.status_page, self.links_page):
                ttk.Label(p, text=_("Save the project first.")).pack(anchor="w")
        self._snapshot = self._state()
        if app.ctx.role == "viewer":
            self.save_btn.configure(state="disabled")
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.bind("<Control-t>", lambda e: (self.go_status(), "break")[1])
        self.bind("<Escape>", lambda e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.title_e.focus_set()

    # --- building ---------------------------------------------------------------------
    def _build_fields(self, page):
        f = self.form = Form(page, columns=3)
        all_tambons = tambons.tambons()
        self.tambon_box = None
        if self.project is None and len(all_tambons) > 1:     # a district database
            self.tambon_box = f.add("tambon", _("Tambon"), ChoiceBox(
                f, [(t.id, t.name_th) for t in all_tambons], width=20))
            self.tambon_box.set_value(self.tambon.id if self.tambon else None)
            self.tambon_box.bind("<<ComboboxSelected>>", lambda e: self._tambon_changed())
        self.title_e = f.add("title", _("Project title"), ttk.Entry(f, width=40))
        self.fy = f.add("fiscal_year", _("Fiscal year (BE)"), ttk.Entry(f, width=8))
        self.level = f.add("level", _("Level"), ChoiceBox(
            f, [(k, _(v)) for k, v in plan.LEVELS.items()], width=12))
        self.village = f.add("village", _("Village"), ChoiceBox(f, width=24))
        self.issue = f.add("issue", _("Issue"), ChoiceBox(f, width=30))
        self.responsible = f.add("responsible", _("Responsible body"), ttk.Entry(f, width=26))
        self.objective = f.add("objective", _("Objective"), ttk.Entry(f, width=30))
        self.start = f.add("start_date", _("Start (BE)"), BEDateEntry(f))
        self.end = f.add("end_date", _("End (BE)"), BEDateEntry(f))
        self.results = f.add("results", _("Results"), ttk.Entry(f, width=30))
        self.indicators = f.add("indicators", _("Indicators"), ttk.Entry(f, width=30))
        self.budget = f.add("budget", _("Approved budget (baht)"), MoneyEntry(f))
        self.prov_var = tk.BooleanVar(value=False)
        self.provincial = f.add("provincial", _("In the provincial plan"), ttk.Checkbutton(
            f, variable=self.prov_var, bootstyle="round-toggle"))
        self.prov_fy = f.add("provincial_fy", _("Provincial plan fiscal year"),
                             ttk.Entry(f, width=8))
        self.prov_amount = f.add("provincial_amount", _("Amount in the provincial plan"),
                                 MoneyEntry(f))
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=30))
        if self.project is None:
            self.first_status = f.add("status", _("Status"), ChoiceBox(
                f, [(s, plan.status_label(s)) for s in plan.FLOW], width=16))
            self.first_status.set_value("idea")
            self.first_date = f.add("status_date", _("Status date (BE)"), BEDateEntry(f))
            self.first_date.set_date(_dt.date.today())
        f.pack(fill="x")
        self._tambon_choices()
        self.level.set_value("tambon")
        self.fy.insert(0, str(thai.fiscal_year(_dt.date.today())))

    def _tambon_choices(self):
        """Villages and issues of the project's tambon."""
        vs = tambons.villages(self.tambon) if self.tambon else []
        self.village.set_choices([(None, "—")] + [(v.id, tambons.village_label(v)) for v in vs])
        issues = plan.issues_for_tambon(self.tambon) if self.tambon else []
        self.issue.set_choices([(None, "—")] + [(i.id, i.name) for i in issues])
        self.village.set_value(None)
        self.issue.set_value(None)

    def _tambon_changed(self):
        from ..db.models import Tambon

        self.tambon = Tambon.get_or_none(Tambon.id == self.tambon_box.get_value())
        self._tambon_choices()

    def _build_funding(self, page):
        ttk.Label(page, text=_("Funding lines"), font=("", 12, "bold")).pack(anchor="w",
                                                                             pady=(8, 2))
        channels = [(k, plan.channel_label(k)) for k in plan.CHANNELS]
        self.funding = RowsEditor(page, [
            choice_col("channel", _("Channel"), channels, width=22, default="own"),
            text_col("organisation", _("Organisation"), 24),
            money_col("requested", _("Requested (baht)")),
            money_col("approved", _("Approved (baht)")),
            date_col("date", _("Date (BE)"))], height=150, confirm=self.app.confirm)
        self.funding.pack(fill="both", expand=True)

    def _build_buttons(self, page):
        buttons = ttk.Frame(page)
        buttons.pack(fill="x", pady=(8, 0))
        ttk.Button(buttons, text=_("Add funding line"), icon="plus", compound="left",
                   bootstyle="secondary-outline",
                   command=lambda: self.funding.add_row()).pack(side="left")
        self.save_btn = ttk.Button(buttons, text=_("Save (Ctrl+S)"), icon="floppy",
                                   compound="left", bootstyle="primary", command=self.save)
        self.save_btn.pack(side="right")
        ttk.Button(buttons, text=_("Close (Esc)"), bootstyle="secondary",
                   command=self.close).pack(side="right", padx=6)

    def _load(self):
        p = self.project
        self.title(_("Project: {title}").format(title=p.title))
        self.title_e.insert(0, p.title)
        self.fy.delete(0, "end")
        self.fy.insert(0, str(p.fiscal_year))
        self.level.set_value(p.level)
        self.village.set_value(p.village_id)
        self.issue.set_value(p.issue_id)
        for w, v in ((self.responsible, p.responsible), (self.objective, p.objective),
                     (self.results, p.results), (self.indicators, p.indicators),
                     (self.note, p.note)):
            w.insert(0, v or "")
        self.start.set_date(p.start_date)
        self.end.set_date(p.end_date)
        self.budget.set_satang(p.budget)
        self.prov_var.set(bool(p.provincial))
        if p.provincial_fy:
            self.prov_fy.insert(0, str(p.provincial_fy))
        self.prov_amount.set_satang(p.provincial_amount)
        self.funding.set_rows(plan.line_dicts(p))

    def _build_status(self):
        page = self.status_page
        for w in page.winfo_children():
            w.destroy()
        p = self.project
        self.status_now = ttk.Label(page, text=_("Now: {status} since {date}").format(
            status=plan.status_label(p.status), date=thai.format_date(p.status_date)),
            font=("", 12, "bold"))
        self.status_now.pack(anchor="w")
        row = ttk.Frame(page)
        row.pack(fill="x", pady=8)
        ttk.Label(row, text=_("Change to")).pack(side="left")
        self.next_status = ChoiceBox(row, [(s, plan.status_label(s))
                                           for s in plan.allowed_next(p.status)], width=18)
        self.next_status.pack(side="left", padx=(4, 10))
        ttk.Label(row, text=_("on (BE)")).pack(side="left")
        self.status_date = BEDateEntry(row)
        self.status_date.set_date(_dt.date.today())
        self.status_date.pack(side="left", padx=(4, 10))
        ttk.Label(row, text=_("Note")).pack(side="left")
        self.status_note = ttk.Entry(row, width=30)
        self.status_note.pack(side="left", padx=(4, 10))
        self.status_btn = ttk.Button(row, text=_("Change status"), bootstyle="primary",
                                     command=self.change_status)
        self.status_btn.pack(side="left")
        ttk.Button(row, text=_("Undo last change"), bootstyle="secondary-outline",
                   command=self.undo_status).pack(side="left", padx=6)
        for w in (self.next_status, self.status_date):
            next_on_enter(w)
        self.status_note.bind("<Return>", lambda e: (self.change_status(), "break")[1])
        self.status_error = ttk.Label(page, text="", bootstyle="danger")
        self.status_error.pack(anchor="w")
        if self.app.ctx.role == "viewer" or not plan.allowed_next(p.status):
            self.status_btn.configure(state="disabled")
        ttk.Label(page, text=_("History"), font=("", 11, "bold")).pack(anchor="w", pady=(8, 2))
        self.history = _tree(page, [("date", _("Date"), 100, "center"),
                                    ("from", _("From"), 140, "w"), ("to", _("To"), 140, "w"),
                                    ("note", _("Note"), 300, "w"), ("by", _("By"), 100, "w")])
        self.history.pack(fill="both", expand=True)
        _fill(self.history, [(thai.format_date(h.date),
                              plan.status_label(h.from_status) if h.from_status else "",
                              plan.status_label(h.status), h.note, h.updated_by)
                             for h in plan.status_history(p)])

    def _build_links(self):
        page = self.links_page
        for w in page.winfo_children():
            w.destroy()
        ttk.Label(page, text=_("Partner organisations"), font=("", 11, "bold")).pack(anchor="w")
        self.partner_tree = _tree(page, [("name", _("Organisation"), 300, "w"),
                                         ("role", _("Support"), 120, "w")], height=5)
        self.partner_tree.pack(fill="x")
        links = network.project_partners(self.project)
        _fill(self.partner_tree, [(lk.partner.name, _(network.PARTNER_ROLES[lk.role]))
                                  for lk in links])
        row = ttk.Frame(page)
        row.pack(fill="x", pady=6)
        self.partner_box = ChoiceBox(row, [(p.id, p.name) for p in network.partners()],
                                     width=34)
        self.partner_box.pack(side="left")
        self.role_box = ChoiceBox(row, [(k, _(v)) for k, v in network.PARTNER_ROLES.items()],
                                  width=16)
        self.role_box.set_value("support")
        self.role_box.pack(side="left", padx=6)
        ttk.Button(row, text=_("Link partner"), bootstyle="secondary",
                   command=self.link_partner).pack(side="left")
        ttk.Label(page, text=_("Attached files"), font=("", 11, "bold")).pack(anchor="w",
                                                                              pady=(10, 0))
        self.files = _tree(page, [("name", _("File"), 300, "w"), ("note", _("Note"), 300, "w")],
                           height=5)
        self.files.pack(fill="x")
        _fill(self.files, [(a.filename, a.note) for a in plan.project_attachments(self.project)])
        ttk.Button(page, text=_("Attach file…"), icon="paperclip", compound="left",
                   bootstyle="secondary", command=self.choose_file).pack(anchor="w", pady=6)

    # --- reading and saving -----------------------------------------------------------
    def _state(self):
        return ([str(w.get()) for k, w in self.form.fields.items() if k != "provincial"],
                self.prov_var.get(), self.funding.state())

    def dirty(self) -> bool:
        return self._state() != self._snapshot

    def _values(self) -> tuple[dict, list, dict, list]:
        from ..db.models import PlanIssue, Village

        errors = {}
        v = {"tambon": self.tambon, "title": self.title_e.get(),
             "level": self.level.get_value() or "tambon",
             "village": Village.get_or_none(Village.id == self.village.get_value()),
             "issue": PlanIssue.get_or_none(PlanIssue.id == self.issue.get_value()),
             "responsible": self.responsible.get(), "objective": self.objective.get(),
             "results": self.results.get(), "indicators": self.indicators.get(),
             "note": self.note.get(), "provincial": self.prov_var.get()}
        v["fiscal_year"] = _read_year(self.fy.get(), "fiscal_year", errors)
        for key, w in (("start_date", self.start), ("end_date", self.end)):
            try:
                v[key] = w.get_date()
            except thai.ThaiDateError as exc:
                errors[key] = str(exc)
        for key, w in (("budget", self.budget), ("provincial_amount", self.prov_amount)):
            try:
                v[key] = w.get_satang()
            except thai.MoneyError as exc:
                errors[key] = str(exc)
        v["provincial_fy"] = _read_year(self.prov_fy.get(), "provincial_fy", errors,
                                        required=False)
        lines, line_errors, used = self.funding.values()
        errors.update({f"funding.{k}": m for k, m in line_errors.items()})
        for line in lines:
            line["requested"] = line.get("requested") or 0
        return v, lines, errors, used

    def save(self, accept_warnings: bool = False) -> bool:
        self.form.clear_errors()
        v, lines, errors, used = self._values()
        extra = {}
        if self.project is None:
            extra["status"] = self.first_status.get_value() or "idea"
            try:
                extra["status_date"] = self.first_date.get_date()
            except thai.ThaiDateError as exc:
                errors["status_date"] = str(exc)
        try:
            if errors:                      # show the service's messages too, in one go
                try:
                    plan.validate_project(v, lines)
                except ValidationError as exc:
                    errors = {**exc.errors, **errors}
                raise ValidationError(errors)
            saved = plan.save_project(self.app.ctx, v, lines, self.project,
                                      expected_updated_at=self.expected,
                                      accept_warnings=accept_warnings, **extra)
        except plan.FundingWarning as w:
            if self.app.confirm(str(w) + "\n\n" + _("Save anyway?")):
                return self.save(accept_warnings=True)
            return False
        except ValidationError as exc:
            self._show_errors(exc.errors, used)
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.app.set_status(_("Project {title} saved.").format(title=saved.title))
        if self.on_saved:
            self.on_saved(saved)
        self.destroy()
        return True

    def _show_errors(self, errors, used):
        line_errors = {k[len("funding."):]: m for k, m in errors.items()
                       if k.startswith("funding.")}
        form_errors = {k: m for k, m in errors.items() if not k.startswith("funding.")}
        self.form.show_errors(form_errors)
        shown = self.funding.show_errors(line_errors, used)
        if shown and form_errors:
            next(iter(self.form.fields[k] for k in form_errors
                      if k in self.form.fields), self.title_e).focus_set()

    # --- status -------------------------------------------------------------------------
    def go_status(self):
        if self.project is None:
            return
        self.notebook.select(self.status_page)
        self.next_status.focus_set()

    def change_status(self) -> bool:
        status = self.next_status.get_value()
        self.status_error.configure(text="")
        try:
            if status is None:
                raise ValidationError({"status": _("Choose the status.")})
            day = self.status_date.get_date()
            self.project = plan.set_status(self.app.ctx, self.project, status, day,
                                           self.status_note.get(),
                                           expected_updated_at=self.expected)
        except thai.ThaiDateError as exc:
            self.status_error.configure(text=str(exc))
            return False
        except ValidationError as exc:
            self.status_error.configure(text=" ".join(exc.errors.values()))
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.expected = self.project.updated_at
        self.app.set_status(_("{title}: {status}").format(
            title=self.project.title, status=plan.status_label(self.project.status)))
        self._build_status()
        self.next_status.focus_set()
        if self.on_saved:
            self.on_saved(self.project)
        return True

    def undo_status(self):
        if not self.app.confirm(_("Take back the last status change?")):
            return
        try:
            self.project = plan.undo_status(self.app.ctx, self.project)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.expected = self.project.updated_at
        self._build_status()
        if self.on_saved:
            self.on_saved(self.project)

    # --- partners and files -----------------------------------------------------------
    def link_partner(self):
        from ..db.models import Partner

        partner = Partner.get_or_none(Partner.id == self.partner_box.get_value())
        if partner is None:
            return
        try:
            network.link_partner(self.app.ctx, self.project, partner,
                                 self.role_box.get_value() or "support")
        except UserError as exc:
            self.app.show_error(exc)
            return
        self._build_links()

    def choose_file(self):
        from tkinter import filedialog

        path = filedialog.askopenfilename(parent=self, title=_("Attach file…"))
        if path:
            self.attach(path)

    def attach(self, path) -> None:
        try:
            plan.attach_to_project(self.app.ctx, self.project, path)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self._build_links()

    def close(self):
        if self.dirty() and not self.app.confirm(
                _("Close without saving? What you typed will be lost.")):
            return
        self.destroy()


# --- plan and issues ------------------------------------------------------------------------

class PlanEditor(ttk.Frame):
    """The tambon's master plan (period, vision) and its issues, editable."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.tambon = tambons.home_tambon()
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text=_("Plan")).pack(side="left")
        self.plan_box = ChoiceBox(top, width=50)
        self.plan_box.pack(side="left", padx=6)
        self.plan_box.bind("<<ComboboxSelected>>", lambda e: self.load_plan())
        self.new_plan_btn = ttk.Button(top, text=_("New plan"), icon="plus", compound="left",
                                       bootstyle="secondary-outline", command=self.new_plan)
        self.new_plan_btn.pack(side="left")
        f = self.form = Form(self, columns=3)
        self.title_e = f.add("title", _("Plan title"), ttk.Entry(f, width=40))
        self.start = f.add("period_start", _("From year (BE)"), ttk.Entry(f, width=8))
        self.end = f.add("period_end", _("To year (BE)"), ttk.Entry(f, width=8))
        self.vision = f.add("vision", _("Vision"), ttk.Entry(f, width=60), span=2)
        self.village = f.add("village", _("Village (when the village keeps its own)"),
                             ChoiceBox(f, width=24))
        f.pack(fill="x", pady=8)
        self.save_btn = ttk.Button(self, text=_("Save plan"), bootstyle="primary",
                                   command=self.save_plan)
        self.save_btn.pack(anchor="e")
        if app.ctx.role == "viewer":
            self.save_btn.configure(state="disabled")
        ttk.Label(self, text=_("Issues"), font=("", 12, "bold")).pack(anchor="w", pady=(8, 2))
        self.issues = _tree(self, [("name", _("Issue"), 280, "w"),
                                   ("description", _("Description"), 400, "w"),
                                   ("projects", _("Projects"), 90, "e")], height=9)
        self.issues.pack(fill="both", expand=True)
        self.issues.bind("<<TreeviewSelect>>", lambda e: self._issue_selected())
        row = ttk.Frame(self)
        row.pack(fill="x", pady=6)
        ttk.Label(row, text=_("Issue")).pack(side="left")
        self.issue_name = ttk.Entry(row, width=30)
        self.issue_name.pack(side="left", padx=4)
        ttk.Label(row, text=_("Description")).pack(side="left")
        self.issue_desc = ttk.Entry(row, width=40)
        self.issue_desc.pack(side="left", padx=4)
        self.issue_desc.bind("<Return>", lambda e: (self.add_issue(), "break")[1])
        next_on_enter(self.issue_name)
        row2 = ttk.Frame(self)
        row2.pack(fill="x")
        self.issue_btns = [
            ttk.Button(row2, text=_("Delete"), bootstyle="danger-outline",
                       command=self.delete_issue),
            ttk.Button(row2, text=_("Rename"), bootstyle="secondary-outline",
                       command=self.rename_issue),
            ttk.Button(row2, text=_("Add issue"), bootstyle="secondary", command=self.add_issue)]
        for b in self.issue_btns:
            b.pack(side="right", padx=2)
        if app.ctx.role == "viewer":        # a viewer reads the plan; the buttons would only
            for b in self.issue_btns + [self.new_plan_btn]:    # end in a refusal
                b.configure(state="disabled")
        self.error = ttk.Label(self, text="", bootstyle="danger")
        self.error.pack(anchor="w")
        self.plan = None
        self.refresh()

    def refresh(self):
        if self.tambon is None:
            self.tambon = tambons.home_tambon()
        if self.tambon is None:
            return
        vs = tambons.villages(self.tambon)
        self.village.set_choices([(None, "—")] + [(v.id, tambons.village_label(v)) for v in vs])
        ps = plan.plans(self.tambon)
        self.plan_box.set_choices([(p.id, f"{p.title} ({p.period_start}–{p.period_end})")
                                   for p in ps])
        keep = self.plan.id if self.plan is not None else (ps[0].id if ps else None)
        self.plan = next((p for p in ps if p.id == keep), None)
        self.plan_box.set_value(keep)
        self.load_plan()

    def load_plan(self):
        from ..db.models import MasterPlan

        self.plan = MasterPlan.get_or_none(MasterPlan.id == self.plan_box.get_value())
        for w in (self.title_e, self.start, self.end, self.vision):
            w.delete(0, "end")
        self.village.set_value(None)
        if self.plan is not None:
            self.title_e.insert(0, self.plan.title)
            self.start.insert(0, str(self.plan.period_start))
            self.end.insert(0, str(self.plan.period_end))
            self.vision.insert(0, self.plan.vision)
            self.village.set_value(self.plan.village_id)
        self._load_issues()

    def _load_issues(self):
        from ..db.models import Project

        self.issues.delete(*self.issues.get_children())
        if self.plan is None:
            return
        for i in plan.issues_of(self.plan):
            n = Project.alive().where(Project.issue == i).count()
            self.issues.insert("", "end", iid=i.id, values=(i.name, i.description, n))

    def new_plan(self):
        self.plan = None
        self.plan_box.set("")
        for w in (self.title_e, self.start, self.end, self.vision):
            w.delete(0, "end")
        self._load_issues()
        self.title_e.focus_set()

    def save_plan(self) -> bool:
        from ..db.models import Village

        errors = {}
        start = _read_year(self.start.get(), "period_start", errors)
        end = _read_year(self.end.get(), "period_end", errors)
        if errors:
            self.form.show_errors(errors)
            return False
        ok, saved = call_service(self.app, lambda: plan.save_plan(
            self.app.ctx, self.tambon, self.title_e.get(), start, end, self.vision.get(),
            village=Village.get_or_none(Village.id == self.village.get_value()),
            plan=self.plan, expected_updated_at=self.plan.updated_at if self.plan else None),
            self.form)
        if not ok:
            return False
        self.plan = saved
        self.form.clear_errors()
        self.app.set_status(_("Plan saved."))
        self.refresh()
        return True

    def _issue_selected(self):
        from ..db.models import PlanIssue

        sel = self.issues.selection()
        issue = PlanIssue.get_or_none(PlanIssue.id == sel[0]) if sel else None
        if issue is not None:
            self.issue_name.delete(0, "end")
            self.issue_name.insert(0, issue.name)
            self.issue_desc.delete(0, "end")
            self.issue_desc.insert(0, issue.description)

    def _issue_action(self, fn) -> bool:
        self.error.configure(text="")
        if self.plan is None:
            self.error.configure(text=_("Save the plan first."))
            return False
        try:
            fn()
        except ValidationError as exc:
            self.error.configure(text=" ".join(exc.errors.values()))
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.issue_name.delete(0, "end")
        self.issue_desc.delete(0, "end")
        self._load_issues()
        self.issue_name.focus_set()
        return True

    def add_issue(self):
        return self._issue_action(lambda: plan.save_issue(
            self.app.ctx, self.plan, self.issue_name.get(), self.issue_desc.get()))

    def _selected_issue(self):
        from ..db.models import PlanIssue

        sel = self.issues.selection()
        return PlanIssue.get_or_none(PlanIssue.id == sel[0]) if sel else None

    def rename_issue(self):
        issue = self._selected_issue()
        if issue is not None:
            return self._issue_action(lambda: plan.save_issue(
                self.app.ctx, self.plan, self.issue_name.get(), self.issue_desc.get(),
                issue=issue))
        return False

    def delete_issue(self):
        issue = self._selected_issue()
        if issue is not None and self.app.confirm(_("Delete the issue {name}?").format(
                name=issue.name)):
            return self._issue_action(lambda: plan.delete_issue(self.app.ctx, issue))
        return False


# --- summaries ------------------------------------------------------------------------------

class Summary(ttk.Frame):
    """The seed's tables from the data: per channel with averages per tambon, the provincial
    plan, per tambon, by issue and status. Scope: every tambon in the database, or one
    district (a district office's merged database)."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        ttk.Label(bar, text=_("Fiscal year")).pack(side="left")
        self.fy = ChoiceBox(bar, width=8)
        self.fy.pack(side="left", padx=(4, 12))
        ttk.Label(bar, text=_("Tambons")).pack(side="left")
        self.scope = ChoiceBox(bar, width=36)
        self.scope.pack(side="left", padx=4)
        for box in (self.fy, self.scope):
            box.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        self.headline = ttk.Label(self, text="", font=("", 11, "bold"))
        self.headline.pack(anchor="w", pady=(8, 2))
        self.groups = _tree(self, [("group", _("Funding channel"), 220, "w"),
                                   ("count", _("Projects"), 90, "e"),
                                   ("approved", _("Budget (baht)"), 150, "e"),
                                   ("avg_count", _("Projects per tambon"), 140, "e"),
                                   ("avg_budget", _("Baht per tambon"), 150, "e")], height=4)
        self.groups.pack(fill="x")
        self.provincial = ttk.Label(self, text="")
        self.provincial.pack(anchor="w", pady=4)
        ttk.Label(self, text=_("Per tambon"), font=("", 11, "bold")).pack(anchor="w")
        self.per_tambon = _tree(self, [("tambon", _("Tambon"), 140, "w")], height=5)
        self.per_tambon.pack(fill="x")
        ttk.Label(self, text=_("Projects by issue and status"),
                  font=("", 11, "bold")).pack(anchor="w", pady=(6, 0))
        self.statuses = flow_statuses()
        self.by_status = _tree(self, [("issue", _("Issue"), 200, "w")] + [
            (s, plan.status_label(s), 95, "e") for s in self.statuses], height=6)
        self.by_status.pack(fill="both", expand=True)
        self.load_choices()

    def load_choices(self):
        keep_fy, keep_scope = self.fy.get_value(), self.scope.get_value()
        self.fy.set_choices([(None, _("All"))] + [(y, str(y)) for y in plan.fiscal_years()])
        ts = tambons.tambons()
        districts = {}
        for t in ts:
            districts.setdefault(t.district_code, t.district_th)
        choices = [(None, _("All tambons in this database"))]
        if len(districts) > 1:
            choices += [(("d", code), _("District {name}").format(name=name))
                        for code, name in districts.items()]
        if len(ts) > 1:
            choices += [(("t", t.id), _("Tambon {name}").format(name=t.name_th)) for t in ts]
        self.scope.set_choices(choices)
        self.fy.set_value(keep_fy)
        if self.fy.current() < 0:
            self.fy.current(0)
        self.scope.set_value(keep_scope)
        if self.scope.current() < 0:
            self.scope.current(0)

    def _scope(self) -> dict:
        v = self.scope.get_value()
        if v is None:
            return {}
        return {"district_code": v[1]} if v[0] == "d" else {"tambon": v[1]}

    def refresh(self):
        scope, fy = self._scope(), self.fy.get_value()
        s = funding_summary(fiscal_year=fy, **scope)
        prov = provincial_summary(**scope)
        self.headline.configure(text=_("{n} tambons").format(n=s.n_tambons))
        _fill(self.groups, [(_(label), f"{s.totals[g].count:,}", _baht(s.totals[g].approved),
                             format_count(s.average_count(g)), _baht(s.average_budget(g)))
                            for g, (label, _c) in s.groups.items()])
        self.provincial.configure(text=_("Provincial development plan") + ": " + _(
            "{n} projects, {baht} baht").format(n=f"{prov.count:,}",
                                                  baht=thai.format_baht(prov.total)))
        # the seed's three channels always; "other" only when used (the report has them all)
        shown = [g for g in GROUPS if g != "other" or s.totals[g].count]
        cols = [("tambon", _("Tambon"), 140, "w")]
        for g in shown:
            cols += [(g + "_n", _("{channel}: projects").format(channel=_(SHORT[g])), 110, "e"),
                     (g + "_b", _("{channel}: baht").format(channel=_(SHORT[g])), 120, "e")]
        self.per_tambon.configure(columns=[c[0] for c in cols])
        for key, title, width, anchor in cols:
            self.per_tambon.heading(key, text=title, anchor=anchor)
            self.per_tambon.column(key, width=width, anchor=anchor, stretch=key == "tambon")
        rows = []
        for t in s.tambons:
            row = [t.name_th]
            for g in shown:
                row += [s.rows[t.id][g].count, _baht(s.rows[t.id][g].approved)]
            rows.append(row)
        _fill(self.per_tambon, rows)
        st = by_issue_status(fiscal_year=fy, **scope)
        _fill(self.by_status, [[name or _("(no issue)")] + [st[name][k] for k in self.statuses]
                               for name in sorted(st, key=lambda n: (n == "",
                                                                     thai.thai_sort_key(n)))])
        self.summary = s
        return s


class PlanView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Master plan"), font=("", 16, "bold")).pack(anchor="w")
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(6, 0))
        self.projects = ProjectList(self.notebook, app)
        self.editor = PlanEditor(self.notebook, app)
        self.summary = Summary(self.notebook, app)
        self.notebook.add(self.projects, text=_("Projects"))
        self.notebook.add(self.editor, text=_("Plan and issues"))
        self.notebook.add(self.summary, text=_("Summary"))
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self.on_show())

    def on_show(self):
        tab = self.notebook.nametowidget(self.notebook.select())
        if tab is self.projects:
            self.projects.load_choices()
            self.projects.refresh()
            self.projects.search.focus_set()
        elif tab is self.editor:
            self.editor.refresh()
        else:
            self.summary.load_choices()
            self.summary.refresh()

