"""Pure conversions for research runs: the create request, timeline entries, report, sources.

No I/O and no Qt; ``desktop.services.research.service`` drives the runs with them.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import logging
from collections.abc import Iterable
from typing import Any

from desktop.domain.api import InteractionSnapshot, TurnRequest
from desktop.domain.research import ResearchTask, Source, TimelineEntry
from desktop.domain.steps import blocks_from_steps, tool_block_to_dict, tool_blocks, tool_of

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class Media:
    """An image or chart a run produced (kept in memory; the final ``get`` supplies it again)."""

    mime_type: str
    data: bytes


# Agents released before collaborative planning and visualizations existed.
_BASIC_AGENTS = frozenset({"deep-research-pro-preview-12-2025"})


def supports_planning(agent: str) -> bool:
    """Whether ``agent`` offers collaborative planning and visualizations (the 2026 agents do)."""
    return agent not in _BASIC_AGENTS


def research_request(task: ResearchTask) -> TurnRequest:
    """The background ``create`` for a task: its agent, prompt and Deep Research options."""
    options = task.options
    config: dict[str, Any] = {
        "type": "deep-research",
        "thinking_summaries": "auto" if options.get("thinking_summaries", True) else "none",
        "visualization": "auto" if options.get("visualization", False) else "off",
    }
    if not supports_planning(task.agent):
        config["visualization"] = "off"
    elif options.get("collaborative_planning"):
        config["collaborative_planning"] = True
    return TurnRequest(input=task.prompt, agent=task.agent, agent_config=config, background=True, store=True)


def reply_request(task: ResearchTask, text: str, *, approve: bool) -> TurnRequest:
    """The background ``create`` answering a run that waits with a plan (``requires_action``).

    Chained on the run's interaction (``previous_interaction_id``) with the same agent and
    options. ``approve``: the agent carries out the plan (``collaborative_planning`` off);
    otherwise it revises the plan and waits again. Raises ``ValueError`` without an interaction.
    """
    if not task.interaction_id:
        raise ValueError("a research task without an interaction cannot be answered")
    request = research_request(task)
    config = dict(request.agent_config or {})
    config["collaborative_planning"] = not approve
    return dataclasses.replace(request, input=text, agent_config=config, previous_interaction_id=task.interaction_id)


def _summary_text(step: dict[str, Any]) -> str:
    return "".join(b.get("text", "") for b in step.get("summary") or [] if isinstance(b, dict)).strip()


# Tools whose calls are listed as one line per query or page; the others become "step" entries.
_LISTED_TOOLS = ("google_search", "url_context")


def entries_for_tool(tool: str, arguments: dict[str, Any], at: float) -> list[TimelineEntry]:
    """Timeline entries for a built-in tool call: one per search query or page.

    Other tools (code execution, Maps, File Search, MCP) are shown once their result arrives, as a
    ``step`` entry with the call and result together (``entries_for_step``).
    """
    if tool == "google_search":
        return [TimelineEntry("search", str(q), at) for q in arguments.get("queries") or [] if q]
    if tool == "url_context":
        return [TimelineEntry("page", str(u), at) for u in arguments.get("urls") or [] if u]
    return []


def step_entry(steps: list[dict[str, Any]], at: float) -> list[TimelineEntry]:
    """A ``step`` entry for a tool call and its result (the text is the step as JSON)."""
    blocks = tool_blocks(blocks_from_steps(steps))
    return [
        TimelineEntry("step", json.dumps(tool_block_to_dict(b), sort_keys=True, ensure_ascii=False), at) for b in blocks
    ]


def entries_for_step(
    step: dict[str, Any], at: float, calls: dict[str, dict[str, Any]] | None = None
) -> list[TimelineEntry]:
    """Timeline entries for one finished wire step (thoughts and tool steps; others say nothing).

    ``calls`` remembers tool calls by id so a later result is shown together with its call.
    """
    kind = str(step.get("type", ""))
    if kind == "thought":
        text = _summary_text(step)
        return [TimelineEntry("thought", text, at)] if text else []
    parsed = tool_of(kind)
    if parsed is None or parsed[0] == "function":
        return []
    tool, role = parsed
    if role == "call":
        if calls is not None and tool not in _LISTED_TOOLS:
            calls[f"{tool}:{step.get('id')}"] = step
        return entries_for_tool(tool, dict(step.get("arguments") or {}), at)
    if tool in _LISTED_TOOLS:
        return []
    call = (calls or {}).pop(f"{tool}:{step.get('call_id')}", None)
    return step_entry([call, step] if call else [step], at)


def entries_for_steps(steps: Iterable[dict[str, Any]], at: float) -> list[TimelineEntry]:
    """Timeline entries for a list of steps (calls paired with their results)."""
    calls: dict[str, dict[str, Any]] = {}
    entries: list[TimelineEntry] = []
    for step in steps:
        entries += entries_for_step(step, at, calls)
    return entries


def sources_from_steps(steps: Iterable[dict[str, Any]]) -> list[Source]:
    """The cited pages of the output, numbered by first appearance (duplicates dropped)."""
    out: dict[str, Source] = {}
    for step in steps:
        if step.get("type") != "model_output":
            continue
        for block in step.get("content") or []:
            for note in block.get("annotations") or [] if isinstance(block, dict) else []:
                url = note.get("url") if isinstance(note, dict) else None
                if note.get("type") == "url_citation" and url and url not in out:
                    out[url] = Source(str(url), str(note.get("title") or ""))
    return list(out.values())


def report_from_snapshot(snapshot: InteractionSnapshot) -> str:
    """The report: the text of the output steps after the last user input."""
    steps = list(snapshot.steps)
    for i in range(len(steps) - 1, -1, -1):
        if steps[i].get("type") == "user_input":
            steps = steps[i + 1 :]
            break
    parts = [
        block.get("text", "")
        for step in steps
        if step.get("type") == "model_output"
        for block in step.get("content") or []
        if isinstance(block, dict) and block.get("type") == "text"
    ]
    return "".join(parts) or snapshot.output_text


def media_from_snapshot(snapshot: InteractionSnapshot) -> list[Media]:
    """Images and charts in the output steps (inline data only)."""
    out: list[Media] = []
    for step in snapshot.steps:
        if step.get("type") != "model_output":
            continue
        for block in step.get("content") or []:
            if isinstance(block, dict) and block.get("type") == "image" and block.get("data"):
                try:
                    out.append(Media(str(block.get("mime_type") or "image/png"), base64.b64decode(block["data"])))
                except (binascii.Error, ValueError):
                    log.warning("an image of a research report could not be decoded")
    return out


def failure_reason(snapshot: InteractionSnapshot | None, fallback: str | None = None) -> str:
    """The server's reason for a failed run, in plain words."""
    if snapshot is not None:
        for error in snapshot.errors:
            message = str(error.get("message") or "").strip()
            if message:
                return message
    return fallback or "The server did not say why."
