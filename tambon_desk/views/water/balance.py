"""Balance tab of the water screen: the monthly table (deficit months in red), the chart of
supply against demand, and what-if edits (a new pond, a crop area changed) recomputed at
once without saving; "Save ponds" turns the tried ponds into real water sources.

The chart is `reports.water_balance.balance_chart` of the same Balance the table shows,
drawn by `reports.charts.figure_for` (as in the PDF), with the deficit months shaded.
matplotlib is imported only when this tab first draws.
"""

from __future__ import annotations

import ttkbootstrap as ttk

from ... import registry, thai, water
from ...core import roles
from ...core.errors import ValidationError
from ...core.i18n import _
from ...reports.water_balance import (
    balance_chart,
    balance_columns,
    balance_rows,
    balance_totals,
    month_label,
)
from ..fonts import BOLD, SMALL_BOLD
from ..widgets import ChartArea, ChoiceBox, call_service

DEFICIT_BG = "#f8d7da"
# widths that show the whole Thai heading at 96 dpi in a 1280-pixel window
COLUMN_PX = {
    "month": 82,
    "rain": 68,
    "supply": 74,
    "domestic": 100,
    "livestock": 66,
    "crops": 78,
    "demand": 86,
    "balance": 66,
    "storage": 110,
    "deficit": 70,
}


