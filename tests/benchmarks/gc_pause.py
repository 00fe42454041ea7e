"""Benchmark: the periodic full garbage collection with the SDK loaded, before and after the freeze.

Run: ``python -m tests.benchmarks.gc_pause [--runs 5]``.

The app runs ``gc_policy.full_collect`` every ``FULL_COLLECT_S`` seconds on the GUI thread; its
duration is a GUI stall. This imports what a warm app holds (PySide6 widgets, the app's modules,
google-genai with a built client), then times full collections as they were (everything tracked)
and after ``gc_policy.after_library_load`` (what the app now calls once the client is built).
Prints medians side by side.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time


def _collect_ms(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        gc.collect()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from google import genai

    import desktop.app  # noqa: F401 - what a running app has imported
    from desktop import gc_policy
    from desktop.services.genai.service import GeminiService  # noqa: F401

    client = genai.Client(api_key="benchmark", http_options={"base_url": "http://127.0.0.1:9"})
    _ = client.interactions
    tracked = len(gc.get_objects())
    before = _collect_ms(args.runs)
    gc_policy.after_library_load()
    after = _collect_ms(args.runs)
    gc.unfreeze()
    b, a = statistics.median(before), statistics.median(after)
    print(f"\nFull collection with the SDK loaded ({tracked:,} tracked objects, {args.runs} runs, medians)")
    print(f"everything tracked (before)     {b:8.1f} ms")
    print(f"after after_library_load        {a:8.3f} ms   (goal: no GUI stall over 50 ms)")


if __name__ == "__main__":
    main()
