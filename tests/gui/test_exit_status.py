"""A failing GUI test ends the run with pytest's own exit code (1), never with a crash.

Each case runs a tiny failing test in a separate pytest process with ``-x`` and this suite's
fixtures, as CI would, and checks how that process ended.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COPY_THEN_FAIL = """
from desktop.ui.attachments.image_viewer import ImageViewer
from tests.attachment_samples import png


def test_copies_an_image_then_fails(qtbot, tmp_path):
    viewer = ImageViewer(png(40, 30), name="copied.png", cache_dir=tmp_path)
    qtbot.addWidget(viewer)
    viewer.copy()  # a QMimeData made in Python is left on the clipboard
    assert False, "deliberate failure"
"""

WINDOW_FAILS_WHILE_STREAMING = """
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import send, start


async def test_fails_while_the_window_streams(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    fake_server.push(Stream(scenarios.many_deltas("v1_fail", 400), frame_delay=0.01))
    await send(window, "Say hello")
    await until(lambda: "word" in window.conversation_tab.transcript.plain_text(), message="streaming")
    assert False, "deliberate failure"
"""


def run_failing_test(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    test_file = tmp_path / "test_deliberately_failing.py"
    test_file.write_text(source, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-c",
        str(ROOT / "pyproject.toml"),
        "--rootdir",
        str(ROOT),
        # The file lives outside the tree, so this suite's conftest files are loaded as plugins.
        "-p",
        "tests.conftest",
        "-p",
        "tests.gui.conftest",
        "--basetemp",
        str(tmp_path / "basetemp"),
        str(test_file),
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONFAULTHANDLER="1")
    # The timeout only guards against a hang; nothing here is timed.
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)


def describe(result: subprocess.CompletedProcess[str]) -> str:
    code = result.returncode
    how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
    return f"{how}\n--- stdout (tail) ---\n{result.stdout[-3000:]}\n--- stderr (tail) ---\n{result.stderr[-3000:]}"


def assert_ended_with_one_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, describe(result)
    summary = result.stdout.strip().splitlines()[-1]
    assert "1 failed" in summary and "error" not in summary, describe(result)
    assert "deliberate failure" in result.stdout


def test_a_failure_after_copying_to_the_clipboard_ends_with_exit_code_1(tmp_path: Path) -> None:
    assert_ended_with_one_failure(run_failing_test(tmp_path, COPY_THEN_FAIL))


def test_a_failure_while_the_window_streams_ends_with_exit_code_1_and_the_app_shut_down(tmp_path: Path) -> None:
    result = run_failing_test(tmp_path, WINDOW_FAILS_WHILE_STREAMING)
    assert_ended_with_one_failure(result)
    # The app quit on the test's own loop, before pytest-qt closed the window.
    assert "Gemini Desktop stopped" in result.stdout, describe(result)
    assert "no running event loop" not in result.stdout + result.stderr, describe(result)
    assert "never awaited" not in result.stderr, describe(result)
