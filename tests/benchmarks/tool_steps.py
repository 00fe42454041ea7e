"""Benchmark: what tool steps and citations cost the GUI thread. Prints figures, asserts nothing.

Run with ``QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.tool_steps``.

* GUI-thread CPU time (``time.thread_time``: the background renderer's process and idle waits do not
  count) to stream one answer into the transcript, as the app does: steps arrive as ``turn_changed``,
  text as deltas with the ~30 Hz refresh, then the settled turn with its citations; the same text
  with 6 tool steps and 60 citations vs. without them (target: ratio ≤ 1.20);
* the longest gap of a 10 ms GUI timer while one answer with 500 citations streams, settles (its
  markers and 500-entry Sources list are shown) and is opened again from history (target ≤ 50 ms).
"""

from __future__ import annotations

import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop import gc_policy
from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.ui.transcript.view import TranscriptView
from tests.benchmarks.render_stream import make_answer, make_deltas
from tests.benchmarks.ticks import TickMonitor

ANSWER_CHARS = 8_000
DELTAS_PER_REFRESH = 4
RUNS = 5


def tool_steps(n_pairs: int = 3) -> list[dict]:
    """``2 * n_pairs`` tool steps: search, code execution and page reading, calls and results."""
    steps: list[dict] = []
    for i in range(n_pairs):
        kind = ("google_search", "code_execution", "url_context")[i % 3]
        args = {
            "google_search": {"queries": [f"query {i}", f"another query {i}"]},
            "code_execution": {"language": "python", "code": f"print(sum(range({i * 10})))"},
            "url_context": {"urls": [f"https://example.com/{i}", f"https://example.org/{i}"]},
        }[kind]
        result = {
            "google_search": [
                {"search_suggestions": f'<div><a href="https://www.google.com/search?q={i}">q{i}</a></div>'}
            ],
            "code_execution": f"{sum(range(i * 10))}\n",
            "url_context": [{"url": u, "status": "success"} for u in args.get("urls", [])],
        }[kind]
        steps.append({"type": f"{kind}_call", "id": f"c{i}", "arguments": args})
        steps.append({"type": f"{kind}_result", "call_id": f"c{i}", "result": result})
    return steps


def annotations(text: str, count: int, seed: int = 5) -> list[dict]:
    """``count`` url citations ending at sentence ends spread over ``text`` (byte offsets; ASCII text)."""
    ends = [i + 1 for i, ch in enumerate(text) if ch == "." and text[i + 1 : i + 2] in (" ", "\n")]
    rng = random.Random(seed)
    picked = sorted(rng.sample(ends, min(count, len(ends))))
    while len(picked) < count:  # short texts: cite some spans twice
        picked.append(rng.choice(ends))
    return [
        {
            "type": "url_citation",
            "url": f"https://source{n % (count // 2 + 1)}.example.com/page/{n}",
            "title": f"Source title {n}",
            "start_index": max(0, end - 40),
            "end_index": end,
        }
        for n, end in enumerate(sorted(picked))
    ]


def answer_step(text: str, notes: list[dict]) -> dict:
    content: dict = {"type": "text", "text": text}
    if notes:
        content["annotations"] = notes
    return {"type": "model_output", "content": [content]}


