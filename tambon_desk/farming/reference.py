"""Reference data of the farming area: crops (a table, seeded), labels of the codes, the
settings of the OAE method, the published cost figures (resources/farming/
reference_costs.csv, one row per crop and year with its source and unit; editable), and
the perennials' age classes (resources/farming/age_classes.csv: rubber not yet tapped /
tapping, fruit trees not yet bearing / bearing; each row with its source and year, and a
crop whose threshold could not be sourced has a row saying so instead of a number).

A reference row may name an age class (`age_class`): it is compared only with cycles of
that class (the OAE rubber cost is a tapping garden's); a row without one covers every age.

Figures in the CSV are baht with two decimals; they are read into satang exactly.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from decimal import Decimal

from ..core.auth import require
from ..core.config import get_setting, set_setting
from ..core.errors import ValidationError
from ..core.i18n import N_, _
from ..core.records import save_record
from ..core.resources import resource_path
from ..db.migrations.m0007_farming import crop_id
from ..db.models import Crop
from ..thai import normalize_space

LAND_DOCUMENTS = {
    "chanote": N_("Title deed (โฉนด)"),
    "ns3": N_("น.ส.3"),
    "ns3k": N_("น.ส.3ก"),
    "spk401": N_("ส.ป.ก.4-01"),
    "pbt5": N_("ภ.บ.ท.5"),
    "sk1": N_("ส.ค.1"),
    "none": N_("No document"),
}
TENURES = {"owned": N_("Owned"), "rented": N_("Rented"), "free": N_("Used for free")}
SEASONS = {
    "main": N_("Main season (นาปี)"),
    "second": N_("Off season (นาปรัง)"),
    "year": N_("Whole year"),
    "other": N_("Other"),
}
# kind -> (label, fixed?)
COST_KINDS = {
    "labour": (N_("Labour"), False),
    "machinery": (N_("Machinery and animal hire"), False),
    "seed": (N_("Seed or seedlings"), False),
    "fertiliser": (N_("Chemical fertiliser"), False),
    "organic": (N_("Organic fertiliser"), False),
    "herbicide": (N_("Herbicide"), False),
    "pesticide": (N_("Pesticide"), False),
    "fuel": (N_("Fuel"), False),
    "water": (N_("Water fees"), False),
    "other_variable": (N_("Other variable cost"), False),
    "land": (N_("Land rent or land use"), True),
    "land_tax": (N_("Land tax"), True),
    "depreciation": (N_("Depreciation of equipment"), True),
    "other_fixed": (N_("Other fixed cost"), True),
}
ACTIVITIES = {
    "": N_("(none)"),
    "land_prep": N_("Land preparation"),
    "planting": N_("Planting"),
    "care": N_("Care"),
    "harvest": N_("Harvest"),
    "post_harvest": N_("Post-harvest"),
}
ROLES = {
    "member": N_("Member"),
    "chair": N_("Chair"),
    "vice_chair": N_("Vice chair"),
    "secretary": N_("Secretary"),
    "treasurer": N_("Treasurer"),
    "committee": N_("Committee member"),
}

# Settings of the OAE method (stored per database in Setting; printed on reports).
SETTING_WAGE = "farming.wage_satang"  # family labour, satang per person-day
SETTING_RATE = "farming.interest_pct"  # annual rate for imputed interest, percent
SETTING_LAND = "farming.land_use_satang_per_rai"  # owner's land use, satang per rai per cycle
DEFAULTS = {SETTING_WAGE: 300_00, SETTING_RATE: "6", SETTING_LAND: 500_00}


def is_fixed(kind: str) -> bool:
    return COST_KINDS.get(kind, ("", False))[1]


def kind_label(kind: str) -> str:
    return _(COST_KINDS[kind][0]) if kind in COST_KINDS else kind


def label(table: dict, code: str) -> str:
    return _(table[code]) if code in table else code


@dataclass(frozen=True)
class Settings:
    wage: int  # satang per family person-day
    rate: Decimal  # percent a year
    land_use_per_rai: int  # satang per rai per cycle


def settings() -> Settings:
    return Settings(
        int(get_setting(SETTING_WAGE, DEFAULTS[SETTING_WAGE])),
        Decimal(str(get_setting(SETTING_RATE, DEFAULTS[SETTING_RATE]))),
        int(get_setting(SETTING_LAND, DEFAULTS[SETTING_LAND])),
    )


def set_settings(ctx, *, wage: int | None = None, rate=None, land_use_per_rai: int | None = None):
    """Change the method's settings (clerk). Rate in percent (0 imputes nothing)."""
    require(ctx, "clerk", "farming settings", "setting")
    errors = {}
    if wage is not None and (not isinstance(wage, int) or wage < 0):
        errors["wage"] = _("The wage must be zero or more.")
    if rate is not None:
        try:
            r = Decimal(str(rate))
            if not (0 <= r <= 100):
                raise ValueError
        except (ValueError, ArithmeticError):
            errors["rate"] = _("The interest rate is a percentage from 0 to 100.")
    if land_use_per_rai is not None and (
        not isinstance(land_use_per_rai, int) or land_use_per_rai < 0
    ):
        errors["land_use"] = _("The land-use value must be zero or more.")
    if errors:
        raise ValidationError(errors)
    if wage is not None:
        set_setting(ctx, SETTING_WAGE, wage)
    if rate is not None:
        set_setting(ctx, SETTING_RATE, str(Decimal(str(rate))))
    if land_use_per_rai is not None:
        set_setting(ctx, SETTING_LAND, land_use_per_rai)


