"""Network screens: committees and working groups with their members, partner organisations
with the projects they fund or support, and lessons (บทเรียน) with search and attached files.

Each tab is a list on the left and the record's form on the right: select to edit, "New"
(Ctrl+N) to start a blank one, Ctrl+S to save. Members are typed as rows (Enter on the last
field adds a member).
"""

from __future__ import annotations

import datetime as _dt
import tkinter as tk

import ttkbootstrap as ttk

from ... import plan, registry, thai
from ...core.errors import UserError, ValidationError
from ...core.i18n import _
from ..fonts import BOLD, SUBHEADING, TITLE
from ..rows_editor import RowsEditor, choice_col, text_col
from ..widgets import BEDateEntry, ChoiceBox, Form, call_service
from .common import _baht, _fill, _tree


class _Tab(ttk.Frame):
    """A list on the left, a form on the right, with the shared save/delete plumbing."""

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.record = None
        self.left = ttk.Frame(self)
        self.left.pack(side="left", fill="y", padx=(0, 10))
        self.right = ttk.Frame(self)
        self.right.pack(side="left", fill="both", expand=True)
        self.keys_tag = f"keys{id(self)}"
        self.bind_class(self.keys_tag, "<Control-s>", lambda e: (self.save(), "break")[1])
        self.bind_class(self.keys_tag, "<Control-n>", lambda e: (self.new(), "break")[1])

    def tag_keys(self, widget=None) -> None:
        """Ctrl+S / Ctrl+N work from any field of the tab (rows added later included)."""
        widget = widget or self
        if self.keys_tag not in widget.bindtags():
            widget.bindtags((self.keys_tag,) + widget.bindtags())
        for child in widget.winfo_children():
            self.tag_keys(child)

    def buttons(self, parent):
        row = ttk.Frame(parent)
        row.pack(fill="x", pady=(8, 0))
        ttk.Button(
            row,
            text=_("New"),
            icon="plus-lg",
            compound="left",
            bootstyle="secondary-outline",
            command=self.new,
        ).pack(side="left")
        self.save_btn = ttk.Button(
            row,
            text=_("Save (Ctrl+S)"),
            icon="floppy",
            compound="left",
            bootstyle="primary",
            command=self.save,
        )
        self.save_btn.pack(side="right")
        self.delete_btn = ttk.Button(
            row,
            text=_("Delete"),
            icon="trash",
            compound="left",
            bootstyle="danger-outline",
            command=self.delete,
        )
        self.delete_btn.pack(side="right", padx=6)
        if self.app.ctx.role == "viewer":
            self.save_btn.configure(state="disabled")
            self.delete_btn.configure(state="disabled")

    def search_and_list(self, columns, search_width: int) -> None:
        """The left side of partners and lessons: a search box over the list."""
        bar = ttk.Frame(self.left)
        bar.pack(fill="x")
        ttk.Label(bar, text=_("Search")).pack(side="left")
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=search_width)
        self.search.pack(side="left", padx=4)
        self.search_var.trace_add("write", lambda *a: self.refresh())
        self.add_list(columns, pady=(6, 0))

    def add_list(self, columns, pady=0) -> None:
        self.list = _tree(self.left, columns, height=18)
        self.list.pack(fill="y", expand=True, pady=pady)
        self.list.bind("<<TreeviewSelect>>", lambda e: self.load_selected())

    def show_saved(self, saved, name: str) -> None:
        """After a save: say so, refresh the list and keep the saved record selected."""
        self.record = saved
        self.app.set_status(_("{name} saved.").format(name=name))
        self.refresh()
        if self.list.exists(saved.id):
            self.list.selection_set(saved.id)

    def record_name(self, record) -> str:
        return record.name

    def remove_record(self, ctx, record):
        raise NotImplementedError

    def delete(self):
        """Ask, move the record to the recycle bin, start a blank form."""
        if self.record is None or not self.app.confirm(
            _("Move {name} to the recycle bin?").format(name=self.record_name(self.record))
        ):
            return
        if self.run(lambda: self.remove_record(self.app.ctx, self.record) or True):
            self.refresh()
            self.new()

    def run(self, fn, form=None):
        """Call a service; ValidationError goes under the fields, others to a dialog.
        None when it failed."""
        return call_service(self.app, fn, form)[1]


