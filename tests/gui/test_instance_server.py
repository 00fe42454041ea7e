"""The running app's end of the single-instance socket, in process."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from desktop.cli import Command, send_to_running
from desktop.single_instance import InstanceServer
from tests.gui.conftest import until
from tests.gui.harness import build, quit_app, service_config_for


async def test_the_server_takes_a_command_and_answers_ok(qtbot, tmp_path: Path):
    name = str(tmp_path / "app.sock")
    server = InstanceServer(name)
    assert server.listen() and server.listening
    got: list[Command] = []
    server.command_received.connect(got.append)
    result: list[bool] = []
    sender = threading.Thread(target=lambda: result.append(send_to_running(name, Command(ask="über", quick=True))))
    sender.start()
    await until(lambda: got, message="command received")
    await until(lambda: result, message="sender done")
    sender.join(5)
    assert got == [Command(ask="über", quick=True)] and result == [True]
    # A second server on the same name sees the live one and refuses (the caller hands over instead).
    other = InstanceServer(name)
    assert other.listen() is False
    server.close()
    assert not Path(name).exists()


async def test_garbage_is_refused_and_the_server_keeps_listening(qtbot, tmp_path: Path):
    import socket

    name = str(tmp_path / "app.sock")
    server = InstanceServer(name)
    assert server.listen()
    got: list[Command] = []
    server.command_received.connect(got.append)

    def send_garbage() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(name)
            sock.sendall(b"hello\n")
            sock.recv(16)

    thread = threading.Thread(target=send_garbage)
    thread.start()
    await asyncio.sleep(0.3)
    thread.join(5)
    assert got == []
    ok: list[bool] = []
    thread = threading.Thread(target=lambda: ok.append(send_to_running(name, Command(new=True))))
    thread.start()
    await until(lambda: got, message="a good command after the garbage")
    thread.join(5)
    server.close()


async def test_a_command_that_arrives_before_the_app_is_built_is_kept(qtbot, fake_server, app_paths, tmp_path):
    server = InstanceServer(str(tmp_path / "early.sock"))
    window, app = build(qtbot, app_paths, service_config_for(fake_server), tray_available=False, instance=server)
    server.command_received.emit(Command(quick=True))  # before run(): nothing is built yet
    task = asyncio.ensure_future(app.run())
    try:
        await until(lambda: app.quick_window is not None and app.quick_window.isVisible(), message="quick shown")
    finally:
        await quit_app(window, task)
