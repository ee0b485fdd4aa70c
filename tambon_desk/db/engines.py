"""The two engines the product runs on: a SQLite file (a tambon PC) or PostgreSQL (the hub).

Everything that differs between them lives here, one small function per difference, so the
services above `db/` never test which engine they run on:

* how a `--db` value is read (`parse_target`): a path, `sqlite:///path`, or
  `postgresql://user@host:port/dbname`; any other `scheme://` is refused;
* placeholders: services write `?` as SQLite does; `HubDatabase` turns them into psycopg's
  `%s` (and doubles literal `%`) before the server sees them;
* pragmas, integrity checks, write-transaction locks;
* `group_concat`, `in_id_list` (a JSON list of ids as a SQL set), `bool_sum`, `row_label`;
* which errors mean "the engine asks you to run the transaction again" (`is_retryable`).

Thai order is the product's own `sort_key` column (`thai_sort_key`), compared byte-wise on
both engines: the hub's database is created with `LC_COLLATE=C` and migration 9 pins the
`sort_key` columns to `COLLATE "C"`, so a list sorts the same on a tambon PC and on the hub.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from peewee import Case, PostgresqlDatabase, SqliteDatabase, fn

SQLITE = "sqlite"
POSTGRES = "postgresql"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_PG_SCHEMES = {"postgresql", "postgres"}


class UnknownDatabaseScheme(ValueError):
    """`--db` named a `scheme://` this program cannot open (nothing is created)."""


class Target(NamedTuple):
    """Where the database is: `engine` and either a file `path` or a server `url`."""

    engine: str
    path: str = ""
    url: str = ""

    @property
    def is_hub(self) -> bool:
        return self.engine == POSTGRES

    def display(self) -> str:
        """The target without any password (for status bars, logs and messages)."""
        if not self.is_hub:
            return self.path
        return redact_url(self.url)


HUB_FILE_SUFFIX = ".hub"


def parse_target(value: str | os.PathLike) -> Target:
    """Read a `--db` / `TAMBON_DESK_DB` value; refuse an unknown `scheme://`.

    A file named `*.hub` holds a hub's URL on its first line (no password): an office puts
    one beside the shortcut, and the hub's local files (attachments, logs) go beside it.
    """
    text = os.fspath(value)
    m = _SCHEME.match(text)
    if not m:
        if text.lower().endswith(HUB_FILE_SUFFIX) and os.path.isfile(text):
            with open(text, encoding="utf-8") as fh:
                url = fh.readline().strip()
            inner = parse_target(url)
            if not inner.is_hub:
                raise UnknownDatabaseScheme(url.split("://", 1)[0] if "://" in url else url)
            return Target(POSTGRES, url=inner.url, path=text)
        return Target(SQLITE, path=text)
    scheme = m.group(1).lower()
    if scheme in _PG_SCHEMES:
        return Target(POSTGRES, url=text)
    if scheme == "sqlite":
        return Target(SQLITE, path=unquote(text[len("sqlite://") :]) or ":memory:")
    raise UnknownDatabaseScheme(scheme)


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
    return parts._replace(netloc=netloc).geturl()


def url_has_password(url: str) -> bool:
    return urlsplit(url).password is not None


def connect_params(url: str) -> dict:
    """psycopg connection keywords from a URL; empty parts fall to PG* variables, the
    service file and `.pgpass` (libpq reads those itself, so no password need be written
    on a command line or in a shortcut)."""
    parts = urlsplit(url)
    out: dict = {}
    if parts.hostname:
        out["host"] = unquote(parts.hostname)
    if parts.port:
        out["port"] = parts.port
    if parts.username:
        out["user"] = unquote(parts.username)
    if parts.password is not None:
        out["password"] = unquote(parts.password)
    dbname = unquote(parts.path.lstrip("/"))
    for item in filter(None, parts.query.split("&")):
        key, _, val = item.partition("=")
        out[unquote(key)] = unquote(val)
    return {"database": dbname or out.pop("dbname", None), **out}


# --- placeholders ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def to_pyformat(sql: str) -> str:
    """`?` placeholders -> `%s` and literal `%` -> `%%`, leaving quoted text's `?` alone."""
    if "?" not in sql and "%" not in sql:
        return sql
    out, quote = [], None
    for ch in sql:
        if quote:
            if ch == "%":
                out.append("%%")
                continue
            if ch == quote:
                quote = None
            out.append(ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def load_postgres_driver() -> None:
    """Give peewee psycopg2, which `tambon_desk/__init__` kept from it at start-up.

    Sets what peewee's own import would have set (the module, its extensions, UUID and JSON
    adaptation, the adapter's transaction states). Does nothing when peewee already has it.
    """
    import peewee

    if peewee.psycopg2 is not None:
        return
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    peewee.psycopg2, peewee.pg_extensions = psycopg2, extensions
    peewee.pg_register_uuid, peewee.Json_pg2 = register_uuid, Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN


class HubDatabase(PostgresqlDatabase):
    """PostgreSQL speaking the product's SQL: `?` placeholders, SQLite lock names ignored."""

    param = "?"
    engine = POSTGRES

    def __init__(self, *args, **kwargs):
        load_postgres_driver()  # before peewee picks its adapter
        super().__init__(*args, **kwargs)

    def execute_sql(self, sql, params=None):
        if not params:
            # psycopg formats even with no parameters, so a literal % must be doubled.
            return super().execute_sql(sql.replace("%", "%%"), ())
        if "?" in sql:  # ours; peewee's own introspection already says %s
            sql = to_pyformat(sql)
        return super().execute_sql(sql, params)

    def begin(self, isolation_level=None, lock_type=None):
        # `lock_type` ("IMMEDIATE" …) is SQLite's; PostgreSQL locks rows as it goes.
        return super().begin(isolation_level)


def engine_of(db=None) -> str:
    """The engine of `db` (default: the database the models are bound to)."""
    if db is None:
        db = _bound()
    db = getattr(db, "obj", db)  # a DatabaseProxy
    return POSTGRES if isinstance(db, PostgresqlDatabase) else SQLITE


def is_hub(db=None) -> bool:
    return engine_of(db) == POSTGRES


def _bound():
    from .base import database_proxy

    return database_proxy.obj


# --- one function per engine ----------------------------------------------------------------


def integrity_check(db) -> str:
    """'ok' or the engine's complaint."""
    if is_hub(db):
        db.execute_sql("SELECT 1").fetchone()  # the server checks its own pages
        return "ok"
    return db.execute_sql("PRAGMA integrity_check").fetchone()[0]


def defer_foreign_keys(db) -> None:
    """Inside a transaction: check foreign keys at commit (SQLite); PostgreSQL inserts
    parents before children in model order, so nothing is needed there."""
    if not is_hub(db):
        db.execute_sql("PRAGMA defer_foreign_keys=ON")


def group_concat(expr, db=None):
    """Comma-joined text of `expr` over a group."""
    if is_hub(db):
        return fn.string_agg(expr.cast("text") if hasattr(expr, "cast") else expr, ",")
    return fn.GROUP_CONCAT(expr)


def group_concat_sql(column: str, db) -> str:
    return f"string_agg({column}::text, ',')" if is_hub(db) else f"GROUP_CONCAT({column})"


def executemany(db, sql: str, rows) -> None:
    """Run one `?`-placeholder statement for many rows, at driver speed on either engine."""
    if is_hub(db):
        from psycopg2.extras import execute_batch

        execute_batch(db.cursor(), to_pyformat(sql), list(rows), page_size=1000)
    else:
        db.cursor().executemany(sql, rows)


def indexed_by(index: str, db) -> str:
    """SQLite's `INDEXED BY` hint (PostgreSQL's planner takes no hints)."""
    return "" if is_hub(db) else f"INDEXED BY {index} "


def distinct_sql(a: str, b: str, db) -> str:
    """`a` and `b` differ, NULLs compared as values."""
    return f"{a} IS DISTINCT FROM {b}" if is_hub(db) else f"{a} IS NOT {b}"


def substring_match(field, text: str, db=None):
    """`text` occurs in `field`: `instr` on SQLite (the list's search-as-you-type); on the
    hub `strpos`, or LIKE when a trigram index (migration 9) can answer it."""
    if is_hub(db):
        if "%" in text or "_" in text or "\\" in text:
            return fn.strpos(field, text) > 0
        # LIKE, case-sensitive as instr is (search texts are stored lower-cased; ILIKE
        # would fold every candidate again): served by the pg_trgm GIN index
        return field % f"%{text}%"
    return fn.instr(field, text) > 0


def _trigram_word(text: str) -> bool:
    """`text` holds three word characters in a row (letters, digits and the Thai vowel and
    tone marks such as ุ or ่, as pg_trgm reads them under a UTF-8 LC_CTYPE): the trigram
    index can find it."""
    run = 0
    for ch in text:
        run = run + 1 if ch.isalnum() or unicodedata.category(ch)[0] == "M" else 0
        if run >= 3:
            return True
    return False


def search_within(query, model, field, tokens, db=None):
    """`query` (a select whose first source is `model`, before any join) narrowed to rows
    whose `field` contains every token.

    On the hub, when a token is long enough for the trigram index (migration 9), the
    matching rows are read first, in a derived table the planner cannot fold back
    (`OFFSET 0`): otherwise it walks the `sort_key` index for the list's order and tests
    hundreds of thousands of rows before it finds a common name late in the alphabet. Short
    tokens keep the walk, which finds a page of common matches quickly."""
    if not tokens:
        return query
    condition = functools.reduce(
        lambda a, b: a & b, [substring_match(field, t, db) for t in tokens]
    )
    plain = all("%" not in t and "_" not in t and "\\" not in t for t in tokens)
    if is_hub(db) and plain and any(_trigram_word(t) for t in tokens):
        hits = model.select().where(condition).offset(0)
        return query.from_(hits.alias("t1"))  # peewee names the first source t1
    return query.where(condition)


def bool_sum(condition):
    """Count of rows where `condition` holds (SUM of a boolean fails on PostgreSQL)."""
    return fn.SUM(Case(None, [(condition, 1)], 0))


def in_id_list_sql(column: str, db) -> str:
    """`column IN <one ? parameter holding a JSON list>` on either engine."""
    if is_hub(db):
        return f"{column} IN (SELECT json_array_elements_text(?::json))"
    return f"{column} IN (SELECT value FROM json_each(?))"


def less_as_int_sql(a: str, b: str, db) -> str:
    """1 when a < b else 0 (a comparison is not a number on PostgreSQL)."""
    return f"(CASE WHEN {a} < {b} THEN 1 ELSE 0 END)"


def row_label_sql(alias: str, db) -> str:
    """12 hex digits unique per row of a SELECT (rowid on SQLite, a row number on the hub)."""
    if is_hub(db):
        return "lpad(to_hex(row_number() OVER ()), 12, '0')"
    return f"printf('%012x', {alias}.rowid)"


class WriteRace(RuntimeError):
    """A set-based write found rows changed by another transaction since it read them; the
    whole transaction is run again (`is_retryable`)."""

    retryable = True


def prefer_index_joins(db) -> None:
    """For the rest of the transaction, join by index probes only (PostgreSQL). The merge
    joins a bundle of tens of thousands of rows to tables of millions: once those pass a few
    million rows the planner judges a full scan and a hash join cheaper than one probe per
    incoming row, and the merge of one tambon grows from seconds to minutes. SQLite's
    planner probes indexes anyway."""
    if is_hub(db):
        db.execute_sql("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")


def lock_rows_sql(alias: str, db) -> str:
    """`FOR UPDATE OF alias` on PostgreSQL (rows held until the transaction ends); SQLite's
    write transaction already holds the whole file."""
    return f" FOR UPDATE OF {alias}" if is_hub(db) else ""


def is_retryable(exc: BaseException) -> bool:
    """The engine asks for the whole transaction to be run again (serialization failure,
    deadlock, SQLite busy)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if getattr(exc, "retryable", False):
            return True
        code = getattr(exc, "pgcode", None) or getattr(getattr(exc, "diag", None), "sqlstate", None)
        if code in ("40001", "40P01", "55P03"):
            return True
        text = str(exc).lower()
        if "database is locked" in text or "could not serialize" in text or "deadlock" in text:
            return True
        exc = exc.__cause__ or exc.__context__ or (exc.orig if hasattr(exc, "orig") else None)
    return False


__all__ = [
    "HubDatabase",
    "POSTGRES",
    "SQLITE",
    "SqliteDatabase",
    "Target",
    "UnknownDatabaseScheme",
    "bool_sum",
    "connect_params",
    "defer_foreign_keys",
    "distinct_sql",
    "engine_of",
    "executemany",
    "group_concat",
    "group_concat_sql",
    "in_id_list_sql",
    "indexed_by",
    "integrity_check",
    "is_hub",
    "is_retryable",
    "less_as_int_sql",
    "lock_rows_sql",
    "prefer_index_joins",
    "parse_target",
    "redact_url",
    "row_label_sql",
    "search_within",
    "substring_match",
    "to_pyformat",
    "url_has_password",
    "WriteRace",
]
