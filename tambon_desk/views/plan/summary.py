"""The seed's summaries: per channel with averages per tambon, per tambon, by issue and status."""

from __future__ import annotations

import ttkbootstrap as ttk

from ... import plan, registry, thai
from ...core.i18n import _
from ...plan import (
    GROUPS,
    by_issue_status,
    flow_statuses,
    format_count,
    funding_summary,
    provincial_summary,
)
from ..fonts import BOLD
from ..widgets import ChoiceBox
from .common import SHORT, _baht, _fill, _tree

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
        self.headline = ttk.Label(self, text="", font=BOLD)
        self.headline.pack(anchor="w", pady=(8, 2))
        self.groups = _tree(
            self,
            [
                ("group", _("Funding channel"), 220, "w"),
                ("count", _("Projects"), 90, "e"),
                ("approved", _("Budget (baht)"), 150, "e"),
                ("avg_count", _("Projects per tambon"), 140, "e"),
                ("avg_budget", _("Baht per tambon"), 150, "e"),
            ],
            height=4,
        )
        self.groups.pack(fill="x")
        self.provincial = ttk.Label(self, text="")
        self.provincial.pack(anchor="w", pady=4)
        ttk.Label(self, text=_("Per tambon"), font=BOLD).pack(anchor="w")
        self.per_tambon = _tree(self, [("tambon", _("Tambon"), 140, "w")], height=5)
        self.per_tambon.pack(fill="x")
        ttk.Label(self, text=_("Projects by issue and status"), font=BOLD).pack(
            anchor="w", pady=(6, 0)
        )
        self.statuses = flow_statuses()
        self.by_status = _tree(
            self,
            [("issue", _("Issue"), 200, "w")]
            + [(s, plan.status_label(s), 95, "e") for s in self.statuses],
            height=6,
        )
        self.by_status.pack(fill="both", expand=True)
        self.load_choices()

    def load_choices(self):
        keep_fy, keep_scope = self.fy.get_value(), self.scope.get_value()
        self.fy.set_choices([(None, _("All"))] + [(y, str(y)) for y in plan.fiscal_years()])
        ts = registry.tambons()
        districts = {}
        for t in ts:
            districts.setdefault(t.district_code, t.district_th)
        choices = [(None, _("All tambons in this database"))]
        if len(districts) > 1:
            choices += [
                (("d", code), _("District {name}").format(name=name))
                for code, name in districts.items()
            ]
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
        _fill(
            self.groups,
            [
                (
                    _(label),
                    f"{s.totals[g].count:,}",
                    _baht(s.totals[g].approved),
                    format_count(s.average_count(g)),
                    _baht(s.average_budget(g)),
                )
                for g, (label, _c) in s.groups.items()
            ],
        )
        self.provincial.configure(
            text=_("Provincial development plan")
            + ": "
            + _("{n} projects, {baht} baht").format(
                n=f"{prov.count:,}", baht=thai.format_baht(prov.total)
            )
        )
        # the seed's three channels always; "other" only when used (the report has them all)
        shown = [g for g in GROUPS if g != "other" or s.totals[g].count]
        cols = [("tambon", _("Tambon"), 140, "w")]
        for g in shown:
            cols += [
                (g + "_n", _("{channel}: projects").format(channel=_(SHORT[g])), 110, "e"),
                (g + "_b", _("{channel}: baht").format(channel=_(SHORT[g])), 120, "e"),
            ]
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
        _fill(
            self.by_status,
            [
                [name or _("(no issue)")] + [st[name][k] for k in self.statuses]
                for name in sorted(st, key=lambda n: (n == "", thai.thai_sort_key(n)))
            ],
        )
        self.summary = s
        return s
