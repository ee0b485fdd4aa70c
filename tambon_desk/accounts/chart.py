"""Account-book categories: income and expense groups, codes, names, retiring.

A category's id is derived from its code, so every PC has the same ids and bundles merge.

Two books share the one chart: a household's book (GROUPS) and a community enterprise's book
(ENTERPRISE_GROUPS: income, expenses, members' share capital in and returned, dividends).
A group belongs to exactly one book, so a category's book is known from its group
(`book_of_group`); the enterprise categories have `ent_` codes and are seeded by migration 10
and `resources/accounts/enterprise_categories.csv`. See ARCHITECTURE.md, "Account books".
"""

from __future__ import annotations

import csv

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import N_, _
from ..core.records import fetch, save_record
from ..core.resources import resource_path
from ..db.migrations.m0002_accounts import category_id as cid
from ..db.migrations.m0002_accounts import seed_rows
from ..db.models import AccountCategory, LedgerEntry
from ..thai import normalize_space

GROUPS = (
    "income_occupation",
    "income_other",
    "expense_occupation",
    "household",
    "unnecessary",
    "debt_repayment",
    "savings",
)
INCOME_GROUPS = ("income_occupation", "income_other")
# Money spent: the occupation, the household, unnecessary things and debt repayment.
EXPENSE_GROUPS = ("expense_occupation", "household", "unnecessary", "debt_repayment")
SAVINGS_GROUP = "savings"
ENTERPRISE_GROUPS = (
    "ent_income",
    "ent_expense",
    "ent_share_in",
    "ent_share_out",
    "ent_dividend",
)
BOOKS = {"household": GROUPS, "enterprise": ENTERPRISE_GROUPS}
GROUP_LABELS = {
    "income_occupation": N_("Income from occupation"),
    "income_other": N_("Other income"),
    "expense_occupation": N_("Occupation costs"),
    "household": N_("Household expenses"),
    "unnecessary": N_("Unnecessary expenses"),
    "debt_repayment": N_("Debt repayment"),
    "savings": N_("Savings"),
    "ent_income": N_("Enterprise income"),
    "ent_expense": N_("Enterprise expenses"),
    "ent_share_in": N_("Members' share capital paid in"),
    "ent_share_out": N_("Share capital returned"),
    "ent_dividend": N_("Dividends to members"),
}


def book_of_group(group: str) -> str | None:
    """'household' or 'enterprise': the book a category group belongs to."""
    return next((b for b, groups in BOOKS.items() if group in groups), None)


# --- categories ----------------------------------------------------------------------------


def category_id(code: str) -> str:
    """The id every PC gives the category `code` (uuid5; see migration 2)."""
    return cid(code)


_ALL_GROUPS = GROUPS + ENTERPRISE_GROUPS


def categories(include_retired: bool = False, book: str | None = "household") -> list:
    """Living categories of `book` ('household', 'enterprise'; None: both) in book order."""
    q = AccountCategory.alive()
    if not include_retired:
        q = q.where(AccountCategory.retired == False)  # noqa: E712
    if book is not None:
        q = q.where(AccountCategory.group.in_(list(BOOKS[book])))
    rows = list(q)
    return sorted(
        rows,
        key=lambda c: (
            _ALL_GROUPS.index(c.group) if c.group in _ALL_GROUPS else 99,
            c.order,
            c.code,
        ),
    )


def category_by_code(code: str):
    return AccountCategory.get_or_none(
        (AccountCategory.code == normalize_space(code).lower())
        & AccountCategory.deleted_at.is_null()
    )


def category_map(include_retired: bool = True, book: str | None = "household") -> dict:
    """{category id: AccountCategory} (retired included: old lines must stay readable)."""
    return {c.id: c for c in categories(include_retired, book)}


