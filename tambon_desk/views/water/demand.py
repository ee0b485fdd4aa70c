"""Demand tab of the water screen: people (from the household registry unless fixed),
livestock by kind, crop areas by month, and the coefficients with their sources."""

from __future__ import annotations

import ttkbootstrap as ttk

from ... import registry, thai, water
from ...core import roles
from ...core.i18n import _
from ..widgets import ChoiceBox, Form, WrapLabel, call_service, column_tree


def _months(text: str) -> str:
    months = water.parse_months(text)
    if len(months) == 12:
        return _("All year")
    return ", ".join(thai.MONTHS_SHORT[m - 1] for m in months)


class DemandTab(ttk.Frame):
    def __init__(self, master, app, on_change=None, tambon=None):
        super().__init__(master, padding=8)
        self.app, self.on_change = app, on_change
        self.tambon = tambon or registry.home_tambon()
        self.stale = True
        self.crop_record = None
        can_edit = roles.has_role(app.ctx, "clerk")
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Village")).pack(side="left")
        self.village = ChoiceBox(bar, width=28)
        self.village.pack(side="left", padx=6)
        self.village.bind("<<ComboboxSelected>>", lambda e: self.load())
        cols = ttk.Frame(self)
        cols.pack(fill="both", expand=True)

        left = ttk.Frame(cols)
        left.pack(side="left", fill="y")
        people = ttk.Labelframe(left, text=_("Number of people"), padding=8)
        people.pack(fill="x")
        self.registry = ttk.Label(people, text="")
        self.registry.pack(anchor="w")
        self.pop_form = Form(people, columns=1)
        self.pop_form.pack(fill="x")
        self.population = self.pop_form.add(
            "population", _("People counted (empty: registry)"), ttk.Entry(self.pop_form, width=10)
        )
        self.pop_btn = ttk.Button(people, text=_("Save"), command=self.save_population)
        self.pop_btn.pack(anchor="e")
        herd = ttk.Labelframe(left, text=_("Livestock (head)"), padding=8)
        herd.pack(fill="x", pady=(8, 0))
        self.herd_form = Form(herd, columns=1)
        self.herd_form.pack(fill="x")
        self.heads = {}
        for kind, label in water.livestock_kinds().items():
            self.heads[kind] = self.herd_form.add(
                f"livestock.{kind}", label, ttk.Entry(self.herd_form, width=10)
            )
        self.herd_btn = ttk.Button(herd, text=_("Save"), command=self.save_livestock)
        self.herd_btn.pack(anchor="e")

        stack = ttk.Frame(cols)
        stack.pack(side="left", fill="both", expand=True, padx=(8, 0))
        mid = ttk.Labelframe(stack, text=_("Crops"), padding=8)
        mid.pack(fill="both", expand=True)
        self.crops = column_tree(
            mid,
            [
                ("crop", _("Crop"), 170, "w"),
                ("rai", _("Area (rai)"), 80, "e"),
                ("months", _("Months in the field"), 200, "w"),
            ],
            height=4,
            stretch_all=True,
            selectmode="browse",
        )
        self.crops.pack(fill="both", expand=True)
        self.crops.bind("<<TreeviewSelect>>", lambda e: self._crop_selected())
        self.crop_form = Form(mid, columns=2)
        self.crop_form.pack(fill="x", pady=(6, 0))
        self.crop = self.crop_form.add(
            "crop", _("Crop"), ChoiceBox(self.crop_form, list(water.crops().items()), width=16)
        )
        self.crop_rai = self.crop_form.add(
            "area_rai", _("Area (rai)"), ttk.Entry(self.crop_form, width=8)
        )
        self.crop_months = self.crop_form.add(
            "months", _("Months (e.g. 3,4,5,6)"), ttk.Entry(self.crop_form, width=12)
        )
        btns = ttk.Frame(mid)
        btns.pack(fill="x")
        self.crop_btns = [
            ttk.Button(btns, text=_("Save"), command=self.save_crop),
            ttk.Button(btns, text=_("New"), bootstyle="secondary-outline", command=self.new_crop),
            ttk.Button(
                btns, text=_("Delete"), bootstyle="danger-outline", command=self.delete_crop
            ),
        ]
        for b in self.crop_btns:
            b.pack(side="right", padx=2)

        right = ttk.Labelframe(stack, text=_("Coefficients"), padding=8)
        right.pack(fill="both", expand=True, pady=(8, 0))
        row = ttk.Frame(right)
        row.pack(side="bottom", fill="x")
        self.coef_value = ttk.Entry(row, width=10)
        self.coef_value.pack(side="left")
        self.coef_btns = [
            ttk.Button(row, text=_("Set"), command=self.set_coefficient),
            ttk.Button(
                row,
                text=_("Back to the shipped figure"),
                bootstyle="secondary-outline",
                command=self.reset_coefficient,
            ),
        ]
        for b in self.coef_btns:
            b.pack(side="left", padx=4)
        self.source_note = WrapLabel(
            right, text="", wrap=460, justify="left", bootstyle="secondary"
        )
        self.source_note.pack(side="bottom", anchor="w", pady=4)
        self.coef = column_tree(
            right,
            [
                ("name", _("Item"), 260, "w"),
                ("value", _("Value"), 70, "e"),
                ("unit", _("Unit"), 130, "w"),
            ],
            height=5,
            stretch_all=True,
            selectmode="browse",
        )
        self.coef.pack(fill="both", expand=True)
        self.coef.bind("<<TreeviewSelect>>", lambda e: self._coef_selected())
        if not can_edit:
            for b in [self.pop_btn, self.herd_btn] + self.crop_btns + self.coef_btns:
                b.configure(state="disabled")
        self.village.set_choices(
            [(v.id, registry.village_label(v)) for v in registry.villages(self.tambon)]
        )
        if self.village.cget("values"):
            self.village.current(0)

    def mark_stale(self):
        self.stale = True

    def on_show(self):
        if self.stale:
            self.load()

    def _v(self):
        vid = self.village.get_value()
        return registry.get_village(vid) if vid else None

    def load(self):
        self.stale = False
        v = self._v()
        self._load_coefficients()
        if v is None:
            return
        n = water.registry_population([v.id]).get(v.id, 0)
        self.registry.configure(text=_("Household registry: {n} people").format(n=f"{n:,}"))
        self.population.delete(0, "end")
        fixed = water.population_override(v)
        if fixed is not None:
            self.population.insert(0, str(fixed))
        herd = water.livestock_of(v)
        for kind, e in self.heads.items():
            e.delete(0, "end")
            e.insert(0, str(herd.get(kind, 0)))
        labels = water.crops()
        self.crops.delete(*self.crops.get_children())
        for c in water.crop_areas_of(v):
            self.crops.insert(
                "",
                "end",
                iid=c.id,
                values=(labels.get(c.crop, c.crop), f"{c.area_rai:,.1f}", _months(c.months)),
            )
        self.new_crop()

    def _load_coefficients(self):
        self.ref = water.reference()
        self.coef.delete(*self.coef.get_children())
        for key, c in self.ref.items():
            if key == "m3_per_rai_mm" or key.startswith("crop_months."):
                continue
            self.coef.insert(
                "",
                "end",
                iid=key,
                values=(
                    c.label + (" *" if c.overridden else ""),
                    f"{c.value:g}",
                    _(water.UNITS.get(c.unit, c.unit)),
                ),
            )

    def _changed(self):
        if self.on_change:
            self.on_change()

    def _run(self, fn, form=None) -> bool:
        if not call_service(self.app, fn, form)[0]:
            return False
        if form is not None:
            form.clear_errors()
        self.app.set_status(_("Saved."))
        self._changed()
        self.load()
        return True

    def save_population(self) -> bool:
        return self._run(
            lambda: water.set_population(
                self.app.ctx, self._v(), self.population.get().strip() or None
            ),
            self.pop_form,
        )

    def save_livestock(self) -> bool:
        return self._run(
            lambda: water.set_livestock(
                self.app.ctx, self._v(), {k: e.get().strip() for k, e in self.heads.items()}
            ),
            self.herd_form,
        )

    def _crop_selected(self):
        sel = self.crops.selection()
        if not sel:
            return
        c = water.get_crop_area(sel[0])
        self.crop_record = c
        self.crop.set_value(c.crop)
        self.crop_rai.delete(0, "end")
        self.crop_rai.insert(0, f"{c.area_rai:g}")
        self.crop_months.delete(0, "end")
        self.crop_months.insert(0, c.months)

    def new_crop(self):
        self.crop_record = None
        if self.crop.get_value() is None and self.crop.cget("values"):
            self.crop.current(0)
        self.crop_rai.delete(0, "end")
        self.crop_months.delete(0, "end")
        self.crop_form.clear_errors()

    def save_crop(self) -> bool:
        rec = self.crop_record
        return self._run(
            lambda: water.save_crop_area(
                self.app.ctx,
                self._v(),
                self.crop.get_value(),
                self.crop_rai.get().strip(),
                self.crop_months.get().strip(),
                record=rec,
                expected_updated_at=rec.updated_at if rec else None,
            ),
            self.crop_form,
        )

    def delete_crop(self):
        if self.crop_record is not None and self.app.confirm(_("Delete this crop area?")):
            rec = self.crop_record
            self._run(lambda: water.delete_crop_area(self.app.ctx, rec))

    def _coef_selected(self):
        sel = self.coef.selection()
        if not sel:
            return
        c = self.ref[sel[0]]
        self.coef_value.delete(0, "end")
        self.coef_value.insert(0, f"{c.value:g}")
        self.source_note.configure(text=_("Source: {source}").format(source=c.source))

    def set_coefficient(self):
        sel = self.coef.selection()
        if sel:
            key = sel[0]
            self._run(lambda: water.set_coefficient(self.app.ctx, key, self.coef_value.get()))

    def reset_coefficient(self):
        sel = self.coef.selection()
        if sel:
            key = sel[0]
            self._run(lambda: water.reset_coefficient(self.app.ctx, key))
