"""Dark mode: the app follows the system's colour scheme (also when it changes while the app runs),
with a Preferences override; everything already on screen is shown again in the new scheme."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QComboBox

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.domain.research import ResearchTask
from desktop.render.theme import DARK, LIGHT
from desktop.settings import Settings
from desktop.ui.common.color_scheme import ColorSchemeManager
from desktop.ui.common.palette import DARK_COLORS, LIGHT_COLORS, is_dark, scheme_palette
from desktop.ui.dialogs.preferences import PreferencesDialog
from desktop.ui.research.report import ResearchReport
from desktop.ui.transcript.turn import TurnWidget
from desktop.ui.transcript.view import TranscriptView
from tests.contrast import AA, contrast
from tests.gui.conftest import until
from tests.gui.harness import KEY, boot

CODE_ANSWER = "Here is code:\n\n```python\n# a comment\ndef greet(name):\n    return f'hi {name}'\n```\n\nDone."


@pytest.fixture(autouse=True)
def platform_palette_back(qapp) -> Iterator[None]:
    """Whatever a test does, the next one starts with the platform's palette and scheme."""
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    QApplication.setPalette(QPalette())
    QApplication.processEvents()


class FakeSystem:
    """The operating system's colour scheme, as a test plays it (offscreen Qt reports none)."""

    def __init__(self) -> None:
        self.scheme = Qt.ColorScheme.Light

    def __call__(self) -> Qt.ColorScheme:
        return self.scheme

    def switch(self, scheme: Qt.ColorScheme) -> None:
        """The user switches the desktop to ``scheme``: Qt emits colorSchemeChanged."""
        self.scheme = scheme
        QGuiApplication.styleHints().colorSchemeChanged.emit(scheme)
        QApplication.processEvents()


def code_turns() -> list[Turn]:
    turn = Turn.new("c", None, [TextPart("show me code")])
    turn.answer = [TextPart(CODE_ANSWER)]
    turn.status = TurnStatus.COMPLETED
    return [turn]


def shown_html(view: TranscriptView) -> str:
    return view.visible_widgets()[-1].answer_view.toHtml().lower()


# -- colours ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_apps_palettes_meet_aa(dark: bool):
    palette = scheme_palette(dark)
    role = QPalette.ColorRole
    pairs = {
        "text": (role.Text, role.Base),
        "window text": (role.WindowText, role.Window),
        "button text": (role.ButtonText, role.Button),
        "dim text on base": (role.PlaceholderText, role.Base),
        "dim text on window": (role.PlaceholderText, role.Window),
        "links": (role.Link, role.Base),
        "selection": (role.HighlightedText, role.Highlight),
        "tool tips": (role.ToolTipText, role.ToolTipBase),
    }
    low = {
        name: round(ratio, 2)
        for name, (fg, bg) in pairs.items()
        if (ratio := contrast(palette.color(fg).name(), palette.color(bg).name())) < AA
    }
    assert not low
    assert is_dark(palette) is dark


def test_render_themes_are_drawn_on_the_palettes_they_were_checked_against():
    # test_contrast checks the render themes against their own background/text: those must be the
    # colours the transcript really uses in that scheme.
    role = QPalette.ColorRole
    assert (DARK.background, DARK.text_color, DARK.link_color) == (
        DARK_COLORS[role.Base],
        DARK_COLORS[role.Text],
        DARK_COLORS[role.Link],
    )
    assert (LIGHT.background, LIGHT.text_color, LIGHT.link_color) == (
        LIGHT_COLORS[role.Base],
        LIGHT_COLORS[role.Text],
        LIGHT_COLORS[role.Link],
    )


