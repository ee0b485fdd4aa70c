"""The `crop-costs` import kind: production-cost accounts from a spreadsheet, one cost line
per row.

Rows are grouped into a cycle by (village, house number, plot name, crop, season, year B.E.).
A plot the household does not have yet is created with the area the row gives (the trial
run says which plots it would create). The cycle's yield and price repeat on its rows, or
sit in a second sheet "ผลผลิต" (same keys, yield and price); the equipment list for
depreciation is the sheet "อุปกรณ์" (village, house number, name, price, salvage, years), and
a depreciation row names its equipment in the item column. A re-load updates: a line is the
same line when its cycle, kind, activity and item are the same, so loading a file twice adds
nothing and a corrected quantity or price changes the line.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .. import registry
from ..core.errors import UserError
from ..core.i18n import N_, _
from ..core.records import transaction
from ..db.models import Household
from ..importers import cleaning as c
from ..importers.kinds import Field, ImportKind, register
from ..importers.mapping import normalize_header
from ..importers.reading import read_sheet
from ..thai import AreaError, MoneyError, ce_year, normalize_space, parse_baht
from .cycles import add_line, cycles_of, edit_line, lines_of, save_cycle
from .plots import area_m2, equipment_of, plots_of, save_equipment, save_plot
from .reference import ACTIVITIES, COST_KINDS, SEASONS, find_crop, kind_label, label

YIELD_SHEET = "ผลผลิต"
EQUIPMENT_SHEET = "อุปกรณ์"
_SEASON_WORDS = {
    "นาปี": "main",
    "ปี": "main",
    "main": "main",
    "นาปรัง": "second",
    "ปรัง": "second",
    "second": "second",
    "ทั้งปี": "year",
    "รายปี": "year",
    "year": "year",
    "อื่น": "other",
    "other": "other",
}
_FAMILY_WORDS = ("family", "ครัวเรือน", "ในครัวเรือน", "แรงงานครัวเรือน")


def parse_money(value) -> int | None:
    if c.is_blank(value):
        return None
    try:
        return parse_baht(value)
    except MoneyError as exc:
        raise c.FieldError(str(exc)) from None


def parse_number(value) -> Decimal | None:
    if c.is_blank(value):
        return None
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise c.FieldError(_("Enter a number.")) from None
    if not d.is_finite() or d < 0:
        raise c.FieldError(_("Enter a number."))
    return d


def parse_area(value):
    if c.is_blank(value):
        return None
    try:
        return area_m2(value if not isinstance(value, float) else str(value))
    except (AreaError, ValueError) as exc:
        raise c.FieldError(str(exc)) from None


def parse_season(value) -> str | None:
    if c.is_blank(value):
        return None
    t = normalize_space(str(value)).lower()
    for word, code in _SEASON_WORDS.items():
        if t == word or t.startswith(word):
            return code
    for code in SEASONS:
        if t == label(SEASONS, code).lower():
            return code
    raise c.FieldError(_("Season: นาปี, นาปรัง, ทั้งปี or อื่น ๆ."))


def parse_year(value) -> int | None:
    if c.is_blank(value):
        return None
    text = str(value).split("/")[0].strip()
    try:
        y = int(float(text))
    except ValueError:
        raise c.FieldError(_("Enter the season year in B.E., e.g. 2567.")) from None
    if not 2400 <= y <= 2800:
        raise c.FieldError(_("Enter the season year in B.E., e.g. 2567."))
    return y


def parse_kind(value) -> str | None:
    if c.is_blank(value):
        return None
    t = normalize_space(str(value)).lower()
    for code in COST_KINDS:
        if t in (code, kind_label(code).lower()) or kind_label(code).lower().startswith(t):
            return code
    if any(w in t for w in _FAMILY_WORDS) and ("แรง" in t or "labour" in t):
        return "labour_family"
    raise c.FieldError(
        _(
            "Unknown kind of cost; use a code such as labour, seed, fertiliser, "
            "machinery, land, depreciation."
        )
    )


def parse_activity(value) -> str | None:
    if c.is_blank(value):
        return None
    t = normalize_space(str(value)).lower()
    for code in ACTIVITIES:
        if code and (t == code or t == label(ACTIVITIES, code).lower()):
            return code
    raise c.FieldError(_("Activity: land_prep, planting, care, harvest or post_harvest."))


def parse_cash(value) -> bool | None:
    if c.is_blank(value):
        return None
    t = normalize_space(str(value)).lower()
    if t in ("1", "y", "yes", "cash", "สด", "เงินสด", "true"):
        return True
    if t in ("0", "n", "no", "non-cash", "ไม่", "ไม่สด", "ไม่ใช่เงินสด", "false"):
        return False
    raise c.FieldError(_("Cash: write เงินสด or ไม่ใช่เงินสด."))


FIELDS = [
    Field(
        "village",
        N_("Village No."),
        c.parse_moo,
        ("หมู่ที่", "หมู่", "moo", "village"),
        required=True,
        example=3,
        fill_down=True,
        width=8,
    ),
    Field(
        "house_no",
        N_("House No."),
        c.parse_house_no,
        ("บ้านเลขที่", "เลขที่", "house no"),
        required=True,
        example="12/3",
        as_text=True,
        fill_down=True,
        width=10,
    ),
    Field(
        "plot",
        N_("Plot"),
        c.parse_text,
        ("แปลง", "ชื่อแปลง", "plot"),
        required=True,
        example="นาหลังบ้าน",
        fill_down=True,
        width=14,
    ),
    Field(
        "plot_area",
        N_("Plot area (rai-ngan-wa)"),
        parse_area,
        ("พื้นที่แปลง", "เนื้อที่", "พื้นที่ (ไร่-งาน-วา)", "plot area", "area"),
        example="10-0-0",
        hint=N_("e.g. 10-0-0 or 10 ไร่"),
        as_text=True,
        fill_down=True,
        width=12,
    ),
    Field(
        "crop",
        N_("Crop"),
        c.parse_text,
        ("พืช", "ชนิดพืช", "crop"),
        required=True,
        example="ข้าวนาปี",
        fill_down=True,
        width=12,
    ),
    Field(
        "season",
        N_("Season"),
        parse_season,
        ("ฤดู", "ฤดูกาล", "season"),
        example="นาปี",
        fill_down=True,
        width=9,
    ),
    Field(
        "year",
        N_("Season year (B.E.)"),
        parse_year,
        ("ปี", "ปีการผลิต", "ปีเพาะปลูก", "year"),
        required=True,
        example=2567,
        fill_down=True,
        width=8,
    ),
    Field(
        "kind",
        N_("Kind of cost"),
        parse_kind,
        ("ประเภทต้นทุน", "ประเภท", "หมวด", "kind"),
        required=True,
        example="machinery",
        width=16,
    ),
    Field(
        "activity",
        N_("Activity"),
        parse_activity,
        ("กิจกรรม", "ขั้นตอน", "activity"),
        example="land_prep",
        width=12,
    ),
    Field("item", N_("Item"), c.parse_text, ("รายการ", "item"), example="ไถดะ", width=18),
    Field(
        "quantity",
        N_("Quantity"),
        parse_number,
        ("จำนวน", "ปริมาณ", "quantity", "qty"),
        required=True,
        example=10,
        width=8,
    ),
    Field("unit", N_("Unit"), c.parse_text, ("หน่วย", "unit"), example="ไร่", width=7),
    Field(
        "unit_price",
        N_("Unit price (baht)"),
        parse_money,
        ("ราคาต่อหน่วย", "ราคา/หน่วย", "unit price", "price per unit"),
        required=True,
        example="350",
        width=10,
    ),
    Field(
        "cash",
        N_("Cash / non-cash"),
        parse_cash,
        ("เงินสด", "เงินสด/ไม่ใช่เงินสด", "cash"),
        example="เงินสด",
        width=10,
    ),
    Field(
        "yield_kg",
        N_("Yield (kg)"),
        parse_number,
        ("ผลผลิต", "ผลผลิต (กก.)", "yield"),
        example=4500,
        width=9,
    ),
    Field(
        "price",
        N_("Farm-gate price (baht/kg)"),
        parse_money,
        ("ราคาขาย", "ราคาที่เกษตรกรขายได้", "ราคา (บาท/กก.)", "farm-gate price"),
        example="9.50",
        width=10,
    ),
    Field("note", N_("Note"), c.parse_text, ("หมายเหตุ", "note"), width=16),
]

EXAMPLES = [
    {
        "seq": 1,
        "village": 3,
        "house_no": "12/3",
        "plot": "นาหลังบ้าน",
        "plot_area": "10-0-0",
        "crop": "ข้าวนาปี",
        "season": "นาปี",
        "year": 2567,
        "kind": "machinery",
        "activity": "land_prep",
        "item": "ไถดะ",
        "quantity": 10,
        "unit": "ไร่",
        "unit_price": "350",
        "cash": "เงินสด",
        "yield_kg": 4500,
        "price": "9.50",
    },
    {
        "seq": 2,
        "kind": "แรงงานในครัวเรือน",
        "activity": "care",
        "item": "ดูแลแปลง",
        "quantity": 12.5,
        "unit": "วัน",
        "unit_price": "300",
        "cash": "ไม่ใช่เงินสด",
    },
    {
        "seq": 3,
        "kind": "depreciation",
        "item": "เครื่องพ่นยา",
        "quantity": 0.5,
        "unit": "ปี",
        "unit_price": "2,000",
        "cash": "ไม่ใช่เงินสด",
    },
]

NOTES = (
    N_(
        "One cost line per row. Rows with the same village, house number, plot, crop, season "
        "and year make one crop cycle; those columns may be left blank on the rows below."
    ),
    N_("A plot the household does not have yet is created with the plot area given."),
    N_(
        "The yield and farm-gate price may repeat on every row of the cycle, or be written "
        "in the sheet ผลผลิต (village, house number, plot, crop, season, year, yield, price)."
    ),
    N_(
        "Equipment for depreciation goes in the sheet อุปกรณ์ (village, house number, name, "
        "price, salvage value, years of use); a depreciation row names it in the item column."
    ),
    N_(
        "Loading the file again updates the lines: the same cycle, kind, activity and item is "
        "the same line."
    ),
)


def _key(v: dict) -> tuple:
    return (
        v["village"],
        v["house_no"],
        normalize_space(v["plot"]),
        v["crop"],
        v.get("season") or "",
        v["year"],
    )


def _side_rows(path, sheet: str) -> list[dict]:
    """Rows of a side sheet as {normalised header: cell}; [] when the sheet is absent."""
    if path is None or str(path).lower().endswith(".csv"):
        return []
    try:
        sh = read_sheet(path, sheet)
    except (UserError, OSError, KeyError):
        return []
    if not sh.rows:
        return []
    head = [normalize_header(str(x or "")) for x in sh.rows[0][1]]
    return [dict(zip(head, cells, strict=False)) for _r, cells in sh.rows[1:]]


def _pick(row: dict, *names):
    for n in names:
        v = row.get(normalize_header(n))
        if not c.is_blank(v):
            return v
    return None


def _household(village, house_no):
    """The living household of `village` with this house number (numbers hold slashes)."""
    return (
        Household.alive()
        .where((Household.village == village) & (Household.house_no == house_no))
        .first()
    )


def extra_sheets(wb) -> None:
    """The template's yield and equipment sheets (headers only)."""
    from openpyxl.styles import Font

    for name, heads in (
        (YIELD_SHEET, ["หมู่ที่", "บ้านเลขที่", "แปลง", "พืช", "ฤดู", "ปี", "ผลผลิต (กก.)", "ราคา (บาท/กก.)"]),
        (EQUIPMENT_SHEET, ["หมู่ที่", "บ้านเลขที่", "ชื่ออุปกรณ์", "ราคาซื้อ", "มูลค่าซาก", "อายุใช้งาน (ปี)"]),
    ):
        ws = wb.create_sheet(name)
        ws.append(heads)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col in "ABCDEFGH":
            ws.column_dimensions[col].width = 14


