"""Backups from the GUI (issue 7 item 6): list, take, restore — admin only to restore.

A restore first backs up the database as it is, then copies the chosen backup into the
live file through the SQLite backup API (no file swapping under open connections), then
applies any migration the older backup lacks.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ..db import backup, migrations
from .auth import require
from .errors import UserError, ValidationError
from .i18n import _
from .records import audit


def list_backups(ctx):
    return backup.list_backups(ctx.backup_dir)


def create_backup(ctx, reason: str = "manual") -> Path:
    require(ctx, "clerk", "backup", "backup")
    path = backup.backup_database(ctx.db, ctx.backup_dir, reason=reason)
    audit(ctx, "backup", "backup", None, after={"file": path.name}, note=reason)
    return path


def restore_backup(ctx, backup_file) -> Path:
    """Replace the data with `backup_file`; returns the backup taken just before."""
    require(ctx, "admin", "restore backup", "backup")
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise ValidationError(
            _("The backup file {name} was not found.").format(name=backup_file.name)
        )
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        ok = src.execute("PRAGMA integrity_check").fetchone()[0]
        version = src.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
    except sqlite3.DatabaseError as exc:
        src.close()
        raise UserError(
            _("The backup file {name} is damaged ({error}).").format(
                name=backup_file.name, error=exc
            )
        )
    if ok != "ok":
        src.close()
        raise UserError(
            _("The backup file {name} is damaged ({error}).").format(
                name=backup_file.name, error=ok
            )
        )
    if version > migrations.LATEST:
        src.close()
        raise UserError(
            _(
                "This backup was made by a newer Tambon Desk. Install the newer "
                "version to restore it."
            )
        )
    before = backup.backup_database(ctx.db, ctx.backup_dir, reason="before-restore")
    try:
        src.backup(ctx.db.connection())
    finally:
        src.close()
    ctx.db.execute_sql("PRAGMA journal_mode=wal")
    migrations.migrate(ctx.db)
    audit(
        ctx,
        "restore",
        "backup",
        None,
        after={"file": backup_file.name, "saved_before": before.name},
    )
    return before


def copy_backup_to(ctx, backup_file, folder) -> Path:
    """Copy a backup onto a USB stick (or any folder): a second copy away from this PC,
    which a broken disk or a thief does not take with it. Returns the copy's path."""
    require(ctx, "clerk", "copy backup", "backup")
    backup_file, folder = Path(backup_file), Path(folder)
    if not backup_file.is_file():
        raise ValidationError(
            _("The backup file {name} was not found.").format(name=backup_file.name)
        )
    if not folder.is_dir():
        raise UserError(
            _("The folder {folder} cannot be reached; is the USB stick plugged in?").format(
                folder=folder
            )
        )
    dest = folder / backup_file.name
    try:
        shutil.copy2(backup_file, dest)
    except OSError:
        raise UserError(
            _(
                "The backup could not be copied to {folder}: the stick may be "
                "full or write-protected."
            ).format(folder=folder)
        ) from None
    audit(
        ctx,
        "backup",
        "backup",
        None,
        after={"file": backup_file.name, "copied_to": str(dest)},
        note="copy",
    )
    return dest