# --- committees -----------------------------------------------------------------------------


class CommitteesTab(_Tab):
    def __init__(self, master, app):
        super().__init__(master, app)
        self.add_list(
            [
                ("name", _("Committee"), 170, "w"),
                ("kind", _("Kind"), 90, "w"),
                ("members", _("Members"), 64, "e"),
            ]
        )
        f = self.form = Form(self.right, columns=1)
        self.name = f.add("name", _("Committee"), ttk.Entry(f, width=26))
        self.kind = f.add(
            "kind",
            _("Kind"),
            ChoiceBox(f, [(k, _(v)) for k, v in plan.COMMITTEE_KINDS.items()], width=24),
        )
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=26))
        f.pack(fill="x")
        ttk.Label(self.right, text=_("Members"), font=SUBHEADING).pack(anchor="w", pady=(8, 2))
        sectors = [(k, _(v)) for k, v in plan.SECTORS.items()]
        self.members = RowsEditor(
            self.right,
            [
                text_col("name", _("Name"), 17),
                text_col("role", _("Position"), 8),
                choice_col("sector", _("Sector"), sectors, width=11, default="community"),
                text_col("organisation", _("Organisation"), 11),
                text_col("phone", _("Phone"), 10),
            ],
            height=300,
            confirm=app.confirm,
        )
        self.members.pack(fill="both", expand=True)
        self.members.bind("<<RowAdded>>", lambda e: self.tag_keys(self.members))
        self.buttons(self.right)
        self.new()

    def refresh(self):
        self.list.delete(*self.list.get_children())
        for c in plan.committees(registry.home_tambon()):
            self.list.insert(
                "",
                "end",
                iid=c.id,
                values=(c.name, plan.kind_label(c.kind), len(plan.members_of(c))),
            )

    def new(self):
        self.record = None
        self.form.clear_errors()
        self.name.delete(0, "end")
        self.note.delete(0, "end")
        self.kind.set_value("working_group")
        self.members.set_rows([])
        self.members.add_row(focus=False)
        self.name.focus_set()
        self.tag_keys()

    def load_selected(self):
        sel = self.list.selection()
        c = plan.get_committee(sel[0]) if sel else None
        if c is None:
            return
        self.record = c
        self.form.clear_errors()
        self.name.delete(0, "end")
        self.name.insert(0, c.name)
        self.note.delete(0, "end")
        self.note.insert(0, c.note)
        self.kind.set_value(c.kind)
        self.members.set_rows(plan.member_dicts(c))
        self.tag_keys()

    def save(self):
        lines, _read_errors, used = self.members.values()
        self.form.clear_errors()
        self.members.show_errors({}, used)
        try:
            saved = plan.save_committee(
                self.app.ctx,
                registry.home_tambon(),
                self.name.get(),
                self.kind.get_value() or "",
                lines,
                self.note.get(),
                self.record,
                expected_updated_at=self.record.updated_at if self.record else None,
            )
        except ValidationError as exc:
            self.members.show_errors(
                {
                    k[len("members.") :]: m
                    for k, m in exc.errors.items()
                    if k.startswith("members.")
                },
                used,
            )
            self.form.show_errors(
                {k: m for k, m in exc.errors.items() if not k.startswith("members.")}
            )
            return None
        except UserError as exc:
            self.app.show_error(exc)
            return None
        self.show_saved(saved, saved.name)
        return saved

    def remove_record(self, ctx, record):
        return plan.delete_committee(ctx, record)


# --- partners -------------------------------------------------------------------------------


