"""Backups (administrator): the list of backups, take one now, restore one.

Restoring replaces all data with the chosen backup, so it asks first and the service backs
up the current state before it restores (that backup then shows at the top of the list).
"""

from __future__ import annotations

import ttkbootstrap as ttk

from ..core import backups
from ..core.errors import UserError
from ..core.i18n import N_, _
from ..thai import format_date
from .fonts import TITLE

REASONS = {
    "daily": N_("Daily (automatic)"),
    "manual": N_("Taken by hand"),
    "before-import": N_("Before an import"),
    "before-restore": N_("Before a restore"),
}


def reason_label(reason: str) -> str:
    for key, label in REASONS.items():
        if reason == key or reason.startswith(key + "-"):
            return _(label)
    if reason.startswith("before-migration"):
        return _("Before a program update")
    return reason


class BackupsView(ttk.Frame):
    COLS = (
        ("when", N_("Taken"), 180),
        ("reason", N_("Why"), 220),
        ("size", N_("Size"), 100),
        ("file", N_("File"), 360),
    )

    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Backups"), font=TITLE).pack(anchor="w")
        ttk.Label(self, text=_("Folder: {path}").format(path=app.ctx.backup_dir)).pack(
            anchor="w", pady=(2, 8)
        )
        self.tree = ttk.Treeview(
            self, columns=[c[0] for c in self.COLS], show="headings", height=14, selectmode="browse"
        )
        for key, title, width in self.COLS:
            self.tree.heading(key, text=_(title), anchor="w")
            self.tree.column(key, width=width, anchor="e" if key == "size" else "w")
        self.tree.pack(fill="both", expand=True)
        row = ttk.Frame(self)
        row.pack(fill="x", pady=8)
        ttk.Button(
            row,
            text=_("Back up now"),
            icon="save",
            compound="left",
            bootstyle="primary",
            command=self.backup_now,
        ).pack(side="left")
        self.restore_btn = ttk.Button(
            row,
            text=_("Restore the selected backup…"),
            bootstyle="danger-outline",
            command=self.restore,
        )
        self.restore_btn.pack(side="left", padx=6)
        self.copy_btn = ttk.Button(
            row,
            text=_("Copy the selected backup to a USB stick…"),
            icon="usb-drive",
            compound="left",
            bootstyle="secondary-outline",
            command=self.copy_to_usb,
        )
        self.copy_btn.pack(side="left")
        self.backups = {}
        self.reload()

    def on_show(self):
        self.reload()

    def reload(self):
        self.backups = {str(b.path): b for b in backups.list_backups(self.app.ctx)}
        self.tree.delete(*self.tree.get_children())
        for key, b in self.backups.items():
            self.tree.insert(
                "",
                "end",
                iid=key,
                values=(
                    f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M:%S}",
                    reason_label(b.reason),
                    f"{b.size / 1e6:,.1f} MB",
                    b.path.name,
                ),
            )
        if self.backups:
            first = next(iter(self.backups))
            self.tree.selection_set(first)
            self.tree.focus(first)
        self.restore_btn.configure(state="normal" if self.backups else "disabled")
        self.copy_btn.configure(state="normal" if self.backups else "disabled")

    def selected(self):
        sel = self.tree.selection()
        return self.backups.get(sel[0]) if sel else None

    def backup_now(self):
        ctx = self.app.ctx

        def done(path):
            self.reload()
            self.app.set_status(_("Backup written: {path}").format(path=path.name))

        return self.app.run_task(
            lambda progress: backups.create_backup(ctx), title=_("Backing up…"), on_done=done
        )

    def usb_folder(self):
        """The USB stick to copy to: the only one plugged in, else the clerk chooses."""
        from tkinter import filedialog

        from .. import exchange

        drives = exchange.removable_drives()
        if len(drives) == 1:
            return drives[0].path
        chosen = filedialog.askdirectory(
            parent=self,
            title=_("Choose the USB stick or folder"),
            initialdir=str(drives[0].path) if drives else None,
            mustexist=True,
        )
        return chosen or None

    def copy_to_usb(self, folder=None):
        b = self.selected()
        if b is None:
            return None
        folder = folder or self.usb_folder()
        if not folder:
            return None
        ctx = self.app.ctx

        def done(path):
            self.app.set_status(_("Backup copied to {path}").format(path=path))

        return self.app.run_task(
            lambda progress: backups.copy_backup_to(ctx, b.path, folder),
            title=_("Copying the backup…"),
            on_done=done,
        )

    def restore(self):
        b = self.selected()
        if b is None:
            return None
        when = f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M}"
        if not self.app.confirm(
            _(
                "Replace ALL data with the backup of {when}? Everything "
                "entered since then is replaced; the data as it is now is "
                "backed up first."
            ).format(when=when),
            default_no=True,
        ):
            return None
        try:
            before = backups.restore_backup(self.app.ctx, b.path)
        except UserError as exc:
            self.app.show_error(exc)
            return None
        self.reload()
        self.app.set_status(
            _("Restored the backup of {when}; the data before was saved as {name}.").format(
                when=when, name=before.name
            )
        )
        if hasattr(self.app, "households_changed"):
            self.app.households_changed()
        return before
