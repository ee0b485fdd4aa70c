"""USB hand-over screen: send data to a stick, check and bring in a stick's bundle, and
review the conflicts an import settled ("newer change wins", the loser kept here).

All work goes through `tambon_desk.exchange`; exports and imports run in a worker with a
progress bar. The import is always a dry run first: the clerk sees what would be added,
changed, deleted and what conflicts, then confirms.
"""

from __future__ import annotations

from pathlib import Path
from tkinter import filedialog

import ttkbootstrap as ttk

from .. import exchange, registry
from ..core.errors import UserError
from ..core.i18n import N_, _
from ..thai import format_date
from .fonts import SMALL_BOLD, TITLE
from .widgets import ChoiceBox, Form, WrapLabel

# How tables are named to a clerk; a table an area adds later shows its own name.
TABLE_LABELS = {
    "tambon": N_("Tambons"),
    "village": N_("Villages"),
    "household": N_("Households"),
    "person": N_("People"),
    "attachment": N_("Attached files"),
    "audit_log": N_("Change history"),
    "import_mapping": N_("Spreadsheet layouts"),
    "exchange_conflict": N_("Conflicts"),
    "account_category": N_("Account categories"),
    "ledger_entry": N_("Account book lines"),
    "debt_balance": N_("Debts at month end"),
    "committee": N_("Committees"),
    "committee_member": N_("Committee members"),
    "partner": N_("Partner organisations"),
    "lesson": N_("Lessons learned"),
    "master_plan": N_("Master plans"),
    "plan_issue": N_("Plan issues"),
    "project": N_("Projects"),
    "funding_line": N_("Funding lines"),
    "project_partner": N_("Project partners"),
    "project_status_change": N_("Project status changes"),
    "crop_area": N_("Crop areas"),
    "livestock": N_("Livestock"),
    "rainfall": N_("Rainfall"),
    "water_source": N_("Water sources"),
    "water_village": N_("Village water figures"),
    "water_coefficient": N_("Water coefficients"),
    "water_agreement": N_("Water agreements"),
    "office": N_("Offices"),
    "setting": N_("Settings"),
    "user": N_("Users"),
    "exchange_log": N_("Hand-over log"),
    "sync_base": N_("Hand-over bases"),
}


SEP = " ; "  # between several chosen bundles in the file field


def table_label(tbl: str) -> str:
    return _(TABLE_LABELS[tbl]) if tbl in TABLE_LABELS else tbl


def when_text(iso: str | None) -> str:
    """A stored UTC stamp as local BE date and time."""
    import datetime as dt

    if not iso:
        return ""
    try:
        t = (
            dt.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ")
            .replace(tzinfo=dt.timezone.utc)
            .astimezone()
        )
    except ValueError:
        return iso
    return f"{format_date(t.date())} {t:%H:%M}"


def _task_progress(progress):
    """Service progress (fraction, text) -> worker progress (done, total, text)."""
    return lambda frac, text="": progress(int(frac * 100), 100, text)


