"""Benchmark: how fast the store opens, loads, lists and searches a big conversation.

Run: ``python -m tests.benchmarks.store_open [--turns 1000] [--repeat 15]``

Builds a conversation of N turns (~2 KB of Markdown each, with code blocks; ~2 MB of text,
plus each turn's recorded model steps as the chat service stores them) among 200 small
conversations, then prints median timings and the process RSS.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.domain.conversation import TextPart, Turn, TurnStatus, branch_path
from desktop.store import ConversationRepository, open_database

_WORDS = [
    "python",
    "sqlite",
    "window",
    "thread",
    "widget",
    "signal",
    "stream",
    "answer",
    "model",
    "token",
    "render",
    "markdown",
    "branch",
    "search",
    "index",
    "migration",
    "backup",
    "cursor",
    "commit",
    "rollback",
    "schema",
    "query",
    "latency",
    "memory",
    "buffer",
    "parser",
    "lexer",
    "syntax",
    "highlight",
    "table",
    "column",
    "value",
    "string",
    "integer",
]


def _rss_mb() -> float:
    """Resident set size now (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _answer(rng: random.Random, index: int) -> str:
    code = "\n".join(
        f"    result_{index}_{k} = compute({rng.randint(0, 999)}, '{rng.choice(_WORDS)}')" for k in range(8)
    )
    return (
        f"## Step {index}\n\n{_paragraph(rng, 80)}\n\n```python\ndef handler_{index}():\n"
        f"{code}\n    return result_{index}_0\n```\n\n- {_paragraph(rng, 20)}\n"
        f"- {_paragraph(rng, 20)}\n\n{_paragraph(rng, 90)}\n"
    )


def _build(repo: ConversationRepository, turns: int) -> tuple[str, int]:
    rng = random.Random(7)
    for i in range(200):
        small = repo.create(f"Small chat {i} about {rng.choice(_WORDS)}")
        turn = Turn.new(small.id, None, [TextPart(_paragraph(rng, 12))])
        turn.answer, turn.status = [TextPart(_paragraph(rng, 40))], TurnStatus.COMPLETED
        repo.add_turn(turn)
    conversation = repo.create("The big one")
    parent: str | None = None
    text_bytes = 0
    for i in range(turns):
        prompt = _paragraph(rng, 25)
        answer = _answer(rng, i)
        turn = Turn.new(conversation.id, parent, [TextPart(prompt)])
        turn.answer, turn.status = [TextPart(answer)], TurnStatus.COMPLETED
        turn.thoughts = _paragraph(rng, 15)
        turn.steps = [
            {"type": "thought", "signature": "Ev" + "x" * 120, "summary": [{"type": "text", "text": turn.thoughts}]},
            {"type": "model_output", "content": [{"type": "text", "text": answer}]},
        ]
        turn.usage = {"total_input_tokens": 1000 + i, "total_output_tokens": 500}
        repo.add_turn(turn)
        parent = turn.id
        text_bytes += len(prompt.encode()) + len(answer.encode())
    return conversation.id, text_bytes


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    """Build the data set, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        db = open_database(path)
        repo = ConversationRepository(db)
        start = time.perf_counter()
        conversation_id, text_bytes = _build(repo, args.turns)
        build_s = time.perf_counter() - start
        db.close()
        size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 2**20

        open_ms = _median_ms(lambda: open_database(path).close(), args.repeat)
        db = open_database(path)
        repo = ConversationRepository(db)
        gc.collect()
        rss_before = _rss_mb()
        load_ms = _median_ms(lambda: repo.turns(conversation_id), args.repeat)
        loaded = repo.turns(conversation_id)
        leaf = repo.get(conversation_id).current_leaf_turn_id  # type: ignore[union-attr]
        path_ms = _median_ms(lambda: branch_path(loaded, leaf), args.repeat)
        rss_after = _rss_mb()
        list_ms = _median_ms(repo.list, args.repeat)
        queries = ["handler_999", "migration rollback", "sqli", "small chat", "nothingmatches"]
        search_ms = {q: _median_ms(lambda q=q: repo.search(q), args.repeat) for q in queries}
        hits = {q: len(repo.search(q)) for q in queries}
        listed = len(repo.list())
        streaming = Turn.new(conversation_id, leaf, [TextPart("stream")])
        streaming.status = TurnStatus.STREAMING
        repo.add_turn(streaming)
        growing = _answer(random.Random(1), 0) * 10
        progress_ms = _median_ms(
            lambda: repo.append_stream_progress(streaming.id, growing, "t", TurnStatus.STREAMING),
            args.repeat * 4,
        )
        db.close()

    print(
        f"data set: {args.turns} turns, {text_bytes / 2**20:.2f} MiB of Markdown text "
        f"(+ recorded steps), 200 other conversations; file {size_mb:.1f} MiB; "
        f"built in {build_s:.1f} s"
    )
    print(f"open_database (quick_check, WAL)  median {open_ms:8.2f} ms")
    print(f"load all {len(loaded)} turns            median {load_ms:8.2f} ms")
    print(f"branch_path over them             median {path_ms:8.2f} ms")
    print(f"list conversations ({listed})          median {list_ms:8.2f} ms")
    for query, ms in search_ms.items():
        print(f"search {query!r:<20} {hits[query]:>3} hits  median {ms:8.2f} ms")
    print(f"append_stream_progress ({len(growing) // 1024} KiB)  median {progress_ms:8.2f} ms")
    print(
        f"RSS before loading {rss_before:.1f} MiB, after loading {rss_after:.1f} MiB "
        f"(+{rss_after - rss_before:.1f} MiB)"
    )


if __name__ == "__main__":
    main()
