"""The tambon this database serves, its villages, and the DOPA list to pick them from.

The administrative list (provinces, districts, tambons with DOPA codes) comes from the
`geothai` package; Nakhon Si Thammarat (80) is offered first because the project runs there.
A database may hold many tambons (a district office after USB merges, ARCHITECTURE.md, "Exchange").
"""

from __future__ import annotations

from ..core.auth import require
from ..core.errors import NotFound, ValidationError
from ..core.i18n import N_, _
from ..core.records import fetch, save_record, transaction
from ..db.models import Tambon, Village
from ..thai import normalize_space, thai_sort_key

HOME_PROVINCE = "80"


def provinces() -> list:
    """All provinces, Nakhon Si Thammarat first, the rest in Thai order."""
    import geothai

    items = sorted(geothai.provinces(), key=lambda p: thai_sort_key(p.name_th))
    return sorted(items, key=lambda p: p.code != HOME_PROVINCE)


def districts(province_code: str) -> list:
    import geothai

    return sorted(geothai.districts(province_code), key=lambda d: thai_sort_key(d.name_th))


def subdistricts(district_code: str) -> list:
    import geothai

    return sorted(geothai.subdistricts(district_code), key=lambda s: thai_sort_key(s.name_th))


def lookup_tambon_code(code: str):
    """The geothai Subdistrict for a 6-digit DOPA code, or NotFound."""
    import geothai

    sub = geothai.subdistrict(str(code))
    if sub is None:
        raise NotFound(_("No tambon has the code {code}.").format(code=code))
    return sub


def add_tambon(ctx, code: str, villages: list[tuple[int, str]] = (), *, bootstrap=False):
    """Register tambon `code` (DOPA) with its villages [(moo, name), …]."""
    import geothai

    sub = lookup_tambon_code(code)
    if Tambon.alive().where(Tambon.code == sub.code).exists():
        raise ValidationError({"code": _("This tambon is already in the database.")})
    if not bootstrap:
        require(ctx, "admin", "add tambon", "tambon")  # before the transaction (audited)
    dist = geothai.district(sub.district_code)
    prov = geothai.province(sub.province_code)
    with transaction(ctx):
        tambon = save_record(
            ctx,
            Tambon,
            {
                "code": sub.code,
                "name_th": sub.name_th,
                "name_en": sub.name_en,
                "district_code": dist.code,
                "district_th": dist.name_th,
                "district_en": dist.name_en,
                "province_code": prov.code,
                "province_th": prov.name_th,
                "province_en": prov.name_en,
            },
            role=None if bootstrap else "admin",
            action="add tambon",
        )
        for moo, name in villages:
            save_village(ctx, tambon, moo, name, role=None if bootstrap else "admin")
    return tambon


def resolve_tambon(value=None):
    """A Tambon from a Tambon, a DOPA code or None (the home tambon); NotFound otherwise."""
    if value is None or value == "":
        return home_tambon()
    if isinstance(value, Tambon):
        return value
    found = Tambon.alive().where(Tambon.code == str(value).strip()).first()
    if found is None:
        raise NotFound(_("No tambon has the code {code}.").format(code=value))
    return found


def tambons():
    return list(Tambon.alive().order_by(Tambon.code))


def home_tambon():
    """The first tambon registered (the office's own)."""
    return Tambon.alive().order_by(Tambon.created_at).first()


def villages(tambon=None, include_deleted=False):
    q = Village.select() if include_deleted else Village.alive()
    if tambon is not None:
        q = q.where(Village.tambon == tambon)
    return list(q.order_by(Village.tambon, Village.moo))


def villages_of_tambons(tambon_ids) -> list:
    """Living villages of many tambons in one query, ordered as `villages` orders them."""
    ids = [getattr(t, "id", t) for t in tambon_ids]
    if not ids:
        return []
    return list(
        Village.alive().where(Village.tambon.in_(ids)).order_by(Village.tambon, Village.moo)
    )


def village_label(village, with_tambon: bool = False) -> str:
    label = _("Moo {moo} {name}").format(moo=village.moo, name=village.name)
    if with_tambon:
        label = _("T. {tambon} · {village}").format(tambon=village.tambon.name_th, village=label)
    return label


def is_district_database() -> bool:
    """More than one tambon (a district office after USB merges): name tambons everywhere."""
    return Tambon.alive().count() > 1


def scopes(accept=("tambon", "district", "province")) -> list[tuple[dict, str]]:
    """What a summary can cover in this database: each tambon, and each district and province
    holding several of them, as (report parameters, Thai label)."""
    ts = tambons()
    out = []
    if "tambon" in accept:
        out += [
            (
                {"tambon": t.code},
                _("Tambon {name}, {district} district").format(
                    name=t.name_th, district=t.district_th
                ),
            )
            for t in ts
        ]
    areas = (
        ("district", "district_code", "district_th", N_("All {n} tambons of {name} district")),
        ("province", "province_code", "province_th", N_("All {n} tambons of {name} province")),
    )
    for param, code_attr, name_attr, label in areas:
        if param not in accept:
            continue
        groups: dict[str, list] = {}
        for t in ts:
            groups.setdefault(getattr(t, code_attr), []).append(t)
        out += [
            ({param: code}, _(label).format(n=len(g), name=getattr(g[0], name_attr)))
            for code, g in groups.items()
            if len(g) > 1
        ]
    return out


def save_village(
    ctx, tambon, moo, name: str, target: int = 10, village=None, role: str | None = "admin"
):
    errors = {}
    try:
        moo = int(str(moo).strip())
        if not 1 <= moo <= 99:
            raise ValueError
    except ValueError:
        errors["moo"] = _("Village number must be a whole number from 1 to 99.")
    name = normalize_space(name or "")
    if not name:
        errors["name"] = _("Enter the village name.")
    if not isinstance(target, int) or target < 0:
        errors["account_target"] = _("The target must be zero or more households.")
    if not errors:
        clash = Village.alive().where((Village.tambon == tambon) & (Village.moo == moo))
        if village is not None:
            clash = clash.where(Village.id != village.id)
        if clash.exists():
            errors["moo"] = _("Village number {moo} already exists in this tambon.").format(moo=moo)
    if errors:
        raise ValidationError(errors)
    return save_record(
        ctx,
        Village,
        {"tambon": tambon, "moo": moo, "name": name, "account_target": target},
        record=village,
        role=role,
        action=None,
    )


def get_tambon(tambon_id):
    """The Tambon with this id, or None."""
    return fetch(Tambon, tambon_id)


def get_village(village_id):
    """The Village with this id, or None."""
    return fetch(Village, village_id)