def find_categories(
    text: str, include_retired: bool = False, limit: int = 12, book: str = "household"
) -> list:
    """Type-ahead over one book's categories: exact code or name first, then code prefixes,
    then name matches (an enterprise's `ent_` codes also match without the prefix)."""
    t = normalize_space(text).lower()
    cats = categories(include_retired, book)
    if not t:
        return cats[:limit]
    # exact > prefix > contains; "ค่า" (cost of) is how most expense names begin, so
    # อาหาร means ค่าอาหาร (name without "ค่า") before ค่าอาหารสัตว์ (contains)
    bare = [c.name_th[3:] if c.name_th.startswith("ค่า") else c.name_th for c in cats]
    tiers = (
        lambda c, b: c.code == t or c.name_th == t or c.code == "ent_" + t,
        lambda c, b: b == t,
        lambda c, b: c.code.startswith(t),
        lambda c, b: c.name_th.startswith(t) or b.startswith(t) or c.name_en.lower().startswith(t),
        lambda c, b: t in c.name_th or t in c.name_en.lower(),
    )
    out, seen = [], set()
    for test in tiers:
        for c, b in zip(cats, bare, strict=True):
            if c.id not in seen and test(c, b):
                out.append(c)
                seen.add(c.id)
    return out[:limit]


def group_label(group: str) -> str:
    return _(GROUP_LABELS[group]) if group in GROUP_LABELS else group


def save_category(
    ctx,
    code: str,
    name_th: str,
    group: str,
    *,
    name_en: str = "",
    order: int = 0,
    retired: bool = False,
    category=None,
    expected_updated_at=None,
):
    """Add or edit a category (admin: categories are shared reference data)."""
    require(
        ctx,
        "admin",
        "save account category",
        "account_category",
        category.id if category is not None else None,
    )
    code = normalize_space(code).lower()
    name_th = normalize_space(name_th)
    errors = {}
    if not code or len(code) > 32 or " " in code:
        errors["code"] = _("Enter a short code without spaces (up to 32 characters).")
    elif category is not None and code != category.code:
        # The code is the category's identity across PCs (id = uuid5(code)).
        errors["code"] = _("A category's code cannot change; retire it and add a new one.")
    else:
        clash = AccountCategory.select().where(AccountCategory.code == code)
        if category is not None:
            clash = clash.where(AccountCategory.id != category.id)
        if clash.exists():
            errors["code"] = _("The code {code} is already used.").format(code=code)
    if not name_th:
        errors["name_th"] = _("Enter the Thai name.")
    if group not in _ALL_GROUPS:
        errors["group"] = _("Choose the group.")
    if category is not None and group != category.group and _has_lines(category):
        errors["group"] = _(
            "This category already has lines; retire it and add a new one "
            "instead of moving it to another group."
        )
    if errors:
        raise ValidationError(errors)
    values = {
        "code": code,
        "name_th": name_th,
        "name_en": normalize_space(name_en),
        "group": group,
        "order": int(order),
        "retired": bool(retired),
    }
    if category is None:
        values["id"] = category_id(code)
    return save_record(
        ctx,
        AccountCategory,
        values,
        record=category,
        role=None,
        expected_updated_at=expected_updated_at,
    )


def _has_lines(category) -> bool:
    return LedgerEntry.select().where(LedgerEntry.category == category).exists()


def retire_category(ctx, category, retired: bool = True):
    """Stop offering a category for new lines; its old lines keep it."""
    require(ctx, "admin", "retire account category", "account_category", category.id)
    return save_record(ctx, AccountCategory, {"retired": bool(retired)}, record=category, role=None)


def sync_categories(ctx) -> int:
    """Add categories of the shipped list that this database lacks (never edits existing)."""
    have = {c.code for c in AccountCategory.select(AccountCategory.code)}
    added = 0
    for r in seed_rows() + enterprise_seed_rows():
        if r["code"] not in have:
            save_record(
                ctx,
                AccountCategory,
                {
                    "id": category_id(r["code"]),
                    "code": r["code"],
                    "name_th": r["name_th"],
                    "name_en": r["name_en"],
                    "group": r["group"],
                    "order": r["order"],
                },
                role="admin",
                action="seed account category",
            )
            added += 1
    return added


def enterprise_seed_rows() -> list[dict]:
    """The shipped enterprise-book categories (resources/accounts/enterprise_categories.csv)."""
    with open(
        resource_path("accounts", "enterprise_categories.csv"), encoding="utf-8", newline=""
    ) as f:
        return [dict(r, order=int(r["order"])) for r in csv.DictReader(f)]


def get_category(accountcategory_id):
    """The AccountCategory with this id, or None."""
    return fetch(AccountCategory, accountcategory_id)
