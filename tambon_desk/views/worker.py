"""Long work off the UI thread: run a function in a worker thread, poll it with `after()`.

Thonny's way (STYLE.md): the worker never touches a widget and never calls
`event_generate`; it puts progress into a queue that the UI thread reads every few
milliseconds. The worker wraps its database work in `db.connection_context()` (peewee
connections are per thread; WAL lets it read while the UI reads too).
"""

from __future__ import annotations

import queue
import threading


class Cancelled(Exception):
    """Raised inside the worker by `progress()` once the user pressed Cancel."""


class Task:
    """`fn(progress)` in a thread; `progress(done, total, text="")` may be called any time.

    `on_progress(done, total, text)`, `on_done(result)` and `on_error(exc)` run on the UI
    thread. `cancel()` makes the worker's next `progress()` call raise `Cancelled`.
    """

    POLL_MS = 40

    def __init__(self, widget, fn, *, db=None, on_done=None, on_error=None, on_progress=None):
        self.widget = widget
        self._fn, self._db = fn, db
        self.on_done, self.on_error, self.on_progress = on_done, on_error, on_progress
        self._queue: queue.Queue = queue.Queue()
        self._cancel = threading.Event()
        self.finished = False
        self.result = self.error = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        widget.after(self.POLL_MS, self._poll)

    def progress(self, done, total=None, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._queue.put(("progress", (done, total, text)))

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self):
        try:
            if self._db is not None:
                with self._db.connection_context():
                    result = self._fn(self.progress)
            else:
                result = self._fn(self.progress)
            self._queue.put(("done", result))
        except BaseException as exc:  # reported on the UI thread, never lost
            self._queue.put(("error", exc))

    def _poll(self):
        try:
            while True:
                kind, payload = self._queue.get_nowait()
                if kind == "progress":
                    if self.on_progress:
                        self.on_progress(*payload)
                else:
                    self.finished = True
                    if kind == "done":
                        self.result = payload
                        if self.on_done:
                            self.on_done(payload)
                    else:
                        self.error = payload
                        if self.on_error:
                            self.on_error(payload)
                    return
        except queue.Empty:
            pass
        try:
            self.widget.after(self.POLL_MS, self._poll)
        except Exception:  # the window was closed meanwhile
            self.cancel()

    def wait(self, timeout: float = 30.0):
        """Tests and shutdown: pump the UI until the task ends."""
        import time

        end = time.monotonic() + timeout
        while not self.finished and time.monotonic() < end:
            self.widget.update()
            time.sleep(0.005)
        if not self.finished:
            raise TimeoutError("task did not finish")
        return self.result
