"""Attachments are content-addressed, owned by a record, audited and role-checked."""

import pytest

from tambon_desk.core import attachments
from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.db.models import Attachment, AuditLog


def test_add_list_remove(ctx, tmp_path):
    src = tmp_path / "สัญญา.pdf"
    src.write_bytes(b"%PDF-1.4 signed agreement")
    a = attachments.add_attachment(ctx, "water_agreement", "abc", src, note="ฉบับลงนาม")
    path = attachments.attachment_path(ctx, a)
    assert path.read_bytes() == src.read_bytes()
    assert path.name == attachments.sha256_of(src) and a.mime == "application/pdf"
    b = attachments.add_attachment(ctx, "water_agreement", "abc", src)
    assert attachments.attachment_path(ctx, b) == path  # stored once
    assert [x.id for x in attachments.attachments_of("water_agreement", "abc")] == [a.id, b.id]
    attachments.remove_attachment(ctx, b)
    assert [x.id for x in attachments.attachments_of("water_agreement", "abc")] == [a.id]
    assert AuditLog.select().where(AuditLog.table == "attachment").count() == 3


def test_refusals(ctx, as_role, tmp_path):
    with pytest.raises(ValidationError):
        attachments.add_attachment(ctx, "t", "x", tmp_path / "none.jpg")
    src = tmp_path / "a.jpg"
    src.write_bytes(b"x")
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(ctx, "t", "x", src)
    assert Attachment.select().count() == 0
