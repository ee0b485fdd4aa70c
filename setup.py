"""Tambon Desk package metadata. `pip install -e .[test]` for development."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
VERSION = next(
    line.split("\"")[1]
    for line in (HERE / "tambon_desk" / "__init__.py").read_text(encoding="utf-8").splitlines()
    if line.startswith("__version__")
)


def _resource_packages() -> list[str]:
    """resources/ and its sub-folders as data-only packages under tambon_desk._resources.

    So a wheel (non-editable install) carries the locale catalogues and reference data
    inside the package, where tambon_desk.core.resources looks when there is no checkout. Each
    folder is listed (not only the top) because setuptools treats folders as packages.
    """
    root = HERE / "resources"
    folders = [root] + sorted(
        d for d in root.rglob("*") if d.is_dir() and "__pycache__" not in d.parts
    )
    return [".".join(("tambon_desk._resources",) + d.relative_to(root).parts) for d in folders]


RESOURCE_PACKAGES = _resource_packages()

setup(
    name="tambon-desk",
    version=VERSION,  # the one version number: tambon_desk/__init__.py
    description="Tambon information centre desktop system (Thai)",
    packages=find_packages(include=["tambon_desk", "tambon_desk.*"]) + RESOURCE_PACKAGES,
    package_dir={"tambon_desk._resources": "resources"},
    package_data={name: ["*"] for name in RESOURCE_PACKAGES},
    include_package_data=True,
    python_requires=">=3.10",
    install_requires=[
        "ttkbootstrap>=2.2,<3",
        "peewee>=4.5,<5",
        "matplotlib>=3.11",
        "openpyxl>=3.1,<4",
        "reportlab[accel]>=5.1,<6",
        "uharfbuzz>=0.57",  # reportlab shapes Thai only through HarfBuzz
        "fonttools>=4.50",  # ToUnicode map for shaped Thai glyphs (searchable PDFs)
        "newmm-tokenizer>=0.2.2",  # Thai word segmentation for line breaking
        "fontpkg-sarabun>=1.0",  # Sarabun TTFs (OFL) embedded in PDFs and charts
        "geothai>=3.2",  # DOPA list of provinces, districts, tambons
        "platformdirs>=4",  # machine-wide data folder on Windows
        "polib>=1.2",  # reads the .po catalogues (fuzzy entries, msgctxt)
        "shapely>=2.0,<3",  # plot geometry: validity, make_valid repair, holes
        "pyproj>=3.6",  # UTM/Indian 1975 -> WGS84, geodesic areas
        "pyshp>=2.3",  # Shapefiles in and out without GDAL
        "tifffile>=2024.1",  # GeoTIFF map backgrounds (numpy only)
        "cryptography>=42",  # passphrase-sealed bundles: AES-GCM, scrypt key (#14)
    ],
    extras_require={
        "test": [
            "pytest>=8",
            "pytest-xdist>=3",
            "hypothesis>=6",
            "pdfminer.six",
            "pypdf>=5",
            "ruff>=0.6",
            "import-linter>=2.1",
            "psycopg2-binary>=2.9",
        ],
        # The provincial hub on PostgreSQL (issue 17): peewee's PostgreSQL driver.
        "hub": ["psycopg2-binary>=2.9"],
    },
    entry_points={
        "console_scripts": ["tambon-desk=tambon_desk.cli:main"],
        # Windows: the Start-menu shortcut opens the window without a console behind it
        "gui_scripts": ["tambon-desk-gui=tambon_desk.app:main"],
    },
)