# -- following the system ------------------------------------------------------------------------------
def test_a_system_switch_while_running_rerenders_what_is_shown(qtbot):
    system = FakeSystem()
    manager = ColorSchemeManager("system", system_scheme=system)
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.set_turns(code_turns())
    QApplication.processEvents()
    assert not manager.dark and view.theme is LIGHT
    # Answers with code are rendered by the background renderer: plain text first, then Markdown.
    qtbot.waitUntil(lambda: LIGHT.code_background in shown_html(view), timeout=10_000)

    system.switch(Qt.ColorScheme.Dark)
    assert manager.dark and is_dark(QApplication.palette()) and is_dark(view.palette())
    qtbot.waitUntil(lambda: view.theme is DARK, timeout=5000)
    qtbot.waitUntil(lambda: DARK.code_background in shown_html(view), timeout=10_000)  # the message already shown
    assert LIGHT.code_background not in shown_html(view)
    widget = view.visible_widgets()[-1]
    assert widget.theme is DARK and "a comment" in widget.answer_view.toPlainText()
    # Dim text (headers, usage) follows the new palette too.
    assert (
        widget.usage_label.palette().color(QPalette.ColorRole.WindowText).name()
        == DARK_COLORS[QPalette.ColorRole.PlaceholderText]
    )
    assert any(str(key).startswith("a:dark:") for key in view._html_cache._items)  # cache keys name the theme

    system.switch(Qt.ColorScheme.Light)
    assert not manager.dark and not is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: LIGHT.code_background in shown_html(view), timeout=5000)
    manager.dispose()


def test_the_preference_overrides_the_system_and_system_follows_it_again(qtbot):
    system = FakeSystem()
    system.scheme = Qt.ColorScheme.Dark
    manager = ColorSchemeManager("light", system_scheme=system)
    assert not manager.dark and not is_dark(QApplication.palette())
    system.switch(Qt.ColorScheme.Dark)  # the OS changes, the choice in Preferences stays
    assert not manager.dark
    manager.set_preference("system")
    assert manager.dark and is_dark(QApplication.palette())
    manager.set_preference("dark")
    system.switch(Qt.ColorScheme.Light)
    assert manager.dark
    manager.set_preference("bogus")  # anything else means "system"
    assert manager.preference == "system" and not manager.dark
    manager.dispose()


def test_dispose_gives_the_platform_its_palette_back(qtbot):
    platform = QApplication.palette().color(QPalette.ColorRole.Base).name()
    manager = ColorSchemeManager("dark", system_scheme=FakeSystem())
    assert is_dark(QApplication.palette())
    manager.dispose()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == platform


def test_a_streaming_answer_switches_theme_and_keeps_its_text(qtbot):
    turn = Turn.new("c", None, [TextPart("stream code")])
    turn.status = TurnStatus.STREAMING
    widget = TurnWidget(turn, theme=LIGHT)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    widget.append_text(CODE_ANSWER[:60])
    widget.refresh()
    widget.append_text(CODE_ANSWER[60:])
    widget.refresh()
    widget.set_theme(DARK)
    assert widget.answer_view.theme is DARK and widget.answer_view.text == CODE_ANSWER
    assert DARK.code_background in widget.answer_view.toHtml().lower()
    widget.append_text("\n\nmore")
    widget.refresh()
    assert widget.answer_view.text.endswith("more")


def test_the_research_report_and_timeline_switch(qtbot):
    report = ResearchReport()
    qtbot.addWidget(report)
    task = ResearchTask.new("Batteries", "deep-research-preview-04-2026")
    task.report = "# Report\n\n```python\nprint(1)\n```\n"
    task.usage = {"total_tokens": 10, "input_tokens": 4, "output_tokens": 6}
    report.show_task(task)
    assert LIGHT.code_background in report.toHtml().lower()
    QApplication.setPalette(scheme_palette(True))
    QApplication.processEvents()
    html = report.toHtml().lower()
    assert DARK.code_background in html and DARK.muted_color in html


