"""The demo database in the data folder: `tambon-desk --demo` opens it, made the first time.

Kept apart from the real `tambon.db` so that training never mixes with the office's data.
"""

from __future__ import annotations

from pathlib import Path

from ..core.config import default_data_dir
from ..core.context import Context
from ..core.errors import UserError
from ..core.i18n import _
from ..db import close_database, open_database
from ..db.models import Household, Tambon, User
from .build import build_demo

DEMO_FILENAME = "demo.db"


def demo_database_path() -> Path:
    """`demo.db` in the data folder (ARCHITECTURE.md, "Where the data lives"), beside the real database."""
    return default_data_dir() / DEMO_FILENAME


def is_empty(ctx) -> bool:
    """True when the database holds no tambon, household or user yet."""
    return not (Tambon.select().exists() or Household.select().exists() or User.select().exists())


def build_into(
    ctx, households: int = 300, seed: int = 2569, progress=None, tambons: list[str] | None = None
) -> None:
    """Build the demo into the empty database of `ctx` (UserError when it holds data)."""
    if not is_empty(ctx):
        raise UserError(
            _(
                "This database already holds data; demo data goes only into a new, "
                "empty database. Choose another file with --db."
            )
        )
    if households < 1:
        raise UserError(_("The number of households must be at least 1."))
    build_demo(ctx, households=households, seed=seed, progress=progress, tambons=tambons)


def demo_tambon_codes(
    tambon: str | None = None, district: str | None = None, count: int = 3
) -> list[str] | None:
    """DOPA codes a demo builds: one tambon (`--tambon`), the first `count` tambons of a
    district in the DOPA list (`--district`), or None for the default demo tambon."""
    from .. import registry
    from ..core.errors import UserError
    from ..core.i18n import _

    if tambon and district:
        raise UserError(_("Give --tambon or --district, not both."))
    if tambon:
        return [registry.lookup_tambon_code(str(tambon).strip()).code]
    if district:
        subs = sorted(registry.subdistricts(str(district).strip()), key=lambda s: s.code)
        if not subs:
            raise UserError(_("There is no district with the code {code}.").format(code=district))
        if count < 1:
            raise UserError(_("The number of tambons must be at least 1."))
        return [s.code for s in subs[:count]]
    return None


def ensure_demo_database(path=None, households: int = 300, progress=None) -> Path:
    """Create the demo database at `path` (default demo_database_path()) unless it already
    has its tambon; return the path. The database is closed again afterwards, so the
    caller opens it the ordinary way (the GUI's `--demo`)."""
    path = Path(path) if path is not None else demo_database_path()
    db = open_database(path)
    try:
        ctx = Context(db=db, db_path=path)
        if not Tambon.select().exists():
            build_into(ctx, households=households, progress=progress)
    finally:
        close_database()
    return path
