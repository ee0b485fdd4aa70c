"""Household list at 50,000 households: time to open the first page and to filter per keystroke.

Prints BENCH lines (DESIGN §9). The data is generated straight into the tables (the scale
generator is not the product path). `keystroke_ms` here is the service query per keystroke;
the issue's figure in the real widget needs the household view, which is not built yet.
Run: python benchmarks/households.py [--quick]
"""
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tambon_desk import households as hh  # noqa: E402
from tambon_desk.db import open_database  # noqa: E402
from tambon_desk.db.base import new_id, utcnow  # noqa: E402
from tambon_desk.db.models import Household, Tambon, Village  # noqa: E402
from tambon_desk.thai import random_citizen_id, thai_sort_key  # noqa: E402

FIRST = ["สมชาย", "สมหญิง", "ประยุทธ", "อำนาจ", "น้ำฝน", "อรุณี", "เกรียงไกร", "ทองดี", "มาลี", "วิชัย"]
LAST = ["ใจดี", "ศรีสุข", "แก้วมณี", "ทองคำ", "บุญมา", "รักษ์ไทย", "พรหมคีรี", "ชูช่วย"]


def build(path, n, rng):
    db = open_database(path)
    now = utcnow()
    base = dict(created_at=now, updated_at=now, updated_by="bench")
    t = Tambon.create(code="800101", name_th="ในเมือง", district_code="8001", district_th="เมือง",
                      province_code="80", province_th="นครศรีธรรมราช", **base)
    villages = [Village.create(tambon=t, moo=i + 1, name=f"บ้าน{i + 1}", **base) for i in range(20)]
    rows = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        cid = random_citizen_id(rng)
        rows.append(dict(id=new_id(), village=rng.choice(villages).id, house_no=f"{i + 1}/{rng.randint(1, 9)}",
                         head_name=name, sort_key=thai_sort_key(name),
                         search_text=f"{i + 1} {name} {cid}".lower(), member_count=3, **base))
    with db.atomic():
        for k in range(0, n, 500):
            Household.insert_many(rows[k:k + 500]).execute()
    return db


def median_ms(fn, repeat=7):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    n = 5000 if "--quick" in sys.argv else 50000
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "bench.db", n, rng)
        open_ms = median_ms(lambda: hh.household_page(limit=100))
        typed = "สมหญิง ศรี"
        per_key = [median_ms(lambda q=typed[:k]: hh.household_page(q, limit=100), 3)
                   for k in range(1, len(typed) + 1)]
        print(f"BENCH households {n} count")
        print(f"BENCH list_open_ms {open_ms:.1f} ms target <= 300")
        print(f"BENCH keystroke_service_ms {max(per_key):.1f} ms target <= 100")


if __name__ == "__main__":
    main()
