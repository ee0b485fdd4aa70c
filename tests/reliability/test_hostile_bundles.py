"""Hostile bundles (issue 14): truncated, bit-flipped, path members, zip bombs, lying sizes,
schema mismatches, tampered sealed bundles. Each is refused with a Thai message by verify
and import, and the receiving database is unchanged. Memory is capped while they are read."""

from __future__ import annotations

import hashlib
import json
import random
import zipfile

import pytest
from rkit import PC, build_tambon, export, memory_cap, rewrite

from tambon_desk import exchange
from tambon_desk.core.i18n import set_language
from tambon_desk.db import close_database
from tambon_desk.exchange import bundle as B

PASS = "วลีลับของตำบล"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    set_language("th")
    root = tmp_path_factory.mktemp("hostile")
    a = PC(root, "a")
    build_tambon(a, n_households=4, ledger=3)
    (root / "stick").mkdir()
    plain = export(a, root / "stick")
    sealed = exchange.export_bundle(a.use(), root / "stick", passphrase=PASS).path
    b = PC(root, "b")
    yield {"root": root, "plain": plain, "sealed": sealed, "b": b}
    close_database()


def refused(world, path, passphrase=None):
    """verify and import both refuse with Thai words; the target holds what it held."""
    b = world["b"]
    before = b.snapshot()
    with memory_cap(600):
        with pytest.raises(B.BundleError) as e:
            exchange.verify(path, passphrase=passphrase)
        with pytest.raises(B.BundleError):
            exchange.import_bundle(b.use(), path, passphrase=passphrase)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(e.value)), str(e.value)
    assert b.snapshot() == before
    return str(e.value)


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_truncated(world, tmp_path, keep):
    raw = world["plain"].read_bytes()
    cut = tmp_path / "cut.tambon"
    cut.write_bytes(raw[: int(len(raw) * keep)])
    refused(world, cut)


@pytest.mark.parametrize("seed", range(6))
def test_bit_flipped(world, tmp_path, seed):
    raw = bytearray(world["plain"].read_bytes())
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(raw))
        raw[i] ^= 1 << rng.randrange(8)
    flipped = tmp_path / "flip.tambon"
    flipped.write_bytes(bytes(raw))
    b = world["b"]
    before = b.snapshot()
    try:
        exchange.import_bundle(b.use(), flipped)
    except B.BundleError:
        assert b.snapshot() == before
    else:  # a flip in padding the zip never reads: still identical
        with zipfile.ZipFile(flipped) as zf, zipfile.ZipFile(world["plain"]) as good:
            assert {n: zf.read(n) for n in zf.namelist()} == {
                n: good.read(n) for n in good.namelist()
            }


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "/etc/evil",
        "attachments/../../x",
        "attachments\\..\\x",
        "C:evil",
        "attachments/./x",
    ],
)
def test_path_members(world, tmp_path, name):
    bad = rewrite(world["plain"], tmp_path / "path.tambon", extra={name: b"x"})
    refused(world, bad)


def test_zip_bomb(world, tmp_path):
    bomb = tmp_path / "bomb.tambon"
    big = b"\0" * (300 * 1024 * 1024)
    with zipfile.ZipFile(world["plain"]) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    members["attachments/ab/" + "ab" * 32] = big
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()
    }
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for n, d in members.items():
            zf.writestr(n, d)
    del big, members
    refused(world, bomb)


@pytest.mark.parametrize("delta", [-100, 100])
def test_lying_sizes(world, tmp_path, delta):
    def lie(m):
        m["files"]["data.sqlite"]["size"] += delta

    refused(world, rewrite(world["plain"], tmp_path / "lie.tambon", manifest_fn=lie))


def _drop_table(con):
    con.execute("DROP TABLE water_agreement")


SCHEMA_CHANGES = {
    "extra_column": lambda con: con.execute("ALTER TABLE person ADD COLUMN evil TEXT"),
    "missing_table": _drop_table,
    "text_in_integer": lambda con: con.execute("UPDATE village SET moo = 'หนึ่ง'"),
    "blob_in_text": lambda con: con.execute("UPDATE person SET first_name = x'00ff'"),
    "real_in_money": lambda con: con.execute("UPDATE ledger_entry SET amount = amount + 0.5"),
}


@pytest.mark.parametrize("change", sorted(SCHEMA_CHANGES))
def test_schema_mismatch(world, tmp_path, change):
    def fix_counts(m):
        if change == "missing_table":
            m["counts"].pop("water_agreement", None)

    bad = rewrite(
        world["plain"],
        tmp_path / "schema.tambon",
        data_fn=SCHEMA_CHANGES[change],
        manifest_fn=fix_counts,
    )
    refused(world, bad)


def test_claims_an_older_schema_than_it_has(world, tmp_path):
    def older(m):
        m["migrations"] = [v for v in m["migrations"] if v != 6]
        m["schema_version"] = 5

    refused(world, rewrite(world["plain"], tmp_path / "older.tambon", manifest_fn=older))


@pytest.mark.parametrize("where", ["header", "middle", "tail", "cut"])
def test_tampered_sealed_bundle(world, tmp_path, where):
    raw = bytearray(world["sealed"].read_bytes())
    if where == "cut":
        raw = raw[:-40]
    else:
        i = {"header": 20, "middle": len(raw) // 2, "tail": len(raw) - 3}[where]
        raw[i] ^= 0x40
    bad = tmp_path / "tampered.tambon"
    bad.write_bytes(bytes(raw))
    assert "วลีรหัสผ่าน" in refused(world, bad, passphrase=PASS)


def test_sealed_bundle_wrong_or_missing_passphrase(world):
    assert "วลีรหัสผ่าน" in refused(world, world["sealed"], passphrase="ผิด-ผิด-ผิด")
    assert "วลีรหัสผ่าน" in refused(world, world["sealed"])


def test_sealed_header_asking_for_huge_scrypt_cost(world, tmp_path):
    from tambon_desk.exchange import crypto

    raw = bytearray(world["sealed"].read_bytes())
    raw[len(crypto.MAGIC)] = 40  # log2(N) = 40: terabytes of memory
    bad = tmp_path / "cost.tambon"
    bad.write_bytes(bytes(raw))
    refused(world, bad, passphrase=PASS)
