"""Benchmark: streaming through the app's service vs the stock SDK loop, on the GUI thread.

Run: ``python -m tests.benchmarks.streaming [--runs 5] [--deltas 2000] [--image-mb 4]``

Both paths run in one process on a qasync loop over a QApplication, against the same fake server
in a separate process, and append every text delta to a QPlainTextEdit:

- stock: ``async for ev in await client.aio.interactions.create(stream=True)`` on the GUI loop,
  with the SDK's own decoder (the cached-decoder patch removed);
- service: ``GeminiService.stream_turn`` (SDK on its worker thread, app events in batches).

It prints the median wall time of a 2,000-delta burst, deltas per second, and the ratio; and the
longest wait of a 10 ms QTimer on the GUI thread during the burst and during one 4 MB inline image
event, for both paths. Figures, not assertions: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.benchmarks.ticks import TickMonitor


def append(view: QPlainTextEdit, text: str) -> None:
    cursor = view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


async def stock_turn(client: object, view: QPlainTextEdit, prompt: str) -> int:
    """The stock SDK loop on the GUI thread."""
    chars = 0
    stream = await client.aio.interactions.create(model="gemini-3-flash-preview", input=prompt, stream=True)  # type: ignore[attr-defined]
    async for event in stream:
        if event.event_type == "step.delta" and getattr(event.delta, "type", None) == "text":
            append(view, event.delta.text)
            chars += len(event.delta.text)
    return chars


async def service_turn(service: object, view: QPlainTextEdit, prompt: str) -> int:
    """The app's service: SDK on a worker thread, decoded app events in batches."""
    from desktop.domain import events as ev
    from desktop.domain.api import TurnRequest

    chars = 0
    async for event in service.stream_turn(TurnRequest(input=prompt, model="gemini-3-flash-preview")):  # type: ignore[attr-defined]
        if isinstance(event, ev.TextDelta):
            append(view, event.text)
            chars += len(event.text)
    return chars


async def measure(run: Callable[[], Awaitable[int]], monitor: TickMonitor) -> tuple[float, float, int]:
    """(wall seconds, max timer gap seconds, characters) of one run."""
    monitor.start()
    t0 = time.perf_counter()
    chars = await run()
    wall = time.perf_counter() - t0
    return wall, monitor.stop(), chars


async def main_async(args: argparse.Namespace, base_url: str) -> None:
    from google import genai
    from google.genai import types

    from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig, fastpath

    view = QPlainTextEdit()
    view.resize(800, 600)
    view.show()
    monitor = TickMonitor()
    options = types.HttpOptions(base_url=base_url, timeout=120_000, retry_options=types.HttpRetryOptions(attempts=1))
    client = genai.Client(api_key="bench", http_options=options)
    client.aio.interactions  # noqa: B018 - build the SDK before measuring
    service = GeminiService(ServiceConfig(api_key="bench", base_url=base_url, retry=RetryPolicy(attempts=1)))
    await service.start()

    burst = f"burst:{args.deltas}"
    image = f"image:{int(args.image_mb * 1024 * 1024)}"

    async def stock(prompt: str) -> int:
        fastpath.uninstall()
        view.clear()
        return await stock_turn(client, view, prompt)

    async def ours(prompt: str) -> int:
        fastpath.install()
        view.clear()
        return await service_turn(service, view, prompt)

    # Warm-up: first calls pay lazy imports and connection set-up.
    await stock("burst:20")
    await ours("burst:20")

    results: dict[str, list[tuple[float, float, int]]] = {"stock": [], "service": []}
    image_gaps: dict[str, list[float]] = {"stock": [], "service": []}
    image_walls: dict[str, list[float]] = {"stock": [], "service": []}
    for _ in range(args.runs):
        results["stock"].append(await measure(lambda: stock(burst), monitor))
        results["service"].append(await measure(lambda: ours(burst), monitor))
    for _ in range(max(1, args.runs // 2)):
        for name, run in (("stock", stock), ("service", ours)):
            wall, gap, _ = await measure(lambda: run(image), monitor)  # noqa: B023 - awaited at once
            image_gaps[name].append(gap)
            image_walls[name].append(wall)

    await service.aclose()
    await client.aio.aclose()
    client.close()

    def med(values: list[float]) -> float:
        return statistics.median(values)

    print(f"\nStreaming {args.deltas} text deltas into a QPlainTextEdit, {args.runs} runs each (medians)")
    print(f"{'path':<10}{'wall s':>10}{'deltas/s':>12}{'max 10ms-timer gap':>22}")
    walls = {}
    for name, rows in results.items():
        wall = med([r[0] for r in rows])
        gap = med([r[1] for r in rows])
        walls[name] = wall
        print(f"{name:<10}{wall:>10.3f}{args.deltas / wall:>12.0f}{gap * 1000:>19.1f} ms")
    print(f"speed-up service vs stock: {walls['stock'] / walls['service']:.1f}x  (target >= 3x)")
    print(
        f"worst timer gap in any burst run: stock {max(r[1] for r in results['stock']) * 1000:.0f} ms, "
        f"service {max(r[1] for r in results['service']) * 1000:.0f} ms  (target <= 50 ms)"
    )
    print(f"\nOne {args.image_mb:g} MB inline image event: max 10ms-timer gap (median, worst) and time to arrive")
    for name, gaps in image_gaps.items():
        print(f"{name:<10}{med(gaps) * 1000:>10.0f} ms {max(gaps) * 1000:>8.0f} ms {med(image_walls[name]):>8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deltas", type=int, default=2000)
    parser.add_argument("--image-mb", type=float, default=4.0)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.serve_fake"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        base_url = line.split()[1]
        import qasync

        app = QApplication.instance() or QApplication([])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(main_async(args, base_url))
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(10)


if __name__ == "__main__":
    main()
