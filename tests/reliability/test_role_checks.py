"""Role checks on every service entry point (issue 14).

Every public function of the service layer (area packages and core) that writes is listed
here by reading the source, and each must check the user's role: call `require(...)`, or
write through `save_record`/`tombstone_record`/`restore_record` with a role (they check it),
or call another function that does. A new write function without a check fails this test
until it gets one, or a line in ALLOWED saying why it needs none.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "tambon_desk"
NOT_SERVICES = {"views", "reports", "db", "demo", "thai", "__pycache__"}

# Plain-name calls that write (or write through the checked helpers).
CHECKED_WRITERS = {"save_record", "tombstone_record", "restore_record"}
WRITE_NAMES = CHECKED_WRITERS | {
    "backup_database",
    "copy_consistent",
    "remember_mapping",
    "insert_checked",
    "set_setting",
    "set_preference",
}
SQL_CALLS = {"execute_sql", "execute", "executemany", "executescript"}
SQL_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "ATTACH")
# Attribute calls that write when made on a model class (a Capitalised name).
MODEL_WRITES = {
    "create",
    "insert",
    "insert_many",
    "update",
    "delete",
    "replace",
    "bulk_create",
    "bulk_update",
    "get_or_create",
}
INSTANCE_WRITES = {"save", "delete_instance"}
CHECKS = {"require", "require_admin", "require_clerk"}

# Public functions that write without a role check, and why that is right.
ALLOWED = {
    "core.auth.authenticate": "logging in: no one is logged in yet (failures are audited)",
    "core.audit.audit": "the audit log itself, called inside already checked writes",
    "core.roles.require": "the check itself (writes the refusal to the audit log)",
    "core.records.transaction": "opens a transaction; the writes inside are checked",
    "core.backups.list_backups": "reads the backup folder",
    "exchange.office.this_office": "creates this database's identity row once, on first use",
    "exchange.bundle.expected_schema": "builds an empty in-memory database to compare with",
    "exchange.snapshot.take_snapshot": "writes the export's temporary copy, not the database",
    "exchange.snapshot.trim": "trims the export's temporary copy (export_bundle checks)",
    "exchange.snapshot.scope_to": "trims the export's temporary copy",
    "exchange.snapshot.keep_changed_since": "trims the export's temporary copy",
}


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if rel.parts[0] in NOT_SERVICES or len(rel.parts) == 1:
            continue
        yield ".".join(rel.with_suffix("").parts), ast.parse(path.read_text(encoding="utf-8"))


def _calls(fn):
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            yield node


def _name(call) -> str | None:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def _sql_text(node) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return ""


def _writes(call) -> bool:
    if _name(call) in SQL_CALLS and call.args:
        return _sql_text(call.args[0]).lstrip().upper().startswith(SQL_WRITES)
    f = call.func
    if isinstance(f, ast.Name):
        return f.id in WRITE_NAMES
    if isinstance(f, ast.Attribute):
        if f.attr in WRITE_NAMES:
            return True
        owner = f.value
        if f.attr in MODEL_WRITES and isinstance(owner, ast.Name) and owner.id[:1].isupper():
            return True
        if f.attr in INSTANCE_WRITES and not call.args:
            return True
    return False


def _checks(call) -> bool:
    name = _name(call)
    if name in CHECKS:
        return True
    if name in CHECKED_WRITERS:
        role = next((k.value for k in call.keywords if k.arg == "role"), None)
        return not (isinstance(role, ast.Constant) and role.value is None)
    return False


def service_functions() -> dict:
    """{qualified name: (writes, checks, names it calls)} of public module-level functions."""
    out = {}
    for mod, tree in _modules():
        for node in tree.body:
            if isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef)
            ) and not node.name.startswith("_"):
                calls = list(_calls(node))
                out[f"{mod}.{node.name}"] = (
                    any(_writes(c) for c in calls),
                    any(_checks(c) for c in calls),
                    {_name(c) for c in calls} - {None},
                )
    return out


def unchecked_writers() -> list[str]:
    funcs = service_functions()
    checked = {q for q, (_w, c, _n) in funcs.items() if c}
    by_name: dict[str, set] = {}
    for q in funcs:
        by_name.setdefault(q.rsplit(".", 1)[1], set()).add(q)
    changed = True
    while changed:  # calling a checked service counts as a check
        changed = False
        for q, (_w, _c, names) in funcs.items():
            if q not in checked and any(by_name.get(n, set()) & checked for n in names):
                checked.add(q)
                changed = True
    return sorted(
        q for q, (w, _c, _n) in funcs.items() if w and q not in checked and q not in ALLOWED
    )


def test_service_functions_are_found():
    funcs = service_functions()
    assert "registry.households.save_household" in funcs
    assert "core.auth.unlock_user" in funcs
    assert funcs["core.auth.unlock_user"][0] and funcs["core.auth.unlock_user"][1]


def test_every_public_write_function_checks_the_role():
    missing = unchecked_writers()
    assert not missing, (
        "public write functions without a role check (add require(...) or "
        f"a reason in ALLOWED): {missing}"
    )


def test_the_rule_catches_an_unchecked_writer(tmp_path, monkeypatch):
    src = (
        "def save_evil(ctx, v):\n    from ..db.models import Village\n"
        "    Village.update(name='x').execute()\n"
    )
    tree = ast.parse(src)
    fn = tree.body[0]
    assert any(_writes(c) for c in _calls(fn)) and not any(_checks(c) for c in _calls(fn))


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_allowed_entries_still_exist(name):
    assert name in service_functions(), f"{name} is gone: remove it from ALLOWED"
