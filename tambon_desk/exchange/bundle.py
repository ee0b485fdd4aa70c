"""The bundle file (DESIGN §5): names, manifest, and verification of a file from a stick.

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
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..core.attachments import sha256_of
from ..core.errors import UserError
from ..core.i18n import _

FORMAT = "tambon-desk-bundle"
FORMAT_VERSION = 1
SUFFIX = ".tambon"
MANIFEST = "manifest.json"
DATA = "data.sqlite"
TABLES = "tables.xlsx"
ATTACH_PREFIX = "attachments/"

MAX_MANIFEST = 16 * 1024 * 1024
MAX_MEMBER = 4 * 1024 ** 3            # one member (the database) at most 4 GB
MAX_TOTAL = 16 * 1024 ** 3            # everything unpacked at most 16 GB
MAX_RATIO = 200                       # unpacked / packed size: more than this is a zip bomb

_NAME = re.compile(r"^(\d{6}|[0-9A-Za-z-]+)_(\d{8})-(\d{4})(?:-(\d+))?\.tambon$")


class BundleError(UserError):
    """The file cannot be used as a bundle; the message says why, for the clerk."""


@dataclass
class VerifiedBundle:
    path: Path
    manifest: dict

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
        return [int(v) for v in self.manifest.get("migrations", [])]

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
    return BundleError(_("The bundle file is damaged (it may not have been copied completely). "
                         "Ask the sender to export it again.")
                       + (f" ({detail})" if detail and not raw else ""))


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
    except (ValueError, UnicodeDecodeError):
        raise foreign()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise damaged(str(exc), raw=True)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise foreign()
    return manifest


def _check_versions(manifest: dict) -> None:
    from ..db import migrations

    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise BundleError(_("This bundle was made by a newer Tambon Desk ({version}). "
                            "Install the newer version to import it.").format(
            version=manifest.get("app_version", "?")))
    known = {m.VERSION for m in migrations.MIGRATIONS}
    unknown = [v for v in manifest.get("migrations", []) if int(v) not in known]
    if unknown or int(manifest.get("schema_version", 0)) > migrations.LATEST:
        raise BundleError(_("This bundle holds data of a newer database version (version "
                            "{version}) than this program supports ({latest}). Install the "
                            "newer Tambon Desk to import it.").format(
            version=manifest.get("schema_version"), latest=migrations.LATEST))


def _check_members(zf: zipfile.ZipFile, manifest: dict) -> None:
    files = manifest.get("files")
    if not isinstance(files, dict) or DATA not in files:
        raise foreign()
    infos = {i.filename: i for i in zf.infolist() if not i.is_dir()}
    for name in list(infos) + list(files):
        if not _safe_member(name):
            raise BundleError(_("The bundle contains an unsafe file name ({name}); it was "
                                "refused.").format(name=name))
    if set(infos) - {MANIFEST} != set(files):
        raise damaged(_("files missing or added"))
    total = 0
    for name, meta in files.items():
        info = infos[name]
        size = int(meta.get("size", -1))
        if info.file_size != size or size > MAX_MEMBER:
            raise damaged(name)
        if info.compress_size and size > MAX_RATIO * info.compress_size + (1 << 20):
            raise BundleError(_("The bundle unpacks to far more than its size (a 'zip bomb'); "
                                "it was refused."))
        total += size
    if total > MAX_TOTAL:
        raise BundleError(_("The bundle unpacks to far more than its size (a 'zip bomb'); "
                            "it was refused."))


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
    import zlib

    return zlib.error


def check_database(path: Path, counts: dict) -> None:
    """integrity_check and the manifest's record counts, on an extracted data.sqlite."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise damaged(f"integrity_check: {ok}")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for tbl, n in counts.items():
                if tbl not in tables:
                    raise damaged(_("table {table} is missing").format(table=tbl))
                got = con.execute(f'SELECT COUNT(*) FROM "{tbl}"').fetchone()[0]
                if got != n:
                    raise damaged(_("{table}: {got} records, the manifest says {n}").format(
                        table=tbl, got=got, n=n))
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


def check_quick(path) -> dict:
    """Manifest, versions and member list only (no checksums): a batch's first look."""
    path = _existing(path)
    try:
        with zipfile.ZipFile(path) as zf:
            return _check_listing(zf)
    except zipfile.BadZipFile as exc:
        raise damaged(str(exc), raw=True)
    except OSError as exc:
        import logging

        logging.getLogger(__name__).warning("bundle not readable: %s", exc)
        raise BundleError(_("The file could not be read. Check that the USB stick is still "
                            "plugged in, then try again.")) from None


def verify(path, *, progress=None, workdir=None, keep_data=None) -> VerifiedBundle:
    """Check a bundle completely; return it with its manifest, or raise BundleError.

    `keep_data`: a path where the checked `data.sqlite` is left for the caller (the import
    then reads exactly the bytes that were verified, without unpacking them again).
    """
    import tempfile

    path = _existing(path)
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
        raise BundleError(_("The file could not be read. Check that the USB stick is still "
                            "plugged in, then try again.")) from None
    bundle = VerifiedBundle(path, manifest)
    if keep_data is not None:
        check_database(bundle.extract(DATA, Path(keep_data)), bundle.counts)
        return bundle
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        data = bundle.extract(DATA, Path(tmp) / DATA)
        check_database(data, bundle.counts)
    return bundle
