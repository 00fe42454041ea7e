"""The window in German: chosen by the Language preference or the system locale, loaded before the
widgets are built, with Qt's own strings (standard buttons) in German too."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMenu

from desktop.domain.endings import ending_message
from desktop.launch import language_preference
from desktop.settings import Settings
from desktop.ui.common.translation import install_translations, remove_translations, translate_error_text
from desktop.ui.dialogs.preferences import PreferencesDialog
from tests.fake_api import ErrorReply
from tests.gui.conftest import until
from tests.gui.harness import KEY, boot, send

ROOT = Path(__file__).resolve().parents[2]
GERMAN_TS = ROOT / "resources" / "i18n" / "gemini-desktop_de.ts"


@pytest.fixture
def german(qapp, isolated_environment):
    """German chosen in Preferences, read from the settings file as start-up does."""
    config = isolated_environment / "config" / "gemini-desktop"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"language": "de"}), encoding="utf-8")
    assert language_preference() == "de"
    assert install_translations(language_preference(), system=QLocale("en_US")) == "de"
    yield
    remove_translations()


def _sources_and_translations() -> tuple[set[str], set[str]]:
    root = ET.parse(GERMAN_TS).getroot()
    sources = {m.findtext("source", "") for m in root.iter("message")}
    translations = {m.findtext("translation", "") for m in root.iter("message")}
    return sources, translations


def _menu_texts(menu: QMenu) -> list[tuple[str, str]]:
    out = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        out.append((action.objectName(), action.text()))
        if action.menu() is not None:
            out += _menu_texts(action.menu())
    return out


async def test_the_window_speaks_german(german, qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Bereit", message="ready, in German")

    titles = [action.text() for action in window.menuBar().actions()]
    assert {"&Datei", "&Einstellungen", "&Hilfe", "&Unterhaltung"} <= set(titles), titles
    assert window.new_action.text() == "&Neue Unterhaltung"
    assert window.quit_action.text() == "&Beenden"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Unterhaltung", "Recherche"]
    tab = window.conversation_tab
    assert tab.send_button.text() == "Senden"

    # No menu entry is left in English (the tool entries keep their exact names: part of the interface).
    sources, translations = _sources_and_translations()
    english = [
        (name, text)
        for menu_action in window.menuBar().actions()
        for name, text in _menu_texts(menu_action.menu())
        if text in sources
        and text not in translations
        and not name.startswith("toolAction_")
        and name != "structuredOutputAction"
    ]
    assert english == []
    # Each menu's accelerators are distinct in German too.
    for menu_action in window.menuBar().actions():
        menus = [menu_action.menu(), *(a.menu() for a in menu_action.menu().actions() if a.menu())]
        for menu in menus:
            keys = [m.group(1).lower() for a in menu.actions() if (m := re.search(r"&(\w)", a.text()))]
            assert len(keys) == len(set(keys)), (menu.title(), keys)

    # Exact accessible names stay as the interface defines them.
    panel = tab.settings_bar.panel
    assert panel.tools_group.accessibleName() == "Tools"
    assert panel.tool_checks["google_search"].accessibleName() == "Google Search"
    assert panel.tool_checks["url_context"].accessibleName() == "URL context"
    assert panel.tool_checks["url_context"].text() == "URL-Kontext"
    assert panel.tool_checks["local.current_time"].accessibleName() == "Current time"
    assert panel.tool_checks["local.current_time"].text() == "Aktuelle Uhrzeit"
    assert panel.structured_check.accessibleName() == "Structured output"
    assert panel.structured_check.text() == "JSON-Ausgabe"
    # The longer German words still fit the fixed-width panel (nothing cut off at its right edge).
    tab.settings_bar.panel_button.setChecked(True)
    await until(panel.isVisible, message="run settings shown")
    assert panel.widget().minimumSizeHint().width() <= panel.viewport().width()

    # An error from the server, in German, and the prompt is kept.
    fake_server.push(ErrorReply(404, "NOT_FOUND", "no such model"))
    await send(window, "Hallo")
    await until(tab.status_label.text, message="error shown")
    shown = tab.transcript.widget_for(tab.transcript.turns()[-1].id).status_label.text()
    assert "Nicht gefunden: Der Server konnte das Element nicht finden." in shown
    assert tab.status_label.text() == "Der Prompt steht wieder im Eingabefeld."
    assert tab.composer.toPlainText() == "Hallo"

    window.close()
    assert await asyncio.wait_for(task, 5) == 0


def test_preferences_offer_the_language_and_qt_buttons_are_german(german, qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json", environ={})
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    combo = dialog.editors["language"]
    assert dialog.layout().labelForField(combo).text() == "Sprache"
    assert [combo.itemText(i) for i in range(combo.count())] == ["System", "English", "Deutsch"]
    assert "Neustart" in combo.toolTip()
    assert dialog.findChild(QLabel, "pref_language_note").text() == "Wirkt nach einem Neustart."
    buttons = dialog.findChild(QDialogButtonBox)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert "Abbrechen" in texts  # Qt's own string, from qtbase_de.qm
    combo.setCurrentIndex(combo.findData("en"))
    dialog.accept()
    assert settings.get("language") == "en"


def test_the_system_locale_chooses_the_language(qapp):
    try:
        assert install_translations("", system=QLocale("de_DE")) == "de"
        assert install_translations("", system=QLocale("en_US")) == "en"
        assert install_translations("", system=QLocale("fr_FR")) == "en"  # no French translation: English
        assert install_translations("en", system=QLocale("de_DE")) == "en"  # the preference wins
        assert install_translations("de", system=QLocale("en_GB")) == "de"
    finally:
        remove_translations()


def test_lang_de_starts_the_app_in_german(tmp_path):
    # The real start-up path in a fresh process: LANG decides, before any widget is built.
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.launch import language_preference\n"
        "from desktop.ui.common.translation import install_translations\n"
        "from desktop.ui.main_window import MainWindow\n"
        "app = QApplication(sys.argv)\n"
        "print(install_translations(language_preference()))\n"
        "window = MainWindow(build_tabs=False)\n"
        "print('|'.join(a.text() for a in window.menuBar().actions()))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
    env.update(LANG="de_DE.UTF-8", QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    language, menus = out.stdout.split()
    assert language == "de"
    assert {"&Datei", "&Einstellungen", "&Hilfe"} <= set(menus.split("|")), menus


def test_stored_error_texts_are_translated_where_shown(german):
    # Turn errors are stored in English (the database outlives a change of language).
    assert translate_error_text(ending_message("cancelled")) == (
        "Die Antwort wurde auf dem Server abgebrochen, bevor sie fertig war."
    )
    assert translate_error_text("Timed out: The server did not answer in time.") == (
        "Zeitüberschreitung: Der Server hat nicht rechtzeitig geantwortet."
    )
    # Words the translation does not know (the server's own) are kept as they are.
    assert translate_error_text("Request refused: bad field 'x'") == "Anfrage abgelehnt: bad field 'x'"


def test_plural_forms_follow_the_count(german):
    source = "The model asks to run %n tool calls. Allow or deny each one above."
    assert QCoreApplication.translate("TurnWidget", source, "", 1).startswith(
        "Das Modell möchte 1 Tool-Aufruf ausführen."
    )
    assert QCoreApplication.translate("TurnWidget", source, "", 3).startswith(
        "Das Modell möchte 3 Tool-Aufrufe ausführen."
    )


def test_an_unreadable_language_preference_means_the_system_language(qapp, isolated_environment):
    config = isolated_environment / "config" / "gemini-desktop"
    config.mkdir(parents=True, exist_ok=True)
    for content in ("{not json", "[1, 2]", json.dumps({"language": 5})):
        (config / "settings.json").write_text(content, encoding="utf-8")
        assert language_preference() == ""
    try:
        assert install_translations("xx", system=QLocale("de_DE")) == "en"  # no such translation: English
    finally:
        remove_translations()
