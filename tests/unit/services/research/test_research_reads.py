"""Research monitoring when the run's status cannot be read: permanent errors go on the task, a 404
gets one re-check, transient errors are retried quietly, and ``idle`` is polled until stalled."""

from __future__ import annotations

import asyncio

import pytest

from desktop.domain.research import ResearchTask
from desktop.services.research.service import MonitorTiming, ResearchManager, ResearchMonitor
from desktop.store import ResearchRepository
from tests.fake_api import BackgroundRun, ErrorReply, scenarios
from tests.unit.services.research.research_helpers import AGENT, Recorder

TIMING = MonitorTiming(
    poll_initial_s=0.01,
    poll_max_s=0.02,
    silence_timeout_s=30.0,
    watchdog_interval_s=1000.0,
    not_found_recheck_s=0.25,
)


class Sleeps:
    """Records the delays a monitor asks for and sleeps only a moment (the watchdog never fires)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        if delay == TIMING.watchdog_interval_s:
            await asyncio.sleep(3600)
        self.delays.append(delay)
        await asyncio.sleep(0.001)


def in_progress_task(repo: ResearchRepository, interaction_id: str) -> ResearchTask:
    task = ResearchTask.new("Batteries", AGENT)
    task.interaction_id, task.status = interaction_id, "in_progress"
    repo.add(task)
    return task


def manager_for(service, repo, listener, runs, sleep=None) -> ResearchManager:
    return ResearchManager(
        lambda: service,
        repo,
        listener,
        lambda c: runs.append(asyncio.ensure_future(c)) or runs[-1],
        TIMING,
        sleep=sleep or Sleeps(),
    )


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "Interaction v1_r is malformed for <b>this</b> key."),
        (401, "Request had invalid authentication credentials."),
        (403, "The caller does not have permission to read v1_r."),
    ],
)
async def test_a_run_whose_status_cannot_be_read_says_why_and_stops_asking(service, repo, fake_server, status, message):
    fake_server.add_background_run(BackgroundRun("v1_r", scenarios.deep_research("v1_r"), seconds_per_event=None))
    fake_server.fail_reads("v1_r", ErrorReply(status, message=message))
    task = in_progress_task(repo, "v1_r")
    listener, runs = Recorder(), []
    manager = manager_for(service, repo, listener, runs)
    manager.follow(task, check_first=True)
    await asyncio.wait_for(runs[0], 10)

    assert task.status == "unreadable" and not task.is_terminal
    assert task.error == message  # the server's own reason, as it said it
    assert listener.changed[-1] == "unreadable" and listener.finished == []
    stored = repo.get(task.id)
    assert stored.status == "unreadable" and stored.error == message
    # It stopped asking: one read, no background retries.
    reads = len(fake_server.requests_for("interactions.get"))
    assert reads == 1
    await asyncio.sleep(0.1)
    assert len(fake_server.requests_for("interactions.get")) == reads
    assert task.id not in manager.monitors


async def test_check_again_follows_the_run_once_it_can_be_read(service, repo, fake_server):
    fake_server.add_background_run(BackgroundRun("v1_c", scenarios.deep_research("v1_c"), seconds_per_event=None))
    fake_server.fail_reads("v1_c", ErrorReply(403, message="Permission denied."))
    task = in_progress_task(repo, "v1_c")
    listener, runs = Recorder(), []
    manager = manager_for(service, repo, listener, runs)
    manager.follow(task, check_first=True)
    await asyncio.wait_for(runs[0], 10)
    assert task.status == "unreadable"

    fake_server.allow_reads("v1_c")
    fake_server.advance("v1_c")
    manager.follow(task, check_first=True)  # "Check again"
    await asyncio.wait_for(runs[1], 10)
    assert task.status == "completed" and task.error is None
    assert task.report.strip()
    assert repo.get(task.id).status == "completed"


async def test_a_transient_404_gets_one_recheck_and_the_run_goes_on(service, repo, fake_server):
    fake_server.add_background_run(BackgroundRun("v1_n", scenarios.deep_research("v1_n"), seconds_per_event=None))
    fake_server.push_route_error("interactions.get", ErrorReply(404, message="Interaction v1_n not found."))
    task = in_progress_task(repo, "v1_n")
    fake_server.advance("v1_n")
    listener, runs = Recorder(), []
    sleeps = Sleeps()
    manager = manager_for(service, repo, listener, runs, sleeps)
    manager.follow(task, check_first=True)
    await asyncio.wait_for(runs[0], 10)
    assert task.status == "completed"
    assert "failed" not in listener.changed
    assert sleeps.delays[0] == TIMING.not_found_recheck_s


async def test_a_run_that_stays_unknown_fails_after_exactly_one_recheck(service, repo, fake_server):
    task = in_progress_task(repo, "v1_lost")
    listener, runs = Recorder(), []
    sleeps = Sleeps()
    manager = manager_for(service, repo, listener, runs, sleeps)
    manager.follow(task, check_first=True)
    await asyncio.wait_for(runs[0], 10)
    assert task.status == "failed" and "no longer knows" in (task.error or "")
    assert len(fake_server.requests_for("interactions.get")) == 2
    assert sleeps.delays == [TIMING.not_found_recheck_s]


@pytest.mark.parametrize(("not_founds", "ending"), [(1, "completed"), (2, "failed")])
async def test_a_404_on_the_stream_gets_one_recheck_after_a_delay(service, repo, fake_server, not_founds, ending):
    fake_server.add_background_run(BackgroundRun("v1_s", scenarios.deep_research("v1_s"), seconds_per_event=None))
    for _ in range(not_founds):
        fake_server.push_route_error("interactions.get", ErrorReply(404, message="Not yet."))
    task = in_progress_task(repo, "v1_s")
    fake_server.advance("v1_s")
    listener, runs = Recorder(), []
    sleeps = Sleeps()
    manager = manager_for(service, repo, listener, runs, sleeps)
    manager.follow(task)  # streams first: the stream answers 404, then one re-check after the delay
    await asyncio.wait_for(runs[0], 10)
    assert task.status == ending
    assert sleeps.delays[0] == TIMING.not_found_recheck_s
    streams = [r.query.get("stream") for r in fake_server.requests_for("interactions.get")]
    assert streams[:2] == ["true", "false"]
    if ending == "failed":
        assert streams == ["true", "false"] and "no longer knows" in (task.error or "")


async def test_transient_read_errors_are_retried_quietly(service, repo, fake_server):
    fake_server.add_background_run(BackgroundRun("v1_t", scenarios.deep_research("v1_t"), seconds_per_event=None))
    for status in (503, 429, 500):
        fake_server.push_route_error("interactions.get", ErrorReply(status))
    task = in_progress_task(repo, "v1_t")
    fake_server.advance("v1_t")
    listener, runs = Recorder(), []
    manager = manager_for(service, repo, listener, runs)
    manager.follow(task, check_first=True)
    await asyncio.wait_for(runs[0], 10)
    assert task.status == "completed"
    assert "unreadable" not in listener.changed and "failed" not in listener.changed


async def test_an_idle_run_is_polled_until_it_is_marked_stalled(service, repo, fake_server):
    fake_server.add_background_run(BackgroundRun("v1_i", scenarios.deep_research("v1_i"), seconds_per_event=None))
    fake_server.set_status("v1_i", "idle")
    now = [1000.0]
    task = in_progress_task(repo, "v1_i")
    task.last_progress_at = now[0]
    listener = Recorder()
    timing = MonitorTiming(poll_initial_s=0.01, poll_max_s=0.02, stall_after_s=60.0, watchdog_interval_s=1000.0)
    monitor = ResearchMonitor(task, lambda: service, repo, listener, timing, clock=lambda: now[0])
    for _ in range(3):
        assert await monitor._poll(service) is False  # not final: it is watched on
    assert task.status == "idle" and not task.is_terminal
    now[0] += 61.0
    assert monitor.check_stalled() is True
    assert task.status == "stalled"
    assert await monitor._poll(service) is False  # still idle, no progress: it stays marked stalled
    assert task.status == "stalled"
    assert len(fake_server.requests_for("interactions.get")) == 4


async def test_an_idle_completion_on_the_stream_does_not_end_the_task(service, repo, fake_server):
    events = [*scenarios.deep_research("v1_ic")[:3], scenarios.completed("v1_ic", "idle")]
    fake_server.add_background_run(BackgroundRun("v1_ic", events, seconds_per_event=None, final_status="idle"))
    fake_server.advance("v1_ic")
    task = in_progress_task(repo, "v1_ic")
    listener = Recorder()
    monitor = ResearchMonitor(task, lambda: service, repo, listener, TIMING, sleep=Sleeps())
    assert await monitor._stream_once(service) == "progress"
    assert task.status == "idle" and not monitor.done and listener.finished == []
