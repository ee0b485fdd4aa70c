"""Shared fixtures: a fresh database per test, bound to the models, and users of each role.

Engines: every test that uses `ctx` (directly or through another fixture) runs on SQLite and,
when `TAMBON_DESK_TEST_PG` names a PostgreSQL server (`.ci/run` starts one), once more on
PostgreSQL (`test_x[postgresql]`). GUI tests (those using `tk_root`) and tests marked
`sqlite_only` (backups of the file, PRAGMAs, file locations) stay on SQLite. `--engine=sqlite`
or `--engine=postgresql` runs one engine only.
"""

import os
import shutil
import subprocess

import pytest

from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import close_database, open_database
from tests import pg_server

_XVFB = {}


def pytest_configure(config):
    """Markers; and under pytest-xdist each worker gets its own Xvfb display: X keyboard
    focus is one per display, so two workers' windows on one display would take the focus
    from each other."""
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file itself")
    config.addinivalue_line("markers", "hub: the test needs PostgreSQL (skipped without it)")
    if os.environ.get("PYTEST_XDIST_WORKER") and shutil.which("Xvfb") and os.name != "nt":
        read, write = os.pipe()
        proc = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write),
                "-screen",
                "0",
                "1920x1080x24",
                "-dpi",
                "96",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if number:
            _XVFB["proc"] = proc
            os.environ["DISPLAY"] = ":" + number
        else:  # could not start: keep the shared display
            proc.kill()


def pytest_unconfigure(config):
    proc = _XVFB.pop("proc", None)
    if proc is not None:
        proc.terminate()
        proc.wait(timeout=10)


ENGINES = ("sqlite", "postgresql")


def pytest_addoption(parser):
    parser.addoption(
        "--engine",
        choices=("both", *ENGINES),
        default="both",
        help="database engines for the ctx fixture (PostgreSQL needs TAMBON_DESK_TEST_PG)",
    )


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    wanted = metafunc.config.getoption("--engine")
    engines = [e for e in ENGINES if wanted in ("both", e)]
    if not os.environ.get(pg_server.ENV):
        engines = [e for e in engines if e == "sqlite"]
    if "tk_root" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        engines = [e for e in engines if e == "sqlite"]
    if metafunc.definition.get_closest_marker("hub"):
        engines = [e for e in engines if e == "postgresql"] or ["postgresql"]
    if not engines:  # e.g. a sqlite_only test under --engine=postgresql
        engines = ["sqlite"]
    metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture
