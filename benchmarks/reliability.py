"""Reliability at full scale (issue 14): kill -9 campaigns, hostile files, peak memory.

    python benchmarks/reliability.py [--quick]

Runs the campaigns of `tests/reliability/harness.py` many times (the CI suite runs each a
few times), refuses a generated set of hostile bundles and spreadsheets, and prints:

    BENCH kills_survived <n> kills target >= 250
    BENCH kills_data_lost <n> kills target == 0
    BENCH hostile_files_refused <n> files target >= 150
    BENCH hostile_files_accepted <n> files target == 0
    BENCH peak_mb <mb> MB target <= 600

Peak memory is this process's maximum resident size while the hostile files are read
(the children of the kill campaigns are small and short-lived).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent / "tests" / "reliability"))

import harness  # noqa: E402
import rkit  # noqa: E402

SCALE = {"service": 100, "load": 40, "import": 40, "migration": 30, "backup": 40}


def kills(root: Path, quick: bool, rng) -> tuple[int, int]:
    k = {n: max(2, v // 10) if quick else v for n, v in SCALE.items()}
    survived = lost = 0
    campaigns = [
        ("service", lambda: harness.service_writes(root / "service", k["service"], rng)),
        ("load", lambda: harness.loads(root / "load", k["load"], rng)),
        (
            "import",
            lambda: harness.imports(
                root / "import" / "runs",
                k["import"],
                harness.prepare_bundle(root / "import", 50),
                50,
                rng,
            ),
        ),
        ("migration", lambda: harness.migrations_(root / "migration", k["migration"], rng)),
        ("backup", lambda: harness.backups(root / "backup", k["backup"], rng)),
    ]
    for name, run in campaigns:
        try:
            n = run()
            survived += n
            print(f"# {name}: {n} kills survived", flush=True)
        except AssertionError as exc:
            lost += 1
            print(f"# {name}: FAILED {exc}", flush=True)
    return survived, lost


def hostile(root: Path, quick: bool, rng) -> tuple[int, int]:
    """Bundles and spreadsheets an attacker would send; returns (refused, accepted)."""
    from tambon_desk import exchange
    from tambon_desk.core.errors import UserError
    from tambon_desk.db import close_database
    from tambon_desk.importers import reading

    a = rkit.PC(root, "a")
    rkit.build_tambon(a, n_households=20, ledger=20)
    (root / "stick").mkdir()
    plain = rkit.export(a, root / "stick")
    sealed = exchange.export_bundle(a.use(), root / "stick", passphrase="วลีลับของตำบล").path
    b = rkit.PC(root, "b")
    before = b.snapshot()
    files: list[tuple[Path, str | None]] = []
    raw = plain.read_bytes()
    n = 10 if quick else 60
    for i in range(n):  # truncations and bit flips
        cut = root / f"cut-{i}.tambon"
        cut.write_bytes(raw[: rng.randrange(len(raw))])
        files.append((cut, None))
        flip = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(flip) // 2, len(flip))  # the members, not zip padding
            flip[j] ^= 1 << rng.randrange(8)
        path = root / f"flip-{i}.tambon"
        path.write_bytes(bytes(flip))
        if not _same_content(path, plain):  # a flip in a field no reader uses is no attack
            files.append((path, None))
    sraw = sealed.read_bytes()
    for i in range(n // 2):  # tampered sealed bundles
        flip = bytearray(sraw)
        flip[rng.randrange(40, len(flip))] ^= 0x10
        path = root / f"sealed-{i}.tambon"
        path.write_bytes(bytes(flip))
        files.append((path, "วลีลับของตำบล"))
    for name in ("../x", "/etc/x", "a\\..\\x", "C:x", "attachments/../../x"):
        files.append(
            (rkit.rewrite(plain, root / f"member-{len(files)}.tambon", extra={name: b"x"}), None)
        )
    kinds = {
        "format_version": "1",
        "schema_version": "6",
        "migrations": 5,
        "counts": [],
        "office": "อบต.",
        "files": ["data.sqlite"],
        "tambon": 5,
        "exported_at": None,
    }
    for key, value in kinds.items():
        files.append(
            (
                rkit.rewrite(
                    plain,
                    root / f"manifest-{key}.tambon",
                    manifest_fn=lambda m, k=key, v=value: m.__setitem__(k, v),
                ),
                None,
            )
        )
    files.append(
        (
            rkit.rewrite(
                plain,
                root / "deep.tambon",
                raw_manifest='{"format": "tambon-desk-bundle", "x": '
                + "[" * 100_000
                + "]" * 100_000
                + "}",
            ),
            None,
        )
    )
    for sql in (
        "UPDATE ledger_entry SET amount='amount'",
        "ALTER TABLE person ADD COLUMN e",
        "UPDATE village SET moo='หนึ่ง'",
        "UPDATE ledger_entry SET amount=amount+0.5",
    ):
        files.append(
            (
                rkit.rewrite(
                    plain,
                    root / f"schema-{len(files)}.tambon",
                    data_fn=lambda con, s=sql: con.execute(s),
                ),
                None,
            )
        )
    refused = accepted = 0
    for path, phrase in files:
        try:
            exchange.import_bundle(b.use(), path, passphrase=phrase)
        except exchange.BundleError:
            refused += 1
        else:
            accepted += 1
            print(f"# accepted: {path.name}", flush=True)
    assert b.snapshot() == before or accepted
    # spreadsheets
    sheets = []
    for i in range(5 if quick else 20):
        p = root / f"xfd-{i}.xlsx"
        sheets.append(_stray(p, rows=2000 * (i + 1)))
    sheets.append(_bomb(root / "bomb.xlsx", 60 if quick else 200))
    long_csv = root / "long.csv"
    long_csv.write_text('a,b\n1,"' + "ก" * 3_000_000 + "\n", encoding="utf-8")
    sheets.append(long_csv)
    for p in sheets:
        try:
            reading.read_sheet(p)
        except UserError:
            refused += 1
        else:
            accepted += 1
            print(f"# accepted: {p.name}", flush=True)
    close_database()
    return refused, accepted


def _same_content(path: Path, good: Path) -> bool:
    """True when the zip still reads and every member holds the original bytes."""
    try:
        with zipfile.ZipFile(path) as zf, zipfile.ZipFile(good) as ok:
            return sorted(zf.namelist()) == sorted(ok.namelist()) and all(
                zf.read(n) == ok.read(n) for n in ok.namelist()
            )
    except Exception:
        return False


def _stray(path: Path, rows: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    for i in range(rows):
        ws.append([i, "x", i * 2])
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    xml = parts[name].decode()
    end = xml.rindex("</row>")
    parts[name] = (
        xml[:end] + '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c>' + xml[end:]
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    return path


def _bomb(path: Path, mb: int) -> Path:
    """A workbook whose sharedStrings part unpacks to `mb` MB, written in chunks (so that
    making it does not count toward the peak memory of reading it)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(
                b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><si><t>"
            )
            chunk = b"A" * (1024 * 1024)
            for _ in range(mb):
                out.write(chunk)
            out.write(b"</t></si></sst>")
    return path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory(prefix="tambon-reliability-") as tmp:
        root = Path(tmp)
        survived, lost = kills(root / "kills", args.quick, rng)
        refused, accepted = hostile(root / "hostile", args.quick, rng)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    target = sum(max(2, v // 10) for v in SCALE.values()) if args.quick else 250
    print(f"BENCH kills_survived {survived} kills target >= {target}")
    print(f"BENCH kills_data_lost {lost} kills target == 0")
    print(f"BENCH hostile_files_refused {refused} files target >= {40 if args.quick else 150}")
    print(f"BENCH hostile_files_accepted {accepted} files target == 0")
    print(f"BENCH peak_mb {peak:.0f} MB target <= 600")
    print("# " + json.dumps({"scale": "quick" if args.quick else "full"}))
    return 0 if lost == 0 and accepted == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
