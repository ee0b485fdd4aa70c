"""The project window: fields, funding lines, status with its dated history, partners, files.

Keyboard-first: Enter moves on (Enter on the last funding field adds a line), Ctrl+S saves,
Ctrl+T goes to the status change, Esc closes.
"""

from __future__ import annotations

import datetime as _dt
import tkinter as tk

import ttkbootstrap as ttk

from ... import plan, registry, thai
from ...core.errors import UserError, ValidationError
from ...core.i18n import _
from ..fonts import BOLD, SUBHEADING
from ..rows_editor import RowsEditor, choice_col, date_col, money_col, text_col
from ..widgets import (
    BEDateEntry,
    ChoiceBox,
    Form,
    MoneyEntry,
    ScrollableFrame,
    call_service,
    fit_window,
    next_on_enter,
)
from .common import _fill, _read_year, _tree

# --- project window -------------------------------------------------------------------------


class ProjectForm(ttk.Toplevel):
    """One project: its fields and funding lines, its status and history, partners, files."""

    def __init__(self, master, app, project_id=None, on_saved=None):
        super().__init__(master=master, title=_("Project"))
        fit_window(self, 1100, 720)  # never larger than the screen it opens on
        self.app, self.on_saved = app, on_saved
        self.project = plan.get_project(project_id) if project_id else None
        self.expected = self.project.updated_at if self.project else None
        tambon = self.project.tambon if self.project else registry.home_tambon()
        self.tambon = tambon
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, padx=8, pady=8)
        page = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(page, text=_("Project and funding"))
        body = ScrollableFrame(page)  # made first: Tab reaches the buttons last
        self._build_buttons(page)  # packed at the bottom first: always visible
        body.pack(fill="both", expand=True)
        self._build_fields(body.inner)
        self._build_funding(body.inner)
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
        all_tambons = registry.tambons()
        self.tambon_box = None
        if self.project is None and len(all_tambons) > 1:  # a district database
            self.tambon_box = f.add(
                "tambon",
                _("Tambon"),
                ChoiceBox(f, [(t.id, t.name_th) for t in all_tambons], width=20),
            )
            self.tambon_box.set_value(self.tambon.id if self.tambon else None)
            self.tambon_box.bind("<<ComboboxSelected>>", lambda e: self._tambon_changed())
        self.title_e = f.add("title", _("Project title"), ttk.Entry(f, width=40))
        self.fy = f.add("fiscal_year", _("Fiscal year (BE)"), ttk.Entry(f, width=8))
        self.level = f.add(
            "level", _("Level"), ChoiceBox(f, [(k, _(v)) for k, v in plan.LEVELS.items()], width=12)
        )
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
        self.provincial = f.add(
            "provincial",
            _("In the provincial plan"),
            ttk.Checkbutton(f, variable=self.prov_var, bootstyle="round-toggle"),
        )
        self.prov_fy = f.add(
            "provincial_fy", _("Provincial plan fiscal year"), ttk.Entry(f, width=8)
        )
        self.prov_amount = f.add(
            "provincial_amount", _("Amount in the provincial plan"), MoneyEntry(f)
        )
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=30))
        if self.project is None:
            self.first_status = f.add(
                "status",
                _("Status"),
                ChoiceBox(f, [(s, plan.status_label(s)) for s in plan.FLOW], width=16),
            )
            self.first_status.set_value("idea")
            self.first_date = f.add("status_date", _("Status date (BE)"), BEDateEntry(f))
            self.first_date.set_date(_dt.date.today())
        f.pack(fill="x")
        self._tambon_choices()
        self.level.set_value("tambon")
        self.fy.insert(0, str(thai.fiscal_year(_dt.date.today())))

    def _tambon_choices(self):
        """Villages and issues of the project's tambon."""
        vs = registry.villages(self.tambon) if self.tambon else []
        self.village.set_choices([(None, "—")] + [(v.id, registry.village_label(v)) for v in vs])
        issues = plan.issues_for_tambon(self.tambon) if self.tambon else []
        self.issue.set_choices([(None, "—")] + [(i.id, i.name) for i in issues])
        self.village.set_value(None)
        self.issue.set_value(None)

    def _tambon_changed(self):
        self.tambon = registry.get_tambon(self.tambon_box.get_value())
        self._tambon_choices()

    def _build_funding(self, page):
        ttk.Label(page, text=_("Funding lines"), font=SUBHEADING).pack(anchor="w", pady=(8, 2))
        channels = [(k, plan.channel_label(k)) for k in plan.CHANNELS]
        self.funding = RowsEditor(
            page,
            [
                choice_col("channel", _("Channel"), channels, width=22, default="own"),
                text_col("organisation", _("Organisation"), 24),
                money_col("requested", _("Requested (baht)")),
                money_col("approved", _("Approved (baht)")),
                date_col("date", _("Date (BE)")),
            ],
            height=150,
            confirm=self.app.confirm,
        )
        self.funding.pack(fill="both", expand=True)

    def _build_buttons(self, page):
        buttons = ttk.Frame(page)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        ttk.Button(
            buttons,
            text=_("Add funding line"),
            icon="plus",
            compound="left",
            bootstyle="secondary-outline",
            command=lambda: self.funding.add_row(),
        ).pack(side="left")
        self.save_btn = ttk.Button(
            buttons,
            text=_("Save (Ctrl+S)"),
            icon="floppy",
            compound="left",
            bootstyle="primary",
            command=self.save,
        )
        self.save_btn.pack(side="right")
        ttk.Button(buttons, text=_("Close (Esc)"), bootstyle="secondary", command=self.close).pack(
            side="right", padx=6
        )

    def _load(self):
        p = self.project
        self.title(_("Project: {title}").format(title=p.title))
        self.title_e.insert(0, p.title)
        self.fy.delete(0, "end")
        self.fy.insert(0, str(p.fiscal_year))
        self.level.set_value(p.level)
        self.village.set_value(p.village_id)
        self.issue.set_value(p.issue_id)
        for w, v in (
            (self.responsible, p.responsible),
            (self.objective, p.objective),
            (self.results, p.results),
            (self.indicators, p.indicators),
            (self.note, p.note),
        ):
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
        self.status_now = ttk.Label(
            page,
            text=_("Now: {status} since {date}").format(
                status=plan.status_label(p.status), date=thai.format_date(p.status_date)
            ),
            font=SUBHEADING,
        )
        self.status_now.pack(anchor="w")
        row = ttk.Frame(page)
        row.pack(fill="x", pady=8)
        ttk.Label(row, text=_("Change to")).pack(side="left")
        self.next_status = ChoiceBox(
            row, [(s, plan.status_label(s)) for s in plan.allowed_next(p.status)], width=18
        )
        self.next_status.pack(side="left", padx=(4, 10))
        ttk.Label(row, text=_("on (BE)")).pack(side="left")
        self.status_date = BEDateEntry(row)
        self.status_date.set_date(_dt.date.today())
        self.status_date.pack(side="left", padx=(4, 10))
        ttk.Label(row, text=_("Note")).pack(side="left")
        self.status_note = ttk.Entry(row, width=24)
        self.status_note.pack(side="left", padx=(4, 10))
        row2 = ttk.Frame(page)  # the buttons on their own row: never squeezed
        row2.pack(fill="x", pady=(0, 4))
        self.status_btn = ttk.Button(
            row2, text=_("Change status"), bootstyle="primary", command=self.change_status
        )
        self.status_btn.pack(side="left")
        ttk.Button(
            row2,
            text=_("Undo last change"),
            bootstyle="secondary-outline",
            command=self.undo_status,
        ).pack(side="left", padx=6)
        for w in (self.next_status, self.status_date):
            next_on_enter(w)
        self.status_note.bind("<Return>", lambda e: (self.change_status(), "break")[1])
        self.status_error = ttk.Label(page, text="", bootstyle="danger")
        self.status_error.pack(anchor="w")
        if self.app.ctx.role == "viewer" or not plan.allowed_next(p.status):
            self.status_btn.configure(state="disabled")
        ttk.Label(page, text=_("History"), font=BOLD).pack(anchor="w", pady=(8, 2))
        self.history = _tree(
            page,
            [
                ("date", _("Date"), 100, "center"),
                ("from", _("From"), 140, "w"),
                ("to", _("To"), 140, "w"),
                ("note", _("Note"), 300, "w"),
                ("by", _("By"), 100, "w"),
            ],
        )
        self.history.pack(fill="both", expand=True)
        _fill(
            self.history,
            [
                (
                    thai.format_date(h.date),
                    plan.status_label(h.from_status) if h.from_status else "",
                    plan.status_label(h.status),
                    h.note,
                    h.updated_by,
                )
                for h in plan.status_history(p)
            ],
        )

    def _build_links(self):
        page = self.links_page
        for w in page.winfo_children():
            w.destroy()
        ttk.Label(page, text=_("Partner organisations"), font=BOLD).pack(anchor="w")
        self.partner_tree = _tree(
            page,
            [("name", _("Organisation"), 300, "w"), ("role", _("Support"), 120, "w")],
            height=5,
        )
        self.partner_tree.pack(fill="x")
        for lk in plan.project_partners(self.project):
            self.partner_tree.insert(
                "", "end", iid=lk.id, values=(lk.partner.name, _(plan.PARTNER_ROLES[lk.role]))
            )
        self.partner_tree.bind("<Delete>", lambda e: self.unlink_partner())
        row = ttk.Frame(page)
        row.pack(fill="x", pady=6)
        self.partner_box = ChoiceBox(row, [(p.id, p.name) for p in plan.partners()], width=34)
        self.partner_box.pack(side="left")
        self.role_box = ChoiceBox(row, [(k, _(v)) for k, v in plan.PARTNER_ROLES.items()], width=16)
        self.role_box.set_value("support")
        self.role_box.pack(side="left", padx=6)
        ttk.Button(
            row, text=_("Link partner"), bootstyle="secondary", command=self.link_partner
        ).pack(side="left")
        ttk.Button(
            row, text=_("Unlink (Delete)"), bootstyle="danger-outline", command=self.unlink_partner
        ).pack(side="left", padx=(6, 0))
        ttk.Label(page, text=_("Attached files"), font=BOLD).pack(anchor="w", pady=(10, 0))
        self.files = _tree(
            page, [("name", _("File"), 300, "w"), ("note", _("Note"), 300, "w")], height=5
        )
        self.files.pack(fill="x")
        self._attachments = {a.id: a for a in plan.project_attachments(self.project)}
        for a in self._attachments.values():
            self.files.insert("", "end", iid=a.id, values=(a.filename, a.note))
        self.files.bind("<Delete>", lambda e: self.remove_file())
        file_row = ttk.Frame(page)
        file_row.pack(fill="x", pady=6)
        ttk.Button(
            file_row,
            text=_("Attach file…"),
            icon="paperclip",
            compound="left",
            bootstyle="secondary",
            command=self.choose_file,
        ).pack(side="left")
        ttk.Button(
            file_row,
            text=_("Remove file (Delete)"),
            bootstyle="danger-outline",
            command=self.remove_file,
        ).pack(side="left", padx=(6, 0))

    # --- reading and saving -----------------------------------------------------------
    def _state(self):
        return (
            [str(w.get()) for k, w in self.form.fields.items() if k != "provincial"],
            self.prov_var.get(),
            self.funding.state(),
        )

    def dirty(self) -> bool:
        return self._state() != self._snapshot

    def _values(self) -> tuple[dict, list, dict, list]:
        errors = {}
        v = {
            "tambon": self.tambon,
            "title": self.title_e.get(),
            "level": self.level.get_value() or "tambon",
            "village": registry.get_village(self.village.get_value()),
            "issue": plan.get_issue(self.issue.get_value()),
            "responsible": self.responsible.get(),
            "objective": self.objective.get(),
            "results": self.results.get(),
            "indicators": self.indicators.get(),
            "note": self.note.get(),
            "provincial": self.prov_var.get(),
        }
        v["fiscal_year"] = _read_year(self.fy, "fiscal_year", errors, app=self.app)
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
        v["provincial_fy"] = _read_year(self.prov_fy.get(), "provincial_fy", errors, required=False)
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
            if errors:  # show the service's messages too, in one go
                try:
                    plan.validate_project(v, lines)
                except ValidationError as exc:
                    errors = {**exc.errors, **errors}
                raise ValidationError(errors)
            saved = plan.save_project(
                self.app.ctx,
                v,
                lines,
                self.project,
                expected_updated_at=self.expected,
                accept_warnings=accept_warnings,
                **extra,
            )
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
        line_errors = {
            k[len("funding.") :]: m for k, m in errors.items() if k.startswith("funding.")
        }
        form_errors = {k: m for k, m in errors.items() if not k.startswith("funding.")}
        self.form.show_errors(form_errors)
        shown = self.funding.show_errors(line_errors, used)
        if shown and form_errors:
            next(
                iter(self.form.fields[k] for k in form_errors if k in self.form.fields),
                self.title_e,
            ).focus_set()

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
            self.project = plan.set_status(
                self.app.ctx,
                self.project,
                status,
                day,
                self.status_note.get(),
                expected_updated_at=self.expected,
            )
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
        self.app.set_status(
            _("{title}: {status}").format(
                title=self.project.title, status=plan.status_label(self.project.status)
            )
        )
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
        partner = plan.get_partner(self.partner_box.get_value())
        if partner is None:
            return
        try:
            plan.link_partner(
                self.app.ctx, self.project, partner, self.role_box.get_value() or "support"
            )
        except UserError as exc:
            self.app.show_error(exc)
            return
        self._build_links()

    def unlink_partner(self) -> bool:
        sel = self.partner_tree.selection()
        link = plan.get_partner_link(sel[0]) if sel else None
        if link is None or not self.app.confirm(
            _("Unlink {name} from this project?").format(name=link.partner.name)
        ):
            return False
        ok, _result = call_service(self.app, lambda: plan.unlink_partner(self.app.ctx, link))
        if ok:
            self._build_links()
        return ok

    def remove_file(self) -> bool:
        sel = self.files.selection()
        att = self._attachments.get(sel[0]) if sel else None
        if att is None or not self.app.confirm(
            _("Remove the file {name} from this project?").format(name=att.filename)
        ):
            return False
        ok, _result = call_service(self.app, lambda: plan.remove_project_file(self.app.ctx, att))
        if ok:
            self._build_links()
        return ok

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
            _("Close without saving? What you typed will be lost.")
        ):
            return
        self.destroy()
