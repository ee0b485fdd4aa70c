"""Account-book summaries: one household's year, one village by month, the tambon's villages
side by side, and the category list. Figures come from `accounts` (never SQL here); charts
from reports/charts.py, so the screen draws what the PDF prints. matplotlib is imported
only when a chart is drawn.
"""

from __future__ import annotations

import datetime as _dt
import tkinter as tk

import ttkbootstrap as ttk

from ... import accounts, registry, thai
from ...core.i18n import N_, _
from ..fonts import SMALL_BOLD, SUBHEADING
from ..widgets import ChartArea, ChoiceBox, WrapLabel, call_service, column_tree


def _current_fiscal_year() -> int:
    return thai.fiscal_year(_dt.date.today())


def _money(v) -> str:
    return "" if v is None else thai.format_baht(v)


class FigureTable(ttk.Frame):
    """A Treeview of Figures rows (month or village) with a totals row."""

    COLS = (
        ("label", N_("Month"), 110, "w"),
        ("households", N_("Households"), 80, "e"),
        ("income", N_("Income"), 100, "e"),
        ("expense", N_("Expense"), 100, "e"),
        ("savings", N_("Savings"), 90, "e"),
        ("balance", N_("Balance"), 100, "e"),
        ("debt", N_("Debt outstanding"), 105, "e"),
        ("unnecessary", N_("Unnecessary"), 90, "e"),
        ("share", N_("% unnecessary"), 90, "e"),
    )

    def __init__(self, master, first_title: str, height: int = 13, extra=()):
        super().__init__(master)
        cols = [
            ("label", first_title, 160 if first_title != _("Month") else 80, "w"),
            *self.COLS[1:],
            *extra,
        ]
        self.keys = [c[0] for c in cols]
        self.tree = ttk.Treeview(self, columns=self.keys, show="headings", height=height)
        for key, title, width, anchor in cols:
            self.tree.heading(key, text=_(title) if key != "label" else title, anchor=anchor)
            self.tree.column(key, width=width, anchor=anchor, stretch=False)
        xs = ttk.Scrollbar(self, orient="horizontal", command=self.tree.xview)
        self.tree.configure(xscrollcommand=xs.set)
        self.tree.pack(fill="both", expand=True)
        xs.pack(fill="x")
        self.tree.tag_configure("total", font=SMALL_BOLD)

    def fill(self, rows: list[tuple[str, object, dict]]) -> None:
        """rows: (label, Figures, extra values by key); the last may be tagged total."""
        self.tree.delete(*self.tree.get_children())
        for i, (label, f, extra) in enumerate(rows):
            values = {
                "label": label,
                "households": f.households,
                "income": _money(f.income),
                "expense": _money(f.expense),
                "savings": _money(f.savings),
                "balance": _money(f.balance),
                "debt": _money(f.debt),
                "unnecessary": _money(f.unnecessary),
                "share": "" if f.unnecessary_share is None else f"{f.unnecessary_share:.1f}",
                **extra,
            }
            self.tree.insert(
                "",
                "end",
                iid=str(i),
                values=[values.get(k, "") for k in self.keys],
                tags=("total",) if label == _("Total") else (),
            )

    def row(self, label: str) -> dict:
        for iid in self.tree.get_children():
            values = self.tree.item(iid, "values")
            if str(values[0]) == label:
                return dict(zip(self.keys, values))
        raise KeyError(label)


def _month_label(key: str) -> str:
    from ...reports._accounts import month_label

    return month_label(key)


