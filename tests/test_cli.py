"""Headless sub-commands: exit codes and one-line messages, no tracebacks."""

from tambon_desk import cli
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import close_database, open_database


def test_check_reports_version(tmp_path, capsys):
    assert cli.main(["--db", str(tmp_path / "t.db"), "check"]) == 0
    out = capsys.readouterr().out
    assert "ok" in out
    close_database()


def test_backup_needs_user_and_password(tmp_path, capsys, monkeypatch):
    path = tmp_path / "t.db"
    db = open_database(path)
    auth.create_user(Context(db=db, db_path=path), "admin", "admin", "admin", bootstrap=True)
    close_database()
    assert cli.main(["--db", str(path), "backup"]) == 2
    assert "TAMBON_DESK_USER" in capsys.readouterr().err
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "nope")
    assert cli.main(["--db", str(path), "--user", "admin", "backup"]) == 2
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin")
    assert cli.main(["--db", str(path), "--user", "admin", "backup"]) == 0
    assert list((tmp_path / "backups").glob("tambon-*-manual.db"))
    close_database()


def test_network_path_refused(capsys):
    assert cli.main(["--db", "\\\\server\\share\\tambon.db", "check"]) == 2
    assert "\\\\server" in capsys.readouterr().err


def test_every_sub_command_is_in_the_readme():
    """datasette's habit: a command nobody documented fails the build."""
    from pathlib import Path

    from tambon_desk.cli import build_parser

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"`{name}" not in readme]
    assert not missing, f"README does not mention: {missing}"


def _db_with_admin(tmp_path):
    path = tmp_path / "t.db"
    db = open_database(path)
    auth.create_user(Context(db=db, db_path=path), "admin", "admin", "admin", bootstrap=True)
    close_database()
    return path


def test_global_options_after_the_sub_command(tmp_path, capsys, monkeypatch):
    path = _db_with_admin(tmp_path)
    assert cli.main(["check", "--db", str(path)]) == 0
    assert "ok" in capsys.readouterr().out
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin")
    assert cli.main(["backup", "--db", str(path), "--user", "admin"]) == 0
    # the value after the sub-command wins over the one before it
    assert cli.main(["--db", str(tmp_path / "other.db"), "check", "--db", str(path)]) == 0
    assert not (tmp_path / "other.db").exists()
    close_database()


def test_backup_command_is_audited(tmp_path, monkeypatch):
    from tambon_desk.db.models import AuditLog

    path = _db_with_admin(tmp_path)
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin")
    assert cli.main(["--db", str(path), "--user", "admin", "backup"]) == 0
    open_database(path)
    rows = list(AuditLog.select().where(AuditLog.action == "backup"))
    assert len(rows) == 1 and rows[0].username == "admin"
    close_database()


def test_users_add_without_a_name_or_a_terminal_says_so(tmp_path, capsys, monkeypatch):
    path = _db_with_admin(tmp_path)
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin")
    monkeypatch.delenv("TAMBON_DESK_NEW_PASSWORD", raising=False)
    args = ["--db", str(path), "--user", "admin", "users", "add"]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "users add" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1

    class NoTerminal:
        def isatty(self):
            return False

    monkeypatch.setattr("sys.stdin", NoTerminal())
    assert cli.main(args + ["somchai"]) == 2
    err = capsys.readouterr().err
    assert "TAMBON_DESK_NEW_PASSWORD" in err and "Traceback" not in err
    monkeypatch.setenv("TAMBON_DESK_NEW_PASSWORD", "secret-1")
    assert cli.main(args + ["somchai", "--role", "viewer"]) == 0
    assert "somchai\tviewer" in capsys.readouterr().out
    close_database()
