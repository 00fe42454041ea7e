"""Benchmark: the Conversation tab with long conversations. Prints figures, asserts nothing.

Run with ``QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.conversation_perf``.

* open a stored 1,000-turn conversation (~2 MB of Markdown with code): database read to the
  visible part painted (target ≤ 300 ms);
* scroll it from top to bottom (wheel-sized steps, then thumb-drag jumps): the longest GUI-thread
  stall of one step, paint included (target ≤ 50 ms);
* resident memory after opening it (target < 300 MB);
* stream a 200,000-character answer into the transcript: GUI cost per delta near the start vs
  near the end, the ~30 Hz refresh included (ratio target ≤ 1.5);
* switch between two long conversations (target < 150 ms).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from desktop import gc_policy
from desktop.controllers.conversation_state import ConversationState
from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.store import ConversationRepository, open_database
from tests.benchmarks.render_stream import make_answer, make_deltas

TURNS = 1_000
ANSWER_CHARS = 2_000
STREAM_CHARS = 200_000
DELTAS_PER_REFRESH = 4


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_conversation(repo: ConversationRepository, seed: int) -> str:
    """A conversation of ``TURNS`` turns, ~2 KB of Markdown (code, lists, tables) per answer."""
    conv = repo.create(f"Long conversation {seed}")
    parent = None
    for i in range(TURNS):
        turn = Turn.new(conv.id, parent, [TextPart(f"Question {i}: how does step {i} work?")])
        turn.answer = [TextPart(make_answer(ANSWER_CHARS, seed=seed * 10_000 + i))]
        turn.status = TurnStatus.COMPLETED
        turn.interaction_id = f"v1_{seed}_{i}"
        turn.usage = {"input_tokens": 10, "output_tokens": 500, "total_tokens": 510}
        repo.add_turn(turn)
        parent = turn.id
    return conv.id


def paint(view: object) -> None:
    """Process pending events and paint the transcript now (what the user would see)."""
    QApplication.processEvents()
    # Without a running event loop (a script), deleteLater() needs this; the app's loop does it.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    view.viewport().repaint()  # type: ignore[attr-defined]


def open_conversation(repo: ConversationRepository, conv_id: str, tab: object) -> tuple[float, ConversationState]:
    """Database read → state → transcript → visible part painted; returns seconds and the state."""
    t0 = time.perf_counter()
    conversation = repo.get(conv_id)
    turns = repo.turns(conv_id)
    state = ConversationState(conversation, turns)
    view = state.view()
    tab.on_conversation_opened(view)  # type: ignore[attr-defined]
    gc_policy.after_bulk_load()  # as the app does when a conversation is opened
    paint(tab.transcript)  # type: ignore[attr-defined]
    return time.perf_counter() - t0, state


def scroll_stalls(transcript: object) -> tuple[float, float, int]:
    """(longest wheel step, longest jump, steps) in seconds."""
    bar = transcript.verticalScrollBar()  # type: ignore[attr-defined]
    bar.setValue(0)
    paint(transcript)
    worst_step = 0.0
    stalls: list[float] = []
    steps = 0
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + 120)  # one wheel notch ≈ 3 lines × 40 px
        t0 = time.perf_counter()
        bar.setValue(value)
        paint(transcript)
        stalls.append(time.perf_counter() - t0)
        worst_step = max(worst_step, stalls[-1])
        steps += 1
    stalls.sort()
    print(
        f"  wheel steps: median {stalls[len(stalls) // 2] * 1000:.1f} ms, 99th percentile "
        f"{stalls[int(len(stalls) * 0.99)] * 1000:.1f} ms, over 50 ms: {sum(s > 0.05 for s in stalls)}"
    )
    rng = random.Random(3)
    worst_jump = 0.0
    for _ in range(60):
        t0 = time.perf_counter()
        bar.setValue(rng.randint(0, bar.maximum()))
        paint(transcript)
        worst_jump = max(worst_jump, time.perf_counter() - t0)
    return worst_step, worst_jump, steps


def stream_costs(tab: object, conv_id: str) -> list[float]:
    """GUI seconds per delta of a 200,000-character answer (append + share of the refresh)."""
    transcript = tab.transcript  # type: ignore[attr-defined]
    turn = Turn.new(conv_id, None, [TextPart("Write a very long answer")])
    turn.status = TurnStatus.STREAMING
    transcript.append_turn(turn)
    paint(transcript)
    deltas = make_deltas(make_answer(STREAM_CHARS, seed=99))
    costs: list[float] = []
    batch = 0.0
    pending = 0
    for delta in deltas:
        t0 = time.perf_counter()
        transcript.append_text(turn.id, delta)
        batch += time.perf_counter() - t0
        pending += 1
        if pending == DELTAS_PER_REFRESH:
            t0 = time.perf_counter()
            transcript._refresh_streaming()  # the ~30 Hz timer's work
            transcript.viewport().repaint()
            batch += time.perf_counter() - t0
            costs.extend([batch / pending] * pending)
            batch, pending = 0.0, 0
    return costs


def main() -> None:
    gc_policy.tune_for_gui()  # as the app does at start-up
    from desktop.ui.conversation.tab import ConversationTab

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="conv-perf-"))
    repo = ConversationRepository(open_database(folder / "db.sqlite3"))
    t0 = time.perf_counter()
    first = build_conversation(repo, 1)
    second = build_conversation(repo, 2)
    size = sum(len(t.answer_text) for t in repo.turns(first))
    print(f"built 2 × {TURNS} turns ({size / 1e6:.2f} MB of Markdown each) in {time.perf_counter() - t0:.1f} s")

    tab = ConversationTab()
    tab.resize(1200, 850)
    tab.show()
    paint(tab.transcript)
    rss_before = rss_mb()

    seconds, state_a = open_conversation(repo, first, tab)
    print(f"open 1,000-turn conversation → visible part painted: {seconds * 1000:.0f} ms (target ≤ 300)")
    print(f"  widgets built: {len(tab.transcript._widgets)}; RSS {rss_before:.0f} → {rss_mb():.0f} MB (target < 300)")

    worst_step, worst_jump, steps = scroll_stalls(tab.transcript)
    print(f"scroll top→bottom in {steps} wheel steps: longest stall {worst_step * 1000:.1f} ms (target ≤ 50)")
    print(f"60 random thumb jumps: longest stall {worst_jump * 1000:.1f} ms")
    print(f"RSS after scrolling through everything: {rss_mb():.0f} MB")

    _, state_b = open_conversation(repo, second, tab)
    switches = []
    for i in range(10):
        state = state_a if i % 2 == 0 else state_b
        t0 = time.perf_counter()
        tab.on_conversation_opened(state.view())
        paint(tab.transcript)
        switches.append(time.perf_counter() - t0)
    cold, _ = open_conversation(repo, first, tab)
    print(
        f"switch between two long conversations (loaded): median {statistics.median(switches) * 1000:.0f} ms, "
        f"max {max(switches) * 1000:.0f} ms; from the database: {cold * 1000:.0f} ms (target < 150)"
    )

    costs = stream_costs(tab, first)
    tenth = max(1, len(costs) // 10)
    start = statistics.median(costs[:tenth])
    end = statistics.median(costs[-tenth:])
    print(
        f"stream {STREAM_CHARS:,} chars in {len(costs)} deltas: per delta {start * 1e6:.0f} µs at the start, "
        f"{end * 1e6:.0f} µs at the end, ratio {end / start:.2f} (target ≤ 1.5); "
        f"total GUI time {sum(costs):.2f} s"
    )
    print(f"RSS at the end: {rss_mb():.0f} MB")
    tab.close()
    app.processEvents()


if __name__ == "__main__":
    main()
