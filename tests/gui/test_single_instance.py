"""One app per user and profile: a second ``python -m desktop`` hands its command line to the first.

Two real processes against the fake server (offscreen).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.fake_api import FakeInteractionsServer
from tests.gui.harness import child_environment


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _log(home: Path) -> Path:
    return home / "state" / "gemini-desktop" / "log" / "gemini-desktop.log"


def _wait_started(home: Path, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Until the app has started (its database open and the session begun)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the app exited early: {proc.stdout.read().decode()}")  # type: ignore[union-attr]
        if _log(home).exists() and "Gemini Desktop starting" in _log(home).read_text():
            sockets = list((home / "run").glob("gemini-desktop-*.sock"))
            if sockets:
                time.sleep(0.5)  # the database opens right after the log line
                return
        time.sleep(0.05)
    raise AssertionError("the app did not start")


def _stop(proc: subprocess.Popen[bytes]) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _launch_again(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """A second ``python -m desktop`` with ``args`` in the same profile, run to its end."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], env=env, capture_output=True, timeout=30, check=False
    )


def _prompts(server: FakeInteractionsServer) -> list[str]:
    out = []
    for request in server.interaction_requests():
        body = request.json
        text = body.get("input")
        out.append(text if isinstance(text, str) else str(text))
    return out


def test_a_second_launch_passes_ask_to_the_running_app_and_exits_0(
    fake_server: FakeInteractionsServer, tmp_path: Path
) -> None:
    env = child_environment(fake_server, tmp_path)
    first = _start(env)
    try:
        _wait_started(tmp_path, first)
        second = _launch_again(env, "--ask", "hello from the second launch")
        assert second.returncode == 0, second.stdout.decode() + second.stderr.decode()
        # The first app sent it (the second never opened a window or a database of its own).
        assert fake_server.wait_for(
            lambda s: any("hello from the second launch" in p for p in _prompts(s)), timeout=30
        ), _prompts(fake_server)
        assert first.poll() is None
    finally:
        assert _stop(first) == 0


def test_the_first_launch_carries_out_its_own_options(fake_server: FakeInteractionsServer, tmp_path: Path) -> None:
    env = child_environment(fake_server, tmp_path)
    first = _start(env, "--ask", "asked at start")
    try:
        assert fake_server.wait_for(lambda s: any("asked at start" in p for p in _prompts(s)), timeout=60), _prompts(
            fake_server
        )
    finally:
        assert _stop(first) == 0


def test_a_stale_socket_left_by_a_crash_is_replaced(fake_server: FakeInteractionsServer, tmp_path: Path) -> None:
    env = child_environment(fake_server, tmp_path)
    # A crashed app's socket file: it exists, but nobody accepts on it.
    from desktop.single_instance import server_name

    name = server_name(tmp_path / "config" / "gemini-desktop", env)
    assert name.startswith(str(tmp_path / "run"))
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(name)
    dead.close()
    assert Path(name).exists()
    first = _start(env)
    try:
        _wait_started(tmp_path, first)
        second = _launch_again(env, "--ask", "after the crash")
        assert second.returncode == 0
        assert fake_server.wait_for(lambda s: any("after the crash" in p for p in _prompts(s)), timeout=30)
    finally:
        assert _stop(first) == 0
