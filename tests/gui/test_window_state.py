"""Geometry and the last tab survive a restart; the UI state file never holds preferences or keys."""

from __future__ import annotations

import asyncio
import json

from desktop.ui.main_window import MainWindow


async def test_last_tab_and_geometry_are_restored(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(640, 480)
    first.tabs.setCurrentIndex(1)
    state = json.loads(json.dumps(first.save_state()))  # as written to ui-state.json

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 0
    second.restore_state(state)
    assert second.tabs.currentIndex() == 1
    assert (second.width(), second.height()) == (640, 480)
    await asyncio.sleep(0)


def test_bad_state_is_ignored(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.restore_state({"geometry": "not base64 geometry", "tab": 99})
    assert window.tabs.currentIndex() == 0
