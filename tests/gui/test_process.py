"""The real program as a user starts it: ``python -m desktop`` in its own process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.fake_api import FakeInteractionsServer
from tests.gui.harness import child_environment


def _start(server: FakeInteractionsServer, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop"],
        env=child_environment(server, home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_for_log(home: Path, text: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    log = home / "state" / "gemini-desktop" / "log" / "gemini-desktop.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the app exited early: {proc.stdout.read().decode()}")  # type: ignore[union-attr]
        if log.exists() and text in log.read_text():
            return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in the log")


def test_sigterm_quits_cleanly_with_status_0(fake_server: FakeInteractionsServer, tmp_path: Path) -> None:
    proc = _start(fake_server, tmp_path)
    try:
        _wait_for_log(tmp_path, "Gemini Desktop starting", proc)
        # The client is warmed in the background: the models list is not needed, but the SDK import is.
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert "Gemini Desktop stopped" in (tmp_path / "state/gemini-desktop/log/gemini-desktop.log").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# What start-up may have imported when the window first paints (desktop.launch imports the rest
# after it). A new module here must be cheap and needed for the frame; heavy ones never are.
PRE_PAINT_DESKTOP_MODULES = {
    "desktop",
    "desktop.cli",
    "desktop.i18n",
    "desktop.launch",
    "desktop.ui",
    "desktop.ui.common",
    "desktop.ui.common.translation",
    "desktop.ui.main_window",
}
NEVER_BEFORE_THE_PAINT = (
    "google",  # the SDK (~1 s), loaded on a worker thread when first needed
    "mcp",
    "markdown_it",
    "pygments",
    "asyncio",
    "qasync",
    "sqlite3",
    "keyring",
    "dataclasses",
    "json",
    "html",
    "platformdirs",
    "PySide6.QtNetwork",
)
# Reports what was imported when start-up, having seen the first paint, goes on to claim the instance.
FIRST_PAINT_PROBE = """
import sys
import desktop.launch as launch

claim = launch.claim_instance


def report_then_claim(name, command):
    import PySide6.QtCore

    print("MODULES", " ".join(sorted(sys.modules)), flush=True)
    # The Qt namespace (~18 ms of enum classes) is a class of QtCore, not a module: PySide puts it
    # into the module's dictionary when it is first used.
    print("QT_NAMESPACE", "Qt" in vars(PySide6.QtCore), flush=True)
    return claim(name, command)


launch.claim_instance = report_then_claim
sys.exit(launch.main(["gemini-desktop", "--startup-probe"]))
"""


def test_startup_probe_reports_the_first_paint_before_anything_heavy_is_imported(
    fake_server: FakeInteractionsServer, tmp_path: Path
) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "c"),
        XDG_STATE_HOME=str(tmp_path / "s"),
        XDG_DATA_HOME=str(tmp_path / "d"),
        GEMINI_API_KEY="k",
        GOOGLE_GEMINI_BASE_URL=fake_server.base_url,
    )
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],  # this tree's ``desktop``
    )
    assert out.returncode == 0, out.stderr.decode()
    lines = {ln.split(" ", 1)[0]: ln.split(" ", 1)[1] for ln in out.stdout.decode().splitlines() if " " in ln}
    assert float(lines["FIRST_PAINT"]) > 0 and "TABS_READY" in lines
    modules = set(lines["MODULES"].split())
    assert "desktop.ui.main_window" in modules  # the report came at the paint, not before the window
    assert {m for m in modules if m.startswith("desktop")} <= PRE_PAINT_DESKTOP_MODULES
    assert not {m for m in modules if m.startswith(NEVER_BEFORE_THE_PAINT)}
    assert lines["QT_NAMESPACE"] == "False"
