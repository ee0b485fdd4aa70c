"""Account books: the keying sheet for paper books, and the household/village/tambon summaries.

The keying sheet is built for a clerk with a pile of paper books and no mouse: type the house
number (or a name) and Enter, the month and Enter, then per line the day, the category (type
a few letters of the Thai name or the short code; ↑/↓ choose), the amount and a note, Enter
after each. Enter on the note saves the line and opens the next one; the totals at the top
follow every keystroke; Ctrl+Z takes back the last line saved; a likely duplicate asks first.

The summary pages and the category list are in account_summaries.py. The sheet keys any
book of the one ledger: `BookEntry` is a household's; a community enterprise's book is the
same sheet with its owner fixed, its own categories, a member column and its own totals
(`views.farming.enterprises.EnterpriseBookSheet`).
"""

from __future__ import annotations

import datetime as _dt
import tkinter as tk

import ttkbootstrap as ttk

from ... import accounts, registry, thai
from ...core import roles
from ...core.errors import UserError, ValidationError
from ...core.i18n import N_, _
from .. import HouseholdTabSpec
from ..fonts import SUBHEADING, TITLE
from ..widgets import MoneyEntry, ScrollableFrame, WrapLabel
from .summaries import CategoryPage, HouseholdSummary, TambonSummary, VillageSummary

GROUP_ORDER = (*accounts.INCOME_GROUPS, *accounts.EXPENSE_GROUPS, accounts.SAVINGS_GROUP)


def _last_month(today=None) -> tuple[int, int]:
    today = today or _dt.date.today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _household_label(row: dict) -> str:
    return f"{row['house_no']}  {row['head_name']}  ({_('Moo')} {row['moo']})"


