"""One ledger for both books (issue 15): a community enterprise's account book moves into
`ledger_entry`.

* `ledger_entry.household_id` becomes nullable; `enterprise_id` (the enterprise's book) and
  `member_id` (the member household a share or dividend line names) are added, with the
  CHECK `ledger_entry_one_book`: exactly one of household and enterprise, and a member only
  on an enterprise's line.
* The enterprise book's categories become account categories in the enterprise groups
  (`ent_…` codes, ids uuid5(code) as every category, so every PC has the same ids).
* Every `enterprise_entry` row moves into `ledger_entry` under the same UUID, version and
  tombstone (its category code `sales` becomes the category `ent_sales`; its household, the
  member); the sync bases and kept conflicts of the old table follow, then the table is
  dropped.

SQLite cannot drop a NOT NULL or add a CHECK in place, so there the table is rebuilt (the
documented twelve steps: a new table, copy, drop, rename, indexes) with foreign keys off
(`FOREIGN_KEYS_OFF`, honoured by `migrations.migrate`, which checks them before the commit).
PostgreSQL alters the table in place. An older bundle is upgraded by this same migration on
its temporary copy, so its enterprise lines arrive as ledger lines.
"""

from __future__ import annotations

import json

from .m0002_accounts import category_id

VERSION = 10
FOREIGN_KEYS_OFF = True  # SQLite: the table rebuild drops a parent table of cost_line

CHECK_SQL = (
    "(household_id IS NULL) <> (enterprise_id IS NULL) "
    "AND (member_id IS NULL OR enterprise_id IS NOT NULL)"
)

# The enterprise book's categories as they stood in resources/farming/enterprise_categories.csv
# (frozen: the editable list is resources/accounts/enterprise_categories.csv).
# (code, Thai, English, group, order, old code)
SEED = (
    ("ent_sales", "รายได้จากการขายผลผลิต", "Sales of produce", "ent_income", 10, "sales"),
    ("ent_service", "รายได้ค่าบริการ", "Service income", "ent_income", 20, "service"),
    ("ent_grant", "เงินอุดหนุน/เงินสนับสนุน", "Grants and support", "ent_income", 30, "grant"),
    ("ent_inc_other", "รายได้อื่น ๆ ของวิสาหกิจ", "Other income", "ent_income", 40, "inc_other"),
    ("ent_share_in", "เงินค่าหุ้นสมาชิก", "Members' share capital", "ent_share_in", 50, "share_in"),
    (
        "ent_purchase",
        "ซื้อผลผลิต/วัตถุดิบ",
        "Produce and raw materials bought",
        "ent_expense",
        60,
        "purchase",
    ),
    ("ent_wages", "ค่าจ้างแรงงานของวิสาหกิจ", "Wages", "ent_expense", 70, "wages"),
    ("ent_packing", "ค่าบรรจุภัณฑ์", "Packing", "ent_expense", 80, "packing"),
    ("ent_transport", "ค่าขนส่ง", "Transport", "ent_expense", 90, "transport"),
    ("ent_utilities", "ค่าน้ำ ค่าไฟ", "Water and electricity", "ent_expense", 100, "utilities"),
    ("ent_exp_other", "รายจ่ายอื่น ๆ ของวิสาหกิจ", "Other expenses", "ent_expense", 110, "exp_other"),
    (
        "ent_dividend",
        "เงินปันผลสมาชิก",
        "Dividends paid to members",
        "ent_dividend",
        120,
        "dividend",
    ),
    ("ent_share_out", "คืนค่าหุ้น", "Share capital returned", "ent_share_out", 130, "share_out"),
)

_COLUMNS = (
    "id, created_at, updated_at, updated_by, deleted_at, household_id, date, category_id, "
    "amount, note, row_version, enterprise_id, member_id"
)

_SQLITE_TABLE = (
    'CREATE TABLE "ledger_entry_new" ('
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" VARCHAR(27) NOT NULL, '
    '"updated_at" VARCHAR(27) NOT NULL, "updated_by" VARCHAR(64), "deleted_at" VARCHAR(27), '
    '"household_id" VARCHAR(32), "date" VARCHAR(10) NOT NULL, '
    '"category_id" VARCHAR(32) NOT NULL, "amount" INTEGER NOT NULL, "note" TEXT NOT NULL, '
    '"row_version" INTEGER NOT NULL DEFAULT 1, "enterprise_id" VARCHAR(32), '
    '"member_id" VARCHAR(32), '
    f"CONSTRAINT ledger_entry_one_book CHECK ({CHECK_SQL}), "
    'FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("category_id") REFERENCES "account_category" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("member_id") REFERENCES "household" ("id") ON DELETE RESTRICT)'
)

