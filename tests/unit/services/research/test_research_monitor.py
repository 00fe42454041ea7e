"""ResearchMonitor and its conversions against the fake server (no Qt)."""

from __future__ import annotations

import asyncio

from desktop.domain.api import InteractionSnapshot
from desktop.domain.research import ResearchTask
from desktop.services.research.service import (
    MonitorTiming,
    ResearchManager,
    entries_for_step,
    report_from_snapshot,
    research_request,
    sources_from_steps,
)
from tests.fake_api import BackgroundRun, ErrorReply, scenarios
from tests.unit.services.research.research_helpers import AGENT, Recorder, Runs, push_report_run


def test_request_carries_the_agent_options():
    task = ResearchTask.new(
        "Q", AGENT, {"thinking_summaries": False, "visualization": True, "collaborative_planning": True}
    )
    params = research_request(task).to_params()
    assert params == {
        "input": "Q",
        "agent": AGENT,
        "background": True,
        "store": True,
        "agent_config": {
            "type": "deep-research",
            "thinking_summaries": "none",
            "visualization": "auto",
            "collaborative_planning": True,
        },
    }
    old = ResearchTask.new(
        "Q", "deep-research-pro-preview-12-2025", {"visualization": True, "collaborative_planning": True}
    )
    config = research_request(old).to_params()["agent_config"]
    assert config["visualization"] == "off" and "collaborative_planning" not in config


def test_steps_become_timeline_entries_sources_and_a_report():
    steps = (
        {"type": "user_input", "content": [{"type": "text", "text": "Q"}]},
        {"type": "thought", "summary": [{"type": "text", "text": "**Plan**\n\nSearch."}]},
        {"type": "google_search_call", "id": "g", "arguments": {"queries": ["a", "b"]}},
        {"type": "url_context_call", "id": "u", "arguments": {"urls": ["https://x.org"]}},
        {
            "type": "model_output",
            "content": [
                {
                    "type": "text",
                    "text": "# R\n\nClaim.",
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url": "https://x.org",
                            "title": "X",
                            "start_index": 0,
                            "end_index": 3,
                        },
                        {"type": "url_citation", "url": "https://x.org", "title": "X again"},
                        {"type": "url_citation", "url": "https://y.org"},
                    ],
                }
            ],
        },
    )
    kinds = [(e.kind, e.text) for s in steps for e in entries_for_step(s, 1.0)]
    assert kinds == [("thought", "**Plan**\n\nSearch."), ("search", "a"), ("search", "b"), ("page", "https://x.org")]
    assert [(s.url, s.title) for s in sources_from_steps(steps)] == [("https://x.org", "X"), ("https://y.org", "")]
    assert report_from_snapshot(InteractionSnapshot("i", "completed", steps)) == "# R\n\nClaim."


def test_backoff_doubles_from_seconds_and_is_capped_at_a_minute():
    timing = MonitorTiming()
    assert [timing.backoff(n) for n in range(7)] == [2, 4, 8, 16, 32, 60, 60]


async def test_failing_streams_fall_back_to_polling_with_backoff_then_stream_again(service, repo, fake_server):
    sleeps: list[float] = []
    timing = MonitorTiming(poll_initial_s=1.0, poll_max_s=4.0, watchdog_interval_s=1000.0)

    async def fake_sleep(delay: float) -> None:
        if delay == timing.watchdog_interval_s:
            await asyncio.sleep(3600)  # the watchdog: never fires in this test
        sleeps.append(delay)
        await asyncio.sleep(0)

    fake_server.push(BackgroundRun("v1_b", scenarios.deep_research("v1_b"), seconds_per_event=None))
    for _ in range(8):  # 4 stream attempts and 4 polls fail
        fake_server.push_route_error("interactions.get", ErrorReply(503, "unavailable", "Try later."))
    listener = Recorder()
    runs = Runs()
    manager = ResearchManager(
        lambda: service,
        repo,
        listener,
        runs,
        timing,
        sleep=fake_sleep,
    )
    task = await manager.start("Batteries", AGENT, {})
    assert repo.get(task.id).interaction_id == "v1_b"
    fake_server.advance("v1_b")
    await asyncio.wait_for(runs[0], 10)
    assert task.status == "completed" and listener.finished == ["completed"]
    assert sleeps == [1.0, 2.0, 4.0, 4.0]  # doubling, capped
    gets = fake_server.requests_for("interactions.get")
    # stream, poll, stream, poll... then the stream works; the last get is the final one
    assert [r.query.get("stream") for r in gets] == ["true", "false"] * 5
    assert any(e.kind == "search" for e in listener.entries)
    assert repo.get(task.id).status == "completed"


