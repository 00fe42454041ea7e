"""Helpers for the Research tab tests: builds the tab the way the app does, with a real
service against the fake server and a real database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from desktop.app import wire_research
from desktop.controllers.research import ResearchController
from desktop.controllers.task_runner import TaskRunner
from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig
from desktop.services.research.service import MonitorTiming
from desktop.settings import Settings
from desktop.store import BlobStore, Database, ResearchRepository, open_database
from desktop.ui.notifier import ResearchNotifier
from desktop.ui.research.tab import ResearchTab
from tests.fake_api import FakeInteractionsServer

FAST = MonitorTiming(
    poll_initial_s=0.05,
    poll_max_s=0.2,
    silence_timeout_s=30.0,
    stall_after_s=3600.0,
    watchdog_interval_s=0.05,
    report_save_interval_s=0.0,
    not_found_recheck_s=0.05,
)


@dataclass
class ResearchApp:
    """One 'instance of the app' as far as research goes."""

    server: FakeInteractionsServer
    db: Database
    repo: ResearchRepository
    service: GeminiService
    runner: TaskRunner
    controller: ResearchController
    window: QMainWindow
    tabs: QTabWidget
    tab: ResearchTab
    notifier: ResearchNotifier
    continued: list[tuple[str, str]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    async def close(self) -> None:
        """Quit: stop monitoring, cancel tasks, close the client and the database."""
        self.controller.shutdown()
        await self.runner.cancel_all(timeout=1.0)
        await self.service.aclose()
        self.db.close()
        # hide, not close: closing the last window would quit the application and stop the loop
        self.window.hide()
        self.window.deleteLater()


async def open_app(
    server: FakeInteractionsServer, db_path: Path, settings_path: Path, timing: MonitorTiming = FAST, load: bool = True
) -> ResearchApp:
    """Build service, repository, controller, tab and notifier; load tasks (re-attach)."""
    service = GeminiService(
        ServiceConfig(
            api_key="test-key-123456",
            base_url=server.base_url,
            timeout_s=5.0,
            retry=RetryPolicy(attempts=1, resume_delays=(0.05, 0.05)),
        )
    )
    await service.start()
    db = open_database(db_path)
    repo = ResearchRepository(db, BlobStore(db_path.parent / "blobs"))
    runner = TaskRunner()
    settings = Settings(settings_path, environ={})
    controller = ResearchController(runner, lambda: service, repo, settings, timing=timing)
    window = QMainWindow()
    tabs = QTabWidget(window)
    other = QWidget(tabs)
    tab = ResearchTab(tabs)
    tabs.addTab(other, "Conversation")
    tabs.addTab(tab, "Research")
    window.setCentralWidget(tabs)
    tabs.setCurrentWidget(tab)
    window.resize(1100, 760)
    wire_research(tab, controller)
    notifier = ResearchNotifier(window, tabs, tab, use_tray=False)
    controller.notification.connect(notifier.on_notification)
    controller.task_finished.connect(notifier.on_task_finished)
    app = ResearchApp(server, db, repo, service, runner, controller, window, tabs, tab, notifier)
    controller.continue_requested.connect(lambda i, t: app.continued.append((i, t)))
    controller.message.connect(app.messages.append)
    window.show()
    if load:
        await controller.load()
    return app


def timeline_texts(app: ResearchApp) -> list[str]:
    """What the timeline of the shown task says."""
    return app.tab.detail.timeline.texts()
