"""Every UI string in the code has a Thai translation; English falls back to the id."""

import ast
import pathlib

from tambon_desk.core import i18n

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tambon_desk"


def ui_strings():
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                yield path.name, node.args[0].value


def test_thai_catalogue_complete():
    th = i18n.load_catalogue("th")
    missing = sorted({(f, s) for f, s in ui_strings() if not th.get(s)})
    assert not missing, missing


def test_switch_language():
    i18n.set_language("en")
    assert i18n.gettext("Enter the first name.") == "Enter the first name."
    i18n.set_language("th")
    assert i18n.gettext("Enter the first name.") == "กรุณากรอกชื่อ"


CATALOGUES = pathlib.Path(__file__).resolve().parent.parent / "resources" / "locale"
# Every catalogue is named after an area package (DESIGN §1) or the shell (gui.po).
# The shell (gui: the window's own screens; cli: the command line) and every top-level
# package of the program (its areas, core, thai, db, reports, demo …).
_PACKAGES = {
    p.name
    for p in (pathlib.Path(__file__).resolve().parent.parent / "tambon_desk").iterdir()
    if (p / "__init__.py").exists()
}
CATALOGUE_NAMES = {"gui", "cli"} | _PACKAGES


def test_no_message_translated_two_ways():
    """A msgid (in one msgctxt) means one thing: the same Thai in every catalogue."""
    import polib

    seen: dict[tuple, dict[str, str]] = {}
    for po_path in sorted(CATALOGUES.rglob("*.po")):
        lang = po_path.parent.parent.name
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or entry.fuzzy or not entry.msgid or not entry.msgstr:
                continue
            seen.setdefault((lang, entry.msgctxt, entry.msgid), {})[po_path.name] = entry.msgstr
    clashes = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert not clashes, clashes


def test_catalogues_are_named_by_area():
    names = {p.stem for p in CATALOGUES.rglob("*.po")}
    assert names and names <= CATALOGUE_NAMES, names - CATALOGUE_NAMES


def _po(tmp_path, body):
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
        encoding="utf-8",
    )
    return path


def test_fuzzy_obsolete_and_empty_entries_are_ignored(tmp_path):
    table = i18n.parse_po(
        _po(
            tmp_path,
            (
                'msgid "Kept"\nmsgstr "เก็บ"\n\n'
                '#, fuzzy\nmsgid "Guessed"\nmsgstr "เดา"\n\n'
                'msgid "Empty"\nmsgstr ""\n\n'
                '#~ msgid "Old"\n#~ msgstr "เก่า"\n\n'
                'msgctxt "project status"\nmsgid "Kept"\nmsgstr "คงไว้"\n\n'
                'msgid "Long "\n"line"\nmsgstr "ยาว"\n"มาก"\n'
            ),
        )
    )
    assert table == {
        "Kept": "เก็บ",
        i18n.key("Kept", "project status"): "คงไว้",
        "Long line": "ยาวมาก",
    }


def test_pgettext_context_and_fallback():
    from tambon_desk.plan import projects as plan

    i18n.set_language("th")
    assert i18n.pgettext("project status", "Done") == "ดำเนินการแล้วเสร็จ"
    assert i18n.gettext("Done") == "เสร็จแล้ว"  # an import that finished
    assert plan.status_label("done") == "ดำเนินการแล้วเสร็จ"
    # no contextual entry: the plain one
    assert i18n.pgettext("project status", "Idea") == i18n.gettext("Idea") != "Idea"
    assert all(plan.status_label(s) != plan.STATUSES[s] for s in plan.STATUSES)
    i18n.set_language("en")
    assert i18n.pgettext("project status", "Done") == "Done"
    i18n.set_language("th")


def test_catalogue_cache_is_used_and_refreshed(tmp_path, monkeypatch):
    import shutil

    files = []
    for src in i18n.catalogue_files("th"):
        files.append(tmp_path / src.name)
        shutil.copy2(src, files[-1])
    monkeypatch.setattr(i18n, "catalogue_files", lambda lang: files)
    monkeypatch.setenv(i18n.ENV_CACHE, str(tmp_path / "cache"))
    fresh = i18n.load_catalogue("th", cache=False)
    assert i18n.load_catalogue("th") == fresh  # parsed, then written
    assert len(list((tmp_path / "cache").glob("catalogue-th-*.marshal"))) == 1
    real_parse, parsed = i18n.parse_po, []
    monkeypatch.setattr(i18n, "parse_po", lambda p: parsed.append(p) or real_parse(p))
    assert i18n.load_catalogue("th") == fresh  # read back, nothing parsed
    assert parsed == []
    core = tmp_path / "core.po"  # a catalogue edited since
    core.write_text(
        core.read_text(encoding="utf-8").replace('msgstr "ผู้ดูแลระบบ"', 'msgstr "แอดมิน"'),
        encoding="utf-8",
    )
    assert i18n.load_catalogue("th")["Administrator"] == "แอดมิน"
    assert len(parsed) == len(files)
