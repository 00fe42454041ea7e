"""ResearchRepository: round trip, timeline, resume bookkeeping, unfinished tasks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.research import ResearchTask, Source, TimelineEntry
from desktop.store import Database, ResearchRepository, open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "app.sqlite3")
    yield database
    database.close()


def _reopen(db: Database) -> ResearchRepository:
    db.close()
    return ResearchRepository(open_database(db.path))


def test_task_round_trips_every_field(db: Database) -> None:
    repo = ResearchRepository(db)
    task = ResearchTask.new(
        "Survey fusion startups",
        "deep-research-preview-04-2026",
        {"thinking_summaries": "auto", "visualization": "off"},
    )
    task.interaction_id = "v1_research"
    task.status = "completed"
    task.finished_at = task.created_at + 600
    task.last_event_id = "evt_99"
    task.timeline = [
        TimelineEntry("status", "queued", task.created_at),
        TimelineEntry("search", "fusion startups 2026", task.created_at + 1),
    ]
    task.report = "# Report\n\nFusion is *hard*."
    task.sources = [Source("https://example.com/a", "A"), Source("https://example.com/b")]
    task.usage = {"total_tokens": 1234}
    task.error = None
    repo.add(task)
    repo = _reopen(db)
    assert repo.get(task.id) == task
    assert repo.list() == [task]
    assert repo.get("missing") is None


def test_timeline_appends_and_counts_as_progress(db: Database) -> None:
    repo = ResearchRepository(db)
    task = ResearchTask.new("q", "agent")
    repo.add(task)
    repo.append_timeline(task.id, [TimelineEntry("thought", "Planning", task.created_at + 5)])
    repo.append_timeline(
        task.id,
        [
            TimelineEntry("page", "https://x.org", task.created_at + 9),
            TimelineEntry("note", "found it", task.created_at + 7),
        ],
    )
    repo.append_timeline(task.id, [])
    loaded = repo.get(task.id)
    assert loaded is not None
    assert [e.text for e in loaded.timeline] == ["Planning", "https://x.org", "found it"]
    assert loaded.last_progress_at == task.created_at + 9


def test_update_rewrites_the_row_but_keeps_the_timeline(db: Database) -> None:
    repo = ResearchRepository(db)
    task = ResearchTask.new("q", "agent")
    repo.add(task)
    repo.append_timeline(task.id, [TimelineEntry("status", "in_progress", 1.0)])
    task.status = "in_progress"
    task.interaction_id = "v1_x"
    task.timeline = []  # a stale in-memory copy must not erase the stored log
    assert repo.update(task)
    loaded = repo.get(task.id)
    assert loaded is not None
    assert (loaded.status, loaded.interaction_id) == ("in_progress", "v1_x")
    assert [e.text for e in loaded.timeline] == ["in_progress"]
    assert not repo.update(ResearchTask.new("other", "agent"))


def test_last_event_id_is_remembered_for_resume(db: Database) -> None:
    repo = ResearchRepository(db)
    task = ResearchTask.new("q", "agent")
    repo.add(task)
    before = db.query_one("SELECT total_changes()")[0]
    assert repo.set_last_event_id(task.id, "evt_7", at=task.created_at + 30)
    assert db.query_one("SELECT total_changes()")[0] - before == 1
    repo = _reopen(db)
    loaded = repo.get(task.id)
    assert loaded is not None
    assert loaded.last_event_id == "evt_7"
    assert loaded.last_progress_at == task.created_at + 30


def test_unfinished_lists_tasks_to_resume(db: Database) -> None:
    repo = ResearchRepository(db)
    statuses = [
        "starting",
        "queued",
        "in_progress",
        "requires_action",
        "stalled",
        "completed",
        "failed",
        "cancelled",
        "incomplete",
        "budget_exceeded",
    ]
    tasks = {}
    for status in statuses:
        task = ResearchTask.new(f"task {status}", "agent")
        task.status = status
        repo.add(task)
        tasks[status] = task.id
    assert [t.status for t in repo.unfinished()] == statuses[:5]
    assert repo.delete(tasks["stalled"])
    assert [t.status for t in repo.unfinished()] == statuses[:4]