class ExportPanel(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master, padding=10)
        self.app = app
        self.picked: Path | None = None
        self.form = Form(self, columns=1)
        self.target = self.form.add("target", _("Save to"), ChoiceBox(self.form, width=50))
        self.village = self.form.add("village", _("Village"), ChoiceBox(self.form, width=50))
        self.office = self.form.add(
            "office", _("Only changes since last sent to"), ttk.Entry(self.form, width=30)
        )
        self.passphrase = self.form.add(
            "passphrase", _("Passphrase (optional)"), ttk.Entry(self.form, width=30, show="•")
        )
        self.form.pack(fill="x")
        WrapLabel(
            self,
            text=_(
                "Leave it empty to send everything. Type the office (e.g. "
                "อำเภอ) to send only what changed since the last bundle made "
                "for it."
            ),
            bootstyle="secondary",
            wrap=800,
        ).pack(anchor="w")
        WrapLabel(
            self,
            text=_(
                "With a passphrase the bundle is locked: only someone who "
                "knows it can open it, and citizen IDs travel in full. "
                "Without one, IDs in the Excel tables are masked."
            ),
            bootstyle="secondary",
            wrap=600,
        ).pack(anchor="w")
        row = ttk.Frame(self)
        row.pack(fill="x", pady=8)
        ttk.Button(
            row, text=_("Other folder…"), bootstyle="secondary-outline", command=self.choose_folder
        ).pack(side="left")
        ttk.Button(
            row, text=_("Refresh drives"), bootstyle="secondary-outline", command=self.load_targets
        ).pack(side="left", padx=6)
        self.export_btn = ttk.Button(
            row,
            text=_("Export to the drive"),
            icon="usb-drive",
            compound="left",
            bootstyle="primary",
            command=self.export,
        )
        self.export_btn.pack(side="left", padx=6)
        self.result = WrapLabel(self, text="", bootstyle="success", wrap=800, justify="left")
        self.result.pack(anchor="w")
        self.village.set_choices(
            [(None, _("All villages"))]
            + [
                (v.moo, registry.village_label(v))
                for v in registry.villages(registry.home_tambon())
            ]
        )
        self.village.current(0)
        self.load_targets()

    def load_targets(self, extra: Path | None = None):
        """Removable drives first, then any folder the clerk picked."""
        current = self.target.get_value() if extra is None else str(extra)
        choices = [
            (str(d.path), _("USB drive: {label}").format(label=d.label))
            for d in exchange.removable_drives()
        ]
        for folder in (extra, self.picked):
            if folder is not None and str(folder) not in [c[0] for c in choices]:
                choices.append((str(folder), str(folder)))
        if extra is not None:
            self.picked = Path(extra)
        self.target.set_choices(choices)
        values = [c[0] for c in choices]
        if choices:
            self.target.set_value(current if current in values else values[0])

    def choose_folder(self):
        folder = filedialog.askdirectory(parent=self, mustexist=True)
        if folder:
            self.set_target(Path(folder))

    def set_target(self, folder: Path):
        self.load_targets(Path(folder))
        self.form.clear_errors()  # "plug in a USB drive…" is answered now

    def export(self):
        target = self.target.get_value()
        if not target:
            self.form.show_errors({"target": _("Plug in a USB drive or choose a folder.")})
            return None
        self.form.clear_errors()
        ctx, village = self.app.ctx, self.village.get_value()
        office = self.office.get().strip() or None
        phrase = self.passphrase.get() or None

        def work(progress):
            return exchange.export_bundle(
                ctx,
                target,
                village=village,
                since_last=office,
                progress=_task_progress(progress),
                passphrase=phrase,
            )

        self.export_btn.configure(state="disabled")

        def done(result):
            self.export_btn.configure(state="normal")
            n = sum(v for k, v in result.counts.items() if k != "sync_base")
            self.result.configure(
                text=_("Written and checked: {path} ({n} records).").format(
                    path=result.path, n=f"{n:,}"
                )
            )
            self.app.set_status(_("Bundle written: {name}").format(name=result.path.name))

        def failed(exc):
            self.export_btn.configure(state="normal")
            self.app.show_error(exc)

        return self.app.run_task(work, title=_("Exporting…"), on_done=done, on_error=failed)


