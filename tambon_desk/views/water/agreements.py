"""Agreements tab of the water screen: ข้อตกลงการใช้น้ำ with their sources, villages, parties
and rules, agreed and review dates, status, and the signed scans attached to each."""

from __future__ import annotations

import tkinter as tk
from tkinter import filedialog

import ttkbootstrap as ttk

from ... import registry, thai, water
from ...core import roles
from ...core.errors import UserError
from ...core.i18n import _
from ..widgets import BEDateEntry, ChoiceBox, Form, call_service


class AgreementsTab(ttk.Frame):
    def __init__(self, master, app, tambon=None):
        super().__init__(master, padding=8)
        self.app = app
        self.tambon = tambon or registry.home_tambon()
        self.agreement = None
        self.can_edit = roles.has_role(app.ctx, "clerk")
        right = ttk.Frame(self, padding=(12, 0, 0, 0))
        right.pack(side="right", fill="both")  # first: never squeezed out
        self.save_btn = ttk.Button(
            right,
            text=_("Save") + " (Ctrl+S)",
            icon="floppy",
            compound="left",
            bootstyle="success",
            command=self.save,
        )
        self.save_btn.pack(side="bottom", anchor="e")
        left = ttk.Frame(self)
        left.pack(side="left", fill="both", expand=True)
        bar = ttk.Frame(left)
        bar.pack(fill="x", pady=(0, 6))
        self.new_btn = ttk.Button(
            bar,
            text=_("New agreement"),
            icon="plus-lg",
            compound="left",
            command=self.new_agreement,
        )
        self.new_btn.pack(side="left")
        self.del_btn = ttk.Button(
            bar,
            text=_("Delete"),
            icon="trash",
            compound="left",
            bootstyle="danger-outline",
            command=self.delete_selected,
        )
        self.del_btn.pack(side="left", padx=6)
        self.tree = ttk.Treeview(
            left,
            columns=("title", "agreed", "review", "status"),
            show="headings",
            height=12,
            selectmode="browse",
        )
        for key, title, w in (
            ("title", _("Agreement"), 300),
            ("agreed", _("Agreed on"), 90),
            ("review", _("Review on"), 90),
            ("status", _("Status"), 110),
        ):
            self.tree.heading(key, text=title, anchor="w")
            self.tree.column(key, width=w, stretch=key == "title")
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())

        # under the list, not in the form column: at 800 pixels high the rules box needs
        # that height (the scans are those of the agreement selected in the list)
        scans = ttk.Labelframe(left, text=_("Signed scans"), padding=6)
        scans.pack(side="bottom", fill="x", pady=6, before=self.tree)
        self.scans = tk.Listbox(scans, height=3)
        self.scans.pack(side="left", fill="x", expand=True)
        sb = ttk.Frame(scans)
        sb.pack(side="left", padx=4)
        self.attach_btn = ttk.Button(
            sb, text=_("Attach a scan…"), icon="paperclip", compound="left", command=self.attach
        )
        self.attach_btn.pack(fill="x")
        ttk.Button(sb, text=_("Open"), command=self.open_scan, bootstyle="secondary-outline").pack(
            fill="x", pady=2
        )
        self.form = Form(right, columns=2)
        self.form.pack(fill="x")
        self.title = self.form.add(
            "title", _("Agreement title"), ttk.Entry(self.form, width=30), span=2
        )
        self.agreed = self.form.add("agreed_on", _("Agreed on"), BEDateEntry(self.form))
        self.review = self.form.add("review_on", _("Review on"), BEDateEntry(self.form))
        self.status = self.form.add(
            "status",
            _("Status"),
            ChoiceBox(
                self.form, [(k, _(v)) for k, v in water.AGREEMENT_STATUSES.items()], width=16
            ),
        )
        lists = ttk.Frame(right)
        lists.pack(fill="x", pady=4)
        ttk.Label(lists, text=_("Villages")).grid(row=0, column=0, sticky="w")
        ttk.Label(lists, text=_("Water sources")).grid(row=0, column=1, sticky="w", padx=8)
        self.villages = tk.Listbox(
            lists, selectmode="multiple", height=4, width=22, exportselection=False
        )
        self.sources = tk.Listbox(
            lists, selectmode="multiple", height=4, width=26, exportselection=False
        )
        self.villages.grid(row=1, column=0, sticky="nsew")
        self.sources.grid(row=1, column=1, sticky="nsew", padx=8)
        ttk.Label(right, text=_("Parties")).pack(anchor="w")
        self.parties = tk.Text(right, height=2, width=42, wrap="word")
        self.parties.pack(fill="x")
        ttk.Label(right, text=_("Rules")).pack(anchor="w", pady=(4, 0))
        self.rules = tk.Text(right, height=4, width=42, wrap="word")
        self.rules.pack(fill="x")
        for w in (self, self.title, self.parties, self.rules):
            w.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        if not self.can_edit:
            for b in (self.new_btn, self.del_btn, self.save_btn, self.attach_btn):
                b.configure(state="disabled")
        self.refresh()
        self.new_agreement()

    def on_show(self):
        self._load_lists()

    def _load_lists(self):
        self.village_ids = [v.id for v in registry.villages(self.tambon)]
        self.villages.delete(0, "end")
        for v in registry.villages(self.tambon):
            self.villages.insert("end", registry.village_label(v))
        srcs = water.sources_of(tambon=self.tambon)
        self.source_ids = [s.id for s in srcs]
        self.sources.delete(0, "end")
        for s in srcs:
            self.sources.insert("end", f"{s.village.moo}: {s.name}")

    def refresh(self):
        self._load_lists()
        self.tree.delete(*self.tree.get_children())
        for a in water.agreements_of(self.tambon):
            self.tree.insert(
                "",
                "end",
                iid=a.id,
                values=(
                    a.title,
                    thai.format_date(a.agreed_on),
                    thai.format_date(a.review_on),
                    _(water.AGREEMENT_STATUSES[a.status]),
                ),
            )

    def new_agreement(self):
        self.agreement = None
        self.form.clear_errors()
        self.title.delete(0, "end")
        self.agreed.set_date(None)
        self.review.set_date(None)
        self.status.set_value("draft")
        for box in (self.villages, self.sources):
            box.selection_clear(0, "end")
        for t in (self.parties, self.rules):
            t.delete("1.0", "end")
        self._show_scans()

    def _selected(self):
        sel = self.tree.selection()
        if not sel:
            return
        a = water.get_agreement(sel[0])
        self.agreement = a
        self.form.clear_errors()
        self.title.delete(0, "end")
        self.title.insert(0, a.title)
        self.agreed.set_date(a.agreed_on)
        self.review.set_date(a.review_on)
        self.status.set_value(a.status)
        for box, ids, chosen in (
            (self.villages, self.village_ids, a.village_ids),
            (self.sources, self.source_ids, a.source_ids),
        ):
            box.selection_clear(0, "end")
            for i, x in enumerate(ids):
                if x in (chosen or []):
                    box.selection_set(i)
        for t, text in ((self.parties, a.parties), (self.rules, a.rules)):
            t.delete("1.0", "end")
            t.insert("1.0", text)
        self._show_scans()

    def _show_scans(self):
        self.scans.delete(0, "end")
        self.scan_rows = water.agreement_scans(self.agreement) if self.agreement else []
        for s in self.scan_rows:
            self.scans.insert("end", s.filename)

    def values(self) -> dict:
        return {
            "title": self.title.get(),
            "agreed_on": self.agreed.var.get(),
            "review_on": self.review.var.get(),
            "status": self.status.get_value(),
            "village_ids": [self.village_ids[i] for i in self.villages.curselection()],
            "source_ids": [self.source_ids[i] for i in self.sources.curselection()],
            "parties": self.parties.get("1.0", "end"),
            "rules": self.rules.get("1.0", "end"),
        }

    def save(self) -> bool:
        a = self.agreement
        ok, saved = call_service(
            self.app,
            lambda: water.save_agreement(
                self.app.ctx,
                self.tambon,
                self.values(),
                a,
                expected_updated_at=a.updated_at if a else None,
            ),
            self.form,
        )
        if not ok:
            return False
        self.app.set_status(_("Saved {name}.").format(name=saved.title))
        self.refresh()
        self.tree.selection_set(saved.id)
        self.agreement = saved
        return True

    def attach(self, path=None) -> bool:
        if self.agreement is None and not self.save():
            return False
        path = path or filedialog.askopenfilename(
            parent=self,
            title=_("Attach a scan…"),
            filetypes=[(_("Scans"), "*.pdf *.jpg *.jpeg *.png *.tif *.tiff"), ("*", "*")],
        )
        if not path:
            return False
        try:
            water.attach_scan(self.app.ctx, self.agreement, path)
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self._show_scans()
        return True

    def open_scan(self):
        sel = self.scans.curselection()
        if not sel:
            return
        from ...core.attachments import attachment_path
        from ..reports import open_file

        try:
            open_file(attachment_path(self.app.ctx, self.scan_rows[sel[0]]))
        except (UserError, OSError) as exc:
            self.app.show_error(exc)

    def delete_selected(self):
        if self.agreement is None or not self.app.confirm(
            _("Move this agreement to the recycle bin?")
        ):
            return
        try:
            water.delete_agreement(self.app.ctx, self.agreement)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.refresh()
        self.new_agreement()
