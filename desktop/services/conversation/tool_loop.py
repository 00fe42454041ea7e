"""The tool loop of one turn: function calls → approval → run → results → the model again (no Qt).

When an interaction ends with ``function_call`` steps that nothing answers (status
``requires_action``, or ``completed``: the server does both), the turn waits (``AWAITING``) with
one stored call state per call. Calls the user (or a remembered choice) allowed run concurrently
off the GUI thread with a timeout; denied ones get "The user denied this call". The results go
back as ``function_result`` steps in one interaction chained on the one that asked, with the tools
declared again, and the loop repeats until the model answers without calls, up to a round limit.

``advance`` drives the loop as far as it can go without the user and returns: after a restart it
is called again and carries on from the stored state (a waiting card shows again; computed
results are sent). Stop cancels running tools and the stream; the turn then ends stopped, and the
next prompt replays the context with every call paired with its result.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop import errors as app
from desktop.domain.conversation import BlobPart, ConversationSettings, Turn, TurnStatus
from desktop.domain.function_calls import (
    CLOSED_WHILE_RUNNING,
    DENIED,
    ROUND_LIMIT,
    FunctionCallState,
    calls_from_steps,
)
from desktop.services.conversation.chat import results_request
from desktop.services.tools.executor import DEFAULT_RESULT_LIMIT, DEFAULT_TIMEOUT_S, ToolExecutor, check_call
from desktop.services.tools.local import CallContext

if TYPE_CHECKING:
    from desktop.services.conversation.chat_turn import TurnRunner, TurnSink

log = logging.getLogger(__name__)

DEFAULT_MAX_ROUNDS = 10


@dataclass(frozen=True, slots=True)
class ToolPolicy:
    """The preferences of the loop: per-call timeout (s), round limit, result limit (bytes), and
    the function names allowed everywhere without asking."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rounds: int = DEFAULT_MAX_ROUNDS
    result_limit: int = DEFAULT_RESULT_LIMIT
    always_allowed: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class LoopTimings:
    """When the last event of an asking interaction arrived and when its results were POSTed
    (``time.perf_counter`` seconds), with the tools' own run time: for the round-trip benchmark."""

    rounds: list[tuple[float, float, float]] = field(default_factory=list)


def decide(turn: Turn, settings: ConversationSettings, call_id: str, decision: str) -> bool:
    """Record the user's ``decision`` (``allow``, ``always`` or ``deny``) on a waiting call.

    "Always allow" remembers the function for the conversation (``settings`` changes: the caller
    saves them) and allows the other waiting calls of it in this turn. Returns False when the
    call is unknown, already decided or not waiting.
    """
    call = next((c for c in turn.tool_calls if c.call_id == call_id), None)
    if call is None or call.state != "waiting" or call.decision or decision not in ("allow", "always", "deny"):
        return False
    call.decision = "always" if decision == "always" else ("deny" if decision == "deny" else "allow")
    if decision == "always":
        if call.name not in settings.always_allowed_tools:
            settings.always_allowed_tools.append(call.name)
        for other in turn.tool_calls:
            if other is not call and other.name == call.name and other.state == "waiting" and not other.decision:
                other.decision = "auto"
    return True


