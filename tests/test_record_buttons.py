"""The list screens' New / Open / Delete row keeps its order through the recycle bin."""

import pytest
import ttkbootstrap as ttk

from tambon_desk.views.record_buttons import RecordButtons


def _visual_order(bar, buttons):
    bar.update()
    shown = [b for b in buttons if b.winfo_manager() == "pack"]
    return [str(b.cget("text")) for b in sorted(shown, key=lambda b: b.winfo_x())]


@pytest.mark.parametrize("side", ["left", "right"])
def test_restore_takes_deletes_place_and_gives_it_back(tk_root, side):
    bar = ttk.Frame(tk_root, width=900, height=40)
    bar.pack(fill="x")
    calls = []
    rb = RecordButtons(
        bar,
        "New",
        on_new=lambda: calls.append("new"),
        on_open=lambda: calls.append("open"),
        on_delete=lambda: calls.append("delete"),
        on_restore=lambda: calls.append("restore"),
        side=side,
    )
    rb.bin_switch(bar, lambda: calls.append("refresh"))
    every = [rb.new, rb.open, rb.delete, rb.restore]
    words = [str(b.cget("text")) for b in every]
    assert _visual_order(bar, every) == [words[0], words[1], words[2]]
    rb.switch.invoke()
    assert rb.in_bin.get() and calls == ["refresh"]
    assert _visual_order(bar, every) == [words[0], words[1], words[3]]
    rb.switch.invoke()
    assert _visual_order(bar, every) == [words[0], words[1], words[2]]
    rb.delete.invoke()
    assert calls == ["refresh", "refresh", "delete"]
    bar.destroy()


def test_a_viewer_sees_the_writes_disabled(tk_root):
    bar = ttk.Frame(tk_root)
    rb = RecordButtons(
        bar, "New", on_new=None, on_open=None, on_delete=None, on_restore=None, can_edit=False
    )
    assert [str(b.cget("state")) for b in (rb.new, rb.open, rb.delete, rb.restore)] == [
        "disabled",
        "normal",
        "disabled",
        "disabled",
    ]
    bar.destroy()
