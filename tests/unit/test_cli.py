"""The command line: options, ``--help``, and the message a second launch sends."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import __version__, cli
from desktop.cli import Command


def test_every_option_is_parsed(tmp_path: Path) -> None:
    command, probe, rest = cli.parse(
        ["--new", "--ask", "hi there", "--attach", "a.txt", "sub/b.png", "--research", "rivers", "--quick"],
        cwd=str(tmp_path),
    )
    assert command == Command(
        new=True,
        ask="hi there",
        attach=[str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.png")],
        research="rivers",
        quick=True,
    )
    assert not probe and rest == []


def test_no_option_is_an_empty_command_and_qt_options_are_left_for_qt() -> None:
    command, probe, rest = cli.parse(["-platform", "offscreen", "--startup-probe"])
    assert command.is_empty and probe
    assert rest == ["-platform", "offscreen"]


def test_model_keeps_working() -> None:
    command, _, _ = cli.parse(["--model", "gemini-2.5-pro"])
    assert command.model == "gemini-2.5-pro" and command.is_empty
    command, _, _ = cli.parse(["--model=gemini-2.5-pro", "--quick"])
    assert command.model == "gemini-2.5-pro" and command.quick


def test_help_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.parse(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--new", "--ask TEXT", "--attach FILE", "--research TEXT", "--quick", "--version", "--model"):
        assert option in out
    assert "--startup-probe" not in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.parse(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_launch_main_returns_0_for_help_and_2_for_a_bad_option(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.launch import main

    assert main(["gemini-desktop", "--version"]) == 0
    assert main(["gemini-desktop", "--ask"]) == 2  # TEXT missing
    assert "--ask" in capsys.readouterr().err


def test_the_message_round_trips_with_unicode() -> None:
    command = Command(ask="Grüße, 世界\nzweite Zeile", attach=["/tmp/ä.txt"], quick=True)
    data = command.to_message()
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert Command.from_message(data.rstrip(b"\n")) == command


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"version": 99}', b'{"version": 1, "attach": "x"}', b"\xff\xfe"],
)
def test_a_bad_message_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        Command.from_message(data)


def test_the_socket_name_is_per_profile_and_private(tmp_path: Path) -> None:
    from desktop.cli import server_name

    run = tmp_path / "run"
    run.mkdir()
    a = server_name(tmp_path / "one", {"XDG_RUNTIME_DIR": str(run)})
    b = server_name(tmp_path / "two", {"XDG_RUNTIME_DIR": str(run)})
    assert a != b and a.startswith(str(run))
    assert server_name(tmp_path / "one", {"XDG_RUNTIME_DIR": str(run)}) == a
    plain = server_name(tmp_path / "one", {})
    assert "/" not in plain and plain.startswith("gemini-desktop-")


def test_a_second_launch_hands_over_through_a_plain_socket_without_loading_qt(tmp_path: Path) -> None:
    """The running app's end is played by a plain Unix socket here; the launch is a real process."""
    import os
    import socket
    import subprocess
    import sys
    import threading

    from desktop.cli import server_name

    env = dict(os.environ, XDG_RUNTIME_DIR=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["XDG_ACTIVATION_TOKEN"] = "token-from-the-desktop"
    name = server_name(tmp_path / "config" / "gemini-desktop", env)
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(name)
        listener.listen(1)

        def serve() -> None:
            conn, _ = listener.accept()
            with conn:
                data = b""
                while not data.endswith(b"\n"):
                    data += conn.recv(4096)
                received.append(data)
                conn.sendall(b"ok\n")

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        code = (
            "import sys; from desktop.launch import main; rc = main(['gemini-desktop', '--ask', 'hi', '--quick']); "
            "print('QT_LOADED', any(m.startswith('PySide6') for m in sys.modules)); sys.exit(rc)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            env=dict(env, PYTHONPATH=str(Path(__file__).resolve().parents[2])),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        thread.join(5)
    assert out.returncode == 0, out.stderr
    assert "QT_LOADED False" in out.stdout
    command = Command.from_message(received[0].rstrip(b"\n"))
    assert command == Command(ask="hi", quick=True)
    assert command.activation_token == "token-from-the-desktop"


def test_a_socket_file_nobody_listens_on_is_not_a_running_app(tmp_path: Path) -> None:
    import socket

    from desktop.cli import send_to_running

    path = tmp_path / "stale.sock"
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()
    assert path.exists()
    assert send_to_running(str(path), Command(new=True)) is False
    assert send_to_running(str(tmp_path / "missing.sock"), Command(new=True)) is False


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--new"],
        ["--quick"],
        ["--startup-probe"],
        ["--report-first-paint"],
        ["--quick", "--new", "--quick"],
        ["--report-first-paint", "--startup-probe", "--new"],
    ],
)
def test_the_plain_flags_read_without_the_parser_mean_what_the_parser_says(argv: list[str]) -> None:
    # A Qt option after them sends the same flags through argparse; only ``rest`` may differ.
    fast, fast_probe, fast_rest = cli.parse(argv)
    slow, slow_probe, slow_rest = cli.parse([*argv, "-platform", "offscreen"])
    assert fast == slow and fast_probe == slow_probe
    assert fast.report_first_paint == slow.report_first_paint
    assert (fast_rest, slow_rest) == ([], ["-platform", "offscreen"])
    assert fast_probe == ("--startup-probe" in argv)
    assert fast.report_first_paint == ("--report-first-paint" in argv)


def test_commands_compare_by_what_they_ask() -> None:
    assert Command(ask="hi", activation_token="a") == Command(ask="hi", activation_token="b")
    assert Command(ask="hi", report_first_paint=True) == Command(ask="hi")
    assert Command(ask="hi") != Command(ask="hi", quick=True)
    assert Command(attach=["/a"]) != Command(attach=["/b"])
    assert "ask='hi'" in repr(Command(ask="hi")) and "token" not in repr(Command(activation_token="t"))
    message = Command(ask="hi", activation_token="t", report_first_paint=True).to_message()
    assert b'"activation_token": "t"' in message and b"report_first_paint" not in message


def test_a_plain_launch_builds_no_parser() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from desktop import cli; cli.parse([]); cli.parse(['--quick', '--startup-probe']); "
        "print(sorted(m for m in ('argparse', 'dataclasses', 'json') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
