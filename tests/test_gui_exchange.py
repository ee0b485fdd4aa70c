"""The USB hand-over and backup screens driven as a clerk and an admin do, under Xvfb."""

from tambon_desk import exchange
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import open_database
from tambon_desk.db.base import database_proxy
from tambon_desk.db.models import Household, Village
from tambon_desk.registry import households
from tambon_desk.registry import places as tambons


def other_pc_bundle(tmp_path, gui, edit=None):
    """A bundle made on another PC from this PC's own export (so the records are shared)."""
    own = exchange.export_bundle(gui.ctx, _dir(tmp_path / "own")).path
    path = tmp_path / "other" / "tambon.db"
    db = open_database(path)
    try:
        ctx = Context(db=db, db_path=path)
        ctx.user = auth.create_user(ctx, "clerk2", "secret", "admin", bootstrap=True)
        exchange.import_bundle(ctx, own)
        v = Village.get(Village.moo == 2)
        households.save_household(ctx, v, "88", [{"first_name": "มานี", "relation": "head"}])
        if edit:
            edit(ctx)
        return exchange.export_bundle(ctx, _dir(tmp_path / "stick")).path
    finally:
        db.close()
        database_proxy.initialize(gui.ctx.db)


def _dir(p):
    p.mkdir(parents=True, exist_ok=True)
    return p


def test_export_to_a_chosen_folder(gui, tmp_path):
    view = gui.show_view("exchange")
    panel = view.export_panel
    panel.set_target(tmp_path)
    panel.village.set_value(1)
    task = panel.export()
    task.wait()
    written = list(tmp_path.glob("800101_*.tambon"))
    assert len(written) == 1
    assert exchange.verify(written[0]).manifest["scope"]["village"] == 1
    assert written[0].name in panel.result.cget("text").replace("\n", "")  # long tmp paths wrap


def test_export_without_target_says_so(gui, monkeypatch):
    monkeypatch.setattr(exchange, "removable_drives", lambda: [])
    view = gui.show_view("exchange")
    view.export_panel.picked = None
    view.export_panel.load_targets()
    assert view.export_panel.export() is None
    assert "USB" in view.export_panel.form.error_labels["target"].cget("text")


def test_preview_then_confirm_import(gui, tmp_path):
    bundle = other_pc_bundle(tmp_path, gui)
    view = gui.show_view("exchange")
    panel = view.import_panel
    panel.set_file(bundle)
    panel.check().wait()
    rows = {panel.tree.set(i, "table"): panel.tree.set(i, "add") for i in panel.tree.get_children()}
    assert rows["ครัวเรือน"] == "1" and rows["ประชากร"] == "1"
    assert Household.select().where(Household.house_no == "88").count() == 0  # dry run only
    assert str(panel.import_btn.cget("state")) == "normal"
    gui.dialogs.answer = True
    panel.do_import().wait()
    assert Household.select().where(Household.house_no == "88").count() == 1
    assert "สำรอง" in panel.result.cget("text")
    assert any(kind == "confirm" and "นำเข้า" in q for kind, q in gui.dialogs.messages)
    assert list(gui.ctx.backup_dir.glob("*before-import*.db"))


def test_damaged_file_shows_thai_message(gui, tmp_path):
    junk = tmp_path / "x.tambon"
    junk.write_bytes(b"PK\x03\x04 broken")
    panel = gui.show_view("exchange").import_panel
    panel.set_file(junk)
    panel.check().wait()
    assert "เสียหาย" in panel.form.error_labels["file"].cget("text")
    assert str(panel.import_btn.cget("state")) == "disabled"


def test_conflict_listed_and_restored(gui, tmp_path):
    from tambon_desk.core.records import save_record

    h = households.save_household(
        gui.ctx, Village.get(Village.moo == 1), "5", [{"first_name": "ชูใจ", "relation": "head"}]
    )
    save_record(gui.ctx, Household, {"note": "ของเครื่องนี้"}, record=h)

    def edit_there(ctx):
        save_record(ctx, Household, {"note": "ของอีกเครื่อง"}, record=Household.get_by_id(h.id))

    bundle = other_pc_bundle(tmp_path, gui, edit=edit_there)
    save_record(
        gui.ctx, Household, {"note": "แก้อีกครั้งที่นี่"}, record=Household.get_by_id(h.id)
    )  # newer here: this PC wins
    view = gui.show_view("exchange")
    view.import_panel.set_file(bundle)
    view.import_panel.check().wait()
    gui.dialogs.answer = True
    view.import_panel.do_import().wait()
    panel = view.conflicts_panel
    assert len(panel.tree.get_children()) == 1
    details = {
        panel.details.set(i, "field"): panel.details.set(i, "lost")
        for i in panel.details.get_children()
    }
    assert details["note"] == "ของอีกเครื่อง"
    panel.restore()
    assert Household.get_by_id(h.id).note == "ของอีกเครื่อง"
    assert panel.tree.get_children() == ()


def test_admin_sees_both_screens(gui):
    assert "backups" in gui.nav_buttons and "exchange" in gui.nav_buttons


def test_backup_now_and_restore(gui):
    view = gui.show_view("backups")
    view.backup_now().wait()
    assert len(view.tree.get_children()) == 1
    n_before = Village.alive().count()
    tambons.save_village(gui.ctx, tambons.home_tambon(), 9, "บ้านใหม่")
    gui.dialogs.answer = True
    before = view.restore()
    assert before is not None and "before-restore" in before.name
    assert Village.alive().count() == n_before  # the new village is gone
    assert len(view.tree.get_children()) == 2


def test_backups_view_is_admin_only(ctx, tk_root, as_role):
    from tambon_desk.app import App, configure_root
    from tambon_desk.views.widgets import RecordingDialogs

    tambons.add_tambon(ctx, "800101", [(1, "บ้านควนเกย")])
    as_role("clerk")
    configure_root(tk_root, ctx)
    app = App(tk_root, ctx, dialogs=RecordingDialogs(tk_root), modal=False)
    try:
        assert "backups" not in app.nav_buttons and "exchange" in app.nav_buttons
    finally:
        app.destroy()


def tambon_bundle(tmp_path, gui, code, n):
    path = tmp_path / code / "tambon.db"
    db = open_database(path)
    try:
        ctx = Context(db=db, db_path=path)
        ctx.user = auth.create_user(ctx, "clerk9", "secret", "admin", bootstrap=True)
        t = tambons.add_tambon(ctx, code, [(1, "บ้านหนึ่ง")])
        for i in range(n):
            households.save_household(
                ctx,
                tambons.villages(t)[0],
                str(i + 1),
                [{"first_name": f"คน{i}", "relation": "head"}],
            )
        return exchange.export_bundle(ctx, _dir(tmp_path / f"stick{code}")).path
    finally:
        db.close()
        database_proxy.initialize(gui.ctx.db)


def test_district_imports_several_sticks_at_once(gui, tmp_path):
    files = [tambon_bundle(tmp_path, gui, "800102", 2), tambon_bundle(tmp_path, gui, "800103", 3)]
    panel = gui.show_view("exchange").import_panel
    panel.set_files(files)
    panel.check().wait()
    assert panel.tree.set("household", "add") == "5"
    gui.dialogs.answer = True
    panel.do_import().wait()
    from tambon_desk.db.models import Tambon

    assert sorted(t.code for t in Tambon.select()) == ["800101", "800102", "800103"]
    assert len(list(gui.ctx.backup_dir.glob("*before-import*.db"))) == 1
