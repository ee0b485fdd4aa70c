"""Where shipped resources (fonts, locale, reference data) are, installed or frozen."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The `resources/` folder: beside the package in a checkout or frozen build,
    or inside the package when installed as a wheel (setup.py copies it there)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    for candidate in (base / "resources", Path(__file__).resolve().parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