class PartnersTab(_Tab):
    def __init__(self, master, app):
        super().__init__(master, app)
        self.search_and_list(
            [("name", _("Organisation"), 230, "w"), ("sector", _("Sector"), 120, "w")], 24
        )
        f = self.form = Form(self.right, columns=1)
        self.name = f.add("name", _("Organisation"), ttk.Entry(f, width=26))
        self.sector = f.add(
            "sector",
            _("Sector"),
            ChoiceBox(f, [(k, _(v)) for k, v in plan.SECTORS.items()], width=24),
        )
        self.contact = f.add("contact", _("Contact"), ttk.Entry(f, width=22))
        self.phone = f.add("phone", _("Phone"), ttk.Entry(f, width=14))
        self.note = f.add("note", _("Note"), ttk.Entry(f, width=26))
        f.pack(fill="x")
        self.buttons(self.right)
        ttk.Label(self.right, text=_("Projects funded or supported"), font=SUBHEADING).pack(
            anchor="w", pady=(12, 2)
        )
        self.projects = _tree(
            self.right,
            [
                ("title", _("Project"), 180, "w"),
                ("fy", _("Fiscal year"), 80, "center"),
                ("role", _("Support"), 120, "w"),
                ("approved", _("Approved (baht)"), 110, "e"),
            ],
        )
        self.projects.pack(fill="both", expand=True)
        self.new()

    def refresh(self):
        self.list.delete(*self.list.get_children())
        for p in plan.partners(self.search_var.get()):
            self.list.insert("", "end", iid=p.id, values=(p.name, plan.sector_label(p.sector)))

    def new(self):
        self.record = None
        self.form.clear_errors()
        for w in (self.name, self.contact, self.phone, self.note):
            w.delete(0, "end")
        self.sector.set_value("state")
        _fill(self.projects, [])
        self.name.focus_set()
        self.tag_keys()

    def load_selected(self):
        sel = self.list.selection()
        p = plan.get_partner(sel[0]) if sel else None
        if p is None:
            return
        self.record = p
        self.form.clear_errors()
        for w, v in (
            (self.name, p.name),
            (self.contact, p.contact),
            (self.phone, p.phone),
            (self.note, p.note),
        ):
            w.delete(0, "end")
            w.insert(0, v or "")
        self.sector.set_value(p.sector)
        _fill(
            self.projects,
            [
                (
                    e["project"].title,
                    e["project"].fiscal_year,
                    _(plan.PARTNER_ROLES[e["role"]]),
                    _baht(e["approved"] or None),
                )
                for e in plan.partner_projects(p)
            ],
        )
        self.tag_keys()

    def save(self):
        self.form.clear_errors()
        saved = self.run(
            lambda: plan.save_partner(
                self.app.ctx,
                self.name.get(),
                self.sector.get_value() or "",
                self.contact.get(),
                self.phone.get(),
                self.note.get(),
                partner=self.record,
                expected_updated_at=self.record.updated_at if self.record else None,
            ),
            self.form,
        )
        if saved is not None:
            self.show_saved(saved, saved.name)
        return saved

    def remove_record(self, ctx, record):
        return plan.delete_partner(ctx, record)


# --- lessons --------------------------------------------------------------------------------