class ToolLoop:
    """Drives the tool loop of turns for a ``TurnRunner`` (one per runner)."""

    def __init__(
        self,
        runner: TurnRunner,
        executor: ToolExecutor | None = None,
        policy: Callable[[], ToolPolicy] = ToolPolicy,
    ) -> None:
        self._runner = runner
        self.executor = executor or ToolExecutor()
        self._policy = policy
        self._tasks: dict[str, asyncio.Future[Any]] = {}
        self._stopped: set[str] = set()
        self.timings = LoopTimings()
        # perf_counter at the last event of the interaction that asked (set by the runner).
        self.asked_at: dict[str, float] = {}

    def stop(self, turn_id: str | None = None) -> None:
        """Cancel running tools of one turn (or all); the loop then ends with the turn stopped."""
        for tid, task in list(self._tasks.items()):
            if turn_id is None or tid == turn_id:
                self._stopped.add(tid)
                task.cancel()

    def running(self, turn_id: str) -> bool:
        """Whether tools of ``turn_id`` are running now."""
        return turn_id in self._tasks

    # -- the loop -------------------------------------------------------------------------------
    async def advance(
        self, turn: Turn, settings: ConversationSettings, history: Sequence[Turn], sink: TurnSink
    ) -> Turn:
        """Go as far as possible without the user: adopt new calls, run decided ones, send results,
        stream the answer, repeat. Returns when the turn is done, stopped, or a call awaits a
        decision. App errors are recorded on the turn and re-raised."""
        runner = self._runner
        self._stopped.discard(turn.id)
        first = True
        while True:
            policy = self._policy()
            self._adopt(turn, settings, policy)
            open_calls = turn.open_calls
            if not open_calls:
                if turn.status is TurnStatus.AWAITING:
                    turn.status = TurnStatus.COMPLETED
                    await runner.save_turn(turn)
                    sink.turn_changed(turn)
                return turn
            turn.status = TurnStatus.AWAITING
            if first:
                for call in open_calls:
                    if call.state == "running":  # the app died while it ran: never run a call twice
                        call.fail(CLOSED_WHILE_RUNNING)
                first = False
            last_round = max(c.round for c in open_calls)
            final = last_round > policy.max_rounds
            if final:
                for call in open_calls:
                    if call.state == "waiting":
                        call.fail(ROUND_LIMIT.format(limit=policy.max_rounds))
            await runner.save_turn(turn)
            sink.turn_changed(turn)
            # Checked after the last await: a decision cannot slip in between the check and the return.
            if any(c.state == "waiting" and not c.decision for c in open_calls):
                return turn
            if not await self._run_round(turn, settings, history, sink, open_calls, policy):
                turn.status = TurnStatus.STOPPED
                await runner.save_turn(turn)
                sink.turn_changed(turn)
                return turn
            await self._send(turn, settings, history, sink, open_calls, final=final)
            if turn.status is not TurnStatus.AWAITING:
                return turn  # stopped, failed or cut off while the answer streamed

    def _adopt(self, turn: Turn, settings: ConversationSettings, policy: ToolPolicy) -> list[FunctionCallState]:
        """Turn the unanswered ``function_call`` steps not seen yet into call states (checked, and
        allowed at once when remembered); returns them."""
        known = {c.call_id for c in turn.tool_calls}
        round_no = max((c.round for c in turn.tool_calls), default=0) + 1
        fresh = [c for c in calls_from_steps(turn.steps, turn.interaction_id or "", round_no) if c.call_id not in known]
        registry = self._runner.registry
        remembered = set(settings.always_allowed_tools) | set(policy.always_allowed)
        for call in fresh:
            tool = registry.function(settings, call.name)
            call.tool_label = tool.label if tool else call.name
            call.server = tool.server if tool else ""
            reason = check_call(call, tool)
            if reason is not None:
                call.fail(reason)  # nothing to approve: the model is told why at once
            elif call.name in remembered:
                call.decision = "auto"
        turn.tool_calls.extend(fresh)
        return fresh

    async def _run_round(
        self,
        turn: Turn,
        settings: ConversationSettings,
        history: Sequence[Turn],
        sink: TurnSink,
        calls: list[FunctionCallState],
        policy: ToolPolicy,
    ) -> bool:
        """Run the allowed calls concurrently (denied ones get their reason); False when stopped."""
        runner = self._runner
        context = await self._context(turn, history)
        jobs = []
        for call in calls:
            if call.state not in ("waiting", "running"):
                continue
            if call.decision == "deny":
                call.fail(DENIED)
                continue
            tool = runner.registry.function(settings, call.name)
            jobs.append(self._run_one(turn, sink, call, tool, context, policy))
        if not jobs:
            return True
        task = asyncio.ensure_future(asyncio.gather(*jobs))
        self._tasks[turn.id] = task
        try:
            await task
        except asyncio.CancelledError:
            if turn.id not in self._stopped:
                raise
            for call in calls:
                if call.state in ("waiting", "running"):
                    call.fail("Stopped by the user.")
            return False
        finally:
            self._tasks.pop(turn.id, None)
        return turn.id not in self._stopped

    async def _run_one(
        self,
        turn: Turn,
        sink: TurnSink,
        call: FunctionCallState,
        tool: Any,
        context: CallContext,
        policy: ToolPolicy,
    ) -> None:
        call.state = "running"
        await self._runner.save_turn(turn)
        sink.turn_changed(turn)
        await self.executor.execute(call, tool, context, timeout_s=policy.timeout_s, limit=policy.result_limit)
        await self._runner.save_turn(turn)
        sink.turn_changed(turn)

    async def _context(self, turn: Turn, history: Sequence[Turn]) -> CallContext:
        """The text files attached to the conversation (this branch), readable by ``Read file``."""
        blobs = self._runner.blobs
        files: dict[str, Callable[[], bytes]] = {}
        if blobs is not None:
            for past in [*history, turn]:
                for part in past.prompt:
                    if isinstance(part, BlobPart) and part.kind == "text" and part.name and part.sha256:
                        files[part.name] = _reader(blobs, part.sha256)
        return CallContext(files=files)

    async def _send(
        self,
        turn: Turn,
        settings: ConversationSettings,
        history: Sequence[Turn],
        sink: TurnSink,
        calls: list[FunctionCallState],
        *,
        final: bool,
    ) -> None:
        """POST the round's results in one interaction and stream the answer into the turn."""
        runner = self._runner
        service = runner.service()
        if service is None:
            raise app.missing_key_error()
        results = [c.result_step() for c in calls]
        earlier_steps = [*turn.steps, *results]
        earlier_usage = turn.usage
        request = await runner.blocking(
            results_request,
            settings,
            turn,
            history,
            results,
            earlier_steps,
            registry=runner.registry,
            read_blob=runner.blobs.get if runner.blobs is not None else None,
            final=final,
        )
        asked = self.asked_at.pop(turn.id, None)
        if asked is not None:
            ran = sum(float(c.extra.get("run_s") or 0.0) for c in calls)
            self.timings.rounds.append((asked, time.perf_counter(), ran))
        turn.steps = earlier_steps

        def sent() -> None:
            for call in calls:
                call.state = "sent"

        try:
            await runner.stream_into(service.stream_turn(request), turn, sink, on_started=sent)
        except app.AppError as exc:
            self._merge(turn, earlier_steps, earlier_usage)
            await runner.settle(turn, sink, TurnStatus.FAILED, exc)
            raise
        self._merge(turn, earlier_steps, earlier_usage)
        await runner.settle(turn, sink)

    @staticmethod
    def _merge(turn: Turn, earlier_steps: list[dict[str, Any]], earlier_usage: dict[str, Any] | None) -> None:
        from desktop.services.conversation.chat_turn import summed_usage

        if turn.steps is not earlier_steps:  # the new interaction completed: its steps follow
            turn.steps = [*earlier_steps, *turn.steps]
        if earlier_usage and turn.usage is not earlier_usage:
            turn.usage = summed_usage(earlier_usage, turn.usage or {})
        if turn.interaction_id and turn.interaction_id not in turn.interaction_ids:
            turn.interaction_ids.append(turn.interaction_id)


def _reader(blobs: Any, sha256: str) -> Callable[[], bytes]:
    def read() -> bytes:
        data: bytes = blobs.get(sha256)
        return data

    return read
