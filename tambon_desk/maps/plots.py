"""Plots on the map: their geometry, and `load plots FILE` from KML/KMZ/GPX/GeoJSON/SHP/CSV.

A load runs in three steps the CLI and the GUI share: read the file (geo), match each feature
to its household (its attributes, the remembered mapping, `--household`, or the clerk's pick
in the preview), then write through the audited records layer. A re-load of the same file
updates the plots it made (same household and plot name) instead of adding them again.
Results use the shared import machinery's ImportResult, so the summary lines and the xlsx
error report are the same as for every other import.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import geo
from ..core.errors import NotFound, UserError
from ..core.i18n import N_, _
from ..core.records import save_record, transaction
from ..core.roles import require
from ..db import engines
from ..db.base import utcnow
from ..db.models import Crop, CropCycle, Household, ImportMapping, Plot, Tambon, Village
from ..importers import ImportResult, RowError
from ..thai import parse_rnw

KIND = "plots"
MAPPING_FIELDS = {
    "name": N_("Plot name"),
    "household": N_("Household (one text)"),
    "village": N_("Village number"),
    "house_no": N_("House number"),
    "crop": N_("Crop"),
    "document_area": N_("Area on the land document"),
}
CROP_KEYS = ("crop", "พืช", "ชนิดพืช", "crop_name", "plant")
AREA_KEYS = ("area", "area_rnw", "area_rai_ngan_wa", "เนื้อที่", "พื้นที่")


@dataclass
class Row:
    """One feature of the file, as the preview shows it and the save writes it."""

    feature: geo.Feature
    household_id: str | None = None
    household_label: str = ""
    plot_name: str = ""
    crop: str = ""
    plot_id: str | None = None  # the plot it updates (re-load)
    outcome: str = ""  # added | updated | unchanged | rejected
    area_m2: float = 0.0


@dataclass
class PlotLoad:
    result: ImportResult
    rows: list[Row] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    mapping: dict = field(default_factory=dict)


# --- geometry on one plot --------------------------------------------------------------------


def set_plot_geometry(ctx, plot, geometry, *, expected_updated_at=None):
    """Save a checked shape (shapely, WGS84, or GeoJSON text) on a plot with its area."""
    if isinstance(geometry, str):
        geometry = geo.from_geojson(geometry)
    if geometry is None:
        return save_record(
            ctx,
            Plot,
            {"geometry": None, "geometry_area_m2": None},
            plot,
            expected_updated_at=expected_updated_at,
        )
    f = geo.check_feature(geo.Feature(geometry), accept_repair=True)
    if f.errors:
        from ..core.errors import ValidationError

        raise ValidationError({"geometry": f.errors[0]})
    area = geo.geodesic_area_m2(f.geometry) or None
    return save_record(
        ctx,
        Plot,
        {"geometry": geo.to_geojson(f.geometry), "geometry_area_m2": area},
        plot,
        expected_updated_at=expected_updated_at,
    )


def plot_area_check(plot) -> dict:
    """Drawn area against the land document's: both in rai-ngan-wa, and whether flagged."""
    drawn = plot.geometry_area_m2
    return {
        "document_m2": plot.area_m2,
        "drawn_m2": drawn,
        "document_rnw": geo.rnw_dash(plot.area_m2 or 0),
        "drawn_rnw": geo.rnw_dash(drawn) if drawn else "",
        "difference": geo.area_difference(drawn, plot.area_m2),
        "flagged": geo.area_flagged(drawn, plot.area_m2),
    }


# --- the remembered mapping ------------------------------------------------------------------


def _signature(attributes: list[str]) -> str:
    text = "\x1f".join(sorted(a.strip().lower() for a in attributes))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def saved_mapping(attributes: list[str]) -> dict:
    rec = ImportMapping.get_or_none(
        (ImportMapping.kind == KIND)
        & (ImportMapping.signature == _signature(attributes))
        & ImportMapping.deleted_at.is_null()
    )
    return dict((rec.mapping or {}).get("fields", {})) if rec is not None else {}


def remember_mapping(ctx, attributes: list[str], mapping: dict) -> None:
    sig = _signature(attributes)
    value = {
        "fields": {k: v for k, v in sorted(mapping.items()) if v},
        "attributes": sorted(attributes),
    }
    rec = ImportMapping.get_or_none((ImportMapping.kind == KIND) & (ImportMapping.signature == sig))
    if rec is not None and rec.mapping == value and rec.deleted_at is None:
        return
    values = {"kind": KIND, "signature": sig, "mapping": value}
    if rec is not None:
        values["deleted_at"] = None
    save_record(ctx, ImportMapping, values, record=rec, action="remember import mapping")


