"""Tambon Desk: information system for a Thai tambon information centre."""

__version__ = "0.1.0"


def _peewee_without_server_drivers() -> None:
    """Import peewee without the PostgreSQL and MySQL drivers it looks for.

    peewee imports psycopg2 (with libpq and OpenSSL) whenever it is installed: about 20 ms
    of every start, though only a provincial hub uses it. `db.engines.load_postgres_driver`
    hands the driver to peewee when a hub is opened. Runs before any module imports peewee.
    """
    import sys

    if "peewee" in sys.modules:
        return
    placed = [n for n in ("psycopg2", "psycopg2cffi", "psycopg") if n not in sys.modules]
    for name in placed:
        sys.modules[name] = None  # an ImportError for peewee's `try: import …`
    try:
        import peewee  # noqa: F401
    finally:
        for name in placed:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_peewee_without_server_drivers()
