"""Ledger lines of the account books: checks, audited writes, the bulk path.

One ledger holds two kinds of book: a household's (the owner is a `Household`) and a
community enterprise's (the owner is an `Enterprise`); every function that takes an `owner`
takes either. Money is integer satang throughout. A line is refused (ValidationError) when
the amount is not above zero or above HARD_LIMIT, the date is in the future or outside the
book's period, the household is not active (the enterprise is in the recycle bin), the
category is unknown, retired or of the other book, or a member is named on a household's
line or is not a member of the enterprise. Two things only *ask* (ConfirmationNeeded; the
caller repeats with `confirmed=True`): an amount above the book's sanity ceiling, and a
likely duplicate (same owner, day, category and amount). The bulk path is household-only.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field

from .. import registry
from ..core.auth import require
from ..core.errors import NotFound, UserError, ValidationError
from ..core.i18n import _
from ..core.records import audit, fetch, restore_record, save_record, tombstone_record, transaction
from ..db import engines
from ..db.base import utcnow
from ..db.models import (
    AccountCategory,
    Enterprise,
    EnterpriseMember,
    Household,
    LedgerEntry,
    Village,
)
from ..thai import format_baht, format_date, normalize_space, thai_to_arabic_digits
from .chart import BOOKS, GROUPS

CEILING = 100_000 * 100  # satang: a line above 100,000 baht asks "are you sure?"
HARD_LIMIT = 10_000_000 * 100  # satang: above 10 million baht is refused as a typing error
OLDEST = _dt.date(2000, 1, 1)  # older dates are a mistyped year (CE typed as BE, …)
ENTERPRISE_CEILING = 10 * CEILING  # an enterprise sells a season's crop in one line
KEEP = object()  # edit_entry: leave the member as it is


def book_of(owner) -> str:
    """'enterprise' for an Enterprise (or its line), else 'household'."""
    if isinstance(owner, LedgerEntry):
        return "enterprise" if owner.enterprise_id is not None else "household"
    return "enterprise" if isinstance(owner, Enterprise) else "household"


def owner_of(entry):
    """The household or enterprise whose book holds the line."""
    return entry.enterprise if entry.enterprise_id is not None else entry.household


def _owner_clause(owner):
    if book_of(owner) == "enterprise":
        return LedgerEntry.enterprise == owner
    return LedgerEntry.household == owner


def ceiling(book: str) -> int:
    return ENTERPRISE_CEILING if book == "enterprise" else CEILING


class ConfirmationNeeded(UserError):
    """The line is valid but unusual; `warnings` maps field -> Thai question text.

    Repeat the call with `confirmed=True` after the clerk agrees.
    """

    def __init__(self, warnings: dict[str, str]):
        self.warnings = dict(warnings)
        super().__init__(" ".join(self.warnings.values()))


# --- validation ----------------------------------------------------------------------------


def _household_error(household) -> str | None:
    if household is None:
        return _("Choose the household.")
    if household.deleted_at is not None:
        return _("This household is in the recycle bin.")
    if household.status != "active":
        return _("This household is not active (moved or dissolved); its book is closed.")
    return None


def _enterprise_error(enterprise) -> str | None:
    if enterprise is None:
        return _("Choose the enterprise.")
    if enterprise.deleted_at is not None:
        return _("This enterprise is in the recycle bin.")
    return None


def _member_error(owner, member, book: str, old_member_id=None) -> str | None:
    if member is None:
        return None
    if book == "enterprise" and getattr(member, "id", member) == old_member_id:
        return None  # a line keeps the member it named, who may have left since
    if book != "enterprise":
        return _("A household's book names no member; members belong to an enterprise's book.")
    if owner is None or not (
        EnterpriseMember.alive()
        .where((EnterpriseMember.enterprise == owner) & (EnterpriseMember.household == member))
        .exists()
    ):
        return _("House no. {no} is not a member of this enterprise.").format(
            no=getattr(member, "house_no", "")
        )
    return None


def _date_error(date, period, today) -> str | None:
    if not isinstance(date, _dt.date):
        return _("Enter the date.")
    if date > today:
        return _("The date {date} is in the future.").format(date=format_date(date))
    if date < OLDEST:
        return _("The date {date} is too old; check the year (B.E.).").format(
            date=format_date(date)
        )
    if period is not None and not (period[0] <= date <= period[1]):
        return _("The date {date} is outside this book ({start} – {end}).").format(
            date=format_date(date), start=format_date(period[0]), end=format_date(period[1])
        )
    return None


def _amount_error(amount) -> str | None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        return _("Enter the amount.")
    if amount <= 0:
        return _("The amount must be more than zero.")
    if amount > HARD_LIMIT:
        return _("The amount {amount} baht is too large for a household book.").format(
            amount=format_baht(amount)
        )
    return None


def validate_entry(
    owner,
    date,
    category,
    amount,
    *,
    member=None,
    period=None,
    today=None,
    old_category_id: str | None = None,
    old_member_id: str | None = None,
    book: str | None = None,
) -> None:
    """Raise ValidationError (field -> Thai message) for a line that cannot be saved.

    `owner`: the Household or Enterprise whose book the line is in (`book` names the book
    when the owner is None). `period` = (first, last) day of the book being keyed (e.g. the
    month sheet). `old_category_id`: an edited line may keep its retired category;
    `old_member_id`: and the member it named, who may have left the enterprise since.
    """
    today = today or _dt.date.today()
    book = book or book_of(owner)
    errors = {}
    for key, msg in (
        (
            book,
            _enterprise_error(owner) if book == "enterprise" else _household_error(owner),
        ),
        ("date", _date_error(date, period, today)),
        ("amount", _amount_error(amount)),
        ("member", _member_error(owner, member, book, old_member_id)),
    ):
        if msg:
            errors[key] = msg
    if category is None or category.deleted_at is not None:
        errors["category"] = _("Choose the category.")
    elif category.retired and category.id != old_category_id:
        errors["category"] = _("The category {name} is retired; choose another.").format(
            name=category.name_th
        )
    elif category.group not in BOOKS[book]:
        errors["category"] = (
            _("{name} is a category of an enterprise's book, not a household's.")
            if book == "household"
            else _("{name} is a category of a household's book, not an enterprise's.")
        ).format(name=category.name_th)
    if errors:
        raise ValidationError(errors)


def likely_duplicates(owner, date, category, amount, exclude_id: str | None = None) -> list:
    """Living lines of the same book (household or enterprise), day, category and amount."""
    q = LedgerEntry.alive().where(
        _owner_clause(owner)
        & (LedgerEntry.date == date)
        & (LedgerEntry.category == category)
        & (LedgerEntry.amount == amount)
    )
    if exclude_id:
        q = q.where(LedgerEntry.id != exclude_id)
    return list(q)


def _warnings(owner, date, category, amount, exclude_id=None) -> dict:
    out = {}
    if amount > ceiling(book_of(owner)):
        out["amount"] = _(
            "{amount} baht is an unusually large amount for one line. Is it right?"
        ).format(amount=format_baht(amount))
    if likely_duplicates(owner, date, category, amount, exclude_id):
        out["duplicate"] = _(
            "The same line ({date}, {category}, {amount} baht) is already in "
            "the book. Save it again?"
        ).format(date=format_date(date), category=category.name_th, amount=format_baht(amount))
    return out


# --- writing lines -------------------------------------------------------------------------


def add_entry(
    ctx,
    owner,
    date,
    category,
    amount: int,
    note: str = "",
    *,
    member=None,
    period=None,
    confirmed: bool = False,
    today=None,
):
    """Save one line in the book of `owner` (a Household or an Enterprise; clerk).

    `member`: on an enterprise's line, the member household it names (a share paid in, a
    dividend paid out). Raises ValidationError or ConfirmationNeeded.
    """
    require(ctx, "clerk", "add ledger line", "ledger_entry")
    validate_entry(owner, date, category, amount, member=member, period=period, today=today)
    if not confirmed:
        warn = _warnings(owner, date, category, amount)
        if warn:
            raise ConfirmationNeeded(warn)
    enterprise = book_of(owner) == "enterprise"
    return save_record(
        ctx,
        LedgerEntry,
        {
            "household": None if enterprise else owner,
            "enterprise": owner if enterprise else None,
            "member": member,
            "date": date,
            "category": category,
            "amount": amount,
            "note": normalize_space(note),
        },
        role=None,
    )


def edit_entry(
    ctx,
    entry,
    *,
    date=None,
    category=None,
    amount=None,
    note=None,
    member=KEEP,
    period=None,
    confirmed: bool = False,
    expected_updated_at=None,
    today=None,
):
    """Change a line (only the given fields); audited with before/after values."""
    require(ctx, "clerk", "edit ledger line", "ledger_entry", entry.id)
    if entry.deleted_at is not None:
        raise NotFound(_("This line is in the recycle bin."))
    date = entry.date if date is None else date
    category = entry.category if category is None else category
    amount = entry.amount if amount is None else amount
    note = entry.note if note is None else normalize_space(note)
    member = entry.member if member is KEEP else member
    owner = owner_of(entry)
    validate_entry(
        owner,
        date,
        category,
        amount,
        member=member,
        period=period,
        today=today,
        old_category_id=entry.category_id,
        old_member_id=entry.member_id,
        book=book_of(entry),
    )
    if not confirmed and (date, category.id, amount) != (
        entry.date,
        entry.category_id,
        entry.amount,
    ):
        warn = _warnings(owner, date, category, amount, exclude_id=entry.id)
        if warn:
            raise ConfirmationNeeded(warn)
    return save_record(
        ctx,
        LedgerEntry,
        {"date": date, "category": category, "amount": amount, "note": note, "member": member},
        record=entry,
        role=None,
        expected_updated_at=expected_updated_at,
    )


def delete_entry(ctx, entry, expected_updated_at=None):
    """The line goes to the recycle bin (and travels as a delete)."""
    return tombstone_record(ctx, entry, expected_updated_at=expected_updated_at)


def restore_entry(ctx, entry, today=None):
    """Bring a line back; it must still be valid (owner active, category known)."""
    return restore_record(
        ctx,
        entry,
        lambda e: validate_entry(
            owner_of(e),
            e.date,
            e.category,
            e.amount,
            member=e.member,
            today=today,
            old_category_id=e.category_id,
            old_member_id=e.member_id,
            book=book_of(e),
        ),
    )


def entries_of(owner, start: _dt.date, end: _dt.date, deleted: bool = False) -> list:
    """Lines of one book (a household's or an enterprise's) in [start, end], in book order
    (date, then keying order)."""
    return list(
        LedgerEntry.select()
        .where(
            _owner_clause(owner)
            & LedgerEntry.date.between(start, end)
            & LedgerEntry.deleted_at.is_null(not deleted)
        )
        .order_by(LedgerEntry.date, LedgerEntry.created_at)
    )


def last_entry_date(owner) -> _dt.date | None:
    """Date of the book's latest living line (summaries open on that year)."""
    e = LedgerEntry.alive().where(_owner_clause(owner)).order_by(LedgerEntry.date.desc()).first()
    return e.date if e is not None else None


