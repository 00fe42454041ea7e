"""The German translation is complete and current: every string lupdate extracts from the code today
is in the .ts, none is unfinished, placeholders and accelerators survive, and the committed .qm is
compiled from the committed .ts (``python -m tools.i18n`` fixes the last two)."""

from __future__ import annotations

import ast
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from tools import i18n

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "resources" / "i18n" / "gemini-desktop_de.ts"
# {0}, {1:02d}, %p and %n (Qt's progress and plural markers), and HTML tags.
PLACEHOLDER = re.compile(r"\{\d+(?::[^}]*)?\}|%[pn]|<[^>]+>")
# A keyboard accelerator: "&" before a letter (not "&&", not an entity such as "&amp;").
ACCELERATOR = re.compile(r"&(?![&#]|amp;|lt;|gt;|quot;|nbsp;)\w")


def test_german_is_a_shipped_translation():
    assert i18n.ts_files() == [GERMAN]
    assert GERMAN.with_suffix(".qm").exists()


def test_every_string_extracted_today_is_in_the_german_ts():
    have = set(i18n.messages(GERMAN))
    missing = i18n.extracted() - have
    assert not missing, f"run `python -m tools.i18n` and translate: {sorted(missing)[:10]}"


def test_no_german_entry_is_unfinished():
    assert i18n.unfinished(GERMAN) == []
    assert 'type="unfinished"' not in GERMAN.read_text(encoding="utf-8")


def test_placeholders_tags_and_accelerators_are_kept():
    for (context, source, plural), message in i18n.messages(GERMAN).items():
        element = message.find("translation")
        assert element is not None
        forms = [form.text or "" for form in element.iter("numerusform")] if plural else [element.text or ""]
        assert len(forms) == (2 if plural else 1), (context, source)  # German: singular and plural
        for translation in forms:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), (context, source)
            assert len(ACCELERATOR.findall(source)) == len(ACCELERATOR.findall(translation)), (context, source)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    fresh = tmp_path / "de.qm"
    i18n.lrelease(GERMAN, fresh)
    assert fresh.read_bytes() == GERMAN.with_suffix(".qm").read_bytes(), "run `python -m tools.i18n`"


def test_every_marked_string_is_extracted():
    # lupdate skips what it cannot parse (a marker inside an f-string expression, say) without a
    # word: every literal QT_TRANSLATE_NOOP("Context", "text") in the code must reach the .ts.
    marked = set()
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
                and all(isinstance(a, ast.Constant) for a in node.args)
            ):
                marked.add((node.args[0].value, node.args[1].value))
    extracted = {(context, source) for context, source, _ in i18n.messages(GERMAN)}
    assert marked, "no markers found"
    assert marked <= extracted, sorted(marked - extracted)


def test_the_wheel_ships_the_compiled_translations():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "desktop.resources.i18n" in setuptools["packages"]
    assert "*.qm" in setuptools["package-data"]["desktop.resources.i18n"]


def test_the_ts_file_is_what_lupdate_writes(tmp_path):
    # No hand edits lupdate would undo (and no source locations, which would conflict at every merge).
    copy = tmp_path / GERMAN.name
    copy.write_bytes(GERMAN.read_bytes())
    i18n.lupdate(copy)
    assert copy.read_text(encoding="utf-8") == GERMAN.read_text(encoding="utf-8")
    assert ET.parse(copy).getroot().find(".//location") is None
