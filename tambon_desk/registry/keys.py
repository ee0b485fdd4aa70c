"""House numbers as clerks type them, and the one household lookup every chooser uses.

Clerks write a household as "99/9", "3/99/9" (moo/house no.), "หมู่ 3 99/9",
"ม.3 บ้านเลขที่ 99/9", in Thai or Arabic digits. `house_key_candidates` reads those into
(moo, house no.) readings in the order a clerk most likely meant them, and
`households_for_key` / `find_household` try them in that order (keying sheet, report and
statement choosers, CLI).
"""

from __future__ import annotations

import re

from ..core.errors import NotFound
from ..core.i18n import _
from ..db.models import Household, Village
from ..thai import normalize_space, thai_to_arabic_digits

_RE_MOO = re.compile(r"^(?:หมู่(?:\s*ที่)?|ม\.)\s*(\d+)\s*,?\s*(.*)$")
_RE_HOUSE_WORD = re.compile(r"^(?:บ้านเลขที่|เลขที่|บ้าน)\s*")


def normalize_house_no(text) -> str:
    """The stored form of a house number: Arabic digits, single spaces, no space around "/"
    ("๙๘ / ๑" -> "98/1"), so ๙๘ and 98 are the same house."""
    t = normalize_space(thai_to_arabic_digits(str(text or "")))
    return re.sub(r"\s*/\s*", "/", t)


def house_key_candidates(text) -> list[tuple[int | None, str]]:
    """Readings of a typed household key, most likely first: [(moo or None, house no.)].

    "99/9" -> [(None, "99/9"), (99, "9")]; "3/99/9" -> [(3, "99/9"), (None, "3/99/9")];
    "หมู่ 3 99/9" -> [(3, "99/9")]. Text that is not a house number gives [].
    """
    t = normalize_house_no(text)
    m = _RE_MOO.match(t)
    if m:
        house = normalize_house_no(_RE_HOUSE_WORD.sub("", m.group(2)))
        return [(int(m.group(1)), house)] if house and house[0].isdigit() else []
    t = normalize_house_no(_RE_HOUSE_WORD.sub("", t))
    if " " in t:  # "3 99/9": moo, then house no.
        moo, _sep, house = t.partition(" ")
        return [(int(moo), house)] if moo.isdigit() and house[:1].isdigit() else []
    if not t[:1].isdigit():
        return []
    out: list[tuple[int | None, str]] = []
    parts = t.split("/")
    if len(parts) >= 3 and parts[0].isdigit():
        out.append((int(parts[0]), "/".join(parts[1:])))
    out.append((None, t))
    if len(parts) == 2 and parts[0].isdigit() and parts[1]:
        out.append((int(parts[0]), parts[1]))
    return out


def households_for_key(text, *, village=None, tambon=None, limit: int = 20) -> list[dict]:
    """Living households whose (moo, house no.) match the first reading of `text` that
    matches anything, as dicts (id, house_no, head_name, moo, village_name, village_id)."""
    for moo, house in house_key_candidates(text):
        q = (
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
            .where(Household.deleted_at.is_null() & (Household.house_no == house))
        )
        if moo is not None:
            q = q.where(Village.moo == moo)
        if village is not None:
            q = q.where(Household.village == village)
        if tambon is not None:
            q = q.where(Village.tambon == tambon)
        rows = list(q.order_by(Village.moo).limit(limit).dicts())
        if rows:
            return rows
    return []


def find_household(text, tambon=None, village=None):
    """The one living household a clerk means by "3/45", "หมู่ 3 45" or a unique "99/9"."""
    rows = households_for_key(text, village=village, tambon=tambon, limit=2)
    if len(rows) != 1:
        raise NotFound(
            _("No single household matches {text}; write moo/house no., e.g. 3/45.").format(
                text=normalize_space(str(text or ""))
            )
        )
    return Household.get_by_id(rows[0]["id"])