# --- crops ----------------------------------------------------------------------------------


def crops(include_retired: bool = False) -> list:
    q = Crop.alive()
    if not include_retired:
        q = q.where(Crop.retired == False)  # noqa: E712
    return list(q.order_by(Crop.order, Crop.code))


def crop_by_code(code: str):
    return Crop.alive().where(Crop.code == code).first()


def find_crop(text):
    """A crop by its code or Thai/English name (import rows, CLI)."""
    t = normalize_space(str(text or "")).lower()
    for c in crops(include_retired=True):
        if t in (c.code.lower(), c.name_th.lower(), c.name_en.lower()):
            return c
    return None


def save_crop(
    ctx,
    code: str,
    name_th: str,
    *,
    perennial: bool = False,
    water_crop: str = "",
    name_en: str = "",
    record=None,
    retired: bool = False,
):
    """Add or change a crop of the reference list (clerk)."""
    code = normalize_space(code or "").lower()
    errors = {}
    if not code:
        errors["code"] = _("Enter a short code.")
    if not normalize_space(name_th or ""):
        errors["name_th"] = _("Enter the Thai name.")
    other = crop_by_code(code) if code else None
    if other is not None and (record is None or other.id != record.id):
        errors["code"] = _("This code is already used.")
    if errors:
        raise ValidationError(errors)
    values = {
        "code": code,
        "name_th": normalize_space(name_th),
        "name_en": name_en,
        "perennial": bool(perennial),
        "water_crop": water_crop,
        "retired": retired,
    }
    if record is None:
        values["id"] = crop_id(code)
        values["order"] = 1000
    return save_record(ctx, Crop, values, record=record)


# --- published figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceFigure:
    crop: str
    label: str
    year: str  # as published, BE ("2564/65", "2562", "" when unknown)
    unit: str
    total_per_rai: int | None  # satang
    variable_per_rai: int | None
    fixed_per_rai: int | None
    yield_kg_per_rai: Decimal | None
    cost_per_kg: int | None  # satang
    breakeven_kg_per_rai: Decimal | None
    source: str
    age_class: str = ""  # "" = every age; else the code of the age class it was measured on

    @property
    def first_year(self) -> int:
        try:
            return int(self.year.split("/")[0])
        except ValueError:
            return 0


def _satang(text: str) -> int | None:
    text = (text or "").replace(",", "").strip()
    return int(Decimal(text) * 100) if text else None


def _dec(text: str) -> Decimal | None:
    text = (text or "").replace(",", "").strip()
    return Decimal(text) if text else None


