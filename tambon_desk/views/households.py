"""Households: the searchable list (paged in SQL) and the household window, the hub that
later areas add their tabs to (account book, plots, land cases, enterprise memberships).

Keyboard-first: in the list, type to search, Enter opens, Ctrl+N adds, Delete deletes. In the
household window Enter moves to the next field (Enter on the last field of the last member
adds a member), Ctrl+S saves, Esc closes (asking first when something was typed).
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from .. import registry, thai
from ..core.errors import NotFound, UserError, ValidationError
from ..core.i18n import N_, _
from . import household_tabs
from .fonts import SMALL, SUBHEADING
from .record_buttons import RecordButtons
from .widgets import (
    BEDateEntry,
    ChoiceBox,
    Form,
    PagedTable,
    ScrollableFrame,
    call_service,
    fit_window,
    next_on_enter,
)

TITLES = ("นาย", "นาง", "นางสาว", "ด.ช.", "ด.ญ.")
SEX_OF_TITLE = {
    "นาย": "M",
    "ด.ช.": "M",
    "เด็กชาย": "M",
    "นาง": "F",
    "นางสาว": "F",
    "น.ส.": "F",
    "ด.ญ.": "F",
    "เด็กหญิง": "F",
}
SEX_CHOICES = (("M", N_("Male")), ("F", N_("Female")), ("", N_("Not given")))


def _household(hid):
    return registry.get_household(hid) if hid else None


class HouseholdListView(ttk.Frame):
    """Search as you type across house number, names and citizen ID; one page at a time."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self._pending = None
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        ttk.Label(bar, text=_("Search")).pack(side="left")
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=34)
        self.search.pack(side="left", padx=(6, 12))
        self.search_var.trace_add("write", lambda *a: self.schedule_refresh())
        ttk.Label(bar, text=_("Village")).pack(side="left")
        self.village = ChoiceBox(bar, width=26)
        self.village.pack(side="left", padx=(6, 12))
        self.village.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(0, 8))
        self.buttons = RecordButtons(
            actions,
            _("New household"),
            on_new=self.new_household,
            on_open=self.open_selected,
            on_delete=self.delete_selected,
            on_restore=self.restore_selected,
        )
        self.add_btn, self.delete_btn = self.buttons.new, self.buttons.delete
        self.restore_btn = self.buttons.restore
        self.bin_var = self.buttons.bin_switch(bar, self.refresh)
        ttk.Button(
            actions,
            text=_("Import from Excel…"),
            icon="file-earmark-spreadsheet",
            compound="left",
            bootstyle="secondary-outline",
            command=self.import_file,
        ).pack(side="right")
        cols = (
            ("moo", _("Moo"), 60, "center"),
            ("house_no", _("House no."), 110, "w"),
            ("head_name", _("Head of household"), 280, "w"),
            ("member_count", _("Members"), 90, "e"),
            ("village_name", _("Village"), 220, "w"),
        )
        self.table = PagedTable(
            self,
            cols,
            self._fetch,
            on_activate=self.app.open_household,
            count_cap=registry.COUNT_CAP,
        )
        self.table.pack(fill="both", expand=True)
        self.search.bind("<Down>", lambda e: (self.table.tree.focus_set(), "break")[1])
        self.search.bind("<Return>", lambda e: self.open_selected())
        self.table.tree.bind("<Delete>", lambda e: self.delete_selected())
        for w in (self, self.search, self.table.tree):
            w.bind("<Control-n>", lambda e: (self.new_household(), "break")[1])
            w.bind("<Control-f>", lambda e: (self.search.focus_set(), "break")[1])
        self._load_villages()

    def _load_villages(self):
        """Villages to filter by; a district database also offers each whole tambon."""
        choices = [(None, _("All villages"))]
        district = registry.is_district_database()
        if district:
            choices += [
                ("tambon:" + t.id, _("Tambon {name} (all villages)").format(name=t.name_th))
                for t in registry.tambons()
            ]
        choices += [
            (v.id, registry.village_label(v, with_tambon=district)) for v in registry.villages()
        ]
        self.village.set_choices(choices)
        self.village.current(0)

    def _fetch(self, offset, limit):
        chosen = self.village.get_value()
        village, tambon = chosen, None
        if isinstance(chosen, str) and chosen.startswith("tambon:"):
            village, tambon = None, chosen.split(":", 1)[1]
        return registry.household_page(
            self.search_var.get(), village, offset, limit, deleted=self.bin_var.get(), tambon=tambon
        )

    def schedule_refresh(self):
        """Coalesce fast typing: one query per idle moment, not one per key."""
        if self._pending is None:
            self._pending = self.after_idle(self.refresh)

    def refresh(self):
        self._pending = None
        self.table.reload(reset=True)

    def on_show(self):
        self.refresh()
        self.search.focus_set()

    on_households_changed = refresh

    def filter_village(self, village_id):
        self.village.set_value(village_id)
        self.refresh()

    def import_file(self, path=None):
        """The spreadsheet import window for households; the list refreshes after a load."""
        from .importing import open_import_dialog

        return open_import_dialog(self.app, kind="households", path=path)

    def new_household(self):
        return self.app.open_household(None, village=self.village.get_value())

    def open_selected(self):
        hid = self.table.selected_id()
        if hid and not self.bin_var.get():
            return self.app.open_household(hid)
        return None

    def delete_selected(self):
        h = _household(self.table.selected_id())
        if h is None or self.bin_var.get():
            return
        if not self.app.confirm(
            _("Move household {no} ({name}) to the recycle bin?").format(
                no=h.house_no, name=h.head_name
            )
        ):
            return
        ok, _r = call_service(
            self.app,
            lambda: registry.delete_household(self.app.ctx, h, expected_updated_at=h.updated_at),
        )
        if not ok:
            return
        self.app.set_status(_("Household {no} moved to the recycle bin.").format(no=h.house_no))
        self.app.households_changed()

    def restore_selected(self):
        h = _household(self.table.selected_id())
        if h is None:
            return
        ok, _r = call_service(self.app, lambda: registry.restore_household(self.app.ctx, h))
        if not ok:
            return
        self.app.set_status(_("Household {no} restored.").format(no=h.house_no))
        self.app.households_changed()


