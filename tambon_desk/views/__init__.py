"""The view registry: the sidebar of the main window is built from `VIEW_MODULES`.

Adding an area's screen is one module in `tambon_desk/views/` plus one line in
`VIEW_MODULES` (Thonny's `add_view`, without a global workbench). Each module defines

    VIEW = ViewSpec(key="water", title=N_("Water accounts"), icon="droplet-fill",
                    factory=WaterView, order=40, min_role="viewer")

where `factory(master, app)` builds a `ttk.Frame`. `app` is the `tambon_desk.app.App`: it
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
from dataclasses import dataclass
from typing import Callable

VIEW_MODULES: list[str] = [             # areas add "tambon_desk.views.<area>" here
    "tambon_desk.views.dashboard",
    "tambon_desk.views.households",
    "tambon_desk.views.plan",
    "tambon_desk.views.network",
    "tambon_desk.views.reports",
    "tambon_desk.views.settings",
]
VIEW_MODULES += ["tambon_desk.views.accounts"]
HOUSEHOLD_TAB_MODULES: list[str] = []   # areas add their household-page tab module here
HOUSEHOLD_TAB_MODULES += ["tambon_desk.views.accounts"]


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str                  # translation id (N_); translated when the sidebar is built
    icon: str                   # Bootstrap Icons name, e.g. "house-fill"
    factory: Callable
    order: int = 100
    min_role: str = "viewer"


@dataclass(frozen=True)
class HouseholdTabSpec:
    key: str
    title: str
    factory: Callable
    order: int = 100


def view_specs() -> list[ViewSpec]:
    specs = [importlib.import_module(m).VIEW for m in VIEW_MODULES]
    return sorted(specs, key=lambda s: (s.order, s.key))


def household_tabs() -> list[HouseholdTabSpec]:
    specs = [importlib.import_module(m).HOUSEHOLD_TAB for m in HOUSEHOLD_TAB_MODULES]
    return sorted(specs, key=lambda s: (s.order, s.key))
