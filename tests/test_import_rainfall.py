"""Loading monthly rainfall through the generic import: one month per row and one year per
row (twelve month columns), re-loads that change nothing, bad cells reported by row, the
balance following the loaded figures, and the CLI."""

import datetime as dt

import openpyxl
import pytest

from tambon_desk import cli, water
from tambon_desk.importers import engine, get_kind
from tambon_desk.registry import places as tambons

KIND = get_kind("rainfall")


def sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def load(ctx, path, dry_run=False):
    return engine.run_import(ctx, engine.prepare(KIND, path), dry_run=dry_run)


def test_month_per_row(ctx, tambon, tmp_path):
    path = sheet(
        tmp_path / "rain.xlsx",
        [
            ["ปริมาณฝนรายเดือน สถานีนครศรีธรรมราช"],  # a title line above the header
            ["ลำดับ", "เดือน", "ปริมาณฝน (มม.)"],
            [1, "ต.ค. 2569", 320.5],
            [2, "11/2569", "๖๑๒.๔"],  # Thai digits
            [3, dt.datetime(2026, 12, 1), "1,010 มม."],
            [4, "ม.ค. 2570", "-"],  # a dash: no figure, not an error
            [5, "พ.ย. 2569", 700],  # same month, another figure
            [6, "13/2569", 5],
        ],
    )
    trial = load(ctx, path, dry_run=True)
    assert trial.counts["months"]["added"] == 3
    assert water.rainfall_of(tambon, 2026) == {}  # a trial saves nothing
    result = load(ctx, path)
    assert water.rainfall_of(tambon, 2026) == {10: 320.5, 11: 612.4, 12: 1010.0}
    assert sorted(e.seq for e in result.errors) == ["5", "6"]
    again = load(ctx, path)
    assert again.counts["months"] == {"added": 0, "updated": 0, "unchanged": 3}


def test_year_per_row_feeds_the_balance(ctx, tambon, tmp_path):
    head = ["ปี พ.ศ."] + [
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    ]
    path = sheet(
        tmp_path / "wide.xlsx",
        [
            head,
            [2569, 180, 70, 80, 90, 160, 130, 140, 140, 170, 320, 620, 400],
            [2570, 150, None, 60, 70, 150, 120, 130, 130, 160, 300, 580, 380],
        ],
    )
    result = load(ctx, path)
    assert result.counts["months"]["added"] == 23
    assert water.rainfall_of(tambon, 2026)[11] == 620
    assert 2 not in water.rainfall_of(tambon, 2027)
    v = tambons.villages(tambon)[0]
    water.save_source(
        ctx,
        {
            "village": v,
            "name": "สระ",
            "kind": "pond",
            "capacity_m3": 100,
            "catchment_m2": 1000,
            "runoff_coef": 0.5,
        },
    )
    bal = water.village_balance(v, 2569)
    assert bal.rows[10].inflow_m3 == pytest.approx(1000 * 0.5 * 0.620)  # 310 m³
    # the sheet changes one figure: that month is updated, the rest unchanged
    sheet(path, [head, [2569, 180, 70, 80, 90, 160, 130, 140, 140, 170, 320, 650, 400]])
    again = load(ctx, path)
    assert again.counts["months"] == {"added": 0, "updated": 1, "unchanged": 11}


def test_cli_template_and_load(ctx, tambon, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    base = ["--db", str(ctx.db_path), "--user", "admin"]
    template = tmp_path / "template.xlsx"
    assert cli.main(base + ["template", "rainfall", "--out", str(template)]) == 0
    path = sheet(tmp_path / "r.xlsx", [["เดือน", "ฝน"], ["ธ.ค. 2569", 400]])
    assert cli.main(base + ["load", "rainfall", str(path)]) == 0
    assert water.rainfall_of(tambon, 2026) == {12: 400}
