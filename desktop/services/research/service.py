"""Background Deep Research runs: start them, follow them, and never lose them (no Qt).

``ResearchManager`` records a task locally before the ``create`` call, then runs one
``ResearchMonitor`` per unfinished task. A monitor streams the run with ``watch``, storing the
last event id as it goes; when resuming fails or the stream stays silent too long it polls ``get``
with a doubling backoff (capped), and goes back to streaming after each poll. A watchdog marks a
task ``stalled`` when nothing has happened for the configured time. When a run ends, one final
``get`` supplies the authoritative report, sources and usage. At start-up ``reattach_all`` does
the same for every task that was not finished when the app closed.
"""

from __future__ import annotations

import asyncio
import builtins
import copy
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any, Protocol

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain.api import InteractionSnapshot
from desktop.domain.research import ResearchStatus, ResearchTask, Source, TimelineEntry, TimelineKind, is_terminal
from desktop.services.blocking import run_blocking
from desktop.services.genai import GeminiService, TurnStream
from desktop.services.research.steps import (  # noqa: F401 - re-exported for the controller and tests
    Media,
    entries_for_step,
    entries_for_steps,
    entries_for_tool,
    failure_reason,
    media_from_snapshot,
    reply_request,
    report_from_snapshot,
    research_request,
    sources_from_steps,
    supports_planning,
)

log = logging.getLogger(__name__)

# A run paused for the user (collaborative planning): nothing changes until they answer.
PAUSED_STATUSES = frozenset({ResearchStatus.REQUIRES_ACTION.value})

# Status-read errors that retrying cannot fix (400, 401, 403): the user is told and decides.
PERMANENT_READ_ERRORS: tuple[type[app.AppError], ...] = (
    app.InvalidRequestError,
    app.InvalidKeyError,
    app.PermissionDeniedError,
)
GONE = "The server no longer knows this research run."


@dataclasses.dataclass(frozen=True, slots=True)
class MonitorTiming:
    """Every delay a monitor uses (tests shrink them)."""

    poll_initial_s: float = 2.0
    poll_max_s: float = 60.0
    silence_timeout_s: float = 120.0
    stall_after_s: float = 20 * 60.0
    watchdog_interval_s: float = 15.0
    report_save_interval_s: float = 2.0
    # A run that was in progress and suddenly reads as unknown (404) is read once more after this.
    not_found_recheck_s: float = 5.0

    def backoff(self, failures: int) -> float:
        """The wait before poll number ``failures + 1`` of a row of failed stream attempts."""
        return min(self.poll_initial_s * (2.0 ** min(failures, 16)), self.poll_max_s)


class ResearchStore(Protocol):
    """The repository calls a monitor makes (``ResearchRepository`` provides them)."""

    def add(self, task: ResearchTask) -> None: ...
    def update(self, task: ResearchTask) -> bool: ...
    def append_timeline(self, task_id: str, entries: Iterable[TimelineEntry]) -> None: ...
    def set_last_event_id(self, task_id: str, event_id: str, at: float | None = None) -> bool: ...
    def unfinished(self) -> builtins.list[ResearchTask]: ...
    def list(self) -> builtins.list[ResearchTask]: ...


class ResearchListener(Protocol):
    """Told about every change; called on the event loop's thread."""

    def task_added(self, task: ResearchTask) -> None: ...
    def task_changed(self, task: ResearchTask) -> None: ...
    def timeline_added(self, task: ResearchTask, entries: list[TimelineEntry]) -> None: ...
    def media_added(self, task: ResearchTask, media: list[Media]) -> None: ...
    def task_finished(self, task: ResearchTask) -> None: ...


ServiceGetter = Callable[[], GeminiService | None]
Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


def _usage_dict(usage: ev.Usage) -> dict[str, Any]:
    return dataclasses.asdict(usage)


def _detached(task: ResearchTask) -> ResearchTask:
    """A copy safe to hand to an I/O thread while the loop keeps changing the original."""
    return dataclasses.replace(task, timeline=[], sources=list(task.sources), options=copy.deepcopy(task.options))


