"""Function calls the model asked the app to run, kept with their turn as state (pure data, no I/O).

A call is stored as soon as it arrives, then every change (the user's decision, the result) is
stored as it happens, so the approval card can be rebuilt after a restart and the tool loop
resumed: a waiting call is shown again, a result computed but not yet sent is sent.

States: ``waiting`` (no decision yet) → ``running`` (approved, the tool runs) → ``done`` (a
result or an error is there, not sent yet) → ``sent`` (it went back to the model as a
``function_result`` step).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

CallState: TypeAlias = Literal["waiting", "running", "done", "sent"]
# "" = not decided; "allow" = Allow once; "always" = Always allow (this conversation);
# "auto" = allowed without asking (remembered earlier, or allowed everywhere); "deny" = Deny.
Decision: TypeAlias = Literal["", "allow", "always", "auto", "deny"]

DENIED = "The user denied this call"
NEVER_ANSWERED = "This call was never answered."
CLOSED_WHILE_RUNNING = "The app closed while this call ran; it was not run again."
ROUND_LIMIT = "The limit of {limit} tool rounds for one answer was reached; the call was not run."

# Where a tool runs, as shown on a card.
LOCAL_SERVER = "This computer"


@dataclass(slots=True)
class FunctionCallState:
    """One ``function_call`` of the model and what became of it.

    ``arguments`` is the parsed JSON object (None when the model sent something that is not a
    JSON object; ``raw_arguments`` then holds the text). ``result`` is the wire ``result`` of the
    ``function_result`` step (a string or a list of content blocks); ``error`` the short reason
    when ``is_error``. ``round`` counts the tool rounds of the turn from 1.
    """

    call_id: str
    name: str
    arguments: dict[str, Any] | None = None
    raw_arguments: str = ""
    interaction_id: str = ""
    round: int = 1
    tool_label: str = ""
    server: str = ""
    decision: Decision = ""
    state: CallState = "waiting"
    result: Any = None
    is_error: bool = False
    error: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def allowed(self) -> bool:
        """Whether the user (or a remembered choice) allowed the call."""
        return self.decision in ("allow", "always", "auto")

    def fail(self, reason: str) -> None:
        """Record an error result with a short ``reason`` (the call is then ``done``)."""
        self.result, self.is_error, self.error, self.state = reason, True, reason, "done"

    def succeed(self, result: Any) -> None:
        """Record the tool's result (a string or content blocks); the call is then ``done``."""
        self.result, self.is_error, self.error, self.state = result, False, "", "done"

    def result_step(self) -> dict[str, Any]:
        """The ``function_result`` step that answers this call (spec §1.3)."""
        step: dict[str, Any] = {"type": "function_result", "call_id": self.call_id, "name": self.name}
        step["result"] = copy.deepcopy(self.result) if self.result is not None else ""
        if self.is_error:
            step["is_error"] = True
        return step

    def arguments_text(self) -> str:
        """The arguments as formatted JSON (or the raw text the model sent)."""
        if self.arguments is None:
            return self.raw_arguments
        return json.dumps(self.arguments, indent=2, ensure_ascii=False, sort_keys=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (what the database keeps)."""
        return {
            "call_id": self.call_id,
            "name": self.name,
            "arguments": self.arguments,
            "raw_arguments": self.raw_arguments,
            "interaction_id": self.interaction_id,
            "round": self.round,
            "tool_label": self.tool_label,
            "server": self.server,
            "decision": self.decision,
            "state": self.state,
            "result": self.result,
            "is_error": self.is_error,
            "error": self.error,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FunctionCallState:
        """Inverse of ``to_dict``; unknown or wrongly typed values fall back to defaults."""
        arguments = data.get("arguments")
        state = data.get("state")
        decision = data.get("decision")
        return cls(
            call_id=str(data.get("call_id", "")),
            name=str(data.get("name", "")),
            arguments=dict(arguments) if isinstance(arguments, dict) else None,
            raw_arguments=str(data.get("raw_arguments") or ""),
            interaction_id=str(data.get("interaction_id") or ""),
            round=int(data.get("round") or 1),
            tool_label=str(data.get("tool_label") or ""),
            server=str(data.get("server") or ""),
            decision=decision if decision in ("", "allow", "always", "auto", "deny") else "",
            state=state if state in ("waiting", "running", "done", "sent") else "waiting",
            result=data.get("result"),
            is_error=bool(data.get("is_error")),
            error=str(data.get("error") or ""),
            started_at=data.get("started_at"),
            finished_at=data.get("finished_at"),
            extra=dict(data.get("extra") or {}),
        )


def calls_from_steps(steps: Sequence[Mapping[str, Any]], interaction_id: str, round_no: int) -> list[FunctionCallState]:
    """The ``function_call`` steps of one interaction that no ``function_result`` answers, as states.

    The status of the interaction is not reliable (the server says ``completed`` with calls
    pending): the steps decide. Arguments that are not a JSON object keep their raw text.
    """
    answered = {s.get("call_id") for s in steps if s.get("type") == "function_result"}
    out: list[FunctionCallState] = []
    for step in steps:
        if step.get("type") != "function_call" or step.get("id") in answered:
            continue
        args = step.get("arguments")
        raw = ""
        if isinstance(args, dict) and set(args) == {"_raw"}:
            raw, args = str(args["_raw"]), None
        elif not isinstance(args, dict):
            raw, args = ("" if args is None else json.dumps(args)), None
        out.append(
            FunctionCallState(
                call_id=str(step.get("id") or ""),
                name=str(step.get("name") or ""),
                arguments=args,
                raw_arguments=raw,
                interaction_id=interaction_id,
                round=round_no,
            )
        )
    return out


def unanswered_call_ids(steps: Iterable[Mapping[str, Any]]) -> list[str]:
    """Ids of ``function_call`` steps without a matching ``function_result`` among ``steps``."""
    steps = list(steps)
    answered = {s.get("call_id") for s in steps if s.get("type") == "function_result"}
    return [str(s.get("id")) for s in steps if s.get("type") == "function_call" and s.get("id") not in answered]


def paired_steps(steps: Sequence[Mapping[str, Any]], calls: Sequence[FunctionCallState]) -> list[dict[str, Any]]:
    """``steps`` with every unanswered ``function_call`` followed by a result (stateless replay).

    The known result of the call is used when it has one; otherwise an ``is_error`` result says
    the call was never answered. A call is never replayed without its result.
    """
    by_id = {c.call_id: c for c in calls}
    pending = set(unanswered_call_ids(steps))
    out: list[dict[str, Any]] = []
    run: list[Mapping[str, Any]] = []  # a run of parallel calls: their results follow the run together

    def close_run() -> None:
        for call in run:
            known = by_id.get(str(call.get("id")))
            if known is not None and known.state in ("done", "sent"):
                out.append(known.result_step())
            else:
                out.append(
                    {
                        "type": "function_result",
                        "call_id": call.get("id"),
                        "name": call.get("name", ""),
                        "result": NEVER_ANSWERED,
                        "is_error": True,
                    }
                )
        run.clear()

    for step in steps:
        if step.get("type") != "function_call":
            close_run()
        out.append(copy.deepcopy(dict(step)))
        if step.get("type") == "function_call" and step.get("id") in pending:
            run.append(step)
    close_run()
    return out
