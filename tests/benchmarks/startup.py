"""Benchmark: process start to first paint of the main window, vs a bare PySide6 QMainWindow; quit time.

Run: ``python -m tests.benchmarks.startup [--runs 7]`` (uses $DISPLAY when set, else offscreen).

Each sample spawns a fresh interpreter; the time is measured from just before the spawn to the
wall-clock time the child prints when its window's first paint pass is over, so both sides pay the
same process start-up. Both run from cached bytecode, as an installed app does (``cache_bytecode``).
The quit figure is from SIGTERM (which closes the window like Ctrl+Q) to process exit, once the
client is warm (quitting during a stalled stream is covered by tests/gui).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Both sides time the first paint the same way: a filter on the window (an application-wide Python
# filter would wrap every event of every widget, ~25 ms for the app's frame), and the time is taken
# by a zero timer started at the window's first paint event, which runs when the whole first paint
# pass (the window and its children) is over. desktop.launch.watch_first_paint does this for the app.
BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
win = QMainWindow(); win.setWindowTitle("bare"); win.resize(1000, 720)
def painted():
    print(f"FIRST_PAINT {time.time():.6f}", flush=True)
    QTimer.singleShot(0, app.quit)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            win.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False
w = Watch(); win.installEventFilter(w)
win.show()
app.exec()
"""


def cache_bytecode(env: dict[str, str]) -> dict[str, str]:
    """Let the children of ``env`` cache the bytecode of what they import; returns ``env``.

    An installed app starts from compiled bytecode (pip compiles at install, PyInstaller bundles it).
    A development shell often sets ``PYTHONDONTWRITEBYTECODE``, which makes every sample compile the
    app's own modules anew (~5 ms before the first paint that no user pays; the bare window's
    one-line script has nothing to compile). Without it, the warm-up runs write the app's bytecode
    into its ``__pycache__`` folders (ignored by git); installed packages have theirs from pip.
    """
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _env(home: Path, base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(
        GEMINI_API_KEY="AIzaBenchmarkKey0000000000000000000000",
        GOOGLE_GEMINI_BASE_URL=base_url,
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    return env


def first_paint(cmd: list[str], env: dict[str, str], marker: str = "FIRST_PAINT") -> float:
    """Seconds from spawning ``cmd`` to the moment it reports with ``marker``."""
    return probe(cmd, env, marker)[marker]


def probe(cmd: list[str], env: dict[str, str], *markers: str) -> dict[str, float]:
    """Seconds from spawning ``cmd`` to each ``MARKER <epoch>`` line it prints."""
    t0 = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, check=False)
    found = {
        ln.split()[0]: float(ln.split()[1]) - t0
        for ln in out.stdout.splitlines()
        if ln.split()[:1] and ln.split()[0] in markers
    }
    if set(found) != set(markers):
        raise RuntimeError(f"not reported: {set(markers) - set(found)}: {out.stdout} {out.stderr}")
    return found


def quit_time(env: dict[str, str], home: Path, server_url: str) -> float:
    """Seconds from SIGTERM to exit, with the client warmed up."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    log = home / "state" / "gemini-desktop" / "log" / "gemini-desktop.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (log.exists() and "Gemini Desktop starting" in log.read_text()):
        time.sleep(0.05)
    time.sleep(1.5)  # let the client warm up (SDK import on the worker thread)
    t0 = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=30)
    elapsed = time.perf_counter() - t0
    if code != 0:
        raise RuntimeError(f"exit status {code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.serve_fake"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        base_url = server.stdout.readline().split()[1]  # type: ignore[union-attr]
        bare: list[float] = []
        app: list[float] = []
        ready: list[float] = []
        quits: list[float] = []
        with tempfile.TemporaryDirectory() as tmp:
            env = cache_bytecode(_env(Path(tmp), base_url))
            first_paint([sys.executable, "-c", BARE], env)  # warm the OS file cache
            first_paint([sys.executable, "-m", "desktop", "--startup-probe"], env)
            for _ in range(args.runs):
                bare.append(first_paint([sys.executable, "-c", BARE], env))
                marks = probe([sys.executable, "-m", "desktop", "--startup-probe"], env, "FIRST_PAINT", "TABS_READY")
                app.append(marks["FIRST_PAINT"])
                ready.append(marks["TABS_READY"])
            for i in range(max(3, args.runs // 2)):
                home = Path(tmp) / f"quit{i}"
                quits.append(quit_time(cache_bytecode(_env(home, base_url)), home, base_url))
        platform = "xcb" if os.environ.get("DISPLAY") else "offscreen"
        mb, ma = statistics.median(bare), statistics.median(app)
        print(f"\nProcess start to first paint ({platform}, {args.runs} runs, medians)")
        print(f"bare QMainWindow   {mb * 1000:7.0f} ms")
        print(f"Gemini Desktop     {ma * 1000:7.0f} ms")
        print(f"ratio              {ma / mb:7.2f}   (target <= 1.3)")
        print(
            f"tabs built and painted {statistics.median(ready) * 1000:7.0f} ms (the frame paints first; the "
            "Markdown-capable tabs are built right after)"
        )
        print(
            f"\nQuit (SIGTERM -> exit 0): median {statistics.median(quits) * 1000:.0f} ms, "
            f"worst {max(quits) * 1000:.0f} ms   (target <= 2000 ms)"
        )
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(10)


if __name__ == "__main__":
    main()
