"""The map screen: plots, water sources, households, village centres and land cases on an
offline map, with layer switches, colouring, search by house number, loading plots from map
files (with a preview on the map), export, and an optional GeoTIFF/MBTiles background.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import filedialog

import ttkbootstrap as ttk

from ... import geo, maps, registry
from ...core import roles
from ...core.i18n import N_, _
from ..fonts import BOLD, SCREEN_TITLE, SMALL_BOLD
from ..widgets import ChoiceBox, call_service, column_tree
from .canvas import MapCanvas

COLOUR_MODES = [
    ("crop", N_("Colour plots by crop")),
    ("cost", N_("Colour plots by cost per rai")),
    ("status", N_("Colour plots by land-case status")),
]
# What the "Selected" box shows of a feature's properties, in this order.
PROP_LABELS = {
    "name": N_("Name"),
    "village": N_("Village"),
    "house_no": N_("House number"),
    "head": N_("Head of household"),
    "members": N_("Members"),
    "crop": N_("Crop"),
    "land_document": N_("Land document"),
    "area_rai_ngan_wa": N_("Area (rai-ngan-wa)"),
    "document_rai_ngan_wa": N_("Area on the land document"),
    "kind": N_("Kind"),
    "manager": N_("Manager"),
    "problem": N_("Problem"),
    "status": N_("Status"),
    "document": N_("Document held"),
    "agency": N_("Referred to"),
}


class MapView(ttk.Frame):
    """Left: the map. Right: layers, colouring, search, the selected feature."""

    def __init__(self, master, app):
        super().__init__(master, padding=6)
        self.app = app
        self.tambon = registry.home_tambon()
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 4))
        ttk.Label(bar, text=_("Map"), font=SCREEN_TITLE).pack(side="left", padx=(0, 12))
        self.village_box = ChoiceBox(bar, width=18)
        self.village_box.pack(side="left")
        self.village_box.bind("<<ComboboxSelected>>", lambda e: self.load())
        self.colour_box = ChoiceBox(bar, [(k, _(t)) for k, t in COLOUR_MODES], width=26)
        self.colour_box.set_value("crop")
        self.colour_box.pack(side="left", padx=6)
        self.colour_box.bind("<<ComboboxSelected>>", lambda e: self.recolour())
        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        # the side panel is packed first so the map, not the panel, gives way on 1024 px
        side = ttk.Frame(body, width=230, padding=(8, 0))
        side.pack(side="right", fill="y")
        side.pack_propagate(False)
        self.canvas = MapCanvas(
            body, on_open=self.open_item, on_select=self.show_item, width=480, height=400
        )
        self.canvas.pack(side="left", fill="both", expand=True)
        self.canvas.bind("<Button-3>", self._context_menu)
        find = ttk.Frame(side)
        find.pack(fill="x", pady=(0, 6))
        ttk.Label(find, text=_("House no.")).pack(side="left")
        self.search = ttk.Entry(find, width=7)
        self.search.pack(side="left", padx=2, fill="x", expand=True)
        self.search.bind("<Return>", lambda e: self.find())
        ttk.Button(find, text=_("Find"), bootstyle="secondary", command=self.find).pack(side="left")
        ttk.Label(side, text=_("Layers"), font=BOLD).pack(anchor="w")
        self.layer_vars = {}
        for key, title in maps.LAYERS.items():
            var = tk.BooleanVar(value=True)
            ttk.Checkbutton(
                side,
                text=_(title),
                variable=var,
                command=lambda k=key, v=var: self.canvas.set_layer_visible(k, v.get()),
            ).pack(anchor="w")
            self.layer_vars[key] = var
        self.legend = ttk.Frame(side)
        self.legend.pack(fill="x", pady=6)
        clerk = roles.has_role(app.ctx, "clerk")
        buttons = ttk.Frame(side)
        buttons.pack(side="bottom", fill="x", pady=4)  # before the text box: always seen
        self.load_btn = ttk.Button(
            buttons,
            text=_("Load plots from a map file…"),
            bootstyle="primary",
            command=self.load_file,
            state="normal" if clerk else "disabled",
        )
        self.load_btn.pack(fill="x", pady=1)
        ttk.Button(buttons, text=_("Export map…"), bootstyle="secondary", command=self.export).pack(
            fill="x", pady=1
        )
        ttk.Button(
            buttons,
            text=_("Background image…"),
            bootstyle="secondary",
            command=self.choose_background,
        ).pack(fill="x", pady=1)
        ttk.Button(
            buttons, text=_("Fit the whole map"), bootstyle="link", command=self.canvas.fit
        ).pack(fill="x", pady=1)
        ttk.Label(side, text=_("Selected"), font=BOLD).pack(anchor="w", pady=(6, 0))
        self.info = tk.Text(
            side, height=4, width=28, wrap="word", relief="flat", background="#f8f9fa"
        )
        self.info.pack(fill="both", expand=True)
        self.status = ttk.Label(self, text="", bootstyle="secondary")
        self.status.pack(fill="x")
        self._villages()
        self.load()

    def _villages(self):
        vs = registry.villages(self.tambon) if self.tambon else []
        self.village_box.set_choices(
            [(None, _("Whole tambon"))] + [(v.id, registry.village_label(v)) for v in vs]
        )
        self.village_box.set_value(None)

    def on_show(self):
        pass

    def load(self):
        village = self.village_box.get_value()
        self.items = maps.map_items(self.tambon, village)
        self.canvas.set_items(self.items)
        self.recolour()
        n = {k: len(v) for k, v in self.items.items()}
        self.status.configure(
            text=_(
                "{plots} plots, {sources} water sources, {households} households on the map"
            ).format(
                plots=n.get("plots", 0),
                sources=n.get("sources", 0),
                households=n.get("households", 0),
            )
        )

    def recolour(self):
        self.canvas.set_colour_by(self.colour_box.get_value() or "crop")
        for w in self.legend.winfo_children():
            w.destroy()
        for colour, label in self.canvas.legend()[:10]:
            row = ttk.Frame(self.legend)
            row.pack(anchor="w")
            tk.Label(row, width=2, background=colour).pack(side="left")
            ttk.Label(row, text=" " + (_(maps_status(label)) or label)).pack(side="left")

    def _context_menu(self, event):
        """Right click: put the house typed in the search box, or the chosen village's
        centre, where the pointer is (records get their place on the map)."""
        if not roles.has_role(self.app.ctx, "clerk"):
            return
        menu = tk.Menu(self, tearoff=False)
        text = self.search.get().strip()
        if text:
            menu.add_command(
                label=_("Put house {text} here").format(text=text),
                command=lambda: self.place_household_at(event.x, event.y),
            )
        if self.village_box.get_value():
            menu.add_command(
                label=_("Put the village centre here"),
                command=lambda: self.place_village_at(event.x, event.y),
            )
        if menu.index("end") is not None:
            menu.tk_popup(event.x_root, event.y_root)

    def place_household_at(self, x: float, y: float):
        found = maps.find_households(self.search.get().strip(), self.tambon)
        if len(found) != 1:
            self.status.configure(text=_("Type one house as moo/house number, e.g. 3/99/9."))
            return False
        lon, lat = self.canvas.to_lonlat(x, y)
        ok, _r = call_service(
            self.app,
            lambda: maps.set_household_location(
                self.app.ctx, found[0], round(lat, 6), round(lon, 6)
            ),
        )
        if ok:
            self._reload_keeping_view()
        return ok

    def place_village_at(self, x: float, y: float):
        lon, lat = self.canvas.to_lonlat(x, y)
        ok, _r = call_service(
            self.app,
            lambda: maps.set_village_centre(
                self.app.ctx, self.village_box.get_value(), round(lat, 6), round(lon, 6)
            ),
        )
        if ok:
            self._reload_keeping_view()
        return ok

    def _reload_keeping_view(self):
        village = self.village_box.get_value()
        self.items = maps.map_items(self.tambon, village)
        self.canvas.set_items(self.items, keep_view=True)
        self.recolour()

    def find(self):
        text = self.search.get().strip()
        if not text:
            return
        found = maps.find_households(text, self.tambon)
        ids = {h.id for h in found}
        hits = [
            it
            for layer in ("households", "plots")
            for it in self.items.get(layer, [])
            if it.household_id in ids
        ]
        if not hits:
            self.status.configure(text=_("No household {text} on the map.").format(text=text))
            return
        p = hits[0].geometry.representative_point()
        self.canvas.centre_on(p.x, p.y)
        self.canvas.highlight(hits[0])
        self.show_item(hits[0])

    def show_item(self, item):
        self.info.configure(state="normal")
        self.info.delete("1.0", "end")
        lines = [
            f"{_(label)}: {item.props[k]}"
            for k, label in PROP_LABELS.items()
            if item.props.get(k) not in (None, "")
        ]
        self.info.insert("1.0", "\n".join(lines))
        self.info.configure(state="disabled")

    def open_item(self, item):
        """Click opens the record: a plot's window, a household, a land case."""
        if item.layer == "plots":
            return PlotWindow(self, self.app, item.id)
        if item.layer == "land_cases":
            from ..land import CaseWindow

            return CaseWindow(self, self.app, item.id, on_saved=self.load)
        if item.household_id:
            return self.app.open_household(item.household_id)
        return None

    def load_file(self, path=None):
        path = path or filedialog.askopenfilename(
            parent=self, filetypes=[(_("Map files"), " ".join("*" + s for s in geo.READ_SUFFIXES))]
        )
        if path:
            return LoadPlotsDialog(self, self.app, path, on_saved=self.load)
        return None

    def export(self, path=None, fmt=None):
        path = path or filedialog.asksaveasfilename(
            parent=self,
            defaultextension=".kmz",
            filetypes=[
                ("KMZ", "*.kmz"),
                ("KML", "*.kml"),
                ("GeoJSON", "*.geojson"),
                ("Shapefile (zip)", "*.zip"),
            ],
        )
        if not path:
            return
        fmt = fmt or {".kml": "kml", ".geojson": "geojson", ".zip": "shp"}.get(
            path[path.rfind(".") :].lower(), "kmz"
        )
        ok, res = call_service(
            self.app,
            lambda: maps.export_map(
                self.app.ctx, fmt, path, tambon=self.tambon, village=self.village_box.get_value()
            ),
        )
        if ok:
            self.status.configure(text=_("Map written: {path}").format(path=res[0]))

    def choose_background(self, path=None):
        path = path or filedialog.askopenfilename(
            parent=self, filetypes=[(_("GeoTIFF or MBTiles"), "*.tif *.tiff *.mbtiles")]
        )
        if path:
            ok, bg = call_service(self.app, lambda: geo.open_background(path))
            if ok:
                self.canvas.set_background(bg)


