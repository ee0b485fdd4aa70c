"""The crop-cycle sheet: a cycle's header and its cost lines, keyed without a mouse.

Header: crop, season, year (B.E.), area (rai-ngan-wa), dates, yield, farm-gate price …;
Enter moves on, Enter on the last field (or Ctrl+S) saves the header and goes to the lines.
A cost line is one row: kind (type a few letters of the Thai name or the code; ↑/↓ choose),
activity, item, quantity, unit price, cash or non-cash; Enter after each, Enter on the last
field saves the line and opens the next. Family labour is offered at the wage setting and
depreciation at the equipment's yearly depreciation; the typed price always wins. The
figures on the right (cost per rai, per kg, profit, break-even, B/C, the OAE comparison)
follow every keystroke, including what is typed but not yet saved. Ctrl+B pulls the
occupation expenses of the household book, Ctrl+Delete deletes a line, Esc closes.
"""

from __future__ import annotations

import datetime as _dt
import tkinter as tk
from decimal import Decimal, InvalidOperation

import ttkbootstrap as ttk

from ... import farming, thai
from ...core.errors import UserError, ValidationError
from ...core.i18n import _
from ..accounts.entry import Suggestions
from ..fonts import SUBHEADING
from ..widgets import BEDateEntry, ChoiceBox, Form, MoneyEntry, WrapLabel

FAMILY = "labour_family"  # the sheet's own kind: labour by the family (non-cash)
CASH_WORDS = {True: "เงินสด", False: "ไม่ใช่เงินสด"}


def kind_choices() -> list[tuple[str, str]]:
    out = []
    for code in farming.COST_KINDS:
        out.append(
            (code, farming.kind_label(code) + (" (" + _("hired") + ")" if code == "labour" else ""))
        )
        if code == "labour":
            out.append((FAMILY, farming.kind_label(code) + " (" + _("family") + ")"))
    return out


def match(choices, text: str) -> list:
    t = thai.normalize_thai(text.strip()).lower()
    if not t:
        return list(choices)
    return [
        (v, lab)
        for v, lab in choices
        if v.lower().startswith(t) or t in thai.normalize_thai(lab).lower()
    ]


def read_cash(text: str) -> bool:
    t = text.strip().lower()
    return not (t.startswith(("ไม่", "ไ", "n", "0", "-")) or t == "x")


def read_number(text: str) -> Decimal | None:
    t = thai.thai_to_arabic_digits(text.strip()).replace(",", "")
    if not t:
        return None
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ValueError(text) from None
    if not d.is_finite():
        raise ValueError(text)
    return d