class ImportPanel(ttk.Frame):
    COLS = (
        ("table", N_("Table"), 200),
        ("add", N_("Added"), 90),
        ("change", N_("Changed"), 90),
        ("delete", N_("Deleted"), 90),
        ("conflict", N_("Conflicts"), 90),
        ("keep", N_("Newer here"), 100),
    )

    def __init__(self, master, app, on_imported=None):
        super().__init__(master, padding=10)
        self.app = app
        self.on_imported = on_imported
        self.preview = None
        self._paths: list[str] = []
        self.form = Form(self, columns=1)
        self.file = self.form.add(
            "file", _("Bundle file (.tambon)"), ttk.Entry(self.form, width=60)
        )
        self.passphrase = self.form.add(
            "passphrase",
            _("Passphrase (if the bundle is locked)"),
            ttk.Entry(self.form, width=30, show="•"),
        )
        self.form.pack(fill="x")
        row = ttk.Frame(self)
        row.pack(fill="x", pady=8)
        ttk.Button(
            row, text=_("Choose file…"), bootstyle="secondary-outline", command=self.choose_file
        ).pack(side="left")
        self.check_btn = ttk.Button(
            row,
            text=_("Check and preview"),
            icon="search",
            compound="left",
            bootstyle="secondary",
            command=self.check,
        )
        self.check_btn.pack(side="left", padx=6)
        self.import_btn = ttk.Button(
            row,
            text=_("Import"),
            icon="box-arrow-in-down",
            compound="left",
            bootstyle="primary",
            state="disabled",
            command=self.do_import,
        )
        self.import_btn.pack(side="left")
        self.info = WrapLabel(self, text="", wrap=800, justify="left")
        self.info.pack(anchor="w", pady=(0, 6))
        self.tree = ttk.Treeview(
            self, columns=[c[0] for c in self.COLS], show="headings", height=10
        )
        for key, title, width in self.COLS:
            self.tree.heading(key, text=_(title), anchor="w" if key == "table" else "e")
            self.tree.column(key, width=width, anchor="w" if key == "table" else "e")
        self.tree.pack(fill="both", expand=True)
        self.result = WrapLabel(self, text="", bootstyle="success", wrap=800, justify="left")
        self.result.pack(anchor="w", pady=(6, 0))

    def choose_file(self):
        drives = exchange.removable_drives()
        start = str(drives[0].path) if drives else str(Path.home())
        paths = filedialog.askopenfilenames(
            parent=self,
            initialdir=start,
            filetypes=[(_("Tambon Desk bundle"), "*.tambon"), (_("All files"), "*")],
        )
        if paths:
            self.set_files(list(paths))

    def set_file(self, path):
        self.set_files([path])

    def set_files(self, paths):
        """One bundle, or several (a district merging its tambons' sticks)."""
        self._paths = [str(p) for p in paths]
        self.file.delete(0, "end")
        self.file.insert(0, SEP.join(self._paths))
        self.preview = None
        self.import_btn.configure(state="disabled")

    def paths(self) -> list[str]:
        text = self.file.get().strip()
        if self._paths and text == SEP.join(self._paths):
            return list(self._paths)
        return [text] if text else []

    def _show(self, report):
        self.tree.delete(*self.tree.get_children())
        for tbl, c in sorted(report.tables.items(), key=lambda kv: kv[0] == "audit_log"):
            d = c.as_dict()
            if any(d[k] for k in ("add", "change", "delete", "conflict", "keep")):
                self.tree.insert(
                    "",
                    "end",
                    iid=tbl,
                    values=(
                        table_label(tbl),
                        f"{d['add']:,}",
                        f"{d['change']:,}",
                        f"{d['delete']:,}",
                        f"{d['conflict']:,}",
                        f"{d['keep']:,}",
                    ),
                )

    def check(self):
        paths = self.paths()
        if not paths:
            self.form.show_errors({"file": _("Choose the bundle file first.")})
            return None
        self.form.clear_errors()
        ctx = self.app.ctx
        phrase = self.passphrase.get() or None

        def work(progress):
            reports = []
            for i, path in enumerate(paths):
                step = (
                    lambda k: lambda f, t="": progress(int((k + f) * 100 / len(paths)), 100, t)
                )(i)
                reports.append(
                    exchange.import_bundle(
                        ctx, path, dry_run=True, progress=step, passphrase=phrase
                    )
                )
            return exchange.combined(reports)

        def done(report):
            self.preview = report
            self._show(report)
            self.info.configure(
                text=_("From {office}. If imported: {summary}.").format(
                    office=report.office_name or "?", summary=report.summary()
                )
            )
            self.import_btn.configure(state="normal" if report.changes_anything else "disabled")
            if not report.changes_anything:
                self.result.configure(
                    text=_(
                        "Nothing to import: this database already holds everything in the bundle."
                    )
                )
            else:
                self.result.configure(text="")

        def failed(exc):
            self.preview = None
            self.result.configure(text="")  # no "nothing to import" under an error
            self.tree.delete(*self.tree.get_children())
            self.info.configure(text="")
            self.import_btn.configure(state="disabled")
            if isinstance(exc, UserError):
                field = "passphrase" if exchange.is_sealed(paths[0]) else "file"
                self.form.show_errors({field: str(exc)})
            self.app.show_error(exc)

        return self.app.run_task(
            work, title=_("Checking the bundle"), on_done=done, on_error=failed
        )

    def do_import(self):
        if self.preview is None:
            return None
        question = _(
            "Import this bundle? {summary}. A backup of this database is taken first."
        ).format(summary=self.preview.summary())
        if not self.app.confirm(question):
            return None
        paths, ctx = self.paths(), self.app.ctx
        phrase = self.passphrase.get() or None

        def work(progress):
            if len(paths) > 1:
                return exchange.combined(
                    exchange.import_bundles(
                        ctx, paths, progress=_task_progress(progress), passphrase=phrase
                    )
                )
            return exchange.import_bundle(
                ctx, paths[0], progress=_task_progress(progress), passphrase=phrase
            )

        def done(report):
            self._show(report)
            self.preview = None
            self.import_btn.configure(state="disabled")
            if report.backup:
                text = _("Imported: {summary}. Backup taken first: {path}").format(
                    summary=report.summary(), path=report.backup
                )
            else:  # a hub: backed up by the server's own tools
                text = _("Imported: {summary}.").format(summary=report.summary())
            self.result.configure(text=text)
            self.app.set_status(_("Import finished."))
            if hasattr(self.app, "households_changed"):
                self.app.households_changed()
            if self.on_imported:
                self.on_imported(report)

        return self.app.run_task(work, title=_("Importing…"), on_done=done)


