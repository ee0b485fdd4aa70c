"""Report engine: Thai line breaking, shaped and searchable PDF, typed XLSX, charts."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date, datetime

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

import report_samples as samples

from tambon_desk.reports import fonts, thaiwrap
from tambon_desk.reports._fmt import baht, be_date, format_value
from tambon_desk.reports.model import Chart, Column, ReportDocument, Table, Text
from tambon_desk.reports.pdf import render_pdf
from tambon_desk.reports.xlsx import BE_DATE_FORMAT, render_xlsx, sheet_title

PUA = re.compile("[\ue000-\uf8ff]")
COMBINING = set(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def is_word_concat(line: str, words: set[str]) -> bool:
    """True when line can be cut into whole words from words."""
    ok = [True] + [False] * len(line)
    for i in range(len(line)):
        if ok[i]:
            for w in words:
                if line.startswith(w, i):
                    ok[i + len(w)] = True
    return ok[len(line)]


# ---------------------------------------------------------------- thaiwrap


def test_segment_keeps_words():
    assert thaiwrap.segment("ผู้ใหญ่บ้านใช้น้ำ") == ("ผู้ใหญ่บ้าน", "ใช้", "น้ำ")


def test_break_lines_at_word_boundaries():
    text = "".join(samples.PARAGRAPH_WORDS)
    lines = thaiwrap.break_lines(text, 20, len)
    assert "".join(lines) == text
    assert len(lines) > 5
    for line in lines:
        assert len(line) <= 20
        assert is_word_concat(line, set(samples.PARAGRAPH_WORDS)), line


def test_overlong_word_breaks_between_clusters_only():
    word = "กตัญญูกตเวทีธรรม" * 3
    lines = thaiwrap.break_lines(word, 5, len)
    assert "".join(lines) == word
    assert all(line and line[0] not in COMBINING for line in lines)
    assert len(lines) > 3


def test_break_lines_spaces_and_newlines():
    assert thaiwrap.break_lines("abc def\nghi", 4, len) == ["abc", "def", "ghi"]


# ---------------------------------------------------------------- formatting


def test_formatting_helpers():
    assert baht(123450) == "1,234.50"
    assert baht(-5) == "-0.05"
    assert be_date(date(2026, 11, 24)) == "24/11/2569"
    assert format_value("int", 1234567) == "1,234,567"
    assert format_value("percent", 12.345) == "12.3"
    assert format_value("money", None) == ""


# ---------------------------------------------------------------- shaping


def test_shaping_moves_marks():
    fonts.register()
    s = fonts.shape("ปั้น", fonts.REGULAR, 12)
    data = s.__shapeData__
    assert any(d.x_offset or d.y_offset for d in data), "HarfBuzz did not position marks"
    t = fonts.shape("ที่ดิน", fonts.REGULAR, 12)
    assert any(0xE000 <= ord(c) <= 0xF8FF for c in t), "no substituted (small) tone mark"


def test_private_glyphs_map_back_to_thai():
    fonts.register()
    from reportlab.pdfbase import pdfmetrics

    for w in samples.HARD_WORDS:
        fonts.shape(w, fonts.REGULAR, 11)
    font = pdfmetrics.getFont(fonts.REGULAR)
    assert font._private_text
    for code, text in font._private_text.items():
        assert all("\u0e00" <= c <= "\u0e7f" for c in text), (hex(code), text)


# ---------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    pages = render_pdf(samples.thai_sample(300), path)
    return path, pages


@pytest.fixture(scope="module")
def pdfminer_pages(sample_pdf):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    pages = []
    for layout in extract_pages(str(sample_pdf[0])):
        lines = []
        for box in layout:
            if isinstance(box, LTTextContainer):
                for line in box:
                    if isinstance(line, LTTextLine):
                        lines.append(nfkc(line.get_text()).strip())
        pages.append(lines)
    return pages


def test_pdf_text_via_pdfminer(sample_pdf, pdfminer_pages):
    path, pages = sample_pdf
    assert pages == len(pdfminer_pages) > 1
    text = "\n".join("\n".join(p) for p in pdfminer_pages)
    assert not PUA.search(text)
    assert nfkc("รายงานตัวอย่างภาษาไทย: ผู้ใหญ่บ้าน น้ำ ที่ดิน") in text
    for w in samples.HARD_WORDS:
        assert nfkc(w) in text, w
    assert nfkc("นางสาวสมชาย ใจดี") in text
    totals = samples.person_table(300).totals
    assert baht(totals["income"]) in text
    assert "1-0000-xxxxx-xx-0" in text
    assert "01/01/2563" in text  # BE date
    assert f"หน้า 1 จาก {pages}" in text


def test_pdf_text_via_pdftotext(sample_pdf):
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(sample_pdf[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not PUA.search(out)
    for w in samples.HARD_WORDS + ["ตำบลฝั่งแดง", "นางสาวสมชาย ใจดี"]:
        assert nfkc(w) in nfkc(out), w
        assert w in out, w  # ActualText gives the typed text exactly


def test_pdf_font_embedded(sample_pdf):
    out = subprocess.run(
        ["pdffonts", str(sample_pdf[0])], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert any("Sarabun-Regular" in r for r in rows)
    assert any("Sarabun-Bold" in r for r in rows)
    for r in rows:
        assert r.split()[-5] == "yes", r  # emb column: no unembedded fonts


def test_pdf_header_row_repeats(pdfminer_pages):
    # the table runs from its first page to the last page, header and caption repeated
    first = next(
        i for i, lines in enumerate(pdfminer_pages) if any(nfkc("ชื่อ - สกุล") in ln for ln in lines)
    )
    assert first <= 1
    for n, lines in enumerate(pdfminer_pages[first:], first + 1):
        assert any(nfkc("ชื่อ - สกุล") in ln for ln in lines), f"header missing on page {n}"
        if n > first + 1:
            assert any(nfkc("ทะเบียนครัวเรือน (ต่อ)") in ln for ln in lines), n
        assert any(nfkc("รายงานตัวอย่างภาษาไทย") in ln for ln in lines)


def test_pdf_paragraph_breaks_only_between_words(pdfminer_pages):
    words = {nfkc(w) for w in samples.PARAGRAPH_WORDS}
    para = nfkc(samples.LONG_PARAGRAPH)
    lines = [ln for ln in pdfminer_pages[0] if len(ln) > 3 and ln in para]
    assert len(lines) >= 3
    joined = ""
    for n, line in enumerate(lines):  # noqa: B007 (n is read after the break)
        if joined == para:
            break
        joined += line
    lines = lines[:n]
    assert joined == para
    for line in lines:
        assert is_word_concat(line, words), line


def test_pdf_to_file_object_and_landscape():
    doc = ReportDocument(
        "t",
        "ทดสอบแนวนอน",
        landscape=True,
        printed_by="ทดสอบ",
        printed_at=datetime(2026, 1, 2, 3, 4),
        blocks=[Text("น้ำ", "heading"), Text("หมายเหตุ", "note")],
    )
    buf = io.BytesIO()
    assert render_pdf(doc, buf) == 1
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "02/01/2569" in page.extract_text()


def test_big_table_paginates(tmp_path):
    """Speed is measured by benchmarks/reports.py, never here."""
    doc = samples.big_table(2000)
    pages = render_pdf(doc, tmp_path / "big.pdf")
    assert pages >= 40


# ---------------------------------------------------------------- XLSX


@pytest.fixture(scope="module")
def sample_xlsx(tmp_path_factory):
    import openpyxl

    path = tmp_path_factory.mktemp("xlsx") / "sample.xlsx"
    render_xlsx(samples.thai_sample(300), path)
    return openpyxl.load_workbook(path)


def test_xlsx_sheets_and_header(sample_xlsx):
    wb = sample_xlsx
    assert wb.sheetnames == ["รายงาน", "ทะเบียนครัวเรือน"]
    cover = wb["รายงาน"]
    assert cover["A1"].value.startswith("รายงานตัวอย่างภาษาไทย")
    assert cover["A2"].value == "ตำบลฝั่งแดง อำเภอปากพลี จังหวัดนครนายก"
    ws = wb["ทะเบียนครัวเรือน"]
    assert [c.value for c in ws[1]][:3] == ["ลำดับ", "บ้านเลขที่", "ชื่อ - สกุล"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H301"


def test_xlsx_typed_cells(sample_xlsx, pdfminer_pages):
    ws = sample_xlsx["ทะเบียนครัวเรือน"]
    row = {ws.cell(1, i).value: ws.cell(2, i) for i in range(1, ws.max_column + 1)}
    cid = row["เลขประจำตัวประชาชน"]
    assert isinstance(cid.value, str) and cid.number_format == "@"
    assert row["บ้านเลขที่"].number_format == "@" and row["บ้านเลขที่"].value == "1/0"
    assert row["รายได้ (บาท)"].value == 1500.0
    assert row["รายได้ (บาท)"].number_format == "#,##0.00"
    assert row["ลำดับ"].number_format == "#,##0"
    d = row["วันที่บันทึก"]
    assert d.is_date and d.value.date() == date(2020, 1, 1)
    assert d.number_format == BE_DATE_FORMAT
    # totals equal the PDF's totals text
    total_row = list(ws.iter_rows(min_row=ws.max_row, max_row=ws.max_row))[0]
    assert total_row[0].value == "รวมทั้งสิ้น"
    income = total_row[5]
    pdf_text = "\n".join("\n".join(p) for p in pdfminer_pages)
    assert f"{income.value:,.2f}" in pdf_text
    assert f"{income.value:,.2f}" == baht(samples.person_table(300).totals["income"])


def test_xlsx_large_table_and_leading_zeros(tmp_path):
    import openpyxl

    cols = [Column("id", "เลขบัตร", "citizen_id"), Column("amt", "จำนวนเงิน", "money")]
    rows = [{"id": f"{i:013d}", "amt": i} for i in range(6000)]
    doc = ReportDocument("big", "ใหญ่", blocks=[Table(cols, rows, title="ข้อมูล/ทดสอบ:[1]")])
    render_xlsx(doc, tmp_path / "big.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    assert wb.sheetnames[1] == "ข้อมูล ทดสอบ 1"
    ws = wb[wb.sheetnames[1]]
    values = [r for r in ws.iter_rows(min_row=2, max_row=3, values_only=True)]
    assert values[0] == ("0000000000000", 0.0)
    assert values[1] == ("0000000000001", 0.01)


def test_sheet_title_rules():
    used: set[str] = set()
    a = sheet_title("ก" * 40, used)
    b = sheet_title("ก" * 40, used)
    assert 25 <= len(a) <= 31 and len(b) <= 31 and a != b
    # cut at a word boundary, a repeat numbered
    c = sheet_title("คณะกรรมการพัฒนาคุณภาพชีวิตผู้สูงอายุระดับตำบล", used)
    d = sheet_title("คณะกรรมการพัฒนาคุณภาพชีวิตผู้สูงอายุระดับตำบล", used)
    assert c == "คณะกรรมการพัฒนาคุณภาพชีวิต" or c.endswith(("ชีวิต", "สูงอายุ"))
    assert d.endswith(" 2") and len(d) <= 31
    assert sheet_title("a/b\\c?d*e[f]g:h", used) == "a b c d e f g h"


# ---------------------------------------------------------------- charts


@pytest.mark.parametrize("kind", ["bar", "stacked_bar", "line", "pie"])
def test_charts(kind):
    from matplotlib.figure import Figure

    from tambon_desk.reports.charts import chart_png, figure_for

    chart = Chart(
        kind,
        "รายจ่ายตามหมวด",
        ["ค่าอาหารและเครื่องดื่มในครัวเรือน", "ค่าน้ำ", "ค่าไฟ"],
        [("2568", [100, 200, 300]), ("2569", [150, 120, 90])],
        y_label="บาท",
    )
    fig = figure_for(chart, 6, 3)
    assert isinstance(fig, Figure)
    png = chart_png(chart, dpi=150, width_in=6, height_in=3)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 5000


def test_chart_label_wrapping():
    from tambon_desk.reports.charts import wrap_label

    label = wrap_label("ค่าอาหารและเครื่องดื่มในครัวเรือน", 8)
    assert "\n" in label and label.replace("\n", "") == "ค่าอาหารและเครื่องดื่มในครัวเรือน"


def test_matplotlib_not_imported_at_module_import():
    code = (
        "import sys, tambon_desk.reports.pdf, tambon_desk.reports.charts, "
        "tambon_desk.reports.xlsx; print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler not installed")
def test_pdf_rasterises(sample_pdf, tmp_path):
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(sample_pdf[0]),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    assert list(tmp_path.glob("p-*.png"))


def test_chart_single_line_labels_share_a_baseline():
    from tambon_desk.reports.charts import figure_for

    chart = Chart("bar", "ทดสอบ", ["น้ำ", "ป่าไผ่", "ฝั่งแม่น้ำ"], [("ก", [1, 2, 3])])
    labels = figure_for(chart, 6, 3).axes[0].get_xticklabels()
    assert [label.get_va() for label in labels] == ["baseline"] * 3


def test_cell_lines_fit_their_width():
    from tambon_desk.reports.pdf import STYLES, ThaiParagraph

    p = ThaiParagraph("นายอุดมศักดิ์ กตัญญูกตเวทีธรรม ฟื้นฟูสุขสวัสดิ์ 1-2345-xxxxx-xx-3", STYLES["cell"])
    width, height = p.wrap(60, 1000)
    assert len(p._lines) > 2 and height == len(p._lines) * STYLES["cell"].leading
    for line in p._lines:
        assert fonts.text_width(line, fonts.REGULAR, STYLES["cell"].fontSize) <= 60, line
        assert line[0] not in COMBINING


def test_long_paragraph_splits_across_pages(tmp_path):
    from pdfminer.high_level import extract_text

    doc = ReportDocument("long", "ยาว", blocks=[Text(samples.LONG_PARAGRAPH * 25)])
    pages = render_pdf(doc, tmp_path / "long.pdf")
    assert pages >= 2
    text = nfkc(extract_text(str(tmp_path / "long.pdf")))
    body = "".join(ln for ln in text.splitlines() if ln and ln in nfkc(samples.LONG_PARAGRAPH * 25))
    assert body == nfkc(samples.LONG_PARAGRAPH * 25)