class CostRow:
    """One cost line: kind, activity, item, quantity, unit price, cash, and a status text."""

    def __init__(self, sheet, index: int, line=None):
        parent = sheet.rows_frame
        self.line = line
        self.kind = None
        self.activity = ""
        self.equipment = None
        self.kind_var, self.act_var = tk.StringVar(), tk.StringVar()
        self.kind_entry = ttk.Entry(parent, width=17, textvariable=self.kind_var)
        self.act_entry = ttk.Entry(parent, width=11, textvariable=self.act_var)
        self.item = ttk.Entry(parent, width=15)
        self.qty_var = tk.StringVar()
        self.qty = ttk.Entry(parent, width=6, justify="right", textvariable=self.qty_var)
        self.price = MoneyEntry(parent, width=9)
        self.cash = ttk.Entry(parent, width=10)
        self.amount = ttk.Label(parent, text="", width=10, anchor="e")
        self.status = ttk.Label(parent, text="", width=8)
        self.widgets = (self.kind_entry, self.act_entry, self.item, self.qty, self.price, self.cash)
        for c, w in enumerate((*self.widgets, self.amount, self.status)):
            w.grid(row=index + 1, column=c, padx=1, pady=1, sticky="w")
        if line is not None:
            self.kind = FAMILY if line.kind == "labour" and line.family else line.kind
            self.kind_var.set(dict(kind_choices())[self.kind])
            self.activity = line.activity
            self.act_var.set(
                farming.label(farming.ACTIVITIES, line.activity) if line.activity else ""
            )
            self.item.insert(0, line.item)
            self.qty_var.set(f"{Decimal(str(line.quantity)).normalize():f}")
            self.price.set_satang(line.unit_price)
            self.cash.insert(0, CASH_WORDS[line.cash])
            self.equipment = line.equipment if line.equipment_id else None
            self.status.configure(text="✓", bootstyle="success")
        else:
            self.qty_var.set("1")
        self.refresh_amount()

    def typed(self) -> tuple[Decimal, int] | None:
        """(quantity, unit price) as typed so far, None when not readable yet."""
        try:
            q = read_number(self.qty_var.get())
            p = self.price.get_satang()
        except (ValueError, thai.MoneyError):
            return None
        if q is None or p is None:
            return None
        return q, p

    def refresh_amount(self) -> None:
        t = self.typed()
        self.amount.configure(text=thai.format_baht(farming.line_amount(*t)) if t else "")

    def is_blank(self) -> bool:
        return not (
            self.kind_var.get().strip() or self.item.get().strip() or self.price.get().strip()
        )

    def say(self, text: str, style: str = "danger") -> None:
        self.status.configure(text=text, bootstyle=style)

    def destroy(self) -> None:
        for w in (*self.widgets, self.amount, self.status):
            w.destroy()


