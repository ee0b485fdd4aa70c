"""Balance tab of the water screen: the monthly table (deficit months in red), the chart of
supply against demand, and what-if edits (a new pond, a crop area changed) recomputed at
once without saving; "Save ponds" turns the tried ponds into real water sources.

The chart is `reports.water_balance.balance_chart` of the same Balance the table shows,
drawn by `reports.charts.figure_for` (as in the PDF), with the deficit months shaded.
matplotlib is imported only when this tab first draws.
"""
from __future__ import annotations

import ttkbootstrap as ttk

from .. import auth, tambons, water
from ..errors import UserError, ValidationError
from ..i18n import _
from ..reports.water_balance import (balance_chart, balance_columns, balance_rows,
                                     balance_totals, month_label)
from .widgets import ChoiceBox, Form

DEFICIT_BG = "#f8d7da"


class BalanceTab(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master, padding=8)
        self.app = app
        self.tambon = tambons.home_tambon()
        self.stale = True
        self.base = None                   # {village_id: BalanceInputs} read from the db
        self.ponds: list = []              # [(village_id, SourceInput)] tried, not saved
        self.crop_changes: list = []       # [(village_id, crop, rai)]
        self.balance = self.chart = None
        self.canvas = None

        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Village")).pack(side="left")
        self.scope = ChoiceBox(bar, width=26)
        self.scope.pack(side="left", padx=6)
        self.scope.bind("<<ComboboxSelected>>", lambda e: self.recompute())
        ttk.Label(bar, text=_("Water year (BE)")).pack(side="left", padx=(12, 0))
        self.year = ttk.Spinbox(bar, from_=2500, to=2700, width=7,
                                command=lambda: self.reload())
        self.year.pack(side="left", padx=6)
        self.year.bind("<Return>", lambda e: self.reload())
        ttk.Button(bar, text=_("Refresh"), icon="arrow-clockwise", compound="left",
                   bootstyle="secondary-outline", command=self.reload).pack(side="left")
        self.summary = ttk.Label(self, text="", font=("", 11, "bold"))
        self.summary.pack(anchor="w", pady=(0, 4))

        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        self._build_what_if(body)           # packed first on the right: never squeezed out
        left = ttk.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        cols = balance_columns()
        self.columns = cols
        self.tree = ttk.Treeview(left, columns=[c.key for c in cols], show="headings",
                                 height=13, selectmode="browse")
        for c in cols:
            anchor = "e" if c.alignment == "right" else "w"
            self.tree.heading(c.key, text=c.title, anchor=anchor)
            self.tree.column(c.key, width=int(66 * c.width), anchor=anchor, stretch=False)
        self.tree.tag_configure("deficit", background=DEFICIT_BG)
        self.tree.tag_configure("total", font=("", 10, "bold"))
        self.tree.pack(fill="x")
        self.chart_frame = ttk.Frame(left)
        self.chart_frame.pack(fill="both", expand=True, pady=(6, 0))
        self.note = ttk.Label(left, text="", bootstyle="warning")
        self.note.pack(anchor="w")
        if self.tambon is not None:
            self.year.set(water.default_year(self.tambon))
            self.scope.set_choices([(None, _("Whole tambon"))] + [
                (v.id, tambons.village_label(v)) for v in tambons.villages(self.tambon)])
            self.scope.current(0)

    # --- what-if panel ----------------------------------------------------------------------
    def _build_what_if(self, body):
        side = ttk.Labelframe(body, text=_("What if…"), padding=8)
        side.pack(side="right", fill="y", padx=(10, 0))
        ttk.Label(side, text=_("Changes here are tried, not saved."),
                  bootstyle="secondary").pack(anchor="w")
        self.pond_form = Form(side, columns=1)
        self.pond_form.pack(fill="x")
        self.pond_village = self.pond_form.add("village", _("Village"),
                                               ChoiceBox(self.pond_form, width=22))
        self.pond_name = self.pond_form.add("name", _("New pond"), ttk.Entry(self.pond_form,
                                                                             width=22))
        self.pond_name.insert(0, _("New pond"))
        self.pond_capacity = self.pond_form.add("capacity_m3", _("Capacity (m³)"),
                                                ttk.Entry(self.pond_form, width=22))
        self.pond_dry = self.pond_form.add("dry_months", _("Months it runs dry (e.g. 3,4)"),
                                           ttk.Entry(self.pond_form, width=22))
        self.pond_capacity.bind("<Return>", lambda e: self.add_pond())
        ttk.Button(side, text=_("Try this pond"), icon="plus-lg", compound="left",
                   command=self.add_pond).pack(anchor="e", pady=(2, 8))
        self.crop_form = Form(side, columns=1)
        self.crop_form.pack(fill="x")
        self.crop = self.crop_form.add("crop", _("Crop"), ChoiceBox(self.crop_form, width=22))
        self.crop_rai = self.crop_form.add("area_rai", _("Area (rai)"),
                                           ttk.Entry(self.crop_form, width=22))
        self.crop_rai.bind("<Return>", lambda e: self.change_crop())
        ttk.Button(side, text=_("Try this area"), icon="arrow-repeat", compound="left",
                   command=self.change_crop).pack(anchor="e", pady=(2, 8))
        self.changes = ttk.Label(side, text="", justify="left", wraplength=240)
        self.changes.pack(anchor="w", pady=4)
        ttk.Button(side, text=_("Clear the changes"), icon="x-lg", compound="left",
                   bootstyle="secondary-outline", command=self.clear_what_if).pack(fill="x")
        self.save_ponds_btn = ttk.Button(side, text=_("Save the ponds as water sources"),
                                         icon="floppy", compound="left", bootstyle="success",
                                         command=self.save_ponds)
        self.save_ponds_btn.pack(fill="x", pady=(6, 0))
        if not auth.has_role(self.app.ctx, "clerk"):
            self.save_ponds_btn.configure(state="disabled")

    def _village(self, vid):
        from ..db.models import Village

        return Village.get_by_id(vid)

    def add_pond(self) -> bool:
        vid = self.pond_village.get_value()
        errors = {}
        if vid is None:
            errors["village"] = _("Choose the village.")
        try:
            cap = float(self.pond_capacity.get().replace(",", ""))
            if cap <= 0:
                raise ValueError
        except ValueError:
            errors["capacity_m3"] = _("Enter a number of zero or more.")
        try:
            dry = water.parse_months(self.pond_dry.get().strip())
        except (TypeError, ValueError):
            errors["dry_months"] = _("Months are numbers from 1 to 12, separated by commas.")
        if errors:
            self.pond_form.show_errors(errors)
            return False
        self.pond_form.clear_errors()
        name = self.pond_name.get().strip() or _("New pond")
        self.ponds.append((vid, water.new_source_input(name, storage_m3=cap, dry_months=dry)))
        self.recompute()
        return True

    def change_crop(self) -> bool:
        vid, crop = self.pond_village.get_value(), self.crop.get_value()
        try:
            rai = float(self.crop_rai.get().replace(",", ""))
            if rai < 0 or crop is None or vid is None:
                raise ValueError
        except ValueError:
            self.crop_form.show_errors({"area_rai": _("Enter a number of zero or more.")})
            return False
        self.crop_form.clear_errors()
        self.crop_changes = [c for c in self.crop_changes if c[:2] != (vid, crop)]
        self.crop_changes.append((vid, crop, rai))
        self.recompute()
        return True

    def clear_what_if(self):
        self.ponds, self.crop_changes = [], []
        self.recompute()

    def save_ponds(self):
        """Make the tried ponds real water sources (audited saves through the service)."""
        if not self.ponds:
            return
        try:
            for vid, src in list(self.ponds):
                water.save_source(self.app.ctx, {
                    "village": self._village(vid), "name": src.name, "kind": "pond",
                    "capacity_m3": src.storage_m3, "dry_months": sorted(src.dry_months)})
                self.ponds.remove((vid, src))
        except (UserError, ValidationError) as exc:
            self.app.show_error(exc)
        self.app.set_status(_("Saved."))
        self.reload()

    # --- computing and drawing --------------------------------------------------------------
    def mark_stale(self):
        self.stale = True

    def on_show(self):
        if self.stale:
            self.reload()

    def reload(self):
        """Read the inputs again from the database, keep the what-ifs, recompute."""
        if self.tambon is None:
            return
        try:
            year = int(self.year.get())
        except ValueError:
            self.app.show_error(ValidationError({"year": _(
                "Enter the year in the Buddhist Era, e.g. 2569.")}))
            return
        self.base = water.inputs_by_village(self.tambon, year)
        self.stale = False
        self.recompute()

    def recompute(self):
        if self.base is None or self.stale:
            self.reload()
            return
        vid = self.scope.get_value()
        self.balance, _per = water.what_if_balance(self.base, self.ponds, self.crop_changes,
                                                   only=vid)
        self._sync_what_if_choices(vid)
        self._fill_table()
        self._draw_chart()
        self._describe()

    def _sync_what_if_choices(self, vid):
        villages = [(v.id, tambons.village_label(v)) for v in tambons.villages(self.tambon)]
        current = self.pond_village.get_value()
        self.pond_village.set_choices(villages)
        self.pond_village.set_value(vid or current or (villages[0][0] if villages else None))
        chosen = self.pond_village.get_value()
        labels = water.crops()
        grown = sorted({c.crop for c in self.base.get(chosen).crops}) if chosen in self.base \
            else []
        cur = self.crop.get_value()
        self.crop.set_choices([(c, labels.get(c, c)) for c in grown])
        if cur in grown:
            self.crop.set_value(cur)
        elif grown:
            self.crop.current(0)

    def _fill_table(self):
        self.tree.delete(*self.tree.get_children())
        self.rows = balance_rows(self.balance)
        keys = [c.key for c in self.columns]
        for i, r in enumerate(self.rows):
            self.tree.insert("", "end", iid=str(i), values=[_cell(r.get(k)) for k in keys],
                             tags=("deficit",) if r["is_deficit"] else ())
        totals = balance_totals(self.balance)
        self.tree.insert("", "end", iid="total", values=[_cell(totals.get(k)) for k in keys],
                         tags=("total",))

    def deficit_rows(self) -> list[str]:
        """Month labels of the rows shown red (what a test or a clerk sees)."""
        return [r["month"] for r in self.rows if r["is_deficit"]]

    def _draw_chart(self):
        from matplotlib.backends.backend_tkagg import FigureCanvasTkAgg

        from ..reports.charts import figure_for

        self.chart = balance_chart(self.balance)
        width = max(self.chart_frame.winfo_width(), 640) / 96
        fig = figure_for(self.chart, width_in=min(width, 9.5), height_in=3.0)
        ax = fig.axes[0]
        for i, r in enumerate(self.balance.rows):
            if r.deficit_m3 > 1e-9:
                ax.axvspan(i - 0.5, i + 0.5, color=DEFICIT_BG, zorder=0)
        if self.canvas is not None:
            self.canvas.get_tk_widget().destroy()
        self.canvas = FigureCanvasTkAgg(fig, master=self.chart_frame)
        self.canvas.draw()
        self.canvas.get_tk_widget().pack(fill="both", expand=True)
        self.figure = fig

    def _describe(self):
        b = self.balance
        short = ", ".join(month_label(y, m) for y, m in b.deficit_months)
        self.summary.configure(
            text=_("Short of water: {months}").format(months=short) if short
            else _("No month is short of water."),
            bootstyle="danger" if short else "success")
        lines = [_("Pond {name}: {m3} m³ (moo {moo})").format(
            name=s.name, m3=f"{s.storage_m3:,.0f}", moo=self._village(v).moo)
            for v, s in self.ponds]
        labels = water.crops()
        lines += [_("{crop}: {rai} rai (moo {moo})").format(
            crop=labels.get(c, c), rai=f"{r:,.1f}", moo=self._village(v).moo)
            for v, c, r in self.crop_changes]
        self.changes.configure(text="\n".join(lines) or _("No changes tried."))
        note = []
        if b.missing_rain:
            note.append(_("No rainfall recorded for {months}; counted as no rain.").format(
                months=", ".join(month_label(y, m) for y, m in b.missing_rain)))
        self.note.configure(text=" ".join(note))


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return f"{v:,.0f}"
    return str(v)