@functools.lru_cache(maxsize=4)
def _read_reference(path: str, mtime: float) -> tuple[ReferenceFigure, ...]:
    with open(path, encoding="utf-8", newline="") as f:
        return tuple(
            ReferenceFigure(
                r["crop"],
                r["label_th"],
                r["season_year_be"],
                r["unit"],
                _satang(r["total_per_rai"]),
                _satang(r["variable_per_rai"]),
                _satang(r["fixed_per_rai"]),
                _dec(r["yield_kg_per_rai"]),
                _satang(r["cost_per_kg"]),
                _dec(r["breakeven_kg_per_rai"]),
                r["source"],
                (r.get("age_class") or "").strip(),
            )
            for r in csv.DictReader(f)
        )


def reference_figures() -> tuple[ReferenceFigure, ...]:
    """Every row of the shipped (possibly edited) reference file."""
    path = resource_path("farming", "reference_costs.csv")
    return _read_reference(str(path), path.stat().st_mtime)


def reference_for(
    crop_code: str, year_be: int | None = None, age_class: str | None = None
) -> ReferenceFigure | None:
    """The crop's figure nearest to `year_be` (the latest when no year), or None.

    With `age_class` (a cycle whose age is known): a figure measured on that class first,
    else one covering every age; a figure of another class only is no comparison (a young
    rubber garden is never set against a tapping garden's cost). Without it (a crop's
    summary over many ages, a cycle without a planting year): the all-ages figure, else
    the crop's figure whatever its class (its label names the class).
    """
    rows = [r for r in reference_figures() if r.crop == crop_code]
    if age_class is not None:
        rows = [r for r in rows if r.age_class == age_class] or [r for r in rows if not r.age_class]
    else:
        rows = [r for r in rows if not r.age_class] or rows
    if not rows:
        return None
    if year_be is None:
        return max(rows, key=lambda r: r.first_year)
    return min(rows, key=lambda r: (abs((r.first_year or year_be) - year_be), -r.first_year))


# --- age classes of perennials ---------------------------------------------------------------


@dataclass(frozen=True)
class AgeClass:
    crop: str
    code: str
    label_th: str
    label_en: str
    from_age: int | None  # whole years since the planting year; None: no sourced threshold
    to_age: int | None  # inclusive; None: and older
    unit: str
    year: str  # BE year of the source
    source: str

    def covers(self, age: int) -> bool:
        return (
            self.from_age is not None
            and age >= self.from_age
            and (self.to_age is None or age <= self.to_age)
        )


def _int(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text else None


@functools.lru_cache(maxsize=4)
def _read_age_classes(path: str, mtime: float) -> tuple[AgeClass, ...]:
    with open(path, encoding="utf-8", newline="") as f:
        return tuple(
            AgeClass(
                r["crop"],
                r["code"],
                r["label_th"],
                r["label_en"],
                _int(r["from_age"]),
                _int(r["to_age"]),
                r["unit"],
                r["year"],
                r["source"],
            )
            for r in csv.DictReader(f)
        )


def age_class_rows() -> tuple[AgeClass, ...]:
    """Every row of the shipped (possibly edited) age-class file, unsourced ones included."""
    path = resource_path("farming", "age_classes.csv")
    return _read_age_classes(str(path), path.stat().st_mtime)


def age_classes(crop_code: str) -> list[AgeClass]:
    """The crop's age classes that have a sourced threshold, youngest first."""
    rows = [a for a in age_class_rows() if a.crop == crop_code and a.from_age is not None]
    return sorted(rows, key=lambda a: a.from_age)


def age_class_for(crop_code: str, age: int | None) -> AgeClass | None:
    """The class a tree of `age` whole years belongs to (None: age unknown or no class)."""
    if age is None:
        return None
    return next((a for a in age_classes(crop_code) if a.covers(age)), None)


def age_class_text(crop_code: str, age: int | None) -> str:
    """'7 ปี · เปิดกรีดแล้ว' for screens and reports; says when no class is sourced."""
    if age is None:
        return ""
    years = _("{n} years").format(n=age)
    cls = age_class_for(crop_code, age)
    if cls is not None:
        return f"{years} · {cls.label_th}"
    if any(a.crop == crop_code for a in age_class_rows()):
        return f"{years} · " + _("no sourced age class")
    return years
