"""Lessons (บทเรียน) drawn from pilot areas: who wrote what, where and when, on which plan
issue, with documents and photos attached; searchable by any word of the title, summary,
area, author or issue.
"""

from __future__ import annotations

import datetime as _dt

from ..core import attachments
from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import fetch, save_record, tombstone_record, transaction
from ..db.models import Lesson
from ..thai import normalize_space

OWNER = "lesson"
FIELDS = ("tambon", "village", "area", "date", "author", "title", "summary", "issue")


def validate(v: dict, today: _dt.date | None = None) -> None:
    errors = {}
    if not normalize_space(v.get("title") or ""):
        errors["title"] = _("Enter the lesson's title.")
    if v.get("date") is not None and v["date"] > (today or _dt.date.today()):
        errors["date"] = _("The date is in the future.")
    village = v.get("village")
    if village is not None and v.get("tambon") is not None and village.tambon_id != v["tambon"].id:
        errors["village"] = _("This village is not in the tambon.")
    if errors:
        raise ValidationError(errors)


def _search_text(v: dict) -> str:
    issue = v.get("issue")
    parts = [
        v.get("title"),
        v.get("summary"),
        v.get("area"),
        v.get("author"),
        issue.name if issue is not None else "",
    ]
    return normalize_space(" ".join(p or "" for p in parts)).lower()


def save_lesson(ctx, values: dict, lesson=None, *, expected_updated_at=None):
    require(ctx, "clerk", "save lesson", "lesson", lesson.id if lesson else None)
    base = {k: getattr(lesson, k) for k in FIELDS} if lesson is not None else {}
    v = {**base, **{k: values[k] for k in FIELDS if k in values}}
    for k in ("area", "author", "title"):
        v[k] = normalize_space(v.get(k) or "")
    v["summary"] = (v.get("summary") or "").strip()
    validate(v)
    v["search_text"] = _search_text(v)
    return save_record(
        ctx, Lesson, v, record=lesson, expected_updated_at=expected_updated_at, role=None
    )


def search_lessons(query: str = "", tambon=None, issue=None, offset: int = 0, limit: int = 100):
    """(lessons, total), newest first; every word of `query` must appear."""
    q = Lesson.alive()
    if tambon is not None:
        q = q.where(Lesson.tambon == tambon)
    if issue is not None:
        q = q.where(Lesson.issue == issue)
    for token in normalize_space(query).lower().split():
        q = q.where(Lesson.search_text.contains(token))
    total = q.count()
    return list(
        q.order_by(Lesson.date.desc(nulls="LAST"), Lesson.title).offset(offset).limit(limit)
    ), total


def attach(ctx, lesson, path, note: str = ""):
    return attachments.add_attachment(ctx, OWNER, lesson.id, path, note)


def attachments_of(lesson) -> list:
    return attachments.attachments_of(OWNER, lesson.id)


def delete_lesson(ctx, lesson):
    """The lesson goes to the recycle bin; its attached files stay (the bin can bring it back)."""
    require(ctx, "clerk", "delete lesson", "lesson", lesson.id)
    with transaction(ctx):
        tombstone_record(ctx, lesson)


def get_lesson(lesson_id):
    """The Lesson with this id, or None."""
    return fetch(Lesson, lesson_id)
