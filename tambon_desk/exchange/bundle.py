"""The bundle file (ARCHITECTURE.md, "Exchange"): names, manifest, and verification of a file from a stick.

A bundle is a zip holding `manifest.json`, `data.sqlite`, `tables.xlsx` and `attachments/`.
Verification trusts nothing in the file: member names are checked for `../` and absolute
paths, sizes are capped before anything is read (zip bombs), every member's SHA-256 and size
must match the manifest, the database must pass `integrity_check` and hold the counted rows.
Every refusal is a `BundleError` whose message a clerk can read (Thai).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..core.attachments import sha256_of
from ..core.errors import UserError
from ..core.i18n import _
from ..db import migrations
from . import crypto

FORMAT = "tambon-desk-bundle"
FORMAT_VERSION = 1
SUFFIX = ".tambon"
MANIFEST = "manifest.json"
DATA = "data.sqlite"
TABLES = "tables.xlsx"
ATTACH_PREFIX = "attachments/"

MAX_MANIFEST = 16 * 1024 * 1024
MAX_MEMBER = 4 * 1024**3  # one member (the database) at most 4 GB
MAX_TOTAL = 16 * 1024**3  # everything unpacked at most 16 GB
MAX_RATIO = 200  # unpacked / packed size: more than this is a zip bomb

_NAME = re.compile(r"^(\d{6}|[0-9A-Za-z-]+)_(\d{8})-(\d{4})(?:-(\d+))?\.tambon$")


class BundleError(UserError):
    """The file cannot be used as a bundle; the message says why, for the clerk."""


@dataclass
class VerifiedBundle:
    path: Path
    manifest: dict
    sealed: bool = False  # protected by a passphrase (path is then the sealed file)

    @property
    def counts(self) -> dict:
        return self.manifest.get("counts", {})

    @property
    def office_id(self) -> str:
        return self.manifest.get("office", {}).get("id", "")

    @property
    def office_name(self) -> str:
        return self.manifest.get("office", {}).get("name", "")

    @property
    def migrations(self) -> list[int]:
        return list(self.manifest.get("migrations", []))

    def extract(self, name: str, dest: Path) -> Path:
        """Copy one member out, re-checking its size and SHA-256 while writing."""
        info = self.manifest["files"][name]
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zipfile.ZipFile(self.path) as zf, zf.open(name) as src, open(dest, "wb") as out:
                n, digest = _read_capped(src, info["size"], name, out)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise damaged(str(exc), raw=True)
        if n != info["size"] or digest != info["sha256"]:
            raise damaged(name)
        return dest


def bundle_name(code: str, when, n: int = 1) -> str:
    """`<tambon-code>_<yyyymmdd-hhmm>.tambon` (local time); `-2`… when the minute is taken."""
    base = f"{code}_{when:%Y%m%d-%H%M}"
    return base + (f"-{n}" if n > 1 else "") + SUFFIX


def damaged(detail: str = "", *, raw: bool = False) -> BundleError:
    """The clerk reads what to do; a raw exception text (`raw`) goes to the log only, a
    Thai detail of ours (which table, which count) stays in the message."""
    if detail and raw:
        import logging

        logging.getLogger(__name__).warning("damaged bundle: %s", detail)
    return BundleError(
        _(
            "The bundle file is damaged (it may not have been copied completely). "
            "Ask the sender to export it again."
        )
        + (f" ({detail})" if detail and not raw else "")
    )


def foreign() -> BundleError:
    return BundleError(_("This file is not a Tambon Desk bundle."))


def _safe_member(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\\" in name or ":" in name:
        return False
    parts = name.split("/")
    return all(p not in ("", ".", "..") for p in parts[:-1]) and parts[-1] not in (".", "..")


# The digest a manifest records is the one that names attachment files, so it is one function.
sha256_file = sha256_of


def _read_capped(src, size: int, name: str, out=None) -> tuple[int, str]:
    """(bytes read, SHA-256) of a member streamed in 1 MiB chunks, copied to `out` if given.

    Refused as damaged the moment it runs past the manifest's size, so a member that lies
    about its size is never read (or written) beyond what was announced.
    """
    h = hashlib.sha256()
    n = 0
    for chunk in iter(lambda: src.read(1 << 20), b""):
        n += len(chunk)
        if n > size:
            raise damaged(name)
        h.update(chunk)
        if out is not None:
            out.write(chunk)
    return n, h.hexdigest()


def _read_manifest(zf: zipfile.ZipFile) -> dict:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise foreign()
    if info.file_size > MAX_MANIFEST:
        raise foreign()
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except RecursionError:
        raise invalid_manifest("manifest.json", _("is nested too deeply")) from None
    except (ValueError, UnicodeDecodeError):
        raise foreign()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise damaged(str(exc), raw=True)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise foreign()
    validate_manifest(manifest)
    return manifest


# --- the manifest, checked by hand before any value of it is used ----------------------------

MAX_DEPTH = 8  # the manifest's own nesting is 3 levels deep
MAX_ENTRIES = 1_000_000
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def invalid_manifest(where: str, problem: str) -> BundleError:
    return BundleError(
        _(
            "The bundle's list of contents (manifest.json) is not valid: "
            "{where} {problem}. Ask the sender to export the bundle again."
        ).format(where=where, problem=problem)
    )


def _depth(value, limit: int) -> int:
    """Nesting depth, without recursion (a hostile file can nest far deeper than Python)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return deepest


