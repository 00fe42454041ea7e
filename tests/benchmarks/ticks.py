"""The GUI-stall probe every benchmark uses: a 10 ms QTimer that records the gaps between its ticks.

A gap well over 10 ms means the GUI thread was busy (a stall the user would feel as a frozen window).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class TickMonitor:
    """A 10 ms QTimer that records every gap between its ticks (seconds)."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def max_gap(self) -> float:
        """The longest gap so far, in seconds (0 before the first tick)."""
        return max(self.gaps, default=0.0)

    def start(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        """Stop; returns the longest gap in seconds."""
        self._tick()
        self.timer.stop()
        return self.max_gap

    def summary(self) -> str:
        """Longest wait, 99th percentile and tick count, for printing."""
        gaps = sorted(self.gaps)
        p99 = gaps[int(len(gaps) * 0.99) - 1] if gaps else 0.0
        return f"max wait {self.max_gap * 1000:6.1f} ms, p99 {p99 * 1000:5.1f} ms, {len(gaps)} ticks"
