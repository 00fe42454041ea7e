"""Tool steps and sources in the transcript against the fake server: shown, kept after a restart, exported."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from desktop.ui.dialogs import conversation as conversation_dialogs
from desktop.ui.transcript import steps as steps_ui
from tests.fake_api import scenarios
from tests.gui.conftest import until
from tests.gui.harness import ENV, boot, quit_app, start, turn, widgets

TITLES = [
    "Searched the web: “euro 2024 winner”",
    "Read 2 page(s) (1 not readable)",
    "Ran Python code",
    "Python code failed",
    "Looked up places: “cafe vienna” · 1 found",
    "Searched your files · 1 hit(s)",
    "Called ask_question on deepwiki",
]


def check_turn_widget(w) -> None:
    views = w.steps_panel.views()
    assert w.steps_panel.isVisible()
    assert [v.title for v in views] == TITLES
    assert [v.toggle.accessibleName() for v in views] == TITLES
    # Compact by default, expandable, and the answer stays visible below.
    assert not any(v.expanded for v in views)
    for v in views:
        v.toggle.click()
    assert all(v.expanded and v.details.isVisible() for v in views)
    search, pages, code, failed, maps, files, mcp = (v.details_text() for v in views)
    assert "euro 2024 winner" in search and "alert" not in search
    assert "https://example.com" in pages and "read" in pages and "paywall" in pages
    assert "print(1 + 1)" in code and "Output" in code and "2" in code.split("Output", 1)[1]
    assert "ZeroDivisionError" in failed and "Error" in failed
    assert "Café Central" in maps
    assert "report.pdf" in files and "page 3" in files
    assert "answer from deepwiki" in mcp
    # The error step is styled as an error; nothing loads from the network.
    assert "#c62828" in views[3].details.toHtml()
    copied: list[int] = []
    views[2].details.code_copied.connect(copied.append)
    views[2].details.on_anchor_clicked(QUrl("copy-code:0"))
    assert copied == [0] and QApplication.clipboard().text() == "print(1 + 1)"
    assert views[3].toggle.palette().color(views[3].toggle.foregroundRole()).name() == "#b3261e"
    assert "<img" not in views[0].details.toHtml()
    assert w.answer_view.isVisible()
    text = w.answer_view.toPlainText()
    assert "Spain won Euro 2024.[1,2] The sum is 2." in text
    assert "Café Central is open.[3]" in text and "revenue grew.[4]" in text and "hello.[5]" in text
    sources = w.sources_view.toPlainText()
    for expected in (
        "Sources",
        "UEFA Euro 2024 final",
        "uefa.com",
        "BBC Sport report",
        "bbc.co.uk",
        "Café Central",
        "report.pdf",
        "page 3",
        "Example Domain",
        "Google Search suggestions",
    ):
        assert expected in sources
    assert "euro 2024" in sources.split("Google Search suggestions", 1)[1]
    assert "alert" not in sources and "<img" not in w.sources_view.toHtml()
    assert "25 tool use" in w.usage_label.text()


async def test_every_tool_step_and_citation_is_shown_kept_and_exported(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch, tmp_path
):
    opened: list[str] = []
    monkeypatch.setattr(steps_ui, "open_external", lambda url: opened.append(url.toString()) or True)
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    await turn(window, fake_server, "use every tool", scenarios.every_tool("v1_tools"))
    w = widgets(window)[-1]
    await until(w.sources_view.isVisible, message="sources shown")
    check_turn_widget(w)

    # A source opens in the system browser (http/https only); a marker selects its source.
    w.sources_view.on_anchor_clicked(QUrl("https://uefa.com/euro2024"))
    w.sources_view.on_anchor_clicked(QUrl("javascript:alert(1)"))
    w.sources_view.on_anchor_clicked(QUrl("file:///etc/passwd"))
    assert opened == ["https://uefa.com/euro2024"]
    w.on_answer_link(QUrl("source:4"))
    assert "report.pdf" in w.sources_view.textCursor().selectedText()

    # Exports carry the steps, the markers and the sources.
    conv_id = app.conversation.current_id
    for suffix in ("md", "html"):
        path = tmp_path / f"out.{suffix}"
        monkeypatch.setattr(conversation_dialogs, "ask_export_path", lambda parent, title, p=path: str(p))
        tab.settings_bar.export_button.click()
        await until(path.exists, message=f"{suffix} export")
    md = (tmp_path / "out.md").read_text()
    for expected in (
        *TITLES[:3],
        "print(1 + 1)",
        "ZeroDivisionError",
        "Café Central",
        "report.pdf",
        "Spain won Euro 2024.[[1]](https://uefa.com/euro2024)[[2]](https://www.bbc.co.uk/sport)",
        "**Sources**",
        "1. [UEFA Euro 2024 final](https://uefa.com/euro2024) — uefa.com",
        "4. report.pdf — page 3",
    ):
        assert expected in md, expected
    page = (tmp_path / "out.html").read_text()
    assert '<details class="step"><summary>Ran Python code</summary>' in page
    assert '<a href="#source-1-1">1</a>' in page and 'id="source-1-1"' in page
    assert '<a href="https://uefa.com/euro2024">UEFA Euro 2024 final</a>' in page
    assert "<script" not in page and "tracker.example" not in page
    await quit_app(window, task)

    # After a restart the same steps and sources are there, and search finds a source's title.
    window2, app2, task2 = await boot(qtbot, fake_server, app_paths, ENV)
    assert app2.conversation.current_id == conv_id
    await until(lambda: widgets(window2) and widgets(window2)[-1] is not None, message="turn shown")
    w2 = widgets(window2)[-1]
    await until(lambda: "[1,2]" in w2.answer_view.toPlainText(), message="markers after restart")
    check_turn_widget(w2)
    hits = app2.storage.conversations.search("UEFA")
    assert [h.conversation_id for h in hits] == [conv_id]
    assert app2.storage.conversations.search("bbc")
    await quit_app(window2, task2)


async def test_steps_appear_while_the_answer_streams(qtbot, fake_server, app_paths, memory_keyring):
    from tests.fake_api import Stream

    window, app, task = await start(qtbot, fake_server, app_paths)
    events = scenarios.tool_answer(
        "v1_slow",
        [scenarios.tool_step("code_execution", "ce_1", {"language": "python", "code": "print(6 * 7)"}, "42\n")],
        ["The answer ", *["is still coming " for _ in range(60)], "42."],
    )
    fake_server.push(Stream(events, frame_delay=0.02))
    from tests.gui.harness import send

    await send(window, "compute")
    view = window.conversation_tab.transcript
    await until(lambda: view.turns() and view.widget_for(view.turns()[-1].id) is not None, message="widget")
    w = view.widget_for(view.turns()[-1].id)
    await until(lambda: [v.title for v in w.steps_panel.views()] == ["Ran Python code"], message="step shown")
    # The step is on screen, and already saved, before the answer has finished.
    assert view.turns()[-1].status.is_active
    stored = app.storage.conversations.turns(app.conversation.current_id)[-1]
    assert [s["type"] for s in stored.steps] == ["code_execution_call", "code_execution_result"]
    await until(window.conversation_tab.send_button.isEnabled, message="done")
    await quit_app(window, task)


def test_a_long_answer_with_500_citations_is_shown_in_slices(qtbot):
    from desktop.domain.conversation import TextPart, Turn, TurnStatus
    from desktop.ui.transcript.view import TranscriptView
    from tests.benchmarks.render_stream import make_answer
    from tests.benchmarks.tool_steps import annotations, answer_step

    text = make_answer(40_000, seed=3)
    turn = Turn.new("c", None, [TextPart("sources please")])
    turn.answer, turn.status = [TextPart(text)], TurnStatus.COMPLETED
    turn.steps = [answer_step(text, annotations(text, 500))]
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_turns([turn])
    w = view.widget_for(turn.id)
    # Nothing heavy happens at once: the answer and the long list are completed on later loop turns.
    assert w.answer_view.filling and not w.sources_view.complete
    assert w.sources_view.toPlainText().count("\n") < 100
    qtbot.waitUntil(lambda: not w.answer_view.filling and w.sources_view.complete, timeout=20_000)
    shown = w.answer_view.toPlainText()
    assert shown.count("[") >= 250 and "\ue000" not in shown
    sources = w.sources_view.toPlainText()
    assert "1. Source title 0" in sources and "\n500. " in sources
    assert w.sources_view.select_source(500)