# --- matching --------------------------------------------------------------------------------


def _tambon(tambon):
    if tambon is None:
        t = Tambon.alive().order_by(Tambon.created_at).first()
        if t is None:
            raise UserError(_("Register the tambon first."))
        return t
    if isinstance(tambon, str) and len(tambon) == 6 and tambon.isdigit():
        t = Tambon.alive().where(Tambon.code == tambon).first()
        if t is None:
            raise NotFound(_("Record not found.") + f" ({tambon})")
        return t
    return tambon


def _households(tambon) -> dict[tuple[int, str], tuple[str, str]]:
    q = (
        Household.select(Household.id, Household.house_no, Household.head_name, Village.moo)
        .join(Village)
        .where(Household.deleted_at.is_null() & (Village.tambon == tambon.id))
        .tuples()
    )
    return {
        (moo, house.replace(" ", "")): (
            hid,
            _("Moo {moo} house {house} {head}").format(moo=moo, house=house, head=head).strip(),
        )
        for hid, house, head, moo in q
    }


def _attr(props: dict, key: str | None, fallbacks=()) -> str:
    low = {str(k).strip().lower(): v for k, v in props.items()}
    for k in [key.lower()] if key else list(fallbacks):
        v = low.get(k)
        if v not in (None, ""):
            return str(v).strip()
    return ""


def _crops() -> dict[str, object]:
    out = {}
    for c in Crop.select().where(Crop.deleted_at.is_null()):
        for k in (c.code, c.name_th, c.name_en):
            if k:
                out.setdefault(k.strip().lower(), c)
    return out


def _crop_of(text: str, crops: dict):
    t = text.strip().lower()
    if not t:
        return None
    if t in crops:
        return crops[t]
    return next((c for k, c in crops.items() if k.startswith(t) or t.startswith(k)), None)


def _error(result, f: geo.Feature, field_name: str, label: str, message: str, value=""):
    result.errors.append(RowError(f.row, None, field_name, label, message, str(value or "")))


def read_plots(
    path,
    *,
    household: str | None = None,
    mapping: dict | None = None,
    accept_repair: bool = False,
    assignments: dict | None = None,
    tambon=None,
) -> PlotLoad:
    """Read and check a file: rows with their household, plot and outcome (nothing saved).

    `assignments` {row: household id} are the clerk's picks for features left unmatched.
    """
    path = Path(path)
    tambon = _tambon(tambon)
    feats = geo.read_features(path)
    attributes = sorted({str(k) for f in feats for k in f.properties})
    remembered = saved_mapping(attributes)
    mapping = {**remembered, **{k: v for k, v in (mapping or {}).items() if v}}
    result = ImportResult(KIND, _("Plots (map)"), path, sheet=path.suffix.lstrip(".").upper())
    result.entity_labels = {"plots": N_("plots")}
    result.rows_read = len(feats)
    load = PlotLoad(result, [], attributes, mapping)
    homes = _households(tambon)
    by_id = {hid: label for hid, label in homes.values()}
    fixed_hh = None
    if household:
        ref = geo.parse_option(household)
        if ref is None or (ref[0], ref[1].replace(" ", "")) not in homes:
            raise UserError(
                _("Unknown household {ref} (give it as MOO/HOUSE, e.g. 3/99/9).").format(
                    ref=household
                )
            )
        fixed_hh = homes[(ref[0], ref[1].replace(" ", ""))]
    existing = {
        (p.household_id, p.name): p
        for p in Plot.select()
        .join(Household)
        .join(Village)
        .where(Plot.deleted_at.is_null() & (Village.tambon == tambon.id))
    }
    seen: set[tuple[str, str]] = set()
    crops = _crops()
    assignments = assignments or {}
    for f in feats:
        geo.check_feature(f, accept_repair=accept_repair)
        for e in f.errors:
            _error(result, f, "geometry", _("Shape"), e)
        row = Row(f)
        hid = assignments.get(f.row)
        if hid:
            row.household_id, row.household_label = hid, by_id.get(hid, "")
        elif fixed_hh:
            row.household_id, row.household_label = fixed_hh
        else:
            ref = geo.household_ref(f.properties, mapping)
            if ref is None:
                _error(
                    result,
                    f,
                    "household",
                    _("Household"),
                    _("No household named: map the attribute that holds it, or pick one."),
                )
            elif (ref[0], ref[1].replace(" ", "")) not in homes:
                _error(
                    result,
                    f,
                    "household",
                    _("Household"),
                    _("Unknown household: moo {moo} house {house}.").format(
                        moo=ref[0], house=ref[1]
                    ),
                    f"{ref[0]}/{ref[1]}",
                )
            else:
                row.household_id, row.household_label = homes[(ref[0], ref[1].replace(" ", ""))]
        row.plot_name = (
            _attr(f.properties, mapping.get("name"), ("name", "ชื่อ", "ชื่อแปลง", "plot", "parcel_no"))
            or (f.folder.rsplit("/", 1)[-1] if f.folder else "")
            or _("Plot {n}").format(n=f.row)
        )
        row.crop = _attr(f.properties, mapping.get("crop"), CROP_KEYS)
        if row.crop and _crop_of(row.crop, crops) is None:
            f.notes.append(
                _("Crop {crop} is not in the crop list; no crop was recorded.").format(
                    crop=row.crop
                )
            )
        if f.ok and f.geometry is not None:
            row.area_m2 = geo.geodesic_area_m2(f.geometry)
        if row.household_id and f.ok:
            key = (row.household_id, row.plot_name)
            if key in seen:  # two features of one file, one name
                row.plot_name = f"{row.plot_name} ({f.row})"
                key = (row.household_id, row.plot_name)
            seen.add(key)
            plot = existing.get(key)
            if plot is None:
                row.outcome = "added"
            else:
                row.plot_id = plot.id
                row.outcome = (
                    "unchanged" if plot.geometry == geo.to_geojson(f.geometry) else "updated"
                )
        else:
            row.outcome = "rejected"
        load.rows.append(row)
    return load


