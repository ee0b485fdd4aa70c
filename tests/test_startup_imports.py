"""The start-up path stays light: what a tambon PC never needs is not imported at start."""

import importlib
import subprocess
import sys

import pytest

# Each costs milliseconds at every start (psycopg2 brings libpq and OpenSSL): only a hub, a
# migration, a chart or a report needs them, and those import them when they run.
HEAVY = (
    "psycopg2",
    "playhouse.migrate",
    "matplotlib",
    "reportlab",
    "openpyxl",
    "ssl",
    "tambon_desk.db.migrations.m0001_core",  # versions come from the file names
)

PROBE = """
import sys

import pytest
import tambon_desk.app, tambon_desk.cli
from tambon_desk.db import open_database
from tambon_desk.db.models import User
open_database({path!r})
User.select().count()
print(",".join(m for m in {heavy!r} if m in sys.modules))
"""


def test_the_start_up_path_imports_no_server_driver_chart_or_report_library(tmp_path):
    path = tmp_path / "tambon.db"
    made = f"from tambon_desk.db import open_database; open_database({str(path)!r})"
    subprocess.run([sys.executable, "-c", made], check=True)  # migrated once, as on a PC
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY, path=str(path))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "", f"imported at start-up: {out}"


def test_a_hub_still_gets_its_driver_after_a_light_start():
    code = (
        "import tambon_desk, peewee\n"
        "assert peewee.psycopg2 is None\n"
        "from tambon_desk.db import engines\n"
        "db = engines.HubDatabase('x', host='127.0.0.1', port=1)\n"
        "assert peewee.psycopg2 is not None and db._adapter.txn_idle == 0\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_the_main_window_loads_only_the_core_tables():
    code = (
        "import sys, tambon_desk.app\n"
        "from tambon_desk.db.models import User\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules"
        " if m.startswith('tambon_desk.db.models.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['core']"


def test_every_table_is_named_once_and_reachable():
    from tambon_desk.db import models

    named = [n for _module, names in models._TABLES for n in names]
    assert len(named) == len(set(named))
    assert sorted(models.__all__) == sorted(["ALL_MODELS", *named])  # the one list
    assert {m.__name__ for m in models.ALL_MODELS} == set(named)
    assert (
        models.LedgerEntry
        is models.ALL_MODELS[[m.__name__ for m in models.ALL_MODELS].index("LedgerEntry")]
    )


def test_the_thai_and_registry_packages_load_a_module_when_one_of_its_names_is_used():
    code = (
        "import sys, tambon_desk.app\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules"
        " if m.startswith(('tambon_desk.thai.', 'tambon_desk.registry.'))))\n"
        "from tambon_desk import thai\n"
        "assert thai.format_rnw(1600) == thai.area.format_rnw(1600)\n"
        "print('tambon_desk.thai.area' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, loaded = out.stdout.splitlines()
    for unneeded in ("area", "money", "population", "importing", "firststart"):
        assert f"'{unneeded}'" not in first  # the main window needs none of these
    assert loaded == "True"


@pytest.mark.parametrize("package", ["thai", "registry"])
def test_every_name_of_a_lazy_api_resolves(package):
    api = importlib.import_module(f"tambon_desk.{package}")
    assert sorted(api.__all__) == sorted(api._MODULE_OF)
    for name in api.__all__:
        value = getattr(api, name)
        module = importlib.import_module(f"tambon_desk.{package}.{api._MODULE_OF[name]}")
        assert value is getattr(module, name)
    assert set(api.__all__) <= set(dir(api))
    with pytest.raises(AttributeError):
        api.no_such_name  # noqa: B018