def wait_for_renders(view: TranscriptView, seconds: float = 10.0) -> None:
    """Let the background renderer finish and its HTML be shown (sleeping costs no GUI CPU)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if not any(w._pending for w in view._widgets.values()):
            return
        time.sleep(0.002)


def stream_answer(view: TranscriptView, text: str, steps: list[dict], notes: list[dict]) -> float:
    """GUI-thread CPU seconds to show one streamed answer (steps, text, the settled turn)."""
    turn = Turn.new("bench", None, [TextPart("Look it up and compute it")])
    turn.status = TurnStatus.STREAMING
    view.set_turns([])
    QApplication.processEvents()
    # Without a running event loop (a script), deleteLater() needs this; the app's loop does it.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    t0 = time.thread_time()
    view.append_turn(turn)
    for step in steps:  # what the runner does for each finished tool step
        turn.steps = [*turn.steps, step]
        view.update_turn(turn)
        QApplication.processEvents()
    pending = 0
    for delta in make_deltas(text):
        view.append_text(turn.id, delta)
        pending += 1
        if pending == DELTAS_PER_REFRESH:
            view._refresh_streaming()
            view.viewport().repaint()
            pending = 0
    turn.steps = [*turn.steps, answer_step(text, notes)]
    turn.answer = [TextPart(text)]
    turn.status = TurnStatus.COMPLETED
    turn.usage = {"input_tokens": 10, "output_tokens": 900, "tool_use_tokens": 40, "total_tokens": 950}
    view.update_turn(turn)
    QApplication.processEvents()
    wait_for_renders(view)
    view.viewport().repaint()
    QApplication.processEvents()
    return time.thread_time() - t0


def run_loop_until(done: list[bool], seconds: float = 60.0) -> None:
    """Run the Qt event loop (as the app does) until ``done[0]`` is true."""
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: (done[0] or time.monotonic() > deadline) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()


def big_answer_gaps(view: TranscriptView, cited: bool = True) -> tuple[float, float, float]:  # noqa: PLR0915 - one measured scenario
    """Longest timer gaps (s) while a 500-citation answer streams, settles, and is opened again.

    ``cited=False``: the same text without steps or citations (what the app did before them).
    """
    text = make_answer(60_000, seed=11)
    notes = annotations(text, 500) if cited else []
    steps = tool_steps(3) if cited else []
    turn = Turn.new("bench", None, [TextPart("Everything, with sources")])
    turn.status = TurnStatus.STREAMING
    view.set_turns([])
    deltas = make_deltas(text)
    monitor = TickMonitor()
    done = [False]
    position = [0]

    def feed() -> None:
        # As the app: a batch of deltas per loop turn, the 30 Hz refresh timer running meanwhile.
        for delta in deltas[position[0] : position[0] + DELTAS_PER_REFRESH]:
            view.append_text(turn.id, delta)
        position[0] += DELTAS_PER_REFRESH
        if position[0] < len(deltas):
            QTimer.singleShot(2, feed)
        else:
            done[0] = True

    pending_steps = list(steps)

    def next_step() -> None:
        # As the app: each finished step arrives as its own event (``turn_changed``).
        if pending_steps:
            turn.steps = [*turn.steps, pending_steps.pop(0)]
            view.update_turn(turn)
            QTimer.singleShot(0, next_step)
        else:
            QTimer.singleShot(0, feed)

    monitor.start()
    view.append_turn(turn)
    QTimer.singleShot(0, next_step)
    run_loop_until(done)
    streaming = monitor.stop()

    monitor.start()
    turn.steps = [*turn.steps, answer_step(text, notes)]
    turn.answer = [TextPart(text)]
    turn.status = TurnStatus.COMPLETED
    view.update_turn(turn)
    settle = [False]

    def check() -> None:
        widget = view.widget_for(turn.id)
        if widget is not None and not widget._pending:
            settle[0] = True
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)
    run_loop_until(settle)
    rest = [False]
    QTimer.singleShot(100, lambda: rest.__setitem__(0, True))
    run_loop_until(rest)
    settled = monitor.stop()
    widget = view.widget_for(turn.id)

    monitor.start()
    reopened = [False]
    view.set_turns([turn])
    QTimer.singleShot(0, check)
    settle[0] = False
    run_loop_until(settle)
    QTimer.singleShot(100, lambda: reopened.__setitem__(0, True))
    run_loop_until(reopened)
    opened = monitor.stop()
    widget = view.widget_for(turn.id)
    sources = widget.sources_view.sources if widget is not None else ()
    print(f"  answer: {len(text):,} chars, {len(sources)} sources listed, {len(notes)} citations")
    return streaming, settled, opened


def main() -> None:
    gc_policy.tune_for_gui()
    app = QApplication.instance() or QApplication([])
    view = TranscriptView()
    view.resize(1200, 850)
    view.show()
    QApplication.processEvents()
    text = make_answer(ANSWER_CHARS, seed=7)
    notes = annotations(text, 60)
    steps = tool_steps(3)
    # Warm up: Pygments lexers, the renderer process, first widgets of each kind.
    stream_answer(view, text, steps, notes)
    stream_answer(view, text, [], [])
    plain: list[float] = []
    tools: list[float] = []
    for _ in range(RUNS):
        plain.append(stream_answer(view, text, [], []))
        tools.append(stream_answer(view, text, steps, notes))
    base, with_tools = statistics.median(plain), statistics.median(tools)
    print(
        f"one {len(text):,}-char answer streamed, GUI-thread CPU (median of {RUNS}): "
        f"plain {base * 1000:.0f} ms, with 6 tool steps + 60 citations {with_tools * 1000:.0f} ms, "
        f"ratio {with_tools / base:.2f} (target ≤ 1.20)"
    )
    for cited in (False, True):
        runs = [big_answer_gaps(view, cited) for _ in range(3)]
        what = "a 500-citation answer" if cited else "the same text without steps or citations (before)"
        phases = ("streaming", "settling (markers + Sources)", "reopening")
        for name, values in zip(phases, zip(*runs, strict=True), strict=True):
            print(
                f"10 ms timer, longest gap, {what}, {name}: median of 3 runs "
                f"{statistics.median(values) * 1000:.1f} ms, worst {max(values) * 1000:.1f} ms (target ≤ 50 ms)"
            )
    view.close()
    app.processEvents()


if __name__ == "__main__":
    main()