def engine(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_target(engine, tmp_path):
    """A fresh, migrated, empty database to open: a file path or a PostgreSQL URL."""
    if engine == "sqlite":
        return tmp_path / "tambon.db"
    if not os.environ.get(pg_server.ENV):
        pytest.skip("needs PostgreSQL: set TAMBON_DESK_TEST_PG (bash .ci/run does)")
    return pg_server.fresh_database()


@pytest.fixture
def ctx(db_target, tmp_path):
    db = open_database(db_target)
    if isinstance(db_target, os.PathLike):
        db_path = db_target
    else:  # a *.hub file: `--db str(ctx.db_path)` reaches the same server
        db_path = tmp_path / "tambon.hub"
        db_path.write_text(db_target + "\n", encoding="utf-8")
    context = Context(db=db, db_path=db_path)
    admin = auth.create_user(context, "admin", "admin-pass", "admin", bootstrap=True)
    context.user = admin
    yield context
    close_database()


@pytest.fixture
def as_role(ctx):
    """Switch the context's user to a (created on demand) user with `role`."""

    def switch(role):
        from tambon_desk.db.models import User

        user = User.get_or_none(User.username == role + "1")
        if user is None:
            saved = ctx.user
            ctx.user = User.get(User.username == "admin")
            user = auth.create_user(ctx, role + "1", "secret", role)
            ctx.user = saved
        ctx.user = user
        return ctx

    return switch


# --- the home tambon ------------------------------------------------------------------------

TAMBON_CODE = "800101"  # ในเมือง, เมืองนครศรีธรรมราช
VILLAGES = [(1, "บ้านหนึ่ง")]


def add_tambon(ctx, code: str = TAMBON_CODE, villages=VILLAGES):
    """Register the home tambon `code` with its villages [(moo, name), …]."""
    from tambon_desk.registry import places as tambons

    return tambons.add_tambon(ctx, code, list(villages), bootstrap=True)


@pytest.fixture
def tambon(ctx, request):
    """The home tambon: TAMBON_CODE and VILLAGES of the test module when it sets them,
    else 800101 with one village. A module needing more set-up overrides the fixture with
    one that takes `tambon` and adds to it."""
    return add_tambon(
        ctx,
        getattr(request.module, "TAMBON_CODE", TAMBON_CODE),
        getattr(request.module, "VILLAGES", VILLAGES),
    )


# --- GUI (under Xvfb: bash .ci/run wraps pytest in xvfb-run) ---------------------------------


@pytest.fixture(scope="session")
def tk_root():
    """One ttkbootstrap Window for the whole run (a second one raises in ttkbootstrap 2.2)."""
    import os

    if not os.environ.get("DISPLAY") and os.name != "nt":
        pytest.fail("GUI tests need a display: run them under xvfb-run (bash .ci/run does).")
    import ttkbootstrap as ttk

    root = ttk.Window(themename="bootstrap-light", size=(1280, 800))
    yield root
    root.destroy()


class Keyboard:
    """Types as a clerk does, into whatever widget has the focus.

    Text is inserted at the focused widget's cursor (Xvfb's keymap has no Thai keysyms);
    keys (Return, Tab, Escape, Control-s …) are real Tk key events on the focused widget, so
    the bindings under test are the ones that run.
    """

    def __init__(self, root):
        self.root = root

    def focused(self):
        self.root.update()
        return self.root.focus_get()

    def type(self, text: str):
        w = self.focused()
        assert w is not None, "nothing has the keyboard focus"
        from tambon_desk.views.widgets import ChoiceBox

        if isinstance(w, ChoiceBox):
            for ch in text:
                w._jump(type("E", (), {"char": ch})())
        elif hasattr(w, "insert") and w.winfo_class() == "Text":
            w.insert("insert", text)
        else:
            w.insert("insert", text)
        self.root.update()

    def press(self, *keys):
        for key in keys:
            w = self.focused()
            assert w is not None, "nothing has the keyboard focus"
            w.event_generate(f"<{key}>")
            self.root.update()

    def fill(self, *values, key="Return"):
        """Type each value then press Enter (or Tab) to move on; None skips a field."""
        for v in values:
            if v:
                self.type(v)
            self.press(key)


@pytest.fixture
def keyboard(tk_root):
    return Keyboard(tk_root)


@pytest.fixture
def gui(ctx, tk_root):
    """The main window for the context's admin on the session root; torn down afterwards."""
    from tambon_desk.app import App, configure_root
    from tambon_desk.registry import places as tambons
    from tambon_desk.views.widgets import RecordingDialogs

    if tambons.home_tambon() is None:
        add_tambon(ctx, villages=[(1, "บ้านควนเกย"), (2, "บ้านนาดี")])
    configure_root(tk_root, ctx)
    app = App(tk_root, ctx, dialogs=RecordingDialogs(tk_root), modal=False)
    tk_root.update()
    yield app
    import tkinter as tk

    for w in tk_root.winfo_children():
        if isinstance(w, tk.Toplevel):
            try:
                w.destroy()
            except Exception:
                pass
    app.destroy()
    tk_root.update()


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get(pg_server.ENV):
        try:
            pg_server.drop_all()
        except Exception as exc:  # the server may already be gone
            print(f"could not drop the test databases: {exc}")