def duplicate_groups(household_ids=None, start=None, end=None) -> list[dict]:
    """Sets of living household-book lines sharing household, day, category and amount."""
    db = LedgerEntry._meta.database
    sql = (
        "SELECT household_id, date, category_id, amount, COUNT(*), "
        f"{engines.group_concat_sql('id', db)} FROM ledger_entry "
        "WHERE deleted_at IS NULL AND household_id IS NOT NULL"
    )
    params: list = []
    if household_ids is not None:
        ids = list(household_ids)
        if not ids:
            return []
        sql += f" AND household_id IN ({','.join('?' * len(ids))})"
        params += ids
    if start is not None:
        sql += " AND date >= ?"
        params.append(start.isoformat())
    if end is not None:
        sql += " AND date <= ?"
        params.append(end.isoformat())
    sql += " GROUP BY household_id, date, category_id, amount HAVING COUNT(*) > 1"
    cur = db.execute_sql(sql, params)
    return [
        {
            "household_id": h,
            "date": _dt.date.fromisoformat(d),
            "category_id": c,
            "amount": a,
            "count": n,
            "ids": ids.split(","),
        }
        for h, d, c, a, n, ids in cur
    ]


# --- bulk path (file import, bundle import, benchmarks) -----------------------------------


@dataclass
class BulkCheck:
    """Result of checking parsed rows: the good ones ready to insert and the errors."""

    good: list = field(default_factory=list)  # (household_id, iso date, category_id, satang, note)
    errors: list = field(default_factory=list)  # (row number, field, Thai message)
    warnings: list = field(default_factory=list)  # (row number, field, Thai message)
    already: int = 0  # good rows already in the books (skipped)