class CycleSheet(ttk.Frame):
    """One crop cycle of one plot: header form, cost lines, live figures."""

    def __init__(self, master, app, plot, cycle=None):
        super().__init__(master, padding=6)
        self.app = app
        self.plot = plot
        self.cycle = cycle
        self.rows: list[CostRow] = []
        self.settings = farming.settings()
        h = plot.household
        ttk.Label(
            self,
            text=_("{plot} · house no. {no} {name} · {area}").format(
                plot=plot.name, no=h.house_no, name=h.head_name, area=thai.format_rnw(plot.area_m2)
            ),
            font=SUBHEADING,
        ).pack(anchor="w")
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.form = Form(top, columns=4)
        self.form.pack(side="left", fill="x", expand=True)
        f = self.form
        self.crop = f.add(
            "crop", _("Crop"), ChoiceBox(f, [(c, c.name_th) for c in farming.crops()], width=14)
        )
        self.season = f.add(
            "season",
            _("Season"),
            ChoiceBox(
                f, [(k, farming.label(farming.SEASONS, k)) for k in farming.SEASONS], width=16
            ),
        )
        self.year = f.add("year", _("Season year (B.E.)"), ttk.Entry(f, width=7))
        self.area = f.add("area", _("Planted area (rai-ngan-wa)"), ttk.Entry(f, width=10))
        self.planted = f.add("planted_on", _("Planted on"), BEDateEntry(f, width=11))
        self.harvested = f.add("harvested_on", _("Harvested on"), BEDateEntry(f, width=11))
        self.months = f.add("months", _("Months in the field"), ttk.Entry(f, width=6))
        self.planting_year = f.add(
            "planting_year", _("Year planted (B.E., perennials)"), ttk.Entry(f, width=7)
        )
        self.yield_kg = f.add("yield_kg", _("Yield (kg)"), ttk.Entry(f, width=9))
        self.price = f.add("price", _("Farm-gate price (baht/kg)"), MoneyEntry(f, width=9))
        self.sold = f.add("sold_kg", _("Sold (kg)"), ttk.Entry(f, width=9))
        self.kept = f.add("kept_kg", _("Kept (kg)"), ttk.Entry(f, width=9), enter_moves=False)
        self.kept.bind("<Return>", lambda e: (self.save_header(), "break")[1])
        figs = ttk.Frame(self)
        figs.pack(fill="x", pady=(2, 0))
        self.figs = ttk.Label(figs, text="", justify="left", anchor="nw", bootstyle="info")
        self.figs.pack(side="left", anchor="n")
        self.figs2 = ttk.Label(
            figs, text="", justify="left", anchor="nw", bootstyle="info", wraplength=520
        )
        self.figs2.pack(side="left", anchor="n", padx=(24, 0))

        self.message = ttk.Label(self, text="", bootstyle="danger")
        self.message.pack(anchor="w")
        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        self.scroller = ttk.ScrolledFrame(body, height=210, width=800)
        self.scroller.pack(side="left", fill="both", expand=True)
        self.rows_frame = self.scroller
        for c, text in enumerate(
            (
                _("Kind of cost"),
                _("Activity"),
                _("Item"),
                _("Quantity"),
                _("Unit price"),
                _("Cash / non-cash"),
                _("Amount (baht)"),
                "",
            )
        ):
            ttk.Label(self.rows_frame, text=text, bootstyle="secondary").grid(
                row=0, column=c, sticky="w", padx=1
            )
        self.suggest = Suggestions(body)
        self.suggest.listbox.configure(height=10, width=20)
        self.suggest.pack(side="left", fill="y", padx=(8, 0))
        bar = ttk.Frame(self)
        # packed before the lines: on a short screen the lines shrink, never the keys and buttons
        bar.pack(side="bottom", fill="x", pady=(4, 0), before=body)
        hint = WrapLabel(
            bar,
            wrap=500,
            text=_(
                "Enter: next field · Enter on cash/non-cash: save the line · "
                "Ctrl+S: save the cycle · Ctrl+B: pull from the household "
                "book · Ctrl+Delete: delete the line · Esc: close"
            ),
            bootstyle="secondary",
        )
        ttk.Button(
            bar,
            text=_("Pull from the household book"),
            bootstyle="secondary-outline",
            takefocus=False,
            command=self.pull,
        ).pack(side="right")
        # this cycle's cost sheet through the reports screen (open, print, save from there)
        ttk.Button(
            bar,
            text=_("Excel"),
            icon="file-earmark-spreadsheet",
            compound="left",
            bootstyle="secondary-outline",
            takefocus=False,
            command=lambda: self.print_report("xlsx"),
        ).pack(side="right", padx=(0, 6))
        ttk.Button(
            bar,
            text=_("Cost report of this cycle (Ctrl+P)"),
            icon="printer",
            compound="left",
            bootstyle="info-outline",
            takefocus=False,
            command=lambda: self.print_report("pdf"),
        ).pack(side="right", padx=(0, 6))
        hint.pack(side="left", fill="x")
        for w in (self.yield_kg, self.area, self.months, self.year, self.planting_year):
            w.bind("<KeyRelease>", lambda e: self.update_figures(), add="+")
        self.price.var.trace_add("write", lambda *a: self.update_figures())
        self.bind_all_keys(self)
        for w in f.fields.values():
            self.bind_all_keys(w)
        self.load_header()
        self.reload_rows()

    def bind_all_keys(self, w) -> None:
        w.bind("<Control-s>", lambda e: (self.save_header(), "break")[1])
        w.bind("<Control-b>", lambda e: (self.pull(), "break")[1])
        w.bind("<Control-p>", lambda e: (self.print_report("pdf"), "break")[1])

    def print_report(self, fmt: str = "pdf"):
        """Ctrl+P: this cycle's production-cost report (PDF or XLSX), built on the reports
        screen, which then offers to open, print or save it. Saved lines only."""
        if self.cycle is None:
            self.message.configure(text=_("Save the cycle first (Ctrl+S)."))
            return None
        if self.has_pending() and not self.app.confirm(
            _("A line is typed but not saved; the report shows saved lines only. Go on?")
        ):
            return None
        view = self.app.show_view("reports")
        view.choose_cycle(self.cycle.id)
        view.fmt.set_value(fmt)
        self.app.root.lift()
        return view.generate()

    # --- header ---------------------------------------------------------------------------
    def load_header(self) -> None:
        c = self.cycle
        if c is None:
            self.year.insert(0, str(thai.be_year(_dt.date.today().year)))
            self.area.insert(0, _rnw_text(self.plot.area_m2))
            self.season.set_value("main")
            self.crop.focus_set()
            return
        self.crop.set_value(next((x for x, _l in self.crop._choices if x.id == c.crop_id), None))
        self.season.set_value(c.season)
        self.year.insert(0, str(thai.be_year(c.year)))
        self.area.insert(0, _rnw_text(c.area_m2))
        self.planted.set_date(c.planted_on)
        self.harvested.set_date(c.harvested_on)
        for w, v in (
            (self.months, c.months),
            (self.yield_kg, c.yield_kg),
            (self.sold, c.sold_kg),
            (self.kept, c.kept_kg),
        ):
            if v is not None:
                w.insert(0, f"{Decimal(str(v)).normalize():f}")
        if c.planting_year:
            self.planting_year.insert(0, str(thai.be_year(c.planting_year)))
        self.price.set_satang(c.price)

    def header_values(self) -> dict:
        errors, v = {}, {"crop": self.crop.get_value(), "season": self.season.get_value()}
        for key, w in (
            ("months", self.months),
            ("yield_kg", self.yield_kg),
            ("sold_kg", self.sold),
            ("kept_kg", self.kept),
        ):
            try:
                d = read_number(w.get())
                v[key] = float(d) if d is not None else None
            except ValueError:
                errors[key] = _("Enter a number.")
        for key, w in (("year", self.year), ("planting_year", self.planting_year)):
            t = thai.thai_to_arabic_digits(w.get().strip())
            if t.isdigit():
                v[key] = thai.ce_year(int(t))
            elif t or key == "year":
                errors[key] = _("Enter the year in B.E.")
            else:
                v[key] = None
        for key, w in (("planted_on", self.planted), ("harvested_on", self.harvested)):
            try:
                v[key] = w.get_date()
            except thai.ThaiDateError as exc:
                errors[key] = str(exc)
        try:
            v["price"] = self.price.get_satang() or 0
        except thai.MoneyError as exc:
            errors["price"] = str(exc)
        v["area"] = self.area.get().strip() or None
        if errors:
            raise ValidationError(errors)
        return v

    def save_header(self) -> bool:
        """Ctrl+S / Enter on the last field: save the cycle (a new one gets its land line)."""
        self.form.clear_errors()
        try:
            values = self.header_values()
            self.cycle = farming.save_cycle(
                self.app.ctx,
                self.plot,
                values,
                record=self.cycle,
                expected_updated_at=self.cycle.updated_at if self.cycle else None,
            )
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.app.set_status(_("Crop cycle saved."))
        self.reload_rows()
        return True

    # --- lines ------------------------------------------------------------------------------
    def reload_rows(self) -> None:
        for r in self.rows:
            r.destroy()
        self.rows = []
        if self.cycle is not None:
            for ln in farming.lines_of(self.cycle):
                self._add_row(ln)
            self.new_line()
        self.update_figures()

    def _add_row(self, line=None) -> CostRow:
        row = CostRow(self, len(self.rows), line)
        self.rows.append(row)
        row.kind_var.trace_add("write", lambda *a, r=row: self._kind_typed(r))
        row.kind_entry.bind("<FocusIn>", lambda e, r=row: self._kind_typed(r))
        row.kind_entry.bind("<Return>", lambda e, r=row: (self._kind_done(r), "break")[1])
        row.act_var.trace_add("write", lambda *a, r=row: self._act_typed(r))
        row.act_entry.bind("<FocusIn>", lambda e, r=row: self._act_typed(r))
        row.act_entry.bind("<Return>", lambda e, r=row: (self._act_done(r), "break")[1])
        row.item.bind("<FocusIn>", lambda e, r=row: self._item_typed(r))
        row.item.bind("<Return>", lambda e, r=row: (self._item_done(r), "break")[1])
        row.qty.bind("<Return>", lambda e, r=row: (self._qty_done(r), "break")[1])
        row.price.bind("<Return>", lambda e, r=row: (self._price_done(r), "break")[1])
        row.cash.bind("<FocusIn>", lambda e, r=row: r.cash.select_range(0, "end"))
        row.cash.bind("<Return>", lambda e, r=row: (self.save_row(r), "break")[1])
        for w in (row.kind_entry, row.act_entry, row.item):
            w.bind("<Down>", lambda e: (self.suggest.move(1), "break")[1])
            w.bind("<Up>", lambda e: (self.suggest.move(-1), "break")[1])
        row.qty_var.trace_add("write", lambda *a, r=row: self._amount_typed(r))
        row.price.var.trace_add("write", lambda *a, r=row: self._amount_typed(r))
        for w in row.widgets:
            self.bind_all_keys(w)
            w.bind("<Control-Delete>", lambda e, r=row: (self.delete_row(r), "break")[1])
        return row

    def new_line(self) -> CostRow:
        row = self._add_row()
        self.update_idletasks()
        self.scroller.yview_moveto(1.0)
        row.kind_entry.focus_set()
        return row

    def _amount_typed(self, row: CostRow) -> None:
        row.refresh_amount()
        self.update_figures()

    def _kind_typed(self, row: CostRow) -> None:
        if self.focus_get() is not row.kind_entry:
            return
        self.suggest.show(_("Kinds of cost"), match(kind_choices(), row.kind_var.get()))

    def _kind_done(self, row: CostRow) -> None:
        k = self.suggest.chosen()
        if k is None:
            row.say(_("No kind matches; type part of its name."))
            return
        row.kind = k
        row.kind_var.set(dict(kind_choices())[k])
        cash = k not in (FAMILY, "depreciation")
        if row.line is None:
            row.cash.delete(0, "end")
            row.cash.insert(0, CASH_WORDS[cash])
        if k == FAMILY and not row.price.get().strip():
            row.price.set_satang(farming.offered_price("labour", family=True))
        if k == FAMILY and not row.item.get().strip():
            row.item.insert(0, _("Family labour"))
        row.say("")
        row.act_entry.focus_set()
        row.act_entry.select_range(0, "end")
        self.update_figures()

    def _act_typed(self, row: CostRow) -> None:
        if self.focus_get() is not row.act_entry:
            return
        choices = [(k, farming.label(farming.ACTIVITIES, k)) for k in farming.ACTIVITIES]
        self.suggest.show(_("Activities"), match(choices, row.act_var.get()))

    def _act_done(self, row: CostRow) -> None:
        if row.act_var.get().strip():
            a = self.suggest.chosen()
            row.activity = a or ""
            row.act_var.set(farming.label(farming.ACTIVITIES, a) if a else "")
        else:
            row.activity = ""
        row.item.focus_set()

    def _item_typed(self, row: CostRow) -> None:
        if row.kind == "depreciation":
            eqs = farming.equipment_of(self.plot.household)
            self.suggest.show(
                _("Equipment"),
                [
                    (
                        e,
                        e.name
                        + " · "
                        + thai.format_baht(farming.annual_depreciation(e))
                        + "/"
                        + _("year"),
                    )
                    for e in eqs
                ],
            )

    def _item_done(self, row: CostRow) -> None:
        if row.kind == "depreciation":
            e = self.suggest.chosen()
            if e is not None:
                row.equipment = e
                if not row.item.get().strip():
                    row.item.insert(0, e.name)
                if not row.price.get().strip():
                    row.price.set_satang(farming.annual_depreciation(e))
        row.qty.focus_set()
        row.qty.select_range(0, "end")

    def _qty_done(self, row: CostRow) -> None:
        try:
            q = read_number(row.qty_var.get())
        except ValueError:
            q = None
        if q is None or q <= 0:
            row.say(_("The quantity must be more than zero."))
            return
        row.say("")
        row.price.focus_set()
        row.price.select_range(0, "end")

    def _price_done(self, row: CostRow) -> None:
        try:
            p = row.price.get_satang()
        except thai.MoneyError as exc:
            row.say(str(exc))
            return
        if p is None:
            row.say(_("Enter the unit price."))
            return
        row.price.set_satang(p)
        row.say("")
        row.cash.focus_set()

    def save_row(self, row: CostRow) -> bool:
        """Save (add or change) the line; the next line gets the focus."""
        if self.cycle is None and not self.save_header():
            return False
        if row.kind is None:
            row.kind_entry.focus_set()
            row.say(_("Choose the kind of cost."))
            return False
        t = row.typed()
        if t is None:
            row.say(_("Enter the quantity and the unit price."))
            row.qty.focus_set()
            return False
        q, p = t
        kind, family = ("labour", True) if row.kind == FAMILY else (row.kind, False)
        values = dict(
            activity=row.activity,
            item=row.item.get(),
            quantity=q,
            unit_price=p,
            cash=read_cash(row.cash.get()),
            family=family,
            equipment=row.equipment,
        )
        try:
            if row.line is None:
                row.line = farming.add_line(self.app.ctx, self.cycle, kind, **values)
            else:
                row.line = farming.edit_line(
                    self.app.ctx,
                    row.line,
                    kind=kind,
                    expected_updated_at=row.line.updated_at,
                    **values,
                )
        except ValidationError as exc:
            row.say(" ".join(exc.errors.values()))
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        row.cash.delete(0, "end")
        row.cash.insert(0, CASH_WORDS[row.line.cash])
        row.say("✓", "success")
        self.app.set_status(_("Line saved."))
        i = self.rows.index(row)
        if i == len(self.rows) - 1:
            self.new_line()
        else:
            self.rows[i + 1].kind_entry.focus_set()
        self.update_figures()
        return True

    def delete_row(self, row: CostRow) -> bool:
        if row.line is None:
            return False
        if not self.app.confirm(_("Delete this cost line?")):
            return False
        farming.delete_line(self.app.ctx, row.line)
        self.reload_rows()
        return True

    def pull(self) -> int:
        """Ctrl+B: the occupation expenses of the household book, each taken once."""
        if self.cycle is None and not self.save_header():
            return 0
        pairs = farming.book_candidates(self.cycle)
        if not pairs:
            self.app.set_status(
                _(
                    "Nothing to pull: no occupation expense of this season is "
                    "left in the household book."
                )
            )
            return 0
        total = sum(e.amount for e, _k in pairs)
        if not self.app.confirm(
            _("Pull {n} lines ({total} baht) from the household book into this cycle?").format(
                n=len(pairs), total=thai.format_baht(total)
            )
        ):
            return 0
        new = farming.pull_from_book(self.app.ctx, self.cycle, [e for e, _k in pairs])
        self.reload_rows()
        self.app.set_status(_("{n} lines pulled from the household book.").format(n=len(new)))
        return len(new)

    # --- figures ------------------------------------------------------------------------------
    def pending_inputs(self) -> tuple[farming.CycleInput, list]:
        """The cycle and its lines as they stand on the screen, saved or only typed."""
        try:
            m2 = (
                farming.area_m2(self.area.get()) if self.area.get().strip() else (self.plot.area_m2)
            )
        except ValueError:
            m2 = self.cycle.area_m2 if self.cycle else self.plot.area_m2
        try:
            y = read_number(self.yield_kg.get())
        except ValueError:
            y = None
        try:
            price = self.price.get_satang() or 0
        except thai.MoneyError:
            price = 0
        try:
            months = read_number(self.months.get())
        except ValueError:
            months = None
        if not months:
            months = farming.cycle_months(self.cycle) if self.cycle else Decimal(4)
        lines = []
        for r in self.rows:
            t = r.typed()
            if r.kind is None or t is None:
                continue
            kind = "labour" if r.kind == FAMILY else r.kind
            eq = r.equipment
            lines.append(
                farming.LineInput(
                    kind,
                    farming.line_amount(*t),
                    read_cash(r.cash.get()),
                    t[0],
                    farming.equipment_value(eq) if eq is not None else None,
                    r.kind == FAMILY,
                )
            )
        return farming.CycleInput(m2, y, price, months), lines

    def figures(self) -> farming.Figures:
        cyc, lines = self.pending_inputs()
        return farming.compute(cyc, lines, self.settings.rate)

    def update_figures(self) -> None:
        f = self.figures()

        def b(x):
            return thai.format_baht(x) if x is not None else "—"

        crop = self.crop.get_value()
        cmp = None
        age_line = ""
        if crop is not None:
            year = thai.thai_to_arabic_digits(self.year.get().strip())
            planted = thai.thai_to_arabic_digits(self.planting_year.get().strip())
            age = None
            if crop.perennial and year.isdigit() and planted.isdigit():
                age = int(year) - int(planted)
            cls = farming.age_class_for(crop.code, age) if age is not None and age >= 0 else None
            ref = farming.reference_for(
                crop.code, int(year) if year.isdigit() else None, cls.code if cls else None
            )
            cmp = farming.compare(f, ref)
            if age is not None and age >= 0:
                age_line = _("Age of the trees: {text}").format(
                    text=farming.age_class_text(crop.code, age)
                )
                if cls is not None and ref is None:
                    age_line += " · " + _("no published figure for this age class")
        lines = [
            _("Total cost {total} · cash {cash} baht").format(total=b(f.total), cash=b(f.cash)),
            _("Per rai: total {t} · variable {v} · fixed {x}").format(
                t=b(f.total_per_rai), v=b(f.variable_per_rai), x=b(f.fixed_per_rai)
            ),
            _("Revenue {r} · profit per rai {p}").format(
                r=b(f.revenue), p=b(f.profit_total_per_rai)
            ),
            (
                _("Cost per kg {c} · break-even yield {y} kg/rai").format(
                    c=b(f.cost_per_kg),
                    y=f.breakeven_yield if f.breakeven_yield is not None else "—",
                )
                if f.cost_per_kg is not None
                else f.reasons.get("cost_per_kg", "")
            ),
            _("B/C {bc} · interest imputed {i} baht at {rate}%").format(
                bc=f.bc if f.bc is not None else "—",
                i=b(f.working_interest + f.equipment_interest),
                rate=f.rate,
            ),
            age_line,
            cmp.sentence() if cmp else "",
        ]
        self.figs.configure(text="\n".join(lines[:3]))
        self.figs2.configure(text="\n".join(x for x in lines[3:] if x))

    def has_pending(self) -> bool:
        return any(r.line is None and not r.is_blank() for r in self.rows)


def _rnw_text(m2: int) -> str:
    rai, ngan, wa = thai.m2_to_rnw(m2)
    w = f"{wa.normalize():f}" if wa else "0"
    return f"{rai}-{ngan}-{w}"


def open_cycle_window(app, plot, cycle=None) -> CycleSheet:
    """The sheet in its own window (Esc closes it, asking first when typing would be lost)."""
    top = ttk.Toplevel(app.root)
    top.title(_("Crop cycle"))
    top.geometry("1010x700")
    sheet = CycleSheet(top, app, plot, cycle)
    sheet.pack(fill="both", expand=True)

    def close(_e=None):
        if sheet.has_pending() and not app.confirm(_("A line was typed but not saved. Leave it?")):
            return "break"
        top.destroy()
        return "break"

    top.bind("<Escape>", close)
    top.protocol("WM_DELETE_WINDOW", close)
    top.sheet = sheet
    return sheet
