"""Fuzzed spreadsheets and CSVs (issue 14): Hypothesis makes cell contents and shapes; the
readers and the import pipeline either read them or refuse them with a Thai message, never
a traceback, and what comes back out in a workbook is never a live formula."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rkit import memory_cap

from tambon_desk.core.errors import UserError
from tambon_desk.importers import engine, get_kind, reading
from tambon_desk.importers.report import ImportResult, write_error_report

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

thai_text = st.text(
    alphabet=st.sampled_from(
        list("กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะาำิีึืุูเแโใไ่้๊๋็์ ๐๑๒๓๔๕๖๗๘๙")
        + list("0123456789,.;|\t\"'=+-@/() \r\nabcXYZ")
    ),
    max_size=40,
)
cell = st.one_of(
    st.none(),
    thai_text,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2600, 12, 31)),
    st.sampled_from(
        [
            '=HYPERLINK("http://x","คลิก")',
            "+SUM(A1:A9)",
            "-2+3",
            "@cmd",
            "9" * 4300,
            "๑,๒๓๔.๕๐",
            "(1,234.50)",
            "31/02/2569",
        ]
    ),
)
shape = st.lists(st.lists(cell, max_size=10), max_size=25)


def _xlsx(path, rows, far=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            if isinstance(v, str):
                v = reading_safe(v)
            try:
                ws.cell(row=r, column=c, value=v).data_type = (
                    "s" if isinstance(v, str) else ws.cell(row=r, column=c).data_type
                )
            except (ValueError, TypeError):
                ws.cell(row=r, column=c, value=None)
    if far:
        ws.cell(row=far[0], column=far[1], value="ไกล")
    wb.save(path)
    return path


def reading_safe(v: str) -> str:
    """openpyxl refuses control characters in cells; a real Excel file cannot hold them."""
    return "".join(ch for ch in v if ch in "\t\n\r" or ord(ch) >= 32)


def _check_sheet(sheet):
    widths = {len(cells) for _n, cells in sheet.rows}
    assert len(widths) <= 1
    numbers = [n for n, _c in sheet.rows]
    assert numbers == sorted(numbers)


@FUZZ
@given(rows=shape, far=st.one_of(st.none(), st.tuples(st.integers(1, 30), st.integers(11, 1500))))
def test_fuzzed_xlsx_read_or_refused(tmp_path, rows, far):
    path = _xlsx(tmp_path / "f.xlsx", rows, far)
    with memory_cap(600):
        try:
            sheet = reading.read_sheet(path)
        except UserError as exc:
            assert str(exc)
            return
    _check_sheet(sheet)


@FUZZ
@given(
    rows=shape,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16"]),
)
def test_fuzzed_csv_read_or_refused(tmp_path, rows, delimiter, encoding):
    path = tmp_path / "f.csv"
    text_rows = [["" if v is None else str(v) for v in r] for r in rows]
    try:
        with open(path, "w", encoding=encoding, newline="") as f:
            csv.writer(f, delimiter=delimiter).writerows(text_rows)
    except UnicodeEncodeError:
        return  # cp874 cannot hold every character
    with memory_cap(600):
        try:
            sheet = reading.read_sheet(path)
        except UserError as exc:
            assert str(exc)
            return
    _check_sheet(sheet)


@FUZZ
@given(
    n=st.integers(2, 12),
    cols=st.integers(2, 6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    data=st.data(),
)
def test_plain_csv_round_trips_whatever_the_delimiter(tmp_path, n, cols, delimiter, data):
    """Cells without delimiter characters come back exactly (a wrong sniff would split or
    join them)."""
    word = st.text(alphabet=st.sampled_from(list("กขคงจเแโ0123456789.")), min_size=1, max_size=8)
    header = [f"หัว{i}" for i in range(cols)]
    rows = [header] + [data.draw(st.lists(word, min_size=cols, max_size=cols)) for _ in range(n)]
    amounts = data.draw(st.booleans())
    if amounts and delimiter != ",":
        for r in rows[1:]:
            r[-1] = data.draw(st.sampled_from(["3,033.35", "1,200.00", "12,345,678.90"]))
    path = tmp_path / "p.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    sheet = reading.read_sheet(path)
    assert [c for _n, c in sheet.rows] == rows


@FUZZ
@given(rows=st.lists(st.lists(cell, min_size=6, max_size=6), min_size=1, max_size=15))
def test_fuzzed_accounts_file_gives_row_errors_not_tracebacks(ctx, tmp_path, rows):
    from tambon_desk.registry import households, places

    if places.home_tambon() is None:
        t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
        households.save_household(
            ctx, places.villages(t)[0], "7", [{"first_name": "สมศรี", "relation": "head"}]
        )
    kind = get_kind("accounts")
    header = ["ลำดับ", "หมู่ที่", "บ้านเลขที่", "วันที่", "หมวด", "จำนวนเงิน", "หมายเหตุ"]
    path = _xlsx(tmp_path / "acc.xlsx", [header] + [[i + 1, *r] for i, r in enumerate(rows)])
    with memory_cap(600):
        try:
            prepared = engine.prepare(kind, path)
            result = engine.run_import(ctx, prepared, dry_run=True)
        except UserError as exc:
            assert str(exc)
            return
    assert result.rows_read == len(rows)
    report = write_error_report(result, tmp_path / "errors.xlsx")
    wb = openpyxl.load_workbook(report)
    assert not [c for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.data_type == "f"]


def test_error_report_of_a_formula_value(tmp_path):
    """The error report lists what the file held; a formula there stays text."""
    from types import SimpleNamespace

    result = ImportResult("accounts", "บัญชี", tmp_path / "x.csv")
    result.add_error(
        SimpleNamespace(row=2, seq="1", rejected=False),
        "note",
        "ผิด",
        None,
        '=HYPERLINK("http://x","คลิก")',
    )
    wb = openpyxl.load_workbook(write_error_report(result, tmp_path / "e.xlsx"))
    assert not [c for r in wb.worksheets[0].iter_rows() for c in r if c.data_type == "f"]


pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
