"""`tambon-profile`: the tambon at a glance — villages, households, population by sex and
age band, with a chart by 5-year band and sex.

Numbers come from population.population_profile; this module only lays them out. With
`year` (BE) ages are counted at 31 December of that year (or today while it runs); without
it, at today. With `village` (moo) only that village is shown.
"""

from __future__ import annotations

import datetime as _dt

from .. import registry
from ..core.i18n import _
from ..registry import BROAD_BANDS, FIVE_YEAR_BANDS, band_label, population_profile
from ..thai import format_date
from ._scope import one_tambon
from .catalogue import register
from .model import Chart, Column, KeyValues, Table, Value, headed_document
from .period import Period


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@register("tambon-profile", "Tambon profile", params=("tambon", "village", "year"))
def tambon_profile(
    ctx,
    village: int | None = None,
    year: int | None = None,
    tambon=None,
    today: _dt.date | None = None,
):
    period = Period.from_args(year=year)
    ref = period.reference_date(today) if period else (today or _dt.date.today())
    tambon = one_tambon(tambon)
    prof = population_profile(tambon, village, ref)
    doc = headed_document("tambon-profile", _("Tambon profile"), [tambon] if tambon else [])
    parts = []
    if village is not None and prof.villages:
        v = prof.villages[0]
        parts.append(_("Moo {moo} {name}").format(moo=v.moo, name=v.name))
    parts.append(_("Population as of {date}").format(date=format_date(ref, "long")))
    doc.subtitle = " · ".join(parts)
    t = prof.total
    people = _("people")
    where = (
        (_("Village"), registry.village_label(prof.villages[0]))
        if village is not None and prof.villages
        else (_("Villages"), Value(len(prof.villages)))
    )
    doc.blocks.append(
        KeyValues(
            [
                (_("Tambon code"), tambon.code if tambon else ""),
                where,
                (_("Households"), Value(t.households)),
                (
                    _("Population"),
                    Value(
                        t.people.total,
                        "int",
                        people,
                        _("(male {m}, female {f})").format(
                            m=f"{t.people.male:,}", f=f"{t.people.female:,}"
                        ),
                    ),
                ),
                (_("People per household"), Value(t.household_size, "number")),
                *[
                    (
                        label,
                        Value(
                            t.broad[i].total,
                            "int",
                            people,
                            f"({_pct(t.broad[i].total, t.people.total):.1f}%)",
                        ),
                    )
                    for i, label in enumerate(
                        (_("Children (0–14)"), _("Working age (15–59)"), _("Elderly (60 and over)"))
                    )
                ],
            ]
        )
    )
    doc.blocks.append(_village_table(prof))
    doc.blocks.append(_age_table(prof))
    doc.blocks.append(_chart(t))
    return doc


def _chart(t) -> Chart:
    """Male and female bars by 10-year band (17 five-year labels collide on A4 portrait)."""
    pairs = list(zip(FIVE_YEAR_BANDS, t.five_year, strict=False))
    cats, male, female = [], [], []
    for i in range(0, len(pairs), 2):
        group = pairs[i : i + 2]
        lo, hi = group[0][0][0], group[-1][0][1]
        cats.append(band_label((lo, hi)))
        male.append(sum(c.male for _b, c in group))
        female.append(sum(c.female for _b, c in group))
    return Chart(
        "bar",
        _("Population by age and sex"),
        cats,
        [(_("Male"), male), (_("Female"), female)],
        y_label=_("People"),
    )


def _village_table(prof) -> Table:
    unknown_age = prof.total.age_unknown.total > 0
    cols = [
        Column("moo", _("Moo"), "year", 0.5),
        Column("name", _("Village"), "text", 1.8),
        Column("households", _("Households"), "int", 0.9),
        Column("male", _("Male"), "int", 0.8),
        Column("female", _("Female"), "int", 0.8),
        Column("people", _("Total people"), "int", 0.9),
    ]
    cols += [Column(f"b{i}", band_label(b), "int", 0.8) for i, b in enumerate(BROAD_BANDS)]
    if unknown_age:
        cols.append(Column("age_unknown", _("Age unknown"), "int", 0.8))

    def row(a, **extra):
        r = {
            "households": a.households,
            "male": a.people.male,
            "female": a.people.female,
            "people": a.people.total,
            "age_unknown": a.age_unknown.total,
            **extra,
        }
        r.update({f"b{i}": c.total for i, c in enumerate(a.broad)})
        return r

    rows = [row(a, moo=a.moo, name=a.name) for a in prof.villages]
    totals = row(prof.total, moo=_("Total"), name=None)
    return Table(
        cols,
        rows,
        title=_("Households and population by village"),
        totals=totals,
        sheet_name=_("Villages"),
    )


def _age_table(prof) -> Table:
    t = prof.total
    whole = t.people.total
    cols = [
        Column("band", _("Age (years)"), "text", 1.2),
        Column("male", _("Male"), "int", 1),
        Column("female", _("Female"), "int", 1),
        Column("total", _("Total"), "int", 1),
        Column("percent", _("Percent"), "percent", 1),
    ]
    rows = [
        {
            "band": band_label(b),
            "male": c.male,
            "female": c.female,
            "total": c.total,
            "percent": _pct(c.total, whole),
        }
        for b, c in zip(FIVE_YEAR_BANDS, t.five_year, strict=False)
    ]
    if t.age_unknown.total:
        c = t.age_unknown
        rows.append(
            {
                "band": _("Age unknown"),
                "male": c.male,
                "female": c.female,
                "total": c.total,
                "percent": _pct(c.total, whole),
            }
        )
    totals = {
        "band": _("Total"),
        "male": t.people.male,
        "female": t.people.female,
        "total": whole,
        "percent": 100.0 if whole else 0.0,
    }
    return Table(
        cols,
        rows,
        title=_("Population by age band and sex"),
        totals=totals,
        sheet_name=_("Age bands"),
    )
