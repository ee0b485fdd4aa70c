"""A list screen's New / Open / Delete buttons and its recycle-bin switch, in one place.

The households, projects and water-source lists each built these by hand, with two styles of
Restore button and, after the recycle bin was shown and hidden, Delete back in another place.
Here the words, icons, colours and order are the same on every list: New, Open, Delete, with
Restore in Delete's place while the recycle bin is shown.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from ..core.i18n import _


class RecordButtons:
    """Buttons packed in `bar` from the `side` given; `can_edit=False` disables the writes."""

    def __init__(
        self,
        bar,
        new_text: str,
        *,
        on_new,
        on_open,
        on_delete,
        on_restore,
        side: str = "left",
        can_edit: bool = True,
    ):
        self.side = side

        def button(text, icon, look, command):
            return ttk.Button(
                bar, text=text, icon=icon, compound="left", bootstyle=look, command=command
            )

        self.new = button(new_text, "plus-lg", "primary", on_new)
        self.open = button(_("Open"), "pencil-square", "secondary", on_open)
        self.delete = button(_("Delete"), "trash", "danger-outline", on_delete)
        self.restore = button(_("Restore"), "arrow-counterclockwise", "warning", on_restore)
        shown = [self.new, self.open, self.delete]
        for b in shown if side == "left" else reversed(shown):
            b.pack(side=side, padx=(0, 6) if side == "left" else (6, 0))
        if not can_edit:
            for b in (self.new, self.delete, self.restore):
                b.configure(state="disabled")
        self.in_bin = tk.BooleanVar(master=bar, value=False)

    def bin_switch(self, parent, on_change, **pack) -> tk.BooleanVar:
        """The "Recycle bin" switch in `parent`: swaps Delete for Restore, then `on_change()`."""

        def toggled():
            self.show_bin(self.in_bin.get())
            on_change()

        self.switch = ttk.Checkbutton(
            parent,
            text=_("Recycle bin"),
            variable=self.in_bin,
            command=toggled,
            bootstyle="round-toggle",
        )
        self.switch.pack(side="left", **pack)
        return self.in_bin

    def show_bin(self, in_bin: bool) -> None:
        """Restore where Delete was (beside Open) while the recycle bin is shown."""
        shown, hidden = (self.restore, self.delete) if in_bin else (self.delete, self.restore)
        where = {"after": self.open} if self.side == "left" else {"before": self.open}
        hidden.pack_forget()
        shown.pack(side=self.side, padx=(0, 6) if self.side == "left" else (6, 0), **where)