def _is_int(v) -> bool:
    return type(v) is int


def _need(m: dict, key: str):
    if key not in m:
        raise invalid_manifest(key, _("is missing"))
    return m[key]


def _whole(m: dict, key: str, low: int = 0) -> int:
    v = _need(m, key)
    if not _is_int(v) or v < low:
        raise invalid_manifest(key, _("must be a whole number"))
    return v


def _text_field(m: dict, key: str, *, required: bool = True, null: bool = False) -> None:
    if key not in m and not required:
        return
    v = _need(m, key)
    if not (isinstance(v, str) or (null and v is None)) or (isinstance(v, str) and len(v) > 10_000):
        raise invalid_manifest(key, _("must be text"))


def validate_manifest(m: dict) -> None:
    """Every field the program reads has the type it expects, or a Thai BundleError says
    which field is wrong (a damaged or forged manifest never ends in a traceback)."""
    if _depth(m, MAX_DEPTH) > MAX_DEPTH:
        raise invalid_manifest("manifest.json", _("is nested too deeply"))
    _whole(m, "format_version", 1)
    _whole(m, "schema_version", 0)
    migrations = _need(m, "migrations")
    if (
        not isinstance(migrations, list)
        or len(migrations) > 10_000
        or not all(_is_int(v) and v > 0 for v in migrations)
    ):
        raise invalid_manifest("migrations", _("must be a list of version numbers"))
    _text_field(m, "app_version")
    _text_field(m, "tambon")
    _text_field(m, "exported_at")
    _text_field(m, "exported_at_local", required=False)
    _text_field(m, "exported_by", required=False, null=True)
    office = _need(m, "office")
    if (
        not isinstance(office, dict)
        or not isinstance(office.get("id"), str)
        or not isinstance(office.get("name"), str)
        or len(office["id"]) > 64
    ):
        raise invalid_manifest("office", _("must give the office's id and name as text"))
    counts = _need(m, "counts")
    if (
        not isinstance(counts, dict)
        or len(counts) > 10_000
        or not all(isinstance(k, str) and _is_int(v) and v >= 0 for k, v in counts.items())
    ):
        raise invalid_manifest("counts", _("must be a table of table names and numbers"))
    files = _need(m, "files")
    if not isinstance(files, dict) or len(files) > MAX_ENTRIES:
        raise invalid_manifest("files", _("must be a table of files"))
    for name, meta in files.items():
        if (
            not isinstance(meta, dict)
            or not isinstance(meta.get("sha256"), str)
            or not _HEX64.match(meta["sha256"])
            or not _is_int(meta.get("size"))
            or meta["size"] < 0
        ):
            raise invalid_manifest(
                f"files[{name[:80]}]", _("must give the file's SHA-256 and size")
            )
    for key, kind in (("tambons", list), ("scope", dict)):
        if key in m and not isinstance(m[key], kind):
            raise invalid_manifest(key, _("is not in the expected form"))
    for t in m.get("tambons", []):
        if not isinstance(t, dict):
            raise invalid_manifest("tambons", _("is not in the expected form"))


def _check_versions(manifest: dict) -> None:
    if manifest["format_version"] > FORMAT_VERSION:
        raise BundleError(
            _(
                "This bundle was made by a newer Tambon Desk ({version}). "
                "Install the newer version to import it."
            ).format(version=manifest.get("app_version", "?"))
        )
    known = set(migrations.VERSIONS)
    unknown = [v for v in manifest["migrations"] if v not in known]
    if unknown or manifest["schema_version"] > migrations.LATEST:
        raise BundleError(
            _(
                "This bundle holds data of a newer database version (version "
                "{version}) than this program supports ({latest}). Install the "
                "newer Tambon Desk to import it."
            ).format(version=manifest.get("schema_version"), latest=migrations.LATEST)
        )


