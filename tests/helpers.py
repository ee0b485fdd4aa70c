"""Plain helpers several test files share (fixtures live in conftest.py)."""


def last_window(root, cls):
    """The most recently opened top-level window of `cls` (a form or dialog the test opened)."""
    found = [w for w in root.winfo_children() if isinstance(w, cls)]
    assert found, f"no {cls.__name__} window is open"
    return found[-1]


def wait_until(root, cond, timeout: float = 30.0, what: str = "the condition"):
    """Pump Tk events until `cond()` is true (a worker Task's result arrived); fail after
    `timeout` seconds. Returns `cond()`'s value."""
    import time

    end = time.monotonic() + timeout
    while not (value := cond()):
        assert time.monotonic() < end, f"timed out after {timeout:g} s waiting for {what}"
        root.update()
        time.sleep(0.01)
    return value
