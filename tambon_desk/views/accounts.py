"""Account books: the keying sheet for paper books, and the household/village/tambon summaries.

The keying sheet is built for a clerk with a pile of paper books and no mouse: type the house
number (or a name) and Enter, the month and Enter, then per line the day, the category (type
a few letters of the Thai name or the short code; ↑/↓ choose), the amount and a note, Enter
after each. Enter on the note saves the line and opens the next one; the totals at the top
follow every keystroke; Ctrl+Z takes back the last line saved; a likely duplicate asks first.

Summaries are read from `accounts` (never SQL here); charts come from reports/charts.py so
the screen draws what the PDF prints. matplotlib is imported only when a chart is shown.
"""
from __future__ import annotations

import datetime as _dt
import tkinter as tk

import ttkbootstrap as ttk

from .. import accounts, tambons, thai
from ..errors import ConcurrentEditError, UserError, ValidationError
from ..i18n import N_, _
from . import HouseholdTabSpec, ViewSpec
from .widgets import ChoiceBox, MoneyEntry

GROUP_ORDER = (*accounts.INCOME_GROUPS, *accounts.EXPENSE_GROUPS, accounts.SAVINGS_GROUP)


def _last_month(today=None) -> tuple[int, int]:
    today = today or _dt.date.today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _current_fiscal_year() -> int:
    return thai.fiscal_year(_dt.date.today())


def _household_label(row: dict) -> str:
    return f"{row['house_no']}  {row['head_name']}  ({_('Moo')} {row['moo']})"


class Suggestions(ttk.Frame):
    """The list beside the sheet offering households or categories for what is typed."""

    def __init__(self, master):
        super().__init__(master)
        self.title = ttk.Label(self, text="", bootstyle="secondary")
        self.title.pack(anchor="w")
        self.listbox = tk.Listbox(self, height=18, width=40, exportselection=False,
                                  takefocus=False, activestyle="none")
        self.listbox.pack(fill="both", expand=True)
        self.items: list = []

    def show(self, title: str, items: list) -> None:
        """items: [(value, label)]; the first is highlighted."""
        self.title.configure(text=title)
        self.items = list(items)
        self.listbox.delete(0, "end")
        for _v, label in self.items:
            self.listbox.insert("end", label)
        if self.items:
            self.listbox.selection_set(0)

    def move(self, delta: int) -> None:
        if not self.items:
            return
        sel = self.listbox.curselection()
        i = max(0, min(len(self.items) - 1, (sel[0] if sel else -1) + delta))
        self.listbox.selection_clear(0, "end")
        self.listbox.selection_set(i)
        self.listbox.see(i)

    def chosen(self):
        sel = self.listbox.curselection()
        return self.items[sel[0]][0] if sel and self.items else None


class LineRow:
    """One line of the month sheet: day, category, amount, note and a status/error text."""

    def __init__(self, sheet, index: int, entry=None):
        self.sheet = sheet
        parent = sheet.rows_frame
        self.entry = entry
        self.category = entry.category if entry is not None else None
        self.day = ttk.Entry(parent, width=4, justify="center")
        self.cat_var = tk.StringVar()
        self.cat = ttk.Entry(parent, width=26, textvariable=self.cat_var)
        self.amount = MoneyEntry(parent, width=12)
        self.note = ttk.Entry(parent, width=22)
        self.status = ttk.Label(parent, text="", width=26)
        self.widgets = (self.day, self.cat, self.amount, self.note)
        self.grid(index)
        if entry is not None:
            self.day.insert(0, str(entry.date.day))
            self.cat.insert(0, entry.category.name_th)
            self.amount.set_satang(entry.amount)
            self.note.insert(0, entry.note)
            self.status.configure(text="✓", bootstyle="success")

    def grid(self, index: int) -> None:
        for c, w in enumerate((*self.widgets, self.status)):
            w.grid(row=index + 1, column=c, padx=1, pady=1, sticky="w")

    def values(self) -> dict:
        return {"day": self.day.get().strip(), "cat": self.cat.get().strip(),
                "amount": self.amount.get().strip(), "note": self.note.get().strip()}

    def is_blank(self) -> bool:
        return not any(self.values().values())

    def pending_amount(self) -> int | None:
        """The amount as typed so far (for the running totals), None when unreadable."""
        try:
            return self.amount.get_satang()
        except thai.MoneyError:
            return None

    def say(self, text: str, style: str = "danger") -> None:
        self.status.configure(text=text, bootstyle=style)

    def destroy(self) -> None:
        for w in (*self.widgets, self.status):
            w.destroy()


