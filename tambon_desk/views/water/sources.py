"""Sources tab of the water screen: the list of water sources (filtered by village) with
their storage, and the source window where the storage follows every keystroke.

Areas are typed in rai-ngan-wa (ARCHITECTURE.md, "Conventions": `1-2-50`, `3 ไร่`), converted through thai.py.
Enter opens the chosen source, Ctrl+N adds one, Delete sends it to the recycle bin; in the
window Ctrl+S saves and Esc closes.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from ... import registry, thai, water
from ...core import roles
from ...core.errors import UserError, ValidationError
from ...core.i18n import N_, _
from ..fonts import SUBHEADING
from ..record_buttons import RecordButtons
from ..widgets import ChoiceBox, Form, ScrollableFrame, WrapLabel, call_service, fit_window


def fmt_m3(value) -> str:
    return "" if value is None else f"{value:,.0f}"


def village_choices(all_label: str | None = None, tambon=None):
    """Villages of `tambon` (the home tambon when None) as ChoiceBox choices."""
    out = [(None, all_label)] if all_label else []
    return out + [
        (v.id, registry.village_label(v))
        for v in registry.villages(tambon or registry.home_tambon())
    ]


def _area_text(m2) -> str:
    return thai.format_rnw(m2) if m2 else ""


def _parse_area(text: str, key: str):
    """Rai-ngan-wa typed (`1-2-50`, `3 ไร่`) -> m²; blank -> None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(thai.parse_rnw(text))
    except thai.AreaError as exc:
        raise ValidationError({key: str(exc)})


class SourcesTab(ttk.Frame):
    def __init__(self, master, app, on_change=None, tambon=None):
        super().__init__(master, padding=8)
        self.app, self.on_change = app, on_change
        self.tambon = tambon or registry.home_tambon()
        self.can_edit = roles.has_role(app.ctx, "clerk")
        self.window = None
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Label(bar, text=_("Village")).pack(side="left")
        self.filter = ChoiceBox(bar, width=26)
        self.filter.pack(side="left", padx=6)
        self.filter.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        self.buttons = RecordButtons(
            bar,
            _("New water source"),
            on_new=self.new_source,
            on_open=self.open_selected,
            on_delete=self.delete_selected,
            on_restore=self.restore_selected,
            side="right",
            can_edit=self.can_edit,
        )
        self.new_btn, self.del_btn = self.buttons.new, self.buttons.delete
        self.restore_btn = self.buttons.restore
        self.bin_var = self.buttons.bin_switch(bar, self.refresh, padx=(6, 0))
        cols = (
            ("moo", _("Moo"), 50, "center"),
            ("name", _("Water source"), 220, "w"),
            ("kind", _("Type"), 120, "w"),
            ("storage", _("Storage (m³)"), 100, "e"),
            ("usable", _("Usable (m³)"), 100, "e"),
            ("yield", _("Yield (m³/h)"), 110, "e"),
            ("dry", _("Dry months"), 130, "w"),
            ("manager", _("Manager"), 170, "w"),
            ("condition", _("Condition"), 100, "w"),
        )
        self.tree = ttk.Treeview(
            self, columns=[c[0] for c in cols], show="headings", height=20, selectmode="browse"
        )
        for key, title, width, anchor in cols:
            self.tree.heading(key, text=title, anchor=anchor)
            self.tree.column(key, width=width, anchor=anchor, stretch=key == "name")
        sb = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=sb.set)
        self.total = ttk.Label(self, text="")
        self.total.pack(side="bottom", anchor="w", pady=(4, 0))
        sb.pack(side="right", fill="y")
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())
        self.tree.bind("<Delete>", lambda e: self.delete_selected())
        for w in (self, self.tree):
            w.bind("<Control-n>", lambda e: (self.new_source(), "break")[1])
        self.filter.set_choices(village_choices(_("All villages"), self.tambon))
        self.filter.current(0)
        self.refresh()

    def refresh(self):
        vid = self.filter.get_value()
        village = registry.get_village(vid) if vid else None
        self.sources = water.sources_of(
            village=village, tambon=self.tambon, deleted=self.bin_var.get()
        )
        self.tree.delete(*self.tree.get_children())
        total = usable = 0.0
        for s in self.sources:
            st = water.storage_m3(s)
            total += st or 0
            usable += water.usable_storage_m3(s)
            self.tree.insert(
                "",
                "end",
                iid=s.id,
                values=(
                    s.village.moo,
                    s.name,
                    _(water.KINDS[s.kind]),
                    fmt_m3(st),
                    fmt_m3(water.usable_storage_m3(s)) if st else "",
                    f"{s.yield_m3_h:g}" if s.yield_m3_h else "",
                    ", ".join(thai.MONTHS_SHORT[m - 1] for m in water.parse_months(s.dry_months)),
                    s.manager,
                    _(water.CONDITIONS[s.condition]),
                ),
            )
        self.total.configure(
            text=_("{n} sources, storage {total} m³, usable {usable} m³").format(
                n=len(self.sources), total=fmt_m3(total), usable=fmt_m3(usable)
            )
        )

    def restore_selected(self):
        sel = self.tree.selection()
        if not sel or not self.bin_var.get():
            return False
        try:
            water.restore_source(self.app.ctx, water.get_source(sel[0]))
        except UserError as exc:
            self.app.show_error(exc)
            return False
        self.refresh()
        if self.on_change:
            self.on_change()
        return True

    def new_source(self):
        return self._open(None)

    def open_selected(self):
        sel = self.tree.selection()
        if not sel or self.bin_var.get():
            return None
        return self._open(water.get_source(sel[0]))

    def _open(self, source):
        if self.window is not None and self.window.winfo_exists():
            self.window.destroy()
        self.window = SourceWindow(
            self, self.app, source, village_id=self.filter.get_value(), on_saved=self._saved
        )
        return self.window

    def _saved(self, source):
        self.refresh()
        if self.tree.exists(source.id):
            self.tree.selection_set(source.id)
            self.tree.see(source.id)
        if self.on_change:
            self.on_change()

    def delete_selected(self):
        sel = self.tree.selection()
        if not sel or not self.app.confirm(_("Move this water source to the recycle bin?")):
            return
        try:
            water.delete_source(self.app.ctx, water.get_source(sel[0]))
        except UserError as exc:
            self.app.show_error(exc)
            return
        self.refresh()
        if self.on_change:
            self.on_change()


