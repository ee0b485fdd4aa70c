"""Opening what `--db` / `TAMBON_DESK_DB` names: a SQLite file, or the provincial hub.

A hub URL (`postgresql://officer@hub.example:5432/tambon`) never carries a password: one
written there would sit in shortcuts, shell history and process lists. libpq finds it in
`~/.pgpass` (`%APPDATA%\\postgresql\\pgpass.conf` on Windows) or a service file
(`PGSERVICE`), or the program asks for it (`ask_password`, a prompt) and keeps it only in
memory. Local files for a hub (attachments, logs) go beside a `*.hub` file naming the hub
(see `engines.parse_target`), else to a folder of the data directory named after the server
and database.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..db import engines, open_database
from . import config
from .errors import UserError
from .i18n import _


def target_of(arg=None) -> engines.Target:
    """Read --db / TAMBON_DESK_DB; refuse an unknown `scheme://` and a password in a URL."""
    chosen = arg or os.environ.get(config.ENV_DB)
    try:
        target = engines.parse_target(chosen) if chosen else None
    except engines.UnknownDatabaseScheme as exc:
        raise UserError(
            _(
                "Tambon Desk cannot open a database of the kind \"{scheme}://\". "
                "Give a file path, or postgresql://user@host:port/database for a "
                "provincial hub."
            ).format(scheme=exc.args[0])
        ) from None
    if target is not None and target.is_hub and target.path:
        target = engines.Target(
            target.engine, url=target.url, path=str(Path(target.path).expanduser().absolute())
        )
    if target is None or not target.is_hub:
        return engines.Target(
            engines.SQLITE, path=str(config.resolve_db_path(target.path if target else None))
        )
    if engines.url_has_password(target.url):
        raise UserError(
            _(
                "Do not write the password in the database address. Put it in the "
                "file .pgpass (or a PostgreSQL service file), or type it when the "
                "program asks."
            )
        )
    return target


def local_folder(target: engines.Target) -> Path:
    """Where a hub's local files go on this PC (attachments, logs)."""
    safe = re.sub(r"[^\w.-]+", "-", target.url.split("://", 1)[1]).strip("-")
    return config.default_data_dir() / "hubs" / safe


def _needs_password(exc: Exception) -> bool:
    text = str(exc).lower()
    return "password" in text and ("authentication failed" in text or "no password" in text)


def open_target(arg=None, *, ask_password=None, migrate: bool = True):
    """(database, db_path) for a Context. `ask_password()` returns a typed password or None;
    it is called only when the server wants one that .pgpass did not give."""
    target = target_of(arg)
    if not target.is_hub:
        path = Path(target.path)
        config.check_db_location(path)
        return open_database(path, migrate=migrate), path
    folder = Path(target.path).parent if target.path else local_folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        db = open_database(target.url, migrate=migrate)
    except Exception as exc:
        if not (_needs_password(exc) and ask_password):
            raise UserError(
                _("Cannot connect to the hub {url}: {error}").format(
                    url=target.display(), error=str(exc).strip()
                )
            ) from exc
        password = ask_password()
        if not password:
            raise UserError(_("No password was given for the hub.")) from exc
        try:
            db = open_database(target.url, migrate=migrate, password=password)
        except Exception as exc2:
            raise UserError(
                _("Cannot connect to the hub {url}: {error}").format(
                    url=target.display(), error=str(exc2).strip()
                )
            ) from exc2
    return db, Path(target.path) if target.path else folder / "hub"
