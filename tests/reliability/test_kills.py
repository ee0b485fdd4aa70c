"""kill -9 during every kind of write (small counts here; benchmarks/reliability.py runs
hundreds): integrity holds, no acknowledged write is lost, loads and bundles are whole or
absent, migrations and backups survive."""

import random

import harness
import pytest


@pytest.fixture
def rng():
    return random.Random(14)


def test_kill_during_service_writes(tmp_path, rng):
    assert harness.service_writes(tmp_path, kills=3, rng=rng) == 3


def test_kill_during_loads(tmp_path, rng):
    assert harness.loads(tmp_path, kills=2, rng=rng) == 2


def test_kill_during_bundle_imports(tmp_path, rng):
    bundle = harness.prepare_bundle(tmp_path, households_n=20)
    assert harness.imports(tmp_path / "runs", kills=3, bundle=bundle, households_n=20, rng=rng) == 3


def test_kill_during_migration(tmp_path, rng):
    assert harness.migrations_(tmp_path, kills=2, rng=rng) == 2


def test_kill_during_backups(tmp_path, rng):
    assert harness.backups(tmp_path, kills=2, rng=rng) == 2
