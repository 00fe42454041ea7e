"""MCP servers: the user's configured servers, their tools as functions, and calls to them.

The one module that imports the official ``mcp`` SDK, and only on first use (it pulls in a web
stack that start-up should not pay for). Three kinds of server:

* ``stdio``: a local command the app starts on first use, with a cleaned environment (no API
  keys; the variables the user set, secret ones read from the OS keyring);
* ``http``: a streamable-HTTP server the app connects to (headers, secret ones from the keyring);
* ``remote``: a server Google's side calls (``{"type": "mcp_server", ...}`` in ``tools``): the
  app only declares it ("runs on Google's side").

A local server's tools become function declarations named ``<server>__<tool>`` (valid under the
API's function-name rule, unique across servers). Servers run on their own asyncio loop in a
worker thread; a server that died is started again on the next call; ``stop_all`` stops them at
quit. The configuration (never a secret) is a JSON file; secrets live in the keyring only.

Tool options (ids stored in ``ConversationSettings.tools``):

* ``mcp.<server id>``: all tools of a local server, also those it adds later;
* ``mcp.<server id>/<tool name>``: one tool of it (the MCP tool's own name). A server id never
  holds a ``/`` (the app makes them from hex digits; ``from_dict`` replaces one), so the first
  ``/`` splits the id unambiguously, whatever the tool's name holds;
* ``mcp_remote.<server id>``: a remote server (its tools are chosen by ``allowed_tools``).

The server starts on first use, so the tools of each local server are remembered after every
successful listing (names and descriptions only: nothing secret) in a JSON file next to the
configuration (``McpToolCache``); their options are offered from it after a restart without
starting anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, TypeAlias

from desktop.domain.tools import FUNCTION_NAME_MAX, FunctionTool, ToolOption, ToolSelection
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.services.loop_thread import LoopThread
from desktop.services.tools.local import ToolError

log = logging.getLogger(__name__)

Transport: TypeAlias = Literal["stdio", "http", "remote"]
OPTION_PREFIX = "mcp."
REMOTE_PREFIX = "mcp_remote."
REMOTE_NOTE = QT_TRANSLATE_NOOP("McpServersDialog", "runs on Google's side")
REMOTE_DESCRIPTION = QT_TRANSLATE_NOOP("RunSettingsPanel", "MCP server (runs on Google's side)")
TOOL_SEPARATOR = "/"
ALL_TOOLS = QT_TRANSLATE_NOOP("RunSettingsPanel", "All tools")
DESCRIPTION_MAX = 1000  # characters of a tool's description kept in the cache
START_TIMEOUT_S = 20.0
LIST_TIMEOUT_S = 20.0
# A stopping stdio server gets the MCP SDK's own bounded shutdown: stdin closed, a 2 s grace, then
# its process group terminated and, 2 s later, killed (about 6.5 s at worst). Cancelling that
# shutdown midway leaves the process running, so a stop waits this long for it.
STOP_TIMEOUT_S = 10.0

# Variables a child process may inherit (everything else, API keys included, stays behind).
_INHERITED = ("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ")
_SECRETISH = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)", re.IGNORECASE)
_NAME_CHARS = re.compile(r"[^A-Za-z0-9_]+")


class SecretStore(Protocol):
    """Where secret values live (``desktop.keystore.KeyStore``). Blocking."""

    def load_secret(self, name: str) -> str | None:
        """The value, or None."""

    def save_secret(self, name: str, value: str) -> None:
        """Keep the value."""

    def forget_secret(self, name: str) -> None:
        """Remove the value."""


@dataclass(slots=True)
class McpServerConfig:
    """One configured server. ``env``/``headers`` hold the non-secret values; the names in
    ``secret_env``/``secret_headers`` have their values in the keyring only."""

    id: str
    name: str
    transport: Transport = "stdio"
    command: str = ""
    args: list[str] = field(default_factory=list)
    cwd: str = ""
    env: dict[str, str] = field(default_factory=dict)
    secret_env: list[str] = field(default_factory=list)
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    secret_headers: list[str] = field(default_factory=list)
    allowed_tools: list[str] = field(default_factory=list)

    @classmethod
    def new(cls, name: str, transport: Transport = "stdio", **values: Any) -> McpServerConfig:
        """A config with a fresh id."""
        return cls(uuid.uuid4().hex[:12], name, transport, **values)

    @property
    def option_id(self) -> str:
        """The Tools option that switches this server on in a conversation."""
        return (REMOTE_PREFIX if self.transport == "remote" else OPTION_PREFIX) + self.id

    def secret_key(self, kind: str, name: str) -> str:
        """The keyring entry of one secret value."""
        return f"mcp:{self.id}:{kind}:{name}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> McpServerConfig:
        """From the JSON file (unknown keys ignored; bad types fall back to defaults)."""
        transport = data.get("transport")

        def strs(key: str) -> list[str]:
            value = data.get(key)
            return [str(v) for v in value] if isinstance(value, list) else []

        def mapping(key: str) -> dict[str, str]:
            value = data.get(key)
            return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

        return cls(
            id=str(data.get("id") or uuid.uuid4().hex[:12]).replace(TOOL_SEPARATOR, "_"),
            name=str(data.get("name") or "MCP server"),
            transport=transport if transport in ("stdio", "http", "remote") else "stdio",
            command=str(data.get("command") or ""),
            args=strs("args"),
            cwd=str(data.get("cwd") or ""),
            env=mapping("env"),
            secret_env=strs("secret_env"),
            url=str(data.get("url") or ""),
            headers=mapping("headers"),
            secret_headers=strs("secret_headers"),
            allowed_tools=strs("allowed_tools"),
        )


def _secret_names(server: McpServerConfig) -> list[tuple[str, str]]:
    """``(kind, name)`` of every value of ``server`` kept in the keyring (kind ``env`` or ``header``)."""
    return [("env", n) for n in server.secret_env] + [("header", n) for n in server.secret_headers]


def function_name(server: str, tool: str) -> str:
    """``<server>__<tool>`` made valid for the API (letters, digits, ``_``; at most 64; starts with a
    letter). Long names keep a short hash so two tools never share a name."""
    left = _NAME_CHARS.sub("_", server).strip("_") or "mcp"
    right = _NAME_CHARS.sub("_", tool).strip("_") or "tool"
    name = f"{left}__{right}"
    if not name[0].isalpha():
        name = "m_" + name
    if len(name) > FUNCTION_NAME_MAX:
        digest = hashlib.sha1(f"{server}/{tool}".encode()).hexdigest()[:8]
        name = name[: FUNCTION_NAME_MAX - 9] + "_" + digest
    return name


def carry_function_names(
    names: Sequence[str], before: Sequence[McpServerConfig], after: Sequence[McpServerConfig]
) -> list[str]:
    """``names`` (function names, e.g. the tools always allowed) after the servers changed from
    ``before`` to ``after``: a renamed server's tools get its new name, a removed server's tools are
    dropped (a new server given the old name must not inherit them); other names are kept, in order."""
    current = {s.id: s for s in after}
    out: list[str] = []
    for name in names:
        carried: str | None = name
        for server in before:
            if server.transport == "remote":
                continue
            prefix = function_name(server.name, "x")[:-1]
            tool = name[len(prefix) :] if name.startswith(prefix) else ""
            if not tool or function_name(server.name, tool) != name:
                continue
            now = current.get(server.id)
            carried = function_name(now.name, tool) if now is not None and now.transport != "remote" else None
            break
        if carried is not None and carried not in out:
            out.append(carried)
    return out


def tool_option_id(server_id: str, tool: str) -> str:
    """The option of one tool of a local server: ``mcp.<server id>/<tool name>``."""
    return f"{OPTION_PREFIX}{server_id}{TOOL_SEPARATOR}{tool}"


def split_option_id(option_id: str) -> tuple[str, str | None]:
    """``mcp.<server id>[/<tool>]`` → (server id, tool name or None for all its tools).

    Raises ValueError for an id that is not a local server's option.
    """
    if not option_id.startswith(OPTION_PREFIX):
        raise ValueError(f"not an MCP tool option: {option_id!r}")
    server_id, separator, tool = option_id.removeprefix(OPTION_PREFIX).partition(TOOL_SEPARATOR)
    return server_id, (tool if separator else None)


def child_environment(extra: Mapping[str, str], base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a server process: a few harmless variables of ours, then the user's.

    Nothing that looks like a key or token is inherited (the Gemini API key stays behind); the
    user's own variables (``extra``) are passed as given.
    """
    from desktop.processes import child_environment as without_keys  # the one door for child processes

    source = without_keys(os.environ if base is None else base)
    env = {k: source[k] for k in _INHERITED if k in source and not _SECRETISH.search(k)}
    env.update(extra)
    return env


