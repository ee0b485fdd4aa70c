"""Shared fixtures: a fresh database per test, bound to the models, and users of each role."""
import pytest

from tambon_desk import auth
from tambon_desk.context import Context
from tambon_desk.db import close_database, open_database


@pytest.fixture
def ctx(tmp_path):
    db_path = tmp_path / "tambon.db"
    db = open_database(db_path)
    context = Context(db=db, db_path=db_path)
    admin = auth.create_user(context, "admin", "admin-pass", "admin", bootstrap=True)
    context.user = admin
    yield context
    close_database()


@pytest.fixture
def as_role(ctx):
    """Switch the context's user to a (created on demand) user with `role`."""
    def switch(role):
        from tambon_desk.db.models import User
        user = User.get_or_none(User.username == role + "1")
        if user is None:
            saved = ctx.user
            ctx.user = User.get(User.username == "admin")
            user = auth.create_user(ctx, role + "1", "secret", role)
            ctx.user = saved
        ctx.user = user
        return ctx
    return switch
