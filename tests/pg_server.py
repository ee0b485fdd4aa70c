"""Fresh PostgreSQL databases for the tests, cloned from one migrated template per run.

`TAMBON_DESK_TEST_PG` is a URL of the server's maintenance database (`.ci/run` exports it
for the cluster it starts). Cloning a migrated template takes a fraction of a second, so
every test still gets an empty database of its own, as on SQLite.
"""

from __future__ import annotations

import itertools
import os
import uuid
from contextlib import closing

ENV = "TAMBON_DESK_TEST_PG"
_state: dict = {}
_counter = itertools.count()


def _admin():
    import psycopg2

    from tambon_desk.db.engines import connect_params

    con = psycopg2.connect(**connect_params(os.environ[ENV]))
    con.autocommit = True
    return con


def url_for(dbname: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(os.environ[ENV])
    return parts._replace(path="/" + dbname).geturl()


def _template() -> str:
    if "template" in _state:
        return _state["template"]
    from tambon_desk.db import close_database, open_database

    run = f"td{os.getpid()}_{uuid.uuid4().hex[:6]}"
    name = f"{run}_tpl"
    with closing(_admin()) as con, con.cursor() as cur:
        cur.execute(
            f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
            "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
        )
    open_database(url_for(name))
    close_database()
    _state.update(template=name, run=run, made=[name])
    return name


def fresh_database() -> str:
    """URL of a new database holding the migrated, empty schema."""
    template = _template()
    name = f"{_state['run']}_{next(_counter)}"
    with closing(_admin()) as con, con.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    _state["made"].append(name)
    return url_for(name)


def empty_database() -> str:
    """URL of a new database with no tables at all (for migration tests)."""
    _template()
    name = f"{_state['run']}_{next(_counter)}"
    with closing(_admin()) as con, con.cursor() as cur:
        cur.execute(
            f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
            "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
        )
    _state["made"].append(name)
    return url_for(name)


def drop_all() -> None:
    """Drop this run's databases, unless the cluster is thrown away afterwards anyway
    (`TAMBON_DESK_TEST_PG_THROWAWAY=1`, set by .ci/run: dropping hundreds takes minutes)."""
    made = _state.pop("made", [])
    _state.clear()
    if not made or os.environ.get("TAMBON_DESK_TEST_PG_THROWAWAY") == "1":
        return
    from tambon_desk.db import close_database

    close_database()
    with closing(_admin()) as con, con.cursor() as cur:
        for name in reversed(made):
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
