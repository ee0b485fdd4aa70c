"""The view registry: the sidebar of the main window is built from `VIEWS`.

Adding an area's screen is one module in `tambon_desk/views/` plus one line in `VIEWS`
(Thonny's `add_view`, without a global workbench):

    ViewSpec("water", N_("Water accounts"), "droplet-fill",
             "tambon_desk.views.water.screen:WaterView", 40, "viewer")

where the factory (a "module:Class" path, imported the first time the screen is opened, so
start-up stays quick) builds a `ttk.Frame` from `(master, app)`. `app` is the `tambon_desk.app.App`: it
gives `app.ctx` (the Context: database, logged-in user), `app.run_task(...)` (worker thread
with progress, polled with `after()`), `app.set_status(text)`, `app.show_error(exc)`,
`app.confirm(question)` and `app.open_household(id)`. A view may define `on_show()`
(called each time it is shown, to refresh) and `on_close() -> bool` (False keeps it open,
e.g. unsaved edits).

The household form is the hub later areas add tabs to: `HOUSEHOLD_TAB_MODULES` lists modules
defining `HOUSEHOLD_TAB = HouseholdTabSpec(key, title, factory, order)`, where
`factory(master, app, household_id)` builds a `ttk.Frame` shown as a notebook tab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from ..core.i18n import N_

# The sidebar, declared here so the start-up path imports a view module only when its screen
# is first opened (`factory` as "module:Class"). An area adds one line.
VIEWS: list = []  # filled below, after ViewSpec is defined
# Older style, still accepted: modules defining `VIEW = ViewSpec(...)` (imported at start-up).
VIEW_MODULES: list[str] = []
HOUSEHOLD_TAB_MODULES: list[str] = []  # areas add their household-page tab module here
HOUSEHOLD_TAB_MODULES += ["tambon_desk.views.accounts.entry"]
HOUSEHOLD_TAB_MODULES += ["tambon_desk.views.farming.plots"]


class ViewSpec(NamedTuple):
    key: str
    title: str  # translation id (N_); translated when the sidebar is built
    icon: str  # Bootstrap Icons name, e.g. "house-fill"
    factory: Callable | str  # a callable, or "package.module:Class" imported on first use
    order: int = 100
    min_role: str = "viewer"

    def create(self, master, app):
        factory = self.factory
        if isinstance(factory, str):
            module, _sep, name = factory.partition(":")
            factory = getattr(importlib.import_module(module), name)
        return factory(master, app)


VIEWS += [
    ViewSpec(
        "dashboard",
        N_("Dashboard"),
        "speedometer2",
        "tambon_desk.views.dashboard:DashboardView",
        10,
    ),
    ViewSpec(
        "households",
        N_("Households"),
        "house-door",
        "tambon_desk.views.households:HouseholdListView",
        20,
    ),
    ViewSpec(
        "water",
        N_("Water accounts"),
        "droplet-fill",
        "tambon_desk.views.water.screen:WaterView",
        40,
    ),
    ViewSpec(
        "plan", N_("Master plan"), "clipboard-data", "tambon_desk.views.plan.screen:PlanView", 50
    ),
    ViewSpec(
        "network",
        N_("Network and lessons"),
        "people",
        "tambon_desk.views.plan.network:NetworkView",
        55,
    ),
    ViewSpec(
        "exchange",
        N_("USB hand-over"),
        "usb-drive",
        "tambon_desk.views.exchange:ExchangeView",
        800,
        "clerk",
    ),
    ViewSpec(
        "backups",
        N_("Backups"),
        "clock-history",
        "tambon_desk.views.backups:BackupsView",
        850,
        "admin",
    ),
    ViewSpec("reports", N_("Reports"), "printer", "tambon_desk.views.reports:ReportsView", 900),
    ViewSpec("settings", N_("Settings"), "gear", "tambon_desk.views.settings:SettingsView", 990),
]
VIEWS += [
    ViewSpec(
        "accounts",
        N_("Account books"),
        "journal-text",
        "tambon_desk.views.accounts.entry:AccountsView",
        30,
    )
]
VIEWS += [
    ViewSpec(
        "farming",
        N_("Farming and enterprises"),
        "flower1",
        "tambon_desk.views.farming.screen:FarmingView",
        45,
    )
]
VIEWS += [
    ViewSpec(
        "province", N_("Province dashboard"), "map", "tambon_desk.views.province:ProvinceView", 15
    )
]


class HouseholdTabSpec(NamedTuple):
    key: str
    title: str
    factory: Callable
    order: int = 100


def view_specs() -> list[ViewSpec]:
    specs = list(VIEWS) + [importlib.import_module(m).VIEW for m in VIEW_MODULES]
    return sorted(specs, key=lambda s: (s.order, s.key))


def household_tabs() -> list[HouseholdTabSpec]:
    specs = [importlib.import_module(m).HOUSEHOLD_TAB for m in HOUSEHOLD_TAB_MODULES]
    return sorted(specs, key=lambda s: (s.order, s.key))


VIEWS += [
    ViewSpec("map", N_("Map"), "map", "tambon_desk.views.maps.screen:MapView", 62),
    ViewSpec(
        "land", N_("Land cases"), "signpost-split", "tambon_desk.views.land:LandCasesView", 64
    ),
]
HOUSEHOLD_TAB_MODULES += ["tambon_desk.views.land"]