class BookEntry(ttk.Frame):
    """Keying one household's month of the paper book."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.household = None
        self.month: tuple[int, int] | None = None
        self.rows: list[LineRow] = []
        self.undo_stack: list = []
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text=_("House no. or name")).grid(row=0, column=0, sticky="w")
        self.hh_var = tk.StringVar()
        self.hh_entry = ttk.Entry(top, textvariable=self.hh_var, width=24)
        self.hh_entry.grid(row=0, column=1, padx=(6, 14), sticky="w")
        ttk.Label(top, text=_("Month (mm/yyyy BE)")).grid(row=0, column=2, sticky="w")
        self.month_entry = ttk.Entry(top, width=10)
        self.month_entry.grid(row=0, column=3, padx=(6, 14), sticky="w")
        y, m = _last_month()
        self.month_entry.insert(0, thai.format_month(y, m, "numeric"))
        ttk.Label(top, text=_("Debt outstanding at month end")).grid(row=0, column=4,
                                                                   sticky="w")
        self.debt = MoneyEntry(top, width=14)
        self.debt.grid(row=0, column=5, padx=(6, 0), sticky="w")
        self.debt.bind("<Return>", lambda e: (self.save_debt(), "break")[1])
        ttk.Button(top, text=_("Load lines from Excel…"), icon="file-earmark-spreadsheet",
                   compound="left", bootstyle="secondary-outline", takefocus=False,
                   command=self.open_import).grid(row=0, column=6, padx=(14, 0), sticky="e")
        self.hh_label = ttk.Label(top, text=_("Type the house number or a name, then Enter."),
                                  font=("", 12, "bold"))
        self.hh_label.grid(row=1, column=0, columnspan=4, sticky="w", pady=(4, 0))
        self.message = ttk.Label(top, text="", bootstyle="danger")
        self.message.grid(row=2, column=0, columnspan=4, sticky="w")
        self.totals = ttk.Label(top, text="", font=("", 11))
        self.totals.grid(row=3, column=0, columnspan=6, sticky="w", pady=(2, 6))

        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        self.scroller = ttk.ScrolledFrame(body, height=440, width=640)
        self.scroller.pack(side="left", fill="both", expand=True)
        self.rows_frame = self.scroller
        for c, text in enumerate((_("Day"), _("Category (name or code)"), _("Amount (baht)"),
                                  _("Note"), "")):
            ttk.Label(self.rows_frame, text=text, bootstyle="secondary").grid(
                row=0, column=c, sticky="w", padx=1)
        self.suggest = Suggestions(body)
        self.suggest.pack(side="left", fill="y", padx=(10, 0))
        ttk.Label(self, text=_("Enter: next field · Enter on the note: save the line · "
                               "↑/↓: choose in the list · Ctrl+Z: take back the last line"),
                  bootstyle="secondary").pack(anchor="w", pady=(6, 0))

        self.hh_var.trace_add("write", lambda *a: self._hh_typed())
        self.hh_entry.bind("<FocusIn>", lambda e: self._hh_typed())
        self.hh_entry.bind("<Return>", lambda e: (self.choose_household(), "break")[1])
        self.hh_entry.bind("<Down>", lambda e: (self.suggest.move(1), "break")[1])
        self.hh_entry.bind("<Up>", lambda e: (self.suggest.move(-1), "break")[1])
        self.month_entry.bind("<Return>", lambda e: (self.open_month(), "break")[1])
        for w in (self, self.hh_entry, self.month_entry):
            w.bind("<Control-z>", lambda e: (self.undo(), "break")[1])

    def open_import(self):
        """The import window on the accounts kind (template, mapping, trial run, load)."""
        from .importing import open_import_dialog

        return open_import_dialog(self.app, "accounts")

    # --- household and month ----------------------------------------------------------
    def _hh_typed(self):
        rows = accounts.pick_households(self.hh_var.get())
        self.suggest.show(_("Households"), [(r["id"], _household_label(r)) for r in rows])

    def choose_household(self, household_id: str | None = None) -> bool:
        from ..db.models import Household

        hid = household_id or self.suggest.chosen()
        h = Household.get_or_none(Household.id == hid) if hid else None
        if h is None:
            self.message.configure(text=_("No household matches; type the house number or "
                                          "a name."))
            return False
        self.household = h
        self.message.configure(text="")
        self.hh_label.configure(text=_("House no. {no} {name}, {village}").format(
            no=h.house_no, name=h.head_name, village=tambons.village_label(h.village)))
        self.month_entry.focus_set()
        self.month_entry.select_range(0, "end")
        return True

    def open_month(self, month: tuple[int, int] | None = None) -> bool:
        """Load the household's lines of the month into the sheet, focus a new line."""
        if self.household is None:
            self.message.configure(text=_("Choose the household first."))
            self.hh_entry.focus_set()
            return False
        try:
            self.month = month or thai.parse_month(self.month_entry.get())
        except thai.ThaiDateError as exc:
            self.message.configure(text=str(exc))
            return False
        self.message.configure(text="")
        self.month_entry.delete(0, "end")
        self.month_entry.insert(0, thai.format_month(*self.month, "numeric"))
        self.undo_stack.clear()
        d = accounts.debt_of_month(self.household, *self.month)
        self.debt.set_satang(d.amount if d is not None else None)
        self._reload_rows()
        return True

    def save_debt(self) -> bool:
        """Enter in the debt field: record the debt outstanding at the end of this month."""
        if self.household is None or self.month is None:
            self.message.configure(text=_("Choose the household first."))
            return False
        try:
            amount = self.debt.get_satang()
            if amount is None:
                raise ValidationError({"amount": _("Enter the amount.")})
            accounts.set_debt(self.app.ctx, self.household, *self.month, amount)
        except thai.MoneyError as exc:
            self.message.configure(text=str(exc))
            return False
        except ValidationError as exc:
            self.message.configure(text=" ".join(exc.errors.values()))
            return False
        except (UserError, ConcurrentEditError) as exc:
            self.app.show_error(exc)
            return False
        self.message.configure(text="")
        self.app.set_status(_("Debt outstanding saved."))
        if self.rows:
            self.rows[-1].day.focus_set()
        return True

    @property
    def period(self):
        return thai.month_range(*self.month)

    def _reload_rows(self):
        for r in self.rows:
            r.destroy()
        self.rows = []
        for e in accounts.entries_of(self.household, *self.period):
            self._add_row(e)
        self.new_line()

    def _add_row(self, entry=None) -> LineRow:
        row = LineRow(self, len(self.rows), entry)
        self.rows.append(row)
        row.day.bind("<Return>", lambda e, r=row: (self._day_done(r), "break")[1])
        row.cat_var.trace_add("write", lambda *a, r=row: self._cat_typed(r))
        row.cat.bind("<FocusIn>", lambda e, r=row: self._cat_typed(r))
        row.cat.bind("<Return>", lambda e, r=row: (self._cat_done(r), "break")[1])
        row.cat.bind("<Down>", lambda e: (self.suggest.move(1), "break")[1])
        row.cat.bind("<Up>", lambda e: (self.suggest.move(-1), "break")[1])
        row.amount.var.trace_add("write", lambda *a: self.update_totals())
        row.amount.bind("<Return>", lambda e, r=row: (self._amount_done(r), "break")[1])
        row.note.bind("<Return>", lambda e, r=row: (self.save_row(r), "break")[1])
        for w in row.widgets:
            w.bind("<Control-z>", lambda e: (self.undo(), "break")[1])
        return row

    def new_line(self) -> LineRow:
        row = self._add_row()
        self.update_totals()
        self.update_idletasks()
        self.scroller.yview_moveto(1.0)
        row.day.focus_set()
        return row

    # --- moving along a line --------------------------------------------------------------
    def _read_day(self, row: LineRow) -> _dt.date | None:
        text = thai.thai_to_arabic_digits(row.day.get().strip())
        last = self.period[1].day
        if not text.isdigit() or not 1 <= int(text) <= last:
            row.say(_("Type the day of the month (1–{last}).").format(last=last))
            return None
        return _dt.date(*self.month, int(text))

    def _day_done(self, row: LineRow):
        if self._read_day(row) is not None:
            row.say("")
            row.cat.focus_set()
            row.cat.select_range(0, "end")

    def _cat_typed(self, row: LineRow):
        if self.focus_get() is not row.cat:
            return
        text = row.cat.get()
        if row.category is not None and text == row.category.name_th:
            text = row.category.code
        found = accounts.find_categories(text)
        self.suggest.show(_("Categories"), [(c, f"{c.code} · {c.name_th}") for c in found])

    def _cat_done(self, row: LineRow):
        c = self.suggest.chosen()
        if c is None:
            row.say(_("No category matches; type part of its name or its code."))
            return
        row.category = c
        row.cat.delete(0, "end")
        row.cat.insert(0, c.name_th)
        row.say(accounts.group_label(c.group), "secondary")
        row.amount.focus_set()
        row.amount.select_range(0, "end")
        self.update_totals()

    def _amount_done(self, row: LineRow):
        try:
            value = row.amount.get_satang()
        except thai.MoneyError as exc:
            row.say(str(exc))
            return
        if value is None:
            row.say(_("Enter the amount."))
            return
        row.amount.set_satang(value)
        row.say("")
        row.note.focus_set()

    # --- saving, undo -----------------------------------------------------------------------
    def save_row(self, row: LineRow) -> bool:
        """Save (add or change) the line; on success the next line gets the focus."""
        date = self._read_day(row)
        if date is None:
            row.day.focus_set()
            return False
        if row.category is None or row.cat.get().strip() != row.category.name_th:
            self._cat_typed(row)
            self._cat_done(row)
            if row.category is None:
                row.cat.focus_set()
                return False
        try:
            amount = row.amount.get_satang()
        except thai.MoneyError as exc:
            row.say(str(exc))
            row.amount.focus_set()
            return False
        ctx = self.app.ctx
        note = row.note.get()
        try:
            saved = self._write(ctx, row, date, amount, note, confirmed=False)
        except accounts.ConfirmationNeeded as ask:
            if not self.app.confirm("\n".join(ask.warnings.values())):
                row.say(_("Not saved."))
                return False
            try:
                saved = self._write(ctx, row, date, amount, note, confirmed=True)
            except (ValidationError, accounts.ConfirmationNeeded) as exc:
                row.say(str(exc))
                return False
        except ValidationError as exc:
            row.say(" ".join(exc.errors.values()))
            return False
        except (UserError, ConcurrentEditError) as exc:
            self.app.show_error(exc)
            return False
        row.entry = saved
        row.say("✓", "success")
        self.update_totals()
        self.app.set_status(_("Line saved."))
        i = self.rows.index(row)
        if i == len(self.rows) - 1:
            self.new_line()
        else:
            self.rows[i + 1].day.focus_set()
        return True

    def _write(self, ctx, row, date, amount, note, confirmed):
        if row.entry is None:
            saved = accounts.add_entry(ctx, self.household, date, row.category, amount, note,
                                       period=self.period, confirmed=confirmed)
            self.undo_stack.append(("add", saved.id, None))
            return saved
        e = row.entry
        before = {"date": e.date, "category": e.category, "amount": e.amount, "note": e.note}
        saved = accounts.edit_entry(ctx, e, date=date, category=row.category, amount=amount,
                                    note=note, period=self.period, confirmed=confirmed,
                                    expected_updated_at=e.updated_at)
        self.undo_stack.append(("edit", saved.id, before))
        return saved

    def undo(self) -> bool:
        """Ctrl+Z: take back the last line saved (or the last change) in this sheet."""
        from ..db.models import LedgerEntry

        if not self.undo_stack:
            self.app.set_status(_("Nothing to take back."))
            return False
        kind, eid, before = self.undo_stack.pop()
        e = LedgerEntry.get_by_id(eid)
        try:
            if kind == "add":
                accounts.delete_entry(self.app.ctx, e)
            else:
                accounts.edit_entry(self.app.ctx, e, confirmed=True, **before)
        except (UserError, ConcurrentEditError) as exc:
            self.app.show_error(exc)
            return False
        self._reload_rows()
        self.app.set_status(_("The last line was taken back."))
        return True

    # --- totals ---------------------------------------------------------------------------
    def figures(self) -> dict:
        """Sums of the sheet as it stands, including what is typed but not yet saved."""
        by_group = dict.fromkeys(GROUP_ORDER, 0)
        lines = 0
        for r in self.rows:
            amount = r.pending_amount()
            if r.category is None or not amount or amount < 0:
                continue
            by_group[r.category.group] = by_group.get(r.category.group, 0) + amount
            lines += 1
        income = sum(by_group[g] for g in accounts.INCOME_GROUPS)
        expense = sum(by_group[g] for g in accounts.EXPENSE_GROUPS)
        savings = by_group[accounts.SAVINGS_GROUP]
        return {"income": income, "expense": expense, "savings": savings,
                "balance": income - expense - savings, "lines": lines,
                "unnecessary": by_group["unnecessary"]}

    def update_totals(self) -> None:
        f = self.figures()
        self.totals.configure(text=_(
            "Income {income} · Expense {expense} · Savings {savings} · Balance {balance} · "
            "Unnecessary {unnecessary} · {lines} lines").format(
            **{k: thai.format_baht(v) for k, v in f.items() if k != "lines"},
            lines=f["lines"]))

    def on_close(self) -> bool:
        pending = [r for r in self.rows if r.entry is None and not r.is_blank()]
        if pending and not self.app.confirm(_("A line was typed but not saved. Leave it?")):
            return False
        return True