class SourceWindow(ttk.Toplevel):
    """One water source: two columns of fields and the storage they give, live."""

    FIELDS = (
        ("name", N_("Name of the source")),
        ("manager", N_("Manager")),
        ("area", N_("Surface area (rai-ngan-wa)")),
        ("depth_m", N_("Depth (m)")),
        ("capacity_m3", N_("Capacity (m³)")),
        ("usable_share", N_("Usable share (0-1)")),
        ("yield_m3_h", N_("Yield (m³/hour)")),
        ("pump_hours", N_("Pumping hours a day")),
        ("catchment", N_("Catchment area (rai-ngan-wa)")),
        ("runoff_coef", N_("Runoff coefficient (0-1)")),
        ("dry_months", N_("Months it runs dry (e.g. 3,4)")),
        ("note", N_("Note")),
        ("lat", N_("Latitude")),
        ("lon", N_("Longitude")),
    )

    def __init__(self, master, app, source=None, village_id=None, on_saved=None):
        super().__init__(master=app.root, title=_("Water source"))
        self.app, self.source, self.on_saved = app, source, on_saved
        self.transient(app.root)
        fit_window(self, 900, 640)
        holder = ScrollableFrame(self)  # buttons are packed inside: scroll to them
        holder.pack(fill="both", expand=True)
        body = ttk.Frame(holder.inner, padding=12)
        body.pack(fill="both", expand=True)
        self.form = Form(body, columns=2)
        self.form.pack(fill="x")
        self.village = self.form.add("village", _("Village"), ChoiceBox(self.form, width=24))
        self.kind = self.form.add(
            "kind",
            _("Type"),
            ChoiceBox(self.form, [(k, _(v)) for k, v in water.KINDS.items()], width=24),
        )
        self.entries = {}
        for key, label in self.FIELDS:
            var = tk.StringVar()  # the storage line follows every change, typed or set
            self.entries[key] = self.form.add(
                key, _(label), ttk.Entry(self.form, width=20, textvariable=var)
            )
            self.entries[key].var = var
        self.condition = self.form.add(
            "condition",
            _("Condition"),
            ChoiceBox(self.form, [(k, _(v)) for k, v in water.CONDITIONS.items()], width=24),
            enter_moves=False,
        )
        self.storage_label = ttk.Label(body, text="", font=SUBHEADING, bootstyle="info")
        self.storage_label.pack(anchor="w", pady=(8, 4))
        WrapLabel(
            body,
            text=_(
                "Give the size as area and depth, or the capacity, or a "
                "well's yield. A source filled by rain needs its catchment "
                "area and runoff coefficient."
            ),
            bootstyle="secondary",
            wrap=640,
            justify="left",
        ).pack(anchor="w")
        btns = ttk.Frame(self, padding=(12, 0, 12, 10))  # below the scrolled fields
        btns.pack(side="bottom", fill="x", pady=(8, 0), before=holder)
        self.save_btn = ttk.Button(
            btns,
            text=_("Save") + " (Ctrl+S)",
            icon="floppy",
            compound="left",
            bootstyle="success",
            command=self.save,
        )
        self.save_btn.pack(side="right")
        ttk.Button(btns, text=_("Close"), bootstyle="secondary-outline", command=self.destroy).pack(
            side="right", padx=6
        )
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.bind("<Escape>", lambda e: self.destroy())
        if not roles.has_role(app.ctx, "clerk"):
            self.save_btn.configure(state="disabled")
        self.village.set_choices(
            village_choices(
                tambon=source.village.tambon if source else getattr(master, "tambon", None)
            )
        )
        self._fill(source, village_id)
        for e in self.entries.values():
            e.var.trace_add("write", lambda *a: self.show_storage())
        self.show_storage()
        self.entries["name"].focus_set()
        if app.modal:
            self.grab_set()

    def _fill(self, s, village_id):
        if s is None:
            if village_id:
                self.village.set_value(village_id)
            elif self.village.cget("values"):
                self.village.current(0)
            self.kind.set_value("pond")
            self.condition.set_value("good")
            self.entries["usable_share"].insert(0, "1")
            return
        self.village.set_value(s.village_id)
        self.kind.set_value(s.kind)
        self.condition.set_value(s.condition)
        values = {
            "name": s.name,
            "area": _area_text(s.area_m2),
            "note": s.note,
            "catchment": _area_text(s.catchment_m2),
            "dry_months": s.dry_months,
            "manager": s.manager,
        }
        for key in (
            "depth_m",
            "capacity_m3",
            "yield_m3_h",
            "pump_hours",
            "usable_share",
            "runoff_coef",
            "lat",
            "lon",
        ):
            v = getattr(s, key)
            values[key] = "" if v is None else f"{v:g}"
        for key, e in self.entries.items():
            e.insert(0, values.get(key) or "")

    def values(self) -> dict:
        v = {k: e.get().strip() for k, e in self.entries.items()}
        out = {k: v[k] for k in v if k not in ("area", "catchment")}
        out["area_m2"] = _parse_area(v["area"], "area")
        out["catchment_m2"] = _parse_area(v["catchment"], "catchment")
        vid = self.village.get_value()
        out["village"] = registry.get_village(vid) if vid else None
        out["kind"] = self.kind.get_value()
        out["condition"] = self.condition.get_value()
        return out

    def show_storage(self):
        """Storage (and a well's monthly water) of what is typed so far."""
        try:
            clean = water.validate_source(
                {**self.values(), "village": object(), "name": "x", "kind": "pond"}
            )
        except (ValidationError, UserError):
            self.storage_label.configure(text=_("Storage: —"))
            return
        probe = type("TypedSource", (), clean)
        st = water.storage_m3(probe)
        parts = []
        if st:
            parts.append(
                _("Storage {full} m³, usable {usable} m³").format(
                    full=fmt_m3(st), usable=fmt_m3(water.usable_storage_m3(probe))
                )
            )
        if clean["yield_m3_h"]:
            parts.append(
                _("about {m3} m³ a month from the yield").format(
                    m3=fmt_m3(water.monthly_yield_m3(probe, 30))
                )
            )
        self.storage_label.configure(text="; ".join(parts) or _("Storage: —"))

    def save(self) -> bool:
        s = self.source
        ok, saved = call_service(
            self.app,
            lambda: water.save_source(
                self.app.ctx, self.values(), s, expected_updated_at=s.updated_at if s else None
            ),
            self.form,
        )
        if not ok:
            return False
        self.app.set_status(_("Saved {name}.").format(name=saved.name))
        if self.on_saved:
            self.on_saved(saved)
        self.destroy()
        return True
