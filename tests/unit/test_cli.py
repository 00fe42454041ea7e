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
    from desktop.single_instance import server_name

    run = tmp_path / "run"
    run.mkdir()
    a = server_name(tmp_path / "one", {"XDG_RUNTIME_DIR": str(run)})
    b = server_name(tmp_path / "two", {"XDG_RUNTIME_DIR": str(run)})
    assert a != b and a.startswith(str(run))
    assert server_name(tmp_path / "one", {"XDG_RUNTIME_DIR": str(run)}) == a
    plain = server_name(tmp_path / "one", {})
    assert "/" not in plain and plain.startswith("gemini-desktop-")
