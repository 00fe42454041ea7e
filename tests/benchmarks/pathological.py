"""Benchmark: answers that used to freeze the window, streamed through the real transcript.

Run with ``python -m tests.benchmarks.pathological`` (offscreen unless ``QT_QPA_PLATFORM`` or a
display says otherwise). Prints figures, asserts nothing.

Each answer is streamed into a ``ConversationTab``'s transcript by a timer that appends every delta
due by then (one every 5 ms of wall time, as a fast network delivers them: a slow GUI thread finds
several waiting) while the transcript's own ~30 Hz refresh runs; then the turn is
marked completed and the loop runs until the final rendering (math typeset in the renderer
process) is shown. Meanwhile a 10 ms timer records how late each of its ticks is: the longest gap
minus 10 ms is the longest stall the user would feel (goal ≤ 100 ms).

* a 2 MB answer on a single line, in 64 KiB deltas;
* an 800-row table, in ~200-character deltas;
* a math-heavy answer (~120 formulas, inline and display), in ~60-character deltas.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from desktop.domain.conversation import TextPart, Turn, TurnStatus

PROBE_MS = 10
DELTA_INTERVAL_MS = 5
#: After the turn completes, the run ends once nothing changed for this long.
SETTLE_MS = 600
TIMEOUT_S = 120.0


def long_line() -> str:
    """The field case: ``python3 -c "print('L' * 2_000_000)"``."""
    return "L" * 2_000_000 + "\n"


def big_table(rows: int = 800) -> str:
    """A five-column GFM table of ``rows`` body rows."""
    head = "| # | name | value | note | unit |\n|---|------|------:|------|------|\n"
    body = "".join(f"| {r} | item {r} | {r * 37 % 1000} | some words about row {r} | kg |\n" for r in range(rows))
    return "Here is the table:\n\n" + head + body + "\nThat is all.\n"


def math_answer(sections: int = 20) -> str:
    """Prose with inline ``\\(…\\)`` and ``$…$`` formulas and display ``\\[…\\]`` / ``$$…$$`` blocks."""
    parts = []
    for i in range(sections):
        parts.append(
            f"For step {i} the energy is \\(E_{i}=m_{i}c^2\\) and the mean is $\\bar x_{i} = \\frac{{1}}{{n}}"
            f"\\sum_{{k=1}}^{{n}} x_k$ while $a_{i} \\le b_{i}$ holds (it costs $5 and $10).\n\n"
            f"\\[\n\\begin{{pmatrix}}\n{i} & 2 \\\\\n3 & {i + 4}\n\\end{{pmatrix}}\n\\]\n\n"
            f"$$\\int_0^{{{i + 1}}} e^{{-x^2}}\\,dx \\approx \\sum_{{j=0}}^{{{i}}} \\frac{{(-1)^j}}{{j!}}$$\n\n"
        )
    return "".join(parts)


def split(text: str, size: int) -> list[str]:
    """``text`` in deltas of ``size`` characters."""
    return [text[i : i + size] for i in range(0, len(text), size)]


class StallProbe:
    """A 10 ms timer that records the longest gap between its ticks."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._clock = QElapsedTimer()
        self._last = 0
        self._timer = QTimer()
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._last = 0
        self._timer.start()

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.longest_ms = max(self.longest_ms, float(now - self._last))
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


def stream(app: QApplication, tab: object, name: str, text: str, delta_size: int) -> None:
    """Stream ``text`` into a new turn, complete it, wait for the final rendering; print figures."""
    transcript = tab.transcript  # type: ignore[attr-defined]
    turn = Turn.new("bench", None, [TextPart(f"Please write {name}")])
    turn.status = TurnStatus.STREAMING
    transcript.set_turns([turn])
    app.processEvents()
    deltas = split(text, delta_size)
    probe = StallProbe()
    state = {"next": 0, "completed_at": 0.0, "last_change": 0.0, "height": -1}
    t0 = time.perf_counter()

    def feed() -> None:
        i = state["next"]
        if i < len(deltas):
            due = min(len(deltas), 1 + int((time.perf_counter() - t0) * 1000 / DELTA_INTERVAL_MS))
            for delta in deltas[i:due]:
                transcript.append_text(turn.id, delta)
            state["next"] = max(i, due)
            return
        feeder.stop()
        turn.answer = [TextPart(text)]
        turn.status = TurnStatus.COMPLETED
        transcript.update_turn(turn)
        state["completed_at"] = state["last_change"] = time.perf_counter()

    def watch() -> None:
        widget = transcript.widget_for(turn.id)
        height = widget.answer_view.height() if widget is not None else -1
        pending = bool(widget is not None and widget._pending)
        if height != state["height"] or pending:
            state["height"] = height
            state["last_change"] = time.perf_counter()

    feeder = QTimer()
    feeder.setInterval(DELTA_INTERVAL_MS)
    feeder.timeout.connect(feed)
    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(watch)
    probe.start()
    feeder.start()
    watcher.start()
    while time.perf_counter() - t0 < TIMEOUT_S:
        app.processEvents()
        time.sleep(0.001)
        done = state["completed_at"] and time.perf_counter() - state["last_change"] > SETTLE_MS / 1000
        if done:
            break
    probe.stop()
    watcher.stop()
    total = (state["last_change"] or time.perf_counter()) - t0
    stall = max(0.0, probe.longest_ms - PROBE_MS)
    shown = transcript.widget_for(turn.id).answer_view.toPlainText()
    print(
        f"{name:<28} {len(text):>10,} chars in {len(deltas):>5} deltas: longest stall {stall:6.0f} ms "
        f"(goal ≤ 100), total {total:6.2f} s; shown {len(shown):,} chars"
    )


def main(cases: dict[str, tuple[Callable[[], str], int]] | None = None) -> None:
    """Print the longest stall and total time of each pathological answer."""
    from desktop import gc_policy
    from desktop.ui.conversation.tab import ConversationTab

    gc_policy.tune_for_gui()  # as the app does at start-up
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    cases = cases or {
        "2 MB single line": (long_line, 64 * 1024),
        "800-row table": (big_table, 200),
        "math-heavy answer": (math_answer, 60),
    }
    print(f"stall = longest gap between ticks of a {PROBE_MS} ms timer, minus {PROBE_MS} ms")
    for name, (make, delta_size) in cases.items():
        # A tab of its own per answer: freeing the previous one is not what is measured.
        tab = ConversationTab()
        tab.resize(1200, 850)
        tab.show()
        app.processEvents()
        stream(app, tab, name, make(), delta_size)
        tab.close()
        tab.deleteLater()
        app.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
