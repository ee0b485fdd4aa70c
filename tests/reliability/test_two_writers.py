"""Two writers under a coarse clock (issue 14): with every save stamped in the same tick
(the 15.6 ms clock of Windows before Python 3.13), the optimistic check still refuses a
stale save, and two users incrementing one record never lose an update."""

from __future__ import annotations

import threading

import pytest

from tambon_desk.core import records
from tambon_desk.core.errors import ConcurrentEditError
from tambon_desk.core.records import save_record, tombstone_record
from tambon_desk.db.models import Village
from tambon_desk.registry import places

TICK = "2026-12-01T04:00:00.000000Z"


@pytest.fixture
def coarse_clock(monkeypatch):
    monkeypatch.setattr(records, "utcnow", lambda: TICK)


def test_stale_delete_refused_in_the_same_tick(ctx, coarse_clock):
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    vid = places.villages(t)[0].id
    mine, theirs = Village.get_by_id(vid), Village.get_by_id(vid)
    save_record(ctx, Village, {"name": "ใหม่"}, record=mine, expected_updated_at=mine.updated_at)
    with pytest.raises(ConcurrentEditError):
        tombstone_record(ctx, theirs, expected_updated_at=theirs.updated_at)
    assert Village.get_by_id(vid).deleted_at is None


def test_explicit_expected_version(ctx, coarse_clock):
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = places.villages(t)[0]
    opened = v.row_version
    save_record(ctx, Village, {"name": "ก"}, record=Village.get_by_id(v.id))
    with pytest.raises(ConcurrentEditError):
        save_record(
            ctx, Village, {"name": "ข"}, record=Village.get_by_id(v.id), expected_version=opened
        )


def test_two_threads_incrementing_lose_no_update(ctx, coarse_clock):
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    vid = places.villages(t)[0].id
    start = Village.get_by_id(vid).account_target
    done = {"a": 0, "b": 0}
    refused = {"a": 0, "b": 0}
    barrier = threading.Barrier(2)

    def writer(name):
        barrier.wait()
        with ctx.db.connection_context():
            while done[name] < 25:
                v = Village.get_by_id(vid)  # open the form
                try:
                    save_record(
                        ctx,
                        Village,
                        {"account_target": v.account_target + 1},
                        record=v,
                        expected_updated_at=v.updated_at,
                    )
                    done[name] += 1
                except ConcurrentEditError:
                    refused[name] += 1  # reopen and try again

    threads = [threading.Thread(target=writer, args=(n,)) for n in done]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    final = Village.get_by_id(vid)
    assert final.account_target == start + 50
    assert final.row_version == 1 + 50