# --- summaries ---------------------------------------------------------------------------------

def _money(v) -> str:
    return "" if v is None else thai.format_baht(v)


class ChartArea(ttk.Frame):
    """A matplotlib chart from a report Chart, drawn lazily (matplotlib is slow to import)."""

    def __init__(self, master):
        super().__init__(master)
        self.canvas = None

    def draw(self, chart, width_in=6.4, height_in=2.8) -> None:
        from matplotlib.backends.backend_tkagg import FigureCanvasTkAgg

        from ..reports.charts import figure_for

        if self.canvas is not None:
            self.canvas.get_tk_widget().destroy()
        fig = figure_for(chart, width_in, height_in)
        self.canvas = FigureCanvasTkAgg(fig, master=self)
        self.canvas.draw()
        self.canvas.get_tk_widget().pack(fill="both", expand=True)


class FigureTable(ttk.Frame):
    """A Treeview of Figures rows (month or village) with a totals row."""

    COLS = (("label", N_("Month"), 110, "w"), ("households", N_("Households"), 80, "e"),
            ("income", N_("Income"), 100, "e"), ("expense", N_("Expense"), 100, "e"),
            ("savings", N_("Savings"), 90, "e"), ("balance", N_("Balance"), 100, "e"),
            ("debt", N_("Debt outstanding"), 105, "e"),
            ("unnecessary", N_("Unnecessary"), 90, "e"),
            ("share", N_("% unnecessary"), 90, "e"))

    def __init__(self, master, first_title: str, height: int = 13, extra=()):
        super().__init__(master)
        cols = [("label", first_title, 160 if first_title != _("Month") else 80, "w"),
                *self.COLS[1:], *extra]
        self.keys = [c[0] for c in cols]
        self.tree = ttk.Treeview(self, columns=self.keys, show="headings", height=height)
        for key, title, width, anchor in cols:
            self.tree.heading(key, text=_(title) if key != "label" else title, anchor=anchor)
            self.tree.column(key, width=width, anchor=anchor, stretch=False)
        xs = ttk.Scrollbar(self, orient="horizontal", command=self.tree.xview)
        self.tree.configure(xscrollcommand=xs.set)
        self.tree.pack(fill="both", expand=True)
        xs.pack(fill="x")
        self.tree.tag_configure("total", font=("", 10, "bold"))

    def fill(self, rows: list[tuple[str, object, dict]]) -> None:
        """rows: (label, Figures, extra values by key); the last may be tagged total."""
        self.tree.delete(*self.tree.get_children())
        for i, (label, f, extra) in enumerate(rows):
            values = {"label": label, "households": f.households, "income": _money(f.income),
                      "expense": _money(f.expense), "savings": _money(f.savings),
                      "balance": _money(f.balance), "debt": _money(f.debt),
                      "unnecessary": _money(f.unnecessary),
                      "share": "" if f.unnecessary_share is None
                      else f"{f.unnecessary_share:.1f}", **extra}
            self.tree.insert("", "end", iid=str(i), values=[values.get(k, "") for k in self.keys],
                             tags=("total",) if label == _("Total") else ())

    def row(self, label: str) -> dict:
        for iid in self.tree.get_children():
            values = self.tree.item(iid, "values")
            if str(values[0]) == label:
                return dict(zip(self.keys, values))
        raise KeyError(label)


