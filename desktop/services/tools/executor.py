"""Running one function call: check it, run it off the GUI thread with a timeout, shape its result.

Every way a call can go wrong becomes an ``is_error`` result with a short reason, and the
conversation goes on: a tool that was not declared, arguments that are not a JSON object or do
not match the tool's schema (``jsonschema``), a tool that raises, hangs past the timeout, returns
more than the limit (cut, with a note saying so) or returns bytes that are not UTF-8.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from desktop.domain.function_calls import FunctionCallState
from desktop.domain.tools import FunctionTool
from desktop.services.tools.local import CallContext, LocalTools, ToolError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_RESULT_LIMIT = 100 * 1024
# An image an MCP tool returns travels as image content up to this size (base64 included).
IMAGE_LIMIT = 8 * 1024 * 1024
_REASON_MAX = 300


class RemoteRunner(Protocol):
    """Runs the calls of a provider that is not in this process (MCP servers)."""

    async def call_tool(self, tool: FunctionTool, arguments: dict[str, Any]) -> Any:
        """Call ``tool``; returns text or content blocks; raises ``ToolError`` (or anything) on failure."""


def short(text: str, limit: int = _REASON_MAX) -> str:
    """``text`` on one line, at most ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def cut_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-8 bytes, with a note saying how big it was."""
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    kept = raw[:limit].decode("utf-8", errors="ignore")
    return kept + f"\n[Result cut: it was {len(raw) // 1024} KB; only the first {limit // 1024} KB were sent.]"


def shape_result(value: Any, limit: int) -> Any:
    """A tool's return value as a ``function_result`` ``result``: text, an object, or content blocks.

    Raises ``ToolError`` for bytes that are not UTF-8 text. Text over ``limit`` bytes is cut with
    a note; an object over the limit is sent as its (cut) JSON text; images are kept as image
    content up to ``IMAGE_LIMIT``.
    """
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ToolError("The tool returned bytes that are not UTF-8 text.") from exc
    if isinstance(value, str):
        return cut_text(value, limit)
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
        return value if len(text.encode("utf-8")) <= limit else cut_text(text, limit)
    if isinstance(value, list):
        return _shape_blocks(value, limit)
    return cut_text(str(value), limit)


def _shape_blocks(value: list[Any], limit: int) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    budget = limit
    for item in value:
        block = item if isinstance(item, dict) else {"type": "text", "text": str(item)}
        if block.get("type") == "text":
            text = str(block.get("text", ""))
            blocks.append({"type": "text", "text": cut_text(text, max(budget, 0))})
            budget -= len(text.encode("utf-8"))
        elif block.get("type") == "image" and isinstance(block.get("data"), str):
            if len(block["data"]) <= IMAGE_LIMIT:
                blocks.append({"type": "image", "data": block["data"], "mime_type": block.get("mime_type", "")})
            else:
                blocks.append({"type": "text", "text": "[An image over the size limit was left out.]"})
        else:
            blocks.append({"type": "text", "text": cut_text(json.dumps(block, ensure_ascii=False), limit)})
    return blocks


class ToolExecutor:
    """Runs approved calls: local tools on a worker pool (or the caller's thread when they must),
    MCP tools through ``remote``. Calls of one round run concurrently (the caller gathers them)."""

    def __init__(
        self,
        local: LocalTools | None = None,
        remote: RemoteRunner | None = None,
        *,
        workers: int = 8,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.local = local or LocalTools()
        self.remote = remote
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tool")
        self._clock = clock

    def shutdown(self) -> None:
        """Stop the worker pool (a hung tool thread is abandoned, not waited for)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def execute(
        self,
        call: FunctionCallState,
        tool: FunctionTool | None,
        context: CallContext | None = None,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        limit: int = DEFAULT_RESULT_LIMIT,
    ) -> FunctionCallState:
        """Run ``call`` and record its result (or error) on it; returns it. Cancellation propagates."""
        call.state, call.started_at = "running", time.time()
        started = self._clock()
        try:
            reason = check_call(call, tool)
            if reason is not None:
                call.fail(reason)
                return call
            assert tool is not None and call.arguments is not None
            value = await asyncio.wait_for(self._invoke(tool, call.arguments, context or CallContext()), timeout_s)
            call.succeed(shape_result(value, limit))
        except TimeoutError:
            call.fail(f"The tool did not answer within {timeout_s:g} s.")
        except ToolError as exc:
            call.fail(short(str(exc)))
        except asyncio.CancelledError:
            call.fail("Stopped by the user.")
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of a tool becomes an error result
            log.info("tool %s failed: %s", call.name, type(exc).__name__)
            call.fail(short(f"The tool failed: {type(exc).__name__}: {exc}"))
        finally:
            call.finished_at = time.time()
            call.extra["run_s"] = round(self._clock() - started, 6)
        return call

    async def _invoke(self, tool: FunctionTool, arguments: dict[str, Any], context: CallContext) -> Any:
        if tool.provider == "local":
            if self.local.on_caller_thread(tool):
                return self.local.run(tool, arguments, context)
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._pool, self.local.run, tool, arguments, context)
        if self.remote is None:
            raise ToolError(f"No runner for {tool.name}.")
        return await self.remote.call_tool(tool, arguments)


def check_call(call: FunctionCallState, tool: FunctionTool | None) -> str | None:
    """Why ``call`` cannot run (a short reason), or None: undeclared tool, bad or invalid arguments."""
    if tool is None:
        return f"The tool {call.name!r} is not declared in this conversation."
    if call.arguments is None:
        return short(f"The arguments are not a JSON object: {call.raw_arguments[:80]!r}.")
    import jsonschema  # type: ignore[import-untyped]

    try:
        jsonschema.validate(call.arguments, tool.parameters or {"type": "object"})
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        return short(f"The arguments do not match the tool's schema{f' at {where}' if where else ''}: {exc.message}")
    except jsonschema.SchemaError:
        return "The tool's parameter schema is invalid."
    return None
