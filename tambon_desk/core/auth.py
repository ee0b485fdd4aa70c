"""Users and passwords: log in, create users, change and reset passwords, set roles.

Passwords are hashed with scrypt (stdlib hashlib). Who may do what is in `roles.py`.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import secrets
import time

from ..db.base import utcnow
from ..db.models import User
from .audit import audit
from .errors import PermissionDenied, ValidationError
from .i18n import _
from .records import fetch, save_record
from .roles import ROLES, require

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 4


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${_N}${_R}${_P}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
        return hmac.compare_digest(got, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


# --- user administration -------------------------------------------------------------------

# Failed logins on a shared PC: after SLOW_AFTER failures each further try waits a little
# longer (up to MAX_DELAY seconds); after LOCK_AFTER the account is locked for LOCK_MINUTES
# (an admin can unlock it). Every failure is written to the audit log.
SLOW_AFTER = 3
LOCK_AFTER = 5
LOCK_MINUTES = 15
STEP_DELAY = 0.5
MAX_DELAY = 3.0


class AccountLocked(PermissionDenied):
    """Too many wrong passwords: the account is locked for a while."""


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _login_audit(ctx, action: str, username: str, user_id, note: str) -> None:
    saved = ctx.user
    ctx.user = None  # nobody is logged in yet: the log names the try
    try:
        with ctx.db.atomic():
            audit(ctx, action, "user", user_id, after={"username": username[:64]}, note=note)
    finally:
        ctx.user = saved


def _locked_until(user) -> str | None:

    until = getattr(user, "locked_until", None)
    return until if until and until > utcnow() else None


def authenticate(ctx, username: str, password: str):
    """Return the active User for these credentials, or None. Records the login time.

    A wrong password is audited and counted; from the SLOW_AFTER-th failure on each try
    waits, and at LOCK_AFTER failures the account is locked (AccountLocked is raised while
    it is locked, even with the right password).
    """

    name = (username or "").strip()
    user = User.get_or_none((User.username == name) & User.deleted_at.is_null())
    if user is not None and _locked_until(user):
        _login_audit(ctx, "login-locked", name, user.id, "account locked")
        raise AccountLocked(
            _(
                "This account is locked after too many wrong passwords. Try "
                "again after {minutes} minutes, or ask an administrator to "
                "unlock it."
            ).format(minutes=LOCK_MINUTES)
        )
    if user is None or not user.active or not verify_password(password or "", user.password_hash):
        _login_audit(
            ctx,
            "login-failed",
            name,
            user.id if user is not None else None,
            "wrong user name or password",
        )
        if user is not None:
            failures = (user.failed_logins or 0) + 1
            lock = None
            if failures >= LOCK_AFTER:
                lock = (
                    _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(minutes=LOCK_MINUTES)
                ).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            with ctx.db.atomic():
                User.update(failed_logins=failures, locked_until=lock).where(
                    User.id == user.id
                ).execute()
            if failures >= SLOW_AFTER:
                _sleep(min(MAX_DELAY, STEP_DELAY * (failures - SLOW_AFTER + 1)))
        return None
    with ctx.db.atomic():
        User.update(last_login_at=utcnow(), failed_logins=0, locked_until=None).where(
            User.id == user.id
        ).execute()
    user.failed_logins, user.locked_until = 0, None
    return user


def unlock_user(ctx, user):
    """An admin lifts a lock (and the failure count) before it runs out."""
    require(ctx, "admin", "unlock user", "user", user.id)
    return save_record(
        ctx,
        type(user),
        {"failed_logins": 0, "locked_until": None},
        record=user,
        role=None,
        action="unlock user",
    )


def _validate_user(username: str, role: str, password: str | None):
    errors = {}
    if not username.strip() or len(username.strip()) > 64:
        errors["username"] = _("Enter a user name (up to 64 characters).")
    if role not in ROLES:
        errors["role"] = _("Choose a role.")
    if password is not None and len(password) < MIN_PASSWORD:
        errors["password"] = _("The password must have at least {n} characters.").format(
            n=MIN_PASSWORD
        )
    if errors:
        raise ValidationError(errors)


def create_user(
    ctx,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    must_change_password: bool = False,
    *,
    bootstrap: bool = False,
    scope: str = "",
):
    """Create a user. Only an admin may, except the very first admin (`bootstrap`)."""
    _validate_user(username, role, password)
    if User.select().where(User.username == username.strip()).exists():
        raise ValidationError({"username": _("This user name is already taken.")})
    if bootstrap:
        if User.select().exists():
            raise PermissionDenied(_("An administrator already exists."))
    else:
        require(ctx, "admin", "create user", "user")
    return save_record(
        ctx,
        User,
        {
            "username": username.strip(),
            "display_name": display_name.strip(),
            "role": role,
            "password_hash": hash_password(password),
            "must_change_password": must_change_password,
            "scope": _valid_scope(scope),
        },
        role=None,
        redact=("password_hash",),
    )


def _valid_scope(scope: str | None) -> str:
    scope = (scope or "").strip()
    if scope and (not scope.isdigit() or len(scope) not in (2, 4, 6)):
        raise ValidationError(
            {
                "scope": _(
                    "The area is a DOPA code: 2 digits (province), 4 "
                    "(district) or 6 (tambon), or empty for all."
                )
            }
        )
    return scope


def set_scope(ctx, user, scope: str):
    """An admin limits where `user` may write on the hub ("" = everywhere)."""
    require(ctx, "admin", "set user scope", "user", user.id)
    return save_record(ctx, User, {"scope": _valid_scope(scope)}, record=user, role=None)


def change_password(ctx, user, old_password: str | None, new_password: str):
    """A user changes their own password (old one required), or an admin resets anyone's."""
    own = ctx.user is not None and ctx.user.id == user.id
    if own and not verify_password(old_password or "", user.password_hash):
        raise ValidationError({"old_password": _("The current password is wrong.")})
    if not own:
        require(ctx, "admin", "reset password", "user", user.id)
    _validate_user(user.username, user.role, new_password)
    if verify_password(new_password, user.password_hash):
        raise ValidationError({"password": _("Choose a password different from the old one.")})
    return save_record(
        ctx,
        type(user),
        {"password_hash": hash_password(new_password), "must_change_password": not own},
        record=user,
        role=None,
        redact=("password_hash",),
    )


def set_role(ctx, user, role: str, active: bool = True):
    require(ctx, "admin", "change role", "user", user.id)
    _validate_user(user.username, role, None)
    return save_record(ctx, type(user), {"role": role, "active": active}, record=user, role=None)


def list_users():
    return list(User.alive().order_by(User.username))


def get_user(user_id):
    """The User with this id, or None."""
    return fetch(User, user_id)


def last_user_name() -> str:
    """The user who logged in last on this database: the login dialog offers that name."""
    last = (
        User.alive()
        .where(User.last_login_at.is_null(False))
        .order_by(User.last_login_at.desc())
        .first()
    )
    return last.username if last else ""


def find_user(username: str):
    """The living user with this user name, or None (the CLI's `users unlock NAME`)."""
    return User.get_or_none((User.username == (username or "").strip()) & User.deleted_at.is_null())