class MemberRow:
    """One person's line of entries in the household window, with its error line."""

    FIELDS = (
        "title",
        "first_name",
        "last_name",
        "citizen_id",
        "sex",
        "birth_date",
        "relation",
        "education",
        "occupation",
        "phone",
    )

    def __init__(self, form, parent, index: int, person=None, relation: str = "child"):
        self.form = form
        self.id = person.id if person is not None else None
        self.widgets: dict[str, tk.Widget] = {}
        r = 1 + index * 2
        self.row = r
        w = self.widgets
        w["title"] = ttk.Combobox(parent, values=TITLES, width=6)
        w["first_name"] = ttk.Entry(parent, width=12)
        w["last_name"] = ttk.Entry(parent, width=12)
        w["citizen_id"] = ttk.Entry(parent, width=16)
        w["sex"] = ChoiceBox(parent, [(v, _(t)) for v, t in SEX_CHOICES], width=6)
        w["birth_date"] = BEDateEntry(parent, width=10)
        w["relation"] = ChoiceBox(
            parent, [(k, _(v)) for k, v in registry.RELATIONS.items()], width=14
        )
        w["education"] = ttk.Entry(parent, width=10)
        w["occupation"] = ttk.Entry(parent, width=12)
        w["phone"] = ttk.Entry(parent, width=11)
        for c, key in enumerate(self.FIELDS):
            w[key].grid(row=r, column=c, padx=1, pady=(2, 0), sticky="we")
            next_on_enter(w[key])
        self.remove_btn = ttk.Button(
            parent,
            text="✕",
            width=3,
            bootstyle="danger-link",
            takefocus=False,
            command=lambda: form.remove_member(self),
        )
        self.remove_btn.grid(row=r, column=len(self.FIELDS), padx=2)
        self.error = ttk.Label(parent, text="", bootstyle="danger", font=SMALL)
        self.error.grid(row=r + 1, column=0, columnspan=len(self.FIELDS), sticky="w")
        w["sex"].set_value("")
        w["relation"].set_value(relation)
        # the title says the sex (นาย, ด.ช. male; นาง, นางสาว, ด.ญ. female) unless chosen
        for seq in ("<<ComboboxSelected>>", "<FocusOut>"):
            w["title"].bind(seq, lambda e: self._sex_from_title(), add="+")
        if person is not None:
            self.load(person)

    def _sex_from_title(self) -> None:
        sex = SEX_OF_TITLE.get(self.widgets["title"].get().strip())
        if sex and not self.widgets["sex"].get_value():
            self.widgets["sex"].set_value(sex)

    def load(self, p) -> None:
        w = self.widgets
        for key in ("first_name", "last_name", "education", "occupation", "phone"):
            w[key].insert(0, getattr(p, key) or "")
        w["title"].set(p.title or "")
        w["citizen_id"].insert(0, thai.format_citizen_id(p.citizen_id) if p.citizen_id else "")
        w["sex"].set_value(p.sex or "")
        w["birth_date"].set_date(p.birth_date)
        w["relation"].set_value(p.relation)

    def is_blank(self) -> bool:
        return not any(
            self.widgets[k].get().strip()
            for k in (
                "title",
                "first_name",
                "last_name",
                "citizen_id",
                "birth_date",
                "education",
                "occupation",
                "phone",
            )
        )

    def values(self) -> tuple[dict, dict]:
        """(member dict for the service, field errors found while reading the entries)."""
        w, errors = self.widgets, {}
        try:
            birth = w["birth_date"].get_date()
        except thai.ThaiDateError as exc:
            birth, errors["birth_date"] = None, str(exc)
        cid = w["citizen_id"].get().strip()
        member = {
            "title": w["title"].get().strip(),
            "first_name": w["first_name"].get(),
            "last_name": w["last_name"].get(),
            "citizen_id": cid or None,
            "sex": w["sex"].get_value() or "",
            "birth_date": birth,
            "relation": w["relation"].get_value() or "other",
            "education": w["education"].get(),
            "occupation": w["occupation"].get(),
            "phone": w["phone"].get().strip(),
        }
        if self.id:
            member["id"] = self.id
        return member, errors

    def show_error(self, text: str) -> None:
        self.error.configure(text=text)

    def destroy(self) -> None:
        for widget in list(self.widgets.values()) + [self.remove_btn, self.error]:
            widget.destroy()


