"""Dashboard: the tambon's key counts at a glance, the first screen after login."""

from __future__ import annotations

import ttkbootstrap as ttk

from .. import registry
from ..core.i18n import N_, _
from .fonts import FIGURE, HEADING, TITLE
from .widgets import ChoiceBox, column_tree


class DashboardView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.title = ttk.Label(self, text="", font=TITLE)
        self.title.pack(anchor="w")
        self.subtitle = ttk.Label(self, text="", bootstyle="secondary")
        self.subtitle.pack(anchor="w", pady=(0, 6))
        self.scope = None  # a district database: which tambon (a tambon's has one)
        if registry.is_district_database():
            self.scope = ChoiceBox(self, width=40)
            self.scope.bind("<<ComboboxSelected>>", lambda e: self.on_show())
            self.scope.set_choices(
                [(None, _("All tambons in this database"))]
                + [
                    (
                        t.id,
                        _("Tambon {name}, {district} district").format(
                            name=t.name_th, district=t.district_th
                        ),
                    )
                    for t in registry.tambons()
                ]
            )
            self.scope.current(0)
            self.scope.pack(anchor="w", pady=(0, 8))
        self.cards = ttk.Frame(self)
        self.cards.pack(fill="x", pady=(0, 12))
        self.card_values = {}
        for key, label, style in (
            ("villages", N_("Villages"), "info"),
            ("households", N_("Households"), "primary"),
            ("people", N_("People"), "success"),
            ("male", N_("Male"), "secondary"),
            ("female", N_("Female"), "secondary"),
        ):
            card = ttk.Frame(self.cards, padding=12, bootstyle=style)
            card.pack(side="left", padx=(0, 10), fill="y")
            value = ttk.Label(card, text="0", font=FIGURE, bootstyle=f"@{style}")
            value.pack(anchor="w")
            ttk.Label(card, text=_(label), bootstyle=f"@{style}").pack(anchor="w")
            self.card_values[key] = value
        ttk.Label(self, text=_("Villages"), font=HEADING).pack(anchor="w")
        cols = (
            ("moo", _("Moo"), 60, "center"),
            ("name", _("Village"), 220, "w"),
            ("households", _("Households"), 110, "e"),
            ("people", _("People"), 100, "e"),
            ("male", _("Male"), 90, "e"),
            ("female", _("Female"), 90, "e"),
            ("target", _("Account-book target"), 150, "e"),
        )
        self.tree = column_tree(self, cols, height=14, stretch_all=True)
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Double-1>", self._open_village)

    def _heading(self, tambon):
        if tambon is not None:
            self.title.configure(text=_("Tambon {name}").format(name=tambon.name_th))
            self.subtitle.configure(
                text=_("District {d}, {p} province · code {code}").format(
                    d=tambon.district_th, p=tambon.province_th, code=tambon.code
                )
            )
        else:
            ts = registry.tambons()
            self.title.configure(text=_("{n} tambons in this database").format(n=len(ts)))
            self.subtitle.configure(text=", ".join(t.name_th for t in ts))

    def on_show(self):
        if self.scope is not None:  # None: every tambon together
            tid = self.scope.get_value()
            tambon = registry.get_tambon(tid) if tid else None
        elif registry.is_district_database():  # tambons merged in since the screen opened
            tambon = None
        else:
            tambon = registry.home_tambon()
        self._heading(tambon)
        rows = registry.village_counts(tambon)
        totals = {k: sum(r[k] for r in rows) for k in ("households", "people", "male", "female")}
        totals["villages"] = len(rows)
        for key, label in self.card_values.items():
            label.configure(text=f"{totals[key]:,}")
        self.tree.delete(*self.tree.get_children())
        for r in rows:
            self.tree.insert(
                "",
                "end",
                iid=r["id"],
                values=(
                    r["moo"],
                    r["name"],
                    f"{r['households']:,}",
                    f"{r['people']:,}",
                    f"{r['male']:,}",
                    f"{r['female']:,}",
                    f"{r['target']:,}",
                ),
            )

    on_households_changed = on_show

    def _open_village(self, _event=None):
        sel = self.tree.selection()
        if sel:
            view = self.app.show_view("households")
            view.filter_village(sel[0])
