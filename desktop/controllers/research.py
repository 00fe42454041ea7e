"""Drives the Research tab: start, follow, cancel, restart, export, continue in a conversation.

The work happens in ``desktop.services.research.service``; this controller turns its callbacks into
signals for the widgets, and turns the widgets' requests into coroutines on the task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop import errors as app
from desktop.controllers.task_runner import TaskRunner
from desktop.domain.research import ResearchStatus, ResearchTask, TimelineEntry
from desktop.services.blocking import run_blocking
from desktop.services.genai import GeminiService
from desktop.services.research.service import MonitorTiming, ResearchManager, ResearchStore
from desktop.services.research.steps import Media, media_from_snapshot
from desktop.settings import Settings

log = logging.getLogger(__name__)

# Statuses whose result can be continued in a conversation.
CONTINUABLE = frozenset({"completed", "incomplete", "budget_exceeded", "requires_action"})


class ResearchController(QObject):
    """Research tasks for the UI. All tasks it shows are the very objects its monitors update.

    Signals:
        tasks_loaded: All tasks, newest first (payload: list of ``ResearchTask``), after ``load``.
        task_added: A new task was recorded (payload: ``ResearchTask``).
        task_changed: A task's status, report, sources, usage or error changed (payload: ``ResearchTask``).
        timeline_added: New timeline entries: (task id, list of ``TimelineEntry``).
        media_added: Images or charts of a task: (task id, list of ``Media``).
        task_finished: A task ended or now waits for the user (payload: ``ResearchTask``); drives the tab badge.
        notification: A system notification to show: (title, message). Only when the user wants them.
        continue_requested: Open a new conversation chained on this interaction: (interaction id, title).
        message: A short message for the status bar.
        failed: An action failed (payload: ``AppError``).
        reply_failed: A reply to a plan could not be sent: (task id, the reply) so the box gets it back.
        stall_minutes_changed: The no-progress time after which a task is marked stalled changed (payload:
            minutes, float).
    """

    tasks_loaded = Signal(list)
    task_added = Signal(object)
    task_changed = Signal(object)
    timeline_added = Signal(str, list)
    media_added = Signal(str, list)
    task_finished = Signal(object)
    notification = Signal(str, str)
    continue_requested = Signal(str, str)
    reply_failed = Signal(str, str)
    message = Signal(str)
    failed = Signal(object)
    stall_minutes_changed = Signal(float)

    def __init__(
        self,
        runner: TaskRunner,
        service_getter: Callable[[], GeminiService | None],
        repository: ResearchStore,
        settings: Settings | None,
        *,
        timing: MonitorTiming | None = None,
        clock: Callable[[], float] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._repository = repository
        self._settings = settings
        if timing is None:
            minutes = float(settings.get("research_stall_minutes")) if settings is not None else 20.0
            timing = MonitorTiming(stall_after_s=minutes * 60.0)
        extra: dict[str, Any] = {"clock": clock} if clock is not None else {}
        self.manager = ResearchManager(
            service_getter,
            repository,
            _Bridge(self),
            lambda coro: runner.spawn(coro, name="research-monitor"),
            timing,
            **extra,
        )
        self._service = service_getter
        self._tasks: dict[str, ResearchTask] = {}
        self._media: dict[str, list[Media]] = {}
        self._media_fetched: set[str] = set()
        self._told_unreadable: set[str] = set()

    # -- queries ----------------------------------------------------------------------------------
    def tasks(self) -> list[ResearchTask]:
        """Every task, newest first."""
        return sorted(self._tasks.values(), key=lambda t: t.created_at, reverse=True)

    def task(self, task_id: str) -> ResearchTask | None:
        """One task by its local id."""
        return self._tasks.get(task_id)

    def media(self, task_id: str) -> list[Media]:
        """Images a task produced (known since the app started)."""
        return list(self._media.get(task_id, []))

    @property
    def stall_minutes(self) -> float:
        """The no-progress time after which a task is marked stalled."""
        return self.manager.timing.stall_after_s / 60.0

    def set_stall_minutes(self, minutes: float) -> None:
        """A new stall limit (the preference changed): running monitors use it at their next check."""
        if minutes <= 0 or minutes == self.stall_minutes:
            return
        self.manager.set_stall_after(minutes * 60.0)
        self.stall_minutes_changed.emit(float(minutes))
        # A task already past the new limit shows as stalled now, not a watchdog interval later.
        for monitor in list(self.manager.monitors.values()):
            monitor.check_stalled()

    # -- start-up and shutdown --------------------------------------------------------------------
    def start_up(self) -> None:
        """Load every task and re-attach the unfinished ones (call once the database is open)."""
        self._runner.spawn(self.load(), name="research-load")

    async def load(self) -> list[ResearchTask]:
        """Load the tasks, show them, and follow every unfinished one (a final ``get`` first)."""
        tasks = await run_blocking(self._repository.list)
        for task in tasks:
            self._tasks.setdefault(task.id, task)
        self.tasks_loaded.emit(self.tasks())
        unfinished = [t for t in self._tasks.values() if not t.is_terminal and t.id not in self.manager.monitors]
        await self.manager.reattach_all(sorted(unfinished, key=lambda t: t.created_at))
        return tasks

    def shutdown(self) -> None:
        """Stop following (the runs continue on the server; the next start re-attaches)."""
        self.manager.stop_all()

    # -- requests from the tab --------------------------------------------------------------------
    def on_start_requested(self, prompt: str, agent: str, options: dict[str, Any]) -> None:
        """Start a research run (ignored when the prompt is empty)."""
        if not prompt.strip():
            return
        self._runner.spawn(self.manager.start(prompt.strip(), agent, dict(options)), name="research-start")

    def on_restart_requested(self, task_id: str) -> None:
        """Start a new run with a task's prompt, agent and options."""
        task = self._tasks.get(task_id)
        if task is not None:
            self.on_start_requested(task.prompt, task.agent, task.options)

    def on_cancel_requested(self, task_id: str) -> None:
        """Cancel a run on the server (the tab has asked the user already)."""
        task = self._tasks.get(task_id)
        if task is None or task.is_terminal:
            return
        self._runner.spawn(self._cancel(task), name="research-cancel")

    async def _cancel(self, task: ResearchTask) -> None:
        try:
            snapshot = await self.manager.cancel(task)
        except app.AppError as exc:
            self.failed.emit(exc)
            self.message.emit(self.tr("Could not cancel “{0}”: {1}").format(task.title, exc.message))
            return
        if snapshot is None:
            return
        if snapshot.status == ResearchStatus.CANCELLED.value:
            self.message.emit(self.tr("Research cancelled: {0}").format(task.title))
        else:
            self.message.emit(self.tr("The server answered the cancel with “{0}”.").format(snapshot.status))

    def on_check_again_requested(self, task_id: str) -> None:
        """Read a run's status again (after it could not be read) and follow it from there."""
        task = self._tasks.get(task_id)
        if task is None or task.is_terminal or not task.interaction_id:
            return
        self.message.emit(self.tr("Checking “{0}” again…").format(task.title))
        self.manager.follow(task, check_first=True)

    def on_plan_reply_requested(self, task_id: str, text: str, approve: bool) -> None:
        """Answer the plan of a run that waits for the user, in the Research tab itself.

        ``approve``: carry out the plan; otherwise ask for changes (``text`` says which).
        """
        task = self._tasks.get(task_id)
        if task is None or task.status != ResearchStatus.REQUIRES_ACTION.value:
            return
        if not approve and not text.strip():
            self.message.emit(self.tr("Say what to change in the plan first."))
            return
        reply = text.strip() or self.tr("The plan looks good. Go ahead.")
        self._runner.spawn(self._reply(task, reply, approve), name="research-reply")

    async def _reply(self, task: ResearchTask, text: str, approve: bool) -> None:
        try:
            await self.manager.reply(task, text, approve=approve)
        except app.AppError as exc:
            self.failed.emit(exc)
            self.message.emit(self.tr("Could not send the reply to “{0}”: {1}").format(task.title, exc.message))
            self.reply_failed.emit(task.id, text)
            return
        self._media.pop(task.id, None)
        self._media_fetched.discard(task.id)
        self.message.emit(
            self.tr("Plan approved: the research goes on.")
            if approve
            else self.tr("Asked the agent to revise the plan.")
        )

    def on_continue_requested(self, task_id: str) -> None:
        """Ask the app for a new conversation chained on the research interaction."""
        task = self._tasks.get(task_id)
        if task is not None and task.interaction_id and task.status in CONTINUABLE:
            self.continue_requested.emit(task.interaction_id, task.title)

    def on_export_requested(self, task_id: str, path: str, fmt: str) -> None:
        """Write a task's report to ``path`` as ``"md"`` or ``"html"``."""
        task = self._tasks.get(task_id)
        if task is not None:
            self._runner.spawn(self._export(task, Path(path), fmt), name="research-export")

    async def _export(self, task: ResearchTask, path: Path, fmt: str) -> None:
        from desktop.services.research.export import research_to_html, research_to_markdown

        text = research_to_html(task) if fmt == "html" else research_to_markdown(task)
        try:
            await run_blocking(path.write_text, text, encoding="utf-8")
        except OSError as exc:
            self.failed.emit(app.AppError(f"Could not write {path.name}: {exc.strerror or exc}"))
            self.message.emit(self.tr("Could not export to {0}.").format(str(path)))
            return
        self.message.emit(self.tr("Exported to {0}").format(str(path)))

    # -- from the monitors (through _Bridge) ------------------------------------------------------
    def _on_task_added(self, task: ResearchTask) -> None:
        self._tasks[task.id] = task
        self.task_added.emit(task)

    def _on_task_changed(self, task: ResearchTask) -> None:
        self._tasks.setdefault(task.id, task)
        self.task_changed.emit(task)
        unreadable = task.status == ResearchStatus.UNREADABLE.value
        if unreadable and task.id not in self._told_unreadable:
            # Monitoring stopped: the user must hear of it even when the Research tab is not shown.
            self._told_unreadable.add(task.id)
            if self._settings is None or self._settings.get("notify_research"):
                self.notification.emit(self.tr("Research cannot be read"), task.title)
        elif not unreadable:
            self._told_unreadable.discard(task.id)

    def _on_timeline_added(self, task: ResearchTask, entries: list[TimelineEntry]) -> None:
        self.timeline_added.emit(task.id, list(entries))

    def on_task_shown(self, task_id: str) -> None:
        """A task is on screen: show its images, read from the local copy kept when they arrived.

        The server forgets a run after 1 day (free tier) or 55 days (paid), so images are kept
        locally; only a finished run with no local images (one that ended before they were
        kept) is asked for them, once.
        """
        task = self._tasks.get(task_id)
        if task is None or task_id in self._media or task_id in self._media_fetched:
            return
        self._media_fetched.add(task_id)
        self._runner.spawn(self._show_media(task), name="research-media")

    async def _show_media(self, task: ResearchTask) -> None:
        kept = getattr(self._repository, "media", None)
        if kept is not None:
            try:
                stored = await run_blocking(kept, task.id)
            except Exception:
                log.warning("kept images of research %s cannot be read", task.id, exc_info=True)
                stored = []
            if stored:
                self._on_media_added(task, [Media(mime, data) for mime, data in stored], keep=False)
                return
        service = self._service()
        if task.status != "completed" or not task.interaction_id or service is None:
            return
        await self._fetch_media(service, task)

    async def _fetch_media(self, service: GeminiService, task: ResearchTask) -> None:
        try:
            snapshot = await service.get(task.interaction_id or "")
        except app.AppError as exc:
            log.info("images of research %s unavailable: %s", task.id, exc.title)
            return
        media = media_from_snapshot(snapshot)
        if media:
            self._on_media_added(task, media)

    def _on_media_added(self, task: ResearchTask, media: list[Media], *, keep: bool = True) -> None:
        # The final ``get`` repeats images already streamed: keep each once.
        known = self._media.setdefault(task.id, [])
        fresh = [m for m in media if m not in known]
        if fresh:
            known.extend(fresh)
            self.media_added.emit(task.id, fresh)
            if keep and hasattr(self._repository, "add_media"):
                self._runner.spawn(self._keep_media(task.id, fresh), name="research-keep-media")

    async def _keep_media(self, task_id: str, media: list[Media]) -> None:
        """Write images to the local store as they arrive (the server forgets the run later)."""
        try:
            await run_blocking(self._repository.add_media, task_id, [(m.mime_type, m.data) for m in media])  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - they stay on screen; the next run of the app fetches them
            log.warning("images of research %s could not be kept: %s", task_id, exc)

    def _on_task_finished(self, task: ResearchTask) -> None:
        self.task_finished.emit(task)
        if self._settings is not None and not self._settings.get("notify_research"):
            return
        texts = {
            "completed": self.tr("Research finished"),
            "failed": self.tr("Research failed"),
            "cancelled": self.tr("Research cancelled"),
            "requires_action": self.tr("Research needs your input"),
        }
        title = texts.get(task.status, self.tr("Research ended"))
        self.notification.emit(title, task.title)


class _Bridge:
    """The monitors' listener: forwards to the controller (whose signal names match the calls)."""

    def __init__(self, controller: ResearchController) -> None:
        self._c = controller

    def task_added(self, task: ResearchTask) -> None:
        self._c._on_task_added(task)

    def task_changed(self, task: ResearchTask) -> None:
        self._c._on_task_changed(task)

    def timeline_added(self, task: ResearchTask, entries: list[TimelineEntry]) -> None:
        self._c._on_timeline_added(task, entries)

    def media_added(self, task: ResearchTask, media: list[Media]) -> None:
        self._c._on_media_added(task, media)

    def task_finished(self, task: ResearchTask) -> None:
        self._c._on_task_finished(task)