def apply(ctx, rows, result, *, dry_run=False, progress=None, options=None):
    """Group rows into cycles, resolve households, plots and crops, then write (or count)."""
    options = options or {}
    tambon = registry.resolve_tambon(options.get("tambon"))
    if tambon is None:
        raise UserError(_("Register the tambon and its villages before loading cost accounts."))
    villages = {v.moo: v for v in registry.villages(tambon)}
    groups: dict = {}
    kind = CROP_COSTS
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        found = registry.row_household(row, result, kind, villages, _household)
        if found is None:
            continue
        village, h = found
        crop = find_crop(v["crop"])
        if crop is None:
            result.add_error(
                row,
                "crop",
                _("Unknown crop; use a name from the crop list."),
                kind,
                row.raw.get("crop"),
            )
            continue
        groups.setdefault(_key(v), {"household": h, "crop": crop, "rows": []})["rows"].append(row)
    yields = {}
    for r in _side_rows(getattr(result, "source", None), YIELD_SHEET):
        try:
            key = (
                c.parse_moo(_pick(r, "หมู่ที่", "หมู่", "village")),
                c.parse_house_no(_pick(r, "บ้านเลขที่", "house no")),
                normalize_space(str(_pick(r, "แปลง", "plot") or "")),
                str(_pick(r, "พืช", "crop") or ""),
                parse_season(_pick(r, "ฤดู", "season")) or "",
                parse_year(_pick(r, "ปี", "year")),
            )
            yields[key] = (
                parse_number(_pick(r, "ผลผลิต", "ผลผลิต (กก.)", "yield")),
                parse_money(_pick(r, "ราคาขาย", "ราคา (บาท/กก.)", "price")),
            )
        except c.FieldError as exc:
            result.notes.append(
                _("Sheet {sheet}: {message}").format(sheet=YIELD_SHEET, message=exc)
            )
    equipment_rows = _side_rows(getattr(result, "source", None), EQUIPMENT_SHEET)
    if progress:
        progress(0, max(len(groups), 1), _("Loading the cost lines…"))
    with transaction(ctx) if not dry_run else _Nothing():
        _equipment(ctx, equipment_rows, villages, tambon, result, dry_run)
        for n, (key, g) in enumerate(groups.items()):
            _cycle(ctx, key, g, yields.get(key), result, dry_run)
            if progress:
                progress(n + 1, len(groups), "")


