"""pyside6-lupdate extracts the strings marked outside ui/ (errors, settings, status words), and no
documentation comment is glued onto a message as a translator comment."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).parent
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _extract(tmp_path: Path) -> ET.Element:
    ts = tmp_path / "desktop.ts"
    sources = sorted(str(p) for p in ROOT.rglob("*.py"))
    out = subprocess.run(
        [str(LUPDATE), *sources, "-ts", str(ts)], capture_output=True, text=True, check=False, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return ET.parse(ts).getroot()


def _messages(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_strings_marked_outside_the_ui_are_extracted_under_their_context(tmp_path):
    messages = _messages(_extract(tmp_path))
    for expected in (
        ("AppError", "Something went wrong"),  # desktop/errors.py
        ("AppError", "Quota exceeded"),
        ("AppError", "Conversation expired on the server"),
        ("AppError", "Can't attach this file"),  # desktop/services/attachments/errors.py
        ("Settings", "Default model"),  # desktop/settings.py: label ...
        ("Settings", "How long to wait for the server before giving up on a request or a silent stream."),
        (
            "Settings",
            "An alternative endpoint (e.g. a proxy). Empty uses Google's. "
            "The GOOGLE_GEMINI_BASE_URL environment variable takes precedence.",
        ),
        ("Research", "Stalled"),  # status words, marked in a table and translated on lookup
        ("Research", "Needs your input"),
        ("Research", "Searched"),
    ):
        assert expected in messages, expected


def test_no_documentation_comment_becomes_a_translator_comment(tmp_path):
    # lupdate reads `#:` comments as translator comments and glues them onto the next message:
    # signal payloads are documented in the class docstring instead.
    root = _extract(tmp_path)
    glued = [
        (message.findtext("source"), comment.text)
        for message in root.iter("message")
        for comment in message.iter("extracomment")
    ]
    assert glued == []


def test_every_message_has_a_class_or_marker_context(tmp_path):
    # `parent.tr(...)` in a function is filed by lupdate under the context "parent", which no
    # translation lookup ever uses; such calls name their context with QCoreApplication.translate.
    contexts = {context.findtext("name", "") for context in _extract(tmp_path).iter("context")}
    assert all(name.isidentifier() and name[0].isupper() for name in contexts), sorted(contexts)