def check_rows(rows, *, today=None, first_row: int = 1, period=None) -> BulkCheck:
    """Validate already-parsed rows (household_id, date, category code, satang, note).

    Same rules as `validate_entry`, done with set and dict look-ups so that millions of
    rows are checked at the speed of inserting them. Amounts above the ceiling and lines
    repeated inside the batch are warnings (imported), everything else is an error.
    """
    today = (today or _dt.date.today()).isoformat()
    oldest = OLDEST.isoformat()
    lo, hi = (period[0].isoformat(), period[1].isoformat()) if period else (oldest, today)
    lo, hi = max(lo, oldest), min(hi, today)
    active = {
        h
        for (h,) in Household.select(Household.id)
        .where(Household.deleted_at.is_null() & (Household.status == "active"))
        .tuples()
    }
    cats = {
        code: cid
        for code, cid in AccountCategory.select(AccountCategory.code, AccountCategory.id)
        .where(
            AccountCategory.deleted_at.is_null()
            & (AccountCategory.retired == False)  # noqa: E712
            & AccountCategory.group.in_(list(GROUPS))  # a household's book only
        )
        .tuples()
    }
    out = BulkCheck()
    good, errors, warnings = out.good, out.errors, out.warnings
    seen = set()
    good_dates: dict = {}  # ISO text -> valid and in range (few distinct dates)
    fromiso = _dt.date.fromisoformat
    for n, (hid, date, code, amount, note) in enumerate(rows, start=first_row):
        if not isinstance(date, str):
            date = date.isoformat() if isinstance(date, _dt.date) else ""
        bad = False
        if hid not in active:
            errors.append((n, "household", _("Unknown or inactive household.")))
            bad = True
        cid = cats.get(code)
        if cid is None:
            errors.append(
                (n, "category", _("Unknown or retired category code {code}.").format(code=code))
            )
            bad = True
        if type(amount) is not int or amount <= 0 or amount > HARD_LIMIT:
            errors.append(
                (
                    n,
                    "amount",
                    _amount_error(amount)
                    if isinstance(amount, int) and not isinstance(amount, bool)
                    else _("Enter the amount."),
                )
            )
            bad = True
        ok = good_dates.get(date)
        if ok is None:
            try:
                ok = len(date) == 10 and fromiso(date) and lo <= date <= hi
            except ValueError:
                ok = False
            good_dates[date] = ok
        if not ok:
            try:
                msg = _date_error(fromiso(date), period, fromiso(today))
            except ValueError:
                msg = None
            errors.append((n, "date", msg or _("Enter the date.")))
            bad = True
        if bad:
            continue
        if amount > CEILING:
            warnings.append(
                (
                    n,
                    "amount",
                    _("Unusually large amount: {amount} baht.").format(amount=format_baht(amount)),
                )
            )
        key = (hid, date, cid, amount)
        if key in seen:
            warnings.append(
                (n, "duplicate", _("Same household, day, category and amount as an earlier row."))
            )
        seen.add(key)
        good.append((hid, date, cid, amount, normalize_space(note) if note else ""))
    return out


