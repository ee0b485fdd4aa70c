"""Land-problem cases: the list screen, one case's window (form, dated action log, meeting
decisions), and the tab on the household window. Everything goes through `tambon_desk.land`.
"""

from __future__ import annotations

import ttkbootstrap as ttk

from .. import land, registry, thai
from ..core import roles
from ..core.i18n import N_, _
from . import HouseholdTabSpec
from .fonts import BOLD, SCREEN_TITLE
from .widgets import BEDateEntry, ChoiceBox, Form, call_service, column_tree

CASE_COLUMNS = [
    ("house", N_("House"), 110, "w"),
    ("problem", N_("Problem"), 200, "w"),
    ("document", N_("Document held"), 120, "w"),
    ("status", N_("Status"), 140, "w"),
    ("agency", N_("Referred to"), 160, "w"),
    ("opened", N_("Opened"), 90, "w"),
]


def _case_values(r: dict) -> tuple:
    return (
        f"{r['moo']}/{r['house_no']} {r['head_name']}",
        r["problem_label"],
        r["document_label"],
        r["status_label"],
        r["agency"],
        thai.format_date(r["opened_on"]) if r["opened_on"] else "",
    )


class LandCasesView(ttk.Frame):
    """Every case of the tambon, filtered by status and problem; Enter or double-click opens."""

    def __init__(self, master, app):
        super().__init__(master, padding=8)
        self.app = app
        self.tambon = registry.home_tambon()
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Land cases"), font=SCREEN_TITLE).pack(side="left", padx=(0, 12))
        self.status_box = ChoiceBox(
            bar, [("", _("Every status"))] + [(k, _(v)) for k, v in land.STATUSES.items()], width=20
        )
        self.status_box.set_value("")
        self.status_box.pack(side="left")
        self.problem_box = ChoiceBox(
            bar,
            [("", _("Every problem"))] + [(k, _(v)) for k, v in land.PROBLEMS.items()],
            width=26,
        )
        self.problem_box.set_value("")
        self.problem_box.pack(side="left", padx=6)
        for box in (self.status_box, self.problem_box):
            box.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        self.new_btn = ttk.Button(
            bar, text=_("New case"), bootstyle="success", command=self.new_case
        )
        self.new_btn.pack(side="right")
        if not roles.has_role(app.ctx, "clerk"):
            self.new_btn.configure(state="disabled")
        self.tree = column_tree(self, [(k, _(t), w, a) for k, t, w, a in CASE_COLUMNS], height=18)
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())
        self.count = ttk.Label(self, text="", bootstyle="secondary")
        self.count.pack(anchor="w", pady=4)
        self.refresh()

    def on_show(self):
        self.refresh()

    def refresh(self):
        rows = land.cases(
            tambon=self.tambon,
            status=self.status_box.get_value() or None,
            problem=self.problem_box.get_value() or None,
        )
        self.tree.delete(*self.tree.get_children())
        for r in rows:
            self.tree.insert("", "end", iid=r["id"], values=_case_values(r))
        self.count.configure(text=_("{n} cases").format(n=len(rows)))

    def open_selected(self):
        sel = self.tree.selection()
        if sel:
            return CaseWindow(self, self.app, sel[0], on_saved=self.refresh)
        return None

    def new_case(self):
        return CaseWindow(self, self.app, None, on_saved=self.refresh)