def _month_label(key: str) -> str:
    from ..reports._accounts import month_label

    return month_label(key)


class PeriodBar(ttk.Frame):
    """Fiscal year (BE) field and a Show button shared by the summary pages."""

    def __init__(self, master, on_show, with_village=False, with_household=False):
        super().__init__(master)
        self.on_show = on_show
        col = 0
        self.village = None
        self.household = None
        if with_village:
            ttk.Label(self, text=_("Village")).grid(row=0, column=col)
            self.village = ChoiceBox(self, [(v.id, tambons.village_label(v))
                                            for v in tambons.villages()], width=26)
            self.village.grid(row=0, column=col + 1, padx=(6, 12))
            if tambons.villages():
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
            row=0, column=col + 2)
        self.error = ttk.Label(self, text="", bootstyle="danger")
        self.error.grid(row=1, column=0, columnspan=col + 3, sticky="w")

    def period(self):
        text = thai.thai_to_arabic_digits(self.year.get().strip())
        if not text.isdigit() or not 2400 < int(text) < 2700:
            self.error.configure(text=_("Type the fiscal year in B.E., e.g. 2569."))
            return None
        self.error.configure(text="")
        return accounts.period(fiscal_year=int(text))


class HouseholdSummary(ttk.Frame):
    """One household's year: 12 months, income vs expense chart, structure, unnecessary."""

    def __init__(self, master, app, household_id: str | None = None, show_bar: bool = True):
        super().__init__(master)
        self.app = app
        self.household_id = household_id
        self.bar = PeriodBar(self, self.show, with_household=show_bar)
        self.bar.pack(fill="x", pady=(0, 6))
        self.heading = ttk.Label(self, text="", font=("", 12, "bold"))
        self.heading.pack(anchor="w")
        self.table = FigureTable(self, _("Month"), height=13)
        self.table.pack(fill="x")
        self.structure = ttk.Label(self, text="", justify="left", wraplength=860)
        self.structure.pack(anchor="w", pady=(6, 0))
        self.chart = ChartArea(self)
        self.chart.pack(fill="both", expand=True)
        self.summary = None

    def set_household(self, household_id: str) -> None:
        self.household_id = household_id

    def show(self, draw_chart: bool = True):
        from ..db.models import Household

        p = self.bar.period()
        if p is None:
            return None
        if self.bar.household is not None and self.bar.household.get().strip():
            found = accounts.pick_households(self.bar.household.get(), limit=1)
            self.household_id = found[0]["id"] if found else None
        h = Household.get_or_none(Household.id == self.household_id) if self.household_id \
            else None
        if h is None:
            self.bar.error.configure(text=_("Choose the household."))
            return None
        start, end, label = p
        s = accounts.household_summary(h, start, end)
        self.summary = s
        self.heading.configure(text=_("House no. {no} {name}, {village}").format(
            no=h.house_no, name=h.head_name, village=tambons.village_label(h.village))
            + f" · {label}")
        rows = [(_month_label(m), s.month(m), {}) for m in s.months]
        self.table.fill(rows + [(_("Total"), s.total, {})])
        t = s.total
        spent = t.expense + t.savings
        parts = [f"{accounts.group_label(g)} {thai.format_baht(t.group(g))}"
                 + (f" ({100 * t.group(g) / spent:.1f}%)" if spent else "")
                 for g in (*accounts.EXPENSE_GROUPS, accounts.SAVINGS_GROUP)]
        self.structure.configure(text=_("Expense structure: ") + " · ".join(parts)
                                 + "\n" + _("Balance in words: {words}").format(
                                     words=thai.baht_text(t.balance)))
        if draw_chart:
            from ..reports.model import Chart
            labels = [_month_label(m) for m in s.months]
            self.chart.draw(Chart("bar", _("Income, expense and unnecessary expenses by month"),
                                  labels,
                                  [(_("Income"), [s.month(m).income / 100 for m in s.months]),
                                   (_("Expense"), [s.month(m).expense / 100 for m in s.months]),
                                   (_("Unnecessary"),
                                    [s.month(m).unnecessary / 100 for m in s.months])],
                                  y_label=_("Baht")))
        return s


