"""The transcript widgets: virtualisation, following the stream, safe links and Copy for code."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.ui.transcript import browser as transcript_browser
from desktop.ui.transcript.browser import TextBlock
from desktop.ui.transcript.view import TranscriptView


def make_turns(n: int, answer: str = "Answer **bold**\n\n" + "line\n\n" * 20) -> list[Turn]:
    turns, parent = [], None
    for i in range(n):
        t = Turn.new("c", parent, [TextPart(f"question {i}")])
        t.answer = [TextPart(f"{i}: {answer}")]
        t.status = TurnStatus.COMPLETED
        turns.append(t)
        parent = t.id
    return turns


def test_a_long_conversation_builds_widgets_only_for_what_is_visible(qtbot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.set_turns(make_turns(1000))
    QApplication.processEvents()
    assert len(view._widgets) < 10
    assert view.visible_widgets()[-1].turn.prompt_text == "question 999"  # opens at the end
    bar = view.verticalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    assert view.visible_widgets()[0].turn.prompt_text == "question 0"
    assert len(view._widgets) <= 10 + 24  # spares are trimmed


def test_the_view_follows_the_stream_unless_scrolled_up(qtbot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_turns(make_turns(5))
    live = Turn.new("c", None, [TextPart("stream")])
    live.status = TurnStatus.STREAMING
    view.append_turn(live)
    bar = view.verticalScrollBar()
    for i in range(30):
        view.append_text(live.id, f"paragraph {i}\n\n")
        view._refresh_streaming()
        QApplication.processEvents()
    assert bar.value() == bar.maximum() and view.following
    bar.setValue(bar.maximum() // 2)  # the user scrolls up to read
    QApplication.processEvents()
    assert not view.following
    anchor = bar.value()
    for i in range(30, 60):
        view.append_text(live.id, f"paragraph {i}\n\n")
        view._refresh_streaming()
        QApplication.processEvents()
    assert bar.value() == anchor and bar.maximum() > anchor
    assert "paragraph 59" in view.widget_for(live.id).answer_view.toPlainText()


def test_only_safe_links_open_and_copy_copies_the_code(qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(transcript_browser, "open_external", lambda url: opened.append(url.toString()) or True)
    source = "Try `x`:\n\n```python\nprint('hi')\n```\n\n```\nsecond block\n```\n"
    block = TextBlock(source=lambda: source)
    qtbot.addWidget(block)
    block.on_anchor_clicked(QUrl("copy-code:1"))
    assert QApplication.clipboard().text() == "second block"
    block.on_anchor_clicked(QUrl("copy-code:0"))
    assert QApplication.clipboard().text() == "print('hi')"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://x.org"):
        block.on_anchor_clicked(QUrl(bad))
    assert opened == []
    for good in ("https://example.com/a", "http://example.com", "mailto:a@example.com"):
        block.on_anchor_clicked(QUrl(good))
    assert opened == ["https://example.com/a", "http://example.com", "mailto:a@example.com"]


def test_remote_images_are_never_fetched(qtbot) -> None:
    block = TextBlock()
    qtbot.addWidget(block)
    block.setHtml('<p>x</p><img src="https://example.com/track.png">')
    assert block.document().loadResource(2, QUrl("https://example.com/track.png")) is None


def test_pathological_markdown_renders_in_a_turn(qtbot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    nasty = ">" * 10_000 + " deep\n\n" + "```python\nunclosed fence\n" * 200 + "\n| a |\n|---|\n" + "| x |\n" * 2000
    view.set_turns(make_turns(1, answer=nasty))
    # Shown as plain text first, then as rendered HTML from the renderer: the fence left open runs
    # to the end and becomes one code card, whose "Copy" link only the rendered answer has.
    qtbot.waitUntil(lambda: "Copy" in view.plain_text(), timeout=10_000)
    shown = view.plain_text()
    # The first fence line opened the card; the other 199 and the table are its code, verbatim.
    assert shown.count("```python\nunclosed fence") == 199 and shown.count("| x |") == 2000


def test_long_answers_are_rendered_off_the_gui_thread(qtbot, monkeypatch) -> None:
    import threading

    from desktop.render import cache as render_cache

    threads: set[str] = set()
    real = render_cache.render_markdown

    def spy(text: str, theme) -> str:
        threads.add(threading.current_thread().name)
        return real(text, theme=theme)

    long_answer = "Intro **bold**\n\n```python\n" + "x = 1\n" * 800 + "```\n"
    view = TranscriptView()
    monkeypatch.setattr(view._renderer, "_render", spy)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.set_turns(make_turns(30, answer=long_answer))
    QApplication.processEvents()
    widget = view.visible_widgets()[-1]
    # Until the background renderer is done the answer shows as plain text, then as Markdown.
    qtbot.waitUntil(
        lambda: "<b>" in widget.answer_view.toHtml() or "font-weight:700" in widget.answer_view.toHtml(), timeout=5000
    )
    assert threads and threading.current_thread().name not in threads
    assert "x = 1" in widget.answer_view.toPlainText()


def test_a_layout_scheduled_before_the_view_is_deleted_does_not_run_after(qtbot) -> None:
    import shiboken6

    view = TranscriptView()
    view.set_turns(make_turns(2))
    view._schedule_layout()  # a turn grew: the layout runs at the next turn of the event loop
    shiboken6.delete(view)  # ... but the view is gone by then (a closed window, a test's teardown)
    qtbot.wait(20)  # pytest-qt fails the test if the timer calls into the deleted view
