"""A research run whose status cannot be read: the task says so with the server's reason and offers
Check again and Cancel (Research tab against the fake server)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.domain.research import ResearchTask
from desktop.store import ResearchRepository, open_database
from desktop.ui.research import tab as research_tab
from tests.fake_api import BackgroundRun, ErrorReply, FakeInteractionsServer, scenarios
from tests.gui.conftest import until
from tests.gui.research.research_harness import open_app

AGENT = "deep-research-preview-04-2026"


async def test_an_unreadable_run_shows_the_reason_with_check_again_and_cancel(
    fake_server: FakeInteractionsServer, tmp_path: Path, monkeypatch
):
    fake_server.add_background_run(BackgroundRun("v1_403", scenarios.deep_research("v1_403"), seconds_per_event=None))
    reason = "Permission denied on <b>interaction</b> v1_403."
    fake_server.fail_reads("v1_403", ErrorReply(403, message=reason))
    db_path = tmp_path / "app.sqlite3"
    db = open_database(db_path)
    task = ResearchTask.new("Batteries in 2026", AGENT)
    task.interaction_id, task.status = "v1_403", "in_progress"
    ResearchRepository(db).add(task)
    db.close()

    app = await open_app(fake_server, db_path, tmp_path / "settings.json")
    try:
        shown = app.controller.task(task.id)
        await until(lambda: shown.status == "unreadable", message="marked unreadable")
        app.tab.tasks.select_task(task.id)
        detail = app.tab.detail
        await until(lambda: detail.task is not None and detail.task.id == task.id, message="shown")
        detail.refresh()
        assert detail.banner.isVisible() and detail.banner.textFormat() == Qt.TextFormat.PlainText
        assert reason in detail.banner.text()
        assert detail.check_button.isVisible() and detail.check_button.accessibleName() == "Check again"
        assert detail.banner_cancel_button.isVisible() and detail.banner_cancel_button.accessibleName() == "Cancel"
        assert not detail.cancel_button.isVisible()
        assert app.repo.get(task.id).status == "unreadable"
        # Told even when the tab is not looked at (no tray here: the status bar).
        await until(
            lambda: "Research cannot be read: Batteries in 2026" in app.window.statusBar().currentMessage(),
            message="notified",
        )
        reads = len(fake_server.requests_for("interactions.get"))

        # Check again, once the server lets the app read the run: it is followed to its end.
        fake_server.allow_reads("v1_403")
        fake_server.advance("v1_403")
        detail.check_button.click()
        await until(lambda: shown.status == "completed", message="completed")
        assert len(fake_server.requests_for("interactions.get")) > reads
        await until(lambda: not detail.check_button.isVisible(), message="banner actions gone")
        assert not detail.banner.isVisible() or "cannot read" not in detail.banner.text()
        assert shown.error is None
    finally:
        await app.close()


async def test_cancel_from_an_unreadable_run_asks_the_server(
    fake_server: FakeInteractionsServer, tmp_path: Path, monkeypatch
):
    fake_server.add_background_run(BackgroundRun("v1_401", scenarios.deep_research("v1_401"), seconds_per_event=None))
    fake_server.fail_reads("v1_401", ErrorReply(401, message="Request had invalid authentication credentials."))
    db_path = tmp_path / "app.sqlite3"
    db = open_database(db_path)
    task = ResearchTask.new("Old run", AGENT)
    task.interaction_id, task.status = "v1_401", "in_progress"
    ResearchRepository(db).add(task)
    db.close()
    monkeypatch.setattr(research_tab, "confirm_cancel", lambda parent, title: True)
    app = await open_app(fake_server, db_path, tmp_path / "settings.json")
    try:
        shown = app.controller.task(task.id)
        await until(lambda: shown.status == "unreadable", message="marked unreadable")
        app.tab.tasks.select_task(task.id)
        app.tab.detail.refresh()
        app.tab.detail.banner_cancel_button.click()
        await until(lambda: shown.status == "cancelled", message="cancelled")
        assert fake_server.requests_for("interactions.cancel")[-1].params["id"] == "v1_401"
    finally:
        await app.close()