class _Nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _equipment(ctx, rows, villages, tambon, result, dry_run):
    for r in rows:
        try:
            moo = c.parse_moo(_pick(r, "หมู่ที่", "หมู่", "village"))
            no = c.parse_house_no(_pick(r, "บ้านเลขที่", "house no"))
            name = normalize_space(str(_pick(r, "ชื่ออุปกรณ์", "อุปกรณ์", "name") or ""))
            cost = parse_money(_pick(r, "ราคาซื้อ", "ราคา", "price", "cost"))
            salvage = parse_money(_pick(r, "มูลค่าซาก", "salvage")) or 0
            life = int(parse_number(_pick(r, "อายุใช้งาน (ปี)", "อายุใช้งาน", "years", "life")) or 0)
            h = _household(villages.get(moo), no) if moo in villages else None
            if h is None:
                raise c.FieldError(_("No household {no} in Moo {moo}.").format(no=no, moo=moo))
        except (c.FieldError, TypeError) as exc:
            result.notes.append(
                _("Sheet {sheet}: {message}").format(sheet=EQUIPMENT_SHEET, message=exc)
            )
            continue
        existing = {e.name: e for e in equipment_of(h)}
        if name in existing:
            result.count("equipment", "unchanged")
            continue
        if not dry_run:
            save_equipment(ctx, h, name, cost, life, salvage=salvage)
        result.count("equipment", "added")


