"""Accounts kind: ledger lines of household account books, one line per row.

A row names the household by village number and house number (blank cells repeat the row
above, so a book keyed household by household needs them once), then the date (B.E.), the
category (its short code or its Thai name), the amount in baht and a note. Rows are checked
by the account-book service's bulk path (`accounts.check_rows`, the same rules as the keying
screen) and saved in one transaction by `accounts.insert_checked`.

All or nothing: when any row has an error, nothing is saved unless the clerk asks for the
valid rows only (`load accounts FILE --valid-only`, or the option in the import window).
Lines already in the books are not added again, so loading a file twice adds nothing.
"""

from __future__ import annotations

from .. import accounts, registry
from ..core.errors import UserError
from ..core.i18n import N_, _
from ..db.migrations.m0002_accounts import seed_rows
from ..db.models import Household, Tambon
from ..importers import cleaning as c
from ..importers.kinds import Field, ImportKind, register
from ..thai import MoneyError, normalize_space, normalize_thai, parse_baht

# check_rows field names -> this kind's columns
_FIELD_OF = {
    "household": "house_no",
    "date": "date",
    "category": "category",
    "amount": "amount",
    "duplicate": "amount",
}


def parse_amount(value) -> int | None:
    """Baht as typed or as an Excel number -> integer satang (exact; floats via str)."""
    if c.is_blank(value):
        return None
    try:
        return parse_baht(value)
    except MoneyError as exc:
        raise c.FieldError(str(exc)) from None


def parse_category(value) -> str | None:
    """The category as written (code or Thai name); matched against the list in `apply`."""
    if c.is_blank(value):
        return None
    return normalize_thai(normalize_space(str(value)))


FIELDS = [
    Field(
        "village",
        N_("Village No."),
        c.parse_moo,
        ("หมู่ที่", "หมู่", "ม.", "หมู่บ้าน", "moo", "village", "village no"),
        required=True,
        example=3,
        hint=N_("number, e.g. 3 or หมู่ 3"),
        fill_down=True,
        width=9,
    ),
    Field(
        "house_no",
        N_("House No."),
        c.parse_house_no,
        ("บ้านเลขที่", "เลขที่บ้าน", "เลขที่", "house no", "house number"),
        required=True,
        example="12/3",
        as_text=True,
        fill_down=True,
        width=11,
    ),
    Field(
        "date",
        N_("Date"),
        c.parse_date,
        ("วันที่", "วัน/เดือน/ปี", "วันเดือนปี", "ว/ด/ป", "วดป", "date"),
        required=True,
        example="03/11/2568",
        hint=N_("dd/mm/yyyy in B.E., e.g. 03/11/2568"),
        as_text=True,
        width=12,
    ),
    Field(
        "category",
        N_("Category"),
        parse_category,
        ("ประเภท", "ประเภทรายการ", "รายการ", "หมวด", "รหัส", "รหัสประเภท", "category", "code"),
        required=True,
        example="rubber",
        hint=N_("short code or Thai name"),
        width=22,
    ),
    Field(
        "amount",
        N_("Amount (baht)"),
        parse_amount,
        ("จำนวนเงิน", "จำนวนเงิน (บาท)", "จำนวน", "บาท", "เงิน", "amount", "baht"),
        required=True,
        example="1,250.50",
        hint=N_("baht, e.g. 1,250.50"),
        width=13,
    ),
    Field(
        "note",
        N_("Note"),
        c.parse_text,
        ("หมายเหตุ", "รายละเอียด", "note", "notes"),
        example="ขายน้ำยาง",
        width=24,
    ),
]

EXAMPLES = [
    {
        "seq": 1,
        "village": 3,
        "house_no": "12/3",
        "date": "03/11/2568",
        "category": "rubber",
        "amount": "1,250.50",
        "note": "ขายน้ำยาง",
    },
    {
        "seq": 2,
        "village": 3,
        "house_no": "12/3",
        "date": "03/11/2568",
        "category": "ค่าอาหาร",
        "amount": "185",
        "note": "",
    },
    {
        "seq": 3,
        "village": 3,
        "house_no": "12/3",
        "date": "05/11/2568",
        "category": "water_fee",
        "amount": "120",
        "note": "ค่าน้ำประปา",
    },
]