def _check_members(zf: zipfile.ZipFile, manifest: dict) -> None:
    files = manifest.get("files")
    if not isinstance(files, dict) or DATA not in files:
        raise foreign()
    infos = {i.filename: i for i in zf.infolist() if not i.is_dir()}
    for name in list(infos) + list(files):
        if not _safe_member(name):
            raise BundleError(
                _("The bundle contains an unsafe file name ({name}); it was refused.").format(
                    name=name
                )
            )
    if set(infos) - {MANIFEST} != set(files):
        raise damaged(_("files missing or added"))
    total = 0
    for name, meta in files.items():
        info = infos[name]
        size = meta["size"]
        if info.file_size != size or size > MAX_MEMBER:
            raise damaged(name)
        if info.compress_size and size > MAX_RATIO * info.compress_size + (1 << 20):
            raise BundleError(
                _("The bundle unpacks to far more than its size (a 'zip bomb'); it was refused.")
            )
        total += size
    if total > MAX_TOTAL:
        raise BundleError(
            _("The bundle unpacks to far more than its size (a 'zip bomb'); it was refused.")
        )


def _check_hashes(zf: zipfile.ZipFile, manifest: dict, progress=None) -> None:
    files = manifest["files"]
    done, total = 0, sum(int(m["size"]) for m in files.values()) or 1
    for name, meta in files.items():
        try:
            with zf.open(name) as src:
                n, digest = _read_capped(src, meta["size"], name)
        except (zipfile.BadZipFile, OSError, EOFError, zlib_error()) as exc:
            raise damaged(f"{name}: {exc}", raw=True)
        if n != meta["size"] or digest != meta["sha256"]:
            raise damaged(_("checksum of {name} does not match").format(name=name))
        done += n
        if progress:
            progress(done / total, _("Checking {name}").format(name=name))


def zlib_error():
    return zlib.error


# --- the database's schema, checked against the schema version the manifest claims ----------

_SCHEMAS: dict = {}


def expected_schema(versions) -> dict:
    """{table: {column: (declared type, not null)}} that exactly these migrations produce."""
    from peewee import SqliteDatabase

    from ..db import migrations

    key = tuple(sorted(set(versions)))
    if key not in _SCHEMAS:
        db = SqliteDatabase(":memory:")
        db.connect()
        try:
            migrations.current_version(db)
            for version in migrations.VERSIONS:  # mark the others as done: skipped
                if version not in key:
                    db.execute_sql("INSERT INTO schema_version VALUES (?, '', '')", (version,))
            migrations.migrate(db)
            _SCHEMAS[key] = table_schemas(db.connection())
        finally:
            db.close()
    return _SCHEMAS[key]


def table_schemas(con) -> dict:
    out = {}
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name "
        "NOT LIKE 'sqlite_%' AND name != 'schema_version'"
    ).fetchall():
        out[name] = {
            r[1]: (str(r[2]).upper(), bool(r[3]))
            for r in con.execute(f'PRAGMA table_info("{name}")').fetchall()
        }
    return out


def _type_test(col: str, declared: str, notnull: bool) -> str | None:
    """SQL that is true when a value fits its column; None when anything goes."""
    c = '"' + col.replace('"', '""') + '"'
    if declared.startswith(("INT", "BOOL", "BIGINT", "SMALLINT")):
        test = f"typeof({c}) IN ('integer', 'null')"
    elif declared.startswith(("REAL", "FLOAT", "DOUBLE")):
        test = f"typeof({c}) IN ('real', 'integer', 'null')"
    elif declared.startswith(("VARCHAR", "TEXT", "CHAR")):
        test = f"typeof({c}) IN ('text', 'null')"
    else:
        test = None
    if notnull:
        test = f"{c} IS NOT NULL" + (f" AND {test}" if test else "")
    return test


def type_problem(con, table: str, columns: dict, schema: str = "main") -> str | None:
    """The first column of `table` holding a value of the wrong type (text in a money
    column, a NULL where none may be), or None. `columns`: {column: (type, not null)}."""
    t = '"' + table.replace('"', '""') + '"'
    tests = {
        col: _type_test(col, declared, notnull) for col, (declared, notnull) in columns.items()
    }
    tests = {c: x for c, x in tests.items() if x is not None}
    if not tests:
        return None
    # One pass over the table with every test; only a failing table is searched again.
    every = " AND ".join(f"({x})" for x in tests.values())
    if con.execute(f"SELECT 1 FROM {schema}.{t} WHERE NOT ({every}) LIMIT 1").fetchone() is None:
        return None
    for col, test in tests.items():
        if con.execute(f"SELECT 1 FROM {schema}.{t} WHERE NOT ({test}) LIMIT 1").fetchone():
            return col
    return None


