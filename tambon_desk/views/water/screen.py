"""Water accounts screen: sources (with their storage), monthly rainfall, demand inputs, the
monthly balance with what-if edits and its chart, and the water-use agreements.

Each tab is its own small class; the balance, sources, demand and agreement tabs live in
`water_balance.py`, `water_sources.py`, `water_demand.py` and `water_agreements.py`. All data
goes through `tambon_desk.water`; nothing here computes a figure itself.
"""

from __future__ import annotations

import ttkbootstrap as ttk

from ... import registry, thai, water
from ...core import roles
from ...core.errors import ValidationError
from ...core.i18n import _
from ..fonts import TITLE
from ..widgets import ChoiceBox, Form, call_service


class RainfallTab(ttk.Frame):
    """Twelve months of rainfall (mm) for a BE year; Save writes the changed months."""

    def __init__(self, master, app, on_change=None, tambon=None):
        super().__init__(master, padding=8)
        self.app, self.on_change = app, on_change
        self.tambon = tambon or registry.home_tambon()
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        ttk.Label(bar, text=_("Year (BE)")).pack(side="left")
        self.year = ttk.Spinbox(bar, from_=2500, to=2700, width=8, command=self.load)
        self.year.pack(side="left", padx=6)
        self.year.bind("<Return>", lambda e: self.load())
        self.save_btn = ttk.Button(
            bar,
            text=_("Save") + " (Ctrl+S)",
            icon="floppy",
            compound="left",
            bootstyle="success",
            command=self.save,
        )
        self.save_btn.pack(side="left", padx=12)
        self.import_btn = ttk.Button(
            bar,
            text=_("Load from a sheet…"),
            icon="file-earmark-spreadsheet",
            compound="left",
            bootstyle="secondary",
            command=self.open_import,
        )
        self.import_btn.pack(side="left")
        self.form = Form(self, columns=4)
        self.form.pack(fill="x")
        self.cells = {}
        for m in range(1, 13):
            e = self.form.add(
                f"month.{m}",
                thai.MONTHS_LONG[m - 1],
                ttk.Entry(self.form, width=8, justify="right"),
            )
            e.bind("<Control-s>", lambda ev: (self.save(), "break")[1])
            self.cells[m] = e
        self.total = ttk.Label(self, text="")
        self.total.pack(anchor="w", pady=8)
        ttk.Label(
            self,
            text=_(
                "Millimetres of rain in each month for the whole tambon. "
                "An empty month counts as no rain in the balance."
            ),
            bootstyle="secondary",
        ).pack(anchor="w")
        if not roles.has_role(app.ctx, "clerk"):
            self.save_btn.configure(state="disabled")
            self.import_btn.configure(state="disabled")
        t = self.tambon
        self.year.set(water.default_year(t) if t else thai.be_year(2026))
        self.load()

    def open_import(self):
        """The generic import window for the `rainfall` kind; the grid and the balance
        follow when it closes."""
        from ..importing import open_import_dialog

        dialog = open_import_dialog(self.app, kind="rainfall")

        def closed(event):
            if event.widget is dialog:
                self.load()
                if self.on_change:
                    self.on_change()

        dialog.bind("<Destroy>", closed, add="+")
        return dialog

    def on_show(self):
        self.load()

    def year_ce(self) -> int:
        try:
            year, note = thai.parse_be_year(self.year.get())
        except thai.ThaiDateError as exc:
            raise ValidationError({"": str(exc)}) from None
        if note:  # a CE year typed: converted, and said so
            self.year.set(year)
            self.app.set_status(note)
        return thai.ce_year(year)

    def load(self):
        t = self.tambon
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
        t = self.tambon
        if not call_service(
            self.app,
            lambda: water.set_rainfall(
                self.app.ctx,
                t,
                self.year_ce(),
                {m: e.get().strip() or None for m, e in self.cells.items()},
            ),
            self.form,
        )[0]:
            return False
        self.load()
        self.app.set_status(_("Rainfall saved."))
        if self.on_change:
            self.on_change()
        return True


class WaterView(ttk.Frame):
    """The notebook of the water account; the balance tab follows edits in the others.

    A district database (several tambons after USB merges) shows a tambon choice above the
    tabs, like the dashboard; choosing one builds the tabs again for that tambon."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        head = ttk.Frame(self)  # title and (district) tambon on one line: the
        head.pack(fill="x")  # balance chart needs the height below
        ttk.Label(head, text=_("Water accounts"), font=TITLE).pack(side="left")
        self.tambon = registry.home_tambon()
        self.scope = ChoiceBox(head, width=40)
        self.scope.bind(
            "<<ComboboxSelected>>", lambda e: self.choose_tambon(self.scope.get_value())
        )
        if registry.is_district_database():
            self.scope.set_choices([(t.id, label) for t, label in _tambon_choices()])
            self.scope.set_value(self.tambon.id)
            self.scope.pack(side="left", padx=(16, 0))
        self.notebook = None
        if self.tambon is None:
            ttk.Label(self, text=_("No tambon is registered yet.")).pack()
            return
        self._build_tabs()

    def _build_tabs(self, select: int = 0):
        from .agreements import AgreementsTab
        from .balance import BalanceTab
        from .demand import DemandTab
        from .sources import SourcesTab

        if self.notebook is not None:
            self.notebook.destroy()
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(8, 0))
        t, app = self.tambon, self.app
        self.balance = BalanceTab(self.notebook, app, tambon=t)
        stale = self.balance.mark_stale
        self.sources = SourcesTab(self.notebook, app, on_change=stale, tambon=t)
        self.rainfall = RainfallTab(self.notebook, app, on_change=stale, tambon=t)
        self.demand = DemandTab(self.notebook, app, on_change=stale, tambon=t)
        self.agreements = AgreementsTab(self.notebook, app, tambon=t)
        for tab, title in (
            (self.balance, _("Water balance")),
            (self.sources, _("Water sources")),
            (self.rainfall, _("Rainfall")),
            (self.demand, _("Water demand")),
            (self.agreements, _("Water-use agreements")),
        ):
            self.notebook.add(tab, text=title)
        self.notebook.select(select)
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._tab_changed())

    def choose_tambon(self, tambon_id) -> None:
        """Show the water account of another tambon of a district database."""
        if tambon_id is None or (self.tambon is not None and tambon_id == self.tambon.id):
            return
        self.tambon = registry.get_tambon(tambon_id)
        self.scope.set_value(tambon_id)
        self._build_tabs(self.notebook.index("current"))
        self._tab_changed()

    def _tab_changed(self):
        tab = self.notebook.nametowidget(self.notebook.select())
        if hasattr(tab, "on_show"):
            tab.on_show()

    def on_show(self):
        if self.notebook is not None:
            self._tab_changed()

    def on_households_changed(self):
        if self.notebook is not None:
            self.balance.mark_stale()
            self.demand.mark_stale()


def _tambon_choices():
    return [
        (t, _("Tambon {name}, {district} district").format(name=t.name_th, district=t.district_th))
        for t in registry.tambons()
    ]
