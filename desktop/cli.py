"""The command line: what ``gemini-desktop --help`` lists, parsed into a ``Command``.

Qt-free and cheap to import: it runs before the window exists, and in a second launch that only
hands its command to the running app (see ``desktop.single_instance``).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop import __version__

# The version of the message a second launch sends to the running app.
MESSAGE_VERSION = 1


@dataclass(slots=True)
class Command:
    """What one launch asks of the app.

    ``attach`` holds absolute paths (relative ones are resolved against the launching shell's
    folder at parse time, since the running app may have another). ``model`` is ``--model``
    (the model of new conversations; honoured by the instance that starts, ignored when passed on).
    """

    new: bool = False
    ask: str | None = None
    attach: list[str] = field(default_factory=list)
    research: str | None = None
    quick: bool = False
    model: str | None = None
    # ``--report-first-paint`` (benchmarks): not sent to a running app.
    report_first_paint: bool = field(default=False, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        """True when the launch asks for nothing but the window."""
        return not (self.new or self.ask or self.attach or self.research or self.quick)

    def to_message(self) -> bytes:
        """One JSON line for the running instance."""
        import json

        payload: dict[str, Any] = {"version": MESSAGE_VERSION, **asdict(self)}
        payload.pop("report_first_paint", None)
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
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``--help`` text included)."""
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
    if not argv:  # the usual launch (desktop entry, tray autostart): no parser to build
        return Command(), False, []
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
    )
    command.report_first_paint = bool(options.report_first_paint)
    return command, bool(options.startup_probe), rest
