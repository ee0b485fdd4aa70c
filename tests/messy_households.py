"""Generator of messy household lists (xlsx or CSV) with the truth they encode.

Every file differs: column order and header wording, title-block height, CSV or xlsx,
citizen IDs as numbers / dashed / spaced / Thai digits, birth dates as BE text, Thai
digits, Thai month names, real dates, BE years typed into date cells, CE text; phones
that lost their 0; `หมู่ 3` / Thai-digit villages; sex and titles spelled many ways;
blank and near-blank rows; optional fill-down layout (village and house number only on
the household's first row) and a combined name column. Errors can be injected into
non-head rows; `expected` says which rows (by ลำดับ) must be rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field

from tambon_desk.thai import MONTHS_SHORT, arabic_to_thai_digits, citizen_id_check_digit

FIRST_M = ["สมชาย", "บุญมี", "ประยุทธ", "วิชัย", "ณรงค์", "สุริยา", "อำนาจ", "ทองดี", "เกรียงไกร"]
FIRST_F = ["สมศรี", "น้ำฝน", "มาลี", "ปราณี", "อรุณี", "กาญจนา", "ลำดวน", "บุญเรือน", "ผ่องพรรณ"]
LAST = ["ใจดี", "ศรีสุข", "แก้วมณี", "บุญยืน", "ทองคำ", "หนูแก้ว", "ชูช่วย", "เพชรรัตน์"]
OCC = ["ทำนา", "ประมง", "ค้าขาย", "รับจ้างทั่วไป", "สวนมังคุด", "นักเรียน"]
RELATIONS = [
    ("คู่สมรส", "spouse"),
    ("บุตร", "child"),
    ("บิดา", "parent"),
    ("มารดา", "parent"),
    ("หลาน", "grandchild"),
]

HEADERS = {  # field -> header wordings seen in files
    "seq": ["ลำดับ", "ลำดับที่", "ที่"],
    "village": ["หมู่ที่", "หมู่", "ม."],
    "house_no": ["บ้านเลขที่", "เลขที่", "บ้านเลขที่ (ที่อยู่)"],
    "address": ["ที่อยู่", "ที่อยู่ตามทะเบียนบ้าน"],
    "title": ["คำนำหน้า", "คำนำหน้าชื่อ"],
    "first_name": ["ชื่อ", "ชื่อตัว"],
    "last_name": ["นามสกุล", "สกุล"],
    "full_name": ["ชื่อ-สกุล", "ชื่อ - นามสกุล"],
    "citizen_id": [
        "เลขประจำตัวประชาชน",
        "เลขบัตรประชาชน",
        "เลขประจำตัวประชาชน (13 หลัก)",
        "เลขที่บัตรประชาชน",
    ],
    "birth_date": ["วันเดือนปีเกิด", "วันเกิด", "ว/ด/ป เกิด"],
    "sex": ["เพศ"],
    "relation": ["ความสัมพันธ์", "ความสัมพันธ์กับหัวหน้าครัวเรือน", "สถานะในครัวเรือน", "สถานภาพในครัวเรือน"],
    "occupation": ["อาชีพ", "อาชีพหลัก"],
    "phone": ["โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์"],
}


def valid_cid(rng) -> str:
    first = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    return first + str(citizen_id_check_digit(first))


@dataclass
class Person:
    title: str
    first_name: str
    last_name: str
    citizen_id: str
    sex: str
    birth_date: dt.date
    relation: str  # service code
    relation_text: str
    occupation: str
    phone: str


@dataclass
class House:
    moo: int
    house_no: str
    members: list


@dataclass
class Expected:
    households: int = 0
    people: int = 0
    rejected: list = field(default_factory=list)  # ลำดับ numbers (str)


def make_truth(rng, moos, n_households: int, used_cids=None) -> list[House]:
    used = set(used_cids or ())
    houses, keys = [], set()
    while len(houses) < n_households:
        moo = rng.choice(list(moos))
        no = str(rng.randint(1, 300)) + (f"/{rng.randint(1, 9)}" if rng.random() < 0.3 else "")
        if (moo, no) in keys:
            continue
        keys.add((moo, no))
        last = rng.choice(LAST)
        members = []
        for j in range(rng.randint(1, 5)):
            female = rng.random() < 0.5
            born = dt.date(rng.randint(1940, 2020), rng.randint(1, 12), rng.randint(1, 28))
            child = born.year > dt.date.today().year - 15
            title = (
                ("ด.ญ." if female else "ด.ช.")
                if child
                else (rng.choice(["นาง", "นางสาว"]) if female else "นาย")
            )
            cid = valid_cid(rng)
            while cid in used:
                cid = valid_cid(rng)
            used.add(cid)
            rel_text, rel = ("หัวหน้าครัวเรือน", "head") if j == 0 else rng.choice(RELATIONS)
            phone = "0" + rng.choice("689") + "".join(str(rng.randint(0, 9)) for _ in range(8))
            members.append(
                Person(
                    title,
                    rng.choice(FIRST_F if female else FIRST_M),
                    last,
                    cid,
                    "F" if female else "M",
                    born,
                    rel,
                    rel_text,
                    rng.choice(OCC),
                    phone,
                )
            )
        houses.append(House(moo, no, members))
    return houses


def _messy_cid(rng, cid, csv_mode):
    style = rng.randrange(5)
    if style == 0 and not csv_mode:
        return int(cid)
    if style == 1:
        return f"{cid[0]}-{cid[1:5]}-{cid[5:10]}-{cid[10:12]}-{cid[12]}"
    if style == 2:
        return f" {cid[0]} {cid[1:5]} {cid[5:10]} {cid[10:12]} {cid[12]} "
    if style == 3:
        return arabic_to_thai_digits(cid)
    return cid


def _messy_date(rng, d, csv_mode):
    be = d.year + 543
    style = rng.randrange(7)
    if style == 0:
        return f"{d.day:02d}/{d.month:02d}/{be}"
    if style == 1:
        return arabic_to_thai_digits(f"{d.day}/{d.month}/{be}")
    if style == 2:
        return f"{d.day} {MONTHS_SHORT[d.month - 1]} {be}"
    if style == 3:
        return f"{d.day}/{d.month}/{d.year}"  # CE text
    if style == 4 and not csv_mode:
        return dt.datetime(d.year, d.month, d.day)  # a real date cell
    if style == 5 and not csv_mode:
        return dt.datetime(be, d.month, d.day)  # BE typed in a date cell
    return f"{d.day:02d}-{d.month:02d}-{be}"


def _messy_phone(rng, phone, csv_mode):
    style = rng.randrange(3)
    if style == 0:
        return int(phone) if not csv_mode else phone[1:]  # lost its leading 0
    if style == 1:
        return f"{phone[:3]}-{phone[3:6]}-{phone[6:]}"
    return phone


def _messy_moo(rng, moo):
    return rng.choice([moo, f"หมู่ {moo}", arabic_to_thai_digits(str(moo)), f"ม.{moo}", str(moo)])


def _messy_sex(rng, sex):
    return rng.choice({"M": ["ชาย", "ช", "M", "m"], "F": ["หญิง", "ญ", "F", "f"]}[sex])


def _messy_title(rng, title):
    return rng.choice(
        {
            "นาย": ["นาย", "นาย "],
            "นาง": ["นาง"],
            "นางสาว": ["นางสาว", "น.ส."],
            "ด.ช.": ["ด.ช.", "เด็กชาย"],
            "ด.ญ.": ["ด.ญ.", "เด็กหญิง"],
        }[title]
    )


def write_messy(
    path,
    houses,
    rng,
    *,
    csv_mode=False,
    title_rows=None,
    full_name=None,
    fill_down=None,
    errors=0,
    bad_village=None,
    used_cids=None,
    two_rows=None,
    address=None,
    cover_sheet=None,
) -> Expected:
    """Write `houses` messily to `path`; returns what a correct import must find.

    `errors` non-head rows get one of: future birth date, a citizen ID of an earlier row,
    a bad check digit. `bad_village` (a moo not in the tambon) is given to one extra
    household whose rows must all be rejected. `two_rows`: group headings ("ที่อยู่",
    "ชื่อ-สกุล") in a row above the sub-headings; `address`: village and house number in
    one address column; `cover_sheet`: an explanation sheet saved as the active sheet.
    """
    full_name = rng.random() < 0.3 if full_name is None else full_name
    fill_down = rng.random() < 0.3 if fill_down is None else fill_down
    title_rows = rng.randint(0, 4) if title_rows is None else title_rows
    two_rows = rng.random() < 0.25 if two_rows is None else two_rows
    address = rng.random() < 0.2 if address is None else address
    cover_sheet = (not csv_mode and rng.random() < 0.2) if cover_sheet is None else cover_sheet
    where = [["address"]] if address else [["village", "house_no"]]
    name = [["full_name"]] if full_name else [["title", "first_name", "last_name"]]
    units = (
        where
        + name
        + [[f] for f in ("citizen_id", "birth_date", "sex", "relation", "occupation", "phone")]
    )
    order = ["seq"] + [f for unit in rng.sample(units, len(units)) for f in unit]
    header = [rng.choice(HEADERS[f]) for f in order]
    group_row = None
    if two_rows:  # group heading over the first column of each group
        group_row = list(header)
        sub = [None] * len(order)
        for unit, title in ((where[0], "ที่อยู่"), (name[0], "ชื่อ - สกุล")):
            if len(unit) > 1:
                first = order.index(unit[0])
                for k, _f in enumerate(unit):
                    group_row[first + k] = title if k == 0 else None
                    sub[first + k] = header[first + k]
        header = sub
    expected = Expected()
    rows = []
    seq = 0
    earlier_cids = list(used_cids or ())
    candidates = [(h, i) for h, house in enumerate(houses) for i in range(1, len(house.members))]
    bad = set(map(tuple, rng.sample(candidates, min(errors, len(candidates)))))
    for h, house in enumerate(houses):
        loaded = 0
        for i, p in enumerate(house.members):
            seq += 1
            cid, born = p.citizen_id, p.birth_date
            if (h, i) in bad:
                kind = rng.randrange(3)
                if kind == 0:
                    born = dt.date.today() + dt.timedelta(days=rng.randint(30, 3000))
                elif kind == 1 and earlier_cids:
                    cid = rng.choice(earlier_cids)
                else:
                    cid = cid[:12] + str((int(cid[12]) + 1) % 10)
                expected.rejected.append(str(seq))
            else:
                loaded += 1
                earlier_cids.append(p.citizen_id)
            values = {
                "seq": seq,
                "village": _messy_moo(rng, house.moo),
                "house_no": arabic_to_thai_digits(house.house_no)
                if rng.random() < 0.2
                else house.house_no,
                "title": _messy_title(rng, p.title),
                "first_name": f" {p.first_name} ",
                "last_name": p.last_name,
                "full_name": f"{_messy_title(rng, p.title)}{p.first_name}  {p.last_name}",
                "citizen_id": _messy_cid(rng, cid, csv_mode),
                "birth_date": _messy_date(rng, born, csv_mode),
                "sex": _messy_sex(rng, p.sex),
                "relation": p.relation_text,
                "occupation": p.occupation,
                "phone": _messy_phone(rng, p.phone, csv_mode),
            }
            values["address"] = (
                f"{values['house_no']} {rng.choice(['หมู่', 'ม.', 'หมู่ที่'])} {house.moo} ต.ทดสอบ"
            )
            if csv_mode and rng.random() < 0.2:
                values["phone"] = f'="{p.phone}"'  # Excel's keep-as-text in a CSV
            if fill_down and i > 0:
                values["village"] = values["house_no"] = values["address"] = None
            rows.append([values[f] for f in order])
            if rng.random() < 0.08:
                rows.append([None] * len(order))
            if rng.random() < 0.05:
                rows.append(["  " if f == "house_no" else None for f in order])
        if loaded:
            expected.households += 1
            expected.people += loaded
    if bad_village is not None:
        for i, p in enumerate(houses[0].members):
            seq += 1
            rows.append(
                [
                    {
                        "seq": seq,
                        "village": bad_village,
                        "house_no": "999",
                        "title": p.title,
                        "first_name": p.first_name + "x",
                        "last_name": p.last_name,
                        "full_name": f"{p.first_name}x {p.last_name}",
                        "citizen_id": valid_cid(rng),
                        "birth_date": "01/01/2520",
                        "sex": p.sex,
                        "relation": "หัวหน้าครัวเรือน" if i == 0 else "บุตร",
                        "occupation": "-",
                        "phone": "-",
                        "address": f"999 หมู่ {bad_village}",
                    }[f]
                    for f in order
                ]
            )
            expected.rejected.append(str(seq))
    title_block = [
        ["ทะเบียนครัวเรือน ตำบลทดสอบ"] + [None] * (len(order) - 1),
        ["ข้อมูล ณ วันที่ 1/1/2569"] + [None] * (len(order) - 1),
        ["หน่วยงาน: อบต."] + [None] * (len(order) - 1),
        [None] * len(order),
    ][:title_rows]
    all_rows = title_block + ([group_row] if group_row else []) + [header] + rows
    if csv_mode:
        with open(path, "w", newline="", encoding=rng.choice(["utf-8-sig", "cp874"])) as fh:
            w = csv.writer(fh)
            for r in all_rows:
                w.writerow(["" if v is None else v for v in r])
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "รายชื่อ"
        if cover_sheet:
            cover = wb.create_sheet("คำอธิบาย", 0)
            cover.append(["ไฟล์นี้ส่งมาจากสำนักงานเกษตรอำเภอ"])
            cover.append(["ข้อมูลอยู่ในแผ่นงาน รายชื่อ"])
            wb.active = 0
        for r in all_rows:
            ws.append(r)
        if title_rows:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(order))
        wb.save(path)
    return expected
