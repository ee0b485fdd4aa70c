"""The plan and its issues (ประเด็น): name the plan, add, order and retire its issues."""

from __future__ import annotations

import ttkbootstrap as ttk

from ... import plan, registry
from ...core.errors import UserError, ValidationError
from ...core.i18n import _
from ..fonts import SUBHEADING
from ..widgets import ChoiceBox, Form, call_service, next_on_enter
from .common import _read_year, _tree

# --- plan and issues ------------------------------------------------------------------------


class PlanEditor(ttk.Frame):
    """The tambon's master plan (period, vision) and its issues, editable."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.tambon = registry.home_tambon()
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text=_("Plan")).pack(side="left")
        self.plan_box = ChoiceBox(top, width=50)
        self.plan_box.pack(side="left", padx=6)
        self.plan_box.bind("<<ComboboxSelected>>", lambda e: self.load_plan())
        self.new_plan_btn = ttk.Button(
            top,
            text=_("New plan"),
            icon="plus",
            compound="left",
            bootstyle="secondary-outline",
            command=self.new_plan,
        )
        self.new_plan_btn.pack(side="left")
        self.delete_plan_btn = ttk.Button(
            top, text=_("Delete plan"), bootstyle="danger-outline", command=self.delete_plan
        )
        self.delete_plan_btn.pack(side="left", padx=(6, 0))
        f = self.form = Form(self, columns=2)
        self.title_e = f.add("title", _("Plan title"), ttk.Entry(f, width=30))
        self.start = f.add("period_start", _("From year (BE)"), ttk.Entry(f, width=8))
        self.end = f.add("period_end", _("To year (BE)"), ttk.Entry(f, width=8))
        self.vision = f.add("vision", _("Vision"), ttk.Entry(f, width=44), span=2)
        self.village = f.add(
            "village", _("Village (when the village keeps its own)"), ChoiceBox(f, width=24)
        )
        f.pack(fill="x", pady=8)
        self.save_btn = ttk.Button(
            self, text=_("Save plan"), bootstyle="primary", command=self.save_plan
        )
        self.save_btn.pack(anchor="e")
        if app.ctx.role == "viewer":
            self.save_btn.configure(state="disabled")
            self.delete_plan_btn.configure(state="disabled")
        ttk.Label(self, text=_("Issues"), font=SUBHEADING).pack(anchor="w", pady=(8, 2))
        self.issues = _tree(
            self,
            [
                ("name", _("Issue"), 280, "w"),
                ("description", _("Description"), 400, "w"),
                ("projects", _("Projects"), 90, "e"),
            ],
            height=9,
        )
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
            ttk.Button(
                row2, text=_("Delete"), bootstyle="danger-outline", command=self.delete_issue
            ),
            ttk.Button(
                row2, text=_("Rename"), bootstyle="secondary-outline", command=self.rename_issue
            ),
            ttk.Button(row2, text=_("Add issue"), bootstyle="secondary", command=self.add_issue),
        ]
        for b in self.issue_btns:
            b.pack(side="right", padx=2)
        if app.ctx.role == "viewer":  # a viewer reads the plan; the buttons would only
            for b in self.issue_btns + [self.new_plan_btn]:  # end in a refusal
                b.configure(state="disabled")
        self.error = ttk.Label(self, text="", bootstyle="danger")
        self.error.pack(anchor="w")
        self.plan = None
        self.refresh()

    def refresh(self):
        if self.tambon is None:
            self.tambon = registry.home_tambon()
        if self.tambon is None:
            return
        vs = registry.villages(self.tambon)
        self.village.set_choices([(None, "—")] + [(v.id, registry.village_label(v)) for v in vs])
        ps = plan.plans(self.tambon)
        self.plan_box.set_choices(
            [(p.id, f"{p.title} ({p.period_start}–{p.period_end})") for p in ps]
        )
        keep = self.plan.id if self.plan is not None else (ps[0].id if ps else None)
        self.plan = next((p for p in ps if p.id == keep), None)
        self.plan_box.set_value(keep)
        self.load_plan()

    def load_plan(self):
        self.plan = plan.get_plan(self.plan_box.get_value())
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
        self.issues.delete(*self.issues.get_children())
        if self.plan is None:
            return
        counts = plan.project_counts_by_issue(self.plan)
        for i in plan.issues_of(self.plan):
            self.issues.insert(
                "", "end", iid=i.id, values=(i.name, i.description, counts.get(i.id, 0))
            )

    def delete_plan(self) -> bool:
        """Delete the chosen plan and its issues, after asking (refused while projects
        belong to its issues)."""
        if self.plan is None:
            return False
        if not self.app.confirm(
            _("Delete the plan {title} and its issues?").format(title=self.plan.title)
        ):
            return False
        ok, _result = call_service(self.app, lambda: plan.delete_plan(self.app.ctx, self.plan))
        if ok:
            self.app.set_status(_("Deleted."))
            self.plan = None
            self.refresh()
        return ok

    def new_plan(self):
        self.plan = None
        self.plan_box.set("")
        for w in (self.title_e, self.start, self.end, self.vision):
            w.delete(0, "end")
        self._load_issues()
        self.title_e.focus_set()

    def save_plan(self) -> bool:
        errors = {}
        start = _read_year(self.start, "period_start", errors, app=self.app)
        end = _read_year(self.end, "period_end", errors, app=self.app)
        if errors:
            self.form.show_errors(errors)
            return False
        ok, saved = call_service(
            self.app,
            lambda: plan.save_plan(
                self.app.ctx,
                self.tambon,
                self.title_e.get(),
                start,
                end,
                self.vision.get(),
                village=registry.get_village(self.village.get_value()),
                plan=self.plan,
                expected_updated_at=self.plan.updated_at if self.plan else None,
            ),
            self.form,
        )
        if not ok:
            return False
        self.plan = saved
        self.form.clear_errors()
        self.app.set_status(_("Plan saved."))
        self.refresh()
        return True

    def _issue_selected(self):
        sel = self.issues.selection()
        issue = plan.get_issue(sel[0]) if sel else None
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
        return self._issue_action(
            lambda: plan.save_issue(
                self.app.ctx, self.plan, self.issue_name.get(), self.issue_desc.get()
            )
        )

    def _selected_issue(self):
        sel = self.issues.selection()
        return plan.get_issue(sel[0]) if sel else None

    def rename_issue(self):
        issue = self._selected_issue()
        if issue is not None:
            return self._issue_action(
                lambda: plan.save_issue(
                    self.app.ctx,
                    self.plan,
                    self.issue_name.get(),
                    self.issue_desc.get(),
                    issue=issue,
                )
            )
        return False

    def delete_issue(self):
        issue = self._selected_issue()
        if issue is not None and self.app.confirm(
            _("Delete the issue {name}?").format(name=issue.name)
        ):
            return self._issue_action(lambda: plan.delete_issue(self.app.ctx, issue))
        return False
