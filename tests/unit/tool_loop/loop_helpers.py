"""A real turn runner with the tool loop, a real store and the real service against the fake server,
and test tools that misbehave on purpose (sleep, raise, return 10 MB or bytes that are not UTF-8)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop import errors as app
from desktop.domain.conversation import Conversation, ConversationSettings, TextPart, Turn
from desktop.domain.function_calls import LOCAL_SERVER
from desktop.domain.tools import BuiltinTools, FunctionTool, ToolOption, ToolRegistry, ToolSelection
from desktop.services.conversation.chat_turn import TurnRunner
from desktop.services.conversation.tool_loop import ToolPolicy
from desktop.services.genai import GeminiService
from desktop.services.tools.executor import ToolExecutor
from desktop.services.tools.local import CallContext, LocalTools
from desktop.store import BlobStore, ConversationRepository, open_database
from tests.service_helpers import Sink, blocking

_OBJ = {"type": "object", "properties": {}, "additionalProperties": False}
TEST_FUNCTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "echo": ("Echo the text.", {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}),
    "hang": ("Sleeps for a long time.", _OBJ),
    "boom": ("Raises.", _OBJ),
    "huge": ("Returns 10 MB.", _OBJ),
    "binary": ("Returns bytes that are not UTF-8.", _OBJ),
    "meet": ("Waits until its partner runs too (proves parallel calls run concurrently).", _OBJ),
}


class TestTools(LocalTools):
    """The local tools plus test functions (ids ``test.<name>``)."""

    __test__ = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.barrier = threading.Barrier(2, timeout=5)
        self.release = threading.Event()
        self.ran: list[str] = []

    def options(self) -> Sequence[ToolOption]:
        extra = tuple(ToolOption(f"test.{n}", n.title(), n, "function", d) for n, (d, _) in TEST_FUNCTIONS.items())
        return (*super().options(), *extra)

    def functions(self, enabled: Sequence[str], selection: ToolSelection) -> list[FunctionTool]:
        out = super().functions(enabled, selection)
        for name, (description, schema) in TEST_FUNCTIONS.items():
            if f"test.{name}" in enabled:
                out.append(FunctionTool(name, description, schema, f"test.{name}", name.title(), LOCAL_SERVER))
        return out

    def run(self, tool: FunctionTool, arguments: Mapping[str, Any], context: CallContext) -> Any:
        self.ran.append(tool.name)
        if tool.name == "echo":
            return f"echo: {arguments['text']}"
        if tool.name == "hang":
            self.release.wait(30)
            return "woke up"
        if tool.name == "boom":
            raise RuntimeError("the disk is on fire")
        if tool.name == "huge":
            return "x" * (10 * 1024 * 1024)
        if tool.name == "binary":
            return b"\xff\xfe\x00bad"
        if tool.name == "meet":
            self.barrier.wait()
            return "met"
        return super().run(tool, arguments, context)


class LoopSetup:
    """One conversation with the loop; ``reopen`` simulates a kill and a restart (new store, new runner)."""

    def __init__(self, service: GeminiService, tmp: Path, policy: ToolPolicy | None = None) -> None:
        self.service = service
        self.tmp = tmp
        self.policy = policy or ToolPolicy(timeout_s=5.0)
        self.conversation = Conversation.new()
        self.settings = ConversationSettings()
        self.turns: list[Turn] = []
        self.opened: list[str] = []
        self._open()
        self.repo.insert(self.conversation)

    def _open(self) -> None:
        self.db = open_database(self.tmp / "c.sqlite3")
        self.repo = ConversationRepository(self.db)
        self.blobs = BlobStore(self.tmp / "blobs")
        self.tools = TestTools(allowed_folders=lambda: [str(self.tmp / "allowed")], open_url=self.opened.append)
        self.registry = ToolRegistry([BuiltinTools(), self.tools])
        self.executor = ToolExecutor(self.tools)
        self.runner = TurnRunner(
            self.repo,
            lambda: self.service,
            blocking,
            blobs=self.blobs,
            registry=self.registry,
            executor=self.executor,
            policy=lambda: self.policy,
        )

    def reopen(self) -> None:
        self.db.close()
        self.executor.shutdown()
        self._open()
        self.turns = self.repo.turns(self.conversation.id)

    def close(self) -> None:
        self.tools.release.set()
        self.executor.shutdown()
        self.db.close()

    async def send(self, text: str, sink: Sink | None = None) -> Turn:
        parent = self.turns[-1].id if self.turns else None
        turn = Turn.new(self.conversation.id, parent, [TextPart(text)])
        history = list(self.turns)
        self.turns.append(turn)
        with contextlib.suppress(app.AppError):
            await self.runner.run(turn, self.settings, history, sink or Sink())
        return turn

    async def advance(self, turn: Turn, sink: Sink | None = None) -> Turn:
        history = self.turns[: self.turns.index(turn)]
        with contextlib.suppress(app.AppError):
            await self.runner.advance(turn, self.settings, history, sink or Sink())
        return turn

    def stored(self, turn: Turn) -> Turn:
        return next(t for t in self.repo.turns(self.conversation.id) if t.id == turn.id)


async def wait_until(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.01)
