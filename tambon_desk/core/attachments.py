"""Attachments: files kept beside the database in `attachments/`, named by their SHA-256.

Content addressing means the same scan attached twice is stored once, a bundle carries each
file once, and a file's name on disk never clashes between PCs. The database row
(`Attachment`) says what it is and which record owns it; removing tombstones the row and
leaves the file (another row, or an older backup, may still point at it).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
from pathlib import Path

from ..db.models import Attachment
from .auth import require
from .errors import NotFound, ValidationError
from .i18n import _
from .records import save_record, tombstone_record

MAX_BYTES = 50 * 1024 * 1024  # a scanned agreement or photo; not a video archive


def sha256_of(path) -> str:
    """Hex SHA-256 of a file: its name under attachments/ and its digest in a bundle manifest
    (exchange/bundle.py uses this same function, so the two can never disagree)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def stored_path(attachments_dir, sha256: str) -> Path:
    """Where a file with this digest lives: attachments/ab/abcdef…"""
    return Path(attachments_dir) / sha256[:2] / sha256


def attachment_path(ctx, att) -> Path:
    path = stored_path(ctx.attachments_dir, att.sha256)
    if not path.exists():
        raise NotFound(
            _("The attached file {name} is missing from the attachments folder.").format(
                name=att.filename
            )
        )
    return path


def add_attachment(ctx, owner_table: str, owner_id: str, src_path, note: str = ""):
    """Copy `src_path` into the attachments folder and record it against its owner."""
    require(ctx, "clerk", "attach file", owner_table, owner_id)
    src = Path(src_path)
    if not src.is_file():
        raise ValidationError({"file": _("The file {name} was not found.").format(name=src.name)})
    size = src.stat().st_size
    if size > MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than {mb} MB.").format(mb=MAX_BYTES // (1024 * 1024))}
        )
    digest = sha256_of(src)
    target = stored_path(ctx.attachments_dir, digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        shutil.copyfile(src, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    mime = mimetypes.guess_type(src.name)[0] or "application/octet-stream"
    return save_record(
        ctx,
        Attachment,
        {
            "sha256": digest,
            "filename": src.name,
            "mime": mime,
            "size": size,
            "owner_table": owner_table,
            "owner_id": owner_id,
            "note": note,
        },
        role=None,
        action="attach",
    )


def attachments_of(owner_table: str, owner_id: str) -> list:
    return list(
        Attachment.alive()
        .where((Attachment.owner_table == owner_table) & (Attachment.owner_id == owner_id))
        .order_by(Attachment.created_at)
    )


def remove_attachment(ctx, att) -> None:
    tombstone_record(ctx, att, role="clerk")