class PeriodBar(ttk.Frame):
    """Fiscal year (BE) field and a Show button shared by the summary pages."""

    def __init__(
        self, master, on_show, with_village=False, with_household=False, with_tambon=False
    ):
        super().__init__(master)
        self.on_show = on_show
        col = 0
        self.village = None
        self.household = None
        self.tambon = None
        several = registry.is_district_database()  # a district database after merges
        if with_tambon and several:
            ttk.Label(self, text=_("Tambon")).grid(row=0, column=col)
            self.tambon = ChoiceBox(self, [(t.id, t.name_th) for t in registry.tambons()], width=20)
            self.tambon.set_value(registry.home_tambon().id)
            self.tambon.grid(row=0, column=col + 1, padx=(6, 12))
            col += 2
        if with_village:
            ttk.Label(self, text=_("Village")).grid(row=0, column=col)
            self.village = ChoiceBox(
                self,
                [
                    (v.id, registry.village_label(v, with_tambon=several))
                    for v in registry.villages()
                ],
                width=30,
            )
            self.village.grid(row=0, column=col + 1, padx=(6, 12))
            if registry.villages():
                self.village.current(0)
            col += 2
        if with_household:
            ttk.Label(self, text=_("House no. or name")).grid(row=0, column=col)
            self.household = ttk.Entry(self, width=20)
            self.household.grid(row=0, column=col + 1, padx=(6, 12))
            self.household.bind("<Return>", lambda e: self.on_show())
            col += 2
        ttk.Label(self, text=_("Fiscal year (BE)")).grid(row=0, column=col)
        self.year = ttk.Entry(self, width=8)
        self.year.insert(0, str(_current_fiscal_year()))
        self.year.grid(row=0, column=col + 1, padx=(6, 12))
        self.year.bind("<Return>", lambda e: self.on_show())
        ttk.Button(self, text=_("Show"), bootstyle="primary", command=self.on_show).grid(
            row=0, column=col + 2
        )
        self.error = ttk.Label(self, text="", bootstyle="danger")
        self.error.grid(row=1, column=0, columnspan=col + 3, sticky="w")

    def period(self):
        from ..widgets import read_be_year

        try:
            year = read_be_year(self.year, self.error)  # a CE year: converted, noted
        except thai.ThaiDateError as exc:
            self.error.configure(text=str(exc), bootstyle="danger")
            return None
        if str(self.error.cget("text")):
            self.error.configure(bootstyle="secondary")
        return accounts.period(fiscal_year=year)


class HouseholdSummary(ttk.Frame):
    """One household's year: 12 months, income vs expense chart, structure, unnecessary."""

    def __init__(
        self,
        master,
        app,
        household_id: str | None = None,
        show_bar: bool = True,
        table_rows: int = 13,
    ):
        super().__init__(master)
        self.app = app
        self.household_id = household_id
        self.bar = PeriodBar(self, self.show, with_household=show_bar)
        self.bar.pack(fill="x", pady=(0, 6))
        self.heading = ttk.Label(self, text="", font=SUBHEADING)
        self.heading.pack(anchor="w")
        self.table = FigureTable(self, _("Month"), height=table_rows)
        self.table.pack(fill="x")
        self.structure = WrapLabel(self, text="", justify="left", wrap=860)
        self.structure.pack(anchor="w", pady=(6, 0))
        self.chart = ChartArea(self, size_in=(6.4, 2.8))
        self.chart.pack(fill="both", expand=True)
        self.summary = None

    def show(self, draw_chart: bool = True):
        p = self.bar.period()
        if p is None:
            return None
        if self.bar.household is not None and self.bar.household.get().strip():
            found = accounts.pick_households(self.bar.household.get(), limit=1)
            self.household_id = found[0]["id"] if found else None
        h = registry.get_household(self.household_id) if self.household_id else None
        if h is None:
            self.bar.error.configure(text=_("Choose the household."))
            return None
        start, end, label = p
        s = accounts.household_summary(h, start, end)
        self.summary = s
        self.heading.configure(
            text=_("House no. {no} {name}, {village}").format(
                no=h.house_no, name=h.head_name, village=registry.village_label(h.village)
            )
            + f" · {label}"
        )
        rows = [(_month_label(m), s.month(m), {}) for m in s.months]
        self.table.fill(rows + [(_("Total"), s.total, {})])
        t = s.total
        spent = t.expense + t.savings
        parts = [
            f"{accounts.group_label(g)} {thai.format_baht(t.group(g))}"
            + (f" ({100 * t.group(g) / spent:.1f}%)" if spent else "")
            for g in (*accounts.EXPENSE_GROUPS, accounts.SAVINGS_GROUP)
        ]
        self.structure.configure(
            text=_("Expense structure: ")
            + " · ".join(parts)
            + "\n"
            + _("Balance in words: {words}").format(words=thai.baht_text(t.balance))
        )
        if draw_chart:
            from ...reports.model import Chart

            labels = [_month_label(m) for m in s.months]
            self.chart.draw(
                Chart(
                    "bar",
                    _("Income, expense and unnecessary expenses by month"),
                    labels,
                    [
                        (_("Income"), [s.month(m).income / 100 for m in s.months]),
                        (_("Expense"), [s.month(m).expense / 100 for m in s.months]),
                        (_("Unnecessary"), [s.month(m).unnecessary / 100 for m in s.months]),
                    ],
                    y_label=_("Baht"),
                )
            )
        return s


