"""The import window driven as a clerk does, on the messy sample, under Xvfb."""

import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from helpers import wait_until

from tambon_desk.db.models import Household, ImportMapping, Person

SAMPLE = Path(__file__).parent / "data" / "households-sample-messy.xlsx"  # copy of ../shared/data


TAMBON_CODE = "801206"  # the conftest `tambon` fixture
VILLAGES = [(m, f"บ้านที่{'กขคงจฉชซฌ'[m - 1]}") for m in range(1, 10)]


@pytest.fixture
def sample(tmp_path):
    assert SAMPLE.exists(), "tests/data holds a copy of the shared sample"
    return Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))


def choose(box, value):
    box.set_value(value)
    box.event_generate("<<ComboboxSelected>>")


def test_import_wizard_on_sample(tambon, gui, tk_root, sample, tmp_path):
    from tambon_desk.views.importing import ImportDialog, open_import_dialog

    list_view = gui.show_view("households")
    dlg = open_import_dialog(gui, kind="households")
    assert isinstance(dlg, ImportDialog) and str(dlg.preview_btn.cget("state")) == "disabled"
    dlg.set_file(sample).wait()
    tk_root.update()
    assert "4" in dlg.header_info.cget("text")  # header found under the title
    assert dlg.mapping_boxes[6].get_value() == "citizen_id"
    assert dlg.mapping_boxes[9].get_value() == "relation"
    assert dlg.missing_label.cget("text") == ""

    dlg.header_row_var.set("5")  # a wrong header row …
    dlg.read_file(header_row=dlg._header_row()).wait()
    tk_root.update()
    assert dlg.prepared.header_row == 5 and dlg.prepared.missing
    dlg.header_row_var.set("4")  # … and the right one again
    dlg.read_file(header_row=dlg._header_row()).wait()
    tk_root.update()
    assert dlg.prepared.header_row == 4 and not dlg.prepared.missing
    choose(dlg.mapping_boxes[2], "")  # the clerk unmaps บ้านเลขที่ …
    assert "บ้านเลขที่" in dlg.missing_label.cget("text")
    assert str(dlg.preview_btn.cget("state")) == "disabled"
    choose(dlg.mapping_boxes[1], "house_no")  # … maps it to the wrong column
    choose(dlg.mapping_boxes[2], "house_no")  # … and puts it right: one column
    assert dlg.mapping_boxes[1].get_value() == ""  # per field
    choose(dlg.mapping_boxes[1], "village")
    assert dlg.prepared.mapping[1] == "village" and dlg.prepared.mapping[2] == "house_no"

    dlg.preview_btn.invoke()
    wait_until(tk_root, lambda: dlg.result is not None)
    text = dlg.summary.cget("text")
    assert "ทดลองนำเข้า" in text and "ครัวเรือน: เพิ่ม 60" in text and "สมาชิก: เพิ่ม 181" in text
    rows = [dlg.errors.item(i, "values") for i in dlg.errors.get_children()]
    assert [r[1] for r in rows] == ["38", "39", "119", "161"]
    assert Household.select().count() == 0
    if os.environ.get("TAMBON_DESK_SCREENSHOTS") and shutil.which("import"):
        import subprocess

        out = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
        dlg.geometry("1000x880+20+20")
        tk_root.update()
        subprocess.run(
            ["import", "-window", dlg.wm_frame(), str(out / "importing-households.png")],
            check=False,
        )

    dlg.load_btn.invoke()
    wait_until(tk_root, lambda: dlg.loaded)
    assert Household.alive().count() == 60 and Person.alive().count() == 181
    assert "นำเข้า" in dlg.summary.cget("text")
    assert str(dlg.load_btn.cget("state")) == "disabled"  # not twice by accident
    assert list_view.table.total == 60  # the list was refreshed
    assert ImportMapping.select().count() == 1  # the confirmed mapping is kept

    template = dlg.save_template(tmp_path / "template.xlsx")
    assert openpyxl.load_workbook(template).worksheets[0]["C1"].value == "บ้านเลขที่"
    report = dlg.save_report(tmp_path / "errors.xlsx")
    got = [r[1] for r in openpyxl.load_workbook(report).worksheets[0].values][1:]
    assert got == ["38", "39", "119", "161"]
    dlg.close()

    again = open_import_dialog(gui, kind="households")
    again.set_file(sample).wait()
    tk_root.update()
    assert "จำไว้" in again.header_info.cget("text")  # remembered mapping used
    again.preview()
    wait_until(tk_root, lambda: again.result is not None)
    assert "ไม่เปลี่ยน 60" in again.summary.cget("text")
    again.close()


def test_viewer_may_preview_but_not_load(tambon, gui, tk_root, sample, as_role):
    from tambon_desk.views.importing import open_import_dialog

    as_role("viewer")
    dlg = open_import_dialog(gui, kind="households", path=sample)
    wait_until(tk_root, lambda: dlg.prepared is not None)
    assert str(dlg.preview_btn.cget("state")) == "normal"
    assert str(dlg.load_btn.cget("state")) == "disabled"
    dlg.close()


def test_unreadable_file_shows_thai_error(tambon, gui, tk_root, tmp_path):
    from tambon_desk.views.importing import open_import_dialog

    bad = tmp_path / "list.xls"
    bad.write_bytes(b"old")
    dlg = open_import_dialog(gui, kind="households")
    dlg.set_file(bad).wait()
    tk_root.update()
    kind, message = gui.dialogs.messages[-1]
    assert kind == "error" and ".xlsx" in message and "Excel" in message
    assert dlg.prepared is None
    dlg.close()