def load_plots(
    ctx,
    path,
    *,
    dry_run: bool = False,
    household: str | None = None,
    mapping: dict | None = None,
    accept_repair: bool = False,
    assignments: dict | None = None,
    tambon=None,
    progress=None,
) -> PlotLoad:
    """Read, check and (unless `dry_run`) save the plots of a map file; one transaction."""
    if not dry_run:
        require(ctx, "clerk", "load plots", "plot")
    load = read_plots(
        path,
        household=household,
        mapping=mapping,
        accept_repair=accept_repair,
        assignments=assignments,
        tambon=tambon,
    )
    result = load.result
    result.dry_run = dry_run
    crops = _crops()
    year = _dt.date.today().year
    for r in load.rows:
        for note in r.feature.notes:
            result.notes.append(_("row {row}: {note}").format(row=r.feature.row, note=note))
    good = [r for r in load.rows if r.outcome in ("added", "updated", "unchanged")]
    if dry_run:
        for r in good:
            result.count("plots", r.outcome)
        return load
    with transaction(ctx):
        _write_rows(ctx, load, good, crops, year, progress)
        for r in good:
            result.count("plots", r.outcome)
        if load.mapping and any(load.mapping.values()):
            remember_mapping(ctx, load.attributes, load.mapping)
    return load


_PLOT_INSERT = (
    "INSERT INTO plot (id, created_at, updated_at, updated_by, deleted_at, "
    "household_id, name, area_m2, land_document, tenure, rent_satang, "
    "water_source_id, note, geometry, geometry_area_m2) "
    "VALUES (?,?,?,?,NULL,?,?,?,'none','owned',0,NULL,'',?,?)"
)
_PLOT_UPDATE = (
    "UPDATE plot SET geometry = ?, geometry_area_m2 = ?, updated_at = ?, "
    "updated_by = ?, row_version = row_version + 1 WHERE id = ?"
)
_CYCLE_INSERT = (
    "INSERT INTO crop_cycle (id, created_at, updated_at, updated_by, deleted_at, "
    "plot_id, crop_id, season, year, area_m2, price, note) "
    "VALUES (?,?,?,?,NULL,?,?,?,?,?,0,'')"
)
_AUDIT_INSERT = (
    'INSERT INTO audit_log (id, created_at, updated_at, updated_by, deleted_at, '
    'at, username, action, "table", record_id, before, after, note) '
    "VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?)"
)