class LessonsTab(_Tab):
    def __init__(self, master, app):
        super().__init__(master, app)
        self.search_and_list(
            [
                ("date", _("Date"), 90, "center"),
                ("title", _("Lesson"), 220, "w"),
                ("issue", _("Issue"), 120, "w"),
            ],
            26,
        )
        self.count = ttk.Label(self.left, text="")
        self.count.pack(anchor="w")
        f = self.form = Form(self.right, columns=1)
        self.title_e = f.add("title", _("Lesson"), ttk.Entry(f, width=26))
        self.area = f.add("area", _("Area"), ttk.Entry(f, width=20))
        self.date = f.add("date", _("Date (BE)"), BEDateEntry(f))
        self.author = f.add("author", _("Author"), ttk.Entry(f, width=20))
        self.issue = f.add("issue", _("Issue"), ChoiceBox(f, width=24))
        f.pack(fill="x")
        ttk.Label(self.right, text=_("Summary")).pack(anchor="w", pady=(6, 0))
        self.summary = tk.Text(self.right, height=7, width=44, wrap="word")
        self.summary.pack(fill="x")
        self.buttons(self.right)
        ttk.Label(self.right, text=_("Attached files"), font=BOLD).pack(anchor="w", pady=(10, 0))
        self.files = _tree(
            self.right, [("name", _("File"), 300, "w"), ("size", _("Size (KB)"), 90, "e")], height=3
        )
        self.files.pack(fill="x")
        row = ttk.Frame(self.right)
        row.pack(fill="x", pady=4)
        ttk.Button(
            row,
            text=_("Attach file…"),
            icon="paperclip",
            compound="left",
            bootstyle="secondary",
            command=self.choose_file,
        ).pack(side="left")
        ttk.Button(
            row, text=_("Open file"), bootstyle="secondary-outline", command=self.open_file
        ).pack(side="left", padx=6)
        self.new()

    def refresh(self):
        t = registry.home_tambon()
        issues = plan.issues_for_tambon(t) if t else []
        keep = self.issue.get_value()
        self.issue.set_choices([(None, "—")] + [(i.id, i.name) for i in issues])
        self.issue.set_value(keep)
        rows, total = plan.search_lessons(self.search_var.get())
        self.list.delete(*self.list.get_children())
        for x in rows:
            self.list.insert(
                "",
                "end",
                iid=x.id,
                values=(thai.format_date(x.date), x.title, x.issue.name if x.issue_id else ""),
            )
        self.count.configure(text=_("{n} lessons").format(n=total))

    def new(self):
        self.record = None
        self.form.clear_errors()
        for w in (self.title_e, self.area, self.author):
            w.delete(0, "end")
        self.date.set_date(_dt.date.today())
        self.issue.set_value(None)
        self.summary.delete("1.0", "end")
        _fill(self.files, [])
        self.title_e.focus_set()
        self.tag_keys()

    def load_selected(self):
        sel = self.list.selection()
        x = plan.get_lesson(sel[0]) if sel else None
        if x is None:
            return
        self.record = x
        self.form.clear_errors()
        for w, v in ((self.title_e, x.title), (self.area, x.area), (self.author, x.author)):
            w.delete(0, "end")
            w.insert(0, v or "")
        self.date.set_date(x.date)
        self.issue.set_value(x.issue_id)
        self.summary.delete("1.0", "end")
        self.summary.insert("1.0", x.summary)
        self._files()
        self.tag_keys()

    def _files(self):
        self.file_rows = plan.attachments_of(self.record) if self.record else []
        self.files.delete(*self.files.get_children())
        for a in self.file_rows:
            self.files.insert("", "end", iid=a.id, values=(a.filename, f"{a.size / 1024:,.1f}"))

    def save(self):
        self.form.clear_errors()
        try:
            day = self.date.get_date()
        except thai.ThaiDateError as exc:
            self.form.show_errors({"date": str(exc)})
            return None
        values = {
            "tambon": registry.home_tambon(),
            "title": self.title_e.get(),
            "area": self.area.get(),
            "date": day,
            "author": self.author.get(),
            "issue": plan.get_issue(self.issue.get_value()),
            "summary": self.summary.get("1.0", "end"),
        }
        saved = self.run(
            lambda: plan.save_lesson(
                self.app.ctx,
                values,
                self.record,
                expected_updated_at=self.record.updated_at if self.record else None,
            ),
            self.form,
        )
        if saved is not None:
            self.show_saved(saved, saved.title)
        return saved

    def record_name(self, record) -> str:
        return record.title

    def remove_record(self, ctx, record):
        return plan.delete_lesson(ctx, record)

    def choose_file(self):
        from tkinter import filedialog

        if self.record is None:
            self.form.show_errors({"": _("Save the lesson first.")})
            return
        path = filedialog.askopenfilename(parent=self, title=_("Attach file…"))
        if path:
            self.attach(path)

    def attach(self, path):
        if self.run(lambda: plan.attach(self.app.ctx, self.record, path)) is not None:
            self._files()

    def open_file(self):
        import webbrowser

        from ...core.attachments import attachment_path

        sel = self.files.selection()
        att = next((a for a in getattr(self, "file_rows", []) if sel and a.id == sel[0]), None)
        if att is not None:
            path = self.run(lambda: attachment_path(self.app.ctx, att))
            if path is not None:
                webbrowser.open(path.as_uri())


class NetworkView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        ttk.Label(self, text=_("Network and lessons"), font=TITLE).pack(anchor="w")
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(6, 0))
        self.committees = CommitteesTab(self.notebook, app)
        self.partners = PartnersTab(self.notebook, app)
        self.lessons = LessonsTab(self.notebook, app)
        self.notebook.add(self.committees, text=_("Committees"))
        self.notebook.add(self.partners, text=_("Partners"))
        self.notebook.add(self.lessons, text=_("Lessons"))
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self.on_show())

    def on_show(self):
        self.nametowidget(self.notebook.select()).refresh()