# -- through the app ---------------------------------------------------------------------------------
def test_preferences_offer_system_light_and_dark(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    combo = dialog.editors["color_scheme"]
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["System", "Light", "Dark"]
    assert combo.accessibleName() == "Colour scheme"
    combo.setCurrentIndex(combo.findData("dark"))
    dialog.accept()
    assert settings.get("color_scheme") == "dark"


async def test_the_preference_takes_effect_at_once_in_the_running_app(qtbot, fake_server, app_paths, memory_keyring):
    from tests.fake_api import Stream, scenarios
    from tests.gui.harness import send

    window, app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready", message="ready")
    transcript = window.conversation_tab.transcript
    fake_server.push(Stream(scenarios.plain_text("v1_code", [CODE_ANSWER])))
    await send(window, "code please")
    await until(lambda: "a comment" in transcript.plain_text(), message="answer shown")
    await until(window.conversation_tab.send_button.isEnabled, message="idle")
    assert not is_dark(window.palette())

    app.settings.set("color_scheme", "dark")  # what OK in Preferences does
    await until(lambda: is_dark(window.palette()), message="dark palette")
    assert app.color_scheme.dark and transcript.theme is DARK
    await until(lambda: DARK.code_background in shown_html(transcript), message="answer shown dark")
    assert is_dark(window.research_tab.palette()) and is_dark(window.conversation_tab.composer.palette())

    app.settings.set("color_scheme", "light")
    await until(lambda: LIGHT.code_background in shown_html(transcript), message="answer shown light")
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


def test_attachment_chips_follow_the_scheme(qtbot):
    from desktop.services.attachments.service import Attachment, AttachmentState
    from desktop.ui.attachments.bar import AttachmentBar
    from desktop.ui.common.palette import ERROR_RED_ON_DARK

    bar = AttachmentBar()
    qtbot.addWidget(bar)
    failed = Attachment(name="huge.mp4", size=10)
    failed.state = AttachmentState.FAILED
    bar.add(failed)
    bar.show()
    chip = bar.chips[0]
    assert not is_dark(chip.palette())
    QApplication.setPalette(scheme_palette(True))
    # A style sheet fixes a widget's palette: without the restyle the chip stayed white.
    qtbot.waitUntil(lambda: is_dark(chip.palette()), timeout=5000)
    assert ERROR_RED_ON_DARK.name() in chip.styleSheet()
    QApplication.setPalette(QPalette())
    qtbot.waitUntil(lambda: not is_dark(chip.palette()), timeout=5000)


def test_error_and_check_marks_are_legible_in_both_schemes(qtbot):
    from desktop.ui.common.palette import ERROR_RED, ERROR_RED_ON_DARK
    from desktop.ui.transcript.json_answer import VALID_GREEN, VALID_GREEN_ON_DARK, JsonAnswerView

    role = QPalette.ColorRole
    for dark, green, red in ((False, VALID_GREEN, ERROR_RED), (True, VALID_GREEN_ON_DARK, ERROR_RED_ON_DARK)):
        base = scheme_palette(dark).color(role.Base).name()
        assert contrast(green.name(), base) >= AA and contrast(red.name(), base) >= AA

    view = JsonAnswerView()
    qtbot.addWidget(view)
    view.show_answer('{"a": 1}', None)
    assert view.mark_label.palette().color(role.WindowText) == VALID_GREEN
    QApplication.setPalette(scheme_palette(True))
    QApplication.processEvents()
    view.refresh_colors()  # what TurnWidget.set_theme does
    assert view.mark_label.palette().color(role.WindowText) == VALID_GREEN_ON_DARK


def test_research_status_colours_meet_aa_on_the_timeline(qtbot):
    from desktop.ui.research.labels import status_color

    statuses = ["completed", "failed", "cancelled", "incomplete", "stalled", "requires_action", "in_progress"]
    for dark in (False, True):
        base = scheme_palette(dark).color(QPalette.ColorRole.Base).name()
        low = {s: round(r, 2) for s in statuses if (r := contrast(status_color(s, dark=dark).name(), base)) < AA}
        assert not low, ("dark" if dark else "light", low)


def test_research_banners_meet_aa_in_both_schemes():
    import re

    from desktop.ui.research import detail

    for style in (*detail._BANNER_LIGHT, *detail._BANNER_DARK):
        background = re.search(r"background:(#[0-9a-f]{6})", style).group(1)
        color = re.search(r"color:(#[0-9a-f]{6})", style).group(1)
        assert contrast(color, background) >= AA, style
