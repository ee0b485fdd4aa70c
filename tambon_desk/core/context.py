"""The application context passed to every service and view: database, user, folders.

Passed explicitly (IDLE style, STYLE.md) rather than fetched from a global, so tests build a
context with a temporary database and any user they need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Context:
    db: object  # peewee SqliteDatabase, bound to the models
    db_path: Path
    user: object | None = None  # db.models.User, or None before login
    extras: dict = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return Path(self.db_path).parent

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def username(self) -> str:
        return self.user.username if self.user is not None else "system"

    @property
    def role(self) -> str:
        return self.user.role if self.user is not None else "viewer"
