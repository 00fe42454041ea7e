"""Light when idle: the SDK client is built at the first sign of a question, not at start."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from pathlib import Path

from tests.fake_api import FakeInteractionsServer
from tests.gui.conftest import until
from tests.gui.harness import child_environment, quit_app, start


async def test_the_client_is_built_at_the_first_keystroke_and_the_models_are_remembered(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    combo = window.conversation_tab.settings_bar.model_combo
    assert app.session is not None
    await asyncio.sleep(0.3)
    assert not app.session.is_warm
    assert fake_server.requests_for("models.list") == []
    gc.unfreeze()
    window.conversation_tab.composer.setPlainText("w")
    await until(lambda: app.session.is_warm, message="warm")
    await until(lambda: combo.findData("gemini-3.1-pro-preview") >= 0, message="models listed")
    # What the SDK import left alive is out of the periodic full collection's way.
    assert "google.genai" in sys.modules
    assert gc.get_freeze_count() > 50_000
    gc.unfreeze()
    window.conversation_tab.composer.setPlainText("")
    await quit_app(window, task)

    # The next start offers the remembered list before anything is typed.
    window, app, task = await start(qtbot, fake_server, app_paths)
    combo = window.conversation_tab.settings_bar.model_combo
    assert combo.findData("gemini-3.1-pro-preview") >= 0
    assert app.session is not None and not app.session.is_warm
    await quit_app(window, task)


def test_an_idle_app_has_not_imported_the_sdk(fake_server: FakeInteractionsServer, tmp_path: Path) -> None:
    """A real process, started and left alone: google.genai is not in sys.modules."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import desktop.launch as launch\n"
        "app = QApplication(['gemini-desktop'])\n"
        "def window():\n"
        "    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == 'mainWindow'), None)\n"
        "def check():\n"
        "    print('SDK_LOADED', 'google.genai' in sys.modules, flush=True)\n"
        "    window().quit()\n"
        "def poll():\n"
        "    w = window()\n"
        "    if w is not None and w.connection_label.text() == 'Ready':\n"
        "        timer.stop()\n"
        "        QTimer.singleShot(1500, check)  # started, key known, and then left alone\n"
        "timer = QTimer()\n"
        "timer.timeout.connect(poll)\n"
        "timer.start(100)\n"
        "sys.exit(launch.main(['gemini-desktop']))\n",
        encoding="utf-8",
    )
    env = dict(
        child_environment(fake_server, tmp_path),
        # This tree's ``desktop``, not the installed one (the script runs from the temporary folder).
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    out = subprocess.run([sys.executable, str(probe)], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert "SDK_LOADED False" in out.stdout, out.stdout + out.stderr
    assert out.returncode == 0, out.stderr
