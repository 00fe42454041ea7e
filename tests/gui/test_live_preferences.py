"""Preferences take effect at once: each one is changed while the app runs, and the next use shows it.

The connection preferences are proved against the fake server (the next request goes to the new
endpoint, a 503 is retried as many times as the new attempts allow, a stalled stream is given up
after the new timeout); the inline limit by what the next send carries; the stall minutes by a
running research task.
"""

from __future__ import annotations

import asyncio
import os
import time

from PySide6.QtWidgets import QLineEdit

from desktop.app import DesktopApp
from desktop.controllers.session import service_config_factory
from desktop.paths import AppPaths
from desktop.services.attachments.service import AttachmentState
from desktop.services.genai import RetryPolicy
from desktop.settings import Settings
from desktop.ui.conversation import tab as conversation_tab
from desktop.ui.dialogs.preferences import PreferencesDialog
from desktop.ui.main_window import MainWindow
from tests.attachment_samples import mp4_video, write
from tests.fake_api import BackgroundRun, ErrorReply, FakeInteractionsServer, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import build, quit_app, send, start, turn

#: Short delays so retries and resumes do not slow the tests; the attempts come from the preference.
FAST = RetryPolicy(initial_delay=0.01, max_delay=0.02, resume_delays=(0.05, 0.05))


def preferences(paths: AppPaths, **values: object) -> Settings:
    """The preferences file the app will read, with ``values`` set."""
    settings = Settings(paths.settings_file, environ={})
    for key, value in values.items():
        settings.set(key, value)
    return settings


async def boot_with(qtbot, settings: Settings, paths: AppPaths) -> tuple[MainWindow, DesktopApp, asyncio.Task[int]]:
    """The whole app with its connection built from ``settings`` (as in production, but fast retries)."""
    window, app = build(qtbot, paths, service_config_factory(settings, retry=FAST), settings=settings)
    task = asyncio.ensure_future(app.run())
    await until(app.started.is_set, timeout=15, message="app started")
    await until(lambda: window.connection_label.text() == "Ready", timeout=15, message="ready")
    return window, app, task


def last_turn_done(window: MainWindow) -> bool:
    tab = window.conversation_tab
    turns = tab.transcript.turns()
    return bool(turns) and tab.send_button.isEnabled() and not turns[-1].status.is_active


