"""The installable build: ``bash packaging/build.sh`` from this checkout, then the bundle runs.

Builds the tarball and the .deb, unpacks the tarball, starts the bundled binary under Xvfb
against the fake Interactions server, types one prompt into the window, sees it arrive at the
server, and quits with status 0 on SIGTERM. Marked ``bundle``: it takes a few minutes, so the
everyday test command leaves it out and ``.ci/run`` runs it as a step of its own
(``python -m pytest -m bundle``). Needs Xvfb, xdotool and dpkg-deb (``.ci/run`` installs them).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import __version__
from tests.fake_api import FakeInteractionsServer, Stream, scenarios

# The build takes minutes (pytest-timeout is 60 s for ordinary tests).
pytestmark = [pytest.mark.bundle, pytest.mark.timeout(1500)]

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUNDLE_LIMIT_MB = 250


@pytest.fixture(scope="module")
def build_output() -> str:
    """Runs the build once for the module; returns what it printed."""
    result = subprocess.run(
        ["bash", "packaging/build.sh"], cwd=ROOT, capture_output=True, text=True, timeout=1500, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result.stdout


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb screen; yields its DISPLAY value."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(10)


def _wait_for(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_build_prints_size_and_makes_both_artefacts(build_output: str) -> None:
    size = re.search(r"bundle size: (\d+) MB", build_output)
    assert size and int(size.group(1)) <= BUNDLE_LIMIT_MB, build_output[-2000:]
    assert (DIST / f"gemini-desktop-{__version__}-linux-x86_64.tar.gz").is_file()
    deb = DIST / f"gemini-desktop_{__version__}_amd64.deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in (
        "./opt/gemini-desktop/gemini-desktop",
        "./usr/bin/gemini-desktop -> /opt/gemini-desktop/gemini-desktop",
        "./usr/share/applications/gemini-desktop.desktop",
        "./usr/share/metainfo/io.github.geminidesktop.GeminiDesktop.metainfo.xml",
        "./usr/share/icons/hicolor/48x48/apps/gemini-desktop.png",
        "./usr/share/icons/hicolor/512x512/apps/gemini-desktop.png",
        "./usr/share/icons/hicolor/scalable/apps/gemini-desktop.svg",
    ):
        assert path in listing, path
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "libxkbcommon-x11-0" in control and "libegl1" in control


def test_bundle_starts_sends_a_prompt_and_quits(build_output: str, tmp_path: Path, display: str) -> None:
    tarball = DIST / f"gemini-desktop-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    binary = tmp_path / "unpacked" / "gemini-desktop" / "gemini-desktop"
    # PyInstaller links some libraries into place: count each file once (lstat, no symlinks).
    files = [p for p in binary.parent.rglob("*") if p.is_file() and not p.is_symlink()]
    unpacked_mb = sum(p.lstat().st_size for p in files) / 2**20
    assert unpacked_mb <= BUNDLE_LIMIT_MB

    with FakeInteractionsServer() as server:
        server.default_reply = lambda body: Stream(scenarios.many_deltas("v1_bundle", 3, text="hi "))
        home = tmp_path / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "GEMINI_", "GOOGLE_", "XDG_"))}
        env.update(
            DISPLAY=display,
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_STATE_HOME=str(home / "state"),
            GEMINI_API_KEY="bundle-test-key",
            GOOGLE_GEMINI_BASE_URL=server.base_url,
        )
        app = subprocess.Popen([str(binary)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        lines: list[str] = []
        reader = threading.Thread(
            target=lambda: lines.extend(line.decode(errors="replace") for line in iter(app.stdout.readline, b"")),  # type: ignore[union-attr]
            daemon=True,
        )
        reader.start()
        try:

            def window_shown() -> bool:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", "Gemini Desktop"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                return bool(found.stdout.strip())

            _wait_for(window_shown, 60, "the window")
            # The composer takes keys once the tabs are built and the database is open (it logs the
            # migrations of the fresh profile); the SDK then loads at the first keystroke.
            _wait_for(lambda: any("migrating database" in line for line in lines), 60, "the database")
            time.sleep(1.0)
            subprocess.run(["xdotool", "type", "--delay", "30", "hello from the bundle"], env=env, check=True)
            subprocess.run(["xdotool", "key", "Return"], env=env, check=True)

            def prompt_arrived() -> bool:
                return any(b"hello from the bundle" in r.body for r in server.requests if r.method == "POST")

            try:
                _wait_for(prompt_arrived, 60, "the prompt at the server")
            except AssertionError as exc:
                raise AssertionError(f"{exc}; the app said:\n{''.join(lines)[-3000:]}") from None
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=30)
            reader.join(timeout=5)
    assert app.returncode == 0, "".join(lines)[-3000:]