class ConflictsPanel(ttk.Frame):
    COLS = (
        ("table", N_("Table"), 140),
        ("record", N_("Record"), 150),
        ("kept", N_("Kept (newer)"), 220),
        ("lost", N_("Lost (older)"), 220),
    )

    def __init__(self, master, app):
        super().__init__(master, padding=10)
        self.app = app
        top = ttk.Frame(self)
        top.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            top, columns=[c[0] for c in self.COLS], show="headings", height=8, selectmode="browse"
        )
        for key, title, width in self.COLS:
            self.tree.heading(key, text=_(title), anchor="w")
            self.tree.column(key, width=width)
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.show_details())
        ttk.Label(self, text=_("What differs (now → lost version)"), font=SMALL_BOLD).pack(
            anchor="w", pady=(8, 2)
        )
        self.details = ttk.Treeview(
            self, columns=("field", "now", "lost"), show="headings", height=6
        )
        for key, title in (("field", _("Field")), ("now", _("Now")), ("lost", _("Lost version"))):
            self.details.heading(key, text=title, anchor="w")
        self.details.pack(fill="x")
        row = ttk.Frame(self)
        row.pack(fill="x", pady=8)
        self.restore_btn = ttk.Button(
            row, text=_("Bring back the lost version"), bootstyle="warning", command=self.restore
        )
        self.restore_btn.pack(side="left")
        self.dismiss_btn = ttk.Button(
            row,
            text=_("The kept version is right"),
            bootstyle="secondary-outline",
            command=self.dismiss,
        )
        self.dismiss_btn.pack(side="left", padx=6)
        self.conflicts = {}
        self.reload()

    def reload(self):
        self.conflicts = {c.id: c for c in exchange.list_conflicts()}
        self.tree.delete(*self.tree.get_children())
        for c in self.conflicts.values():
            self.tree.insert(
                "",
                "end",
                iid=c.id,
                values=(
                    table_label(c.tbl),
                    self._record_label(c),
                    f"{c.kept_office} {when_text(c.kept_version)}",
                    f"{c.lost_office} {when_text(c.lost_version)} {c.lost_by}",
                ),
            )
        self.details.delete(*self.details.get_children())
        if self.conflicts:
            first = next(iter(self.conflicts))
            self.tree.selection_set(first)
            self.tree.focus(first)
        state = "normal" if self.conflicts else "disabled"
        self.restore_btn.configure(state=state)
        self.dismiss_btn.configure(state=state)

    @staticmethod
    def _record_label(c) -> str:
        v = c.lost_values or {}
        for key in ("house_no", "first_name", "name_th", "name", "title", "code"):
            if v.get(key):
                return str(v[key])
        return c.record_id[:8]

    def selected(self):
        sel = self.tree.selection()
        return self.conflicts.get(sel[0]) if sel else None

    def show_details(self):
        self.details.delete(*self.details.get_children())
        c = self.selected()
        if c is None:
            return
        for i, (col, now, lost) in enumerate(exchange.conflict_differences(c)):
            self.details.insert("", "end", iid=str(i), values=(col, now, lost))

    def _act(self, fn, message):
        c = self.selected()
        if c is None:
            return
        try:
            fn(self.app.ctx, c)
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.app.set_status(message)
        self.reload()

    def restore(self):
        if self.app.confirm(
            _(
                "Bring back the lost version? It is saved as a new change and "
                "travels with the next export."
            )
        ):
            self._act(exchange.restore_conflict, _("The lost version was brought back."))

    def dismiss(self):
        self._act(exchange.dismiss_conflict, _("Conflict closed; the kept version stays."))


class ExchangeView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("USB hand-over"), font=TITLE).pack(anchor="w")
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True, pady=(8, 0))
        self.export_panel = ExportPanel(self.tabs, app)
        self.conflicts_panel = ConflictsPanel(self.tabs, app)
        self.import_panel = ImportPanel(
            self.tabs, app, on_imported=lambda r: self.conflicts_panel.reload()
        )
        self.tabs.add(self.export_panel, text=_("Send (export)"))
        self.tabs.add(self.import_panel, text=_("Receive (import)"))
        self.tabs.add(self.conflicts_panel, text=_("Conflicts"))

    def on_show(self):
        self.export_panel.load_targets()
        self.conflicts_panel.reload()