class Suggestions(ttk.Frame):
    """The list beside the sheet offering households or categories for what is typed."""

    def __init__(self, master, width: int = 26):
        super().__init__(master)
        self.title = ttk.Label(self, text="", bootstyle="secondary")
        self.title.pack(anchor="w")
        self.listbox = tk.Listbox(
            self, height=10, width=width, exportselection=False, takefocus=False, activestyle="none"
        )
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
    """One line of the month sheet: day, category, amount, (member,) note and a status text.

    The member column is there only on a book whose lines may name a member (an
    enterprise's): the house number of the member a share or dividend line is for.
    """

    def __init__(self, sheet, index: int, entry=None):
        self.sheet = sheet
        parent = sheet.rows_frame
        self.entry = entry
        self.category = entry.category if entry is not None else None
        w = sheet.widths
        self.day = ttk.Entry(parent, width=w["day"], justify="center")
        self.cat_var = tk.StringVar()
        self.cat = ttk.Entry(parent, width=w["cat"], textvariable=self.cat_var)
        self.amount = MoneyEntry(parent, width=w["amount"])
        self.member = ttk.Entry(parent, width=w["member"]) if sheet.with_member else None
        self.note = ttk.Entry(parent, width=w["note"])
        # the line's own message (error, chosen category, ✓), wrapped so it stays on screen
        self.status = WrapLabel(parent, text="", wrap=w["status"] * 10, width=w["status"])
        self.widgets = tuple(
            w for w in (self.day, self.cat, self.amount, self.member, self.note) if w is not None
        )
        self.grid(index)
        if entry is not None:
            self.day.insert(0, str(entry.date.day))
            self.cat.insert(0, entry.category.name_th)
            self.amount.set_satang(entry.amount)
            if self.member is not None:
                self.member.insert(0, self.member_text(entry))
            self.note.insert(0, entry.note)
            self.status.configure(text="✓", bootstyle="success")

    @staticmethod
    def member_text(entry) -> str:
        return entry.member.house_no if entry is not None and entry.member_id else ""

    def grid(self, index: int) -> None:
        for c, w in enumerate((*self.widgets, self.status)):
            w.grid(row=index + 1, column=c, padx=1, pady=1, sticky="w")

    def values(self) -> dict:
        return {
            "day": self.day.get().strip(),
            "cat": self.cat.get().strip(),
            "amount": self.amount.get().strip(),
            "member": self.member.get().strip() if self.member is not None else "",
            "note": self.note.get().strip(),
        }

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
    """Keying one household's month of the paper book (the base of every book's sheet)."""

    book = "household"  # the accounts book whose categories the sheet offers
    with_member = False  # a member column (enterprise books)
    # characters per column, the status text and the suggestion list (the sheet's width)
    widths = {"day": 4, "cat": 22, "amount": 11, "member": 7, "note": 14, "status": 20, "list": 26}
    text_wrap = 720  # pixels of the totals and the key hint
    columns = (N_("Day"), N_("Category"), N_("Amount (baht)"), N_("Note"))
    hint = N_(
        "Enter: next field · Enter on the note: save the line · "
        "↑/↓: choose in the list · Ctrl+Z: take back the last line · "
        "Ctrl+D: debt at month end"
    )

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.household = None
        self.month: tuple[int, int] | None = None
        self.rows: list[LineRow] = []
        self.undo_stack: list = []
        top = ttk.Frame(self)
        top.pack(fill="x")
        self._build_top(top)
        self.message = ttk.Label(top, text="", bootstyle="danger")
        self.message.grid(row=3, column=0, columnspan=4, sticky="w")
        self.totals = WrapLabel(top, text="", wrap=self.text_wrap, font="TkDefaultFont")
        self.totals.grid(row=4, column=0, columnspan=4, sticky="w", pady=(2, 6))

        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        self.suggest = Suggestions(body, self.widths["list"])
        self.suggest.pack(side="right", fill="y", padx=(10, 0))
        self.scroller = ScrollableFrame(body, height=300)
        self.scroller.pack(side="left", fill="both", expand=True)
        self.rows_frame = self.scroller.inner
        for c, text in enumerate((*(_(t) for t in self.columns), "")):
            ttk.Label(self.rows_frame, text=text, bootstyle="secondary").grid(
                row=0, column=c, sticky="w", padx=1
            )
        WrapLabel(self, wrap=self.text_wrap, text=_(self.hint), bootstyle="secondary").pack(
            anchor="w", pady=(6, 0)
        )
        self.month_entry.bind("<Return>", lambda e: (self.open_month(), "break")[1])
        for w in (self, self.month_entry):
            w.bind("<Control-z>", lambda e: (self.undo(), "break")[1])
            w.bind("<Control-d>", lambda e: (self.focus_debt(), "break")[1])

    @property
    def owner(self):
        """The household (or enterprise) whose book is on the sheet."""
        return self.household

    def _build_top(self, top) -> None:
        """The household picker, the month and the month-end debt (rows 0–2 of `top`)."""
        ttk.Label(top, text=_("House no. or name")).grid(row=0, column=0, sticky="w")
        self.hh_var = tk.StringVar()
        self.hh_entry = ttk.Entry(top, textvariable=self.hh_var, width=22)
        self.hh_entry.grid(row=0, column=1, padx=(6, 14), sticky="w")
        ttk.Label(top, text=_("Month (mm/yyyy BE)")).grid(row=0, column=2, sticky="w")
        self.month_entry = ttk.Entry(top, width=10)
        self.month_entry.grid(row=0, column=3, padx=(6, 14), sticky="w")
        y, m = _last_month()
        self.month_entry.insert(0, thai.format_month(y, m, "numeric"))
        # debt and Excel on their own row: the first row must fit a 1024-pixel screen
        extra = ttk.Frame(top)
        extra.grid(row=1, column=0, columnspan=4, sticky="w", pady=(4, 0))
        ttk.Label(extra, text=_("Debt outstanding at month end")).pack(side="left")
        self.debt = MoneyEntry(extra, width=12)
        self.debt.pack(side="left", padx=(6, 14))
        self.debt.bind("<Return>", lambda e: (self.save_debt(), "break")[1])
        ttk.Button(
            extra,
            text=_("Load lines from Excel…"),
            icon="file-earmark-spreadsheet",
            compound="left",
            bootstyle="secondary-outline",
            takefocus=False,
            command=self.open_import,
        ).pack(side="left")
        self.hh_label = ttk.Label(
            top, text=_("Type the house number or a name, then Enter."), font=SUBHEADING
        )
        self.hh_label.grid(row=2, column=0, columnspan=4, sticky="w", pady=(4, 0))
        self.hh_var.trace_add("write", lambda *a: self._hh_typed())
        self.hh_entry.bind("<FocusIn>", lambda e: self._hh_typed())
        self.hh_entry.bind("<Return>", lambda e: (self.choose_household(), "break")[1])
        self.hh_entry.bind("<Down>", lambda e: (self.suggest.move(1), "break")[1])
        self.hh_entry.bind("<Up>", lambda e: (self.suggest.move(-1), "break")[1])
        self.hh_entry.bind("<Control-z>", lambda e: (self.undo(), "break")[1])
        self.hh_entry.bind("<Control-d>", lambda e: (self.focus_debt(), "break")[1])

    def open_import(self):
        """The import window on the accounts kind (template, mapping, trial run, load)."""
        from ..importing import open_import_dialog

        return open_import_dialog(self.app, "accounts")

    # --- household and month ----------------------------------------------------------
    def _hh_typed(self):
        rows = accounts.pick_households(self.hh_var.get())
        self.suggest.show(_("Households"), [(r["id"], _household_label(r)) for r in rows])

    def half_typed(self) -> list:
        """Lines typed but not saved (a new line with something in it, or a changed one)."""
        out = []
        for r in self.rows:
            if r.entry is None:
                if not r.is_blank():
                    out.append(r)
            elif (
                r.day.get().strip() != str(r.entry.date.day)
                or r.amount.get().strip() != thai.format_baht(r.entry.amount)
                or r.note.get().strip() != (r.entry.note or "").strip()
                or r.cat.get().strip() != r.entry.category.name_th
                or r.values()["member"] != (LineRow.member_text(r.entry) if r.member else "")
            ):
                out.append(r)
        return out

    def may_leave_lines(self) -> bool:
        """Before the sheet shows another household or month: ask about unsaved typing."""
        if not self.half_typed():
            return True
        return self.app.confirm(_("A line was typed but not saved. Leave it?"))

    def clear_sheet(self) -> None:
        """No household's lines, totals or debt on screen (before another is shown)."""
        for r in self.rows:
            r.destroy()
        self.rows = []
        self.undo_stack.clear()
        self.month = None
        self._month_opened()
        self.update_totals()

    def choose_household(self, household_id: str | None = None) -> bool:
        hid = household_id or self.suggest.chosen()
        h = registry.get_household(hid) if hid else None
        if h is None:
            self.message.configure(text=_("No household matches; type the house number or a name."))
            return False
        if self.household is not None and h.id != self.household.id:
            if not self.may_leave_lines():
                self.hh_var.set("")
                self.message.configure(
                    text=_("Still keying house no. {no}.").format(no=self.household.house_no)
                )
                if self.rows:
                    self.rows[-1].day.focus_set()
                return False
            self.clear_sheet()
        self.household = h
        self.message.configure(text="")
        self.hh_label.configure(
            text=_("House no. {no} {name}, {village}").format(
                no=h.house_no, name=h.head_name, village=registry.village_label(h.village)
            )
        )
        self.month_entry.focus_set()
        self.month_entry.select_range(0, "end")
        return True

    def _no_owner(self) -> None:
        self.message.configure(text=_("Choose the household first."))
        self.hh_entry.focus_set()

    def _month_opened(self) -> None:
        """The month-end debt of the month on the sheet (none when no month is open)."""
        d = None
        if self.household is not None and self.month is not None:
            d = accounts.debt_of_month(self.household, *self.month)
        self.debt.set_satang(d.amount if d is not None else None)

    def open_month(self, month: tuple[int, int] | None = None) -> bool:
        """Load the book's lines of the month into the sheet, focus a new line."""
        if self.owner is None:
            self._no_owner()
            return False
        try:
            wanted = month or thai.parse_month(self.month_entry.get())
        except thai.ThaiDateError as exc:
            self.message.configure(text=str(exc))
            return False
        if self.rows and wanted != self.month and not self.may_leave_lines():
            if self.month is not None:
                self.month_entry.delete(0, "end")
                self.month_entry.insert(0, thai.format_month(*self.month, "numeric"))
            return False
        self.month = wanted
        self.message.configure(text="")
        self.month_entry.delete(0, "end")
        self.month_entry.insert(0, thai.format_month(*self.month, "numeric"))
        self.undo_stack.clear()
        self._month_opened()
        self._reload_rows()
        return True

    def focus_debt(self) -> None:
        """Ctrl+D: to the month-end debt field (Enter there saves it, back to the lines)."""
        self.debt.focus_set()
        self.debt.select_range(0, "end")

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
        except UserError as exc:
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
        self.update_totals()
        for e in accounts.entries_of(self.owner, *self.period):
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
        if row.member is not None:
            row.member.bind("<Return>", lambda e, r=row: (self._member_done(r), "break")[1])
        row.note.bind("<Return>", lambda e, r=row: (self.save_row(r), "break")[1])
        for w in row.widgets:
            w.bind("<Control-z>", lambda e: (self.undo(), "break")[1])
            w.bind("<Control-d>", lambda e: (self.focus_debt(), "break")[1])
        return row

    def new_line(self) -> LineRow:
        row = self._add_row()
        self.update_totals()
        self.scroller.scroll_to_end()  # the entry row is always in view
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
        found = accounts.find_categories(text, book=self.book)
        self.suggest.show(_("Categories"), [(c, c.name_th) for c in found])
        # what Enter will choose, on the line itself, before anything is saved
        if text.strip() and found:
            row.say("→ " + found[0].name_th, "secondary")
        elif text.strip():
            row.say(_("No category matches; type part of its name or its code."))

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
        (row.member if row.member is not None else row.note).focus_set()

    def _member_done(self, row: LineRow):
        try:
            self.member_of(row)
        except ValidationError as exc:
            row.say(" ".join(exc.errors.values()))
            return
        row.say("")
        row.note.focus_set()

    def member_of(self, row: LineRow):
        """The member household a line names (None: none; a household's book has none)."""
        return None

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
            row.member_value = self.member_of(row)
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
        except UserError as exc:
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
            saved = accounts.add_entry(
                ctx,
                self.owner,
                date,
                row.category,
                amount,
                note,
                member=row.member_value,
                period=self.period,
                confirmed=confirmed,
            )
            self.undo_stack.append(("add", saved.id, None))
            return saved
        e = row.entry
        before = {
            "date": e.date,
            "category": e.category,
            "amount": e.amount,
            "note": e.note,
            "member": e.member,
        }
        saved = accounts.edit_entry(
            ctx,
            e,
            date=date,
            category=row.category,
            amount=amount,
            note=note,
            member=row.member_value,
            period=self.period,
            confirmed=confirmed,
            expected_updated_at=e.updated_at,
        )
        self.undo_stack.append(("edit", saved.id, before))
        return saved

    def undo(self) -> bool:
        """Ctrl+Z: take back the last line saved (or the last change) in this sheet."""
        if not self.undo_stack:
            self.app.set_status(_("Nothing to take back."))
            return False
        kind, eid, before = self.undo_stack[-1]
        e = accounts.get_entry(eid)
        what = f"{thai.format_date(e.date)} {e.category.name_th} {thai.format_baht(e.amount)}"
        question = (
            _("Take back the line just saved ({line})?")
            if kind == "add"
            else _("Take back the change to the line ({line})?")
        ).format(line=what)
        if not self.app.confirm(question):
            return False
        self.undo_stack.pop()
        try:
            if kind == "add":
                accounts.delete_entry(self.app.ctx, e)
            else:
                accounts.edit_entry(self.app.ctx, e, confirmed=True, **before)
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self._reload_rows()
        self.app.set_status(_("The last line was taken back."))
        return True

    # --- totals ---------------------------------------------------------------------------
    groups = GROUP_ORDER  # the book's category groups, in the order the totals show them

    def group_sums(self) -> tuple[dict, int]:
        """Amount per category group and the number of lines, as the sheet stands (what is
        typed but not yet saved included)."""
        by_group = dict.fromkeys(self.groups, 0)
        lines = 0
        for r in self.rows:
            amount = r.pending_amount()
            if r.category is None or not amount or amount < 0:
                continue
            by_group[r.category.group] = by_group.get(r.category.group, 0) + amount
            lines += 1
        return by_group, lines

    def figures(self) -> dict:
        """Sums of the sheet as it stands, including what is typed but not yet saved."""
        by_group, lines = self.group_sums()
        income = sum(by_group[g] for g in accounts.INCOME_GROUPS)
        expense = sum(by_group[g] for g in accounts.EXPENSE_GROUPS)
        savings = by_group[accounts.SAVINGS_GROUP]
        return {
            "income": income,
            "expense": expense,
            "savings": savings,
            "balance": income - expense - savings,
            "lines": lines,
            "unnecessary": by_group["unnecessary"],
        }

    def update_totals(self) -> None:
        f = self.figures()
        self.totals.configure(
            text=_(
                "Income {income} · Expense {expense} · Savings {savings} · Balance {balance} · "
                "Unnecessary {unnecessary} · {lines} lines"
            ).format(
                **{k: thai.format_baht(v) for k, v in f.items() if k != "lines"}, lines=f["lines"]
            )
        )

    def on_close(self) -> bool:
        return self.may_leave_lines()