def maps_status(key: str) -> str:
    from ... import land

    return land.STATUSES.get(key, "")


class PlotWindow(ttk.Toplevel):
    """A plot's record: household, drawn and document areas in rai-ngan-wa, crop, flag."""

    def __init__(self, master, app, plot_id: str):
        super().__init__(master)
        self.app = app
        self.record = r = maps.plot_record(plot_id)
        self.title(_("Plot {name}").format(name=r["name"]))
        self.geometry("460x320")
        f = ttk.Frame(self, padding=12)
        f.pack(fill="both", expand=True)
        rows = [
            (_("Plot"), r["name"]),
            (
                _("Household"),
                _("Moo {moo} house {house} {head}").format(
                    moo=r["moo"], house=r["house_no"], head=r["head_name"]
                ),
            ),
            (_("Crop"), r["crop"] or "—"),
            (_("Area on the land document"), r["document_rnw"] + " " + _("(rai-ngan-wa)")),
            (
                _("Area measured on the map"),
                (r["drawn_rnw"] + " " + _("(rai-ngan-wa)")) if r["drawn_rnw"] else "—",
            ),
        ]
        for i, (k, v) in enumerate(rows):
            ttk.Label(f, text=k).grid(row=i, column=0, sticky="w", pady=2)
            ttk.Label(f, text=v, font=SMALL_BOLD).grid(row=i, column=1, sticky="w", padx=8)
        if r["flagged"]:
            ttk.Label(
                f,
                text=_(
                    "The map area differs from the land document by {pct:.0f}%: "
                    "check the drawing or the document."
                ).format(pct=r["difference"] * 100),
                bootstyle="danger",
                wraplength=420,
            ).grid(row=len(rows), column=0, columnspan=2, sticky="w", pady=6)
        ttk.Button(
            f,
            text=_("Open the household"),
            bootstyle="secondary",
            command=lambda: app.open_household(r["household_id"]),
        ).grid(row=len(rows) + 1, column=0, sticky="w", pady=8)
        self.bind("<Escape>", lambda e: self.destroy())


