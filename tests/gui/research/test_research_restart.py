"""A restart of the app (a new instance on the same database) re-attaches every unfinished task:
one still running continues from its last event, one that finished meanwhile shows its result."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.research import ResearchTask
from desktop.store import ResearchRepository, open_database
from tests.attachment_samples import png as make_png
from tests.fake_api import BackgroundRun, FakeInteractionsServer, scenarios
from tests.gui.conftest import until
from tests.gui.research.research_harness import open_app, timeline_texts

AGENT = "deep-research-preview-04-2026"


async def test_restart_reattaches_a_running_task_and_one_that_finished_meanwhile(fake_server, tmp_path):
    db_path, settings = tmp_path / "app.sqlite3", tmp_path / "settings.json"
    first = await open_app(fake_server, db_path, settings)
    fake_server.push(
        BackgroundRun("v1_run", scenarios.deep_research("v1_run", topic="tidal power"), seconds_per_event=None),
        BackgroundRun("v1_done", scenarios.deep_research("v1_done", topic="heat pumps"), seconds_per_event=None),
    )
    first.tab.start_requested.emit("Tidal power outlook", AGENT, {})
    await until(
        lambda: len(first.controller.tasks()) == 1 and first.controller.tasks()[0].interaction_id, message="first task"
    )
    first.tab.start_requested.emit("Heat pumps in cold climates", AGENT, {})
    await until(
        lambda: len(first.controller.tasks()) == 2 and first.controller.tasks()[0].interaction_id, message="second task"
    )
    fake_server.advance("v1_run", 5)
    fake_server.advance("v1_done", 5)
    by_iid = {t.interaction_id: t for t in first.controller.tasks()}
    await until(
        lambda: all(first.repo.get(t.id).last_event_id == f"{t.interaction_id}:6" for t in by_iid.values()),
        message="progress stored",
    )
    running_id, done_id = by_iid["v1_run"].id, by_iid["v1_done"].id
    await first.close()  # the app quits (or is killed) mid-run

    fake_server.advance("v1_done")  # finishes while the app is closed
    fake_server.advance("v1_run", 4)  # makes progress while the app is closed
    requests_before = len(fake_server.requests)

    second = await open_app(fake_server, db_path, settings)
    try:
        assert {t.id for t in second.controller.tasks()} == {running_id, done_id}
        done = second.controller.task(done_id)
        running = second.controller.task(running_id)
        await until(lambda: done.status == "completed", message="finished meanwhile: final result shown")
        assert "Report: heat pumps" in done.report
        assert [s.url for s in done.sources][:1] == ["https://example.org/batteries"]
        await until(lambda: second.repo.get(done_id).status == "completed", message="stored")

        await until(
            lambda: any("Searched: solid-state battery 2026" in t for t in _texts_of(second, running_id)),
            message="running task continues",
        )

        def streams() -> list:
            return [
                r
                for r in fake_server.requests[requests_before:]
                if r.route == "interactions.get" and r.query.get("stream") == "true" and r.params.get("id") == "v1_run"
            ]

        streams = await until(streams, message="streaming again")
        assert streams[0].query["last_event_id"] == "v1_run:6"
        assert running.status == "in_progress"
        fake_server.advance("v1_run")
        await until(lambda: running.status == "completed", message="running task completes")
        await until(lambda: "Report: tidal power" in second.repo.get(running_id).report, message="report stored")
        timeline = second.repo.get(running_id).timeline
        assert [e.text for e in timeline if e.kind == "search"] == [
            "solid-state battery 2026",
            "solid-state battery energy density",
        ]
        assert sum(1 for e in timeline if e.kind == "thought") == 2
        assert second.tabs.tabText(1) in ("Research", "Research (1)", "Research (2)")
    finally:
        await second.close()


def _texts_of(app, task_id: str) -> list[str]:
    app.tab.tasks.select_task(task_id)
    return timeline_texts(app)


async def test_restart_marks_unstartable_and_vanished_tasks_failed(fake_server: FakeInteractionsServer, tmp_path: Path):
    db_path = tmp_path / "app.sqlite3"
    db = open_database(db_path)
    repo = ResearchRepository(db)
    never_started = ResearchTask.new("Started while the app crashed", AGENT)
    vanished = ResearchTask.new("Deleted on the server", AGENT)
    vanished.interaction_id, vanished.status = "v1_gone", "in_progress"
    repo.add(never_started)
    repo.add(vanished)
    db.close()

    app = await open_app(fake_server, db_path, tmp_path / "settings.json")
    try:
        first = app.controller.task(never_started.id)
        gone = app.controller.task(vanished.id)
        await until(lambda: first.status == "failed" and gone.status == "failed", message="both failed")
        assert "Start it again" in first.error
        assert "no longer knows" in gone.error
        # The task is saved off the GUI thread, just after it is shown as failed.
        await until(lambda: app.repo.get(vanished.id).status == "failed", message="stored as failed")
    finally:
        await app.close()


async def test_images_of_a_finished_task_come_back_after_a_restart(fake_server, tmp_path):
    import base64

    from tests.fake_api.scenarios import completed, created, step_delta, step_start, step_stop, text_delta

    png = make_png(4, 3)
    events = [
        created("v1_chart", agent=AGENT),
        step_start(0, {"type": "model_output"}),
        text_delta(0, "# Report with a chart\n"),
        step_delta(0, {"type": "image", "mime_type": "image/png", "data": base64.b64encode(png).decode()}),
        step_stop(0),
        completed("v1_chart"),
    ]
    db_path, settings = tmp_path / "app.sqlite3", tmp_path / "settings.json"
    first = await open_app(fake_server, db_path, settings)
    fake_server.push(BackgroundRun("v1_chart", events, seconds_per_event=0.01))
    first.tab.start_requested.emit("Chart it", AGENT, {})
    await until(lambda: first.controller.tasks() and first.controller.tasks()[0].status == "completed")
    task_id = first.controller.tasks()[0].id
    await until(lambda: first.controller.media(task_id), message="image while running")

    await until(lambda: first.repo.media(task_id), message="image kept locally")
    await until(lambda: first.repo.get(task_id).status == "completed", message="stored as completed")
    await first.close()
    fake_server.expire("v1_chart")  # the server forgets the run (1 day on the free tier)
    requests_before = len(fake_server.requests)

    second = await open_app(fake_server, db_path, settings)
    try:
        second.tab.tasks.select_task(task_id)
        await until(lambda: second.controller.media(task_id), message="image shown from the local copy")
        assert [m.data for m in second.controller.media(task_id)] == [png]
        second.tab.detail.report.render_now()
        assert second.tab.detail.report.toHtml().count("<img") == 1
        assert not [r for r in fake_server.requests[requests_before:] if r.params.get("id") == "v1_chart"]
    finally:
        await second.close()
