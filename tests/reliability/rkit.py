"""Shared tools of the reliability suite (issue 14): PCs side by side, bundles rewritten as an
attacker would, a memory cap, and child processes to kill."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import PC  # noqa: F401  (one computer, shared with test_exchange)

from tambon_desk import exchange
from tambon_desk.registry import households, places

ROOT = Path(__file__).resolve().parents[2]


def build_tambon(pc, code="800101", n_households=3, ledger=0):
    """A tambon with two villages, households with two members each (with citizen IDs),
    and `ledger` account-book lines on the first household."""
    import datetime as dt

    from tambon_desk import accounts

    ctx = pc.use()
    t = places.add_tambon(ctx, code, [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    v1, v2 = places.villages(t)
    made = []
    for i in range(n_households):
        village = v1 if i % 2 == 0 else v2
        made.append(
            households.save_household(
                ctx,
                village,
                f"{i + 1}/1",
                [
                    {
                        "first_name": f"สมชาย{i}",
                        "last_name": "ใจดี",
                        "relation": "head",
                        "citizen_id": valid_cid(1100700000000 + i * 10),
                    },
                    {
                        "first_name": f"สมหญิง{i}",
                        "last_name": "ใจดี",
                        "relation": "spouse",
                        "sex": "F",
                    },
                ],
            )
        )
    food = accounts.category_by_code("food")
    for k in range(ledger):
        accounts.add_entry(
            ctx, made[0], dt.date(2025, 11, 1 + k % 28), food, 1000 + k, confirmed=True
        )
    return t, made


def valid_cid(base12: int) -> str:
    """A 13-digit citizen ID with a correct check digit, from its first 12 digits."""
    d = str(base12)[:12].rjust(12, "1")
    check = (11 - sum(int(c) * (13 - i) for i, c in enumerate(d)) % 11) % 10
    return d + str(check)


def rewrite(
    path: Path, dest: Path, data_fn=None, manifest_fn=None, raw_manifest=None, extra=None
) -> Path:
    """Copy a bundle, changing its database and/or manifest, with checksums made to match
    (what an attacker who knows the format does)."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    if data_fn:
        tmp = dest.with_suffix(".sqlite")
        tmp.write_bytes(members["data.sqlite"])
        con = sqlite3.connect(tmp)
        data_fn(con)
        con.commit()
        con.close()
        members["data.sqlite"] = tmp.read_bytes()
        tmp.unlink()
    members.update(extra or {})
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()
    }
    if manifest_fn:
        manifest_fn(manifest)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "manifest.json", raw_manifest if raw_manifest is not None else json.dumps(manifest)
        )
        for n, d in members.items():
            zf.writestr(n, d)
    return dest


def export(pc, stick, **kw) -> Path:
    return exchange.export_bundle(pc.use(), stick, **kw).path


def _vm_size() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


@contextlib.contextmanager
def memory_cap(extra_mb: int = 768):
    """Cap this process's address space at its present size plus `extra_mb`, so a blow-up
    raises MemoryError in the test instead of eating the machine (resource.setrlimit)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_size() + extra_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield limit
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def env(**extra) -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e.update(extra)
    return e


def run_cli(*args, **extra_env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tambon_desk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env(**extra_env),
        timeout=300,
    )


def integrity(path: Path) -> str:
    con = sqlite3.connect(str(path))
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
