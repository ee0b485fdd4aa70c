"""The project list of the master plan: filters, search as you type, Enter opens, Ctrl+N adds."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from ... import plan, registry
from ...core.errors import UserError
from ...core.i18n import _
from ...plan import flow_statuses
from ..record_buttons import RecordButtons
from ..widgets import ChoiceBox, PagedTable
from .common import _baht
from .project_form import ProjectForm

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
        for parent, key, label, width in (
            (bar, "fiscal_year", _("Fiscal year"), 8),
            (bar, "status", _("Status"), 16),
            (bar2, "channel", _("Channel"), 22),
            (bar2, "issue", _("Issue"), 26),
        ):
            ttk.Label(parent, text=label).pack(side="left")
            box = ChoiceBox(parent, width=width)
            box.pack(side="left", padx=(4, 8))
            box.bind("<<ComboboxSelected>>", lambda e: self.refresh())
            self.filters[key] = box
        self.buttons = RecordButtons(
            bar2,
            _("New project"),
            on_new=self.new_project,
            on_open=self.open_selected,
            on_delete=self.delete_selected,
            on_restore=self.restore_selected,
            side="right",
            can_edit=app.ctx.role != "viewer",
        )
        self.add_btn, self.delete_btn = self.buttons.new, self.buttons.delete
        self.restore_btn = self.buttons.restore
        self.bin_var = self.buttons.bin_switch(bar, self.refresh)
        cols = (
            ("title", _("Project"), 240, "w"),
            ("fiscal_year", _("Fiscal year"), 70, "center"),
            ("status", _("Status"), 115, "w"),
            ("issue", _("Issue"), 160, "w"),
            ("moo", _("Moo"), 40, "center"),
            ("channels", _("Funding channels"), 170, "w"),
            ("approved", _("Approved (baht)"), 110, "e"),
        )
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
        f["fiscal_year"].set_choices(
            [(None, _("All"))] + [(y, str(y)) for y in plan.fiscal_years()]
        )
        f["status"].set_choices(
            [(None, _("All"))] + [(s, plan.status_label(s)) for s in flow_statuses()]
        )
        f["channel"].set_choices(
            [(None, _("All"))] + [(c, plan.channel_label(c)) for c in plan.CHANNELS]
        )
        issues = [i for t in registry.tambons() for i in plan.issues_for_tambon(t)]
        f["issue"].set_choices([(None, _("All"))] + [(i.id, i.name) for i in issues])
        for k, b in f.items():
            b.set_value(keep[k])
            if b.current() < 0:
                b.current(0)

    def _fetch(self, offset, limit):
        f = {k: b.get_value() for k, b in self.filters.items()}
        rows, total = plan.project_page(
            fiscal_year=f["fiscal_year"],
            status=f["status"],
            channel=f["channel"],
            issue=f["issue"],
            query=self.search_var.get(),
            offset=offset,
            limit=limit,
            deleted=self.bin_var.get(),
        )
        for r in rows:
            r["status"] = plan.status_label(r["status"])
            r["channels"] = ", ".join(plan.channel_label(c) for c in r["channels"])
            # the project's approved budget when its funding lines carry no approved sum yet
            r["approved"] = _baht(r["approved"] or r.get("budget"))
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
        if not self.app.confirm(
            _("Move project {title} to the recycle bin?").format(title=p.title)
        ):
            return
        try:
            plan.delete_project(self.app.ctx, p, expected_updated_at=p.updated_at)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.app.set_status(_("Project {title} moved to the recycle bin.").format(title=p.title))
        self.refresh()