class AccountsView(ttk.Frame):
    """The account-book area: keying, then the three summaries, as notebook pages."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Household account books"), font=TITLE).pack(anchor="w")
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(6, 0))
        # A viewer reads and prints; the keying sheet is for those who may write.
        can_key = roles.has_role(app.ctx, "clerk")
        self.entry = BookEntry(self.notebook, app) if can_key else None
        self.household = HouseholdSummary(self.notebook, app)
        self.village = VillageSummary(self.notebook, app)
        self.tambon = TambonSummary(self.notebook, app)
        self.categories = CategoryPage(self.notebook, app)
        pages = [(self.entry, _("Key in a book"))] if can_key else []
        pages += [
            (self.household, _("Household")),
            (self.village, _("Village")),
            (self.tambon, _("Tambon")),
            (self.categories, _("Categories")),
        ]
        for page, title in pages:
            self.notebook.add(page, text=title, padding=8)

    def on_show(self):
        if self.entry is None:
            self.notebook.select(self.household)
            return
        self.notebook.select(self.entry)
        (
            self.entry.hh_entry if self.entry.household is None else self.entry.month_entry
        ).focus_set()

    def on_close(self) -> bool:
        return self.entry.on_close() if self.entry is not None else True

    def key_in(self, household_id: str) -> None:
        """Open the keying sheet on this household (from the household window's tab)."""
        if self.entry is None:
            self.notebook.select(self.household)
            return
        self.notebook.select(self.entry)
        self.entry.choose_household(household_id)


class HouseholdBookTab(ttk.Frame):
    """The household window's tab: this household's book for the fiscal year."""

    def __init__(self, master, app, household_id: str):
        super().__init__(master, padding=8)
        self.app = app
        self.household_id = household_id
        if roles.has_role(app.ctx, "clerk"):
            ttk.Button(
                self,
                text=_("Key in this household's book"),
                bootstyle="primary",
                command=self.key_in,
            ).pack(side="bottom", anchor="e", pady=(6, 0))
        self.summary = HouseholdSummary(self, app, household_id, show_bar=False, table_rows=9)
        self.summary.pack(fill="both", expand=True)
        last = accounts.last_entry_date(household_id)
        if last is not None:  # open on the year the book was last kept
            self.summary.bar.year.delete(0, "end")
            self.summary.bar.year.insert(0, str(thai.fiscal_year(last)))
        self.summary.show(draw_chart=False)

    def key_in(self):
        view = self.app.show_view("accounts")
        view.key_in(self.household_id)
        self.app.root.lift()


HOUSEHOLD_TAB = HouseholdTabSpec(
    key="accounts", title=N_("Account book"), factory=HouseholdBookTab, order=30
)
