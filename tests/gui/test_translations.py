"""Strings marked outside ui/ are translated where they are shown, with a real QTranslator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.errors import QuotaExceededError
from desktop.settings import Settings
from desktop.ui.common.translation import describe_error
from desktop.ui.dialogs.preferences import PreferencesDialog
from desktop.ui.research.labels import kind_label, status_label

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context><name>AppError</name>
  <message><source>Quota exceeded</source><translation>Kontingent aufgebraucht</translation></message>
</context>
<context><name>Settings</name>
  <message><source>Default model</source><translation>Standardmodell</translation></message>
  <message><source>The model new conversations start with.</source>
    <translation>Das Modell, mit dem neue Unterhaltungen beginnen.</translation></message>
</context>
<context><name>Research</name>
  <message><source>Stalled</source><translation>Stockt</translation></message>
  <message><source>Searched</source><translation>Gesucht</translation></message>
</context>
</TS>
"""


@pytest.fixture
def german(qapp, tmp_path):
    (tmp_path / "de.ts").write_text(TS, encoding="utf-8")
    out = subprocess.run(
        [str(LRELEASE), str(tmp_path / "de.ts"), "-qm", str(tmp_path / "de.qm")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    translator = QTranslator()
    assert translator.load(str(tmp_path / "de.qm"))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_error_titles_are_translated_where_shown(german):
    assert describe_error(QuotaExceededError("Try again in 30 seconds.")) == (
        "Kontingent aufgebraucht: Try again in 30 seconds."
    )


def test_preference_labels_and_descriptions_are_translated(german, qtbot, tmp_path):
    dialog = PreferencesDialog(Settings(tmp_path / "settings.json", environ={}))
    qtbot.addWidget(dialog)
    editor = dialog.editors["default_model"]
    assert editor.accessibleName() == "Standardmodell"
    assert editor.toolTip() == "Das Modell, mit dem neue Unterhaltungen beginnen."
    assert dialog.layout().labelForField(editor).text() == "Standardmodell"


def test_research_status_words_are_translated(german):
    assert status_label("stalled") == "Stockt"
    assert kind_label("search") == "Gesucht"
    assert status_label("in_progress") == "In progress"  # not in this translation: the English word