class HouseholdForm(ttk.Toplevel):
    """One household: village, house number, note and its members; area tabs beside."""

    def __init__(self, master, app, household_id=None, *, village=None):
        super().__init__(master=master, title=_("Household"))
        fit_window(self, 1260, 700)  # never larger than the screen it opens on
        self.app = app
        self.household = _household(household_id)
        if household_id and self.household is None:
            raise NotFound(_("This record no longer exists."))
        self.expected = self.household.updated_at if self.household else None
        self.rows: list[MemberRow] = []
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, padx=8, pady=8)
        page = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(page, text=_("Household and members"))

        self.form = Form(page, columns=3)
        self.village = self.form.add("village", _("Village"), ChoiceBox(self.form, width=26))
        self.house_no = self.form.add("house_no", _("House no."), ttk.Entry(self.form, width=12))
        self.note = self.form.add("note", _("Note"), ttk.Entry(self.form, width=30))
        self.form.pack(fill="x")
        district = registry.is_district_database()
        self.village.set_choices(
            [(v.id, registry.village_label(v, with_tambon=district)) for v in registry.villages()]
        )

        ttk.Label(page, text=_("Members"), font=SUBHEADING).pack(anchor="w", pady=(10, 2))
        self.members_error = ttk.Label(page, text="", bootstyle="danger")
        self.members_error.pack(anchor="w")
        # Save/Close first, at the bottom: they stay visible however small the window
        scroller = ScrollableFrame(page, height=240)  # scrolls both ways on small screens
        buttons = ttk.Frame(page)  # made after: Tab reaches it last
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        scroller.pack(fill="both", expand=True)
        self.grid_frame = scroller.inner
        heads = (
            _("Title"),
            _("First name"),
            _("Last name"),
            _("Citizen ID"),
            _("Sex"),
            _("Birth date (BE)"),
            _("Relation"),
            _("Education"),
            _("Occupation"),
            _("Phone"),
        )
        for c, text in enumerate(heads):
            ttk.Label(self.grid_frame, text=text, bootstyle="secondary").grid(
                row=0, column=c, sticky="w", padx=1
            )

        ttk.Button(
            buttons,
            text=_("Add member"),
            icon="person-plus",
            compound="left",
            bootstyle="secondary-outline",
            command=self.add_member,
        ).pack(side="left")
        self.save_btn = ttk.Button(
            buttons,
            text=_("Save (Ctrl+S)"),
            icon="floppy",
            compound="left",
            bootstyle="primary",
            command=self.save,
        )
        self.save_btn.pack(side="right")
        ttk.Button(buttons, text=_("Close (Esc)"), bootstyle="secondary", command=self.close).pack(
            side="right", padx=6
        )
        if self.household is not None:
            ttk.Button(
                buttons,
                text=_("Delete household"),
                icon="trash",
                compound="left",
                bootstyle="danger-outline",
                command=self.delete,
            ).pack(side="right")

        if self.household is not None:
            self._load()
        else:
            if village is not None:
                self.village.set_value(village)
            self.add_member(relation=registry.HEAD)
        self._snapshot = self._state()
        if self.household is not None:
            for spec in household_tabs():
                self.notebook.add(
                    spec.factory(self.notebook, app, self.household.id), text=_(spec.title)
                )
        if app.ctx.role == "viewer":
            self.save_btn.configure(state="disabled")
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.bind("<Escape>", lambda e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        (self.house_no if self.household is None and village else self.village).focus_set()

    # --- members ------------------------------------------------------------------------
    def _load(self):
        h = self.household
        self.title(
            _("Household {no}, {village}").format(
                no=h.house_no, village=registry.village_label(h.village)
            )
        )
        self.village.set_value(h.village_id)
        self.house_no.insert(0, h.house_no)
        self.note.insert(0, h.note or "")
        for p in registry.members_of(h):
            self.add_member(person=p, focus=False)

    def add_member(self, person=None, relation: str | None = None, focus: bool = True):
        if relation is None:
            relation = "spouse" if len(self.rows) == 1 else "child"
        row = MemberRow(self, self.grid_frame, len(self.rows), person, relation)
        self.rows.append(row)
        last = row.widgets["phone"]
        last.bind("<Return>", self._enter_on_last, add="")
        last.bind("<KP_Enter>", self._enter_on_last, add="")
        if focus:
            row.widgets["title"].focus_set()
        return row

    def _enter_on_last(self, event):
        row = next((r for r in self.rows if r.widgets["phone"] is event.widget), None)
        if row is self.rows[-1] and not row.is_blank():
            self.add_member()
        else:
            nxt = event.widget.tk_focusNext()
            if nxt is not None:
                nxt.focus_set()
        return "break"

    def remove_member(self, row: MemberRow):
        if not row.is_blank() and not self.app.confirm(_("Remove this member from the household?")):
            return
        i = self.rows.index(row)
        self.rows.pop(i)
        for later in self.rows[i:]:  # re-grid the rows below into the gap
            for _c, key in enumerate(MemberRow.FIELDS):
                later.widgets[key].grid(row=later.row - 2)
            later.remove_btn.grid(row=later.row - 2)
            later.error.grid(row=later.row - 1)
            later.row -= 2
        row.destroy()

    # --- save / close -------------------------------------------------------------------
    def _state(self):
        return (
            self.village.get_value(),
            self.house_no.get(),
            self.note.get(),
            [tuple(str(r.widgets[k].get()) for k in MemberRow.FIELDS) for r in self.rows],
        )

    def dirty(self) -> bool:
        return self._state() != self._snapshot

    def save(self) -> bool:
        self.form.clear_errors()
        self.members_error.configure(text="")
        rows = [r for r in self.rows if not r.is_blank()]
        members, read_errors = [], {}
        for i, r in enumerate(rows):
            r.show_error("")
            m, errs = r.values()
            members.append(m)
            read_errors.update({f"members.{i}.{k}": v for k, v in errs.items()})
        village = registry.get_village(self.village.get_value())
        try:
            if read_errors:
                raise ValidationError(read_errors)
            saved = registry.save_household(
                self.app.ctx,
                village,
                self.house_no.get(),
                members,
                self.household,
                expected_updated_at=self.expected,
                note=self.note.get(),
            )
        except ValidationError as exc:
            self._show_errors(exc.errors, rows)
            return False
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.app.set_status(_("Household {no} saved.").format(no=saved.house_no))
        self.app.households_changed()
        self.destroy()
        return True

    def _show_errors(self, errors: dict, rows: list[MemberRow]):
        form_errors, general = {}, []
        per_row: dict[int, list[str]] = {}
        first_widget = None
        for key, msg in errors.items():
            if key.startswith("members."):
                _m, i, field = key.split(".", 2)
                per_row.setdefault(int(i), []).append(msg)
                first_widget = first_widget or rows[int(i)].widgets.get(field)
            elif key == "members":
                general.append(msg)
            else:
                form_errors[key] = msg
        self.form.show_errors(form_errors)
        for i, msgs in per_row.items():
            rows[i].show_error(" ".join(msgs))
        self.members_error.configure(text=" ".join(general))
        if not form_errors and first_widget is not None:
            first_widget.focus_set()

    def delete(self):
        if not self.app.confirm(
            _("Move household {no} ({name}) to the recycle bin?").format(
                no=self.household.house_no, name=self.household.head_name
            )
        ):
            return
        ok, _r = call_service(
            self.app,
            lambda: registry.delete_household(
                self.app.ctx, self.household, expected_updated_at=self.expected
            ),
        )
        if not ok:
            return
        self.app.households_changed()
        self.destroy()

    def close(self):
        if self.dirty() and not self.app.confirm(
            _("Close without saving? What you typed will be lost.")
        ):
            return
        self.destroy()
