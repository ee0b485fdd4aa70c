"""Plain helpers several test files share (fixtures live in conftest.py)."""


def last_window(root, cls):
    """The most recently opened top-level window of `cls` (a form or dialog the test opened)."""
    found = [w for w in root.winfo_children() if isinstance(w, cls)]
    assert found, f"no {cls.__name__} window is open"
    return found[-1]
