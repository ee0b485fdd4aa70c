"""Package APIs whose names load their module the first time one is used (PEP 562).

A package's `__init__` lists its API (ARCHITECTURE.md, "Where each area lives"); importing
every module behind it costs the main window milliseconds for code it never runs (the
population tables, the import kinds, the area and money parsers). A package lists which
module holds each name instead, and `lazy_names` loads that module on first use.
"""

from __future__ import annotations

import importlib
import sys


def lazy_names(package: str, module_of: dict[str, str]):
    """`(__getattr__, __dir__)` for `package`, whose name N lives in `package.<module_of[N]>`."""

    def __getattr__(name: str):
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(module_of))

    return __getattr__, __dir__