def drop_already_saved(good: list) -> tuple[list, int]:
    """Leave out rows whose line is already in the books, so loading a file twice adds
    nothing. Compared as counts per (household, day, category, amount): a file with the same
    purchase twice adds two lines the first time and none the second."""
    if not good:
        return good, 0

    db = LedgerEntry._meta.database
    hids = sorted({g[0] for g in good})
    lo, hi = min(g[1] for g in good), max(g[1] for g in good)
    existing: dict = {}
    for i in range(0, len(hids), 5000):
        part = hids[i : i + 5000]
        sql = (
            "SELECT household_id, date, category_id, amount, COUNT(*) FROM ledger_entry "
            f"{engines.indexed_by('ledger_entry_alive_hmcad', db)}"
            f"WHERE household_id IN ({','.join('?' * len(part))}) AND deleted_at IS NULL "
            "AND substr(date, 1, 7) BETWEEN ? AND ? AND date BETWEEN ? AND ? "
            "GROUP BY household_id, date, category_id, amount"
        )
        for h, d, c, a, n in db.execute_sql(sql, [*part, lo[:7], hi[:7], lo, hi]):
            existing[(h, d, c, a)] = n
    if not existing:
        return good, 0
    out, skipped = [], 0
    for g in good:
        key = g[:4]
        if existing.get(key, 0) > 0:
            existing[key] -= 1
            skipped += 1
        else:
            out.append(g)
    return out, skipped


