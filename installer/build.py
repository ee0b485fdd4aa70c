"""Build the Windows installer: PyInstaller (dist/TambonDesk) then Inno Setup (ISCC).

Run on Windows from the checkout, in the Python that has Tambon Desk installed:

    python installer/build.py            # both steps
    python installer/build.py --no-iscc  # only the PyInstaller folder

ISCC is found through the ISCC environment variable, PATH, or the default Inno Setup 6
folders. PyInstaller also runs on Linux (a Linux folder, useful to check the spec);
the Inno Setup step is Windows-only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bundle  # noqa: E402

ISCC_CANDIDATES = [
    r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe",
    r"C:\Program Files\Inno Setup 6\ISCC.exe",
]


def find_iscc() -> str | None:
    for candidate in [
        os.environ.get("ISCC"),
        shutil.which("ISCC"),
        shutil.which("iscc"),
        *ISCC_CANDIDATES,
    ]:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def run_pyinstaller(clean: bool) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(bundle.ROOT / "dist"),
        "--workpath",
        str(bundle.ROOT / "build" / "pyinstaller"),
        str(HERE / "tambon_desk.spec"),
    ]
    if clean:
        cmd.insert(3, "--clean")
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=bundle.ROOT)
    return bundle.ROOT / "dist" / bundle.APP_NAME


def run_iscc(iscc: str) -> None:
    if not (HERE / "Thai.isl").is_file():
        print(
            "note: installer/Thai.isl not found: the installer will be English only "
            "(download Thai.isl from https://jrsoftware.org/files/istrans/)",
            flush=True,
        )
    cmd = [iscc, f"/DAppVersion={bundle.version()}", str(HERE / "tambon_desk.iss")]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=HERE)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--no-iscc", action="store_true", help="stop after PyInstaller")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    args = p.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("PyInstaller is not installed: python -m pip install pyinstaller", file=sys.stderr)
        return 2
    folder = run_pyinstaller(args.clean)
    print(f"PyInstaller folder: {folder}")
    if args.no_iscc:
        return 0
    if sys.platform != "win32":
        print("Inno Setup runs on Windows only; stopping after PyInstaller.", file=sys.stderr)
        return 0
    iscc = find_iscc()
    if iscc is None:
        print(
            "ISCC.exe not found: install Inno Setup 6 or set ISCC=path\\to\\ISCC.exe",
            file=sys.stderr,
        )
        return 2
    run_iscc(iscc)
    print(f"Installer: {bundle.ROOT / 'dist' / 'installer'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