async def test_a_new_endpoint_is_used_by_the_next_request(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await boot_with(qtbot, preferences(app_paths, base_url=fake_server.base_url), app_paths)
    await turn(window, fake_server, "first", scenarios.plain_text("v1_one", ["One."]))
    with FakeInteractionsServer() as second:
        # Through the Preferences dialog, as a user would.
        window.preferences_requested.emit()
        dialog = await until(lambda: window.findChild(PreferencesDialog), timeout=15, message="preferences open")
        editor = dialog.findChild(QLineEdit, "pref_base_url")
        editor.setText(second.base_url)
        dialog.accept()
        second.push(Stream(scenarios.plain_text("v1_two", ["Two."])))
        before = len(fake_server.interaction_requests())
        await send(window, "second")
        # ">= 1": the new server does not know the previous interaction, so its 404 is followed at
        # once by a second request with the context rebuilt; "== 1" held only if polled in between.
        await until(
            lambda: len(second.interaction_requests()) >= 1, timeout=15, message="the request went to the new endpoint"
        )
        await until(lambda: last_turn_done(window), timeout=15, message="answered")
        assert len(fake_server.interaction_requests()) == before
        assert window.conversation_tab.transcript.turns()[-1].answer_text == "Two."
        assert app.session is not None and app.session.service is not None
        assert app.session.service.config.base_url == second.base_url
        await quit_app(window, task)


async def test_more_attempts_retry_the_next_request(qtbot, fake_server, app_paths, memory_keyring):
    settings = preferences(app_paths, base_url=fake_server.base_url, retry_attempts=1)
    window, _app, task = await boot_with(qtbot, settings, app_paths)
    fake_server.push(ErrorReply(503, "UNAVAILABLE", "busy"))
    await send(window, "once")
    await until(window.conversation_tab.status_label.text, timeout=15, message="the 503 is reported")
    await until(lambda: last_turn_done(window), timeout=15, message="failed turn settled")
    assert len(fake_server.interaction_requests()) == 1  # one attempt: no retry

    settings.set("retry_attempts", 3)
    fake_server.push(
        ErrorReply(503, "UNAVAILABLE", "busy"),
        ErrorReply(503, "UNAVAILABLE", "busy"),
        Stream(scenarios.plain_text("v1_third", ["At last."])),
    )
    await send(window, "thrice")
    await until(lambda: len(fake_server.interaction_requests()) == 4, timeout=15, message="two retries")
    await until(lambda: last_turn_done(window), timeout=15, message="answered after the retries")
    assert window.conversation_tab.transcript.turns()[-1].answer_text == "At last."
    await quit_app(window, task)


async def test_a_shorter_timeout_gives_up_on_the_next_silent_stream(qtbot, fake_server, app_paths, memory_keyring):
    settings = preferences(app_paths, base_url=fake_server.base_url, request_timeout_s=600)
    window, _app, task = await boot_with(qtbot, settings, app_paths)
    settings.set("request_timeout_s", 5)  # the preference's minimum
    # The stream goes silent for 60 s; only the new 5 s timeout ends the wait (and resumes it) within 30 s.
    fake_server.push(
        Stream(scenarios.plain_text("v1_slow", ["Half", " and the rest."]), stall_after=3, stall_seconds=60)
    )
    await send(window, "are you there?")
    await until(lambda: fake_server.requests_for("interactions.get"), timeout=30, message="resumed after the timeout")
    await until(lambda: last_turn_done(window), timeout=15, message="completed by the resume")
    assert window.conversation_tab.transcript.turns()[-1].answer_text == "Half and the rest."
    await quit_app(window, task)


async def test_a_lower_inline_limit_uploads_the_next_send(qtbot, fake_server, app_paths, memory_keyring, tmp_path):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    assert app.attachments is not None and app.attachment_service is not None and app.settings is not None
    app.attachment_service.poll_s = 0.02
    before = write(tmp_path, "before.mp4", mp4_video() + os.urandom(200_000))
    after = write(tmp_path, "after.mp4", mp4_video() + os.urandom(180_000))
    attachments = app.attachments

    def all_ready(count: int) -> bool:
        return len(attachments.attachments) == count and attachments.can_send and tab.send_button.isEnabled()

    tab.attach_paths_requested.emit([before])
    await until(lambda: all_ready(1), timeout=15, message="read")
    assert attachments.attachments[0].inline  # 200 KB is well under the default 15 MB

    app.settings.set("inline_limit_mb", 0.1)
    await until(lambda: fake_server.files, timeout=15, message="the pending file is uploaded under the new limit")
    tab.attach_paths_requested.emit([after])
    await until(lambda: all_ready(2), timeout=15, message="both uploaded")
    await turn(window, fake_server, "Compare", scenarios.plain_text("v1_cmp", ["Alike."]))
    content = next(s for s in fake_server.interaction_requests()[-1].json["input"] if s["type"] == "user_input")
    files = [block for block in content["content"] if block["type"] == "video"]
    assert len(files) == 2 and all("uri" in block and "data" not in block for block in files)
    assert len(fake_server.files) == 2
    await quit_app(window, task)


async def test_a_lower_inline_limit_applies_to_files_added_through_the_button(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    assert app.settings is not None and app.attachment_service is not None
    app.attachment_service.poll_s = 0.02
    app.settings.set("inline_limit_mb", 0.1)
    picture = write(tmp_path, "clip.mp4", mp4_video() + os.urandom(150_000))
    monkeypatch.setattr(conversation_tab, "choose_files", lambda parent: [picture])
    window.conversation_tab.attach_button.click()
    await until(lambda: fake_server.files, timeout=15, message="uploaded, not inline")
    assert app.attachments is not None
    await until(lambda: app.attachments.attachments[0].state is AttachmentState.READY, timeout=15, message="ready")
    await quit_app(window, task)


async def test_new_stall_minutes_apply_to_a_running_research_task(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    assert app.settings is not None and app.research is not None
    fake_server.push(BackgroundRun("v1_quiet", scenarios.deep_research("v1_quiet"), seconds_per_event=None))
    window.show_research_tab()
    window.research_tab.start_requested.emit("A quiet run", "deep-research-preview-04-2026", {})
    research = app.research
    await until(
        lambda: research.tasks() and research.tasks()[0].status in ("in_progress", "queued"), timeout=15, message="run"
    )
    running = research.tasks()[0]
    running.last_progress_at = time.time() - 5 * 60  # five quiet minutes: not stalled under the default 20
    monitor = await until(lambda: research.manager.monitors.get(running.id), timeout=15, message="followed")
    assert not monitor.check_stalled()
    app.settings.set("research_stall_minutes", 3)
    assert running.status == "stalled"
    detail = window.research_tab.detail
    await until(lambda: detail.task is running and detail.banner.isVisible(), timeout=15, message="banner shown")
    assert "over 3 minutes" in detail.banner.text()
    await quit_app(window, task)


async def test_a_new_default_model_is_used_by_the_next_new_conversation(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    assert app.settings is not None and app.conversation is not None
    await turn(window, fake_server, "hello", scenarios.plain_text("v1_hi", ["Hi."]))
    app.settings.set("default_model", "gemini-3-pro-preview")
    window.new_conversation_requested.emit()
    await until(
        lambda: app.conversation.state is not None and app.conversation.state.empty,
        timeout=15,
        message="new conversation",
    )
    await turn(window, fake_server, "again", scenarios.plain_text("v1_pro", ["Pro."]))
    assert fake_server.interaction_requests()[-1].json["model"] == "gemini-3-pro-preview"
    await quit_app(window, task)