_INSERT = (
    "INSERT INTO ledger_entry (id, created_at, updated_at, updated_by, deleted_at, "
    "household_id, date, category_id, amount, note) VALUES (?,?,?,?,NULL,?,?,?,?,?)"
)


def insert_checked(ctx, good: list, *, source: str = "", chunk: int = 50_000) -> int:
    """Insert rows returned in `BulkCheck.good` in one transaction; one audit row.

    Ids are 128 random bits in hex (like uuid4().hex), drawn from os.urandom in one call per
    chunk: this is what keeps the bulk path near raw executemany speed.
    """
    require(ctx, "clerk", "import ledger lines", "ledger_entry")
    now, who = utcnow(), ctx.username
    total = 0
    with transaction(ctx):
        for i in range(0, len(good), chunk):
            part = good[i : i + chunk]
            ids = os.urandom(16 * len(part)).hex()
            engines.executemany(
                ctx.db,
                _INSERT,
                [
                    (ids[32 * j : 32 * j + 32], now, now, who, h, d, c, a, nt)
                    for j, (h, d, c, a, nt) in enumerate(part)
                ],
            )
            total += len(part)
        audit(ctx, "import", "ledger_entry", None, None, {"lines": total}, note=source or "bulk")
    return total


def add_entries_bulk(
    ctx, rows, *, valid_only: bool = False, source: str = "", today=None, period=None
) -> BulkCheck:
    """Check and insert parsed rows. With any error nothing is saved unless `valid_only`.

    Lines already in the books are skipped (`result.already`), so a file loaded twice adds
    nothing the second time. Returns the BulkCheck; `len(result.good)` lines were saved
    when no error stopped it (check `result.errors` and `valid_only`).
    """
    require(ctx, "clerk", "import ledger lines", "ledger_entry")
    result = check_rows(rows, today=today, period=period)
    if result.errors and not valid_only:
        return result
    result.good, result.already = drop_already_saved(result.good)
    insert_checked(ctx, result.good, source=source)
    return result


# --- households for the entry screen --------------------------------------------------------


def pick_households(text: str, village=None, limit: int = 20) -> list[dict]:
    """Type-ahead for the entry screen: house number first (exact, then prefix), then name."""
    t = normalize_space(thai_to_arabic_digits(text or "")).lower()
    exact = registry.households_for_key(t, village=village, limit=limit)
    base = (
        Household.select(
            Household.id,
            Household.house_no,
            Household.head_name,
            Household.status,
            Village.moo,
            Village.name.alias("village_name"),
            Village.id.alias("village_id"),
        )
        .join(Village)
        .where(Household.deleted_at.is_null())
    )
    if village is not None:
        base = base.where(Household.village == village)
    if not t:
        return list(base.order_by(Village.moo, Household.sort_key).limit(limit).dicts())
    by_no = list(
        base.where(Household.house_no.startswith(t))
        .order_by(Household.house_no != t, Village.moo, Household.house_no)
        .limit(limit)
        .dicts()
    )
    by_no = exact + [r for r in by_no if r["id"] not in {e["id"] for e in exact}]
    seen = {r["id"] for r in by_no}
    q = base
    for token in t.split():
        q = q.where(Household.search_text.contains(token))
    rest = [r for r in q.order_by(Household.sort_key).limit(limit).dicts() if r["id"] not in seen]
    return (by_no + rest)[:limit]


def get_entry(ledgerentry_id):
    """The LedgerEntry with this id, or None."""
    return fetch(LedgerEntry, ledgerentry_id)
