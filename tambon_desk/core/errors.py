"""Errors a clerk can cause and the UI shows in Thai; never a traceback for these."""

from __future__ import annotations


class UserError(Exception):
    """A mistake or refusal to tell the user in words (message already translated)."""


class ValidationError(UserError):
    """Bad input; `errors` maps a field name to its message, shown next to the field."""

    def __init__(self, errors: dict[str, str] | str):
        if isinstance(errors, str):
            errors = {"": errors}
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


class PermissionDenied(UserError):
    pass


class NotFound(UserError):
    pass


class ConcurrentEditError(UserError):
    """Someone else saved the record after this user opened it."""

    def __init__(self, message: str, who: str, when: str):
        self.who, self.when = who, when
        super().__init__(message)
