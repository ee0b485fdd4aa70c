"""Plain helpers several test files share (fixtures live in conftest.py)."""

from pathlib import Path

from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import open_database
from tambon_desk.db.base import database_proxy
from tambon_desk.db.models import ALL_MODELS


def last_window(root, cls):
    """The most recently opened top-level window of `cls` (a form or dialog the test opened)."""
    found = [w for w in root.winfo_children() if isinstance(w, cls)]
    assert found, f"no {cls.__name__} window is open"
    return found[-1]


def wait_until(root, cond, timeout: float = 30.0, what: str = "the condition"):
    """Pump Tk events until `cond()` is true (a worker Task's result arrived); fail after
    `timeout` seconds. Returns `cond()`'s value."""
    import time

    end = time.monotonic() + timeout
    while not (value := cond()):
        assert time.monotonic() < end, f"timed out after {timeout:g} s waiting for {what}"
        root.update()
        time.sleep(0.01)
    return value


class PC:
    """One computer: its own database file, data folder and logged-in admin (exchange tests
    and the reliability suite put several side by side)."""

    def __init__(self, root: Path, name: str):
        self.path = root / name / "tambon.db"
        self.db = open_database(self.path)
        self.ctx = Context(db=self.db, db_path=self.path)
        self.ctx.user = auth.create_user(self.ctx, "admin", "admin-pass", "admin", bootstrap=True)

    def use(self):
        database_proxy.initialize(self.db)
        return self.ctx

    def dump(self, tbl: str) -> list:
        return self.db.execute_sql(f'SELECT * FROM "{tbl}" ORDER BY id').fetchall()

    def snapshot(self) -> dict:
        return {m._meta.table_name: self.dump(m._meta.table_name) for m in ALL_MODELS}
