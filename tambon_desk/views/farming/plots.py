"""The household window's Plots tab: the household's plots (form beside the list), the crop
cycles of the chosen plot (Enter opens the cycle sheet), its equipment for depreciation, and
the enterprises it belongs to."""

from __future__ import annotations

import ttkbootstrap as ttk

from ... import farming, thai, water
from ...core import roles
from ...core.i18n import N_, _
from .. import HouseholdTabSpec
from ..fonts import BOLD
from ..widgets import ChoiceBox, Form, MoneyEntry, call_service, column_tree
from .sheet import open_cycle_window


class PlotsTab(ttk.Frame):
    def __init__(self, master, app, household_id: str):
        super().__init__(master, padding=6)
        self.app = app
        self.household = farming.household_by_id(household_id)
        self.plot = None
        self.can_write = roles.has_role(app.ctx, "clerk")
        top = ttk.Frame(self)
        top.pack(fill="x")
        left = ttk.Frame(top)
        left.pack(side="left", fill="y")
        ttk.Label(left, text=_("Plots"), font=BOLD).pack(anchor="w")
        self.tree = column_tree(
            left,
            [
                ("name", _("Plot"), 100, "w"),
                ("area", _("Area"), 115, "w"),
                ("doc", _("Land document"), 80, "w"),
            ],
            height=4,
        )
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._chosen())
        self.form = Form(top, columns=3)
        self.form.pack(side="left", fill="x", expand=True, padx=(10, 0))
        f = self.form
        self.name = f.add("name", _("Plot name"), ttk.Entry(f, width=16))
        self.area = f.add("area", _("Area (rai-ngan-wa)"), ttk.Entry(f, width=12))
        self.doc = f.add(
            "land_document",
            _("Land document"),
            ChoiceBox(
                f,
                [(k, farming.label(farming.LAND_DOCUMENTS, k)) for k in farming.LAND_DOCUMENTS],
                width=16,
            ),
        )
        self.tenure = f.add(
            "tenure",
            _("Tenure"),
            ChoiceBox(
                f, [(k, farming.label(farming.TENURES, k)) for k in farming.TENURES], width=12
            ),
        )
        self.rent = f.add("rent", _("Rent a year (baht)"), MoneyEntry(f, width=12))
        sources = water.sources_of(village=self.household.village) if self.household else []
        self.water = f.add(
            "water_source",
            _("Water source"),
            ChoiceBox(f, [(None, _("Rain-fed"))] + [(s, s.name) for s in sources], width=14),
        )
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=14), enter_moves=False, span=2)
        self.note.bind("<Return>", lambda e: (self.save_plot(), "break")[1])
        for w in f.fields.values():
            w.bind("<Control-s>", lambda e: (self.save_plot(), "break")[1])
        buttons = ttk.Frame(f)
        buttons.grid(row=99, column=0, columnspan=6, sticky="e", pady=(4, 0))
        state = "normal" if self.can_write else "disabled"
        ttk.Button(
            buttons,
            text=_("New plot"),
            bootstyle="secondary-outline",
            state=state,
            command=self.new_plot,
        ).pack(side="left", padx=2)
        ttk.Button(
            buttons, text=_("Save plot"), bootstyle="primary", state=state, command=self.save_plot
        ).pack(side="left", padx=2)
        ttk.Button(
            buttons,
            text=_("Delete plot"),
            bootstyle="danger-outline",
            state=state,
            command=self.delete_plot,
        ).pack(side="left", padx=2)

        mid = ttk.Frame(self)
        mid.pack(fill="both", expand=True, pady=(6, 0))
        ttk.Label(mid, text=_("Crop cycles of the plot (Enter opens the sheet)"), font=BOLD).pack(
            anchor="w"
        )
        self.cycles = column_tree(
            mid,
            [
                ("season", _("Season"), 150, "w"),
                ("crop", _("Crop"), 110, "w"),
                ("area", _("Area (rai)"), 70, "e"),
                ("yield", _("Yield (kg)"), 80, "e"),
                ("cost", _("Total cost per rai"), 110, "e"),
                ("profit", _("Profit per rai over total cost"), 150, "e"),
                ("bc", _("B/C"), 50, "e"),
            ],
            height=4,
        )
        self.cycles.pack(fill="both", expand=True)
        self.cycles.bind("<Return>", lambda e: self.open_cycle())
        self.cycles.bind("<Double-1>", lambda e: self.open_cycle())
        cb = ttk.Frame(mid)
        cb.pack(fill="x")
        ttk.Button(
            cb,
            text=_("New crop cycle"),
            bootstyle="primary",
            state=state,
            command=lambda: self.open_cycle(new=True),
        ).pack(side="left", pady=(4, 0))
        ttk.Button(
            cb, text=_("Open crop cycle"), bootstyle="secondary-outline", command=self.open_cycle
        ).pack(side="left", padx=4, pady=(4, 0))
        ttk.Button(
            cb,
            text=_("Delete crop cycle"),
            bootstyle="danger-outline",
            state=state,
            command=self.delete_cycle,
        ).pack(side="left", pady=(4, 0))

        low = ttk.Frame(self)
        low.pack(fill="x", pady=(6, 0))
        eqf = ttk.Frame(low)
        eqf.pack(side="left", fill="x", expand=True)
        ttk.Label(eqf, text=_("Equipment (for depreciation)"), font=BOLD).pack(anchor="w")
        self.eq_tree = column_tree(
            eqf,
            [
                ("name", _("Equipment"), 140, "w"),
                ("cost", _("Purchase price"), 90, "e"),
                ("life", _("Life (years)"), 70, "e"),
                ("dep", _("Depreciation a year"), 110, "e"),
            ],
            height=2,
        )
        self.eq_tree.pack(fill="x")
        add = ttk.Frame(eqf)
        add.pack(fill="x", pady=(2, 0))
        self.eq_name = ttk.Entry(add, width=14)
        self.eq_cost = MoneyEntry(add, width=10)
        self.eq_salvage = MoneyEntry(add, width=8)
        self.eq_life = ttk.Entry(add, width=4)
        for label, w in (
            (_("Equipment name"), self.eq_name),
            (_("Price"), self.eq_cost),
            (_("Salvage"), self.eq_salvage),
            (_("Years"), self.eq_life),
        ):
            ttk.Label(add, text=label).pack(side="left", padx=(4, 2))
            w.pack(side="left")
            w.bind("<Return>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        self.eq_life.bind("<Return>", lambda e: (self.add_equipment(), "break")[1])
        self.eq_error = ttk.Label(eqf, text="", bootstyle="danger")
        self.eq_error.pack(anchor="w")
        memf = ttk.Frame(low)
        memf.pack(side="left", fill="both", padx=(10, 0))
        ttk.Label(memf, text=_("Community enterprises"), font=BOLD).pack(anchor="w")
        self.members = ttk.Label(memf, text="", justify="left")
        self.members.pack(anchor="w")
        self.refresh()

    # --- plots ----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.household is None:
            return
        self.tree.delete(*self.tree.get_children())
        self._plots = {p.id: p for p in farming.plots_of(self.household)}
        for p in self._plots.values():
            self.tree.insert(
                "",
                "end",
                iid=p.id,
                values=(
                    p.name,
                    thai.format_rnw(p.area_m2),
                    farming.label(farming.LAND_DOCUMENTS, p.land_document),
                ),
            )
        if self.plot is not None and self.plot.id in self._plots:
            self.tree.selection_set(self.plot.id)
        elif self._plots:
            self.tree.selection_set(next(iter(self._plots)))
        else:
            self.new_plot()
        self._equipment()
        ms = farming.memberships_of(self.household)
        self.members.configure(
            text="\n".join(
                f"{m.enterprise.name} ({farming.label(farming.ROLES, m.role)}, "
                + _("{n} shares").format(n=m.shares)
                + ")"
                for m in ms
            )
            or _("None")
        )

    def _chosen(self) -> None:
        sel = self.tree.selection()
        self.plot = self._plots.get(sel[0]) if sel else None
        if self.plot is None:
            return
        p = self.plot
        self.form.clear_errors()
        for w, v in ((self.name, p.name), (self.area, _rnw(p.area_m2)), (self.note, p.note)):
            w.delete(0, "end")
            w.insert(0, v)
        self.doc.set_value(p.land_document)
        self.tenure.set_value(p.tenure)
        self.rent.set_satang(p.rent_satang or None)
        self.water.set_value(
            next(
                (s for s, _l in self.water._choices if s is not None and s.id == p.water_source_id),
                None,
            )
        )
        self._cycles()

    def new_plot(self) -> None:
        self.plot = None
        self.tree.selection_remove(*self.tree.selection())
        for w in (self.name, self.area, self.note):
            w.delete(0, "end")
        self.doc.set_value("none")
        self.tenure.set_value("owned")
        self.rent.set_satang(None)
        self.water.set_value(None)
        self.cycles.delete(*self.cycles.get_children())
        self.name.focus_set()

    def save_plot(self) -> bool:
        try:
            rent = self.rent.get_satang() or 0
        except thai.MoneyError as exc:
            self.form.show_errors({"rent": str(exc)})
            return False
        values = {
            "name": self.name.get(),
            "area": self.area.get(),
            "land_document": self.doc.get_value(),
            "tenure": self.tenure.get_value(),
            "rent": rent,
            "water_source": self.water.get_value(),
            "note": self.note.get(),
        }
        ok, plot = call_service(
            self.app,
            lambda: farming.save_plot(
                self.app.ctx,
                self.household,
                values,
                record=self.plot,
                expected_updated_at=self.plot.updated_at if self.plot else None,
            ),
            self.form,
        )
        if ok:
            self.plot = plot
            self.form.clear_errors()
            self.app.set_status(_("Plot saved."))
            self.refresh()
        return ok

    def delete_plot(self) -> None:
        if self.plot is None or not self.app.confirm(
            _("Delete the plot {name}?").format(name=self.plot.name)
        ):
            return
        ok, _r = call_service(self.app, lambda: farming.delete_plot(self.app.ctx, self.plot))
        if ok:
            self.plot = None
            self.refresh()

    # --- cycles ---------------------------------------------------------------------------
    def _cycles(self) -> None:
        self.cycles.delete(*self.cycles.get_children())
        if self.plot is None:
            return
        self._cycle_map = {}
        for c in farming.cycles_of(self.plot):
            f = farming.cycle_figures(c)
            self._cycle_map[c.id] = c
            self.cycles.insert(
                "",
                "end",
                iid=c.id,
                values=(
                    f"{farming.label(farming.SEASONS, c.season)} {thai.be_year(c.year)}",
                    c.crop.name_th,
                    f"{f.rai:,.2f}",
                    f"{c.yield_kg:,.0f}" if c.yield_kg else _("No harvest"),
                    thai.format_baht(f.total_per_rai) if f.total_per_rai is not None else "",
                    thai.format_baht(f.profit_total_per_rai)
                    if f.profit_total_per_rai is not None
                    else "",
                    f.bc or "",
                ),
            )

    def open_cycle(self, new: bool = False):
        if self.plot is None:
            self.app.set_status(_("Save the plot first."))
            return None
        cycle = None
        if not new:
            sel = self.cycles.selection() or self.cycles.focus()
            cid = sel[0] if isinstance(sel, tuple) and sel else sel
            cycle = self._cycle_map.get(cid) if cid else None
            if cycle is None:
                return None
        sheet = open_cycle_window(self.app, self.plot, cycle)
        sheet.bind(
            "<Destroy>",
            lambda e: (
                self.after_idle(self._cycles) if e.widget is sheet and self.winfo_exists() else None
            ),
        )
        return sheet

    def delete_cycle(self) -> bool:
        sel = self.cycles.selection()
        cycle = self._cycle_map.get(sel[0]) if sel else None
        if cycle is None or not self.app.confirm(
            _("Delete the crop cycle {season} and its cost lines?").format(
                season=self.cycles.item(sel[0], "values")[0]
            )
        ):
            return False
        ok, _r = call_service(self.app, lambda: farming.delete_cycle(self.app.ctx, cycle))
        self._cycles()
        return ok

    # --- equipment --------------------------------------------------------------------------
    def _equipment(self) -> None:
        self.eq_tree.delete(*self.eq_tree.get_children())
        for e in farming.equipment_of(self.household):
            self.eq_tree.insert(
                "",
                "end",
                iid=e.id,
                values=(
                    e.name,
                    thai.format_baht(e.cost),
                    e.life_years,
                    thai.format_baht(farming.annual_depreciation(e)),
                ),
            )

    def add_equipment(self) -> bool:
        try:
            cost = self.eq_cost.get_satang()
            salvage = self.eq_salvage.get_satang() or 0
            life = int(thai.thai_to_arabic_digits(self.eq_life.get().strip() or "0"))
        except (thai.MoneyError, ValueError) as exc:
            self.eq_error.configure(text=str(exc))
            return False
        try:
            farming.save_equipment(
                self.app.ctx, self.household, self.eq_name.get(), cost, life, salvage=salvage
            )
        except Exception as exc:  # ValidationError: show beside the row
            errors = getattr(exc, "errors", None)
            if errors is None:
                raise
            self.eq_error.configure(text=" ".join(errors.values()))
            return False
        self.eq_error.configure(text="")
        for w in (self.eq_name, self.eq_cost, self.eq_salvage, self.eq_life):
            w.delete(0, "end")
        self._equipment()
        self.eq_name.focus_set()
        return True


def _rnw(m2: int) -> str:
    rai, ngan, wa = thai.m2_to_rnw(m2)
    return f"{rai}-{ngan}-{wa.normalize():f}" if wa else f"{rai}-{ngan}-0"


HOUSEHOLD_TAB = HouseholdTabSpec(
    key="plots", title=N_("Plots and crops"), factory=PlotsTab, order=40
)
