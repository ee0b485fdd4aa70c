"""What the frozen Windows build must carry, computed from the installed packages.

Plain Python (no PyInstaller import), so tests can check it on any machine and the spec
(`tambon_desk.spec`) stays a thin call of these functions:
- `datas()`: (source, folder inside the bundle) pairs — our `resources/` (locale catalogues,
  reference data, icons) as `resources/`, where tambon_desk.core.resources looks in a frozen
  build, and the data files of packages that find them beside their own code (Sarabun TTFs
  in fontpkg_sarabun, the DOPA lists in geothai, ttkbootstrap's themes, fonts and images,
  the newmm word list, reportlab's standard font metrics);
- `hidden_imports()`: every tambon_desk module (areas, reports, demo modules and migrations
  are imported by name from registries, which PyInstaller's import scan cannot see), found
  with `collect_submodules("tambon_desk")` so no module name is written down here, and
  the matplotlib Tk backend the GUI embeds charts with.
"""

from __future__ import annotations

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout (holds setup.py)
APP_NAME = "TambonDesk"  # folder in dist/ and exe name
CLI_NAME = "tambon-desk"  # console exe for sub-commands
DATA_PACKAGES = ("fontpkg_sarabun", "geothai", "ttkbootstrap", "newmm_tokenizer", "reportlab")
MATPLOTLIB_BACKENDS = ["TkAgg", "Agg"]
EXTRA_HIDDEN = [
    "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_agg",
    "PIL._tkinter_finder",
    "uharfbuzz",
    "fontTools.ttLib",
    "platformdirs",
    "polib",
]
EXCLUDES = ["pytest", "hypothesis", "pdfminer", "pypdf", "IPython", "PyQt5", "PySide6"]
_SKIP_SUFFIXES = {".py", ".pyc", ".pyo", ".pyi"}


def package_data_files(package: str) -> list[tuple[str, str]]:
    """Non-code files of an installed package, each with its folder inside the bundle."""
    mod = importlib.import_module(package)
    base = Path(mod.__file__).resolve().parent
    site = base.parent
    out = []
    for path in sorted(base.rglob("*")):
        if (
            path.is_file()
            and path.suffix not in _SKIP_SUFFIXES
            and "__pycache__" not in path.parts
            and path.suffix not in (".so", ".pyd")
        ):
            out.append((str(path), str(path.parent.relative_to(site))))
    return out


def datas() -> list[tuple[str, str]]:
    resources = ROOT / "resources"
    if not (resources / "locale").is_dir():
        raise FileNotFoundError(f"{resources} has no locale folder")
    out = [(str(resources), "resources")]
    for package in DATA_PACKAGES:
        out.extend(package_data_files(package))
    return out


def _walk_submodules(package: str, filter=None) -> list[str]:
    """collect_submodules without PyInstaller (tests on a machine that lacks it)."""
    import pkgutil

    mod = importlib.import_module(package)
    names = [package] + [m.name for m in pkgutil.walk_packages(mod.__path__, package + ".")]
    return sorted(n for n in names if filter is None or filter(n))


def hidden_imports() -> list[str]:
    """Every tambon_desk module, found by importing the package (PyInstaller's
    collect_submodules when it is there), so modules may move between packages freely."""
    try:
        from PyInstaller.utils.hooks import collect_submodules
    except ImportError:
        collect_submodules = _walk_submodules
    mods = collect_submodules(
        "tambon_desk", filter=lambda name: name.rsplit(".", 1)[-1] != "__main__"
    )
    return sorted(mods) + EXTRA_HIDDEN


def icon() -> str | None:
    """resources/icons/tambon_desk.ico when the project has one."""
    path = ROOT / "resources" / "icons" / "tambon_desk.ico"
    return str(path) if path.is_file() else None


def version() -> str:
    text = (ROOT / "tambon_desk" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError("no __version__ in tambon_desk/__init__.py")