class VillageSummary(ttk.Frame):
    """One village by month: recording households against the target, sums and averages."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.bar = PeriodBar(self, self.show, with_village=True)
        self.bar.pack(fill="x", pady=(0, 6))
        self.heading = ttk.Label(self, text="", font=("", 12, "bold"))
        self.heading.pack(anchor="w")
        self.table = FigureTable(self, _("Month"), extra=(
            ("participation", _("% of target"), 80, "e"),
            ("avg_income", _("Average income per household"), 130, "e")))
        self.table.pack(fill="x")
        self.chart = ChartArea(self)
        self.chart.pack(fill="both", expand=True)

    def show(self, draw_chart: bool = True):
        from ..db.models import Village

        p = self.bar.period()
        v = Village.get_or_none(Village.id == self.bar.village.get_value())
        if p is None or v is None:
            return None
        start, end, label = p
        s = accounts.village_summary(v, start, end)
        self.heading.configure(text=_("{village} — target {n} households").format(
            village=tambons.village_label(v), n=v.account_target) + f" · {label}")

        def extra(f):
            return {"participation": f"{100 * f.households / v.account_target:.1f}"
                    if v.account_target else "",
                    "avg_income": _money(f.per_household(f.income))}
        rows = [(_month_label(m), s.month(m), extra(s.month(m))) for m in s.months]
        self.table.fill(rows + [(_("Total"), s.total, extra(s.total))])
        if draw_chart:
            from ..reports._accounts import structure_chart
            self.chart.draw(structure_chart(_("Expense structure by month"),
                                            [_month_label(m) for m in s.months],
                                            [s.month(m) for m in s.months]))
        return s


class TambonSummary(ttk.Frame):
    """The villages side by side for a fiscal year, with participation against target."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.bar = PeriodBar(self, self.show)
        self.bar.pack(fill="x", pady=(0, 6))
        self.table = FigureTable(self, _("Village"), height=10, extra=(
            ("target", _("Target"), 70, "e"), ("participation", _("% of target"), 80, "e")))
        self.table.pack(fill="x")
        self.chart = ChartArea(self)
        self.chart.pack(fill="both", expand=True)

    def show(self, draw_chart: bool = True):
        p = self.bar.period()
        tambon = tambons.home_tambon()
        if p is None or tambon is None:
            return None
        start, end, _label = p
        per_village, whole = accounts.tambon_summary(tambon, start, end)
        villages = tambons.villages(tambon)

        def extra(f, target):
            return {"target": target, "participation":
                    f"{100 * f.households / target:.1f}" if target else ""}
        rows = [(tambons.village_label(v), per_village[v.id].total,
                 extra(per_village[v.id].total, v.account_target)) for v in villages]
        self.table.fill(rows + [(_("Total"), whole.total, extra(whole.total, whole.target))])
        if draw_chart:
            from ..reports.model import Chart
            self.chart.draw(Chart("bar", _("Target and recording households"),
                                  [f"{_('Moo')} {v.moo}" for v in villages],
                                  [(_("Target"), [v.account_target for v in villages]),
                                   (_("Recording households"),
                                    [per_village[v.id].total.households for v in villages])],
                                  y_label=_("Households")))
        return whole


