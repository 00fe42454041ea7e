"""``coalesce`` merges runs of deltas of one step, and never across steps or kinds."""

from __future__ import annotations

import pytest

from desktop.domain import events as ev
from desktop.services.genai.service import coalesce


@pytest.mark.parametrize("kind", [ev.TextDelta, ev.ThoughtDelta])
def test_deltas_of_different_steps_stay_apart(kind: type[ev.TextDelta] | type[ev.ThoughtDelta]) -> None:
    batch: list[ev.StreamEvent] = [kind(0, "a"), kind(0, "b"), kind(2, "c"), kind(2, "d")]
    assert coalesce(batch) == [kind(0, "ab"), kind(2, "cd")]


@pytest.mark.parametrize("kind", [ev.TextDelta, ev.ThoughtDelta])
def test_a_step_change_in_the_middle_of_a_batch_starts_a_new_run(
    kind: type[ev.TextDelta] | type[ev.ThoughtDelta],
) -> None:
    batch: list[ev.StreamEvent] = [kind(0, "a"), kind(2, "b"), kind(0, "c"), kind(0, "d"), kind(2, "e")]
    assert coalesce(batch) == [kind(0, "a"), kind(2, "b"), kind(0, "cd"), kind(2, "e")]


def test_text_and_thoughts_of_one_step_are_not_merged_together() -> None:
    batch: list[ev.StreamEvent] = [ev.ThoughtDelta(1, "t1"), ev.ThoughtDelta(1, "t2"), ev.TextDelta(1, "x")]
    assert coalesce(batch) == [ev.ThoughtDelta(1, "t1t2"), ev.TextDelta(1, "x")]


def test_other_events_break_a_run() -> None:
    batch: list[ev.StreamEvent] = [ev.TextDelta(0, "a"), ev.StepStarted(0, "model_output"), ev.TextDelta(0, "b")]
    assert coalesce(batch) == batch
