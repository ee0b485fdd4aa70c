"""Sample report documents for the engine tests: Thai paragraphs, hard words, long tables.

Run ``python tests/report_samples.py OUTDIR`` to write thai_sample.pdf/.xlsx
and big_table.pdf, then ``pdftoppm -r 110 -png`` to look at them.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from tambon_desk.reports.model import Chart, Column, KeyValues, ReportDocument, Table, Text

HARD_WORDS = [
    "ผู้ใหญ่บ้าน",
    "น้ำ",
    "ที่ดิน",
    "กี่",
    "ปั้น",
    "ญี่ปุ่น",
    "ฐาน",
    "กตัญญู",
    "ปู่",
    "ฝั่ง",
    "ฟื้นฟู",
    "ค่ำ",
    "สิ่งแวดล้อม",
    "ฤดูแล้ง",
]

# dictionary words joined without spaces: a line may only break between them
PARAGRAPH_WORDS = [
    "การ",
    "ประชุม",
    "ประชาคม",
    "หมู่บ้าน",
    "เพื่อ",
    "จัดทำ",
    "แผนพัฒนา",
    "ชุมชน",
    "และ",
    "บัญชี",
    "ครัวเรือน",
    "ของ",
    "เกษตรกร",
    "ใน",
    "ฤดูแล้ง",
    "ที่",
    "ผ่าน",
    "มา",
    "ผู้ใหญ่บ้าน",
    "ได้",
    "ชี้แจง",
    "เรื่อง",
    "การ",
    "ใช้",
    "น้ำ",
    "จาก",
    "อ่างเก็บน้ำ",
    "ร่วมกัน",
    "อย่าง",
    "ประหยัด",
    "และ",
    "การ",
    "แก้ไข",
    "ปัญหา",
    "ที่ดิน",
    "ทำกิน",
    "ของ",
    "ชาวบ้าน",
    "โดย",
    "ให้",
    "ทุก",
    "ครัวเรือน",
    "บันทึก",
    "รายรับ",
    "รายจ่าย",
    "ทุก",
    "เดือน",
]
LONG_PARAGRAPH = "".join(PARAGRAPH_WORDS * 2)

FIRST = [
    "สมชาย",
    "สมหญิง",
    "ประยุทธ์",
    "บุญมี",
    "ทองใบ",
    "มณีรัตน์",
    "ศรีสุดา",
    "ปิ่นแก้ว",
    "ญาณิศา",
    "ฐิติพร",
    "ฟ้าใส",
    "อุดมศักดิ์",
]
LAST = ["ใจดี", "ศรีสุข", "ปั้นทอง", "น้ำใจงาม", "ผู้ใหญ่ยิ่ง", "ทองประเสริฐ", "ฟื้นฟูสุขสวัสดิ์", "กตัญญูกตเวทีธรรม"]


def person_rows(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "no": i + 1,
                "house": f"{(i % 250) + 1}/{i % 7}",
                "name": f"{'นาย' if i % 2 else 'นางสาว'}{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}",
                "cid": f"1-{(i * 37) % 10000:04d}-xxxxx-xx-{i % 10}",
                "village": f"หมู่ {i % 12 + 1} บ้าน{['หนองน้ำใส', 'ป่าไผ่', 'ฝั่งแม่น้ำ', 'ทุ่งกุลา'][i % 4]}",
                "income": 150000 + (i * 7919) % 4000000,
                "share": round((i * 13) % 1000 / 10, 1),
                "since": date(2020 + i % 6, i % 12 + 1, i % 28 + 1),
            }
        )
    return rows


def person_table(n: int, title: str = "ทะเบียนครัวเรือน") -> Table:
    cols = [
        Column("no", "ลำดับ", "int", 0.5),
        Column("house", "บ้านเลขที่", "code", 0.7),
        Column("name", "ชื่อ - สกุล", "text", 1.8),
        Column("cid", "เลขประจำตัวประชาชน", "citizen_id", 1.5),
        Column("village", "หมู่บ้าน", "text", 1.2),
        Column("income", "รายได้ (บาท)", "money", 1.1),
        Column("share", "ร้อยละ", "percent", 0.6),
        Column("since", "วันที่บันทึก", "date", 1.0),
    ]
    rows = person_rows(n)
    totals = {"no": "รวมทั้งสิ้น", "income": sum(r["income"] for r in rows)}
    return Table(cols, rows, title=title, totals=totals, sheet_name=title)


def thai_sample(rows: int = 300) -> ReportDocument:
    return ReportDocument(
        name="thai-sample",
        title="รายงานตัวอย่างภาษาไทย: ผู้ใหญ่บ้าน น้ำ ที่ดิน",
        tambon="ฝั่งแดง",
        district="ปากพลี",
        province="นครนายก",
        subtitle="ประจำเดือนพฤศจิกายน 2569",
        printed_by="ผู้ดูแลระบบ",
        printed_at=datetime(2026, 11, 24, 14, 30),
        blocks=[
            Text("คำยาก", "heading"),
            Text(" ".join(HARD_WORDS)),
            Text("ข้อความยาวไม่มีช่องว่าง", "heading"),
            Text(LONG_PARAGRAPH),
            KeyValues(
                [
                    ("ผู้ใหญ่บ้าน", "นายปั้น ญี่ปุ่นดี"),
                    ("จำนวนครัวเรือน", "1,234"),
                    ("แหล่งน้ำ", "อ่างเก็บน้ำห้วยฝั่งแดง (ความจุ 120,000 ลบ.ม.)"),
                ]
            ),
            Chart(
                "bar",
                "รายได้และรายจ่ายเฉลี่ยต่อครัวเรือน",
                ["หมู่ 1 บ้านหนองน้ำใส", "หมู่ 2 บ้านป่าไผ่", "หมู่ 3 บ้านฝั่งแม่น้ำ", "หมู่ 4 บ้านทุ่งกุลาร้องไห้"],
                [("รายได้", [12500, 9800, 15200, 7400]), ("รายจ่าย", [9100, 8700, 11000, 6900])],
                y_label="บาท",
            ),
            Text("หมายเหตุ: เลขประจำตัวประชาชนถูกปิดบังตามกฎหมายคุ้มครองข้อมูลส่วนบุคคล", "note"),
            person_table(rows),
        ],
    )


def big_table(rows: int = 2000) -> ReportDocument:
    return ReportDocument(
        name="big-table",
        title="ทะเบียนครัวเรือนทั้งตำบล",
        tambon="ฝั่งแดง",
        district="ปากพลี",
        province="นครนายก",
        subtitle="ปีงบประมาณ 2569",
        printed_by="เสมียน",
        printed_at=datetime(2026, 11, 24, 9, 5),
        blocks=[person_table(rows)],
    )


def charts_sample() -> ReportDocument:
    """Landscape page with the other chart kinds (line, stacked bar, pie)."""
    months = [
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
    ]
    return ReportDocument(
        name="charts-sample",
        title="สมดุลน้ำรายเดือน ปีงบประมาณ 2569",
        tambon="ฝั่งแดง",
        district="ปากพลี",
        province="นครนายก",
        subtitle="ทั้งตำบล",
        landscape=True,
        printed_by="ผู้ดูแลระบบ",
        printed_at=datetime(2026, 11, 24, 14, 30),
        blocks=[
            Chart(
                "line",
                "น้ำต้นทุนและความต้องการใช้น้ำ (ลบ.ม.)",
                months,
                [
                    ("น้ำต้นทุน", [900, 700, 500, 350, 250, 200, 260, 600, 1200, 1500, 1700, 1400]),
                    (
                        "ความต้องการใช้น้ำ",
                        [500, 520, 560, 600, 640, 700, 720, 650, 560, 520, 500, 480],
                    ),
                ],
                y_label="ลูกบาศก์เมตร",
            ),
            Chart(
                "stacked_bar",
                "โครงสร้างรายจ่ายครัวเรือน",
                ["หมู่ 1", "หมู่ 2", "หมู่ 3"],
                [
                    ("อุปโภคบริโภค", [4200, 3900, 4500]),
                    ("ต้นทุนการผลิต", [2600, 3100, 2000]),
                    ("หนี้สิน", [1200, 900, 1500]),
                ],
                y_label="บาท",
            ),
            Chart(
                "pie",
                "สัดส่วนแหล่งทุนโครงการ",
                ["ชุมชนดำเนินการเอง", "องค์กรปกครองส่วนท้องถิ่น", "หน่วยงานภายนอก"],
                [("งบประมาณ", [35, 45, 20])],
            ),
        ],
    )


def main(argv=None) -> int:
    from .pdf import render_pdf
    from .xlsx import render_xlsx

    out = Path((argv or sys.argv[1:] or ["."])[0])
    out.mkdir(parents=True, exist_ok=True)
    doc = thai_sample()
    print("thai_sample.pdf pages:", render_pdf(doc, out / "thai_sample.pdf"))
    render_xlsx(doc, out / "thai_sample.xlsx")
    print("charts.pdf pages:", render_pdf(charts_sample(), out / "charts.pdf"))
    print("big_table.pdf pages:", render_pdf(big_table(), out / "big_table.pdf"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
