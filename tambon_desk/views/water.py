"""Water accounts screen: sources (with their storage), monthly rainfall, demand inputs, the
monthly balance with what-if edits and its chart, and the water-use agreements.

Each tab is its own small class; the balance, demand and agreement tabs live in
`water_balance.py`, `water_demand.py` and `water_agreements.py` beside this module. All data
goes through `tambon_desk.water`; nothing here computes a figure itself.
"""
from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from .. import auth, tambons, thai, water
from ..errors import UserError, ValidationError
from ..i18n import N_, _
from . import ViewSpec
from .widgets import ChoiceBox, Form


def fmt_m3(value) -> str:
    return "" if value is None else f"{value:,.0f}"


def village_choices(all_label: str | None = None):
    out = [(None, all_label)] if all_label else []
    return out + [(v.id, tambons.village_label(v)) for v in tambons.villages(
        tambons.home_tambon())]


def _area_text(m2) -> str:
    return thai.format_rnw(m2) if m2 else ""


def _parse_area(text: str, key: str):
    """Rai-ngan-wa typed (`1-2-50`, `3 ไร่`) -> m²; blank -> None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(thai.parse_rnw(text))
    except thai.AreaError as exc:
        raise ValidationError({key: str(exc)})


class SourcesTab(ttk.Frame):
    """The list of sources (filtered by village) beside the form of the chosen one."""

    FIELDS = (("name", N_("Name")), ("area", N_("Surface area (rai-ngan-wa)")),
              ("depth_m", N_("Depth (m)")), ("capacity_m3", N_("Capacity (m³)")),
              ("yield_m3_h", N_("Yield (m³/hour)")), ("pump_hours", N_("Pumping hours a day")),
              ("usable_share", N_("Usable share (0-1)")),
              ("dry_months", N_("Months it runs dry (e.g. 3,4)")),
              ("catchment", N_("Catchment area (rai-ngan-wa)")),
              ("runoff_coef", N_("Runoff coefficient (0-1)")), ("lat", N_("Latitude")),
              ("lon", N_("Longitude")), ("manager", N_("Manager")))

    def __init__(self, master, app, on_change=None):
        super().__init__(master, padding=8)
        self.app, self.on_change = app, on_change
        self.source = None
        self.can_edit = auth.has_role(app.ctx, "clerk")
        right = ttk.Frame(self, padding=(12, 0, 0, 0))
        right.pack(side="right", fill="y")          # first: never squeezed out
        self.storage_label = ttk.Label(right, text="", font=("", 12, "bold"),
                                       bootstyle="info")
        self.form = Form(right, columns=1)
        self.form.pack(fill="x")
        self.village = self.form.add("village", _("Village"), ChoiceBox(self.form, width=28))
        self.kind = self.form.add("kind", _("Type"), ChoiceBox(
            self.form, [(k, _(v)) for k, v in water.KINDS.items()], width=28))
        self.entries = {}
        for key, label in self.FIELDS:
            var = tk.StringVar()        # the storage line follows every change, typed or set
            var.trace_add("write", lambda *a: self._show_storage())
            self.entries[key] = self.form.add(key, _(label), ttk.Entry(
                self.form, width=30, textvariable=var))
            self.entries[key].var = var
        self.condition = self.form.add("condition", _("Condition"), ChoiceBox(
            self.form, [(k, _(v)) for k, v in water.CONDITIONS.items()], width=28),
            enter_moves=False)
        self.storage_label.pack(anchor="w", pady=(8, 4))
        self.save_btn = ttk.Button(right, text=_("Save") + " (Ctrl+S)", icon="floppy",
                                   compound="left", command=self.save, bootstyle="success")
        self.save_btn.pack(anchor="e")
        left = ttk.Frame(self)
        left.pack(side="left", fill="both", expand=True)
        bar = ttk.Frame(left)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Village")).pack(side="left")
        self.filter = ChoiceBox(bar, width=26)
        self.filter.pack(side="left", padx=6)
        self.filter.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        self.new_btn = ttk.Button(bar, text=_("New water source"), icon="plus-lg",
                                  compound="left", command=self.new_source)
        self.new_btn.pack(side="right")
        self.del_btn = ttk.Button(bar, text=_("Delete"), icon="trash", compound="left",
                                  bootstyle="danger-outline", command=self.delete_selected)
        self.del_btn.pack(side="right", padx=6)
        cols = (("moo", _("Moo"), 50, "center"), ("name", _("Name"), 190, "w"),
                ("kind", _("Type"), 110, "w"), ("storage", _("Storage (m³)"), 95, "e"),
                ("usable", _("Usable (m³)"), 95, "e"), ("yield", _("Yield (m³/h)"), 90, "e"),
                ("dry", _("Dry months"), 100, "w"), ("condition", _("Condition"), 90, "w"))
        self.tree = ttk.Treeview(left, columns=[c[0] for c in cols], show="headings",
                                 height=18, selectmode="browse")
        for key, title, width, anchor in cols:
            self.tree.heading(key, text=title, anchor=anchor)
            self.tree.column(key, width=width, anchor=anchor, stretch=key == "name")
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())
        self.tree.bind("<Delete>", lambda e: self.delete_selected())
        self.total = ttk.Label(left, text="")
        self.total.pack(anchor="w", pady=(4, 0))

        for w in [self] + list(self.entries.values()):
            w.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        if not self.can_edit:
            for b in (self.save_btn, self.new_btn, self.del_btn):
                b.configure(state="disabled")
        self.reload_choices()

    def reload_choices(self):
        self.filter.set_choices(village_choices(_("All villages")))
        self.filter.current(0)
        self.village.set_choices(village_choices())
        self.refresh()
        self.new_source()

    def refresh(self):
        vid = self.filter.get_value()
        from ..db.models import Village
        village = Village.get_by_id(vid) if vid else None
        self.sources = water.sources_of(village=village, tambon=tambons.home_tambon())
        self.tree.delete(*self.tree.get_children())
        total = usable = 0.0
        for s in self.sources:
            st = water.storage_m3(s)
            total += st or 0
            usable += water.usable_storage_m3(s)
            self.tree.insert("", "end", iid=s.id, values=(
                s.village.moo, s.name, _(water.KINDS[s.kind]), fmt_m3(st),
                fmt_m3(water.usable_storage_m3(s)) if st else "",
                f"{s.yield_m3_h:g}" if s.yield_m3_h else "",
                ", ".join(thai.MONTHS_SHORT[m - 1] for m in water.parse_months(s.dry_months)),
                _(water.CONDITIONS[s.condition])))
        self.total.configure(text=_("{n} sources, storage {total} m³, usable {usable} m³")
                             .format(n=len(self.sources), total=fmt_m3(total),
                                     usable=fmt_m3(usable)))

    def new_source(self):
        self.source = None
        self.form.clear_errors()
        for e in self.entries.values():
            e.delete(0, "end")
        self.entries["usable_share"].insert(0, "1")
        vid = self.filter.get_value()
        if vid:
            self.village.set_value(vid)
        elif self.village.cget("values"):
            self.village.current(0)
        self.kind.set_value("pond")
        self.condition.set_value("good")
        self._show_storage()
        self.entries["name"].focus_set()

    def _selected(self):
        sid = self.tree.selection()
        if not sid:
            return
        s = water.get_source(sid[0])
        self.source = s
        self.form.clear_errors()
        self.village.set_value(s.village_id)
        self.kind.set_value(s.kind)
        self.condition.set_value(s.condition)
        values = {"name": s.name, "area": _area_text(s.area_m2),
                  "catchment": _area_text(s.catchment_m2), "dry_months": s.dry_months,
                  "manager": s.manager}
        for key in ("depth_m", "capacity_m3", "yield_m3_h", "pump_hours", "usable_share",
                    "runoff_coef", "lat", "lon"):
            v = getattr(s, key)
            values[key] = "" if v is None else f"{v:g}"
        for key, e in self.entries.items():
            e.delete(0, "end")
            e.insert(0, values.get(key, ""))
        self._show_storage()

    def values(self) -> dict:
        from ..db.models import Village

        v = {k: e.get().strip() for k, e in self.entries.items()}
        out = {k: v[k] for k in v if k not in ("area", "catchment")}
        out["area_m2"] = _parse_area(v["area"], "area")
        out["catchment_m2"] = _parse_area(v["catchment"], "catchment")
        vid = self.village.get_value()
        out["village"] = Village.get_by_id(vid) if vid else None
        out["kind"] = self.kind.get_value()
        out["condition"] = self.condition.get_value()
        return out

    def _show_storage(self):
        if not hasattr(self, "condition"):
            return                      # still building the form
        try:
            clean = water.validate_source({**self.values(), "village": object(),
                                           "name": "x", "kind": "pond"})
        except (ValidationError, UserError):
            self.storage_label.configure(text=_("Storage: —"))
            return
        probe = type("S", (), clean)
        st = water.storage_m3(probe)
        parts = []
        if st:
            parts.append(_("Storage {full} m³, usable {usable} m³").format(
                full=fmt_m3(st), usable=fmt_m3(water.usable_storage_m3(probe))))
        if clean["yield_m3_h"]:
            parts.append(_("about {m3} m³ a month from the yield").format(
                m3=fmt_m3(water.monthly_yield_m3(probe, 30))))
        self.storage_label.configure(text="; ".join(parts) or _("Storage: —"))

    def save(self) -> bool:
        try:
            values = self.values()
            saved = water.save_source(self.app.ctx, values, self.source,
                                      expected_updated_at=self.source.updated_at
                                      if self.source else None)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.app.set_status(_("Saved {name}.").format(name=saved.name))
        self.refresh()
        if self.tree.exists(saved.id):
            self.tree.selection_set(saved.id)
        if self.on_change:
            self.on_change()
        return True

    def delete_selected(self):
        sid = self.tree.selection()
        if not sid or not self.app.confirm(_("Move this water source to the recycle bin?")):
            return
        try:
            water.delete_source(self.app.ctx, water.get_source(sid[0]))
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.refresh()
        self.new_source()
        if self.on_change:
            self.on_change()


class RainfallTab(ttk.Frame):
    """Twelve months of rainfall (mm) for a BE year; Save writes the changed months."""

    def __init__(self, master, app, on_change=None):
        super().__init__(master, padding=8)
        self.app, self.on_change = app, on_change
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        ttk.Label(bar, text=_("Year (BE)")).pack(side="left")
        self.year = ttk.Spinbox(bar, from_=2500, to=2700, width=8, command=self.load)
        self.year.pack(side="left", padx=6)
        self.year.bind("<Return>", lambda e: self.load())
        self.save_btn = ttk.Button(bar, text=_("Save") + " (Ctrl+S)", icon="floppy",
                                   compound="left", bootstyle="success", command=self.save)
        self.save_btn.pack(side="left", padx=12)
        self.import_btn = None
        self.form = Form(self, columns=4)
        self.form.pack(fill="x")
        self.cells = {}
        for m in range(1, 13):
            e = self.form.add(f"month.{m}", thai.MONTHS_LONG[m - 1], ttk.Entry(
                self.form, width=8, justify="right"))
            e.bind("<Control-s>", lambda ev: (self.save(), "break")[1])
            self.cells[m] = e
        self.total = ttk.Label(self, text="")
        self.total.pack(anchor="w", pady=8)
        ttk.Label(self, text=_("Millimetres of rain in each month for the whole tambon. "
                               "An empty month counts as no rain in the balance."),
                  bootstyle="secondary").pack(anchor="w")
        if not auth.has_role(app.ctx, "clerk"):
            self.save_btn.configure(state="disabled")
        t = tambons.home_tambon()
        self.year.set(water.default_year(t) if t else thai.be_year(2026))
        self.load()

    def year_ce(self) -> int:
        try:
            return thai.ce_year(int(self.year.get()))
        except ValueError:
            raise ValidationError({"": _("Enter the year in the Buddhist Era, e.g. 2569.")})

    def load(self):
        t = tambons.home_tambon()
        if t is None:
            return
        got = water.rainfall_of(t, self.year_ce())
        for m, e in self.cells.items():
            e.delete(0, "end")
            if m in got:
                e.insert(0, f"{got[m]:g}")
        self.form.clear_errors()
        self.total.configure(text=_("Total {mm} mm").format(mm=f"{sum(got.values()):,.0f}"))

    def save(self) -> bool:
        t = tambons.home_tambon()
        try:
            water.set_rainfall(self.app.ctx, t, self.year_ce(),
                               {m: e.get().strip() or None for m, e in self.cells.items()})
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.load()
        self.app.set_status(_("Rainfall saved."))
        if self.on_change:
            self.on_change()
        return True


class WaterView(ttk.Frame):
    """The notebook of the water account; the balance tab follows edits in the others."""

    def __init__(self, master, app):
        from .water_agreements import AgreementsTab
        from .water_balance import BalanceTab
        from .water_demand import DemandTab

        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Water accounts"), font=("", 16, "bold")).pack(anchor="w")
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(8, 0))
        if tambons.home_tambon() is None:
            ttk.Label(self, text=_("No tambon is registered yet.")).pack()
            return
        self.balance = BalanceTab(self.notebook, app)
        self.sources = SourcesTab(self.notebook, app, on_change=self.balance.mark_stale)
        self.rainfall = RainfallTab(self.notebook, app, on_change=self.balance.mark_stale)
        self.demand = DemandTab(self.notebook, app, on_change=self.balance.mark_stale)
        self.agreements = AgreementsTab(self.notebook, app)
        for tab, title in ((self.balance, _("Water balance")),
                           (self.sources, _("Water sources")),
                           (self.rainfall, _("Rainfall")), (self.demand, _("Water demand")),
                           (self.agreements, _("Water-use agreements"))):
            self.notebook.add(tab, text=title)
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._tab_changed())

    def _tab_changed(self):
        tab = self.notebook.nametowidget(self.notebook.select())
        if hasattr(tab, "on_show"):
            tab.on_show()

    def on_show(self):
        if hasattr(self, "balance"):
            self._tab_changed()

    def on_households_changed(self):
        if hasattr(self, "balance"):
            self.balance.mark_stale()
            self.demand.mark_stale()


VIEW = ViewSpec(key="water", title=N_("Water accounts"), icon="droplet-fill",
                factory=WaterView, order=40, min_role="viewer")
