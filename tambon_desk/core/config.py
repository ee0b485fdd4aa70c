"""Where the data lives (ARCHITECTURE.md, "Where the data lives") and per-database settings.

One machine-wide database on the shared Windows PC (`%ProgramData%\\TambonDesk\\tambon.db`),
overridable with `--db PATH` or `TAMBON_DESK_DB`. SQLite in WAL mode must not live on a
network share or a USB stick: such paths are refused with a message offering to copy in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..db.models import Setting, UserPreference
from .errors import UserError
from .i18n import _
from .records import save_record
from .roles import require

APP_NAME = "TambonDesk"
DB_FILENAME = "tambon.db"
ENV_DB = "TAMBON_DESK_DB"
ENV_USER = "TAMBON_DESK_USER"
ENV_PASSWORD = "TAMBON_DESK_PASSWORD"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
        return True
    except OSError:
        return False


def default_data_dir() -> Path:
    """Machine-wide data folder; on Linux the user's own when the site folder is read-only."""
    import platformdirs

    site = Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))
    if sys.platform == "win32" or _writable(site):
        return site
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_db_path(arg: str | os.PathLike | None = None) -> Path:
    """`--db` wins, then the environment variable, then the data folder."""
    chosen = arg or os.environ.get(ENV_DB)
    if chosen and str(chosen).startswith(("\\\\", "//")):
        return Path(chosen)  # a UNC path: kept as typed so it can be refused
    path = Path(chosen).expanduser() if chosen else default_data_dir() / DB_FILENAME
    return path.absolute()


# --- refusing places where SQLite WAL is unsafe ---------------------------------------------

_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "9p",
    "fuse.sshfs",
    "afs",
    "davfs",
    "fuse.davfs2",
    "ncpfs",
}
_REMOVABLE_FS = {"vfat", "exfat", "msdos", "fuseblk"}


def _mount_of(path: Path, mounts_file: str = "/proc/mounts") -> tuple[str, str] | None:
    """(mount point, fs type) of the deepest mount containing `path` (Linux)."""
    try:
        lines = Path(mounts_file).read_text().splitlines()
    except OSError:
        return None
    best = None
    p = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt = parts[1].replace("\\040", " ")
        if p == mnt or p.startswith(mnt.rstrip("/") + "/"):
            if best is None or len(mnt) > len(best[0]):
                best = (mnt, parts[2])
    return best


def _windows_drive_type(path: Path) -> int | None:
    if sys.platform != "win32":
        return None
    import ctypes

    root = os.path.splitdrive(str(path))[0] + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(root)  # 2 removable, 4 remote


def location_problem(path: Path, mounts_file: str = "/proc/mounts") -> str | None:
    """A Thai/English message when `path` is on a network share or removable drive."""
    s = str(path)
    copy_hint = _("Tambon Desk can copy it onto this computer and open the copy.")
    if s.startswith("\\\\") or s.startswith("//"):
        return (
            _("The database cannot be opened from a network folder ({path}). ").format(path=s)
            + copy_hint
        )
    drive = _windows_drive_type(path)
    if drive == 4:
        return (
            _("The database cannot be opened from a network folder ({path}). ").format(path=s)
            + copy_hint
        )
    if drive == 2:
        return (
            _("The database cannot be opened from a USB drive ({path}). ").format(path=s)
            + copy_hint
        )
    mount = _mount_of(path.absolute(), mounts_file)
    if mount:
        mnt, fstype = mount
        if fstype in _NETWORK_FS:
            return (
                _("The database cannot be opened from a network folder ({path}). ").format(path=s)
                + copy_hint
            )
        if fstype in _REMOVABLE_FS and mnt.startswith(("/media/", "/run/media/", "/mnt/")):
            return (
                _("The database cannot be opened from a USB drive ({path}). ").format(path=s)
                + copy_hint
            )
    return None


def check_db_location(path: Path) -> None:
    problem = location_problem(path)
    if problem:
        raise UserError(problem)


# --- settings stored in the database ---------------------------------------------------------

DEFAULTS = {
    "language": "th",
    "ui_font": None,
    "theme": "bootstrap-light",
    "last_report_folder": None,
}


# Keys each user keeps for themselves (issue 14): on a shared PC a viewer's choice of
# language or folder is theirs, never every user's.
USER_KEYS = frozenset({"language", "ui_font", "theme", "last_report_folder"})


def get_preference(ctx, key: str, default=None):
    """The logged-in user's own preference, else the PC-wide setting, else the default."""
    user = getattr(ctx, "user", None) if ctx is not None else None
    if user is not None:
        row = UserPreference.get_or_none(
            (UserPreference.user_id == user.id)
            & (UserPreference.key == key)
            & UserPreference.deleted_at.is_null()
        )
        if row is not None:
            return row.value
    return get_setting(key, default)


def set_preference(ctx, key: str, value) -> None:
    """Keep a UI preference for the logged-in user only (any role may)."""
    require(ctx, "viewer", "preference", "user_preference")
    row = UserPreference.get_or_none(
        (UserPreference.user_id == ctx.user.id) & (UserPreference.key == key)
    )
    save_record(
        ctx,
        UserPreference,
        {"user_id": ctx.user.id, "key": key, "value": value, "deleted_at": None},
        record=row,
        role=None,
        action="preference",
    )


def get_setting(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key, default) if default is None else default
    return row.value


def set_setting(ctx, key: str, value) -> None:
    """Store a setting (audited).

    A UI preference (USER_KEYS) is kept for the logged-in user only; a PC-wide setting
    needs an administrator, so a viewer cannot set `language=en` for every user of the PC.
    """
    if key in USER_KEYS:
        set_preference(ctx, key, value)
        return
    row = Setting.get_or_none(Setting.key == key)
    save_record(
        ctx, Setting, {"key": key, "value": value}, record=row, role="admin", action="setting"
    )