# -- one task --------------------------------------------------------------------------------------
class ResearchMonitor:
    """Follows one task's run until it ends; every change goes to the store and the listener."""

    def __init__(
        self,
        task: ResearchTask,
        service: ServiceGetter,
        store: ResearchStore,
        listener: ResearchListener,
        timing: MonitorTiming = MonitorTiming(),
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.task = task
        self._service = service
        self._store = store
        self._listener = listener
        self.timing = timing
        self._clock = clock
        self._sleep = sleep
        self._seen: set[tuple[TimelineKind, str]] = {(e.kind, e.text) for e in task.timeline if e.kind != "status"}
        self._server_status = task.status if task.status not in ("starting", "stalled") else "in_progress"
        self._report_index: int | None = None
        self._calls: dict[str, dict[str, Any]] = {}
        self._report_saved_at = 0.0
        self._stream: TurnStream | None = None
        self._lock = asyncio.Lock()
        self._done = False
        self._stopped = False
        self._stall_saved = task.status == ResearchStatus.STALLED.value
        self._unreadable = False
        # The task changed since it was last stored (the report is stored every few seconds).
        self._unsaved = False
        self.polls = 0

    @property
    def done(self) -> bool:
        """True once the run ended (or paused for the user) and the result was stored."""
        return self._done

    @property
    def unreadable(self) -> bool:
        """True once monitoring stopped because the run's status cannot be read (see ``UNREADABLE``)."""
        return self._unreadable

    def stop(self) -> None:
        """Stop following now (the coroutine running ``run`` should also be cancelled)."""
        # A flag too: Python 3.11's wait_for can swallow a cancellation that races a result.
        self._stopped = True
        if self._stream is not None:
            self._stream.stop()

    async def run(self, check_first: bool = False) -> None:
        """Follow the run to its end. ``check_first``: ``get`` it before streaming (re-attach)."""
        watchdog = asyncio.ensure_future(self._watchdog())
        try:
            await self._follow(check_first)
        finally:
            watchdog.cancel()
            if self._stream is not None:
                self._stream.stop()

    async def _follow(self, check_first: bool) -> None:
        failures = 0
        while not self._done and not self._stopped and not self._unreadable:
            service = self._service()
            if service is None:  # no key yet (the session may still be starting): a cheap local check
                await self._sleep(min(self.timing.poll_initial_s, 1.0))
                continue
            if check_first:
                check_first = False
                if await self._poll(service):
                    return
            outcome = await self._stream_once(service)
            if self._done or outcome == "ended":
                return
            if outcome in ("not_found", "permanent"):
                # A 404 gets its one re-check after a short delay; a 400/401/403 is read at once for its reason.
                if outcome == "not_found":
                    await self._sleep(self.timing.not_found_recheck_s)
                if await self._poll(service, not_found_seen=outcome == "not_found"):
                    return
                continue
            if outcome == "progress":
                failures = 0
            await self._sleep(self.timing.backoff(failures))
            failures += 1
            if await self._poll(service):
                return

    # -- streaming ---------------------------------------------------------------------------------
    async def _stream_once(self, service: GeminiService) -> str:
        """Stream until the run ends ("ended"), or the stream fails/goes silent ("progress" if
        anything arrived first, else "failed"; "not_found" after a 404, "permanent" after a
        400/401/403)."""
        assert self.task.interaction_id
        stream = service.watch(self.task.interaction_id, self.task.last_event_id)
        self._stream = stream
        events = stream.__aiter__()
        got = False
        try:
            while True:
                try:
                    event = await asyncio.wait_for(events.__anext__(), self.timing.silence_timeout_s)
                except StopAsyncIteration:
                    break
                except TimeoutError:
                    log.info(
                        "research %s: stream silent for %.0fs; polling",
                        self.task.interaction_id,
                        self.timing.silence_timeout_s,
                    )
                    break
                got = True
                if await self._on_event(event, stream):
                    return "ended"
        except app.NotFoundError as exc:
            log.info("research %s: stream answered not found (%s)", self.task.interaction_id, exc.detail)
            return "not_found"
        except PERMANENT_READ_ERRORS as exc:
            log.info("research %s: stream refused (%s)", self.task.interaction_id, exc.title)
            return "permanent"
        except app.AppError as exc:
            log.info("research %s: stream failed (%s); polling", self.task.interaction_id, exc.title)
        finally:
            stream.stop()
            self._stream = None
        return "progress" if got else "failed"

    async def _on_event(self, event: ev.StreamEvent, stream: TurnStream) -> bool:  # noqa: PLR0912, PLR0915 - one branch per event type
        """Apply one event; True when the run ended. Stores the last event id after it."""
        now = self._clock()
        entries: list[TimelineEntry] = []
        changed = force_save = False
        ended: str | None = None
        if isinstance(event, (ev.Started, ev.StatusChanged)):
            if event.status != "requires_continuation":
                entries += self._status_entry(event.status, now)
                changed = force_save = self._set_server_status(event.status)
        elif isinstance(event, ev.StepFinished):
            if event.step.get("type") == "thought" or str(event.step.get("type", "")).endswith("_result"):
                entries += entries_for_step(event.step, now, self._calls)
            elif str(event.step.get("type", "")).endswith("_call"):
                entries_for_step(event.step, now, self._calls)  # remembered until its result
        elif isinstance(event, ev.ToolCall):
            entries += entries_for_tool(event.tool, event.arguments, now)
        elif isinstance(event, ev.TextDelta):
            if self._report_index is not None and event.index != self._report_index and self.task.report:
                self.task.report += "\n\n"
            self._report_index = event.index
            self.task.report += event.text
            changed = True
        elif isinstance(event, ev.CitationsAdded):
            known = {s.url for s in self.task.sources}
            for cite in event.citations:
                if cite.kind == "url" and cite.url and cite.url not in known:
                    known.add(cite.url)
                    self.task.sources.append(Source(cite.url, cite.title or ""))
            changed = True
        elif isinstance(event, ev.MediaOutput):
            if event.data and event.kind == "image":
                self._listener.media_added(self.task, [Media(event.mime_type, event.data)])
        elif isinstance(event, ev.UsageUpdated):
            self.task.usage = _usage_dict(event.usage)
            changed = True
        elif isinstance(event, ev.ServerErrorFrame):
            self.task.error = event.error.message
            changed = True
        elif isinstance(event, ev.Completed):
            if is_terminal(event.status) or event.status in PAUSED_STATUSES:
                ended = event.status
            else:  # e.g. "idle": not over; the stream ends here and polling watches the run
                entries += self._status_entry(event.status, now)
                changed = force_save = self._set_server_status(event.status)
        self.task.last_progress_at = now
        if self.task.status == ResearchStatus.STALLED.value:
            self.task.status = self._server_status
            changed = force_save = True
        await self._add_entries(entries)
        event_id = stream.last_event_id
        moved = bool(event_id) and event_id != self.task.last_event_id
        if moved:
            self.task.last_event_id = event_id
        self._unsaved = self._unsaved or changed
        if ended is not None:
            await self._finish(None, ended, self.task.error, service_for_final_get=True)
            return True
        if self._unsaved and (force_save or now - self._report_saved_at >= self.timing.report_save_interval_s):
            self._report_saved_at = now
            await self._save()  # the whole row: the report and the event id it reaches, together
        elif moved and not self._unsaved:
            # Stored alone only when nothing newer waits for the next save: a restart resumes
            # after this id, so it must never run ahead of the stored report.
            await self._write(self._store.set_last_event_id, self.task.id, event_id, now)
        if changed:
            self._listener.task_changed(self.task)
        return False

    # -- polling -----------------------------------------------------------------------------------
    async def _poll(self, service: GeminiService, *, not_found_seen: bool = False) -> bool:
        """One ``get``; True when following ends here: the run is over (the result is stored) or
        its status cannot be read (the task says why and waits for the user).

        A 404 on a run that was in progress may be the server catching up: it is read once more
        after ``not_found_recheck_s`` before the task is marked failed (``not_found_seen``: that
        first 404 already happened). Transient errors (5xx, network, 429) return False: the
        caller retries with backoff.
        """
        assert self.task.interaction_id
        self.polls += 1
        try:
            snapshot = await service.get(self.task.interaction_id)
        except app.NotFoundError:
            if not not_found_seen:
                log.info("research %s: not found; reading it once more shortly", self.task.interaction_id)
                await self._sleep(self.timing.not_found_recheck_s)
                return await self._poll(service, not_found_seen=True)
            await self._finish(None, ResearchStatus.FAILED.value, GONE)
            return True
        except PERMANENT_READ_ERRORS as exc:
            await self._cannot_read(exc)
            return True
        except app.AppError as exc:
            log.info("research %s: poll failed (%s)", self.task.interaction_id, exc.title)
            return False
        changed = False
        if self.task.status == ResearchStatus.UNREADABLE.value:
            self.task.error = None  # readable again
            changed = True
        if snapshot.is_terminal or snapshot.status in PAUSED_STATUSES:
            await self._finish(snapshot, snapshot.status)
            return True
        now = self._clock()
        entries = self._status_entry(snapshot.status, now)
        entries += entries_for_steps(snapshot.steps, now)
        fresh = await self._add_entries(entries)
        if self.task.status == ResearchStatus.STALLED.value and not fresh:
            self._server_status = snapshot.status  # still no progress: it stays marked stalled
        else:
            changed = self._set_server_status(snapshot.status) or changed
        if fresh:  # something new happened on the server: that is progress
            self.task.last_progress_at = now
            if self.task.status == ResearchStatus.STALLED.value:
                self.task.status = self._server_status
            changed = True
        if changed:
            await self._save()
            self._listener.task_changed(self.task)
        return False

    async def _cannot_read(self, exc: app.AppError) -> None:
        """The run's status cannot be read and retrying will not help: say so on the task and stop."""
        log.info("research %s: status cannot be read (%s)", self.task.interaction_id, exc.title)
        self._unreadable = True
        self.task.status = ResearchStatus.UNREADABLE.value
        self.task.error = exc.detail or exc.message
        await self._save()
        self._listener.task_changed(self.task)

    # -- watchdog ----------------------------------------------------------------------------------
    async def _watchdog(self) -> None:
        while not self._done and not self._stopped and not self._unreadable:
            await self._sleep(self.timing.watchdog_interval_s)
            if self.check_stalled() and self.task.status == ResearchStatus.STALLED.value and not self._stall_saved:
                self._stall_saved = True
                await self._save()

    def check_stalled(self) -> bool:
        """Mark the task stalled when nothing happened for ``stall_after_s``; True if it is."""
        if (
            self._done
            or self.task.is_terminal
            or self.task.status in PAUSED_STATUSES
            or self.task.status == ResearchStatus.UNREADABLE.value
        ):
            return False
        if self.task.status == ResearchStatus.STALLED.value:
            return True
        if self._clock() - self.task.last_progress_at < self.timing.stall_after_s:
            return False
        log.info("research %s: no progress; marked stalled", self.task.interaction_id)
        self.task.status = ResearchStatus.STALLED.value
        self._stall_saved = False
        self._listener.task_changed(self.task)
        return True

    # -- the end -----------------------------------------------------------------------------------
    async def settle(self, snapshot: InteractionSnapshot) -> None:
        """Take a final state learnt elsewhere (e.g. from ``cancel``) and stop following."""
        if snapshot.is_terminal:
            self.stop()
            await self._finish(snapshot, snapshot.status)

    async def _finish(
        self,
        snapshot: InteractionSnapshot | None,
        status: str,
        error: str | None = None,
        *,
        service_for_final_get: bool = False,
    ) -> None:
        if self._done:
            return
        self._done = True
        if snapshot is None and service_for_final_get:
            snapshot = await self._final_get()
        now = self._clock()
        if snapshot is not None and (snapshot.is_terminal or snapshot.status in PAUSED_STATUSES):
            status = snapshot.status
            report = report_from_snapshot(snapshot)
            if report:
                self.task.report = report
            sources = sources_from_steps(snapshot.steps)
            if sources:
                self.task.sources = sources
            if snapshot.usage.total_tokens:
                self.task.usage = _usage_dict(snapshot.usage)
            entries: list[TimelineEntry] = entries_for_steps(snapshot.steps, now)
            await self._add_entries(entries)
            media = media_from_snapshot(snapshot)
            if media:
                self._listener.media_added(self.task, media)
            if status == ResearchStatus.FAILED.value:
                error = failure_reason(snapshot, error)
        self._server_status = status
        self.task.status = status
        if status == ResearchStatus.FAILED.value:
            self.task.error = error or failure_reason(None)
        if is_terminal(status):
            self.task.finished_at = now
        await self._add_entries(self._status_entry(status, now))
        await self._save()
        self._listener.task_changed(self.task)
        self._listener.task_finished(self.task)

    async def _final_get(self) -> InteractionSnapshot | None:
        service = self._service()
        if service is None or not self.task.interaction_id:
            return None
        try:
            return await service.get(self.task.interaction_id)
        except app.AppError as exc:
            log.info(
                "research %s: final get failed (%s); keeping the streamed report", self.task.interaction_id, exc.title
            )
            return None

    # -- helpers -----------------------------------------------------------------------------------
    def _set_server_status(self, status: str) -> bool:
        self._server_status = status
        if self.task.status == status:
            return False
        self.task.status = status
        return True

    def _status_entry(self, status: str, now: float) -> list[TimelineEntry]:
        last = next((e for e in reversed(self.task.timeline) if e.kind == "status"), None)
        if last is not None and last.text == status:
            return []
        return [TimelineEntry("status", status, now)]

    async def _add_entries(self, entries: list[TimelineEntry]) -> list[TimelineEntry]:
        fresh: list[TimelineEntry] = []
        for entry in entries:
            key = (entry.kind, entry.text)
            if entry.kind != "status":
                if key in self._seen:
                    continue
                self._seen.add(key)
            fresh.append(entry)
        if fresh:
            self.task.timeline.extend(fresh)
            await self._write(self._store.append_timeline, self.task.id, fresh)
            self._listener.timeline_added(self.task, fresh)
        return fresh

    async def _save(self) -> None:
        self.task.updated_at = self._clock()
        self._unsaved = False
        await self._write(self._store.update, _detached(self.task))

    async def _write(self, fn: Callable[..., Any], *args: Any) -> None:
        """One store call off the loop; writes of a task keep their order."""
        async with self._lock:
            try:
                await run_blocking(fn, *args)
            except Exception:  # a failed write must not stop the monitoring
                log.exception("research %s: could not save", self.task.id)


# -- all tasks -------------------------------------------------------------------------------------
class ResearchManager:
    """Starts tasks, runs a monitor per unfinished task, cancels, and re-attaches at start-up."""

    def __init__(
        self,
        service: ServiceGetter,
        store: ResearchStore,
        listener: ResearchListener,
        spawn: Spawn,
        timing: MonitorTiming = MonitorTiming(),
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._service = service
        self._store = store
        self._listener = listener
        self._spawn = spawn
        self.timing = timing
        self._clock = clock
        self._sleep = sleep
        self.monitors: dict[str, ResearchMonitor] = {}
        self._runs: dict[str, Any] = {}

    def set_stall_after(self, seconds: float) -> None:
        """Use a new no-progress limit (seconds) for new monitors and the running ones' next check."""
        self.timing = dataclasses.replace(self.timing, stall_after_s=seconds)
        for monitor in self.monitors.values():
            monitor.timing = dataclasses.replace(monitor.timing, stall_after_s=seconds)

    async def start(self, prompt: str, agent: str, options: dict[str, Any]) -> ResearchTask:
        """Record the task, then create the background run; a failed create leaves a failed task."""
        task = ResearchTask.new(prompt, agent, options)
        task.created_at = task.updated_at = task.last_progress_at = self._clock()
        await run_blocking(self._store.add, _detached(task))
        self._listener.task_added(task)
        await self.launch(task)
        return task

    async def launch(self, task: ResearchTask) -> None:
        """Create the run for a recorded ``starting`` task and begin following it."""
        service = self._service()
        try:
            if service is None:
                raise app.missing_key_error()
            snapshot = await service.create(research_request(task))
        except app.AppError as exc:
            task.status = ResearchStatus.FAILED.value
            task.error = exc.message
            task.finished_at = task.updated_at = self._clock()
            await run_blocking(self._store.update, _detached(task))
            self._listener.task_changed(task)
            self._listener.task_finished(task)
            return
        task.interaction_id = snapshot.id
        task.status = snapshot.status if snapshot.status != "unknown" else ResearchStatus.QUEUED.value
        task.updated_at = task.last_progress_at = self._clock()
        await run_blocking(self._store.update, _detached(task))
        self._listener.task_changed(task)
        self.follow(task)

    def follow(self, task: ResearchTask, check_first: bool = False) -> ResearchMonitor:
        """Run a monitor for ``task`` (replacing any previous one)."""
        self.stop(task.id)
        monitor = ResearchMonitor(
            task, self._service, self._store, self._listener, self.timing, self._clock, self._sleep
        )
        self.monitors[task.id] = monitor
        self._runs[task.id] = self._spawn(self._run(monitor, check_first))
        return monitor

    async def _run(self, monitor: ResearchMonitor, check_first: bool) -> None:
        try:
            await monitor.run(check_first)
        finally:
            if self.monitors.get(monitor.task.id) is monitor:
                self.monitors.pop(monitor.task.id, None)
                self._runs.pop(monitor.task.id, None)

    async def reattach_all(self, tasks: list[ResearchTask] | None = None) -> list[ResearchTask]:
        """Follow every task left unfinished by the last run of the app (read from the store
        unless given); each is checked with a ``get`` first, so one that ended meanwhile shows
        its final result at once. Returns them."""
        if tasks is None:
            tasks = await run_blocking(self._store.unfinished)
        for task in tasks:
            if task.interaction_id:
                self.follow(task, check_first=True)
                continue
            # The app closed between recording the task and the server accepting it.
            task.status = ResearchStatus.FAILED.value
            task.error = "The app closed before the server accepted this research. Start it again."
            task.finished_at = task.updated_at = self._clock()
            await run_blocking(self._store.update, _detached(task))
            self._listener.task_changed(task)
        return tasks

    async def reply(self, task: ResearchTask, text: str, *, approve: bool) -> None:
        """Answer a run that waits with a plan; the same task follows the continued run.

        The plan shown so far goes into the timeline (with the reply), the task takes the new
        interaction's id and status and is followed again. Raises an ``AppError`` when the
        server refuses the reply (the task then still waits, unchanged).
        """
        if task.status not in PAUSED_STATUSES or not task.interaction_id:
            raise app.InvalidRequestError("Only research that waits for your input can be answered.")
        service = self._service()
        if service is None:
            raise app.missing_key_error()
        snapshot = await service.create(reply_request(task, text, approve=approve))
        now = self._clock()
        entries = [TimelineEntry("plan", task.report.strip(), now)] if task.report.strip() else []
        entries.append(TimelineEntry("approval" if approve else "reply", text.strip(), now))
        task.timeline.extend(entries)
        await run_blocking(self._store.append_timeline, task.id, entries)
        self._listener.timeline_added(task, entries)
        task.interaction_id = snapshot.id
        task.status = snapshot.status if snapshot.status != "unknown" else ResearchStatus.QUEUED.value
        task.report, task.last_event_id, task.finished_at, task.error = "", None, None, None
        task.updated_at = task.last_progress_at = now
        await run_blocking(self._store.update, _detached(task))
        self._listener.task_changed(task)
        self.follow(task)

    async def cancel(self, task: ResearchTask) -> InteractionSnapshot | None:
        """Ask the server to cancel the run; the task ends with what the server answers."""
        service = self._service()
        if service is None:
            raise app.missing_key_error()
        if not task.interaction_id:
            return None
        snapshot = await service.cancel(task.interaction_id)
        monitor = self.monitors.get(task.id)
        if monitor is None:
            monitor = ResearchMonitor(
                task, self._service, self._store, self._listener, self.timing, self._clock, self._sleep
            )
        await monitor.settle(snapshot)
        self.stop(task.id)
        return snapshot

    def stop(self, task_id: str) -> None:
        """Stop following one task (it stays unfinished locally)."""
        monitor = self.monitors.pop(task_id, None)
        run = self._runs.pop(task_id, None)
        if monitor is not None:
            monitor.stop()
        if run is not None and hasattr(run, "cancel") and not run.done():
            run.cancel()

    def stop_all(self) -> None:
        """Stop every monitor (at quit: the runs go on on the server and are re-attached next time)."""
        for task_id in list(self.monitors):
            self.stop(task_id)
