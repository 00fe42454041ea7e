"""Secrets stay secret: after start-up no child process the app starts inherits the API key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from desktop import processes
from desktop.app import DesktopApp
from desktop.domain.local_tools import OPEN_LINK, LocalToolDeclarations
from desktop.services.tools.local import CallContext
from desktop.ui.common import external
from desktop.ui.main_window import MainWindow
from tests.gui.harness import start

SECRET = "AIzaMustNotLeakToChildren000000000000000"
DUMP_ENV = "import json, os, sys; open(sys.argv[1], 'w').write(json.dumps(dict(os.environ)))"


def _wait_for(path: Path, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            time.sleep(0.05)
            return path.read_text()
        time.sleep(0.05)
    raise AssertionError(f"{path} was never written")


@pytest.fixture
def keys_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both key variables set, as a user might; restored after the test."""
    monkeypatch.setenv("GEMINI_API_KEY", SECRET)
    monkeypatch.setenv("GOOGLE_API_KEY", SECRET)


def test_the_app_reads_the_key_then_removes_it_from_the_environment(qtbot, keys_in_environment) -> None:
    window = MainWindow(build_tabs=False)
    qtbot.addWidget(window)
    app = DesktopApp(window)  # as launch.main builds it: the real environment
    assert app._environ["GEMINI_API_KEY"] == SECRET  # read once, kept in the app
    assert "GEMINI_API_KEY" not in os.environ and "GOOGLE_API_KEY" not in os.environ
    assert os.environ.get("PATH")  # the rest of the environment is untouched


def test_children_started_through_the_helpers_get_no_key(qtbot, tmp_path, keys_in_environment) -> None:
    # Even if something put a key back into the environment, the helpers take it out again.
    os.environ["SOME_SERVICE_API_KEY"] = "also-secret"
    out = tmp_path / "subprocess.json"
    processes.run([sys.executable, "-c", DUMP_ENV, str(out)], timeout=30)
    child = json.loads(out.read_text())
    assert not {"GEMINI_API_KEY", "GOOGLE_API_KEY", "SOME_SERVICE_API_KEY"} & child.keys()
    assert child.get("PATH") == os.environ["PATH"]

    detached = tmp_path / "qprocess.json"
    assert external.start_detached(sys.executable, ["-c", DUMP_ENV, str(detached)])
    child = json.loads(_wait_for(detached))
    assert not {"GEMINI_API_KEY", "GOOGLE_API_KEY", "SOME_SERVICE_API_KEY"} & child.keys()
    del os.environ["SOME_SERVICE_API_KEY"]


def test_the_browser_opened_by_a_link_click_inherits_no_key(tmp_path: Path) -> None:
    """A real X display (Xvfb): Qt runs ``xdg-open`` for a link; a stand-in records its environment."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "xdg-open.json"
    opener = bin_dir / "xdg-open"
    opener.write_text(
        f"#!{sys.executable}\nimport json, os, sys\n"
        f"json.dump({{'env': dict(os.environ), 'args': sys.argv[1:]}}, open({str(record)!r}, 'w'))\n"
    )
    opener.chmod(0o755)
    script = textwrap.dedent(
        """
        import time
        from PySide6.QtCore import QUrl
        from PySide6.QtWidgets import QApplication
        from desktop.app import DesktopApp
        from desktop.ui.main_window import MainWindow
        from desktop.ui.transcript import browser

        qt = QApplication([])
        window = MainWindow(build_tabs=False)
        DesktopApp(window)
        print("OPENED", browser.open_external(QUrl("https://example.com/linked")), flush=True)
        time.sleep(1.5)
        """
    )
    env = dict(os.environ, GEMINI_API_KEY=SECRET, GOOGLE_API_KEY=SECRET, QT_QPA_PLATFORM="xcb")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env.pop("DESKTOP_SESSION", None)
    env.pop("XDG_CURRENT_DESKTOP", None)
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 800x600x24", sys.executable, "-c", script],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "OPENED True" in result.stdout, result.stdout + result.stderr
    opened = json.loads(_wait_for(record))
    assert opened["args"] == ["https://example.com/linked"]
    assert SECRET not in json.dumps(opened["env"])
    assert "GEMINI_API_KEY" not in opened["env"] and "GOOGLE_API_KEY" not in opened["env"]


async def test_a_link_the_model_opens_with_the_open_link_tool_inherits_no_key(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Open link tool starts the browser like a clicked link does: through ``external.open_url``."""
    seen: list[dict[str, str]] = []

    def record(url: object) -> bool:  # what the browser would inherit
        seen.append(dict(os.environ))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    _window, app, _task = await start(qtbot, fake_server, app_paths)
    monkeypatch.setenv("GEMINI_API_KEY", SECRET)  # as if something put a key back
    (tool,) = LocalToolDeclarations().functions([OPEN_LINK], SimpleNamespace(tools=[], file_search_stores=[]))
    assert app.tool_executor is not None
    app.tool_executor.local.run(tool, {"url": "https://example.com/"}, CallContext())
    assert len(seen) == 1
    assert "GEMINI_API_KEY" not in seen[0] and SECRET not in json.dumps(seen[0])


def test_links_in_the_about_box_and_the_research_intro_open_with_no_key(
    qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labels with links do not let Qt open them: they go through ``external.open_url`` too."""
    seen: list[tuple[str, dict[str, str]]] = []

    def record(url: QUrl) -> bool:
        seen.append((url.toString(), dict(os.environ)))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_folders(tmp_path / "data", tmp_path / "logs")
    window.show_about()
    about = window.about_box.findChild(QLabel, "qt_msgbox_label")
    intro = window.research_tab.empty_label
    for label, url in ((about, "https://ai.google.dev/"), (intro, "https://ai.google.dev/gemini-api/docs")):
        monkeypatch.setenv("GEMINI_API_KEY", SECRET)  # as if something put a key back
        assert not label.openExternalLinks()
        label.linkActivated.emit(url)
    assert [u for u, _env in seen] == ["https://ai.google.dev/", "https://ai.google.dev/gemini-api/docs"]
    assert all("GEMINI_API_KEY" not in env for _u, env in seen)
    window.about_box.close()