class CategoryPage(ttk.Frame):
    """The category list (reference data): admins add, rename and retire categories."""

    def __init__(self, master, app):
        from .widgets import Form

        super().__init__(master)
        self.app = app
        self.current = None
        cols = (("code", _("Code"), 110, "w"), ("name_th", _("Thai name"), 260, "w"),
                ("group", _("Group"), 220, "w"), ("retired", _("Retired"), 80, "center"))
        self.tree = ttk.Treeview(self, columns=[c[0] for c in cols], show="headings",
                                 height=16, selectmode="browse")
        for key, title, width, anchor in cols:
            self.tree.heading(key, text=title, anchor=anchor)
            self.tree.column(key, width=width, anchor=anchor)
        self.tree.pack(side="left", fill="y")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._load())
        self.form = Form(self, columns=1, padding=(12, 0))
        self.code = self.form.add("code", _("Code"), ttk.Entry(self.form, width=16))
        self.name_th = self.form.add("name_th", _("Thai name"), ttk.Entry(self.form, width=30))
        self.name_en = self.form.add("name_en", _("English name"), ttk.Entry(self.form, width=30))
        self.group = self.form.add("group", _("Group"), ChoiceBox(
            self.form, [(g, accounts.group_label(g)) for g in accounts.GROUPS], width=28))
        self.order = self.form.add("order", _("Order"), ttk.Entry(self.form, width=6))
        self.retired_var = tk.BooleanVar(value=False)
        self.form.add("retired", "", ttk.Checkbutton(self.form, variable=self.retired_var,
                                                     text=_("Retired (kept in old lines)")))
        self.form.pack(side="left", fill="both", expand=True)
        buttons = ttk.Frame(self.form)
        self.form.add("buttons", "", buttons, enter_moves=False)
        ttk.Button(buttons, text=_("New category"), bootstyle="secondary",
                   command=self.new).pack(side="left")
        self.save_btn = ttk.Button(buttons, text=_("Save"), bootstyle="primary",
                                   command=self.save)
        self.save_btn.pack(side="left", padx=6)
        if app.ctx.role != "admin":
            self.save_btn.configure(state="disabled")
        self.refresh()

    def refresh(self):
        self.tree.delete(*self.tree.get_children())
        for c in accounts.categories(include_retired=True):
            self.tree.insert("", "end", iid=c.id, values=(
                c.code, c.name_th, accounts.group_label(c.group), "✓" if c.retired else ""))

    def new(self):
        self.current = None
        for w in (self.code, self.name_th, self.name_en, self.order):
            w.delete(0, "end")
        self.group.set_value("household")
        self.retired_var.set(False)
        self.code.focus_set()

    def _load(self):
        from ..db.models import AccountCategory

        sel = self.tree.selection()
        c = AccountCategory.get_or_none(AccountCategory.id == sel[0]) if sel else None
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
        try:
            c = accounts.save_category(
                self.app.ctx, self.code.get(), self.name_th.get(), self.group.get_value(),
                name_en=self.name_en.get(), order=int(order), retired=self.retired_var.get(),
                category=self.current,
                expected_updated_at=self.current.updated_at if self.current else None)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        except (UserError, ConcurrentEditError) as exc:
            self.app.show_error(exc)
            return False
        self.form.clear_errors()
        self.refresh()
        self.tree.selection_set(c.id)
        self.app.set_status(_("Category {code} saved.").format(code=c.code))
        return True


