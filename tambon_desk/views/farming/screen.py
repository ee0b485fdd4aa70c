"""The farming area: crop cycles of the tambon (Enter opens the cycle sheet), community
enterprises, and the settings of the cost method (wage, interest rate, owner's land use,
water-account crop areas from plots per village)."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from ... import farming, registry, thai
from ...core import roles
from ...core.errors import UserError, ValidationError
from ...core.i18n import _
from ..fonts import BOLD, TITLE
from ..widgets import ChoiceBox, Form, MoneyEntry, column_tree
from .enterprises import EnterprisesPage
from .sheet import open_cycle_window


class CyclesPage(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master, padding=6)
        self.app = app
        self.tambon = registry.home_tambon()
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        ttk.Label(bar, text=_("Village")).pack(side="left")
        vs = registry.villages(self.tambon) if self.tambon else []
        self.village = ChoiceBox(
            bar,
            [(None, _("Whole tambon"))] + [(v, registry.village_label(v)) for v in vs],
            width=26,
        )
        self.village.set_value(None)
        self.village.pack(side="left", padx=(4, 12))
        ttk.Label(bar, text=_("Season year (B.E.)")).pack(side="left")
        self.year = ttk.Entry(bar, width=7)
        self.year.pack(side="left", padx=4)
        self.village.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        self.year.bind("<Return>", lambda e: self.refresh())
        self.summary = ttk.Label(self, text="", justify="left")
        self.summary.pack(anchor="w", pady=(4, 4))
        self.tree = column_tree(
            self,
            [
                ("household", _("Household"), 150, "w"),
                ("plot", _("Plot"), 80, "w"),
                ("crop", _("Crop"), 70, "w"),
                ("season", _("Season"), 85, "w"),
                ("area", _("Area (rai)"), 45, "e"),
                ("cost", _("Total cost per rai"), 75, "e"),
                ("profit", _("Profit per rai over total cost"), 80, "e"),
                ("oae", _("Compared with OAE (baht/rai)"), 75, "e"),
            ],
            height=18,
        )
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Return>", lambda e: self.open_cycle())
        self.tree.bind("<Double-1>", lambda e: self.open_cycle())
        self._rows = {}

    def refresh(self) -> None:
        if self.tambon is None:
            return
        v = self.village.get_value()
        t = thai.thai_to_arabic_digits(self.year.get().strip())
        rows = farming.cycle_rows(
            tambon_ids=[self.tambon.id],
            village_ids=[v.id] if v is not None else None,
            year_be=int(t) if t.isdigit() else None,
        )
        self.tree.delete(*self.tree.get_children())
        self._rows = {}

        def b(x):
            return thai.format_baht(x) if x is not None else "—"

        for r in rows:
            f = r.figures
            self._rows[r.cycle_id] = r
            self.tree.insert(
                "",
                "end",
                iid=r.cycle_id,
                values=(
                    f"{r.house_no} {r.head_name} ({_('Moo')} {r.moo})",
                    r.plot,
                    r.crop_name,
                    f"{farming.label(farming.SEASONS, r.season)} {thai.be_year(r.year)}",
                    f"{f.rai:,.2f}",
                    b(f.total_per_rai),
                    b(f.profit_total_per_rai),
                    b(r.comparison.total_diff) if r.comparison else "—",
                ),
            )
        losing = sum(1 for r in rows if r.figures.profit < 0)
        self.summary.configure(
            text=_(
                "{n} cycles, {losing} at a loss over total cost. "
                "Interest imputed at {rate}% a year."
            ).format(n=len(rows), losing=losing, rate=farming.settings().rate)
        )

    def open_cycle(self):
        sel = self.tree.focus() or (self.tree.selection() or [None])[0]
        if not sel:
            return None
        c = farming.get_cycle(sel)
        return open_cycle_window(self.app, c.plot, c)


class SettingsPage(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master, padding=8)
        self.app = app
        s = farming.settings()
        self.form = Form(self, columns=1)
        self.form.pack(anchor="w")
        f = self.form
        self.wage = f.add(
            "wage", _("Family labour: wage offered (baht a day)"), MoneyEntry(f, width=10)
        )
        self.rate = f.add(
            "rate", _("Interest rate for imputed interest (% a year)"), ttk.Entry(f, width=8)
        )
        self.land = f.add(
            "land_use",
            _("Owner's land use (baht a rai a cycle)"),
            MoneyEntry(f, width=10),
            enter_moves=False,
        )
        self.wage.set_satang(s.wage)
        self.rate.insert(0, str(s.rate))
        self.land.set_satang(s.land_use_per_rai)
        self.land.bind("<Return>", lambda e: (self.save(), "break")[1])
        state = "normal" if roles.has_role(app.ctx, "clerk") else "disabled"
        ttk.Button(
            self, text=_("Save settings"), bootstyle="primary", state=state, command=self.save
        ).pack(anchor="w", pady=(4, 10))
        ttk.Label(
            self,
            text=_("Water account: take a village's crop areas from its plots"),
            font=BOLD,
        ).pack(anchor="w")
        tambon = registry.home_tambon()
        self.checks = []
        for v in registry.villages(tambon) if tambon else []:
            var = tk.BooleanVar(value=farming.uses_plots(v))
            ttk.Checkbutton(
                self,
                text=registry.village_label(v),
                variable=var,
                state=state,
                command=lambda v=v, var=var: self.toggle(v, var),
            ).pack(anchor="w")
            self.checks.append(var)

    def save(self) -> bool:
        try:
            farming.set_settings(
                self.app.ctx,
                wage=self.wage.get_satang() or 0,
                rate=self.rate.get().strip() or "0",
                land_use_per_rai=self.land.get_satang() or 0,
            )
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        except (UserError, thai.MoneyError) as exc:
            self.form.show_errors({"general": str(exc)})
            return False
        self.form.clear_errors()
        self.app.set_status(_("Settings saved."))
        return True

    def toggle(self, village, var) -> None:
        try:
            farming.set_uses_plots(self.app.ctx, village, var.get())
        except UserError as exc:
            self.app.show_error(exc)


class FarmingView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Farming and community enterprises"), font=TITLE).pack(anchor="w")
        nb = self.nb = ttk.Notebook(self)
        nb.pack(fill="both", expand=True, pady=(6, 0))
        self.cycles = CyclesPage(nb, app)
        self.enterprises = EnterprisesPage(nb, app)
        self.settings = SettingsPage(nb, app)
        for page, title in (
            (self.cycles, _("Crop cycles")),
            (self.enterprises, _("Community enterprises")),
            (self.settings, _("Cost settings")),
        ):
            nb.add(page, text=title)

    def on_close(self) -> bool:
        """Lines typed in an enterprise's book and not saved: ask before leaving."""
        return self.enterprises.on_close()

    def on_show(self):
        self.cycles.refresh()
