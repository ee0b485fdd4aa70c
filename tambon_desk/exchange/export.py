"""Writing a bundle to a stick without ever leaving a half file under a good name.

Order (ARCHITECTURE.md, "Exchange"): snapshot and workbook are built in a local temporary folder; the zip is
written on the target as `.<name>.part`, flushed and fsynced, then re-read and verified
against its own manifest; only then renamed to its dated final name. A name already taken is
never overwritten (`-2`, `-3` …), so the only good copy on a stick survives any failure:
drive pulled, drive full, power cut. FAT/exFAT give no atomic rename, which is why the
final name only ever appears for a complete, verified file.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, registry
from ..core.auth import require
from ..core.errors import UserError
from ..core.i18n import _
from ..core.records import audit
from ..db import migrations
from ..db.base import utcnow
from ..db.models import ExchangeLog
from . import bundle as B
from . import snapshot
from .office import this_office
from .workbook import write_tables


class ExportError(UserError):
    pass


@dataclass
class ExportResult:
    path: Path
    manifest: dict

    @property
    def counts(self) -> dict:
        return self.manifest["counts"]


def _open_target(path: Path):
    """Open the part file on the target. Tests patch this to simulate a full or pulled drive."""
    return open(path, "wb")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _final_path(out_dir: Path, code: str, when) -> Path:
    n = 1
    while True:
        p = out_dir / B.bundle_name(code, when, n)
        if not p.exists() and not (out_dir / f".{p.name}.part").exists():
            return p
        n += 1


def _write_error(exc: OSError, out_dir: Path) -> ExportError:
    if exc.errno == errno.ENOSPC:
        msg = _(
            "The drive {dir} is full. The bundle was not written; bundles already on the "
            "drive are untouched. Free some space or use another drive."
        )
    else:
        msg = _(
            "The bundle could not be written to {dir} (was the drive removed?). Bundles "
            "already on the drive are untouched. Plug the drive in and export again."
        )
    return ExportError(msg.format(dir=out_dir) + f" [{exc.strerror or exc}]")


def _scope_args(ctx, village, tambon_code):
    if village is not None and tambon_code is None:
        home = registry.home_tambon()
        tambon_code = home.code if home is not None else None
    return tambon_code, village


def _since_for(office_name: str | None):
    if not office_name:
        return None

    last = (
        ExchangeLog.select()
        .where((ExchangeLog.direction == "export") & (ExchangeLog.office == office_name.strip()))
        .order_by(ExchangeLog.at.desc())
        .first()
    )
    return last.at if last is not None else None


def export_bundle(
    ctx,
    out_dir,
    *,
    village: int | None = None,
    tambon_code: str | None = None,
    since_last: str | None = None,
    progress=None,
    now=None,
    passphrase: str | None = None,
) -> ExportResult:
    """Write one bundle into `out_dir`; returns its final path and manifest.

    With a `passphrase` the whole bundle is sealed (AES-GCM, exchange.crypto) and
    `tables.xlsx` keeps full citizen IDs; without one, IDs in `tables.xlsx` are masked
    (anyone who finds the stick can open it) while `data.sqlite` stays exact.
    """
    from ..db.base import utcnow

    require(ctx, "clerk", "export bundle", "exchange")
    if passphrase is not None:
        from .crypto import check_passphrase

        check_passphrase(passphrase)
    report = progress or (lambda f, t: None)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ExportError(
            _("The folder {dir} does not exist (is the drive plugged in?).").format(dir=out_dir)
        )
    tambon_code, village = _scope_args(ctx, village, tambon_code)
    since = _since_for(since_last)
    office = this_office(ctx)
    taken_at = utcnow()
    when = now or _dt.datetime.now()
    with tempfile.TemporaryDirectory(prefix="tambon-export-") as tmp:
        tmp = Path(tmp)
        report(0.05, _("Taking a snapshot of the database"))
        data = snapshot.take_snapshot(ctx, tmp / B.DATA)
        counts = snapshot.trim(data, tambon_code=tambon_code, village_moo=village, since=since)
        tambon_list = snapshot.tambons_in(data)
        if not tambon_list and since is None:
            raise ExportError(_("There is no tambon to export."))
        code = tambon_code or (tambon_list[0]["code"] if tambon_list else "000000")
        report(0.25, _("Writing the tables for Excel"))
        write_tables(data, tmp / B.TABLES, mask_ids=passphrase is None)
        members = {B.DATA: data, B.TABLES: tmp / B.TABLES}
        for digest in snapshot.attachment_digests(data):
            src = ctx.attachments_dir / digest[:2] / digest
            if src.is_file():
                members[f"{B.ATTACH_PREFIX}{digest[:2]}/{digest}"] = src
        files = {
            name: {"sha256": B.sha256_file(p), "size": p.stat().st_size}
            for name, p in members.items()
        }
        manifest = {
            "format": B.FORMAT,
            "format_version": B.FORMAT_VERSION,
            "app_version": __version__,
            "schema_version": migrations.current_version(ctx.db),
            "migrations": sorted(migrations.applied_versions(ctx.db)),
            "tambon": code,
            "tambons": tambon_list,
            "office": {"id": office.id, "name": office.name},
            "exported_by": ctx.username,
            "exported_at": taken_at,
            "exported_at_local": when.strftime("%Y-%m-%d %H:%M"),
            "scope": {
                "village": village,
                "tambon": tambon_code,
                "since_last": since_last,
                "since": since,
            },
            "counts": counts,
            "files": files,
        }
        final = _final_path(out_dir, code, when)
        part = out_dir / f".{final.name}.part"
        report(0.45, _("Writing the bundle to {dir}").format(dir=out_dir))
        try:
            if passphrase is None:
                _write_zip(part, members, manifest)
            else:
                _write_sealed(part, tmp / "bundle.zip", members, manifest, passphrase)
            report(0.8, _("Checking the written bundle"))
            B.verify(part, passphrase=passphrase)
            if final.exists():  # never overwrite a good copy
                final = _final_path(out_dir, code, when)
            os.rename(part, final)
            _fsync_dir(out_dir)
        except OSError as exc:
            _discard(part)
            raise _write_error(exc, out_dir)
        except B.BundleError as exc:
            _discard(part)
            raise ExportError(
                _(
                    "The bundle written to {dir} did not read back correctly; it "
                    "was removed. Try another drive."
                ).format(dir=out_dir)
                + f" [{exc}]"
            )
        except BaseException:
            _discard(part)
            raise
    _log_export(ctx, since_last, final, taken_at, counts)
    audit(
        ctx,
        "export",
        "exchange",
        None,
        after={"bundle": final.name, "counts": counts, "scope": manifest["scope"]},
        note=final.name,
    )
    report(1.0, _("Bundle written: {name}").format(name=final.name))
    return ExportResult(final, manifest)


def _log_export(ctx, office_name, final, taken_at, counts):
    now = utcnow()
    ExchangeLog.create(
        direction="export",
        office=(office_name or "").strip(),
        bundle=final.name,
        at=taken_at,
        counts=counts,
        created_at=now,
        updated_at=now,
        updated_by=ctx.username,
    )


def _discard(part: Path) -> None:
    try:
        part.unlink()
    except OSError:
        pass  # the drive is gone: nothing carries the final name anyway


def _write_sealed(part: Path, plain: Path, members: dict, manifest: dict, passphrase: str) -> None:
    """The zip built locally, then sealed onto the target (flushed and fsynced)."""
    from .crypto import seal

    _write_zip(plain, members, manifest, opener=lambda p: open(p, "wb"))
    fh = _open_target(part)
    try:
        seal(plain, fh, passphrase)
        fh.flush()
        os.fsync(fh.fileno())
    finally:
        fh.close()


def _write_zip(part: Path, members: dict, manifest: dict, opener=None) -> None:
    fh = (opener or _open_target)(part)
    try:
        with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            zf.writestr(
                B.MANIFEST,
                json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                compress_type=zipfile.ZIP_DEFLATED,
            )
            for name, src in members.items():
                packed = name == B.DATA
                # Level 1: a third of the time of the default for a few % more bytes.
                zf.write(
                    src,
                    name,
                    compress_type=zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED,
                    compresslevel=1 if packed else None,
                )
        fh.flush()
        os.fsync(fh.fileno())
    finally:
        fh.close()