def _write_rows(ctx, load: PlotLoad, good: list[Row], crops: dict, year: int, progress) -> None:
    """The bulk path of a load (as the account book's): executemany inside the caller's
    transaction, one audit row per plot written with what changed, so 5,000 placemarks load
    in seconds. The role was checked by the caller."""
    now, who = utcnow(), ctx.username
    ids = iter([os.urandom(16).hex() for _ in range(3 * len(good) + 1)])
    plots, updates, cycles, audits = [], [], [], []
    have = {
        (pid, cid)
        for pid, cid in CropCycle.select(CropCycle.plot, CropCycle.crop)
        .where(CropCycle.deleted_at.is_null())
        .tuples()
    }
    note = load.result.source.name
    for r in good:
        text = geo.to_geojson(r.feature.geometry)
        area = r.area_m2 or None
        if r.outcome == "added":
            doc = _attr(r.feature.properties, load.mapping.get("document_area"), AREA_KEYS)
            doc_m2 = int(round(_document_area(doc) or r.area_m2))
            r.plot_id = next(ids)
            r.document_m2 = doc_m2
            plots.append(
                (r.plot_id, now, now, who, r.household_id, r.plot_name, doc_m2, text, area)
            )
            audits.append(
                (
                    next(ids),
                    now,
                    now,
                    who,
                    now,
                    who,
                    "load plot",
                    "plot",
                    r.plot_id,
                    None,
                    json.dumps(
                        {
                            "household": r.household_id,
                            "name": r.plot_name,
                            "area_m2": doc_m2,
                            "geometry_area_m2": area,
                        },
                        ensure_ascii=False,
                        sort_keys=True,
                    ),
                    note,
                )
            )
        elif r.outcome == "updated":
            updates.append((text, area, now, who, r.plot_id))
            audits.append(
                (
                    next(ids),
                    now,
                    now,
                    who,
                    now,
                    who,
                    "load plot",
                    "plot",
                    r.plot_id,
                    None,
                    json.dumps({"geometry_area_m2": area}),
                    note,
                )
            )
        crop = _crop_of(r.crop, crops) if r.crop else None
        if crop is not None and r.plot_id and (r.plot_id, crop.id) not in have:
            have.add((r.plot_id, crop.id))
            p_area = getattr(r, "document_m2", None)
            if p_area is None:
                p_area = Plot.get_by_id(r.plot_id).area_m2
            cycles.append(
                (
                    next(ids),
                    now,
                    now,
                    who,
                    r.plot_id,
                    crop.id,
                    "year" if crop.perennial else "main",
                    year,
                    p_area,
                )
            )
    for sql, rows in (
        (_PLOT_INSERT, plots),
        (_PLOT_UPDATE, updates),
        (_CYCLE_INSERT, cycles),
        (_AUDIT_INSERT, audits),
    ):
        if rows:
            engines.executemany(ctx.db, sql, rows)  # SQLite or the hub
    if cycles:
        from ..core.audit import audit

        audit(ctx, "load plot", "crop_cycle", None, None, {"cycles": len(cycles)}, note=note)
    if progress:
        progress(len(good), len(good), "")


def _document_area(text: str) -> float | None:
    if not text:
        return None

    try:
        return float(parse_rnw(text))
    except ValueError:
        return None


def plot_record(plot_id: str) -> dict:
    """One plot as its window shows it: household, areas in rai-ngan-wa, crop, flag."""
    p = Plot.get_or_none((Plot.id == plot_id) & Plot.deleted_at.is_null())
    if p is None:
        raise NotFound(_("Record not found."))
    h, v = p.household, p.household.village
    cycle = (
        CropCycle.select(CropCycle, Crop)
        .join(Crop)
        .where((CropCycle.plot == p.id) & CropCycle.deleted_at.is_null())
        .order_by(CropCycle.year.desc(), CropCycle.created_at.desc())
        .first()
    )
    out = {
        "id": p.id,
        "name": p.name,
        "household_id": h.id,
        "house_no": h.house_no,
        "head_name": h.head_name,
        "moo": v.moo,
        "village": v.name,
        "land_document": p.land_document,
        "tenure": p.tenure,
        "note": p.note,
        "crop": cycle.crop.name_th if cycle else "",
        "updated_at": p.updated_at,
        "geometry_type": geo.from_geojson(p.geometry).geom_type if p.geometry else "",
    }
    out.update(plot_area_check(p))
    return out
