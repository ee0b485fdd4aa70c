"""Where shipped resources (fonts, locale, reference data) are: checkout, wheel or frozen.

Three layouts, tried in this order:
- frozen (PyInstaller): `<_MEIPASS>/resources`, put there by installer/tambon_desk.spec;
- a checkout or editable install: `resources/` beside the `tambon_desk` package;
- an installed wheel: `tambon_desk/_resources`, which setup.py maps from `resources/`
  (package_dir + package_data), so nothing is looked up outside site-packages.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the tambon_desk package folder
INSTALLED_NAME = "_resources"


def _candidates() -> list[Path]:
    out = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        out.append(Path(frozen) / "resources")
    out.append(_PACKAGE.parent / "resources")
    out.append(_PACKAGE / INSTALLED_NAME)
    return out


def resources_root() -> Path:
    """The folder holding `locale/` and the other shipped resources."""
    for candidate in _candidates():
        if (candidate / "locale").is_dir():
            return candidate
    raise FileNotFoundError(
        "resources folder not found (looked in: " + ", ".join(map(str, _candidates())) + ")"
    )


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