class LoadPlotsDialog(ttk.Toplevel):
    """Preview of a map file: its features on a map and in a list with their household and
    errors; attributes mapped once (remembered); unmatched features get a household picked."""

    def __init__(self, master, app, path, on_saved=None):
        super().__init__(master)
        self.app, self.path, self.on_saved = app, path, on_saved
        self.title(_("Load plots from a map file"))
        self.geometry("1000x640")
        self.assignments: dict[int, str] = {}
        self.mapping: dict = {}
        top = ttk.Frame(self, padding=6)
        top.pack(fill="x")
        self.map_boxes = {}
        self.repair = tk.BooleanVar(value=False)
        body = ttk.Panedwindow(self, orient="horizontal")
        body.pack(fill="both", expand=True)
        self.canvas = MapCanvas(body, on_select=self._select_item, width=440, height=440)
        body.add(self.canvas, weight=1)
        right = ttk.Frame(body, padding=4)
        body.add(right, weight=1)
        self.tree = column_tree(
            right,
            [
                ("row", "#", 40, "e"),
                ("name", _("Plot"), 160, "w"),
                ("household", _("Household"), 170, "w"),
                ("outcome", _("Result"), 200, "w"),
            ],
            height=14,
        )
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._select_row())
        pick = ttk.Frame(right)
        pick.pack(fill="x", pady=4)
        ttk.Label(pick, text=_("Household for the selected row")).pack(side="left")
        self.household_box = ChoiceBox(pick, self._household_choices(), width=30)
        self.household_box.pack(side="left", padx=4)
        ttk.Button(pick, text=_("Set"), bootstyle="secondary", command=self._assign).pack(
            side="left"
        )
        bottom = ttk.Frame(self, padding=6)
        bottom.pack(fill="x")
        ttk.Checkbutton(
            bottom, text=_("Accept repaired shapes"), variable=self.repair, command=self.preview
        ).pack(side="left")
        self.summary = ttk.Label(bottom, text="")
        self.summary.pack(side="left", padx=12)
        ttk.Button(bottom, text=_("Cancel"), bootstyle="secondary", command=self.destroy).pack(
            side="right"
        )
        self.save_btn = ttk.Button(
            bottom, text=_("Save") + " (Ctrl+S)", bootstyle="success", command=self.save
        )
        self.save_btn.pack(side="right", padx=6)
        self.bind("<Control-s>", lambda e: self.save())
        self.bind("<Escape>", lambda e: self.destroy())
        self._top = top
        self.preview(first=True)

    def _household_choices(self):
        from ... import registry as reg

        out = []
        for v in reg.villages(reg.home_tambon()):
            for h in maps.find_households_in_village(v.id):
                out.append((h["id"], f"{v.moo}/{h['house_no']} {h['head_name']}"))
        return out

    def _mapping_bar(self, attributes):
        """Which attribute holds the plot name, household, village, house, crop, area: three
        pairs a row so the bar fits 1024 px."""
        for w in self._top.winfo_children():
            w.destroy()
        ttk.Label(self._top, text=_("Attributes:")).grid(row=0, column=0, sticky="w")
        choices = [("", "—")] + [(a, a) for a in attributes]
        for i, (key, title) in enumerate(maps.MAPPING_FIELDS.items()):
            r, c = divmod(i, 3)
            ttk.Label(self._top, text=_(title)).grid(
                row=r, column=1 + 2 * c, sticky="e", padx=(8, 2), pady=1
            )
            box = ChoiceBox(self._top, choices, width=14)
            box.set_value(self.mapping.get(key, ""))
            box.grid(row=r, column=2 + 2 * c, sticky="w", pady=1)
            box.bind("<<ComboboxSelected>>", lambda e: self._remap())
            self.map_boxes[key] = box

    def _remap(self):
        self.mapping = {k: b.get_value() for k, b in self.map_boxes.items() if b.get_value()}
        self.preview()

    def preview(self, first=False):
        ok, load = call_service(
            self.app,
            lambda: maps.read_plots(
                self.path,
                mapping=self.mapping,
                accept_repair=self.repair.get(),
                assignments=self.assignments,
            ),
        )
        if not ok:
            self.destroy()
            return
        self.load = load
        if first:
            self.mapping = dict(load.mapping)
            self._mapping_bar(load.attributes)
        errors = {}
        for e in load.result.errors:
            errors.setdefault(e.row, []).append(e.message)
        self.tree.delete(*self.tree.get_children())
        for r in load.rows:
            text = "; ".join(errors.get(r.feature.row, [])) or _(r.outcome)
            self.tree.insert(
                "",
                "end",
                iid=str(r.feature.row),
                values=(r.feature.row, r.plot_name, r.household_label, text),
            )
        items = [
            maps.MapItem(
                "plots",
                str(r.feature.row),
                r.feature.geometry,
                r.plot_name,
                "ok" if r.outcome != "rejected" else "",
                dict(r.feature.properties),
            )
            for r in load.rows
            if r.feature.geometry is not None
            and not r.feature.geometry.is_empty
            and r.feature.geometry.geom_type in ("Point", "Polygon", "MultiPolygon")
        ]
        self.canvas.set_items(
            {
                "plots": [i for i in items if i.geometry.geom_type != "Point"],
                "sources": [i for i in items if i.geometry.geom_type == "Point"],
            },
            keep_view=not first,
        )
        good = sum(1 for r in load.rows if r.outcome != "rejected")
        self.summary.configure(
            text=_("{good} of {n} features can be saved").format(good=good, n=len(load.rows))
        )

    def _select_item(self, item):
        if self.tree.exists(item.id):
            self.tree.selection_set(item.id)
            self.tree.see(item.id)

    def _select_row(self):
        sel = self.tree.selection()
        if sel:
            it = next(
                (i for layer in self.canvas.items.values() for i in layer if i.id == sel[0]), None
            )
            if it is not None:
                self.canvas.highlight(it)

    def _assign(self):
        hid = self.household_box.get_value()
        for iid in self.tree.selection():
            if hid:
                self.assignments[int(iid)] = hid
        self.preview()

    def save(self):
        repair, mapping, assignments = (
            self.repair.get(),
            dict(self.mapping),
            dict(self.assignments),
        )  # read Tk variables here, not in the worker

        def work(progress):
            return maps.load_plots(
                self.app.ctx,
                self.path,
                mapping=mapping,
                accept_repair=repair,
                assignments=assignments,
                progress=progress,
            )

        def done(load):
            self.app.set_status(" ".join(load.result.summary_lines()[:2]))
            if self.on_saved:
                self.on_saved()
            self.destroy()

        self.app.run_task(work, title=_("Loading plots"), on_done=done)
