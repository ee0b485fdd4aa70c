"""Packaging: the wheel carries resources/, the PyInstaller spec bundles what the frozen app
needs, the Inno Setup script installs for all users with a shared writable data folder.
(The Windows installer itself can only be built on Windows; see installer/README.md.)"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))


def resource_files():
    return sorted(
        p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    )


def test_build_py_puts_resources_inside_the_package(tmp_path):
    """What a wheel holds: setup.py build_py (the step bdist_wheel runs) into a folder."""
    lib = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    installed = lib / "tambon_desk" / "_resources"
    got = sorted(p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file())
    assert got == resource_files()
    assert "locale/th/LC_MESSAGES/core.po" in got
    # and tambon_desk.core.resources finds them there when no checkout is beside the package
    code = (
        "from tambon_desk.core import resources, i18n; print(resources.resources_root()); "
        "print(i18n.gettext('Tambon profile'))"
    )
    env = {**os.environ, "PYTHONPATH": str(lib)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert out == [str(installed), "ข้อมูลพื้นฐานตำบล"]


class _Recorder:
    calls = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.pure = self.scripts = self.binaries = self.datas = []
        _Recorder.calls.append((type(self).__name__, args, kwargs))


def test_spec_bundles_resources_fonts_and_tkagg():
    stubs = {name: type(name, (_Recorder,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    _Recorder.calls = []
    spec = ROOT / "installer" / "tambon_desk.spec"
    exec(
        compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),
        {"SPECPATH": str(spec.parent), **stubs},
    )
    calls = {}
    for name, args, kwargs in _Recorder.calls:
        calls.setdefault(name, []).append((args, kwargs))
    analysis = calls["Analysis"][0][1]
    datas = analysis["datas"]
    assert (str(ROOT / "resources"), "resources") in datas
    assert all(Path(src).exists() for src, _dest in datas)
    dests = {(Path(src).name, dest) for src, dest in datas}
    assert ("Sarabun-Regular.ttf", "fontpkg_sarabun/files") in dests
    assert ("Sarabun-Bold.ttf", "fontpkg_sarabun/files") in dests
    assert ("subdistricts.json", "geothai/_data") in dests
    assert any(dest.startswith("ttkbootstrap") and name.endswith(".png") for name, dest in dests)
    assert analysis["hooksconfig"]["matplotlib"]["backends"][0] == "TkAgg"
    hidden = analysis["hiddenimports"]
    for mod in (
        "matplotlib.backends.backend_tkagg",
        "tambon_desk.reports.tambon_profile",
        "tambon_desk.demo.households",
        "tambon_desk.db.migrations.m0001_core",
    ):
        assert mod in hidden
    assert "tambon_desk.__main__" not in hidden
    exes = {kw["name"]: kw["console"] for _a, kw in calls["EXE"]}
    assert exes == {"TambonDesk": False, "tambon-desk": True}
    assert calls["COLLECT"][0][1]["name"] == "TambonDesk"


def test_inno_setup_script():
    raw = (ROOT / "installer" / "tambon_desk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Thai text survives
    iss = raw.decode("utf-8-sig")
    assert "DefaultDirName={autopf}\\TambonDesk" in iss and "PrivilegesRequired=admin" in iss
    assert 'Name: "{commonappdata}\\TambonDesk"; Permissions: users-modify' in iss
    assert 'Source: "..\\dist\\TambonDesk\\*"' in iss  # the spec's COLLECT folder
    assert 'MessagesFile: "Thai.isl"' in iss and 'MessagesFile: "compiler:Default.isl"' in iss
    assert "th.AppTitle=ระบบสารสนเทศตำบล" in iss
    assert "{autodesktop}\\{cm:AppTitle}" in iss and "{autoprograms}\\{cm:GroupName}" in iss
    assert 'Parameters: "--demo"' in iss


def test_installer_readme_says_how_to_build_on_windows():
    text = (ROOT / "installer" / "README.md").read_text(encoding="utf-8")
    for needle in ("python installer\\build.py", "Inno Setup", "Thai.isl", "dist\\installer"):
        assert needle in text, needle