class McpServerStore:
    """The servers' configuration in a JSON file, and their secret values in the keyring. Blocking."""

    def __init__(self, path: Path, secrets: SecretStore | None) -> None:
        self.path = path
        self._secrets = secrets

    def load(self) -> list[McpServerConfig]:
        """The configured servers (an unreadable file counts as none, and is logged)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError):
            log.warning("the MCP servers file could not be read; no server is configured")
            return []
        items = data.get("servers") if isinstance(data, dict) else None
        return [McpServerConfig.from_dict(d) for d in items or [] if isinstance(d, dict)]

    def save(self, servers: Sequence[McpServerConfig], secrets: Mapping[str, Mapping[str, str]] | None = None) -> None:
        """Write the servers (no secret in the file) and keep ``secrets`` (server id → {key → value},
        keys like ``env:TOKEN`` or ``header:Authorization``) in the keyring.

        A secret the new configuration no longer has (its server removed, its row removed or no
        longer marked secret) is removed from the keyring once the file is written.
        """
        before = self.load()
        for server in servers:
            for key, value in (secrets or {}).get(server.id, {}).items():
                kind, _, name = key.partition(":")
                self.keep_secret(server, kind, name, value)
        payload = {"servers": [asdict(s) for s in servers]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        tmp.replace(self.path)
        still = {(s.id, kind, name) for s in servers for kind, name in _secret_names(s)}
        for server in before:
            for kind, name in _secret_names(server):
                if (server.id, kind, name) not in still and self._secrets is not None:
                    self._secrets.forget_secret(server.secret_key(kind, name))

    def keep_secret(self, server: McpServerConfig, kind: str, name: str, value: str) -> None:
        """Keep one secret value (``kind``: ``env`` or ``header``) in the keyring."""
        if self._secrets is None:
            raise ToolError("No keyring is available for secret values.")
        self._secrets.save_secret(server.secret_key(kind, name), value)

    def forget_secrets(self, server: McpServerConfig) -> None:
        """Remove a server's secret values from the keyring (when the server is removed)."""
        if self._secrets is None:
            return
        for kind, name in _secret_names(server):
            self._secrets.forget_secret(server.secret_key(kind, name))

    def secret(self, server: McpServerConfig, kind: str, name: str) -> str:
        """One secret value ("" when missing)."""
        if self._secrets is None:
            return ""
        return self._secrets.load_secret(server.secret_key(kind, name)) or ""

    def resolved_env(self, server: McpServerConfig, edited: Mapping[str, str] | None = None) -> dict[str, str]:
        """The server's variables with the secret ones read from the keyring (or from ``edited``,
        ``{"env:NAME": value}``: values typed in the dialog and not saved yet)."""
        env = dict(server.env)
        for name in server.secret_env:
            typed = (edited or {}).get(f"env:{name}")
            env[name] = typed if typed is not None else self.secret(server, "env", name)
        return env

    def resolved_headers(self, server: McpServerConfig, edited: Mapping[str, str] | None = None) -> dict[str, str]:
        """The server's headers with the secret ones read from the keyring (or from ``edited``,
        ``{"header:NAME": value}``)."""
        headers = dict(server.headers)
        for name in server.secret_headers:
            typed = (edited or {}).get(f"header:{name}")
            headers[name] = typed if typed is not None else self.secret(server, "header", name)
        return headers


