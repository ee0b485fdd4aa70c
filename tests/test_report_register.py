"""household-register through the catalogue: same names in PDF and XLSX, IDs masked."""

import random
import unicodedata

import openpyxl
import pytest
from pdfminer.high_level import extract_text

from tambon_desk.core.errors import PermissionDenied
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons
from tambon_desk.reports import catalogue
from tambon_desk.thai import mask_citizen_id, random_citizen_id


def _setup(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    v1, v2 = tambons.villages(t)
    rng = random.Random(3)
    cid = random_citizen_id(rng)
    hh.save_household(
        ctx,
        v1,
        "12",
        [
            {
                "title": "นาย",
                "first_name": "ผู้ใหญ่บ้าน",
                "last_name": "ใจดี",
                "sex": "M",
                "relation": "head",
                "citizen_id": cid,
            },
            {
                "title": "นาง",
                "first_name": "น้ำฝน",
                "last_name": "ใจดี",
                "sex": "F",
                "relation": "spouse",
            },
        ],
    )
    hh.save_household(ctx, v2, "3", [{"first_name": "ญี่ปุ่น", "relation": "head"}])
    return cid


def test_register_pdf_and_xlsx(ctx, tmp_path):
    cid = _setup(ctx)
    assert "household-register" in [r.name for r in catalogue.reports()]
    doc = catalogue.build(ctx, "household-register")
    catalogue.render(doc, "pdf", tmp_path / "r.pdf")
    catalogue.render(doc, "xlsx", tmp_path / "r.xlsx")
    text = unicodedata.normalize("NFKC", extract_text(str(tmp_path / "r.pdf")))
    nf = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731  (NFKC splits ำ)
    assert nf("ทะเบียนครัวเรือน") in text and nf("น้ำฝน") in text and nf("ญี่ปุ่น") in text
    assert mask_citizen_id(cid) in text and cid not in text
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    values = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row]
    assert mask_citizen_id(cid) in values and "นางน้ำฝน ใจดี" in values
    assert "2 ครัวเรือน 3 คน" in " ".join(str(v) for v in values) or any(
        "3" in str(v) and "คน" in str(v) for v in values
    )


def test_unmask_is_admin_only(ctx, as_role):
    cid = _setup(ctx)
    doc = catalogue.build(ctx, "household-register", unmask=True)
    assert any(
        r.get("citizen_id") and r["citizen_id"].replace("-", "") == cid
        for b in doc.blocks
        if hasattr(b, "rows")
        for r in b.rows
    )
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        catalogue.build(ctx, "household-register", unmask=True)
