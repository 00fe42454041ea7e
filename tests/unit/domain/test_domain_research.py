"""Research task domain: terminal statuses and task creation."""

from __future__ import annotations

import pytest

from desktop.domain.research import ResearchStatus, ResearchTask, is_terminal


@pytest.mark.parametrize("status", ["completed", "failed", "cancelled", "incomplete", "budget_exceeded"])
def test_finished_statuses_are_terminal(status: str) -> None:
    assert is_terminal(status)
    assert is_terminal(ResearchStatus(status))


@pytest.mark.parametrize(
    "status",
    ["starting", "queued", "in_progress", "requires_action", "stalled", "some_future_status"],
)
def test_running_local_and_unknown_statuses_are_not_terminal(status: str) -> None:
    assert not is_terminal(status)


def test_new_task_starts_locally_with_a_title_from_its_prompt() -> None:
    task = ResearchTask.new("Compare solid-state batteries. Focus on 2025 papers.", "agent-x")
    assert task.status == "starting"
    assert task.interaction_id is None
    assert task.title == "Compare solid-state batteries"
    assert len(task.id) == 32
    assert task.last_progress_at == task.created_at
    assert not task.is_terminal