def _cycle(ctx, key, g, side_yield, result, dry_run):
    h, crop, rows = g["household"], g["crop"], g["rows"]
    moo, house_no, plot_name, _crop, season, year_be = key
    plot = next((p for p in plots_of(h) if p.name == plot_name), None)
    if plot is None:
        area = next((r.values.get("plot_area") for r in rows if r.values.get("plot_area")), None)
        if area is None:
            result.add_error(
                rows[0],
                "plot_area",
                _("The plot {plot} is new: give its area (rai-ngan-wa).").format(plot=plot_name),
                CROP_COSTS,
                "",
            )
            return
        result.notes.append(
            _("House {no} (Moo {moo}): the plot {plot} will be created ({area} m²).").format(
                no=house_no, moo=moo, plot=plot_name, area=f"{area:,}"
            )
        )
        result.count("plots", "added")
        if dry_run:
            result.count("cycles", "added")
            result.count("lines", "added", len(rows))
            return
        plot = save_plot(ctx, h, {"name": plot_name, "area": area})
    yield_kg = next((r.values.get("yield_kg") for r in rows if r.values.get("yield_kg")), None)
    price = next((r.values.get("price") for r in rows if r.values.get("price")), None)
    if side_yield is not None:
        yield_kg = side_yield[0] if side_yield[0] is not None else yield_kg
        price = side_yield[1] if side_yield[1] is not None else price
    year = ce_year(year_be)
    season = season or ("year" if crop.perennial else "main")
    cycle = next(
        (
            x
            for x in cycles_of(plot)
            if x.crop_id == crop.id and x.year == year and x.season == season
        ),
        None,
    )
    values = {"crop": crop, "season": season, "year": year}
    if yield_kg is not None:
        values["yield_kg"] = float(yield_kg)
    if price is not None:
        values["price"] = price
    if cycle is None:
        result.count("cycles", "added")
        if dry_run:
            result.count("lines", "added", len(rows))
            return
        cycle = save_cycle(ctx, plot, values, propose_land=False)
    else:
        changed = any(
            getattr(cycle, k) != (v if k != "crop" else crop)
            for k, v in values.items()
            if k != "crop"
        )
        result.count("cycles", "updated" if changed else "unchanged")
        if changed and not dry_run:
            cycle = save_cycle(ctx, plot, values, record=cycle)
    existing = {(ln.kind, ln.family, ln.activity, ln.item): ln for ln in lines_of(cycle)}
    eqs = {e.name: e for e in equipment_of(h)} if not dry_run else {}
    for row in rows:
        v = row.values
        k = v["kind"]
        kind, family = ("labour", True) if k == "labour_family" else (k, False)
        item = normalize_space(v.get("item") or "")
        ident = (kind, family, v.get("activity") or "", item)
        cash = v.get("cash")
        if cash is None:
            cash = not (family or kind == "depreciation")
        line = existing.get(ident)
        fields = dict(
            quantity=v["quantity"], unit_price=v["unit_price"], cash=cash, unit=v.get("unit") or ""
        )
        if line is None:
            result.count("lines", "added")
            if not dry_run:
                existing[ident] = add_line(
                    ctx,
                    cycle,
                    kind,
                    activity=ident[2],
                    item=item,
                    family=family,
                    equipment=eqs.get(item),
                    note=v.get("note") or "",
                    **fields,
                )
        elif (Decimal(str(line.quantity)), line.unit_price, line.cash) != (
            v["quantity"],
            v["unit_price"],
            cash,
        ):
            result.count("lines", "updated")
            if not dry_run:
                edit_line(ctx, line, **fields)
        else:
            result.count("lines", "unchanged")


CROP_COSTS = register(
    ImportKind(
        name="crop-costs",
        title=N_("Crop production costs"),
        fields=FIELDS,
        apply=apply,
        entities={
            "plots": N_("Plots"),
            "cycles": N_("Crop cycles"),
            "lines": N_("Cost lines"),
            "equipment": N_("Equipment"),
        },
        description=N_("Production-cost accounts of crop cycles, one cost line per row."),
        notes=NOTES,
        examples=EXAMPLES,
        extra_sheets=extra_sheets,
    )
)