def check_schema(con, versions) -> None:
    """Every table the claimed migrations make is there with exactly their columns (names,
    types, NOT NULL), and every value fits its column's type."""
    expected = expected_schema(versions)
    actual = table_schemas(con)
    for table, cols in expected.items():
        got = actual.get(table)
        if got is None:
            raise damaged(_("table {table} is missing").format(table=table))
        if got != cols:
            missing = sorted(set(cols) - set(got))
            extra = sorted(set(got) - set(cols))
            changed = sorted(c for c in set(cols) & set(got) if cols[c] != got[c])
            raise BundleError(
                _(
                    "The bundle's database does not have the layout of its "
                    "version (table {table}: {detail}); it was refused. Ask the "
                    "sender to export it again."
                ).format(
                    table=table,
                    detail=", ".join(
                        [f"-{c}" for c in missing]
                        + [f"+{c}" for c in extra]
                        + [f"~{c}" for c in changed]
                    ),
                )
            )
        col = type_problem(con, table, cols)
        if col is not None:
            raise BundleError(
                _(
                    "The bundle's database holds a value of the wrong type in "
                    "{table}.{column} (for example text where an amount of money "
                    "belongs); it was refused."
                ).format(table=table, column=col)
            )


def check_database(path: Path, counts: dict, versions=None) -> None:
    """integrity_check, the schema of the claimed version (when `versions` is given) and
    the manifest's record counts, on an extracted data.sqlite."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise damaged(f"integrity_check: {ok}")
            if versions is not None:
                check_schema(con, versions)
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            for tbl, n in counts.items():
                if tbl not in tables:
                    raise damaged(_("table {table} is missing").format(table=tbl))
                got = con.execute(f'SELECT COUNT(*) FROM "{tbl}"').fetchone()[0]
                if got != n:
                    raise damaged(
                        _("{table}: {got} records, the manifest says {n}").format(
                            table=tbl, got=got, n=n
                        )
                    )
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(str(exc), raw=True)


def _existing(path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise BundleError(_("The file {path} was not found.").format(path=path))
    return path


def _check_listing(zf: zipfile.ZipFile) -> dict:
    """The manifest, once its versions and the member list (names, sizes) pass."""
    manifest = _read_manifest(zf)
    _check_versions(manifest)
    _check_members(zf, manifest)
    return manifest


def _sealed_error(exc: UserError) -> BundleError:
    err = BundleError(str(exc))
    err.needs_passphrase = isinstance(exc, crypto.PassphraseNeeded)
    return err


def unseal_to(path, folder: Path, passphrase: str | None) -> Path:
    """The plain zip of a bundle: `path` itself, or decrypted into `folder` when sealed."""
    path = _existing(path)
    if not crypto.is_sealed(path):
        return path
    try:
        return crypto.unseal(path, Path(folder) / "bundle.zip", passphrase)
    except UserError as exc:
        raise _sealed_error(exc) from None


def verify(
    path, *, progress=None, workdir=None, keep_data=None, passphrase: str | None = None
) -> VerifiedBundle:
    """Check a bundle completely; return it with its manifest, or raise BundleError.

    `keep_data`: a path where the checked `data.sqlite` is left for the caller (the import
    then reads exactly the bytes that were verified, without unpacking them again).
    A bundle sealed with a passphrase is decrypted into a temporary folder first.
    """
    path = _existing(path)
    if crypto.is_sealed(path):
        with tempfile.TemporaryDirectory(dir=workdir, prefix="tambon-verify-") as tmp:
            plain = unseal_to(path, Path(tmp), passphrase)
            inner = verify(plain, progress=progress, workdir=workdir, keep_data=keep_data)
        return VerifiedBundle(path, inner.manifest, sealed=True)
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = _check_listing(zf)
            _check_hashes(zf, manifest, progress)
    except zipfile.BadZipFile as exc:
        if zipfile.is_zipfile(path):
            raise damaged(str(exc), raw=True)
        # A zip cut short has lost its directory: say "damaged" when it began like a zip.
        with open(path, "rb") as f:
            head = f.read(4)
        raise damaged(str(exc), raw=True) if head == b"PK\x03\x04" else foreign()
    except OSError as exc:
        import logging

        logging.getLogger(__name__).warning("bundle not readable: %s", exc)
        raise BundleError(
            _(
                "The file could not be read. Check that the USB stick is still "
                "plugged in, then try again."
            )
        ) from None
    bundle = VerifiedBundle(path, manifest)
    if keep_data is not None:
        check_database(bundle.extract(DATA, Path(keep_data)), bundle.counts, bundle.migrations)
        return bundle
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        data = bundle.extract(DATA, Path(tmp) / DATA)
        check_database(data, bundle.counts, bundle.migrations)
    return bundle