_INDEXES = (
    'CREATE INDEX "ledger_entry_updated_at" ON "ledger_entry" ("updated_at")',
    'CREATE INDEX "ledger_entry_category_id" ON "ledger_entry" ("category_id")',
    'CREATE INDEX "ledger_entry_enterprise_id" ON "ledger_entry" ("enterprise_id")',
    'CREATE INDEX "ledger_entry_member_id" ON "ledger_entry" ("member_id")',
    # the covering index of every household figure, as migration 2 made it
    "CREATE INDEX ledger_entry_alive_hmcad ON ledger_entry "
    "(household_id, substr(date, 1, 7), category_id, amount, date) "
    "WHERE deleted_at IS NULL",
)


def _columns(db, table: str) -> set[str]:
    return {c.name for c in db.get_columns(table)}


def _seed_categories(db) -> None:
    from ..base import utcnow

    have = {r[0] for r in db.execute_sql("SELECT code FROM account_category")}
    now = utcnow()
    for code, th, en, group, order, _old in SEED:
        if code in have:
            continue
        db.execute_sql(
            "INSERT INTO account_category (id, created_at, updated_at, updated_by, deleted_at, "
            'code, name_th, name_en, "group", "order", retired) '
            "VALUES (?, ?, ?, 'system', NULL, ?, ?, ?, ?, ?, ?)",
            (category_id(code), now, now, code, th, en, group, order, False),
        )


def _rebuild_sqlite(db) -> None:
    old = _columns(db, "ledger_entry")
    version = "row_version" if "row_version" in old else "1"
    db.execute_sql(_SQLITE_TABLE)
    db.execute_sql(
        f"INSERT INTO ledger_entry_new ({_COLUMNS}) "
        "SELECT id, created_at, updated_at, updated_by, deleted_at, household_id, date, "
        f"category_id, amount, note, {version}, NULL, NULL FROM ledger_entry"
    )
    db.execute_sql("DROP TABLE ledger_entry")
    db.execute_sql("ALTER TABLE ledger_entry_new RENAME TO ledger_entry")
    for sql in _INDEXES:
        db.execute_sql(sql)


def _alter_postgres(db) -> None:
    for sql in (
        "ALTER TABLE ledger_entry ALTER COLUMN household_id DROP NOT NULL",
        "ALTER TABLE ledger_entry ADD COLUMN enterprise_id VARCHAR(32) "
        "REFERENCES enterprise (id) ON DELETE RESTRICT",
        "ALTER TABLE ledger_entry ADD COLUMN member_id VARCHAR(32) "
        "REFERENCES household (id) ON DELETE RESTRICT",
        f"ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_one_book CHECK ({CHECK_SQL})",
        *_INDEXES[2:4],
    ):
        db.execute_sql(sql)


def _move_enterprise_entries(db) -> None:
    if "enterprise_entry" not in set(db.get_tables()):
        return
    cols = _columns(db, "enterprise_entry")
    version = "e.row_version" if "row_version" in cols else "1"
    fallback = category_id("ent_exp_other")
    case = " ".join(f"WHEN '{old}' THEN '{category_id(code)}'" for code, *_r, old in SEED)
    db.execute_sql(
        f"INSERT INTO ledger_entry ({_COLUMNS}) "
        "SELECT e.id, e.created_at, e.updated_at, e.updated_by, e.deleted_at, NULL, e.date, "
        f"CASE e.category {case} ELSE '{fallback}' END, e.amount, e.note, {version}, "
        "e.enterprise_id, e.household_id FROM enterprise_entry e"
    )
    if "sync_base" in set(db.get_tables()):
        db.execute_sql(
            "UPDATE sync_base SET tbl = 'ledger_entry' WHERE tbl = 'enterprise_entry' "
            "AND record_id NOT IN (SELECT record_id FROM sync_base WHERE tbl = 'ledger_entry')"
        )
        db.execute_sql("DELETE FROM sync_base WHERE tbl = 'enterprise_entry'")
    _move_conflicts(db)
    db.execute_sql("DROP TABLE enterprise_entry")


def _move_conflicts(db) -> None:
    """Losing versions of enterprise lines kept by the exchange stay restorable: they name
    the ledger and the ledger's columns (category id, member) from now on."""
    if "exchange_conflict" not in set(db.get_tables()):
        return
    ids = {old: category_id(code) for code, *_r, old in SEED}
    rows = db.execute_sql(
        "SELECT id, lost_values FROM exchange_conflict WHERE tbl = 'enterprise_entry'"
    ).fetchall()
    for cid, text in rows:
        lost = json.loads(text) if text else {}
        if "category" in lost:
            lost["category_id"] = ids.get(lost.pop("category"), category_id("ent_exp_other"))
        lost["member_id"] = lost.pop("household_id", None)
        lost["household_id"] = None
        db.execute_sql(
            "UPDATE exchange_conflict SET tbl = 'ledger_entry', lost_values = ? WHERE id = ?",
            (json.dumps(lost, ensure_ascii=False, sort_keys=True), cid),
        )


def up(db):
    from ..engines import is_hub

    _seed_categories(db)
    if "enterprise_id" not in _columns(db, "ledger_entry"):
        if is_hub(db):
            _alter_postgres(db)
        else:
            _rebuild_sqlite(db)
    _move_enterprise_entries(db)
