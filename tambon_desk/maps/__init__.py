"""Maps of the records: plots, water sources, households, village centres and land cases as
map layers; loading plots from map files; exporting map files; placing records on the map.

Above geo (pure geometry and files), registry, water, land and the farming tables. Modules:
layers (MapItem, map_items), plots (set_plot_geometry, read/load plots, remembered mapping),
export (export-map), locations (set a village centre, a household's or source's point),
importing (the `plots` import kind), commands (CLI).
"""

from .export import export_layers, export_map
from .layers import LAYERS, MapItem, crop_totals, map_items, plot_items, tambon_of
from .locations import (
    find_households,
    find_households_in_village,
    set_household_location,
    set_source_location,
    set_village_centre,
)
from .plots import (
    MAPPING_FIELDS,
    PlotLoad,
    Row,
    load_plots,
    plot_area_check,
    plot_record,
    read_plots,
    remember_mapping,
    saved_mapping,
    set_plot_geometry,
)

__all__ = [
    "LAYERS",
    "MAPPING_FIELDS",
    "MapItem",
    "PlotLoad",
    "Row",
    "crop_totals",
    "export_layers",
    "export_map",
    "find_households",
    "find_households_in_village",
    "load_plots",
    "map_items",
    "plot_area_check",
    "plot_items",
    "plot_record",
    "read_plots",
    "remember_mapping",
    "saved_mapping",
    "set_household_location",
    "set_plot_geometry",
    "set_source_location",
    "set_village_centre",
    "tambon_of",
]
