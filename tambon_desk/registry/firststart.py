"""First start of an empty database: the office's tambon, its villages and the first admin.

One service so the wizard, the demo builder and the tests create the same things in the
same transaction: a half-made setup (tambon but no admin) would lock the clerk out.
"""

from __future__ import annotations

import re

from ..core import auth
from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import transaction
from ..db.models import Tambon, User
from ..thai import normalize_space, thai_to_arabic_digits
from . import places as tambons


def needs_first_start() -> bool:
    """True while the database has no tambon or no user."""
    return not (Tambon.alive().exists() and User.alive().exists())


def parse_villages(text: str) -> list[tuple[int, str]]:
    """Read villages typed one per line, `1 บ้านควนเกย` or `หมู่ 1 บ้านควนเกย` (Thai digits too)."""
    result, errors = [], []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = normalize_space(thai_to_arabic_digits(raw))
        if not line:
            continue
        m = re.match(r"^(?:หมู่(?:ที่)?\s*|ม\.\s*)?(\d{1,2})[\s.:,-]+(.+)$", line)
        if not m:
            errors.append(_("Line {n}: write the village number, then its name.").format(n=n))
            continue
        result.append((int(m.group(1)), m.group(2).strip()))
    moos = [moo for moo, _name in result]
    dup = sorted({m for m in moos if moos.count(m) > 1})
    if dup:
        errors.append(_("Village number {moo} is given twice.").format(moo=dup[0]))
    if errors:
        raise ValidationError({"villages": " ".join(errors)})
    return result


def first_start(
    ctx,
    tambon_code: str,
    villages: list[tuple[int, str]],
    admin_username: str,
    password: str,
    password_again: str,
):
    """Create tambon, villages and the admin in one transaction; log the admin in."""
    errors = {}
    if not tambon_code:
        errors["tambon"] = _("Choose the tambon.")
    if not villages:
        errors["villages"] = _("Enter at least one village.")
    if password != password_again:
        errors["password_again"] = _("The two passwords are not the same.")
    if errors:
        raise ValidationError(errors)
    with transaction(ctx):
        admin = auth.create_user(ctx, admin_username, password, "admin", bootstrap=True)
        ctx.user = admin
        tambons.add_tambon(ctx, tambon_code, villages, bootstrap=True)
    return admin