class BalanceTab(ttk.Frame):
    def __init__(self, master, app, tambon=None):
        super().__init__(master, padding=8)
        self.app = app
        self.tambon = tambon or registry.home_tambon()
        self.stale = True
        self.base = None  # {village_id: BalanceInputs} read from the db
        self.ponds: list = []  # [(village_id, SourceInput)] tried, not saved
        self.crop_changes: list = []  # [(village_id, crop, rai)]
        self.balance = self.chart = None

        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Village")).pack(side="left")
        self.scope = ChoiceBox(bar, width=26)
        self.scope.pack(side="left", padx=6)
        self.scope.bind("<<ComboboxSelected>>", lambda e: self.recompute())
        ttk.Label(bar, text=_("Water year (BE)")).pack(side="left", padx=(12, 0))
        self.year = ttk.Spinbox(bar, from_=2500, to=2700, width=7, command=lambda: self.reload())
        self.year.pack(side="left", padx=6)
        self.year.bind("<Return>", lambda e: self.reload())
        ttk.Button(
            bar,
            text=_("Refresh"),
            icon="arrow-clockwise",
            compound="left",
            bootstyle="secondary-outline",
            command=self.reload,
        ).pack(side="left")
        self.summary = ttk.Label(bar, text="", font=BOLD)
        self.summary.pack(side="left", padx=12)
        self._build_what_if()
        cols = [c for c in balance_columns() if c.key != "flag"]  # red rows say it here
        self.columns = cols
        ttk.Style().configure("Balance.Treeview", rowheight=20)  # room left for the chart
        self.tree = ttk.Treeview(
            self,
            columns=[c.key for c in cols],
            show="headings",
            height=13,
            selectmode="browse",
            style="Balance.Treeview",
        )
        for c in cols:
            anchor = "e" if c.alignment == "right" else "w"
            self.tree.heading(c.key, text=c.title, anchor=anchor)
            self.tree.column(
                c.key, width=COLUMN_PX.get(c.key, 80), anchor=anchor, stretch=c.key != "month"
            )
        self.tree.tag_configure("deficit", background=DEFICIT_BG)
        self.tree.tag_configure("total", font=SMALL_BOLD)
        self.tree.pack(fill="x")
        line = ttk.Frame(self)  # one line: money side, rain warning
        line.pack(fill="x")
        self.money = ttk.Label(line, text="")  # the money side, from the account books
        self.money.pack(side="left")
        self.note = ttk.Label(line, text="", bootstyle="warning")
        self.note.pack(side="left", padx=(12, 0))
        self.chart_area = ChartArea(self)  # the chart takes the height that is left
        self.chart_area.pack(fill="both", expand=True, pady=(4, 0))
        if self.tambon is not None:
            self.year.set(water.default_year(self.tambon))
            self.scope.set_choices(
                [(None, _("Whole tambon"))]
                + [(v.id, registry.village_label(v)) for v in registry.villages(self.tambon)]
            )
            self.scope.current(0)

    # --- what-if strip ----------------------------------------------------------------------
    def _build_what_if(self):
        """Two compact rows above the table: try a pond; try a crop area. One error line."""
        box = ttk.Labelframe(
            self,
            text=_("What if…") + "  " + _("Changes here are tried, not saved."),
            padding=(8, 2),
        )
        box.pack(fill="x", pady=(0, 4))

        def field(row, col, label, widget):
            ttk.Label(box, text=label).grid(row=row, column=col, sticky="w", padx=(6, 4), pady=2)
            widget.grid(row=row, column=col + 1, sticky="we", pady=2)
            return widget

        self.pond_village = field(0, 0, _("Village"), ChoiceBox(box, width=16))
        self.pond_name = field(0, 2, _("New pond"), ttk.Entry(box, width=10))
        self.pond_name.insert(0, _("New pond"))
        self.pond_capacity = field(0, 4, _("Capacity (m³)"), ttk.Entry(box, width=7))
        self.pond_dry = field(0, 6, _("Dry months"), ttk.Entry(box, width=6))
        ttk.Button(
            box, text=_("Try this pond"), icon="plus-lg", compound="left", command=self.add_pond
        ).grid(row=0, column=8, padx=6, sticky="we")
        self.crop = field(1, 0, _("Crop"), ChoiceBox(box, width=16))
        self.crop_rai = field(1, 2, _("Area (rai)"), ttk.Entry(box, width=10))
        ttk.Button(
            box,
            text=_("Try this area"),
            icon="arrow-repeat",
            compound="left",
            command=self.change_crop,
        ).grid(row=1, column=4, columnspan=2, sticky="w", padx=6)
        ttk.Button(
            box,
            text=_("Clear the changes"),
            icon="x-lg",
            compound="left",
            bootstyle="secondary-outline",
            command=self.clear_what_if,
        ).grid(row=1, column=6, columnspan=2, sticky="w")
        self.save_ponds_btn = ttk.Button(
            box,
            text=_("Save the tried ponds"),
            icon="floppy",
            compound="left",
            bootstyle="success",
            command=self.save_ponds,
        )
        self.save_ponds_btn.grid(row=1, column=8, padx=6, sticky="we")
        self.what_if_error = ttk.Label(box, text="", bootstyle="danger")
        self.what_if_error.grid(row=2, column=0, columnspan=5, sticky="w")
        self.changes = ttk.Label(box, text="", bootstyle="info")
        self.changes.grid(row=2, column=5, columnspan=4, sticky="w")
        self.pond_capacity.bind("<Return>", lambda e: self.add_pond())
        self.pond_dry.bind("<Return>", lambda e: self.add_pond())
        self.crop_rai.bind("<Return>", lambda e: self.change_crop())
        if not roles.has_role(self.app.ctx, "clerk"):
            self.save_ponds_btn.configure(state="disabled")

    def _village(self, vid):
        return registry.get_village(vid)

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
        self.what_if_error.configure(text="  ".join(errors.values()))
        if errors:
            return False
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
            self.what_if_error.configure(text=_("Enter a number of zero or more."))
            return False
        self.what_if_error.configure(text="")
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
        for vid, src in list(self.ponds):
            ok, _saved = call_service(
                self.app,
                lambda vid=vid, src=src: water.save_source(
                    self.app.ctx,
                    {
                        "village": self._village(vid),
                        "name": src.name,
                        "kind": "pond",
                        "capacity_m3": src.storage_m3,
                        "dry_months": sorted(src.dry_months),
                    },
                ),
            )
            if not ok:
                return  # the error is shown; the unsaved ponds stay in the what-if
            self.ponds.remove((vid, src))
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
            year, note = thai.parse_be_year(self.year.get())
        except thai.ThaiDateError as exc:
            self.app.show_error(ValidationError({"year": str(exc)}))
            return
        if note:  # a CE year typed: converted, and said so
            self.year.set(year)
            self.app.set_status(note)
        self.base = water.inputs_by_village(self.tambon, year)
        self.stale = False
        self.recompute()

    def recompute(self):
        if self.base is None or self.stale:
            self.reload()
            return
        vid = self.scope.get_value()
        self.balance, _per = water.what_if_balance(
            self.base, self.ponds, self.crop_changes, only=vid
        )
        self._sync_what_if_choices(vid)
        self._fill_table()
        self._draw_chart()
        self._describe()

    def _sync_what_if_choices(self, vid):
        villages = [(v.id, registry.village_label(v)) for v in registry.villages(self.tambon)]
        current = self.pond_village.get_value()
        self.pond_village.set_choices(villages)
        self.pond_village.set_value(vid or current or (villages[0][0] if villages else None))
        chosen = self.pond_village.get_value()
        labels = water.crops()
        grown = sorted({c.crop for c in self.base.get(chosen).crops}) if chosen in self.base else []
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
            self.tree.insert(
                "",
                "end",
                iid=str(i),
                values=[_cell(r.get(k)) for k in keys],
                tags=("deficit",) if r["is_deficit"] else (),
            )
        totals = balance_totals(self.balance)
        self.tree.insert(
            "", "end", iid="total", values=[_cell(totals.get(k)) for k in keys], tags=("total",)
        )

    def deficit_rows(self) -> list[str]:
        """Month labels of the rows shown red (what a test or a clerk sees)."""
        return [r["month"] for r in self.rows if r["is_deficit"]]

    def _draw_chart(self):
        def shade(fig):
            for i, r in enumerate(self.balance.rows):
                if r.deficit_m3 > 1e-9:
                    fig.axes[0].axvspan(i - 0.5, i + 0.5, color=DEFICIT_BG, zorder=0)

        self.chart = balance_chart(self.balance)
        self.figure = self.chart_area.draw(self.chart, decorate=shade)

    def _describe(self):
        b = self.balance
        short = ", ".join(thai.MONTHS_SHORT[m - 1] for _y, m in b.deficit_months)
        self.summary.configure(
            text=_("Short of water: {months}").format(months=short)
            if short
            else _("No month is short of water."),
            bootstyle="danger" if short else "success",
        )
        lines = [
            _("Pond {name}: {m3} m³ (moo {moo})").format(
                name=s.name, m3=f"{s.storage_m3:,.0f}", moo=self._village(v).moo
            )
            for v, s in self.ponds
        ]
        labels = water.crops()
        lines += [
            _("{crop}: {rai} rai (moo {moo})").format(
                crop=labels.get(c, c), rai=f"{r:,.1f}", moo=self._village(v).moo
            )
            for v, c, r in self.crop_changes
        ]
        self.changes.configure(text="; ".join(lines) or _("No changes tried."))
        note = []
        if b.missing_rain:
            note.append(
                _("No rainfall recorded for {months}; counted as no rain.").format(
                    months=", ".join(month_label(y, m) for y, m in b.missing_rain)
                )
            )
        self.note.configure(text=" ".join(note))
        ids = [vid] if (vid := self.scope.get_value()) else list(self.base)
        money = water.water_money(ids, [(r.year, r.month) for r in b.rows])
        self.money_rows = money
        self.money.configure(
            text=_(
                "Account books this water year: water fees {fee} baht, pumping fuel {fuel} baht."
            ).format(
                fee=thai.format_baht(sum(r["water_fee"] for r in money)),
                fuel=thai.format_baht(sum(r["pump_fuel"] for r in money)),
            )
        )


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return f"{v:,.0f}"
    return str(v)
