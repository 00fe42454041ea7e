"""The installed PySide6 keeps CPython's singletons alive (6.12.0 on Python 3.11 did not)."""

from __future__ import annotations

import subprocess
import sys

PROBE = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
class Emitter(QObject):
    text = Signal(str)
    ping = Signal()
app = QApplication([])
emitter, label, got = Emitter(), QLabel(), []
emitter.text.connect(got.append)
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(50_000):
    emitter.text.emit("delta")
    emitter.ping.emit()
    label.setText("x")
    label.setVisible(False)
    label.isVisible()
after = sys.getrefcount(None), sys.getrefcount(True)
print(after[0] - before[0], after[1] - before[1], len(got))
"""


def test_signals_and_void_calls_do_not_leak_references_to_none_or_true():
    # In a subprocess: the failure mode is an abort of the whole interpreter.
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    none_delta, true_delta, received = map(int, out.stdout.split())
    assert received == 50_000
    assert abs(none_delta) < 100 and abs(true_delta) < 100
