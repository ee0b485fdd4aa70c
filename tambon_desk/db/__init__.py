"""Storage layer: database file, models, migrations and backups. No business rules here."""

from .base import BaseModel, MoneyField, database_proxy, new_id, utcnow
from .database import SchemaTooNewError, close_database, open_database

__all__ = [
    "BaseModel",
    "MoneyField",
    "database_proxy",
    "new_id",
    "utcnow",
    "open_database",
    "close_database",
    "SchemaTooNewError",
]