NOTES = (
    N_(
        "One line of the account book per row: village, house number, date, category, amount, note."
    ),
    N_("Village and house number may be left blank on the following rows of the same household."),
    N_(
        "Category: the short code (e.g. rubber, food, water_fee) or the Thai name as in the "
        "program's category list."
    ),
    N_("Dates in the Buddhist Era (dd/mm/yyyy, e.g. 03/11/2568) or as Excel dates."),
    N_(
        "If any row has an error nothing is saved, unless you choose to load only the valid "
        "rows. Lines already in the books are not added twice."
    ),
)


def _category_lines() -> tuple[str, ...]:
    """For the template's instructions: each group with its codes and Thai names (the
    shipped list; categories an administrator added later load by name or code too)."""
    by_group: dict = {}
    for r in seed_rows():
        by_group.setdefault(r["group"], []).append(f"{r['code']} = {r['name_th']}")
    return tuple(f"{accounts.group_label(g)}: " + ", ".join(items) for g, items in by_group.items())


def _category_finder():
    by_key = {}
    for cat in accounts.categories(include_retired=True):
        by_key.setdefault(cat.code.lower(), cat)
        by_key.setdefault(normalize_thai(cat.name_th), cat)

    def find(text):
        return by_key.get(text.lower()) or by_key.get(text)

    return find


def _households(tambon) -> tuple[dict, dict]:
    """({moo: village}, {(village id, house no): household id}) of living households."""
    villages = {v.moo: v for v in registry.villages(tambon)}
    homes = {}
    ids = [v.id for v in villages.values()]
    if ids:
        for hid, vid, no in (
            Household.select(Household.id, Household.village, Household.house_no)
            .where(Household.village.in_(ids) & Household.deleted_at.is_null())
            .tuples()
        ):
            homes[(vid, no)] = hid
    return villages, homes


def apply(ctx, rows, result, *, dry_run=False, progress=None, options=None):
    """Resolve households and categories, check every row, then save all (or the valid)."""
    options = options or {}
    kind = ACCOUNTS
    code = options.get("tambon")
    tambon = (
        Tambon.get_or_none((Tambon.code == str(code)) & Tambon.deleted_at.is_null())
        if code
        else registry.home_tambon()
    )
    if tambon is None:
        raise UserError(_("Register the tambon and its villages before loading account books."))
    villages, homes = _households(tambon)
    find_category = _category_finder()
    parsed, source_rows = [], []
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        found = registry.row_household(
            row, result, kind, villages, lambda vil, no: homes.get((vil.id, no))
        )
        if found is None:
            continue
        village, hid = found
        cat = find_category(v["category"])
        if cat is None:
            result.add_error(
                row,
                "category",
                _("Unknown category; use a code or Thai name from the category list."),
                kind,
                row.raw.get("category"),
            )
            continue
        parsed.append((hid, v["date"], cat.code, v["amount"], v.get("note") or ""))
        source_rows.append(row)
    if progress:
        progress(0, 1, _("Checking the lines…"))
    check = accounts.check_rows(parsed)
    for n, name, message in check.errors:
        row = source_rows[n - 1]
        result.add_error(
            row, _FIELD_OF.get(name, ""), message, kind, row.raw.get(_FIELD_OF.get(name, ""))
        )
    for n, _name, message in check.warnings[:50]:
        row = source_rows[n - 1]
        result.notes.append(_("Row {row}: {message}").format(row=row.row, message=message))
    bad = len(result.rejected_rows)
    good, already = accounts.drop_already_saved(check.good)
    result.count("lines", "unchanged", already)
    if bad and not options.get("valid_only"):
        result.refused = True
        result.notes.append(
            _(
                "Nothing was saved: {bad} rows have errors. Fix them and load "
                "the file again, or load only the valid rows ({good} lines)."
            ).format(bad=bad, good=len(good))
        )
        return
    if not dry_run:
        accounts.insert_checked(ctx, good, source=getattr(result.source, "name", "") or "")
    result.count("lines", "added", len(good))
    if progress:
        progress(1, 1, _("Done"))


ACCOUNTS = register(
    ImportKind(
        name="accounts",
        title=N_("Household account book lines"),
        fields=FIELDS,
        apply=apply,
        entities={"lines": N_("Ledger lines")},
        description=N_("Lines of household account books, one per row."),
        notes=NOTES + _category_lines(),
        examples=EXAMPLES,
    )
)
