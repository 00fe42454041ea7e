"""The Research tab against the fake server: start, live timeline, statuses, resume, polling,
cancel, failures, export, continue, notifications and the keyboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from desktop.ui.research import tab as research_tab
from tests.fake_api import BackgroundRun, ErrorReply, FakeInteractionsServer, scenarios
from tests.gui.conftest import until
from tests.gui.research.research_harness import FAST, ResearchApp, open_app, timeline_texts

AGENT = "deep-research-preview-04-2026"


@pytest.fixture
async def app(fake_server: FakeInteractionsServer, tmp_path: Path) -> AsyncIterator[ResearchApp]:
    instance = await open_app(fake_server, tmp_path / "app.sqlite3", tmp_path / "settings.json")
    yield instance
    await instance.close()


def run_events(interaction_id: str) -> list[dict]:
    """A Deep Research run that is queued first, then in progress."""
    events = scenarios.deep_research(interaction_id, queries=("solid-state battery 2026", "sulfide electrolytes"))
    return [
        scenarios.created(interaction_id, agent=AGENT, status="queued"),
        scenarios.status_update(interaction_id, "in_progress"),
        *events[2:],
    ]


def start_from_keyboard(app: ResearchApp, prompt: str) -> None:
    box = app.tab.form.prompt
    box.setFocus()
    box.setPlainText(prompt)
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def row_status(app: ResearchApp, task_id: str) -> str:
    model = app.tab.tasks.task_model
    return model.index(model.row_of(task_id), model.STATUS).data()


async def test_start_records_the_task_sends_the_request_and_shows_live_progress(app, fake_server):
    fake_server.push(BackgroundRun("v1_dr", run_events("v1_dr"), seconds_per_event=None, initial_status="queued"))
    assert app.tab.form.agent.itemText(0) == "deep-research-max-preview-04-2026"  # newest first
    app.tab.form.agent.setCurrentText(AGENT)
    app.tab.form.visuals.setChecked(True)
    start_from_keyboard(app, "How are solid-state batteries doing?")
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task created",
    )

    body = fake_server.interaction_requests()[0].json
    assert body["agent"] == AGENT
    assert body["background"] is True and body["store"] is True
    assert body["input"] == "How are solid-state batteries doing?"
    assert body["agent_config"] == {"type": "deep-research", "thinking_summaries": "auto", "visualization": "auto"}
    assert app.tab.form.prompt.toPlainText() == ""
    assert app.tab.detail.task is task
    assert row_status(app, task.id) == "Queued"

    fake_server.advance("v1_dr", 1)  # status_update -> in_progress
    await until(lambda: row_status(app, task.id) == "In progress", message="in progress")
    fake_server.advance("v1_dr", 3)  # the first thought
    await until(lambda: any("Planning the research" in t for t in timeline_texts(app)), message="thought")
    assert not any("Searched" in t for t in timeline_texts(app))
    fake_server.advance("v1_dr", 2)  # the search call
    await until(lambda: any("Searched: sulfide electrolytes" in t for t in timeline_texts(app)), message="search")
    assert any("Searched: solid-state battery 2026" in t for t in timeline_texts(app))
    fake_server.advance("v1_dr", 5)  # search result, page reads
    await until(lambda: any("Read: https://example.net/review" in t for t in timeline_texts(app)), message="pages")
    stored = await until(lambda: app.repo.get(task.id).last_event_id, message="last event id stored")
    assert stored.startswith("v1_dr:")
    assert "search" in app.tab.tasks.task_model.progress_text(task)

    app.tabs.setCurrentIndex(0)  # the user looks at a conversation meanwhile
    fake_server.advance("v1_dr")
    await until(lambda: task.status == "completed", message="completed")
    await until(lambda: app.tabs.tabText(1) == "Research (1)", message="a badge until the tab is viewed")
    app.tabs.setCurrentIndex(1)
    assert app.tabs.tabText(1) == "Research"
    assert row_status(app, task.id) == "Completed"
    report = app.tab.detail.report
    report.render_now()
    text = report.toPlainText()
    assert "Report: solid-state batteries" in text
    assert "Sources" in text and "https://example.org/batteries" in text
    assert "7,000 tokens" in text
    assert "Thinking: Reading sources" in " ".join(timeline_texts(app))
    saved = await until(lambda: app.repo.get(task.id).finished_at and app.repo.get(task.id), message="stored")
    assert saved.status == "completed"
    assert [s.url for s in saved.sources] == ["https://example.org/batteries", "https://example.net/review"]
    assert saved.report.startswith("# Report: solid-state batteries")
    # Notified (no tray here: in the status bar).
    assert "Research finished" in app.window.statusBar().currentMessage()


async def test_a_failed_create_leaves_a_failed_task_with_the_prompt(app, fake_server):
    fake_server.push(ErrorReply(400, "invalid_request", "The agent is not available in your region."))
    app.tab.start_requested.emit("Map the fusion startups", AGENT, {"thinking_summaries": False})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].status == "failed" and app.controller.tasks()[0],
        message="failed task",
    )
    assert task.prompt == "Map the fusion startups"
    assert task.interaction_id is None
    assert fake_server.interaction_requests()[0].json["agent_config"]["thinking_summaries"] == "none"
    saved = app.repo.get(task.id)
    assert saved is not None and saved.status == "failed" and saved.prompt == "Map the fusion startups"
    # The status is set before the store write; the tab hears of it after (task_changed): wait for it.
    await until(app.tab.detail.banner.isVisible, message="failure banner")
    assert "start it again" in app.tab.detail.banner.text()

    fake_server.push(BackgroundRun("v1_again", scenarios.deep_research("v1_again"), seconds_per_event=None))
    QTest.mouseClick(app.tab.detail.restart_button, Qt.MouseButton.LeftButton)
    await until(
        lambda: len(app.controller.tasks()) == 2 and app.controller.tasks()[0].interaction_id, message="restarted"
    )
    assert fake_server.interaction_requests()[-1].json["input"] == "Map the fusion startups"


async def test_a_dropped_stream_resumes_from_the_last_event_id(app, fake_server):
    fake_server.push(BackgroundRun("v1_drop", run_events("v1_drop"), seconds_per_event=None))
    fake_server.drop_next_get_stream(after_frames=4)
    app.tab.start_requested.emit("Battery research", AGENT, {})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task",
    )
    fake_server.advance("v1_drop", 5)  # six frames exist; the first stream drops after four
    gets = lambda: [r for r in fake_server.requests_for("interactions.get") if r.query.get("stream") == "true"]  # noqa: E731
    await until(lambda: len(gets()) >= 2, message="resumed")
    assert "last_event_id" not in gets()[0].query
    assert gets()[1].query["last_event_id"] == "v1_drop:4"
    fake_server.advance("v1_drop")
    await until(lambda: task.status == "completed", message="completed")
    texts = timeline_texts(app)
    assert sum("Planning the research" in t for t in texts) == 1  # nothing replayed twice
    # Saved off the GUI thread, just after it is shown.
    await until(
        lambda: app.repo.get(task.id).last_event_id == f"v1_drop:{len(run_events('v1_drop'))}", message="stored"
    )


async def test_a_stalled_resume_falls_back_to_polling_and_still_completes(fake_server, tmp_path):
    from dataclasses import replace

    app = await open_app(
        fake_server, tmp_path / "db.sqlite3", tmp_path / "s.json", timing=replace(FAST, silence_timeout_s=0.4)
    )
    try:
        fake_server.push(BackgroundRun("v1_stall", run_events("v1_stall"), seconds_per_event=None))
        fake_server.stall_next_get_stream(after_frames=3, seconds=30)
        app.tab.start_requested.emit("Stall please", AGENT, {})
        task = await until(
            lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
            message="task",
        )
        fake_server.advance("v1_stall", 6)  # the stream goes silent after three frames
        polls = lambda: [r for r in fake_server.requests_for("interactions.get") if r.query.get("stream") == "false"]  # noqa: E731
        await until(polls, message="a poll after the silence")
        fake_server.advance("v1_stall")
        await until(lambda: task.status == "completed", message="completed after polling")
        streams = [r for r in fake_server.requests_for("interactions.get") if r.query.get("stream") == "true"]
        assert len(streams) >= 2  # went back to streaming after polling
        assert streams[1].query.get("last_event_id") == "v1_stall:3"
        assert "Report: solid-state batteries" in app.repo.get(task.id).report
    finally:
        await app.close()


async def test_cancel_asks_first_then_cancels_on_the_server(app, fake_server, monkeypatch):
    answers: list[str] = []
    monkeypatch.setattr(research_tab, "confirm_cancel", lambda parent, title: answers.append(title) or False)
    fake_server.push(BackgroundRun("v1_c", run_events("v1_c"), seconds_per_event=None))
    app.tab.start_requested.emit("Cancel me", AGENT, {})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task",
    )
    await until(app.tab.detail.cancel_button.isVisible, message="cancel offered")
    QTest.mouseClick(app.tab.detail.cancel_button, Qt.MouseButton.LeftButton)
    assert answers == ["Cancel me"]
    assert not fake_server.requests_for("interactions.cancel")

    monkeypatch.setattr(research_tab, "confirm_cancel", lambda parent, title: True)
    QTest.mouseClick(app.tab.detail.cancel_button, Qt.MouseButton.LeftButton)
    await until(lambda: task.status == "cancelled", message="cancelled")
    await until(lambda: any("Research cancelled" in m for m in app.messages), message="result shown")
    assert len(fake_server.requests_for("interactions.cancel")) == 1
    assert row_status(app, task.id) == "Cancelled"
    await until(lambda: any("Research cancelled" in m for m in app.messages), message="result shown")
    await until(lambda: app.repo.get(task.id).status == "cancelled", message="stored as cancelled")
    assert not app.tab.detail.cancel_button.isVisible()
    assert app.tab.detail.restart_button.isVisible()


async def test_a_failed_run_shows_the_reason_and_offers_to_start_again(app, fake_server):
    fake_server.push(BackgroundRun("v1_f", run_events("v1_f"), seconds_per_event=None))
    app.tab.start_requested.emit("Doomed research", AGENT, {})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task",
    )
    fake_server.advance("v1_f", 3)
    fake_server.fail_run("v1_f", "internal", "The research agent could not reach any sources.")
    await until(lambda: task.status == "failed", message="failed")
    banner = app.tab.detail.banner
    await until(lambda: banner.isVisible() and "could not reach any sources" in banner.text(), message="banner")
    assert "start it again with the same prompt" in banner.text()
    await until(lambda: "Research failed" in app.window.statusBar().currentMessage(), message="notified")
    await until(
        lambda: app.repo.get(task.id).error == "The research agent could not reach any sources.",
        message="reason stored",
    )


async def test_watchdog_marks_a_silent_task_stalled_and_recovers(fake_server, tmp_path):
    from dataclasses import replace

    app = await open_app(
        fake_server, tmp_path / "db.sqlite3", tmp_path / "s.json", timing=replace(FAST, stall_after_s=0.5)
    )
    try:
        fake_server.push(BackgroundRun("v1_w", run_events("v1_w"), seconds_per_event=None))
        app.tab.start_requested.emit("Quiet run", AGENT, {})
        task = await until(
            lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
            message="task",
        )
        await until(lambda: task.status == "stalled", message="stalled")
        assert row_status(app, task.id) == "Stalled"
        assert "No progress" in app.tab.detail.banner.text() and app.tab.detail.banner.isVisible()
        assert app.tab.detail.cancel_button.isVisible()
        await until(lambda: app.repo.get(task.id).status == "stalled", message="stored stalled")
        fake_server.advance("v1_w", 2)
        await until(
            lambda: task.status == "in_progress" and not app.tab.detail.banner.isVisible(), message="progress again"
        )
    finally:
        await app.close()


async def test_export_and_continue_in_conversation(app, fake_server, monkeypatch, tmp_path):
    fake_server.push(BackgroundRun("v1_x", run_events("v1_x"), seconds_per_event=None))
    app.tab.start_requested.emit("Export me", AGENT, {})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task",
    )
    assert not app.tab.detail.continue_button.isVisible()
    fake_server.advance("v1_x")
    await until(lambda: task.status == "completed" and app.tab.detail.export_button.isEnabled(), message="completed")

    target = tmp_path / "out"
    monkeypatch.setattr(research_tab, "ask_export_path", lambda parent, name: (str(target) + ".md", "md"))
    QTest.mouseClick(app.tab.detail.export_button, Qt.MouseButton.LeftButton)
    await until((tmp_path / "out.md").exists, message="markdown written")
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "# Export me" in markdown and "# Report: solid-state batteries" in markdown
    assert "1. [https://example.org/batteries](https://example.org/batteries)" in markdown
    monkeypatch.setattr(research_tab, "ask_export_path", lambda parent, name: (str(target) + ".html", "html"))
    QTest.mouseClick(app.tab.detail.export_button, Qt.MouseButton.LeftButton)
    await until((tmp_path / "out.html").exists, message="html written")
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<h1>Export me</h1>" in page and '<a href="https://example.net/review">' in page
    assert "<script" not in page

    assert app.tab.detail.continue_button.isVisible()
    QTest.mouseClick(app.tab.detail.continue_button, Qt.MouseButton.LeftButton)
    assert app.continued == [("v1_x", "Export me")]


async def test_source_links_open_only_web_addresses(app, fake_server, opened_urls):
    fake_server.push(BackgroundRun("v1_l", run_events("v1_l"), seconds_per_event=None))
    app.tab.start_requested.emit("Links", AGENT, {})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task",
    )
    fake_server.advance("v1_l")
    await until(lambda: task.status == "completed", message="completed")
    report = app.tab.detail.report
    report.render_now()
    assert 'href="https://example.org/batteries"' in report.toHtml()

    # The real opener fails on the headless display whatever the scheme: what reaches it is recorded.
    for href in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://example.org/x"):
        report.anchorClicked.emit(QUrl(href))
    assert opened_urls == []
    report.anchorClicked.emit(QUrl("https://example.org/batteries"))
    assert opened_urls == ["https://example.org/batteries"]


def test_the_prompt_box_has_focus_when_the_tab_is_shown(qtbot):
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Conversation")
    tab = research_tab.ResearchTab(tabs)
    tabs.addTab(tab, "Research")
    tabs.show()
    tabs.activateWindow()
    qtbot.waitExposed(tabs)
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.form.prompt)
    requests: list[tuple] = []
    tab.start_requested.connect(lambda *a: requests.append(a))
    tab.form.prompt.setPlainText("Keyboard start")
    QTest.keyClick(tab.form.prompt, Qt.Key.Key_Return)  # a plain Enter is a new line
    assert requests == []
    QTest.keyClick(tab.form.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert requests and requests[0][0] == "Keyboard start"


def test_every_interactive_widget_has_a_name_and_an_accessible_name(qtbot):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QPlainTextEdit, QTextBrowser

    tab = research_tab.ResearchTab()
    qtbot.addWidget(tab)
    kinds = (QAbstractButton, QAbstractItemView, QComboBox, QPlainTextEdit, QTextBrowser)
    widgets = [w for w in tab.findChildren(object) if isinstance(w, kinds)]
    assert len(widgets) >= 10

    def internal(widget) -> bool:  # parts Qt builds inside a combo box or a view
        parent = widget.parent()
        while parent is not None and parent is not tab:
            if (
                isinstance(parent, (QComboBox, QAbstractItemView))
                or parent.metaObject().className() == "QComboBoxPrivateContainer"
            ):
                return True
            parent = parent.parent()
        return False

    for widget in widgets:
        if internal(widget):
            continue
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()


async def test_code_execution_shows_as_a_step_in_the_timeline_and_the_export(app, fake_server, monkeypatch, tmp_path):
    code = [
        scenarios.step_start(20, {"type": "code_execution_call", "id": "ce_9"}),
        scenarios.step_delta(
            20, {"type": "code_execution_call", "arguments": {"language": "python", "code": "print(sum([1, 2]))"}}
        ),
        scenarios.step_stop(20),
        scenarios.step_start(21, {"type": "code_execution_result", "call_id": "ce_9", "result": ""}),
        scenarios.step_delta(21, {"type": "code_execution_result", "result": "3\n", "is_error": False}),
        scenarios.step_stop(21),
    ]
    events = run_events("v1_code")
    events = events[:-4] + code + events[-4:]
    fake_server.push(BackgroundRun("v1_code", events, seconds_per_event=None))
    app.tab.start_requested.emit("Compute it", AGENT, {})
    task = await until(
        lambda: app.controller.tasks() and app.controller.tasks()[0].interaction_id and app.controller.tasks()[0],
        message="task",
    )
    fake_server.advance("v1_code")
    await until(lambda: task.status == "completed", message="completed")
    timeline = app.tab.detail.timeline
    await until(timeline.step_views, message="step shown")
    saved = await until(lambda: app.repo.get(task.id).finished_at and app.repo.get(task.id), message="stored")
    timeline.set_entries(list(saved.timeline))  # as after a restart: streamed and polled entries, once each
    assert len(timeline.step_views()) == 1
    view = timeline.step_views()[0]
    assert view.title.endswith("Ran Python code")
    assert any(t.endswith("Used: Ran Python code") for t in timeline_texts(app))
    assert not any("Used: code execution" in t for t in timeline_texts(app))
    view.toggle.click()
    assert "print(sum([1, 2]))" in view.details_text() and "3" in view.details_text().split("Output", 1)[1]
    target = tmp_path / "steps"
    monkeypatch.setattr(research_tab, "ask_export_path", lambda parent, name: (str(target) + ".md", "md"))
    QTest.mouseClick(app.tab.detail.export_button, Qt.MouseButton.LeftButton)
    await until((tmp_path / "steps.md").exists, message="markdown written")
    markdown = (tmp_path / "steps.md").read_text(encoding="utf-8")
    assert "## Tool steps" in markdown and "print(sum([1, 2]))" in markdown and "Ran Python code" in markdown