@dataclass(frozen=True, slots=True)
class KnownTool:
    """A tool a server listed, as remembered to be shown: its MCP name and description."""

    name: str
    description: str = ""


class McpToolCache:
    """The remembered tool listings of local servers, a JSON file next to the configuration. Blocking.

    Shape: ``{"servers": {"<server id>": {"tools": [{"name": str, "description": str}, ...]}}}``.
    Only names and descriptions as the server reported them: no secret is ever written here.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, list[KnownTool]]:
        """Server id → its tools (an unreadable file counts as empty, and is logged)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("the remembered MCP tool listings could not be read; they are listed again on use")
            return {}
        servers = data.get("servers") if isinstance(data, dict) else None
        out: dict[str, list[KnownTool]] = {}
        for server_id, entry in (servers or {}).items() if isinstance(servers, dict) else ():
            tools = entry.get("tools") if isinstance(entry, dict) else None
            if isinstance(tools, list):
                out[str(server_id)] = [
                    KnownTool(str(t["name"]), str(t.get("description") or ""))
                    for t in tools
                    if isinstance(t, dict) and isinstance(t.get("name"), str) and t["name"]
                ]
        return out

    def save(self, listings: Mapping[str, Sequence[KnownTool]]) -> None:
        """Write all listings (replacing the file atomically). Raises OSError."""
        payload = {"servers": {sid: {"tools": [asdict(t) for t in tools]} for sid, tools in listings.items()}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)


