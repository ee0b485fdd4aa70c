"""The main window's event bindings: ttkbootstrap's own callbacks run for the window's own
events only, and what they did for the widgets inside still happens."""

import ttkbootstrap as ttk

from tambon_desk.app import own_events_only


def test_the_windows_callbacks_hear_only_the_window(tk_root):
    calls = []
    top = tk_root._w
    saved, geometry = tk_root.tk.call("bind", top, "<Configure>"), tk_root.geometry()
    tk_root.tk.call("bind", top, "<Configure>", "")  # this test's callback alone
    tk_root.bind("<Configure>", lambda e: calls.append(str(e.widget)), add="+")
    frame = ttk.Frame(tk_root, width=50, height=20)
    try:
        own_events_only(tk_root)
        own_events_only(tk_root)  # a second call (the window rebuilt) changes nothing more
        script = tk_root.tk.call("bind", top, "<Configure>")
        assert script.startswith(f'if {{"%W" eq "{top}"}}') and script.count('"%W" eq') == 1
        frame.pack()
        tk_root.update()
        frame.configure(width=80)
        tk_root.update()
        assert str(frame) not in calls  # a widget inside no longer calls into Python
        tk_root.geometry(f"{tk_root.winfo_width() - 10}x{tk_root.winfo_height()}")
        tk_root.update()
        assert calls and set(calls) == {top}  # the window itself still does
    finally:
        tk_root.tk.call("bind", top, "<Configure>", saved)
        tk_root.geometry(geometry)
        frame.destroy()


def test_a_child_shown_still_tells_its_parent(tk_root):
    own_events_only(tk_root)
    assert "on_map_child" not in tk_root.tk.call("bind", "all", "<Map>")
    seen = []
    frame = ttk.Frame(tk_root)
    frame.bind("<<MapChild>>", lambda e: seen.append(str(e.widget)))
    frame.pack()
    try:
        tk_root.update()
        label = ttk.Label(frame, text="ก")
        label.pack()
        tk_root.update()
        assert str(frame) in seen
    finally:
        frame.destroy()
