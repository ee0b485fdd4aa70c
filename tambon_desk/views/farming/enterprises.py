"""Community enterprises: the list, the enterprise's form, its members with shares and
committee posts, its trainings, and its account book: the household book's keying sheet
(`views.accounts.entry.BookEntry`) on the enterprise, saving through the same accounts
ledger service into the same ledger."""

from __future__ import annotations

import datetime as _dt

import ttkbootstrap as ttk

from ... import accounts, farming, registry, thai
from ...core import roles
from ...core.errors import UserError, ValidationError
from ...core.i18n import N_, _
from ..accounts.entry import BookEntry
from ..widgets import BEDateEntry, ChoiceBox, Form, MoneyEntry, call_service, column_tree


class EnterprisesPage(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master, padding=6)
        self.app = app
        self.enterprise = None
        self.tambon = registry.home_tambon()
        state = "normal" if roles.has_role(app.ctx, "clerk") else "disabled"
        left = ttk.Frame(self)
        left.pack(side="left", fill="y")
        self.tree = column_tree(
            left,
            [("name", _("Enterprise"), 170, "w"), ("members", _("Members"), 50, "e")],
            height=14,
        )
        self.tree.pack(fill="y", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._chosen())
        ttk.Button(
            left,
            text=_("New enterprise"),
            bootstyle="secondary-outline",
            state=state,
            command=self.new,
        ).pack(anchor="w", pady=(4, 0))
        right = ttk.Frame(self)
        right.pack(side="left", fill="both", expand=True, padx=(10, 0))
        self.form = Form(right, columns=2)
        self.form.pack(fill="x")
        f = self.form
        self.name = f.add("name", _("Enterprise name"), ttk.Entry(f, width=14))
        self.reg_no = f.add("reg_no", _("Registration no."), ttk.Entry(f, width=10))
        self.kind = f.add("kind", _("Kind"), ChoiceBox(f, list(farming.KINDS.items()), width=12))
        self.product = f.add(
            "product",
            _("Product"),
            ChoiceBox(f, [(c.code, c.name_th) for c in farming.crops()], width=9),
        )
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=14), enter_moves=False, span=2)
        self.note.bind("<Return>", lambda e: (self.save(), "break")[1])
        ttk.Button(
            f, text=_("Save enterprise"), bootstyle="primary", state=state, command=self.save
        ).grid(row=5, column=3, sticky="e")
        book = self.tabs = ttk.Notebook(right)
        book.pack(fill="both", expand=True, pady=(6, 0))
        self.members_page = ttk.Frame(book, padding=4)
        self.training_page = ttk.Frame(book, padding=4)
        self.book_page = ttk.Frame(book, padding=4)
        for page, title in (
            (self.members_page, _("Members")),
            (self.training_page, _("Trainings")),
            (self.book_page, _("Enterprise book")),
        ):
            book.add(page, text=title)
        self._members_ui(state)
        self._training_ui(state)
        self._book_ui(state)
        self.refresh()

    # --- list and form ----------------------------------------------------------------------
    def refresh(self) -> None:
        self.tree.delete(*self.tree.get_children())
        self._ents = {
            e.id: e for e in farming.enterprises([self.tambon.id] if self.tambon else None)
        }
        for e in self._ents.values():
            self.tree.insert("", "end", iid=e.id, values=(e.name, len(farming.members_of(e))))
        if self.enterprise is not None and self.enterprise.id in self._ents:
            self.tree.selection_set(self.enterprise.id)

    def _chosen(self) -> None:
        sel = self.tree.selection()
        self.enterprise = self._ents.get(sel[0]) if sel else None
        e = self.enterprise
        if e is None:
            return
        for w, v in ((self.name, e.name), (self.reg_no, e.reg_no), (self.note, e.note)):
            w.delete(0, "end")
            w.insert(0, v)
        self.kind.set_value(e.kind)
        self.product.set_value(e.product)
        self._show_members()
        self._show_trainings()
        self._show_book()

    def new(self) -> None:
        self.enterprise = None
        for w in (self.name, self.reg_no, self.note):
            w.delete(0, "end")
        self.kind.set_value("enterprise")
        self.name.focus_set()

    def save(self) -> bool:
        values = {
            "name": self.name.get(),
            "reg_no": self.reg_no.get(),
            "kind": self.kind.get_value() or "enterprise",
            "product": self.product.get_value() or "",
            "note": self.note.get(),
        }
        ok, e = call_service(
            self.app,
            lambda: farming.save_enterprise(
                self.app.ctx, self.tambon, values, record=self.enterprise
            ),
            self.form,
        )
        if ok:
            self.enterprise = e
            self.refresh()
            self.app.set_status(_("Enterprise saved."))
        return ok

    # --- members ----------------------------------------------------------------------------
    def _members_ui(self, state) -> None:
        p = self.members_page
        self.member_tree = column_tree(
            p,
            [
                ("household", _("Household"), 220, "w"),
                ("role", _("Role"), 110, "w"),
                ("shares", _("Shares"), 60, "e"),
                ("value", _("Share value"), 90, "e"),
            ],
            height=5,
        )
        self.member_tree.pack(fill="both", expand=True)
        row = ttk.Frame(p)
        row.pack(fill="x", pady=(4, 0))
        row2 = ttk.Frame(p)
        row2.pack(fill="x", pady=(2, 0))
        self.m_house = ttk.Entry(row, width=10)
        self.m_shares = ttk.Entry(row, width=5)
        self.m_value = MoneyEntry(row2, width=8)
        self.m_role = ChoiceBox(
            row2, [(k, farming.label(farming.ROLES, k)) for k in farming.ROLES], width=9
        )
        self.m_role.set_value("member")
        for frame, label, w in (
            (row, _("Moo/house no."), self.m_house),
            (row, _("Shares"), self.m_shares),
            (row2, _("Value of a share"), self.m_value),
            (row2, _("Role"), self.m_role),
        ):
            ttk.Label(frame, text=label).pack(side="left", padx=(4, 2))
            w.pack(side="left")
            w.bind("<Return>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        self.m_role.bind("<Return>", lambda e: (self.add_member(), "break")[1])
        ttk.Button(row2, text=_("Add member"), state=state, command=self.add_member).pack(
            side="left", padx=4
        )
        self.m_error = ttk.Label(p, text="", bootstyle="danger")
        self.m_error.pack(anchor="w")

    def _show_members(self) -> None:
        self.member_tree.delete(*self.member_tree.get_children())
        for m in farming.members_of(self.enterprise):
            h = m.household
            self.member_tree.insert(
                "",
                "end",
                values=(
                    f"{h.house_no} {h.head_name} ({_('Moo')} {h.village.moo})",
                    farming.label(farming.ROLES, m.role),
                    m.shares,
                    thai.format_baht(m.shares * m.share_value),
                ),
            )

    def add_member(self) -> bool:
        if self.enterprise is None:
            self.m_error.configure(text=_("Save the enterprise first."))
            return False
        try:
            h = registry.find_household(self.m_house.get(), self.tambon)
            shares = int(thai.thai_to_arabic_digits(self.m_shares.get().strip() or "0"))
            value = self.m_value.get_satang() or 0
            farming.save_member(
                self.app.ctx,
                self.enterprise,
                h,
                shares=shares,
                share_value=value,
                role=self.m_role.get_value() or "member",
            )
        except ValidationError as exc:
            self.m_error.configure(text=" ".join(exc.errors.values()))
            return False
        except (UserError, ValueError, thai.MoneyError) as exc:
            self.m_error.configure(text=str(exc))
            return False
        self.m_error.configure(text="")
        self.m_house.delete(0, "end")
        self._show_members()
        self.refresh()
        self.m_house.focus_set()
        return True

    # --- trainings --------------------------------------------------------------------------
    def _training_ui(self, state) -> None:
        p = self.training_page
        self.t_tree = column_tree(
            p,
            [
                ("title", _("Training"), 260, "w"),
                ("date", _("Date"), 90, "w"),
                ("people", _("Participants"), 200, "w"),
            ],
            height=5,
        )
        self.t_tree.pack(fill="both", expand=True)
        row = ttk.Frame(p)
        row.pack(fill="x", pady=(4, 0))
        row2 = ttk.Frame(p)
        row2.pack(fill="x", pady=(2, 0))
        self.t_title = ttk.Entry(row, width=26)
        self.t_date = BEDateEntry(row, width=11)
        self.t_people = ttk.Entry(row2, width=30)
        for frame, label, w in (
            (row, _("Training"), self.t_title),
            (row, _("Date"), self.t_date),
            (row2, _("Participants (names, comma between)"), self.t_people),
        ):
            ttk.Label(frame, text=label).pack(side="left", padx=(4, 2))
            w.pack(side="left")
            w.bind("<Return>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        self.t_people.bind("<Return>", lambda e: (self.add_training(), "break")[1])
        ttk.Button(row2, text=_("Add training"), state=state, command=self.add_training).pack(
            side="left", padx=4
        )
        self.t_error = ttk.Label(p, text="", bootstyle="danger")
        self.t_error.pack(anchor="w")

    def _show_trainings(self) -> None:
        self.t_tree.delete(*self.t_tree.get_children())
        for t, ps in farming.trainings_of(self.enterprise):
            self.t_tree.insert(
                "",
                "end",
                values=(
                    t.title,
                    thai.format_date(t.held_on) if t.held_on else "",
                    ", ".join(p.name for p in ps if p.name) or len(ps),
                ),
            )

    def add_training(self) -> bool:
        if self.enterprise is None:
            self.t_error.configure(text=_("Save the enterprise first."))
            return False
        try:
            t = farming.save_training(
                self.app.ctx,
                self.t_title.get(),
                tambon=self.tambon,
                held_on=self.t_date.get_date(),
                topic="bookkeeping" if "บัญชี" in self.t_title.get() else "",
            )
            names = [n.strip() for n in self.t_people.get().split(",") if n.strip()]
            for n in names or [""]:
                farming.add_participant(self.app.ctx, t, enterprise=self.enterprise, name=n)
        except ValidationError as exc:
            self.t_error.configure(text=" ".join(exc.errors.values()))
            return False
        except (UserError, thai.ThaiDateError) as exc:
            self.t_error.configure(text=str(exc))
            return False
        self.t_error.configure(text="")
        for w in (self.t_title, self.t_people):
            w.delete(0, "end")
        self._show_trainings()
        return True

    # --- the book ----------------------------------------------------------------------------
    def _book_ui(self, state) -> None:
        """The enterprise's book: the household book's keying sheet on this enterprise."""
        if state == "disabled":
            self.book_sheet = None
            self.b_sum = ttk.Label(self.book_page, text="")
            self.b_sum.pack(anchor="w")
            return
        self.book_sheet = EnterpriseBookSheet(self.book_page, self.app)
        self.book_sheet.pack(fill="both", expand=True)

    def _show_book(self) -> None:
        if self.book_sheet is not None:
            self.book_sheet.show_enterprise(self.enterprise)
            return
        today = _dt.date.today()
        s = farming.book_summary(self.enterprise, _dt.date(today.year, 1, 1), today)
        self.b_sum.configure(text=book_totals_text(s))

    def on_close(self) -> bool:
        return self.book_sheet.on_close() if self.book_sheet is not None else True


def book_totals_text(s) -> str:
    return _(
        "Income {i} · expense {x} · profit {p} · shares paid in {si} · dividends {d} baht"
    ).format(
        i=thai.format_baht(s.income),
        x=thai.format_baht(s.expense),
        p=thai.format_baht(s.profit),
        si=thai.format_baht(s.shares_in),
        d=thai.format_baht(s.dividends),
    )


class EnterpriseBookSheet(BookEntry):
    """An enterprise's month of its account book, keyed in the household book's sheet: the
    same keys, checks (the accounts ledger service) and undo; the enterprise categories; a
    member column (house number) for share capital and dividend lines; the enterprise's
    totals. The enterprise is the one chosen on the page."""

    book = "enterprise"
    with_member = True
    # narrower than a household's sheet: it sits beside the list of enterprises (1024 px)
    widths = {"day": 3, "cat": 15, "amount": 10, "member": 5, "note": 8, "status": 10, "list": 15}
    text_wrap = 600
    columns = (N_("Day"), N_("Category"), N_("Amount (baht)"), N_("Member house"), N_("Note"))
    hint = N_(
        "Enter: next field · Enter on the note: save the line · ↑/↓: choose in the list · "
        "Ctrl+Z: take back the last line · member: the house number on a share or dividend line"
    )

    def __init__(self, master, app):
        self.enterprise = None
        super().__init__(master, app)

    @property
    def owner(self):
        return self.enterprise

    def _build_top(self, top) -> None:
        ttk.Label(top, text=_("Month (mm/yyyy BE)")).grid(row=0, column=0, sticky="w")
        self.month_entry = ttk.Entry(top, width=10)
        self.month_entry.grid(row=0, column=1, padx=(6, 14), sticky="w")
        today = _dt.date.today()
        self.month_entry.insert(0, thai.format_month(today.year, today.month, "numeric"))
        # the enterprise's name is in the form above; the label only asks for a choice
        self.hh_label = ttk.Label(top, text=_("Choose an enterprise in the list."))
        self.hh_label.grid(row=0, column=2, columnspan=2, sticky="w")

    def _no_owner(self) -> None:
        self.message.configure(text=_("Save the enterprise first."))

    def _month_opened(self) -> None:
        pass

    def focus_debt(self) -> None:
        pass

    def show_enterprise(self, enterprise) -> bool:
        """Put this enterprise's book on the sheet (asks first about unsaved typing)."""
        if self.enterprise is not None and enterprise is not None:
            if enterprise.id != self.enterprise.id and not self.may_leave_lines():
                return False
        self.clear_sheet()
        self.enterprise = enterprise
        self.hh_label.configure(
            text="" if enterprise is not None else _("Choose an enterprise in the list.")
        )
        if enterprise is not None:
            self.open_month()
        return True

    def member_of(self, row):
        text = thai.thai_to_arabic_digits(row.values()["member"])
        if not text:
            return None
        found = [m.household for m in farming.members_of(self.enterprise)]
        found = [h for h in found if h.house_no == text]
        if len(found) != 1:
            raise ValidationError(
                {"member": _("House no. {no} is not a member of this enterprise.").format(no=text)}
            )
        return found[0]

    groups = accounts.ENTERPRISE_GROUPS

    def figures(self) -> dict:
        by_group, lines = self.group_sums()
        return {"by_group": by_group, "lines": lines}

    def update_totals(self) -> None:
        g = self.figures()["by_group"]
        self.totals.configure(
            text=_(
                "This month: income {i} · expense {x} · profit {p} · shares paid in {si} · "
                "dividends {d} · {n} lines"
            ).format(
                i=thai.format_baht(g["ent_income"]),
                x=thai.format_baht(g["ent_expense"]),
                p=thai.format_baht(g["ent_income"] - g["ent_expense"]),
                si=thai.format_baht(g["ent_share_in"]),
                d=thai.format_baht(g["ent_dividend"]),
                n=self.figures()["lines"],
            )
        )