class AccountsView(ttk.Frame):
    """The account-book area: keying, then the three summaries, as notebook pages."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Household account books"), font=("", 16, "bold")).pack(
            anchor="w")
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(6, 0))
        self.entry = BookEntry(self.notebook, app)
        self.household = HouseholdSummary(self.notebook, app)
        self.village = VillageSummary(self.notebook, app)
        self.tambon = TambonSummary(self.notebook, app)
        self.categories = CategoryPage(self.notebook, app)
        for page, title in ((self.entry, _("Key in a book")),
                            (self.household, _("Household")), (self.village, _("Village")),
                            (self.tambon, _("Tambon")), (self.categories, _("Categories"))):
            self.notebook.add(page, text=title, padding=8)

    def on_show(self):
        self.notebook.select(self.entry)
        (self.entry.hh_entry if self.entry.household is None else self.entry.month_entry
         ).focus_set()

    def on_close(self) -> bool:
        return self.entry.on_close()

    def key_in(self, household_id: str) -> None:
        """Open the keying sheet on this household (from the household window's tab)."""
        self.notebook.select(self.entry)
        self.entry.choose_household(household_id)


class HouseholdBookTab(ttk.Frame):
    """The household window's tab: this household's book for the fiscal year."""

    def __init__(self, master, app, household_id: str):
        super().__init__(master, padding=8)
        self.app = app
        self.household_id = household_id
        self.summary = HouseholdSummary(self, app, household_id, show_bar=False)
        self.summary.pack(fill="both", expand=True)
        last = accounts.last_entry_date(household_id)
        if last is not None:                 # open on the year the book was last kept
            self.summary.bar.year.delete(0, "end")
            self.summary.bar.year.insert(0, str(thai.fiscal_year(last)))
        ttk.Button(self, text=_("Key in this household's book"), bootstyle="primary",
                   command=self.key_in).pack(anchor="e", pady=(6, 0))
        self.summary.show(draw_chart=False)

    def key_in(self):
        view = self.app.show_view("accounts")
        view.key_in(self.household_id)
        self.app.root.lift()


VIEW = ViewSpec(key="accounts", title=N_("Account books"), icon="journal-text",
                factory=AccountsView, order=30, min_role="viewer")
HOUSEHOLD_TAB = HouseholdTabSpec(key="accounts", title=N_("Account book"),
                                 factory=HouseholdBookTab, order=30)