async def test_the_task_is_recorded_before_the_create_call(service, repo, fake_server):
    fake_server.push(ErrorReply(500, "internal", "Boom."))
    listener = Recorder()
    seen_in_store: list[bool] = []

    def spawn(coro):  # never called: the create fails
        raise AssertionError("no monitor for a failed create")

    class Spy(Recorder):
        def task_added(self, task: ResearchTask) -> None:
            seen_in_store.append(repo.get(task.id) is not None)
            super().task_added(task)

    listener = Spy()
    manager = ResearchManager(lambda: service, repo, listener, spawn)
    task = await manager.start("Anything", AGENT, {})
    assert seen_in_store == [True]
    saved = repo.get(task.id)
    assert saved.status == "failed" and saved.prompt == "Anything" and saved.error
    assert listener.finished == ["failed"]


async def until_true(predicate, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


async def test_reattach_from_the_stored_event_id_does_not_repeat_report_text(service, repo, fake_server):
    # The server may resume inclusively or replay a few events before last_event_id (spec §3.4).
    _events, output, pieces = push_report_run(fake_server, "v1_re")
    timing = MonitorTiming(report_save_interval_s=0.0, watchdog_interval_s=1000.0)
    runs = Runs()
    first = ResearchManager(lambda: service, repo, Recorder(), runs, timing)
    task = await first.start("Batteries", AGENT, {})
    fake_server.advance("v1_re", output + 3)  # through the third piece of the report
    await until_true(lambda: task.last_event_id == f"v1_re:{output + 4}")
    assert task.report == "".join(pieces[:3])
    first.stop_all()  # the app quits; the run goes on on the server
    await asyncio.gather(*runs, return_exceptions=True)

    fake_server.resume_overlap = 5
    stored = repo.unfinished()
    assert [t.last_event_id for t in stored] == [f"v1_re:{output + 4}"]
    second = ResearchManager(lambda: service, repo, Recorder(), runs, timing)
    (again,) = await second.reattach_all(stored)
    fake_server.advance("v1_re", 3)  # the rest of the report, not the end of the run
    await until_true(lambda: again.last_event_id == f"v1_re:{output + 7}")
    assert again.report == "".join(pieces)  # each piece once
    # The report is written off the event loop's thread: wait for the write, don't race it.
    await until_true(lambda: repo.get(again.id).report == "".join(pieces))
    gets = [r for r in fake_server.requests_for("interactions.get") if r.query.get("stream") == "true"]
    assert gets[-1].query.get("last_event_id") == f"v1_re:{output + 4}"
    fake_server.advance("v1_re")
    await asyncio.wait_for(runs[-1], 10)
    assert again.status == "completed"


async def test_the_stored_event_id_never_runs_ahead_of_the_stored_report(service, repo, fake_server):
    # The report is written every few seconds, the event id after every event: had the id been
    # stored alone, a restart in between would resume after text the stored report never got.
    events, output, pieces = push_report_run(fake_server, "v1_lag")
    timing = MonitorTiming(report_save_interval_s=1000.0, watchdog_interval_s=1000.0)
    runs = Runs()
    first = ResearchManager(lambda: service, repo, Recorder(), runs, timing)
    task = await first.start("Batteries", AGENT, {})
    fake_server.advance("v1_lag", output + 1)  # through the first piece of the report
    await until_true(lambda: task.report == pieces[0])
    for n in (2, 3):  # then one piece at a time
        fake_server.advance("v1_lag", 1)
        await until_true(lambda n=n: task.report == "".join(pieces[:n]))
    await asyncio.sleep(0.2)  # let every write of that event land
    first.stop_all()
    await asyncio.gather(*runs, return_exceptions=True)

    (stored,) = repo.unfinished()
    position = int(stored.last_event_id.rsplit(":", 1)[1]) if stored.last_event_id else 0
    given = "".join(e.get("delta", {}).get("text", "") for e in events[:position])
    assert stored.report == given  # the id and the report describe the same point

    second = ResearchManager(lambda: service, repo, Recorder(), runs, timing)
    (again,) = await second.reattach_all([stored])
    fake_server.advance("v1_lag", 3)
    await until_true(lambda: again.report.endswith(pieces[-1]))
    assert again.report == "".join(pieces)
    second.stop_all()
    await asyncio.gather(*runs, return_exceptions=True)
