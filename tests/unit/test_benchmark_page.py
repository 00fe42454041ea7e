"""tools.benchmarks: finds the benchmarks, reads their printed figures, and keeps sections it did not re-run."""

from __future__ import annotations

from tools import benchmarks

STREAMING = """
Streaming 2000 text deltas into a QPlainTextEdit, 2 runs each (medians)
path          wall s    deltas/s    max 10ms-timer gap
stock         11.871         168             3476.4 ms
service        0.802        2495               49.3 ms
speed-up service vs stock: 14.8x  (target >= 3x)
worst timer gap in any burst run: stock 3633 ms, service 61 ms  (target <= 50 ms)
"""

STARTUP = """
Process start to first paint (offscreen, 3 runs, medians)
bare QMainWindow       230 ms
Gemini Desktop         365 ms
ratio                 1.58   (target <= 1.3)

Quit (SIGTERM -> exit 0): median 1747 ms, worst 2824 ms   (target <= 2000 ms)
"""


def result(name: str, output: str) -> benchmarks.Result:
    return benchmarks.Result(name, f"python -m tests.benchmarks.{name}", output, 0, 12.0, "2026-12-01 00:00 UTC")


def test_every_benchmark_module_is_found_and_the_fake_server_is_not():
    names = benchmarks.discover()
    assert names[:2] == ["streaming", "startup"]
    assert {"conversation_perf", "render_stream", "store_open", "tool_steps"} <= set(names)
    assert "serve_fake" not in names


def test_the_app_is_compared_with_the_stock_sdk_and_a_bare_window():
    figures = benchmarks.streaming_figures(STREAMING) + benchmarks.startup_figures(STARTUP)
    rows = {f.what: f for f in figures}
    burst = rows["Streaming a 2,000-delta answer (wall time; deltas/s)"]
    assert (burst.app, burst.reference, burst.ratio) == (
        "0.802 s; 2495/s",
        "stock SDK: 11.871 s; 168/s",
        "14.8× faster",
    )
    paint = rows["Process start → window painted"]
    assert (paint.app, paint.reference, paint.ratio, paint.goal) == (
        "365 ms",
        "bare Qt window: 230 ms",
        "1.58×",
        "≤ 1.3×",
    )


def test_a_page_keeps_the_sections_of_benchmarks_not_run_again():
    page = benchmarks.render_page(
        {"streaming": result("streaming", STREAMING), "startup": result("startup", STARTUP)},
        {"CPU": "a test CPU"},
        ["streaming", "startup"],
    )
    assert "| a test CPU |" in page
    assert "14.8× faster" in page and "bare Qt window: 230 ms" in page

    read = benchmarks.read_sections(page)
    assert read["startup"].output.strip() == STARTUP.strip()
    assert read["streaming"].command == "python -m tests.benchmarks.streaming"
    assert benchmarks.render_page(read, {"CPU": "a test CPU"}, ["streaming", "startup"]) == page


IDLE = """
Idle and start-up (offscreen, 2 runs, medians; idle = 6 s after start)
                                     bare window  Gemini Desktop   ratio   goal
idle RSS, process tree (MB)                   50             106    2.11   <= 150 MB
process start -> window painted            104ms           169ms    1.62   <= 1.3x (6 samples each)
first prompt: Enter -> on the wire                          42ms           <= 300 ms (SDK loaded at the first keystroke)
second launch: hand over and exit                           65ms           <= 2000 ms
--quick -> quick ask shown                                   1ms           <= 150 ms (from the running app taking it)
"""


def test_idle_memory_and_start_up_are_compared_with_a_bare_window():
    rows = {f.what: f for f in benchmarks.idle_figures(IDLE)}
    rss = rows["Idle memory (RSS of the process tree)"]
    assert (rss.app, rss.reference, rss.ratio, rss.goal) == ("106 MB", "bare Qt window: 50 MB", "2.11×", "≤ 150 MB")
    paint = rows["Process start → window painted (idle run)"]
    assert (paint.app, paint.reference, paint.ratio, paint.goal) == (
        "169 ms",
        "bare Qt window: 104 ms",
        "1.62×",
        "≤ 1.3×",
    )
    assert rows["First prompt after start: Enter → request on the wire"].app == "42 ms"
    assert rows["`--quick` → quick-ask window shown"].goal == "≤ 150 ms"
