"""The command line: what ``gemini-desktop --help`` lists, parsed into a ``Command``.

Qt-free and cheap to import: it runs before the window exists, and in a second launch that only
hands its command to the running app (see ``desktop.single_instance``). It imports nothing at
module level that the first paint can do without: the ``argparse`` parser is built only for
options that take a value, ``--help`` and the like, and ``Command`` is a plain class rather than
a dataclass (``dataclasses`` and the code it generates cost ~2 ms before the paint).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__

if TYPE_CHECKING:
    import argparse

# The version of the message a second launch sends to the running app.
MESSAGE_VERSION = 1
# A second launch gives up on the running app after this long (it then exits all the same: the
# message is in the socket's buffer, or the running app is gone and the next launch replaces it).
HANDOFF_TIMEOUT_S = 1.5
# The options without a value, which ``parse`` reads without building the parser (the usual
# ``--quick`` and ``--new`` launches, the benchmarks' probes): option -> its name in ``parse``.
PLAIN_FLAGS = {
    "--new": "new",
    "--quick": "quick",
    "--startup-probe": "startup_probe",
    "--report-first-paint": "report_first_paint",
}


class Command:
    """What one launch asks of the app.

    ``attach`` holds absolute paths (relative ones are resolved against the launching shell's
    folder at parse time, since the running app may have another). ``model`` is ``--model``
    (the model of new conversations; honoured by the instance that starts, ignored when passed on).
    ``activation_token`` is the launching desktop's activation token (Wayland's
    ``XDG_ACTIVATION_TOKEN``): it lets the running app raise its window although another process
    asked. ``report_first_paint`` is ``--report-first-paint`` (benchmarks), never sent to a running
    app. Two commands are equal when they ask for the same (the token and the report flag aside).
    """

    __slots__ = ("activation_token", "ask", "attach", "model", "new", "quick", "report_first_paint", "research")
    # The fields that say what is asked: compared, shown by repr, and sent (with the token).
    ASKS = ("new", "ask", "attach", "research", "quick", "model")

    def __init__(
        self,
        new: bool = False,
        ask: str | None = None,
        attach: list[str] | None = None,
        research: str | None = None,
        quick: bool = False,
        model: str | None = None,
        activation_token: str | None = None,
        report_first_paint: bool = False,
    ) -> None:
        self.new = new
        self.ask = ask
        self.attach: list[str] = [] if attach is None else attach
        self.research = research
        self.quick = quick
        self.model = model
        self.activation_token = activation_token
        self.report_first_paint = report_first_paint

    def _asks(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.ASKS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Command):
            return NotImplemented
        return self._asks() == other._asks()

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as the dataclass it replaces was

    def __repr__(self) -> str:
        return "Command(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.ASKS) + ")"

    @property
    def is_empty(self) -> bool:
        """True when the launch asks for nothing but the window."""
        return not (self.new or self.ask or self.attach or self.research or self.quick)

    def to_message(self) -> bytes:
        """One JSON line for the running instance."""
        import json

        payload: dict[str, Any] = {"version": MESSAGE_VERSION}
        for name in self.ASKS:
            value = getattr(self, name)
            payload[name] = list(value) if isinstance(value, list) else value
        payload["activation_token"] = self.activation_token
        return (json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_message(cls, data: bytes) -> Command:
        """Parse ``to_message()``'s line; raises ``ValueError`` for anything else."""
        import json

        try:
            payload = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a command: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("version") != MESSAGE_VERSION:
            raise ValueError("not a command of this version")
        attach = payload.get("attach") or []
        if not isinstance(attach, list) or not all(isinstance(a, str) for a in attach):
            raise ValueError("attach must be a list of paths")

        def text(key: str) -> str | None:
            value = payload.get(key)
            return value if isinstance(value, str) else None

        return cls(
            new=bool(payload.get("new")),
            ask=text("ask"),
            attach=list(attach),
            research=text("research"),
            quick=bool(payload.get("quick")),
            model=text("model"),
            activation_token=text("activation_token"),
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``--help`` text included)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="gemini-desktop",
        description=(
            "Gemini Desktop: a desktop assistant for the Gemini Interactions API. When the app is already "
            "running (same user, same profile), the options are passed to it and this command exits."
        ),
        epilog=(
            "Bind a system shortcut to 'gemini-desktop --quick' for a global quick-ask key that works on "
            "X11 and Wayland alike (see the README)."
        ),
    )
    parser.add_argument("--new", action="store_true", help="open a new conversation")
    parser.add_argument("--ask", metavar="TEXT", help="start a new conversation and send TEXT")
    parser.add_argument(
        "--attach",
        metavar="FILE",
        nargs="+",
        default=[],
        help="attach files: sent with --ask, otherwise put into the composer",
    )
    parser.add_argument("--research", metavar="TEXT", help="start a Deep Research run on TEXT")
    parser.add_argument("--quick", action="store_true", help="open the quick-ask window")
    parser.add_argument("--model", metavar="ID", help="the model of new conversations (a retired ID is replaced)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # For tests/benchmarks/startup.py: print the first-paint time and quit.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    # For tests/benchmarks/idle.py: print the first-paint time and keep running.
    parser.add_argument("--report-first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse(argv: list[str], cwd: str | None = None) -> tuple[Command, bool, list[str]]:
    """Parse ``argv`` (without the program name).

    Returns the command, whether ``--startup-probe`` was given (``--report-first-paint`` sets
    ``Command.report_first_paint``), and the arguments left for Qt
    (e.g. ``-platform offscreen``). ``--help`` and ``--version`` print and raise ``SystemExit(0)``;
    a bad option prints the usage and raises ``SystemExit(2)``.
    """
    token = os.environ.get("XDG_ACTIVATION_TOKEN") or None
    if all(arg in PLAIN_FLAGS for arg in argv):
        # The usual launches (none: the desktop entry, autostart; ``--quick``, ``--new``): what the
        # parser would give, without building it (~3 ms before the first paint).
        given = {PLAIN_FLAGS[arg] for arg in argv}
        command = Command(
            new="new" in given,
            quick="quick" in given,
            activation_token=token,
            report_first_paint="report_first_paint" in given,
        )
        return command, "startup_probe" in given, []
    options, rest = build_parser().parse_known_args(argv)
    base = Path(cwd or os.getcwd())
    attach = [str((base / Path(name).expanduser()).resolve()) for name in options.attach]
    command = Command(
        new=options.new,
        ask=options.ask,
        attach=attach,
        research=options.research,
        quick=options.quick,
        model=options.model,
        activation_token=token,
    )
    command.report_first_paint = bool(options.report_first_paint)
    return command, bool(options.startup_probe), rest


# -- handing the command to the running app ----------------------------------------------------------
def server_name(config_dir: Path, environ: Mapping[str, str] | None = None) -> str:
    """The single-instance socket name for this user and profile (its config folder).

    On Unix with ``XDG_RUNTIME_DIR`` (private to the user) it is a path there; otherwise a name
    that Qt places in the temporary folder (Unix) or the pipe namespace (Windows), with the user
    name in it.
    """
    env = os.environ if environ is None else environ
    digest = _fnv1a_64(os.path.abspath(config_dir))
    runtime = env.get("XDG_RUNTIME_DIR")
    if os.name == "posix" and runtime and Path(runtime).is_dir():
        return str(Path(runtime) / f"gemini-desktop-{digest}.sock")
    import getpass

    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name (rare containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    safe_user = "".join(ch for ch in user if ch.isalnum()) or "user"
    return f"gemini-desktop-{safe_user}-{digest}"


def _fnv1a_64(text: str) -> str:
    """A stable 64-bit hash of ``text`` as 16 hex digits (FNV-1a: no hashlib to load before the first paint)."""
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def socket_path(name: str) -> Path | None:
    """Where ``QLocalServer`` puts ``name`` on Unix (a path, or a name in the temporary folder); None on Windows."""
    if os.name != "posix":
        return None
    return Path(name) if os.path.isabs(name) else Path(os.environ.get("TMPDIR") or "/tmp") / name


def send_to_running(name: str, command: Command, timeout_s: float = HANDOFF_TIMEOUT_S) -> bool:
    """Pass ``command`` to the app listening on ``name``; False when none is listening.

    True means the message was written (the running app answers ``ok`` within ``timeout_s`` when
    it is responsive). On Unix this is a plain socket, so a second launch loads no Qt at all.
    """
    path = socket_path(name)
    if path is None:
        from desktop.single_instance import send_to_running_qt

        return send_to_running_qt(name, command, int(timeout_s * 1000))
    if not path.exists():
        return False
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        try:
            sock.connect(str(path))
        except OSError:
            return False  # a stale socket (its app crashed), or not ours
        try:
            sock.sendall(command.to_message())
            sock.recv(16)  # "ok"; the reply only tells that the app is responsive
        except OSError:
            pass  # sent, or the app is busy: it reads the message when it can
    return True