class VillageSummary(ttk.Frame):
    """One village by month: recording households against the target, sums and averages."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.bar = PeriodBar(self, self.show, with_village=True)
        self.bar.pack(fill="x", pady=(0, 6))
        self.heading = ttk.Label(self, text="", font=SUBHEADING)
        self.heading.pack(anchor="w")
        self.table = FigureTable(
            self,
            _("Month"),
            extra=(
                ("participation", _("% of target"), 80, "e"),
                ("avg_income", _("Average income per household"), 130, "e"),
            ),
        )
        self.table.pack(fill="x")
        self.chart = ChartArea(self, size_in=(6.4, 2.8))
        self.chart.pack(fill="both", expand=True)

    def show(self, draw_chart: bool = True):
        p = self.bar.period()
        v = registry.get_village(self.bar.village.get_value())
        if p is None or v is None:
            return None
        start, end, label = p
        s = accounts.village_summary(v, start, end)
        self.heading.configure(
            text=_("{village} — target {n} households").format(
                village=registry.village_label(v), n=v.account_target
            )
            + f" · {label}"
        )

        def extra(f):
            return {
                "participation": f"{100 * f.households / v.account_target:.1f}"
                if v.account_target
                else "",
                "avg_income": _money(f.per_household(f.income)),
            }

        rows = [(_month_label(m), s.month(m), extra(s.month(m))) for m in s.months]
        self.table.fill(rows + [(_("Total"), s.total, extra(s.total))])
        if draw_chart:
            from ...reports._accounts import structure_chart

            self.chart.draw(
                structure_chart(
                    _("Expense structure by month"),
                    [_month_label(m) for m in s.months],
                    [s.month(m) for m in s.months],
                )
            )
        return s


class TambonSummary(ttk.Frame):
    """The villages side by side for a fiscal year, with participation against target."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.bar = PeriodBar(self, self.show, with_tambon=True)
        self.bar.pack(fill="x", pady=(0, 6))
        self.table = FigureTable(
            self,
            _("Village"),
            height=10,
            extra=(("target", _("Target"), 70, "e"), ("participation", _("% of target"), 80, "e")),
        )
        self.table.pack(fill="x")
        self.chart = ChartArea(self, size_in=(6.4, 2.8))
        self.chart.pack(fill="both", expand=True)

    def show(self, draw_chart: bool = True):
        p = self.bar.period()
        tambon = (
            registry.resolve_tambon(None)
            if self.bar.tambon is None
            else next((t for t in registry.tambons() if t.id == self.bar.tambon.get_value()), None)
        )
        if p is None or tambon is None:
            return None
        start, end, _label = p
        per_village, whole = accounts.tambon_summary(tambon, start, end)
        villages = registry.villages(tambon)

        def extra(f, target):
            return {
                "target": target,
                "participation": f"{100 * f.households / target:.1f}" if target else "",
            }

        rows = [
            (
                registry.village_label(v),
                per_village[v.id].total,
                extra(per_village[v.id].total, v.account_target),
            )
            for v in villages
        ]
        self.table.fill(rows + [(_("Total"), whole.total, extra(whole.total, whole.target))])
        if draw_chart:
            from ...reports.model import Chart

            self.chart.draw(
                Chart(
                    "bar",
                    _("Target and recording households"),
                    [f"{_('Moo')} {v.moo}" for v in villages],
                    [
                        (_("Target"), [v.account_target for v in villages]),
                        (
                            _("Recording households"),
                            [per_village[v.id].total.households for v in villages],
                        ),
                    ],
                    y_label=_("Households"),
                )
            )
        return whole