def cache_path(config_path: Path) -> Path:
    """Where the tool listings of the servers configured in ``config_path`` are remembered."""
    return config_path.with_suffix(".tools.json")


@dataclass(slots=True)
class _Connection:
    """A running server: its session, and the task that owns its transport."""

    session: Any
    task: asyncio.Task[None]
    stop: asyncio.Event
    tools: list[FunctionTool]
    problems: list[str]
    started_s: float = 0.0
    listed_s: float = 0.0


class McpManager:
    """Starts servers on first use, lists their tools, calls them, restarts dead ones, stops them all.

    Also the registry provider of MCP tools: a remote server is one option; a local server is a
    group (``ToolOption.group``): its own option ("All tools": every tool it has) and one option
    per remembered tool, so a conversation can switch single tools on. ``list_functions`` blocks
    (it may start a server): the registry calls it while a request is built on an I/O thread,
    never on the GUI thread.

    Every successful listing is remembered (``McpToolCache``); when it differs from what was
    remembered, the listeners (``add_tools_listener``) are called with the server id, on whatever
    thread listed (a GUI must hop to its own thread).
    """

    provider = "mcp"

    def __init__(
        self,
        store: McpServerStore,
        *,
        start_timeout_s: float = START_TIMEOUT_S,
        tool_cache: McpToolCache | None = None,
    ) -> None:
        self.store = store
        self.servers: list[McpServerConfig] = store.load()
        self.tool_cache = tool_cache or McpToolCache(cache_path(store.path))
        self._known_lock = threading.Lock()
        self._known: dict[str, list[KnownTool]] = self.tool_cache.load()
        self._tools_listeners: list[Callable[[str], None]] = []
        self._failure_listeners: list[Callable[[str, str], None]] = []
        self._start_timeout = start_timeout_s
        self._loop: LoopThread | None = None
        # Set by ``stop_all`` (at quit): no server starts after it (``_loop`` and this, under the lock).
        self._closed = False
        self._worker_lock = threading.Lock()
        self._connections: dict[str, _Connection] = {}
        self._starting: dict[str, asyncio.Future[_Connection]] = {}
        self.last_errors: dict[str, str] = {}
        self.timings: dict[str, tuple[float, float]] = {}

    # -- configuration ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the configuration again (after the dialog saved it); changed servers restart on next use."""
        self.servers = self.store.load()
        known = {s.id for s in self.servers}
        for server_id in list(self._connections):
            self._submit_stop(server_id)
            if server_id not in known:
                self.last_errors.pop(server_id, None)
        with self._known_lock:
            gone = [sid for sid in self._known if sid not in known]
            for server_id in gone:
                del self._known[server_id]
            listings = dict(self._known)
        if gone:
            self._save_known(listings)

    def server(self, server_id: str) -> McpServerConfig | None:
        """A configured server by id."""
        return next((s for s in self.servers if s.id == server_id), None)

    # -- remembered listings ----------------------------------------------------------------------
    def known_tools(self, server_id: str) -> list[KnownTool] | None:
        """The tools the server listed last time (None: never listed)."""
        with self._known_lock:
            tools = self._known.get(server_id)
            return None if tools is None else list(tools)

    def add_tools_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(server_id)`` when a listing changed what is known of a server's tools
        (called on the thread that listed)."""
        self._tools_listeners.append(listener)

    def add_failure_listener(self, listener: Callable[[str, str], None]) -> None:
        """Call ``listener(server_id, reason)`` when a server switched on in a request could not be
        used, so its tools were left out (called on the thread that built the request)."""
        self._failure_listeners.append(listener)

    def _remember(self, server_id: str, functions: Sequence[FunctionTool]) -> bool:
        """Keep a fresh listing (blocking: writes the cache); True when it changed, after telling the listeners."""
        tools = [KnownTool(f.target or f.name, f.description[:DESCRIPTION_MAX]) for f in functions]
        with self._known_lock:
            if self._known.get(server_id) == tools:
                return False
            self._known[server_id] = tools
            listings = dict(self._known)
        self._save_known(listings)
        for listener in list(self._tools_listeners):
            try:
                listener(server_id)
            except Exception:  # a listener's bug must not break a listing
                log.exception("an MCP tools listener failed")
        return True

    def _save_known(self, listings: Mapping[str, Sequence[KnownTool]]) -> None:
        try:
            self.tool_cache.save(listings)
        except OSError as exc:
            log.warning("the MCP tool listings could not be remembered: %s", exc)

    # -- registry provider ------------------------------------------------------------------------
    def options(self) -> Sequence[ToolOption]:
        """Remote servers: one option each (they run on Google's side). Local servers: a group
        titled with the server's name: "All tools" (``mcp.<id>``), then one option per remembered
        tool (``mcp.<id>/<tool>``, labelled with the tool's name)."""
        out = []
        for s in self.servers:
            if s.transport == "remote":
                out.append(ToolOption(s.option_id, s.name, s.name, "server", REMOTE_DESCRIPTION))
                continue
            out.append(
                ToolOption(
                    s.option_id,
                    ALL_TOOLS,
                    s.name,
                    "mcp",
                    f"MCP server ({s.transport}) on this computer: all its tools",
                    group=s.option_id,
                    group_label=s.name,
                )
            )
            for tool in self.known_tools(s.id) or ():
                out.append(
                    ToolOption(
                        tool_option_id(s.id, tool.name),
                        tool.name,
                        tool.name,
                        "mcp",
                        tool.description,
                        group=s.option_id,
                        group_label=s.name,
                    )
                )
        return out

    @staticmethod
    def chosen_tools(server: McpServerConfig, enabled: Sequence[str]) -> set[str] | None:
        """The tool names of ``server`` switched on one by one in ``enabled``; None when all are on."""
        if server.option_id in enabled:
            return None
        prefix = server.option_id + TOOL_SEPARATOR
        return {e.removeprefix(prefix) for e in enabled if e.startswith(prefix)}

    def declarations(self, enabled: Sequence[str], selection: ToolSelection) -> list[dict[str, Any]]:
        """Remote servers as ``mcp_server`` tools; local servers' tools as functions (may start them)."""
        out: list[dict[str, Any]] = []
        for s in self.servers:
            if s.option_id not in enabled:
                continue
            if s.transport == "remote":
                tool: dict[str, Any] = {"type": "mcp_server", "name": s.name, "url": s.url}
                headers = self.store.resolved_headers(s)
                if headers:
                    tool["headers"] = headers
                if s.allowed_tools:
                    tool["allowed_tools"] = list(s.allowed_tools)
                out.append(tool)
        out.extend(f.declaration() for f in self.functions(enabled, selection))
        return out

    def problems(self, enabled: Sequence[str], selection: ToolSelection) -> list[str]:
        """A remote server needs an http(s) URL."""
        return [
            f"The MCP server {s.name} needs an http or https URL."
            for s in self.servers
            if s.option_id in enabled and s.transport == "remote" and not s.url.startswith(("http://", "https://"))
        ]

    def functions(self, enabled: Sequence[str], selection: ToolSelection) -> list[FunctionTool]:
        """The enabled tools of local servers: all of a server whose own option is on, else those
        switched on one by one (a server is started and listed on first use; one that cannot start
        contributes none, and its error is kept in ``last_errors``)."""
        out: list[FunctionTool] = []
        for s in self.servers:
            if s.transport == "remote":
                continue
            chosen = self.chosen_tools(s, enabled)
            if chosen is not None and not chosen:
                continue
            try:
                listed = self.list_functions(s)
            except ToolError as exc:
                self.last_errors[s.id] = str(exc)
                log.info("MCP server %s is unavailable: %s", s.name, exc)
                for listener in list(self._failure_listeners):
                    try:
                        listener(s.id, str(exc))
                    except Exception:  # a listener's bug must not break the request
                        log.exception("an MCP failure listener failed")
                continue
            out.extend(f for f in listed if chosen is None or f.target in chosen)
        return out

    # -- running ----------------------------------------------------------------------------------
    def list_functions(self, server: McpServerConfig) -> list[FunctionTool]:
        """The server's tools as functions (blocking; starts the server when needed). Raises ToolError."""
        connection = self._worker().submit(self._ensure(server)).result(self._start_timeout + LIST_TIMEOUT_S + 5)
        return list(connection.tools)

    async def list_tools(self, server: McpServerConfig) -> list[KnownTool]:
        """Start ``server`` if needed (it keeps running, as after a first use) and list its tools,
        which are remembered. Raises ToolError with why it failed."""
        connection = await self._worker().run(self._ensure(server))
        return [KnownTool(f.target or f.name, f.description) for f in connection.tools]

    async def test(self, server: McpServerConfig, edited: Mapping[str, str] | None = None) -> list[str]:
        """Start ``server`` afresh, list its tools, stop it: the tool names, or ToolError with why.

        ``edited`` (``{"env:NAME"|"header:NAME": value}``) are secret values typed and not saved:
        the test uses them without writing them to the keyring (a test must not change what is saved).
        """
        return await self._worker().run(self._test(server, dict(edited or {})))

    async def call_tool(self, tool: FunctionTool, arguments: dict[str, Any]) -> Any:
        """Call an MCP tool; returns text or content blocks; raises ToolError (error result, dead server)."""
        try:
            server_id, _tool = split_option_id(tool.tool_id)
        except ValueError:
            raise ToolError("This is not a tool of a local MCP server.") from None
        server = self.server(server_id)
        if server is None:
            raise ToolError("This MCP server is no longer configured.")
        return await self._worker().run(self._call(server, tool.target or tool.name, arguments))

    def stop_all(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stop every server (at quit), then the MCP loop; bounded by ``timeout`` plus 2 s.

        Blocks until the servers have ended (a few milliseconds for a server that exits when its
        stdin closes; seconds for one the SDK has to terminate). From then on no server starts:
        listing or calling a tool raises ToolError (a request built while the app quits would
        otherwise start a server that nothing stops).
        """
        with self._worker_lock:
            self._closed = True
            worker, self._loop = self._loop, None
        if worker is None:
            return
        with contextlib.suppress(Exception):
            worker.submit(self._stop_all(timeout)).result(timeout + 0.5)
        worker.stop()

    def stop_all_in_background(self, timeout: float = STOP_TIMEOUT_S) -> threading.Thread:
        """``stop_all`` on a thread of its own (at quit); the caller may wait for the thread or not.

        Not a daemon thread: the interpreter's exit waits for it (bounded, see ``stop_all``), so the
        servers are ended, not left running when the app's process ends first.
        """
        thread = threading.Thread(target=self.stop_all, args=(timeout,), name="mcp-stop", daemon=False)
        thread.start()
        return thread

    def running(self, server_id: str) -> bool:
        """Whether the server is connected now."""
        connection = self._connections.get(server_id)
        return connection is not None and not connection.task.done()

    # -- on the MCP loop ----------------------------------------------------------------------------
    def _worker(self) -> LoopThread:
        with self._worker_lock:
            if self._closed:
                raise ToolError("The app is quitting: MCP servers are not started any more.")
            if self._loop is None:
                self._loop = LoopThread(name="mcp-loop")
            return self._loop

    def _submit_stop(self, server_id: str) -> None:
        if self._loop is not None:
            self._loop.submit(self._stop(server_id))

    async def _stop(self, server_id: str, timeout: float = STOP_TIMEOUT_S) -> None:
        connection = self._connections.pop(server_id, None)
        if connection is not None:
            connection.stop.set()
            # Not wait_for: on timeout it cancels the transport's task, and a cancel that lands in
            # the SDK's shutdown of the server process stops it from ever terminating the process.
            await asyncio.wait({connection.task}, timeout=timeout)

    async def _stop_all(self, timeout: float = STOP_TIMEOUT_S) -> None:
        await asyncio.gather(*(self._stop(server_id, timeout) for server_id in list(self._connections)))

    async def _ensure(self, server: McpServerConfig, edited: Mapping[str, str] | None = None) -> _Connection:
        connection = self._connections.get(server.id)
        if connection is not None and not connection.task.done():
            return connection
        if connection is not None:
            log.info("MCP server %s had stopped; starting it again", server.name)
            self._connections.pop(server.id, None)
        pending = self._starting.get(server.id)
        if pending is None:
            pending = asyncio.ensure_future(self._start(server, edited))
            self._starting[server.id] = pending
            pending.add_done_callback(lambda _f: self._starting.pop(server.id, None))
        connection = await asyncio.shield(pending)
        self._connections[server.id] = connection
        self.last_errors.pop(server.id, None)
        return connection

    async def _start(self, server: McpServerConfig, edited: Mapping[str, str] | None = None) -> _Connection:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[_Connection] = loop.create_future()
        stop = asyncio.Event()
        env = child_environment(await asyncio.to_thread(self.store.resolved_env, server, edited))
        headers = (
            await asyncio.to_thread(self.store.resolved_headers, server, edited) if server.transport == "http" else {}
        )
        task = asyncio.ensure_future(self._serve(server, env, headers, ready, stop))
        try:
            connection = await asyncio.wait_for(asyncio.shield(ready), self._start_timeout)
        except TimeoutError:
            stop.set()
            ready.cancel()  # nobody waits for it any more
            task.cancel()
            # Wait for the transport to end the process (it terminates, then kills, the server).
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(task, 5.0)
            raise ToolError(
                f"The MCP server {server.name} did not finish starting within {self._start_timeout:g} s."
            ) from None
        # Every successful listing is remembered, so the tools are offered after a restart unstarted.
        await asyncio.to_thread(self._remember, server.id, connection.tools)
        return connection

    async def _serve(
        self,
        server: McpServerConfig,
        env: dict[str, str],
        headers: dict[str, str],
        ready: asyncio.Future[_Connection],
        stop: asyncio.Event,
    ) -> None:
        """Own the transport and session of one server (entered and left in this one task)."""
        from mcp import ClientSession

        started = time.perf_counter()
        try:
            async with contextlib.AsyncExitStack() as stack:
                if server.transport == "http":
                    read, write = await stack.enter_async_context(_http_transport(server.url, headers))
                else:
                    read, write = await stack.enter_async_context(_stdio_transport(server, env))
                session = await stack.enter_async_context(ClientSession(read, write))
                await session.initialize()
                up = time.perf_counter()
                listing = await asyncio.wait_for(session.list_tools(), LIST_TIMEOUT_S)
                tools, problems = _as_functions(server, listing.tools)
                listed = time.perf_counter()
                self.timings[server.id] = (up - started, listed - up)
                task = asyncio.current_task()
                assert task is not None
                connection = _Connection(session, task, stop, tools, problems, up - started, listed - up)
                if not ready.done():
                    ready.set_result(connection)
                await stop.wait()
        except asyncio.CancelledError:
            if not ready.done():
                ready.set_exception(ToolError(f"The MCP server {server.name} was stopped while starting."))
            raise
        except BaseException as exc:  # noqa: BLE001 - anything a transport raises ends this server
            reason = _describe(exc)
            log.info("MCP server %s ended: %s", server.name, reason)
            if not ready.done():
                ready.set_exception(ToolError(f"The MCP server {server.name} could not start: {reason}"))

    async def _test(self, server: McpServerConfig, edited: Mapping[str, str]) -> list[str]:
        await self._stop(server.id)
        connection = await self._ensure(server, edited)
        names = [t.target for t in connection.tools]
        await self._stop(server.id)
        return names + [f"(skipped: {p})" for p in connection.problems]

    async def _call(self, server: McpServerConfig, tool: str, arguments: dict[str, Any]) -> Any:
        connection = await self._ensure(server)
        try:
            result = await connection.session.call_tool(tool, arguments)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a dead server or a broken pipe
            # The server may be gone: the next call starts it again.
            await self._stop(server.id)
            raise ToolError(f"The MCP server {server.name} failed during the call: {_describe(exc)}") from None
        if connection.task.done():
            self._connections.pop(server.id, None)
        blocks = _content_blocks(getattr(result, "content", None) or [])
        if getattr(result, "is_error", False):
            text = " ".join(b.get("text", "") for b in blocks if b.get("type") == "text")
            raise ToolError(text or "The MCP tool reported an error.")
        structured = getattr(result, "structured_content", None)
        if not blocks and structured is not None:
            return structured
        if len(blocks) == 1 and blocks[0]["type"] == "text":
            return blocks[0]["text"]
        return blocks


@contextlib.asynccontextmanager
async def _stdio_transport(server: McpServerConfig, env: dict[str, str]) -> Any:
    from mcp.client.stdio import StdioServerParameters, stdio_client

    if not server.command.strip():
        raise ToolError("No command is set.")
    params = StdioServerParameters(command=server.command, args=list(server.args), env=env, cwd=server.cwd or None)
    with open(os.devnull, "w", encoding="utf-8") as errlog:  # a server's stderr may print secrets
        async with stdio_client(params, errlog=errlog) as streams:
            yield streams


@contextlib.asynccontextmanager
async def _http_transport(url: str, headers: dict[str, str]) -> Any:
    import httpx2
    from mcp.client.streamable_http import streamable_http_client

    if not url.startswith(("http://", "https://")):
        raise ToolError("The URL must start with http:// or https://.")
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30.0) as client,
        streamable_http_client(url, http_client=client) as streams,
    ):
        yield streams[0], streams[1]


def _as_functions(server: McpServerConfig, tools: Sequence[Any]) -> tuple[list[FunctionTool], list[str]]:
    """The listed tools as functions; malformed ones are skipped with a reason."""
    out: list[FunctionTool] = []
    problems: list[str] = []
    seen: set[str] = set()
    for tool in tools:
        name = getattr(tool, "name", None)
        schema = getattr(tool, "input_schema", None)
        if not isinstance(name, str) or not name:
            problems.append("a tool without a name")
            continue
        if not isinstance(schema, dict) or schema.get("type", "object") != "object":
            problems.append(f"{name}: its input schema is not an object schema")
            continue
        wire = function_name(server.name, name)
        if wire in seen:
            problems.append(f"{name}: its name clashes with another tool")
            continue
        seen.add(wire)
        description = str(getattr(tool, "description", "") or name)
        parameters = {k: v for k, v in schema.items() if k not in ("$schema",)}
        parameters.setdefault("type", "object")
        option = tool_option_id(server.id, name)
        out.append(FunctionTool(wire, description, parameters, option, name, server.name, "mcp", target=name))
    return out, problems


def _content_blocks(content: Sequence[Any]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for item in content:
        kind = getattr(item, "type", None)
        if kind == "text":
            blocks.append({"type": "text", "text": str(getattr(item, "text", ""))})
        elif kind == "image":
            blocks.append(
                {"type": "image", "data": getattr(item, "data", ""), "mime_type": getattr(item, "mime_type", "")}
            )
        else:
            dump = item.model_dump(mode="json", exclude_none=True) if hasattr(item, "model_dump") else str(item)
            blocks.append({"type": "text", "text": json.dumps(dump, ensure_ascii=False)})
    return blocks


def _describe(exc: BaseException) -> str:
    """A short reason for a failure (an exception group is unwrapped to its first cause)."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]