class CaseWindow(ttk.Toplevel):
    """One case: the form (Ctrl+S saves), the dated action log with a line to add a step, and
    the land working group's decisions on it."""

    def __init__(self, master, app, case_id: str | None, *, household_id=None, on_saved=None):
        super().__init__(master)
        self.app, self.on_saved = app, on_saved
        self.case = land.get_case(case_id) if case_id else None
        self.title(_("Land case"))
        self.geometry("780x690")
        self.form = Form(self, columns=2, padding=8)
        self.form.pack(fill="x")
        homes = []
        for v in registry.villages(registry.home_tambon()):
            from .. import maps

            homes += [
                (h["id"], f"{v.moo}/{h['house_no']} {h['head_name']}")
                for h in maps.find_households_in_village(v.id)
            ]
        f = self.form
        self.household = f.add("household", _("Household"), ChoiceBox(f, homes, width=30))
        self.problem = f.add(
            "problem",
            _("Problem"),
            ChoiceBox(f, [(k, _(v)) for k, v in land.PROBLEMS.items()], width=30),
        )
        self.state_land = f.add(
            "state_land",
            _("State land"),
            ChoiceBox(f, [(k, _(v) if v else "—") for k, v in land.STATE_LANDS.items()], width=30),
        )
        self.document = f.add(
            "document",
            _("Document held"),
            ChoiceBox(f, [(k, _(v)) for k, v in land.DOCUMENTS.items()], width=30),
        )
        self.status = f.add(
            "status",
            _("Status"),
            ChoiceBox(f, [(k, _(v)) for k, v in land.STATUSES.items()], width=30),
        )
        self.agency = f.add("agency", _("Referred to"), ttk.Entry(f, width=30))
        self.opened = f.add("opened_on", _("Opened"), BEDateEntry(f))
        self.area = f.add("area_m2", _("Area (rai-ngan-wa)"), ttk.Entry(f, width=14))
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=30), span=2)
        c = self.case
        if c is not None:
            self.household.set_value(c.household_id)
            self.problem.set_value(c.problem)
            self.state_land.set_value(c.state_land)
            self.document.set_value(c.document)
            self.status.set_value(c.status)
            self.agency.insert(0, c.agency)
            self.opened.set_date(c.opened_on)
            if c.area_m2:
                self.area.insert(0, thai.format_rnw(c.area_m2))
            self.note.insert(0, c.note)
        else:
            self.household.set_value(household_id)
            self.status.set_value("open")
            self.document.set_value("none")
            self.state_land.set_value("")
        buttons = ttk.Frame(self, padding=(8, 0))
        buttons.pack(fill="x")
        self.save_btn = ttk.Button(
            buttons, text=_("Save") + " (Ctrl+S)", bootstyle="success", command=self.save
        )
        self.save_btn.pack(side="left")
        ttk.Label(self, text=_("Action log"), font=BOLD).pack(anchor="w", padx=8, pady=(8, 0))
        self.log = column_tree(
            self,
            [
                ("on", _("Date"), 90, "w"),
                ("action", _("Action"), 300, "w"),
                ("status", _("Status"), 130, "w"),
                ("agency", _("Referred to"), 130, "w"),
            ],
            height=5,
        )
        self.log.pack(fill="x", padx=8)
        add = ttk.Frame(self, padding=8)
        add.pack(fill="x")
        self.action_date = BEDateEntry(add)
        self.action_date.pack(side="left")
        self.action_text = ttk.Entry(add, width=40)
        self.action_text.pack(side="left", padx=4)
        self.action_status = ChoiceBox(
            add,
            [("", _("(status unchanged)"))] + [(k, _(v)) for k, v in land.STATUSES.items()],
            width=18,
        )
        self.action_status.set_value("")
        self.action_status.pack(side="left")
        self.add_btn = ttk.Button(
            add, text=_("Add step"), bootstyle="secondary", command=self.add_action
        )
        self.add_btn.pack(side="left", padx=4)
        self.action_error = ttk.Label(self, text="", bootstyle="danger")
        self.action_error.pack(anchor="w", padx=8)
        self.decisions = ttk.Label(self, text="", justify="left")
        self.decisions.pack(anchor="w", padx=8, pady=4)
        if not roles.has_role(app.ctx, "clerk"):
            self.save_btn.configure(state="disabled")
            self.add_btn.configure(state="disabled")
        self.bind("<Control-s>", lambda e: self.save())
        self.bind("<Escape>", lambda e: self.destroy())
        self.refresh_log()

    def values(self) -> dict:
        return {
            "household": self.household.get_value(),
            "problem": self.problem.get_value(),
            "state_land": self.state_land.get_value() or "",
            "document": self.document.get_value() or "none",
            "status": self.status.get_value() or "open",
            "agency": self.agency.get(),
            "opened_on": self.opened.var.get(),
            "area_m2": self.area.get().strip() or None,
            "note": self.note.get(),
            "plot_ids": list(self.case.plot_ids or []) if self.case else [],
        }

    def save(self):
        expected = self.case.updated_at if self.case else None
        ok, case = call_service(
            self.app,
            lambda: land.save_case(
                self.app.ctx, self.values(), self.case, expected_updated_at=expected
            ),
            self.form,
        )
        if ok:
            self.case = case
            self.form.clear_errors()
            self.refresh_log()
            if self.on_saved:
                self.on_saved()
        return ok

    def add_action(self):
        if self.case is None and not self.save():
            return
        self.action_error.configure(text="")
        try:
            land.add_action(
                self.app.ctx,
                self.case,
                self.action_date.var.get(),
                self.action_text.get(),
                status=self.action_status.get_value() or "",
            )
        except Exception as exc:  # noqa: BLE001 — shown beside the line, like a form error
            from ..core.errors import ValidationError

            if isinstance(exc, ValidationError):
                self.action_error.configure(text="  ".join(exc.errors.values()))
                return
            self.app.show_error(exc)
            return
        self.case = land.get_case(self.case.id)
        self.status.set_value(self.case.status)
        self.action_text.delete(0, "end")
        self.refresh_log()
        if self.on_saved:
            self.on_saved()

    def refresh_log(self):
        self.log.delete(*self.log.get_children())
        if self.case is None:
            return
        for a in land.actions_of(self.case.id):
            self.log.insert(
                "",
                "end",
                iid=a["id"],
                values=(thai.format_date(a["on"]), a["action"], a["status_label"], a["agency"]),
            )
        ds = land.decisions_of_case(self.case.id)
        self.decisions.configure(
            text="\n".join(
                _("Meeting {date}: {decision}").format(
                    date=thai.format_date(d["held_on"]), decision=d["decision"]
                )
                for d in ds
            )
        )


class HouseholdLandTab(ttk.Frame):
    """The household window's tab: its land cases; New opens a case for this household."""

    def __init__(self, master, app, household_id):
        super().__init__(master, padding=6)
        self.app, self.household_id = app, household_id
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        btn = ttk.Button(bar, text=_("New case"), bootstyle="success", command=self.new_case)
        btn.pack(side="left")
        if not roles.has_role(app.ctx, "clerk") or not household_id:
            btn.configure(state="disabled")
        self.tree = column_tree(
            self, [(k, _(t), w, a) for k, t, w, a in CASE_COLUMNS[1:]], height=6
        )
        self.tree.pack(fill="both", expand=True, pady=4)
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.refresh()

    def refresh(self):
        self.tree.delete(*self.tree.get_children())
        if not self.household_id:
            return
        for r in land.cases(household=self.household_id):
            self.tree.insert("", "end", iid=r["id"], values=_case_values(r)[1:])

    def open_selected(self):
        sel = self.tree.selection()
        if sel:
            CaseWindow(self, self.app, sel[0], on_saved=self.refresh)

    def new_case(self):
        CaseWindow(self, self.app, None, household_id=self.household_id, on_saved=self.refresh)


HOUSEHOLD_TAB = HouseholdTabSpec(
    key="land", title=N_("Land cases"), factory=HouseholdLandTab, order=60
)