class CategoryPage(ttk.Frame):
    """The category list (reference data): admins add, rename and retire categories."""

    def __init__(self, master, app):
        from ..widgets import Form

        super().__init__(master)
        self.app = app
        self.current = None
        cols = (
            ("code", _("Code"), 90, "w"),
            ("name_th", _("Thai name"), 180, "w"),
            ("group", _("Group"), 180, "w"),
            ("retired", _("Retired"), 60, "center"),
        )
        self.tree = column_tree(self, cols, height=16, stretch_all=True, selectmode="browse")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._load())
        self.form = Form(self, columns=1, padding=(12, 0))
        self.code = self.form.add("code", _("Code"), ttk.Entry(self.form, width=16))
        self.name_th = self.form.add("name_th", _("Thai name"), ttk.Entry(self.form, width=30))
        self.name_en = self.form.add("name_en", _("English name"), ttk.Entry(self.form, width=30))
        self.group = self.form.add(
            "group",
            _("Group"),
            ChoiceBox(
                self.form,
                [
                    (g, accounts.group_label(g))
                    for g in (*accounts.GROUPS, *accounts.ENTERPRISE_GROUPS)
                ],
                width=28,
            ),
        )
        self.order = self.form.add("order", _("Order"), ttk.Entry(self.form, width=6))
        self.retired_var = tk.BooleanVar(value=False)
        self.form.add(
            "retired",
            "",
            ttk.Checkbutton(
                self.form, variable=self.retired_var, text=_("Retired (kept in old lines)")
            ),
        )
        self.form.pack(side="right", fill="y")  # packed first: the list gives way to it
        self.tree.pack(side="left", fill="both", expand=True)
        buttons = ttk.Frame(self.form)
        self.form.add("buttons", "", buttons, enter_moves=False)
        ttk.Button(buttons, text=_("New category"), bootstyle="secondary", command=self.new).pack(
            side="left"
        )
        self.save_btn = ttk.Button(buttons, text=_("Save"), bootstyle="primary", command=self.save)
        self.save_btn.pack(side="left", padx=6)
        if app.ctx.role != "admin":
            self.save_btn.configure(state="disabled")
            # codes are the admin's (they travel between PCs); clerks read the Thai names
            self.tree.configure(displaycolumns=("name_th", "group", "retired"))
            self.code.configure(state="disabled")
        self.refresh()

    def refresh(self):
        self.tree.delete(*self.tree.get_children())
        for c in accounts.categories(include_retired=True, book=None):  # both books
            self.tree.insert(
                "",
                "end",
                iid=c.id,
                values=(c.code, c.name_th, accounts.group_label(c.group), "✓" if c.retired else ""),
            )

    def new(self):
        self.current = None
        for w in (self.code, self.name_th, self.name_en, self.order):
            w.delete(0, "end")
        self.group.set_value("household")
        self.retired_var.set(False)
        self.code.focus_set()

    def _load(self):
        sel = self.tree.selection()
        c = accounts.get_category(sel[0]) if sel else None
        if c is None:
            return
        self.new()
        self.current = c
        self.code.insert(0, c.code)
        self.name_th.insert(0, c.name_th)
        self.name_en.insert(0, c.name_en)
        self.order.insert(0, str(c.order))
        self.group.set_value(c.group)
        self.retired_var.set(bool(c.retired))

    def save(self) -> bool:
        order = thai.thai_to_arabic_digits(self.order.get().strip()) or "0"
        if not order.isdigit():
            self.form.show_errors({"order": _("Type a whole number.")})
            return False
        ok, c = call_service(
            self.app,
            lambda: accounts.save_category(
                self.app.ctx,
                self.code.get(),
                self.name_th.get(),
                self.group.get_value(),
                name_en=self.name_en.get(),
                order=int(order),
                retired=self.retired_var.get(),
                category=self.current,
                expected_updated_at=self.current.updated_at if self.current else None,
            ),
            self.form,
        )
        if not ok:
            return False
        self.form.clear_errors()
        self.refresh()
        self.tree.selection_set(c.id)
        self.app.set_status(_("Category {code} saved.").format(code=c.code))
        return True
